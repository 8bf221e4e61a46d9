import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  ConnectionType,
  decodeCursor,
  PageArgs,
  pageSize,
  toConnection,
  type Connection,
} from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { Campaign } from '../entities/campaign';
import { Listing } from '../entities/listing';
import { tenantsLoaders } from '../loaders';
import {
  CampaignForecastService,
  DEFAULT_UPTAKE_BP,
  type CostForecast,
  type ListingForecast,
} from '../services/campaign-forecast';

@ObjectType({ description: "One listing's share of a campaign's expected cost." })
export class CampaignListingForecast {
  @Field(() => ID, { description: 'The listing.' })
  listingId!: string;

  @Field(() => GraphQLSafeInt, {
    description: "What one unit takes from the budget at today's base price, in fen (as CampaignItem.unitSubsidyFen).",
  })
  unitSubsidyFen!: number;

  @Field(() => Int, { nullable: true, description: "The listing's purchase limit per customer (null: none)." })
  purchaseLimitPerCustomer!: number | null;

  @Field(() => GraphQLSafeInt, {
    description: 'floor(audience × uptake × units per customer): units per customer is the purchase limit, or 1.',
  })
  expectedUnits!: number;

  @Field(() => GraphQLSafeInt, { description: 'expectedUnits × unitSubsidyFen.' })
  expectedCostFen!: number;

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: 'Audience × purchase limit × unitSubsidyFen; null without a purchase limit (unbounded).',
  })
  worstCaseCostFen!: number | null;
}

@ObjectType({ description: 'A page of listing forecasts, by listing id.' })
export class CampaignListingForecastConnection extends ConnectionType(
  CampaignListingForecast,
  'CampaignListingForecast',
) {}

@ObjectType({
  description:
    "What a campaign is expected to cost (integers, fen): its audience now, an uptake share, the per-unit subsidy at today's base prices and the listings' purchase limits, against its budget. Amounts above 2^53 − 1 are reported as that (`saturated`).",
})
export class CampaignCostForecast {
  @Field(() => Int, { description: 'The uptake used: basis points of the audience expected to buy (1000 = 10 %).' })
  uptakeBp!: number;

  @Field(() => Int, { description: 'Customers the targeting reaches now (as campaignAudienceSize).' })
  audienceSize!: number;

  @Field(() => GraphQLSafeInt, { description: 'Expected units over all listings.' })
  expectedUnits!: number;

  @Field(() => GraphQLSafeInt, { description: 'Expected subsidy over all listings, in fen.' })
  expectedCostFen!: number;

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description:
      'Every audience member buying up to their limit of every listing, in fen; null when a listing with a subsidy has no purchase limit (unbounded).',
  })
  worstCaseCostFen!: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'The budget (null: no cap).' })
  budgetFen!: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'What the budget has left (null: no cap).' })
  remainingFen!: number | null;

  @Field(() => Boolean, {
    description: 'The expected cost is above remainingFen: the campaign price would stop applying before the end.',
  })
  exceedsRemainingBudget!: boolean;

  @Field(() => Boolean, { description: 'Some amount was above 2^53 − 1 fen and is reported as 2^53 − 1.' })
  saturated!: boolean;

  /** Every listing's forecast (at most MAX_CAMPAIGN_LISTINGS); paged below. */
  all!: ListingForecast[];
}

@Resolver(() => Campaign)
export class CampaignForecastResolver {
  @FieldResolver(() => CampaignCostForecast, {
    description:
      "The campaign's expected cost at an uptake (basis points of its audience buying, 1–10000, default 1000 = 10 %) against its budget (bank staff with RUN_CAMPAIGNS).",
  })
  async costForecast(
    @Root() campaign: Campaign,
    @Arg('uptakeBp', () => Int, { defaultValue: DEFAULT_UPTAKE_BP }) uptakeBp: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CampaignCostForecast> {
    const loaders = tenantsLoaders(ctx);
    const [segmentIds, tierIds] = await Promise.all([
      loaders.segmentIdsOfCampaign.load(campaign.id),
      loaders.tierIdsOfCampaign.load(campaign.id),
    ]);
    const f: CostForecast = await new CampaignForecastService(ctx.em as SqlEntityManager, ctx.principal).forecast(
      campaign,
      uptakeBp,
      {
        segmentIds,
        tierIds,
      },
    );
    const { listings, ...totals } = f;
    return Object.assign(new CampaignCostForecast(), totals, { all: listings });
  }
}

@Resolver(() => CampaignCostForecast)
export class CampaignCostForecastResolver {
  @FieldResolver(() => CampaignListingForecastConnection, { description: 'Per listing, by listing id.' })
  listings(
    @Root() forecast: CampaignCostForecast,
    @Args(() => PageArgs) page: PageArgs,
  ): Connection<CampaignListingForecast> {
    const limit = pageSize(page.first);
    const after = page.after ? Number(decodeCursor(page.after, 1)[0]) : null;
    const rows = forecast.all
      .filter((l) => after == null || l.listingId > after)
      .slice(0, limit + 1)
      .map((l) => Object.assign(new CampaignListingForecast(), { ...l, listingId: String(l.listingId) }));
    return toConnection(rows, limit, (l) => [Number(l.listingId)], Boolean(page.after));
  }
}

@Resolver(() => CampaignListingForecast)
export class CampaignListingForecastResolver {
  @FieldResolver(() => Listing, { description: 'The listing (with its base price).' })
  async listing(@Root() row: CampaignListingForecast, @Ctx() ctx: SubgraphContext): Promise<Listing> {
    return (await tenantsLoaders(ctx).listing.load(Number(row.listingId)))!;
  }
}
