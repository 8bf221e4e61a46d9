import { createHash, randomBytes } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { intFromEnv } from '../../../core/config';
import { badInput, conflict, notFound } from '../../../core/errors';
import { requireRole, type Principal } from '../../../core/identity';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../core/pagination';
import { PermissionGroup } from '../entities/permission-group';
import { SessionEndReason } from '../entities/session';
import { StaffInvitation, StaffInvitationStatus } from '../entities/staff-invitation';
import { StaffMember, StaffMemberStatus, type StaffRole } from '../entities/staff-member';
import { staffMemberIdOf } from './access-tokens';
import { assertAcceptablePassword, hashPassword } from './passwords';
import { PermissionGroupService, permissionsForMember } from './permission-groups.service';
import { SessionService, type DeviceInfo, type IssuedTokens } from './session.service';
import {
  allPermissionsOf,
  assertMayGrant,
  isAdminRole,
  kindOfRole,
  managesTenant,
  staffTenant,
  targetTenant,
  type StaffTenant,
} from './staff-tenant';

/** How long an invitation link works. */
export const INVITATION_HOURS = intFromEnv('PERKMALL_STAFF_INVITATION_HOURS', 72, 1);

/**
 * Where the invitee opens the link (the console's accept page); the token follows in the fragment,
 * which browsers never send to servers or in a Referer, so it stays out of access logs.
 */
export function invitationUrl(token: string): string {
  const base = process.env.PERKMALL_STAFF_INVITATION_URL ?? 'http://127.0.0.1:4000/console/accept-invitation';
  return `${base}#token=${token}`;
}

const LOGIN_NAME = /^[a-z0-9][a-z0-9._@-]{2,99}$/;

