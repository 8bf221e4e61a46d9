/**
 * Issue 17, tier change history: `Customer.tierChanges(first, after)` — newest first in keyset pages,
 * each with the tiers before and after, which way it went (INITIAL / UPGRADE / DOWNGRADE), why, when
 * and the tier points that decided it; for the customer themself and their bank's staff (another
 * bank's staff and another customer get NOT_FOUND, a partner app FORBIDDEN); flat statements for a
 * page of customers.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { bankOperator, customer, partnerApp, platform } from '../principals';
import { TIERS, tierId } from '../../scripts/seed/demo-plan';
import { TierChange, TierChangeReason } from '../../subgraphs/tenants/entities/tier';

const SILVER = TIERS[1]![2];
const GOLD = TIERS[2]![2];

const HISTORY = `query($id: ID, $first: Int, $after: String) { customer(id: $id) { id tierChanges(first: $first, after: $after) {
  edges { node { id kind reason fromTier { id name } toTier { id name } tierPoints periodEnd at } }
  pageInfo { hasNextPage endCursor } } } }`;

describe('tier change history', () => {
  let sys: TestSystem;
  let version = 2_000_000;
  const ids: Record<string, string> = {};

  async function report(customerId: string, tierPoints: number) {
    version += 1;
    const r = await sys.asService(
      'tenants',
      'mutation($c: ID!, $p: SafeInt!, $v: ID!) { applyTierPoints(customerId: $c, tierPoints: $p, tierPointsVersion: $v) { changed } }',
      { c: customerId, p: tierPoints, v: String(version) },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  }

  before(async () => {
    sys = await startTestSystem();
    const up = await sys.gql(
      partnerApp(1),
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { customers { customer { id externalRef } } } }',
      { i: { customers: ['HIST-A', 'HIST-B'].map((externalRef) => ({ externalRef })) } },
    );
    assert.equal(up.errors, undefined, JSON.stringify(up.errors));
    for (const row of up.data!.upsertCustomers.customers) ids[row.customer.externalRef] = row.customer.id;
  });
  after(async () => {
    await sys?.stop();
  });

  it('lists a customer’s changes newest first, with the way each went, and pages by cursor', async () => {
    const c = ids['HIST-A']!;
    await report(c, 10); // entry tier: INITIAL
    await report(c, SILVER + 5); // UPGRADE to silver
    await report(c, GOLD); // UPGRADE to gold
    // A downgrade as the evaluation writes it (the job itself is tested in tier-evaluation.test.ts).
    const em = (await sys.orm('tenants')).em.fork();
    const periodEnd = new Date('2026-12-31T16:00:00Z');
    await em.insertMany(TierChange, [
      {
        bankId: 1,
        customerId: Number(c),
        fromTierId: tierId(1, 2),
        toTierId: tierId(1, 1),
        reason: TierChangeReason.EVALUATION,
        tierPoints: SILVER + 5,
        periodEnd,
        createdAt: new Date(),
      },
    ]);

    const first = await sys.gql(bankOperator(1), HISTORY, { id: c, first: 3 });
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    const page1 = first.data!.customer.tierChanges;
    assert.deepEqual(
      page1.edges.map((e: any) => [
        e.node.kind,
        e.node.reason,
        e.node.fromTier?.id ?? null,
        e.node.toTier.id,
        e.node.tierPoints,
      ]),
      [
        ['DOWNGRADE', 'EVALUATION', String(tierId(1, 2)), String(tierId(1, 1)), SILVER + 5],
        ['UPGRADE', 'REACHED', String(tierId(1, 1)), String(tierId(1, 2)), GOLD],
        ['UPGRADE', 'REACHED', String(tierId(1, 0)), String(tierId(1, 1)), SILVER + 5],
      ],
    );
    assert.equal(page1.edges[0].node.periodEnd, periodEnd.toISOString());
    assert.equal(page1.edges[1].node.periodEnd, null);
    assert.ok(!Number.isNaN(Date.parse(page1.edges[1].node.at)));
    assert.equal(page1.pageInfo.hasNextPage, true);

    // The customer themself reads the rest with the cursor.
    const second = await sys.gql(customer(1, Number(c)), HISTORY, { first: 3, after: page1.pageInfo.endCursor });
    assert.equal(second.errors, undefined, JSON.stringify(second.errors));
    const page2 = second.data!.customer.tierChanges;
    assert.deepEqual(
      page2.edges.map((e: any) => [e.node.kind, e.node.fromTier, e.node.toTier.name]),
      [['INITIAL', null, TIERS[0]![0]]],
    );
    assert.equal(page2.pageInfo.hasNextPage, false);

    const bad = await sys.gql(bankOperator(1), HISTORY, { id: c, first: 0 });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    const badCursor = await sys.gql(bankOperator(1), HISTORY, { id: c, after: 'nonsense' });
    assert.equal(errorCode(badCursor), 'BAD_USER_INPUT');
  });

  it("another bank's staff and another customer get NOT_FOUND, a partner app FORBIDDEN; the platform reads it", async () => {
    const c = ids['HIST-A']!;
    const foreign = await sys.gql(bankOperator(2), HISTORY, { id: c });
    assert.equal(errorCode(foreign), 'NOT_FOUND', JSON.stringify(foreign.errors));
    const otherCustomer = await sys.gql(customer(1, Number(ids['HIST-B'])), HISTORY, { id: c });
    assert.equal(errorCode(otherCustomer), 'NOT_FOUND', JSON.stringify(otherCustomer.errors));
    // A partner app may list its bank's customers, but not their tier history.
    const app = await sys.gql(
      partnerApp(1),
      '{ bank { customers(first: 100) { edges { node { id tierChanges { edges { node { id } } } } } } } }',
    );
    assert.equal(errorCode(app), 'FORBIDDEN', JSON.stringify(app.errors));
    const admin = await sys.gql(platform, HISTORY, { id: c, first: 1 });
    assert.equal(admin.errors, undefined, JSON.stringify(admin.errors));
    assert.equal(admin.data!.customer.tierChanges.edges.length, 1);
  });

  it('costs the same tenants statements for the tier history of 5 and 40 customers', async () => {
    const more = await sys.gql(
      partnerApp(1),
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { created } }',
      { i: { customers: Array.from({ length: 40 }, (_, i) => ({ externalRef: `HIST-LIST-${i}` })) } },
    );
    assert.equal(more.errors, undefined, JSON.stringify(more.errors));
    // Two changes for each of the bank's first 40 customers (as applyTierPoints would write them).
    const list = await sys.gql(bankOperator(1), '{ bank { customers(first: 40) { edges { node { id } } } } }');
    assert.equal(list.errors, undefined, JSON.stringify(list.errors));
    const customerIds: number[] = list.data!.bank.customers.edges.map((e: any) => Number(e.node.id));
    assert.equal(customerIds.length, 40);
    const em = (await sys.orm('tenants')).em.fork();
    await em.insertMany(
      TierChange,
      customerIds.flatMap((customerId, i) => [
        {
          bankId: 1,
          customerId,
          fromTierId: null,
          toTierId: tierId(1, 0),
          reason: TierChangeReason.REACHED,
          tierPoints: i,
          createdAt: new Date(),
        },
        {
          bankId: 1,
          customerId,
          fromTierId: tierId(1, 0),
          toTierId: tierId(1, 1),
          reason: TierChangeReason.REACHED,
          tierPoints: SILVER + i,
          createdAt: new Date(),
        },
      ]),
    );
    const counts: Record<number, number> = {};
    for (const first of [5, 40]) {
      const requestId = randomUUID();
      const r = await sys.gql(
        bankOperator(1),
        `query($first: Int!) { bank { customers(first: $first) { edges { node { id
          tierChanges(first: 2) { edges { node { kind fromTier { name } toTier { name } at } } } } } } } }`,
        { first },
        { requestId },
      );
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      const edges = r.data!.bank.customers.edges;
      assert.equal(edges.length, first);
      assert.ok(edges.every((e: any) => e.node.tierChanges.edges.length === 2));
      counts[first] = await sys.statements('tenants', requestId);
    }
    assert.equal(counts[5], counts[40], JSON.stringify(counts));
  });
});
