import type { Principal } from '../../../core/identity';
import type { Sku } from '../entities/sku';

/** Supplier price is a bank's cost: banks, the platform and the owning supplier see it; customers never. */
export function canSeeSupplierPrice(principal: Principal, sku: Sku): boolean {
  switch (principal.role) {
    case 'PLATFORM_ADMIN':
    case 'SERVICE':
    case 'BANK_ADMIN':
    case 'BANK_OPERATOR':
      return true;
    case 'SUPPLIER_ADMIN':
    case 'SUPPLIER_STAFF':
      return principal.supplierId === String(sku.supplierId);
    default:
      return false;
  }
}
