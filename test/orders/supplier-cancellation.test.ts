import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { Sku, SkuKind, SkuStatus } from '../../subgraphs/catalog/entities/sku';
import { Fulfilment, FulfilmentLine } from '../../subgraphs/logistics/entities/fulfilment';
import { Refund } from '../../subgraphs/orders/entities/refund';
import {
  ADDRESS,
  CHECKOUT,
  createListing,
  customer,
  partnerApp,
  platform,
  pointsOf,
  setStock,
  setUpMall,
  stockOf,
} from './helpers';
import { bankAdmin, bankOperator, supplierAdmin, supplierStaff } from '../principals';
import { SHIP, fulfilmentOpened, supplierOrderStatus, waitFor } from '../logistics/helpers';

const CANCEL_LINES = `mutation($i: CancelSupplierOrderLinesInput!) { cancelSupplierOrderLines(input: $i) {
  id state cause requestedBy reason restock pointsRefunded cashRefundFen shippingRefundFen lines { orderLineId quantity } } }`;
const ORDER = `query($id: ID!) { order(id: $id) { id status totalPoints cashFen shippingFen pointsAppliedToCash
  supplierOrders { id status } refunds { id cause requestedBy reason pointsRefunded cashRefundFen } } }`;
const SCORECARD = `query($i: SupplierScorecardInput!) { supplierScorecard(input: $i) { supplierId
  total { supplierOrders cancellations supplierOrdersWithCancellations cancelledLines cancelledUnits cancelRateBp refunds refundedUnits refundedPoints refundedCashFen }
  periods { periodStart supplierOrders cancelledUnits } } }`;
const WITHDRAW_FULFILMENT = `mutation($i: WithdrawFulfilmentUnitsInput!) { withdrawFulfilmentUnits(input: $i) { lines { orderLineId quantity } status } }`;

/** mulDiv as money.ts rounds a share: floor(a × b ÷ c). */
const share = (a: number, b: number, c: number) => Math.floor((a * b) / c);

