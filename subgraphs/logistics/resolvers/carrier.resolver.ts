import { Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { Carrier } from '../entities/carrier';

@Resolver(() => Carrier)
export class CarrierResolver {
  @Query(() => [Carrier], { description: 'Carriers suppliers can ship with (a short, fixed list).' })
  carriers(@Ctx() ctx: SubgraphContext): Promise<Carrier[]> {
    return ctx.em.find(Carrier, {}, { orderBy: { code: 'ASC' }, limit: 100 });
  }
}
