import { BigIntType, Entity, Index, Property, Unique } from '@mikro-orm/core';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdKey, EnumColumn } from '../../../core/entity';

export enum StatementStatus {
  OPEN = 'OPEN',
  SETTLED = 'SETTLED',
}
registerEnumType(StatementStatus, { name: 'SettlementStatus' });

export enum SettlementLineKind {
  DELIVERY = 'DELIVERY',
  REFUND = 'REFUND',
  /** The supplier's share of the delivered units' discounts (negative). */
  DISCOUNT = 'DISCOUNT',
  /** That share given back for units refunded after delivery (positive). */
  DISCOUNT_RETURN = 'DISCOUNT_RETURN',
}
registerEnumType(SettlementLineKind, {
  name: 'SettlementLineKind',
  description:
    "DELIVERY: units delivered at the supplier price; REFUND: units refunded after delivery (negative); DISCOUNT: the supplier's share of the delivered units' benefit and voucher discounts (negative); DISCOUNT_RETURN: that share of units refunded after delivery (positive).",
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
  status: StatementStatus = StatementStatus.OPEN;

  /** A month of a large supplier passes 2^31 fen (21 million CNY): bigint, read as a safe JS integer. */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Sum of the lines, in fen.' })
  totalFen: number = 0;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
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
}
