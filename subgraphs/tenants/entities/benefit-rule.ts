import { BigIntType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { CreatedAt, EnumColumn, IdKey, UpdatedAt } from '../../../core/entity';

export enum BenefitKind {
  THRESHOLD = 'THRESHOLD',
  PERCENT_OFF = 'PERCENT_OFF',
  FREE_SHIPPING = 'FREE_SHIPPING',
  QUOTA = 'QUOTA',
}
registerEnumType(BenefitKind, {
  name: 'BenefitKind',
  description: 'What a benefit rule gives (see subgraphs/tenants/README.md, "Benefit rules").',
  valuesConfig: {
    THRESHOLD: { description: '满X减Y: every X off Y (repeatable) or Y once per order, on cash, points or both.' },
    PERCENT_OFF: { description: 'A share off the cash part (basis points), capped in fen.' },
    FREE_SHIPPING: { description: 'The order ships free (the quote says freeShipping).' },
    QUOTA: { description: 'N free or discounted units of listed listings per calendar period.' },
  },
});

export enum ThresholdBasis {
  CASH = 'CASH',
  POINTS = 'POINTS',
  BOTH = 'BOTH',
}
registerEnumType(ThresholdBasis, {
  name: 'ThresholdBasis',
  description: 'What a THRESHOLD counts and takes off.',
  valuesConfig: {
    CASH: { description: 'X and Y in fen, against the cash part of the lines; Y comes off cash.' },
    POINTS: {
      description:
        'X and Y in points, against the points-priced part of the lines (unit points × quantity, not points applied to cash at payment); Y comes off those points.',
    },
    BOTH: {
      description:
        "X and Y in fen, against the whole value (cash + points valued at the bank's points per CNY, rounded down); Y comes off cash first, the rest off points (fen converted to whole points, rounded down).",
    },
  },
});

export enum BenefitFunding {
  BANK = 'BANK',
  SUPPLIER = 'SUPPLIER',
  SHARED = 'SHARED',
}
registerEnumType(BenefitFunding, {
  name: 'BenefitFunding',
  description: "Who pays a discount: the bank, the supplier, or both (the bank's share in basis points).",
});

export enum QuotaPeriod {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(QuotaPeriod, {
  name: 'QuotaPeriod',
  description: "A calendar period in the bank's time zone; a quota restarts at each.",
});

/**
 * A bank's benefit rule for a tier and/or a segment (neither: every customer of the bank), inside a
 * validity window. Checkout applies the live ones (subgraphs/tenants/services/benefits.ts).
 */
@Entity({ tableName: 'benefit_rule' })
@Index({ name: 'benefit_rule_bank', properties: ['bankId', 'id'] })
@ObjectType({
  description: 'A benefit a bank gives a tier or a segment: threshold, percent off, free shipping, quota.',
})
export class BenefitRule {
  [OptionalProps]?:
    | 'enabled'
    | 'tierId'
    | 'segmentId'
    | 'thresholdBasis'
    | 'thresholdAmount'
    | 'discountAmount'
    | 'repeatable'
    | 'percentBp'
    | 'capFen'
    | 'quotaUnits'
    | 'quotaPeriod'
    | 'quotaDiscountBp'
    | 'bankShareBp'
    | 'createdAt'
    | 'updatedAt';

  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'string', length: 120 })
  @Field(() => String, { description: 'Display name (e.g. 金卡满100减10).' })
  name!: string;

  @EnumColumn(() => BenefitKind, { length: 16, field: 'What it gives.' })
  kind!: BenefitKind;

  @Property({ type: 'boolean', default: true })
  @Field(() => Boolean, { description: 'False: switched off (kept for the orders that used it).' })
  enabled: boolean = true;

  @Property({ type: 'integer', nullable: true })
  tierId?: number | null = null;

  @Property({ type: 'integer', nullable: true })
  segmentId?: number | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'Applies from this time (UTC).' })
  startsAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Stops applying at this time (UTC); null: open-ended.' })
  endsAt?: Date | null = null;

  @EnumColumn(() => BenefitFunding, { length: 16, field: 'Who pays the discount.' })
  fundedBy!: BenefitFunding;

  @Property({ type: 'integer', default: 10000 })
  @Field(() => Int, { description: "The bank's share of the discount, basis points (BANK 10000, SUPPLIER 0)." })
  bankShareBp: number = 10000;

  @EnumColumn(() => ThresholdBasis, { length: 8, nullable: true, field: 'THRESHOLD: what it counts.' })
  thresholdBasis?: ThresholdBasis | null = null;

  @Property({ type: new BigIntType('number'), nullable: true })
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'THRESHOLD: X (fen, or points on POINTS).' })
  thresholdAmount?: number | null = null;

  @Property({ type: new BigIntType('number'), nullable: true })
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'THRESHOLD: Y off (fen, or points on POINTS).' })
  discountAmount?: number | null = null;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'THRESHOLD: Y for every full X (true) or once per order (false).' })
  repeatable: boolean = false;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'PERCENT_OFF: basis points off the cash part.' })
  percentBp?: number | null = null;

  @Property({ type: new BigIntType('number'), nullable: true })
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'PERCENT_OFF: at most this many fen per order.' })
  capFen?: number | null = null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'QUOTA: units per customer per period.' })
  quotaUnits?: number | null = null;

  @EnumColumn(() => QuotaPeriod, { length: 8, nullable: true, field: 'QUOTA: the calendar period.' })
  quotaPeriod?: QuotaPeriod | null = null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'QUOTA: discount per unit in basis points (10000 = free).' })
  quotaDiscountBp?: number | null = null;

  @CreatedAt({ field: 'When it was created (UTC).' })
  createdAt: Date = new Date();

  @UpdatedAt({ field: 'When it last changed (UTC).' })
  updatedAt: Date = new Date();
}

/** A listing a QUOTA rule covers. */
@Entity({ tableName: 'benefit_rule_listing' })
@Index({ name: 'benefit_rule_listing_listing', properties: ['listingId'] })
export class BenefitRuleListing {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  ruleId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  listingId!: number;
}

/** Units of a QUOTA rule a customer used in one period ('2026-11', '2026-Q4', '2026'); conditional UPDATEs only. */
@Entity({ tableName: 'benefit_quota_use' })
// A rule's users in one period by customer (BenefitRule.quotaUses pages on it).
@Index({ name: 'benefit_quota_use_period', properties: ['ruleId', 'periodKey', 'customerId'] })
export class BenefitQuotaUse {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  ruleId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  customerId!: number;

  @PrimaryKey({ type: 'string', length: 8 })
  periodKey!: string;

  @Property({ type: 'integer', default: 0 })
  used: number = 0;
}

/** Quota units one order line took (released with the order, given back by refunds). */
@Entity({ tableName: 'benefit_quota_spend' })
export class BenefitQuotaSpend {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  orderId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  listingId!: number;

  @Property({ type: 'integer' })
  ruleId!: number;

  @Property({ type: 'integer' })
  customerId!: number;

  @Property({ type: 'string', length: 8 })
  periodKey!: string;

  @Property({ type: 'integer' })
  units!: number;

  @Property({ type: 'integer', default: 0 })
  returnedUnits: number = 0;
}

@ObjectType({ description: 'Where a benefit rule applies.' })
export class BenefitTarget {
  @Field(() => ID, { nullable: true, description: 'The tier (null: any).' })
  tierId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The segment (null: any).' })
  segmentId!: string | null;
}
