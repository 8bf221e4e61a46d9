import assert from 'node:assert/strict';
import type { TestSystem } from '../harness';

export { bankAdmin, customer, partnerApp } from '../principals';
import { bankAdmin } from '../principals';

/** Calls a loyalty saga operation as the orders service would. */
export function asService(sys: TestSystem, query: string, variables: Record<string, unknown> = {}) {
  return sys.asService('loyalty', query, variables);
}

export async function points(sys: TestSystem, bankId: number, customerId: number) {
  const r = await sys.gql(
    bankAdmin(bankId),
    `query($id: ID!) { customer(id: $id) { points { redeemable held tierPoints tier } } }`,
    { id: String(customerId) },
  );
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data!.customer.points as { redeemable: number; held: number; tierPoints: number; tier: string | null };
}

/** Sets a customer's available points to exactly `target` with an adjustment. */
export async function setBalance(
  sys: TestSystem,
  bankId: number,
  customerId: number,
  target: number,
  key: string,
  validityDays?: number,
) {
  const { redeemable } = await points(sys, bankId, customerId);
  if (redeemable === target) return;
  const r = await sys.gql(
    bankAdmin(bankId),
    `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { id } }`,
    {
      input: {
        customerId: String(customerId),
        track: 'REDEEMABLE',
        amount: target - redeemable,
        reason: 'test setup',
        idempotencyKey: key,
        validityDays,
      },
    },
  );
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
}

/** The ledger invariant every scenario must leave intact. */
export async function assertLedgerClean(sys: TestSystem) {
  for (const bankId of [1, 2]) {
    const r = await sys.gql(
      { role: 'PLATFORM_ADMIN', sub: 'p' },
      `query($b: ID!) { verifyLedger(bankId: $b) { accountsChecked drift { customerId field stored fromLedger } } }`,
      { b: String(bankId) },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.ok(r.data!.verifyLedger.accountsChecked > 0);
    assert.deepEqual(r.data!.verifyLedger.drift, [], `bank ${bankId} ledger drift`);
  }
}
