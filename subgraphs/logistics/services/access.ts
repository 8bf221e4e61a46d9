import { forbidden, notFound } from '../../../core/errors';
import type { Principal } from '../../../core/identity';

/** The owners of a fulfilment, a shipment or a delivery record. */
export interface Owners {
  bankId: number;
  customerId: number;
  supplierId?: number;
}

/**
 * Who sees a shipment or a fulfilment: the supplier that ships it, the customer it goes to, the
 * staff and apps of the customer's bank, the platform and internal services. Card codes (owners
 * without a supplier) are not for suppliers.
 */
export function canSee(principal: Principal, o: Owners): boolean {
  switch (principal.role) {
    case 'PLATFORM_ADMIN':
    case 'SERVICE':
      return true;
    case 'CUSTOMER':
      return principal.customerId === String(o.customerId) && principal.bankId === String(o.bankId);
    case 'BANK_ADMIN':
    case 'BANK_OPERATOR':
    case 'PARTNER_APP':
      return principal.bankId === String(o.bankId);
    case 'SUPPLIER_ADMIN':
    case 'SUPPLIER_STAFF':
      return o.supplierId !== undefined && principal.supplierId === String(o.supplierId);
    default:
      return false;
  }
}

export function visible<T extends Owners>(principal: Principal, items: T[]): T[] {
  return items.filter((i) => canSee(principal, i));
}

/** Another tenant's object is NOT_FOUND, so its existence doesn't leak. */
export function assertVisible<T extends Owners>(
  principal: Principal,
  item: T | null | undefined,
  what: string,
  id: string | number,
): T {
  if (!item || !canSee(principal, item)) throw notFound(what, id);
  return item;
}

export function requireSupplierOrPlatform(principal: Principal): void {
  if (!['SUPPLIER_ADMIN', 'SUPPLIER_STAFF', 'PLATFORM_ADMIN'].includes(principal.role)) {
    throw forbidden(`Only the supplier's staff (or the platform) ship supplier orders; you are ${principal.role}.`);
  }
}