describe('a supplier cancels lines it cannot fill', () => {
  let sys: TestSystem;
  let supplierId: number;
  let otherSupplier: number;
  let mallId: string;
  const sku: Record<'a' | 'b' | 'c', number> = { a: 0, b: 0, c: 0 };
  const listing: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    supplierId = m.physical.supplierId;
    otherSupplier = m.virtual.supplierId === supplierId ? supplierId + 1 : m.virtual.supplierId;
    // Three goods of one supplier.
    const catalog = (await sys.orm('catalog')).em.fork();
    const skus = await catalog.find(
      Sku,
      { kind: SkuKind.PHYSICAL, status: SkuStatus.ACTIVE },
      { orderBy: { id: 'ASC' }, limit: 3 },
    );
    assert.equal(skus.length, 3);
    await catalog.nativeUpdate(Sku, { id: { $in: skus.map((s) => s.id) } }, { supplierId });
    [sku.a, sku.b, sku.c] = skus.map((s) => s.id) as [number, number, number];
    const prices = { a: [100, 1000], b: [200, 3333], c: [50, 777] } as const;
    for (const k of ['a', 'b', 'c'] as const) {
      await setStock(sys, sku[k], 50);
      listing[k] = await createListing(sys, {
        mallId,
        skuId: String(sku[k]),
        priceMode: 'POINTS_PLUS_CASH',
        pricePoints: prices[k][0],
        priceFen: prices[k][1],
      });
    }
  });
  after(async () => {
    await sys?.stop();
  });

  /** A paid order (points and cash), its fulfilment open in logistics. */
  async function paidOrder(
    customerId: number,
    lines: { listingId: string; quantity: number }[],
    key: string,
    pointsToUse = 0,
  ) {
    const r = await sys.gql(customer(1, customerId), CHECKOUT, {
      input: { mallId, lines, shippingAddress: ADDRESS, idempotencyKey: key, pointsToUse },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const order = r.data!.checkout.order;
    const paid = await sys.gql(
      partnerApp(1),
      'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }',
      {
        i: { orderId: order.id, paymentRef: `PAY-${key}`, amountFen: order.cashFen },
      },
    );
    assert.equal(paid.errors, undefined, JSON.stringify(paid.errors));
    const supplierOrderId: string = order.supplierOrders[0].id;
    await fulfilmentOpened(sys, supplierOrderId);
    return { orderId: order.id as string, supplierOrderId, lines: order.lines as { id: string; quantity: number }[] };
  }

  const orderView = async (orderId: string, as = platform) => {
    const r = await sys.gql(as, ORDER, { id: orderId });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.order;
  };
  const logisticsOutboxDelivered = async () => {
    const em = (await sys.orm('logistics')).em.fork();
    const rows = await em
      .getConnection()
      .execute<{ n: number }[]>('SELECT COUNT(*) AS n FROM outbox_message WHERE delivered_at IS NULL');
    return Number(rows[0]!.n) === 0;
  };

  it('one of three lines: exactly that line is refunded (points and cash to the fen), the others still ship', async () => {
    const o = await paidOrder(
      7,
      [
        { listingId: listing.a, quantity: 2 },
        { listingId: listing.b, quantity: 1 },
        { listingId: listing.c, quantity: 3 },
      ],
      'supplier-cancel-three-1',
      1000,
    );
    const before = await orderView(o.orderId);
    assert.ok(before.pointsAppliedToCash > 0, 'the order shares points applied to cash over its lines');
    const points = await pointsOf(sys, 7);
    const stockB = await stockOf(sys, sku.b);
    const lineB = o.lines[1]!;

    const r = await sys.gql(supplierStaff(supplierId), CANCEL_LINES, {
      i: {
        supplierOrderId: o.supplierOrderId,
        lines: [{ orderLineId: lineB.id, quantity: 1 }],
        reason: '厂家停产，无法发货',
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const refund = r.data!.cancelSupplierOrderLines;
    // Goods cash before points: A 2×1000, B 3333, C 3×777 = 7664 fen; B is 3333 of it.
    const goodsCash = before.cashFen - before.shippingFen;
    assert.deepEqual(
      { ...refund, id: undefined },
      {
        id: undefined,
        state: 'APPROVED',
        cause: 'SUPPLIER_CANCELLED',
        requestedBy: 'SUPPLIER',
        reason: '厂家停产，无法发货',
        restock: false,
        pointsRefunded: 200 + share(before.pointsAppliedToCash, 3333, 7664),
        cashRefundFen: share(goodsCash, 3333, 7664),
        shippingRefundFen: 0,
        lines: [{ orderLineId: lineB.id, quantity: 1 }],
      },
    );
    assert.equal((await pointsOf(sys, 7)).redeemable, points.redeemable + refund.pointsRefunded);
    assert.deepEqual(await stockOf(sys, sku.b), stockB, 'not restocked unless asked');

    // The customer sees why, and that the supplier did it; the rest of the order goes on.
    const seen = await orderView(o.orderId, customer(1, 7));
    assert.equal(seen.status, 'PAID');
    assert.deepEqual(seen.supplierOrders, [{ id: o.supplierOrderId, status: 'PAID' }]);
    assert.deepEqual(
      seen.refunds.map((x: { cause: string; requestedBy: string; reason: string }) => [
        x.cause,
        x.requestedBy,
        x.reason,
      ]),
      [['SUPPLIER_CANCELLED', 'SUPPLIER', '厂家停产，无法发货']],
    );

    // Logistics no longer lets that unit ship; shipping "everything left" ships A and C only.
    const refused = await sys.gql(supplierStaff(supplierId), SHIP, {
      input: {
        supplierOrderId: o.supplierOrderId,
        carrierCode: 'SF',
        trackingNumber: 'SF8100000001',
        lines: [{ orderLineId: lineB.id, quantity: 1 }],
      },
    });
    assert.equal(errorCode(refused), 'BAD_USER_INPUT');
    assert.match(refused.errors![0]!.message, /only 0 unit/);
    const shipped = await sys.gql(supplierStaff(supplierId), SHIP, {
      input: { supplierOrderId: o.supplierOrderId, carrierCode: 'SF', trackingNumber: 'SF8100000002' },
    });
    assert.equal(shipped.errors, undefined, JSON.stringify(shipped.errors));
    assert.deepEqual(
      shipped.data!.shipSupplierOrder.shipment.lines.map((l: { orderLineId: string; quantity: number }) => [
        l.orderLineId,
        l.quantity,
      ]),
      [
        [o.lines[0]!.id, 2],
        [o.lines[2]!.id, 3],
      ],
    );
    assert.equal(shipped.data!.shipSupplierOrder.fulfilment.status, 'SHIPPED');
    const fl = await (
      await sys.orm('logistics')
    ).em
      .fork()
      .findOneOrFail(FulfilmentLine, { orderLineId: Number(lineB.id) });
    assert.deepEqual([fl.shippedQuantity, fl.withdrawnQuantity], [0, 1]);

    // Logistics' outbox reports the withdrawal too: it refunds nothing twice.
    await waitFor('logistics outbox delivered', logisticsOutboxDelivered);
    await waitFor(
      'supplier order shipped',
      async () => (await supplierOrderStatus(sys, o.orderId, o.supplierOrderId)) === 'SHIPPED',
    );
    assert.equal(await (await sys.orm('orders')).em.fork().count(Refund, { orderId: Number(o.orderId) }), 1);
    assert.equal((await pointsOf(sys, 7)).redeemable, points.redeemable + refund.pointsRefunded);
  });

  it('a supplier order whose every line is cancelled ends CANCELLED, shipping fee and all, restocked when asked', async () => {
    const o = await paidOrder(8, [{ listingId: listing.a, quantity: 2 }], 'supplier-cancel-all-1');
    const before = await orderView(o.orderId);
    const points = await pointsOf(sys, 8);
    const stock = await stockOf(sys, sku.a);
    const r = await sys.gql(supplierAdmin(supplierId), CANCEL_LINES, {
      i: {
        supplierOrderId: o.supplierOrderId,
        lines: [{ orderLineId: o.lines[0]!.id, quantity: 2 }],
        reason: '库存盘点有误',
        restock: true,
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const refund = r.data!.cancelSupplierOrderLines;
    assert.equal(refund.pointsRefunded, before.totalPoints);
    assert.equal(refund.cashRefundFen, before.cashFen, 'the whole supplier order, its shipping fee included');
    assert.equal(refund.shippingRefundFen, before.shippingFen);
    assert.equal((await pointsOf(sys, 8)).redeemable, points.redeemable + before.totalPoints);
    assert.deepEqual(await stockOf(sys, sku.a), { ...stock, available: stock.available + 2 });
    const after_ = await orderView(o.orderId);
    assert.equal(after_.status, 'CANCELLED');
    assert.deepEqual(after_.supplierOrders, [{ id: o.supplierOrderId, status: 'CANCELLED' }]);
    const f = await (
      await sys.orm('logistics')
    ).em
      .fork()
      .findOneOrFail(Fulfilment, { supplierOrderId: Number(o.supplierOrderId) });
    assert.equal(f.status, 'CANCELLED');
    const ship = await sys.gql(supplierStaff(supplierId), SHIP, {
      input: { supplierOrderId: o.supplierOrderId, carrierCode: 'SF', trackingNumber: 'SF8100000003' },
    });
    assert.equal(errorCode(ship), 'CONFLICT');
    await waitFor('logistics outbox delivered', logisticsOutboxDelivered);
    assert.equal(await (await sys.orm('orders')).em.fork().count(Refund, { orderId: Number(o.orderId) }), 1);
  });

  it('logistics decides what is unshipped: shipped units cannot be cancelled, and the rest shipping completes it', async () => {
    const o = await paidOrder(9, [{ listingId: listing.c, quantity: 3 }], 'supplier-cancel-partial-1');
    const lineId = o.lines[0]!.id;
    const shipped = await sys.gql(supplierStaff(supplierId), SHIP, {
      input: {
        supplierOrderId: o.supplierOrderId,
        carrierCode: 'SF',
        trackingNumber: 'SF8100000004',
        lines: [{ orderLineId: lineId, quantity: 2 }],
      },
    });
    assert.equal(shipped.errors, undefined, JSON.stringify(shipped.errors));
    const points = await pointsOf(sys, 9);
    const tooMany = await sys.gql(supplierStaff(supplierId), CANCEL_LINES, {
      i: { supplierOrderId: o.supplierOrderId, lines: [{ orderLineId: lineId, quantity: 2 }], reason: '缺货无法补发' },
    });
    assert.equal(errorCode(tooMany), 'CONFLICT');
    assert.match(tooMany.errors![0]!.message, /only 1 unit/);
    assert.equal((await pointsOf(sys, 9)).redeemable, points.redeemable, 'nothing changed');
    const one = await sys.gql(supplierStaff(supplierId), CANCEL_LINES, {
      i: { supplierOrderId: o.supplierOrderId, lines: [{ orderLineId: lineId, quantity: 1 }], reason: '缺货无法补发' },
    });
    assert.equal(one.errors, undefined, JSON.stringify(one.errors));
    assert.equal(one.data!.cancelSupplierOrderLines.pointsRefunded, 50);
    assert.equal(one.data!.cancelSupplierOrderLines.cashRefundFen, 777);
    // Nothing is left to ship: logistics reports the supplier order SHIPPED.
    await waitFor(
      'supplier order shipped',
      async () => (await supplierOrderStatus(sys, o.orderId, o.supplierOrderId)) === 'SHIPPED',
    );
  });

  it("if orders never books the refund, logistics' outbox does: exactly one refund per withdrawal", async () => {
    const o = await paidOrder(10, [{ listingId: listing.b, quantity: 2 }], 'supplier-cancel-outbox-1');
    const input = {
      orderId: o.orderId,
      supplierOrderId: o.supplierOrderId,
      withdrawalKey: 'wd-test-outbox-0001',
      lines: [{ orderLineId: o.lines[0]!.id, quantity: 1 }],
      cause: 'SUPPLIER_CANCELLED',
      reason: '缺货',
      restock: false,
      requestedBy: 'SUPPLIER',
      requester: `staff-${supplierId}`,
    };
    const w = await sys.asService('logistics', WITHDRAW_FULFILMENT, { i: input });
    assert.equal(w.errors, undefined, JSON.stringify(w.errors));
    const again = await sys.asService('logistics', WITHDRAW_FULFILMENT, { i: input });
    assert.deepEqual(again.data, w.data, 'a retry with the same key withdraws nothing more');
    const em = (await sys.orm('orders')).em;
    const booked = await waitFor('the refund booked from the outbox', () =>
      em.fork().findOne(Refund, { withdrawalKey: 'wd-test-outbox-0001', remoteSettled: true }),
    );
    assert.equal(booked.cause, 'SUPPLIER_CANCELLED');
    assert.equal(booked.pointsRefunded, 200);
    assert.equal(booked.cashRefundFen, 3333);
    await waitFor('logistics outbox delivered', logisticsOutboxDelivered);
    assert.equal(await em.fork().count(Refund, { orderId: Number(o.orderId) }), 1);
  });

  it('only the supplier of the supplier order, with HANDLE_AFTERSALES, cancels; bad input changes nothing', async () => {
    const o = await paidOrder(11, [{ listingId: listing.a, quantity: 1 }], 'supplier-cancel-refusals-1');
    const i = {
      supplierOrderId: o.supplierOrderId,
      lines: [{ orderLineId: o.lines[0]!.id, quantity: 1 }],
      reason: '缺货无法发货',
    };
    assert.equal(errorCode(await sys.gql(supplierStaff(otherSupplier), CANCEL_LINES, { i })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(customer(1, 11), CANCEL_LINES, { i })), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(customer(2, 21), CANCEL_LINES, { i })), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(bankOperator(1), CANCEL_LINES, { i })), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(bankAdmin(2), CANCEL_LINES, { i })), 'FORBIDDEN');
    const shipper = { ...supplierStaff(supplierId), permissions: ['SHIP_ORDERS' as const] };
    assert.equal(errorCode(await sys.gql(shipper, CANCEL_LINES, { i })), 'FORBIDDEN');
    assert.equal(
      errorCode(await sys.gql(supplierStaff(supplierId), CANCEL_LINES, { i: { ...i, reason: '无' } })),
      'BAD_USER_INPUT',
    );
    assert.equal(
      errorCode(
        await sys.gql(supplierStaff(supplierId), CANCEL_LINES, {
          i: { ...i, lines: [{ orderLineId: o.lines[0]!.id, quantity: 2 }] },
        }),
      ),
      'BAD_USER_INPUT',
    );
    assert.equal(
      errorCode(await sys.gql(supplierStaff(supplierId), CANCEL_LINES, { i: { ...i, lines: [] } })),
      'BAD_USER_INPUT',
    );
    assert.equal(await (await sys.orm('orders')).em.fork().count(Refund, { orderId: Number(o.orderId) }), 0);
    const fl = await (
      await sys.orm('logistics')
    ).em
      .fork()
      .findOneOrFail(FulfilmentLine, { orderLineId: Number(o.lines[0]!.id) });
    assert.equal(fl.withdrawnQuantity, 0);
  });

  it("the scorecard counts the supplier's cancellations and refunds; another supplier's is NOT_FOUND", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const i = { supplierId: String(supplierId), fromDay: today, toDay: today, granularity: 'DAY' };
    const r = await sys.gql(supplierAdmin(supplierId), SCORECARD, { i });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const card = r.data!.supplierScorecard;
    const refunds = await (await sys.orm('orders')).em.fork().find(Refund, { supplierId, state: 'APPROVED' as never });
    const cancelled = refunds.filter((x) => x.cause === 'SUPPLIER_CANCELLED');
    // Lines B (1), A (2), C (1), B (1 through the outbox): four cancellations in four supplier orders.
    assert.equal(cancelled.length, 4);
    assert.equal(card.total.cancellations, 4);
    assert.equal(card.total.supplierOrdersWithCancellations, 4);
    assert.equal(card.total.cancelledLines, 4);
    assert.equal(card.total.cancelledUnits, 5);
    assert.equal(card.total.refunds, refunds.length);
    assert.equal(
      card.total.refundedPoints,
      refunds.reduce((s, x) => s + x.pointsRefunded, 0),
    );
    assert.equal(
      card.total.refundedCashFen,
      refunds.reduce((s, x) => s + x.cashRefundFen, 0),
    );
    assert.ok(card.total.supplierOrders >= 5, 'the five paid supplier orders of this file');
    assert.equal(card.total.cancelRateBp, Math.floor((4 * 10_000) / card.total.supplierOrders));
    assert.equal(card.periods.length, 1);
    assert.equal(card.periods[0].cancelledUnits, 5);

    const asPlatform = await sys.gql(platform, SCORECARD, { i });
    assert.deepEqual(asPlatform.data, r.data);
    assert.equal(errorCode(await sys.gql(supplierAdmin(otherSupplier), SCORECARD, { i })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankAdmin(1), SCORECARD, { i })), 'FORBIDDEN');
    assert.equal(
      errorCode(await sys.gql(supplierAdmin(supplierId), SCORECARD, { i: { ...i, fromDay: '2025-01-01' } })),
      'BAD_USER_INPUT',
    );
  });
});
