/**
 * Issue 17, the campaign preview's expected cost: `Campaign.costForecast(uptakeBp)` — audience ×
 * uptake × (purchase limit, or 1) units per listing at the per-unit subsidy, the worst case (null when
 * a listing has no limit), against the budget left; integers only, uptake validated, another bank's
 * campaign NOT_FOUND. The arithmetic beyond 2^53 is checked on the pure function.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import { createListing, partnerApp, setUpMall } from '../orders/helpers';
import { bankOperator } from '../principals';
import { Customer } from '../../subgraphs/tenants/entities/customer';
import { Tier } from '../../subgraphs/tenants/entities/tier';
import { forecastCost } from '../../subgraphs/tenants/services/campaign-forecast';

const CREATE = `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id } } }`;
const FORECAST = `query($id: ID!, $u: Int) { campaign(id: $id) { costForecast(uptakeBp: $u) {
  uptakeBp audienceSize expectedUnits expectedCostFen worstCaseCostFen budgetFen remainingFen exceedsRemainingBudget saturated
  listings(first: 10) { edges { node { listingId listing { id } unitSubsidyFen purchaseLimitPerCustomer expectedUnits expectedCostFen worstCaseCostFen } } } } } }`;

describe('campaign cost forecast', () => {
  let sys: TestSystem;
  let mallId: string;
  /** 100 CNY, at most 2 per customer; campaign price 80 CNY: 2,000 fen subsidy a unit. */
  let limited: string;
  /** 50 CNY, no limit; campaign price 40 CNY: 1,000 fen subsidy a unit. */
  let open: string;
  let gold: number;
  let audience: number;

  const ok = <T = any>(r: GraphQLResult, field: string): T => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data![field] as T;
  };

  async function campaign(listingIds: string[], budgetFen: number | null): Promise<string> {
    const now = Date.now();
    const price: Record<string, number> = { [limited]: 8_000, [open]: 4_000 };
    const r = await sys.gql(bankOperator(1), CREATE, {
      i: {
        mallId,
        template: 'CUSTOM',
        name: '金卡预估',
        startsAt: new Date(now + 86_400_000).toISOString(),
        endsAt: new Date(now + 2 * 86_400_000).toISOString(),
        listingIds,
        prices: listingIds.map((listingId) => ({ listingId, pricePoints: 0, priceFen: price[listingId] })),
        targetTierIds: [String(gold)],
        budgetFen,
      },
    });
    return ok<any>(r, 'createCampaign').campaign.id as string;
  }

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    limited = await createListing(sys, {
      mallId,
      skuId: String(m.physical.id),
      priceMode: 'CASH',
      priceFen: 10_000,
      purchaseLimitPerCustomer: 2,
    });
    open = await createListing(sys, { mallId, skuId: String(m.virtual.id), priceMode: 'CASH', priceFen: 5_000 });
    const more = await sys.gql(
      partnerApp(1),
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { created } }',
      { i: { customers: Array.from({ length: 23 }, (_, i) => ({ externalRef: `FORECAST-${i}` })) } },
    );
    assert.equal(more.errors, undefined, JSON.stringify(more.errors));
    const em = (await sys.orm('tenants')).em.fork();
    gold = (await em.findOneOrFail(Tier, { bankId: 1, name: '金卡' })).id;
    // 23 gold customers, so the 10 % uptake rounds down (23 × 0.1 = 2.3).
    const ids = (await em.find(Customer, { bankId: 1 }, { orderBy: { id: 'ASC' }, limit: 23 })).map((c) => c.id);
    assert.equal(ids.length, 23);
    await em.nativeUpdate(Customer, { bankId: 1, tierId: gold }, { tierId: null });
    await em.nativeUpdate(Customer, { id: { $in: ids } }, { tierId: gold });
    audience = await em.count(Customer, { bankId: 1, tierId: gold });
    assert.equal(audience, 23);
  });
  after(async () => {
    await sys?.stop();
  });

  it('forecasts audience × uptake × limit units per listing at the unit subsidy; the worst case is null without a limit', async () => {
    const id = await campaign([limited, open], 10_000);
    const f = ok<any>(await sys.gql(bankOperator(1), FORECAST, { id }), 'campaign').costForecast;
    // Default uptake 10 %: limited floor(23 × 0.1 × 2) = 4 units × 2,000; open floor(23 × 0.1 × 1) = 2 units × 1,000.
    assert.deepEqual(
      f.listings.edges.map((e: any) => e.node),
      [
        {
          listingId: limited,
          listing: { id: limited },
          unitSubsidyFen: 2_000,
          purchaseLimitPerCustomer: 2,
          expectedUnits: 4,
          expectedCostFen: 8_000,
          worstCaseCostFen: 23 * 2 * 2_000,
        },
        {
          listingId: open,
          listing: { id: open },
          unitSubsidyFen: 1_000,
          purchaseLimitPerCustomer: null,
          expectedUnits: 2,
          expectedCostFen: 2_000,
          worstCaseCostFen: null,
        },
      ],
    );
    const { listings: _, ...totals } = f;
    assert.deepEqual(totals, {
      uptakeBp: 1_000,
      audienceSize: 23,
      expectedUnits: 6,
      expectedCostFen: 10_000,
      worstCaseCostFen: null,
      budgetFen: 10_000,
      remainingFen: 10_000,
      exceedsRemainingBudget: false, // exactly the budget is not above it
      saturated: false,
    });
    // At 50 %: limited floor(23) = 23 units, open floor(11.5) = 11: 46,000 + 11,000 > 10,000.
    const half = ok<any>(await sys.gql(bankOperator(1), FORECAST, { id, u: 5_000 }), 'campaign').costForecast;
    assert.equal(half.expectedCostFen, 57_000);
    assert.equal(half.exceedsRemainingBudget, true);
  });

  it('gives a worst case when every listing has a limit, and never exceeds a budget without a cap', async () => {
    const id = await campaign([limited], null);
    const f = ok<any>(await sys.gql(bankOperator(1), FORECAST, { id, u: 10_000 }), 'campaign').costForecast;
    assert.equal(f.expectedUnits, 46);
    assert.equal(f.expectedCostFen, 92_000);
    assert.equal(f.worstCaseCostFen, 92_000);
    assert.equal(f.budgetFen, null);
    assert.equal(f.remainingFen, null);
    assert.equal(f.exceedsRemainingBudget, false);
  });

  it('refuses an uptake outside 1–10000 naming the field; another bank’s staff get NOT_FOUND', async () => {
    const id = await campaign([limited], 10_000);
    for (const u of [0, 10_001, -5]) {
      const r = await sys.gql(bankOperator(1), FORECAST, { id, u });
      assert.equal(errorCode(r), 'BAD_USER_INPUT', JSON.stringify(r.errors));
      assert.equal((r.errors![0]!.extensions as any).problems[0].field, 'uptakeBp');
    }
    const foreign = await sys.gql(bankOperator(2), FORECAST, { id });
    assert.equal(errorCode(foreign), 'NOT_FOUND');
  });
});

