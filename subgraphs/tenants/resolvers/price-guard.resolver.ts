import { Arg, Ctx, Directive, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import type { SubgraphContext } from '../../../core/subgraph';
import { Bank, PriceGuardAction } from '../entities/bank';
import { Listing, PriceGuardState } from '../entities/listing';
import { isStaff } from '../services/access';
import { PriceGuardService } from '../services/price-guard.service';

@ObjectType({
  description:
    "What the price guard did to a listing when a supplier's price change broke the bank's margin rule (bank staff).",
})
export class ListingPriceGuard {
  @Field(() => PriceGuardState, { description: 'FLAGGED (still on sale) or PAUSED.' })
  state!: PriceGuardState;

  @Field(() => GraphQLSafeInt, { description: 'The supplier price, in fen, the guard acted on.' })
  supplierPriceFen!: number;

  @Field(() => Date, { description: 'When the guard acted (UTC).' })
  at!: Date;
}

/** The guard's mark on a listing, for bank staff; customers and partner apps never see it. */
@Resolver(() => Listing)
export class ListingPriceGuardResolver {
  @FieldResolver(() => ListingPriceGuard, {
    nullable: true,
    description:
      "Set while the price guard has flagged or paused the listing (a supplier price change broke the bank's margin rule); cleared by repricing within the rule or resuming. Null for customers and partner apps.",
  })
  priceGuard(@Root() listing: Listing, @Ctx() ctx: SubgraphContext): ListingPriceGuard | null {
    if (!isStaff(ctx.principal) || !listing.priceGuard) return null;
    return {
      state: listing.priceGuard,
      supplierPriceFen: Number(listing.priceGuardSupplierPriceFen ?? 0),
      at: listing.priceGuardAt ?? listing.updatedAt,
    };
  }

  @Mutation(() => Int, {
    description:
      "Internal (catalog): suppliers changed these SKUs' supplier prices (one key per change); listings that now break their bank's margin rule are paused or flagged and the bank is notified. Returns listings marked or cleared.",
  })
  @Directive('@inaccessible')
  guardListingPrices(
    @Arg('skuIds', () => [ID]) skuIds: string[],
    @Arg('priceChangeKey', () => String) priceChangeKey: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return new PriceGuardService(ctx.em, ctx.principal).guard(skuIds, priceChangeKey);
  }
}

/** The bank's price-guard settings, for its staff (changed with `updateBank`). */
@Resolver(() => Bank)
export class BankPriceGuardResolver {
  @FieldResolver(() => PriceGuardAction, {
    nullable: true,
    description:
      'What a supplier price change that breaks the margin rule does to a listing: PAUSE or FLAG (bank staff; null for customers and partner apps).',
  })
  priceGuardAction(@Root() bank: Bank, @Ctx() ctx: SubgraphContext): PriceGuardAction | null {
    return isStaff(ctx.principal) ? bank.priceGuardAction : null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "The price guard's minimum margin over the supplier price, in basis points (0 = only below cost): a listing's base price, points valued at pointsPerYuan, must be worth at least supplier price × (10000 + this) ÷ 10000. Bank staff; null for customers and partner apps.",
  })
  priceGuardMinMarginBp(@Root() bank: Bank, @Ctx() ctx: SubgraphContext): number | null {
    return isStaff(ctx.principal) ? bank.priceGuardMinMarginBp : null;
  }
}
