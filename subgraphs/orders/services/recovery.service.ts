import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Logger } from '../../../core/logger';
import { affectedRows } from '../../../core/sql';
import { Order, OrderStatus } from '../entities/order';
import { Compensation } from './compensation.service';
import { OrderConfirmation } from './confirmation.service';
import { AfterSalesService } from './aftersales.service';
import { Refund, RefundState } from '../entities/refund';
import type { SagaPorts } from './ports';
import { intFromEnv, positiveIntFromEnv } from '../../../core/config';

export interface RecoveryReport {
  abandoned: number;
  expired: number;
  compensated: number;
  confirmed: number;
  refundsSettled: number;
  /** Paid orders that could never be confirmed, refunded in full and FAILED. */
  refunded: number;
}

/** How long a checkout may stay PENDING before the sweep gives it up. */
export const STALE_PENDING_MS = intFromEnv('PERKMALL_STALE_PENDING_MS', 2 * 60_000);

export interface RecoverySettings {
  /** Failed attempts to confirm a paid order before it is refunded in full instead. */
  maxConfirmAttempts: number;
  /** Wait after the first failed attempt; doubles with each further failure, up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RECOVERY_SETTINGS: RecoverySettings = {
  maxConfirmAttempts: positiveIntFromEnv('PERKMALL_RECOVERY_MAX_ATTEMPTS', 8),
  backoffMs: intFromEnv('PERKMALL_RECOVERY_BACKOFF_MS', 30_000),
  maxBackoffMs: intFromEnv('PERKMALL_RECOVERY_MAX_BACKOFF_MS', 60 * 60_000),
};

const BATCH = 200;

/** When the next attempt is due after `attempts` failures. */
export function nextAttemptAt(now: Date, attempts: number, s: RecoverySettings = DEFAULT_RECOVERY_SETTINGS): Date {
  const wait = Math.min(s.maxBackoffMs, s.backoffMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
  return new Date(now.getTime() + wait);
}

/**
 * Drives every order stuck in an intermediate state forward or back:
 * - PENDING too long (the checkout died or a subgraph was down): compensate → FAILED;
 * - PENDING_PAYMENT past its deadline: cancel and release → CANCELLED;
 * - FAILED/CANCELLED (never confirmed) whose releases did not all go through: release again;
 * - PAID but not confirmed (its request gave up, or died: paid longer ago than the stale time):
 *   confirm (commit, capture, issue codes, open fulfilment); after a
 *   definite refusal (no codes left, …) or `maxConfirmAttempts` failures, refund it in full → FAILED;
 * - approved refunds whose points/restock did not go through: again.
 * Work that fails is retried with exponential backoff (`next_recovery_at`, `next_settle_at`), and
 * each batch takes what is due, never-tried first, so items that keep failing cannot starve newer
 * ones. Every step is idempotent, so sweeps may overlap with each other and with live requests.
 */
export class RecoverySweep {
  private stopping = false;

  constructor(
    private readonly em: SqlEntityManager,
    private readonly ports: SagaPorts,
    private readonly log: Logger,
    private readonly settings: RecoverySettings = DEFAULT_RECOVERY_SETTINGS,
  ) {}

  /** Ends a run at its next order (the process is stopping); what is left waits for the next sweep. */
  stop(): void {
    this.stopping = true;
  }

  /** `ignoreBackoff`: an operator's "retry everything now" — every failed item is due at once. */
  async run(
    now: Date = new Date(),
    staleAfterMs = STALE_PENDING_MS,
    opts: { ignoreBackoff?: boolean } = {},
  ): Promise<RecoveryReport> {
    const compensation = new Compensation(this.em, this.ports, this.log);
    const report: RecoveryReport = {
      abandoned: 0,
      expired: 0,
      compensated: 0,
      confirmed: 0,
      refundsSettled: 0,
      refunded: 0,
    };
    const em = this.em.fork();
    const due = (where: FilterQuery<Order>): FilterQuery<Order> =>
      opts.ignoreBackoff
        ? where
        : { $and: [where, { $or: [{ nextRecoveryAt: null }, { nextRecoveryAt: { $lte: now } }] }] };
    const byDue = { orderBy: { nextRecoveryAt: 'ASC', id: 'ASC' } as const, limit: BATCH };

    const stale = await em.find(
      Order,
      { status: OrderStatus.PENDING, updatedAt: { $lt: new Date(now.getTime() - staleAfterMs) } },
      { limit: BATCH, orderBy: { id: 'ASC' } },
    );
    for (const o of stale) {
      if (this.stopping) return report;
      if (await compensation.compensate(o.id, [OrderStatus.PENDING], OrderStatus.FAILED, 'checkout did not complete'))
        report.abandoned += 1;
    }
    const unpaid = await em.find(
      Order,
      { status: OrderStatus.PENDING_PAYMENT, paymentDueAt: { $lt: now } },
      { limit: BATCH, orderBy: { id: 'ASC' } },
    );
    for (const o of unpaid) {
      if (this.stopping) return report;
      if (await compensation.compensate(o.id, [OrderStatus.PENDING_PAYMENT], OrderStatus.CANCELLED, 'not paid in time'))
        report.expired += 1;
    }
    // Confirmed orders that were cancelled give back through their refunds, not here.
    const leftovers = await em.find(
      Order,
      due({ status: { $in: [OrderStatus.FAILED, OrderStatus.CANCELLED] }, compensated: false, confirmed: false }),
      byDue,
    );
    for (const o of leftovers) {
      if (this.stopping) return report;
      const released = o.paidAt ? await compensation.releasePaid(o.id) : await compensation.releaseAll(o.id);
      if (released) report.compensated += 1;
      else await this.failed(o, now);
    }
    // A paid order its own request is still confirming is left to it (the sweep racing it doubles the
    // remote work, and the two can deadlock on the order's code allocation): one is due when
    // that request gave up (`confirm` set next_recovery_at) or is older than the stale time (it died).
    const unconfirmed = await em.find(
      Order,
      due({
        status: OrderStatus.PAID,
        confirmed: false,
        $or: [
          { nextRecoveryAt: { $ne: null } },
          { paidAt: null },
          { paidAt: { $lte: new Date(now.getTime() - staleAfterMs) } },
        ],
      }),
      byDue,
    );
    const confirmation = new OrderConfirmation(this.em, this.ports, this.log);
    for (const o of unconfirmed) {
      if (this.stopping) return report;
      const outcome = await confirmation.attempt(o.id);
      if (outcome.kind === 'confirmed') report.confirmed += 1;
      if (outcome.kind !== 'retry' && outcome.kind !== 'refused') continue;
      const attempts = o.recoveryAttempts + 1;
      if (outcome.kind === 'refused' || attempts >= this.settings.maxConfirmAttempts) {
        // What the bank and the customer read: a refusal's own message (written for people), never the
        // raw text of an unexpected error (driver or network detail), which goes to the log only.
        const cause =
          outcome.kind === 'refused'
            ? outcome.error
            : `could not be confirmed after ${attempts} attempts (a service kept failing)`;
        if (await compensation.abandonPaid(o.id, cause)) {
          report.refunded += 1;
          this.log.warn('paid order could not be confirmed; refunded in full', {
            orderId: o.id,
            cause,
            lastError: outcome.error,
          });
        }
        // Its give-backs, if incomplete, are retried as a leftover (from attempt 0).
        await affectedRows(
          this.em.fork(),
          'UPDATE customer_order SET recovery_attempts = 0, next_recovery_at = NULL WHERE id = ?',
          [o.id],
        );
      } else {
        await this.failed(o, now);
      }
    }
    const refunds = await em.find(
      Refund,
      opts.ignoreBackoff
        ? { state: RefundState.APPROVED, remoteSettled: false }
        : {
            state: RefundState.APPROVED,
            remoteSettled: false,
            $or: [{ nextSettleAt: null }, { nextSettleAt: { $lte: now } }],
          },
      { limit: BATCH, orderBy: { nextSettleAt: 'ASC', id: 'ASC' } },
    );
    const afterSales = new AfterSalesService(
      this.em,
      { role: 'SERVICE', sub: 'orders-recovery' },
      this.ports,
      this.log,
    );
    for (const r of refunds) {
      if (this.stopping) return report;
      try {
        await afterSales.settleRemote(r);
        report.refundsSettled += 1;
      } catch (e) {
        this.log.warn('refund still not settled remotely', {
          refundId: r.id,
          error: e instanceof Error ? e.message : String(e),
        });
        await affectedRows(
          this.em.fork(),
          'UPDATE refund SET settle_attempts = settle_attempts + 1, next_settle_at = ? WHERE id = ?',
          [nextAttemptAt(now, r.settleAttempts + 1, this.settings), r.id],
        );
      }
    }
    return report;
  }

  /** One more failed attempt: try again after the backoff. */
  private async failed(o: Order, now: Date): Promise<void> {
    await affectedRows(
      this.em.fork(),
      'UPDATE customer_order SET recovery_attempts = recovery_attempts + 1, next_recovery_at = ? WHERE id = ?',
      [nextAttemptAt(now, o.recoveryAttempts + 1, this.settings), o.id],
    );
  }
}
