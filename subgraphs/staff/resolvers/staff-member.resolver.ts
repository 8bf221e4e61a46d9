import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Text } from '../../../core/input-rules';
import { ConnectionType, PageArgs } from '../../../core/pagination';
import { canSee } from '../../../core/tenancy';
import type { SubgraphContext } from '../../../core/subgraph';
import { StaffMember, StaffMemberStatus } from '../entities/staff-member';
import { staffLoaders } from '../loaders';
import { staffMemberIdOf } from '../services/access-tokens';
import { StaffDirectoryService } from '../services/staff-directory.service';
import { idOf } from './ids';
import { BankRef, SupplierRef } from './types';

const StaffMemberConnection = ConnectionType(StaffMember, 'StaffMember', 'A page of staff members, newest first.');

@ArgsType()
class StaffMembersArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Part of the login name or display name (at most 100 characters).',
  })
  @Text({ max: 100 })
  search?: string | null;

  @Field(() => StaffMemberStatus, { nullable: true, description: 'Only members in this state.' })
  status?: StaffMemberStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only members of this permission group (of the same tenant).' })
  permissionGroupId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Platform only: the bank whose staff to list.' })
  bankId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Platform only: the supplier whose staff to list.' })
  supplierId?: string | null;
}

/** Reference resolvers apply the same visibility as a direct query: another tenant's staff is null. */
export async function resolveStaffMemberRef(id: string, ctx: SubgraphContext): Promise<StaffMember | null> {
  const member = await staffLoaders(ctx).staffMember.load(id);
  return member && (canSee(ctx.principal, member) || staffMemberIdOf(ctx.principal) === member.id) ? member : null;
}

@Resolver(() => StaffMember)
export class StaffMemberResolver {
  @Query(() => StaffMember, {
    nullable: true,
    description:
      'The staff member the access token was issued to by signing in; null for other tokens (partner apps, customers, development tokens).',
  })
  async me(@Ctx() ctx: SubgraphContext): Promise<StaffMember | null> {
    const id = staffMemberIdOf(ctx.principal);
    return id === null ? null : await staffLoaders(ctx).staffMember.load(String(id));
  }

  @Query(() => StaffMemberConnection, {
    description:
      'The staff of your bank or supplier, newest first (needs MANAGE_STAFF; the platform lists its own, or a bank’s or supplier’s by naming it).',
  })
  staffMembers(@Args(() => StaffMembersArgs) args: StaffMembersArgs, @Ctx() ctx: SubgraphContext) {
    return new StaffDirectoryService(ctx.em, ctx.principal).list(
      {
        search: args.search,
        status: args.status,
        permissionGroupId: idOf('permissionGroupId', args.permissionGroupId),
        bankId: idOf('bankId', args.bankId),
        supplierId: idOf('supplierId', args.supplierId),
      },
      args,
    );
  }

  @FieldResolver(() => Int, {
    description:
      'How many unused TOTP recovery codes the member holds (0 without an authenticator); when few are left, regenerate them.',
  })
  recoveryCodesLeft(@Root() member: StaffMember, @Ctx() ctx: SubgraphContext): Promise<number> {
    return staffLoaders(ctx)
      .recoveryCodesLeft.load(member.id)
      .then((n) => n ?? 0);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When the member’s password was last set (null for members who sign in only through SSO).',
  })
  passwordChangedAt(@Root() member: StaffMember): Date | null {
    return member.passwordChangedAt ?? null;
  }

  @FieldResolver(() => BankRef, { nullable: true, description: 'The bank the member works for (bank staff).' })
  bank(@Root() member: StaffMember): BankRef | null {
    return member.bankId != null ? { id: String(member.bankId) } : null;
  }

  @FieldResolver(() => SupplierRef, {
    nullable: true,
    description: 'The supplier the member works for (supplier staff).',
  })
  supplier(@Root() member: StaffMember): SupplierRef | null {
    return member.supplierId != null ? { id: String(member.supplierId) } : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the member signs in with a confirmed TOTP second factor.' })
  totpEnabled(@Root() member: StaffMember): boolean {
    return member.totpConfirmedAt != null;
  }
}
