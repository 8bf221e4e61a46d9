import { Entity, OptionalProps, Index, PrimaryKey, Property, BigIntType } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PriceMode } from './listing';
import { GraphQLSafeInt } from 'graphql-scalars';
import { IdKey, CreatedAt, UpdatedAt, EnumColumn } from '../../../core/entity';

/** What is stored: the operator's decisions. LIVE and ENDED follow from the clock (see campaignStatus). */
export enum CampaignState {
  DRAFT = 'DRAFT',
  SCHEDULED = 'SCHEDULED',
  CANCELLED = 'CANCELLED',
}

export enum CampaignStatus {
  DRAFT = 'DRAFT',
  SCHEDULED = 'SCHEDULED',
  LIVE = 'LIVE',
  ENDED = 'ENDED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CampaignStatus, {
  name: 'CampaignStatus',
  description: 'DRAFT → SCHEDULED → LIVE (inside its window) → ENDED (after it); CANCELLED never goes live.',
});

export enum CampaignTemplate {
  DOUBLE_ELEVEN = 'DOUBLE_ELEVEN',
  DOUBLE_TWELVE = 'DOUBLE_TWELVE',
  SPRING_FESTIVAL = 'SPRING_FESTIVAL',
  MID_AUTUMN = 'MID_AUTUMN',
  CUSTOM = 'CUSTOM',
  LANTERN_FESTIVAL = 'LANTERN_FESTIVAL',
  QINGMING = 'QINGMING',
  DRAGON_BOAT = 'DRAGON_BOAT',
  QIXI = 'QIXI',
  DOUBLE_NINTH = 'DOUBLE_NINTH',
  WINTER_SOLSTICE = 'WINTER_SOLSTICE',
}
registerEnumType(CampaignTemplate, {
  name: 'CampaignTemplate',
  description:
    'Festival templates (name, default window and discount). Lunar festivals and solar terms are computed from the Chinese calendar for each year.',
  valuesConfig: {
    DOUBLE_ELEVEN: { description: '双十一, 11 November.' },
    DOUBLE_TWELVE: { description: '双十二, 12 December.' },
    SPRING_FESTIVAL: { description: '春节, 1st day of the 1st lunar month; 14-day window.' },
    LANTERN_FESTIVAL: { description: '元宵节, 15th day of the 1st lunar month.' },
    QINGMING: { description: '清明, the solar term (4 or 5 April).' },
    DRAGON_BOAT: { description: '端午节, 5th day of the 5th lunar month.' },
    QIXI: { description: '七夕, 7th day of the 7th lunar month.' },
    MID_AUTUMN: { description: '中秋节, 15th day of the 8th lunar month; 7-day window.' },
    DOUBLE_NINTH: { description: '重阳节, 9th day of the 9th lunar month.' },
    WINTER_SOLSTICE: { description: '冬至, the solar term (21 or 22 December).' },
    CUSTOM: { description: 'No festival: name and window are yours to give.' },
  },
});

/** A festival event: a window, a set of listings at campaign prices, optionally targeted at segments. */
@Entity({ tableName: 'campaign' })
@Index({ name: 'campaign_mall_window', properties: ['mallId', 'startsAt', 'id'] })
@ObjectType({ description: 'A festival campaign: listings at campaign prices inside a time window.' })
@Directive('@key(fields: "id")')
export class Campaign {
  [OptionalProps]?:
    | 'template'
    | 'state'
    | 'segmentRestricted'
    | 'tierRestricted'
    | 'budgetFen'
    | 'supplierShareBp'
    | 'spentFen'
    | 'unitsSold'
    | 'createdAt'
    | 'updatedAt';

  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  bankId!: number;

  @Property({ type: 'integer' })
  mallId!: number;

