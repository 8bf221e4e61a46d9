/**
 * Benefit rules (issue 17): 满X减Y thresholds, percent off with a cap, monthly quotas, through
 * tenants' pricing, the orders saga, cancellation and refunds — the discounts split across lines and
 * supplier orders to the fen, quotas consumed once under concurrency and given back.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, ok, startTestSystem, type TestSystem } from '../harness';
import { Tier } from '../../subgraphs/tenants/entities/tier';
import {
  A_FEN,
  ADDRESS,
  B_FEN,
  CANCEL,
  PAY,
  REQUEST_REFUND,
  bankAdmin,
  createListing,
  customer,
  markShipped,
  setUpMall,
  setUpTwoSupplierMall,
} from './helpers';
import { bankOperator, supplierAdmin } from '../principals';

const CREATE = `mutation($i: CreateBenefitRuleInput!) { createBenefitRule(input: $i) { benefitRule { id kind enabled
  thresholdAmount discountAmount repeatable listingIds targetTierId } } }`;
const UPDATE = `mutation($i: UpdateBenefitRuleInput!) { updateBenefitRule(input: $i) { benefitRule { id enabled name } } }`;
const LIST = `query($first: Int, $after: String) { benefitRules(first: $first, after: $after) {
  edges { node { id name } } pageInfo { hasNextPage endCursor } } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { order { id status cashFen totalPoints
  lines { id listingId: listing { id } unitFen quantity discountFen netFen discounts { source ruleId fen points fundedBy bankShareBp } }
  supplierOrders { id netFen discountFen lines { id netFen } } } } }`;
const PRICE = `query($m: ID!, $c: ID!, $l: [PriceLineInput!]!, $now: DateTime) { priceCheckout(mallId: $m, customerId: $c, lines: $l, now: $now) {
  totalFen freeShipping discounts { source ruleId fen points fundedBy }
  lines { discountFen discountPoints quotaRuleId quotaUnits quotaPeriodKey } } }`;
const RESERVE = `mutation($o: ID!, $c: ID, $q: [BenefitQuotaLineInput!]) { reserveCampaignBudget(orderId: $o, lines: [], customerId: $c, quotas: $q) }`;
const DECIDE = 'mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state cashRefundFen } }';

const LOUNGE_FEN = 5_000;
const HOUR = 3_600_000;

describe('benefit rules through checkout, orders and refunds', () => {
  let sys: TestSystem;
  let mallId: string;
  let loungeMall: string;
  let a: string;
  let b: string;
  let lounge: string;
  let supplierA: number;
  let supplierB: number;

  const since = (ms: number) => new Date(Date.now() + ms).toISOString();

  async function rule(input: Record<string, unknown>): Promise<string> {
    const r = await sys.gql(bankOperator(1), CREATE, {
      i: { name: '权益', startsAt: since(-HOUR), fundedBy: 'BANK', ...input },
    });
    return ok<any>(r, 'createBenefitRule').benefitRule.id;
  }
  const HALF = LOUNGE_FEN / 2;
  /** A monthly quota of 1 lounge pass at half price. */
  const halfPricePass = () =>
    rule({ kind: 'QUOTA', quotaUnits: 1, quotaPeriod: 'MONTH', quotaDiscountBp: 5_000, listingIds: [lounge] });
  const off = async (id: string) =>
    ok(await sys.gql(bankOperator(1), UPDATE, { i: { benefitRuleId: id, enabled: false } }), 'updateBenefitRule');

  async function checkout(customerId: number, lines: { listingId: string; quantity: number }[], mall = mallId) {
    return sys.gql(customer(1, customerId), CHECKOUT, {
      input: { mallId: mall, lines, shippingAddress: ADDRESS, idempotencyKey: `benefit-${randomUUID()}` },
    });
  }
  const basket = () => [
    { listingId: a, quantity: 1 },
    { listingId: b, quantity: 1 },
  ];

  async function quotaUsed(ruleId: string, customerId: number): Promise<number> {
    const em = (await sys.orm('tenants')).em.fork();
    const rows = await em
      .getConnection()
      .execute('SELECT COALESCE(SUM(used), 0) AS n FROM benefit_quota_use WHERE rule_id = ? AND customer_id = ?', [
        Number(ruleId),
        customerId,
      ]);
    return Number(rows[0].n);
  }

  before(async () => {
    sys = await startTestSystem();
    let skuA: number;
    ({ mallId, a, b, skuA, supplierA, supplierB } = await setUpTwoSupplierMall(sys, A_FEN, B_FEN, 200));
    loungeMall = (await setUpMall(sys)).mallId;
    lounge = await createListing(sys, {
      mallId: loungeMall,
      skuId: String(skuA),
      priceMode: 'CASH',
      pricePoints: 0,
      priceFen: LOUNGE_FEN,
    });
  });
  after(async () => {
    await sys?.stop();
  });

  it('满100减10 repeatable on 250 CNY takes 20 off, split across two suppliers exactly; once per order takes 10', async () => {
    const repeat = await rule({
      kind: 'THRESHOLD',
      thresholdBasis: 'CASH',
      thresholdAmount: 10_000,
      discountAmount: 1_000,
      repeatable: true,
      fundedBy: 'SHARED',
      bankShareBp: 6000,
    });
    const order = ok<any>(await checkout(1, basket()), 'checkout').order;
    const [la, lb] = order.lines;
    // 2000 × 13333 / 25000 = 1066.64 and 933.36: the remainder goes to the larger fraction.
    assert.deepEqual(
      order.lines.map((l: any) => [l.discountFen, l.netFen]),
      [
        [1067, A_FEN - 1067],
        [933, B_FEN - 933],
      ],
    );
    assert.equal(la.discountFen + lb.discountFen, 2_000);
    assert.equal(order.cashFen, 25_000 - 2_000);
    assert.deepEqual(la.discounts, [
      { source: 'THRESHOLD', ruleId: repeat, fen: 1067, points: 0, fundedBy: 'SHARED', bankShareBp: 6000 },
    ]);
    for (const so of order.supplierOrders)
      assert.equal(
        so.netFen,
        so.lines.reduce((s: number, l: any) => s + l.netFen, 0),
      );
    assert.equal(
      order.supplierOrders.reduce((s: number, so: any) => s + so.netFen, 0),
      order.cashFen,
    );
    await off(repeat);

    const once = await rule({
      kind: 'THRESHOLD',
      thresholdBasis: 'CASH',
      thresholdAmount: 10_000,
      discountAmount: 1_000,
    });
    const o2 = ok<any>(await checkout(1, basket()), 'checkout').order;
    assert.equal(o2.cashFen, 25_000 - 1_000);
    assert.equal(
      o2.lines.reduce((s: number, l: any) => s + l.discountFen, 0),
      1_000,
    );
    await off(once);
  });

  it('rules outside their validity window do not apply; percent off stops at its cap', async () => {
    const later = await rule({
      kind: 'THRESHOLD',
      thresholdBasis: 'CASH',
      thresholdAmount: 10_000,
      discountAmount: 1_000,
      startsAt: since(HOUR),
    });
    const ended = await rule({
      kind: 'PERCENT_OFF',
      percentBp: 5000,
      capFen: 9_000,
      startsAt: since(-2 * HOUR),
      endsAt: since(-HOUR),
    });
    const plain = ok<any>(await checkout(1, basket()), 'checkout').order;
    assert.equal(plain.cashFen, 25_000);
    const capped = await rule({ kind: 'PERCENT_OFF', percentBp: 1000, capFen: 500 });
    const o = ok<any>(await checkout(1, basket()), 'checkout').order;
    assert.equal(o.cashFen, 25_000 - 500, '10% of 250 CNY is 25 CNY, capped at 5');
    for (const id of [later, ended, capped]) await off(id);
  });

  it('a refund of one line of a discounted two-supplier order returns exactly its net; both refunds sum to what was paid', async () => {
    const r = await rule({
      kind: 'THRESHOLD',
      thresholdBasis: 'CASH',
      thresholdAmount: 10_000,
      discountAmount: 1_000,
      repeatable: true,
    });
    const order = ok<any>(await checkout(2, basket()), 'checkout').order;
    await off(r);
    assert.equal(
      ok<any>(
        await sys.gql(bankAdmin(1), PAY, {
          i: { orderId: order.id, paymentRef: `P-${randomUUID()}`, amountFen: order.cashFen },
        }),
        'confirmPayment',
      ).status,
      'PAID',
    );
    const refunds: number[] = [];
    for (const so of order.supplierOrders) {
      await markShipped(sys, Number(so.id));
      const line = so.lines[0];
      const req = ok<any>(
        await sys.gql(customer(1, 2), REQUEST_REFUND, {
          i: { supplierOrderId: so.id, lines: [{ orderLineId: line.id, quantity: 1 }], reason: '不想要了' },
        }),
        'requestRefund',
      );
      const sup = order.lines.find((l: any) => l.id === line.id).listingId.id === a ? supplierA : supplierB;
      const d = ok<any>(
        await sys.gql(supplierAdmin(sup), DECIDE, { i: { refundId: req.id, approve: true } }),
        'decideRefund',
      );
      assert.equal(d.cashRefundFen, line.netFen, 'the line’s net share, exactly');
      refunds.push(d.cashRefundFen);
    }
    assert.equal(
      refunds.reduce((s, v) => s + v, 0),
      order.cashFen,
    );
  });

  it('a monthly lounge quota of 1: one free pass in November and one in December (Asia/Shanghai, 16:00 UTC)', async () => {
    const id = await rule({
      kind: 'QUOTA',
      quotaUnits: 1,
      quotaPeriod: 'MONTH',
      quotaDiscountBp: 10_000,
      listingIds: [lounge],
      startsAt: '2026-10-01T00:00:00Z',
    });
    const price = async (now: string) =>
      ok<any>(
        await sys.asService('tenants', PRICE, { m: loungeMall, c: '6', l: [{ listingId: lounge, quantity: 1 }], now }),
        'priceCheckout',
      );
    const nov = await price('2026-11-30T15:59:59Z');
    assert.deepEqual([nov.totalFen, nov.lines[0].quotaUnits, nov.lines[0].quotaPeriodKey], [0, 1, '2026-11']);
    const reserve = (orderId: number, periodKey: string) =>
      sys.asService('tenants', RESERVE, {
        o: String(orderId),
        c: '6',
        q: [{ ruleId: id, listingId: lounge, units: 1, periodKey }],
      });
    assert.equal(ok(await reserve(990_001, '2026-11'), 'reserveCampaignBudget'), 'RESERVED');
    // November's pass is used: the quote no longer promises it, and a second reservation is refused.
    assert.equal((await price('2026-11-30T15:59:59Z')).totalFen, LOUNGE_FEN);
    assert.equal(errorCode(await reserve(990_002, '2026-11')), 'CONFLICT');
    // One second later it is December in Shanghai: a fresh pass.
    const dec = await price('2026-11-30T16:00:00Z');
    assert.deepEqual([dec.totalFen, dec.lines[0].quotaPeriodKey], [0, '2026-12']);
    assert.equal(ok(await reserve(990_003, '2026-12'), 'reserveCampaignBudget'), 'RESERVED');
    assert.equal((await price('2026-12-31T15:59:59Z')).totalFen, LOUNGE_FEN);
    assert.equal((await price('2026-12-31T16:00:00Z')).totalFen, 0, 'January');
    await off(id);
  });

  it('20 concurrent checkouts use a quota of 1 (a half-price pass) once; cancelling that order gives it back', async () => {
    const id = await halfPricePass();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => checkout(7, [{ listingId: lounge, quantity: 1 }], loungeMall)),
    );
    const half = results.filter((r) => !r.errors && r.data!.checkout.order.cashFen === HALF);
    assert.equal(half.length, 1, 'exactly one order got the pass');
    for (const r of results)
      if (r.errors) assert.equal(errorCode(r), 'CONFLICT', JSON.stringify(r.errors));
      else assert.ok([HALF, LOUNGE_FEN].includes(r.data!.checkout.order.cashFen));
    assert.equal(await quotaUsed(id, 7), 1);
    const order = half[0]!.data!.checkout.order;
    assert.deepEqual(
      order.lines[0].discounts.map((d: any) => [d.source, d.ruleId, d.fen]),
      [['QUOTA', id, HALF]],
    );
    const cancelled = ok<any>(await sys.gql(customer(1, 7), CANCEL, { i: { orderId: order.id } }), 'cancelOrder');
    assert.equal(cancelled.status, 'CANCELLED');
    assert.equal(await quotaUsed(id, 7), 0, 'the pass is back');
    const again = ok<any>(await checkout(7, [{ listingId: lounge, quantity: 1 }], loungeMall), 'checkout').order;
    assert.equal(again.cashFen, HALF);
    await off(id);
  });

  it('a refunded pass comes back: of 2 units bought with a quota of 1 (one at half price), refunding both returns the quota unit once', async () => {
    const id = await halfPricePass();
    const order = ok<any>(await checkout(8, [{ listingId: lounge, quantity: 2 }], loungeMall), 'checkout').order;
    assert.equal(order.cashFen, HALF + LOUNGE_FEN, 'one unit at the quota price, one at the full price');
    assert.equal(await quotaUsed(id, 8), 1);
    ok(
      await sys.gql(bankAdmin(1), PAY, {
        i: { orderId: order.id, paymentRef: `P-${randomUUID()}`, amountFen: order.cashFen },
      }),
      'confirmPayment',
    );
    const so = order.supplierOrders[0];
    await markShipped(sys, Number(so.id));
    const line = so.lines[0];
    const refundOne = async () => {
      const req = ok<any>(
        await sys.gql(customer(1, 8), REQUEST_REFUND, {
          i: { supplierOrderId: so.id, lines: [{ orderLineId: line.id, quantity: 1 }], reason: '行程取消了' },
        }),
        'requestRefund',
      );
      return ok<any>(
        await sys.gql(supplierAdmin(supplierA), DECIDE, { i: { refundId: req.id, approve: true } }),
        'decideRefund',
      );
    };
    await refundOne();
    assert.equal(await quotaUsed(id, 8), 0, 'the first refunded unit gives the quota unit back');
    await refundOne();
    assert.equal(await quotaUsed(id, 8), 0, 'never below zero: the unit came back once');
    // The pass can be used again this month.
    const again = ok<any>(await checkout(8, [{ listingId: lounge, quantity: 1 }], loungeMall), 'checkout').order;
    assert.equal(again.cashFen, HALF);
    assert.equal(await quotaUsed(id, 8), 1);
    await off(id);
  });

  it('a rule for another bank’s tier is NOT_FOUND; another bank’s operator cannot change or list bank 1’s rules', async () => {
    const tenants = (await sys.orm('tenants')).em.fork();
    const foreignTier = await tenants.findOneOrFail(Tier, { bankId: 2 });
    const r = await sys.gql(bankOperator(1), CREATE, {
      i: {
        name: '别家的',
        kind: 'FREE_SHIPPING',
        startsAt: since(0),
        fundedBy: 'BANK',
        targetTierId: String(foreignTier.id),
      },
    });
    assert.equal(errorCode(r), 'NOT_FOUND');
    const own = await rule({ kind: 'FREE_SHIPPING', startsAt: since(HOUR), name: '包邮' });
    const foreign = await sys.gql(bankOperator(2), UPDATE, { i: { benefitRuleId: own, name: '改了' } });
    assert.equal(errorCode(foreign), 'NOT_FOUND');
    const page = ok<any>(await sys.gql(bankOperator(2), LIST, { first: 100 }), 'benefitRules');
    assert.ok(!page.edges.some((e: any) => e.node.id === own));
    const mine = ok<any>(await sys.gql(bankOperator(1), LIST, { first: 2 }), 'benefitRules');
    assert.equal(mine.edges[0].node.name, '包邮', 'unchanged, newest first');
    assert.equal(mine.pageInfo.hasNextPage, true);
    const next = ok<any>(
      await sys.gql(bankOperator(1), LIST, { first: 2, after: mine.pageInfo.endCursor }),
      'benefitRules',
    );
    assert.ok(Number(next.edges[0].node.id) < Number(mine.edges[1].node.id));
    // Bad inputs name the field.
    const bad = await sys.gql(bankOperator(1), CREATE, {
      i: { name: 'x', kind: 'PERCENT_OFF', startsAt: since(0), fundedBy: 'BANK', percentBp: 20_000 },
    });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
  });
});
