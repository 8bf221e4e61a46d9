import { BigIntType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { CreatedAt, EnumColumn, IdKey, UpdatedAt } from '../../../core/entity';
import { BenefitFunding } from './benefit-rule';

export enum VoucherKind {
  AMOUNT_OFF = 'AMOUNT_OFF',
  PERCENT_OFF = 'PERCENT_OFF',
}
registerEnumType(VoucherKind, {
  name: 'VoucherKind',
  description: 'AMOUNT_OFF takes a fixed amount of fen off; PERCENT_OFF a share in basis points, up to a cap.',
});

export enum VoucherState {
  ACTIVE = 'ACTIVE',
  STOPPED = 'STOPPED',
}
registerEnumType(VoucherState, {
  name: 'VoucherState',
  description: 'ACTIVE vouchers can be used inside their window; a STOPPED one no longer can (orders made keep it).',
});

/**
 * A voucher a bank issues: an amount or share off an order's cash, for customers of one tier, one
 * segment or one customer, inside a window, with a minimum spend, a number of uses per customer and
 * a total budget. Issuing is a rule, not rows per customer: a segment of millions costs one row, and
 * a customer's vouchers are the active ones whose audience holds them (voucher-service.ts).
 */
@Entity({ tableName: 'voucher' })
@Index({ name: 'voucher_bank_window', properties: ['bankId', 'state', 'endsAt'] })
@ObjectType({ description: 'A voucher a bank issues to a tier, a segment or one customer.' })
export class Voucher {
  [OptionalProps]?: 'state' | 'spentFen' | 'usedCount' | 'createdAt' | 'updatedAt' | 'bankShareBp' | 'capFen';

  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: 'What customers see, e.g. “满200减30”.' })
  name!: string;

  @EnumColumn(() => VoucherKind, { length: 16, field: 'Amount off or percent off.' })
  kind!: VoucherKind;

  /** AMOUNT_OFF: fen off; PERCENT_OFF: basis points off (1–10000). */
  @Property({ type: new BigIntType('number') })
  value!: number;

  /** PERCENT_OFF: the most it takes off one order, in fen (null: no cap; AMOUNT_OFF: null). */
  @Property({ type: new BigIntType('number'), nullable: true })
  capFen: number | null = null;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, {
    description: "The order's cash for goods (after tier, campaign and benefit discounts) must reach this, in fen.",
  })
  minSpendFen!: number;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'Usable from (UTC).' })
  startsAt!: Date;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'Usable until (UTC, exclusive).' })
  endsAt!: Date;

  @Property({ type: 'integer' })
  @Field(() => GraphQLSafeInt, { description: 'How many orders one customer may use it on.' })
  perCustomerLimit!: number;

  /** The audience: exactly one of these is set. */
  @Property({ type: 'integer', nullable: true })
  tierId: number | null = null;

  @Property({ type: 'integer', nullable: true })
  segmentId: number | null = null;

  @Property({ type: 'integer', nullable: true })
  customerId: number | null = null;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'The most all orders together may take off, in fen.' })
  budgetFen!: number;

  /** What orders not given back took off, in fen; only conditional UPDATEs change it (never above budgetFen). */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Taken off by orders not given back, in fen (never above budgetFen).' })
  spentFen: number = 0;

  /** Orders holding a use (cancelled orders give theirs back). */
  @Property({ type: 'integer', default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Orders that used it (cancelled orders not counted).' })
  usedCount: number = 0;

  @EnumColumn(() => BenefitFunding, { length: 16, field: 'Who pays the discount.' })
  fundedBy!: BenefitFunding;

  /** SHARED: the bank's part in basis points (the supplier pays the rest); BANK 10000, SUPPLIER 0. */
  @Property({ type: 'integer', default: 10000 })
  @Field(() => GraphQLSafeInt, { description: "The bank's share of each discount, in basis points." })
  bankShareBp: number = 10000;

  @EnumColumn(() => VoucherState, { length: 16, field: 'ACTIVE or STOPPED.' })
  state: VoucherState = VoucherState.ACTIVE;

  @CreatedAt({ field: 'When it was issued (UTC).' })
  createdAt: Date = new Date();

  @UpdatedAt({ field: 'When it last changed (UTC).' })
  updatedAt: Date = new Date();
}

/** Uses of one voucher by one customer (a conditional UPDATE keeps it within perCustomerLimit). */
@Entity({ tableName: 'voucher_use' })
export class VoucherUse {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  voucherId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  customerId!: number;

  @Property({ type: 'integer', default: 0 })
  used: number = 0;
}

export enum VoucherRedemptionState {
  RESERVED = 'RESERVED',
  RELEASED = 'RELEASED',
}

/**
 * An order's use of a voucher, one row per order (orders' saga reserves it with the order, idempotent
 * on the order id). RELEASED with no voucher is the tombstone of a release that came first.
 */
@Entity({ tableName: 'voucher_redemption' })
@Index({ name: 'voucher_redemption_voucher', properties: ['voucherId', 'orderId'] })
export class VoucherRedemption {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  orderId!: number;

  @Property({ type: 'integer', nullable: true })
  voucherId: number | null = null;

  @Property({ type: 'integer', nullable: true })
  customerId: number | null = null;

  @Property({ type: new BigIntType('number'), default: 0 })
  discountFen: number = 0;

  /** Discount given back to the budget by refunds (the use stays used: the order stands). */
  @Property({ type: new BigIntType('number'), default: 0 })
  returnedFen: number = 0;

  @EnumColumn(() => VoucherRedemptionState, { length: 16 })
  state!: VoucherRedemptionState;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/** A give-back already applied (a refund's key), so retries return it once. */
@Entity({ tableName: 'voucher_return' })
export class VoucherReturn {
  @PrimaryKey({ type: 'string', length: 100 })
  returnKey!: string;

  @Property({ type: 'integer' })
  orderId!: number;
}
