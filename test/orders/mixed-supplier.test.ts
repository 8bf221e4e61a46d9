import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { Sku, SkuKind, SkuStatus } from '../../subgraphs/catalog/entities/sku';
import { Fulfilment, FulfilmentLine } from '../../subgraphs/logistics/entities/fulfilment';
import { Order } from '../../subgraphs/orders/entities/order';
import { Refund } from '../../subgraphs/orders/entities/refund';
import { SettlementLine } from '../../subgraphs/orders/entities/settlement';
import { SupplierOrder } from '../../subgraphs/orders/entities/supplier-order';
import {
  ADDRESS,
  CHECKOUT,
  assertLedgerClean,
  bankAdmin,
  createListing,
  customer,
  pointsOf,
  setStock,
  setUpMall,
  stockOf,
} from './helpers';
import { bankOperator } from '../principals';
import { SHIP, fulfilmentOpened, pushEvents, supplierStaff, waitFor } from '../logistics/helpers';

const CANCEL = 'mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { status supplierOrders { status } } }';
const REQUEST_REFUND = 'mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id state } }';
const DECIDE_REFUND = 'mutation($i: DecideRefundInput!) { decideRefund(input: $i) { id state pointsRefunded } }';
const ADDRESS_OF = 'query($id: ID!) { order(id: $id) { id shippingAddress { recipient phone detail } } }';

/**
 * One supplier selling goods and card codes (the demo plan has none: a physical SKU is moved to the
 * card supplier here), and a second supplier of goods only.
 */
