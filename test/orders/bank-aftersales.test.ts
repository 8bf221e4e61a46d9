import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import {
  ADDRESS,
  CHECKOUT,
  bankAdmin,
  createListing,
  customer,
  markShipped,
  partnerApp,
  setStock,
  setUpMall,
} from './helpers';
import { bankOperator } from '../principals';
import { Customer } from '../../subgraphs/tenants/entities/customer';

const ORDERS = `query($bankId: ID!, $filter: BankOrderFilterInput, $first: Int, $after: String) {
  bankOrders(bankId: $bankId, filter: $filter, first: $first, after: $after) {
    edges { node { id status customer { id } } } pageInfo { hasNextPage endCursor } } }`;
const REQUEST = 'mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id state } }';
const DECIDE = `mutation($i: DecideRefundInput!) { decideRefund(input: $i) {
  id state decidedAt decidedBy rejectionReason pointsRefunded cashRefundFen } }`;
const REFUND_OF = 'query($id: ID!) { order(id: $id) { refunds { id state rejectionReason } } }';

/**
 * What the console's orders page needs of the API: a bank's orders narrowed by status, time placed,
 * the bank's customer reference and order number; and the bank's customer service deciding refunds.
 */
describe('bank orders and after-sales for the console', () => {
  let sys: TestSystem;
  let mallId: string;
  let listing: string;
  /** Orders of bank 1's customers 6 (two) and 7 (one), oldest first. */
  const orders: { id: string; customerId: number; supplierOrderId: string; lineId: string }[] = [];
  let ref6: string;
  let ref21: string;

  const place = async (customerId: number, key: string) => {
    const r = await sys.gql(customer(1, customerId), CHECKOUT, {
      input: { mallId, lines: [{ listingId: listing, quantity: 2 }], shippingAddress: ADDRESS, idempotencyKey: key },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const o = r.data!.checkout.order;
    const paid = await sys.gql(
      partnerApp(1),
      'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }',
      {
        i: { orderId: o.id, paymentRef: `PAY-${key}`, amountFen: o.cashFen },
      },
    );
    assert.equal(paid.errors, undefined, JSON.stringify(paid.errors));
    await markShipped(sys, Number(o.supplierOrders[0].id));
    orders.push({ id: o.id, customerId, supplierOrderId: o.supplierOrders[0].id, lineId: o.lines[0].id });
  };
  const list = async (who: Parameters<TestSystem['gql']>[0], filter: Record<string, unknown>, bankId = '1') => {
    const r = await sys.gql(who, ORDERS, { bankId, filter, first: 100 });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.bankOrders.edges.map((e: any) => e.node.id as string);
  };

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    await setStock(sys, m.physical.id, 50);
    listing = await createListing(sys, {
      mallId,
      skuId: String(m.physical.id),
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: 300,
      priceFen: 1500,
    });
    await place(6, 'bank-as-1');
    await place(7, 'bank-as-2');
    await place(6, 'bank-as-3');
    const tenants = (await sys.orm('tenants')).em.fork();
    ref6 = (await tenants.findOneOrFail(Customer, 6)).externalRef;
    ref21 = (await tenants.findOneOrFail(Customer, 21)).externalRef;
  });
  after(async () => {
    await sys?.stop();
  });

  it('narrows by customer reference, order number, time placed and status, newest first', async () => {
    const [o1, o2, o3] = orders.map((o) => o.id) as [string, string, string];
    assert.deepEqual(await list(bankOperator(1), { customerRef: ref6 }), [o3, o1]);
    assert.deepEqual(await list(bankOperator(1), { orderId: o2 }), [o2]);
    assert.deepEqual(await list(bankOperator(1), { orderId: o2, customerRef: ref6 }), []);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const mine = (ids: string[]) => ids.filter((id) => [o1, o2, o3].includes(id));
    assert.deepEqual(mine(await list(bankOperator(1), { placedFrom: hourAgo, placedTo: inAnHour })), [o3, o2, o1]);
    assert.deepEqual(await list(bankOperator(1), { placedFrom: inAnHour }), []);
    assert.deepEqual(await list(bankOperator(1), { placedTo: hourAgo, customerRef: ref6 }), []);
    assert.deepEqual(await list(bankOperator(1), { customerRef: ref6, status: 'PAID' }), [o3, o1]);
    assert.deepEqual(await list(bankOperator(1), { customerRef: ref6, status: 'CANCELLED' }), []);
    // An unknown reference, or one of another bank's customers, finds nothing.
    assert.deepEqual(await list(bankOperator(1), { customerRef: 'NO-SUCH-REF-42' }), []);
    assert.deepEqual(await list(bankOperator(1), { customerRef: ref21 }), []);
  });

  it('pages a filtered list by keyset cursor', async () => {
    const [o1, , o3] = orders.map((o) => o.id) as [string, string, string];
    const first = await sys.gql(bankAdmin(1), ORDERS, { bankId: '1', filter: { customerRef: ref6 }, first: 1 });
    assert.deepEqual(
      first.data!.bankOrders.edges.map((e: any) => e.node.id),
      [o3],
    );
    assert.equal(first.data!.bankOrders.pageInfo.hasNextPage, true);
    const second = await sys.gql(bankAdmin(1), ORDERS, {
      bankId: '1',
      filter: { customerRef: ref6 },
      first: 1,
      after: first.data!.bankOrders.pageInfo.endCursor,
    });
    assert.deepEqual(
      second.data!.bankOrders.edges.map((e: any) => e.node.id),
      [o1],
    );
    assert.equal(second.data!.bankOrders.pageInfo.hasNextPage, false);
  });

  it('SQL statements in orders do not grow with the page size (customer-reference filter)', async () => {
    const counts: number[] = [];
    for (const first of [1, 100]) {
      const id = randomUUID();
      const r = await sys.gql(
        bankOperator(1),
        ORDERS,
        { bankId: '1', filter: { customerRef: ref6 }, first },
        { requestId: id },
      );
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      counts.push(await sys.statements('orders', id));
    }
    assert.equal(counts[0], counts[1], `statements for 1 and 100: ${counts.join(', ')}`);
  });

  it('refuses another bank and bad filters', async () => {
    assert.equal(
      errorCode(await sys.gql(bankAdmin(2), ORDERS, { bankId: '1', filter: { customerRef: ref6 } })),
      'NOT_FOUND',
    );
    // Bank 2 asking its own list with bank 1's customer reference sees none of bank 1's orders.
    assert.deepEqual(await list(bankAdmin(2), { customerRef: ref6 }, '2'), []);
    for (const filter of [
      { customerRef: 'has spaces' },
      { customerRef: 'x'.repeat(65) },
      { orderId: 'abc' },
      { placedFrom: new Date().toISOString(), placedTo: new Date(Date.now() - 1000).toISOString() },
    ]) {
      assert.equal(
        errorCode(await sys.gql(bankOperator(1), ORDERS, { bankId: '1', filter })),
        'BAD_USER_INPUT',
        JSON.stringify(filter),
      );
    }
    assert.equal(errorCode(await sys.gql(customer(1, 6), ORDERS, { bankId: '1', filter: {} })), 'FORBIDDEN');
  });

  it("the bank's customer service approves a refund of its customer's order: points back, decider recorded", async () => {
    const o = orders[0]!;
    const req = await sys.gql(customer(1, o.customerId), REQUEST, {
      i: { supplierOrderId: o.supplierOrderId, lines: [{ orderLineId: o.lineId, quantity: 1 }], reason: '包装破损' },
    });
    assert.equal(req.errors, undefined, JSON.stringify(req.errors));
    const refundId = req.data!.requestRefund.id;
    // Another bank's operator: NOT_FOUND, and the refund still waits.
    assert.equal(errorCode(await sys.gql(bankOperator(2), DECIDE, { i: { refundId, approve: true } })), 'NOT_FOUND');
    // Without SERVE_CUSTOMERS: FORBIDDEN.
    const reportsOnly = { ...bankOperator(1), permissions: ['SEE_REPORTS' as const] };
    assert.equal(errorCode(await sys.gql(reportsOnly, DECIDE, { i: { refundId, approve: true } })), 'FORBIDDEN');
    const waiting = await sys.gql(customer(1, o.customerId), REFUND_OF, { id: o.id });
    assert.deepEqual(waiting.data!.order.refunds, [{ id: refundId, state: 'REQUESTED', rejectionReason: null }]);

    const d = await sys.gql(bankOperator(1), DECIDE, { i: { refundId, approve: true } });
    assert.equal(d.errors, undefined, JSON.stringify(d.errors));
    assert.equal(d.data!.decideRefund.state, 'APPROVED');
    assert.equal(d.data!.decideRefund.decidedBy, 'operator-1');
    assert.equal(d.data!.decideRefund.pointsRefunded, 300);
    assert.equal(d.data!.decideRefund.cashRefundFen, 1500);
    // Decided once: nobody rejects it afterwards.
    assert.equal(
      errorCode(await sys.gql(bankOperator(1), DECIDE, { i: { refundId, approve: false, reason: '改变主意了吗' } })),
      'CONFLICT',
    );
  });

  it('a rejection needs a reason of 4–500 characters, which the customer then sees', async () => {
    const o = orders[1]!;
    const req = await sys.gql(customer(1, o.customerId), REQUEST, {
      i: { supplierOrderId: o.supplierOrderId, lines: [{ orderLineId: o.lineId, quantity: 2 }], reason: '不想要了' },
    });
    assert.equal(req.errors, undefined, JSON.stringify(req.errors));
    const refundId = req.data!.requestRefund.id;
    for (const reason of [undefined, '  ', '太短', 'x'.repeat(501)]) {
      assert.equal(
        errorCode(await sys.gql(bankOperator(1), DECIDE, { i: { refundId, approve: false, reason } })),
        'BAD_USER_INPUT',
        String(reason),
      );
    }
    assert.equal(
      errorCode(await sys.gql(bankAdmin(2), DECIDE, { i: { refundId, approve: false, reason: '不是本行的订单' } })),
      'NOT_FOUND',
    );
    const d = await sys.gql(bankOperator(1), DECIDE, {
      i: { refundId, approve: false, reason: '已超过七天无理由退货期' },
    });
    assert.equal(d.errors, undefined, JSON.stringify(d.errors));
    assert.equal(d.data!.decideRefund.state, 'REJECTED');
    assert.equal(d.data!.decideRefund.rejectionReason, '已超过七天无理由退货期');
    assert.equal(d.data!.decideRefund.decidedBy, 'operator-1');
    assert.equal(d.data!.decideRefund.pointsRefunded, 0);
    const seen = await sys.gql(customer(1, o.customerId), REFUND_OF, { id: o.id });
    assert.deepEqual(seen.data!.order.refunds, [
      { id: refundId, state: 'REJECTED', rejectionReason: '已超过七天无理由退货期' },
    ]);
    assert.equal(
      errorCode(await sys.gql(bankOperator(1), DECIDE, { i: { refundId, approve: true } })),
      'CONFLICT',
      'a rejected refund cannot be approved afterwards',
    );
  });
});
