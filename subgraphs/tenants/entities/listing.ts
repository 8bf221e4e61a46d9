import {
  Entity,
  OptionalProps,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
  BigIntType,
} from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Mall } from './mall';
import { GraphQLSafeInt } from 'graphql-scalars';
import { IdKey, CreatedAt, UpdatedAt, EnumColumn } from '../../../core/entity';

export enum PriceMode {
  POINTS = 'POINTS',
  CASH = 'CASH',
  POINTS_PLUS_CASH = 'POINTS_PLUS_CASH',
}
registerEnumType(PriceMode, {
  name: 'PriceMode',
  description: 'How a listing is paid for: points only, cash only (fen), or points plus cash.',
});

export enum ListingStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
}
registerEnumType(ListingStatus, {
  name: 'ListingStatus',
  description: 'ACTIVE listings can be bought (inside their schedule); PAUSED ones are hidden from customers.',
});

/** Why the price guard marked a listing (issue 22): a supplier price change broke the bank's margin rule. */
export enum PriceGuardState {
  FLAGGED = 'FLAGGED',
  PAUSED = 'PAUSED',
}
registerEnumType(PriceGuardState, {
  name: 'PriceGuardState',
  description: "What the price guard did to a listing when a supplier's price change broke the bank's margin rule.",
  valuesConfig: {
    FLAGGED: { description: 'Still on sale, flagged for the bank to reprice (cleared when the rule holds again).' },
    PAUSED: { description: 'Paused by the guard; stays paused until the bank resumes or reprices it.' },
  },
});

/**
 * A bank's offer of one catalog SKU in one of its malls. Tier and segment restrictions live in
 * `listing_tier` / `listing_segment`; the two `…Restricted` flags say whether any row exists, so the
 * customer-eligibility query is `flag = 0 OR EXISTS (…)` on a primary-key lookup.
 */
@Entity({ tableName: 'listing' })
@Unique({ properties: ['mall', 'skuId'] })
@Index({ name: 'listing_mall_rank', properties: ['mall', 'featuredRank', 'id'] })
@Index({ name: 'listing_sku', properties: ['skuId'] })
@Index({ name: 'listing_mall_price_guard', properties: ['mall', 'priceGuard'] })
@Index({ name: 'listing_mall_price', properties: ['mall', 'priceValue', 'id'] })
@Index({ name: 'listing_mall_newest', properties: ['mall', 'createdAt', 'id'] })
@Index({ name: 'listing_mall_sales', properties: ['mall', 'salesCount', 'id'] })
// A brand filter walks its brands' listings in the sort's order (tenants README, "Mall search").
@Index({ name: 'listing_mall_brand_rank', properties: ['mall', 'brandId', 'featuredRank', 'id'] })
@Index({ name: 'listing_mall_brand_price', properties: ['mall', 'brandId', 'priceValue', 'id'] })
@Index({ name: 'listing_mall_brand_newest', properties: ['mall', 'brandId', 'createdAt', 'id'] })
@Index({ name: 'listing_mall_brand_sales', properties: ['mall', 'brandId', 'salesCount', 'id'] })
@ObjectType({ description: "A bank's offer of one pool SKU in one mall, with its price." })
@Directive('@key(fields: "id")')
export class Listing {
  [OptionalProps]?:
    | 'pricePoints'
    | 'priceFen'
    | 'featuredRank'
    | 'status'
    | 'startsAt'
    | 'endsAt'
    | 'purchaseLimitPerCustomer'
    | 'tierRestricted'
    | 'segmentRestricted'
    | 'skuOnSale'
    | 'priceGuard'
    | 'priceGuardSupplierPriceFen'
    | 'priceGuardAt'
    | 'skuTitle'
    | 'brandId'
    | 'categoryPath'
    | 'inStock'
    | 'inStockVersion'
    | 'salesCount'
    | 'priceValue'
    | 'createdAt'
    | 'updatedAt';

