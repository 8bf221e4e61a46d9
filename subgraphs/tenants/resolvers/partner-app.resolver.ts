import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { badInput } from '../../../core/errors';
import type { SubgraphContext } from '../../../core/subgraph';
import { PartnerAppService } from '../services/partner-app.service';
import { actingBankId } from '../services/access';

@InputType({ description: 'A new partner-app credential for a bank.' })
export class CreatePartnerAppInput {
  @Field(() => ID, { nullable: true, description: 'The bank the app acts for: bank admins may omit it (their own bank); platform admins must give it.' })
  bankId?: string | null;

  @Field(() => String, { description: 'A name operators recognise, e.g. "Mobile banking app".' })
  name!: string;
}

@ObjectType({ description: 'The new credential. The secret is shown only here, once.' })
export class CreatePartnerAppPayload {
  @Field(() => ID, { description: 'The partner app.' })
  partnerAppId!: string;

  @Field(() => String, { description: 'Send as client_id to POST /oauth/token.' })
  clientId!: string;

  @Field(() => String, { description: 'Send as client_secret; store it safely, it cannot be shown again.' })
  clientSecret!: string;
}

@Resolver()
export class PartnerAppResolver {
  @Mutation(() => CreatePartnerAppPayload, { description: 'Register a partner app (bank admins).' })
  async createPartnerApp(@Arg('input', () => CreatePartnerAppInput) input: CreatePartnerAppInput, @Ctx() ctx: SubgraphContext): Promise<CreatePartnerAppPayload> {
    // A bank admin's own bank unless another is named (NOT_FOUND, like every foreign object).
    const bankId = actingBankId(ctx.principal, input.bankId, ['BANK_ADMIN', 'PLATFORM_ADMIN']);
    const name = input.name.trim();
    if (name.length < 2 || name.length > 200) throw badInput('name must be 2 to 200 characters.', [{ field: 'name', message: 'length 2–200' }]);
    const { app, clientSecret } = await new PartnerAppService(ctx.em).create(bankId, name);
    return { partnerAppId: String(app.id), clientId: app.clientId, clientSecret };
  }
}