export function normaliseLoginName(raw: string, field = 'loginName'): string {
  const loginName = raw.trim().toLowerCase();
  if (!LOGIN_NAME.test(loginName))
    throw badInput(
      `${field} must be 3 to 100 characters: letters, digits and . _ @ - (starting with a letter or digit).`,
      [{ field, message: '3–100 of a-z 0-9 . _ @ -' }],
    );
  return loginName;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface InviteStaffInput {
  displayName: string;
  role: StaffRole;
  permissionGroupIds: number[];
  loginName?: string | null;
  bankId?: number | null;
  supplierId?: number | null;
}

export interface AcceptedInvitation {
  staffMember: StaffMember;
  /** Null for admins: they sign in through the sign-in flow, which enrols their second factor first. */
  tokens: IssuedTokens | null;
}

/**
 * Invitations, and the membership changes that go with people joining and leaving: invite with a
 * role and groups, accept (creates the member), change a member's groups, remove a member.
 */
export class InvitationService {
  private readonly groups: PermissionGroupService;

  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {
    this.groups = new PermissionGroupService(em, principal);
  }

  async invite(input: InviteStaffInput): Promise<{ invitation: StaffInvitation; url: string }> {
    await this.groups.requireManager();
    const kind = kindOfRole(input.role);
    const tenant = targetTenant(this.principal, { bankId: input.bankId, supplierId: input.supplierId });
    if (tenant.kind !== kind)
      throw badInput(`${input.role} is not a role of ${tenant.kind.toLowerCase()} staff.`, [
        {
          field: 'role',
          message: `a ${tenant.kind.toLowerCase()} role; name bankId or supplierId for another tenant (platform)`,
        },
      ]);
    const displayName = input.displayName.trim();
    if (displayName.length < 1 || displayName.length > 120)
      throw badInput('displayName must be 1 to 120 characters.', [{ field: 'displayName', message: 'length 1–120' }]);
    const loginName = input.loginName ? normaliseLoginName(input.loginName) : null;
    if (loginName && (await this.em.count(StaffMember, { loginName })) > 0)
      throw conflict(`The login name ${loginName} is taken; choose another or let the invitee pick one.`);
    await this.groups.ensureBuiltInGroups(tenant);
    const groups = await this.groups.groupsOfTenant(tenant, input.permissionGroupIds);
    assertMayGrant(this.principal, tenant, grantedBy(input.role, tenant, groups));
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const invitation = this.em.create(StaffInvitation, {
      kind,
      bankId: tenant.bankId,
      supplierId: tenant.supplierId,
      tenantKey: tenant.key,
      displayName,
      role: input.role,
      permissionGroupIdList: groups.map((g) => g.id).join(','),
      loginName,
      tokenHash: hashToken(token),
      invitedBy: this.principal.sub.slice(0, 100),
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_HOURS * 3600_000),
    });
    await this.em.persistAndFlush(invitation);
    return { invitation, url: invitationUrl(token) };
  }

  async revoke(invitationId: number): Promise<StaffInvitation> {
    await this.groups.requireManager();
    const invitation = await this.em.findOne(StaffInvitation, { id: invitationId });
    if (!invitation || !managesTenant(this.principal, invitation.tenantKey))
      throw notFound('Staff invitation', invitationId);
    const status = invitation.statusAt(new Date());
    if (status === StaffInvitationStatus.ACCEPTED)
      throw conflict('This invitation was already accepted; remove the member instead.');
    if (status !== StaffInvitationStatus.PENDING) return invitation;
    const now = new Date();
    const changed = await this.em.nativeUpdate(
      StaffInvitation,
      { id: invitation.id, acceptedAt: null, revokedAt: null },
      { revokedAt: now },
    );
    if (changed === 0) throw conflict('This invitation was accepted a moment ago; remove the member instead.');
    invitation.revokedAt = now;
    return invitation;
  }

  async list(
    named: { bankId?: number | null; supplierId?: number | null },
    status: StaffInvitationStatus | null | undefined,
    page: { first?: number | null; after?: string | null },
  ): Promise<Connection<StaffInvitation>> {
    await this.groups.requireManager();
    const tenant = targetTenant(this.principal, named);
    const limit = pageSize(page.first);
    const now = new Date();
    const where: Record<string, unknown> = { tenantKey: tenant.key };
    if (page.after) where.id = { $lt: Number(decodeCursor(page.after, 1)[0]) };
    if (status === StaffInvitationStatus.ACCEPTED) where.acceptedAt = { $ne: null };
    if (status === StaffInvitationStatus.REVOKED) Object.assign(where, { acceptedAt: null, revokedAt: { $ne: null } });
    if (status === StaffInvitationStatus.EXPIRED)
      Object.assign(where, { acceptedAt: null, revokedAt: null, expiresAt: { $lte: now } });
    if (status === StaffInvitationStatus.PENDING)
      Object.assign(where, { acceptedAt: null, revokedAt: null, expiresAt: { $gt: now } });
    // Newest first: the list an administrator checks right after inviting.
    const rows = await this.em.find(StaffInvitation, where, { orderBy: { id: 'DESC' }, limit: limit + 1 });
    return toConnection(rows, limit, (i) => [i.id], Boolean(page.after));
  }

  /**
   * The invitee sets a login name (unless the inviter fixed one) and a password; the link works once.
   * Called by the gateway's `/auth/staff/accept-invitation` (the invitee has no token yet).
   */
  async accept(
    input: { token: string; loginName?: string | null; password: string },
    device: DeviceInfo,
  ): Promise<AcceptedInvitation> {
    requireRole(this.principal, 'SERVICE');
    const invitation =
      input.token.length >= 20 && input.token.length <= 100
        ? await this.em.findOne(StaffInvitation, { tokenHash: hashToken(input.token) })
        : null;
    if (!invitation)
      throw notFound('Invitation (the link is not valid: copy the whole link, or ask for a new invitation)');
    const now = new Date();
    const status = invitation.statusAt(now);
    if (status !== StaffInvitationStatus.PENDING)
      throw conflict(
        status === StaffInvitationStatus.EXPIRED
          ? `This invitation expired at ${invitation.expiresAt.toISOString()}; ask your administrator for a new one.`
          : status === StaffInvitationStatus.ACCEPTED
            ? 'This invitation has already been used; sign in instead.'
            : 'This invitation was withdrawn; ask your administrator for a new one.',
      );
    if (invitation.loginName && input.loginName && normaliseLoginName(input.loginName) !== invitation.loginName)
      throw badInput(`Your administrator chose the login name ${invitation.loginName}; leave loginName out.`, [
        { field: 'loginName', message: `must be ${invitation.loginName} or left out` },
      ]);
    const rawLogin = invitation.loginName ?? input.loginName;
    if (!rawLogin) throw badInput('Choose a login name.', [{ field: 'loginName', message: 'required' }]);
    const loginName = normaliseLoginName(rawLogin);
    assertAcceptablePassword(input.password, loginName);
    // The link works once: of two concurrent acceptances one claims it, the other is told it was used.
    const claimed = await this.em.nativeUpdate(
      StaffInvitation,
      { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { $gt: now } },
      { acceptedAt: now },
    );
    if (claimed === 0) throw conflict('This invitation has already been used; sign in instead.');
    const member = this.em.create(StaffMember, {
      kind: invitation.kind,
      bankId: invitation.bankId ?? null,
      supplierId: invitation.supplierId ?? null,
      loginName,
      displayName: invitation.displayName,
      role: invitation.role,
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
    await this.em.nativeUpdate(StaffInvitation, { id: invitation.id }, { acceptedStaffMemberId: member.id });
    // Groups deleted since the invitation are simply left out.
    const tenant = tenantOfInvitation(invitation);
    const groups = await this.em.find(PermissionGroup, {
      id: { $in: invitation.permissionGroupIds() },
      tenantKey: tenant.key,
    });
    await this.groups.setMemberships(member, groups);
    if (isAdminRole(member.role)) return { staffMember: member, tokens: null };
    const tokens = await new SessionService(this.em).open(member, { method: 'PASSWORD', ...device });
    return { staffMember: member, tokens };
  }

  /**
   * Replaces a member's groups. Tokens issued from now on carry the new permissions; tokens already
   * out keep theirs until they expire (10 minutes) unless the member's sessions are revoked.
   */
  async setMemberGroups(staffMemberId: number, permissionGroupIds: number[]): Promise<StaffMember> {
    await this.groups.requireManager();
    const member = await this.managedMember(staffMemberId);
    const tenant = tenantOfMember(member);
    const groups = await this.groups.groupsOfTenant(tenant, permissionGroupIds);
    // The caller must hold what the member holds now and what they will hold: nobody takes away
    // or gives rights beyond their own.
    const before = await permissionsForMember(this.em, member);
    assertMayGrant(this.principal, tenant, [...new Set([...before, ...grantedBy(member.role, tenant, groups)])]);
    await this.groups.setMemberships(member, groups);
    return member;
  }

  /**
   * Removes a member from the tenant's staff: disabled (no sign-in) and every session ended at
   * once, so their tokens are refused right after (the staff subgraph checks here; the gateway's
   * session check refuses them everywhere).
   */
  async remove(staffMemberId: number): Promise<StaffMember> {
    await this.groups.requireManager();
    const member = await this.managedMember(staffMemberId);
    if (member.id === staffMemberIdOf(this.principal))
      throw conflict('You cannot remove yourself; ask another administrator.');
    assertMayGrant(this.principal, tenantOfMember(member), await permissionsForMember(this.em, member));
    if (member.status !== StaffMemberStatus.DISABLED) {
      member.status = StaffMemberStatus.DISABLED;
      await this.em.flush();
    }
    await new SessionService(this.em).endAllOf(member.id, SessionEndReason.MEMBER_DISABLED);
    return member;
  }

  /** A member of a tenant the caller manages; anyone else's is NOT_FOUND. */
  private async managedMember(staffMemberId: number): Promise<StaffMember> {
    const member = await this.em.findOne(StaffMember, { id: staffMemberId });
    if (!member || !managesTenant(this.principal, tenantOfMember(member).key))
      throw notFound('Staff member', staffMemberId);
    return member;
  }
}

/** What a role plus groups grant: admins every permission of their kind, others their groups' union. */
function grantedBy(role: StaffRole, tenant: StaffTenant, groups: readonly PermissionGroup[]) {
  if (isAdminRole(role)) return [...allPermissionsOf(tenant.kind)];
  return [...new Set(groups.flatMap((g) => g.permissions()))];
}

function tenantOfMember(m: StaffMember): StaffTenant {
  return staffTenant(m.kind, m.bankId ?? null, m.supplierId ?? null);
}

function tenantOfInvitation(i: StaffInvitation): StaffTenant {
  return staffTenant(i.kind, i.bankId ?? null, i.supplierId ?? null);
}
