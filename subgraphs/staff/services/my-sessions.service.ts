import type { SqlEntityManager } from '@mikro-orm/knex';
import { notFound, unauthenticated } from '../../../core/errors';
import type { Principal } from '../../../core/identity';
import { decodeCursor, keysetAfter, pageSize, toConnection, type Connection } from '../../../core/pagination';
import { Session, SessionEndReason } from '../entities/session';
import { staffMemberIdOf } from './access-tokens';
import { SessionService } from './session.service';

/** What a signed-in staff member does with their own sessions. */
export class MySessionsService {
  private readonly memberId: number;

  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {
    const id = staffMemberIdOf(principal);
    if (id === null || !principal.sessionId)
      throw unauthenticated('Sign in as a staff member (POST /auth/staff/sign-in) to manage your sessions.');
    this.memberId = id;
  }

  /** Active sessions, newest first (ended and expired ones are history, not devices). */
  async list(first: number | null | undefined, after: string | null | undefined): Promise<Connection<Session>> {
    const limit = pageSize(first);
    const keys = [{ field: 'id', direction: 'DESC' as const }];
    const rows = await this.em.find(
      Session,
      {
        $and: [
          { staffMemberId: this.memberId, endedAt: null, expiresAt: { $gt: new Date() } },
          after ? keysetAfter(keys, decodeCursor(after, 1)) : {},
        ],
      },
      { orderBy: { id: 'DESC' }, limit: limit + 1 },
    );
    return toConnection(rows, limit, (s) => [s.id], Boolean(after));
  }

  /** Ends the session this token belongs to. */
  async signOut(): Promise<void> {
    await new SessionService(this.em).end(Number(this.principal.sessionId), SessionEndReason.SIGNED_OUT);
  }

  /** Ends every session of the member, this one included; returns how many were active. */
  signOutEverywhere(): Promise<number> {
    return new SessionService(this.em).endAllOf(this.memberId, SessionEndReason.SIGNED_OUT_EVERYWHERE);
  }

  /** Ends one of the member's own sessions (another member's is NOT_FOUND). */
  async end(sessionId: number): Promise<Session> {
    const session = await this.em.findOne(Session, { id: sessionId, staffMemberId: this.memberId });
    if (!session) throw notFound('Session', sessionId);
    await new SessionService(this.em).end(session.id, SessionEndReason.REVOKED);
    await this.em.refresh(session);
    return session;
  }

  isCurrent(session: Session): boolean {
    return String(session.id) === this.principal.sessionId;
  }
}
