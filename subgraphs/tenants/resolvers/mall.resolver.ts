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
  registerEnumType,
} from 'type-graphql';
import { badInput, notFound } from '../../../core/errors';
import { requirePartnerScope } from '../../../core/identity';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { SkuKind } from '../entities/sku-ref';
import { Bank } from '../entities/bank';
import { Campaign, EffectivePrice } from '../entities/campaign';
import { Listing, ListingStatus, ListingTierPrice, PriceMode } from '../entities/listing';
import { Mall } from '../entities/mall';
import { Segment } from '../entities/segment';
import { SkuRef } from '../entities/sku-ref';
import { Tier } from '../entities/tier';
import { requestNow, tenantsLoaders } from '../loaders';
import { assertSameBank, idOf, isStaff } from '../services/access';
import { CampaignService } from '../services/campaign.service';
import { CurationService } from '../services/curation.service';
import { ListingService, MAX_LISTINGS_PER_CALL, type PriceWarning } from '../services/listing.service';
import { FenAmount, PointsAmount } from '../../../core/input-rules';
import { campaignBeats, priceBeforeCampaign } from '../services/tier-pricing';
import { GraphQLSafeInt } from 'graphql-scalars';
import { BrandRef } from '../entities/brand-ref';
import {
  ListingSort,
  DEFAULT_FACET_LISTINGS,
  MAX_BRAND_FACETS,
  MAX_FILTER_BRANDS,
  PriceUnit,
  type BrandFacet,
  type CategoryFacet,
  type ListingFacets,
  type PriceBand,
  type PriceBandFacet,
} from '../services/mall-search';
import { MAX_SEARCH_TEXT } from '../services/search-terms';

/** The facets' cap as the schema describes it (PERKMALL_FACETS_MAX_LISTINGS may lower it for tests). */
const CAP = DEFAULT_FACET_LISTINGS.toLocaleString('en');

@ObjectType()
export class ListingConnection extends ConnectionType(Listing, 'Listing') {}

@ObjectType()
export class CampaignConnection extends ConnectionType(Campaign, 'Campaign') {}

registerEnumType(ListingSort, {
  name: 'ListingSort',
  description: "Order of a mall's listings.",
  valuesConfig: {
    FEATURED: { description: 'Featured rank, highest first (the default).' },
    PRICE_ASC: { description: "Cheapest first: the base price's value (points at the bank's rate plus cash)." },
    PRICE_DESC: { description: 'Dearest first.' },
    NEWEST: { description: 'Newest listing first.' },
    BEST_SELLING: { description: 'Most units sold in paid orders first.' },
  },
});
registerEnumType(PriceUnit, {
  name: 'PriceUnit',
  description:
    "POINTS: the bank's points (a cash part counts at the bank's rate); FEN: cash in fen (points count at the same rate).",
});

@InputType({ description: 'A band of base prices; either end may be left open.' })
export class PriceBandInput implements PriceBand {
  @Field(() => PriceUnit, { description: 'Unit of min and max.' })
  unit!: PriceUnit;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'At least this (included).' })
  min?: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'At most this (included).' })
  max?: number | null;
}

@InputType({ description: "Narrows a mall's listings." })
export class ListingFilter {
  @Field(() => PriceMode, { nullable: true, description: 'How the price is paid.' })
  priceMode?: PriceMode | null;

  @Field(() => ListingStatus, { nullable: true, description: 'Staff only; customers always see ACTIVE listings.' })
  status?: ListingStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'Only listings with a featured rank above 0.' })
  featuredOnly?: boolean | null;

  @Field(() => [ID], { nullable: true, description: 'Only listings of these SKUs (at most 100).' })
  skuIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only listings in this campaign.' })
  campaignId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Staff only: true = only listings the price guard flagged or paused (see Listing.priceGuard); false = only the others.',
  })
  priceGuarded?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: `Words of the SKU's title, at most ${MAX_SEARCH_TEXT} characters. Chinese words match inside longer ones (耳机 finds 蓝牙耳机, not 耳环); latin words and numbers match whole words, any case.`,
  })
  text?: string | null;

  @Field(() => ID, { nullable: true, description: 'This category and all its descendants.' })
  categoryId?: string | null;

  @Field(() => [ID], { nullable: true, description: `Any of these brands (at most ${MAX_FILTER_BRANDS}).` })
  brandIds?: string[] | null;

  @Field(() => PriceBandInput, { nullable: true, description: 'The base price within a band, in points or in fen.' })
  priceBand?: PriceBandInput | null;

  @Field(() => Boolean, { nullable: true, description: 'Only listings whose SKU has stock (or card codes) left.' })
  inStockOnly?: boolean | null;
}

