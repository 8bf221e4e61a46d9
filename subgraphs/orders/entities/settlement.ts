import { BigIntType, Entity, Index, Property, Unique } from '@mikro-orm/core';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdKey, EnumColumn } from '../../../core/entity';

/** A statement's life: order-lifecycle.ts STATEMENT_MOVES holds the legal moves. */
export enum StatementStatus {
  /** The month is open: lines are still being added. */
  DRAFT = 'DRAFT',
  /** The platform issued it to the supplier: its lines are fixed; late lines go to the next month. */
  ISSUED = 'ISSUED',
  /** The supplier disputed lines; the platform answers with adjustment lines and issues it again. */
  DISPUTED = 'DISPUTED',
  /** The supplier agreed with it: the bank owes its total. */
  CONFIRMED = 'CONFIRMED',
  /** Paid in full. */
  CLOSED = 'CLOSED',
}
registerEnumType(StatementStatus, {
  name: 'SettlementStatus',
  description:
    'DRAFT (lines still being added) → ISSUED (fixed, sent to the supplier) → CONFIRMED by the supplier, or DISPUTED line by line → adjusted and ISSUED again; CLOSED when paid in full.',
});

export enum SettlementLineKind {
  DELIVERY = 'DELIVERY',
  REFUND = 'REFUND',
  /** The supplier's share of the delivered units' discounts (negative). */
  DISCOUNT = 'DISCOUNT',
  /** That share given back for units refunded after delivery (positive). */
  DISCOUNT_RETURN = 'DISCOUNT_RETURN',
  /** The supplier's share of a campaign's subsidy on delivered units (negative). */
  CO_FUNDING = 'CO_FUNDING',
  /** That share given back for units refunded after delivery (positive). */
  CO_FUNDING_RETURN = 'CO_FUNDING_RETURN',
  /** A correction the platform adds (signed), e.g. answering a disputed line: lines are never edited. */
  ADJUSTMENT = 'ADJUSTMENT',
  /** The platform's commission on delivered units (negative: taken from what the supplier receives). */
  COMMISSION = 'COMMISSION',
  /** That commission given back for units refunded after delivery (positive). */
  COMMISSION_RETURN = 'COMMISSION_RETURN',
}

/** Kinds whose amounts are the platform's commission: summed into commissionFen, not totalFen. */
export const COMMISSION_KINDS: readonly SettlementLineKind[] = [
  SettlementLineKind.COMMISSION,
  SettlementLineKind.COMMISSION_RETURN,
];
registerEnumType(SettlementLineKind, {
  name: 'SettlementLineKind',
  description:
    "DELIVERY: units delivered at the supplier price; REFUND: units refunded after delivery (negative); DISCOUNT: the supplier's share of the delivered units' benefit and voucher discounts (negative); DISCOUNT_RETURN: that share of units refunded after delivery (positive); CO_FUNDING / CO_FUNDING_RETURN: the same for the supplier's share of a campaign subsidy; ADJUSTMENT: a correction added by the platform (signed); COMMISSION (negative) / COMMISSION_RETURN (positive): the platform's commission on delivered / refunded units, counted in commissionFen, not totalFen.",
});

/** What one bank owes one supplier for one month (UTC). */
@Entity({ tableName: 'settlement_statement' })
@Unique({ properties: ['bankId', 'supplierId', 'period'] })
@ObjectType({ description: 'What a bank owes a supplier for one month.' })
export class SettlementStatement {
  @IdKey({ field: true })
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  /** "YYYY-MM" (UTC). */
  @Property({ type: 'string', length: 7 })
  @Field(() => String, { description: 'Month, YYYY-MM (UTC).' })
  period!: string;

  @EnumColumn(() => StatementStatus, { length: 16, field: true })
  status: StatementStatus = StatementStatus.DRAFT;

  /** A month of a large supplier passes 2^31 fen (21 million CNY): bigint, read as a safe JS integer. */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, {
    description: 'What the bank owes the supplier, in fen: the sum of every line except the commission kinds.',
  })
  totalFen: number = 0;

  /** Sum of the COMMISSION and COMMISSION_RETURN lines (≤ 0): the supplier receives totalFen + commissionFen. */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, {
    description:
      "The platform's commission, in fen (≤ 0, the sum of the commission lines): the supplier receives totalFen + commissionFen.",
  })
  commissionFen: number = 0;

  /** Sum of the payments recorded against it. */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Paid so far, in fen (the sum of its payments).' })
  paidFen: number = 0;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the platform issued it.' })
  issuedAt?: Date | null;

  /** The day payment is due (the bank's settlement terms counted from the month's end, bank time). */
  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'The day payment is due, YYYY-MM-DD (bank time).' })
  dueOn?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the supplier confirmed it.' })
  confirmedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was paid in full (CLOSED).' })
  settledAt?: Date | null;
}

/**
 * One line of a statement: a delivered order line at supplier price, or a refund of one (negative).
 * The unique source key keeps replayed events from counting twice.
 */
@Entity({ tableName: 'settlement_line' })
@ObjectType({ description: 'A delivered order line (or a refund of one) in a statement.' })
export class SettlementLine {
  @IdKey({ field: true })
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  statementId!: number;

  @Property({ type: 'string', length: 100, unique: true })
  sourceKey!: string;

  @EnumColumn(() => SettlementLineKind, { length: 16, field: true })
  kind!: SettlementLineKind;

  @Property({ type: 'integer' })
  @Field(() => ID)
  orderId!: number;

  @Property({ type: 'integer' })
  @Field(() => ID)
  orderLineId!: number;

  @Property({ type: 'integer' })
  @Field(() => Int)
  quantity!: number;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt)
  unitSupplierPriceFen!: number;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, {
    description:
      "quantity × unit price (negative for REFUND); for DISCOUNT (negative) and DISCOUNT_RETURN the supplier's share of those units' discounts.",
  })
  amountFen!: number;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  occurredAt!: Date;

  /** For an ADJUSTMENT: the line it corrects (a disputed one), if any. */
  @Property({ type: 'integer', nullable: true })
  adjustsLineId?: number | null;

  /** COMMISSION / COMMISSION_RETURN: the rate applied, in basis points (commission.service.ts). */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'COMMISSION / COMMISSION_RETURN: the rate applied, basis points.' })
  rateBp?: number | null;

  /** Why an ADJUSTMENT was made (shown to both sides). */
  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why an ADJUSTMENT was made.' })
  note?: string | null;
}

/**
 * A payment recorded against a statement (by the bank, or by the platform for it). Partial payments
 * add up; the statement closes when they reach its total. Append-only.
 */
@Entity({ tableName: 'settlement_payment' })
@Unique({ properties: ['statementId', 'reference'] })
@Index({ properties: ['bankId', 'paidOn'] })
@ObjectType({ description: 'A payment recorded against a settlement statement.' })
export class SettlementPayment {
  @IdKey({ field: true })
  id!: number;

  @Property({ type: 'integer' })
  statementId!: number;

  /** Copied from the statement so a bank's or supplier's payments are read without a join. */
  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  /** The bank's transfer reference: unique per statement, so a retried request adds nothing. */
  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: "The payment's reference (the bank transfer's)." })
  reference!: string;

  @Property({ type: 'date' })
  @Field(() => String, { description: 'The day it was paid, YYYY-MM-DD.' })
  paidOn!: string;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'Amount, in fen (> 0).' })
  amountFen!: number;

  /** Who recorded it (the principal's subject). */
  @Property({ type: 'string', length: 100 })
  recordedBy!: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  recordedAt: Date = new Date();
}
