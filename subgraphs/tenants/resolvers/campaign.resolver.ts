import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { Campaign, CampaignListing, CampaignStatus, CampaignTemplate } from '../entities/campaign';
import { Listing, PriceMode } from '../entities/listing';
import { Mall } from '../entities/mall';
import { Segment } from '../entities/segment';
import { Tier } from '../entities/tier';
import { requestNow, tenantsLoaders } from '../loaders';
import { CampaignService } from '../services/campaign.service';
import { campaignSubsidyFen } from '../services/pricing';
import type { PriceWarning } from '../services/listing.service';
import { PriceWarningType } from './mall.resolver';
import { FenAmount, PointsAmount } from '../../../core/input-rules';
import { GraphQLSafeInt } from 'graphql-scalars';

@ObjectType({ description: 'One listing of a campaign with its campaign price (the preview).' })
export class CampaignItem {
  @Field(() => PriceMode, { description: 'How the price is paid.' })
  priceMode!: PriceMode;

  @Field(() => GraphQLSafeInt, { description: 'Campaign points per unit.' })
  pricePoints!: number;

  @Field(() => GraphQLSafeInt, { description: 'Campaign cash per unit, in fen.' })
  priceFen!: number;

  listingId!: number;
}

@ObjectType()
export class CampaignItemConnection extends ConnectionType(CampaignItem, 'CampaignItem') {}

@InputType({ description: 'A campaign price for one listing (instead of the template discount).' })
export class CampaignPriceInput {
  @Field(() => ID, { description: 'The listing.' })
  listingId!: string;

  @Field(() => PriceMode, { nullable: true, description: "Default: the listing's mode." })
  priceMode?: PriceMode | null;

  @Field(() => PointsAmount, { description: 'Points per unit.' })
  pricePoints!: number;

  @Field(() => FenAmount, { description: 'Cash per unit, in fen.' })
  priceFen!: number;
}

@InputType({ description: 'A festival campaign from a template; it starts as a DRAFT you can preview.' })
export class CreateCampaignInput {
  @Field(() => ID, { description: 'The mall.' })
  mallId!: string;

  @Field(() => CampaignTemplate, { description: 'The festival template it was made from.' })
  template!: CampaignTemplate;

  @Field(() => String, { nullable: true, description: "Default: the template's name." })
  name?: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      "Default: the template's next festival day (today if today is the festival), from midnight in the bank's time zone (Asia/Shanghai).",
  })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'End (UTC).' })
  endsAt?: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: "Discount on base prices in basis points (default: the template's).",
  })
  discountBp?: number | null;

  @Field(() => [ID], { description: 'Listings of this mall in the campaign (1–1,000).' })
  listingIds!: string[];

  @Field(() => [CampaignPriceInput], { nullable: true, description: 'Explicit campaign prices for some listings.' })
  prices?: CampaignPriceInput[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Campaign prices apply only to members of these segments (at most 20); omit for everyone.',
  })
  targetSegmentIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Campaign prices apply only to customers holding one of these tiers (at most 20); omit for every tier. With segments too, a customer needs both.',
  })
  targetTierIds?: string[] | null;

  @Field(() => FenAmount, {
    nullable: true,
    description:
      "The subsidy the bank funds, in fen (1 to 10,000,000,000): what customers save against base prices, points valued at the bank's points per CNY. The campaign price stops applying when it is spent. Omit for no cap (the bank's approval threshold then holds its launch).",
  })
  budgetFen?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The supplier's share of the campaign subsidy, in basis points (0..10000; 0 or omitted: the bank funds it all). Each supplier's share appears as CO_FUNDING lines on its settlement statements.",
  })
  supplierShareBp?: number | null;
}

@InputType()
export class SetCampaignBudgetInput {
  @Field(() => ID, { description: 'The campaign.' })
  campaignId!: string;

  @Field(() => FenAmount, {
    nullable: true,
    description:
      'The new budget in fen (null: no cap). A DRAFT takes any; a launched campaign only a lower one, not below what it has spent.',
  })
  budgetFen!: number | null;
}

@ObjectType()
export class SetCampaignBudgetPayload {
  @Field(() => Campaign, { description: 'The campaign.' })
  campaign!: Campaign;
}

@InputType()
export class ScheduleCampaignInput {
  @Field(() => ID, { description: 'The campaign.' })
  campaignId!: string;
}

@InputType()
export class CancelCampaignInput {
  @Field(() => ID, { description: 'The campaign.' })
  campaignId!: string;
}

@ObjectType()
export class CreateCampaignPayload {
  @Field(() => Campaign, { description: 'The campaign.' })
  campaign!: Campaign;

