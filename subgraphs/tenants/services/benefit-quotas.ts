/**
 * Reading QUOTA benefit rules' use (issue 17): what a customer has left of each live quota in its
 * current period, and who used a rule's quota in a period. Read-only: the counters
 * (`benefit_quota_use`, one row per rule, customer and period key) are written by the checkout's
 * reservation only (campaign-budget.service.ts `reserveQuotas`).
 */
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput } from '../../../core/errors';
import { requireRoleAndPermission, type Principal } from '../../../core/identity';
import { startOfNamedDay } from '../../../core/local-time';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../core/pagination';
import { placeholders, selectRows } from '../../../core/sql';
import { BenefitKind, BenefitQuotaUse, BenefitRule, QuotaPeriod } from '../entities/benefit-rule';
import { assertSameBank, CAMPAIGNS, CURATOR_ROLES } from './access';
import { periodKeyOf } from './benefits';

/** At most this many quotas are shown per customer (oldest rule first). */
export const MAX_QUOTAS_PER_CUSTOMER = 100;
/** At most this many live QUOTA rules are read per batch of customers (a bank has a handful). */
const MAX_RULES_READ = 1000;

/** One live quota of one customer in its current period. */
export interface QuotaStanding {
  benefitRule: BenefitRule;
  periodKey: string;
  periodEndsAt: Date;
  unitsAllowed: number;
  used: number;
  left: number;
}

/** The customer a standing is asked for: the loader's key carries what the rules are matched on. */
export interface QuotaHolder {
  customerId: number;
  bankId: number;
  tierId: number | null;
  segmentIds: number[];
  timeZone: string;
}

/** One customer's use of one rule in one period. */
export interface QuotaUseRow {
  ruleId: number;
  customerId: number;
  periodKey: string;
  used: number;
  unitsAllowed: number;
}

const KEY_PATTERN: Record<QuotaPeriod, RegExp> = {
  [QuotaPeriod.MONTH]: /^(\d{4})-(0[1-9]|1[0-2])$/,
  [QuotaPeriod.QUARTER]: /^(\d{4})-Q([1-4])$/,
  [QuotaPeriod.YEAR]: /^(\d{4})$/,
};

/** Whether `key` names a period of this length ('2026-11', '2026-Q4', '2026'). */
export function isPeriodKey(period: QuotaPeriod, key: string): boolean {
  return KEY_PATTERN[period].test(key);
}

/**
 * When the period named by `key` ends (exclusive): local midnight on the 1st of the next period in
 * `timeZone` (Asia/Shanghai: December 2026 starts at 2026-11-30T16:00:00Z).
 */
export function periodEndOf(period: QuotaPeriod, key: string, timeZone: string): Date {
  const m = KEY_PATTERN[period].exec(key);
  if (!m) throw new Error(`not a ${period} key: ${key}`);
  const year = Number(m[1]);
  // The first month (1-based) of the next period, counted from January of `year`.
  const next =
    period === QuotaPeriod.MONTH ? Number(m[2]) + 1 : period === QuotaPeriod.QUARTER ? Number(m[2]) * 3 + 1 : 13;
  const y = year + Math.floor((next - 1) / 12);
  const month = ((next - 1) % 12) + 1;
  return startOfNamedDay(`${y}-${String(month).padStart(2, '0')}-01`, timeZone);
}

/**
 * The quotas of many customers at `now`: every enabled QUOTA rule of their bank inside its window
 * whose tier (if any) they hold and whose segment (if any) they belong to — the checkout's own
 * matching — with the units used in its current period. Two statements for any number of
 * customers: the rules of their banks, and the counters.
 */
