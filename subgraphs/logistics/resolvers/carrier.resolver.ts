import { Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { Carrier } from '../entities/carrier';
import { CarrierService } from '../services/carrier.service';

@Resolver(() => Carrier)
export class CarrierResolver {
  @Query(() => [Carrier], { description: 'Carriers suppliers can ship with (a short, fixed list).' })
  carriers(@Ctx() ctx: SubgraphContext): Promise<Carrier[]> {
    return new CarrierService(ctx.em).list();
  }
}
