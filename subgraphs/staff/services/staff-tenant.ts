import { forbidden, notFound, badInput } from '../../../core/errors';
import {
  PERMISSIONS_BY_KIND,
  isUnscoped,
  permissionsOf,
  type Permission,
  type Principal,
  type StaffKind,
} from '../../../core/identity';
import { ADMIN_ROLES, ROLES_BY_KIND, StaffMemberKind, type StaffRole } from '../entities/staff-member';

/** The platform, one bank or one supplier: whose staff, groups and invitations an operation touches. */
export interface StaffTenant {
  kind: StaffMemberKind;
  bankId: number | null;
  supplierId: number | null;
  /** `platform`, `bank:<id>`, `supplier:<id>` (the key column of groups and invitations). */
  key: string;
}

export function tenantKeyOf(t: { kind: StaffMemberKind; bankId?: number | null; supplierId?: number | null }): string {
  if (t.kind === StaffMemberKind.BANK) return `bank:${t.bankId}`;
  if (t.kind === StaffMemberKind.SUPPLIER) return `supplier:${t.supplierId}`;
  return 'platform';
}

export function staffTenant(kind: StaffMemberKind, bankId: number | null, supplierId: number | null): StaffTenant {
  return { kind, bankId, supplierId, key: tenantKeyOf({ kind, bankId, supplierId }) };
}

/** core/identity.ts's name for a kind of staff. */
export function permissionKindOf(kind: StaffMemberKind): StaffKind {
  return kind === StaffMemberKind.BANK ? 'bank' : kind === StaffMemberKind.SUPPLIER ? 'supplier' : 'platform';
}

export function kindOfRole(role: StaffRole): StaffMemberKind {
  return (Object.keys(ROLES_BY_KIND) as StaffMemberKind[]).find((k) => ROLES_BY_KIND[k].includes(role))!;
}

export const isAdminRole = (role: StaffRole) => ADMIN_ROLES.includes(role);

/** Every permission of a kind of staff: what its admins hold. */
export const allPermissionsOf = (kind: StaffMemberKind): readonly Permission[] =>
  PERMISSIONS_BY_KIND[permissionKindOf(kind)];

/**
 * The tenant a staff-management call acts on: a bank's or supplier's staff always their own (naming
 * another is NOT_FOUND, so its existence does not leak); the platform any, named by `bankId` or
 * `supplierId` (neither: the platform's own).
 */
export function targetTenant(
  principal: Principal,
  named: { bankId?: number | null; supplierId?: number | null },
): StaffTenant {
  if (named.bankId != null && named.supplierId != null)
    throw badInput('Name a bank or a supplier, not both.', [
      { field: 'supplierId', message: 'give bankId or supplierId' },
    ]);
  if (isUnscoped(principal)) {
    if (named.bankId != null) return staffTenant(StaffMemberKind.BANK, named.bankId, null);
    if (named.supplierId != null) return staffTenant(StaffMemberKind.SUPPLIER, null, named.supplierId);
    return staffTenant(StaffMemberKind.PLATFORM, null, null);
  }
  if (principal.bankId && principal.role.startsWith('BANK_')) {
    const own = Number(principal.bankId);
    if (named.supplierId != null) throw notFound('Supplier', named.supplierId);
    if (named.bankId != null && named.bankId !== own) throw notFound('Bank', named.bankId);
    return staffTenant(StaffMemberKind.BANK, own, null);
  }
  if (principal.supplierId && principal.role.startsWith('SUPPLIER_')) {
    const own = Number(principal.supplierId);
    if (named.bankId != null) throw notFound('Bank', named.bankId);
    if (named.supplierId != null && named.supplierId !== own) throw notFound('Supplier', named.supplierId);
    return staffTenant(StaffMemberKind.SUPPLIER, null, own);
  }
  throw forbidden('Staff management is for the staff of the platform, a bank or a supplier.');
}

/** Whether the caller may see and manage this tenant's staff (others answer NOT_FOUND). */
export function managesTenant(principal: Principal, tenantKey: string): boolean {
  if (isUnscoped(principal)) return true;
  if (principal.role.startsWith('BANK_') && principal.bankId) return tenantKey === `bank:${principal.bankId}`;
  if (principal.role.startsWith('SUPPLIER_') && principal.supplierId)
    return tenantKey === `supplier:${principal.supplierId}`;
  return false;
}

/**
 * Nobody grants more than they hold: every permission given (through a role, a group or a group's
 * change) must be the caller's own. The platform stands above banks and suppliers (it sets up their
 * first admins), so it may grant any permission of theirs; within the platform the rule holds too.
 */
export function assertMayGrant(principal: Principal, tenant: StaffTenant, granted: readonly Permission[]): void {
  const ofKind = allPermissionsOf(tenant.kind);
  const foreign = granted.filter((p) => !ofKind.includes(p));
  if (foreign.length > 0)
    throw badInput(
      `${foreign.join(', ')} ${foreign.length === 1 ? 'is not a permission' : 'are not permissions'} of ${permissionKindOf(tenant.kind)} staff.`,
      [{ field: 'permissions', message: `only ${ofKind.join(', ')}` }],
    );
  if (isUnscoped(principal) && tenant.kind !== StaffMemberKind.PLATFORM) return;
  const held = permissionsOf(principal);
  const beyond = granted.filter((p) => !held.includes(p));
  if (beyond.length > 0)
    throw forbidden(
      `You cannot grant ${beyond.join(', ')}: you do not hold ${beyond.length === 1 ? 'it' : 'them'} yourself. Ask an administrator who does.`,
    );
}
