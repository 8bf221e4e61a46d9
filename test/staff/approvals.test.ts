import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import type { Principal } from '../../core/identity';
import { bankAdmin, bankOperator, platform } from '../principals';
import { points } from '../loyalty/helpers';

const maker: Principal = { role: 'BANK_OPERATOR', sub: 'maker-1', bankId: '1' };
const checker = (n: number): Principal => ({ role: 'BANK_OPERATOR', sub: `checker-${n}`, bankId: '1' });
const reportsOnly: Principal = { role: 'BANK_OPERATOR', sub: 'reader-1', bankId: '1', permissions: ['SEE_REPORTS'] };

const SET_POLICY = `mutation($input: SetApprovalPolicyInput!) { setApprovalPolicy(input: $input) {
  bankId pointsAdjustmentAbove listingBelowCost campaignLaunch partnerAppCreation } }`;
const ADJUST = `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { id amount } }`;
const REQUEST = `mutation($input: RequestApprovalInput!) { requestApproval(input: $input) { id kind status summary makerSub } }`;
const APPROVE = `mutation($id: ID!) { approveRequest(input: { approvalRequestId: $id }) { id status checkerSub } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectRequest(input: { approvalRequestId: $id, reason: $reason }) { id status checkerNote } }`;
const ONE = `query($id: ID!) { approvalRequest(id: $id) { id status outcome checkerSub } }`;

