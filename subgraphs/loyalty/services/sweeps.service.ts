import type { SqlEntityManager } from '@mikro-orm/knex';
import { affectedRows, inTransaction, selectRows } from '../../../core/sql';
import { ScheduledPayout } from '../entities/bank-event';
import { EarnRule } from '../entities/earn-rule';
import { PointsAccount } from '../entities/points-account';
import { PointsLot } from '../entities/points-lot';
import { EarningService } from './earning.service';
import { PointsLedger } from './ledger';
import type { TenantsClient } from './tenants-client';

const BATCH = 500;

/**
 * Time-driven work: expiring lots, paying due installments, telling tenants about tier points.
 * Each item is its own small transaction and idempotent, so a sweep can stop anywhere and rerun.
 */
export class PointsSweeps {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly tenants: TenantsClient,
  ) {}

  /** Expires what is left of every lot whose expiry has passed. Spent points are not in lots any more. */
  async expire(asOf: Date = new Date()): Promise<{ lotsExpired: number; pointsExpired: number }> {
    let lotsExpired = 0;
    let pointsExpired = 0;
    for (;;) {
      const due = await this.em
        .fork()
        .find(
          PointsLot,
          { expiresAt: { $lte: asOf }, remaining: { $gt: 0 } },
          { orderBy: { id: 'ASC' }, limit: BATCH },
        );
      if (due.length === 0) break;
      for (const lot of due) {
        const expired = await inTransaction(this.em, (tx) => new PointsLedger(tx).expireLot(lot.id, lot.accountId));
        if (expired > 0) {
          lotsExpired += 1;
          pointsExpired += expired;
        }
      }
      if (due.length < BATCH) break;
    }
    return { lotsExpired, pointsExpired };
  }

  /** Pays monthly installments that have fallen due. */
  async payDueInstallments(asOf: Date = new Date()): Promise<number> {
    const due = await this.em
      .fork()
      .find(
        ScheduledPayout,
        { dueAt: { $lte: asOf }, paidAt: null, cancelledAt: null },
        { orderBy: { id: 'ASC' }, limit: BATCH },
      );
    let paid = 0;
    for (const payout of due) {
      const done = await inTransaction(this.em, async (tx) => {
        // Claim the installment first: a concurrent sweep loses here and pays nothing.
        const claimed = await affectedRows(
          tx,
          'UPDATE scheduled_payout SET paid_at = ? WHERE id = ? AND paid_at IS NULL AND cancelled_at IS NULL',
          [new Date(), payout.id],
        );
        if (claimed !== 1) return false;
        const rule = await tx.findOneOrFail(EarnRule, payout.ruleId);
        const account = await tx.findOneOrFail(PointsAccount, payout.accountId);
        await new EarningService(tx, this.tenants).pay(
          new PointsLedger(tx),
          account,
          rule,
          payout.points,
          `earn:event:${payout.eventId}:rule:${payout.ruleId}:${payout.installment}`,
          payout.dueAt,
        );
        return true;
      });
      if (done) paid += 1;
    }
    return paid;
  }

  /**
   * Outbox consumer: sends the account's current tier points to tenants with their version (the
   * id of the newest tier-track ledger entry, read in the same statement, so the two agree) and
   * keeps the tier it assigns. Tenants applies only a newer version, and the tier name here is
   * only replaced by an answer for a version at least as new, so deliveries racing or arriving
   * late never move the tier back.
   */
  async syncTier(accountId: number): Promise<void> {
    const [row] = await selectRows<{ customer_id: number; tier_points: number; version: number | string | null }>(
      this.em.fork(),
      `SELECT a.customer_id, a.tier_points,
              (SELECT MAX(e.id) FROM points_ledger_entry e WHERE e.account_id = a.id AND e.track = 'TIER') AS version
         FROM points_account a WHERE a.id = ?`,
      [accountId],
    );
    if (!row || row.version === null) return; // no tier points were ever recorded: nothing to report
    const answer = await this.tenants.applyTierPoints(
      Number(row.customer_id),
      Number(row.tier_points),
      Number(row.version),
    );
    const version = Number(answer.tierPointsVersion ?? row.version);
    await affectedRows(
      this.em.fork(),
      'UPDATE points_account SET tier_name = ?, tier_name_version = ? WHERE id = ? AND (tier_name_version IS NULL OR tier_name_version <= ?)',
      [answer.tierName, version, accountId, version],
    );
  }
}