@ObjectType({ description: 'How many listings of a category (with its descendants) the filter finds.' })
export class CategoryFacetType implements CategoryFacet {
  @Field(() => ID, { description: "The category (the catalog's): a child of the filter's category, or a top one." })
  categoryId!: number;

  @Field(() => Int, { description: 'Listings found in it or its descendants.' })
  count!: number;
}

@ObjectType({ description: 'How many listings of a brand the filter finds.' })
export class BrandFacetType implements BrandFacet {
  @Field(() => ID, { description: 'The brand.' })
  brandId!: number;

  @Field(() => BrandRef, { description: 'The brand (resolved by the catalog).' })
  brand!: BrandRef;

  @Field(() => Int, { description: 'Listings found of it.' })
  count!: number;
}

@ObjectType({ description: 'How many listings the filter finds with a base price in a band.' })
export class PriceBandFacetType implements PriceBandFacet {
  @Field(() => PriceUnit, { description: 'Unit of min and max.' })
  unit!: PriceUnit;

  @Field(() => GraphQLSafeInt, { description: 'Lowest price of the band (included).' })
  min!: number;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Price the band stops below; null = no upper end.' })
  max!: number | null;

  @Field(() => Int, { description: 'Listings found in the band.' })
  count!: number;
}

@ObjectType({
  description: `What a mall search finds, counted by category, brand and price band (over at most ${CAP} listings: see \`exhaustive\`).`,
})
export class ListingFacetsType implements ListingFacets {
  @Field(() => Int, {
    description: `Listings counted: every listing the filter finds when \`exhaustive\`; otherwise ${CAP}, a lower bound (show "${CAP}+").`,
  })
  total!: number;

  @Field(() => Boolean, {
    description: `Whether every listing the filter finds was counted. The facets read at most ${CAP} listings, as search engines do: when false, \`total\` is a lower bound and every count is over the ${CAP} listings read first (in no particular order: the database's cheapest), a sample of what the filter finds.`,
  })
  exhaustive!: boolean;

  @Field(() => [CategoryFacetType], { description: 'By category, most first.' })
  categories!: CategoryFacetType[];

  @Field(() => [BrandFacetType], { description: `By brand, most first (the ${MAX_BRAND_FACETS} most frequent).` })
  brands!: BrandFacetType[];

  @Field(() => [PriceBandFacetType], { description: 'By price band, cheapest first (bands with listings only).' })
  priceBands!: PriceBandFacetType[];
}

@ObjectType({ description: 'A price below what the bank pays the supplier (allowed, but worth a second look).' })
export class PriceWarningType implements PriceWarning {
  @Field(() => ID, { nullable: true, description: 'The listing.' })
  listingId!: number | null;

  @Field(() => ID, { description: 'The pool SKU.' })
  skuId!: number;

  @Field(() => GraphQLSafeInt, { description: 'What the bank pays the supplier per unit, in fen.' })
  supplierPriceFen!: number;

  @Field(() => String, { description: 'What to look at, in words.' })
  message!: string;
}

// ---- single listings ----

@InputType({ description: 'Listing fields; on update, omitted fields stay as they are.' })
export class ListingFieldsInput {
  @Field(() => PriceMode, { nullable: true, description: 'How the price is paid.' })
  priceMode?: PriceMode | null;

  @Field(() => PointsAmount, { nullable: true, description: 'Points part of the price.' })
  pricePoints?: number | null;

  @Field(() => FenAmount, { nullable: true, description: 'Cash part of the price, in fen.' })
  priceFen?: number | null;

  @Field(() => ListingStatus, { nullable: true, description: 'Current status.' })
  status?: ListingStatus | null;

  @Field(() => Int, { nullable: true, description: 'Higher shows first (0–1000).' })
  featuredRank?: number | null;

  @Field(() => Date, { nullable: true, description: 'Visible from (UTC); null = at once.' })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Visible until (UTC); null = no end.' })
  endsAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Most units per customer; null = no limit.' })
  purchaseLimitPerCustomer?: number | null;

  @Field(() => [ID], { nullable: true, description: 'Only these tiers see the listing; [] = every tier.' })
  visibleTierIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only members of these segments see the listing; [] = everyone.' })
  targetSegmentIds?: string[] | null;
}

