/**
 * Issue 17: reading quota use — `Customer.benefitQuotas` (the customer's live QUOTA rules with what
 * is used and left in the current period of the bank's time zone) and `BenefitRule.quotaUses` (who
 * used a rule in a period, keyset pages). Units are consumed through real checkouts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import { ADDRESS, createListing, customer, setStock, setUpMall } from '../orders/helpers';
import { bankOperator, partnerApp } from '../principals';
import { Customer } from '../../subgraphs/tenants/entities/customer';
import { Tier } from '../../subgraphs/tenants/entities/tier';
import { QuotaPeriod } from '../../subgraphs/tenants/entities/benefit-rule';
import { periodEndOf } from '../../subgraphs/tenants/services/benefit-quotas';
import { periodKeyOf } from '../../subgraphs/tenants/services/benefits';

const CREATE = `mutation($i: CreateBenefitRuleInput!) { createBenefitRule(input: $i) { benefitRule { id } } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { order { id cashFen } } }`;
const CANCEL = 'mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { status } }';
const RESERVE = `mutation($o: ID!, $c: ID, $q: [BenefitQuotaLineInput!]) { reserveCampaignBudget(orderId: $o, lines: [], customerId: $c, quotas: $q) }`;
const QUOTAS = `query($id: ID) { customer(id: $id) { id benefitQuotas { benefitRule { id name quotaPeriod }
  periodKey periodEndsAt unitsAllowed used left } } }`;
const USES = `query($id: ID!, $first: Int, $after: String, $key: String) { benefitRule(id: $id) { id
  currentPeriodKey currentPeriodEndsAt
  quotaUses(first: $first, after: $after, periodKey: $key) { edges { node { customer { id externalRef } periodKey used unitsAllowed left } }
  pageInfo { hasNextPage endCursor } } } }`;

const PASS_FEN = 5_000;
const ZONE = 'Asia/Shanghai';

describe('quota use per customer (Customer.benefitQuotas, BenefitRule.quotaUses)', () => {
  let sys: TestSystem;
  let mallId: string;
  let pass: string;
  let monthly: string;
  let tierOnly: string;
  let otherTier: string;
  const now = () => new Date();

  const ok = <T = any>(r: GraphQLResult, field: string): T => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data![field] as T;
  };
  async function rule(input: Record<string, unknown>): Promise<string> {
    const r = await sys.gql(bankOperator(1), CREATE, {
      i: {
        kind: 'QUOTA',
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        fundedBy: 'BANK',
        quotaDiscountBp: 10_000,
        listingIds: [pass],
        ...input,
      },
    });
    return ok<any>(r, 'createBenefitRule').benefitRule.id;
  }
  const checkout = (customerId: number) =>
    sys.gql(customer(1, customerId), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: pass, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: `quota-use-${randomUUID()}`,
      },
    });
  const quotasOf = async (as: Parameters<TestSystem['gql']>[0], id?: string) =>
    ok<any>(await sys.gql(as, QUOTAS, { id }), 'customer').benefitQuotas as any[];
  const usesOf = async (ruleId: string, vars: Record<string, unknown> = {}) =>
    ok<any>(await sys.gql(bankOperator(1), USES, { id: ruleId, first: 100, ...vars }), 'benefitRule');

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    await setStock(sys, m.physical.id, 500);
    pass = await createListing(sys, {
      mallId,
      skuId: String(m.physical.id),
      priceMode: 'CASH',
      pricePoints: 0,
      priceFen: PASS_FEN,
    });
    const tenants = (await sys.orm('tenants')).em.fork();
    const c6 = await tenants.findOneOrFail(Customer, 6);
    assert.ok(c6.tierId, 'demo customer 6 holds a tier');
    const foreign = await tenants.findOneOrFail(Tier, { bankId: 1, id: { $ne: c6.tierId } });
    monthly = await rule({ name: '每月贵宾厅', quotaUnits: 2, quotaPeriod: 'MONTH' });
    tierOnly = await rule({
      name: '本等级季度券',
      quotaUnits: 3,
      quotaPeriod: 'QUARTER',
      targetTierId: String(c6.tierId),
    });
    otherTier = await rule({ name: '别的等级', quotaUnits: 5, quotaPeriod: 'YEAR', targetTierId: String(foreign.id) });
  });
  after(async () => {
    await sys?.stop();
  });

  it('periods end at local midnight in Asia/Shanghai: December 2026 starts at 2026-11-30T16:00Z', () => {
    assert.equal(periodEndOf(QuotaPeriod.MONTH, '2026-11', ZONE).toISOString(), '2026-11-30T16:00:00.000Z');
    assert.equal(periodEndOf(QuotaPeriod.MONTH, '2026-12', ZONE).toISOString(), '2026-12-31T16:00:00.000Z');
    assert.equal(periodEndOf(QuotaPeriod.QUARTER, '2026-Q4', ZONE).toISOString(), '2026-12-31T16:00:00.000Z');
    assert.equal(periodEndOf(QuotaPeriod.QUARTER, '2027-Q1', ZONE).toISOString(), '2027-03-31T16:00:00.000Z');
    assert.equal(periodEndOf(QuotaPeriod.YEAR, '2026', ZONE).toISOString(), '2026-12-31T16:00:00.000Z');
    // One second before and at the boundary: the key the checkout uses moves with it.
    assert.equal(periodKeyOf(QuotaPeriod.MONTH, new Date('2026-11-30T15:59:59Z'), ZONE), '2026-11');
    assert.equal(periodKeyOf(QuotaPeriod.MONTH, new Date('2026-11-30T16:00:00Z'), ZONE), '2026-12');
  });

  it('a checkout uses one unit of the monthly quota: the customer and their bank’s operator see 1 used, 1 left, the period’s end', async () => {
    const order = ok<any>(await checkout(6), 'checkout').order;
    assert.equal(order.cashFen, 0, 'the pass was free');
    const key = periodKeyOf(QuotaPeriod.MONTH, now(), ZONE);
    const mine = await quotasOf(customer(1, 6));
    const byRule = new Map(mine.map((q) => [q.benefitRule.id, q]));
    const m = byRule.get(monthly);
    assert.deepEqual(
      [m.periodKey, m.unitsAllowed, m.used, m.left, m.periodEndsAt],
      [key, 2, 1, 1, periodEndOf(QuotaPeriod.MONTH, key, ZONE).toISOString()],
    );
    // The tier's own quarterly rule applies (nothing used: the line took the monthly one, the
    // larger-discount tie going to the older rule); another tier's yearly rule does not.
    const t = byRule.get(tierOnly);
    assert.deepEqual(
      [t.periodKey, t.unitsAllowed, t.used, t.left],
      [periodKeyOf(QuotaPeriod.QUARTER, now(), ZONE), 3, 0, 3],
    );
    assert.equal(byRule.has(otherTier), false, 'a rule for another tier is not the customer’s');
    const staff = await quotasOf(bankOperator(1), '6');
    assert.deepEqual(staff, mine, 'bank staff see the same figures');

    const uses = await usesOf(monthly);
    assert.equal(uses.currentPeriodKey, key);
    assert.deepEqual(
      uses.quotaUses.edges.map((e: any) => [e.node.customer.id, e.node.used, e.node.unitsAllowed, e.node.left]),
      [['6', 1, 2, 1]],
    );

    // Cancelling gives the unit back: used 0, left 2; the customer no longer shows among the users.
    ok(await sys.gql(customer(1, 6), CANCEL, { i: { orderId: order.id } }), 'cancelOrder');
    const after = (await quotasOf(customer(1, 6))).find((q) => q.benefitRule.id === monthly);
    assert.deepEqual([after.used, after.left], [0, 2]);
    assert.deepEqual((await usesOf(monthly)).quotaUses.edges, []);
  });

  it('units of another period do not count in the current one; quotaUses(periodKey) reads that period', async () => {
    const key = periodKeyOf(QuotaPeriod.MONTH, now(), ZONE);
    const [y, mo] = key.split('-').map(Number) as [number, number];
    const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
    const r = await sys.asService('tenants', RESERVE, {
      o: '991001',
      c: '7',
      q: [{ ruleId: monthly, listingId: pass, units: 2, periodKey: next }],
    });
    assert.equal(ok(r, 'reserveCampaignBudget'), 'RESERVED');
    const current = (await quotasOf(customer(1, 7))).find((q) => q.benefitRule.id === monthly);
    assert.deepEqual([current.periodKey, current.used, current.left], [key, 0, 2]);
    const later = await usesOf(monthly, { key: next });
    assert.deepEqual(
      later.quotaUses.edges.map((e: any) => [e.node.customer.id, e.node.periodKey, e.node.used, e.node.left]),
      [['7', next, 2, 0]],
    );
    for (const bad of ['2026-13', '2026-Q4', 'x'.repeat(50)]) {
      const refused = await sys.gql(bankOperator(1), USES, { id: monthly, first: 10, key: bad });
      assert.equal(errorCode(refused), 'BAD_USER_INPUT', bad);
    }
  });

  it('another bank’s staff and customers, and another customer of the bank, get NOT_FOUND for the quotas and the rule; staff lacking SERVE_CUSTOMERS or RUN_CAMPAIGNS get FORBIDDEN', async () => {
    assert.equal(errorCode(await sys.gql(bankOperator(2), QUOTAS, { id: '6' })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(customer(2, 21), QUOTAS, { id: '6' })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(customer(1, 7), QUOTAS, { id: '6' })), 'NOT_FOUND');
    const noService = { ...bankOperator(1), permissions: ['RUN_CAMPAIGNS' as const] };
    assert.equal(errorCode(await sys.gql(noService, QUOTAS, { id: '6' })), 'FORBIDDEN');
    // Bank 1's rule and its users are NOT_FOUND to bank 2's staff; without RUN_CAMPAIGNS FORBIDDEN.
    assert.equal(errorCode(await sys.gql(bankOperator(2), USES, { id: monthly, first: 10 })), 'NOT_FOUND');
    const noCampaigns = { ...bankOperator(1), permissions: ['SERVE_CUSTOMERS' as const] };
    assert.equal(errorCode(await sys.gql(noCampaigns, USES, { id: monthly, first: 10 })), 'FORBIDDEN');
  });

  it('costs the same tenants statements for 5 and 50 customers’ quotas, and for pages of 5 and 50 users; pages walk every user once', async () => {
    const refs = Array.from({ length: 60 }, (_, i) => `QUOTA-USE-${i}`);
    const up = await sys.gql(
      partnerApp(1),
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { customers { customer { id } } } }',
      { i: { customers: refs.map((externalRef) => ({ externalRef })) } },
    );
    const ids: number[] = ok<any>(up, 'upsertCustomers').customers.map((c: any) => Number(c.customer.id));
    // Counters as the reservation writes them (its own tests cover that path): one unit each.
    const key = periodKeyOf(QuotaPeriod.MONTH, now(), ZONE);
    const em = (await sys.orm('tenants')).em.fork();
    await em.getConnection().execute(
      `INSERT INTO benefit_quota_use (rule_id, customer_id, period_key, used) VALUES ${ids.map(() => '(?, ?, ?, 1)').join(', ')}`,
      ids.flatMap((id) => [Number(monthly), id, key]),
    );

    const counts: Record<number, number> = {};
    for (const first of [5, 50]) {
      const requestId = randomUUID();
      const r = await sys.gql(
        bankOperator(1),
        `query($first: Int!) { bank { customers(first: $first) { edges { node { id
          benefitQuotas { benefitRule { name listingIds } periodKey periodEndsAt used left } } } } } }`,
        { first },
        { requestId },
      );
      const edges = ok<any>(r, 'bank').customers.edges;
      assert.equal(edges.length, first);
      const without = edges.filter(
        (e: any) => !e.node.benefitQuotas.some((q: any) => q.benefitRule.name === '每月贵宾厅'),
      );
      assert.deepEqual(without, [], 'the monthly rule is for everyone');
      counts[first] = await sys.statements('tenants', requestId);
    }
    assert.equal(counts[5], counts[50], JSON.stringify(counts));

    const pageCounts: Record<number, number> = {};
    for (const first of [5, 50]) {
      const requestId = randomUUID();
      const r = await sys.gql(bankOperator(1), USES, { id: monthly, first }, { requestId });
      const node = ok<any>(r, 'benefitRule');
      assert.equal(node.quotaUses.edges.length, first);
      assert.deepEqual(
        node.quotaUses.edges
          .map((e: any) => e.node.customer.externalRef)
          .filter((r: string) => !r.startsWith('QUOTA-USE-')),
        [],
      );
      pageCounts[first] = await sys.statements('tenants', requestId);
    }
    assert.equal(pageCounts[5], pageCounts[50], JSON.stringify(pageCounts));

    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const node: any = await usesOf(monthly, { first: 25, after });
      seen.push(...node.quotaUses.edges.map((e: any) => e.node.customer.id));
      if (!node.quotaUses.pageInfo.hasNextPage) break;
      after = node.quotaUses.pageInfo.endCursor;
    }
    assert.deepEqual(
      seen,
      ids.map(String).sort((a, b) => Number(a) - Number(b)),
    );
  });
});
