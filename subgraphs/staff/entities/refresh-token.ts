import { Entity, Index, Property } from '@mikro-orm/core';
import { CreatedAt, IdKey } from '../../../core/entity';

/**
 * A refresh token of a session, stored as its SHA-256 (the token itself is 32 random bytes, so a
 * plain hash is enough). Each is exchanged once: `rotatedAt` is set by a conditional update, and a
 * token presented again after that ends the whole session (someone else has a copy).
 */
@Entity({ tableName: 'staff_refresh_token' })
@Index({ name: 'staff_refresh_token_session', properties: ['sessionId'] })
export class RefreshToken {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  sessionId!: number;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  @CreatedAt()
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  rotatedAt?: Date | null;
}
