import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, bankOperator, customer, platform, supplierAdmin } from '../principals';
import { customerRef } from '../../scripts/seed/demo-plan';
import type { Principal } from '../../core/identity';

const BY_REF = `query($ref: String!, $bankId: ID) {
  customerByRef(externalRef: $ref, bankId: $bankId) { id externalRef city birthYear tier { name } } }`;
const LOTS = `query($id: ID!, $first: Int, $after: String) { customer(id: $id) { points { redeemable
  lots(first: $first, after: $after) { edges { cursor node { id amount remaining earnedAt expiresAt } }
  pageInfo { hasNextPage endCursor } } } } }`;
const ADJUST = `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { id amount } }`;
const SET_POLICY = `mutation($input: SetApprovalPolicyInput!) { setApprovalPolicy(input: $input) { bankId } }`;
const REQUEST = `mutation($input: RequestApprovalInput!) { requestApproval(input: $input) { id
  pointsAdjustment { customerId track amount reason } } }`;
const LIST = `query($filter: ApprovalRequestFilter) { approvalRequests(filter: $filter, first: 100) {
  edges { node { id kind pointsAdjustment { customerId amount } } } } }`;

/** Staff without SEE_CUSTOMER_DATA (an operator holding only ADJUST_POINTS). */
const pointsOnly: Principal = { ...bankOperator(1), sub: 'points-only', permissions: ['ADJUST_POINTS'] };

const TIERS = `query($bankId: ID) { bank(id: $bankId) { tiers { id name rank minTierPoints } } }`;
const UPDATE_TIER = `mutation($input: UpdateTierInput!) { updateTier(input: $input) { tier { id rank minTierPoints } } }`;

