import { Arg, Ctx, Directive, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { StaffPasswordReset } from '../entities/password-reset';
import { StaffMember } from '../entities/staff-member';
import { CredentialService } from '../services/credentials.service';
import { idOf } from './ids';

@InputType({ description: 'Your current password and the new one.' })
class ChangeMyPasswordInput {
  @Field(() => String, {
    description: 'Your password now (wrong ones count towards the sign-in lockout of your login name).',
  })
  currentPassword!: string;

  @Field(() => String, {
    description:
      'The new password: at least 12 characters, three of lower case, upper case, digits and symbols, not containing your login name, not a common password, not your current one.',
  })
  newPassword!: string;
}

@ObjectType({ description: 'Your password was changed.' })
class ChangeMyPasswordPayload {
  @Field(() => StaffMember, { description: 'You.' })
  staffMember!: StaffMember;

  @Field(() => Int, {
    description: 'How many of your other sessions were ended (the one you changed it in stays signed in).',
  })
  endedSessions!: number;
}

@InputType({ description: 'Your password, proving it is you who asks for new recovery codes.' })
class RegenerateMyRecoveryCodesInput {
  @Field(() => String, {
    description: 'Your password now (wrong ones count towards the sign-in lockout of your login name).',
  })
  currentPassword!: string;
}

@ObjectType({ description: 'Your new recovery codes.' })
class RegenerateMyRecoveryCodesPayload {
  @Field(() => StaffMember, { description: 'You.' })
  staffMember!: StaffMember;

  @Field(() => [String], {
    description:
      'Ten single-use codes, each accepted once at sign-in in place of your authenticator’s code. Shown only now (only hashes are kept); your earlier codes no longer work.',
  })
  recoveryCodes!: string[];
}

@InputType({ description: 'A member of your staff whose credential to reset.' })
class StaffMemberCredentialInput {
  @Field(() => ID, { description: 'The member (of your own tenant; not yourself).' })
  staffMemberId!: string;
}

@ObjectType({ description: 'The reset link to hand to the member.' })
class ResetStaffMemberPasswordPayload {
  @Field(() => StaffMember, { description: 'The member; their current password works until they use the link.' })
  staffMember!: StaffMember;

  @Field(() => StaffPasswordReset, { description: 'The reset (its expiry; earlier links of the member stop working).' })
  passwordReset!: StaffPasswordReset;

  @Field(() => String, {
    description:
      'The link with its one-time token. Shown only now (only a hash is stored): pass it to the member yourself; no e-mail is sent. Using it sets a new password, ends every session of the member and clears their lockout.',
  })
  passwordResetUrl!: string;
}

@ObjectType({ description: 'The member whose second factor was reset.' })
class ResetStaffMemberTotpPayload {
  @Field(() => StaffMember, { description: 'The member; they enrol a new authenticator at their next sign-in.' })
  staffMember!: StaffMember;

  @Field(() => Int, { description: 'How many of their sessions were ended.' })
  endedSessions!: number;
}

@InputType({ description: 'Internal (gateway): a password reset link redeemed with a new password.' })
class RedeemStaffPasswordResetInput {
  @Field(() => String, { description: 'The token from the reset link.' })
  token!: string;

  @Field(() => String, { description: 'The new password (the same rules as at invitation acceptance).' })
  password!: string;
}

@ObjectType({ description: 'Internal: the member whose password was set through a reset link.' })
class RedeemStaffPasswordResetPayload {
  @Field(() => StaffMember, { description: 'The member; they sign in with the new password next.' })
  staffMember!: StaffMember;

  @Field(() => Int, { description: 'How many of their sessions were ended.' })
  endedSessions!: number;
}

@Resolver()
export class CredentialsResolver {
  @Mutation(() => ChangeMyPasswordPayload, {
    description:
      'Change your own password (staff signed in with a password). Needs the current one; your other sessions end, this one stays.',
  })
  async changeMyPassword(
    @Arg('input', () => ChangeMyPasswordInput) input: ChangeMyPasswordInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ChangeMyPasswordPayload> {
    const { member, endedSessions } = await new CredentialService(ctx.em, ctx.principal).changeOwnPassword(
      input.currentPassword,
      input.newPassword,
    );
    return { staffMember: member, endedSessions };
  }

  @Mutation(() => RegenerateMyRecoveryCodesPayload, {
    description:
      'Replace your TOTP recovery codes with ten new ones (staff with an authenticator; needs your password). The earlier codes stop working.',
  })
  async regenerateMyRecoveryCodes(
    @Arg('input', () => RegenerateMyRecoveryCodesInput) input: RegenerateMyRecoveryCodesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RegenerateMyRecoveryCodesPayload> {
    const { member, codes } = await new CredentialService(ctx.em, ctx.principal).regenerateOwnRecoveryCodes(
      input.currentPassword,
    );
    return { staffMember: member, recoveryCodes: codes };
  }

  @Mutation(() => ResetStaffMemberPasswordPayload, {
    description:
      'Issue a one-time password reset link for a member of your staff who lost their password (needs MANAGE_STAFF and every permission they hold; not for yourself). It works once, for 24 hours.',
  })
  async resetStaffMemberPassword(
    @Arg('input', () => StaffMemberCredentialInput) input: StaffMemberCredentialInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ResetStaffMemberPasswordPayload> {
    const service = new CredentialService(ctx.em, ctx.principal);
    const { member, reset, url } = await service.issuePasswordReset(idOf('staffMemberId', input.staffMemberId));
    return { staffMember: member, passwordReset: reset, passwordResetUrl: url };
  }

  @Mutation(() => ResetStaffMemberTotpPayload, {
    description:
      'Reset the second factor of a member of your staff who lost their authenticator (needs MANAGE_STAFF and every permission they hold; not for yourself): their sessions end and they enrol a new one at their next sign-in.',
  })
  async resetStaffMemberTotp(
    @Arg('input', () => StaffMemberCredentialInput) input: StaffMemberCredentialInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ResetStaffMemberTotpPayload> {
    const { member, endedSessions } = await new CredentialService(ctx.em, ctx.principal).resetTotp(
      idOf('staffMemberId', input.staffMemberId),
    );
    return { staffMember: member, endedSessions };
  }

  @Mutation(() => RedeemStaffPasswordResetPayload, {
    description: 'Internal (gateway only): set a new password with a reset link (POST /auth/staff/reset-password).',
  })
  @Directive('@inaccessible')
  async redeemStaffPasswordReset(
    @Arg('input', () => RedeemStaffPasswordResetInput) input: RedeemStaffPasswordResetInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RedeemStaffPasswordResetPayload> {
    const { member, endedSessions } = await new CredentialService(ctx.em, ctx.principal).redeemPasswordReset(
      input.token,
      input.password,
    );
    return { staffMember: member, endedSessions };
  }
}
