import { createHash, randomBytes } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { intFromEnv } from '../../../core/config';
import { RefreshToken } from '../entities/refresh-token';
import { Session, SessionEndReason, SessionMethod } from '../entities/session';
import { StaffMember, StaffMemberStatus } from '../entities/staff-member';
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken, staffPrincipal } from './access-tokens';
import { permissionsForMember } from './permission-groups.service';
import { ssoPermissionsOf } from './sso-permissions';

/** Longest a session lasts from sign-in, however active (then the member signs in again). */
export const SESSION_MAX_HOURS = intFromEnv('PERKMALL_STAFF_SESSION_HOURS', 12, 1);

/** Where the request that opens or refreshes a session came from, for the member's session list. */
export interface DeviceInfo {
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** What a client holds after signing in or refreshing. */
export interface IssuedTokens {
  session: Session;
  accessToken: string;
  /** Seconds the access token is valid for. */
  expiresIn: number;
  /** Opaque; exchange it once for new tokens (the answer carries the next one). */
  refreshToken: string;
}

export const hashOpaqueToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newOpaqueToken = () => randomBytes(32).toString('base64url');

/**
 * Staff sessions: opening one (after a password + TOTP check here, or an SSO sign-in), refreshing
 * it with a rotating refresh token, ending it. Every sign-in method ends in `open`.
 */
export class SessionService {
  constructor(private readonly em: SqlEntityManager) {}

  /**
   * Opens a session for a member whose identity the caller has proven (password and second factor,
   * or the bank's identity provider) and returns its first tokens. The member must be ACTIVE.
   */
  async open(
    member: StaffMember,
    opts: { method: SessionMethod | 'PASSWORD' | 'SSO' } & DeviceInfo,
  ): Promise<IssuedTokens> {
    if (member.status !== StaffMemberStatus.ACTIVE) throw new Error('open() needs an active member');
    const now = new Date();
    const session = this.em.create(Session, {
      staffMemberId: member.id,
      method: opts.method as SessionMethod,
      ipAddress: truncate(opts.ipAddress, 64),
      userAgent: truncate(opts.userAgent, 255),
      createdAt: now,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_HOURS * 3600_000),
    });
    await this.em.persistAndFlush(session);
    return this.issue(member, session);
  }

  /** A fresh access token and the session's next refresh token. */
  protected async issue(member: StaffMember, session: Session): Promise<IssuedTokens> {
    const refreshToken = newOpaqueToken();
    this.em.persist(
      this.em.create(RefreshToken, {
        sessionId: session.id,
        tokenHash: hashOpaqueToken(refreshToken),
        createdAt: new Date(),
      }),
    );
    await this.em.flush();
    // Read at every issue, so a change of the member's groups reaches the next token. An SSO session
    // carries what the bank's identity-provider groups granted at the last SSO sign-in instead.
    const permissions =
      (session.method === SessionMethod.SSO ? await ssoPermissionsOf(this.em, member.id) : null) ??
      (await permissionsForMember(this.em, member));
    return {
      session,
      accessToken: await signAccessToken(staffPrincipal(member, session.id, permissions)),
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
    };
  }

  /**
   * Exchanges a refresh token for new tokens. Each refresh token works once: the second use of one
   * (a copy in someone else's hands, or a replay) ends the whole session, so neither holder keeps it.
   * Answers null for anything that cannot be refreshed; the caller says only "sign in again".
   */
  async refresh(refreshToken: string): Promise<IssuedTokens | null> {
    if (refreshToken.length < 20 || refreshToken.length > 200) return null;
    const row = await this.em.findOne(RefreshToken, { tokenHash: hashOpaqueToken(refreshToken) });
    if (!row) return null;
    const session = await this.em.findOne(Session, { id: row.sessionId });
    if (!session) return null;
    const now = new Date();
    if (row.rotatedAt) {
      await this.end(session.id, SessionEndReason.REFRESH_TOKEN_REUSED);
      return null;
    }
    if (session.endedAt || session.expiresAt.getTime() <= now.getTime()) return null;
    const member = await this.em.findOne(StaffMember, { id: session.staffMemberId });
    if (!member || member.status !== StaffMemberStatus.ACTIVE) {
      await this.end(session.id, SessionEndReason.MEMBER_DISABLED);
      return null;
    }
    // The conditional update decides between two concurrent uses of the same token: one wins, the
    // other is a reuse and ends the session.
    const claimed = await this.em.nativeUpdate(RefreshToken, { id: row.id, rotatedAt: null }, { rotatedAt: now });
    if (claimed !== 1) {
      await this.end(session.id, SessionEndReason.REFRESH_TOKEN_REUSED);
      return null;
    }
    await this.em.nativeUpdate(Session, { id: session.id }, { lastUsedAt: now });
    session.lastUsedAt = now;
    return this.issue(member, session);
  }

  /** Ends one session (idempotent: an ended one keeps its first reason). */
  async end(sessionId: number, reason: SessionEndReason): Promise<boolean> {
    const ended = await this.em.nativeUpdate(
      Session,
      { id: sessionId, endedAt: null },
      { endedAt: new Date(), endReason: reason },
    );
    return ended > 0;
  }

  /** Ends every active session of a member; returns how many were active. */
  endAllOf(staffMemberId: number, reason: SessionEndReason): Promise<number> {
    return this.em.nativeUpdate(Session, { staffMemberId, endedAt: null }, { endedAt: new Date(), endReason: reason });
  }

  /** Which of these sessions are still active (not ended, not expired): what the gateway asks. */
  async activeAmong(sessionIds: number[]): Promise<number[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.em.find(
      Session,
      { id: { $in: sessionIds }, endedAt: null, expiresAt: { $gt: new Date() } },
      { fields: ['id'] },
    );
    return rows.map((r) => r.id);
  }
}

function truncate(value: string | null | undefined, max: number): string | null {
  return value ? value.slice(0, max) : null;
}
