import {
  Arg,
  Args,
  Ctx,
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
import type { PartnerScope } from '../../../core/identity';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { PartnerApp, PartnerAppScope, scopesOfApp } from '../entities/partner-app';
import { PartnerAppAdministration, effectiveSafelistOnly } from '../services/partner-app.service';
import { idOf } from '../services/access';

@ObjectType()
export class PartnerAppConnection extends ConnectionType(PartnerApp, 'PartnerApp') {}

@InputType({ description: 'A new partner-app credential for a bank.' })
export class CreatePartnerAppInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The bank the app acts for: bank admins may omit it (their own bank); platform admins must give it.',
  })
  bankId?: string | null;

  @Field(() => String, { description: 'A name operators recognise, e.g. "Mobile banking app".' })
  name!: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Run only the published operations (codegen/persisted-operations.json). Omitted: the deployment default (on in production).',
  })
  safelistOnly?: boolean | null;

  @Field(() => [PartnerAppScope], {
    nullable: true,
    description: 'What the app may do (carried in its tokens). Omitted: every scope.',
  })
  scopes?: PartnerScope[] | null;
}

@ObjectType({ description: 'The new credential. The secret is shown only here, once.' })
export class CreatePartnerAppPayload {
  @Field(() => ID, { description: 'The partner app.' })
  partnerAppId!: string;

  @Field(() => String, { description: 'Send as client_id to POST /oauth/token.' })
  clientId!: string;

  @Field(() => String, { description: 'Send as client_secret; store it safely, it cannot be shown again.' })
  clientSecret!: string;

  @Field(() => Boolean, { description: 'Whether the app may run only the published operations.' })
  safelistOnly!: boolean;

  @Field(() => PartnerApp, { description: 'The partner app.' })
  partnerApp!: PartnerApp;
}

@InputType({ description: 'Whether a partner app may run only the published operations.' })
export class SetPartnerAppSafelistInput {
  @Field(() => ID, { description: 'The partner app (of your own bank).' })
  partnerAppId!: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only safelisted operations; false: any operation; null: the deployment default (on in production).',
  })
  safelistOnly?: boolean | null;
}

@ObjectType({ description: 'The partner app’s safelist setting, as its next tokens will carry it.' })
export class SetPartnerAppSafelistPayload {
  @Field(() => ID, { description: 'The partner app.' })
  partnerAppId!: string;

  @Field(() => Boolean, { description: 'Whether tokens issued from now on are limited to the safelist.' })
  safelistOnly!: boolean;
}

@InputType({ description: 'Replace a partner app’s secret.' })
export class RotatePartnerAppSecretInput {
  @Field(() => ID, { description: 'The partner app (of your own bank).' })
  partnerAppId!: string;

  @Field(() => Int, {
    description:
      'Hours the old secret keeps working, so the app can switch without downtime (0 = refused at once; at most 168).',
  })
  overlapHours!: number;
}

@ObjectType({ description: 'The new secret, shown only here, once.' })
export class RotatePartnerAppSecretPayload {
  @Field(() => PartnerApp, { description: 'The partner app.' })
  partnerApp!: PartnerApp;

  @Field(() => String, { description: 'The new client_secret; store it safely, it cannot be shown again.' })
  clientSecret!: string;
}

@InputType({ description: 'Revoke a partner app for good.' })
export class RevokePartnerAppInput {
  @Field(() => ID, { description: 'The partner app (of your own bank).' })
  partnerAppId!: string;
}

@ObjectType({ description: 'The revoked partner app.' })
export class RevokePartnerAppPayload {
  @Field(() => PartnerApp, { description: 'The partner app, now inactive.' })
  partnerApp!: PartnerApp;
}

@InputType({ description: 'Choose what a partner app may do.' })
export class SetPartnerAppScopesInput {
  @Field(() => ID, { description: 'The partner app (of your own bank).' })
  partnerAppId!: string;

  @Field(() => [PartnerAppScope], { description: 'The scopes it holds from now on (at least one).' })
  scopes!: PartnerScope[];
}

@ObjectType({ description: 'The partner app with its new scopes, as its next tokens will carry them.' })
export class SetPartnerAppScopesPayload {
  @Field(() => PartnerApp, { description: 'The partner app.' })
  partnerApp!: PartnerApp;
}

