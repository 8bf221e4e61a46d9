import {
  Arg,
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
import { badInput, notFound } from '../../../core/errors';
import { requireRole } from '../../../core/identity';
import { Text } from '../../../core/input-rules';
import type { SubgraphContext } from '../../../core/subgraph';
import { SsoConnection, SsoGroupMapping } from '../entities/sso-connection';
import { StaffRole } from '../entities/staff-member';
import { ssoLoaders } from '../sso-loaders';
import { SsoConnectionService } from '../services/sso-connection.service';
import { SsoSignInService } from '../services/sso-sign-in.service';
import { BankRef } from './types';

@InputType({ description: 'What membership of one identity-provider group grants.' })
class SsoGroupMappingInput {
  @Field(() => String, { description: 'The group exactly as the identity provider sends it in the groups claim.' })
  groupName!: string;

  @Field(() => StaffRole, { description: 'BANK_ADMIN or BANK_OPERATOR.' })
  role!: StaffRole;

  @Field(() => [String], {
    nullable: true,
    description: 'Bank permissions (e.g. CURATE_LISTINGS, ADJUST_POINTS). Left out: the role’s defaults.',
  })
  @Text({ max: 40, maxItems: 20 })
  permissions?: string[] | null;
}

@InputType({ description: 'A bank’s identity provider, registered once.' })
class RegisterSsoConnectionInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Bank admins leave it out (their own bank); platform admins give it.',
  })
  bankId?: string | null;

  @Field(() => String, { description: 'The issuer URL, e.g. https://login.bank.example/realms/staff.' })
  @Text({ max: 500 })
  issuerUrl!: string;

  @Field(() => String, { description: 'The client id registered for Perkmall at the identity provider.' })
  clientId!: string;

  @Field(() => String, { description: 'The client secret; stored sealed and never shown again.' })
  @Text({ max: 500 })
  clientSecret!: string;

  @Field(() => [String], { nullable: true, description: 'Scopes to ask for; default openid profile email.' })
  @Text({ max: 64, maxItems: 20 })
  scopes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The claim that lists groups; default "groups".' })
  groupsClaim?: string | null;

  @Field(() => [String], { description: 'The exact URLs the identity provider may send people back to (1–10).' })
  @Text({ max: 500, maxItems: 10 })
  redirectUris!: string[];

  @Field(() => [SsoGroupMappingInput], { description: 'Which groups get which role and permissions (≤ 100).' })
  @Text({ max: 200, maxItems: 100 })
  groupMappings!: SsoGroupMappingInput[];

  @Field(() => Boolean, { nullable: true, description: 'Whether staff may sign in through it now (default true).' })
  enabled?: boolean | null;
}

@InputType({ description: 'Changes to a bank’s SSO connection; what is left out stays as it is.' })
class UpdateSsoConnectionInput {
  @Field(() => ID, { description: 'The connection (of your own bank).' })
  ssoConnectionId!: string;

  @Field(() => String, { nullable: true, description: 'A new issuer URL.' })
  @Text({ max: 500 })
  issuerUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'A new client id.' })
  clientId?: string | null;

  @Field(() => String, { nullable: true, description: 'A new client secret (rotation); never shown again.' })
  @Text({ max: 500 })
  clientSecret?: string | null;

  @Field(() => [String], { nullable: true, description: 'Scopes to ask for.' })
  @Text({ max: 64, maxItems: 20 })
  scopes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The claim that lists groups.' })
  groupsClaim?: string | null;

  @Field(() => [String], { nullable: true, description: 'The allowed redirect URIs (replace the list).' })
  @Text({ max: 500, maxItems: 10 })
  redirectUris?: string[] | null;

  @Field(() => [SsoGroupMappingInput], {
    nullable: true,
    description: 'The group mappings (replace them all; takes effect at each person’s next sign-in).',
  })
  @Text({ max: 200, maxItems: 100 })
  groupMappings?: SsoGroupMappingInput[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Turn SSO sign-in on or off.' })
  enabled?: boolean | null;
}

