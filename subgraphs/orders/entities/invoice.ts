import { BigIntType, Entity, Index, Property, Unique } from '@mikro-orm/core';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EnumColumn, IdKey } from '../../../core/entity';

/** An invoice's standing: what the platform's check found, or voided by its supplier. */
export enum InvoiceStatus {
  /** Its tax amount agrees with its amount × rate (within 1 fen). */
  VALID = 'VALID',
  /** Its tax amount disagrees with its amount × rate: see `flags`. */
  FLAGGED = 'FLAGGED',
  /** Withdrawn by the supplier (with a reason): it no longer counts towards the statement. */
  VOIDED = 'VOIDED',
}
registerEnumType(InvoiceStatus, {
  name: 'SettlementInvoiceStatus',
  description:
    'VALID (its tax agrees with amount × rate), FLAGGED (it does not: see flags), VOIDED (withdrawn by the supplier; it no longer counts).',
});

/** What the platform's check found wrong (services/invoice.service.ts `invoiceFlags`, `statementFlags`). */
export enum InvoiceFlag {
  /** |taxFen − round(amountFen × taxRateBp / 10000)| > 1 fen. */
  TAX_MISMATCH = 'TAX_MISMATCH',
  /** The statement's invoices (amount + tax, voided ones aside) do not add up to what the bank owes (totalFen). */
  TOTAL_MISMATCH = 'TOTAL_MISMATCH',
}
registerEnumType(InvoiceFlag, {
  name: 'SettlementInvoiceFlag',
  description:
    "TAX_MISMATCH: an invoice's tax differs from round(amount × rate) by more than 1 fen; TOTAL_MISMATCH: a statement's invoices (amount + tax, voided aside) do not add up to its totalFen.",
});

/**
 * A VAT invoice (发票) the supplier issued for a statement: 全电发票 (a 20-digit number, no code) or
 * a 税控 invoice (an 8-digit number with its 10- or 12-digit code). A statement may have several.
 * Amount and tax are never edited: a wrong one is voided and recorded again.
 */
@Entity({ tableName: 'settlement_invoice' })
@Unique({ properties: ['supplierId', 'code', 'number'] })
@Index({ properties: ['bankId', 'statementId'] })
@ObjectType({ description: 'A VAT invoice (发票) a supplier recorded for a settlement statement.' })
export class SettlementInvoice {
  @IdKey({ field: true })
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  statementId!: number;

  /** Copied from the statement so a bank's or supplier's invoices are read without a join. */
  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  /** 8 digits (税控) or 20 digits (全电). */
  @Property({ type: 'string', length: 20 })
  @Field(() => String, { description: 'Invoice number (发票号码): 8 digits, or 20 for a 全电发票.' })
  number!: string;

  /** 10 or 12 digits for an 8-digit number; '' for a 全电发票 (so the unique key holds). */
  @Property({ type: 'string', length: 12, default: '' })
  @Field(() => String, { description: 'Invoice code (发票代码): 10 or 12 digits; empty for a 全电发票.' })
  code: string = '';

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'Amount excluding tax (金额), in fen.' })
  amountFen!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Tax rate in basis points: 600 = 6 %, 1300 = 13 %.' })
  taxRateBp!: number;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'Tax amount (税额), in fen.' })
  taxFen!: number;

  @Property({ type: 'date' })
  @Field(() => String, { description: 'Issue date (开票日期), YYYY-MM-DD.' })
  issuedOn!: string;

  /** The last check's outcome (VALID / FLAGGED) or VOIDED; the flags are recomputed on read anyway. */
  @EnumColumn(() => InvoiceStatus, { length: 16 })
  status: InvoiceStatus = InvoiceStatus.VALID;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the supplier voided it.' })
  voidReason?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was voided.' })
  voidedAt?: Date | null;

  /** Who recorded it (the principal's subject). */
  @Property({ type: 'string', length: 100 })
  recordedBy!: string;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When it was recorded.' })
  recordedAt: Date = new Date();

  /** When the platform's check last ran on it (on record, and `checkStatementInvoices`). */
  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: "When the platform's check last ran on it." })
  checkedAt?: Date | null;
}