describe('a supplier with goods and card codes in one order', () => {
  let sys: TestSystem;
  let mallId: string;
  let mixedSupplier: number; // sells the card and the goods
  let goodsSupplier: number; // sells goods only
  let goodsSku: number;
  let goods: string; // mixedSupplier's goods, 300 points
  let card: string; // mixedSupplier's card, 50 points
  let otherGoods: string; // goodsSupplier's goods, 200 points
  let goodsPrice: number;
  let cardPrice: number;

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    mixedSupplier = m.virtual.supplierId;
    goodsSku = m.physical2.id;
    await (await sys.orm('catalog')).em.fork().nativeUpdate(Sku, { id: goodsSku }, { supplierId: mixedSupplier });
    const other = m.physical.supplierId === mixedSupplier ? null : m.physical;
    assert.ok(other, 'the first physical SKU belongs to another supplier');
    goodsSupplier = other.supplierId;
    await setStock(sys, goodsSku, 100);
    await setStock(sys, other.id, 100);
    goods = await createListing(sys, { mallId, skuId: String(goodsSku), priceMode: 'POINTS', pricePoints: 300 });
    card = await createListing(sys, { mallId, skuId: String(m.virtual.id), priceMode: 'POINTS', pricePoints: 50 });
    otherGoods = await createListing(sys, { mallId, skuId: String(other.id), priceMode: 'POINTS', pricePoints: 200 });
    const catalog = (await sys.orm('catalog')).em.fork();
    goodsPrice = (await catalog.findOneOrFail(Sku, goodsSku)).supplierPriceFen;
    cardPrice = (await catalog.findOneOrFail(Sku, m.virtual.id)).supplierPriceFen;
  });
  after(async () => {
    await sys?.stop();
  });

  const ordersEm = async () => (await sys.orm('orders')).em.fork();
  const logisticsEm = async () => (await sys.orm('logistics')).em.fork();
  const settlementOf = async (orderId: string) =>
    (await (await ordersEm()).find(SettlementLine, { orderId: Number(orderId) }, { orderBy: { id: 'ASC' } })).map(
      (l) => ({ kind: l.kind, orderLineId: String(l.orderLineId), amountFen: Number(l.amountFen) }),
    );

  async function buyGoodsAndCard(
    customerId: number,
    key: string,
  ): Promise<{ orderId: string; soId: string; goodsLine: string; cardLine: string }> {
    const r = await sys.gql(customer(1, customerId), CHECKOUT, {
      input: {
        mallId,
        lines: [
          { listingId: goods, quantity: 1 },
          { listingId: card, quantity: 1 },
        ],
        shippingAddress: ADDRESS,
        idempotencyKey: key,
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const order = r.data!.checkout.order;
    assert.equal(order.status, 'PAID');
    assert.equal(order.supplierOrders.length, 1, 'one supplier, one supplier order');
    assert.equal(order.supplierOrders[0].status, 'PAID');
    assert.equal(order.cardCodes.length, 1, 'the card code is issued at payment');
    const goodsLine = order.lines.find((l: { kind: string }) => l.kind === 'PHYSICAL').id;
    const cardLine = order.lines.find((l: { kind: string }) => l.kind === 'VIRTUAL').id;
    return { orderId: order.id, soId: order.supplierOrders[0].id, goodsLine, cardLine };
  }

  async function shipAndDeliver(soId: string, tracking: string): Promise<void> {
    const shipped = await sys.gql(supplierStaff(mixedSupplier), SHIP, {
      input: { supplierOrderId: soId, carrierCode: 'SF', trackingNumber: tracking },
    });
    assert.equal(shipped.errors, undefined, JSON.stringify(shipped.errors));
    assert.equal(
      shipped.data!.shipSupplierOrder.fulfilment.status,
      'SHIPPED',
      'shipping everything ships the goods: the card is not in the parcel',
    );
    assert.equal(shipped.data!.shipSupplierOrder.shipment.lines.length, 1);
    await waitFor(
      'orders sees SHIPPED',
      async () => (await (await ordersEm()).findOneOrFail(SupplierOrder, Number(soId))).status === 'SHIPPED',
    );
    const d = await pushEvents(sys, 'SF', [
      { eventId: `${tracking}-d`, trackingNumber: tracking, status: 'DELIVERED', occurredAt: new Date().toISOString() },
    ]);
    assert.equal(d.status, 200, JSON.stringify(d.body));
  }

  it('the parcel holds only the goods; once they are delivered the order is COMPLETED and both lines are settled', async () => {
    const o = await buyGoodsAndCard(1, 'mixed-supplier-ship-1');
    const f = await fulfilmentOpened(sys, o.soId);
    const packed = await (await logisticsEm()).find(FulfilmentLine, { fulfilmentId: f.id });
    assert.deepEqual(
      packed.map((l) => String(l.orderLineId)),
      [o.goodsLine],
    );
    // The card was owed to the supplier when its code was issued.
    assert.deepEqual(await settlementOf(o.orderId), [
      { kind: 'DELIVERY', orderLineId: o.cardLine, amountFen: cardPrice },
    ]);

    await shipAndDeliver(o.soId, 'SF8000000001');
    await waitFor(
      'order COMPLETED',
      async () => (await (await ordersEm()).findOneOrFail(Order, Number(o.orderId))).status === 'COMPLETED',
    );
    assert.equal((await (await ordersEm()).findOneOrFail(SupplierOrder, Number(o.soId))).status, 'DELIVERED');
    assert.deepEqual(await settlementOf(o.orderId), [
      { kind: 'DELIVERY', orderLineId: o.cardLine, amountFen: cardPrice },
      { kind: 'DELIVERY', orderLineId: o.goodsLine, amountFen: goodsPrice },
    ]);
  });

  it('cancelling before shipment cancels and refunds the goods, keeps the delivered card; the order is COMPLETED', async () => {
    const points = await pointsOf(sys, 2);
    const stock = await stockOf(sys, goodsSku);
    const o = await buyGoodsAndCard(2, 'mixed-supplier-cancel-1');
    await fulfilmentOpened(sys, o.soId);
    const c = await sys.gql(customer(1, 2), CANCEL, { i: { orderId: o.orderId, reason: '实物不要了' } });
    assert.equal(c.errors, undefined, JSON.stringify(c.errors));
    assert.deepEqual(c.data!.cancelOrder, { status: 'COMPLETED', supplierOrders: [{ status: 'DELIVERED' }] });
    assert.equal(
      (await pointsOf(sys, 2)).redeemable,
      points.redeemable - 50,
      'the goods (300) come back; the card (50) stays paid',
    );
    assert.deepEqual(await stockOf(sys, goodsSku), stock);
    assert.equal(
      (await (await logisticsEm()).findOneOrFail(Fulfilment, { supplierOrderId: Number(o.soId) })).status,
      'CANCELLED',
    );
    // The goods were never owed; the card is.
    assert.deepEqual(await settlementOf(o.orderId), [
      { kind: 'DELIVERY', orderLineId: o.cardLine, amountFen: cardPrice },
    ]);
    const refunds = await (await ordersEm()).find(Refund, { orderId: Number(o.orderId) });
    assert.deepEqual(
      refunds.map((r) => r.lines.map((l) => String(l.orderLineId))),
      [[o.goodsLine]],
    );

    // Logistics' own CANCELLED report arrives too: nothing is refunded twice.
    await waitFor('logistics outbox delivered', async () => {
      const rows = await (
        await logisticsEm()
      )
        .getConnection()
        .execute<{ n: number }[]>('SELECT COUNT(*) AS n FROM outbox_message WHERE delivered_at IS NULL');
      return Number(rows[0]!.n) === 0;
    });
    assert.equal(await (await ordersEm()).count(Refund, { orderId: Number(o.orderId) }), 1);
    assert.equal((await (await ordersEm()).findOneOrFail(Order, Number(o.orderId))).status, 'COMPLETED');
    assert.equal(errorCode(await sys.gql(customer(1, 2), CANCEL, { i: { orderId: o.orderId } })), 'CONFLICT');

    // The card is refunded on request, like any delivered code, and taken out of settlement.
    const asked = await sys.gql(customer(1, 2), REQUEST_REFUND, {
      i: { supplierOrderId: o.soId, lines: [{ orderLineId: o.cardLine, quantity: 1 }], reason: '卡券也不要了' },
    });
    assert.equal(asked.errors, undefined, JSON.stringify(asked.errors));
    const decided = await sys.gql(supplierStaff(mixedSupplier), DECIDE_REFUND, {
      i: { refundId: asked.data!.requestRefund.id, approve: true },
    });
    assert.equal(decided.errors, undefined, JSON.stringify(decided.errors));
    assert.equal(decided.data!.decideRefund.pointsRefunded, 50);
    await waitFor('points back', async () => (await pointsOf(sys, 2)).redeemable === points.redeemable);
    assert.deepEqual(
      (await settlementOf(o.orderId)).map((l) => l.amountFen),
      [cardPrice, -cardPrice],
    );
    await assertLedgerClean(sys);
  });

  it('before the goods ship, the card alone may be refunded but the goods may not; delivery then settles what is left', async () => {
    const points = await pointsOf(sys, 3);
    const o = await buyGoodsAndCard(3, 'mixed-supplier-refund-1');
    await fulfilmentOpened(sys, o.soId);
    const goodsRefund = await sys.gql(customer(1, 3), REQUEST_REFUND, {
      i: { supplierOrderId: o.soId, lines: [{ orderLineId: o.goodsLine, quantity: 1 }], reason: '不想要了吧' },
    });
    assert.equal(errorCode(goodsRefund), 'CONFLICT');
    assert.match(goodsRefund.errors![0]!.message, /cancel the order instead/);
    const both = await sys.gql(customer(1, 3), REQUEST_REFUND, {
      i: {
        supplierOrderId: o.soId,
        lines: [
          { orderLineId: o.goodsLine, quantity: 1 },
          { orderLineId: o.cardLine, quantity: 1 },
        ],
        reason: '不想要了吧',
      },
    });
    assert.equal(errorCode(both), 'CONFLICT');

    const asked = await sys.gql(customer(1, 3), REQUEST_REFUND, {
      i: { supplierOrderId: o.soId, lines: [{ orderLineId: o.cardLine, quantity: 1 }], reason: '卡券买错了' },
    });
    assert.equal(asked.errors, undefined, JSON.stringify(asked.errors));
    const decided = await sys.gql(supplierStaff(mixedSupplier), DECIDE_REFUND, {
      i: { refundId: asked.data!.requestRefund.id, approve: true },
    });
    assert.equal(decided.errors, undefined, JSON.stringify(decided.errors));
    assert.equal(decided.data!.decideRefund.pointsRefunded, 50);
    assert.deepEqual(await settlementOf(o.orderId), [
      { kind: 'DELIVERY', orderLineId: o.cardLine, amountFen: cardPrice },
      { kind: 'REFUND', orderLineId: o.cardLine, amountFen: -cardPrice },
    ]);

    await shipAndDeliver(o.soId, 'SF8000000003');
    await waitFor(
      'order COMPLETED',
      async () => (await (await ordersEm()).findOneOrFail(Order, Number(o.orderId))).status === 'COMPLETED',
    );
    assert.deepEqual(
      (await settlementOf(o.orderId)).map((l) => [l.kind, l.orderLineId, l.amountFen]),
      [
        ['DELIVERY', o.cardLine, cardPrice],
        ['REFUND', o.cardLine, -cardPrice],
        ['DELIVERY', o.goodsLine, goodsPrice],
      ],
    );
    await waitFor('points back', async () => (await pointsOf(sys, 3)).redeemable === points.redeemable - 300);
    await assertLedgerClean(sys);
  });

  it('data minimisation: a supplier that ships nothing in an order does not see the address; one that ships does', async () => {
    const r = await sys.gql(customer(1, 4), CHECKOUT, {
      input: {
        mallId,
        lines: [
          { listingId: otherGoods, quantity: 1 },
          { listingId: card, quantity: 1 },
        ],
        shippingAddress: ADDRESS,
        idempotencyKey: 'minimise-address-1',
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const orderId = r.data!.checkout.order.id;

    const cardOnly = await sys.gql(supplierStaff(mixedSupplier), ADDRESS_OF, { id: orderId });
    assert.equal(cardOnly.errors, undefined, JSON.stringify(cardOnly.errors));
    assert.deepEqual(cardOnly.data!.order, { id: orderId, shippingAddress: null });
    // Nor through its queue of supplier orders.
    const queue = await sys.gql(
      supplierStaff(mixedSupplier),
      'query($id: ID!) { supplier(id: $id) { supplierOrders(first: 50) { edges { node { order { id shippingAddress { recipient } } } } } } }',
      { id: String(mixedSupplier) },
    );
    assert.equal(queue.errors, undefined, JSON.stringify(queue.errors));
    const inQueue = queue
      .data!.supplier.supplierOrders.edges.map((e: any) => e.node.order)
      .find((x: { id: string }) => x.id === orderId);
    assert.deepEqual(inQueue, { id: orderId, shippingAddress: null });

    const shipper = await sys.gql(supplierStaff(goodsSupplier), ADDRESS_OF, { id: orderId });
    assert.equal(shipper.errors, undefined, JSON.stringify(shipper.errors));
    assert.deepEqual(shipper.data!.order.shippingAddress, {
      recipient: ADDRESS.recipient,
      phone: ADDRESS.phone,
      detail: ADDRESS.detail,
    });
    // The same card supplier ships goods in another order: there it sees the address.
    const mixed = await buyGoodsAndCard(4, 'minimise-address-2');
    assert.equal(
      (await sys.gql(supplierStaff(mixedSupplier), ADDRESS_OF, { id: mixed.orderId })).data!.order.shippingAddress
        .recipient,
      ADDRESS.recipient,
    );
    assert.equal(
      (await sys.gql(customer(1, 4), ADDRESS_OF, { id: orderId })).data!.order.shippingAddress.recipient,
      ADDRESS.recipient,
    );
  });

  it('refused checkouts stay out of the customer’s and the bank’s order lists; operators find them by status FAILED', async () => {
    await setStock(sys, goodsSku, 0);
    const noStock = await sys.gql(customer(1, 9), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: goods, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'refused-no-stock-1',
      },
    });
    assert.equal(errorCode(noStock), 'CONFLICT');
    await setStock(sys, goodsSku, 100);
    const spare = await (
      await sys.orm('catalog')
    ).em
      .fork()
      .findOneOrFail(
        Sku,
        { kind: SkuKind.PHYSICAL, status: SkuStatus.ACTIVE, id: { $gt: goodsSku } },
        { orderBy: { id: 'ASC' } },
      );
    await setStock(sys, spare.id, 10);
    const pricey = await createListing(sys, {
      mallId,
      skuId: String(spare.id),
      priceMode: 'POINTS',
      pricePoints: 900_000_000,
    });
    const noPoints = await sys.gql(customer(1, 9), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: pricey, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'refused-no-points-1',
      },
    });
    assert.equal(errorCode(noPoints), 'CONFLICT');
    const placed = await sys.gql(customer(1, 9), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: goods, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'placed-after-refusals-1',
      },
    });
    assert.equal(placed.errors, undefined, JSON.stringify(placed.errors));
    const placedId = placed.data!.checkout.order.id;
    const failed = (await (await ordersEm()).find(Order, { customerId: 9, status: 'FAILED' as never })).map((o) =>
      String(o.id),
    );
    assert.equal(failed.length, 2, 'both refusals were recorded as FAILED attempts');

    const mine = await sys.gql(customer(1, 9), '{ customer { orders(first: 50) { edges { node { id status } } } } }');
    assert.equal(mine.errors, undefined, JSON.stringify(mine.errors));
    assert.deepEqual(
      mine.data!.customer.orders.edges.map((e: any) => e.node.id),
      [placedId],
    );
    const asBank = await sys.gql(
      bankOperator(1),
      '{ customer(id: "9") { orders(first: 50) { edges { node { id } } } } }',
    );
    assert.deepEqual(
      asBank.data!.customer.orders.edges.map((e: any) => e.node.id),
      [placedId],
    );

    const bankList = await sys.gql(
      bankOperator(1),
      '{ bankOrders(bankId: 1, first: 100) { edges { node { id status } } } }',
    );
    assert.equal(bankList.errors, undefined, JSON.stringify(bankList.errors));
    const ids = bankList.data!.bankOrders.edges.map((e: any) => e.node.id);
    assert.ok(ids.includes(placedId));
    assert.ok(!failed.some((id) => ids.includes(id)), 'no refused attempt in the default list');
    assert.ok(bankList.data!.bankOrders.edges.every((e: any) => e.node.status !== 'FAILED'));
    const attempts = await sys.gql(
      bankAdmin(1),
      '{ bankOrders(bankId: 1, status: FAILED, first: 100) { edges { node { id failureReason } } } }',
    );
    assert.equal(attempts.errors, undefined, JSON.stringify(attempts.errors));
    const attemptIds = attempts.data!.bankOrders.edges.map((e: any) => e.node.id);
    assert.ok(failed.every((id) => attemptIds.includes(id)));
  });
});
