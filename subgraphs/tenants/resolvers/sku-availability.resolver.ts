import { Arg, Ctx, Directive, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { SkuAvailabilityService } from '../services/sku-availability.service';
import { ListingSalesService } from '../services/listing-sales.service';

@InputType({ description: 'Internal (orders): units of one listing in a paid order or a refund.' })
@Directive('@inaccessible')
export class ListingUnitsInput {
  @Field(() => ID, { description: 'The listing.' })
  listingId!: string;

  @Field(() => Int, { description: 'Units paid for (or refunded).' })
  quantity!: number;
}

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

  @Mutation(() => Boolean, {
    description:
      "Internal (orders): add a paid order's units to its listings' sales counts (the mall's best-selling order); once per order, false when repeated.",
  })
  @Directive('@inaccessible')
  recordListingSales(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('lines', () => [ListingUnitsInput]) lines: ListingUnitsInput[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    return new ListingSalesService(ctx.em, ctx.principal).record(orderId, lines);
  }

  @Mutation(() => Boolean, {
    description:
      "Internal (orders): take a refund's units off its listings' sales counts (never below zero); once per refund, false when repeated.",
  })
  @Directive('@inaccessible')
  recordListingRefund(
    @Arg('refundId', () => ID) refundId: string,
    @Arg('orderId', () => ID) orderId: string,
    @Arg('lines', () => [ListingUnitsInput]) lines: ListingUnitsInput[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    return new ListingSalesService(ctx.em, ctx.principal).recordRefund(refundId, orderId, lines);
  }
}
