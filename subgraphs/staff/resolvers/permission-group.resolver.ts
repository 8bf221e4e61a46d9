import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Permission } from '../../../core/identity';
import { ConnectionType, PageArgs } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { PermissionGroup, StaffPermission } from '../entities/permission-group';
import { StaffMember } from '../entities/staff-member';
import { permissionLoaders } from '../permission-loaders';
import { PermissionGroupService } from '../services/permission-groups.service';
import { allPermissionsOf, isAdminRole, tenantKeyOf } from '../services/staff-tenant';
import { BankRef, SupplierRef } from './types';
import { idOf } from './ids';

const PermissionGroupConnection = ConnectionType(
  PermissionGroup,
  'PermissionGroup',
  'A page of permission groups, oldest first.',
);

@ArgsType()
class PermissionGroupsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Platform only: the bank whose groups to list.' })
  bankId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Platform only: the supplier whose groups to list.' })
  supplierId?: string | null;
}

@InputType({ description: 'A new permission group of your bank or supplier (or, for the platform, of the one named).' })
class CreatePermissionGroupInput {
  @Field(() => String, { description: 'Unique within the tenant, 1–60 characters.' })
  name!: string;

  @Field(() => [StaffPermission], { description: 'Permissions of the tenant’s kind that you hold yourself.' })
  permissions!: Permission[];

  @Field(() => ID, { nullable: true, description: 'Platform only: the bank the group is for.' })
  bankId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Platform only: the supplier the group is for.' })
  supplierId?: string | null;
}

@ObjectType({ description: 'The group made.' })
class CreatePermissionGroupPayload {
  @Field(() => PermissionGroup, { description: 'The new group.' })
  permissionGroup!: PermissionGroup;
}

@InputType({ description: 'A change to a group your tenant made (built-in groups cannot change).' })
class UpdatePermissionGroupInput {
  @Field(() => ID, { description: 'The group.' })
  permissionGroupId!: string;

  @Field(() => String, { nullable: true, description: 'A new name (null keeps it).' })
  name?: string | null;

  @Field(() => [StaffPermission], {
    nullable: true,
    description:
      'The group’s permissions from now on (null keeps them). Members’ next tokens carry them; tokens already issued keep theirs until they expire (10 minutes).',
  })
  permissions?: Permission[] | null;
}

@ObjectType({ description: 'The changed group.' })
class UpdatePermissionGroupPayload {
  @Field(() => PermissionGroup, { description: 'The group as it is now.' })
  permissionGroup!: PermissionGroup;
}

@InputType({ description: 'A group to delete; its members leave it.' })
class DeletePermissionGroupInput {
  @Field(() => ID, { description: 'The group (not a built-in one).' })
  permissionGroupId!: string;
}

@ObjectType({ description: 'Which group was deleted.' })
class DeletePermissionGroupPayload {
  @Field(() => ID, { description: 'The deleted group’s id.' })
  permissionGroupId!: string;
}

@Resolver(() => PermissionGroup)
export class PermissionGroupResolver {
  @Query(() => PermissionGroupConnection, {
    description:
      'Your bank’s or supplier’s permission groups, built-in ones first (needs MANAGE_STAFF; the platform names bankId or supplierId, or sees its own).',
  })
  permissionGroups(@Args(() => PermissionGroupsArgs) args: PermissionGroupsArgs, @Ctx() ctx: SubgraphContext) {
    return new PermissionGroupService(ctx.em, ctx.principal).list(
      { bankId: idOf('bankId', args.bankId), supplierId: idOf('supplierId', args.supplierId) },
      args,
    );
  }

  @Mutation(() => CreatePermissionGroupPayload, { description: 'Make a permission group (needs MANAGE_STAFF).' })
  async createPermissionGroup(
    @Arg('input', () => CreatePermissionGroupInput) input: CreatePermissionGroupInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreatePermissionGroupPayload> {
    const permissionGroup = await new PermissionGroupService(ctx.em, ctx.principal).create(
      { bankId: idOf('bankId', input.bankId), supplierId: idOf('supplierId', input.supplierId) },
      { name: input.name, permissions: input.permissions },
    );
    return { permissionGroup };
  }

  @Mutation(() => UpdatePermissionGroupPayload, {
    description: 'Rename a group or change its permissions (needs MANAGE_STAFF).',
  })
  async updatePermissionGroup(
    @Arg('input', () => UpdatePermissionGroupInput) input: UpdatePermissionGroupInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UpdatePermissionGroupPayload> {
    const permissionGroup = await new PermissionGroupService(ctx.em, ctx.principal).update(
      idOf('permissionGroupId', input.permissionGroupId),
      { name: input.name, permissions: input.permissions },
    );
    return { permissionGroup };
  }

  @Mutation(() => DeletePermissionGroupPayload, {
    description: 'Delete a group your tenant made (needs MANAGE_STAFF).',
  })
  async deletePermissionGroup(
    @Arg('input', () => DeletePermissionGroupInput) input: DeletePermissionGroupInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DeletePermissionGroupPayload> {
    const id = await new PermissionGroupService(ctx.em, ctx.principal).delete(
      idOf('permissionGroupId', input.permissionGroupId),
    );
    return { permissionGroupId: String(id) };
  }

  @FieldResolver(() => [StaffPermission], { description: 'What members of the group may do.' })
  permissions(@Root() group: PermissionGroup): Permission[] {
    return group.permissions();
  }

  @FieldResolver(() => Boolean, { description: 'Whether the group is one every tenant has (it cannot be changed).' })
  builtIn(@Root() group: PermissionGroup): boolean {
    return group.code != null;
  }

  @FieldResolver(() => BankRef, { nullable: true, description: 'The bank the group belongs to (bank groups).' })
  bank(@Root() group: PermissionGroup): BankRef | null {
    return group.bankId != null ? { id: String(group.bankId) } : null;
  }

  @FieldResolver(() => SupplierRef, {
    nullable: true,
    description: 'The supplier the group belongs to (supplier groups).',
  })
  supplier(@Root() group: PermissionGroup): SupplierRef | null {
    return group.supplierId != null ? { id: String(group.supplierId) } : null;
  }
}

/** A member's groups and effective permissions (what their next access token carries). */
@Resolver(() => StaffMember)
export class StaffMemberPermissionsResolver {
  @FieldResolver(() => [PermissionGroup], {
    description: `The member’s permission groups (at most 20, so not paged).`,
  })
  async permissionGroups(@Root() member: StaffMember, @Ctx() ctx: SubgraphContext): Promise<PermissionGroup[]> {
    const loaders = permissionLoaders(ctx);
    const memberships = await loaders.membershipsByMember.load(member.id);
    const groups = await loaders.permissionGroup.loadMany(memberships.map((m) => m.permissionGroupId));
    // Only groups of the member's own tenant count (as in permissionsForMember).
    const own = tenantKeyOf(member);
    return groups.filter((g): g is PermissionGroup => g instanceof PermissionGroup && g.tenantKey === own);
  }

  @FieldResolver(() => [StaffPermission], {
    description:
      'What the member may do: every permission of their kind for admins, else the union of their groups. Their next access token carries exactly this.',
  })
  async permissions(@Root() member: StaffMember, @Ctx() ctx: SubgraphContext): Promise<Permission[]> {
    const all = allPermissionsOf(member.kind);
    if (isAdminRole(member.role)) return [...all];
    const held = new Set((await this.permissionGroups(member, ctx)).flatMap((g) => g.permissions()));
    return all.filter((p) => held.has(p));
  }
}