describe('maker-checker (four eyes)', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
    const r = await sys.gql(bankAdmin(1), SET_POLICY, {
      input: { bankId: '1', pointsAdjustmentAbove: 10_000, listingBelowCost: true, partnerAppCreation: true },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  });
  after(async () => {
    await sys?.stop();
  });

  const ok = <T = any>(r: { data?: any; errors?: unknown }, field: string): T => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data[field] as T;
  };

  /** Polls until the relay has applied (or failed) an approved request. */
  async function settled(id: string): Promise<{ status: string; outcome: string | null }> {
    for (let i = 0; i < 100; i++) {
      const r = ok<{ status: string; outcome: string | null }>(
        await sys.gql(bankAdmin(1), ONE, { id }),
        'approvalRequest',
      );
      if (r.status !== 'APPROVED') return r;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`approval ${id} was not applied within 10 s`);
  }

  const adjustment = (amount: number, customerId = '3') => ({
    note: 'Compensation for a lost parcel',
    pointsAdjustment: { customerId, track: 'REDEEMABLE', amount, reason: 'lost parcel compensation' },
  });

  it('applies an adjustment at or below the threshold at once, and holds one above it with a pointer to requestApproval', async () => {
    const before = await points(sys, 1, 3);
    const small = await sys.gql(maker, ADJUST, {
      input: { customerId: '3', track: 'REDEEMABLE', amount: 10_000, reason: 'goodwill', idempotencyKey: 'mc-small' },
    });
    ok(small, 'adjustPoints');
    const big = await sys.gql(maker, ADJUST, {
      input: { customerId: '3', track: 'REDEEMABLE', amount: 10_001, reason: 'goodwill', idempotencyKey: 'mc-big' },
    });
    assert.equal(errorCode(big), 'FORBIDDEN');
    assert.match(big.errors![0]!.message, /second person.*requestApproval/);
    const negative = await sys.gql(maker, ADJUST, {
      input: { customerId: '3', track: 'REDEEMABLE', amount: -10_001, reason: 'correction', idempotencyKey: 'mc-neg' },
    });
    assert.equal(errorCode(negative), 'FORBIDDEN', 'the threshold holds either sign');
    assert.equal((await points(sys, 1, 3)).redeemable, before.redeemable + 10_000);
  });

  it('refuses self-approval, lets another operator approve, and the points arrive once', async () => {
    const before = await points(sys, 1, 4);
    const req = ok<{ id: string; status: string; kind: string; makerSub: string }>(
      await sys.gql(maker, REQUEST, { input: adjustment(50_000, '4') }),
      'requestApproval',
    );
    assert.deepEqual([req.status, req.kind, req.makerSub], ['PENDING', 'POINTS_ADJUSTMENT', 'maker-1']);
    assert.equal((await points(sys, 1, 4)).redeemable, before.redeemable, 'nothing moves while pending');

    const self = await sys.gql(maker, APPROVE, { id: req.id });
    assert.equal(errorCode(self), 'FORBIDDEN');
    assert.match(self.errors![0]!.message, /another person/);
    const noPermission = await sys.gql(reportsOnly, APPROVE, { id: req.id });
    assert.equal(errorCode(noPermission), 'NOT_FOUND', 'without ADJUST_POINTS the request is not theirs to see');
    const otherBank = await sys.gql(bankOperator(2), APPROVE, { id: req.id });
    assert.equal(errorCode(otherBank), 'NOT_FOUND', "another bank's request does not exist for it");

    const approved = ok<{ status: string; checkerSub: string }>(
      await sys.gql(checker(1), APPROVE, { id: req.id }),
      'approveRequest',
    );
    assert.deepEqual([approved.status, approved.checkerSub], ['APPROVED', 'checker-1']);
    const done = await settled(req.id);
    assert.equal(done.status, 'APPLIED', JSON.stringify(done));
    assert.equal((await points(sys, 1, 4)).redeemable, before.redeemable + 50_000);

    const again = await sys.gql(checker(2), APPROVE, { id: req.id });
    assert.equal(errorCode(again), 'CONFLICT', 'a decided request cannot be approved again');
  });

  it('applies exactly once when five checkers approve at the same moment', async () => {
    const before = await points(sys, 1, 5);
    const req = ok<{ id: string }>(
      await sys.gql(maker, REQUEST, { input: adjustment(20_000, '5') }),
      'requestApproval',
    );
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => sys.gql(checker(n), APPROVE, { id: req.id })));
    const winners = answers.filter((a) => !a.errors);
    assert.equal(winners.length, 1, JSON.stringify(answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'ok')));
    assert.ok(answers.filter((a) => a.errors).every((a) => errorCode(a) === 'CONFLICT'));
    assert.equal((await settled(req.id)).status, 'APPLIED');
    // Give a duplicate application every chance to show up, then count.
    await new Promise((res) => setTimeout(res, 1500));
    assert.equal((await points(sys, 1, 5)).redeemable, before.redeemable + 20_000);
  });

  it('a rejection says why and leaves the balance; the maker can withdraw their own pending request', async () => {
    const before = await points(sys, 1, 6);
    const req = ok<{ id: string }>(
      await sys.gql(maker, REQUEST, { input: adjustment(30_000, '6') }),
      'requestApproval',
    );
    const rejected = ok<{ status: string; checkerNote: string }>(
      await sys.gql(checker(1), REJECT, { id: req.id, reason: 'No parcel was lost' }),
      'rejectRequest',
    );
    assert.deepEqual([rejected.status, rejected.checkerNote], ['REJECTED', 'No parcel was lost']);
    assert.equal(errorCode(await sys.gql(checker(2), APPROVE, { id: req.id })), 'CONFLICT');
    assert.equal((await points(sys, 1, 6)).redeemable, before.redeemable);

    const second = ok<{ id: string }>(
      await sys.gql(maker, REQUEST, { input: adjustment(30_000, '6') }),
      'requestApproval',
    );
    const withdrawByOther = await sys.gql(
      checker(1),
      `mutation($id: ID!) { withdrawApprovalRequest(input: { approvalRequestId: $id }) { status } }`,
      { id: second.id },
    );
    assert.equal(errorCode(withdrawByOther), 'FORBIDDEN');
    const withdrawn = await sys.gql(
      maker,
      `mutation($id: ID!) { withdrawApprovalRequest(input: { approvalRequestId: $id }) { status } }`,
      { id: second.id },
    );
    assert.equal(ok<{ status: string }>(withdrawn, 'withdrawApprovalRequest').status, 'WITHDRAWN');
  });

  it('an approved change the owner then refuses settles as FAILED with the reason', async () => {
    // Customer 21 belongs to bank 2: loyalty refuses it for bank 1 when applying.
    const req = ok<{ id: string }>(
      await sys.gql(maker, REQUEST, { input: adjustment(-20_000, '21') }),
      'requestApproval',
    );
    ok(await sys.gql(checker(1), APPROVE, { id: req.id }), 'approveRequest');
    const done = await settled(req.id);
    assert.equal(done.status, 'FAILED');
    assert.match(done.outcome ?? '', /not found/i);
  });

  it('holds a below-cost listing price and a partner app, and applies them once approved', async () => {
    const listings = await sys.gql(
      bankAdmin(1),
      `{ bank(id: "1") { malls { id listings(first: 1) { edges { node { id } } } } } }`,
    );
    const listing = ok<any>(listings, 'bank').malls[0].listings.edges[0].node as { id: string };
    const cheap = { listingId: listing.id, priceMode: 'CASH', pricePoints: 0, priceFen: 1 };
    const direct = await sys.gql(
      maker,
      `mutation($input: UpdateListingInput!) { updateListing(input: $input) { listing { id priceFen } } }`,
      {
        input: cheap,
      },
    );
    assert.equal(errorCode(direct), 'FORBIDDEN');
    assert.match(direct.errors![0]!.message, /below the supplier price/);
    const req = ok<{ id: string; kind: string }>(
      await sys.gql(maker, REQUEST, { input: { note: 'Loss leader for the festival', listingPrice: cheap } }),
      'requestApproval',
    );
    assert.equal(req.kind, 'LISTING_BELOW_COST');
    ok(await sys.gql(checker(1), APPROVE, { id: req.id }), 'approveRequest');
    assert.equal((await settled(req.id)).status, 'APPLIED');
    const after = await sys.gql(bankAdmin(1), `query($id: ID!) { listing(id: $id) { priceMode priceFen } }`, {
      id: listing.id,
    });
    assert.deepEqual(ok(after, 'listing'), { priceMode: 'CASH', priceFen: 1 });

    const app = await sys.gql(
      bankAdmin(1),
      `mutation { createPartnerApp(input: { name: "Wallet app" }) { clientId } }`,
    );
    assert.equal(errorCode(app), 'FORBIDDEN');
    const appReq = ok<{ id: string }>(
      await sys.gql(bankAdmin(1), REQUEST, {
        input: { note: 'New wallet partner', partnerApp: { name: 'Wallet app' } },
      }),
      'requestApproval',
    );
    ok(await sys.gql(checker(1), APPROVE, { id: appReq.id }), 'approveRequest');
    const appDone = await settled(appReq.id);
    assert.equal(appDone.status, 'APPLIED');
    assert.match(appDone.outcome ?? '', /client id pa_approved_/);
  });

  it('holds below-cost tier prices, pointing at listingTierPrices, and sets exactly the approved ones', async () => {
    // Bank 1's tiers (scripts/seed/demo-plan.ts): 金卡 3, 白金 4; bank 2's 金卡 is 7.
    const listingsOf = async (bank: number) =>
      ok<any>(
        await sys.gql(
          bankAdmin(bank),
          `query($id: ID!) { bank(id: $id) { malls { listings(first: 2) { edges { node { id } } } } } }`,
          { id: String(bank) },
        ),
        'bank',
      ).malls[0].listings.edges.map((e: any) => e.node.id as string) as string[];
    // The second listing: the listing-price test above reprices the first.
    const listingId = (await listingsOf(1))[1]!;
    const tierPrices = async () =>
      ok<any>(
        await sys.gql(
          bankAdmin(1),
          `query($id: ID!) { listing(id: $id) { tierPrices { tierId priceMode pricePoints priceFen } } }`,
          { id: listingId },
        ),
        'listing',
      ).tierPrices as unknown[];
    const price = (tierId: number, priceFen: number) => ({
      tierId: String(tierId),
      priceMode: 'CASH',
      pricePoints: 0,
      priceFen,
    });
    const SET_TIER_PRICES = `mutation($i: SetListingTierPricesInput!) { setListingTierPrices(input: $i) { tierPrices { tierId } } }`;
    const before = await tierPrices();

    const direct = await sys.gql(maker, SET_TIER_PRICES, { i: { listingId, prices: [price(3, 1)] } });
    assert.equal(errorCode(direct), 'FORBIDDEN');
    assert.match(direct.errors![0]!.message, /below the supplier price.*requestApproval\(input: \{ listingTierPrices:/);
    assert.deepEqual(await tierPrices(), before, 'the refused change set nothing');

    const wanted = [price(3, 1), price(4, 2)];
    const req = ok<{ id: string; kind: string; summary: string }>(
      await sys.gql(maker, REQUEST, {
        input: { note: 'Gold and platinum perk', listingTierPrices: { listingId, prices: wanted } },
      }),
      'requestApproval',
    );
    assert.equal(req.kind, 'LISTING_BELOW_COST');
    assert.match(
      req.summary,
      new RegExp(`listing ${listingId}'s tier prices.*tier 3 CASH, 0 points, 1 fen; tier 4 CASH, 0 points, 2 fen`),
    );
    assert.equal(
      errorCode(await sys.gql(bankOperator(2), APPROVE, { id: req.id })),
      'NOT_FOUND',
      "another bank's checker",
    );
    assert.equal(errorCode(await sys.gql(maker, APPROVE, { id: req.id })), 'FORBIDDEN', 'the maker cannot check');
    assert.deepEqual(await tierPrices(), before, 'nothing changes while pending');
    ok(await sys.gql(checker(1), APPROVE, { id: req.id }), 'approveRequest');
    const done = await settled(req.id);
    assert.equal(done.status, 'APPLIED', JSON.stringify(done));
    assert.match(done.outcome ?? '', /tier prices set/);
    assert.deepEqual(
      (await tierPrices()).sort((a: any, b: any) => Number(a.tierId) - Number(b.tierId)),
      wanted,
      'exactly the approved tier prices',
    );

    const rejectedReq = ok<{ id: string }>(
      await sys.gql(maker, REQUEST, {
        input: { note: 'Cheaper still', listingTierPrices: { listingId, prices: [price(3, 0)] } },
      }),
      'requestApproval',
    );
    ok(await sys.gql(checker(1), REJECT, { id: rejectedReq.id, reason: 'Too generous' }), 'rejectRequest');
    assert.deepEqual(
      (await tierPrices()).sort((a: any, b: any) => Number(a.tierId) - Number(b.tierId)),
      wanted,
      'a rejection changes nothing',
    );
  });

  it("checks a tier-price request: size and the bank's listing at once, the tiers and price rules as it applies; only staff's relay applies it", async () => {
    const listingOf = async (bank: number) =>
      ok<any>(
        await sys.gql(
          bankAdmin(bank),
          `query($id: ID!) { bank(id: $id) { malls { listings(first: 2) { edges { node { id } } } } } }`,
          { id: String(bank) },
        ),
        'bank',
      ).malls[0].listings.edges[1].node.id as string;
    const price = (tierId: number) => ({ tierId: String(tierId), priceMode: 'CASH', pricePoints: 0, priceFen: 1 });
    const foreign = await sys.gql(maker, REQUEST, {
      input: { note: 'Not ours', listingTierPrices: { listingId: await listingOf(2), prices: [price(3)] } },
    });
    assert.equal(errorCode(foreign), 'NOT_FOUND', "another bank's listing");
    const listingId = await listingOf(1);
    const tooMany = await sys.gql(maker, REQUEST, {
      input: { note: 'Too many', listingTierPrices: { listingId, prices: Array.from({ length: 21 }, () => price(3)) } },
    });
    assert.equal(errorCode(tooMany), 'BAD_USER_INPUT');
    const empty = await sys.gql(maker, REQUEST, {
      input: { note: 'Nothing', listingTierPrices: { listingId, prices: [] } },
    });
    assert.equal(errorCode(empty), 'BAD_USER_INPUT');

    // Bank 2's gold tier (7) on bank 1's listing: setListingTierPrices refuses it as tenants applies it.
    const otherTier = ok<{ id: string }>(
      await sys.gql(maker, REQUEST, {
        input: { note: 'Wrong tier', listingTierPrices: { listingId, prices: [price(7)] } },
      }),
      'requestApproval',
    );
    ok(await sys.gql(checker(1), APPROVE, { id: otherTier.id }), 'approveRequest');
    const failed = await settled(otherTier.id);
    assert.equal(failed.status, 'FAILED');
    assert.match(failed.outcome ?? '', /Tier 7 not found at this bank/);

    // Only staff's relay applies approved changes: bank staff calling it directly are refused.
    const bypass = await sys.gql(
      bankAdmin(1),
      `mutation($input: ApplyApprovedListingTierPricesInput!) { applyApprovedListingTierPrices(input: $input) { id } }`,
      { input: { approvalRequestId: otherTier.id, bankId: '1', makerSub: 'admin-1', listingId, prices: [price(3)] } },
    );
    assert.equal(errorCode(bypass), 'FORBIDDEN');
  });

  it('holds a campaign launch when the bank asks for it, and schedules it once approved', async () => {
    ok(await sys.gql(bankAdmin(1), SET_POLICY, { input: { bankId: '1', campaignLaunch: true } }), 'setApprovalPolicy');
    const mallOf = ok<any>(
      await sys.gql(bankAdmin(1), `{ bank(id: "1") { malls { id listings(first: 1) { edges { node { id } } } } } }`),
      'bank',
    ).malls[0];
    const mall = mallOf.id as string;
    const created = await sys.gql(
      maker,
      'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id status } } }',
      {
        i: {
          mallId: mall,
          template: 'CUSTOM',
          name: '双十二',
          startsAt: new Date(Date.now() + 86_400_000).toISOString(),
          endsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
          discountBp: 1000,
          listingIds: [mallOf.listings.edges[0].node.id],
        },
      },
    );
    const campaignId = ok<any>(created, 'createCampaign').campaign.id as string;
    const SCHEDULE = `mutation($id: ID!) { scheduleCampaign(input: { campaignId: $id }) { campaign { status } } }`;
    const direct = await sys.gql(maker, SCHEDULE, { id: campaignId });
    assert.equal(errorCode(direct), 'FORBIDDEN');
    const req = ok<{ id: string }>(
      await sys.gql(maker, REQUEST, { input: { note: 'Festival launch', campaignLaunch: { campaignId } } }),
      'requestApproval',
    );
    ok(await sys.gql(checker(1), APPROVE, { id: req.id }), 'approveRequest');
    assert.equal((await settled(req.id)).status, 'APPLIED');
    const after = await sys.gql(bankAdmin(1), `query($id: ID!) { campaign(id: $id) { status } }`, { id: campaignId });
    assert.equal(ok<any>(after, 'campaign').status, 'SCHEDULED');
  });

  it('keeps policies and requests within their bank', async () => {
    assert.equal(
      errorCode(await sys.gql(bankAdmin(2), SET_POLICY, { input: { bankId: '1', pointsAdjustmentAbove: 1 } })),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(bankAdmin(2), `query { approvalPolicy(bankId: "1") { bankId } }`)),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(maker, SET_POLICY, { input: { bankId: '1', pointsAdjustmentAbove: 1 } })),
      'FORBIDDEN',
    );
    const mine = ok<any>(
      await sys.gql(bankAdmin(2), `{ approvalRequests(first: 50) { edges { node { id } } } }`),
      'approvalRequests',
    );
    assert.equal(mine.edges.length, 0, "bank 2 sees none of bank 1's requests");
    const all = ok<any>(
      await sys.gql(platform, `{ approvalRequests(first: 50) { edges { node { id bank { id } } } } }`),
      'approvalRequests',
    );
    assert.ok(all.edges.length >= 5);
    const foreign = await sys.gql(bankOperator(2), REQUEST, { input: { bankId: '1', ...adjustment(20_000) } });
    assert.equal(errorCode(foreign), 'NOT_FOUND');
  });
});
