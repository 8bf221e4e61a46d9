import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { PointsLot } from '../../subgraphs/loyalty/entities/points-lot';
import { PointsAccount } from '../../subgraphs/loyalty/entities/points-account';
import { randomUUID } from 'node:crypto';
import { asService, assertLedgerClean, bankAdmin, customer, partnerApp, points } from './helpers';
import { PointsLedgerEntry } from '../../subgraphs/loyalty/entities/ledger-entry';

const ADJUST = `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { id type amount } }`;
const SWEEP = `mutation($at: DateTime) { runPointsSweeps(asOf: $at) { lotsExpired pointsExpired } }`;
const DAY = 86_400_000;

describe('expiry of redeemable points', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  it('spends the first-expiring lots first, expires only what is left of due lots, and writes EXPIRE entries', async () => {
    const em = (await sys.orm('loyalty')).em.fork();
    const account = await em.findOneOrFail(PointsAccount, { customerId: 10 });
    // Start from a clean slate: every seeded lot moves beyond the test horizon (sweeps are global).
    await em.nativeUpdate(PointsLot, {}, { expiresAt: new Date(Date.now() + 3000 * DAY) });
    const add = (amount: number, days: number, key: string) =>
      sys.gql(bankAdmin(1), ADJUST, {
        input: {
          customerId: '10',
          track: 'REDEEMABLE',
          amount,
          reason: 'goodwill',
          idempotencyKey: key,
          validityDays: days,
        },
      });
    await add(300, 10, 'exp-a'); // expires first
    await add(500, 20, 'exp-b');
    const start = await points(sys, 1, 10);

    // Spending 400 takes all 300 of lot a and 100 of lot b.
    const hold = await asService(
      sys,
      'mutation { holdPoints(orderId: "exp-order", bankId: 1, customerId: 10, amount: 400) { state } }',
    );
    assert.equal(hold.errors, undefined, JSON.stringify(hold.errors));
    await asService(sys, 'mutation { capturePoints(orderId: "exp-order") { state } }');
    const lots = await em
      .fork()
      .find(PointsLot, { accountId: account.id, amount: { $in: [300, 500] } }, { orderBy: { expiresAt: 'ASC' } });
    assert.deepEqual(
      lots.map((l) => l.remaining),
      [0, 400],
    );

    const soon = await sys.gql(
      customer(1, 10),
      '{ customer { points { expiringSoon(withinDays: 30) { points on } } } }',
    );
    assert.equal(soon.errors, undefined, JSON.stringify(soon.errors));
    assert.deepEqual(
      soon.data!.customer.points.expiringSoon.map((e: { points: number }) => e.points),
      [400],
    );

    // Day 15: lot a is spent (nothing to expire), lot b is not due yet.
    const day15 = await sys.gql({ role: 'PLATFORM_ADMIN', sub: 'p' }, SWEEP, {
      at: new Date(Date.now() + 15 * DAY).toISOString(),
    });
    assert.equal(day15.data!.runPointsSweeps.pointsExpired, 0);
    // Day 25: what is left of lot b expires, once.
    const day25 = await sys.gql({ role: 'PLATFORM_ADMIN', sub: 'p' }, SWEEP, {
      at: new Date(Date.now() + 25 * DAY).toISOString(),
    });
    assert.deepEqual(day25.data!.runPointsSweeps, { lotsExpired: 1, pointsExpired: 400 });
    const again = await sys.gql({ role: 'PLATFORM_ADMIN', sub: 'p' }, SWEEP, {
      at: new Date(Date.now() + 25 * DAY).toISOString(),
    });
    assert.equal(again.data!.runPointsSweeps.pointsExpired, 0);
    assert.equal((await points(sys, 1, 10)).redeemable, start.redeemable - 400 - 400);

    const history = await sys.gql(
      bankAdmin(1),
      '{ customer(id: 10) { points { history(first: 3, types: [EXPIRE]) { edges { node { type amount } } } } } }',
    );
    assert.deepEqual(
      history.data!.customer.points.history.edges.map((e: any) => e.node),
      [{ type: 'EXPIRE', amount: -400 }],
    );
    await assertLedgerClean(sys);
  });

  it('a statement reconciles opening, movements and closing balance', async () => {
    const from = new Date(Date.now() - DAY).toISOString();
    const to = new Date(Date.now() + 60 * DAY).toISOString();
    const r = await sys.gql(
      bankAdmin(1),
      `query($f: DateTime!, $t: DateTime!) { customer(id: 10) { points { redeemable statement(from: $f, to: $t) { opening earned spent refunded expired adjusted closing } } } }`,
      { f: from, t: to },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const s = r.data!.customer.points.statement;
    assert.equal(s.opening + s.earned - s.spent + s.refunded - s.expired + s.adjusted, s.closing);
    assert.equal(s.adjusted, 800);
    assert.equal(s.spent, 400);
    assert.equal(s.expired, 400);
  });

  it('an adjustment cannot overdraw and is idempotent on its key', async () => {
    const { redeemable } = await points(sys, 1, 11);
    const over = await sys.gql(bankAdmin(1), ADJUST, {
      input: {
        customerId: '11',
        track: 'REDEEMABLE',
        amount: -(redeemable + 1),
        reason: 'correction',
        idempotencyKey: 'over',
      },
    });
    assert.equal(errorCode(over), 'CONFLICT');
    const once = {
      input: { customerId: '11', track: 'REDEEMABLE', amount: -10, reason: 'correction', idempotencyKey: 'corr-1' },
    };
    const a = await sys.gql(bankAdmin(1), ADJUST, once);
    const b = await sys.gql(bankAdmin(1), ADJUST, once);
    assert.equal(a.data!.adjustPoints.id, b.data!.adjustPoints.id);
    assert.equal((await points(sys, 1, 11)).redeemable, redeemable - 10);
    await assertLedgerClean(sys);
  });

  it('verifyLedger reports a stored balance or a lot that no longer matches the ledger, naming the field', async () => {
    await assertLedgerClean(sys);
    const em = (await sys.orm('loyalty')).em.fork();
    const account = await em.findOneOrFail(PointsAccount, { customerId: 12 });
    const lot = await em.findOneOrFail(
      PointsLot,
      { accountId: account.id, remaining: { $gt: 10 } },
      { orderBy: { id: 'ASC' } },
    );
    const verify = async () => {
      const r = await sys.gql(
        { role: 'PLATFORM_ADMIN', sub: 'p' },
        '{ verifyLedger(bankId: 1) { drift { customerId field stored fromLedger } } }',
      );
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      return r.data!.verifyLedger.drift as { customerId: string; field: string; stored: number; fromLedger: number }[];
    };
    const byField = (d: { field: string }[]) => [...d].sort((a, b) => a.field.localeCompare(b.field));

    // The cached balance drifts from the entries (and from the lots).
    await em.nativeUpdate(PointsAccount, { id: account.id }, { redeemable: account.redeemable + 7 });
    assert.deepEqual(byField(await verify()), [
      { customerId: '12', field: 'redeemable', stored: account.redeemable + 7, fromLedger: account.redeemable },
      { customerId: '12', field: 'redeemable vs lots', stored: account.redeemable + 7, fromLedger: account.redeemable },
    ]);
    await em.nativeUpdate(PointsAccount, { id: account.id }, { redeemable: account.redeemable });

    // A lot loses points no entry accounts for.
    await em.nativeUpdate(PointsLot, { id: lot.id }, { remaining: lot.remaining - 3 });
    assert.deepEqual(await verify(), [
      { customerId: '12', field: 'redeemable vs lots', stored: account.redeemable, fromLedger: account.redeemable - 3 },
    ]);
    await em.nativeUpdate(PointsLot, { id: lot.id }, { remaining: lot.remaining });

    // Tier points too.
    await em.nativeUpdate(PointsAccount, { id: account.id }, { tierPoints: account.tierPoints + 1 });
    assert.deepEqual(await verify(), [
      { customerId: '12', field: 'tierPoints', stored: account.tierPoints + 1, fromLedger: account.tierPoints },
    ]);
    await em.nativeUpdate(PointsAccount, { id: account.id }, { tierPoints: account.tierPoints });

    await assertLedgerClean(sys);
  });

  it("costs the same loyalty statements for the history and statements of 5 and 50 of a bank's customers", async () => {
    // Bank 1 has 20 demo customers; 35 more, each with an account and a few entries.
    const refs = Array.from({ length: 35 }, (_, i) => `HIST-${String(i).padStart(3, '0')}`);
    const up = await sys.gql(
      partnerApp(1),
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { created } }',
      { i: { customers: refs.map((externalRef) => ({ externalRef })) } },
    );
    assert.equal(up.errors, undefined, JSON.stringify(up.errors));
    const RECORD = 'mutation($input: RecordBankEventInput!) { recordBankEvent(input: $input) { pointsAwarded } }';
    for (let i = 0; i < refs.length; i += 7) {
      const results = await Promise.all(
        refs.slice(i, i + 7).map((ref) =>
          sys.gql(partnerApp(1), RECORD, {
            input: {
              customerRef: ref,
              product: 'CREDIT_CARD',
              amountFen: 10_000,
              occurredAt: new Date().toISOString(),
              idempotencyKey: `hist-${ref}`,
            },
          }),
        ),
      );
      assert.ok(
        results.every((r) => !r.errors),
        JSON.stringify(results.find((r) => r.errors)?.errors),
      );
    }
    const query = `query($first: Int, $f: DateTime!, $t: DateTime!) { bank(id: 1) { customers(first: $first) { edges { node { id points {
      redeemable history(first: 2) { edges { cursor node { id type amount } } pageInfo { hasNextPage endCursor } }
      statement(from: $f, to: $t) { opening closing }
    } } } } } }`;
    const vars = { f: new Date(Date.now() - 400 * DAY).toISOString(), t: new Date(Date.now() + DAY).toISOString() };
    const counts: Record<number, number> = {};
    let page50: any[] = [];
    for (const first of [5, 50]) {
      const requestId = randomUUID();
      const r = await sys.gql(bankAdmin(1), query, { first, ...vars }, { requestId });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      const edges = r.data!.bank.customers.edges;
      assert.equal(edges.length, first);
      assert.ok(edges.every((e: any) => e.node.points.history.edges.length > 0));
      counts[first] = await sys.statements('loyalty', requestId);
      if (first === 50) page50 = edges;
    }
    assert.equal(counts[5], counts[50], JSON.stringify(counts));

    // The batched pages are each customer's own newest entries, and their cursors carry on.
    const em = (await sys.orm('loyalty')).em.fork();
    for (const e of [page50[0], page50[25], page50[49]]) {
      const account = await em.findOneOrFail(PointsAccount, { customerId: Number(e.node.id) });
      const entries = await em.find(PointsLedgerEntry, { accountId: account.id }, { orderBy: { id: 'DESC' } });
      const h = e.node.points.history;
      assert.deepEqual(
        h.edges.map((x: any) => Number(x.node.id)),
        entries.slice(0, 2).map((x) => x.id),
      );
      assert.equal(h.pageInfo.hasNextPage, entries.length > 2);
      assert.equal(e.node.points.statement.closing, account.redeemable);
      if (h.pageInfo.hasNextPage) {
        const next = await sys.gql(
          bankAdmin(1),
          'query($id: ID!, $a: String) { customer(id: $id) { points { history(first: 2, after: $a) { edges { node { id } } } } } }',
          { id: e.node.id, a: h.pageInfo.endCursor },
        );
        assert.deepEqual(
          next.data!.customer.points.history.edges.map((x: any) => Number(x.node.id)),
          entries.slice(2, 4).map((x) => x.id),
        );
      }
    }
  });

  it('an adjustment credits a customer who has no points account yet, at their own bank only', async () => {
    const up = await sys.gql(
      partnerApp(1),
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { customers { customer { id } } } }',
      {
        i: { customers: [{ externalRef: 'ADJ-NEW-1' }, { externalRef: 'ADJ-NEW-2' }] },
      },
    );
    assert.equal(up.errors, undefined, JSON.stringify(up.errors));
    const [fresh, other] = up.data!.upsertCustomers.customers.map((c: any) => c.customer.id as string);
    const em = (await sys.orm('loyalty')).em.fork();
    const accounts = async (id: string) => em.fork().count(PointsAccount, { customerId: Number(id) });
    const adjust = (who: ReturnType<typeof bankAdmin>, customerId: string, amount: number, key: string) =>
      sys.gql(who, ADJUST, {
        input: {
          customerId,
          track: 'REDEEMABLE',
          amount,
          reason: 'welcome gift',
          idempotencyKey: key,
          validityDays: 365,
        },
      });

    // Another bank cannot, and nothing is created; a debit cannot open an account either.
    assert.equal(errorCode(await adjust(bankAdmin(2), fresh, 500, 'gift-x')), 'NOT_FOUND');
    assert.equal(errorCode(await adjust(bankAdmin(1), other, -5, 'debit-new')), 'CONFLICT');
    assert.equal(await accounts(fresh), 0);
    assert.equal(await accounts(other), 0);
    assert.equal(errorCode(await adjust(bankAdmin(1), '999999', 500, 'gift-nobody')), 'NOT_FOUND');

    const first = await adjust(bankAdmin(1), fresh, 500, 'gift-1');
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    assert.deepEqual([first.data!.adjustPoints.type, first.data!.adjustPoints.amount], ['ADJUST', 500]);
    const again = await adjust(bankAdmin(1), fresh, 500, 'gift-1');
    assert.equal(again.data!.adjustPoints.id, first.data!.adjustPoints.id);
    assert.equal(await accounts(fresh), 1);
    assert.equal((await points(sys, 1, Number(fresh))).redeemable, 500);
    await assertLedgerClean(sys);
  });
});