describe('console lookups: a customer by reference, open points lots, pending adjustments, tier rank edits', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  it('bank staff find their customer by the bank’s reference; personal data is masked without SEE_CUSTOMER_DATA', async () => {
    const full = await sys.gql(bankOperator(1), BY_REF, { ref: customerRef(1, 3) });
    assert.equal(full.errors, undefined, JSON.stringify(full.errors));
    assert.equal(full.data!.customerByRef.id, '3');
    assert.equal(full.data!.customerByRef.externalRef, customerRef(1, 3));
    const masked = await sys.gql(pointsOnly, BY_REF, { ref: customerRef(1, 3) });
    assert.equal(masked.errors, undefined, JSON.stringify(masked.errors));
    assert.equal(masked.data!.customerByRef.id, '3');
    assert.equal(masked.data!.customerByRef.birthYear, null);
    if (full.data!.customerByRef.city)
      assert.notEqual(masked.data!.customerByRef.city, full.data!.customerByRef.city, 'the city is masked');
    // The platform names the bank.
    const platformAnswer = await sys.gql(platform, BY_REF, { ref: customerRef(1, 3), bankId: '1' });
    assert.equal(platformAnswer.data?.customerByRef.id, '3');
  });

  it('another bank’s reference, an unknown one and a bad one: NOT_FOUND, NOT_FOUND, BAD_USER_INPUT; suppliers and customers are refused', async () => {
    const foreign = await sys.gql(bankOperator(1), BY_REF, { ref: customerRef(2, 3) });
    assert.equal(errorCode(foreign), 'NOT_FOUND');
    const namingOther = await sys.gql(bankAdmin(1), BY_REF, { ref: customerRef(2, 3), bankId: '2' });
    assert.equal(errorCode(namingOther), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankOperator(1), BY_REF, { ref: 'NO-SUCH-REF' })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankOperator(1), BY_REF, { ref: 'x'.repeat(65) })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await sys.gql(bankOperator(1), BY_REF, { ref: '  ' })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await sys.gql(platform, BY_REF, { ref: customerRef(1, 3) })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await sys.gql(supplierAdmin(1), BY_REF, { ref: customerRef(1, 3) })), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(customer(1, 3), BY_REF, { ref: customerRef(1, 4) })), 'FORBIDDEN');
  });

  it('points lots: open lots newest first with their expiry, adding up to the balance, paged by keyset cursor', async () => {
    const added = await sys.gql(bankAdmin(1), ADJUST, {
      input: {
        customerId: '5',
        track: 'REDEEMABLE',
        amount: 700,
        reason: 'goodwill',
        idempotencyKey: 'lots-1',
        validityDays: 30,
      },
    });
    assert.equal(added.errors, undefined, JSON.stringify(added.errors));
    const all = await sys.gql(bankOperator(1), LOTS, { id: '5', first: 100 });
    assert.equal(all.errors, undefined, JSON.stringify(all.errors));
    const lots = all.data!.customer.points.lots.edges.map((e: any) => e.node);
    assert.ok(lots.length >= 2, 'the seeded lots and the new one');
    const ids = lots.map((l: any) => Number(l.id));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
      'newest first',
    );
    assert.equal(lots[0].amount, 700);
    assert.equal(lots[0].remaining, 700);
    const expiresIn = Date.parse(lots[0].expiresAt) - Date.now();
    assert.ok(expiresIn > 29 * 86_400_000 && expiresIn <= 30 * 86_400_000 + 60_000, 'expires in 30 days');
    assert.equal(
      lots.reduce((sum: number, l: any) => sum + l.remaining, 0),
      all.data!.customer.points.redeemable,
      'what the lots hold is the balance',
    );
    const first = await sys.gql(bankOperator(1), LOTS, { id: '5', first: 1 });
    assert.equal(first.data!.customer.points.lots.pageInfo.hasNextPage, true);
    const second = await sys.gql(bankOperator(1), LOTS, {
      id: '5',
      first: 100,
      after: first.data!.customer.points.lots.pageInfo.endCursor,
    });
    assert.deepEqual(
      second.data!.customer.points.lots.edges.map((e: any) => e.node.id),
      lots.slice(1).map((l: any) => l.id),
    );
    assert.equal(errorCode(await sys.gql(bankOperator(1), LOTS, { id: '5', first: 0 })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await sys.gql(bankOperator(1), LOTS, { id: '5', after: 'not-a-cursor' })), 'BAD_USER_INPUT');
    // Another bank's customer: its lots are not reachable.
    assert.equal(errorCode(await sys.gql(bankOperator(2), LOTS, { id: '5' })), 'NOT_FOUND');
  });

  it('a held adjustment shows its customer and amount on the request, so a customer page can list its pending ones', async () => {
    const policy = await sys.gql(bankAdmin(1), SET_POLICY, { input: { bankId: '1', pointsAdjustmentAbove: 1000 } });
    assert.equal(policy.errors, undefined, JSON.stringify(policy.errors));
    const direct = await sys.gql(bankOperator(1), ADJUST, {
      input: { customerId: '6', track: 'REDEEMABLE', amount: 5000, reason: 'too big', idempotencyKey: 'held-1' },
    });
    assert.equal(errorCode(direct), 'FORBIDDEN', 'over the threshold, adjustPoints is held');
    const r = await sys.gql(bankOperator(1), REQUEST, {
      input: {
        note: 'lost parcel',
        pointsAdjustment: { customerId: '6', track: 'REDEEMABLE', amount: 5000, reason: 'lost parcel' },
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.deepEqual(r.data!.requestApproval.pointsAdjustment, {
      customerId: '6',
      track: 'REDEEMABLE',
      amount: 5000,
      reason: 'lost parcel',
    });
    const listed = await sys.gql(pointsOnly, LIST, { filter: { status: 'PENDING', kind: 'POINTS_ADJUSTMENT' } });
    assert.equal(listed.errors, undefined, JSON.stringify(listed.errors));
    assert.ok(
      listed.data!.approvalRequests.edges.some(
        (e: any) => e.node.id === r.data!.requestApproval.id && e.node.pointsAdjustment.customerId === '6',
      ),
    );
    // Bank 2's staff do not see bank 1's requests.
    const other = await sys.gql(bankOperator(2), LIST, { filter: { status: 'PENDING' } });
    assert.deepEqual(other.data!.approvalRequests.edges, []);
  });

  it('updateTier moves a tier to a free rank; a taken rank or a rank against the thresholds is BAD_USER_INPUT; another bank’s tier is NOT_FOUND', async () => {
    const ladder = async (bankId: string) =>
      ((await sys.gql(bankAdmin(Number(bankId)), TIERS, { bankId })).data!.bank.tiers as any[]).sort(
        (a, b) => a.rank - b.rank,
      );
    const before = await ladder('1');
    const top = before[before.length - 1];
    const moved = await sys.gql(bankAdmin(1), UPDATE_TIER, { input: { tierId: top.id, rank: top.rank + 5 } });
    assert.equal(moved.errors, undefined, JSON.stringify(moved.errors));
    assert.equal(moved.data!.updateTier.tier.rank, top.rank + 5);
    const taken = await sys.gql(bankAdmin(1), UPDATE_TIER, { input: { tierId: top.id, rank: before[0].rank } });
    assert.equal(errorCode(taken), 'BAD_USER_INPUT');
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), UPDATE_TIER, { input: { tierId: top.id, rank: 101 } })),
      'BAD_USER_INPUT',
    );
    // The entry tier above the top one: thresholds would no longer rise with rank.
    const against = await sys.gql(bankAdmin(1), UPDATE_TIER, { input: { tierId: before[0].id, rank: top.rank + 10 } });
    assert.equal(errorCode(against), 'BAD_USER_INPUT');
    const otherBank = await ladder('2');
    const foreign = await sys.gql(bankAdmin(1), UPDATE_TIER, { input: { tierId: otherBank[0].id, rank: 50 } });
    assert.equal(errorCode(foreign), 'NOT_FOUND');
    assert.deepEqual(await ladder('2'), otherBank, 'bank 2’s ladder is unchanged');
    const operator = await sys.gql(bankOperator(1), UPDATE_TIER, { input: { tierId: top.id, rank: top.rank } });
    assert.equal(errorCode(operator), 'FORBIDDEN', 'the ladder needs MANAGE_BANK_SETTINGS');
    assert.equal((await ladder('1')).find((t) => t.id === top.id).rank, top.rank + 5);
  });
});
