import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { intFromEnv } from '../../../core/config';
import { AppError, badInput, conflict, forbidden, notFound, unauthenticated } from '../../../core/errors';
import { requireRole, type Principal } from '../../../core/identity';
import { requestContext } from '../../../core/request-context';
import { StaffPasswordReset, StaffPasswordResetStatus } from '../entities/password-reset';
import { Session, SessionEndReason } from '../entities/session';
import { StaffMember, StaffMemberStatus } from '../entities/staff-member';
import { staffMemberIdOf, staffSubject } from './access-tokens';
import { staffAuditSink } from './audit-trail.service';
import { assertAcceptablePassword, hashPassword, passwordMatches } from './passwords';
import { assertLiveSession, PermissionGroupService, permissionsForMember } from './permission-groups.service';
import { RecoveryCodes } from './recovery-codes';
import { SessionService } from './session.service';
import { SignInThrottles } from './sign-in-throttle';
import { assertMayGrant, managesTenant, staffTenant } from './staff-tenant';

/** How long a password reset link works. */
export const PASSWORD_RESET_HOURS = intFromEnv('PERKMALL_STAFF_PASSWORD_RESET_HOURS', 24, 1);

/**
 * Where the member opens the link (the console's reset page); the token follows in the fragment,
 * which browsers never send to servers or in a Referer, so it stays out of access logs.
 */
