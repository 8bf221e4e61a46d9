import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { PoolHealthService } from '../services/pool-health.service';

@ObjectType({ description: 'The shared pool’s health now (the platform).' })
export class PoolHealth {
  @Field(() => Int, { description: 'ACTIVE SKUs: what banks may sell.' }) skusOnSale!: number;
  @Field(() => Int, {
    description: 'ACTIVE SKUs that cannot be sold now: goods with no available units, card SKUs whose pool is empty.',
  })
  outOfStock!: number;
  @Field(() => Int, { description: 'Card kinds whose available codes are at or below their low-pool threshold.' })
  cardPoolsRunningDry!: number;
  @Field(() => Int, { description: 'Card kinds with no available code (among those running dry).' })
  cardPoolsEmpty!: number;
  @Field(() => Date, {
    description: 'When these figures were counted (as of): a background task recounts them every 30 s by default.',
  })
  computedAt!: Date;
}

@Resolver()
export class PoolHealthResolver {
  @Query(() => PoolHealth, {
    description:
      'The shared pool’s health: SKUs on sale, out of stock, card pools running dry (the platform with SEE_REPORTS; banks and suppliers are FORBIDDEN). One primary-key read of the last count (recounted in the background; `computedAt` says when); the dry pools themselves: `virtualCardKinds(depletingOnly: true)`.',
  })
  poolHealth(@Ctx() ctx: SubgraphContext): Promise<PoolHealth> {
    return new PoolHealthService(ctx.em, ctx.principal).health();
  }
}
