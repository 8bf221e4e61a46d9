import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../harness';
import { TIERS, customerRef, segmentId } from '../../scripts/seed/demo-plan';
import { assertLedgerClean, bankAdmin, partnerApp, points } from './helpers';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { PointsAccount } from '../../subgraphs/loyalty/entities/points-account';
import { PointsLedgerEntry, PointsTrack } from '../../subgraphs/loyalty/entities/ledger-entry';
import { PointsSweeps } from '../../subgraphs/loyalty/services/sweeps.service';
import type { TenantsClient } from '../../subgraphs/loyalty/services/tenants-client';
import { Customer } from '../../subgraphs/tenants/entities/customer';

const RECORD = `mutation($input: RecordBankEventInput!) { recordBankEvent(input: $input) { pointsAwarded tierPointsAwarded } }`;

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('tiers follow tier points; segment rules follow segment membership', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  it('crossing a threshold moves the customer to the next tier, in loyalty and in tenants', async () => {
    const c = 11;
    const start = await points(sys, 1, c);
    const next = TIERS.find(([, , min]) => min > start.tierPoints);
    assert.ok(next, 'the demo customer is below the top tier');
    const [name, , min] = next!;
    // CREDIT_CARD earns 1 tier point per CNY: spend just enough to reach the next threshold.
    const yuan = min - start.tierPoints;
    const r = await sys.gql(partnerApp(1), RECORD, {
      input: {
        customerRef: customerRef(1, c),
        product: 'CREDIT_CARD',
        amountFen: yuan * 100,
        occurredAt: new Date().toISOString(),
        idempotencyKey: 'tier-cross-1',
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.equal(r.data!.recordBankEvent.tierPointsAwarded, yuan);
    // Tenants learns the new total through loyalty's outbox (at least once, within a few seconds).
    const after = await eventually(
      () => points(sys, 1, c),
      (p) => p.tier === name,
    );
    assert.equal(after.tier, name);
    assert.equal(after.tierPoints, min);
    const tenants = await sys.gql(bankAdmin(1), `query($id: ID!) { customer(id: $id) { tier { name } } }`, {
      id: String(c),
    });
    assert.equal(tenants.data!.customer.tier.name, name);
    await assertLedgerClean(sys);
  });

  it('tier points reach tenants with their version; an older answer or report never moves the tier back', async () => {
    const c = 11; // moved up a tier by the test before
    const loyaltyEm = (await sys.orm('loyalty')).em.fork();
    const account = await loyaltyEm.findOneOrFail(PointsAccount, { customerId: c });
    const newest = await loyaltyEm.findOneOrFail(
      PointsLedgerEntry,
      { accountId: account.id, track: PointsTrack.TIER },
      { orderBy: { id: 'DESC' } },
    );
    // The outbox delivered the newest total, versioned by the newest tier-track entry, to tenants.
    const synced = await eventually(
      async () => await (await sys.orm('tenants')).em.fork().findOneOrFail(Customer, c),
      (row) => String(row.tierPointsVersion) === String(newest.id),
    );
    assert.deepEqual([synced.tierPoints, String(synced.tierPointsVersion)], [account.tierPoints, String(newest.id)]);
    const tierName = (await points(sys, 1, c)).tier;
    assert.ok(tierName);

    // A late delivery of an older total (as a racing relay would send it) changes nothing in tenants.
    const late = await sys.asService(
      'tenants',
      'mutation($c: ID!, $v: ID!) { applyTierPoints(customerId: $c, tierPoints: 0, tierPointsVersion: $v) { tierName applied } }',
      {
        c: String(c),
        v: String(newest.id - 1),
      },
    );
    assert.deepEqual(late.data!.applyTierPoints, { tierName, applied: false });
    // And an answer about an older version does not overwrite loyalty's tier name.
    const stale = {
      applyTierPoints: async () => ({
        tierName: '普通',
        changed: true,
        applied: true,
        tierPointsVersion: String(newest.id - 1),
      }),
    } as unknown as TenantsClient;
    await new PointsSweeps((await sys.orm('loyalty')).em.fork() as SqlEntityManager, stale).syncTier(account.id);
    assert.equal((await points(sys, 1, c)).tier, tierName);
    await assertLedgerClean(sys);
  });

  it('a rule for a segment pays only its members', async () => {
    const carOwners = segmentId(1, 1); // 车主: demo customers 3, 6, 9, … of each bank
    const rule = await sys.gql(
      bankAdmin(1),
      `mutation($input: CreateEarnRuleInput!) { createEarnRule(input: $input) { id } }`,
      {
        input: {
          bankId: '1',
          name: '车主 车贷 积分',
          kind: 'PRODUCT_RATE',
          track: 'REDEEMABLE',
          product: 'CAR_LOAN',
          rateBasisPoints: 100,
          segmentId: String(carOwners),
        },
      },
    );
    assert.equal(rule.errors, undefined, JSON.stringify(rule.errors));
    const post = (c: number) =>
      sys.gql(partnerApp(1), RECORD, {
        input: {
          customerRef: customerRef(1, c),
          product: 'CAR_LOAN',
          amountFen: 10_000_000,
          occurredAt: new Date().toISOString(),
          idempotencyKey: `car-${c}`,
        },
      });
    const member = await post(6);
    const other = await post(7);
    assert.equal(member.errors, undefined, JSON.stringify(member.errors));
    assert.equal(member.data!.recordBankEvent.pointsAwarded, 1000); // 1% of 100,000 CNY
    assert.equal(other.data!.recordBankEvent.pointsAwarded, 0);
    await assertLedgerClean(sys);
  });
});
