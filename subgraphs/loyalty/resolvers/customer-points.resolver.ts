import { Ctx, FieldResolver, Resolver, Root, Query } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { CustomerPoints, CustomerWithPoints } from '../entities/customer-points';
import { loyaltyLoaders } from '../loaders';
import { pointsView } from '../services/points.service';

@Resolver(() => CustomerWithPoints)
export class CustomerPointsResolver {
  @Query(() => CustomerPoints, { description: 'Your own points (customers only).', nullable: true })
  async myPoints(@Ctx() ctx: SubgraphContext): Promise<CustomerPoints | null> {
    if (ctx.principal.role !== 'CUSTOMER') return null;
    const id = ctx.principal.customerId!;
    return pointsView(ctx.principal, id, await loyaltyLoaders(ctx).accountByCustomer.load(id));
  }

  @FieldResolver(() => CustomerPoints, { description: 'Points on both tracks.' })
  async points(@Root() customer: CustomerWithPoints, @Ctx() ctx: SubgraphContext): Promise<CustomerPoints> {
    return pointsView(ctx.principal, customer.id, await loyaltyLoaders(ctx).accountByCustomer.load(customer.id));
  }
}
