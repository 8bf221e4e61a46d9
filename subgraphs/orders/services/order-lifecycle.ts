import type { SqlEntityManager } from '@mikro-orm/knex';
import { conflict } from '../../../core/errors';
import { affectedRows } from '../../../core/sql';
import { OrderStatus } from '../entities/order';
import { StatementStatus } from '../entities/settlement';
import { SupplierOrderStatus } from '../entities/supplier-order';

/**
 * The one owner of the order's life cycle: which status moves are legal for an order
 * (customer_order), a supplier order (supplier_order) and a settlement statement, and the only code
 * in orders that changes any of those statuses. Every move is a conditional UPDATE (`… WHERE id = ? AND status IN (<legal from-states>)`)
 * whose affected-row count says whether this caller made the move — so two racing callers (a retry,
 * the recovery sweep, a payment at the deadline) can never both move a row, and a row can never
 * jump along a move the table does not list. Modelled on Vendure's default-order-process.ts.
 */

/** Where an order may go from each status. Terminal statuses have no moves. */
export const ORDER_MOVES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  // Checkout: reserved everything → waits for the cash part, or is paid already (points only);
  // a definite refusal or the stale sweep → FAILED; the customer cancels before paying → CANCELLED.
  [OrderStatus.PENDING]: [OrderStatus.PENDING_PAYMENT, OrderStatus.PAID, OrderStatus.FAILED, OrderStatus.CANCELLED],
  // Paid through the bank's channel, or not in time / cancelled by the customer.
  [OrderStatus.PENDING_PAYMENT]: [OrderStatus.PAID, OrderStatus.CANCELLED],
  // Everything delivered (or delivered and cancelled) → COMPLETED; every supplier order cancelled →
  // CANCELLED; never confirmable (abandoned by the sweep, refunded in full) → FAILED.
  [OrderStatus.PAID]: [OrderStatus.COMPLETED, OrderStatus.CANCELLED, OrderStatus.FAILED],
  [OrderStatus.COMPLETED]: [],
  [OrderStatus.FAILED]: [],
  [OrderStatus.CANCELLED]: [],
};

/** Where a supplier order may go from each status. */
export const SUPPLIER_ORDER_MOVES: Readonly<Record<SupplierOrderStatus, readonly SupplierOrderStatus[]>> = {
  // Confirmation: goods wait for shipping (PAID), card codes are delivered when issued; the order
  // failing or being cancelled before confirmation takes its supplier orders with it.
  [SupplierOrderStatus.PENDING_PAYMENT]: [
    SupplierOrderStatus.PAID,
    SupplierOrderStatus.DELIVERED,
    SupplierOrderStatus.CANCELLED,
    SupplierOrderStatus.FAILED,
  ],
  // Logistics reports progress forwards only; an unshipped supplier order can be cancelled.
  [SupplierOrderStatus.PAID]: [
    SupplierOrderStatus.PARTIALLY_SHIPPED,
    SupplierOrderStatus.SHIPPED,
    SupplierOrderStatus.DELIVERED,
    SupplierOrderStatus.CANCELLED,
  ],
  [SupplierOrderStatus.PARTIALLY_SHIPPED]: [SupplierOrderStatus.SHIPPED, SupplierOrderStatus.DELIVERED],
  [SupplierOrderStatus.SHIPPED]: [SupplierOrderStatus.DELIVERED],
  // Goods cancelled but card codes of the same supplier delivered: it ends DELIVERED.
  [SupplierOrderStatus.CANCELLED]: [SupplierOrderStatus.DELIVERED],
  [SupplierOrderStatus.DELIVERED]: [],
  [SupplierOrderStatus.FAILED]: [],
};

/** A monthly settlement statement of one bank and one supplier. */
export const STATEMENT_MOVES: Readonly<Record<StatementStatus, readonly StatementStatus[]>> = {
  // The platform issues a month once it has ended (bank time); later lines go to the next month.
  [StatementStatus.DRAFT]: [StatementStatus.ISSUED],
  // The supplier agrees, or disputes lines.
  [StatementStatus.ISSUED]: [StatementStatus.CONFIRMED, StatementStatus.DISPUTED],
  // The platform answers a dispute with adjustment lines and issues it again.
  [StatementStatus.DISPUTED]: [StatementStatus.ISSUED],
  // Payments reach the total.
  [StatementStatus.CONFIRMED]: [StatementStatus.CLOSED],
  [StatementStatus.CLOSED]: [],
};

/** The statuses from which `to` may be reached, in the table's order. */
export function legalFrom<S extends string>(moves: Readonly<Record<S, readonly S[]>>, to: S): S[] {
  return (Object.keys(moves) as S[]).filter((from) => moves[from].includes(to));
}

/** Columns that change together with an order's status (updated_at is always set). */
export type OrderColumns = Partial<
  Record<'failure_reason' | 'paid_at' | 'payment_due_at' | 'payment_ref' | 'stock_reserved' | 'points_held', unknown>
>;
/** Columns that change together with a supplier order's status. */
export type SupplierOrderColumns = Partial<Record<'delivered_at' | 'shipped_at', unknown>>;
/** Columns that change with a statement's status. */
export type StatementColumns = Partial<Record<'settled_at' | 'issued_at' | 'due_on' | 'confirmed_at', unknown>>;