describe('campaign cost forecast arithmetic', () => {
  it('is exact beyond 2^53 and reports such amounts as 2^53 − 1, saturated', () => {
    // 5 million customers × 10,000 units × 100 million CNY a unit: far beyond 2^53 fen.
    const f = forecastCost(
      5_000_000,
      10_000,
      [{ listingId: 1, unitSubsidyFen: 10_000_000_000, purchaseLimitPerCustomer: 10_000 }],
      { budgetFen: 10_000_000_000, spentFen: 2_500 },
    );
    assert.equal(f.expectedCostFen, Number.MAX_SAFE_INTEGER);
    assert.equal(f.worstCaseCostFen, Number.MAX_SAFE_INTEGER);
    assert.equal(f.expectedUnits, 50_000_000_000);
    assert.equal(f.saturated, true);
    assert.equal(f.remainingFen, 9_999_997_500);
    assert.equal(f.exceedsRemainingBudget, true);
    // A listing without a subsidy costs nothing, limit or not: the worst case stays bounded.
    const free = forecastCost(7, 1, [{ listingId: 2, unitSubsidyFen: 0, purchaseLimitPerCustomer: null }], {
      budgetFen: null,
      spentFen: 0,
    });
    assert.deepEqual(
      [free.expectedUnits, free.expectedCostFen, free.worstCaseCostFen, free.saturated],
      [0, 0, 0, false],
    );
  });
});