  @Field(() => [PriceWarningType], { description: 'Campaign prices below the supplier price.' })
  warnings!: PriceWarning[];
}

@ObjectType()
export class ScheduleCampaignPayload {
  @Field(() => Campaign, { description: 'The campaign.' })
  campaign!: Campaign;
}

@ObjectType()
export class CancelCampaignPayload {
  @Field(() => Campaign, { description: 'The campaign.' })
  campaign!: Campaign;
}

@ObjectType({
  description:
    'A festival template with what createCampaign fills in when you leave them out: its name, next window and discount.',
})
export class CampaignTemplateDefaults {
  @Field(() => CampaignTemplate, { description: 'The template.' })
  template!: CampaignTemplate;

  @Field(() => String, { description: 'Default campaign name (empty for CUSTOM).' })
  name!: string;

  @Field(() => Date, {
    nullable: true,
    description:
      "Start of the next festival window: midnight of the festival day (today's, if today is the festival) in the bank's time zone, from the Chinese calendar for lunar festivals and solar terms; null for CUSTOM.",
  })
  startsAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of that window (null for CUSTOM).' })
  endsAt!: Date | null;

  @Field(() => Int, { description: 'Length of the default window, in days.' })
  days!: number;

  @Field(() => Int, { description: 'Default discount on base prices, in basis points.' })
  discountBp!: number;
}

