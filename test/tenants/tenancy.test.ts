/** Bank A's staff cannot read or change bank B's malls, listings, customers, segments, tiers or campaigns. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { Listing } from '../../subgraphs/tenants/entities/listing';
import { Segment } from '../../subgraphs/tenants/entities/segment';
import { Customer } from '../../subgraphs/tenants/entities/customer';
import { Campaign } from '../../subgraphs/tenants/entities/campaign';
import { Tier } from '../../subgraphs/tenants/entities/tier';
import { PartnerApp } from '../../subgraphs/tenants/entities/partner-app';

const opA = { role: 'BANK_OPERATOR' as const, sub: 'op-a', bankId: '1' };
const adminA = { role: 'BANK_ADMIN' as const, sub: 'admin-a', bankId: '1' };
const adminB = { role: 'BANK_ADMIN' as const, sub: 'admin-b', bankId: '2' };
const appA = { role: 'PARTNER_APP' as const, sub: 'partner-app:1', bankId: '1', partnerAppId: '1' };

describe("tenancy: one bank never sees or changes another bank's objects", () => {
  let sys: TestSystem;
  let listingB: Listing;
  let segmentB: string;
  let campaignB: string;
  let tierB: Tier;
  const customerB = '21'; // first demo customer of bank 2

  before(async () => {
    sys = await startTestSystem();
    const em = (await sys.orm('tenants')).em.fork();
    listingB = await em.findOneOrFail(Listing, { bankId: 2 }, { orderBy: { id: 'ASC' } });
    tierB = await em.findOneOrFail(Tier, { bankId: 2, rank: 2 });
    const seg = await sys.gql(
      adminB,
      'mutation($i: CreateSegmentInput!) { createSegment(input: $i) { segment { id memberCount } } }',
      {
        i: { name: 'B 的女性客户', rules: { genders: ['FEMALE'] } },
      },
    );
    assert.equal(seg.errors, undefined, JSON.stringify(seg.errors));
    segmentB = seg.data!.createSegment.segment.id;
    assert.ok(seg.data!.createSegment.segment.memberCount > 0);
    const camp = await sys.gql(
      adminB,
      'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id status } } }',
      {
        i: { mallId: '2', template: 'DOUBLE_TWELVE', listingIds: [String(listingB.id)] },
      },
    );
    assert.equal(camp.errors, undefined, JSON.stringify(camp.errors));
    campaignB = camp.data!.createCampaign.campaign.id;
    assert.equal(camp.data!.createCampaign.campaign.status, 'DRAFT');
  });
  after(async () => {
    await sys?.stop();
  });

  it("answers NOT_FOUND for every read of bank B's objects by bank A's operator", async () => {
    const reads: [string, Record<string, unknown>][] = [
      ['query($id: ID!) { mall(id: $id) { id } }', { id: '2' }],
      ['query($id: ID!) { listing(id: $id) { id } }', { id: String(listingB.id) }],
      ['query($id: ID!) { customer(id: $id) { id } }', { id: customerB }],
      ['query($id: ID!) { segment(id: $id) { id } }', { id: segmentB }],
      ['query($id: ID!) { campaign(id: $id) { id } }', { id: campaignB }],
      ['query($id: ID!) { bank(id: $id) { id } }', { id: '2' }],
    ];
    for (const [query, vars] of reads) {
      const res = await sys.gql(opA, query, vars);
      assert.equal(errorCode(res), 'NOT_FOUND', `${query}: ${JSON.stringify(res)}`);
      assert.doesNotMatch(JSON.stringify(res), /青禾|QHCB|B 的女性客户|双十二/);
    }
    // The same reads work for bank B's own admin, so the NOT_FOUND above is about tenancy.
    const own = await sys.gql(
      adminB,
      'query($l: ID!, $s: ID!, $c: ID!) { listing(id: $l) { id } segment(id: $s) { name } campaign(id: $c) { name } customer(id: "21") { externalRef } }',
      {
        l: String(listingB.id),
        s: segmentB,
        c: campaignB,
      },
    );
    assert.equal(own.errors, undefined, JSON.stringify(own.errors));
    assert.equal(own.data!.segment.name, 'B 的女性客户');
  });

  it("refuses every change to bank B's objects from bank A, and leaves them untouched", async () => {
    const writes: [string, Record<string, unknown>][] = [
      [
        'mutation($i: UpdateListingInput!) { updateListing(input: $i) { listing { id } } }',
        { i: { listingId: String(listingB.id), status: 'PAUSED' } },
      ],
      [
        'mutation($i: CreateListingInput!) { createListing(input: $i) { listing { id } } }',
        { i: { mallId: '2', skuId: '1', priceMode: 'POINTS', pricePoints: 1 } },
      ],
      [
        'mutation($i: CurateListingsInput!) { curateListings(input: $i) { created } }',
        { i: { mallId: '2', filter: { brandIds: ['1'] }, pricing: { mode: 'POINTS', markupBp: 1 } } },
      ],
      [
        'mutation($i: UpdateSegmentInput!) { updateSegment(input: $i) { segment { id } } }',
        { i: { segmentId: segmentB, name: 'hijacked' } },
      ],
      [
        'mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { campaign { id } } }',
        { i: { campaignId: campaignB } },
      ],
      [
        'mutation($i: CancelCampaignInput!) { cancelCampaign(input: $i) { campaign { id } } }',
        { i: { campaignId: campaignB } },
      ],
      [
        'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id } } }',
        { i: { mallId: '2', template: 'DOUBLE_TWELVE', listingIds: [String(listingB.id)] } },
      ],
      [
        'mutation($i: CreateSegmentInput!) { createSegment(input: $i) { segment { id } } }',
        { i: { bankId: '2', name: 'x' } },
      ],
    ];
    for (const [query, vars] of writes) {
      const res = await sys.gql(opA, query, vars);
      assert.equal(errorCode(res), 'NOT_FOUND', `${query}: ${JSON.stringify(res)}`);
      // The answer names the object asked for, never the bank that owns it.
      if (!('bankId' in (vars.i as object))) assert.doesNotMatch(res.errors![0]!.message, /Bank/, query);
    }
    // Bank A's admin cannot change bank B's tier ladder either, nor upsert B's customers.
    assert.equal(
      errorCode(
        await sys.gql(adminA, 'mutation($i: UpdateTierInput!) { updateTier(input: $i) { tier { id } } }', {
          i: { tierId: String(tierB.id), minTierPoints: 1 },
        }),
      ),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(
        await sys.gql(appA, 'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { created } }', {
          i: { bankId: '2', customers: [{ externalRef: 'QHCB-C0001', city: '北京' }] },
        }),
      ),
      'NOT_FOUND',
    );

    const em = (await sys.orm('tenants')).em.fork();
    assert.equal((await em.findOneOrFail(Listing, listingB.id)).status, 'ACTIVE');
    assert.equal((await em.findOneOrFail(Segment, Number(segmentB))).name, 'B 的女性客户');
    assert.equal((await em.findOneOrFail(Campaign, Number(campaignB))).state, 'DRAFT');
    assert.equal((await em.findOneOrFail(Tier, tierB.id)).minTierPoints, tierB.minTierPoints);
    assert.equal(
      await em.count(Listing, { mall: 2, skuId: 1, bankId: 2 }),
      await em.count(Listing, { mall: 2, skuId: 1 }),
    );
    assert.equal(
      (await em.findOneOrFail(Customer, { bankId: 2, externalRef: 'QHCB-C0001' })).city,
      (await em.findOneOrFail(Customer, 21)).city,
    );
    assert.equal(await em.count(Customer, { bankId: 1, externalRef: 'QHCB-C0001' }), 0);
  });

  it("cannot put bank B's tiers or segments on bank A's listings", async () => {
    const em = (await sys.orm('tenants')).em.fork();
    const listingA = await em.findOneOrFail(Listing, { bankId: 1 }, { orderBy: { id: 'ASC' } });
    const res = await sys.gql(
      opA,
      'mutation($i: UpdateListingInput!) { updateListing(input: $i) { listing { id } } }',
      {
        i: { listingId: String(listingA.id), visibleTierIds: [String(tierB.id)], targetSegmentIds: [segmentB] },
      },
    );
    assert.equal(errorCode(res), 'BAD_USER_INPUT');
    const fields = (res.errors![0]!.extensions!.problems as { field: string }[]).map((p) => p.field).sort();
    assert.deepEqual(fields, ['targetSegmentIds', 'visibleTierIds']);
    assert.equal((await em.fork().findOneOrFail(Listing, listingA.id)).tierRestricted, false);
  });

  it("hides bank B's listings and customers from _entities as bank A (null, like a direct query)", async () => {
    const token = await sys.identityToken(opA, 'tenants');
    const res = await sys.subgraphRaw(
      'tenants',
      {
        query:
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Listing { id } ... on Customer { id } ... on Mall { id } } }',
        variables: {
          r: [
            { __typename: 'Listing', id: String(listingB.id) },
            { __typename: 'Customer', id: customerB },
            { __typename: 'Mall', id: '2' },
            { __typename: 'Mall', id: '1' },
          ],
        },
      },
      { 'x-perkmall-identity': token },
    );
    assert.deepEqual(res.body.data!._entities, [null, null, null, { id: '1' }]);
  });

  it("createPartnerApp: a bank admin's own bank without naming it; another bank's id is NOT_FOUND; platform admins must name one", async () => {
    const CREATE = 'mutation($i: CreatePartnerAppInput!) { createPartnerApp(input: $i) { partnerAppId clientId } }';
    const em = () => sys.orm('tenants').then((o) => o.em.fork());
    const own = await sys.gql(adminA, CREATE, { i: { name: '手机银行 新版' } });
    assert.equal(own.errors, undefined, JSON.stringify(own.errors));
    assert.equal(
      (await (await em()).findOneOrFail(PartnerApp, { id: Number(own.data!.createPartnerApp.partnerAppId) })).bankId,
      1,
    );
    const named = await sys.gql(adminA, CREATE, { i: { bankId: '1', name: '手机银行 旧版' } });
    assert.equal(named.errors, undefined, JSON.stringify(named.errors));

    const before = await (await em()).count(PartnerApp, {});
    const foreign = await sys.gql(adminA, CREATE, { i: { bankId: '2', name: '冒名应用' } });
    assert.equal(errorCode(foreign), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(opA, CREATE, { i: { name: '操作员应用' } })), 'FORBIDDEN');
    const platform = { role: 'PLATFORM_ADMIN' as const, sub: 'ops' };
    const unnamed = await sys.gql(platform, CREATE, { i: { name: '平台应用' } });
    assert.equal(errorCode(unnamed), 'BAD_USER_INPUT');
    assert.deepEqual(
      (unnamed.errors![0]!.extensions!.problems as { field: string }[]).map((p) => p.field),
      ['bankId'],
    );
    assert.equal(errorCode(await sys.gql(platform, CREATE, { i: { bankId: '999', name: '无此银行' } })), 'NOT_FOUND');
    assert.equal(await (await em()).count(PartnerApp, {}), before);
    const forB = await sys.gql(platform, CREATE, { i: { bankId: '2', name: '平台代建' } });
    assert.equal(
      (await (await em()).findOneOrFail(PartnerApp, { id: Number(forB.data!.createPartnerApp.partnerAppId) })).bankId,
      2,
    );
  });

  it('keeps customers and partner apps out of curation and segment administration', async () => {
    const customer = { role: 'CUSTOMER' as const, sub: 'customer:1', bankId: '1', customerId: '1', partnerAppId: '1' };
    for (const who of [customer, appA]) {
      const res = await sys.gql(
        who,
        'mutation($i: CreateSegmentInput!) { createSegment(input: $i) { segment { id } } }',
        { i: { name: 'x' } },
      );
      assert.equal(errorCode(res), 'FORBIDDEN');
    }
    const staffOnly = await sys.gql(customer, '{ mall(id: 1) { campaigns { edges { node { id } } } } }');
    assert.equal(errorCode(staffOnly), 'NOT_FOUND');
  });
});