export async function quotaStandings(
  em: EntityManager,
  holders: QuotaHolder[],
  now: Date,
): Promise<Map<number, QuotaStanding[]>> {
  const out = new Map<number, QuotaStanding[]>(holders.map((h) => [h.customerId, []]));
  if (!holders.length) return out;
  const bankIds = [...new Set(holders.map((h) => h.bankId))];
  const rules = await em.find(
    BenefitRule,
    {
      bankId: { $in: bankIds },
      kind: BenefitKind.QUOTA,
      enabled: true,
      startsAt: { $lte: now },
      $or: [{ endsAt: null }, { endsAt: { $gt: now } }],
    },
    { orderBy: { id: 'ASC' }, limit: MAX_RULES_READ },
  );
  const wanted: { holder: QuotaHolder; rule: BenefitRule; periodKey: string }[] = [];
  for (const h of holders) {
    const segments = new Set(h.segmentIds);
    let count = 0;
    for (const rule of rules) {
      if (rule.bankId !== h.bankId || !rule.quotaPeriod) continue;
      if (rule.tierId != null && rule.tierId !== h.tierId) continue;
      if (rule.segmentId != null && !segments.has(rule.segmentId)) continue;
      if (++count > MAX_QUOTAS_PER_CUSTOMER) break;
      wanted.push({ holder: h, rule, periodKey: periodKeyOf(rule.quotaPeriod, now, h.timeZone) });
    }
  }
  if (!wanted.length) return out;
  const ruleIds = [...new Set(wanted.map((w) => w.rule.id))];
  const customerIds = [...new Set(wanted.map((w) => w.holder.customerId))];
  const keys = [...new Set(wanted.map((w) => w.periodKey))];
  // A superset (every combination of the three lists), narrowed in memory: one indexed statement.
  const rows = await selectRows<{ rule_id: number; customer_id: number; period_key: string; used: number }>(
    em as SqlEntityManager,
    `SELECT rule_id, customer_id, period_key, used FROM benefit_quota_use
     WHERE rule_id IN (${placeholders(ruleIds.length)}) AND customer_id IN (${placeholders(customerIds.length)})
       AND period_key IN (${placeholders(keys.length)})`,
    [...ruleIds, ...customerIds, ...keys],
  );
  const used = new Map(rows.map((r) => [`${r.rule_id}:${r.customer_id}:${r.period_key}`, Number(r.used)]));
  for (const w of wanted) {
    const allowed = w.rule.quotaUnits ?? 0;
    const u = used.get(`${w.rule.id}:${w.holder.customerId}:${w.periodKey}`) ?? 0;
    out.get(w.holder.customerId)!.push({
      benefitRule: w.rule,
      periodKey: w.periodKey,
      periodEndsAt: periodEndOf(w.rule.quotaPeriod!, w.periodKey, w.holder.timeZone),
      unitsAllowed: allowed,
      used: u,
      left: Math.max(0, allowed - u),
    });
  }
  return out;
}

/**
 * Who used a QUOTA rule in one period (bank staff with RUN_CAMPAIGNS; the platform with
 * MANAGE_TENANTS; another bank's rule is NOT_FOUND): customers with units in use, by customer id, in
 * keyset pages. Another kind of rule has none.
 */
export async function quotaUses(
  em: EntityManager,
  principal: Principal,
  rule: BenefitRule,
  timeZone: string,
  args: { periodKey?: string | null; first?: number | null; after?: string | null },
  now: Date,
): Promise<Connection<QuotaUseRow>> {
  requireRoleAndPermission(principal, CURATOR_ROLES, CAMPAIGNS);
  assertSameBank(principal, rule.bankId, 'BenefitRule', rule.id);
  const limit = pageSize(args.first);
  const afterId = args.after ? Number(decodeCursor(args.after, 1)[0]) : null;
  if (afterId !== null && !Number.isSafeInteger(afterId))
    throw badInput('`after` is not a cursor from this list; start again without it.');
  if (rule.kind !== BenefitKind.QUOTA || !rule.quotaPeriod)
    return toConnection<QuotaUseRow>([], limit, () => [], Boolean(args.after));
  const periodKey = args.periodKey?.trim() || periodKeyOf(rule.quotaPeriod, now, timeZone);
  if (!isPeriodKey(rule.quotaPeriod, periodKey))
    throw badInput(`periodKey must name a ${rule.quotaPeriod} period ('2026-11', '2026-Q4' or '2026').`, [
      { field: 'periodKey', message: `not a ${rule.quotaPeriod} period key` },
    ]);
  const rows = await em.find(
    BenefitQuotaUse,
    {
      ruleId: rule.id,
      periodKey,
      used: { $gt: 0 },
      ...(afterId !== null ? { customerId: { $gt: afterId } } : {}),
    },
    { orderBy: { customerId: 'ASC' }, limit: limit + 1 },
  );
  return toConnection(
    rows.map((r) => ({
      ruleId: r.ruleId,
      customerId: r.customerId,
      periodKey: r.periodKey,
      used: r.used,
      unitsAllowed: rule.quotaUnits ?? 0,
    })),
    limit,
    (r) => [r.customerId],
    Boolean(args.after),
  );
}