@Resolver(() => Campaign)
export class CampaignResolver {
  @Query(() => [CampaignTemplateDefaults], {
    description:
      'Every festival template with its defaults for your bank today (bank staff with RUN_CAMPAIGNS; the platform names bankId). A fixed list of the CampaignTemplate values, so not paged.',
  })
  campaignTemplates(
    @Arg('bankId', () => ID, { nullable: true }) bankId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CampaignTemplateDefaults[]> {
    return new CampaignService(ctx.em, ctx.principal).templates(bankId, requestNow(ctx));
  }

  @Query(() => Int, {
    description:
      "How many of the bank's customers a campaign targeting these segments and tiers would reach now: members of any of the segments (everyone when none) holding any of the tiers (any when none). At most 20 of each; another bank's segment or tier is NOT_FOUND (bank staff with RUN_CAMPAIGNS; the platform names bankId).",
  })
  campaignAudienceSize(
    @Arg('bankId', () => ID, { nullable: true }) bankId: string | null,
    @Arg('targetSegmentIds', () => [ID], { defaultValue: [] }) targetSegmentIds: string[],
    @Arg('targetTierIds', () => [ID], { defaultValue: [] }) targetTierIds: string[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return new CampaignService(ctx.em, ctx.principal).audienceSizeFor(bankId, targetSegmentIds, targetTierIds);
  }

  @Query(() => Campaign, { description: 'A campaign of your bank (bank staff).' })
  campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Campaign> {
    return new CampaignService(ctx.em, ctx.principal).own(id);
  }

  @FieldResolver(() => CampaignStatus, {
    description: 'Derived from the stored decision and the clock, so it is right at every instant.',
  })
  status(@Root() campaign: Campaign, @Ctx() ctx: SubgraphContext): CampaignStatus {
    return new CampaignService(ctx.em, ctx.principal).status(campaign, requestNow(ctx));
  }

  @FieldResolver(() => GraphQLSafeInt, {
    nullable: true,
    description:
      "The subsidy the bank funds, in fen (null: no cap): customers' savings against base prices, points valued at the bank's points per CNY.",
  })
  budgetFen(@Root() campaign: Campaign): number | null {
    return campaign.budgetFen ?? null;
  }

  @FieldResolver(() => GraphQLSafeInt, {
    description:
      'Subsidy taken by orders not given back, in fen (orders awaiting payment included; cancellations and refunds give it back). Never above budgetFen.',
  })
  spentFen(@Root() campaign: Campaign): number {
    return campaign.spentFen;
  }

  @FieldResolver(() => GraphQLSafeInt, {
    nullable: true,
    description: 'budgetFen − spentFen (null: no cap). The campaign price stops applying when a line needs more.',
  })
  remainingFen(@Root() campaign: Campaign): number | null {
    return campaign.budgetFen == null ? null : Math.max(0, campaign.budgetFen - campaign.spentFen);
  }

  @FieldResolver(() => GraphQLSafeInt, {
    description: 'Units sold at the campaign price in those orders (refunded and cancelled units not counted).',
  })
  unitsSold(@Root() campaign: Campaign): number {
    return campaign.unitsSold;
  }

  @FieldResolver(() => Mall)
  async mall(@Root() campaign: Campaign, @Ctx() ctx: SubgraphContext): Promise<Mall> {
    return (await tenantsLoaders(ctx).mall.load(campaign.mallId))!;
  }

  @FieldResolver(() => CampaignItemConnection, {
    description: 'The listings and their campaign prices (preview before launch).',
  })
  async items(
    @Root() campaign: Campaign,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<CampaignItem>> {
    const conn = await new CampaignService(ctx.em, ctx.principal).items(campaign, page.first, page.after);
    return { ...conn, edges: conn.edges.map((e) => ({ cursor: e.cursor, node: toItem(e.node) })) };
  }

  @FieldResolver(() => [Segment], { description: 'Segments the campaign targets; empty = everyone.' })
  async targetSegments(@Root() campaign: Campaign, @Ctx() ctx: SubgraphContext): Promise<Segment[]> {
    const loaders = tenantsLoaders(ctx);
    const ids = await loaders.segmentIdsOfCampaign.load(campaign.id);
    return (await loaders.segment.loadMany(ids)).filter((s): s is Segment => s instanceof Segment);
  }

  @FieldResolver(() => [Tier], { description: 'Tiers the campaign targets; empty = every tier.' })
  async targetTiers(@Root() campaign: Campaign, @Ctx() ctx: SubgraphContext): Promise<Tier[]> {
    const loaders = tenantsLoaders(ctx);
    const ids = await loaders.tierIdsOfCampaign.load(campaign.id);
    return (await loaders.tier.loadMany(ids)).filter((t): t is Tier => t instanceof Tier);
  }

  @Mutation(() => CreateCampaignPayload, {
    description: 'Create a festival campaign (DRAFT) from a template (bank staff).',
  })
  async createCampaign(
    @Arg('input', () => CreateCampaignInput) input: CreateCampaignInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateCampaignPayload> {
    return new CampaignService(ctx.em, ctx.principal).create({
      ...input,
      prices: input.prices?.map((p) => ({ ...p })) ?? null,
    });
  }

  @Mutation(() => ScheduleCampaignPayload, {
    description: 'DRAFT → SCHEDULED: it goes live and ends on its own, on time.',
  })
  async scheduleCampaign(
    @Arg('input', () => ScheduleCampaignInput) input: ScheduleCampaignInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ScheduleCampaignPayload> {
    return { campaign: await new CampaignService(ctx.em, ctx.principal).schedule(input.campaignId) };
  }

  @Mutation(() => SetCampaignBudgetPayload, {
    description: "Set a campaign's budget: any for a DRAFT; only lower for a launched one (bank staff).",
  })
  async setCampaignBudget(
    @Arg('input', () => SetCampaignBudgetInput) input: SetCampaignBudgetInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SetCampaignBudgetPayload> {
    return {
      campaign: await new CampaignService(ctx.em, ctx.principal).setBudget(input.campaignId, input.budgetFen ?? null),
    };
  }

  @Mutation(() => CancelCampaignPayload, {
    description: 'Stop a campaign that has not ended; its prices stop applying at once.',
  })
  async cancelCampaign(
    @Arg('input', () => CancelCampaignInput) input: CancelCampaignInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CancelCampaignPayload> {
    return { campaign: await new CampaignService(ctx.em, ctx.principal).cancel(input.campaignId) };
  }
}

function toItem(row: CampaignListing): CampaignItem {
  return Object.assign(new CampaignItem(), {
    priceMode: row.priceMode,
    pricePoints: row.pricePoints,
    priceFen: row.priceFen,
    listingId: row.listingId,
  });
}

@Resolver(() => CampaignItem)
export class CampaignItemResolver {
  @FieldResolver(() => Listing, { description: 'The listing (with its base price).' })
  async listing(@Root() item: CampaignItem, @Ctx() ctx: SubgraphContext): Promise<Listing> {
    return (await tenantsLoaders(ctx).listing.load(item.listingId))!;
  }

  @FieldResolver(() => GraphQLSafeInt, {
    description:
      "What one unit sold at this price would take from the campaign's budget at today's base price, in fen (points at the bank's points per CNY): units × this against remainingFen is the expected cost.",
  })
  async unitSubsidyFen(@Root() item: CampaignItem, @Ctx() ctx: SubgraphContext): Promise<number> {
    const loaders = tenantsLoaders(ctx);
    const listing = (await loaders.listing.load(item.listingId))!;
    const bank = (await loaders.bank.load(listing.bankId))!;
    return campaignSubsidyFen(
      { priceMode: listing.priceMode, points: listing.pricePoints, fen: listing.priceFen },
      { priceMode: item.priceMode, points: item.pricePoints, fen: item.priceFen },
      bank,
    );
  }
}
