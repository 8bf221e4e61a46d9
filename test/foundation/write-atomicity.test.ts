import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, platform } from '../principals';
import { PointsLedgerEntry } from '../../subgraphs/loyalty/entities/ledger-entry';
import { EarnRule } from '../../subgraphs/loyalty/entities/earn-rule';
import { customerRef } from '../../scripts/seed/demo-plan';

const ADJUST = `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { id amount } }`;
const POINTS = `query($id: ID!) { customer(id: $id) { points { redeemable tierPoints } } }`;
const CREATE_RULE = `mutation($input: CreateEarnRuleInput!) { createEarnRule(input: $input) { id name } }`;

/**
 * Issue 11 item 2: a mutation that answers an error must leave nothing committed, even when the
 * failure comes after its write (services commit their own units of work; the request transaction
 * in core/request-transaction.ts makes them savepoints of one transaction per request).
 */
describe('a request that answers an error leaves no write committed', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  /** Arms the test-only fault for one request id on one subgraph (debug endpoints only). */
  async function armAfterWrite(subgraph: 'loyalty' | 'tenants', requestId: string) {
    const r = await fetch(`${sys.stack.urls[subgraph]}/debug/faults`, {
      method: 'POST',
      body: JSON.stringify({ requestId, fault: 'after-write' }),
    });
    assert.equal(r.status, 200);
  }

  async function balance(customerId: number) {
    const r = await sys.gql(bankAdmin(1), POINTS, { id: String(customerId) });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.customer.points as { redeemable: number; tierPoints: number };
  }

  async function ledgerEntries(idempotencyKey: string) {
    return (await sys.orm('loyalty')).em
      .fork()
      .count(PointsLedgerEntry, { idempotencyKey: { $like: `%${idempotencyKey}%` } });
  }

  it('a failure injected right after adjustPoints wrote its ledger entry rolls the entry and the balance back; the retry then applies once', async () => {
    const before = await balance(3);
    const input = {
      customerId: '3',
      track: 'REDEEMABLE',
      amount: 500,
      reason: 'goodwill',
      idempotencyKey: 'atomic-adjust-1',
    };
    const requestId = randomUUID();
    await armAfterWrite('loyalty', requestId);
    const failed = await sys.gql(bankAdmin(1), ADJUST, { input }, { requestId });
    assert.equal(errorCode(failed), 'INTERNAL', JSON.stringify(failed));
    assert.equal(await ledgerEntries('atomic-adjust-1'), 0, 'the ledger entry was rolled back');
    assert.deepEqual(await balance(3), before, 'the balance was rolled back');

    const retried = await sys.gql(bankAdmin(1), ADJUST, { input });
    assert.equal(retried.errors, undefined, JSON.stringify(retried.errors));
    assert.equal(retried.data!.adjustPoints.amount, 500);
    assert.equal((await balance(3)).redeemable, before.redeemable + 500);
    assert.equal(await ledgerEntries('atomic-adjust-1'), 1);
  });

  it('a failure injected right after a plain flush (createEarnRule) leaves no rule behind', async () => {
    const name = `atomic rule ${randomUUID().slice(0, 8)}`;
    const input = {
      bankId: '1',
      name,
      kind: 'CARD_SPEND',
      track: 'REDEEMABLE',
      product: 'ATOMIC_CARD',
      pointsPerYuan: 1,
    };
    const requestId = randomUUID();
    await armAfterWrite('loyalty', requestId);
    const failed = await sys.gql(bankAdmin(1), CREATE_RULE, { input }, { requestId });
    assert.equal(errorCode(failed), 'INTERNAL', JSON.stringify(failed));
    const em = (await sys.orm('loyalty')).em.fork();
    assert.equal(await em.count(EarnRule, { name }), 0);
    const created = await sys.gql(bankAdmin(1), CREATE_RULE, { input });
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    assert.equal(await em.count(EarnRule, { name }), 1);
  });

  it('when the second field of a mutation fails, the first one (which succeeded) is not committed either', async () => {
    const before = await balance(4);
    const both = await sys.gql(
      bankAdmin(1),
      `mutation($ok: AdjustPointsInput!, $bad: AdjustPointsInput!) { ok: adjustPoints(input: $ok) { id } bad: adjustPoints(input: $bad) { id } }`,
      {
        ok: {
          customerId: '4',
          track: 'REDEEMABLE',
          amount: 700,
          reason: 'first half',
          idempotencyKey: 'atomic-pair-ok',
        },
        // more than the customer will have: refused (CONFLICT) after the first field wrote
        bad: {
          customerId: '4',
          track: 'REDEEMABLE',
          amount: -(before.redeemable + 10_000),
          reason: 'second half',
          idempotencyKey: 'atomic-pair-bad',
        },
      },
    );
    assert.equal(errorCode(both), 'CONFLICT', JSON.stringify(both));
    assert.equal(both.data?.ok ?? null, null, 'no field claims a write that was rolled back');
    assert.equal(await ledgerEntries('atomic-pair-'), 0);
    assert.deepEqual(await balance(4), before);
  });

  it('a bank event whose payload cannot be answered commits nothing: the old 2^53 reproduction is refused up front', async () => {
    const em = (await sys.orm('loyalty')).em.fork();
    const entriesBefore = await em.count(PointsLedgerEntry, {});
    const r = await sys.gql(
      { role: 'PARTNER_APP', sub: 'app-1', bankId: '1', partnerAppId: '1' },
      `mutation($input: RecordBankEventInput!) { recordBankEvent(input: $input) { pointsAwarded } }`,
      {
        input: {
          customerRef: customerRef(1, 1),
          product: 'CREDIT_CARD',
          amountFen: 9007199254740991,
          occurredAt: new Date().toISOString(),
          idempotencyKey: 'atomic-huge',
        },
      },
    );
    assert.equal(errorCode(r), 'BAD_USER_INPUT', JSON.stringify(r));
    assert.equal(await em.count(PointsLedgerEntry, {}), entriesBefore);
  });

  it('a saga operation that commits step by step may not share its request with other mutation fields', async () => {
    const r = await sys.gql(
      platform,
      `mutation { runOrderRecovery { confirmed } confirmStatement(statementId: "999999") { id } }`,
    );
    assert.equal(errorCode(r), 'BAD_USER_INPUT', JSON.stringify(r));
    assert.match(r.errors![0]!.message, /runOrderRecovery commits step by step/);
  });
});
