import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, forbidden, notFound } from '../../../core/errors';
import { isUnscoped, requirePermission, type Principal } from '../../../core/identity';
import { ROLES_BY_KIND, StaffMember, StaffMemberKind, StaffMemberStatus, StaffRole } from '../entities/staff-member';
import { assertAcceptablePassword, hashPassword } from './passwords';
import { normaliseLoginName } from './sign-in.service';

const LOGIN_NAME = /^[a-z0-9][a-z0-9._@-]{2,99}$/;

export interface NewStaffMember {
  role: StaffRole;
  bankId?: number | null;
  supplierId?: number | null;
  loginName: string;
  displayName: string;
  password: string;
}

/** The kind of tenant a role belongs to. */
export function kindOfRole(role: StaffRole): StaffMemberKind {
  return (Object.keys(ROLES_BY_KIND) as StaffMemberKind[]).find((k) => ROLES_BY_KIND[k].includes(role))!;
}

/**
 * Staff members as their administrators manage them: an admin with MANAGE_STAFF manages their own
 * tenant's staff (another tenant's is NOT_FOUND); the platform manages everyone's.
 */
export class StaffMemberService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /** Creates a member with an initial password (invitations will replace this for most people). */
  async create(input: NewStaffMember): Promise<StaffMember> {
    requirePermission(this.principal, 'MANAGE_STAFF');
    const kind = kindOfRole(input.role);
    const { bankId, supplierId } = this.tenantFor(kind, input);
    const loginName = normaliseLoginName(input.loginName);
    if (!LOGIN_NAME.test(loginName))
      throw badInput(
        'loginName must be 3 to 100 characters: letters, digits and . _ @ - (starting with a letter or digit).',
        [{ field: 'loginName', message: '3–100 of a-z 0-9 . _ @ -' }],
      );
    const displayName = input.displayName.trim();
    if (displayName.length < 1 || displayName.length > 120)
      throw badInput('displayName must be 1 to 120 characters.', [{ field: 'displayName', message: 'length 1–120' }]);
    assertAcceptablePassword(input.password, loginName);
    const now = new Date();
    const member = this.em.create(StaffMember, {
      kind,
      bankId,
      supplierId,
      loginName,
      displayName,
      role: input.role,
      status: StaffMemberStatus.ACTIVE,
      passwordHash: await hashPassword(input.password),
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.em.persistAndFlush(member);
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException)
        throw conflict(`The login name ${loginName} is taken; choose another.`);
      throw e;
    }
    return member;
  }

  /** Which tenant a new member of this kind belongs to: the admin's own, or the one the platform names. */
  private tenantFor(
    kind: StaffMemberKind,
    input: NewStaffMember,
  ): { bankId: number | null; supplierId: number | null } {
    const p = this.principal;
    const platform = isUnscoped(p);
    if (kind === StaffMemberKind.PLATFORM) {
      if (!platform) throw forbidden('Only the platform creates platform staff.');
      return { bankId: null, supplierId: null };
    }
    if (kind === StaffMemberKind.BANK) {
      const own = p.bankId ? Number(p.bankId) : null;
      const bankId = input.bankId ?? own;
      if (bankId === null)
        throw badInput('bankId is required for bank staff.', [{ field: 'bankId', message: 'required' }]);
      if (!platform && bankId !== own) throw notFound('Bank', bankId);
      if (!platform && !p.bankId)
        throw forbidden('Only the bank’s own administrators or the platform create its staff.');
      return { bankId, supplierId: null };
    }
    const own = p.supplierId ? Number(p.supplierId) : null;
    const supplierId = input.supplierId ?? own;
    if (supplierId === null)
      throw badInput('supplierId is required for supplier staff.', [{ field: 'supplierId', message: 'required' }]);
    if (!platform && supplierId !== own) throw notFound('Supplier', supplierId);
    if (!platform && !p.supplierId)
      throw forbidden('Only the supplier’s own administrators or the platform create its staff.');
    return { bankId: null, supplierId };
  }
}
