import { Entity, Index, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { CreatedAt, IdKey } from '../../../core/entity';

export enum StaffPasswordResetStatus {
  PENDING = 'PENDING',
  USED = 'USED',
  /** Replaced by a newer reset of the same member (a removed member's link is refused when used). */
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(StaffPasswordResetStatus, {
  name: 'StaffPasswordResetStatus',
  description: 'Where a password reset link stands: waiting, used, replaced by a newer one, or past its time.',
});

/**
 * A password reset an administrator issued for a member of their tenant (no mail server: the link
 * is returned to the administrator, who passes it on). As with invitations, the link carries a
 * one-time token of 32 random bytes and only its SHA-256 is stored. Only the newest reset of a
 * member works: issuing one revokes the member's earlier pending ones.
 */
@Entity({ tableName: 'staff_password_reset' })
@Index({ name: 'staff_password_reset_member', properties: ['staffMemberId', 'id'] })
@ObjectType({ description: 'A one-time link an administrator issued for a staff member to set a new password.' })
export class StaffPasswordReset {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  staffMemberId!: number;

  /** As PermissionGroup.tenantKey: the member's tenant when the reset was issued. */
  @Property({ type: 'string', length: 32 })
  tenantKey!: string;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  /** The token subject of the administrator who issued it (`staff:<id>`, or a development token's subject). */
  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: 'Who issued the reset (their token subject, e.g. staff:12).' })
  issuedBy!: string;

  @CreatedAt({ field: 'When the reset was issued.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When the link stops working unless used.' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the member set their new password with it.' })
  usedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was replaced by a newer reset.' })
  revokedAt?: Date | null;

  statusAt(now: Date): StaffPasswordResetStatus {
    if (this.usedAt) return StaffPasswordResetStatus.USED;
    if (this.revokedAt) return StaffPasswordResetStatus.REVOKED;
    if (this.expiresAt.getTime() <= now.getTime()) return StaffPasswordResetStatus.EXPIRED;
    return StaffPasswordResetStatus.PENDING;
  }
}
