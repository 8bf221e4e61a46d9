import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, forbidden, type FieldProblem } from '../../../core/errors';
import { PLATFORM_ROLES, bankScopeOf, requireRoleAndPermission, type Principal } from '../../../core/identity';
import { localMonth, startOfNamedDay } from '../../../core/local-time';
import { selectRows } from '../../../core/sql';
import type { TenantsClient } from './tenants-client';

/** The longest monthly table a request may ask for (three years). */
export const MAX_LIABILITY_MONTHS = 36;
/** The expiry bands reported, in days after `asOf` (cumulative). */
export const EXPIRY_BANDS_DAYS = [30, 60, 90] as const;
const DAY_MS = 86_400_000;

export interface LiabilityQuery {
  bankId: string;
  asOf?: Date | null;
  fromMonth?: string | null;
  toMonth?: string | null;
}

export interface LiabilityMonth {
  /** YYYY-MM in the bank's time zone. */
  month: string;
  start: Date;
  /** Exclusive: the next month's start, or `asOf` for the last month. */
  end: Date;
  opening: number;
  earned: number;
  redeemed: number;
  refunded: number;
  expired: number;
  adjusted: number;
  closing: number;
  closingLiabilityFen: number;
}

export interface LiabilityReport {
  bankId: number;
  asOf: Date;
  generatedAt: Date;
  timeZone: string;
  pointsPerYuan: number;
  availablePoints: number;
  heldPoints: number;
  outstandingPoints: number;
  liabilityFen: number;
  expiring: { withinDays: number; points: number; liabilityFen: number }[];
  overduePoints: number;
  months: LiabilityMonth[];
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month `n` months after `month` (YYYY-MM; zone-free calendar arithmetic). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return ty * 12 + tm - (fy * 12 + fm);
}

/**
 * Points value in fen, exactly: points × 100 ÷ pointsPerYuan, rounded down to the fen (as checkout
 * values points), in BigInt so the product never loses digits; an answer past 2^53 is refused.
 */
export function pointsValueFen(points: number, pointsPerYuan: number): number {
  const fen = (BigInt(points) * 100n) / BigInt(pointsPerYuan);
  if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < BigInt(Number.MIN_SAFE_INTEGER))
    throw badInput('The liability is beyond 2^53 fen and cannot be reported exactly.');
  return Number(fen);
}

/**
 * The points liability of a bank — the figure its finance team books: redeemable points its
 * customers hold (available + held by unpaid checkouts) as the ledger stands at `asOf`, valued at
 * the bank's points value; the points due to expire within 30/60/90 days; and a monthly movement
 * table in the bank's time zone that reconciles (opening + earned − redeemed + refunded − expired +
 * adjusted = closing; the last closing is the outstanding figure).
 *
 * Two SQL statements whatever the range or the number of customers: one GROUP BY over the bank's
 * ledger entries (index `ledger_bank_time`), one over its open lots, none per month or customer.
 */
