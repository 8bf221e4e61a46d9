import type { SqlEntityManager } from '@mikro-orm/knex';
import { notifyBank } from '../../../core/bank-notifications';
import { badInput, notFound } from '../../../core/errors';
import { forUpdate, inTransaction, selectRows } from '../../../core/sql';
import { deliveredPerUnit, OrderLine } from '../entities/order-line';
import { Order, OrderStatus } from '../entities/order';
import { SupplierOrder, SupplierOrderStatus } from '../entities/supplier-order';
import { moveOrder, moveSupplierOrder } from './order-lifecycle';
import { SettlementWriter } from './settlement.service';

const RANK: Record<string, number> = {
  [SupplierOrderStatus.PAID]: 1,
  [SupplierOrderStatus.PARTIALLY_SHIPPED]: 2,
  [SupplierOrderStatus.SHIPPED]: 3,
  [SupplierOrderStatus.DELIVERED]: 4,
};

/**
 * Logistics reports how a supplier order is getting on (at least once, possibly out of order).
 * Status only moves forward; DELIVERED makes the lines owed to the supplier (settlement) and, when
 * every supplier order of the order is delivered, completes the order.
 */
export class FulfilmentProgress {
  constructor(private readonly em: SqlEntityManager) {}

  async record(supplierOrderId: number, status: SupplierOrderStatus, at: Date): Promise<SupplierOrder> {
    if (!(status in RANK) || status === SupplierOrderStatus.PAID)
      throw badInput('status must be PARTIALLY_SHIPPED, SHIPPED or DELIVERED.');
    // Which order it belongs to never changes: read it outside, so the transaction starts with its locks.
    const [owner] = await selectRows<{ order_id: number }>(
      this.em.fork(),
      'SELECT order_id FROM supplier_order WHERE id = ?',
      [supplierOrderId],
    );
    if (!owner) throw notFound('Supplier order', supplierOrderId);
    return inTransaction(this.em, async (tx) => {
      // Order, then supplier order — the order refunds take them in — before any plain read: a refund
      // of this supplier order either committed before (its units are not owed) or waits and sees
      // DELIVERED (it takes them back out of settlement). Never both missed.
      await selectRows(tx, `SELECT id FROM customer_order WHERE id = ?${forUpdate(tx)}`, [owner.order_id]);
      await selectRows(tx, `SELECT id FROM supplier_order WHERE id = ?${forUpdate(tx)}`, [supplierOrderId]);
      const so = await tx.findOneOrFail(SupplierOrder, supplierOrderId);
      const behind = (Object.keys(RANK) as SupplierOrderStatus[]).filter((s) => RANK[s]! < RANK[status]!);
      const moved = await moveSupplierOrder(tx, { id: supplierOrderId }, status, {
        from: behind,
        set: {
          delivered_at: status === SupplierOrderStatus.DELIVERED ? at : null,
          // Starts the automatic receipt (returns.service.ts) should no delivery ever be reported.
          ...(status === SupplierOrderStatus.SHIPPED ? { shipped_at: at } : {}),
        },
      });
      if (moved && status === SupplierOrderStatus.DELIVERED) {
        const order = await tx.findOneOrFail(Order, so.orderId);
        const lines = await tx.find(OrderLine, { supplierOrderId });
        const writer = new SettlementWriter(tx);
        // Perks delivered unit by unit are owed per delivered unit, as each is settled (perk-outcome.service.ts).
        for (const l of lines) if (!deliveredPerUnit(l)) await writer.addDelivery(order, l, at);
        // Complete when nothing is left on its way: every supplier order delivered or cancelled.
        const open = await tx.count(SupplierOrder, {
          orderId: order.id,
          status: { $nin: [SupplierOrderStatus.DELIVERED, SupplierOrderStatus.CANCELLED] },
        });
        const completed =
          open === 0 && (await moveOrder(tx, order.id, OrderStatus.COMPLETED, { from: [OrderStatus.PAID] }));
        notifyBank(tx, {
          type: 'ORDER_DELIVERED',
          bankId: order.bankId,
          key: `supplier-order-delivered:${supplierOrderId}`,
          occurredAt: at,
          data: {
            orderId: String(order.id),
            supplierOrderId: String(supplierOrderId),
            customerId: String(order.customerId),
            orderCompleted: completed,
          },
        });
        await tx.flush();
      }
      return tx.findOneOrFail(SupplierOrder, supplierOrderId, { refresh: true });
    });
  }
}
