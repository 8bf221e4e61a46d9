import { BigIntType, Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CreatedAt, EnumColumn, IdKey } from '../../../core/entity';

/**
 * The platform's commission rate for one supplier: for one category (and, through it, its
 * descendants that set none), or the supplier's default (category null). Validity is by day in the
 * bank's time zone, both ends included; rates of one supplier × category never overlap.
 */
@Entity({ tableName: 'commission_rate' })
@Index({ properties: ['supplierId', 'categoryId', 'validFrom'] })
@ObjectType({ description: "The platform's commission rate for a supplier (and a category, or its default)." })
export class CommissionRate {
  @IdKey({ field: true })
  id!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  /** Null: the supplier's default, used when neither the category nor any ancestor has a rate. */
  @Property({ type: 'integer', nullable: true })
  categoryId?: number | null = null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Rate in basis points of the supplier price (0..10000; 500 = 5%).' })
  rateBp!: number;

  @Property({ type: 'date' })
  @Field(() => String, { description: 'First day it applies, YYYY-MM-DD (the bank’s time zone at delivery).' })
  validFrom!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'Last day it applies, YYYY-MM-DD; null: open-ended.' })
  validTo?: string | null = null;

  @Property({ type: 'string', length: 100 })
  createdBy!: string;

  @CreatedAt({ field: 'When it was set.' })
  createdAt: Date = new Date();
}

/** A bank's advance-payment (垫资) terms: the platform pays suppliers on delivery, the bank repays per statement. */
@Entity({ tableName: 'advance_terms' })
@ObjectType({ description: 'A bank’s advance-payment (垫资) terms.' })
export class AdvanceTerms {
  /** One row per bank; the row is the lock that serialises the bank's payouts. */
  @PrimaryKey({ type: 'integer', autoincrement: false })
  bankId!: number;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'Whether the platform advances payment to suppliers on delivery.' })
  enabled: boolean = false;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'The most the platform may have outstanding for this bank, in fen.' })
  exposureCapFen: number = 0;

  @Property({ type: 'integer', default: 30 })
  @Field(() => Int, { description: 'Days after the statement month’s end (bank time) the bank repays the platform.' })
  repaymentTermDays: number = 30;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  updatedAt: Date = new Date();
}

export enum AdvancePayoutStatus {
  /** Paid to the supplier: counts in the bank's exposure. */
  PAID = 'PAID',
  /** Over the cap (or behind an older held payout): paid when exposure falls, oldest first. */
  HELD = 'HELD',
  /** A refund after delivery: what the supplier gives back (negative), lowering the exposure. */
  CLAWBACK = 'CLAWBACK',
}
registerEnumType(AdvancePayoutStatus, {
  name: 'AdvancePayoutStatus',
  description:
    'PAID (advanced to the supplier on delivery), HELD (over the bank’s exposure cap: released oldest first when exposure falls), CLAWBACK (a refund after a paid delivery, negative: netted off the supplier’s next payouts).',
});

/** What the platform advanced (or holds, or claws back) for one delivery written to settlement. */
@Entity({ tableName: 'advance_payout' })
@Index({ properties: ['bankId', 'status', 'id'] })
@Index({ properties: ['orderLineId'] })
// A statement's advance figures (StatementAdvanceResolver, batched per page).
@Index({ properties: ['statementId', 'status'] })
@Unique({ properties: ['sourceKey'] })
@ObjectType({ description: 'A payment the platform advanced to a supplier for a delivery (advance-payment mode).' })
export class AdvancePayout {
  @IdKey({ field: true })
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  @Property({ type: 'integer' })
  @Field(() => ID)
  orderLineId!: number;

  @Property({ type: 'integer' })
  @Field(() => ID, { description: 'The statement the delivery (or refund) lines were written to.' })
  statementId!: number;

  /** The settlement line source key it pays for (a replay adds nothing). */
  @Property({ type: 'string', length: 100 })
  sourceKey!: string;

  @EnumColumn(() => AdvancePayoutStatus, { length: 16, field: true })
  status!: AdvancePayoutStatus;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, {
    description:
      'What the supplier receives for the delivery, in fen: the sum of its statement lines (delivery, discount, co-funding, commission); negative for a CLAWBACK.',
  })
  amountFen!: number;

  @CreatedAt({ field: 'When the delivery (or refund) was written.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was paid (a HELD payout: when released).' })
  paidAt?: Date | null = null;
}