  @Property({ type: 'string', length: 120 })
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @EnumColumn(() => CampaignTemplate, { length: 24, field: 'The festival template it was made from.' })
  template: CampaignTemplate = CampaignTemplate.CUSTOM;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'Campaign prices apply from this time (UTC).' })
  startsAt!: Date;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'Campaign prices stop applying at this time (UTC).' })
  endsAt!: Date;

  @EnumColumn(() => CampaignState, { length: 16 })
  state: CampaignState = CampaignState.DRAFT;

  /** True when `campaign_segment` holds rows: campaign prices apply only to those segments' members. */
  @Property({ type: 'boolean', default: false })
  segmentRestricted: boolean = false;

  /** True when `campaign_tier` holds rows: campaign prices apply only to customers holding those tiers. */
  @Property({ type: 'boolean', default: false })
  tierRestricted: boolean = false;

  /**
   * The subsidy the bank is willing to fund, in fen: what customers save against the listings' base
   * prices, points valued at the bank's points per CNY (see campaign-budget.service.ts). Null: no
   * cap (a bank with a launch threshold holds such a launch, as it is above any amount).
   */
  @Property({ type: new BigIntType('number'), nullable: true })
  budgetFen?: number | null = null;

  /**
   * Subsidy committed against the budget by orders that have not been given back (orders awaiting
   * payment included: the spend is reserved at checkout). Changed only by conditional UPDATEs.
   */
  @Property({ type: new BigIntType('number'), default: 0 })
  spentFen: number = 0;

  /**
   * Co-funding: the suppliers' share of the subsidy, in basis points (0: the bank funds it all). Orders
   * records each line's supplier share at checkout and settles it as CO_FUNDING lines.
   */
  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, {
    description:
      "The suppliers' share of the subsidy, basis points (0: the bank funds it all); settled as CO_FUNDING lines.",
  })
  supplierShareBp: number = 0;

  /** Units sold at the campaign price in those orders (given back with the subsidy). */
  @Property({ type: 'integer', default: 0 })
  unitsSold: number = 0;

  @CreatedAt({ field: 'When it was created (UTC).' })
  createdAt: Date = new Date();

  @UpdatedAt({ field: 'When it last changed (UTC).' })
  updatedAt: Date = new Date();
}

export enum CampaignBudgetHoldState {
  RESERVED = 'RESERVED',
  RELEASED = 'RELEASED',
}

/**
 * An order's claim on campaign budgets, one row per order (orders' saga step `reserveCampaignBudget`,
 * idempotent on the order id). RELEASED without spend rows is the tombstone a release leaves when it
 * arrives before the reservation, so a late reservation is refused.
 */
@Entity({ tableName: 'campaign_budget_hold' })
export class CampaignBudgetHold {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  orderId!: number;

  @EnumColumn(() => CampaignBudgetHoldState, { length: 16 })
  state!: CampaignBudgetHoldState;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/** One order line sold at a campaign price: the subsidy per unit it took, and the units given back. */
@Entity({ tableName: 'campaign_spend' })
@Index({ name: 'campaign_spend_campaign', properties: ['campaignId', 'orderId'] })
export class CampaignSpend {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  orderId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  listingId!: number;

  @Property({ type: 'integer' })
  campaignId!: number;

  @Property({ type: 'integer' })
  quantity!: number;

  /** (base price − campaign price) of one unit, in fen, as it was at checkout. */
  @Property({ type: new BigIntType('number') })
  unitSubsidyFen!: number;

  @Property({ type: 'integer', default: 0 })
  returnedQuantity: number = 0;
}

/** A give-back already applied (a refund's key), so the refund sweep's retries return it once. */
@Entity({ tableName: 'campaign_budget_return' })
export class CampaignBudgetReturn {
  @PrimaryKey({ type: 'string', length: 100 })
  returnKey!: string;

  @Property({ type: 'integer' })
  orderId!: number;
}

/** One listing in a campaign, with its campaign price. */
@Entity({ tableName: 'campaign_listing' })
@Index({ name: 'campaign_listing_listing', properties: ['listingId', 'campaignId'] })
export class CampaignListing {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  campaignId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  listingId!: number;

  @EnumColumn(() => PriceMode, { length: 20 })
  priceMode!: PriceMode;

  @Property({ type: new BigIntType('number') })
  pricePoints!: number;

  @Property({ type: new BigIntType('number') })
  priceFen!: number;
}

/** A segment a campaign targets. */
@Entity({ tableName: 'campaign_segment' })
export class CampaignSegment {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  campaignId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  segmentId!: number;
}

/** A tier a campaign targets. */
@Entity({ tableName: 'campaign_tier' })
export class CampaignTier {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  campaignId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  tierId!: number;
}

/** A customer-facing price, e.g. for the Int fields of Listing.effectivePrice. */
@ObjectType({ description: 'A price as the customer pays it.' })
export class EffectivePrice {
  @Field(() => PriceMode, { description: 'How the price is paid.' })
  priceMode!: PriceMode;

  @Field(() => GraphQLSafeInt, { description: 'Points per unit.' })
  points!: number;

  @Field(() => GraphQLSafeInt, { description: 'Cash per unit, in fen.' })
  fen!: number;

  @Field(() => ID, { nullable: true, description: 'The live campaign whose price this is; null for the base price.' })
  campaignId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The caller's tier whose own price this is (a tier price); null for the base or a campaign price. A campaign price shows only when it is cheaper than the tier price.",
  })
  tierId!: string | null;
}
