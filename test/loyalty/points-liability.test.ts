import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { asService, assertLedgerClean, bankAdmin, customer, partnerApp } from './helpers';
import { bankOperator, platformStaff, supplierAdmin } from '../principals';
import { selectRows } from '../../core/sql';
import { localMonth, startOfNamedDay } from '../../core/local-time';
import { PointsLot } from '../../subgraphs/loyalty/entities/points-lot';
import { PointsAccount } from '../../subgraphs/loyalty/entities/points-account';
import type { SqlEntityManager } from '@mikro-orm/knex';

const DAY = 86_400_000;
const ZONE = 'Asia/Shanghai'; // both demo banks
const Q = `query($input: PointsLiabilityInput!) { pointsLiability(input: $input) {
  bankId asOf timeZone pointsPerYuan availablePoints heldPoints outstandingPoints liabilityFen overduePoints
  expiring { withinDays points liabilityFen }
  months { month start end opening earned redeemed refunded expired adjusted closing closingLiabilityFen }
} }`;
const EXPORT = `query($input: PointsLiabilityInput!, $format: PointsLiabilityFileFormat!, $language: CsvLanguage) {
  pointsLiabilityExport(input: $input, format: $format, language: $language) { fileName contentType byteSize base64 } }`;
const ADJUST = `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { id } }`;
const RECORD = 'mutation($input: RecordBankEventInput!) { recordBankEvent(input: $input) { pointsAwarded } }';
const UPSERT = 'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { customers { customer { id } } } }';

interface Month {
  month: string;
  opening: number;
  earned: number;
  redeemed: number;
  refunded: number;
  expired: number;
  adjusted: number;
  closing: number;
  closingLiabilityFen: number;
}

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

