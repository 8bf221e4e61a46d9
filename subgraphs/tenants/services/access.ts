import { badInput, notFound } from '../../../core/errors';
import { bankScopeOf, requireRole, type Principal, type Role } from '../../../core/identity';

/**
 * Tenancy rule for everything a bank owns: the platform and internal services see every bank;
 * bank staff, partner apps and customers only their own. Another bank's object is NOT_FOUND so its
 * existence does not leak.
 */
export function assertSameBank(principal: Principal, bankId: number, what: string, id: string | number): void {
  const scope = bankScopeOf(principal);
  if (scope !== null && scope !== String(bankId)) throw notFound(what, id);
}

/** A customer sees only itself; everyone else follows the bank rule. */
export function assertCanSeeCustomer(principal: Principal, customer: { id: number; bankId: number }): void {
  assertSameBank(principal, customer.bankId, 'Customer', customer.id);
  if (principal.role === 'CUSTOMER' && principal.customerId !== String(customer.id))
    throw notFound('Customer', customer.id);
}

/** Bank staff curate malls, listings, segments and campaigns; the platform may act for any bank. */
export const CURATOR_ROLES: Role[] = ['BANK_ADMIN', 'BANK_OPERATOR', 'PLATFORM_ADMIN'];
/** The tier ladder is a bank-admin decision. */
export const BANK_ADMIN_ROLES: Role[] = ['BANK_ADMIN', 'PLATFORM_ADMIN'];

export function isStaff(principal: Principal): boolean {
  return ['BANK_ADMIN', 'BANK_OPERATOR', 'PLATFORM_ADMIN', 'SERVICE'].includes(principal.role);
}

/**
 * The bank an operation acts for: the caller's own bank, or (platform, services) the one given.
 * A bank-scoped caller naming another bank gets NOT_FOUND, like any other foreign object.
 */
export function actingBankId(principal: Principal, given: string | null | undefined, roles: Role[]): number {
  requireRole(principal, ...roles);
  const scope = bankScopeOf(principal);
  if (scope === null) {
    const n = Number(given);
    if (!given || !Number.isSafeInteger(n) || n < 1)
      throw badInput('bankId is required for platform operators.', [{ field: 'bankId', message: 'required' }]);
    return n;
  }
  if (given && given !== scope) throw notFound('Bank', given);
  return Number(scope);
}

/**
 * The caller may administer an object of `bankId`: right role first (FORBIDDEN), then the tenancy
 * rule (NOT_FOUND naming the object, never its bank).
 */
export function assertCurator(
  principal: Principal,
  roles: Role[],
  bankId: number,
  what: string,
  id: string | number,
): void {
  requireRole(principal, ...roles);
  assertSameBank(principal, bankId, what, id);
}

/** Parses an ID argument; a malformed id cannot exist, so it is NOT_FOUND. */
export function idOf(what: string, value: string | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw notFound(what, value);
  return n;
}
