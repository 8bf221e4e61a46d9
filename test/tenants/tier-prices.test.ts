/**
 * Per-tier prices (issue 17): a listing's gold price beside its base price. A gold customer sees and
 * pays it, a silver one the base price; a campaign applies to gold only when cheaper than the gold
 * price (its subsidy measured against it); a free tier perk needs a purchase limit or a covering
 * QUOTA rule (then each checkout takes at most the units left) and checks out with nothing to pay; only the listing's own bank's curators set tier prices, for its own tiers.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import { ADDRESS, bankAdmin, createListing, customer, setStock, setUpMall } from '../orders/helpers';
import { bankOperator } from '../principals';
import { Customer } from '../../subgraphs/tenants/entities/customer';
import { ListingTierPrice } from '../../subgraphs/tenants/entities/listing';
import { Sku, SkuStatus } from '../../subgraphs/catalog/entities/sku';

/** Planned tier ids of bank 1 (scripts/seed/demo-plan.ts): 普通 1, 银卡 2, 金卡 3, 白金 4; bank 2's 金卡 is 7. */
const SILVER = 2;
const GOLD = 3;
const BANK2_GOLD = 7;
const GOLD_CUSTOMER = 6;
const SILVER_CUSTOMER = 7;

const BASE_FEN = 10_000;
const GOLD_FEN = 8_000;

const SET = `mutation($i: SetListingTierPricesInput!) { setListingTierPrices(input: $i) {
  listing { id } tierPrices { tierId priceMode pricePoints priceFen tier { name } } warnings { message } } }`;
const LISTING = `query($id: ID!) { listing(id: $id) { id priceFen
  effectivePrice { priceMode points fen campaignId tierId }
  tierPrices { tierId priceMode pricePoints priceFen } } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { order { id status totalPoints cashFen
  lines { unitPoints unitFen } } } }`;
const CREATE_CAMPAIGN = `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id } } }`;
const SCHEDULE = `mutation($id: ID!) { scheduleCampaign(input: { campaignId: $id }) { campaign { id status } } }`;
const CAMPAIGN = `query($id: ID!) { campaign(id: $id) { spentFen } }`;

