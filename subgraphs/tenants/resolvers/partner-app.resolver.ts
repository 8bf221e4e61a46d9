import { approvalGate } from '../services/approvals';
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { badInput } from '../../../core/errors';
import { bankScopeOf, requireRole } from '../../../core/identity';
import type { SubgraphContext } from '../../../core/subgraph';
import { PartnerAppService, effectiveSafelistOnly } from '../services/partner-app.service';
import { actingBankId, idOf } from '../services/access';

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

@Resolver()
export class PartnerAppResolver {
  @Mutation(() => CreatePartnerAppPayload, { description: 'Register a partner app (bank admins).' })
  async createPartnerApp(
    @Arg('input', () => CreatePartnerAppInput) input: CreatePartnerAppInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreatePartnerAppPayload> {
    // A bank admin's own bank unless another is named (NOT_FOUND, like every foreign object).
    const bankId = actingBankId(ctx.principal, input.bankId, ['BANK_ADMIN', 'PLATFORM_ADMIN']);
    const name = input.name.trim();
    if (name.length < 2 || name.length > 200)
      throw badInput('name must be 2 to 200 characters.', [{ field: 'name', message: 'length 2–200' }]);
    await approvalGate(ctx.principal).partnerAppCreation(bankId);
    const { app, clientSecret } = await new PartnerAppService(ctx.em).create(bankId, name, input.safelistOnly ?? null);
    return {
      partnerAppId: String(app.id),
      clientId: app.clientId,
      clientSecret,
      safelistOnly: effectiveSafelistOnly(app),
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
    requireRole(ctx.principal, 'BANK_ADMIN', 'PLATFORM_ADMIN');
    const id = idOf('Partner app', input.partnerAppId);
    const bankScope = bankScopeOf(ctx.principal);
    const app = await new PartnerAppService(ctx.em).setSafelistOnly(
      id,
      bankScope === null ? null : Number(bankScope),
      input.safelistOnly ?? null,
    );
    return { partnerAppId: String(app.id), safelistOnly: effectiveSafelistOnly(app) };
  }
}
