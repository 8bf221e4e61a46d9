/**
 * Issue 17, tier progress and tier evaluation: `Customer.tierProgress`, upgrades at once, downgrades
 * only at the evaluation after a period's grace (calendar years in the bank's time zone), the job's
 * idempotency under repetition and concurrency, tenancy, and flat statements when listing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, bankOperator, customer, partnerApp, platform } from '../principals';
import { TIERS, tierId } from '../../scripts/seed/demo-plan';
import { Customer } from '../../subgraphs/tenants/entities/customer';
import { TierChange, TierChangeReason } from '../../subgraphs/tenants/entities/tier';
import { runTierEvaluation } from '../../subgraphs/tenants/services/tier-evaluation';

const SILVER = TIERS[1]![2];
const GOLD = TIERS[2]![2];
const PLATINUM = TIERS[3]![2];

const PROGRESS = `query($id: ID) { customer(id: $id) { id tierProgress {
  current { id name } next { id name } pointsToNext periodTierPoints validUntil } } }`;
const RUN = `mutation($input: RunTierEvaluationInput!) {
  runTierEvaluation(input: $input) { banks customersRolledOver customersEvaluated tierChanges } }`;
const SETTINGS = `mutation($input: SetTierEvaluationSettingsInput!) {
  setTierEvaluationSettings(input: $input) { bank { id tierPeriodMonths tierGraceDays } } }`;

describe('tier progress and evaluation periods with a grace before downgrades', () => {
  let sys: TestSystem;
  let version = 1_000_000;
  const ids: Record<string, string> = {};

  /** Loyalty's report of a customer's running tier-points total (its contract with tenants). */
  async function report(customerId: string, tierPoints: number) {
    version += 1;
    const r = await sys.asService(
      'tenants',
      'mutation($c: ID!, $p: SafeInt!, $v: ID!) { applyTierPoints(customerId: $c, tierPoints: $p, tierPointsVersion: $v) { tierName changed applied } }',
      { c: customerId, p: tierPoints, v: String(version) },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.applyTierPoints as { tierName: string | null; changed: boolean; applied: boolean };
  }

  async function progress(customerId: string) {
    const r = await sys.gql(bankOperator(1), PROGRESS, { id: customerId });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.customer.tierProgress;
  }

  async function changesOf(customerId: string): Promise<TierChange[]> {
    const em = (await sys.orm('tenants')).em.fork();
    return em.find(TierChange, { customerId: Number(customerId) }, { orderBy: { id: 'ASC' } });
  }

  before(async () => {
    sys = await startTestSystem();
    const up = await sys.gql(
      partnerApp(1),
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { customers { customer { id externalRef } } } }',
      { i: { customers: ['TIER-MID', 'TIER-TOP', 'TIER-UP', 'TIER-DOWN'].map((externalRef) => ({ externalRef })) } },
    );
    assert.equal(up.errors, undefined, JSON.stringify(up.errors));
    for (const row of up.data!.upsertCustomers.customers) ids[row.customer.externalRef] = row.customer.id;
    // Grace of 10 days (the default is 30): also proves the settings mutation.
    const set = await sys.gql(bankAdmin(1), SETTINGS, { input: { periodMonths: 12, graceDays: 10 } });
    assert.equal(set.errors, undefined, JSON.stringify(set.errors));
    assert.deepEqual(set.data!.setTierEvaluationSettings.bank, { id: '1', tierPeriodMonths: 12, tierGraceDays: 10 });
  });
  after(async () => {
    await sys?.stop();
  });

  it('shows a mid-ladder customer their tier, the next, the points to it and the end of the next period plus grace', async () => {
    await report(ids['TIER-MID']!, SILVER + 1_500);
    const p = await progress(ids['TIER-MID']!);
    assert.equal(p.current.id, String(tierId(1, 1)));
    assert.equal(p.next.id, String(tierId(1, 2)));
    assert.equal(p.pointsToNext, GOLD - SILVER - 1_500);
    assert.equal(p.periodTierPoints, SILVER + 1_500);
    // Earned this calendar year (Asia/Shanghai): held through next year's end plus 10 days, local midnight.
    const year = Number(
      new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
    );
    assert.equal(p.validUntil, `${year + 2}-01-10T16:00:00.000Z`);
    // The customer sees the same of themself.
    const own = await sys.gql(customer(1, Number(ids['TIER-MID'])), PROGRESS, {});
    assert.equal(own.errors, undefined, JSON.stringify(own.errors));
    assert.deepEqual(own.data!.customer.tierProgress, p);
  });

  it('shows the top tier with no next tier and nothing to earn', async () => {
    await report(ids['TIER-TOP']!, PLATINUM + 7);
    const p = await progress(ids['TIER-TOP']!);
    assert.equal(p.current.id, String(tierId(1, 3)));
    assert.equal(p.next, null);
    assert.equal(p.pointsToNext, null);
  });

  it('upgrades at once when earning crosses a threshold, and records the change with its reason', async () => {
    const c = ids['TIER-UP']!;
    assert.equal((await report(c, SILVER - 1)).tierName, TIERS[0]![0]);
    assert.equal((await progress(c)).pointsToNext, 1);
    const crossed = await report(c, SILVER + 10);
    assert.deepEqual(crossed, { tierName: TIERS[1]![0], changed: true, applied: true });
    assert.equal((await progress(c)).current.id, String(tierId(1, 1)));
    const changes = await changesOf(c);
    assert.deepEqual(
      changes.map((x) => [x.reason, x.fromTierId, x.toTierId, x.tierPoints]),
      [
        [TierChangeReason.REACHED, null, tierId(1, 0), SILVER - 1],
        [TierChangeReason.REACHED, tierId(1, 0), tierId(1, 1), SILVER + 10],
      ],
    );
  });

  it("another bank's operator can neither read a customer's progress nor change the settings (NOT_FOUND)", async () => {
    const read = await sys.gql(bankOperator(2), PROGRESS, { id: ids['TIER-MID'] });
    assert.equal(errorCode(read), 'NOT_FOUND');
    const set = await sys.gql(bankAdmin(2), SETTINGS, { input: { bankId: '1', periodMonths: 3, graceDays: 0 } });
    assert.equal(errorCode(set), 'NOT_FOUND');
    const bad = await sys.gql(bankAdmin(1), SETTINGS, { input: { periodMonths: 5, graceDays: -1 } });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    const bank = await sys.gql(bankAdmin(1), '{ bank { tierPeriodMonths tierGraceDays } }');
    assert.deepEqual(bank.data!.bank, { tierPeriodMonths: 12, tierGraceDays: 10 });
  });

  it('costs the same tenants statements for the tier progress of 5 and 50 customers', async () => {
    const refs = Array.from({ length: 40 }, (_, i) => `TIER-LIST-${i}`);
    const up = await sys.gql(
      partnerApp(1),
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { customers { customer { id } } } }',
      { i: { customers: refs.map((externalRef) => ({ externalRef })) } },
    );
    assert.equal(up.errors, undefined, JSON.stringify(up.errors));
    for (const [i, row] of up.data!.upsertCustomers.customers.entries())
      if (i % 3 === 0) await report(row.customer.id, i * 1_000);
    const counts: Record<number, number> = {};
    for (const first of [5, 50]) {
      const requestId = randomUUID();
      const r = await sys.gql(
        bankOperator(1),
        `query($first: Int!) { bank { customers(first: $first) { edges { node { id
          tierProgress { current { name } next { name minTierPoints } pointsToNext validUntil } } } } } }`,
        { first },
        { requestId },
      );
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      assert.equal(r.data!.bank.customers.edges.length, first);
      counts[first] = await sys.statements('tenants', requestId);
    }
    assert.equal(counts[5], counts[50], JSON.stringify(counts));
  });

  it('keeps a tier through the grace after a period its points no longer hold, and downgrades once after it', async () => {
    const c = ids['TIER-DOWN']!;
    await report(c, GOLD + 100);
    assert.equal((await progress(c)).current.id, String(tierId(1, 2)));
    const year = Number(
      new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
    );
    // Asia/Shanghai: year Y+1 starts at (Y)-12-31T16:00Z; its grace of 10 days ends at (Y+1)-01-10T16:00Z.
    const run = async (asOf: string) => {
      const r = await sys.gql(platform, RUN, { input: { bankId: '1', asOf } });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      return r.data!.runTierEvaluation;
    };
    const tierOf = async () => (await (await sys.orm('tenants')).em.fork().findOneOrFail(Customer, Number(c))).tierId;

    // Next year, in grace: the period is rolled over, nobody is evaluated yet.
    const inGrace = await run(`${year + 1}-01-10T15:59:59Z`);
    assert.ok(inGrace.customersRolledOver > 0);
    assert.equal(inGrace.customersEvaluated, 0);
    // After grace: this year's points (GOLD + 100) still hold gold — evaluated, unchanged.
    await run(`${year + 1}-01-10T16:00:00Z`);
    assert.equal(await tierOf(), tierId(1, 2));

    // The year after: nothing was earned in year Y+1. In its grace the tier is kept …
    const kept = await run(`${year + 2}-01-10T15:00:00Z`);
    assert.equal(kept.customersEvaluated, 0);
    assert.equal(await tierOf(), tierId(1, 2));

    // … and after it, two concurrent runs through the API and one in process downgrade once.
    const asOf = `${year + 2}-01-10T16:00:00Z`;
    const orm = await sys.orm('tenants');
    const runs = await Promise.all([
      run(asOf),
      run(asOf),
      runTierEvaluation(orm.em.fork() as SqlEntityManager, new Date(asOf), 1),
    ]);
    assert.equal(await tierOf(), tierId(1, 0));
    const evaluations = (await changesOf(c)).filter((x) => x.reason === TierChangeReason.EVALUATION);
    assert.equal(evaluations.length, 1);
    assert.deepEqual(
      [evaluations[0]!.fromTierId, evaluations[0]!.toTierId, evaluations[0]!.tierPoints],
      [tierId(1, 2), tierId(1, 0), 0],
    );
    assert.equal(evaluations[0]!.periodEnd?.toISOString(), `${year + 1}-12-31T16:00:00.000Z`);
    // Every customer changed by the runs has exactly one EVALUATION row for that period.
    const all = await orm.em
      .fork()
      .count(TierChange, { reason: TierChangeReason.EVALUATION, periodEnd: new Date(`${year + 1}-12-31T16:00:00Z`) });
    assert.equal(
      runs.reduce((n, r) => n + r.tierChanges, 0),
      all,
    );
    // Run again: nothing left to change.
    const again = await run(asOf);
    assert.deepEqual([again.customersRolledOver, again.customersEvaluated, again.tierChanges], [0, 0, 0]);
  });
});
