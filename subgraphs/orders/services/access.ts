import { notFound } from '../../../core/errors';
import { isSupplier, type Principal } from '../../../core/identity';
import { canSee, type Owners } from '../../../core/tenancy';
import type { Order } from '../entities/order';
import { LineKind, type OrderLine } from '../entities/order-line';
import type { SupplierOrder } from '../entities/supplier-order';

/**
 * An order belongs to its customer and bank, and to every supplier that fulfils part of it: a
 * supplier sees the order when one of its supplier orders is theirs (then only its part — see
 * `visibleParts` and `mustShip`).
 */
export function orderOwners(order: Order, supplierOrders: readonly Pick<SupplierOrder, 'supplierId'>[]): Owners {
  return { bankId: order.bankId, customerId: order.customerId, supplierIds: supplierOrders.map((so) => so.supplierId) };
}

export function canSeeOrder(principal: Principal, order: Order, supplierOrders: SupplierOrder[]): boolean {
  return canSee(principal, orderOwners(order, supplierOrders));
}

/** Another tenant's order is NOT_FOUND, like a missing one. */
export function assertCanSeeOrder(
  principal: Principal,
  order: Order | null,
  supplierOrders: SupplierOrder[],
  id: string | number,
): Order {
  if (!order || !canSeeOrder(principal, order, supplierOrders)) throw notFound('Order', id);
  return order;
}

/**
 * The parts of an order (supplier orders, lines, refunds) a viewer may see: a supplier only its own,
 * everyone else all of them.
 */
export function visibleParts<T extends { supplierId: number }>(principal: Principal, items: T[]): T[] {
  if (isSupplier(principal)) return items.filter((i) => String(i.supplierId) === principal.supplierId);
  return items;
}

/**
 * Data minimisation: a supplier needs the customer's address, name and phone only to ship goods.
 * True when the supplier has a physical line in these lines of one order; a supplier that only
 * supplies card codes never sees where the customer lives.
 */
export function mustShip(principal: Principal, lines: Pick<OrderLine, 'supplierId' | 'kind'>[]): boolean {
  return lines.some((l) => String(l.supplierId) === principal.supplierId && l.kind === LineKind.PHYSICAL);
}
