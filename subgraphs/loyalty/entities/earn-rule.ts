import { GraphQLSafeInt } from 'graphql-scalars';
import { Entity, Index, Property, BigIntType } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PointsTrack } from './ledger-entry';
import { IdKey, CreatedAt, EnumColumn } from '../../../core/entity';

export enum EarnRuleKind {
  /** A share of a product amount, e.g. 0.2% of a one-year time deposit. */
  PRODUCT_RATE = 'PRODUCT_RATE',
  /** Points per CNY of card spend, with merchant categories excluded. */
  CARD_SPEND = 'CARD_SPEND',
}
registerEnumType(EarnRuleKind, { name: 'EarnRuleKind' });

export enum PayoutSchedule {
  IMMEDIATE = 'IMMEDIATE',
  /** Split into equal monthly installments (按月发放). */
  MONTHLY = 'MONTHLY',
}
registerEnumType(PayoutSchedule, { name: 'PayoutSchedule' });

export enum EarnRuleStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
}
registerEnumType(EarnRuleStatus, { name: 'EarnRuleStatus' });

/**
 * How a bank turns its core-banking events into points. The budget is reserved with a conditional
 * UPDATE (`budget_used + n <= budget_total`), so concurrent events can never overspend it.
 */
@Entity({ tableName: 'earn_rule' })
@Index({ name: 'earn_rule_match', properties: ['bankId', 'product', 'status'] })
@ObjectType({ description: "A bank's rule turning core-banking events into points." })
export class EarnRule {
  @IdKey({ field: true })
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  name!: string;

  @EnumColumn(() => EarnRuleKind, { length: 20, field: true })
  kind!: EarnRuleKind;

  @EnumColumn(() => PointsTrack, { length: 16, field: 'REDEEMABLE points or TIER points.' })
  track!: PointsTrack;

  /** The bank's product code the events carry, e.g. "TIME_DEPOSIT_1Y" or "CREDIT_CARD". */
  @Property({ type: 'string', length: 64 })
  @Field(() => String)
  product!: string;

  /** Tenants segment the customer must belong to (null: every customer of the bank). */
  @Property({ type: 'integer', nullable: true })
  @Field(() => ID, { nullable: true })
  segmentId?: number | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Events before this time do not earn.' })
  windowStart?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Events at or after this time do not earn.' })
  windowEnd?: Date | null;

  /** PRODUCT_RATE: points = amount in CNY × rateBasisPoints / 10000 (20 = 0.2%). */
  @Property({ type: 'integer', default: 0 })
  @Field(() => Int)
  rateBasisPoints: number = 0;

  /** CARD_SPEND: points per CNY spent. */
  @Property({ type: 'integer', default: 0 })
  @Field(() => Int)
  pointsPerYuan: number = 0;

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'CARD_SPEND: merchant category codes that earn nothing.' })
  excludedMerchantCategories: string[] = [];

  @EnumColumn(() => PayoutSchedule, { length: 16, field: true })
  payout: PayoutSchedule = PayoutSchedule.IMMEDIATE;

  @Property({ type: 'integer', default: 1 })
  @Field(() => Int, { description: 'MONTHLY: number of installments.' })
  installments: number = 1;

  /** Null: no cap. */
  @Property({ type: new BigIntType('number'), nullable: true })
  @Field(() => GraphQLSafeInt, { nullable: true })
  budgetTotal?: number | null;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt)
  budgetUsed: number = 0;

  /** Days until earned points expire (null: never). */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true })
  validityDays?: number | null;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, {
    description:
      'On a REVERSAL of an event, also debit the points this rule already paid for it (unpaid installments are always cancelled).',
  })
  clawBackPaidOnReversal: boolean = false;

  @EnumColumn(() => EarnRuleStatus, { length: 16, field: true })
  status: EarnRuleStatus = EarnRuleStatus.ACTIVE;

  @CreatedAt({ field: true })
  createdAt: Date = new Date();
}