export function passwordResetUrl(token: string): string {
  const base = process.env.PERKMALL_STAFF_PASSWORD_RESET_URL ?? 'http://127.0.0.1:4000/console/reset-password';
  return `${base}#token=${token}`;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface IssuedPasswordReset {
  reset: StaffPasswordReset;
  url: string;
  member: StaffMember;
}

/**
 * A staff member's credentials after they exist: the member changes their own password; an
 * administrator of the same tenant issues a one-time password reset link or resets a lost second
 * factor. Every change ends the sessions that the old credential opened.
 */
export class CredentialService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /**
   * The signed-in member sets a new password, proving the current one. Their other sessions end
   * (whoever else held one learned nothing that still works); the session asking stays. Wrong
   * current passwords count towards the lockout (signedInMemberProving).
   */
  async changeOwnPassword(
    currentPassword: string,
    newPassword: string,
  ): Promise<{ member: StaffMember; endedSessions: number }> {
    const member = await this.signedInMemberProving(currentPassword, 'change your password');
    assertAcceptablePassword(newPassword, member.loginName, 'newPassword');
    if (await passwordMatches(member.passwordHash, newPassword))
      throw badInput('newPassword must differ from your current password.', [
        { field: 'newPassword', message: 'same as the current password' },
      ]);
    const now = new Date();
    member.passwordHash = await hashPassword(newPassword);
    member.passwordChangedAt = now;
    await this.em.flush();
    const endedSessions = await this.em.nativeUpdate(
      Session,
      { staffMemberId: member.id, endedAt: null, id: { $ne: Number(this.principal.sessionId) } },
      { endedAt: now, endReason: SessionEndReason.PASSWORD_CHANGED },
    );
    await new SignInThrottles(this.em).succeeded(member.loginName);
    return { member, endedSessions };
  }

  /**
   * The signed-in member replaces their recovery codes (the earlier ones stop working), proving
   * their password as for a change: a borrowed access token alone cannot mint a way in.
   */
  async regenerateOwnRecoveryCodes(currentPassword: string): Promise<{ member: StaffMember; codes: string[] }> {
    const member = await this.signedInMemberProving(currentPassword, 'regenerate your recovery codes');
    if (!member.totpConfirmedAt)
      throw conflict(
        'You have no authenticator yet: recovery codes come with a second factor (you get them when you enrol one).',
      );
    await new SignInThrottles(this.em).succeeded(member.loginName);
    return { member, codes: await new RecoveryCodes(this.em).issue(member.id) };
  }

  /**
   * The member behind this access token, active, with a password that `currentPassword` matches.
   * A wrong current password counts against the login name's lockout exactly as a wrong password
   * at sign-in does, so a stolen access token cannot be used to guess the password. That count is
   * the one write an error answer here commits (in its own transaction, before anything else is
   * written), as sign-in commits it with its INVALID_CREDENTIALS answer.
   */
  private async signedInMemberProving(currentPassword: string, toDo: string): Promise<StaffMember> {
    const memberId = staffMemberIdOf(this.principal);
    if (memberId === null || !this.principal.sessionId)
      throw unauthenticated(`Sign in as a staff member (POST /auth/staff/sign-in) to ${toDo}.`);
    await assertLiveSession(this.em, this.principal);
    const member = await this.em.findOne(StaffMember, { id: memberId });
    if (!member || member.status !== StaffMemberStatus.ACTIVE)
      throw unauthenticated('Your account is disabled; ask your administrator.');
    if (!member.passwordHash)
      throw conflict(
        'You sign in through your bank’s single sign-on: your password is kept by your bank’s identity provider, not by Perkmall.',
      );
    const locked = await new SignInThrottles(this.em).lockedFor(member.loginName);
    if (locked > 0)
      throw new AppError('FORBIDDEN', `Too many wrong passwords for your login name: try again in ${locked} s.`, {
        retryAfterSeconds: locked,
      });
    if (!(await passwordMatches(member.passwordHash, currentPassword))) {
      const lockSeconds = await this.countFailureApart(member.loginName);
      throw badInput(
        lockSeconds > 0
          ? `currentPassword is not your current password. Further attempts wait ${lockSeconds} s.`
          : 'currentPassword is not your current password.',
        [{ field: 'currentPassword', message: 'not your current password' }],
      );
    }
    return member;
  }

  /**
   * An administrator (MANAGE_STAFF, same tenant) issues a one-time link for a member to set a new
   * password with. No mail is sent: the link is answered to the administrator, once. Only the
   * newest link of a member works. Not for oneself (change your own password with the current
   * one), not for someone holding permissions the administrator lacks (that would be a way to
   * take over a stronger account), not for members who sign in through SSO.
   */
  async issuePasswordReset(staffMemberId: number): Promise<IssuedPasswordReset> {
    const member = await this.managedMemberForReset(staffMemberId, 'password');
    if (!member.passwordHash)
      throw conflict(
        `${member.loginName} signs in through their bank’s single sign-on; their password is kept by the bank’s identity provider.`,
      );
    const now = new Date();
    await this.em.nativeUpdate(
      StaffPasswordReset,
      { staffMemberId: member.id, usedAt: null, revokedAt: null },
      { revokedAt: now },
    );
    const token = randomBytes(32).toString('base64url');
    const reset = this.em.create(StaffPasswordReset, {
      staffMemberId: member.id,
      tenantKey: staffTenant(member.kind, member.bankId ?? null, member.supplierId ?? null).key,
      tokenHash: hashToken(token),
      issuedBy: this.principal.sub.slice(0, 100),
      createdAt: now,
      expiresAt: new Date(now.getTime() + PASSWORD_RESET_HOURS * 3600_000),
    });
    await this.em.persistAndFlush(reset);
    return { reset, url: passwordResetUrl(token), member };
  }

  /**
   * The member redeems a reset link (the gateway's POST /auth/staff/reset-password; they have no
   * token). The link works once; the new password follows the invitation rules; every session of
   * the member ends and the login name's lockout is cleared. Then they sign in as usual (with their
   * second factor). The write is recorded in the audit trail as the member's own.
   */
  async redeemPasswordReset(token: string, password: string): Promise<{ member: StaffMember; endedSessions: number }> {
    requireRole(this.principal, 'SERVICE');
    const reset =
      token.length >= 20 && token.length <= 100
        ? await this.em.findOne(StaffPasswordReset, { tokenHash: hashToken(token) })
        : null;
    if (!reset)
      throw notFound(
        'Password reset (the link is not valid: copy the whole link, or ask your administrator for a new one)',
      );
    const now = new Date();
    const status = reset.statusAt(now);
    if (status !== StaffPasswordResetStatus.PENDING)
      throw conflict(
        status === StaffPasswordResetStatus.EXPIRED
          ? `This password reset link expired at ${reset.expiresAt.toISOString()}; ask your administrator for a new one.`
          : status === StaffPasswordResetStatus.USED
            ? 'This password reset link has already been used; sign in with the password you set, or ask for a new link.'
            : 'This password reset link was replaced by a newer one; use the newest link your administrator gave you.',
      );
    const member = await this.em.findOne(StaffMember, { id: reset.staffMemberId });
    if (
      !member ||
      member.status !== StaffMemberStatus.ACTIVE ||
      staffTenant(member.kind, member.bankId ?? null, member.supplierId ?? null).key !== reset.tenantKey
    )
      throw conflict('This password reset link no longer works (the account was removed); ask your administrator.');
    assertAcceptablePassword(password, member.loginName);
    // Once: of two concurrent redemptions one claims the link, the other is told it was used.
    const claimed = await this.em.nativeUpdate(
      StaffPasswordReset,
      { id: reset.id, usedAt: null, revokedAt: null, expiresAt: { $gt: now } },
      { usedAt: now },
    );
    if (claimed === 0)
      throw conflict('This password reset link has already been used; sign in with the password you set.');
    const before = member.passwordChangedAt?.toISOString() ?? null;
    member.passwordHash = await hashPassword(password);
    member.passwordChangedAt = now;
    await this.em.flush();
    const endedSessions = await new SessionService(this.em).endAllOf(member.id, SessionEndReason.PASSWORD_RESET);
    await new SignInThrottles(this.em).succeeded(member.loginName);
    // The gateway calls as SERVICE, which is not audited; the act is the member's, so it is
    // recorded under their name, in this transaction.
    await staffAuditSink(this.em, {
      batchId: randomUUID(),
      subgraph: 'staff',
      requestId: requestContext.getStore()?.requestId ?? randomUUID(),
      operation: 'redeemStaffPasswordReset',
      actorRole: member.role,
      actorId: staffSubject(member.id),
      partnerAppId: null,
      occurredAt: now.toISOString(),
      entries: [
        {
          seq: 1,
          action: 'UPDATE',
          targetType: 'StaffMember',
          targetId: String(member.id),
          changes: {
            passwordHash: { before: '[redacted]', after: '[redacted]' },
            passwordChangedAt: { before, after: now.toISOString() },
          },
          bankId: member.bankId != null ? String(member.bankId) : null,
          supplierId: member.supplierId != null ? String(member.supplierId) : null,
          statement: null,
        },
        {
          seq: 2,
          action: 'UPDATE',
          targetType: 'StaffPasswordReset',
          targetId: String(reset.id),
          changes: { usedAt: { before: null, after: now.toISOString() } },
          bankId: member.bankId != null ? String(member.bankId) : null,
          supplierId: member.supplierId != null ? String(member.supplierId) : null,
          statement: null,
        },
      ],
    });
    return { member, endedSessions };
  }

  /**
   * An administrator resets a member's second factor (a lost phone): the secret is forgotten, every
   * session ends, and the next sign-in enrols a new one (the confirm-enrolment step of an admin's
   * first sign-in), whatever the member's role. Same rules as a password reset.
   */
  async resetTotp(staffMemberId: number): Promise<{ member: StaffMember; endedSessions: number }> {
    const member = await this.managedMemberForReset(staffMemberId, 'second factor');
    member.totpSecretSealed = null;
    member.totpPendingSecretSealed = null;
    member.totpConfirmedAt = null;
    member.totpLastStep = null;
    member.totpEnrolmentRequired = true;
    await this.em.flush();
    // The recovery codes belonged to the lost factor; the new enrolment issues a new set.
    await new RecoveryCodes(this.em).forget(member.id);
    const endedSessions = await new SessionService(this.em).endAllOf(member.id, SessionEndReason.TOTP_RESET);
    return { member, endedSessions };
  }

  /**
   * An active member of a tenant the caller manages (another tenant's is NOT_FOUND), who is not the
   * caller and holds nothing the caller lacks.
   */
  private async managedMemberForReset(staffMemberId: number, what: string): Promise<StaffMember> {
    await new PermissionGroupService(this.em, this.principal).requireManager();
    const member = await this.em.findOne(StaffMember, { id: staffMemberId });
    const tenant = member ? staffTenant(member.kind, member.bankId ?? null, member.supplierId ?? null) : null;
    if (!member || !tenant || !managesTenant(this.principal, tenant.key)) throw notFound('Staff member', staffMemberId);
    if (member.id === staffMemberIdOf(this.principal))
      throw forbidden(
        `You cannot reset your own ${what} this way: ${what === 'password' ? 'change it with changeMyPassword (it needs your current password)' : 'ask another administrator'}.`,
      );
    if (member.status !== StaffMemberStatus.ACTIVE)
      throw conflict(`${member.loginName} was removed from the staff; invite them again instead.`);
    assertMayGrant(this.principal, tenant, await permissionsForMember(this.em, member));
    return member;
  }

  /**
   * Counts a failed password check against the login name in a transaction of its own, committed
   * whatever this request answers. Called before this request writes anything, so the fork is not
   * inside the request transaction.
   */
  private async countFailureApart(loginName: string): Promise<number> {
    return this.em.fork().transactional((tx) => new SignInThrottles(tx as SqlEntityManager).failed(loginName));
  }
}
