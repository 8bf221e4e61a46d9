import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { OrderLine } from '../../subgraphs/orders/entities/order-line';
import { Order, OrderStatus } from '../../subgraphs/orders/entities/order';
import { SettlementLine, SettlementStatement } from '../../subgraphs/orders/entities/settlement';
import { SupplierOrder, SupplierOrderStatus } from '../../subgraphs/orders/entities/supplier-order';
import {
  ADDRESS,
  CHECKOUT,
  assertLedgerClean,
  bankAdmin,
  createListing,
  customer,
  markShipped,
  pointsOf,
  setStock,
  setUpMall,
  stockOf,
} from './helpers';
import { Refund } from '../../subgraphs/orders/entities/refund';
import { platform, supplierAdmin } from '../principals';
import { StatementService } from '../../subgraphs/orders/services/statements.service';
import { setBalance } from '../loyalty/helpers';

async function deliver(sys: TestSystem, supplierOrderId: number, at = new Date()) {
  const token = await sys.identityToken({ role: 'SERVICE', sub: 'logistics' }, 'orders', { key: 'service' });
  const r = await sys.subgraphRaw(
    'orders',
    {
      query:
        'mutation($id: ID!, $at: DateTime!) { recordSupplierOrderProgress(supplierOrderId: $id, status: DELIVERED, at: $at) { status } }',
      variables: { id: String(supplierOrderId), at: at.toISOString() },
    },
    { 'x-perkmall-identity': token },
  );
  assert.equal(r.body.errors, undefined, JSON.stringify(r.body.errors));
}