export interface MoveOptions<S, C> {
  /** Narrows the from-states (each must be a legal move to `to`); default: every legal one. */
  from?: readonly S[];
  /** Other columns written in the same statement. */
  set?: C;
  /** An extra condition ANDed to the WHERE clause (`payment_due_at > ?`, a NOT EXISTS …). */
  guard?: { sql: string; params: unknown[] };
  /** When given, a row that did not move is refused with CONFLICT and this message. */
  refuse?: string;
}

async function move<S extends string>(
  em: SqlEntityManager,
  table: string,
  moves: Readonly<Record<S, readonly S[]>>,
  key: { column: 'id' | 'order_id'; value: number | number[] },
  to: S,
  options: MoveOptions<S, Record<string, unknown>>,
  touch: boolean,
): Promise<boolean> {
  const from = options.from ?? legalFrom(moves, to);
  const illegal = from.filter((f) => !moves[f]?.includes(to));
  // A caller asking for a move the table does not have is a bug, not a race: fail before writing.
  if (illegal.length) throw new Error(`${table}: no move from ${illegal.join(', ')} to ${to}`);
  let moved = 0;
  const keys = Array.isArray(key.value) ? key.value : [key.value];
  const keyCondition = keys.length === 1 ? `${key.column} = ?` : `${key.column} IN (${keys.map(() => '?').join(', ')})`;
  if (from.length && keys.length) {
    const columns: [string, unknown][] = [
      ['status', to],
      ...Object.entries(options.set ?? {}).filter(([, v]) => v !== undefined),
    ];
    if (touch) columns.push(['updated_at', new Date()]);
    const sql =
      `UPDATE ${table} SET ${columns.map(([c]) => `${c} = ?`).join(', ')} WHERE ${keyCondition} AND status IN (${from.map(() => '?').join(', ')})` +
      (options.guard ? ` AND ${options.guard.sql}` : '');
    moved = await affectedRows(em, sql, [
      ...columns.map(([, v]) => v),
      ...keys,
      ...from,
      ...(options.guard?.params ?? []),
    ]);
  }
  if (moved === 0 && options.refuse !== undefined) throw conflict(options.refuse);
  return moved > 0;
}

/**
 * Moves order `orderId` to `to` if it is in a legal from-state (and the guard holds). Returns
 * whether this call moved it; `false` means someone else moved it first or it never could.
 */
export function moveOrder(
  em: SqlEntityManager,
  orderId: number,
  to: OrderStatus,
  options: MoveOptions<OrderStatus, OrderColumns> = {},
): Promise<boolean> {
  return move(em, 'customer_order', ORDER_MOVES, { column: 'id', value: orderId }, to, options, true);
}

/**
 * Moves one supplier order (`{ id }`), several (`{ ids }`, one statement) or all of an order's
 * supplier orders (`{ orderId }`) that are in a legal from-state to `to`. Returns whether any row moved.
 */
export function moveSupplierOrder(
  em: SqlEntityManager,
  which: { id: number } | { ids: number[] } | { orderId: number },
  to: SupplierOrderStatus,
  options: MoveOptions<SupplierOrderStatus, SupplierOrderColumns> = {},
): Promise<boolean> {
  const key =
    'id' in which
      ? { column: 'id' as const, value: which.id }
      : 'ids' in which
        ? { column: 'id' as const, value: which.ids }
        : { column: 'order_id' as const, value: which.orderId };
  return move(em, 'supplier_order', SUPPLIER_ORDER_MOVES, key, to, options, false);
}

/** Moves settlement statement `statementId` to `to` if it is in a legal from-state. */
export function moveStatement(
  em: SqlEntityManager,
  statementId: number,
  to: StatementStatus,
  options: MoveOptions<StatementStatus, StatementColumns> = {},
): Promise<boolean> {
  return move(em, 'settlement_statement', STATEMENT_MOVES, { column: 'id', value: statementId }, to, options, false);
}

/**
 * Confirmation on MySQL/MariaDB in one statement: marks PAID, unconfirmed order `orderId` confirmed
 * and moves its PENDING_PAYMENT supplier orders to `to` (a move the table has), the order row first.
 * Returns the rows changed: 0 when the order was not PAID and unconfirmed (or had no such supplier
 * order: the caller then takes the two-step way, which tells which); 1 + the supplier orders moved otherwise.
 */
export async function confirmMovingSupplierOrders(
  em: SqlEntityManager,
  orderId: number,
  to: SupplierOrderStatus,
  set: SupplierOrderColumns = {},
): Promise<number> {
  if (!SUPPLIER_ORDER_MOVES[SupplierOrderStatus.PENDING_PAYMENT].includes(to))
    throw new Error(`supplier_order: no move from ${SupplierOrderStatus.PENDING_PAYMENT} to ${to}`);
  const columns = Object.entries(set).filter(([, v]) => v !== undefined);
  return affectedRows(
    em,
    `UPDATE customer_order o STRAIGHT_JOIN supplier_order so ON so.order_id = o.id
     SET o.confirmed = ?, o.updated_at = ?, so.status = ?${columns.map(([c]) => `, so.${c} = ?`).join('')}
     WHERE o.id = ? AND o.confirmed = ? AND o.status = ? AND so.status = ?`,
    [
      true,
      new Date(),
      to,
      ...columns.map(([, v]) => v),
      orderId,
      false,
      OrderStatus.PAID,
      SupplierOrderStatus.PENDING_PAYMENT,
    ],
  );
}
