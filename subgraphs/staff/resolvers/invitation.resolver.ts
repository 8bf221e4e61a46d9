import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Text } from '../../../core/input-rules';
import { ConnectionType, PageArgs } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { PermissionGroup } from '../entities/permission-group';
import { StaffInvitation, StaffInvitationStatus } from '../entities/staff-invitation';
import { StaffMember, StaffRole } from '../entities/staff-member';
import { staffLoaders } from '../loaders';
import { permissionLoaders } from '../permission-loaders';
import { InvitationService } from '../services/invitation.service';
import { BankRef, SupplierRef } from './types';
import { idOf } from './ids';

const StaffInvitationConnection = ConnectionType(
  StaffInvitation,
  'StaffInvitation',
  'A page of invitations, newest first.',
);

@InputType({ description: 'Whom to invite, with which role and permission groups.' })
class InviteStaffInput {
  @Field(() => String, { description: 'The invitee’s name as colleagues will see it (1–120 characters).' })
  displayName!: string;

  @Field(() => StaffRole, {
    description:
      'Their role: BANK_OPERATOR or SUPPLIER_STAFF get their groups’ permissions; admins get all of their kind.',
  })
  role!: StaffRole;

  @Field(() => [ID], { description: 'Permission groups of the same tenant (at most 20).' })
  @Text({ max: 100, maxItems: 20 })
  permissionGroupIds!: string[];

  @Field(() => String, { nullable: true, description: 'A login name to fix for them (else they choose one).' })
  loginName?: string | null;

  @Field(() => ID, { nullable: true, description: 'Platform only: the bank to invite into (e.g. its first admin).' })
  bankId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Platform only: the supplier to invite into.' })
  supplierId?: string | null;
}

@ObjectType({ description: 'The invitation and the link to hand to the invitee.' })
class InviteStaffPayload {
  @Field(() => StaffInvitation, { description: 'The invitation (listable and revocable).' })
  invitation!: StaffInvitation;

  @Field(() => String, {
    description:
      'The link with its one-time token. Shown only now (only a hash is stored): pass it to the invitee yourself; no e-mail is sent.',
  })
  invitationUrl!: string;
}

@InputType({ description: 'An invitation to withdraw.' })
class RevokeStaffInvitationInput {
  @Field(() => ID, { description: 'The invitation.' })
  staffInvitationId!: string;
}

@ObjectType({ description: 'The withdrawn invitation.' })
class RevokeStaffInvitationPayload {
  @Field(() => StaffInvitation, { description: 'The invitation, now REVOKED.' })
  invitation!: StaffInvitation;
}

@InputType({ description: 'The invitee’s acceptance (sent by the gateway’s /auth/staff/accept-invitation).' })
class AcceptInvitationInput {
  @Field(() => String, { description: 'The token from the invitation link.' })
  token!: string;

  @Field(() => String, { nullable: true, description: 'The login name to sign in with (unless the inviter chose it).' })
  loginName?: string | null;

  @Field(() => String, {
    description:
      'A password: at least 12 characters, three of lower case, upper case, digits and symbols, not containing the login name.',
  })
  password!: string;

  @Field(() => String, { nullable: true, description: 'Where the invitee connects from (for their session list).' })
  @Text({ max: 64 })
  ipAddress?: string | null;

  @Field(() => String, { nullable: true, description: 'The invitee’s browser (for their session list).' })
  @Text({ max: 500 })
  userAgent?: string | null;
}

@ObjectType({ description: 'The new member, signed in unless they are an admin.' })
class AcceptInvitationPayload {
  @Field(() => StaffMember, { description: 'The member the invitation made.' })
  staffMember!: StaffMember;

  @Field(() => String, {
    nullable: true,
    description: 'An access token (null for admins, who sign in and enrol TOTP first).',
  })
  accessToken!: string | null;

  @Field(() => Int, { nullable: true, description: 'Seconds the access token lasts.' })
  expiresIn!: number | null;

  @Field(() => String, { nullable: true, description: 'The session’s first refresh token.' })
  refreshToken!: string | null;
}

@InputType({ description: 'A member’s permission groups from now on.' })
class SetStaffMemberPermissionGroupsInput {
  @Field(() => ID, { description: 'The member (of your own tenant).' })
  staffMemberId!: string;

  @Field(() => [ID], { description: 'All their groups (replacing the current ones; at most 20).' })
  @Text({ max: 100, maxItems: 20 })
  permissionGroupIds!: string[];
}

@ObjectType({ description: 'The member with their new groups.' })
class SetStaffMemberPermissionGroupsPayload {
  @Field(() => StaffMember, {
    description:
      'The member. Tokens issued from now on carry the new permissions; those already issued keep theirs until they expire (10 minutes) unless the member’s sessions are revoked.',
  })
  staffMember!: StaffMember;
}

@InputType({ description: 'A member to remove from your staff.' })
class RemoveStaffMemberInput {
  @Field(() => ID, { description: 'The member (of your own tenant; not yourself).' })
  staffMemberId!: string;
}

@ObjectType({ description: 'The removed member.' })
class RemoveStaffMemberPayload {
  @Field(() => StaffMember, { description: 'The member, now DISABLED with every session ended.' })
  staffMember!: StaffMember;
}

@ArgsType()
class StaffInvitationsArgs extends PageArgs {
  @Field(() => StaffInvitationStatus, { nullable: true, description: 'Only invitations in this state.' })
  status?: StaffInvitationStatus | null;

  @Field(() => ID, { nullable: true, description: 'Platform only: the bank whose invitations to list.' })
  bankId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Platform only: the supplier whose invitations to list.' })
  supplierId?: string | null;
}

