import { Entity, Index, Property } from '@mikro-orm/core';
import { CreatedAt, IdKey } from '../../../core/entity';

/**
 * A password check that needs one more step before a session opens: an admin without a second
 * factor gets one to enrol TOTP with. Opaque to the client (stored as its SHA-256), short-lived,
 * used once.
 */
@Entity({ tableName: 'staff_sign_in_challenge' })
@Index({ name: 'staff_sign_in_challenge_member', properties: ['staffMemberId'] })
export class SignInChallenge {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  staffMemberId!: number;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  ipAddress?: string | null;

  @Property({ type: 'string', length: 255, nullable: true })
  userAgent?: string | null;

  @CreatedAt()
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null;
}
