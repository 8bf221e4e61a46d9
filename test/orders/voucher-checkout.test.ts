/**
 * Vouchers at checkout (issue 17): the customer picks one of their vouchers; checkout takes it off
 * the cash left after the tier, campaign and benefit discounts (threshold first, then the voucher,
 * then points), splits it across lines and supplier orders to the fen, and reserves its use and
 * discount with the order — so concurrent checkouts hit the budget and the per-customer limit
 * exactly; failures, cancellations and refunds give back what they should.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, ok, startTestSystem, type TestSystem } from '../harness';
import {
  A_FEN,
  ADDRESS,
  B_FEN,
  CANCEL,
  PAY,
  REQUEST_REFUND,
  bankAdmin,
  customer,
  markShipped,
  pointsOf,
  setStock,
  setUpTwoSupplierMall,
} from './helpers';
import { bankOperator, supplierAdmin } from '../principals';

const ISSUE = `mutation($i: IssueVoucherInput!) { issueVoucher(input: $i) { voucher { id } } }`;
const VOUCHER = 'query($id: ID!) { voucher(id: $id) { spentFen remainingFen usedCount } }';
const MINE = 'query { customer { vouchers { usesLeft voucher { id } } } }';
const RULE = `mutation($i: CreateBenefitRuleInput!) { createBenefitRule(input: $i) { benefitRule { id } } }`;
const RULE_OFF = `mutation($i: UpdateBenefitRuleInput!) { updateBenefitRule(input: $i) { benefitRule { id } } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { order { id status cashFen totalPoints
  pointsAppliedToCash voucherId voucherDiscountFen
  lines { id listing { id } unitFen quantity discountFen netFen discounts { source ruleId fen fundedBy bankShareBp } }
  supplierOrders { id netFen lines { id netFen } } } } }`;
const PREVIEW = `query($i: CheckoutPreviewInput!) { checkoutPreview(input: $i) { cashFen totalPoints pointsAppliedToCash
  maxPointsToUse shippingFen voucherId voucherDiscountFen voucherOptions { voucherId discountFen minSpendFen usesLeft }
  lines { listing { id } netFen discounts { source ruleId fen } } discounts { source ruleId fen } } }`;
const DECIDE = 'mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state cashRefundFen voucherReturnFen } }';

const HOUR = 3_600_000;

describe('vouchers at checkout', () => {
  let sys: TestSystem;
  let mallId: string;
  let a: string;
  let b: string;
  let skuA: number;
  let supplierA: number;
  let supplierB: number;

  const since = (ms: number) => new Date(Date.now() + ms).toISOString();

  async function issue(input: Record<string, unknown>): Promise<string> {
    const r = await sys.gql(bankOperator(1), ISSUE, {
      i: {
        name: '满200减30',
        kind: 'AMOUNT_OFF',
        amountOffFen: 3_000,
        minSpendFen: 20_000,
        startsAt: since(-HOUR),
        endsAt: since(24 * HOUR),
        perCustomerLimit: 1,
        budgetFen: 1_000_000,
        fundedBy: 'BANK',
        ...input,
      },
    });
    return ok<any>(r, 'issueVoucher').voucher.id;
  }
  const voucher = async (id: string) => ok<any>(await sys.gql(bankOperator(1), VOUCHER, { id }), 'voucher');
  const usesLeft = async (customerId: number, id: string): Promise<number> => {
    const list = ok<any>(await sys.gql(customer(1, customerId), MINE), 'customer').vouchers;
    return list.find((v: any) => v.voucher.id === id)?.usesLeft ?? 0;
  };
  function checkout(
    customerId: number,
    voucherId: string | null,
    lines = [
      { listingId: a, quantity: 1 },
      { listingId: b, quantity: 1 },
    ],
    extra: Record<string, unknown> = {},
  ) {
    return sys.gql(customer(1, customerId), CHECKOUT, {
      input: {
        mallId,
        lines,
        shippingAddress: ADDRESS,
        idempotencyKey: `voucher-${randomUUID()}`,
        ...(voucherId ? { voucherId } : {}),
        ...extra,
      },
    });
  }
  const ordersOf = async (customerId: number): Promise<number> => {
    const em = (await sys.orm('orders')).em.fork();
    const rows = await em
      .getConnection()
      .execute('SELECT COUNT(*) AS n FROM customer_order WHERE customer_id = ?', [customerId]);
    return Number(rows[0].n);
  };

  before(async () => {
    sys = await startTestSystem();
    ({ mallId, a, b, skuA, supplierA, supplierB } = await setUpTwoSupplierMall(sys, A_FEN, B_FEN, 500));
  });
  after(async () => {
    await sys?.stop();
  });

  it('after 满100减10 (20 off 250 CNY) a 满200减30 voucher takes 30 more, split across both suppliers to the fen', async () => {
    const rule = ok<any>(
      await sys.gql(bankOperator(1), RULE, {
        i: {
          name: '满100减10',
          kind: 'THRESHOLD',
          thresholdBasis: 'CASH',
          thresholdAmount: 10_000,
          discountAmount: 1_000,
          repeatable: true,
          startsAt: since(-HOUR),
          fundedBy: 'BANK',
        },
      }),
      'createBenefitRule',
    ).benefitRule.id;
    const v = await issue({ customerId: '1', fundedBy: 'SHARED', bankShareBp: 7000 });
    assert.equal(await usesLeft(1, v), 1);
    const order = ok<any>(await checkout(1, v), 'checkout').order;
    await sys.gql(bankOperator(1), RULE_OFF, { i: { benefitRuleId: rule, enabled: false } });
    assert.equal(order.voucherId, v);
    assert.equal(order.voucherDiscountFen, 3_000);
    assert.equal(order.cashFen, 25_000 - 2_000 - 3_000);
    // The threshold splits 2000 by 13333 : 11667 (1067 / 933); the voucher then 3000 by what is left
    // (12266 : 10734 → 1599.91 / 1400.09, the remainder to the larger fraction: 1600 / 1400).
    const [la, lb] = order.lines;
    assert.deepEqual(
      la.discounts.map((d: any) => [d.source, d.fen]),
      [
        ['THRESHOLD', 1067],
        ['VOUCHER', 1600],
      ],
    );
    assert.deepEqual(
      lb.discounts.map((d: any) => [d.source, d.fen]),
      [
        ['THRESHOLD', 933],
        ['VOUCHER', 1400],
      ],
    );
    assert.deepEqual(la.discounts[1], {
      source: 'VOUCHER',
      ruleId: v,
      fen: 1600,
      fundedBy: 'SHARED',
      bankShareBp: 7000,
    });
    assert.equal(la.netFen + lb.netFen, order.cashFen);
    for (const so of order.supplierOrders)
      assert.equal(
        so.netFen,
        so.lines.reduce((s: number, l: any) => s + l.netFen, 0),
      );
    assert.deepEqual(await voucher(v), { spentFen: 3_000, remainingFen: 997_000, usedCount: 1 });
    assert.equal(await usesLeft(1, v), 0, 'the one use is taken');
    // Used up: a second order with it is refused before anything is recorded.
    const before = await ordersOf(1);
    const again = await checkout(1, v);
    assert.equal(errorCode(again), 'BAD_USER_INPUT');
    assert.equal(await ordersOf(1), before);
  });

  it('the preview lists the customer’s vouchers priced against the basket, records nothing, and matches the order placed', async () => {
    const big = await issue({ customerId: '9', name: '满200减30', amountOffFen: 3_000, minSpendFen: 20_000 });
    const small = await issue({ customerId: '9', name: '无门槛5元', amountOffFen: 500, minSpendFen: 0 });
    const far = await issue({ customerId: '9', name: '满500减80', amountOffFen: 8_000, minSpendFen: 50_000 });
    const basket = [
      { listingId: a, quantity: 1 },
      { listingId: b, quantity: 1 },
    ];
    const preview = async (i: Record<string, unknown>) =>
      ok<any>(await sys.gql(customer(1, 9), PREVIEW, { i: { mallId, lines: basket, ...i } }), 'checkoutPreview');
    const plain = await preview({});
    assert.equal(plain.voucherId, null);
    assert.equal(plain.cashFen, 25_000 + plain.shippingFen);
    assert.deepEqual(
      plain.voucherOptions.map((o: any) => [o.voucherId, o.discountFen]),
      [
        [big, 3_000],
        [small, 500],
        [far, 0],
      ],
      'the largest discount first; one below its minimum spend takes nothing',
    );
    const withBig = await preview({ voucherId: big, pointsToUse: 1_000 });
    assert.equal(withBig.voucherDiscountFen, 3_000);
    assert.equal(withBig.cashFen, 25_000 - 3_000 - 1_000 + withBig.shippingFen);
    assert.deepEqual(
      withBig.lines.map((l: any) => l.discounts.map((d: any) => [d.source, d.fen])),
      [[['VOUCHER', 1600]], [['VOUCHER', 1400]]],
    );
    assert.equal(
      errorCode(await sys.gql(customer(1, 9), PREVIEW, { i: { mallId, lines: basket, voucherId: far } })),
      'BAD_USER_INPUT',
    );
    assert.equal(await ordersOf(9), 0, 'a preview records no order');
    assert.deepEqual(await voucher(big), { spentFen: 0, remainingFen: 1_000_000, usedCount: 0 });
    const order = ok<any>(await checkout(9, big, basket, { pointsToUse: 1_000 }), 'checkout').order;
    assert.equal(order.cashFen, withBig.cashFen);
    assert.deepEqual(
      order.lines.map((l: any) => l.netFen),
      withBig.lines.map((l: any) => l.netFen),
    );
    // Staff do not preview a customer's basket; a customer of another bank cannot price bank 1's mall.
    assert.equal(errorCode(await sys.gql(bankOperator(1), PREVIEW, { i: { mallId, lines: basket } })), 'FORBIDDEN');
    const foreign = await sys.gql(customer(2, 30), PREVIEW, { i: { mallId, lines: basket } });
    assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(errorCode(foreign)!), JSON.stringify(foreign.errors));
  });

  it('below the minimum spend, or someone else’s voucher: BAD_USER_INPUT on voucherId, nothing recorded or taken', async () => {
    const v = await issue({ customerId: '2' });
    const before = await ordersOf(2);
    const small = await checkout(2, v, [{ listingId: a, quantity: 1 }]);
    assert.equal(errorCode(small), 'BAD_USER_INPUT');
    assert.match(small.errors![0]!.message, /minimum spend of ¥200\.00/);
    assert.equal((small.errors![0]!.extensions as any)?.problems?.[0]?.field, 'voucherId');
    const notMine = await checkout(3, v);
    assert.equal(errorCode(notMine), 'BAD_USER_INPUT');
    assert.doesNotMatch(notMine.errors![0]!.message, /SELECT|sql/i);
    const garbage = await checkout(2, 'not-an-id');
    assert.equal(errorCode(garbage), 'BAD_USER_INPUT');
    assert.equal(await ordersOf(2), before);
    assert.deepEqual(await voucher(v), { spentFen: 0, remainingFen: 1_000_000, usedCount: 0 });
    assert.equal(await usesLeft(2, v), 1);
  });

  it('12 concurrent checkouts against a budget of five discounts (满200减10): exactly five get it, the budget is spent exactly', async () => {
    const v = await issue({
      customerId: '4',
      amountOffFen: 1_000,
      minSpendFen: 20_000,
      perCustomerLimit: 100,
      budgetFen: 5_000,
    });
    const results = await Promise.all(Array.from({ length: 12 }, () => checkout(4, v)));
    const won = results.filter((r) => !r.errors);
    for (const r of results) if (r.errors) assert.ok(['CONFLICT', 'BAD_USER_INPUT'].includes(errorCode(r)!));
    assert.equal(won.length, 5, JSON.stringify(results.map((r) => r.errors?.[0]?.message ?? 'ok')));
    for (const r of won) assert.equal(r.data!.checkout.order.cashFen, 25_000 - 1_000);
    assert.deepEqual(await voucher(v), { spentFen: 5_000, remainingFen: 0, usedCount: 5 });
    // The losers hold nothing: only the winners' orders stand, and their lines' discounts sum to the budget.
    const em = (await sys.orm('orders')).em.fork();
    const [sum] = await em
      .getConnection()
      .execute(
        "SELECT COALESCE(SUM(d.fen), 0) AS fen FROM order_discount d JOIN customer_order o ON o.id = d.order_id WHERE d.source = 'VOUCHER' AND d.rule_id = ? AND o.status NOT IN ('FAILED', 'CANCELLED')",
        [Number(v)],
      );
    assert.equal(Number(sum.fen), 5_000);
  });

  it('a per-customer limit of 2 holds under 6 concurrent checkouts by one customer', async () => {
    const v = await issue({ customerId: '5', amountOffFen: 500, minSpendFen: 0, perCustomerLimit: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, () => checkout(5, v)));
    assert.equal(results.filter((r) => !r.errors).length, 2);
    assert.deepEqual(await voucher(v), { spentFen: 1_000, remainingFen: 999_000, usedCount: 2 });
    assert.equal(await usesLeft(5, v), 0);
  });

  it('a checkout that fails on stock after the voucher was reserved gives the use and the discount back', async () => {
    const v = await issue({ customerId: '6', amountOffFen: 800, minSpendFen: 0 });
    await setStock(sys, skuA, 0);
    try {
      const r = await checkout(6, v);
      assert.equal(errorCode(r), 'CONFLICT');
    } finally {
      await setStock(sys, skuA, 500);
    }
    assert.deepEqual(await voucher(v), { spentFen: 0, remainingFen: 1_000_000, usedCount: 0 });
    assert.equal(await usesLeft(6, v), 1);
    const order = ok<any>(await checkout(6, v), 'checkout').order;
    assert.equal(order.voucherDiscountFen, 800);
  });

  it('points apply to the cash after the voucher; cancelling the unpaid order gives the voucher back', async () => {
    const v = await issue({ customerId: '7', amountOffFen: 3_000, minSpendFen: 20_000 });
    const points = await pointsOf(sys, 7);
    const use = Math.min(1_000, points.redeemable);
    const order = ok<any>(await checkout(7, v, undefined, { pointsToUse: use }), 'checkout').order;
    // 100 points = 1 CNY at bank 1: the points come off the 220 CNY left after the voucher.
    assert.equal(order.pointsAppliedToCash, use);
    assert.equal(order.cashFen, 25_000 - 3_000 - use);
    assert.deepEqual(await voucher(v), { spentFen: 3_000, remainingFen: 997_000, usedCount: 1 });
    const cancelled = ok<any>(await sys.gql(customer(1, 7), CANCEL, { i: { orderId: order.id } }), 'cancelOrder');
    assert.equal(cancelled.status, 'CANCELLED');
    assert.deepEqual(await voucher(v), { spentFen: 0, remainingFen: 1_000_000, usedCount: 0 });
    assert.equal(await usesLeft(7, v), 1, 'the use is back');
  });

  it('refunding one line gives its voucher share back to the budget; both refunds give back the whole discount', async () => {
    const v = await issue({ customerId: '8', amountOffFen: 3_000, minSpendFen: 20_000, fundedBy: 'SUPPLIER' });
    const order = ok<any>(await checkout(8, v), 'checkout').order;
    // 3000 split by 13333 : 11667 → 1599.96 / 1400.04: 1600 / 1400.
    const share = new Map<string, number>(
      order.lines.map((l: any) => [l.id, l.discounts.find((d: any) => d.source === 'VOUCHER').fen]),
    );
    assert.deepEqual([...share.values()], [1600, 1400]);
    ok(
      await sys.gql(bankAdmin(1), PAY, {
        i: { orderId: order.id, paymentRef: `P-${randomUUID()}`, amountFen: order.cashFen },
      }),
      'confirmPayment',
    );
    let returned = 0;
    let cash = 0;
    for (const so of order.supplierOrders) {
      await markShipped(sys, Number(so.id));
      const line = so.lines[0];
      const req = ok<any>(
        await sys.gql(customer(1, 8), REQUEST_REFUND, {
          i: { supplierOrderId: so.id, lines: [{ orderLineId: line.id, quantity: 1 }], reason: '不想要了' },
        }),
        'requestRefund',
      );
      const sup = order.lines.find((l: any) => l.id === line.id).listing.id === a ? supplierA : supplierB;
      const d = ok<any>(
        await sys.gql(supplierAdmin(sup), DECIDE, { i: { refundId: req.id, approve: true } }),
        'decideRefund',
      );
      assert.equal(d.cashRefundFen, line.netFen, 'the customer gets the line’s net, after the voucher');
      assert.equal(d.voucherReturnFen, share.get(line.id));
      returned += d.voucherReturnFen;
      cash += d.cashRefundFen;
      assert.equal((await voucher(v)).spentFen, 3_000 - returned);
    }
    assert.equal(cash, order.cashFen);
    assert.deepEqual(await voucher(v), { spentFen: 0, remainingFen: 1_000_000, usedCount: 1 });
    assert.equal(await usesLeft(8, v), 0, 'the order stands: its use stays used');
  });

  it('settlement takes the supplier’s share of discounts off what the bank owes it, and gives it back with a refund after delivery', async () => {
    // A SHARED 满100减10 (bank 60 %) and a SUPPLIER-funded voucher on one two-supplier order.
    const rule = ok<any>(
      await sys.gql(bankOperator(1), RULE, {
        i: {
          name: '满100减10 共担',
          kind: 'THRESHOLD',
          thresholdBasis: 'CASH',
          thresholdAmount: 10_000,
          discountAmount: 1_000,
          repeatable: true,
          startsAt: since(-HOUR),
          fundedBy: 'SHARED',
          bankShareBp: 6000,
        },
      }),
      'createBenefitRule',
    ).benefitRule.id;
    const v = await issue({ customerId: '10', amountOffFen: 3_000, minSpendFen: 20_000, fundedBy: 'SUPPLIER' });
    const order = ok<any>(
      await checkout(10, v, [
        { listingId: a, quantity: 2 },
        { listingId: b, quantity: 1 },
      ]),
      'checkout',
    ).order;
    await sys.gql(bankOperator(1), RULE_OFF, { i: { benefitRuleId: rule, enabled: false } });
    ok(
      await sys.gql(bankAdmin(1), PAY, {
        i: { orderId: order.id, paymentRef: `P-${randomUUID()}`, amountFen: order.cashFen },
      }),
      'confirmPayment',
    );
    // What each line's supplier funds: 40 % of its threshold share (rounded down) + all its voucher share.
    const funded = new Map<string, number>(
      order.lines.map((l: any) => {
        const t = l.discounts.find((d: any) => d.source === 'THRESHOLD').fen;
        const vf = l.discounts.find((d: any) => d.source === 'VOUCHER').fen;
        return [l.id, Math.floor((t * 4000) / 10000) + vf];
      }),
    );
    const em = (await sys.orm('orders')).em.fork();
    const statementLines = async (orderId: string) =>
      (await em
        .getConnection()
        .execute(
          'SELECT order_line_id, kind, quantity, amount_fen FROM settlement_line WHERE order_id = ? ORDER BY id',
          [Number(orderId)],
        )) as { order_line_id: number; kind: string; quantity: number; amount_fen: number }[];
    for (const so of order.supplierOrders) await markShipped(sys, Number(so.id), 'DELIVERED');
    const rows = await statementLines(order.id);
    for (const l of order.lines) {
      const mine = rows.filter((r) => Number(r.order_line_id) === Number(l.id));
      assert.deepEqual(
        mine.map((r) => [r.kind, Number(r.quantity)]),
        [
          ['DISCOUNT', l.quantity],
          ['DELIVERY', l.quantity],
        ],
      );
      assert.equal(Number(mine[0]!.amount_fen), -funded.get(l.id)!, `line ${l.id}`);
    }
    // One of the two units of line A comes back after delivery: half its funded share returns (rounded
    // down); the other half stays with the unit the customer kept.
    const lineA = order.lines.find((l: any) => l.listing.id === a);
    const soA = order.supplierOrders.find((so: any) => so.lines.some((x: any) => x.id === lineA.id));
    const req = ok<any>(
      await sys.gql(customer(1, 10), REQUEST_REFUND, {
        i: { supplierOrderId: soA.id, lines: [{ orderLineId: lineA.id, quantity: 1 }], reason: '多买了一件' },
      }),
      'requestRefund',
    );
    ok(await sys.gql(supplierAdmin(supplierA), DECIDE, { i: { refundId: req.id, approve: true } }), 'decideRefund');
    const after = (await statementLines(order.id)).filter((r) => Number(r.order_line_id) === Number(lineA.id));
    const back = after.find((r) => r.kind === 'DISCOUNT_RETURN');
    assert.ok(back, JSON.stringify(after));
    assert.equal(Number(back.amount_fen), Math.floor(funded.get(lineA.id)! / 2));
    const owed = after.reduce((s, r) => s + Number(r.amount_fen), 0);
    const supplierPrice = Number(
      (
        await em.getConnection().execute('SELECT supplier_price_fen FROM order_line WHERE id = ?', [Number(lineA.id)])
      )[0].supplier_price_fen,
    );
    assert.equal(owed, supplierPrice - (funded.get(lineA.id)! - Math.floor(funded.get(lineA.id)! / 2)));
  });
});