  @IdKey({ field: 'Unique id.' })
  id!: number;

  @ManyToOne(() => Mall, { ref: true })
  mall!: Ref<Mall>;

  /** Denormalised owner, so every tenancy check is one column. */
  @Property({ type: 'integer' })
  @Index()
  bankId!: number;

  /** The catalog SKU (owned by the catalog subgraph; referenced by id only). */
  @Property({ type: 'integer' })
  skuId!: number;

  @EnumColumn(() => PriceMode, { length: 20, field: 'How the base price is paid.' })
  priceMode!: PriceMode;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Points part of the base price (before any campaign).' })
  pricePoints: number = 0;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Cash part of the base price, in fen (before any campaign).' })
  priceFen: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Higher shows first.' })
  featuredRank: number = 0;

  @EnumColumn(() => ListingStatus, { length: 16, field: 'Current status.' })
  status: ListingStatus = ListingStatus.ACTIVE;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'Customers see the listing from this time on (UTC); null means at once.',
  })
  startsAt?: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'Customers no longer see the listing from this time on (UTC); null means never ends.',
  })
  endsAt?: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Most units one customer may buy in total; null means no limit.' })
  purchaseLimitPerCustomer?: number | null = null;

  /** True when `listing_tier` holds rows for this listing: only those tiers see it. */
  @Property({ type: 'boolean', default: false })
  tierRestricted: boolean = false;

  /** True when `listing_segment` holds rows for this listing: only members of those segments see it. */
  @Property({ type: 'boolean', default: false })
  segmentRestricted: boolean = false;

  /**
   * Whether the supplier has the SKU on sale. The catalog owns that; it announces changes through
   * its outbox and tenants copies the current state here, so the mall page filters in one query.
   */
  @Property({ type: 'boolean', default: true })
  @Field(() => Boolean, {
    description: 'False while the supplier has taken the SKU off sale; customers do not see the listing meanwhile.',
  })
  skuOnSale: boolean = true;

  /**
   * Set by the price guard (services/price-guard.service.ts) when a supplier price change broke the
   * bank's margin rule; cleared when the operator reprices within the rule or resumes the listing,
   * and (FLAGGED only) when a later supplier price change restores the rule. Staff see it through
   * `Listing.priceGuard`.
   */
  @EnumColumn(() => PriceGuardState, { length: 16, nullable: true })
  priceGuard?: PriceGuardState | null = null;

  /** The supplier price (fen) the guard last acted on. */
  @Property({ type: new BigIntType('number'), nullable: true })
  priceGuardSupplierPriceFen?: number | null = null;

  /** When the guard last acted on this listing. */
  @Property({ type: 'datetime', nullable: true })
  priceGuardAt?: Date | null = null;

  // ---- the mall search's copy of catalog facts (services/mall-search.ts); the catalog owns them ----

  /** The SKU's title, as the catalog last announced it (text search verifies phrases on it). */
  @Property({ type: 'string', length: 200, default: '' })
  skuTitle: string = '';

  /** The SKU's brand (facet and filter). */
  @Property({ type: 'integer', nullable: true })
  brandId?: number | null = null;

  /** The SKU's category path ("/1/7/42/"): a category with its descendants is `LIKE '%/7/%'`. */
  @Property({ type: 'string', length: 255, default: '' })
  categoryPath: string = '';

  /** Whether the SKU has stock (or card codes) left, as the catalog last announced it. */
  @Property({ type: 'boolean', default: true })
  inStock: boolean = true;

  /**
   * The catalog's version of `inStock` (it grows each time the SKU's stock crosses zero): a copy is
   * rewritten only by a read at least as new, so a late delivery never brings back an older state.
   */
  @Property({ type: 'integer', default: 0 })
  inStockVersion: number = 0;

  /** Units sold through this listing in paid orders (orders announces each paid order once). */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Units sold through this listing (paid orders, less refunded units).' })
  salesCount: number = 0;

  /**
   * The base price's value on one exact integer scale: points × 100 + fen × the bank's pointsPerYuan
   * (= its value in fen × pointsPerYuan). Sorting by price and price bands in points or in fen use it;
   * rewritten when the price or the bank's pointsPerYuan changes.
   */
  @Property({ type: new BigIntType('number'), default: 0 })
  priceValue: number = 0;

  @CreatedAt({ field: 'When it was created (UTC).' })
  createdAt: Date = new Date();

  @UpdatedAt({ field: 'When it last changed (UTC).' })
  updatedAt: Date = new Date();
}