describe('settlement, refunds and supplier views', () => {
  let sys: TestSystem;
  let mallId: string;
  let supplierId: number;
  let listing: string;
  let virtualListing: string;
  let physicalSku: number;
  const orderIds: number[] = [];

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    supplierId = m.physical.supplierId;
    physicalSku = m.physical.id;
    listing = await createListing(sys, { mallId, skuId: String(m.physical.id), priceMode: 'POINTS', pricePoints: 900 });
    virtualListing = await createListing(sys, {
      mallId,
      skuId: String(m.virtual.id),
      priceMode: 'POINTS',
      pricePoints: 500,
    });
    await setStock(sys, m.physical.id, 100);
    for (let c = 1; c <= 3; c++) {
      const r = await sys.gql(customer(1, c), CHECKOUT, {
        input: {
          mallId,
          lines: [{ listingId: listing, quantity: c }],
          shippingAddress: ADDRESS,
          idempotencyKey: `settle-${c}-000`,
        },
      });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      orderIds.push(Number(r.data!.checkout.order.id));
    }
  });
  after(async () => {
    await sys?.stop();
  });

  const em = async () => (await sys.orm('orders')).em.fork();

  it('a supplier sees its paid orders with their shipping addresses; another supplier sees none of them', async () => {
    const viaGateway = await sys.gql(
      supplierAdmin(supplierId),
      `query($id: ID!) { supplier(id: $id) { name supplierOrders(status: PAID, first: 10) { edges { node { id order { shippingAddress { city } } lines { quantity sku { title } } } } } } }`,
      { id: String(supplierId) },
    );
    assert.equal(viaGateway.errors, undefined, JSON.stringify(viaGateway.errors));
    const edges = viaGateway.data!.supplier.supplierOrders.edges;
    assert.equal(edges.length, 3);
    assert.ok(edges.every((e: any) => e.node.order.shippingAddress.city === ADDRESS.city && e.node.lines[0].sku.title));
    const other = supplierId === 1 ? 2 : 1;
    const denied = await sys.gql(
      supplierAdmin(other),
      `query($id: ID!) { supplier(id: $id) { supplierOrders(status: PAID) { edges { node { id } } } } }`,
      { id: String(supplierId) },
    );
    assert.ok(['NOT_FOUND', 'FORBIDDEN'].includes(errorCode(denied)!), JSON.stringify(denied));
    // and straight at the order: another supplier cannot read it (or its address)
    const direct = await sys.gql(
      supplierAdmin(other),
      `query($id: ID!) { order(id: $id) { shippingAddress { city } } }`,
      { id: String(orderIds[0]) },
    );
    assert.equal(errorCode(direct), 'NOT_FOUND');
  });

  it('the supplier order query costs the same statements for 5 and 50 supplier orders', async () => {
    // 50 more paid supplier orders, written as fixtures (this is about the read path).
    const e = await em();
    for (let i = 0; i < 50; i++) {
      const o = e.create(Order, {
        bankId: 1,
        mallId: Number(mallId),
        customerId: 10,
        idempotencyKey: `fixture-${i}-0000`,
        status: OrderStatus.PAID,
        totalPoints: 900,
        cashFen: 0,
        pointsAppliedToCash: 0,
        pointsValueFen: 900,
        shippingAddress: ADDRESS,
        stockReserved: true,
        pointsHeld: true,
        confirmed: true,
        compensated: false,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      await e.persistAndFlush(o);
      const so = e.create(SupplierOrder, {
        orderId: o.id,
        supplierId,
        bankId: 1,
        customerId: 10,
        status: SupplierOrderStatus.PAID,
        createdAt: new Date(),
      });
      await e.persistAndFlush(so);
      e.persist(
        e.create(OrderLine, {
          orderId: o.id,
          supplierOrderId: so.id,
          listingId: Number(listing),
          skuId: 1,
          supplierId,
          kind: 'PHYSICAL' as never,
          title: 'x',
          quantity: 1,
          unitPoints: 900,
          unitFen: 0,
          supplierPriceFen: 100,
          refundedQuantity: 0,
        }),
      );
    }
    await e.flush();
    const counts: Record<number, Record<string, number>> = {};
    for (const first of [5, 50]) {
      const requestId = randomUUID();
      const r = await sys.gql(
        supplierAdmin(supplierId),
        `query($id: ID!, $n: Int) { supplier(id: $id) { supplierOrders(status: PAID, first: $n) { edges { node { order { shippingAddress { city } } lines { sku { title } } } } } } }`,
        { id: String(supplierId), n: first },
        { requestId },
      );
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      assert.equal(r.data!.supplier.supplierOrders.edges.length, first);
      counts[first] = {
        orders: await sys.statements('orders', requestId),
        catalog: await sys.statements('catalog', requestId),
      };
    }
    assert.deepEqual(counts[5], counts[50]);
    assert.ok(counts[50]!.orders <= 4, JSON.stringify(counts));

    // The customer's side of the same orders: orders, lines, SKU titles, supplier orders.
    const customerCounts: Record<number, Record<string, number>> = {};
    for (const first of [5, 50]) {
      const requestId = randomUUID();
      const r = await sys.gql(
        customer(1, 10),
        `query($n: Int) { customer { orders(first: $n) { edges { node { status lines { sku { title } } supplierOrders { status } } } } } }`,
        { n: first },
        { requestId },
      );
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      assert.equal(r.data!.customer.orders.edges.length, first);
      customerCounts[first] = {
        tenants: await sys.statements('tenants', requestId),
        orders: await sys.statements('orders', requestId),
        catalog: await sys.statements('catalog', requestId),
      };
    }
    assert.deepEqual(customerCounts[5], customerCounts[50]);
  });

  it('settlement equals the supplier price of delivered lines, to the fen; a replayed delivery counts once', async () => {
    const e = await em();
    const sos = await e.find(SupplierOrder, { orderId: { $in: orderIds } });
    for (const so of sos) {
      await deliver(sys, so.id);
      await deliver(sys, so.id); // duplicated event delivery
    }
    const lines = await e.find(OrderLine, { orderId: { $in: orderIds } });
    const expected = lines.reduce((s, l) => s + l.quantity * l.supplierPriceFen, 0);
    const statements = await sys.gql(
      bankAdmin(1),
      `query($s: ID) { settlementStatements(supplierId: $s) { edges { node { id totalFen period status lines(first: 100) { edges { node { amountFen } } } } } } }`,
      { s: String(supplierId) },
    );
    assert.equal(statements.errors, undefined, JSON.stringify(statements.errors));
    const [statement] = statements.data!.settlementStatements.edges.map((e: any) => e.node);
    assert.equal(statement.totalFen, expected);
    assert.equal(
      statement.lines.edges.reduce((s: number, x: any) => s + x.node.amountFen, 0),
      expected,
    );
    assert.equal(statement.lines.edges.length, lines.length);
    const orders = await e.find(Order, { id: { $in: orderIds } });
    assert.ok(orders.every((o) => o.status === OrderStatus.COMPLETED));
  });

  it('an approved refund returns points and takes the units out of the open statement; after settlement it goes to the next month', async () => {
    const e = await em();
    const order3 = await e.findOneOrFail(Order, orderIds[2]!);
    const so = await e.findOneOrFail(SupplierOrder, { orderId: order3.id });
    const line = await e.findOneOrFail(OrderLine, { orderId: order3.id });
    const points = await pointsOf(sys, 3);
    const req = await sys.gql(
      customer(1, 3),
      `mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id state } }`,
      {
        i: {
          supplierOrderId: String(so.id),
          lines: [{ orderLineId: String(line.id), quantity: 1 }],
          reason: '包装破损',
        },
      },
    );
    assert.equal(req.errors, undefined, JSON.stringify(req.errors));
    const refundId = req.data!.requestRefund.id;
    // only the customer's own order; only the order's supplier decides
    assert.equal(
      errorCode(
        await sys.gql(customer(1, 2), `mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id } }`, {
          i: {
            supplierOrderId: String(so.id),
            lines: [{ orderLineId: String(line.id), quantity: 1 }],
            reason: '不是我的',
          },
        }),
      ),
      'NOT_FOUND',
    );
    const other = supplierId === 1 ? 2 : 1;
    assert.equal(
      errorCode(
        await sys.gql(supplierAdmin(other), `mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state } }`, {
          i: { refundId, approve: true },
        }),
      ),
      'NOT_FOUND',
    );
    const decided = await sys.gql(
      supplierAdmin(supplierId),
      `mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state pointsRefunded cashRefundFen } }`,
      { i: { refundId, approve: true } },
    );
    assert.equal(decided.errors, undefined, JSON.stringify(decided.errors));
    assert.deepEqual(decided.data!.decideRefund, { state: 'APPROVED', pointsRefunded: 900, cashRefundFen: 0 });
    assert.equal((await pointsOf(sys, 3)).redeemable, points.redeemable + 900);
    // approving twice changes nothing
    await sys.gql(supplierAdmin(supplierId), `mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state } }`, {
      i: { refundId, approve: true },
    });
    assert.equal((await pointsOf(sys, 3)).redeemable, points.redeemable + 900);

    const lines = await e.find(OrderLine, { orderId: { $in: orderIds } });
    const owed = lines.reduce((s, l) => s + (l.quantity - l.refundedQuantity) * l.supplierPriceFen, 0);
    const statement = await e.findOneOrFail(SettlementStatement, { supplierId, bankId: 1 }, { refresh: true });
    assert.equal(statement.totalFen, owed);

    // The platform issues this month (as if it had ended: the service is asked with a later clock);
    // a later refund adjusts the next month.
    const issued = await new StatementService(e as never, platform, {
      termsOf: async () => ({ timeZone: 'Asia/Shanghai', settlementTermDays: 30 }),
    }).issue(statement.id, new Date(Date.now() + 40 * 86_400_000));
    assert.equal(issued.status, 'ISSUED');
    const req2 = await sys.gql(
      customer(1, 3),
      `mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id } }`,
      {
        i: {
          supplierOrderId: String(so.id),
          lines: [{ orderLineId: String(line.id), quantity: 1 }],
          reason: '又坏了一个',
        },
      },
    );
    await sys.gql(supplierAdmin(supplierId), `mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state } }`, {
      i: { refundId: req2.data!.requestRefund.id, approve: true },
    });
    const all = await (await em()).find(SettlementStatement, { supplierId, bankId: 1 }, { orderBy: { period: 'ASC' } });
    assert.equal(all.length, 2);
    assert.equal(all[0]!.totalFen, owed, 'the issued month does not change');
    assert.equal(all[1]!.totalFen, -line.supplierPriceFen);
    assert.ok(all[1]!.period > all[0]!.period);
    // bank 2 sees none of this
    const b2 = await sys.gql(bankAdmin(2), `{ settlementStatements { edges { node { id } } } }`);
    assert.deepEqual(b2.data!.settlementStatements.edges, []);
    await assertLedgerClean(sys);
  });

  it('a customer cancels a paid order before shipment: points come back in full and the goods go back on sale', async () => {
    const points = await pointsOf(sys, 7);
    const stock = await stockOf(sys, physicalSku);
    const r = await sys.gql(customer(1, 7), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: listing, quantity: 2 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'cancel-paid-01',
      },
    });
    const id = r.data!.checkout.order.id;
    assert.equal((await pointsOf(sys, 7)).redeemable, points.redeemable - 1800);
    // Nothing has shipped: a refund is refused (it would leave the parcel going out); cancelling is the way.
    const so = r.data!.checkout.order.supplierOrders[0].id;
    const refund = await sys.gql(
      customer(1, 7),
      `mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id } }`,
      {
        i: {
          supplierOrderId: so,
          lines: [{ orderLineId: r.data!.checkout.order.lines[0].id, quantity: 1 }],
          reason: '不想要了',
        },
      },
    );
    assert.equal(errorCode(refund), 'CONFLICT');
    assert.match(refund.errors![0]!.message, /cancel the order instead/);
    const c = await sys.gql(customer(1, 7), `mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { status } }`, {
      i: { orderId: id },
    });
    assert.equal(c.errors, undefined, JSON.stringify(c.errors));
    assert.equal(c.data!.cancelOrder.status, 'CANCELLED');
    assert.equal((await pointsOf(sys, 7)).redeemable, points.redeemable);
    assert.deepEqual(await stockOf(sys, physicalSku), stock);
    const refunds = await (await em()).find(Refund, { orderId: Number(id) });
    assert.ok(refunds.length === 1 && refunds[0]!.remoteSettled, 'points returned and goods restocked');
    assert.equal(
      errorCode(
        await sys.gql(customer(1, 8), `mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { status } }`, {
          i: { orderId: id },
        }),
      ),
      'NOT_FOUND',
    );
    await assertLedgerClean(sys);
  });

  it('a virtual order is settled when its codes are issued', async () => {
    const r = await sys.gql(customer(1, 9), CHECKOUT, {
      input: { mallId, lines: [{ listingId: virtualListing, quantity: 1 }], idempotencyKey: 'virtual-settle-1' },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const e = await em();
    const line = await e.findOneOrFail(OrderLine, { orderId: Number(r.data!.checkout.order.id) });
    const statement = await e.findOneOrFail(SettlementStatement, { supplierId: line.supplierId, bankId: 1 });
    assert.equal(statement.totalFen, line.supplierPriceFen);
  });

  it('a refund approved while its delivery is reported: settlement owes delivered minus refunded, to the fen (repeated)', async () => {
    const ids: number[] = [];
    let price = 0;
    for (let i = 0; i < 6; i++) {
      const c = 11 + i;
      await setBalance(sys, 1, c, 5000, `race-balance-${c}`);
      const r = await sys.gql(customer(1, c), CHECKOUT, {
        input: {
          mallId,
          lines: [{ listingId: listing, quantity: 2 }],
          shippingAddress: ADDRESS,
          idempotencyKey: `race-${i}-0000`,
        },
      });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      const id = Number(r.data!.checkout.order.id);
      ids.push(id);
      const e = await em();
      const so = await e.findOneOrFail(SupplierOrder, { orderId: id });
      const line = await e.findOneOrFail(OrderLine, { orderId: id });
      price = line.supplierPriceFen;
      await markShipped(sys, so.id);
      const req = await sys.gql(
        customer(1, c),
        `mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id } }`,
        {
          i: {
            supplierOrderId: String(so.id),
            lines: [{ orderLineId: String(line.id), quantity: 1 }],
            reason: '少发了一件',
          },
        },
      );
      assert.equal(req.errors, undefined, JSON.stringify(req.errors));
      // the supplier approves while logistics reports the delivery
      const [decided] = await Promise.all([
        sys.gql(supplierAdmin(supplierId), `mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state } }`, {
          i: { refundId: req.data!.requestRefund.id, approve: true },
        }),
        deliver(sys, so.id),
      ]);
      assert.equal(decided.errors, undefined, JSON.stringify(decided.errors));
    }
    const e = await em();
    const lines = await e.find(SettlementLine, { orderId: { $in: ids } });
    for (const id of ids) {
      const mine = lines.filter((l) => l.orderId === id);
      assert.equal(
        mine.reduce((s, l) => s + l.amountFen, 0),
        price,
        `order ${id}: ${JSON.stringify(mine.map((l) => [l.kind, l.quantity, l.amountFen]))}`,
      );
    }
    // every statement's total is the sum of its lines
    for (const st of await e.find(SettlementStatement, {})) {
      const all = await e.find(SettlementLine, { statementId: st.id });
      assert.equal(
        st.totalFen,
        all.reduce((s, l) => s + l.amountFen, 0),
        `statement ${st.id}`,
      );
    }
    await assertLedgerClean(sys);
  });

  it('a statement past 2^31 fen is stored and served exactly (bigint column, SafeInt in the API)', async () => {
    // A bank-2 order of 999 units at 30,000.00 CNY supplier price: 2,997,000,000 fen, and a second one on top.
    const e = await em();
    const big = [];
    for (let i = 0; i < 2; i++) {
      const o = e.create(Order, {
        bankId: 2,
        mallId: 1,
        customerId: 30,
        idempotencyKey: `big-${i}-00000`,
        status: OrderStatus.PAID,
        totalPoints: 0,
        cashFen: 0,
        pointsAppliedToCash: 0,
        pointsValueFen: 0,
        shippingAddress: ADDRESS,
        stockReserved: true,
        pointsHeld: false,
        confirmed: true,
        compensated: false,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      await e.persistAndFlush(o);
      const so = e.create(SupplierOrder, {
        orderId: o.id,
        supplierId,
        bankId: 2,
        customerId: 30,
        status: SupplierOrderStatus.PAID,
        createdAt: new Date(),
      });
      await e.persistAndFlush(so);
      e.persist(
        e.create(OrderLine, {
          orderId: o.id,
          supplierOrderId: so.id,
          listingId: 1,
          skuId: physicalSku,
          supplierId,
          kind: 'PHYSICAL' as never,
          title: 'x',
          quantity: 999,
          unitPoints: 0,
          unitFen: 0,
          supplierPriceFen: 3_000_000,
          refundedQuantity: 0,
        }),
      );
      await e.flush();
      big.push(so.id);
    }
    for (const id of big) await deliver(sys, id);
    const r = await sys.gql(
      bankAdmin(2),
      `query($s: ID) { settlementStatements(supplierId: $s) { edges { node { totalFen lines(first: 10) { edges { node { amountFen } } } } } } }`,
      { s: String(supplierId) },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const found = r.data!.settlementStatements.edges.map((e: any) => e.node);
    assert.equal(found.length, 1);
    assert.equal(found[0].totalFen, 5_994_000_000);
    assert.deepEqual(
      found[0].lines.edges.map((x: any) => x.node.amountFen),
      [2_997_000_000, 2_997_000_000],
    );
  });

  it('a customer token naming another bank sees none of the customer’s orders, even with the right customer id', async () => {
    const id = String(orderIds[0]); // customer 1 of bank 1
    const so = await (await em()).findOneOrFail(SupplierOrder, { orderId: orderIds[0]! });
    const line = await (await em()).findOneOrFail(OrderLine, { orderId: orderIds[0]! });
    const ORDER = `query($id: ID!) { order(id: $id) { id status } }`;
    const own = await sys.gql(customer(1, 1), ORDER, { id });
    assert.equal(own.errors, undefined, JSON.stringify(own.errors));
    assert.equal(own.data!.order.id, id);
    const wrongBank = customer(2, 1);
    assert.equal(errorCode(await sys.gql(wrongBank, ORDER, { id })), 'NOT_FOUND');
    assert.equal(
      errorCode(
        await sys.gql(wrongBank, `mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { status } }`, {
          i: { orderId: id },
        }),
      ),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(
        await sys.gql(wrongBank, `mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id } }`, {
          i: {
            supplierOrderId: String(so.id),
            lines: [{ orderLineId: String(line.id), quantity: 1 }],
            reason: '换个银行试试',
          },
        }),
      ),
      'NOT_FOUND',
    );
    // the supplier order reference (as the gateway resolves it) is withheld as well
    const ENTITIES = {
      query:
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on SupplierOrder { id } ... on Order { id } } }',
      variables: {
        r: [
          { __typename: 'SupplierOrder', id: String(so.id) },
          { __typename: 'Order', id },
        ],
      },
    };
    const asOwner = await sys.subgraphRaw('orders', ENTITIES, {
      'x-perkmall-identity': await sys.identityToken(customer(1, 1), 'orders'),
    });
    assert.deepEqual(asOwner.body.data!._entities, [{ id: String(so.id) }, { id }]);
    const asOther = await sys.subgraphRaw('orders', ENTITIES, {
      'x-perkmall-identity': await sys.identityToken(wrongBank, 'orders'),
    });
    assert.deepEqual(asOther.body.data!._entities, [null, null]);
    // and its checkout key cannot be replayed from the other bank
    const replay = await sys.gql(wrongBank, CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: listing, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'settle-1-000',
      },
    });
    assert.equal(errorCode(replay), 'FORBIDDEN');
  });
});
