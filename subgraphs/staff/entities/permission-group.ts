import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { PERMISSIONS, type Permission } from '../../../core/identity';
import { CreatedAt, EnumColumn, IdKey, UpdatedAt } from '../../../core/entity';
import { StaffMemberKind } from './staff-member';

/** core/identity.ts's fine permissions as a GraphQL enum (one list, so the two never drift). */
export const StaffPermission = Object.fromEntries(PERMISSIONS.map((p) => [p, p])) as { [P in Permission]: P };
registerEnumType(StaffPermission, {
  name: 'StaffPermission',
  description:
    'A fine permission a staff member holds through their permission groups; each belongs to one kind of staff (bank, supplier or platform).',
});

/**
 * A named set of permissions of one tenant (a bank, a supplier, or the platform), in the style of
 * Saleor's permission groups: members get the union of their groups' permissions. Built-in groups
 * (`code` set) are created for every tenant on first use and cannot be changed, so their names
 * mean the same in every bank; tenants add their own beside them.
 */
@Entity({ tableName: 'staff_permission_group' })
@Unique({ name: 'staff_permission_group_name', properties: ['tenantKey', 'name'] })
@Index({ name: 'staff_permission_group_tenant', properties: ['tenantKey', 'id'] })
@ObjectType({ description: 'A named set of permissions of a bank, a supplier or the platform.' })
export class PermissionGroup {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @EnumColumn(() => StaffMemberKind, { length: 16, field: 'Which kind of staff the group is for.' })
  kind!: StaffMemberKind;

  @Property({ type: 'integer', nullable: true })
  bankId?: number | null;

  @Property({ type: 'integer', nullable: true })
  supplierId?: number | null;

  /** `platform`, `bank:<id>` or `supplier:<id>`: one non-null column for the per-tenant unique name. */
  @Property({ type: 'string', length: 32 })
  tenantKey!: string;

  @Property({ type: 'string', length: 60 })
  @Field(() => String, { description: 'The group’s name, unique within its tenant.' })
  name!: string;

  /** Set for the built-in groups (OPERATIONS, CUSTOMER_SERVICE, …); null for a tenant's own. */
  @Property({ type: 'string', length: 32, nullable: true })
  @Field(() => String, { nullable: true, description: 'The built-in group’s code (null for groups a tenant made).' })
  code?: string | null;

  /** Comma-separated permission names of the group's kind (a handful, always read together). */
  @Property({ type: 'string', length: 500 })
  permissionList!: string;

  @CreatedAt({ field: 'When the group was made.' })
  createdAt: Date = new Date();

  @UpdatedAt()
  updatedAt: Date = new Date();

  permissions(): Permission[] {
    return this.permissionList ? (this.permissionList.split(',') as Permission[]) : [];
  }
}

/** A staff member's membership of a permission group. */
@Entity({ tableName: 'staff_permission_group_member' })
@Unique({ name: 'staff_permission_group_member_unique', properties: ['staffMemberId', 'permissionGroupId'] })
@Index({ name: 'staff_permission_group_member_group', properties: ['permissionGroupId', 'staffMemberId'] })
export class PermissionGroupMember {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  staffMemberId!: number;

  @Property({ type: 'integer' })
  permissionGroupId!: number;

  @CreatedAt()
  createdAt: Date = new Date();
}