@Resolver(() => PartnerApp)
export class PartnerAppResolver {
  @Query(() => PartnerAppConnection, {
    description:
      "Partner apps, oldest first: your bank's (bank admins), or every bank's (platform admins; `bankId` narrows to one).",
  })
  partnerApps(
    @Arg('bankId', () => ID, { nullable: true, description: 'Platform admins: only this bank’s apps.' })
    bankId: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<PartnerApp>> {
    return new PartnerAppAdministration(ctx.em, ctx.principal).list(bankId, page.first, page.after);
  }

  @FieldResolver(() => ID, { description: 'The bank the app acts for.' })
  bankId(@Root() app: PartnerApp): string {
    return String(app.bankId);
  }

  @FieldResolver(() => [PartnerAppScope], { description: 'What the app may do (its next tokens carry these).' })
  scopes(@Root() app: PartnerApp): PartnerScope[] {
    return scopesOfApp(app);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the app may run only the published operations.' })
  safelistOnly(@Root() app: PartnerApp): boolean {
    return effectiveSafelistOnly(app);
  }

  @Mutation(() => RotatePartnerAppSecretPayload, {
    description:
      'Issue a new secret for a partner app (bank admins of its bank); the old one keeps working for overlapHours.',
  })
  async rotatePartnerAppSecret(
    @Arg('input', () => RotatePartnerAppSecretInput) input: RotatePartnerAppSecretInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RotatePartnerAppSecretPayload> {
    const { app, clientSecret } = await new PartnerAppAdministration(ctx.em, ctx.principal).rotateSecret(
      idOf('Partner app', input.partnerAppId),
      input.overlapHours,
    );
    return { partnerApp: app, clientSecret };
  }

  @Mutation(() => RevokePartnerAppPayload, {
    description:
      'Revoke a partner app for good (bank admins of its bank): the token endpoint refuses it at once; tokens it holds expire within 15 minutes.',
  })
  async revokePartnerApp(
    @Arg('input', () => RevokePartnerAppInput) input: RevokePartnerAppInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RevokePartnerAppPayload> {
    return {
      partnerApp: await new PartnerAppAdministration(ctx.em, ctx.principal).revoke(
        idOf('Partner app', input.partnerAppId),
      ),
    };
  }

  @Mutation(() => SetPartnerAppScopesPayload, {
    description: 'Choose what a partner app may do (bank admins of its bank); its next tokens carry the scopes.',
  })
  async setPartnerAppScopes(
    @Arg('input', () => SetPartnerAppScopesInput) input: SetPartnerAppScopesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SetPartnerAppScopesPayload> {
    return {
      partnerApp: await new PartnerAppAdministration(ctx.em, ctx.principal).setScopes(
        idOf('Partner app', input.partnerAppId),
        input.scopes,
      ),
    };
  }

  @Mutation(() => CreatePartnerAppPayload, { description: 'Register a partner app (bank admins).' })
  async createPartnerApp(
    @Arg('input', () => CreatePartnerAppInput) input: CreatePartnerAppInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreatePartnerAppPayload> {
    const { app, clientSecret } = await new PartnerAppAdministration(ctx.em, ctx.principal).create(input);
    return {
      partnerAppId: String(app.id),
      clientId: app.clientId,
      clientSecret,
      safelistOnly: effectiveSafelistOnly(app),
      partnerApp: app,
    };
  }

  @Mutation(() => SetPartnerAppSafelistPayload, {
    description:
      'Limit a partner app to the published operations, or free it (bank admins of its bank). Takes effect on the tokens it obtains next.',
  })
  async setPartnerAppSafelist(
    @Arg('input', () => SetPartnerAppSafelistInput) input: SetPartnerAppSafelistInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SetPartnerAppSafelistPayload> {
    const app = await new PartnerAppAdministration(ctx.em, ctx.principal).setSafelistOnly(
      idOf('Partner app', input.partnerAppId),
      input.safelistOnly ?? null,
    );
    return { partnerAppId: String(app.id), safelistOnly: effectiveSafelistOnly(app) };
  }
}
