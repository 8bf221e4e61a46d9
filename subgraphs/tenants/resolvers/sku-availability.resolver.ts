import { Arg, Ctx, Directive, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { SkuAvailabilityService } from '../services/sku-availability.service';

@Resolver()
export class SkuAvailabilityResolver {
  @Mutation(() => Int, {
    description:
      'Internal (catalog): these SKUs went on or off sale; listings follow the catalog. Returns listings changed.',
  })
  @Directive('@inaccessible')
  refreshSkuAvailability(@Arg('skuIds', () => [ID]) skuIds: string[], @Ctx() ctx: SubgraphContext): Promise<number> {
    return new SkuAvailabilityService(ctx.em, ctx.principal).refresh(skuIds);
  }
}
