import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { FenAmount, PointsAmount } from '../../../core/input-rules';
import { Listing, ListingTierPrice, PriceMode } from '../entities/listing';
import { Tier } from '../entities/tier';
import { tenantsLoaders } from '../loaders';
import { idOf } from '../services/access';
import type { PriceWarning } from '../services/listing.service';
import { MAX_TIER_PRICES, TierPriceService } from '../services/tier-price.service';
import { PriceWarningType } from './mall.resolver';

@InputType({ description: "One tier's price for a listing." })
export class TierPriceInput {
  @Field(() => ID, { description: "A tier of the listing's bank." })
  tierId!: string;

  @Field(() => PriceMode, { description: 'How the tier price is paid.' })
  priceMode!: PriceMode;

  @Field(() => PointsAmount, {
    description:
      'Points part (0 with 0 fen: free, for listings with a purchase limit or a QUOTA benefit rule covering them).',
  })
  pricePoints!: number;

  @Field(() => FenAmount, { description: 'Cash part, in fen.' })
  priceFen!: number;
}

@InputType({ description: "Replace a listing's tier prices (an empty list clears them)." })
export class SetListingTierPricesInput {
  @Field(() => ID, { description: 'The listing.' })
  listingId!: string;

  @Field(() => [TierPriceInput], { description: `The tier prices, at most ${MAX_TIER_PRICES}, one per tier.` })
  prices!: TierPriceInput[];
}

@ObjectType({ description: "The listing's tier prices as now set, with warnings about prices below cost." })
export class SetListingTierPricesPayload {
  @Field(() => Listing, { description: 'The listing.' })
  listing!: Listing;

  @Field(() => [ListingTierPrice], { description: 'The tier prices now in force.' })
  tierPrices!: ListingTierPrice[];

  @Field(() => [PriceWarningType], { description: 'Tier prices below the supplier price.' })
  warnings!: PriceWarning[];
}

@Resolver(() => ListingTierPrice)
export class TierPriceResolver {
  @FieldResolver(() => Tier, { nullable: true, description: 'The tier (null if it was since removed).' })
  async tier(@Root() price: ListingTierPrice, @Ctx() ctx: SubgraphContext): Promise<Tier | null> {
    return (await tenantsLoaders(ctx).tier.load(price.tierId)) ?? null;
  }

  @Mutation(() => SetListingTierPricesPayload, {
    description:
      "Set a listing's prices per tier, replacing the ones it had (bank staff who curate listings). Customers of a priced tier pay that price instead of the base price.",
  })
  async setListingTierPrices(
    @Arg('input', () => SetListingTierPricesInput) input: SetListingTierPricesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SetListingTierPricesPayload> {
    idOf('Listing', input.listingId);
    return new TierPriceService(ctx.em, ctx.principal).set(
      input.listingId,
      input.prices.map((p) => ({ ...p })),
    );
  }
}
