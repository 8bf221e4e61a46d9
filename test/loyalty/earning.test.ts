import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { customerRef } from '../../scripts/seed/demo-plan';
import { assertLedgerClean, bankAdmin, partnerApp, points } from './helpers';
import { EarnRule } from '../../subgraphs/loyalty/entities/earn-rule';

const RECORD = `mutation($input: RecordBankEventInput!) { recordBankEvent(input: $input) { eventId duplicate pointsAwarded tierPointsAwarded pointsScheduled } }`;
const CREATE_RULE = `mutation($input: CreateEarnRuleInput!) { createEarnRule(input: $input) { id budgetTotal budgetUsed } }`;

describe('earning points from bank events', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  it('card spend earns per CNY, excluded merchant categories earn nothing, and a replay awards nothing twice', async () => {
    const before = await points(sys, 1, 6);
    const event = {
      customerRef: customerRef(1, 6),
      product: 'CREDIT_CARD',
      amountFen: 123_456,
      occurredAt: new Date().toISOString(),
      idempotencyKey: 'txn-0001',
    };
    const first = await sys.gql(partnerApp(1), RECORD, { input: event });
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    assert.equal(first.data!.recordBankEvent.duplicate, false);
    assert.equal(first.data!.recordBankEvent.pointsAwarded, 1234); // 1 point per CNY, rounded down
    assert.equal(first.data!.recordBankEvent.tierPointsAwarded, 1234);
    const replay = await sys.gql(partnerApp(1), RECORD, { input: event });
    assert.equal(replay.data!.recordBankEvent.duplicate, true);
    assert.equal(replay.data!.recordBankEvent.eventId, first.data!.recordBankEvent.eventId);
    const excluded = await sys.gql(partnerApp(1), RECORD, {
      input: { ...event, merchantCategory: '4900', idempotencyKey: 'txn-0002' },
    });
    assert.equal(excluded.data!.recordBankEvent.pointsAwarded, 0);
    const afterwards = await points(sys, 1, 6);
    assert.equal(afterwards.redeemable, before.redeemable + 1234);
    // the utility payment still earns tier points (only ATM cash is excluded there)
    assert.equal(afterwards.tierPoints, before.tierPoints + 1234 * 2);
    await assertLedgerClean(sys);
  });

  it('concurrent replays of one event award it once', async () => {
    const before = await points(sys, 1, 7);
    const event = {
      customerRef: customerRef(1, 7),
      product: 'CREDIT_CARD',
      amountFen: 50_000,
      occurredAt: new Date().toISOString(),
      idempotencyKey: 'txn-race',
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => sys.gql(partnerApp(1), RECORD, { input: event })),
    );
    assert.ok(
      results.every((r) => !r.errors),
      JSON.stringify(results.find((r) => r.errors)?.errors),
    );
    assert.equal(results.filter((r) => !r.data!.recordBankEvent.duplicate).length, 1);
    assert.equal((await points(sys, 1, 7)).redeemable, before.redeemable + 500);
    await assertLedgerClean(sys);
  });

  it('a budget cap holds under 40 concurrent events', async () => {
    const rule = await sys.gql(bankAdmin(1), CREATE_RULE, {
      input: {
        bankId: '1',
        name: '春节理财 限额活动',
        kind: 'PRODUCT_RATE',
        track: 'REDEEMABLE',
        product: 'WEALTH_FUND',
        rateBasisPoints: 100,
        budgetTotal: 1000,
        validityDays: 365,
      },
    });
    assert.equal(rule.errors, undefined, JSON.stringify(rule.errors));
    // 1% of 10,000 CNY = 100 points per event; the budget covers 10 events.
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        sys.gql(partnerApp(1), RECORD, {
          input: {
            customerRef: customerRef(1, 1 + (i % 20)),
            product: 'WEALTH_FUND',
            amountFen: 1_000_000,
            occurredAt: new Date().toISOString(),
            idempotencyKey: `fund-${i}`,
          },
        }),
      ),
    );
    assert.ok(
      results.every((r) => !r.errors),
      JSON.stringify(results.find((r) => r.errors)?.errors),
    );
    const awarded = results.map((r) => r.data!.recordBankEvent.pointsAwarded as number);
    assert.equal(awarded.filter((p) => p === 100).length, 10);
    assert.equal(
      awarded.reduce((a, b) => a + b, 0),
      1000,
    );
    const stored = await (
      await sys.orm('loyalty')
    ).em
      .fork()
      .findOneOrFail(EarnRule, Number(rule.data!.createEarnRule.id));
    assert.equal(stored.budgetUsed, 1000);
    await assertLedgerClean(sys);
  });

  it('an event that would exceed what is left of the budget is paid nothing, not partly; smaller ones still fit', async () => {
    const rule = await sys.gql(bankAdmin(1), CREATE_RULE, {
      input: {
        bankId: '1',
        name: '理财B 限额活动',
        kind: 'PRODUCT_RATE',
        track: 'REDEEMABLE',
        product: 'WEALTH_FUND_B',
        rateBasisPoints: 100,
        budgetTotal: 1000,
        validityDays: 365,
      },
    });
    assert.equal(rule.errors, undefined, JSON.stringify(rule.errors));
    const post = (i: number, amountFen: number, key: string) =>
      sys.gql(partnerApp(1), RECORD, {
        input: {
          customerRef: customerRef(1, 1 + (i % 20)),
          product: 'WEALTH_FUND_B',
          amountFen,
          occurredAt: new Date().toISOString(),
          idempotencyKey: key,
        },
      });
    // 1% of 30,000 CNY = 300 points: 1,000 covers three such events and leaves 100.
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => post(i, 3_000_000, `fund-b-${i}`)));
    assert.ok(
      results.every((r) => !r.errors),
      JSON.stringify(results.find((r) => r.errors)?.errors),
    );
    const awarded = results.map((r) => r.data!.recordBankEvent.pointsAwarded as number).sort((a, b) => a - b);
    assert.deepEqual(awarded, [0, 0, 0, 0, 0, 0, 0, 300, 300, 300]);
    const budget = async () =>
      (await (await sys.orm('loyalty')).em.fork().findOneOrFail(EarnRule, Number(rule.data!.createEarnRule.id)))
        .budgetUsed;
    assert.equal(await budget(), 900);
    // Another 300 does not fit the 100 left: nothing, not 100.
    assert.equal((await post(0, 3_000_000, 'fund-b-late')).data!.recordBankEvent.pointsAwarded, 0);
    // 100 fits exactly; after that not even 1 point does.
    assert.equal((await post(1, 1_000_000, 'fund-b-hundred')).data!.recordBankEvent.pointsAwarded, 100);
    assert.equal((await post(2, 10_000, 'fund-b-one-point')).data!.recordBankEvent.pointsAwarded, 0);
    assert.equal(await budget(), 1000);
    await assertLedgerClean(sys);
  });

  it('a time-deposit rule pays monthly installments as they fall due, each once', async () => {
    // Times are relative to now and every sweep names its own "as of": the periodic sweeps (every
    // minute, as of the real clock) can run mid-test, and see nothing due for this event until a
    // month from now. A fresh customer has no other lots, so the balance shows exactly what was paid.
    const up = await sys.gql(
      partnerApp(1),
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { customers { customer { id } } } }',
      {
        i: { customers: [{ externalRef: 'TD-MONTHLY-1' }] },
      },
    );
    assert.equal(up.errors, undefined, JSON.stringify(up.errors));
    const customerId = Number(up.data!.upsertCustomers.customers[0].customer.id);
    const occurredAt = new Date(Date.now() - 3_600_000);
    const monthsAfter = (n: number, plusMs = 0) => {
      const d = new Date(occurredAt.getTime());
      d.setUTCMonth(d.getUTCMonth() + n);
      return new Date(d.getTime() + plusMs).toISOString();
    };
    // 0.2% of 1,200,000 CNY = 2,400 points over 12 months: 200 now, 200 each month after.
    const r = await sys.gql(partnerApp(1), RECORD, {
      input: {
        customerRef: 'TD-MONTHLY-1',
        product: 'TIME_DEPOSIT_1Y',
        amountFen: 120_000_000,
        occurredAt: occurredAt.toISOString(),
        idempotencyKey: 'td-1',
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.equal(r.data!.recordBankEvent.pointsAwarded, 200);
    assert.equal(r.data!.recordBankEvent.pointsScheduled, 2200);
    assert.equal((await points(sys, 1, customerId)).redeemable, 200);
    const sweep = `mutation($at: DateTime) { runPointsSweeps(asOf: $at) { installmentsPaid } }`;
    const run = async (at: string) => {
      const s = await sys.gql({ role: 'PLATFORM_ADMIN', sub: 'p' }, sweep, { at });
      assert.equal(s.errors, undefined, JSON.stringify(s.errors));
      return s.data!.runPointsSweeps.installmentsPaid as number;
    };
    assert.equal(await run(monthsAfter(1, -60_000)), 0, 'a minute before the second installment falls due');
    assert.equal(await run(monthsAfter(2, 86_400_000)), 2, 'two months and a day later: installments 2 and 3');
    assert.equal(await run(monthsAfter(2, 86_400_000)), 0, 'a rerun pays nothing again');
    assert.equal((await points(sys, 1, customerId)).redeemable, 600);
    await assertLedgerClean(sys);
  });

  it('rules only apply inside their window', async () => {
    await sys.gql(bankAdmin(1), CREATE_RULE, {
      input: {
        bankId: '1',
        name: '三八节 定期存款',
        kind: 'PRODUCT_RATE',
        track: 'REDEEMABLE',
        product: 'TIME_DEPOSIT_3M',
        rateBasisPoints: 20,
        windowStart: '2026-03-01T00:00:00Z',
        windowEnd: '2026-03-09T00:00:00Z',
      },
    });
    const post = (at: string, key: string) =>
      sys.gql(partnerApp(1), RECORD, {
        input: {
          customerRef: customerRef(1, 9),
          product: 'TIME_DEPOSIT_3M',
          amountFen: 10_000_000,
          occurredAt: at,
          idempotencyKey: key,
        },
      });
    assert.equal((await post('2026-03-05T08:00:00Z', 'w-in')).data!.recordBankEvent.pointsAwarded, 200); // 0.2% of 100,000 CNY
    assert.equal((await post('2026-03-09T08:00:00Z', 'w-out')).data!.recordBankEvent.pointsAwarded, 0);
    assert.equal((await post('2026-02-28T23:59:59Z', 'w-before')).data!.recordBankEvent.pointsAwarded, 0);
    await assertLedgerClean(sys);
  });

  it('a paused rule (setEarnRuleStatus by earnRuleId) earns nothing until resumed; another bank cannot pause it', async () => {
    const rule = await sys.gql(bankAdmin(1), CREATE_RULE, {
      input: {
        bankId: '1',
        name: '暂停测试 定期存款',
        kind: 'PRODUCT_RATE',
        track: 'REDEEMABLE',
        product: 'TIME_DEPOSIT_6M',
        rateBasisPoints: 10,
      },
    });
    assert.equal(rule.errors, undefined, JSON.stringify(rule.errors));
    const earnRuleId = rule.data!.createEarnRule.id as string;
    const SET = 'mutation($i: SetEarnRuleStatusInput!) { setEarnRuleStatus(input: $i) { id status } }';
    const post = (key: string) =>
      sys.gql(partnerApp(1), RECORD, {
        input: {
          customerRef: customerRef(1, 10),
          product: 'TIME_DEPOSIT_6M',
          amountFen: 10_000_000,
          occurredAt: new Date().toISOString(),
          idempotencyKey: key,
        },
      });
    assert.equal(errorCode(await sys.gql(bankAdmin(2), SET, { i: { earnRuleId, status: 'PAUSED' } })), 'NOT_FOUND');
    const paused = await sys.gql(bankAdmin(1), SET, { i: { earnRuleId, status: 'PAUSED' } });
    assert.equal(paused.errors, undefined, JSON.stringify(paused.errors));
    assert.deepEqual(paused.data!.setEarnRuleStatus, { id: earnRuleId, status: 'PAUSED' });
    assert.equal((await post('pause-1')).data!.recordBankEvent.pointsAwarded, 0);
    assert.equal((await sys.gql(bankAdmin(1), SET, { i: { earnRuleId, status: 'ACTIVE' } })).errors, undefined);
    assert.equal((await post('pause-2')).data!.recordBankEvent.pointsAwarded, 100); // 0.1% of 100,000 CNY
  });

  it('refuses bad input with field problems, unknown customers, and other banks', async () => {
    const bad = await sys.gql(partnerApp(1), RECORD, {
      input: {
        customerRef: customerRef(1, 1),
        product: 'bad code',
        amountFen: 5,
        occurredAt: new Date().toISOString(),
        idempotencyKey: ' ',
      },
    });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    const fields = (bad.errors![0]!.extensions!.problems as { field: string }[]).map((p) => p.field).sort();
    assert.deepEqual(fields, ['idempotencyKey', 'product']);
    // A negative amount never reaches the service: the FenAmount scalar refuses it (issue 11).
    const negative = await sys.gql(partnerApp(1), RECORD, {
      input: {
        customerRef: customerRef(1, 1),
        product: 'CREDIT_CARD',
        amountFen: -5,
        occurredAt: new Date().toISOString(),
        idempotencyKey: 'bad-1',
      },
    });
    assert.equal(errorCode(negative), 'BAD_USER_INPUT');
    assert.deepEqual(
      (negative.errors![0]!.extensions!.problems as { field: string }[]).map((p) => p.field),
      ['input.amountFen'],
    );
    const unknown = await sys.gql(partnerApp(1), RECORD, {
      input: {
        customerRef: 'NOBODY',
        product: 'CREDIT_CARD',
        amountFen: 100,
        occurredAt: new Date().toISOString(),
        idempotencyKey: 'bad-2',
      },
    });
    assert.equal(errorCode(unknown), 'NOT_FOUND');
    // bank 2's app cannot post for bank 1's customer: the reference does not exist at bank 2
    const cross = await sys.gql(partnerApp(2), RECORD, {
      input: {
        customerRef: customerRef(1, 1),
        product: 'CREDIT_CARD',
        amountFen: 100,
        occurredAt: new Date().toISOString(),
        idempotencyKey: 'bad-3',
      },
    });
    assert.equal(errorCode(cross), 'NOT_FOUND');
    const customerCall = await sys.gql(
      { role: 'CUSTOMER', sub: 'c', bankId: '1', customerId: '1', partnerAppId: '1' },
      RECORD,
      {
        input: {
          customerRef: customerRef(1, 1),
          product: 'CREDIT_CARD',
          amountFen: 100,
          occurredAt: new Date().toISOString(),
          idempotencyKey: 'bad-4',
        },
      },
    );
    assert.equal(errorCode(customerCall), 'FORBIDDEN');
    const rule = await sys.gql(bankAdmin(2), CREATE_RULE, {
      input: {
        bankId: '1',
        name: 'x rule',
        kind: 'CARD_SPEND',
        track: 'REDEEMABLE',
        product: 'CREDIT_CARD',
        pointsPerYuan: 5,
      },
    });
    assert.equal(errorCode(rule), 'NOT_FOUND');
    await assertLedgerClean(sys);
  });
});
