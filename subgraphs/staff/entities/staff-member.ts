import { Entity, Index, Property, type Opt } from '@mikro-orm/core';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { CreatedAt, EnumColumn, IdKey, UpdatedAt } from '../../../core/entity';

/** Which kind of tenant a person works for; it decides which roles and permissions they can hold. */
export enum StaffMemberKind {
  PLATFORM = 'PLATFORM',
  BANK = 'BANK',
  SUPPLIER = 'SUPPLIER',
}
registerEnumType(StaffMemberKind, {
  name: 'StaffMemberKind',
  description: 'Who a staff member works for: the platform operator, a bank or a supplier.',
});

/** The staff roles of core/identity.ts (partner apps, customers and services are not people). */
export enum StaffRole {
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
  /** Platform staff who hold only their permission groups' permissions (operations, finance, support …). */
  PLATFORM_STAFF = 'PLATFORM_STAFF',
  BANK_ADMIN = 'BANK_ADMIN',
  BANK_OPERATOR = 'BANK_OPERATOR',
  SUPPLIER_ADMIN = 'SUPPLIER_ADMIN',
  SUPPLIER_STAFF = 'SUPPLIER_STAFF',
}
registerEnumType(StaffRole, {
  name: 'StaffRole',
  description: 'A staff member’s built-in role; it travels in their access tokens.',
});

/** The roles each kind of staff may hold. */
export const ROLES_BY_KIND: Record<StaffMemberKind, readonly StaffRole[]> = {
  [StaffMemberKind.PLATFORM]: [StaffRole.PLATFORM_ADMIN, StaffRole.PLATFORM_STAFF],
  [StaffMemberKind.BANK]: [StaffRole.BANK_ADMIN, StaffRole.BANK_OPERATOR],
  [StaffMemberKind.SUPPLIER]: [StaffRole.SUPPLIER_ADMIN, StaffRole.SUPPLIER_STAFF],
};

/** Admins must sign in with a second factor (TOTP); until they have one they may only enrol. */
export const ADMIN_ROLES: readonly StaffRole[] = [
  StaffRole.PLATFORM_ADMIN,
  StaffRole.BANK_ADMIN,
  StaffRole.SUPPLIER_ADMIN,
];

export enum StaffMemberStatus {
  ACTIVE = 'ACTIVE',
  /** May not sign in; every session was ended when the member was disabled. */
  DISABLED = 'DISABLED',
}
registerEnumType(StaffMemberStatus, {
  name: 'StaffMemberStatus',
  description: 'Whether a staff member may sign in.',
});

/**
 * A person who works in Perkmall for the platform, a bank or a supplier. The login name is stored
 * in lower case (unique across every tenant, so a sign-in names one person). The password is an
 * argon2id hash; the TOTP secret is sealed (we must read it back to check codes), never hashed.
 */
@Entity({ tableName: 'staff_member' })
@Index({ name: 'staff_member_bank', properties: ['bankId', 'id'] })
@Index({ name: 'staff_member_supplier', properties: ['supplierId', 'id'] })
@ObjectType({ description: 'A person who works for the platform, a bank or a supplier.' })
@Directive('@key(fields: "id")')
export class StaffMember {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @EnumColumn(() => StaffMemberKind, { length: 16, field: 'Who the member works for.' })
  kind!: StaffMemberKind;

  @Property({ type: 'integer', nullable: true })
  bankId?: number | null;

  @Property({ type: 'integer', nullable: true })
  supplierId?: number | null;

  @Property({ type: 'string', length: 100, unique: true })
  @Field(() => String, { description: 'The name the member signs in with (lower case).' })
  loginName!: string;

  @Property({ type: 'string', length: 120 })
  @Field(() => String, { description: 'How the member is shown to colleagues.' })
  displayName!: string;

  @EnumColumn(() => StaffRole, { length: 24, field: 'The built-in role.' })
  role!: StaffRole;

  @EnumColumn(() => StaffMemberStatus, { length: 16, field: 'Whether the member may sign in.' })
  status: StaffMemberStatus = StaffMemberStatus.ACTIVE;

  /** argon2id (PHC string); null for a member who signs in only through their bank's SSO. */
  @Property({ type: 'string', length: 255, nullable: true })
  passwordHash?: string | null;

  @Property({ type: 'datetime', nullable: true })
  passwordChangedAt?: Date | null;

  /** The confirmed TOTP secret, sealed (services/totp.ts). */
  @Property({ type: 'string', length: 255, nullable: true })
  totpSecretSealed?: string | null;

  /** A secret handed out by an enrolment and not yet confirmed with a code. */
  @Property({ type: 'string', length: 255, nullable: true })
  totpPendingSecretSealed?: string | null;

  @Property({ type: 'datetime', nullable: true })
  totpConfirmedAt?: Date | null;

  /** The last 30-second step whose code was accepted: a code is never accepted twice (conditional update). */
  @Property({ type: 'integer', nullable: true })
  totpLastStep?: number | null;

  /**
   * Set when an administrator reset the member's second factor (a lost phone): the next sign-in
   * enrols a new one, whatever the role. Admins enrol anyway; this makes it mandatory for everyone.
   */
  @Property({ type: 'boolean', default: false })
  totpEnrolmentRequired: Opt<boolean> = false;

  @CreatedAt({ field: 'When the member was created.' })
  createdAt: Date = new Date();

  @UpdatedAt()
  updatedAt: Date = new Date();
}
