/**
 * What the console's campaign wizard needs from tenants: each template's defaults (the festival
 * window from the Chinese calendar, in the bank's time zone), campaigns targeting tiers as well as
 * segments — checkout refuses the campaign price to a customer outside either — and the audience
 * size of a targeting before the campaign exists.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import { createListing, partnerApp, setUpMall } from '../orders/helpers';
import { bankAdmin, bankOperator } from '../principals';
import type { Principal } from '../../core/identity';
import { Tier } from '../../subgraphs/tenants/entities/tier';
import { Segment } from '../../subgraphs/tenants/entities/segment';
import { Campaign } from '../../subgraphs/tenants/entities/campaign';
import { Customer } from '../../subgraphs/tenants/entities/customer';
import type { SqlEntityManager } from '@mikro-orm/knex';

/** Mid-Autumn (15th day of the 8th lunar month), from published tables, not from the library. */
const MID_AUTUMN: Record<number, string> = {
  2026: '2026-09-25',
  2027: '2027-09-15',
  2028: '2028-10-03',
  2029: '2029-09-22',
  2030: '2030-09-12',
  2031: '2031-10-01',
};

const TEMPLATES = `query($b: ID) { campaignTemplates(bankId: $b) { template name startsAt endsAt days discountBp } }`;
const AUDIENCE = `query($s: [ID!]!, $t: [ID!]!, $b: ID) {
  campaignAudienceSize(bankId: $b, targetSegmentIds: $s, targetTierIds: $t) }`;
const CREATE = `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) {
  campaign { id status targetTiers { id name } targetSegments { id name } } } }`;
const SCHEDULE = `mutation($id: ID!) { scheduleCampaign(input: { campaignId: $id }) { campaign { id status } } }`;
const PRICE = `query($m: ID!, $c: ID!, $l: [PriceLineInput!]!) { priceCheckout(mallId: $m, customerId: $c, lines: $l) {
  lines { listingId unitFen campaignId } } }`;
const EFFECTIVE = `query($m: ID!) { mall(id: $m) { listings(first: 10) { edges { node { id effectivePrice { fen campaignId } } } } } }`;

