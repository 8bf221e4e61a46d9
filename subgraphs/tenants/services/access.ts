import type { EntityClass, EntityManager } from '@mikro-orm/core';
import { badInput, notFound } from '../../../core/errors';
import {
  PLATFORM_ROLES,
  bankScopeOf,
  requirePermission,
  type Permission,
  BANK_ROLES_OR_PLATFORM,
  isBankStaff,
  isUnscoped,
  requireRole,
  requireStaffPermission,
  type Principal,
  type Role,
  type StaffPermissions,
} from '../../../core/identity';
import { assertVisible } from '../../../core/tenancy';

/**
 * Tenancy rule for everything a bank owns: the platform and internal services see every bank;
 * bank staff, partner apps and customers only their own. Another bank's object is NOT_FOUND so its
 * existence does not leak.
 */
export function assertSameBank(principal: Principal, bankId: number, what: string, id: string | number): void {
  const scope = bankScopeOf(principal);
  if (scope !== null && scope !== String(bankId)) throw notFound(what, id);
}

/**
 * A customer is seen by itself, its bank's staff and apps, the platform and services (the tenancy
 * rule); a caller outside every bank (a supplier) is FORBIDDEN, as for everything a bank owns.
 */
export function assertCanSeeCustomer(principal: Principal, customer: { id: number; bankId: number }): void {
  bankScopeOf(principal); // FORBIDDEN outside every bank
  assertVisible(principal, { bankId: customer.bankId, customerId: customer.id }, 'Customer', customer.id);
}

/** Bank staff curate malls, listings, segments and campaigns; the platform may act for any bank. */
export const CURATOR_ROLES: readonly Role[] = BANK_ROLES_OR_PLATFORM;
/** The tier ladder is a bank-admin decision. */
export const BANK_ADMIN_ROLES: readonly Role[] = ['BANK_ADMIN', ...PLATFORM_ROLES];

// What each kind of work needs besides the role (checked first, before anything is read); the
// platform acting for a bank needs MANAGE_TENANTS.
/** Listings, their prices and bulk curation. */
export const CURATION: StaffPermissions = { bank: 'CURATE_LISTINGS', platform: 'MANAGE_TENANTS' };
/** Campaigns and the segments they (and earn rules) target. */
export const CAMPAIGNS: StaffPermissions = { bank: 'RUN_CAMPAIGNS', platform: 'MANAGE_TENANTS' };
/** The bank's own terms: time zone, tier ladder. */
export const BANK_SETTINGS: StaffPermissions = { bank: 'MANAGE_BANK_SETTINGS', platform: 'MANAGE_TENANTS' };
/** Creating and changing customer records on the customers' behalf. */
export const CUSTOMER_RECORDS: StaffPermissions = { bank: 'SERVE_CUSTOMERS', platform: 'MANAGE_TENANTS' };

/** Those who see a bank's curation internals (segments, campaigns): its staff, the platform, services. */
export function isStaff(principal: Principal): boolean {
  return isBankStaff(principal) || isUnscoped(principal);
}

/**
 * The bank an operation acts for: the caller's own bank, or (platform, services) the one given.
 * A bank-scoped caller naming another bank gets NOT_FOUND, like any other foreign object. With
 * `needs`, staff must hold that permission too (checked before the bank is).
 */
export function actingBankId(
  principal: Principal,
  given: string | null | undefined,
  roles: readonly Role[],
  needs?: StaffPermissions,
): number {
  requireRole(principal, ...roles);
  if (needs) requireStaffPermission(principal, needs);
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
  roles: readonly Role[],
  bankId: number,
  what: string,
  id: string | number,
): void {
  requireRole(principal, ...roles);
  assertSameBank(principal, bankId, what, id);
}

/**
 * A row a bank owns (campaign, segment, benefit rule, voucher), for its bank's staff and the
 * platform: missing, malformed or another bank's is NOT_FOUND (role first: FORBIDDEN).
 */
export async function findOwned<T extends { bankId: number }>(
  em: EntityManager,
  entity: EntityClass<T>,
  principal: Principal,
  what: string,
  id: string,
): Promise<T> {
  const row = await em.findOne(entity, idOf(what, id) as never);
  if (!row) throw notFound(what, id);
  assertCurator(principal, CURATOR_ROLES, row.bankId, what, id);
  return row;
}

/** Parses an ID argument; a malformed id cannot exist, so it is NOT_FOUND. */
export function idOf(what: string, value: string | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw notFound(what, value);
  return n;
}

/**
 * A bank's settings and credentials: the bank's admins holding `permission` for their own bank, the
 * platform (MANAGE_TENANTS) for any. Role first (FORBIDDEN), then the permission (FORBIDDEN naming it).
 */
export function requireBankAdministration(principal: Principal, permission: Permission): Principal {
  requireRole(principal, ...BANK_ADMIN_ROLES);
  return requirePermission(principal, isUnscoped(principal) ? 'MANAGE_TENANTS' : permission);
}
