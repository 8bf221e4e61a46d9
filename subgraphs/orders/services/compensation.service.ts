import { notifyBank } from '../../../core/bank-notifications';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { AppError } from '../../../core/errors';
import type { Logger } from '../../../core/logger';
import { affectedRows, forUpdate, inTransaction, selectRows } from '../../../core/sql';
import { fromCodePool, OrderLine } from '../entities/order-line';
import { OrderStatus } from '../entities/order';
import { Refund, RefundState } from '../entities/refund';
import { SupplierOrderStatus } from '../entities/supplier-order';
import { goodsOf, refundAmounts, type RefundAmounts } from './money';
import { shippingRefundOf } from './shipping';
import { aggregateBySku } from './order-lines';
import { moveOrder, moveSupplierOrder } from './order-lifecycle';
import type { SagaPorts } from './ports';
import { loadOrderBundle } from './order-bundle';

/**
 * Giving back what an order holds when it will not go ahead: a checkout that failed or was
 * cancelled before payment (`compensate`), a paid order that can never be confirmed (`abandonPaid`),
 * and the releases the recovery sweep retries until they succeed (`releaseAll`, `releasePaid`).
 * Checkout, the recovery sweep and aftersales call it; every step is idempotent.
 */
export class Compensation {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly ports: SagaPorts,
    private readonly log: Logger,
  ) {}

  /**
   * Moves the order to FAILED/CANCELLED (only from one of `from`; empty = it already is) and gives
   * back everything it may hold. Releases are idempotent and safe when nothing was reserved; if a
   * subgraph is unreachable the order stays `compensated = false` for the recovery sweep.
   */
  async compensate(
    orderId: number,
    from: OrderStatus[],
    to: OrderStatus.FAILED | OrderStatus.CANCELLED,
    reason: string,
  ): Promise<boolean> {
    const em = this.em.fork();
    if (from.length) {
      const moved = await moveOrder(em, orderId, to, { from, set: { failure_reason: reason.slice(0, 300) } });
      if (!moved) return false;
      await inTransaction(em, async (tx) => {
        await moveSupplierOrder(
          tx,
          { orderId },
          to === OrderStatus.CANCELLED ? SupplierOrderStatus.CANCELLED : SupplierOrderStatus.FAILED,
        );
        // Give the purchase-limit allowance back.
        await this.giveBackPurchaseLimits(tx, orderId);
      });
    }
    return this.releaseAll(orderId);
  }

  /**
   * A paid order that can never be confirmed (a definite refusal, or the sweep ran out of attempts):
   * PAID → FAILED with a reason the bank can read (what went wrong, what comes back, the cash it
   * owes the customer), its supplier orders FAILED and the purchase-limit allowance back — in one
   * transaction, and only while it is unconfirmed — then everything it holds is given back.
   */
  async abandonPaid(orderId: number, cause: string): Promise<boolean> {
    const moved = await inTransaction(this.em, async (tx) => {
      const [row] = await selectRows<{ total_points: number; cash_fen: number; payment_ref: string | null }>(
        tx,
        `SELECT total_points, cash_fen, payment_ref FROM customer_order WHERE id = ? AND status = ? AND confirmed = ?${forUpdate(tx)}`,
        [orderId, OrderStatus.PAID, false],
      );
      if (!row) return false;
      const cash = Number(row.cash_fen);
      const reason = `Paid, but could not be fulfilled; refunded in full: ${row.total_points} points returned${cash > 0 ? `, ${cash} fen for the bank to pay back (payment ${row.payment_ref ?? '-'})` : ''}. Cause: ${cause}`;
      // The row is locked PAID and unconfirmed above, so this move cannot miss.
      await moveOrder(tx, orderId, OrderStatus.FAILED, {
        from: [OrderStatus.PAID],
        set: { failure_reason: reason.slice(0, 300) },
      });
      await moveSupplierOrder(tx, { orderId }, SupplierOrderStatus.FAILED);
      await this.giveBackPurchaseLimits(tx, orderId);
      await this.bookWholeRefund(tx, orderId, cause);
      return true;
    });
    if (!moved) return false;
    await this.releasePaid(orderId);
    return true;
  }

  /**
   * The refunds book's record of an abandoned paid order: one APPROVED refund per supplier order for
   * every unit, shared out like any refund so their sum is what was paid, so the bank finds the cash
   * it owes in `refunds(cashPayout: OWED)`. Points and goods come back through `releasePaid`, not the
   * refund sweep (`remoteSettled`); reports never counted an unconfirmed order, so they stay as they are.
   */
  private async bookWholeRefund(tx: SqlEntityManager, orderId: number, cause: string): Promise<void> {
    const { order, lines, supplierOrders } = (await loadOrderBundle(tx, orderId))!;
    let already: RefundAmounts = { points: 0, cashFen: 0, pointsValueFen: 0 };
    let shippingTotal = 0;
    const now = new Date();
    for (const so of supplierOrders) {
      const units = lines
        .filter((l) => l.supplierOrderId === so.id && l.quantity > l.refundedQuantity)
        .map((l) => ({ orderLineId: l.id, quantity: l.quantity - l.refundedQuantity }));
      if (units.length === 0) continue;
      // Goods shares, plus the supplier order's whole shipping fee (nothing of an unconfirmed order shipped).
      const amounts = refundAmounts(goodsOf(order), lines, units, already);
      const shippingBack = shippingRefundOf(so, SupplierOrderStatus.PAID, lines, units);
      tx.create(Refund, {
        orderId,
        supplierOrderId: so.id,
        bankId: order.bankId,
        supplierId: so.supplierId,
        lines: units,
        reason: `Paid order could not be fulfilled: ${cause}`.slice(0, 500),
        restock: false,
        state: RefundState.APPROVED,
        pointsRefunded: amounts.points,
        cashRefundFen: amounts.cashFen + shippingBack,
        shippingRefundFen: shippingBack,
        pointsValueFen: amounts.pointsValueFen,
        remoteSettled: true,
        createdAt: now,
        decidedAt: now,
      });
      for (const u of units) lines.find((l) => l.id === u.orderLineId)!.refundedQuantity += u.quantity;
      already = {
        points: already.points + amounts.points,
        cashFen: already.cashFen + amounts.cashFen,
        pointsValueFen: already.pointsValueFen + amounts.pointsValueFen,
      };
      shippingTotal += shippingBack;
    }
    notifyBank(tx, {
      type: 'ORDER_REFUNDED',
      bankId: order.bankId,
      key: `order-refunded-whole:${orderId}`,
      occurredAt: now,
      data: {
        orderId: String(orderId),
        customerId: String(order.customerId),
        pointsRefunded: already.points,
        cashRefundFen: already.cashFen + shippingTotal,
        wholeOrder: true,
        reason: `Paid order could not be fulfilled: ${cause}`.slice(0, 500),
      },
    });
    await tx.flush();
  }

  /**
   * Gives back what a paid, unconfirmed, FAILED order may hold, whichever confirmation steps ran:
   * its card codes go back to the pool (they were never delivered), reserved stock is released or
   * committed stock restocked, held points are released or captured points refunded. Every call is
   * idempotent; true when all went through.
   */
  async releasePaid(orderId: number): Promise<boolean> {
    const id = String(orderId);
    const bundle = await loadOrderBundle(this.em.fork(), orderId);
    if (!bundle) throw new Error(`order ${orderId} not found`);
    const { order, lines } = bundle;
    try {
      if (lines.some(fromCodePool)) await this.ports.releaseCodes(id, true);
      if (order.voucherId != null || lines.some((l) => l.campaignId != null || l.quotaUnits > 0))
        await this.ports.releaseCampaignBudget(id);
      await orIfConflict(
        () => this.ports.releaseReservation(id),
        () => this.ports.restock(id, `abandon-${id}`, aggregateBySku(lines)),
      );
      await orIfConflict(
        () => this.ports.releasePoints(id),
        async () => {
          if (order.totalPoints > 0) await this.ports.refundPoints(id, order.totalPoints, `abandon-${id}`);
        },
      );
    } catch (e) {
      this.log.warn('refund of an abandoned paid order incomplete; the recovery sweep will retry', {
        orderId: id,
        error: e instanceof Error ? e.message : String(e),
      });
      return false;
    }
    await this.markCompensated(orderId);
    return true;
  }

  private async giveBackPurchaseLimits(tx: SqlEntityManager, orderId: number): Promise<void> {
    const lines = await tx.find(OrderLine, { orderId });
    for (const l of lines) {
      await affectedRows(
        tx,
        'UPDATE purchase_counter SET quantity = quantity - ? WHERE customer_id = (SELECT customer_id FROM customer_order WHERE id = ?) AND listing_id = ? AND quantity >= ?',
        [l.quantity, orderId, l.listingId, l.quantity],
      );
    }
  }

  /** Releases stock and points of a failed/cancelled order; true when both are given back. */
  async releaseAll(orderId: number): Promise<boolean> {
    const id = String(orderId);
    try {
      await this.ports.releaseReservation(id);
      await this.ports.releasePoints(id); // never held: loyalty leaves a tombstone so a late hold fails
      // Campaign subsidy, quota units and voucher, for orders that took any (tenants leaves a tombstone likewise).
      if (await this.holdsBenefits(orderId)) await this.ports.releaseCampaignBudget(id);
    } catch (e) {
      this.log.warn('compensation incomplete; the recovery sweep will retry', {
        orderId: id,
        error: e instanceof Error ? e.message : String(e),
      });
      return false;
    }
    await this.markCompensated(orderId);
    return true;
  }
  private async holdsBenefits(orderId: number): Promise<boolean> {
    const rows = await selectRows(
      this.em.fork(),
      `SELECT 1 AS x FROM customer_order o WHERE o.id = ? AND (o.voucher_id IS NOT NULL OR EXISTS
         (SELECT 1 FROM order_line l WHERE l.order_id = o.id AND (l.campaign_id IS NOT NULL OR l.quota_units > 0)))`,
      [orderId],
    );
    return rows.length > 0;
  }

  /** Stock and points are back: nothing is reserved or held for the order any more. */
  private async markCompensated(orderId: number): Promise<void> {
    await affectedRows(
      this.em.fork(),
      'UPDATE customer_order SET compensated = ?, stock_reserved = ?, points_held = ?, updated_at = ? WHERE id = ?',
      [true, false, false, new Date(), orderId],
    );
  }
}

/** Runs `first`; when the other subgraph answers CONFLICT (that state is already past), runs `instead`. */
async function orIfConflict(first: () => Promise<unknown>, instead: () => Promise<unknown>): Promise<void> {
  try {
    await first();
  } catch (e) {
    if (!(e instanceof AppError) || e.extensions.code !== 'CONFLICT') throw e;
    await instead();
  }
}
