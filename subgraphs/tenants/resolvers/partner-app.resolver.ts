import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { badInput } from '../../../core/errors';
import { requireRole } from '../../../core/identity';
import type { SubgraphContext } from '../../../core/subgraph';
import { PartnerAppService } from '../services/partner-app.service';
import { assertSameBank } from '../services/access';

@InputType({ description: 'A new partner-app credential for a bank.' })
export class CreatePartnerAppInput {
  @Field(() => ID, { description: 'The bank the app acts for (your own bank).' })
  bankId!: string;

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
    requireRole(ctx.principal, 'BANK_ADMIN', 'PLATFORM_ADMIN');
    const name = input.name.trim();
    if (name.length < 2 || name.length > 200) throw badInput('name must be 2 to 200 characters.', [{ field: 'name', message: 'length 2–200' }]);
    const bankId = Number(input.bankId);
    assertSameBank(ctx.principal, bankId, 'Bank', input.bankId);
    const { app, clientSecret } = await new PartnerAppService(ctx.em).create(bankId, name);
    return { partnerAppId: String(app.id), clientId: app.clientId, clientSecret };
  }
}
