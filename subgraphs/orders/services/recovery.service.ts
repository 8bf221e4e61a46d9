import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Logger } from '../../../core/logger';
import { Order, OrderStatus } from '../entities/order';
import { CheckoutService } from './checkout.service';
import { OrderConfirmation } from './confirmation.service';
import { AfterSalesService } from './aftersales.service';
import { Refund, RefundState } from '../entities/refund';
import type { SagaPorts } from './ports';

export interface RecoveryReport {
  abandoned: number;
  expired: number;
  compensated: number;
  confirmed: number;
  refundsSettled: number;
}

/** How long a checkout may stay PENDING before the sweep gives it up. */
export const STALE_PENDING_MS = Number(process.env.PERKMALL_STALE_PENDING_MS ?? 2 * 60_000);
const BATCH = 200;

/**
 * Drives every order stuck in an intermediate state forward or back:
 * - PENDING too long (the checkout died or a subgraph was down): compensate → FAILED;
 * - PENDING_PAYMENT past its deadline: cancel and release → CANCELLED;
 * - FAILED/CANCELLED whose releases did not all go through: release again;
 * - PAID but not confirmed: confirm (commit, capture, issue codes, open fulfilment).
 * Every step is idempotent, so sweeps may overlap with each other and with live requests.
 */
export class RecoverySweep {
  constructor(private readonly em: SqlEntityManager, private readonly ports: SagaPorts, private readonly log: Logger) {}

  async run(now: Date = new Date(), staleAfterMs = STALE_PENDING_MS): Promise<RecoveryReport> {
    const checkout = new CheckoutService(this.em, this.ports, this.log);
    const report: RecoveryReport = { abandoned: 0, expired: 0, compensated: 0, confirmed: 0, refundsSettled: 0 };
    const em = this.em.fork();

    const stale = await em.find(Order, { status: OrderStatus.PENDING, updatedAt: { $lt: new Date(now.getTime() - staleAfterMs) } }, { limit: BATCH, orderBy: { id: 'ASC' } });
    for (const o of stale) {
      if (await checkout.compensate(o.id, [OrderStatus.PENDING], OrderStatus.FAILED, 'checkout did not complete')) report.abandoned += 1;
    }
    const unpaid = await em.find(Order, { status: OrderStatus.PENDING_PAYMENT, paymentDueAt: { $lt: now } }, { limit: BATCH, orderBy: { id: 'ASC' } });
    for (const o of unpaid) {
      if (await checkout.compensate(o.id, [OrderStatus.PENDING_PAYMENT], OrderStatus.CANCELLED, 'not paid in time')) report.expired += 1;
    }
    const leftovers = await em.find(Order, { status: { $in: [OrderStatus.FAILED, OrderStatus.CANCELLED] }, compensated: false }, { limit: BATCH, orderBy: { id: 'ASC' } });
    for (const o of leftovers) {
      if (await checkout.releaseAll(o.id)) report.compensated += 1;
    }
    const unconfirmed = await em.find(Order, { status: OrderStatus.PAID, confirmed: false }, { limit: BATCH, orderBy: { id: 'ASC' } });
    const confirmation = new OrderConfirmation(this.em, this.ports, this.log);
    for (const o of unconfirmed) {
      if (await confirmation.confirm(o.id)) report.confirmed += 1;
    }
    const refunds = await em.find(Refund, { state: RefundState.APPROVED, remoteSettled: false }, { limit: BATCH, orderBy: { id: 'ASC' } });
    const afterSales = new AfterSalesService(this.em, { role: 'SERVICE', sub: 'orders-recovery' }, this.ports, this.log);
    for (const r of refunds) {
      try {
        await afterSales.settleRemote(r);
        report.refundsSettled += 1;
      } catch (e) {
        this.log.warn('refund still not settled remotely', { refundId: r.id, error: e instanceof Error ? e.message : String(e) });
      }
    }
    return report;
  }
}
