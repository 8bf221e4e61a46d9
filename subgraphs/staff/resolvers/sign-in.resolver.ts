import { Arg, Ctx, Directive, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requireRole } from '../../../core/identity';
import { Text } from '../../../core/input-rules';
import type { SubgraphContext } from '../../../core/subgraph';
import { numericIds } from '../../../core/loaders';
import { SessionService, type DeviceInfo } from '../services/session.service';
import { SignInService, type SignInResult } from '../services/sign-in.service';

// Internal operations the gateway's /auth/staff/* routes call with its service credential. People
// never reach them through the API: they sign in at those routes (gateway/staff-auth.ts).

@InputType({ description: 'Internal (gateway): where a sign-in request came from.' })
class DeviceInput {
  @Field(() => String, { nullable: true, description: 'Client address as the gateway saw it.' })
  @Text({ max: 64 })
  ipAddress?: string | null;

  @Field(() => String, { nullable: true, description: 'User-Agent header (first 200 characters).' })
  userAgent?: string | null;
}

@InputType({ description: 'Internal (gateway): a password sign-in.' })
class StaffSignInInput {
  @Field(() => String) loginName!: string;
  @Field(() => String) password!: string;
  @Field(() => String, { nullable: true, description: 'The authenticator’s 6 digits, or one recovery code.' })
  totpCode?: string | null;
  @Field(() => DeviceInput) device!: DeviceInput;
}

@InputType({ description: 'Internal (gateway): confirming a new TOTP secret during an admin’s first sign-in.' })
class ConfirmStaffTotpEnrolmentInput {
  @Field(() => String) challengeToken!: string;
  @Field(() => String) totpCode!: string;
  @Field(() => DeviceInput) device!: DeviceInput;
}

@InputType({ description: 'Internal (gateway): exchanging a refresh token.' })
class RefreshStaffSessionInput {
  @Field(() => String) refreshToken!: string;
}

@ObjectType({ description: 'Internal: tokens of a staff session.' })
class StaffTokens {
  @Field(() => String) accessToken!: string;
  @Field(() => String) refreshToken!: string;
  @Field(() => Int, { description: 'Seconds the access token is valid for.' }) expiresIn!: number;
  @Field(() => ID) sessionId!: string;
}

@ObjectType({ description: 'Internal: a TOTP secret to scan, shown once.' })
class StaffTotpEnrolment {
  @Field(() => String) challengeToken!: string;
  @Field(() => String) totpSecret!: string;
  @Field(() => String) otpauthUri!: string;
}

@ObjectType({ description: 'Internal: how a sign-in or refresh went.' })
class StaffSignInResult {
  @Field(() => String, {
    description: 'SIGNED_IN, INVALID_CREDENTIALS, TOTP_REQUIRED, TOTP_ENROLMENT_REQUIRED or LOCKED.',
  })
  outcome!: string;

  @Field(() => Int, { nullable: true, description: 'Seconds until the login name may try again.' })
  retryAfterSeconds?: number | null;

  @Field(() => StaffTokens, { nullable: true })
  tokens?: StaffTokens | null;

  @Field(() => StaffTotpEnrolment, { nullable: true })
  enrolment?: StaffTotpEnrolment | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Recovery codes issued with a confirmed enrolment (shown once).',
  })
  recoveryCodes?: string[] | null;
}

function answer(result: SignInResult): StaffSignInResult {
  return {
    outcome: result.outcome,
    retryAfterSeconds: result.retryAfterSeconds ?? null,
    tokens: result.tokens
      ? {
          accessToken: result.tokens.accessToken,
          refreshToken: result.tokens.refreshToken,
          expiresIn: result.tokens.expiresIn,
          sessionId: String(result.tokens.session.id),
        }
      : null,
    enrolment: result.enrolment ?? null,
    recoveryCodes: result.recoveryCodes ?? null,
  };
}

const deviceOf = (d: DeviceInput): DeviceInfo => ({ ipAddress: d.ipAddress ?? null, userAgent: d.userAgent ?? null });

@Resolver()
export class SignInResolver {
  @Mutation(() => StaffSignInResult, { description: 'Internal (gateway only): a staff password sign-in.' })
  @Directive('@inaccessible')
  async signInStaff(
    @Arg('input', () => StaffSignInInput) input: StaffSignInInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StaffSignInResult> {
    requireRole(ctx.principal, 'SERVICE');
    return answer(await new SignInService(ctx.em).signIn(input, deviceOf(input.device)));
  }

  @Mutation(() => StaffSignInResult, {
    description: 'Internal (gateway only): confirm an admin’s new TOTP secret and open the session.',
  })
  @Directive('@inaccessible')
  async confirmStaffTotpEnrolment(
    @Arg('input', () => ConfirmStaffTotpEnrolmentInput) input: ConfirmStaffTotpEnrolmentInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StaffSignInResult> {
    requireRole(ctx.principal, 'SERVICE');
    return answer(await new SignInService(ctx.em).confirmTotpEnrolment(input, deviceOf(input.device)));
  }

  @Mutation(() => StaffSignInResult, { description: 'Internal (gateway only): exchange a refresh token.' })
  @Directive('@inaccessible')
  async refreshStaffSession(
    @Arg('input', () => RefreshStaffSessionInput) input: RefreshStaffSessionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StaffSignInResult> {
    requireRole(ctx.principal, 'SERVICE');
    const tokens = await new SessionService(ctx.em).refresh(input.refreshToken);
    return answer(tokens ? { outcome: 'SIGNED_IN', tokens } : { outcome: 'INVALID_CREDENTIALS' });
  }

  @Query(() => [ID], { description: 'Internal (gateway only): which of these staff sessions are still active.' })
  @Directive('@inaccessible')
  async activeStaffSessions(
    @Arg('sessionIds', () => [ID]) sessionIds: string[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<string[]> {
    requireRole(ctx.principal, 'SERVICE');
    // The gateway batches every session it is asked about in one tick; one indexed IN over the primary key.
    const active = await new SessionService(ctx.em).activeAmong(numericIds(sessionIds));
    return active.map(String);
  }
}