@ObjectType({ description: 'The registered connection (without its secret).' })
class RegisterSsoConnectionPayload {
  @Field(() => SsoConnection, { description: 'The connection.' })
  ssoConnection!: SsoConnection;
}

@ObjectType({ description: 'The changed connection (without its secret).' })
class UpdateSsoConnectionPayload {
  @Field(() => SsoConnection, { description: 'The connection.' })
  ssoConnection!: SsoConnection;
}

@InputType({ description: 'Internal (gateway): start a staff sign-in at the bank’s identity provider.' })
class BeginSsoSignInInput {
  @Field(() => ID, { nullable: true, description: 'The bank whose staff is signing in (or its bankCode).' })
  bankId?: string | null;

  @Field(() => String, { nullable: true, description: 'The bank’s code, e.g. "HZBANK" (or its bankId).' })
  @Text({ max: 40 })
  bankCode?: string | null;

  @Field(() => String, { description: 'Where the identity provider sends the person back (on the bank’s list).' })
  @Text({ max: 500 })
  redirectUri!: string;

  @Field(() => String, { nullable: true, description: 'Passed on as login_hint.' })
  loginHint?: string | null;
}

@ObjectType({ description: 'Internal: whether a bank’s staff can sign in at its own identity provider.' })
class SsoAvailability {
  @Field(() => String, { description: 'The bank’s code as asked.' })
  bankCode!: string;

  @Field(() => Boolean, { description: 'True when the bank has an enabled single sign-on connection.' })
  singleSignOn!: boolean;
}

@ObjectType({ description: 'Internal: where to send the person to sign in.' })
class BeginSsoSignInPayload {
  @Field(() => String, { description: 'The identity provider’s authorization URL (state, nonce, PKCE challenge).' })
  authorizationUrl!: string;

  @Field(() => Date, { description: 'The sign-in must be completed before this.' })
  expiresAt!: Date;
}

@InputType({ description: 'Internal (gateway): what came back to the redirect URI.' })
class CompleteSsoSignInInput {
  @Field(() => String, { nullable: true, description: 'The whole callback URL, as it arrived.' })
  @Text({ max: 4000 })
  callbackUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Or: its state parameter …' })
  @Text({ max: 200 })
  state?: string | null;

  @Field(() => String, { nullable: true, description: '… its code …' })
  @Text({ max: 2000 })
  code?: string | null;

  @Field(() => String, { nullable: true, description: '… and its iss (when the provider sends one).' })
  @Text({ max: 500 })
  iss?: string | null;

  @Field(() => String, { nullable: true, description: 'Client address as the gateway saw it.' })
  @Text({ max: 64 })
  ipAddress?: string | null;

  @Field(() => String, { nullable: true, description: 'User-Agent header.' })
  @Text({ max: 1000 })
  userAgent?: string | null;
}

@ObjectType({ description: 'Internal: the tokens of the SSO session that was opened.' })
class CompleteSsoSignInPayload {
  @Field(() => String) accessToken!: string;
  @Field(() => String) refreshToken!: string;
  @Field(() => Int, { description: 'Seconds the access token is valid for.' }) expiresIn!: number;
  @Field(() => ID) sessionId!: string;
  @Field(() => ID) staffMemberId!: string;
}

function idOf(what: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw notFound(what, value);
  return n;
}

