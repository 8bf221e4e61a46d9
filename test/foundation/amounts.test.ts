import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, bankOperator, partnerApp } from '../principals';
import { customerRef } from '../../scripts/seed/demo-plan';
import { BankEvent } from '../../subgraphs/loyalty/entities/bank-event';
import { PointsLedgerEntry } from '../../subgraphs/loyalty/entities/ledger-entry';
import { assertLedgerClean } from '../loyalty/helpers';

const RECORD = `mutation($input: RecordBankEventInput!) { recordBankEvent(input: $input) { pointsAwarded tierPointsAwarded } }`;
const ADJUST = `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { id amount } }`;
const POINTS = `query($id: ID!) { customer(id: $id) { points { redeemable tierPoints history(first: 1) { edges { node { amount } } } } } }`;

/** Issue 11 item 2 and "Amounts": ranges checked at the API, BIGINT storage, SafeInt answers. */
describe('points and fen amounts', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  async function pointsOf(customerId: number) {
    const r = await sys.gql(bankAdmin(1), POINTS, { id: String(customerId) });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.customer.points as {
      redeemable: number;
      tierPoints: number;
      history: { edges: { node: { amount: number } }[] };
    };
  }

  it('a bank event of 2^53 − 1 fen is refused with BAD_USER_INPUT, as a variable and as a literal, and writes nothing', async () => {
    const em = (await sys.orm('loyalty')).em.fork();
    const before = await pointsOf(1);
    const event = {
      customerRef: customerRef(1, 1),
      product: 'CREDIT_CARD',
      amountFen: 9007199254740991,
      occurredAt: new Date().toISOString(),
      idempotencyKey: 'huge-1',
    };
    const asVariable = await sys.gql(partnerApp(1), RECORD, { input: event });
    assert.equal(errorCode(asVariable), 'BAD_USER_INPUT', JSON.stringify(asVariable));
    assert.match(
      asVariable.errors![0]!.message,
      /input\.amountFen.*FenAmount must be a whole number of fen from 0 to 1,000,000,000,000/,
    );
    const asLiteral = await sys.gql(
      partnerApp(1),
      `mutation { recordBankEvent(input: { customerRef: "${event.customerRef}", product: "CREDIT_CARD", amountFen: 9007199254740991, occurredAt: "${event.occurredAt}", idempotencyKey: "huge-2" }) { pointsAwarded } }`,
    );
    assert.equal(errorCode(asLiteral), 'BAD_USER_INPUT', JSON.stringify(asLiteral));
    const negative = await sys.gql(partnerApp(1), RECORD, {
      input: { ...event, amountFen: -1, idempotencyKey: 'huge-3' },
    });
    assert.equal(errorCode(negative), 'BAD_USER_INPUT');
    assert.equal(await em.count(BankEvent, { idempotencyKey: { $like: 'huge-%' } }), 0);
    assert.deepEqual(await pointsOf(1), before, 'the customer can still read their points, unchanged');
  });

  it('an adjustment beyond 10^10 points is refused and writes nothing', async () => {
    const em = (await sys.orm('loyalty')).em.fork();
    for (const amount of [10_000_000_001, -10_000_000_001, 9007199254740991]) {
      const r = await sys.gql(bankOperator(1), ADJUST, {
        input: {
          customerId: '2',
          track: 'REDEEMABLE',
          amount,
          reason: 'too much',
          idempotencyKey: `too-much-${amount}`,
        },
      });
      assert.equal(errorCode(r), 'BAD_USER_INPUT', JSON.stringify(r));
      assert.match(
        r.errors![0]!.message,
        /PointsChange must be a whole number of points from -10,000,000,000 to 10,000,000,000/,
      );
    }
    assert.equal(await em.count(PointsLedgerEntry, { idempotencyKey: { $like: '%too-much-%' } }), 0);
  });

  it('adjustPoints +2147483647 twice on both tracks (the old overflow) now adds up exactly and reads back', async () => {
    const before = await pointsOf(5);
    for (const track of ['REDEEMABLE', 'TIER']) {
      for (const n of [1, 2]) {
        const r = await sys.gql(bankOperator(1), ADJUST, {
          input: {
            customerId: '5',
            track,
            amount: 2147483647,
            reason: 'max int',
            idempotencyKey: `maxint-${track}-${n}`,
          },
        });
        assert.equal(r.errors, undefined, JSON.stringify(r.errors));
        assert.equal(r.data!.adjustPoints.amount, 2147483647);
      }
    }
    const after = await pointsOf(5);
    assert.equal(after.redeemable, before.redeemable + 4294967294);
    assert.equal(after.tierPoints, before.tierPoints + 4294967294);
    assert.equal(after.history.edges[0]!.node.amount, 2147483647);
    await assertLedgerClean(sys);
  });

  it('a legitimate 5-billion-CNY deposit event (5 × 10^11 fen) earns 5 × 10^9 points on both tracks, beyond 2^31, exactly', async () => {
    const before = await pointsOf(7);
    const r = await sys.gql(partnerApp(1), RECORD, {
      input: {
        customerRef: customerRef(1, 7),
        product: 'CREDIT_CARD',
        amountFen: 500_000_000_000,
        occurredAt: new Date().toISOString(),
        idempotencyKey: 'big-spend-1',
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.equal(r.data!.recordBankEvent.pointsAwarded, 5_000_000_000);
    const after = await pointsOf(7);
    assert.equal(after.redeemable, before.redeemable + 5_000_000_000);
    assert.ok(after.tierPoints >= before.tierPoints + 5_000_000_000);
    const stored = await (
      await sys.orm('loyalty')
    ).em
      .fork()
      .findOneOrFail(BankEvent, { idempotencyKey: 'big-spend-1' });
    assert.equal(stored.pointsAwarded, 5_000_000_000);
    await assertLedgerClean(sys);
  });
});