/**
 * The mall search's word index (services/search-terms.ts): one row per distinct term of a SKU's
 * title — every 2-character window of a run of Chinese characters (so 耳机 is found inside 蓝牙耳机,
 * which MariaDB's FULLTEXT cannot do) and every latin/digit word, lower-cased. Per SKU, not per
 * listing: a SKU listed in many malls is indexed once. Rewritten from the catalog's present title
 * whenever the catalog announces a change of the SKU.
 */
@Entity({ tableName: 'sku_search_term' })
@Index({ name: 'sku_search_term_sku', properties: ['skuId'] })
export class SkuSearchTerm {
  @PrimaryKey({ type: 'string', length: 32 })
  term!: string;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  skuId!: number;
}

/** A tier that may see a listing (rows exist only for tier-restricted listings). */
@Entity({ tableName: 'listing_tier' })
@Index({ name: 'listing_tier_tier', properties: ['tierId'] })
export class ListingTier {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  listingId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  tierId!: number;
}

/** A segment whose members may see a listing (rows exist only for segment-restricted listings). */
@Entity({ tableName: 'listing_segment' })
@Index({ name: 'listing_segment_segment', properties: ['segmentId'] })
export class ListingSegment {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  listingId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  segmentId!: number;
}

/**
 * A listing's price for the customers of one tier (a gold price beside the base price). Checkout
 * prices a line at the customer's tier price when one exists, before campaigns. A tier price may be
 * free (0 points and 0 fen) only while the listing limits what one customer may buy.
 */
@Entity({ tableName: 'listing_tier_price' })
@Index({ name: 'listing_tier_price_tier', properties: ['tierId'] })
@ObjectType({ description: "A listing's price for one tier's customers (instead of the base price)." })
export class ListingTierPrice {
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  @Field(() => ID, { description: 'The listing.' })
  listingId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  @Field(() => ID, { description: 'The tier (of the listing’s bank).' })
  tierId!: number;

  /** Denormalised owner, as on the listing. */
  @Property({ type: 'integer' })
  bankId!: number;

  @EnumColumn(() => PriceMode, { length: 20, field: 'How the tier price is paid.' })
  priceMode!: PriceMode;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Points part of the tier price (0 with 0 fen: free).' })
  pricePoints: number = 0;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Cash part of the tier price, in fen.' })
  priceFen: number = 0;

  @UpdatedAt({ field: 'When it was last set (UTC).' })
  updatedAt: Date = new Date();
}

/** A paid order whose units were added to its listings' `salesCount` (once per order: the key). */
@Entity({ tableName: 'listing_sales_order' })
export class ListingSalesOrder {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  orderId!: number;

  @Property({ type: 'datetime' })
  recordedAt!: Date;
}

/**
 * A refund whose units were taken off its listings' `salesCount` (once per refund: the key). When it
 * came before its order's sales were counted, `pendingUnits` holds its units by listing (JSON) until
 * they are: the sales are then counted net of it.
 */
@Entity({ tableName: 'listing_sales_refund' })
export class ListingSalesRefund {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  refundId!: number;

  @Property({ type: 'integer' })
  @Index({ name: 'listing_sales_refund_order' })
  orderId!: number;

  @Property({ type: 'text', nullable: true })
  pendingUnits?: string | null;

  @Property({ type: 'datetime' })
  recordedAt!: Date;
}