export class PointsLiabilityService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    private readonly tenants: TenantsClient,
    private readonly now: Date = new Date(),
  ) {}

  /** Bank staff with SEE_REPORTS of that bank, or the platform with SEE_REPORTS; everyone else FORBIDDEN. */
  private authorize(bankId: number): void {
    requireRoleAndPermission(
      this.principal,
      ['BANK_ADMIN', 'BANK_OPERATOR', ...PLATFORM_ROLES],
      { bank: 'SEE_REPORTS', platform: 'SEE_REPORTS' },
      "A bank's points liability is for its staff with SEE_REPORTS and the platform.",
    );
    const scope = bankScopeOf(this.principal);
    if (scope !== null && scope !== String(bankId))
      throw forbidden("You may see only your own bank's points liability.");
  }

  async report(q: LiabilityQuery): Promise<LiabilityReport> {
    const bankId = Number(q.bankId);
    if (!Number.isSafeInteger(bankId) || bankId < 1)
      throw badInput('bankId is not a bank.', [{ field: 'input.bankId', message: 'not a bank id.' }]);
    this.authorize(bankId);
    const problems: FieldProblem[] = [];
    if (q.asOf && q.toMonth) problems.push({ field: 'input.toMonth', message: 'give asOf or toMonth, not both.' });
    if (q.asOf && (Number.isNaN(q.asOf.getTime()) || q.asOf > this.now))
      problems.push({ field: 'input.asOf', message: 'must be a time that has passed (the ledger has no future).' });
    for (const f of ['fromMonth', 'toMonth'] as const)
      if (q[f] != null && !MONTH_RE.test(q[f]!)) problems.push({ field: `input.${f}`, message: 'must be YYYY-MM.' });
    if (problems.length) throw badInput('The report period is not valid.', problems);

    const terms = await this.tenants.bankTerms(bankId);
    const zone = terms.timeZone;
    // The report's cut: asOf, or the end of toMonth (local midnight after it), never later than now.
    let asOf = q.asOf ?? this.now;
    if (q.toMonth) {
      const end = startOfNamedDay(`${addMonths(q.toMonth, 1)}-01`, zone);
      if (startOfNamedDay(`${q.toMonth}-01`, zone) >= this.now)
        throw badInput('toMonth has not started yet.', [{ field: 'input.toMonth', message: 'a month in the future.' }]);
      asOf = end < this.now ? end : this.now;
    }
    const lastMonth = localMonth(new Date(asOf.getTime() - 1), zone);
    const fromMonth = q.fromMonth ?? addMonths(lastMonth, -11);
    const count = monthsBetween(fromMonth, lastMonth) + 1;
    if (count < 1)
      throw badInput(`fromMonth must be on or before ${lastMonth}, the month of the report's cut.`, [
        { field: 'input.fromMonth', message: `after ${lastMonth}.` },
      ]);
    if (count > MAX_LIABILITY_MONTHS)
      throw badInput(
        `The monthly table covers at most ${MAX_LIABILITY_MONTHS} months (asked: ${count}); pick a later fromMonth.`,
        [{ field: 'input.fromMonth', message: `at most ${MAX_LIABILITY_MONTHS} months before ${lastMonth}.` }],
      );
    const labels = Array.from({ length: count }, (_, i) => addMonths(fromMonth, i));
    const starts = labels.map((m) => startOfNamedDay(`${m}-01`, zone));

    const p = this.em.getPlatform();
    const date = (d: Date) => p.processDateProperty(d);
    // Bucket 0: before the first month (the opening balance); bucket i + 1: month i.
    const bucket = `CASE ${starts.map((_, i) => `WHEN occurred_at < ? THEN ${i}`).join(' ')} ELSE ${count} END`;
    const bucketParams = starts.map((s) => date(s));
    const ledger = await selectRows<{ b: unknown; type: string; available: unknown; held: unknown }>(
      this.em,
      `SELECT ${bucket} AS b, type, SUM(amount) AS available, SUM(held_delta) AS held
         FROM points_ledger_entry
        WHERE bank_id = ? AND occurred_at < ? AND track = 'REDEEMABLE'
        GROUP BY b, type`,
      [...bucketParams, bankId, date(asOf)],
    );
    const bands = EXPIRY_BANDS_DAYS.map((d) => new Date(asOf.getTime() + d * DAY_MS));
    const [lots] = await selectRows<Record<string, unknown>>(
      this.em,
      `SELECT SUM(CASE WHEN l.expires_at <= ? THEN l.remaining ELSE 0 END) AS overdue,
              ${bands.map((_, i) => `SUM(CASE WHEN l.expires_at > ? AND l.expires_at <= ? THEN l.remaining ELSE 0 END) AS band${i}`).join(',\n              ')}
         FROM points_account a JOIN points_lot l ON l.account_id = a.id
        WHERE a.bank_id = ? AND l.remaining > 0 AND l.expires_at IS NOT NULL AND l.expires_at <= ?`,
      [date(asOf), ...bands.flatMap((b) => [date(asOf), date(b)]), bankId, date(bands.at(-1)!)],
    );

    const months: LiabilityMonth[] = labels.map((month, i) => ({
      month,
      start: starts[i]!,
      end: i + 1 < count ? starts[i + 1]! : asOf,
      opening: 0,
      earned: 0,
      redeemed: 0,
      refunded: 0,
      expired: 0,
      adjusted: 0,
      closing: 0,
      closingLiabilityFen: 0,
    }));
    const net = new Array<number>(count + 1).fill(0);
    let available = 0;
    let held = 0;
    for (const r of ledger) {
      const b = Number(r.b);
      const a = Number(r.available ?? 0);
      const h = Number(r.held ?? 0);
      available += a;
      held += h;
      net[b]! += a + h;
      const m = b > 0 ? months[b - 1] : undefined;
      if (!m) continue;
      switch (r.type) {
        case 'EARN':
          m.earned += a + h;
          break;
        case 'CAPTURE':
          m.redeemed -= a + h;
          break;
        case 'REFUND':
          m.refunded += a + h;
          break;
        case 'EXPIRE':
          m.expired -= a + h;
          break;
        case 'ADJUST':
          m.adjusted += a + h;
          break;
        default:
          // HOLD and RELEASE move points between available and held: no change to the liability.
          if (a + h !== 0) throw new Error(`ledger of bank ${bankId}: ${r.type} entries change the total by ${a + h}`);
      }
    }
    let balance = net[0]!;
    for (const [i, m] of months.entries()) {
      m.opening = balance;
      balance += net[i + 1]!;
      m.closing = balance;
      m.closingLiabilityFen = pointsValueFen(balance, terms.pointsPerYuan);
    }
    const outstanding = available + held;
    return {
      bankId,
      asOf,
      generatedAt: this.now,
      timeZone: zone,
      pointsPerYuan: terms.pointsPerYuan,
      availablePoints: available,
      heldPoints: held,
      outstandingPoints: outstanding,
      liabilityFen: pointsValueFen(outstanding, terms.pointsPerYuan),
      // Each band counts from asOf: cumulative (the 60-day band includes the 30-day one).
      expiring: EXPIRY_BANDS_DAYS.map((withinDays, i) => {
        const points = Number(lots?.[`band${i}`] ?? 0);
        return { withinDays, points, liabilityFen: pointsValueFen(points, terms.pointsPerYuan) };
      }),
      overduePoints: Number(lots?.overdue ?? 0),
      months,
    };
  }
}