describe('campaign audience: templates, tier targeting and audience size', () => {
  let sys: TestSystem;
  let service: string;
  let mallId: string;
  let listingId: string;
  let gold: number;
  let basic: number;
  let carOwners: number;
  let nineties: number;
  /** Customer ids: gold car owner, basic car owner, gold without the tag. */
  const C: Record<'goldCar' | 'basicCar' | 'goldOnly', string> = { goldCar: '', basicCar: '', goldOnly: '' };

  const ok = <T = any>(r: GraphQLResult, field: string): T => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data![field] as T;
  };
  const svc = (query: string, variables: Record<string, unknown>) =>
    sys.subgraphRaw('tenants', { query, variables }, { 'x-perkmall-identity': service });

  before(async () => {
    sys = await startTestSystem();
    service = await sys.identityToken({ role: 'SERVICE', sub: 'orders' }, 'tenants', { key: 'service' });
    const m = await setUpMall(sys);
    mallId = m.mallId;
    listingId = await createListing(sys, { mallId, skuId: String(m.physical.id), priceMode: 'CASH', priceFen: 10_000 });
    const em = (await sys.orm('tenants')).em.fork();
    gold = (await em.findOneOrFail(Tier, { bankId: 1, name: '金卡' })).id;
    basic = (await em.findOneOrFail(Tier, { bankId: 1, name: '普通' })).id;
    carOwners = (await em.findOneOrFail(Segment, { bankId: 1, name: '车主' })).id;
    nineties = (await em.findOneOrFail(Segment, { bankId: 1, name: '90后' })).id;
    const up = await sys.gql(
      partnerApp(1),
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { customers { customer { id } } } }',
      {
        i: {
          customers: [
            { externalRef: 'AUD-GOLD-CAR', tags: ['车主'], city: '宁波' },
            { externalRef: 'AUD-BASIC-CAR', tags: ['车主'], city: '宁波' },
            { externalRef: 'AUD-GOLD', city: '宁波' },
          ],
        },
      },
    );
    [C.goldCar, C.basicCar, C.goldOnly] = ok<any>(up, 'upsertCustomers').customers.map((c: any) => c.customer.id);
    for (const [id, points] of [
      [C.goldCar, 30_000],
      [C.basicCar, 0],
      [C.goldOnly, 30_000],
    ] as const) {
      const r = await svc(
        'mutation($c: ID!, $p: SafeInt!) { applyTierPoints(customerId: $c, tierPoints: $p, tierPointsVersion: "1") { tierId } }',
        { c: id, p: points },
      );
      assert.equal(r.body.errors, undefined, JSON.stringify(r.body.errors));
      assert.equal(r.body.data!.applyTierPoints.tierId, String(points ? gold : basic));
    }
  });
  after(async () => {
    await sys?.stop();
  });

  it("campaignTemplates gives Mid-Autumn's next window from the Chinese calendar, midnight to midnight in Shanghai, 7 days", async () => {
    const list = ok<any[]>(await sys.gql(bankOperator(1), TEMPLATES, {}), 'campaignTemplates');
    assert.equal(list.length, 11);
    const mid = list.find((t) => t.template === 'MID_AUTUMN');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const year = Number(today.slice(0, 4));
    const day = MID_AUTUMN[year]! >= today ? MID_AUTUMN[year]! : MID_AUTUMN[year + 1]!;
    // Midnight in Shanghai (UTC+8) is 16:00 UTC the day before.
    const start = new Date(`${day}T00:00:00+08:00`);
    assert.deepEqual(mid, {
      template: 'MID_AUTUMN',
      name: '中秋团圆季',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 7 * 86_400_000).toISOString(),
      days: 7,
      discountBp: 1000,
    });
    const custom = list.find((t) => t.template === 'CUSTOM');
    assert.equal(custom.startsAt, null);
  });

  it('a campaign targeting a segment and a tier prices only customers in both; staff and the others pay the base price', async () => {
    const now = Date.now();
    const created = ok<any>(
      await sys.gql(bankAdmin(1), CREATE, {
        i: {
          mallId,
          template: 'CUSTOM',
          name: '金卡车主专享',
          startsAt: new Date(now - 60_000).toISOString(),
          endsAt: new Date(now + 86_400_000).toISOString(),
          listingIds: [listingId],
          prices: [{ listingId, pricePoints: 0, priceFen: 8_000 }],
          targetSegmentIds: [String(carOwners)],
          targetTierIds: [String(gold)],
          budgetFen: 100_000,
        },
      }),
      'createCampaign',
    ).campaign;
    assert.deepEqual(created.targetTiers, [{ id: String(gold), name: '金卡' }]);
    assert.deepEqual(created.targetSegments, [{ id: String(carOwners), name: '车主' }]);
    assert.equal(
      ok<any>(await sys.gql(bankAdmin(1), SCHEDULE, { id: created.id }), 'scheduleCampaign').campaign.status,
      'LIVE',
    );

    const priced = async (customerId: string) => {
      const r = await svc(PRICE, { m: mallId, c: customerId, l: [{ listingId, quantity: 1 }] });
      assert.equal(r.body.errors, undefined, JSON.stringify(r.body.errors));
      return r.body.data!.priceCheckout.lines[0] as { unitFen: number; campaignId: string | null };
    };
    assert.deepEqual(await priced(C.goldCar), { listingId, unitFen: 8_000, campaignId: created.id });
    assert.deepEqual(await priced(C.basicCar), { listingId, unitFen: 10_000, campaignId: null });
    assert.deepEqual(await priced(C.goldOnly), { listingId, unitFen: 10_000, campaignId: null });

    // What each customer browses says the same.
    const shown = async (who: Principal) =>
      ok<any>(await sys.gql(who, EFFECTIVE, { m: mallId }), 'mall').listings.edges[0].node.effectivePrice;
    const as = (id: string): Principal => ({
      role: 'CUSTOMER',
      sub: `c-${id}`,
      bankId: '1',
      customerId: id,
      partnerAppId: '1',
    });
    assert.deepEqual(await shown(as(C.goldCar)), { fen: 8_000, campaignId: created.id });
    assert.deepEqual(await shown(as(C.basicCar)), { fen: 10_000, campaignId: null });
    assert.deepEqual(await shown(as(C.goldOnly)), { fen: 10_000, campaignId: null });
    assert.deepEqual(await shown(bankAdmin(1)), { fen: 10_000, campaignId: null });
  });

  it('campaignAudienceSize counts the distinct customers in any of the segments holding any of the tiers', async () => {
    const em = (await sys.orm('tenants')).em.fork() as SqlEntityManager;
    // Expected sizes from the rows themselves, intersected here.
    const members = async (segmentId: number) =>
      new Set(
        ((await em.execute('select customer_id from customer_segment where segment_id = ?', [segmentId])) as any[]).map(
          (r) => String(r.customer_id),
        ),
      );
    const car = await members(carOwners);
    const ninety = await members(nineties);
    const goldIds = new Set((await em.find(Customer, { bankId: 1, tierId: gold })).map((c) => String(c.id)));
    const everyone = await em.count(Customer, { bankId: 1 });
    assert.ok(car.has(C.goldCar) && car.has(C.basicCar) && !car.has(C.goldOnly));
    const size = async (s: number[], t: number[]) =>
      ok<number>(
        await sys.gql(bankOperator(1), AUDIENCE, { s: s.map(String), t: t.map(String) }),
        'campaignAudienceSize',
      );

    assert.equal(await size([], []), everyone);
    assert.equal(await size([carOwners], []), car.size);
    assert.equal(await size([carOwners, nineties], []), new Set([...car, ...ninety]).size);
    assert.equal(await size([], [gold]), goldIds.size);
    assert.equal(await size([carOwners], [gold]), [...car].filter((id) => goldIds.has(id)).length);
    assert.ok((await size([carOwners], [gold])) < car.size, 'the tier narrows the segment');
  });

  it("another bank's segments, tiers and templates are NOT_FOUND; targeting them is refused and creates nothing", async () => {
    const em = (await sys.orm('tenants')).em.fork();
    const before = await em.count(Campaign, {});
    assert.equal(errorCode(await sys.gql(bankOperator(2), AUDIENCE, { s: [String(carOwners)], t: [] })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankOperator(2), AUDIENCE, { s: [], t: [String(gold)] })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankOperator(2), AUDIENCE, { s: [], t: [], b: '1' })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankOperator(2), TEMPLATES, { b: '1' })), 'NOT_FOUND');
    const otherTier = (await em.findOneOrFail(Tier, { bankId: 2, name: '金卡' })).id;
    const r = await sys.gql(bankAdmin(1), CREATE, {
      i: { mallId, template: 'MID_AUTUMN', listingIds: [listingId], targetTierIds: [String(otherTier)] },
    });
    assert.equal(errorCode(r), 'BAD_USER_INPUT');
    assert.match(
      r.errors![0]!.message + JSON.stringify(r.errors![0]!.extensions),
      new RegExp(`Tier ${otherTier} not found`),
    );
    assert.equal(await em.count(Campaign, {}), before);
  });

  it('needs RUN_CAMPAIGNS, and caps the targets at 20 each', async () => {
    const noCampaigns: Principal = { ...bankOperator(1), permissions: ['CURATE_LISTINGS'] };
    assert.equal(errorCode(await sys.gql(noCampaigns, AUDIENCE, { s: [], t: [] })), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(noCampaigns, TEMPLATES, {})), 'FORBIDDEN');
    const many = Array.from({ length: 21 }, (_, i) => String(i + 1));
    assert.equal(errorCode(await sys.gql(bankOperator(1), AUDIENCE, { s: many, t: [] })), 'BAD_USER_INPUT');
    const r = await sys.gql(bankAdmin(1), CREATE, {
      i: { mallId, template: 'MID_AUTUMN', listingIds: [listingId], targetTierIds: many },
    });
    assert.equal(errorCode(r), 'BAD_USER_INPUT');
  });
});
