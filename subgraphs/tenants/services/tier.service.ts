import { notifyBank } from '../../../core/bank-notifications';
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, notFound, type FieldProblem } from '../../../core/errors';
import { requireRoleAndPermission, type Principal } from '../../../core/identity';
import { affectedRows, asDate, forUpdate, inTransaction, isMySql, selectRows } from '../../../core/sql';
import { Bank } from '../entities/bank';
import { Customer } from '../entities/customer';
import { Tier, TierChange, TierChangeReason } from '../entities/tier';
import { actingBankId, assertCurator, BANK_ADMIN_ROLES, BANK_SETTINGS, idOf } from './access';
import { dbTime, periodStart } from './tier-evaluation';

export const MAX_TIERS = 20;

/** The tier a number of tier points reaches: the highest rank whose threshold is met (pure). */
export function tierFor(tiers: Pick<Tier, 'id' | 'rank' | 'minTierPoints'>[], tierPoints: number): number | null {
  let best: Pick<Tier, 'id' | 'rank' | 'minTierPoints'> | null = null;
  for (const t of tiers) if (t.minTierPoints <= tierPoints && (!best || t.rank > best.rank)) best = t;
  return best?.id ?? null;
}

/** Thresholds must rise with rank, so a higher tier is always harder to reach (pure). */
export function ladderProblems(tiers: Pick<Tier, 'rank' | 'minTierPoints' | 'name'>[]): FieldProblem[] {
  const sorted = [...tiers].sort((a, b) => a.rank - b.rank);
  const problems: FieldProblem[] = [];
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.minTierPoints <= sorted[i - 1]!.minTierPoints) {
      problems.push({
        field: 'minTierPoints',
        message: `"${sorted[i]!.name}" (rank ${sorted[i]!.rank}) must need more tier points than "${sorted[i - 1]!.name}".`,
      });
    }
  }
  return problems;
}

/**
 * SQL for "the tier these points reach" of customer `c`'s bank: the highest threshold met, which
 * is the highest rank met because thresholds rise with rank (`ladderProblems`). Same rule as
 * `tierFor`, evaluated by the database against the ladder as it is inside the transaction.
 */
function tierReachedSql(points: string): string {
  return `(SELECT t.id FROM tier t WHERE t.bank_id = c.bank_id AND t.min_tier_points <= ${points} ORDER BY t.min_tier_points DESC LIMIT 1)`;
}

/**
 * SQL for a customer's qualifying tier points from their stored counters: the better of the
 * current period's and the previous period's (services/tier-evaluation.ts).
 */
function qualifyingSql(em: SqlEntityManager): string {
  const greatest = isMySql(em) ? 'GREATEST' : 'MAX';
  return `${greatest}(COALESCE(c.tier_prev_period_points, 0), c.tier_points - COALESCE(c.tier_period_base, 0))`;
}

export interface TierChanges {
  name?: string | null;
  rank?: number | null;
  minTierPoints?: number | null;
  benefits?: string[] | null;
}