@InputType({ description: 'Offer one pool SKU in a mall.' })
export class CreateListingInput extends ListingFieldsInput {
  @Field(() => ID, { description: 'The mall.' })
  mallId!: string;

  @Field(() => ID, { description: 'The pool SKU.' })
  skuId!: string;
}

@InputType({ description: 'One pool SKU to offer, on its own terms (a row of createListings).' })
export class ListingRowInput extends ListingFieldsInput {
  @Field(() => ID, { description: 'The pool SKU.' })
  skuId!: string;
}

@InputType({ description: 'Offer hand-picked pool SKUs in one mall, each on its own terms.' })
export class CreateListingsInput {
  @Field(() => ID, { description: 'The mall.' })
  mallId!: string;

  @Field(() => [ListingRowInput], {
    description: `The listings, 1–${MAX_LISTINGS_PER_CALL}, created in this order; all or none.`,
  })
  listings!: ListingRowInput[];
}

@InputType({ description: 'Change a listing.' })
export class UpdateListingInput extends ListingFieldsInput {
  @Field(() => ID, { description: 'The listing.' })
  listingId!: string;
}

@ObjectType({ description: 'The listing, with warnings about its price.' })
export class ListingPayload {
  @Field(() => Listing, { description: 'The listing.' })
  listing!: Listing;

  @Field(() => [PriceWarningType], { description: 'Prices below the supplier price.' })
  warnings!: PriceWarning[];
}

@ObjectType()
export class CreateListingPayload extends ListingPayload {}

@ObjectType()
export class UpdateListingPayload extends ListingPayload {}

@ObjectType({ description: 'The new listings, with warnings about their prices.' })
export class CreateListingsPayload {
  @Field(() => [Listing], { description: 'The listings, in the order given.' })
  listings!: Listing[];

  @Field(() => [PriceWarningType], { description: 'Prices below the supplier price.' })
  warnings!: PriceWarning[];
}

// ---- bulk curation ----

@InputType({ description: "Which pool SKUs to add (the catalog's pool filter)." })
export class CurationFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Any of these brands.' })
  brandIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'This category and its descendants.' })
  categoryId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Any of these suppliers.' })
  supplierIds?: string[] | null;

  @Field(() => FenAmount, { nullable: true, description: 'Supplier price at least this, in fen.' })
  minSupplierPriceFen?: number | null;

  @Field(() => FenAmount, { nullable: true, description: 'Supplier price at most this, in fen.' })
  maxSupplierPriceFen?: number | null;

  @Field(() => SkuKind, { nullable: true, description: 'Physical or virtual.' })
  kind?: SkuKind | null;

  @Field(() => Boolean, { nullable: true, description: 'Only SKUs with stock available.' })
  inStockOnly?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Substring of the title.' })
  text?: string | null;
}

@InputType({ description: 'How each new listing is priced from the supplier price.' })
export class PricingRuleInput {
  @Field(() => PriceMode, { description: 'Price mode of the new listings.' })
  mode!: PriceMode;

  @Field(() => Int, {
    description: "Price = supplier price × markupBp ÷ 10000 (11500 = cost + 15%); points use the bank's points value.",
  })
  markupBp!: number;

  @Field(() => Int, {
    nullable: true,
    description: "POINTS_PLUS_CASH: share paid in points (capped at the bank's maximum).",
  })
  pointsShareBp?: number | null;
}

@InputType({ description: 'Add every pool SKU matching a filter to a mall (up to 10,000 per call).' })
export class CurateListingsInput {
  @Field(() => ID, { description: 'The mall.' })
  mallId!: string;

  @Field(() => CurationFilterInput, { description: 'Which pool SKUs.' })
  filter!: CurationFilterInput;

  @Field(() => PricingRuleInput, { description: 'How new listings are priced.' })
  pricing!: PricingRuleInput;

  @Field(() => ListingStatus, { nullable: true, description: 'Status of new listings (default ACTIVE).' })
  status?: ListingStatus | null;

  @Field(() => Int, { nullable: true, description: 'Higher shows first (0–1000).' })
  featuredRank?: number | null;

  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first outcome.' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'What bulk curation did.' })
export class CurateListingsPayload {
  @Field(() => ID, { description: 'The mall.' })
  mallId!: number;

  @Field(() => Int, { description: 'Pool SKUs matching the filter.' })
  matched!: number;

