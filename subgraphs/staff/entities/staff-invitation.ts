import { Entity, Index, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { CreatedAt, EnumColumn, IdKey } from '../../../core/entity';
import { StaffMemberKind, StaffRole } from './staff-member';

export enum StaffInvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(StaffInvitationStatus, {
  name: 'StaffInvitationStatus',
  description: 'Where an invitation stands: waiting, used, withdrawn, or past its 72 hours.',
});

/**
 * An invitation to join a tenant's staff with a role and permission groups. The link carries a
 * one-time token; only its SHA-256 is stored (32 random bytes, so a plain hash suffices). No mail
 * server is assumed: the inviter gets the link and passes it on.
 */
@Entity({ tableName: 'staff_invitation' })
@Index({ name: 'staff_invitation_tenant', properties: ['tenantKey', 'id'] })
@ObjectType({ description: 'An invitation to join a bank’s, a supplier’s or the platform’s staff.' })
export class StaffInvitation {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @EnumColumn(() => StaffMemberKind, { length: 16, field: 'Which kind of staff the invitee joins.' })
  kind!: StaffMemberKind;

  @Property({ type: 'integer', nullable: true })
  bankId?: number | null;

  @Property({ type: 'integer', nullable: true })
  supplierId?: number | null;

  /** As PermissionGroup.tenantKey: lists are per tenant. */
  @Property({ type: 'string', length: 32 })
  tenantKey!: string;

  @Property({ type: 'string', length: 120 })
  @Field(() => String, { description: 'The invitee’s name as colleagues will see it.' })
  displayName!: string;

  @EnumColumn(() => StaffRole, { length: 24, field: 'The role the invitee gets.' })
  role!: StaffRole;

  /** Comma-separated ids of the groups the invitee joins (checked again at acceptance). */
  @Property({ type: 'string', length: 500 })
  permissionGroupIdList!: string;

  /** The login name the inviter chose, if any (the invitee chooses otherwise); lower case. */
  @Property({ type: 'string', length: 100, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The login name fixed by the inviter (null: the invitee picks one).',
  })
  loginName?: string | null;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  /** The token subject of whoever invited (`staff:<id>`, or a development token's subject). */
  @Property({ type: 'string', length: 100 })
  invitedBy!: string;

  @CreatedAt({ field: 'When the invitation was made.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When the link stops working unless used.' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the invitee accepted it.' })
  acceptedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  acceptedStaffMemberId?: number | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When an administrator withdrew it.' })
  revokedAt?: Date | null;

  permissionGroupIds(): number[] {
    return this.permissionGroupIdList ? this.permissionGroupIdList.split(',').map(Number) : [];
  }

  statusAt(now: Date): StaffInvitationStatus {
    if (this.acceptedAt) return StaffInvitationStatus.ACCEPTED;
    if (this.revokedAt) return StaffInvitationStatus.REVOKED;
    if (this.expiresAt.getTime() <= now.getTime()) return StaffInvitationStatus.EXPIRED;
    return StaffInvitationStatus.PENDING;
  }
}
