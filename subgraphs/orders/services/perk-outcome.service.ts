import type { SqlEntityManager } from '@mikro-orm/knex';
import { notifyBank } from '../../../core/bank-notifications';
import { badInput, notFound } from '../../../core/errors';
import { requireRole, type Principal } from '../../../core/identity';
import type { Logger } from '../../../core/logger';
import { affectedRows, forUpdate, inTransaction, selectRows } from '../../../core/sql';
import { LineKind, OrderLine, deliveredPerUnit } from '../entities/order-line';
import { Order, OrderStatus } from '../entities/order';
import { PerkUnit, PerkUnitState } from '../entities/perk-unit';
import type { Refund } from '../entities/refund';
import { SupplierOrder, SupplierOrderStatus } from '../entities/supplier-order';
import { AfterSalesService } from './aftersales.service';
import { moveOrder, moveSupplierOrder } from './order-lifecycle';
import type { SagaPorts } from './ports';
import { SettlementWriter } from './settlement.service';

export interface PerkUnitOutcome {
  orderLineId: number;
  unitIndex: number;
  outcome: PerkUnitState.DELIVERED | PerkUnitState.FAILED;
  at: Date;
  /** FAILED: why (the partner's or the bank's words), kept on the refund. */
  reason?: string | null;
}

/**
 * What orders does with the outcome logistics reports for one perk unit (idempotent on the unit:
 * only the PROCESSING → DELIVERED/FAILED move does anything, once):
 * - DELIVERED: the unit is owed to the supplier (one DELIVERY settlement line per unit, less its
 *   share of the supplier-funded discounts);
 * - FAILED: exactly that unit is refunded through the refund book (points and cash, discounts
 *   shared out as for any refund), approved at once, cause DELIVERY_FAILED.
 * When no unit of a supplier order is PROCESSING any more and it has no goods, it ends DELIVERED
 * (CANCELLED when nothing of it was delivered), and the order COMPLETED (or CANCELLED) as with goods.
 */