  @Field(() => Int, { description: 'Listings created now.' })
  created!: number;

  @Field(() => Int, { description: 'Matching SKUs already listed in the mall (left unchanged).' })
  alreadyPresent!: number;

  @Field(() => Int, { description: 'New listings priced below the supplier price.' })
  belowCostCount!: number;

  @Field(() => [PriceWarningType], { description: 'The first 100 below-cost warnings.' })
  warnings!: PriceWarning[];

  @Field(() => Boolean, {
    description: 'True when this is the stored outcome of an earlier call with the same idempotency key.',
  })
  replayed!: boolean;
}

@Resolver(() => Mall)
export class MallResolver {
  @Query(() => Mall, { description: 'A mall of your bank (platform admins: any mall).' })
  async mall(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Mall> {
    requirePartnerScope(ctx.principal, 'BROWSE');
    const mall = await tenantsLoaders(ctx).mall.load(id);
    if (!mall) throw notFound('Mall', id);
    assertSameBank(ctx.principal, mall.bank.id, 'Mall', id);
    return mall;
  }

  @FieldResolver(() => Bank)
  async bank(@Root() mall: Mall, @Ctx() ctx: SubgraphContext): Promise<Bank> {
    return (await tenantsLoaders(ctx).bank.load(mall.bank.id))!;
  }

  @FieldResolver(() => ListingConnection, {
    description:
      'Listings of this mall, featured first. Customers see only what they may buy now (tier, segments, schedule).',
  })
  async listings(
    @Root() mall: Mall,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ListingFilter, { nullable: true }) filter: ListingFilter | null,
    @Arg('sort', () => ListingSort, { nullable: true, description: 'Order (default FEATURED).' })
    sort: ListingSort | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Listing>> {
    const audience = await tenantsLoaders(ctx).audience();
    return new ListingService(ctx.em, ctx.principal).listingsOfMall(
      mall,
      audience,
      requestNow(ctx),
      page.first,
      page.after,
      { ...filter },
      sort ?? ListingSort.FEATURED,
    );
  }

  @FieldResolver(() => ListingFacetsType, {
    description:
      'Counts of the listings a filter finds (the same filter as `listings`, and what the caller may see), by category, brand and price band; over at most the first ' +
      `${CAP} listings it meets (see \`ListingFacets.exhaustive\`).`,
  })
  async listingFacets(
    @Root() mall: Mall,
    @Arg('filter', () => ListingFilter, { nullable: true }) filter: ListingFilter | null,
    @Arg('priceUnit', () => PriceUnit, {
      nullable: true,
      description: "Unit of the price bands (default: the filter's band unit, else FEN).",
    })
    priceUnit: PriceUnit | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ListingFacetsType> {
    const audience = await tenantsLoaders(ctx).audience();
    const facets = await new ListingService(ctx.em, ctx.principal).facetsOfMall(
      mall,
      audience,
      requestNow(ctx),
      { ...filter },
      priceUnit,
    );
    return { ...facets, brands: facets.brands.map((b) => ({ ...b, brand: { id: String(b.brandId) } })) };
  }

  @FieldResolver(() => CampaignConnection, { description: 'Campaigns of this mall, newest first (bank staff).' })
  async campaigns(
    @Root() mall: Mall,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Campaign>> {
    if (!isStaff(ctx.principal)) throw notFound('Mall', mall.id);
    return new CampaignService(ctx.em, ctx.principal).ofMall(mall.id, page.first, page.after);
  }

  @Mutation(() => CurateListingsPayload, {
    description: 'Bulk curation: add every pool SKU matching a filter, priced by a rule. Idempotent.',
  })
  curateListings(
    @Arg('input', () => CurateListingsInput) input: CurateListingsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CurateListingsPayload> {
    return new CurationService(ctx.em, ctx.principal).curate({
      mallId: input.mallId,
      filter: { ...input.filter },
      rule: {
        mode: input.pricing.mode,
        markupBp: input.pricing.markupBp,
        pointsShareBp: input.pricing.pointsShareBp ?? null,
      },
      status: input.status,
      featuredRank: input.featuredRank,
      idempotencyKey: input.idempotencyKey,
    });
  }
}

@Resolver(() => Listing)
export class ListingResolver {
  @Query(() => Listing, { description: 'A listing of your bank; customers only get listings they may buy now.' })
  async listing(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Listing> {
    requirePartnerScope(ctx.principal, 'BROWSE');
    const listing = await tenantsLoaders(ctx).visibleListing.load(id);
    if (!listing) throw notFound('Listing', id);
    assertSameBank(ctx.principal, listing.bankId, 'Listing', id);
    return listing;
  }

  @FieldResolver(() => SkuRef, { description: 'The pool SKU on offer.' })
  sku(@Root() listing: Listing): SkuRef {
    return { id: String(listing.skuId) };
  }

  @FieldResolver(() => Mall)
  async mall(@Root() listing: Listing, @Ctx() ctx: SubgraphContext): Promise<Mall> {
    return (await tenantsLoaders(ctx).mall.load(listing.mall.id))!;
  }

  @FieldResolver(() => EffectivePrice, {
    description:
      "What the caller pays now: their tier's price where the listing has one, else the base price; a live campaign's price instead when it is cheaper still.",
  })
  async effectivePrice(@Root() listing: Listing, @Ctx() ctx: SubgraphContext): Promise<EffectivePrice> {
    const loaders = tenantsLoaders(ctx);
    const [c, t] = await Promise.all([loaders.campaignPrice.load(listing.id), loaders.tierPrice.load(listing.id)]);
    const before = priceBeforeCampaign(listing, t);
    if (c && (!t || campaignBeats(before, { points: c.pricePoints, fen: c.priceFen }, t.pointsPerYuan)))
      return {
        priceMode: c.priceMode as PriceMode,
        points: c.pricePoints,
        fen: c.priceFen,
        campaignId: String(c.campaignId),
        tierId: null,
      };
    return { ...before, campaignId: null, tierId: t ? String(t.tierId) : null };
  }

  @FieldResolver(() => [ListingTierPrice], {
    nullable: true,
    description: "The listing's prices per tier (bank staff); null for customers and partner apps.",
  })
  async tierPrices(@Root() listing: Listing, @Ctx() ctx: SubgraphContext): Promise<ListingTierPrice[] | null> {
    if (!isStaff(ctx.principal)) return null;
    return tenantsLoaders(ctx).tierPricesOfListing.load(listing.id);
  }

  @FieldResolver(() => [Tier], { description: 'Tiers the listing is restricted to; empty means every tier.' })
  async visibleTiers(@Root() listing: Listing, @Ctx() ctx: SubgraphContext): Promise<Tier[]> {
    const loaders = tenantsLoaders(ctx);
    const ids = await loaders.tierIdsOfListing.load(listing.id);
    return (await loaders.tier.loadMany(ids)).filter((t): t is Tier => t instanceof Tier);
  }

  @FieldResolver(() => [Segment], {
    nullable: true,
    description: 'Segments the listing targets; empty means everyone. Null for customers and partner apps.',
  })
  async targetSegments(@Root() listing: Listing, @Ctx() ctx: SubgraphContext): Promise<Segment[] | null> {
    if (!isStaff(ctx.principal)) return null;
    const loaders = tenantsLoaders(ctx);
    const ids = await loaders.segmentIdsOfListing.load(listing.id);
    return (await loaders.segment.loadMany(ids)).filter((s): s is Segment => s instanceof Segment);
  }

  @Mutation(() => CreateListingPayload, { description: 'Offer one pool SKU in a mall (bank staff).' })
  async createListing(
    @Arg('input', () => CreateListingInput) input: CreateListingInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateListingPayload> {
    const { mallId, skuId, ...changes } = input;
    return new ListingService(ctx.em, ctx.principal).create(mallId, skuId, changes);
  }

  @Mutation(() => CreateListingsPayload, {
    description:
      "Offer several hand-picked pool SKUs in one mall, each on its own terms, e.g. a bank's curated price list (bank staff).",
  })
  async createListings(
    @Arg('input', () => CreateListingsInput) input: CreateListingsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateListingsPayload> {
    return new ListingService(ctx.em, ctx.principal).createMany(
      input.mallId,
      input.listings.map((row) => ({ ...row })),
    );
  }

  @Mutation(() => UpdateListingPayload, {
    description: 'Change a listing: price, status, schedule, limit, tiers, segments (bank staff).',
  })
  async updateListing(
    @Arg('input', () => UpdateListingInput) input: UpdateListingInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UpdateListingPayload> {
    const { listingId, ...changes } = input;
    if (Object.keys(changes).length === 0) throw badInput('Nothing to change.');
    idOf('Listing', listingId);
    return new ListingService(ctx.em, ctx.principal).update(listingId, changes);
  }
}
