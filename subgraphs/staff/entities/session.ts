import { Entity, Index, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { CreatedAt, EnumColumn, IdKey } from '../../../core/entity';

export enum SessionMethod {
  PASSWORD = 'PASSWORD',
  SSO = 'SSO',
}
registerEnumType(SessionMethod, { name: 'SessionMethod', description: 'How a staff session was opened.' });

export enum SessionEndReason {
  SIGNED_OUT = 'SIGNED_OUT',
  SIGNED_OUT_EVERYWHERE = 'SIGNED_OUT_EVERYWHERE',
  /** A refresh token that had already been exchanged came back: someone else may hold the session. */
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  MEMBER_DISABLED = 'MEMBER_DISABLED',
  /** Ended by the member from their session list, or by an administrator. */
  REVOKED = 'REVOKED',
  /** The member changed their password: every other session ends, the one they changed it in stays. */
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  /** The member set a new password through a reset link from an administrator. */
  PASSWORD_RESET = 'PASSWORD_RESET',
  /** An administrator reset the member's second factor. */
  TOTP_RESET = 'TOTP_RESET',
}
registerEnumType(SessionEndReason, { name: 'SessionEndReason', description: 'Why a staff session ended.' });

/**
 * One signed-in device of a staff member. Access tokens name it (`sessionId`); the gateway refuses
 * them once it has ended. Refresh tokens (refresh-token.ts) keep it going until `expiresAt`.
 */
@Entity({ tableName: 'staff_session' })
@Index({ name: 'staff_session_member', properties: ['staffMemberId', 'id'] })
@ObjectType('StaffSession', { description: 'A device a staff member is signed in on.' })
export class Session {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  staffMemberId!: number;

  @EnumColumn(() => SessionMethod, { length: 16, field: 'How the member signed in.' })
  method!: SessionMethod;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: 'The address the session was opened from.' })
  ipAddress?: string | null;

  @Property({ type: 'string', length: 255, nullable: true })
  @Field(() => String, { nullable: true, description: 'The browser or app that opened it (as it said).' })
  userAgent?: string | null;

  @CreatedAt({ field: 'When the member signed in.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When a token of this session was last refreshed.' })
  lastUsedAt: Date = new Date();

  /** No refresh past this moment, whatever the activity: the member signs in again. */
  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When the session ends at the latest.' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was ended (null while active).' })
  endedAt?: Date | null;

  @EnumColumn(() => SessionEndReason, { length: 32, nullable: true, field: 'Why it was ended.' })
  endReason?: SessionEndReason | null;
}
