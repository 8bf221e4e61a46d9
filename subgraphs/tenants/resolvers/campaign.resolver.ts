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
import { requestNow, tenantsLoaders } from '../loaders';
import { CampaignService } from '../services/campaign.service';
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
    description: 'Campaign prices apply only to members of these segments; omit for everyone.',
  })
  targetSegmentIds?: string[] | null;
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

@Resolver(() => Campaign)
export class CampaignResolver {
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
}
