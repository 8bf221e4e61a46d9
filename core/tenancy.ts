import { notFound } from './errors';
import { hasRole, isSupplier, isUnscoped, BANK_SCOPED_ROLES, type Principal } from './identity';

type Id = number | string;

/**
 * The tenants an object belongs to: the bank and customer it was made for, and the supplier that
 * fulfils it (or, for an order split over several suppliers, every one of them). Ids are compared
 * as strings, as they travel in tokens.
 */
export interface Owners {
  bankId?: Id | null;
  customerId?: Id | null;
  supplierId?: Id | null;
  supplierIds?: readonly Id[];
}

const same = (scope: string | undefined, owner: Id | null | undefined): boolean =>
  scope !== undefined && owner != null && scope === String(owner);

/**
 * Who may see an object: the platform and internal services every one; a customer what names it
 * and its bank (a customer acts through one bank, and its token must name the object's bank too);
 * a bank's staff and partner apps what names their bank; a supplier what names it as a supplier;
 * nobody else anything.
 */
export function canSee(principal: Principal, owners: Owners): boolean {
  if (isUnscoped(principal)) return true;
  if (hasRole(principal, 'CUSTOMER'))
    return same(principal.customerId, owners.customerId) && same(principal.bankId, owners.bankId);
  if (hasRole(principal, ...BANK_SCOPED_ROLES)) return same(principal.bankId, owners.bankId);
  if (isSupplier(principal)) {
    const suppliers = owners.supplierIds ?? [owners.supplierId];
    return suppliers.some((s) => same(principal.supplierId, s));
  }
  return false;
}

export function visible<T extends Owners>(principal: Principal, items: readonly T[]): T[] {
  return items.filter((i) => canSee(principal, i));
}

/** Another tenant's object is NOT_FOUND, like a missing one, so its existence doesn't leak. */
export function assertVisible<T extends Owners>(
  principal: Principal,
  item: T | null | undefined,
  what: string,
  id: Id,
): T {
  if (!item || !canSee(principal, item)) throw notFound(what, id);
  return item;
}
