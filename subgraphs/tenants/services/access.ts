import { notFound } from '../../../core/errors';
import { bankScopeOf, type Principal } from '../../../core/identity';

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
  if (principal.role === 'CUSTOMER' && principal.customerId !== String(customer.id)) throw notFound('Customer', customer.id);
}
