import { notFound } from '../../../core/errors';
import type { Principal } from '../../../core/identity';
import type { Order } from '../entities/order';
import { LineKind, type OrderLine } from '../entities/order-line';
import type { SupplierOrder } from '../entities/supplier-order';

/**
 * Who sees an order: its customer (through the order's bank); staff and apps of its bank; the platform and services; and a
 * supplier only when it fulfils part of the order (then only its part — see `linesFor`).
 */
export function canSeeOrder(principal: Principal, order: Order, supplierOrders: SupplierOrder[]): boolean {
  switch (principal.role) {
    case 'PLATFORM_ADMIN':
    case 'SERVICE':
      return true;
    case 'CUSTOMER':
      // Both: a customer acts through one bank, and its token must name the order's bank too.
      return principal.customerId === String(order.customerId) && principal.bankId === String(order.bankId);
    case 'BANK_ADMIN':
    case 'BANK_OPERATOR':
    case 'PARTNER_APP':
      return principal.bankId === String(order.bankId);
    case 'SUPPLIER_ADMIN':
    case 'SUPPLIER_STAFF':
      return supplierOrders.some((so) => String(so.supplierId) === principal.supplierId);
    default:
      return false;
  }
}

export function assertCanSeeOrder(
  principal: Principal,
  order: Order | null,
  supplierOrders: SupplierOrder[],
  id: string | number,
): Order {
  if (!order || !canSeeOrder(principal, order, supplierOrders)) throw notFound('Order', id);
  return order;
}

export function canSeeSupplierOrder(principal: Principal, so: SupplierOrder): boolean {
  switch (principal.role) {
    case 'PLATFORM_ADMIN':
    case 'SERVICE':
      return true;
    case 'CUSTOMER':
      return principal.customerId === String(so.customerId) && principal.bankId === String(so.bankId);
    case 'BANK_ADMIN':
    case 'BANK_OPERATOR':
    case 'PARTNER_APP':
      return principal.bankId === String(so.bankId);
    case 'SUPPLIER_ADMIN':
    case 'SUPPLIER_STAFF':
      return principal.supplierId === String(so.supplierId);
    default:
      return false;
  }
}

/** A supplier sees only its own supplier orders of an order; everyone else sees them all. */
export function visibleSupplierOrders<T extends { supplierId: number }>(principal: Principal, items: T[]): T[] {
  if (principal.role === 'SUPPLIER_ADMIN' || principal.role === 'SUPPLIER_STAFF')
    return items.filter((i) => String(i.supplierId) === principal.supplierId);
  return items;
}

export function isSupplier(principal: Principal): boolean {
  return principal.role === 'SUPPLIER_ADMIN' || principal.role === 'SUPPLIER_STAFF';
}

/**
 * Data minimisation: a supplier needs the customer's address, name and phone only to ship goods.
 * True when the supplier has a physical line in these lines of one order; a supplier that only
 * supplies card codes never sees where the customer lives.
 */
export function mustShip(principal: Principal, lines: Pick<OrderLine, 'supplierId' | 'kind'>[]): boolean {
  return lines.some((l) => String(l.supplierId) === principal.supplierId && l.kind === LineKind.PHYSICAL);
}
