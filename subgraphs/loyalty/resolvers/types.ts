import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { ConnectionType } from '../../../core/pagination';
import { EarnRule, EarnRuleKind, EarnRuleStatus, PayoutSchedule } from '../entities/earn-rule';
import { PointsLedgerEntry, PointsTrack } from '../entities/ledger-entry';
import type { PointsAccount } from '../entities/points-account';

/**
 * Loyalty contributes `points` to the tenants' Customer entity. Tenants owns the tier ladder, so
 * `points.tier` takes the tier name from tenants (`@requires`): a change of the ladder shows at once.
 */
@ObjectType('Customer')
@Directive('@key(fields: "id")')
export class CustomerWithPoints {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  tierName?: string | null;
}

@ObjectType({ description: "A customer's points on both tracks." })
export class CustomerPoints {
  /** Carried for the nested fields; not part of the schema. */
  account!: PointsAccount | null;
  customerId!: string;

  @Field(() => Int, { description: 'Redeemable points (产品积分) available to spend.' })
  redeemable!: number;

  @Field(() => Int, { description: 'Redeemable points held by checkouts awaiting payment.' })
  held!: number;

  @Field(() => Int, { description: 'Tier points (定级积分); they decide the tier and are never spent.' })
  tierPoints!: number;

  @Field(() => String, { nullable: true, description: 'Current tier, as the bank defines tiers.' })
  tier!: string | null;
}

@ObjectType({ description: 'Points that expire on a day unless spent.' })
export class ExpiringPoints {
  @Field(() => Int)
  points!: number;

  @Field(() => Date, { description: 'Start of the UTC day they expire.' })
  on!: Date;
}

@ObjectType({ description: 'Movements of available redeemable points over a period.' })
export class PointsStatement {
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => Int, { description: 'Available points at `from`.' }) opening!: number;
  @Field(() => Int) earned!: number;
  @Field(() => Int, { description: 'Spent in the mall (held, less released).' }) spent!: number;
  @Field(() => Int) refunded!: number;
  @Field(() => Int) expired!: number;
  @Field(() => Int, { description: 'Net manual adjustments.' }) adjusted!: number;
  @Field(() => Int, { description: 'Available points at `to`.' }) closing!: number;
}

@ObjectType()
export class PointsLedgerEntryConnection extends ConnectionType(PointsLedgerEntry, 'PointsLedgerEntry') {}

@ObjectType()
export class EarnRuleConnection extends ConnectionType(EarnRule, 'EarnRule') {}

@InputType({ description: 'A core-banking event, as the bank posts it.' })
export class RecordBankEventInput {
  @Field(() => String, { description: "The bank's own customer reference." }) customerRef!: string;
  @Field(() => String, { description: 'Product code, e.g. TIME_DEPOSIT_1Y or CREDIT_CARD.' }) product!: string;
  @Field(() => GraphQLSafeInt, { description: 'Amount in fen (deposit amount, card spend).' }) amountFen!: number;
  @Field(() => String, { nullable: true, description: 'Merchant category code, for card spend.' }) merchantCategory?: string | null;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => String, { description: 'Unique per event at your bank; a replay awards nothing again.' }) idempotencyKey!: string;
  @Field(() => ID, { nullable: true, description: 'Bank staff and platform only: which bank (partner apps act for their own).' }) bankId?: string | null;
}

@ObjectType()
export class RecordBankEventPayload {
  @Field(() => ID) eventId!: string;
  @Field(() => Boolean, { description: 'True when this event was already recorded: nothing new was awarded.' }) duplicate!: boolean;
  @Field(() => Int) pointsAwarded!: number;
  @Field(() => Int) tierPointsAwarded!: number;
  @Field(() => Int, { description: 'Points promised in later monthly installments.' }) pointsScheduled!: number;
}

@InputType()
export class CreateEarnRuleInput {
  @Field(() => ID) bankId!: string;
  @Field(() => String) name!: string;
  @Field(() => EarnRuleKind) kind!: EarnRuleKind;
  @Field(() => PointsTrack) track!: PointsTrack;
  @Field(() => String) product!: string;
  @Field(() => ID, { nullable: true }) segmentId?: string | null;
  @Field(() => Date, { nullable: true }) windowStart?: Date | null;
  @Field(() => Date, { nullable: true }) windowEnd?: Date | null;
  @Field(() => Int, { nullable: true, description: 'PRODUCT_RATE: basis points of the amount in CNY (20 = 0.2%).' }) rateBasisPoints?: number | null;
  @Field(() => Int, { nullable: true, description: 'CARD_SPEND: points per CNY.' }) pointsPerYuan?: number | null;
  @Field(() => [String], { nullable: true }) excludedMerchantCategories?: string[] | null;
  @Field(() => PayoutSchedule, { nullable: true }) payout?: PayoutSchedule | null;
  @Field(() => Int, { nullable: true }) installments?: number | null;
  @Field(() => Int, { nullable: true }) budgetTotal?: number | null;
  @Field(() => Int, { nullable: true }) validityDays?: number | null;
}

@InputType()
export class SetEarnRuleStatusInput {
  @Field(() => ID, { description: 'The earn rule.' }) earnRuleId!: string;
  @Field(() => EarnRuleStatus) status!: EarnRuleStatus;
}

@InputType({ description: 'A manual correction of a customer’s points.' })
export class AdjustPointsInput {
  @Field(() => ID) customerId!: string;
  @Field(() => PointsTrack) track!: PointsTrack;
  @Field(() => Int, { description: 'Positive adds, negative removes (never below zero).' }) amount!: number;
  @Field(() => String) reason!: string;
  @Field(() => String) idempotencyKey!: string;
  @Field(() => Int, { nullable: true, description: 'Added redeemable points expire after this many days.' }) validityDays?: number | null;
}

@ObjectType({ description: 'A difference between a stored balance and what its ledger says.' })
export class LedgerDriftItem {
  @Field(() => ID) customerId!: string;
  @Field(() => String) field!: string;
  @Field(() => Int) stored!: number;
  @Field(() => Int) fromLedger!: number;
}

@ObjectType()
export class LedgerVerification {
  @Field(() => Int) accountsChecked!: number;
  @Field(() => [LedgerDriftItem], { description: 'Empty when every balance matches its ledger.' }) drift!: LedgerDriftItem[];
}

@ObjectType()
export class SweepResult {
  @Field(() => Int) lotsExpired!: number;
  @Field(() => Int) pointsExpired!: number;
  @Field(() => Int) installmentsPaid!: number;
}

@ObjectType({ description: 'Internal: the state of an order’s points hold.' })
export class PointsHoldResult {
  @Field(() => ID) orderId!: string;
  @Field(() => String, { description: 'HELD, CAPTURED or RELEASED.' }) state!: string;
  @Field(() => Int) amount!: number;
  @Field(() => Int) refunded!: number;
}
