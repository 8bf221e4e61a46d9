/**
 * What a customer sees: exactly the listings eligible for their tier, segments and the current
 * time, at the effective (campaign) price — and the same rules in checkout pricing, `_entities`
 * and the SERVICE-only contracts loyalty and orders use.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestSystem, errorCode, type GraphQLResult, type TestSystem } from '../harness';
import {
  Listing,
  ListingSegment,
  ListingStatus,
  ListingTier,
  ListingTierPrice,
  PriceMode,
} from '../../subgraphs/tenants/entities/listing';
import { Mall } from '../../subgraphs/tenants/entities/mall';
import { Tier } from '../../subgraphs/tenants/entities/tier';
import { Customer } from '../../subgraphs/tenants/entities/customer';
import { Segment } from '../../subgraphs/tenants/entities/segment';
import { Campaign, CampaignSegment } from '../../subgraphs/tenants/entities/campaign';
import { CampaignService } from '../../subgraphs/tenants/services/campaign.service';

const admin = { role: 'BANK_ADMIN' as const, sub: 'admin-1', bankId: '1' };
const app = { role: 'PARTNER_APP' as const, sub: 'partner-app:1', bankId: '1', partnerAppId: '1' };
const asCustomer = (id: string) => ({
  role: 'CUSTOMER' as const,
  sub: `customer:${id}`,
  bankId: '1',
  customerId: id,
  partnerAppId: '1',
});
const tierIdOf = async (em: { findOneOrFail: (...a: any[]) => Promise<Tier> }, name: string) =>
  (await em.findOneOrFail(Tier, { bankId: 1, name })).id;
const sleepUntil = async (t: number) => {
  const ms = t - Date.now();
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
};

const PAGE = `query($mall: ID!, $first: Int, $after: String) {
  mall(id: $mall) { listings(first: $first, after: $after) {
    edges { node { id pricePoints effectivePrice { priceMode points fen campaignId } } }
    pageInfo { hasNextPage endCursor }
  } }
}`;

describe('customer eligibility: tier, segments, schedule and campaign prices', () => {
  let sys: TestSystem;
  let service: string;
  let mallId: number;
  const L: Record<string, number> = {};
  let gold: string;
  let basic: string;
  let carOwners: number;

  const visibleIds = async (who: object, mall = mallId): Promise<number[]> => {
    const ids: number[] = [];
    let afterCursor: string | null = null;
    for (;;) {
      const res: GraphQLResult = await sys.gql(who as never, PAGE, {
        mall: String(mall),
        first: 3,
        after: afterCursor,
      });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      const conn = res.data!.mall.listings;
      ids.push(...conn.edges.map((e: any) => Number(e.node.id)));
      if (!conn.pageInfo.hasNextPage) return ids.sort((a, b) => a - b);
      afterCursor = conn.pageInfo.endCursor;
    }
  };
  // The tier as tenants holds it, and as loyalty's points show it: they must agree at every step.
  const tierOf = async (id: string) => {
    const r = await sys.gql(admin, 'query($id: ID!) { customer(id: $id) { tier { name } points { tier } } }', { id });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const name = r.data!.customer.tier?.name ?? null;
    assert.equal(r.data!.customer.points.tier, name, 'points.tier follows the ladder');
    return name;
  };
  const svc = (query: string, variables: Record<string, unknown>) =>
    sys.subgraphRaw('tenants', { query, variables }, { 'x-perkmall-identity': service });

  before(async () => {
    sys = await startTestSystem();
    service = await sys.identityToken({ role: 'SERVICE', sub: 'orders' }, 'tenants', { key: 'service' });
    const em = (await sys.orm('tenants')).em.fork();
    const mall = em.create(Mall, { bank: 1, name: '资格测试商城', createdAt: new Date() });
    await em.flush();
    mallId = mall.id;
    const tier = async (name: string) => (await em.findOneOrFail(Tier, { bankId: 1, name })).id;
    carOwners = (await em.findOneOrFail(Segment, { bankId: 1, name: '车主' })).id;
    const hour = 3_600_000;
    const now = Date.now();
    const specs: [string, Partial<Listing>][] = [
      ['open', {}],
      ['paused', { status: ListingStatus.PAUSED }],
      ['goldPlus', {}],
      ['platinumOnly', {}],
      ['carOwners', {}],
      ['future', { startsAt: new Date(now + hour) }],
      ['expired', { startsAt: new Date(now - 2 * hour), endsAt: new Date(now - hour) }],
      [
        'inWindow',
        { startsAt: new Date(now - hour), endsAt: new Date(now + hour), featuredRank: 5, purchaseLimitPerCustomer: 2 },
      ],
    ];
    for (const [i, [name, extra]] of specs.entries()) {
      const l = em.create(Listing, {
        mall: mallId,
        bankId: 1,
        skuId: i + 1,
        priceMode: PriceMode.POINTS,
        pricePoints: 1000 * (i + 1),
        priceFen: 0,
        status: ListingStatus.ACTIVE,
        createdAt: new Date(),
        updatedAt: new Date(),
        ...extra,
      });
      await em.flush();
      L[name] = l.id;
    }
    await em.insertMany(ListingTier, [
      { listingId: L.goldPlus!, tierId: await tier('金卡') },
      { listingId: L.goldPlus!, tierId: await tier('白金') },
      { listingId: L.platinumOnly!, tierId: await tier('白金') },
    ]);
    await em.insertMany(ListingSegment, [{ listingId: L.carOwners!, segmentId: carOwners }]);
    await em.nativeUpdate(Listing, { id: { $in: [L.goldPlus!, L.platinumOnly!] } }, { tierRestricted: true });
    await em.nativeUpdate(Listing, { id: L.carOwners! }, { segmentRestricted: true });

    // Two customers through the partner API; tiers through loyalty's contract.
    const up = await sys.gql(
      app,
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { customers { customer { id } } } }',
      {
        i: {
          customers: [
            { externalRef: 'T-GOLD', tags: ['车主'], city: '宁波' },
            { externalRef: 'T-BASIC', city: '宁波' },
          ],
        },
      },
    );
    assert.equal(up.errors, undefined, JSON.stringify(up.errors));
    [gold, basic] = up.data!.upsertCustomers.customers.map((c: any) => c.customer.id);
    for (const [id, points, tierName] of [
      [gold, 30000, '金卡'],
      [basic, 0, '普通'],
    ] as const) {
      const res = await svc(
        'mutation($c: ID!, $p: SafeInt!) { applyTierPoints(customerId: $c, tierPoints: $p, tierPointsVersion: "1") { customerId tierId tierName changed } }',
        { c: id, p: points },
      );
      assert.deepEqual(res.body.data!.applyTierPoints, {
        customerId: id,
        tierId: String(await tier(tierName)),
        tierName,
        changed: true,
      });
    }
  });
  after(async () => {
    await sys?.stop();
  });

  it('shows each customer exactly the listings for their tier, segments and the current time', async () => {
    assert.deepEqual(
      await visibleIds(asCustomer(gold)),
      [L.open, L.goldPlus, L.carOwners, L.inWindow].sort((a, b) => a! - b!),
    );
    assert.deepEqual(
      await visibleIds(asCustomer(basic)),
      [L.open, L.inWindow].sort((a, b) => a! - b!),
    );
    // A partner app browsing without a customer sees only unrestricted, buyable listings.
    assert.deepEqual(
      await visibleIds(app),
      [L.open, L.inWindow].sort((a, b) => a! - b!),
    );
    // Staff see everything in the mall.
    assert.deepEqual(
      await visibleIds(admin),
      Object.values(L).sort((a, b) => a - b),
    );
  });

  it('follows segment membership and tier changes at once, with no rebuild', async () => {
    const up = await sys.gql(
      app,
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { created updated } }',
      {
        i: { customers: [{ externalRef: 'T-BASIC', tags: ['车主'] }] },
      },
    );
    assert.deepEqual(up.data!.upsertCustomers, { created: 0, updated: 1 });
    assert.ok((await visibleIds(asCustomer(basic))).includes(L.carOwners!));
    const again = await svc(
      'mutation($c: ID!) { applyTierPoints(customerId: $c, tierPoints: 45000, tierPointsVersion: "2") { tierName changed } }',
      { c: basic },
    );
    assert.deepEqual(again.body.data!.applyTierPoints, { tierName: '白金', changed: true });
    const same = await svc(
      'mutation($c: ID!) { applyTierPoints(customerId: $c, tierPoints: 46000, tierPointsVersion: "3") { tierName changed } }',
      { c: basic },
    );
    assert.deepEqual(same.body.data!.applyTierPoints, { tierName: '白金', changed: false });
    assert.deepEqual(
      await visibleIds(asCustomer(basic)),
      [L.open, L.goldPlus, L.platinumOnly, L.carOwners, L.inWindow].sort((a, b) => a! - b!),
    );
    // Changing the segment's rules moves members too: 车主 now also requires city 杭州.
    const seg = await sys.gql(
      admin,
      'mutation($i: UpdateSegmentInput!) { updateSegment(input: $i) { segment { id } } }',
      {
        i: { segmentId: String(carOwners), rules: { tagsAny: ['车主'], cities: ['杭州'] } },
      },
    );
    assert.equal(seg.errors, undefined, JSON.stringify(seg.errors));
    assert.ok(!(await visibleIds(asCustomer(gold))).includes(L.carOwners!));
    const members = await svc('query($c: ID!, $s: [ID!]!) { segmentMembership(customerId: $c, segmentIds: $s) }', {
      c: gold,
      s: [String(carOwners), '999'],
    });
    assert.deepEqual(members.body.data!.segmentMembership, []);
    await sys.gql(admin, 'mutation($i: UpdateSegmentInput!) { updateSegment(input: $i) { segment { id } } }', {
      i: { segmentId: String(carOwners), addMemberCustomerIds: [gold] },
    });
    const back = await svc('query($c: ID!, $s: [ID!]!) { segmentMembership(customerId: $c, segmentIds: $s) }', {
      c: gold,
      s: [String(carOwners), '999'],
    });
    assert.deepEqual(back.body.data!.segmentMembership, [String(carOwners)]);
    assert.ok((await visibleIds(asCustomer(gold))).includes(L.carOwners!));
  });

  it('applies tier points only when their version is newer: a late, older report never downgrades', async () => {
    const up = await sys.gql(
      app,
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { customers { customer { id } } } }',
      {
        i: { customers: [{ externalRef: 'T-LATE' }] },
      },
    );
    const id: string = up.data!.upsertCustomers.customers[0].customer.id;
    const APPLY =
      'mutation($c: ID!, $p: SafeInt!, $v: ID!) { applyTierPoints(customerId: $c, tierPoints: $p, tierPointsVersion: $v) { tierName changed applied tierPointsVersion } }';
    const apply = async (p: number, v: string) => {
      const res = await svc(APPLY, { c: id, p, v });
      assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
      return res.body.data!.applyTierPoints;
    };
    assert.deepEqual(await apply(45_000, '120'), {
      tierName: '白金',
      changed: true,
      applied: true,
      tierPointsVersion: '120',
    });
    // The total of an earlier entry arrives late: nothing changes.
    assert.deepEqual(await apply(5_000, '117'), {
      tierName: '白金',
      changed: false,
      applied: false,
      tierPointsVersion: '120',
    });
    assert.deepEqual(await apply(5_000, '120'), {
      tierName: '白金',
      changed: false,
      applied: false,
      tierPointsVersion: '120',
    });
    const em = (await sys.orm('tenants')).em.fork();
    const stored = await em.findOneOrFail(Customer, Number(id));
    assert.deepEqual([stored.tierPoints, String(stored.tierPointsVersion)], [45_000, '120']);
    assert.ok((await visibleIds(asCustomer(id))).includes(L.platinumOnly!));
    // A newer, lower one applies to the points, but never lowers the tier: downgrades wait for the
    // evaluation after the period's grace (test/tenants/tier-evaluation.test.ts).
    assert.deepEqual(await apply(12_000, '121'), {
      tierName: '白金',
      changed: false,
      applied: true,
      tierPointsVersion: '121',
    });
    const bad = await svc(APPLY, { c: id, p: 1, v: 'x1' });
    assert.equal(errorCode(bad.body), 'BAD_USER_INPUT');
  });

  it('resolves a listing by id or through _entities only when the customer may buy it', async () => {
    assert.equal(
      errorCode(
        await sys.gql(asCustomer(gold), 'query($id: ID!) { listing(id: $id) { id } }', { id: String(L.paused) }),
      ),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(asCustomer(gold), 'query($id: ID!) { listing(id: $id) { id } }', { id: String(L.open) })),
      undefined,
    );
    const token = await sys.identityToken(asCustomer(gold), 'tenants');
    const res = await sys.subgraphRaw(
      'tenants',
      {
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Listing { id } } }',
        variables: { r: [L.open, L.future, L.platinumOnly].map((id) => ({ __typename: 'Listing', id: String(id) })) },
      },
      { 'x-perkmall-identity': token },
    );
    assert.deepEqual(res.body.data!._entities, [{ id: String(L.open) }, null, null]);
  });

  it('applies a campaign price only inside its window; it goes live and ends without a restart', async () => {
    // Far enough ahead that scheduling completes before the start even on a loaded machine.
    const start = Math.ceil(Date.now() / 1000) * 1000 + 10_000;
    const end = start + 3000;
    const created = await sys.gql(
      admin,
      'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id status } warnings { skuId } } }',
      {
        i: {
          mallId: String(mallId),
          template: 'CUSTOM',
          name: '闪购',
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(end).toISOString(),
          discountBp: 5000,
          listingIds: [String(L.open)],
        },
      },
    );
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    const id = created.data!.createCampaign.campaign.id;
    // A segment-targeted campaign for 90后 applies to its members only, in the same window; a draft never applies.
    await sys.gql(admin, 'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id } } }', {
      i: {
        mallId: String(mallId),
        template: 'CUSTOM',
        name: '草稿',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(end + 60_000).toISOString(),
        discountBp: 9000,
        listingIds: [String(L.open)],
      },
    });
    const em = (await sys.orm('tenants')).em.fork();
    const nineties = await em.findOneOrFail(Segment, { bankId: 1, name: '90后' });
    const targeted = await sys.gql(
      admin,
      'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id } } }',
      {
        i: {
          mallId: String(mallId),
          template: 'CUSTOM',
          name: '90后专享',
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(end).toISOString(),
          discountBp: 8000,
          listingIds: [String(L.inWindow)],
          targetSegmentIds: [String(nineties.id)],
        },
      },
    );
    assert.equal(targeted.errors, undefined, JSON.stringify(targeted.errors));
    const targetedId = targeted.data!.createCampaign.campaign.id;
    const targetedSched = await sys.gql(
      admin,
      'mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { campaign { status } } }',
      { i: { campaignId: targetedId } },
    );
    assert.equal(targetedSched.errors, undefined, JSON.stringify(targetedSched.errors));
    // A member of 90后 (born 1995), neither tier- nor otherwise restricted.
    const up = await sys.gql(
      app,
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { customers { customer { id } } } }',
      {
        i: { customers: [{ externalRef: 'T-NINETIES', birthYear: 1995, city: '宁波' }] },
      },
    );
    assert.equal(up.errors, undefined, JSON.stringify(up.errors));
    const ninetiesMember: string = up.data!.upsertCustomers.customers[0].customer.id;

    // Preview before launch: the draft shows its campaign prices to staff.
    const preview = await sys.gql(
      admin,
      'query($id: ID!) { campaign(id: $id) { status items { edges { node { pricePoints listing { id pricePoints } } } } } }',
      { id },
    );
    assert.deepEqual(preview.data!.campaign.items.edges[0].node, {
      pricePoints: 500,
      listing: { id: String(L.open), pricePoints: 1000 },
    });
    const sched = await sys.gql(
      admin,
      'mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { campaign { status } } }',
      { i: { campaignId: id } },
    );
    assert.equal(sched.data!.scheduleCampaign.campaign.status, 'SCHEDULED');
    assert.equal(
      errorCode(
        await sys.gql(
          admin,
          'mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { campaign { status } } }',
          { i: { campaignId: id } },
        ),
      ),
      'CONFLICT',
    );

    const priceOf = async (listingId: number, who = asCustomer(gold)) => {
      const res = await sys.gql(who, 'query($id: ID!) { listing(id: $id) { effectivePrice { points campaignId } } }', {
        id: String(listingId),
      });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      return res.data!.listing.effectivePrice;
    };
    const statusOf = async () =>
      (await sys.gql(admin, 'query($id: ID!) { campaign(id: $id) { status } }', { id })).data!.campaign.status;
    const quote = async (customerId = gold, listingId = L.open!) =>
      (
        await svc(
          'query($m: ID!, $c: ID!, $l: [PriceLineInput!]!) { priceCheckout(mallId: $m, customerId: $c, lines: $l) { lines { unitPoints campaignId } } }',
          { m: String(mallId), c: customerId, l: [{ listingId: String(listingId), quantity: 1 }] },
        )
      ).body.data!.priceCheckout.lines[0];

    assert.deepEqual(await priceOf(L.open!), { points: 1000, campaignId: null });
    assert.equal(await statusOf(), 'SCHEDULED');
    assert.deepEqual(
      await priceOf(L.inWindow!, asCustomer(ninetiesMember)),
      { points: 8000, campaignId: null },
      'targeted campaign must not apply before its window',
    );
    await sleepUntil(start + 300);
    assert.deepEqual(await priceOf(L.open!), { points: 500, campaignId: id });
    assert.equal(await statusOf(), 'LIVE');
    assert.deepEqual(await quote(), { unitPoints: 500, campaignId: id });
    // 8000 points less 80% for the segment's member, in the mall and at checkout; not for anyone else.
    assert.deepEqual(await priceOf(L.inWindow!, asCustomer(ninetiesMember)), { points: 1600, campaignId: targetedId });
    assert.deepEqual(await quote(ninetiesMember, L.inWindow!), { unitPoints: 1600, campaignId: targetedId });
    assert.deepEqual(
      await priceOf(L.inWindow!),
      { points: 8000, campaignId: null },
      'targeted campaign must not apply outside its segment',
    );
    assert.deepEqual(await quote(gold, L.inWindow!), { unitPoints: 8000, campaignId: null });
    await sleepUntil(end + 300);
    assert.deepEqual(await priceOf(L.open!), { points: 1000, campaignId: null });
    assert.equal(await statusOf(), 'ENDED');
    assert.deepEqual(await quote(), { unitPoints: 1000, campaignId: null });
    assert.deepEqual(
      await priceOf(L.inWindow!, asCustomer(ninetiesMember)),
      { points: 8000, campaignId: null },
      'targeted campaign must not apply after its window',
    );
    assert.deepEqual(await quote(ninetiesMember, L.inWindow!), { unitPoints: 8000, campaignId: null });
    assert.equal((await em.fork().findOneOrFail(Campaign, Number(id))).state, 'SCHEDULED');
  });

  it('cancels a campaign only from the state it was read in: a stale cancel is CONFLICT, and of concurrent cancels one wins', async () => {
    const create = async (name: string) => {
      const c = await sys.gql(
        admin,
        'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id } } }',
        {
          i: {
            mallId: String(mallId),
            template: 'CUSTOM',
            name,
            startsAt: new Date(Date.now() + 3_600_000).toISOString(),
            endsAt: new Date(Date.now() + 7_200_000).toISOString(),
            discountBp: 1000,
            listingIds: [String(L.open)],
          },
        },
      );
      assert.equal(c.errors, undefined, JSON.stringify(c.errors));
      const id: string = c.data!.createCampaign.campaign.id;
      const s = await sys.gql(
        admin,
        'mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { campaign { status } } }',
        { i: { campaignId: id } },
      );
      assert.equal(s.errors, undefined, JSON.stringify(s.errors));
      return id;
    };
    const CANCEL = 'mutation($i: CancelCampaignInput!) { cancelCampaign(input: $i) { campaign { id status } } }';

    // The service read the campaign as SCHEDULED; someone else cancels it before our update runs.
    const id = await create('取消竞态');
    const service = new CampaignService((await sys.orm('tenants')).em.fork(), admin);
    const stale = await service.own(id);
    const first = await sys.gql(admin, CANCEL, { i: { campaignId: id } });
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    assert.equal(first.data!.cancelCampaign.campaign.status, 'CANCELLED');
    service.own = async () => stale;
    await assert.rejects(
      service.cancel(id),
      (e: { extensions?: { code?: string } }) => e.extensions?.code === 'CONFLICT',
    );
    assert.equal(errorCode(await sys.gql(admin, CANCEL, { i: { campaignId: id } })), 'CONFLICT');

    const racing = await create('并发取消');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => sys.gql(admin, CANCEL, { i: { campaignId: racing } })),
    );
    assert.equal(
      results.filter((r) => !r.errors).length,
      1,
      JSON.stringify(results.map((r) => r.errors?.[0]?.extensions?.code ?? 'ok')),
    );
    assert.ok(results.filter((r) => r.errors).every((r) => errorCode(r) === 'CONFLICT'));
    const em = (await sys.orm('tenants')).em.fork();
    assert.equal((await em.findOneOrFail(Campaign, Number(racing))).state, 'CANCELLED');
  });

  it('prices a checkout with the same rules and names each ineligible listing', async () => {
    const q =
      'query($m: ID!, $c: ID!, $l: [PriceLineInput!]!) { priceCheckout(mallId: $m, customerId: $c, lines: $l) { bankId pointsPerYuan maxPointsShareBp totalPoints lines { listingId skuId quantity priceMode unitPoints unitFen purchaseLimitPerCustomer campaignId } } }';
    const ok = await svc(q, {
      m: String(mallId),
      c: gold,
      l: [
        { listingId: String(L.goldPlus), quantity: 2 },
        { listingId: String(L.inWindow), quantity: 2 },
      ],
    });
    assert.equal(ok.body.errors, undefined, JSON.stringify(ok.body.errors));
    assert.deepEqual(ok.body.data!.priceCheckout, {
      bankId: '1',
      pointsPerYuan: 100,
      maxPointsShareBp: 10000,
      totalPoints: 2 * 3000 + 2 * 8000,
      lines: [
        {
          listingId: String(L.goldPlus),
          skuId: '3',
          quantity: 2,
          priceMode: 'POINTS',
          unitPoints: 3000,
          unitFen: 0,
          purchaseLimitPerCustomer: null,
          campaignId: null,
        },
        {
          listingId: String(L.inWindow),
          skuId: '8',
          quantity: 2,
          priceMode: 'POINTS',
          unitPoints: 8000,
          unitFen: 0,
          purchaseLimitPerCustomer: 2,
          campaignId: null,
        },
      ],
    });
    const bad = await svc(q, {
      m: String(mallId),
      c: gold,
      l: [
        { listingId: String(L.open), quantity: 1 },
        { listingId: String(L.platinumOnly), quantity: 1 },
        { listingId: String(L.inWindow), quantity: 3 },
      ],
    });
    assert.equal(errorCode(bad.body), 'BAD_USER_INPUT');
    const problems = bad.body.errors![0]!.extensions!.problems as { index: number; field: string; message: string }[];
    assert.deepEqual(
      problems.map((p) => [p.index, p.field]),
      [
        [1, 'listingId'],
        [2, 'quantity'],
      ],
    );
    assert.match(problems[0]!.message, new RegExp(`Listing ${L.platinumOnly} `));
    // Another bank's customer, and callers other than services, get nothing.
    assert.equal(
      errorCode((await svc(q, { m: String(mallId), c: '21', l: [{ listingId: String(L.open), quantity: 1 }] })).body),
      'NOT_FOUND',
    );
    const adminToken = await sys.identityToken(admin, 'tenants');
    const forbidden = await sys.subgraphRaw(
      'tenants',
      { query: q, variables: { m: String(mallId), c: gold, l: [{ listingId: String(L.open), quantity: 1 }] } },
      { 'x-perkmall-identity': adminToken },
    );
    assert.equal(errorCode(forbidden.body), 'FORBIDDEN');
    // The internal operations are not part of the public API.
    const viaGateway = await sys.gql(admin, '{ priceCheckout(mallId: 1, customerId: 1, lines: []) { totalPoints } }');
    assert.equal(errorCode(viaGateway), 'GRAPHQL_VALIDATION_FAILED');
  });

  it('costs the same SQL statements per subgraph for 5 and 50 listings in the contract query, as a customer with tier prices', async () => {
    // Tier prices on: every listing of mall 1 has a price for the customer's tier.
    const em = (await sys.orm('tenants')).em.fork();
    const me = await em.findOneOrFail(Customer, { id: 1 });
    if (me.tierId == null) await em.nativeUpdate(Customer, { id: 1 }, { tierId: await tierIdOf(em, '金卡') });
    const tierId = (await em.findOneOrFail(Customer, { id: 1 }, { refresh: true })).tierId!;
    const listings = await em.find(Listing, { mall: 1 }, { fields: ['id', 'priceMode', 'pricePoints', 'priceFen'] });
    await em.nativeDelete(ListingTierPrice, { listingId: { $in: listings.map((l) => l.id) } });
    await em.insertMany(
      ListingTierPrice,
      listings.map((l) => ({
        listingId: l.id,
        tierId,
        bankId: 1,
        priceMode: l.priceMode,
        pricePoints: l.pricePoints,
        priceFen: l.priceFen,
        updatedAt: new Date(),
      })),
    );
    const query = `query($first: Int) { mall(id: 1) { listings(first: $first) { edges { node { id effectivePrice { points tierId } sku { title brand { name } stock { available } supplier { name } } } } } } }`;
    const counts: Record<number, { tenants: number; catalog: number }> = {};
    for (const first of [5, 50]) {
      const requestId = randomUUID();
      const res = await sys.gql(asCustomer('1'), query, { first }, { requestId });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.equal(res.data!.mall.listings.edges.length, first);
      assert.ok(res.data!.mall.listings.edges.every((e: any) => e.node.effectivePrice.tierId === String(tierId)));
      counts[first] = {
        tenants: await sys.statements('tenants', requestId),
        catalog: await sys.statements('catalog', requestId),
      };
    }
    assert.deepEqual(counts[5], counts[50]);
    assert.ok(counts[50]!.tenants <= 6, `tenants ran ${counts[50]!.tenants}`);
  });

  it('costs the same tenants statements for the target segments of 5 and 50 campaigns', async () => {
    const em = (await sys.orm('tenants')).em.fork();
    const mall = em.create(Mall, { bank: 1, name: '活动统计商城', createdAt: new Date() });
    await em.flush();
    const segments = (await em.find(Segment, { bankId: 1 }, { orderBy: { id: 'ASC' } })).map((x) => x.id);
    const now = Date.now();
    for (let i = 0; i < 50; i++) {
      const c = em.create(Campaign, {
        bankId: 1,
        mallId: mall.id,
        name: `活动 ${i}`,
        startsAt: new Date(now + 86_400_000),
        endsAt: new Date(now + 2 * 86_400_000),
        segmentRestricted: true,
      });
      await em.flush();
      await em.insertMany(CampaignSegment, [
        { campaignId: c.id, segmentId: segments[i % segments.length]! },
        { campaignId: c.id, segmentId: segments[(i + 1) % segments.length]! },
      ]);
    }
    const query =
      'query($m: ID!, $first: Int) { mall(id: $m) { campaigns(first: $first) { edges { node { id targetSegments { id name } } } } } }';
    const counts: Record<number, number> = {};
    for (const first of [5, 50]) {
      const requestId = randomUUID();
      const res = await sys.gql(admin, query, { m: String(mall.id), first }, { requestId });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      const edges = res.data!.mall.campaigns.edges;
      assert.equal(edges.length, first);
      assert.ok(edges.every((e: any) => e.node.targetSegments.length === 2));
      counts[first] = await sys.statements('tenants', requestId);
    }
    assert.equal(counts[5], counts[50], JSON.stringify(counts));
  });

  it("a change to the tier ladder re-tiers the bank's customers at once, from the tier points tenants keeps", async () => {
    const up = await sys.gql(
      app,
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { customers { customer { id } } } }',
      {
        i: { customers: [{ externalRef: 'T-RETIER' }, { externalRef: 'T-TOP' }, { externalRef: 'T-UNREPORTED' }] },
      },
    );
    assert.equal(up.errors, undefined, JSON.stringify(up.errors));
    const [retier, top, unreported] = up.data!.upsertCustomers.customers.map((c: any) => c.customer.id as string);
    for (const [id, p] of [
      [retier, 20_000],
      [top, 60_000],
    ] as const) {
      const res = await svc(
        'mutation($c: ID!, $p: SafeInt!) { applyTierPoints(customerId: $c, tierPoints: $p, tierPointsVersion: "1") { tierName } }',
        { c: id, p },
      );
      assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    }
    const em = (await sys.orm('tenants')).em.fork();
    const goldTier = await em.findOneOrFail(Tier, { bankId: 1, name: '金卡' });
    const UPDATE = 'mutation($i: UpdateTierInput!) { updateTier(input: $i) { tier { minTierPoints } } }';
    const bank2Tiers = async () =>
      (await em.fork().find(Customer, { bankId: 2 }, { orderBy: { id: 'ASC' } })).map((c) => [c.id, c.tierId]);
    const bank2Before = await bank2Tiers();
    assert.equal(await tierOf(retier), '银卡');
    assert.equal((await visibleIds(asCustomer(retier))).includes(L.goldPlus!), false);

    // 金卡 now needs 15,000: the customer with 20,000 is 金卡 and sees its listing, with no new points.
    const lowered = await sys.gql(admin, UPDATE, { i: { tierId: String(goldTier.id), minTierPoints: 15_000 } });
    assert.equal(lowered.errors, undefined, JSON.stringify(lowered.errors));
    assert.equal(await tierOf(retier), '金卡');
    assert.ok((await visibleIds(asCustomer(retier))).includes(L.goldPlus!));
    // And back.
    const raised = await sys.gql(admin, UPDATE, { i: { tierId: String(goldTier.id), minTierPoints: 25_000 } });
    assert.equal(raised.errors, undefined, JSON.stringify(raised.errors));
    assert.equal(await tierOf(retier), '银卡');
    assert.equal((await visibleIds(asCustomer(retier))).includes(L.goldPlus!), false);

    // A new top tier takes the customers above its threshold out of 白金 (and its listing).
    assert.equal(await tierOf(top), '白金');
    assert.ok((await visibleIds(asCustomer(top))).includes(L.platinumOnly!));
    const created = await sys.gql(admin, 'mutation($i: CreateTierInput!) { createTier(input: $i) { tier { id } } }', {
      i: { name: '黑金', rank: 4, minTierPoints: 50_000, benefits: ['私人银行'] },
    });
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    assert.equal(await tierOf(top), '黑金');
    assert.equal((await visibleIds(asCustomer(top))).includes(L.platinumOnly!), false);
    assert.equal(await tierOf(retier), '银卡');
    // A customer loyalty never reported keeps having no tier; customers of bank 2 are not touched.
    assert.equal(await tierOf(unreported), null);
    assert.deepEqual(await bank2Tiers(), bank2Before);
  });

  it('deleting a tier re-tiers the customers on it at once, and a tier that restricts listings cannot be deleted', async () => {
    const em = (await sys.orm('tenants')).em.fork();
    const tierId = async (name: string) => (await em.fork().findOneOrFail(Tier, { bankId: 1, name })).id;
    const customerId = async (ref: string) =>
      String((await em.fork().findOneOrFail(Customer, { bankId: 1, externalRef: ref })).id);
    const DELETE = 'mutation($i: DeleteTierInput!) { deleteTier(input: $i) { deletedTierId customersRetiered } }';
    const top = await customerId('T-TOP'); // 60,000 tier points: 黑金 since the test before
    assert.equal(await tierOf(top), '黑金');

    // 白金 restricts listings: refused, nothing changes.
    const used = await sys.gql(admin, DELETE, { i: { tierId: String(await tierId('白金')) } });
    assert.equal(errorCode(used), 'CONFLICT');
    assert.match(used.errors![0]!.message, /still restricts listings \d+/);
    // Another bank's admin does not see it.
    assert.equal(
      errorCode(
        await sys.gql({ role: 'BANK_ADMIN', sub: 'admin-2', bankId: '2' }, DELETE, {
          i: { tierId: String(await tierId('黑金')) },
        }),
      ),
      'NOT_FOUND',
    );

    // A customer the bank put on 黑金 without tier points from loyalty loses it with the tier.
    const unreported = await customerId('T-UNREPORTED');
    await em.fork().nativeUpdate(Customer, { id: Number(unreported) }, { tierId: await tierId('黑金') });
    const gone = await sys.gql(admin, DELETE, { i: { tierId: String(await tierId('黑金')) } });
    assert.equal(gone.errors, undefined, JSON.stringify(gone.errors));
    assert.equal(gone.data!.deleteTier.customersRetiered, 2);
    assert.equal(await tierOf(top), '白金');
    assert.ok((await visibleIds(asCustomer(top))).includes(L.platinumOnly!));
    assert.equal(await tierOf(unreported), null);
    assert.equal(
      errorCode(await sys.gql(admin, DELETE, { i: { tierId: gone.data!.deleteTier.deletedTierId } })),
      'NOT_FOUND',
    );
  });
});