@Resolver(() => SsoConnection)
export class SsoConnectionResolver {
  @Query(() => SsoConnection, {
    nullable: true,
    description: 'Your bank’s single sign-on connection, or null if it has none (platform admins: any bank).',
  })
  async ssoConnection(
    @Arg('bankId', () => ID, { nullable: true, description: 'Platform admins: the bank.' }) bankId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SsoConnection | null> {
    return new SsoConnectionService(ctx.em, ctx.principal, ssoLoaders(ctx)).ofBank(bankId);
  }

  @Mutation(() => RegisterSsoConnectionPayload, {
    description:
      'Register your bank’s OpenID Connect identity provider and map its groups to roles and permissions (bank admins; one per bank).',
  })
  async registerSsoConnection(
    @Arg('input', () => RegisterSsoConnectionInput) input: RegisterSsoConnectionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RegisterSsoConnectionPayload> {
    return { ssoConnection: await new SsoConnectionService(ctx.em, ctx.principal, ssoLoaders(ctx)).register(input) };
  }

  @Mutation(() => UpdateSsoConnectionPayload, {
    description: 'Change your bank’s SSO connection: issuer, client, secret rotation, redirect URIs, group mappings.',
  })
  async updateSsoConnection(
    @Arg('input', () => UpdateSsoConnectionInput) input: UpdateSsoConnectionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UpdateSsoConnectionPayload> {
    const service = new SsoConnectionService(ctx.em, ctx.principal, ssoLoaders(ctx));
    return { ssoConnection: await service.change(input.ssoConnectionId, input) };
  }

  @FieldResolver(() => BankRef, { description: 'The bank whose staff signs in through it.' })
  bank(@Root() connection: SsoConnection): BankRef {
    return { id: String(connection.bankId) };
  }

  @FieldResolver(() => Boolean, { description: 'Whether a client secret is stored (it is never shown).' })
  clientSecretSet(@Root() connection: SsoConnection): boolean {
    return Boolean(connection.clientSecretSealed);
  }

  @FieldResolver(() => [SsoGroupMapping], { description: 'What each mapped group grants.' })
  groupMappings(@Root() connection: SsoConnection, @Ctx() ctx: SubgraphContext): Promise<SsoGroupMapping[]> {
    return ssoLoaders(ctx).groupMappingsByConnection.load(connection.id);
  }
}

// Internal operations for the gateway's staff sign-in routes (called with its service credential):
// the person is not signed in yet, so they never reach these through the API.
@Resolver()
export class SsoSignInResolver {
  @Query(() => SsoAvailability, {
    description: 'Internal (gateway only): whether the sign-in page should offer the bank’s single sign-on.',
  })
  @Directive('@inaccessible')
  async ssoAvailability(
    @Arg('bankCode', () => String) bankCode: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SsoAvailability> {
    requireRole(ctx.principal, 'SERVICE');
    return { bankCode, singleSignOn: await new SsoSignInService(ctx.em).available(bankCode) };
  }

  @Mutation(() => BeginSsoSignInPayload, {
    description: 'Internal (gateway only): begin a staff sign-in at the bank’s identity provider.',
  })
  @Directive('@inaccessible')
  async beginSsoSignIn(
    @Arg('input', () => BeginSsoSignInInput) input: BeginSsoSignInInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BeginSsoSignInPayload> {
    requireRole(ctx.principal, 'SERVICE');
    if ((input.bankId == null) === (input.bankCode == null))
      throw badInput('Name the bank by bankId or by bankCode (one of them).', [
        { field: 'bankId', message: 'give bankId or bankCode' },
      ]);
    return new SsoSignInService(ctx.em).begin({
      bank: input.bankId != null ? { id: idOf('Bank', input.bankId) } : { code: input.bankCode! },
      redirectUri: input.redirectUri,
      loginHint: input.loginHint ?? null,
    });
  }

  @Mutation(() => CompleteSsoSignInPayload, {
    description: 'Internal (gateway only): complete an SSO sign-in and open the staff session.',
  })
  @Directive('@inaccessible')
  async completeSsoSignIn(
    @Arg('input', () => CompleteSsoSignInInput) input: CompleteSsoSignInInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CompleteSsoSignInPayload> {
    requireRole(ctx.principal, 'SERVICE');
    const signedIn = await new SsoSignInService(ctx.em).complete(input, {
      ipAddress: input.ipAddress ?? null,
      userAgent: input.userAgent ?? null,
    });
    return {
      accessToken: signedIn.accessToken,
      refreshToken: signedIn.refreshToken,
      expiresIn: signedIn.expiresIn,
      sessionId: String(signedIn.session.id),
      staffMemberId: String(signedIn.member.id),
    };
  }
}
