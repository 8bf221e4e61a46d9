import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { asService, assertLedgerClean, points, setBalance } from './helpers';
import { PointsHold } from '../../subgraphs/loyalty/entities/points-hold';
import { PointsLedgerEntry } from '../../subgraphs/loyalty/entities/ledger-entry';

const HOLD =
  'mutation($o: ID!, $b: ID!, $c: ID!, $a: PointsAmount!) { holdPoints(orderId: $o, bankId: $b, customerId: $c, amount: $a) { orderId state amount } }';
const CAPTURE = 'mutation($o: ID!) { capturePoints(orderId: $o) { state amount } }';
const RELEASE = 'mutation($o: ID!) { releasePoints(orderId: $o) { state amount } }';
const REFUND =
  'mutation($o: ID!, $a: PointsAmount!, $r: String!) { refundPoints(orderId: $o, amount: $a, refundId: $r) { state amount refunded } }';

describe('points holds for checkout', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  it('30 concurrent holds against a balance that covers 10: exactly 10 succeed and the balance never goes negative', async () => {
    await setBalance(sys, 1, 2, 1000, 'setup-30');
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => asService(sys, HOLD, { o: `conc-${i}`, b: '1', c: '2', a: 100 })),
    );
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    assert.equal(ok.length, 10);
    assert.equal(refused.length, 20);
    assert.ok(
      refused.every((r) => errorCode(r) === 'CONFLICT'),
      JSON.stringify(refused[0]),
    );
    const p = await points(sys, 1, 2);
    assert.equal(p.redeemable, 0);
    assert.equal(p.held, 1000);
    await assertLedgerClean(sys);
  });

  it('repeating a hold, capture or release with the same order id changes nothing', async () => {
    await setBalance(sys, 1, 3, 500, 'setup-idem');
    const first = await asService(sys, HOLD, { o: 'idem-1', b: '1', c: '3', a: 200 });
    const again = await asService(sys, HOLD, { o: 'idem-1', b: '1', c: '3', a: 200 });
    assert.deepEqual(again.data, first.data);
    assert.equal((await points(sys, 1, 3)).redeemable, 300);
    assert.equal((await asService(sys, CAPTURE, { o: 'idem-1' })).data!.capturePoints.state, 'CAPTURED');
    assert.equal((await asService(sys, CAPTURE, { o: 'idem-1' })).data!.capturePoints.state, 'CAPTURED');
    const p = await points(sys, 1, 3);
    assert.equal(p.redeemable, 300);
    assert.equal(p.held, 0);
    // a captured hold cannot be released
    assert.equal(errorCode(await asService(sys, RELEASE, { o: 'idem-1' })), 'CONFLICT');

    await asService(sys, HOLD, { o: 'idem-2', b: '1', c: '3', a: 300 });
    assert.equal((await asService(sys, RELEASE, { o: 'idem-2' })).data!.releasePoints.state, 'RELEASED');
    assert.equal((await asService(sys, RELEASE, { o: 'idem-2' })).data!.releasePoints.state, 'RELEASED');
    assert.equal((await points(sys, 1, 3)).redeemable, 300);
    await assertLedgerClean(sys);
  });

  it('12 concurrent holds for one order id hold once, and each caller gets that one hold', async () => {
    await setBalance(sys, 1, 14, 1000, 'setup-same-order');
    const results = await Promise.all(
      Array.from({ length: 12 }, () => asService(sys, HOLD, { o: 'same-order', b: '1', c: '14', a: 300 })),
    );
    assert.ok(
      results.every((r) => !r.errors),
      JSON.stringify(results.find((r) => r.errors)?.errors),
    );
    assert.ok(
      results.every(
        (r) =>
          JSON.stringify(r.data) ===
          JSON.stringify({ holdPoints: { orderId: 'same-order', state: 'HELD', amount: 300 } }),
      ),
    );
    const p = await points(sys, 1, 14);
    assert.deepEqual([p.redeemable, p.held], [700, 300]);
    const em = (await sys.orm('loyalty')).em.fork();
    assert.equal(await em.count(PointsHold, { orderId: 'same-order' }), 1);
    assert.equal(await em.count(PointsLedgerEntry, { idempotencyKey: 'hold:same-order' }), 1);
    // The same order id with another amount, even at once, is refused, and takes nothing.
    const clash = await Promise.all(
      [400, 500].map((a) => asService(sys, HOLD, { o: 'same-order', b: '1', c: '14', a })),
    );
    assert.ok(clash.every((r) => errorCode(r) === 'CONFLICT'));
    assert.equal((await points(sys, 1, 14)).redeemable, 700);
    await assertLedgerClean(sys);
  });

  it('refunds return captured points once per refund id and never more than was paid', async () => {
    await setBalance(sys, 1, 4, 1000, 'setup-refund');
    await asService(sys, HOLD, { o: 'ref-1', b: '1', c: '4', a: 600 });
    await asService(sys, CAPTURE, { o: 'ref-1' });
    assert.equal((await points(sys, 1, 4)).redeemable, 400);
    const r1 = await asService(sys, REFUND, { o: 'ref-1', a: 250, r: 'rf-a' });
    assert.equal(r1.data!.refundPoints.refunded, 250);
    const replay = await asService(sys, REFUND, { o: 'ref-1', a: 250, r: 'rf-a' });
    assert.equal(replay.data!.refundPoints.refunded, 250);
    assert.equal((await points(sys, 1, 4)).redeemable, 650);
    assert.equal(errorCode(await asService(sys, REFUND, { o: 'ref-1', a: 400, r: 'rf-b' })), 'CONFLICT');
    assert.equal((await asService(sys, REFUND, { o: 'ref-1', a: 350, r: 'rf-c' })).data!.refundPoints.refunded, 600);
    assert.equal((await points(sys, 1, 4)).redeemable, 1000);
    await assertLedgerClean(sys);
  });

  it('refuses a hold for a customer of another bank, bad amounts, and callers without a service credential', async () => {
    assert.equal(errorCode(await asService(sys, HOLD, { o: 'x-bank', b: '2', c: '5', a: 10 })), 'CONFLICT');
    assert.equal(errorCode(await asService(sys, HOLD, { o: 'x-neg', b: '1', c: '5', a: -10 })), 'BAD_USER_INPUT');
    const asBank = await sys.identityToken({ role: 'BANK_ADMIN', sub: 'b', bankId: '1' }, 'loyalty');
    const r = await sys.subgraphRaw(
      'loyalty',
      { query: HOLD, variables: { o: 'x-role', b: '1', c: '5', a: 10 } },
      { 'x-perkmall-identity': asBank },
    );
    assert.equal(errorCode(r.body), 'FORBIDDEN');
    const viaGateway = await sys.gql(
      { role: 'PLATFORM_ADMIN', sub: 'p' },
      'mutation { holdPoints(orderId: 1, bankId: 1, customerId: 5, amount: 1) { state } }',
    );
    assert.equal(errorCode(viaGateway), 'GRAPHQL_VALIDATION_FAILED');
    await assertLedgerClean(sys);
  });

  it('a release that arrives before the hold leaves a tombstone: the late hold is refused and takes nothing', async () => {
    const before = await points(sys, 1, 12);
    const released = await asService(sys, RELEASE, { o: 'late-1' });
    assert.equal(released.data!.releasePoints.state, 'RELEASED');
    const late = await asService(sys, HOLD, { o: 'late-1', b: '1', c: '12', a: 100 });
    assert.equal(errorCode(late), 'CONFLICT');
    assert.deepEqual(await points(sys, 1, 12), before);
    await assertLedgerClean(sys);
  });
});