export class TierService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
  ) {}

  async create(bankIdArg: string | null | undefined, c: TierChanges): Promise<Tier> {
    requireRoleAndPermission(this.principal, BANK_ADMIN_ROLES, BANK_SETTINGS);
    const bankId = actingBankId(this.principal, bankIdArg, BANK_ADMIN_ROLES);
    if (c.name == null || c.rank == null || c.minTierPoints == null) {
      throw badInput('name, rank and minTierPoints are required.', [{ field: 'name', message: 'required' }]);
    }
    return inTransaction(this.em as SqlEntityManager, async (em) => {
      const existing = await em.find(Tier, { bankId });
      if (existing.length >= MAX_TIERS) throw badInput(`A bank has at most ${MAX_TIERS} tiers.`);
      const tier = em.create(Tier, {
        bankId,
        name: '',
        rank: 0,
        minTierPoints: 0,
        benefits: [],
        createdAt: new Date(),
      });
      this.apply(tier, c, existing);
      await em.flush();
      await this.retierBank(em, bankId);
      return tier;
    });
  }

  async update(tierId: string, c: TierChanges): Promise<Tier> {
    requireRoleAndPermission(this.principal, BANK_ADMIN_ROLES, BANK_SETTINGS);
    const found = await this.em.findOne(Tier, idOf('Tier', tierId));
    if (!found) throw notFound('Tier', tierId);
    assertCurator(this.principal, BANK_ADMIN_ROLES, found.bankId, 'Tier', tierId);
    return inTransaction(this.em as SqlEntityManager, async (em) => {
      const tier = await em.findOneOrFail(Tier, found.id);
      const others = await em.find(Tier, { bankId: tier.bankId, id: { $ne: tier.id } });
      this.apply(tier, c, others);
      await em.flush();
      await this.retierBank(em, tier.bankId);
      return tier;
    });
  }

  /**
   * Removes a tier from the ladder and re-tiers the bank's customers in the same transaction
   * (customers on it whose tier points tenants does not know lose it). A tier that still restricts
   * listings is CONFLICT: dropping the restriction silently would change who sees them. The tier
   * row is locked first; listing writes read the tiers they restrict to with a share lock, so a
   * listing cannot be restricted to a tier that is being deleted.
   */
  async delete(tierId: string): Promise<{ deletedTierId: number; customersRetiered: number }> {
    requireRoleAndPermission(this.principal, BANK_ADMIN_ROLES, BANK_SETTINGS);
    const found = await this.em.findOne(Tier, idOf('Tier', tierId));
    if (!found) throw notFound('Tier', tierId);
    assertCurator(this.principal, BANK_ADMIN_ROLES, found.bankId, 'Tier', tierId);
    return inTransaction(this.em as SqlEntityManager, async (em) => {
      const [locked] = await selectRows<{ id: number }>(em, `SELECT id FROM tier WHERE id = ?${forUpdate(em)}`, [
        found.id,
      ]);
      if (!locked) throw notFound('Tier', tierId);
      const used = await selectRows<{ listing_id: number }>(
        em,
        `SELECT listing_id FROM listing_tier WHERE tier_id = ? ORDER BY listing_id LIMIT 5${forUpdate(em)}`,
        [found.id],
      );
      if (used.length) {
        throw conflict(
          `Tier ${tierId} still restricts listings ${used.map((u) => u.listing_id).join(', ')}${used.length === 5 ? ' and more' : ''}; change their visible tiers first.`,
        );
      }
      const priced = await selectRows<{ listing_id: number }>(
        em,
        `SELECT listing_id FROM listing_tier_price WHERE tier_id = ? ORDER BY listing_id LIMIT 5${forUpdate(em)}`,
        [found.id],
      );
      if (priced.length) {
        throw conflict(
          `Tier ${tierId} still has its own price on listings ${priced.map((u) => u.listing_id).join(', ')}${priced.length === 5 ? ' and more' : ''}; clear those tier prices first.`,
        );
      }
      await affectedRows(em, 'DELETE FROM tier WHERE id = ?', [found.id]);
      const orphaned = await affectedRows(
        em,
        'UPDATE customer SET tier_id = NULL, updated_at = ? WHERE bank_id = ? AND tier_id = ? AND tier_points IS NULL',
        [new Date(), found.bankId, found.id],
      );
      return { deletedTierId: found.id, customersRetiered: orphaned + (await this.retierBank(em, found.bankId)) };
    });
  }

  /**
   * After a ladder change, in its transaction: every customer of the bank whose tier points are
   * known gets the tier their qualifying points (the better of this and the previous evaluation
   * period's, as last recorded) now reach — one set-based UPDATE, whatever the number of customers.
   * Returns how many customers changed tier. (Customers loyalty has not reported yet keep theirs
   * until their first `applyTierPoints`.)
   */
  async retierBank(em: SqlEntityManager, bankId: number): Promise<number> {
    const reached = tierReachedSql(qualifyingSql(em));
    return affectedRows(
      em,
      `UPDATE customer AS c SET tier_id = ${reached}, updated_at = ?
        WHERE c.bank_id = ? AND c.tier_points IS NOT NULL AND COALESCE(c.tier_id, 0) <> COALESCE(${reached}, 0)`,
      [new Date(), bankId],
    );
  }

  /**
   * Records a customer's tier points and upgrades them to the tier their qualifying points reach
   * (loyalty's contract); idempotent. `version` orders reports (loyalty sends the id of the newest
   * tier-track ledger entry the total includes): points are applied only when their version is newer
   * than the one stored, with a conditional UPDATE, so a late report of an older total changes
   * nothing. The customer row is locked first, so concurrent calls, ladder changes and the
   * evaluation job take turns and only one call reports `changed` for one move.
   *
   * Evaluation periods (services/tier-evaluation.ts): the first report after a period boundary
   * rolls the customer's counters over; the qualifying points are the better of the current and
   * the previous period's. A report never lowers the tier: downgrades wait for the evaluation
   * after the period's grace.
   */
  async applyTierPoints(
    customerId: string,
    tierPoints: number,
    version: string,
  ): Promise<{ customer: Customer; tier: Tier | null; changed: boolean; applied: boolean }> {
    const problems: FieldProblem[] = [];
    if (!Number.isInteger(tierPoints) || tierPoints < 0)
      problems.push({ field: 'tierPoints', message: 'must be a non-negative integer.' });
    const v = Number(version);
    if (!/^[0-9]{1,16}$/.test(version) || !Number.isSafeInteger(v) || v < 1)
      problems.push({ field: 'tierPointsVersion', message: 'must be a positive integer.' });
    if (problems.length) throw badInput('Invalid tier points.', problems);
    const id = idOf('Customer', customerId);
    return inTransaction(this.em as SqlEntityManager, async (em) => {
      const [row] = await selectRows<{
        bank_id: number;
        tier_id: number | null;
        tier_points: number | string | null;
        tier_points_version: number | string | null;
        tier_period_start: Date | string | number | null;
        tier_period_base: number | string | null;
        tier_prev_period_points: number | string | null;
        tier_evaluated_through: Date | string | number | null;
      }>(
        em,
        `SELECT bank_id, tier_id, tier_points, tier_points_version, tier_period_start, tier_period_base,
                tier_prev_period_points, tier_evaluated_through
           FROM customer WHERE id = ?${forUpdate(em)}`,
        [id],
      );
      if (!row) throw notFound('Customer', customerId);
      const before = row.tier_id == null ? null : Number(row.tier_id);
      let applied = 0;
      if (row.tier_points_version == null || Number(row.tier_points_version) < v) {
        const bank = await em.findOneOrFail(Bank, row.bank_id);
        const settings = {
          timeZone: bank.timeZone,
          periodMonths: bank.tierPeriodMonths,
          graceDays: bank.tierGraceDays,
        };
        const now = new Date();
        const start = periodStart(now, settings);
        let periodStartAt = row.tier_period_start == null ? null : asDate(row.tier_period_start);
        let base = Number(row.tier_period_base ?? 0);
        let prev = Number(row.tier_prev_period_points ?? 0);
        let evaluatedThrough = row.tier_evaluated_through == null ? null : asDate(row.tier_evaluated_through);
        if (periodStartAt == null) {
          // First report: every tier point so far counts in the current period; nothing to evaluate yet.
          [periodStartAt, base, prev, evaluatedThrough] = [start, 0, 0, start];
        } else if (periodStartAt < start) {
          // First report of a new period: the points recorded so far belong to the closed one.
          const total = Number(row.tier_points ?? 0);
          [periodStartAt, base, prev] = [start, total, Math.max(0, total - base)];
        }
        const qualifying = Math.max(prev, Math.max(0, tierPoints - base));
        const ladder = await em.find(Tier, { bankId: row.bank_id }, { orderBy: { rank: 'ASC' } });
        const reached = ladder.find((t) => t.id === tierFor(ladder, qualifying)) ?? null;
        const held = ladder.find((t) => t.id === before) ?? null;
        const next = !held || (reached && reached.rank > held.rank) ? (reached?.id ?? null) : held.id;
        applied = await affectedRows(
          em,
          `UPDATE customer SET tier_points = ?, tier_points_version = ?, tier_id = ?, tier_period_start = ?,
                  tier_period_base = ?, tier_prev_period_points = ?, tier_evaluated_through = ?, updated_at = ?
            WHERE id = ? AND (tier_points_version IS NULL OR tier_points_version < ?)`,
          [
            tierPoints,
            v,
            next,
            dbTime(em, periodStartAt),
            base,
            prev,
            evaluatedThrough == null ? null : dbTime(em, evaluatedThrough),
            dbTime(em, now),
            id,
            v,
          ],
        );
        if (applied === 1 && next !== before) {
          em.persist(
            em.create(TierChange, {
              bankId: row.bank_id,
              customerId: id,
              fromTierId: before,
              toTierId: next,
              reason: TierChangeReason.REACHED,
              tierPoints: qualifying,
            }),
          );
          const to = ladder.find((t) => t.id === next) ?? null;
          notifyBank(em, {
            type: 'TIER_CHANGED',
            bankId: row.bank_id,
            key: `tier-change:${id}:v${v}`,
            occurredAt: now,
            data: {
              customerId: String(id),
              fromTierId: before == null ? null : String(before),
              fromTierName: held?.name ?? null,
              toTierId: next == null ? null : String(next),
              toTierName: to?.name ?? null,
              reason: TierChangeReason.REACHED,
              tierPoints: qualifying,
            },
          });
          await em.flush();
        }
      }
      const customer = await em.findOneOrFail(Customer, id, { refresh: true });
      const tier = customer.tierId ? await em.findOneOrFail(Tier, customer.tierId) : null;
      return { customer, tier, changed: before !== (customer.tierId ?? null), applied: applied === 1 };
    });
  }

  private apply(tier: Tier, c: TierChanges, others: Tier[]): void {
    const problems: FieldProblem[] = [];
    if (c.name != null) {
      const name = c.name.trim();
      if (name.length < 1 || name.length > 60) problems.push({ field: 'name', message: 'must be 1–60 characters.' });
      if (others.some((o) => o.name === name))
        problems.push({ field: 'name', message: `a tier named "${name}" exists.` });
      tier.name = name;
    }
    if (c.rank != null) {
      if (!Number.isInteger(c.rank) || c.rank < 0 || c.rank > 100)
        problems.push({ field: 'rank', message: 'must be 0 to 100.' });
      if (others.some((o) => o.rank === c.rank)) problems.push({ field: 'rank', message: `rank ${c.rank} is taken.` });
      tier.rank = c.rank;
    }
    if (c.minTierPoints != null) {
      if (!Number.isInteger(c.minTierPoints) || c.minTierPoints < 0)
        problems.push({ field: 'minTierPoints', message: 'must be ≥ 0.' });
      tier.minTierPoints = c.minTierPoints;
    }
    if (c.benefits != null) {
      if (c.benefits.length > 20 || !c.benefits.every((b) => b.trim().length > 0 && b.length <= 200))
        problems.push({ field: 'benefits', message: 'at most 20 benefits of 1–200 characters.' });
      tier.benefits = c.benefits.map((b) => b.trim());
    }
    if (!problems.length) problems.push(...ladderProblems([...others, tier]));
    if (problems.length) throw badInput('The tier is not valid.', problems);
  }
}
