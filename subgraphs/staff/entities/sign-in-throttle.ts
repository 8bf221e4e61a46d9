import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Failed sign-ins per login name, whether or not a member has that name, so the lockout answers the
 * same for names that exist and names that do not. Keyed by the SHA-256 of the lower-case name.
 */
@Entity({ tableName: 'staff_sign_in_throttle' })
export class SignInThrottle {
  @PrimaryKey({ type: 'string', length: 64 })
  loginKey!: string;

  /** Failures since the last successful sign-in. */
  @Property({ type: 'integer', default: 0 })
  failures: number = 0;

  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lastFailedAt?: Date | null;
}
