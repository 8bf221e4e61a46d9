import { notFound } from '../../../core/errors';
import { isSupplier, type Principal, type StaffPermissions } from '../../../core/identity';
import { canSee, type Owners } from '../../../core/tenancy';
import { maskName, maskPhone, maskText, seesCustomerData } from '../../../core/personal-data';
import type { Order, ShippingAddress } from '../entities/order';
import { LineKind, type OrderLine } from '../entities/order-line';
import type { SupplierOrder } from '../entities/supplier-order';

/** Sales reports and settlement statements: money a supplier's SEE_SETTLEMENT covers. */
export const REPORTS: StaffPermissions = { bank: 'SEE_REPORTS', supplier: 'SEE_SETTLEMENT', platform: 'SEE_REPORTS' };
/** Acting on a customer's order for them: confirming its payment, paying a refund's cash back. */
export const SERVING_CUSTOMERS: StaffPermissions = { bank: 'SERVE_CUSTOMERS', platform: 'MANAGE_TENANTS' };
/**
 * Deciding a refund: the supplier of what it shipped, or the bank's customer service for its own
 * customers (the bank answers to them and pays the cash part back).
 */
export const AFTERSALES: StaffPermissions = {
  supplier: 'HANDLE_AFTERSALES',
  bank: 'SERVE_CUSTOMERS',
  platform: 'MANAGE_SUPPLIERS',
};
/**
 * Acting for a customer of the bank (a customer who phoned in): cancelling, asking for a refund,
 * withdrawing unshipped units, changing the address before shipment. Bank staff only (the platform
 * does not act for customers); recorded in the audit trail naming the agent and the customer.
 */
export const ON_BEHALF: StaffPermissions = { bank: 'SERVE_CUSTOMERS' };
/**
 * A supplier cancelling units it cannot fill: an after-sales decision that refunds the customer, so
 * HANDLE_AFTERSALES (the permission that decides refunds), not SHIP_ORDERS.
 */
export const SUPPLIER_CANCELLING: StaffPermissions = { supplier: 'HANDLE_AFTERSALES', platform: 'MANAGE_SUPPLIERS' };
/** Marking a month's statement paid is a bank's finance decision, with its other settings. */
export const SETTLING: StaffPermissions = { bank: 'MANAGE_BANK_SETTINGS', platform: 'MANAGE_TENANTS' };
/** Recording what the bank paid against a statement: the bank's finance staff, or the platform for it. */
export const PAYING_SUPPLIERS: StaffPermissions = { bank: 'PAY_SUPPLIERS', platform: 'MANAGE_SETTLEMENT' };
/** The supplier's side of a statement: confirming or disputing it, its invoices, its own bill. */
export const SUPPLIER_SETTLING: StaffPermissions = { supplier: 'SEE_SETTLEMENT' };
/** The platform running settlement: issuing statements, adjustments, commission rates, advance terms. */
export const MANAGING_SETTLEMENT: StaffPermissions = { platform: 'MANAGE_SETTLEMENT' };
/** The platform's operations on every bank's orders (the recovery sweep). */
export const ORDER_OPERATIONS: StaffPermissions = { platform: 'MANAGE_TENANTS' };

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

/**
 * What a viewer sees of an order's shipping address: nothing for a supplier with no goods to ship in
 * it; recipient, phone and street masked (province, city and district kept, to plan shipping) for
 * staff without the customer-data permission (core/personal-data.ts); the whole address otherwise.
 */
export async function shippingAddressFor(
  principal: Principal,
  address: ShippingAddress,
  linesOfOrder: () => Promise<Pick<OrderLine, 'supplierId' | 'kind'>[]>,
): Promise<ShippingAddress | null> {
  if (isSupplier(principal) && !mustShip(principal, await linesOfOrder())) return null;
  if (seesCustomerData(principal)) return address;
  return {
    ...address,
    recipient: maskName(address.recipient),
    phone: maskPhone(address.phone),
    detail: maskText(address.detail),
  };
}