describe("a bank's points liability", () => {
  let sys: TestSystem;
  let em: SqlEntityManager;
  const thisMonth = localMonth(new Date(), ZONE);
  const monthStart = (m: string) => startOfNamedDay(`${m}-01`, ZONE);

  /** What the ledger says, computed here from the entries (every type, available + held). */
  async function ledgerTotal(bankId: number, before: Date): Promise<number> {
    const [r] = await selectRows<{ total: unknown }>(
      em,
      `SELECT COALESCE(SUM(amount + held_delta), 0) AS total FROM points_ledger_entry
        WHERE bank_id = ? AND track = 'REDEEMABLE' AND occurred_at < ?`,
      [bankId, before],
    );
    return Number(r!.total);
  }

  /** Each month's movements from the bank's entries, bucketed here by the local month of each entry. */
  async function monthsFromEntries(bankId: number, before: Date) {
    const rows = await selectRows<{ type: string; amount: unknown; held_delta: unknown; occurred_at: Date }>(
      em,
      `SELECT type, amount, held_delta, occurred_at FROM points_ledger_entry
        WHERE bank_id = ? AND track = 'REDEEMABLE' AND occurred_at < ?`,
      [bankId, before],
    );
    const out = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const m = localMonth(new Date(r.occurred_at), ZONE);
      const f = out.get(m) ?? { earned: 0, redeemed: 0, refunded: 0, expired: 0, adjusted: 0, net: 0 };
      const n = Number(r.amount) + Number(r.held_delta);
      f.net! += n;
      if (r.type === 'EARN') f.earned! += n;
      if (r.type === 'CAPTURE') f.redeemed! -= n;
      if (r.type === 'REFUND') f.refunded! += n;
      if (r.type === 'EXPIRE') f.expired! -= n;
      if (r.type === 'ADJUST') f.adjusted! += n;
      out.set(m, f);
    }
    return out;
  }

  async function report(bankId: number, input: Record<string, unknown> = {}, as = bankAdmin(bankId)) {
    const r = await sys.gql(as, Q, { input: { bankId: String(bankId), ...input } });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.pointsLiability as {
      asOf: string;
      pointsPerYuan: number;
      availablePoints: number;
      heldPoints: number;
      outstandingPoints: number;
      liabilityFen: number;
      overduePoints: number;
      expiring: { withinDays: number; points: number; liabilityFen: number }[];
      months: Month[];
    };
  }

  function assertReconciles(rep: { outstandingPoints: number; months: Month[] }) {
    for (const [i, m] of rep.months.entries()) {
      assert.equal(
        m.opening + m.earned - m.redeemed + m.refunded - m.expired + m.adjusted,
        m.closing,
        `month ${m.month} does not reconcile`,
      );
      if (i > 0) assert.equal(m.opening, rep.months[i - 1]!.closing, `month ${m.month} opens at the last closing`);
    }
    assert.equal(rep.months.at(-1)!.closing, rep.outstandingPoints);
  }

  const customerIds: Record<number, string[]> = {};

  before(async () => {
    sys = await startTestSystem();
    em = (await sys.orm('loyalty')).em.fork() as SqlEntityManager;
    for (const bankId of [1, 2]) {
      const up = await sys.gql(partnerApp(bankId), UPSERT, {
        i: { customers: [1, 2, 3].map((n) => ({ externalRef: `LIAB-${bankId}-${n}` })) },
      });
      assert.equal(up.errors, undefined, JSON.stringify(up.errors));
      customerIds[bankId] = up.data!.upsertCustomers.customers.map((c: any) => c.customer.id as string);
    }
    const earn = async (bankId: number, ref: string, product: string, amountFen: number, at: Date, key: string) => {
      const r = await sys.gql(partnerApp(bankId), RECORD, {
        input: { customerRef: ref, product, amountFen, occurredAt: at.toISOString(), idempotencyKey: key },
      });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      assert.ok(r.data!.recordBankEvent.pointsAwarded > 0);
    };
    const adjust = async (bankId: number, customerId: string, amount: number, key: string, validityDays?: number) => {
      const r = await sys.gql(bankAdmin(bankId), ADJUST, {
        input: { customerId, track: 'REDEEMABLE', amount, reason: 'liability test', idempotencyKey: key, validityDays },
      });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    };
    // Bank 1, two months back: card spend earns 1 point per CNY (lots valid 365 days).
    await earn(
      1,
      'LIAB-1-1',
      'CREDIT_CARD',
      123_400,
      new Date(monthStart(addMonths(thisMonth, -2)).getTime() + 3 * DAY),
      'l1',
    );
    // One hour into last month in Shanghai — still the month before in UTC: it is last month's.
    await earn(
      1,
      'LIAB-1-2',
      'CREDIT_CARD',
      56_700,
      new Date(monthStart(addMonths(thisMonth, -1)).getTime() + 3_600_000),
      'l2',
    );
    // This month: adjustments both ways, a lot that will expire, an order paid and partly refunded, one unpaid.
    await adjust(1, customerIds[1]![0]!, 800, 'adj-1', 400);
    await adjust(1, customerIds[1]![1]!, -70, 'adj-2');
    await adjust(1, customerIds[1]![2]!, 333, 'adj-expiring', 1);
    const hold = (orderId: string, customerId: string, amount: number) =>
      asService(
        sys,
        `mutation { holdPoints(orderId: "${orderId}", bankId: 1, customerId: ${customerId}, amount: ${amount}) { state } }`,
      );
    assert.equal((await hold('liab-paid', customerIds[1]![0]!, 500)).errors, undefined);
    assert.equal(
      (await asService(sys, 'mutation { capturePoints(orderId: "liab-paid") { state } }')).errors,
      undefined,
    );
    const refund = await asService(
      sys,
      'mutation { refundPoints(orderId: "liab-paid", amount: 120, refundId: "liab-r1") { refunded } }',
    );
    assert.equal(refund.errors, undefined, JSON.stringify(refund.errors));
    assert.equal((await hold('liab-unpaid', customerIds[1]![0]!, 250)).errors, undefined);
    // Expiry: the sweep two days on takes the 333 (and whatever seeded lots fall due by then).
    const sweep = await sys.gql(
      { role: 'PLATFORM_ADMIN', sub: 'p' },
      'mutation($at: DateTime) { runPointsSweeps(asOf: $at) { pointsExpired } }',
      {
        at: new Date(Date.now() + 2 * DAY).toISOString(),
      },
    );
    assert.equal(sweep.errors, undefined, JSON.stringify(sweep.errors));
    assert.ok(sweep.data!.runPointsSweeps.pointsExpired >= 333);
    // Bank 2 (200 points per CNY: half a fen a point): its own earning and an odd adjustment.
    await earn(
      2,
      'LIAB-2-1',
      'DEBIT_CARD',
      500_000,
      new Date(monthStart(addMonths(thisMonth, -1)).getTime() + 5 * DAY),
      'l21',
    );
    await adjust(2, customerIds[2]![0]!, 4_321, 'adj-21', 30);
  });
  after(async () => {
    await sys?.stop();
  });

  it("equals the ledger's figures: outstanding points, their value, and the monthly movements in the bank's months", async () => {
    const rep = await report(1, { fromMonth: addMonths(thisMonth, -3) });
    const asOf = new Date(rep.asOf);
    const total = await ledgerTotal(1, asOf);
    assert.equal(rep.outstandingPoints, total);
    assert.equal(rep.pointsPerYuan, 100);
    assert.equal(rep.liabilityFen, total); // 100 points per CNY: a point is a fen
    // Nothing is dated after now: the ledger's figure is also what the accounts hold now, held points included.
    const [acc] = await selectRows<{ a: unknown; h: unknown }>(
      em,
      'SELECT SUM(redeemable) AS a, SUM(held) AS h FROM points_account WHERE bank_id = 1',
    );
    assert.equal(rep.availablePoints, Number(acc!.a));
    assert.equal(rep.heldPoints, Number(acc!.h));
    assert.ok(rep.heldPoints >= 250, 'points held for an unpaid order are still owed');

    assert.deepEqual(
      rep.months.map((m) => m.month),
      [-3, -2, -1, 0].map((n) => addMonths(thisMonth, n)),
    );
    assertReconciles(rep);
    assert.equal(rep.months[0]!.opening, await ledgerTotal(1, monthStart(addMonths(thisMonth, -3))));
    const byMonth = await monthsFromEntries(1, asOf);
    for (const m of rep.months) {
      const f = byMonth.get(m.month) ?? { earned: 0, redeemed: 0, refunded: 0, expired: 0, adjusted: 0 };
      assert.deepEqual(
        { earned: m.earned, redeemed: m.redeemed, refunded: m.refunded, expired: m.expired, adjusted: m.adjusted },
        { earned: f.earned, redeemed: f.redeemed, refunded: f.refunded, expired: f.expired, adjusted: f.adjusted },
        m.month,
      );
      assert.equal(m.closingLiabilityFen, m.closing);
    }
    const [, twoBack, lastMonth, now] = rep.months;
    assert.ok(twoBack!.earned >= 1234);
    assert.ok(lastMonth!.earned >= 567, "an hour into the bank's month counts in that month");
    assert.ok(now!.redeemed >= 500 && now!.refunded >= 120 && now!.expired >= 333);
    assert.ok(now!.adjusted >= 800 + 333 - 70);
    await assertLedgerClean(sys);
  });

  it("keeps banks apart and values a bank's points at its own rate, rounded down to the fen", async () => {
    const rep = await report(2, { fromMonth: addMonths(thisMonth, -1) });
    const total = await ledgerTotal(2, new Date(rep.asOf));
    assert.equal(rep.outstandingPoints, total);
    assert.equal(rep.pointsPerYuan, 200);
    assert.equal(rep.liabilityFen, Math.floor(total / 2));
    assertReconciles(rep);
    assert.ok(rep.months[0]!.earned >= 500, "bank 2's earning");
    const one = await report(1);
    assert.notEqual(one.outstandingPoints, rep.outstandingPoints);
    assert.equal(one.outstandingPoints, await ledgerTotal(1, new Date(one.asOf)));
  });

  it('ends at toMonth: the cut is local midnight after that month', async () => {
    const last = addMonths(thisMonth, -1);
    const rep = await report(1, { toMonth: last, fromMonth: addMonths(thisMonth, -2) });
    assert.equal(rep.asOf, monthStart(thisMonth).toISOString());
    assert.equal(rep.outstandingPoints, await ledgerTotal(1, monthStart(thisMonth)));
    assert.deepEqual(
      rep.months.map((m) => m.month),
      [addMonths(thisMonth, -2), last],
    );
    assertReconciles(rep);
  });

  it('counts points expiring within 30, 60 and 90 days of asOf, cumulatively, a lot due exactly on day 30 in the first band', async () => {
    const asOf = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);
    const before = await report(1, { asOf: asOf.toISOString() });
    // Five lots of customer 3, due at asOf + 30 d exactly, + 30 d + 1 s, + 60 d, + 90 d, + 90 d + 1 s.
    const due = [30 * DAY, 30 * DAY + 1000, 60 * DAY, 90 * DAY, 90 * DAY + 1000];
    const sizes = [1, 10, 100, 1000, 10000];
    const account = await em.fork().findOneOrFail(PointsAccount, { customerId: Number(customerIds[1]![2]) });
    for (const [i, size] of sizes.entries()) {
      const r = await sys.gql(bankAdmin(1), ADJUST, {
        input: {
          customerId: customerIds[1]![2],
          track: 'REDEEMABLE',
          amount: size,
          reason: 'band',
          idempotencyKey: `band-${i}`,
          validityDays: 200,
        },
      });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      await em
        .fork()
        .nativeUpdate(
          PointsLot,
          { accountId: account.id, amount: size, remaining: size },
          { expiresAt: new Date(asOf.getTime() + due[i]!) },
        );
    }
    const after = await report(1, { asOf: asOf.toISOString() });
    const added = after.expiring.map((b, i) => b.points - before.expiring[i]!.points);
    assert.deepEqual(
      after.expiring.map((b) => b.withinDays),
      [30, 60, 90],
    );
    assert.deepEqual(added, [1, 1 + 10 + 100, 1 + 10 + 100 + 1000]);
    // And the bands are what the lots say, computed here.
    for (const band of after.expiring) {
      const [r] = await selectRows<{ p: unknown }>(
        em,
        `SELECT COALESCE(SUM(l.remaining), 0) AS p FROM points_lot l JOIN points_account a ON a.id = l.account_id
          WHERE a.bank_id = 1 AND l.expires_at > ? AND l.expires_at <= ?`,
        [asOf, new Date(asOf.getTime() + band.withinDays * DAY)],
      );
      assert.equal(band.points, Number(r!.p));
      assert.equal(band.liabilityFen, band.points);
    }
    // The adjustments came after asOf: the liability at asOf did not move.
    assert.equal(after.outstandingPoints, before.outstandingPoints);
    await assertLedgerClean(sys);
  });

  it('exports CSV and XLSX that a spreadsheet library reads back with the same totals', async () => {
    const input = {
      bankId: '1',
      asOf: new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString(),
      fromMonth: addMonths(thisMonth, -2),
    };
    const rep = await report(1, input);
    const file = async (format: string, language?: string) => {
      const r = await sys.gql(bankAdmin(1), EXPORT, { input, format, language });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      const f = r.data!.pointsLiabilityExport;
      const bytes = Buffer.from(f.base64, 'base64');
      assert.equal(bytes.length, f.byteSize);
      return { ...f, bytes };
    };

    const csv = await file('CSV', 'EN');
    assert.equal(csv.contentType, 'text/csv; charset=utf-8');
    assert.match(csv.fileName, /^points-liability-bank1-.*\.csv$/);
    const text: string = csv.bytes.toString('utf8');
    assert.ok(text.startsWith('\uFEFF'));
    const [summaryBlock, monthBlock] = text.slice(1).split('\r\n\r\n');
    const summary = new Map(
      summaryBlock!
        .split('\r\n')
        .slice(1)
        .map((l) => {
          const cells = l.split(',');
          return [cells[0]!, cells.at(-1)!];
        }),
    );
    assert.equal(Number(summary.get('outstanding_points')), rep.outstandingPoints);
    assert.equal(Number(summary.get('liability_fen')), rep.liabilityFen);
    assert.equal(Number(summary.get('held_points')), rep.heldPoints);
    assert.equal(Number(summary.get('expiring_within_30_days')), rep.expiring[0]!.points);
    const [header, ...monthLines] = monthBlock!.trim().split('\r\n');
    const cols = header!.split(',');
    const csvMonths = monthLines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
    assert.deepEqual(
      csvMonths.map((m) => [m.month, Number(m.closing_points), Number(m.earned_points)]),
      rep.months.map((m) => [m.month, m.closing, m.earned]),
    );

    const xlsx = await file('XLSX');
    assert.equal(xlsx.contentType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('汇总')!;
    const values = new Map<string, unknown>();
    sheet.eachRow((row, n) => {
      if (n > 1) values.set(String(row.getCell(1).value), row.getCell(3).value);
    });
    assert.equal(values.get('outstanding_points'), rep.outstandingPoints);
    assert.equal(values.get('liability_fen'), rep.liabilityFen);
    assert.equal(values.get('expiring_within_90_days'), rep.expiring[2]!.points);
    const monthly = book.getWorksheet('月度变动')!;
    assert.equal(monthly.getRow(1).getCell(1).value, '月份');
    const rows: unknown[][] = [];
    monthly.eachRow((row, n) => {
      if (n > 1) rows.push([row.getCell(1).value, row.getCell(8).value, row.getCell(9).value]);
    });
    assert.deepEqual(
      rows,
      rep.months.map((m) => [m.month, m.closing, m.closingLiabilityFen]),
    );
  });

  it('bank staff with SEE_REPORTS of that bank and the platform only: everyone else is FORBIDDEN', async () => {
    const input = { bankId: '1' };
    assert.equal((await sys.gql(platformStaff, Q, { input })).errors, undefined);
    assert.equal((await sys.gql(bankOperator(1), Q, { input })).errors, undefined);
    for (const outsider of [
      bankAdmin(2),
      bankOperator(2),
      { ...bankOperator(1), permissions: ['SERVE_CUSTOMERS' as const] },
      { role: 'PLATFORM_STAFF' as const, sub: 'ps', permissions: ['MANAGE_TENANTS' as const] },
      supplierAdmin(1),
      customer(1, 1),
      partnerApp(1),
    ]) {
      const r = await sys.gql(outsider, Q, { input });
      assert.equal(errorCode(r), 'FORBIDDEN', JSON.stringify(outsider));
      assert.equal(r.data?.pointsLiability ?? null, null);
      const x = await sys.gql(outsider, EXPORT, { input, format: 'CSV' });
      assert.equal(errorCode(x), 'FORBIDDEN', JSON.stringify(outsider));
    }
  });

  it('refuses a range beyond 36 months, a future cut and malformed months, with the field at fault', async () => {
    const bad = async (input: Record<string, unknown>, field: string) => {
      const r = await sys.gql(bankAdmin(1), Q, { input: { bankId: '1', ...input } });
      assert.equal(errorCode(r), 'BAD_USER_INPUT', JSON.stringify(input));
      const problems = (r.errors![0]!.extensions?.problems ?? []) as { field: string }[];
      assert.ok(
        problems.some((p) => p.field === field),
        JSON.stringify(r.errors),
      );
    };
    await bad({ fromMonth: addMonths(thisMonth, -36) }, 'input.fromMonth');
    await bad({ fromMonth: addMonths(thisMonth, 1) }, 'input.fromMonth');
    await bad({ fromMonth: '2026-13' }, 'input.fromMonth');
    await bad({ asOf: new Date(Date.now() + DAY).toISOString() }, 'input.asOf');
    await bad({ asOf: new Date().toISOString(), toMonth: thisMonth }, 'input.toMonth');
    await bad({ toMonth: addMonths(thisMonth, 1) }, 'input.toMonth');
    // 36 months is the most.
    assert.equal((await report(1, { fromMonth: addMonths(thisMonth, -35) })).months.length, 36);
  });

  it('costs the same SQL statements for 2 months as for 36', async () => {
    const counts: number[] = [];
    for (const back of [1, 35]) {
      const requestId = randomUUID();
      const r = await sys.gql(
        bankAdmin(1),
        Q,
        { input: { bankId: '1', fromMonth: addMonths(thisMonth, -back) } },
        { requestId },
      );
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      counts.push(await sys.statements('loyalty', requestId));
    }
    assert.equal(counts[0], counts[1], JSON.stringify(counts));
    assert.ok(counts[0]! <= 3, JSON.stringify(counts));
  });
});
