import type { SqlEntityManager } from '@mikro-orm/knex';
import { Order } from '../entities/order';
import { OrderLine } from '../entities/order-line';
import { SupplierOrder } from '../entities/supplier-order';

/**
 * Everything the saga needs of one order — the order row, its lines and its supplier orders — loaded
 * once and passed down checkout → advance → confirm (and the sweep's confirm / give-back), so no step
 * reads again what the one before it already had (Saleor's `CheckoutInfo` in checkout/fetch.py).
 *
 * A bundle is a snapshot: every status change still goes through order-lifecycle.ts as a conditional
 * UPDATE, so a stale bundle can never move a row the database says has moved on. A step that learns a
 * new status from its own affected-row count writes it back into the bundle with `noteOrder`.
 */
export interface OrderBundle {
  order: Order;
  /** In id order (the order they were placed in). */
  lines: OrderLine[];
  /** In id order. */
  supplierOrders: SupplierOrder[];
}

/** The one loader: the order and everything under it, or null when there is no such order. */
export async function loadOrderBundle(em: SqlEntityManager, orderId: number): Promise<OrderBundle | null> {
  const order = await em.findOne(Order, orderId, { refresh: true });
  if (!order) return null;
  const lines = await em.find(OrderLine, { orderId }, { orderBy: { id: 'ASC' }, refresh: true });
  const supplierOrders = await em.find(SupplierOrder, { orderId }, { orderBy: { id: 'ASC' }, refresh: true });
  return { order, lines, supplierOrders };
}

/** Records in the bundle what a step just wrote to the order row (a move it made, a flag it set). */
export function noteOrder(bundle: OrderBundle, changes: Partial<Order>): void {
  Object.assign(bundle.order, changes);
}
