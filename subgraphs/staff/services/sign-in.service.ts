import { randomBytes } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { SignInChallenge } from '../entities/sign-in-challenge';
import { ADMIN_ROLES, StaffMember, StaffMemberStatus } from '../entities/staff-member';
import { passwordMatches } from './passwords';
import { SessionService, hashOpaqueToken, type DeviceInfo, type IssuedTokens } from './session.service';
import { SignInThrottles } from './sign-in-throttle';
import { RecoveryCodes, looksLikeRecoveryCode } from './recovery-codes';
import { TotpSecrets, totpSecrets } from './totp';

/** How long an admin has to scan the new secret and confirm it with a code. */
const ENROLMENT_MINUTES = 10;

export type SignInOutcome =
  | 'SIGNED_IN'
  /** Wrong login name, password or code: the answer never says which. */
  | 'INVALID_CREDENTIALS'
  /** Password right; send it again with the authenticator's code. */
  | 'TOTP_REQUIRED'
  /** An admin without a second factor, or anyone whose factor was reset: scan the secret, then confirm it with a code. */
  | 'TOTP_ENROLMENT_REQUIRED'
  | 'LOCKED';

export interface SignInResult {
  outcome: SignInOutcome;
  tokens?: IssuedTokens;
  retryAfterSeconds?: number;
  enrolment?: { challengeToken: string; totpSecret: string; otpauthUri: string };
  /** Issued when an enrolment is confirmed: shown to the member once, never again. */
  recoveryCodes?: string[];
}

/** Login names are compared in lower case, without surrounding spaces. */
export const normaliseLoginName = (loginName: string) => loginName.trim().toLowerCase();

/**
 * Password sign-in with a TOTP second factor. Failures are answered as data (`outcome`), not
 * errors, so the failure count is committed with the answer. Every path to a session ends in
 * `SessionService.open`.
 */
export class SignInService {
  private readonly throttles: SignInThrottles;

  constructor(private readonly em: SqlEntityManager) {
    this.throttles = new SignInThrottles(em);
  }

  async signIn(
    input: { loginName: string; password: string; totpCode?: string | null },
    device: DeviceInfo,
  ): Promise<SignInResult> {
    const loginName = normaliseLoginName(input.loginName);
    const locked = await this.throttles.lockedFor(loginName);
    if (locked > 0) return { outcome: 'LOCKED', retryAfterSeconds: locked };
    const member = loginName ? await this.em.findOne(StaffMember, { loginName }) : null;
    // Checked (against a decoy hash when there is no member) before anything else is looked at, so
    // an unknown name, a disabled member and a wrong password take the same time and answer.
    const passwordRight = await passwordMatches(member?.passwordHash, input.password);
    if (!member || !passwordRight || member.status !== StaffMemberStatus.ACTIVE) return this.failed(loginName);

    if (member.totpConfirmedAt && member.totpSecretSealed) {
      if (!input.totpCode) return { outcome: 'TOTP_REQUIRED' };
      // A recovery code stands in for the authenticator's code (a lost phone); each works once.
      const accepted = looksLikeRecoveryCode(input.totpCode)
        ? await new RecoveryCodes(this.em).redeem(member.id, input.totpCode)
        : await this.acceptCode(member, totpSecrets().open(member.id, member.totpSecretSealed), input.totpCode);
      if (!accepted) return this.failed(loginName);
    } else if (ADMIN_ROLES.includes(member.role) || member.totpEnrolmentRequired) {
      // Admins always sign in with a second factor; anyone whose factor an administrator reset
      // (a lost phone) enrols a new one before a session opens.
      await this.throttles.succeeded(loginName);
      return { outcome: 'TOTP_ENROLMENT_REQUIRED', enrolment: await this.beginEnrolment(member, device) };
    }
    await this.throttles.succeeded(loginName);
    return {
      outcome: 'SIGNED_IN',
      tokens: await new SessionService(this.em).open(member, { method: 'PASSWORD', ...device }),
    };
  }

