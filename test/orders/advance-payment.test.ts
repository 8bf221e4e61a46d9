/**
 * Advance payment (垫资, issue 19): for a bank in advance mode the platform pays the supplier on
 * delivery, up to the bank's exposure cap (over it the payout is HELD); the bank's repayments lower
 * the exposure and release held payouts oldest first; concurrent deliveries never pass the cap.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, ok, startTestSystem, type TestSystem } from '../harness';
import { OrderLine } from '../../subgraphs/orders/entities/order-line';
import { AdvancePayout } from '../../subgraphs/orders/entities/commission';
import { ADDRESS, PAY, REQUEST_REFUND, bankAdmin, createListing, customer, setStock, setUpMall } from './helpers';
import { platform, supplierAdmin } from '../principals';
import { StatementStatus } from '../../subgraphs/orders/entities/settlement';
import { moveStatement } from '../../subgraphs/orders/services/order-lifecycle';
import type { SqlEntityManager } from '@mikro-orm/knex';

const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { order { id cashFen lines { id } supplierOrders { id } } } }`;
const TERMS = `mutation($b: ID!, $i: AdvancePaymentTermsInput!) { setAdvancePaymentTerms(bankId: $b, input: $i) {
  bankId exposureFen availableFen heldCount heldFen terms { enabled exposureCapFen repaymentTermDays } } }`;
const EXPOSURE = `query($b: ID) { advanceExposure(bankId: $b) { bankId exposureFen availableFen heldCount heldFen
  terms { exposureCapFen } suppliers { supplierId paidFen heldFen } heldPayouts { id amountFen status } } }`;
const RELEASE = `mutation($b: ID!) { releaseHeldAdvancePayouts(bankId: $b) { exposureFen heldCount heldFen } }`;

describe('advance payment: payouts on delivery, the exposure cap, repayment', () => {
  let sys: TestSystem;
  let mallId: string;
  let listing: string;
  let supplierId: number;
  let price = 0; // the supplier price of one unit
  let n = 0;

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    supplierId = m.physical.supplierId;
    price = m.physical.supplierPriceFen;
    await setStock(sys, m.physical.id, 500);
    listing = await createListing(sys, {
      mallId,
      skuId: String(m.physical.id),
      priceMode: 'CASH',
      pricePoints: 0,
      priceFen: 20_000,
    });
  });
  after(async () => {
    await sys?.stop();
  });

  const em = async () => (await sys.orm('orders')).em.fork();

  async function paidOrder() {
    const c = 1 + (n++ % 20);
    const o = ok<any>(
      await sys.gql(customer(1, c), CHECKOUT, {
        input: {
          mallId,
          lines: [{ listingId: listing, quantity: 1 }],
          shippingAddress: ADDRESS,
          idempotencyKey: `advance-${randomUUID()}`,
        },
      }),
      'checkout',
    ).order;
    ok(
      await sys.gql(bankAdmin(1), PAY, { i: { orderId: o.id, paymentRef: `P-${randomUUID()}`, amountFen: o.cashFen } }),
      'confirmPayment',
    );
    return { ...o, customerId: c };
  }
  async function deliver(o: any) {
    const r = await sys.asService(
      'orders',
      'mutation($id: ID!, $at: DateTime!) { recordSupplierOrderProgress(supplierOrderId: $id, status: DELIVERED, at: $at) { status } }',
      { id: o.supplierOrders[0].id, at: new Date().toISOString() },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  }
  const exposure = async () => ok<any[]>(await sys.gql(platform, EXPOSURE, { b: '1' }), 'advanceExposure')[0];
  const payoutsOf = async (o: any) =>
    (await em()).find(AdvancePayout, { orderLineId: Number(o.lines[0].id) }, { orderBy: { id: 'ASC' } });

  it('only the platform sets terms; bad input is refused with nothing written', async () => {
    const i = { enabled: true, exposureCapFen: 1_000_000, repaymentTermDays: 15 };
    assert.equal(errorCode(await sys.gql(bankAdmin(1), TERMS, { b: '1', i })), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(supplierAdmin(supplierId), TERMS, { b: '1', i })), 'FORBIDDEN');
    const bad = await sys.gql(platform, TERMS, { b: '1', i: { ...i, exposureCapFen: -1, repaymentTermDays: 400 } });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    assert.match(JSON.stringify(bad.errors), /exposureCapFen/);
    assert.equal((await exposure()).terms, null);
  });

  it('pays the supplier on delivery; exposure is the sum of the payouts; the cap holds a payout above it', async () => {
    // Room for three units and a half.
    const set = ok<any>(
      await sys.gql(platform, TERMS, {
        b: '1',
        i: { enabled: true, exposureCapFen: 3 * price + Math.floor(price / 2), repaymentTermDays: 15 },
      }),
      'setAdvancePaymentTerms',
    );
    assert.deepEqual(set.terms, {
      enabled: true,
      exposureCapFen: 3 * price + Math.floor(price / 2),
      repaymentTermDays: 15,
    });
    const orders = [await paidOrder(), await paidOrder(), await paidOrder(), await paidOrder()];
    for (const o of orders.slice(0, 3)) await deliver(o);
    for (const o of orders.slice(0, 3)) {
      const [p] = await payoutsOf(o);
      assert.deepEqual([p!.status, p!.amountFen], ['PAID', price]);
    }
    let x = await exposure();
    assert.equal(x.exposureFen, 3 * price);
    assert.equal(x.availableFen, Math.floor(price / 2));
    await deliver(orders[3]);
    await deliver(orders[3]); // a replay pays nothing more
    const held = await payoutsOf(orders[3]);
    assert.deepEqual(
      held.map((p) => [p.status, p.amountFen]),
      [['HELD', price]],
      'above the cap: held, not paid',
    );
    x = await exposure();
    assert.equal(x.exposureFen, 3 * price, 'the held payout is not exposure');
    assert.deepEqual([x.heldCount, x.heldFen], [1, price]);
    assert.deepEqual(x.suppliers, [{ supplierId: String(supplierId), paidFen: 3 * price, heldFen: price }]);
    assert.equal(x.heldPayouts.length, 1);
    // The statement shows what was advanced and when the bank repays.
    const s = ok<any>(
      await sys.gql(
        bankAdmin(1),
        `{ settlementStatements { edges { node { period totalFen advance { advancedFen heldFen repaymentDueFen repaymentDueOn } } } } }`,
      ),
      'settlementStatements',
    ).edges[0].node;
    assert.deepEqual(
      [s.advance.advancedFen, s.advance.heldFen, s.advance.repaymentDueFen],
      [3 * price, price, 4 * price],
    );
    const [y, mo] = s.period.split('-').map(Number);
    const monthEnd = new Date(Date.UTC(y, mo, 0));
    assert.equal(s.advance.repaymentDueOn, new Date(monthEnd.getTime() + 15 * 86_400_000).toISOString().slice(0, 10));
  });

  it('concurrent deliveries at the cap: exactly one fits, the other is held (repeated)', async () => {
    for (let round = 0; round < 3; round++) {
      // Release what waits (a higher cap), then leave room for exactly one more unit.
      let x = await exposure();
      ok(
        await sys.gql(platform, TERMS, {
          b: '1',
          i: { enabled: true, exposureCapFen: x.exposureFen + x.heldFen + 100 * price, repaymentTermDays: 15 },
        }),
        'setAdvancePaymentTerms',
      );
      x = await exposure();
      assert.equal(x.heldCount, 0);
      ok(
        await sys.gql(platform, TERMS, {
          b: '1',
          i: { enabled: true, exposureCapFen: x.exposureFen + price + Math.floor(price / 2), repaymentTermDays: 15 },
        }),
        'setAdvancePaymentTerms',
      );
      const a = await paidOrder();
      const b = await paidOrder();
      await Promise.all([deliver(a), deliver(b)]);
      const statuses = [(await payoutsOf(a))[0]!.status, (await payoutsOf(b))[0]!.status].sort();
      assert.deepEqual(statuses, ['HELD', 'PAID'], `round ${round}`);
      const after = await exposure();
      assert.equal(after.exposureFen, x.exposureFen + price);
      assert.ok(after.exposureFen <= after.terms.exposureCapFen);
    }
  });

  it('a repayment lowers the exposure and releases held payouts oldest first; a refund after delivery is clawed back', async () => {
    const before = await exposure();
    assert.ok(before.heldCount >= 1);
    const e = await em();
    const [statement] = await e
      .getConnection()
      .execute('SELECT id, supplier_id, paid_fen FROM settlement_statement WHERE bank_id = 1 ORDER BY id LIMIT 1');
    // The month has not ended, so issueStatement would refuse it: the test moves it to ISSUED itself, so
    // that the bank may pay it (recordStatementPayment releases held payouts in its transaction).
    assert.ok(
      await moveStatement(e as SqlEntityManager, Number(statement.id), StatementStatus.ISSUED, {
        from: [StatementStatus.DRAFT],
      }),
    );
    const repay = 2 * price;
    ok(
      await sys.gql(
        bankAdmin(1),
        `mutation($s: ID!, $i: StatementPaymentInput!) { recordStatementPayment(statementId: $s, input: $i) { paidFen } }`,
        {
          s: String(statement.id),
          i: { reference: `R-${randomUUID().slice(0, 8)}`, paidOn: '2026-12-01', amountFen: repay },
        },
      ),
      'recordStatementPayment',
    );
    // Room of 2 units plus a half: the payment itself released the two oldest held payouts, in order.
    const afterPayment = await exposure();
    assert.equal(afterPayment.heldCount, Math.max(0, before.heldCount - 2));
    assert.equal(afterPayment.exposureFen, before.exposureFen - repay + Math.min(2, before.heldCount) * price);
    // The sweep finds nothing more to release.
    const released = ok<any>(await sys.gql(platform, RELEASE, { b: '1' }), 'releaseHeldAdvancePayouts');
    assert.deepEqual([released.heldCount, released.exposureFen], [afterPayment.heldCount, afterPayment.exposureFen]);
    const paidOut = await (await em()).find(AdvancePayout, { bankId: 1 }, { orderBy: { id: 'ASC' } });
    const stillHeld = paidOut.filter((p) => p.status === 'HELD').map((p) => p.id);
    const releasedIds = paidOut
      .filter((p) => p.status === 'PAID' && p.paidAt! >= paidOut[0]!.createdAt)
      .map((p) => p.id);
    assert.ok(
      stillHeld.every((id) => releasedIds.every((r) => r < id)),
      'oldest first',
    );
    assert.equal(errorCode(await sys.gql(bankAdmin(1), RELEASE, { b: '1' })), 'FORBIDDEN');

    // A refund of a paid delivery: a CLAWBACK of what the supplier received for that unit.
    const o = await paidOrder();
    ok(
      await sys.gql(platform, TERMS, {
        b: '1',
        i: { enabled: true, exposureCapFen: 1_000_000_000, repaymentTermDays: 15 },
      }),
      'setAdvancePaymentTerms',
    );
    await deliver(o);
    const x = await exposure();
    const req = ok<any>(
      await sys.gql(customer(1, o.customerId), REQUEST_REFUND, {
        i: {
          supplierOrderId: o.supplierOrders[0].id,
          lines: [{ orderLineId: o.lines[0].id, quantity: 1 }],
          reason: '商品有质量问题',
        },
      }),
      'requestRefund',
    );
    ok(
      await sys.gql(
        supplierAdmin(supplierId),
        'mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state } }',
        {
          i: { refundId: req.id, approve: true },
        },
      ),
      'decideRefund',
    );
    const payouts = await payoutsOf(o);
    assert.deepEqual(
      payouts.map((p) => [p.status, p.amountFen]),
      [
        ['PAID', price],
        ['CLAWBACK', -price],
      ],
    );
    assert.equal((await exposure()).exposureFen, x.exposureFen - price);
    const line = await (await em()).findOneOrFail(OrderLine, Number(o.lines[0].id));
    assert.equal(line.refundedQuantity, 1);
  });

  it('a bank sees only its own exposure; a supplier none', async () => {
    const own = ok<any[]>(await sys.gql(bankAdmin(1), EXPOSURE, {}), 'advanceExposure');
    assert.deepEqual(
      own.map((x) => x.bankId),
      ['1'],
    );
    assert.equal(errorCode(await sys.gql(bankAdmin(2), EXPOSURE, { b: '1' })), 'FORBIDDEN');
    const theirs = ok<any[]>(await sys.gql(bankAdmin(2), EXPOSURE, {}), 'advanceExposure');
    assert.deepEqual(
      theirs.map((x) => [x.bankId, x.terms, x.exposureFen]),
      [['2', null, 0]],
    );
    assert.equal(errorCode(await sys.gql(supplierAdmin(supplierId), EXPOSURE, {})), 'FORBIDDEN');
    const all = ok<any[]>(await sys.gql(platform, EXPOSURE, {}), 'advanceExposure');
    assert.ok(all.some((x) => x.bankId === '1'));
  });
});