export class PerkOutcomes {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    private readonly ports: SagaPorts,
    private readonly log: Logger,
  ) {}

  async record(input: PerkUnitOutcome): Promise<PerkUnit> {
    requireRole(this.principal, 'SERVICE');
    if (![PerkUnitState.DELIVERED, PerkUnitState.FAILED].includes(input.outcome))
      throw badInput('outcome must be DELIVERED or FAILED.', [{ field: 'outcome', message: 'DELIVERED or FAILED' }]);
    const unit = await this.em.fork().findOne(PerkUnit, { orderLineId: input.orderLineId, unitIndex: input.unitIndex });
    if (!unit) throw notFound('Perk unit', `pm-${input.orderLineId}-${input.unitIndex}`);
    const aftersales = new AfterSalesService(this.em, this.principal, this.ports, this.log);
    const refund = await inTransaction(this.em, async (tx): Promise<Refund | null> => {
      // The locks every writer of an order takes, in the same order: order, then supplier order.
      await selectRows(tx, `SELECT id FROM customer_order WHERE id = ?${forUpdate(tx)}`, [unit.orderId]);
      await selectRows(tx, `SELECT id FROM supplier_order WHERE id = ?${forUpdate(tx)}`, [unit.supplierOrderId]);
      const moved = await affectedRows(
        tx,
        'UPDATE perk_unit SET state = ?, settled_at = ? WHERE id = ? AND state = ?',
        [input.outcome, tx.getPlatform().processDateProperty(input.at), unit.id, PerkUnitState.PROCESSING],
      );
      if (moved !== 1) return null; // settled before: a repeated report changes nothing
      const order = await tx.findOneOrFail(Order, unit.orderId);
      const so = await tx.findOneOrFail(SupplierOrder, unit.supplierOrderId);
      const line = await tx.findOneOrFail(OrderLine, unit.orderLineId, { refresh: true });
      let booked: Refund | null = null;
      if (input.outcome === PerkUnitState.DELIVERED) {
        const [before] = await selectRows<{ n: number | string }>(
          tx,
          'SELECT COUNT(*) AS n FROM perk_unit WHERE order_line_id = ? AND state = ? AND id <> ?',
          [line.id, PerkUnitState.DELIVERED, unit.id],
        );
        const k = Number(before?.n ?? 0);
        // DELIVERY, its DISCOUNT, CO_FUNDING and COMMISSION increments, and the advance payout.
        await new SettlementWriter(tx).addUnitDelivery(order, line, unit.unitIndex, k, input.at);
      } else {
        const reason = `DELIVERY_FAILED: unit ${unit.unitIndex + 1} of "${line.title}"${input.reason ? ` — ${input.reason}` : ''}`;
        booked = await aftersales.bookDeliveryFailure(tx, order, so, line.id, reason);
        await affectedRows(tx, 'UPDATE perk_unit SET refund_id = ? WHERE id = ?', [booked.id, unit.id]);
      }
      await this.finishSupplierOrder(tx, so, input.at);
      await tx.flush();
      return booked;
    });
    if (refund) await aftersales.settleRemoteOrLeaveToSweep(refund);
    return this.em.fork().findOneOrFail(PerkUnit, unit.id);
  }

  /**
   * With no unit PROCESSING any more, a supplier order without goods is done: DELIVERED when any of
   * its units (or card codes) was delivered, CANCELLED when every unit failed; then the order, once
   * none of its supplier orders is on its way (the same guards as a cancellation).
   */
  private async finishSupplierOrder(tx: SqlEntityManager, so: SupplierOrder, at: Date): Promise<void> {
    const lines = await tx.find(OrderLine, { supplierOrderId: so.id });
    if (lines.some((l) => l.kind === LineKind.PHYSICAL)) return; // goods: logistics reports the supplier order
    const units = await tx.find(PerkUnit, { supplierOrderId: so.id }, { refresh: true });
    if (units.some((u) => u.state === PerkUnitState.PROCESSING)) return;
    const anyDelivered =
      units.some((u) => u.state === PerkUnitState.DELIVERED) || lines.some((l) => !deliveredPerUnit(l));
    const deliveredNow = anyDelivered
      ? await moveSupplierOrder(tx, { id: so.id }, SupplierOrderStatus.DELIVERED, {
          from: [SupplierOrderStatus.PAID],
          set: { delivered_at: at },
        })
      : false;
    if (!anyDelivered)
      await moveSupplierOrder(tx, { id: so.id }, SupplierOrderStatus.CANCELLED, { from: [SupplierOrderStatus.PAID] });
    await moveOrder(tx, so.orderId, OrderStatus.CANCELLED, {
      from: [OrderStatus.PAID],
      set: { failure_reason: 'every perk unit failed to deliver; refunded' },
      guard: {
        sql: 'NOT EXISTS (SELECT 1 FROM supplier_order WHERE order_id = ? AND status <> ?)',
        params: [so.orderId, SupplierOrderStatus.CANCELLED],
      },
    });
    const completed = await moveOrder(tx, so.orderId, OrderStatus.COMPLETED, {
      from: [OrderStatus.PAID],
      guard: {
        sql: 'NOT EXISTS (SELECT 1 FROM supplier_order WHERE order_id = ? AND status NOT IN (?, ?))',
        params: [so.orderId, SupplierOrderStatus.CANCELLED, SupplierOrderStatus.DELIVERED],
      },
    });
    if (deliveredNow)
      notifyBank(tx, {
        type: 'ORDER_DELIVERED',
        bankId: so.bankId,
        key: `supplier-order-delivered:${so.id}`,
        occurredAt: at,
        data: {
          orderId: String(so.orderId),
          supplierOrderId: String(so.id),
          customerId: String(so.customerId),
          orderCompleted: completed,
        },
      });
  }
}
