import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { CreatedAt, EnumColumn, IdKey, UpdatedAt } from '../../../core/entity';
import type { Permission } from '../../../core/identity';
import { StaffRole } from './staff-member';

/**
 * A bank's own OpenID Connect identity provider: its staff sign in there (authorization code +
 * PKCE) and arrive as staff of that bank. One per bank. The client secret is sealed
 * (services/sso-secrets.ts) and never shown again after registration.
 */
@Entity({ tableName: 'staff_sso_connection' })
@ObjectType({ description: 'A bank’s single sign-on connection to its own OpenID Connect identity provider.' })
export class SsoConnection {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer', unique: true })
  bankId!: number;

  /** The bank's code (tenants) when the connection was registered: sign-in pages name the bank by it. */
  @Property({ type: 'string', length: 40, unique: true })
  bankCode!: string;

  @Property({ type: 'string', length: 500 })
  @Field(() => String, { description: 'The identity provider’s issuer URL (its discovery document is read from it).' })
  issuerUrl!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'The client id Perkmall is registered with at the identity provider.' })
  clientId!: string;

  /** Sealed with the staff secret key, bound to the bank (a copy in another row fails to open). */
  @Property({ type: 'string', length: 1024 })
  clientSecretSealed!: string;

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Scopes asked for at sign-in (always including openid).' })
  scopes!: string[];

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'The claim (ID token or userinfo) that lists the person’s groups.' })
  groupsClaim!: string;

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Where the identity provider may send people back to (exact URLs).' })
  redirectUris!: string[];

  @Property({ type: 'boolean', default: true })
  @Field(() => Boolean, { description: 'Whether staff may sign in through this connection.' })
  enabled: boolean = true;

  @CreatedAt({ field: 'When the connection was registered.' })
  createdAt: Date = new Date();

  @UpdatedAt({ field: 'When it was last changed.' })
  updatedAt: Date = new Date();
}

/**
 * One group at the identity provider and what it grants here: a bank role and a permission list.
 * A person in several mapped groups gets the strongest role and every listed permission.
 */
@Entity({ tableName: 'staff_sso_group_mapping' })
@Index({ name: 'staff_sso_group_mapping_connection', properties: ['ssoConnectionId', 'id'] })
@Unique({ name: 'staff_sso_group_mapping_group', properties: ['ssoConnectionId', 'groupName'] })
@ObjectType({ description: 'What membership of one identity-provider group grants at the bank.' })
export class SsoGroupMapping {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  ssoConnectionId!: number;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'The group as the identity provider names it in the groups claim.' })
  groupName!: string;

  @EnumColumn(() => StaffRole, { length: 24, field: 'The role its members get (BANK_ADMIN or BANK_OPERATOR).' })
  role!: StaffRole;

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Bank permissions its members get (names as in core/identity.ts).' })
  permissions!: Permission[];
}

/**
 * A sign-in begun at the identity provider and not yet completed: the state is stored as its
 * SHA-256, the PKCE verifier sealed; short-lived and used once.
 */
@Entity({ tableName: 'staff_sso_sign_in_attempt' })
export class SsoSignInAttempt {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  ssoConnectionId!: number;

  @Property({ type: 'string', length: 64, unique: true })
  stateHash!: string;

  @Property({ type: 'string', length: 64 })
  nonce!: string;

  @Property({ type: 'string', length: 255 })
  codeVerifierSealed!: string;

  @Property({ type: 'string', length: 500 })
  redirectUri!: string;

  @CreatedAt()
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null;
}

/**
 * Who a person at the identity provider is here: (issuer, subject) → one staff member of the bank.
 * `subjectKey` is SHA-256 of issuer and subject (both may be long), unique per connection. The role
 * and permissions of the last sign-in are kept for the SSO sessions' token refreshes.
 */
@Entity({ tableName: 'staff_sso_identity' })
@Unique({ name: 'staff_sso_identity_subject', properties: ['ssoConnectionId', 'subjectKey'] })
export class SsoIdentity {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  ssoConnectionId!: number;

  @Property({ type: 'string', length: 64 })
  subjectKey!: string;

  @Property({ type: 'string', length: 500 })
  issuer!: string;

  @Property({ type: 'string', length: 255 })
  subject!: string;

  @Property({ type: 'integer', unique: true })
  staffMemberId!: number;

  /** What the mapped groups granted at the last sign-in. */
  @Property({ type: 'json' })
  permissions!: Permission[];

  /** The mapped groups the person was in at the last sign-in (for the administrator's view). */
  @Property({ type: 'json' })
  groups!: string[];

  @Property({ type: 'datetime' })
  lastSignInAt!: Date;

  @CreatedAt()
  createdAt: Date = new Date();
}
