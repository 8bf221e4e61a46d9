import { notifyBank } from '../../../core/bank-notifications';
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, forbidden, notFound, type FieldProblem } from '../../../core/errors';
import { isCustomer, PLATFORM_ROLES, requireRoleAndPermission, type Principal } from '../../../core/identity';
import { addDays, localDay, localMonth, startOfNamedDay } from '../../../core/local-time';
import {
  affectedRows,
  forUpdate,
  inTransaction,
  isMySql,
  selectRows,
  skipLocked as skipLockedSql,
} from '../../../core/sql';
import { Bank } from '../entities/bank';
import { Tier, TierChange, TierChangeKind, TierChangeReason } from '../entities/tier';
import { actingBankId, assertCanSeeCustomer, BANK_ADMIN_ROLES, BANK_SETTINGS, isStaff } from './access';
import { tierFor } from './tier.service';

/**
 * Tier evaluation periods (issue 17).
 *
 * Model: calendar periods of `tierPeriodMonths` months (12 = the calendar year; 6, 3, 1), starting
 * at local midnight on the 1st in the bank's time zone, aligned to 1 January. A customer's
 * qualifying tier points are the better of the points earned in the current period and in the
 * period before it. Upgrades apply at once (`applyTierPoints`) when the qualifying points reach a
 * higher threshold; a downgrade happens only when the evaluation job evaluates a closed period,
 * which it does once `tierGraceDays` days (local midnights) after the period ended. So a tier
 * reached in a period is held until the end of the next period plus grace, and is kept beyond it
 * by earning its threshold again in that next period.
 *
 * Points count in the period in which tenants records them (loyalty reports them through its
 * outbox within seconds); each customer row carries its own period counters, rolled over by the
 * first report or job run after a period boundary.
 */
export const PERIOD_MONTHS = [1, 3, 6, 12] as const;
export const MAX_GRACE_DAYS = 366;
/** Customers claimed per transaction by the job. */
export const EVALUATION_BATCH = 500;

export interface EvaluationSettings {
  timeZone: string;
  periodMonths: number;
  graceDays: number;
}

/**
 * Who reads a customer's tier history: the customer themself and their bank's staff (and the
 * platform); another bank's staff or another customer get NOT_FOUND, partner apps FORBIDDEN.
 */
export function assertMayReadTierHistory(principal: Principal, customer: { id: number; bankId: number }): void {
  if (!isCustomer(principal) && !isStaff(principal))
    throw forbidden("A customer's tier history is for the customer and their bank's staff.");
  assertCanSeeCustomer(principal, customer);
}

/** Which way a change went: by the tiers' ranks; where a tier was since removed, by its reason. */
export function tierChangeKind(
  change: Pick<TierChange, 'fromTierId' | 'toTierId' | 'reason'>,
  from: Pick<Tier, 'rank'> | null,
  to: Pick<Tier, 'rank'> | null,
): TierChangeKind {
  if (change.fromTierId == null) return TierChangeKind.INITIAL;
  if (change.toTierId == null) return TierChangeKind.DOWNGRADE;
  if (from && to) return to.rank > from.rank ? TierChangeKind.UPGRADE : TierChangeKind.DOWNGRADE;
  return change.reason === TierChangeReason.REACHED ? TierChangeKind.UPGRADE : TierChangeKind.DOWNGRADE;
}

/** The start of the period `n` periods after the one containing `at` (n may be negative). */
export function periodStart(at: Date, s: EvaluationSettings, n = 0): Date {
  const [y, m] = localMonth(at, s.timeZone).split('-').map(Number) as [number, number];
  const first = Math.floor((m - 1) / s.periodMonths) * s.periodMonths; // 0-based month the period starts in
  const index = y * 12 + first + n * s.periodMonths;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return startOfNamedDay(`${year}-${String(month).padStart(2, '0')}-01`, s.timeZone);
}

/** When the grace after a period ending at `periodEnd` is over: local midnight `graceDays` days later. */
export function graceEnd(periodEnd: Date, s: EvaluationSettings): Date {
  return startOfNamedDay(addDays(localDay(periodEnd, s.timeZone), s.graceDays), s.timeZone);
}

export interface TierCounters {
  tierId?: number | null;
  tierPoints?: number | null;
  tierPeriodStart?: Date | null;
  tierPeriodBase?: number | null;
  tierPrevPeriodPoints?: number | null;
}

/**
 * Tier points earned in the current period (the one containing `now`) and the one before, from a
 * customer's stored counters, whether or not they have been rolled over yet (pure). Counters of an
 * older period than the current one count as the previous period's.
 */
export function periodPoints(c: TierCounters, s: EvaluationSettings, now: Date): { current: number; previous: number } {
  const total = Number(c.tierPoints ?? 0);
  if (!c.tierPeriodStart) return { current: total, previous: 0 };
  const inStored = Math.max(0, total - Number(c.tierPeriodBase ?? 0));
  if (c.tierPeriodStart.getTime() >= periodStart(now, s).getTime())
    return { current: inStored, previous: Number(c.tierPrevPeriodPoints ?? 0) };
  return { current: 0, previous: inStored };
}

