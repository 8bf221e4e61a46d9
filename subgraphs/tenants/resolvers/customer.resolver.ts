import { Arg, Ctx, Directive, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput, notFound } from '../../../core/errors';
import { requireRole } from '../../../core/identity';
import type { SubgraphContext } from '../../../core/subgraph';
import { Customer } from '../entities/customer';
import { tenantsLoaders } from '../loaders';
import { assertCanSeeCustomer } from '../services/access';
import { PartnerAppService } from '../services/partner-app.service';

@ObjectType({ description: 'Internal: who a partner-app credential belongs to.' })
export class PartnerAppAuthentication {
  @Field(() => ID)
  partnerAppId!: string;

  @Field(() => ID)
  bankId!: string;
}

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => Customer, { description: 'A customer of your bank; customers omit the id to get themselves.' })
  async customer(@Arg('id', () => ID, { nullable: true }) id: string | undefined, @Ctx() ctx: SubgraphContext): Promise<Customer> {
    const wanted = id ?? (ctx.principal.role === 'CUSTOMER' ? ctx.principal.customerId : undefined);
    if (!wanted) throw badInput('Pass the customer id.');
    const customer = await tenantsLoaders(ctx).customer.load(wanted);
    if (!customer) throw notFound('Customer', wanted);
    assertCanSeeCustomer(ctx.principal, customer);
    return customer;
  }

  @Mutation(() => PartnerAppAuthentication, { nullable: true, description: 'Internal (gateway only): check a partner-app credential.' })
  @Directive('@inaccessible')
  async authenticatePartnerApp(
    @Arg('clientId', () => String) clientId: string,
    @Arg('clientSecret', () => String) clientSecret: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PartnerAppAuthentication | null> {
    requireRole(ctx.principal, 'SERVICE');
    const app = await new PartnerAppService(ctx.em).authenticate(clientId, clientSecret);
    return app ? { partnerAppId: String(app.id), bankId: String(app.bankId) } : null;
  }

  @Query(() => Customer, { nullable: true, description: "Internal (gateway only): a bank's customer by the bank's reference." })
  @Directive('@inaccessible')
  async customerForPartnerApp(
    @Arg('bankId', () => ID) bankId: string,
    @Arg('customerRef', () => String) customerRef: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Customer | null> {
    requireRole(ctx.principal, 'SERVICE');
    return new PartnerAppService(ctx.em).customerByRef(Number(bankId), customerRef);
  }
}
