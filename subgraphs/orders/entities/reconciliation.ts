import { BigIntType, Entity, Index, Property } from '@mikro-orm/core';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CreatedAt, IdKey } from '../../../core/entity';

/**
 * One order as both sides see it in a reconciliation: Perkmall's figures (the statement's lines of
 * that order) and the supplier's (its bill's rows with that order reference). A side that does not
 * have the order has null figures.
 */
@ObjectType({ description: "One order reference in a reconciliation: Perkmall's figures beside the supplier bill's." })
export class ReconciliationEntry {
  @Field(() => String, {
    description:
      'The order number (Order.id) both sides match on; for a bill row that gave a supplier order number Perkmall does not know, that number as written.',
  })
  orderReference!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The supplier order of this order for the statement's supplier, when known.",
  })
  supplierOrderId!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Perkmall: delivered units net of units refunded after delivery (null: not in the statement).',
  })
  ourQuantity!: number | null;

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description:
      'Perkmall: what the bank owes the supplier for this order in the statement, in fen: its lines of every kind except commission (null: not in the statement).',
  })
  ourAmountFen!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "The supplier's bill: the units of its rows (null: not on the bill).",
  })
  theirQuantity!: number | null;

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: "The supplier's bill: the amount of its rows, in fen (null: not on the bill).",
  })
  theirAmountFen!: number | null;

  @Field(() => GraphQLSafeInt, { description: 'theirAmountFen − ourAmountFen (a missing side counts 0).' })
  amountDifferenceFen!: number;

  @Field(() => Int, { description: 'theirQuantity − ourQuantity (a missing side counts 0).' })
  quantityDifference!: number;

  @Field(() => [Int], {
    description:
      'The bill rows (1-based, the header is row 1 or later) this order came from; empty when not on the bill.',
  })
  billRows!: number[];
}

/** What a reconciliation found, in the shape exports take: four lists of entries. */
export interface ReconciliationResult {
  /** On both sides with equal units and amount. */
  matched: ReconciliationEntry[];
  /** On both sides, but the units or the amount differ. */
  amountDifferences: ReconciliationEntry[];
  /** In the statement, not on the supplier's bill. */
  missingOnSupplierBill: ReconciliationEntry[];
  /** On the supplier's bill, not in the statement (not delivered yet, another month, another bank, a typo). */
  missingInPerkmall: ReconciliationEntry[];
}

/**
 * A supplier's bill matched against a statement: who uploaded which file, the totals of both sides
 * and every difference, kept so the supplier, the bank and the platform read the same result later.
 * Append-only: each upload is a new run.
 */
@Entity({ tableName: 'statement_reconciliation' })
@Index({ properties: ['statementId', 'id'] })
@ObjectType({
  description:
    "A supplier's own bill reconciled against a settlement statement: both sides' totals and the differences, order by order.",
})
export class StatementReconciliation {
  @IdKey({ field: true })
  id!: number;

  @Property({ type: 'integer' })
  @Field(() => ID)
  statementId!: number;

  /** Copied from the statement, so tenancy is checked without a join. */
  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  /** The principal's subject and role, e.g. "SUPPLIER_ADMIN:s-3". */
  @Property({ type: 'string', length: 140 })
  @Field(() => String, { description: 'Who uploaded the bill (role and subject).' })
  uploadedBy!: string;

  @Property({ type: 'string', length: 255 })
  @Field(() => String, { description: "The bill's file name as uploaded." })
  filename!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Data rows read from the bill (blank rows not counted).' })
  billRowCount!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Units on the bill.' })
  theirQuantity!: number;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: "The bill's total, in fen." })
  theirTotalFen!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Units in the statement (delivered net of refunded).' })
  ourQuantity!: number;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, {
    description:
      "The statement's side, in fen: its lines of every kind except commission (equals the statement's totalFen when run).",
  })
  ourTotalFen!: number;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'theirTotalFen − ourTotalFen.' })
  differenceFen!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Orders equal on both sides.' })
  matchedCount!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Orders on both sides whose units or amount differ.' })
  amountDifferenceCount!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Orders in the statement missing on the bill.' })
  missingOnSupplierBillCount!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Orders on the bill missing in the statement.' })
  missingInPerkmallCount!: number;

  /** The four lists (ReconciliationResult). */
  @Property({ type: 'json' })
  result!: ReconciliationResult;

  @CreatedAt({ field: 'When the bill was reconciled.' })
  createdAt: Date = new Date();
}