describe('who may see and change points', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  it("a bank sees only its own customers' points; a customer only their own", async () => {
    const own = await sys.gql(bankAdmin(1), '{ customer(id: 1) { points { redeemable } } }');
    assert.equal(own.errors, undefined);
    assert.equal(errorCode(await sys.gql(bankAdmin(2), '{ customer(id: 1) { points { redeemable } } }')), 'NOT_FOUND');
    assert.equal(
      errorCode(await sys.gql(customer(1, 2), '{ customer(id: 1) { points { redeemable } } }')),
      'NOT_FOUND',
    );
    const self = await sys.gql(
      customer(1, 1),
      '{ customer { points { redeemable history(first: 2) { edges { node { type } } } } } }',
    );
    assert.equal(self.errors, undefined);
  });

  it('loyalty itself refuses another bank even when asked directly for the entity', async () => {
    const token = await sys.identityToken({ role: 'BANK_OPERATOR', sub: 'o', bankId: '2' }, 'loyalty');
    const r = await sys.subgraphRaw(
      'loyalty',
      {
        query:
          '{ _entities(representations: [{__typename: "Customer", id: "1"}]) { ... on Customer { points { redeemable } } } }',
      },
      { 'x-perkmall-identity': token },
    );
    assert.equal(errorCode(r.body), 'NOT_FOUND');
    assert.equal(JSON.stringify(r.body).includes('redeemable":'), false);
  });

  it('loyalty checks the bank of a customer who has no points account yet, asked directly for the entity', async () => {
    const up = await sys.gql(
      partnerApp(1),
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { customers { customer { id } } } }',
      {
        i: { customers: [{ externalRef: 'NO-ACCOUNT-1' }] },
      },
    );
    assert.equal(up.errors, undefined, JSON.stringify(up.errors));
    const id: string = up.data!.upsertCustomers.customers[0].customer.id;
    const em = (await sys.orm('loyalty')).em.fork();
    assert.equal(await em.count(PointsAccount, { customerId: Number(id) }), 0);
    const direct = async (principal: Parameters<TestSystem['identityToken']>[0], customerId = id) => {
      const token = await sys.identityToken(principal, 'loyalty');
      const r = await sys.subgraphRaw(
        'loyalty',
        {
          query:
            'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { points { redeemable held tierPoints history(first: 1) { edges { cursor } } } } } }',
          variables: { r: [{ __typename: 'Customer', id: customerId }] },
        },
        { 'x-perkmall-identity': token },
      );
      return r.body;
    };
    const zeros = { points: { redeemable: 0, held: 0, tierPoints: 0, history: { edges: [] } } };
    // Another bank's operator, another customer of the same bank and one of another bank: NOT_FOUND, no zeros.
    for (const outsider of [
      { role: 'BANK_OPERATOR' as const, sub: 'o2', bankId: '2' },
      customer(1, 2),
      customer(2, 21),
      partnerApp(2),
    ]) {
      const r = await direct(outsider);
      assert.equal(errorCode(r), 'NOT_FOUND', JSON.stringify(outsider));
      assert.equal(JSON.stringify(r).includes('redeemable":'), false);
    }
    // Their own bank and the customer themself see the empty account.
    assert.deepEqual((await direct({ role: 'BANK_OPERATOR', sub: 'o1', bankId: '1' })).data!._entities, [zeros]);
    assert.deepEqual((await direct(customer(1, Number(id)))).data!._entities, [zeros]);
    // A customer tenants does not know is not found for a bank either.
    assert.equal(errorCode(await direct({ role: 'BANK_OPERATOR', sub: 'o1', bankId: '1' }, '999999')), 'NOT_FOUND');
    // Through the gateway, too.
    assert.equal(
      errorCode(await sys.gql(bankAdmin(2), 'query($id: ID!) { customer(id: $id) { points { redeemable } } }', { id })),
      'NOT_FOUND',
    );
  });

  it("bank staff cannot adjust another bank's customer, verify another bank's ledger, or read its rules", async () => {
    const adj = await sys.gql(bankAdmin(2), ADJUST, {
      input: { customerId: '1', track: 'REDEEMABLE', amount: 1000, reason: 'steal points', idempotencyKey: 'x' },
    });
    assert.equal(errorCode(adj), 'NOT_FOUND');
    assert.equal(
      errorCode(await sys.gql(bankAdmin(2), '{ verifyLedger(bankId: 1) { accountsChecked } }')),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(bankAdmin(2), '{ earnRules(bankId: 1) { edges { node { id } } } }')),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(
        await sys.gql(customer(1, 1), ADJUST, {
          input: { customerId: '1', track: 'REDEEMABLE', amount: 5, reason: 'gift myself', idempotencyKey: 'y' },
        }),
      ),
      'FORBIDDEN',
    );
    await assertLedgerClean(sys);
  });
});
