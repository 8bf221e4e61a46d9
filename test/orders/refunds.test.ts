import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import {
  ADDRESS,
  CHECKOUT,
  bankAdmin,
  createListing,
  customer,
  markShipped,
  partnerApp,
  platform,
  setStock,
  setUpMall,
} from './helpers';
import { bankOperator, supplierAdmin, supplierStaff } from '../principals';

const REFUNDS = `query($f: RefundFilterInput) { refunds(filter: $f, first: 20) { edges { node { id state orderId supplierOrderId
  cashRefundFen pointsRefunded cashPaidOutAt cashPayoutRef lines { orderLineId quantity } } } } }`;
const REQUEST = 'mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id state } }';
const DECIDE = 'mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state cashRefundFen } }';
const PAYOUT =
  'mutation($i: RecordRefundPayoutInput!) { recordRefundPayout(input: $i) { id cashPaidOutAt cashPayoutRef } }';

describe('the refunds book: suppliers decide what waits for them, banks pay back the cash they owe', () => {
  let sys: TestSystem;
  let supplierId: number;
  let otherSupplier: number;
  let orderId: string;
  let supplierOrderId: string;
  let lineId: string;
  let refundId: string;

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    supplierId = m.physical2.supplierId;
    otherSupplier = supplierId === 1 ? 2 : 1;
    await setStock(sys, m.physical2.id, 20);
    const listing = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(m.physical2.id),
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: 500,
      priceFen: 2000,
    });
    const r = await sys.gql(customer(1, 6), CHECKOUT, {
      input: {
        mallId: m.mallId,
        lines: [{ listingId: listing, quantity: 2 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'refund-book-0001',
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    orderId = r.data!.checkout.order.id;
    supplierOrderId = r.data!.checkout.order.supplierOrders[0].id;
    lineId = r.data!.checkout.order.lines[0].id;
    const paid = await sys.gql(
      partnerApp(1),
      'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }',
      { i: { orderId, paymentRef: 'BOOK-PAY-1', amountFen: 4000 } },
    );
    assert.equal(paid.data!.confirmPayment.status, 'PAID');
    await markShipped(sys, Number(supplierOrderId));
    const req = await sys.gql(customer(1, 6), REQUEST, {
      i: { supplierOrderId, lines: [{ orderLineId: lineId, quantity: 1 }], reason: '收到的是坏的' },
    });
    assert.equal(req.errors, undefined, JSON.stringify(req.errors));
    refundId = req.data!.requestRefund.id;
  });
  after(async () => {
    await sys?.stop();
  });

  const list = async (who: Parameters<TestSystem['gql']>[0], f: Record<string, unknown> = {}) => {
    const r = await sys.gql(who, REFUNDS, { f });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.refunds.edges.map((e: any) => e.node);
  };

  it('a supplier finds the requests waiting for its decision; nobody else’s supplier does', async () => {
    const waiting = await list(supplierStaff(supplierId), { state: 'REQUESTED' });
    assert.deepEqual(
      waiting.map((x: any) => [x.id, x.orderId, x.supplierOrderId, x.lines]),
      [[refundId, orderId, supplierOrderId, [{ orderLineId: lineId, quantity: 1 }]]],
    );
    assert.deepEqual(await list(supplierAdmin(otherSupplier), { state: 'REQUESTED' }), []);
    assert.equal(
      errorCode(await sys.gql(supplierAdmin(otherSupplier), REFUNDS, { f: { supplierId: String(supplierId) } })),
      'NOT_FOUND',
    );
    assert.equal(errorCode(await sys.gql(customer(1, 6), REFUNDS, { f: {} })), 'FORBIDDEN');
    // The customer sees it on the order.
    const own = await sys.gql(customer(1, 6), 'query($id: ID!) { order(id: $id) { refunds { id state } } }', {
      id: orderId,
    });
    assert.deepEqual(own.data!.order.refunds, [{ id: refundId, state: 'REQUESTED' }]);
  });

  it('once approved, the bank sees the cash it owes and records paying it back, once', async () => {
    const d = await sys.gql(supplierAdmin(supplierId), DECIDE, { i: { refundId, approve: true } });
    assert.equal(d.errors, undefined, JSON.stringify(d.errors));
    const cash = d.data!.decideRefund.cashRefundFen as number;
    assert.ok(cash > 0);
    const owed = await list(bankOperator(1), { cashPayout: 'OWED' });
    assert.deepEqual(
      owed.map((x: any) => [x.id, x.cashRefundFen, x.cashPaidOutAt]),
      [[refundId, cash, null]],
    );
    assert.deepEqual(await list(bankAdmin(2), { cashPayout: 'OWED' }), []);
    assert.equal(errorCode(await sys.gql(bankAdmin(2), REFUNDS, { f: { bankId: '1' } })), 'NOT_FOUND');

    // Only the bank's own staff record the payout; a bad reference is refused and nothing changes.
    assert.equal(errorCode(await sys.gql(bankAdmin(2), PAYOUT, { i: { refundId, payoutRef: 'X-1' } })), 'NOT_FOUND');
    assert.equal(
      errorCode(await sys.gql(supplierAdmin(supplierId), PAYOUT, { i: { refundId, payoutRef: 'X-1' } })),
      'FORBIDDEN',
    );
    assert.equal(errorCode(await sys.gql(platform, PAYOUT, { i: { refundId, payoutRef: 'X-1' } })), 'FORBIDDEN');
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), PAYOUT, { i: { refundId, payoutRef: 'no spaces please' } })),
      'BAD_USER_INPUT',
    );
    assert.equal((await list(bankOperator(1), { cashPayout: 'OWED' })).length, 1);

    const first = await sys.gql(bankOperator(1), PAYOUT, { i: { refundId, payoutRef: 'LJRCB-RF-0001' } });
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    assert.equal(first.data!.recordRefundPayout.cashPayoutRef, 'LJRCB-RF-0001');
    const again = await sys.gql(bankOperator(1), PAYOUT, { i: { refundId, payoutRef: 'LJRCB-RF-0001' } });
    assert.equal(again.data!.recordRefundPayout.cashPaidOutAt, first.data!.recordRefundPayout.cashPaidOutAt);
    assert.equal(
      errorCode(await sys.gql(bankOperator(1), PAYOUT, { i: { refundId, payoutRef: 'LJRCB-RF-0002' } })),
      'CONFLICT',
    );

    assert.deepEqual(await list(bankOperator(1), { cashPayout: 'OWED' }), []);
    assert.deepEqual(
      (await list(bankOperator(1), { cashPayout: 'PAID_OUT' })).map((x: any) => [x.id, x.cashPayoutRef]),
      [[refundId, 'LJRCB-RF-0001']],
    );
    assert.deepEqual(
      (await list(platform, { bankId: '1', state: 'APPROVED' })).map((x: any) => x.id),
      [refundId],
    );
  });

  it('a rejected refund has nothing to pay out', async () => {
    const req = await sys.gql(customer(1, 6), REQUEST, {
      i: { supplierOrderId, lines: [{ orderLineId: lineId, quantity: 1 }], reason: '也坏了吧' },
    });
    const id = req.data!.requestRefund.id;
    const no = await sys.gql(supplierAdmin(supplierId), DECIDE, {
      i: { refundId: id, approve: false, reason: '商品完好，不予退款' },
    });
    assert.equal(no.errors, undefined, JSON.stringify(no.errors));
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), PAYOUT, { i: { refundId: id, payoutRef: 'LJRCB-RF-0003' } })),
      'CONFLICT',
    );
    assert.deepEqual(
      (await list(supplierAdmin(supplierId), { state: 'REJECTED' })).map((x: any) => x.id),
      [id],
    );
  });
});
