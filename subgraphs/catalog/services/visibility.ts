import { forbidden, notFound } from '../../../core/errors';
import {
  hasRole,
  isBankStaff,
  isSupplier,
  isUnscoped,
  requireRoleAndPermission,
  SUPPLIER_ROLES_OR_PLATFORM,
  type Principal,
  type Role,
  type StaffPermissions,
} from '../../../core/identity';
import type { Sku } from '../entities/sku';

/** Supplier price is a bank's cost: banks, the platform and the owning supplier see it; customers never. */
export function canSeeSupplierPrice(principal: Principal, sku: Sku): boolean {
  if (isSupplier(principal)) return principal.supplierId === String(sku.supplierId);
  return isUnscoped(principal) || isBankStaff(principal);
}

/** Which card kind issues a virtual SKU's codes is back-office detail, not for shoppers. */
export function canSeeCardKinds(principal: Principal): boolean {
  return !hasRole(principal, 'CUSTOMER', 'PARTNER_APP');
}

/**
 * Suppliers see only their own catalogue (SKUs, products, stock, card kinds); everyone else sees the
 * whole pool. Null means "no restriction".
 */
export function ownSupplierOnly(principal: Principal): number | null {
  return isSupplier(principal) ? Number(principal.supplierId) : null;
}

/** Whether the caller may see an object owned by this supplier (another supplier's is NOT_FOUND). */
export function canSeeSupplierObject(principal: Principal, supplierId: number): boolean {
  const own = ownSupplierOnly(principal);
  return own === null || own === supplierId;
}

export function assertVisible(principal: Principal, supplierId: number, what: string, id: string | number): void {
  if (!canSeeSupplierObject(principal, supplierId)) throw notFound(what, id);
}

/** Roles that change a supplier's catalogue. */
export const CATALOG_WRITERS: readonly Role[] = SUPPLIER_ROLES_OR_PLATFORM;
/** Products, SKUs, brand proposals and card kinds: what a supplier sells. */
export const EDIT_CATALOG: StaffPermissions = { supplier: 'MANAGE_CATALOG', platform: 'MANAGE_SUPPLIERS' };
/** Stock levels and card code pools: how much of it there is. */
export const KEEP_STOCK: StaffPermissions = { supplier: 'MANAGE_STOCK', platform: 'MANAGE_SUPPLIERS' };

/**
 * The supplier a write acts for: a supplier's own (an explicit other id is NOT_FOUND), or, for the
 * platform, the one it names.
 */
export function writeScope(
  principal: Principal,
  requested: string | null | undefined,
  needs: StaffPermissions = EDIT_CATALOG,
): number {
  requireRoleAndPermission(principal, CATALOG_WRITERS, needs);
  if (isSupplier(principal)) {
    if (requested != null && requested !== principal.supplierId) throw notFound('Supplier', requested);
    return Number(principal.supplierId);
  }
  if (requested == null) throw forbidden('Platform admins must name the supplier (supplierId) they act for.');
  const id = Number(requested);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound('Supplier', requested);
  return id;
}

/** Staff maintain the catalogue but prices are the supplier admin's (or the platform's) decision. */
export function canChangePrices(principal: Principal): boolean {
  return !hasRole(principal, 'SUPPLIER_STAFF');
}

export function actorOf(principal: Principal): string {
  return `${principal.role}:${principal.sub}`.slice(0, 120);
}
