import type { EntityName } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { selectRows } from '../../../core/sql';
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

/** `alias.column AS alias__column` for every column of an entity, in one select list. */
function columnsOf(em: SqlEntityManager, entity: EntityName<object>, alias: string): string {
  return em
    .getMetadata()
    .find(entity)!
    .props.flatMap((p) => p.fieldNames ?? [])
    .map((c) => `${alias}.${c} AS ${alias}__${c}`)
    .join(', ');
}

/** The columns of one alias in a joined row, under their own names (null when the join found no row). */
function part(row: Record<string, unknown>, alias: string): Record<string, unknown> | null {
  const prefix = `${alias}__`;
  const out: Record<string, unknown> = {};
  for (const k in row) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = row[k];
  return out.id == null ? null : out;
}

/**
 * The one loader: the order and everything under it, or null when there is no such order. One
 * statement (the order joined with its supplier orders and their lines; every line belongs to a
 * supplier order of its order), mapped into the `em`'s identity map as three finds would.
 */
export async function loadOrderBundle(em: SqlEntityManager, orderId: number): Promise<OrderBundle | null> {
  const rows = await selectRows<Record<string, unknown>>(
    em,
    `SELECT ${columnsOf(em, Order, 'o')}, ${columnsOf(em, SupplierOrder, 'so')}, ${columnsOf(em, OrderLine, 'l')}
     FROM customer_order o
     LEFT JOIN supplier_order so ON so.order_id = o.id
     LEFT JOIN order_line l ON l.supplier_order_id = so.id
     WHERE o.id = ?`,
    [orderId],
  );
  if (rows.length === 0) return null;
  const order = em.map(Order, part(rows[0]!, 'o')!);
  const lines = new Map<number, OrderLine>();
  const supplierOrders = new Map<number, SupplierOrder>();
  for (const row of rows) {
    const so = part(row, 'so');
    if (so && !supplierOrders.has(Number(so.id))) supplierOrders.set(Number(so.id), em.map(SupplierOrder, so));
    const l = part(row, 'l');
    if (l && !lines.has(Number(l.id))) lines.set(Number(l.id), em.map(OrderLine, l));
  }
  return {
    order,
    lines: [...lines.values()].sort((a, b) => a.id - b.id),
    supplierOrders: [...supplierOrders.values()].sort((a, b) => a.id - b.id),
  };
}

/** Records in the bundle what a step just wrote to the order row (a move it made, a flag it set). */
export function noteOrder(bundle: OrderBundle, changes: Partial<Order>): void {
  Object.assign(bundle.order, changes);
}