type Rung = Pick<Tier, 'id' | 'rank' | 'minTierPoints'>;

export interface Progress<T extends Rung> {
  current: T | null;
  next: T | null;
  pointsToNext: number | null;
  periodTierPoints: number;
  validUntil: Date | null;
}

/** A customer's tier progress (pure): see `Customer.tierProgress`. */
export function tierProgress<T extends Rung>(
  c: TierCounters,
  ladder: readonly T[],
  s: EvaluationSettings,
  now: Date,
): Progress<T> {
  const tiers = [...ladder].sort((a, b) => a.rank - b.rank);
  const current = tiers.find((t) => t.id === c.tierId) ?? null;
  const next = current ? (tiers.find((t) => t.rank > current.rank) ?? null) : (tiers[0] ?? null);
  const points = periodPoints(c, s, now);
  const pointsToNext = next ? Math.max(0, next.minTierPoints - points.current) : null;
  let validUntil: Date | null = null;
  if (current && current.minTierPoints > 0 && c.tierPoints != null) {
    const start = periodStart(now, s);
    if (points.current >= current.minTierPoints) validUntil = graceEnd(periodStart(now, s, 2), s);
    else if (points.previous >= current.minTierPoints) validUntil = graceEnd(periodStart(now, s, 1), s);
    else validUntil = graceEnd(start, s);
  }
  return { current, next, pointsToNext, periodTierPoints: points.current, validUntil };
}

/** A time as a raw statement parameter: MariaDB DATETIME, or SQLite's millisecond timestamps (as the ORM stores them). */
export function dbTime(em: SqlEntityManager, at: Date): Date | number {
  return isMySql(em) ? at : at.getTime();
}

/** `FOR UPDATE SKIP LOCKED` where the dialect has row locks: concurrent jobs take different customers. */
function skipLocked(em: SqlEntityManager): string {
  return `${forUpdate(em)}${skipLockedSql(em)}`;
}

export interface EvaluationOutcome {
  banks: number;
  customersRolledOver: number;
  customersEvaluated: number;
  tierChanges: number;
}

/** Settings and the re-evaluation job. */
export class TierEvaluationService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
  ) {}

  async setSettings(bankIdArg: string | null | undefined, periodMonths: number, graceDays: number): Promise<Bank> {
    requireRoleAndPermission(this.principal, BANK_ADMIN_ROLES, BANK_SETTINGS);
    const bankId = actingBankId(this.principal, bankIdArg, BANK_ADMIN_ROLES);
    const problems: FieldProblem[] = [];
    if (!(PERIOD_MONTHS as readonly number[]).includes(periodMonths))
      problems.push({
        field: 'periodMonths',
        message: `must be one of ${PERIOD_MONTHS.join(', ')} (12 = calendar year).`,
      });
    if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > MAX_GRACE_DAYS)
      problems.push({ field: 'graceDays', message: `must be a whole number of days, 0 to ${MAX_GRACE_DAYS}.` });
    if (problems.length) throw badInput('The tier evaluation settings are not valid.', problems);
    const em = this.em.fork();
    const bank = await em.findOne(Bank, bankId);
    if (!bank) throw notFound('Bank', bankId);
    bank.tierPeriodMonths = periodMonths;
    bank.tierGraceDays = graceDays;
    await em.flush();
    return bank;
  }

  /** Platform operators and services run the job (it also runs periodically in the subgraph). */
  async run(bankIdArg: string | null | undefined, asOf: Date): Promise<EvaluationOutcome> {
    requireRoleAndPermission(this.principal, [...PLATFORM_ROLES, 'SERVICE'], { platform: 'MANAGE_TENANTS' });
    return runTierEvaluation(this.em as SqlEntityManager, asOf, bankIdArg == null ? null : Number(bankIdArg));
  }
}

/**
 * Re-evaluates tiers as of `asOf`, bank by bank, in bounded batches, each its own transaction:
 *  1. roll over customers still counting an older period (their points so far become the previous
 *     period's) — a conditional UPDATE, so a second run finds nothing to do;
 *  2. once the grace after the closed period is over, give each customer not yet evaluated for it
 *     the tier their qualifying points hold, claiming them with `FOR UPDATE SKIP LOCKED` and moving
 *     `tier_evaluated_through` with a conditional UPDATE, recording each change (`tier_change`,
 *     unique per customer and period). Running twice, or in two processes at once, changes each
 *     customer once.
 */
