import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { ConnectionType } from '../../../core/pagination';
import { FenAmount, PointsAmount, PointsChange, Text } from '../../../core/input-rules';
import { BankEventType } from '../entities/bank-event';
import { EarnRule, EarnRuleKind, EarnRuleStatus, PayoutSchedule } from '../entities/earn-rule';
import { PointsLedgerEntry, PointsTrack } from '../entities/ledger-entry';
import type { PointsAccount } from '../entities/points-account';
import { PointsLot } from '../entities/points-lot';

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

  @Field(() => GraphQLSafeInt, { description: 'Redeemable points (产品积分) available to spend.' })
  redeemable!: number;

  @Field(() => GraphQLSafeInt, { description: 'Redeemable points held by checkouts awaiting payment.' })
  held!: number;

  @Field(() => GraphQLSafeInt, { description: 'Tier points (定级积分); they decide the tier and are never spent.' })
  tierPoints!: number;

  @Field(() => String, { nullable: true, description: 'Current tier, as the bank defines tiers.' })
  tier!: string | null;
}

@ObjectType({ description: 'Points that expire on a day unless spent.' })
export class ExpiringPoints {
  @Field(() => GraphQLSafeInt)
  points!: number;

  @Field(() => Date, { description: 'Start of the UTC day they expire.' })
  on!: Date;
}

@ObjectType({ description: 'Movements of available redeemable points over a period.' })
export class PointsStatement {
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => GraphQLSafeInt, { description: 'Available points at `from`.' }) opening!: number;
  @Field(() => GraphQLSafeInt) earned!: number;
  @Field(() => GraphQLSafeInt, { description: 'Spent in the mall (held, less released).' }) spent!: number;
  @Field(() => GraphQLSafeInt) refunded!: number;
  @Field(() => GraphQLSafeInt) expired!: number;
  @Field(() => GraphQLSafeInt, { description: 'Net manual adjustments.' }) adjusted!: number;
  @Field(() => GraphQLSafeInt, { description: 'Available points at `to`.' }) closing!: number;
}

@ObjectType()
export class PointsLedgerEntryConnection extends ConnectionType(PointsLedgerEntry, 'PointsLedgerEntry') {}

@ObjectType()
export class PointsLotConnection extends ConnectionType(PointsLot, 'PointsLot') {}

@ObjectType()
export class EarnRuleConnection extends ConnectionType(EarnRule, 'EarnRule') {}

@InputType({ description: 'A core-banking event, as the bank posts it.' })
export class RecordBankEventInput {
  @Field(() => String, { description: "The bank's own customer reference." }) customerRef!: string;
  @Field(() => String, { description: 'Product code, e.g. TIME_DEPOSIT_1Y or CREDIT_CARD.' }) product!: string;
  @Field(() => FenAmount, { description: 'Amount in fen (deposit amount, card spend).' }) amountFen!: number;
  @Field(() => String, { nullable: true, description: 'Merchant category code, for card spend.' }) merchantCategory?:
    string | null;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => String, { description: 'Unique per event at your bank; a replay awards nothing again.' })
  idempotencyKey!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'Bank staff and platform only: which bank (partner apps act for their own).',
  })
  bankId?: string | null;
  @Field(() => BankEventType, {
    nullable: true,
    description: 'EARN (default) or REVERSAL of the event named by reversesIdempotencyKey.',
  })
  type?: BankEventType | null;
  @Field(() => String, {
    nullable: true,
    description: 'REVERSAL: the idempotency key of the earlier event it undoes.',
  })
  reversesIdempotencyKey?: string | null;
}

@ObjectType()
export class RecordBankEventPayload {
  @Field(() => ID) eventId!: string;
  @Field(() => Boolean, { description: 'True when this event was already recorded: nothing new was awarded.' })
  duplicate!: boolean;
  @Field(() => GraphQLSafeInt) pointsAwarded!: number;
  @Field(() => GraphQLSafeInt) tierPointsAwarded!: number;
  @Field(() => GraphQLSafeInt, { description: 'Points promised in later monthly installments.' })
  pointsScheduled!: number;
  @Field(() => GraphQLSafeInt, { description: 'REVERSAL: points of unpaid installments it cancelled.' })
  pointsCancelled!: number;
  @Field(() => GraphQLSafeInt, {
    description: 'REVERSAL: points already paid that it debited again (rules with clawBackPaidOnReversal).',
  })
  pointsClawedBack!: number;
  @Field(() => GraphQLSafeInt, {
    description: 'REVERSAL: paid points it could not debit because the customer no longer had them.',
  })
  pointsUnrecovered!: number;
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
  @Field(() => Int, { nullable: true, description: 'PRODUCT_RATE: basis points of the amount in CNY (20 = 0.2%).' })
  rateBasisPoints?: number | null;
  @Field(() => Int, { nullable: true, description: 'CARD_SPEND: points per CNY.' }) pointsPerYuan?: number | null;
  @Field(() => [String], { nullable: true }) excludedMerchantCategories?: string[] | null;
  @Field(() => PayoutSchedule, { nullable: true }) payout?: PayoutSchedule | null;
  @Field(() => Int, { nullable: true }) installments?: number | null;
  @Field(() => PointsAmount, { nullable: true }) budgetTotal?: number | null;
  @Field(() => Int, { nullable: true }) validityDays?: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'On a REVERSAL of an event, also debit the points already paid for it (default false).',
  })
  clawBackPaidOnReversal?: boolean | null;
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
  @Field(() => PointsChange, { description: 'Positive adds, negative removes (never below zero).' }) amount!: number;
  @Field(() => String, { description: 'Why (the customer sees it in their history); up to 500 characters.' })
  @Text({ max: 500, multiline: true })
  reason!: string;
  @Field(() => String) idempotencyKey!: string;
  @Field(() => Int, { nullable: true, description: 'Added redeemable points expire after this many days.' })
  validityDays?: number | null;
}

@ObjectType({ description: 'A difference between a stored balance and what its ledger says.' })
export class LedgerDriftItem {
  @Field(() => ID) customerId!: string;
  @Field(() => String) field!: string;
  @Field(() => GraphQLSafeInt) stored!: number;
  @Field(() => GraphQLSafeInt) fromLedger!: number;
}

@ObjectType()
export class LedgerVerification {
  @Field(() => Int) accountsChecked!: number;
  @Field(() => [LedgerDriftItem], { description: 'Empty when every balance matches its ledger.' })
  drift!: LedgerDriftItem[];
}

@ObjectType()
export class SweepResult {
  @Field(() => Int) lotsExpired!: number;
  @Field(() => GraphQLSafeInt) pointsExpired!: number;
  @Field(() => Int) installmentsPaid!: number;
}

@ObjectType({ description: 'Internal: the state of an order’s points hold.' })
export class PointsHoldResult {
  @Field(() => ID) orderId!: string;
  @Field(() => String, { description: 'HELD, CAPTURED or RELEASED.' }) state!: string;
  @Field(() => GraphQLSafeInt) amount!: number;
  @Field(() => GraphQLSafeInt) refunded!: number;
}