  /**
   * The second half of an admin's first sign-in: the code from the newly scanned secret confirms
   * it, and the session opens. Wrong codes count against the login name like wrong passwords.
   */
  async confirmTotpEnrolment(
    input: { challengeToken: string; totpCode: string },
    device: DeviceInfo,
  ): Promise<SignInResult> {
    const now = new Date();
    const challenge =
      input.challengeToken.length <= 200
        ? await this.em.findOne(SignInChallenge, { tokenHash: hashOpaqueToken(input.challengeToken) })
        : null;
    if (!challenge || challenge.usedAt || challenge.expiresAt.getTime() <= now.getTime())
      return { outcome: 'INVALID_CREDENTIALS' };
    const member = await this.em.findOne(StaffMember, { id: challenge.staffMemberId });
    if (!member || member.status !== StaffMemberStatus.ACTIVE || !member.totpPendingSecretSealed)
      return { outcome: 'INVALID_CREDENTIALS' };
    const locked = await this.throttles.lockedFor(member.loginName);
    if (locked > 0) return { outcome: 'LOCKED', retryAfterSeconds: locked };
    const secret = totpSecrets().open(member.id, member.totpPendingSecretSealed);
    const step = await TotpSecrets.stepOf(secret, input.totpCode);
    if (step === null) return this.failed(member.loginName);
    const used = await this.em.nativeUpdate(SignInChallenge, { id: challenge.id, usedAt: null }, { usedAt: now });
    if (used !== 1) return { outcome: 'INVALID_CREDENTIALS' };
    member.totpSecretSealed = member.totpPendingSecretSealed;
    member.totpPendingSecretSealed = null;
    member.totpConfirmedAt = now;
    member.totpLastStep = step;
    member.totpEnrolmentRequired = false;
    await this.em.flush();
    await this.throttles.succeeded(member.loginName);
    // A new authenticator comes with a new set of recovery codes (the earlier set, if any, is forgotten).
    const recoveryCodes = await new RecoveryCodes(this.em).issue(member.id);
    return {
      outcome: 'SIGNED_IN',
      tokens: await new SessionService(this.em).open(member, { method: 'PASSWORD', ...device }),
      recoveryCodes,
    };
  }

  /**
   * A fresh secret, sealed as the member's pending one, handed out once with a challenge token. A
   * new sign-in replaces an unconfirmed secret: only the latest scan can be confirmed.
   */
  private async beginEnrolment(member: StaffMember, device: DeviceInfo) {
    const totpSecret = TotpSecrets.generate();
    member.totpPendingSecretSealed = totpSecrets().seal(member.id, totpSecret);
    const challengeToken = randomBytes(32).toString('base64url');
    const now = new Date();
    this.em.persist(
      this.em.create(SignInChallenge, {
        staffMemberId: member.id,
        tokenHash: hashOpaqueToken(challengeToken),
        ipAddress: device.ipAddress?.slice(0, 64) ?? null,
        userAgent: device.userAgent?.slice(0, 255) ?? null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + ENROLMENT_MINUTES * 60_000),
      }),
    );
    await this.em.flush();
    return { challengeToken, totpSecret, otpauthUri: TotpSecrets.uri(member.loginName, totpSecret) };
  }

  /**
   * Whether a code is right and not used before: the member's last accepted step moves forward by a
   * conditional update, so the same code (or an older one) is refused within its whole window, even
   * when two sign-ins race with it.
   */
  private async acceptCode(member: StaffMember, secret: string, code: string): Promise<boolean> {
    const step = await TotpSecrets.stepOf(secret, code);
    if (step === null) return false;
    const moved = await this.em.nativeUpdate(
      StaffMember,
      { id: member.id, $or: [{ totpLastStep: null }, { totpLastStep: { $lt: step } }] },
      { totpLastStep: step },
    );
    return moved === 1;
  }

  private async failed(loginName: string): Promise<SignInResult> {
    const lockSeconds = loginName ? await this.throttles.failed(loginName) : 0;
    return lockSeconds > 0
      ? { outcome: 'INVALID_CREDENTIALS', retryAfterSeconds: lockSeconds }
      : { outcome: 'INVALID_CREDENTIALS' };
  }
}