export async function runTierEvaluation(
  em: SqlEntityManager,
  asOf: Date,
  onlyBankId: number | null = null,
): Promise<EvaluationOutcome> {
  const banks = await em
    .fork()
    .find(Bank, onlyBankId == null ? {} : { id: onlyBankId }, { orderBy: { id: 'ASC' }, limit: 10_000 });
  if (onlyBankId != null && banks.length === 0) throw notFound('Bank', onlyBankId);
  const out: EvaluationOutcome = { banks: banks.length, customersRolledOver: 0, customersEvaluated: 0, tierChanges: 0 };
  for (const bank of banks) {
    const s: EvaluationSettings = {
      timeZone: bank.timeZone,
      periodMonths: bank.tierPeriodMonths,
      graceDays: bank.tierGraceDays,
    };
    const start = periodStart(asOf, s);
    for (;;) {
      const n = await inTransaction(em, async (tx) => {
        const ids = await selectRows<{ id: number }>(
          tx,
          `SELECT id FROM customer WHERE bank_id = ? AND tier_points IS NOT NULL
              AND (tier_period_start IS NULL OR tier_period_start < ?) ORDER BY id LIMIT ${EVALUATION_BATCH}${skipLocked(tx)}`,
          [bank.id, dbTime(tx, start)],
        );
        if (!ids.length) return 0;
        // Assignments read the old values left to right (MariaDB) or all old values (SQLite): the
        // period start changes last.
        await affectedRows(
          tx,
          `UPDATE customer SET
              tier_prev_period_points = CASE WHEN tier_period_start IS NULL THEN 0 ELSE GREATEST_(0, tier_points - COALESCE(tier_period_base, 0)) END,
              tier_period_base = CASE WHEN tier_period_start IS NULL THEN 0 ELSE tier_points END,
              tier_evaluated_through = CASE WHEN tier_period_start IS NULL THEN ? ELSE tier_evaluated_through END,
              tier_period_start = ?
            WHERE id IN (${ids.map(() => '?').join(', ')}) AND tier_points IS NOT NULL
              AND (tier_period_start IS NULL OR tier_period_start < ?)`.replace(
            'GREATEST_',
            isMySql(tx) ? 'GREATEST' : 'MAX',
          ),
          [dbTime(tx, start), dbTime(tx, start), ...ids.map((r) => r.id), dbTime(tx, start)],
        );
        return ids.length;
      });
      out.customersRolledOver += n;
      if (n < EVALUATION_BATCH) break;
    }
    if (asOf.getTime() < graceEnd(start, s).getTime()) continue; // the closed period is still in grace
    const ladder = await em.fork().find(Tier, { bankId: bank.id }, { orderBy: { rank: 'ASC' } });
    for (;;) {
      const [claimed, changed] = await inTransaction(em, async (tx) => {
        const rows = await selectRows<{
          id: number;
          tier_id: number | null;
          tier_points: number | string;
          tier_period_base: number | string | null;
          tier_prev_period_points: number | string | null;
        }>(
          tx,
          `SELECT id, tier_id, tier_points, tier_period_base, tier_prev_period_points FROM customer
            WHERE bank_id = ? AND tier_period_start = ? AND tier_points IS NOT NULL
              AND (tier_evaluated_through IS NULL OR tier_evaluated_through < ?)
            ORDER BY id LIMIT ${EVALUATION_BATCH}${skipLocked(tx)}`,
          [bank.id, dbTime(tx, start), dbTime(tx, start)],
        );
        let changes = 0;
        const unchanged: number[] = [];
        for (const r of rows) {
          const current = Math.max(0, Number(r.tier_points) - Number(r.tier_period_base ?? 0));
          const qualifying = Math.max(current, Number(r.tier_prev_period_points ?? 0));
          const held = tierFor(ladder, qualifying);
          const from = r.tier_id == null ? null : Number(r.tier_id);
          if (held === from) {
            unchanged.push(r.id);
            continue;
          }
          const moved = await affectedRows(
            tx,
            `UPDATE customer SET tier_id = ?, tier_evaluated_through = ?, updated_at = ?
              WHERE id = ? AND (tier_evaluated_through IS NULL OR tier_evaluated_through < ?)`,
            [held, dbTime(tx, start), dbTime(tx, new Date()), r.id, dbTime(tx, start)],
          );
          if (moved !== 1) continue;
          tx.persist(
            tx.create(TierChange, {
              bankId: bank.id,
              customerId: r.id,
              fromTierId: from,
              toTierId: held,
              reason: TierChangeReason.EVALUATION,
              tierPoints: qualifying,
              periodEnd: start,
            }),
          );
          notifyBank(tx, {
            type: 'TIER_CHANGED',
            bankId: bank.id,
            key: `tier-change:${r.id}:evaluation:${start.toISOString()}`,
            data: {
              customerId: String(r.id),
              fromTierId: from == null ? null : String(from),
              fromTierName: ladder.find((t) => t.id === from)?.name ?? null,
              toTierId: held == null ? null : String(held),
              toTierName: ladder.find((t) => t.id === held)?.name ?? null,
              reason: TierChangeReason.EVALUATION,
              tierPoints: qualifying,
              periodEnd: start.toISOString(),
            },
          });
          changes += 1;
        }
        if (unchanged.length)
          await affectedRows(
            tx,
            `UPDATE customer SET tier_evaluated_through = ?
              WHERE id IN (${unchanged.map(() => '?').join(', ')}) AND (tier_evaluated_through IS NULL OR tier_evaluated_through < ?)`,
            [dbTime(tx, start), ...unchanged, dbTime(tx, start)],
          );
        await tx.flush();
        return [rows.length, changes] as const;
      });
      out.customersEvaluated += claimed;
      out.tierChanges += changed;
      if (claimed < EVALUATION_BATCH) break;
    }
  }
  return out;
}