describe('per-tier listing prices', () => {
  let sys: TestSystem;
  let skuId: number;
  let virtualSkuId: number;

  const ok = <T = any>(r: GraphQLResult, field: string): T => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data![field] as T;
  };

  async function cashListing(extra: Record<string, unknown> = {}, sku = skuId) {
    const m = await setUpMall(sys);
    const listingId = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(sku),
      priceMode: 'CASH',
      pricePoints: 0,
      priceFen: BASE_FEN,
      ...extra,
    });
    return { mallId: m.mallId, listingId };
  }

  const setPrices = (listingId: string, prices: Record<string, unknown>[], who = bankOperator(1)) =>
    sys.gql(who, SET, { i: { listingId, prices } });

  const goldPrice = (fen = GOLD_FEN) => ({ tierId: String(GOLD), priceMode: 'CASH', pricePoints: 0, priceFen: fen });

  const seen = async (customerId: number, listingId: string) =>
    ok<any>(await sys.gql(customer(1, customerId), LISTING, { id: listingId }), 'listing').effectivePrice;

  const checkout = (customerId: number, mallId: string, listingId: string) =>
    sys.gql(customer(1, customerId), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: `tier-${randomUUID()}`,
      },
    });

  async function campaign(mallId: string, listingId: string, priceFen: number): Promise<string> {
    const now = Date.now();
    const r = await sys.gql(bankAdmin(1), CREATE_CAMPAIGN, {
      i: {
        mallId,
        template: 'CUSTOM',
        name: '等级价测试',
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 86_400_000).toISOString(),
        listingIds: [listingId],
        prices: [{ listingId, pricePoints: 0, priceFen }],
      },
    });
    const id = ok<any>(r, 'createCampaign').campaign.id as string;
    ok(await sys.gql(bankAdmin(1), SCHEDULE, { id }), 'scheduleCampaign');
    return id;
  }

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    skuId = m.physical.id;
    virtualSkuId = m.virtual.id;
    await setStock(sys, skuId, 100);
    await setStock(sys, virtualSkuId, 20);
    const em = (await sys.orm('tenants')).em.fork();
    await em.nativeUpdate(Customer, { id: GOLD_CUSTOMER }, { tierId: GOLD });
    await em.nativeUpdate(Customer, { id: SILVER_CUSTOMER }, { tierId: SILVER });
  });
  after(async () => {
    await sys?.stop();
  });

  it('a gold customer sees and pays the gold price; a silver customer sees and pays the base price', async () => {
    const { mallId, listingId } = await cashListing();
    const set = ok<any>(await setPrices(listingId, [goldPrice()]), 'setListingTierPrices');
    assert.deepEqual(set.tierPrices, [
      { tierId: String(GOLD), priceMode: 'CASH', pricePoints: 0, priceFen: GOLD_FEN, tier: { name: '金卡' } },
    ]);
    // Operators see the tier prices; shoppers do not.
    const staff = ok<any>(await sys.gql(bankOperator(1), LISTING, { id: listingId }), 'listing');
    assert.deepEqual(staff.tierPrices, [
      { tierId: String(GOLD), priceMode: 'CASH', pricePoints: 0, priceFen: GOLD_FEN },
    ]);
    assert.equal(
      ok<any>(await sys.gql(customer(1, GOLD_CUSTOMER), LISTING, { id: listingId }), 'listing').tierPrices,
      null,
    );

    assert.deepEqual(await seen(GOLD_CUSTOMER, listingId), {
      priceMode: 'CASH',
      points: 0,
      fen: GOLD_FEN,
      campaignId: null,
      tierId: String(GOLD),
    });
    assert.deepEqual(await seen(SILVER_CUSTOMER, listingId), {
      priceMode: 'CASH',
      points: 0,
      fen: BASE_FEN,
      campaignId: null,
      tierId: null,
    });
    const gold = ok<any>(await checkout(GOLD_CUSTOMER, mallId, listingId), 'checkout').order;
    assert.equal(gold.cashFen, GOLD_FEN);
    assert.deepEqual(gold.lines, [{ unitPoints: 0, unitFen: GOLD_FEN }]);
    const silver = ok<any>(await checkout(SILVER_CUSTOMER, mallId, listingId), 'checkout').order;
    assert.equal(silver.cashFen, BASE_FEN);
    assert.deepEqual(silver.lines, [{ unitPoints: 0, unitFen: BASE_FEN }]);

    // An empty list clears them: gold pays the base price again.
    assert.deepEqual(ok<any>(await setPrices(listingId, []), 'setListingTierPrices').tierPrices, []);
    assert.equal((await seen(GOLD_CUSTOMER, listingId)).fen, BASE_FEN);
  });

  it('a campaign cheaper than the gold price wins for gold, its subsidy measured against the gold price', async () => {
    const { mallId, listingId } = await cashListing();
    ok(await setPrices(listingId, [goldPrice()]), 'setListingTierPrices');
    const campaignId = await campaign(mallId, listingId, 7_000);
    assert.deepEqual(await seen(GOLD_CUSTOMER, listingId), {
      priceMode: 'CASH',
      points: 0,
      fen: 7_000,
      campaignId,
      tierId: null,
    });
    const order = ok<any>(await checkout(GOLD_CUSTOMER, mallId, listingId), 'checkout').order;
    assert.equal(order.cashFen, 7_000);
    // 8,000 (gold) − 7,000, not 10,000 (base) − 7,000.
    assert.equal(ok<any>(await sys.gql(bankAdmin(1), CAMPAIGN, { id: campaignId }), 'campaign').spentFen, 1_000);
  });

  it('a campaign dearer than the gold price does not apply to gold, but does to silver', async () => {
    const { mallId, listingId } = await cashListing();
    ok(await setPrices(listingId, [goldPrice()]), 'setListingTierPrices');
    const campaignId = await campaign(mallId, listingId, 9_000);
    assert.deepEqual(await seen(GOLD_CUSTOMER, listingId), {
      priceMode: 'CASH',
      points: 0,
      fen: GOLD_FEN,
      campaignId: null,
      tierId: String(GOLD),
    });
    assert.equal((await seen(SILVER_CUSTOMER, listingId)).campaignId, campaignId);
    const gold = ok<any>(await checkout(GOLD_CUSTOMER, mallId, listingId), 'checkout').order;
    assert.equal(gold.cashFen, GOLD_FEN);
    const silver = ok<any>(await checkout(SILVER_CUSTOMER, mallId, listingId), 'checkout').order;
    assert.equal(silver.cashFen, 9_000);
    assert.equal(ok<any>(await sys.gql(bankAdmin(1), CAMPAIGN, { id: campaignId }), 'campaign').spentFen, 1_000);
  });

  it('a free gold perk with a purchase limit of 1 checks out paying nothing, and a second one is refused', async () => {
    const { mallId, listingId } = await cashListing({ purchaseLimitPerCustomer: 1 }, virtualSkuId);
    const free = { tierId: String(GOLD), priceMode: 'POINTS', pricePoints: 0, priceFen: 0 };
    ok(await setPrices(listingId, [free]), 'setListingTierPrices');
    assert.deepEqual(await seen(GOLD_CUSTOMER, listingId), {
      priceMode: 'POINTS',
      points: 0,
      fen: 0,
      campaignId: null,
      tierId: String(GOLD),
    });
    const order = ok<any>(await checkout(GOLD_CUSTOMER, mallId, listingId), 'checkout').order;
    assert.deepEqual(
      { status: order.status, totalPoints: order.totalPoints, cashFen: order.cashFen },
      { status: 'COMPLETED', totalPoints: 0, cashFen: 0 }, // a card: delivered at once
    );
    const again = await checkout(GOLD_CUSTOMER, mallId, listingId);
    assert.equal(errorCode(again), 'CONFLICT', JSON.stringify(again.errors));
    // The perk's purchase limit cannot be dropped while the free price stands.
    const clear = await sys.gql(
      bankOperator(1),
      'mutation($i: UpdateListingInput!) { updateListing(input: $i) { listing { id } } }',
      { i: { listingId, purchaseLimitPerCustomer: null } },
    );
    assert.equal(errorCode(clear), 'BAD_USER_INPUT');
  });

  it('refuses a free tier price on a listing without a purchase limit, naming the limit', async () => {
    const { listingId } = await cashListing();
    const r = await setPrices(listingId, [{ tierId: String(GOLD), priceMode: 'CASH', pricePoints: 0, priceFen: 0 }]);
    assert.equal(errorCode(r), 'BAD_USER_INPUT');
    assert.match(r.errors![0]!.message, /purchaseLimitPerCustomer/);
    // The base price's rules hold otherwise: a CASH tier price with points is refused.
    const mixed = await setPrices(listingId, [
      { tierId: String(GOLD), priceMode: 'CASH', pricePoints: 5, priceFen: 100 },
    ]);
    assert.equal(errorCode(mixed), 'BAD_USER_INPUT');
  });

  const RULE = `mutation($i: CreateBenefitRuleInput!) { createBenefitRule(input: $i) { benefitRule { id } } }`;
  const UPDATE_RULE = `mutation($i: UpdateBenefitRuleInput!) { updateBenefitRule(input: $i) { benefitRule { id enabled } } }`;
  const UPDATE_LISTING = 'mutation($i: UpdateListingInput!) { updateListing(input: $i) { listing { id } } }';
  const freeGold = { tierId: String(GOLD), priceMode: 'POINTS', pricePoints: 0, priceFen: 0 };

  /** A monthly QUOTA rule of `units` free units of the listing, for gold (or everyone). */
  async function quotaRule(listingId: string, units: number, tierId: string | null = String(GOLD)): Promise<string> {
    const r = await sys.gql(bankOperator(1), RULE, {
      i: {
        name: '金卡免费权益',
        kind: 'QUOTA',
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        fundedBy: 'BANK',
        quotaUnits: units,
        quotaPeriod: 'MONTH',
        quotaDiscountBp: 10_000,
        listingIds: [listingId],
        ...(tierId ? { targetTierId: tierId } : {}),
      },
    });
    return ok<any>(r, 'createBenefitRule').benefitRule.id as string;
  }

  const checkoutOf = (customerId: number, mallId: string, listingId: string, quantity: number) =>
    sys.gql(customer(1, customerId), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId, quantity }],
        shippingAddress: ADDRESS,
        idempotencyKey: `perk-${randomUUID()}`,
      },
    });

  it('a free gold perk without a purchase limit, bounded by a monthly quota of 1: 20 concurrent checkouts give exactly one', async () => {
    const { mallId, listingId } = await cashListing();
    const ruleId = await quotaRule(listingId, 1);
    ok(await setPrices(listingId, [freeGold]), 'setListingTierPrices');
    assert.equal((await seen(GOLD_CUSTOMER, listingId)).fen, 0);

    // More units than the quota has left: refused, naming the listing and the units left; nothing reserved.
    const two = await checkoutOf(GOLD_CUSTOMER, mallId, listingId, 2);
    assert.equal(errorCode(two), 'BAD_USER_INPUT', JSON.stringify(two.errors));
    assert.match(
      two.errors![0]!.message,
      new RegExp(`Listing ${listingId} is a free tier perk .* 1 unit of its quota left`),
    );

    const results = await Promise.all(
      Array.from({ length: 20 }, () => checkoutOf(GOLD_CUSTOMER, mallId, listingId, 1)),
    );
    const won = results.filter((r) => !r.errors);
    assert.equal(won.length, 1, JSON.stringify(results.map((r) => r.errors?.[0]?.message ?? 'ok')));
    assert.deepEqual(
      { points: won[0]!.data!.checkout.order.totalPoints, fen: won[0]!.data!.checkout.order.cashFen },
      { points: 0, fen: 0 },
    );
    // The losers either lost the quota's conditional UPDATE (CONFLICT) or were priced after it was used.
    for (const r of results.filter((x) => x.errors))
      assert.ok(['CONFLICT', 'BAD_USER_INPUT'].includes(errorCode(r)!), JSON.stringify(r.errors));
    const em = (await sys.orm('tenants')).em.fork();
    const [used] = await em
      .getConnection()
      .execute('SELECT COALESCE(SUM(used), 0) AS n FROM benefit_quota_use WHERE rule_id = ? AND customer_id = ?', [
        Number(ruleId),
        GOLD_CUSTOMER,
      ]);
    assert.equal(Number(used.n), 1);
    const none = await checkoutOf(GOLD_CUSTOMER, mallId, listingId, 1);
    assert.equal(errorCode(none), 'BAD_USER_INPUT');
    assert.match(none.errors![0]!.message, /no units of its quota left/);
    // Silver has no tier price here: the base price, unbounded by the quota.
    const silver = ok<any>(await checkoutOf(SILVER_CUSTOMER, mallId, listingId, 2), 'checkout').order;
    assert.equal(silver.cashFen, 2 * BASE_FEN);
  });

  it('disabling the covering QUOTA rule is allowed and the free price stops selling; the limit may go once a quota bounds it', async () => {
    const { mallId, listingId } = await cashListing({ purchaseLimitPerCustomer: 3 });
    ok(await setPrices(listingId, [freeGold]), 'setListingTierPrices');
    // The limit cannot go while nothing else bounds the free price …
    const clear = await sys.gql(bankOperator(1), UPDATE_LISTING, { i: { listingId, purchaseLimitPerCustomer: null } });
    assert.equal(errorCode(clear), 'BAD_USER_INPUT');
    assert.match(JSON.stringify(clear.errors![0]!.extensions), new RegExp(`free tier price \\(tier ${GOLD}\\)`));
    // … but it may once a QUOTA rule for everyone covers the listing.
    const ruleId = await quotaRule(listingId, 2, null);
    ok(
      await sys.gql(bankOperator(1), UPDATE_LISTING, { i: { listingId, purchaseLimitPerCustomer: null } }),
      'updateListing',
    );
    ok(await checkoutOf(GOLD_CUSTOMER, mallId, listingId, 1), 'checkout');
    const disabled = ok<any>(
      await sys.gql(bankOperator(1), UPDATE_RULE, { i: { benefitRuleId: ruleId, enabled: false } }),
      'updateBenefitRule',
    );
    assert.equal(disabled.benefitRule.enabled, false);
    const after = await checkoutOf(GOLD_CUSTOMER, mallId, listingId, 1);
    assert.equal(errorCode(after), 'BAD_USER_INPUT', 'one unit was left, but the rule no longer covers the free price');
    assert.match(after.errors![0]!.message, new RegExp(`Listing ${listingId} is a free tier perk`));
    // Without a purchase limit or a live rule, the free price cannot be set again either.
    const again = await setPrices(listingId, [freeGold]);
    assert.equal(errorCode(again), 'BAD_USER_INPUT');
    assert.match(again.errors![0]!.message, /QUOTA benefit rule/);
  });

  it("another bank's operator gets NOT_FOUND and nothing changes; another bank's tier is refused", async () => {
    const { listingId } = await cashListing();
    ok(await setPrices(listingId, [goldPrice()]), 'setListingTierPrices');
    const foreign = await setPrices(listingId, [], bankOperator(2));
    assert.equal(errorCode(foreign), 'NOT_FOUND');
    const otherTier = await setPrices(listingId, [{ ...goldPrice(7_000), tierId: String(BANK2_GOLD) }]);
    assert.equal(errorCode(otherTier), 'BAD_USER_INPUT');
    assert.match(otherTier.errors![0]!.message, new RegExp(`Tier ${BANK2_GOLD} not found`));
    const em = (await sys.orm('tenants')).em.fork();
    const rows = await em.find(ListingTierPrice, { listingId: Number(listingId) });
    assert.deepEqual(
      rows.map((r) => [r.tierId, r.priceFen]),
      [[GOLD, GOLD_FEN]],
    );
  });

  it('costs the same tenants statements for 5 and 30 listings with tier prices, as a gold customer', async () => {
    const m = await setUpMall(sys);
    const em = (await sys.orm('tenants')).em.fork();
    const ids: string[] = [];
    const skus = await (
      await sys.orm('catalog')
    ).em
      .fork()
      .find(Sku, { status: SkuStatus.ACTIVE }, { orderBy: { id: 'ASC' }, limit: 30 });
    assert.equal(skus.length, 30);
    const rows = skus.map((sku) => ({
      skuId: String(sku.id),
      priceMode: 'CASH',
      pricePoints: 0,
      priceFen: BASE_FEN,
    }));
    const r = await sys.gql(
      bankAdmin(1),
      'mutation($i: CreateListingsInput!) { createListings(input: $i) { listings { id } } }',
      { i: { mallId: m.mallId, listings: rows } },
    );
    ids.push(...ok<any>(r, 'createListings').listings.map((l: any) => l.id as string));
    await em.insertMany(
      ListingTierPrice,
      ids.map((id) => ({
        listingId: Number(id),
        tierId: GOLD,
        bankId: 1,
        priceMode: 'CASH' as never,
        pricePoints: 0,
        priceFen: GOLD_FEN,
        updatedAt: new Date(),
      })),
    );
    const query = `query($m: ID!, $first: Int) { mall(id: $m) { listings(first: $first) { edges { node { id effectivePrice { fen tierId } } } } } }`;
    const counts: Record<number, number> = {};
    for (const first of [5, 30]) {
      const requestId = randomUUID();
      const res = await sys.gql(customer(1, GOLD_CUSTOMER), query, { m: m.mallId, first }, { requestId });
      const edges = ok<any>(res, 'mall').listings.edges;
      assert.equal(edges.length, first);
      assert.ok(edges.every((e: any) => e.node.effectivePrice.fen === GOLD_FEN));
      counts[first] = await sys.statements('tenants', requestId);
    }
    assert.equal(counts[5], counts[30], JSON.stringify(counts));
  });
});