@Resolver(() => StaffInvitation)
export class InvitationResolver {
  @Query(() => StaffInvitationConnection, {
    description: 'Invitations of your bank or supplier, newest first (needs MANAGE_STAFF).',
  })
  staffInvitations(@Args(() => StaffInvitationsArgs) args: StaffInvitationsArgs, @Ctx() ctx: SubgraphContext) {
    return new InvitationService(ctx.em, ctx.principal).list(
      { bankId: idOf('bankId', args.bankId), supplierId: idOf('supplierId', args.supplierId) },
      args.status,
      args,
    );
  }

  @Mutation(() => InviteStaffPayload, {
    description:
      'Invite someone to your staff with a role and permission groups (needs MANAGE_STAFF). The answer holds the link to pass on; it works once, for 72 hours.',
  })
  async inviteStaff(
    @Arg('input', () => InviteStaffInput) input: InviteStaffInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InviteStaffPayload> {
    const { invitation, url } = await new InvitationService(ctx.em, ctx.principal).invite({
      displayName: input.displayName,
      role: input.role,
      permissionGroupIds: input.permissionGroupIds.map((id) => idOf('permissionGroupIds', id)),
      loginName: input.loginName,
      bankId: idOf('bankId', input.bankId),
      supplierId: idOf('supplierId', input.supplierId),
    });
    return { invitation, invitationUrl: url };
  }

  @Mutation(() => RevokeStaffInvitationPayload, {
    description: 'Withdraw an invitation not yet accepted (needs MANAGE_STAFF).',
  })
  async revokeStaffInvitation(
    @Arg('input', () => RevokeStaffInvitationInput) input: RevokeStaffInvitationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RevokeStaffInvitationPayload> {
    const invitation = await new InvitationService(ctx.em, ctx.principal).revoke(
      idOf('staffInvitationId', input.staffInvitationId),
    );
    return { invitation };
  }

  @Mutation(() => AcceptInvitationPayload, {
    description:
      'Internal (gateway only): accept an invitation, creating the member and opening their first session (POST /auth/staff/accept-invitation).',
  })
  @Directive('@inaccessible')
  async acceptInvitation(
    @Arg('input', () => AcceptInvitationInput) input: AcceptInvitationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AcceptInvitationPayload> {
    const { staffMember, tokens } = await new InvitationService(ctx.em, ctx.principal).accept(input, {
      ipAddress: input.ipAddress,
      userAgent: input.userAgent,
    });
    return {
      staffMember,
      accessToken: tokens?.accessToken ?? null,
      expiresIn: tokens?.expiresIn ?? null,
      refreshToken: tokens?.refreshToken ?? null,
    };
  }

  @Mutation(() => SetStaffMemberPermissionGroupsPayload, {
    description: 'Replace a member’s permission groups (needs MANAGE_STAFF and every permission given or taken).',
  })
  async setStaffMemberPermissionGroups(
    @Arg('input', () => SetStaffMemberPermissionGroupsInput) input: SetStaffMemberPermissionGroupsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SetStaffMemberPermissionGroupsPayload> {
    const staffMember = await new InvitationService(ctx.em, ctx.principal).setMemberGroups(
      idOf('staffMemberId', input.staffMemberId),
      input.permissionGroupIds.map((id) => idOf('permissionGroupIds', id)),
    );
    return { staffMember };
  }

  @Mutation(() => RemoveStaffMemberPayload, {
    description:
      'Remove a member: they are disabled and every session of theirs ends at once, so their tokens are refused right after (needs MANAGE_STAFF).',
  })
  async removeStaffMember(
    @Arg('input', () => RemoveStaffMemberInput) input: RemoveStaffMemberInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RemoveStaffMemberPayload> {
    const staffMember = await new InvitationService(ctx.em, ctx.principal).remove(
      idOf('staffMemberId', input.staffMemberId),
    );
    return { staffMember };
  }

  @FieldResolver(() => StaffInvitationStatus, { description: 'Where the invitation stands now.' })
  status(@Root() invitation: StaffInvitation): StaffInvitationStatus {
    return invitation.statusAt(new Date());
  }

  @FieldResolver(() => [PermissionGroup], { description: 'The groups the invitee joins (deleted groups left out).' })
  async permissionGroups(@Root() invitation: StaffInvitation, @Ctx() ctx: SubgraphContext): Promise<PermissionGroup[]> {
    const groups = await permissionLoaders(ctx).permissionGroup.loadMany(invitation.permissionGroupIds());
    return groups.filter(
      (g): g is PermissionGroup => g instanceof PermissionGroup && g.tenantKey === invitation.tenantKey,
    );
  }

  @FieldResolver(() => StaffMember, { nullable: true, description: 'The member who accepted it.' })
  acceptedBy(@Root() invitation: StaffInvitation, @Ctx() ctx: SubgraphContext): Promise<StaffMember | null> | null {
    if (invitation.acceptedStaffMemberId == null) return null;
    return staffLoaders(ctx).staffMember.load(invitation.acceptedStaffMemberId);
  }

  @FieldResolver(() => BankRef, { nullable: true, description: 'The bank the invitee joins.' })
  bank(@Root() invitation: StaffInvitation): BankRef | null {
    return invitation.bankId != null ? { id: String(invitation.bankId) } : null;
  }

  @FieldResolver(() => SupplierRef, { nullable: true, description: 'The supplier the invitee joins.' })
  supplier(@Root() invitation: StaffInvitation): SupplierRef | null {
    return invitation.supplierId != null ? { id: String(invitation.supplierId) } : null;
  }
}
