import { GraphQLSafeInt } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { FenAmount, Text } from '../../../core/input-rules';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { InvoiceFlag, InvoiceStatus, SettlementInvoice } from '../entities/invoice';
import { SettlementStatement } from '../entities/settlement';
import {
  checkInvoices,
  expectedTaxFen,
  invoiceFlags,
  InvoicedStatementFilter,
  InvoiceService,
  invoiceStatus,
  TAX_TOLERANCE_FEN,
  type StatementInvoicesView,
} from '../services/invoice.service';
import {
  MAX_EXPORT_ROWS,
  SettlementExportFormat,
  SettlementExportKind,
  SettlementExportService,
  type ExportFile,
} from '../services/settlement-export';

@InputType({ description: 'A VAT invoice (发票) as printed.' })
export class RecordStatementInvoiceInput {
  @Field(() => String, { description: 'Invoice number (发票号码): 8 digits, or 20 digits for a 全电发票.' })
  @Text({ max: 40 })
  number!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Invoice code (发票代码), 10 or 12 digits, for an 8-digit number; none for a 全电发票.',
  })
  @Text({ max: 40 })
  code?: string | null;

  @Field(() => FenAmount, { description: 'Amount excluding tax (金额), in fen.' })
  amountFen!: number;

  @Field(() => Int, { description: 'Tax rate in basis points (600 = 6 %, 1300 = 13 %).' })
  taxRateBp!: number;

  @Field(() => FenAmount, { description: 'Tax amount (税额), in fen.' })
  taxFen!: number;

  @Field(() => String, { description: 'Issue date (开票日期), YYYY-MM-DD.' })
  @Text({ max: 20 })
  issuedOn!: string;
}

@InputType({ description: 'Which invoice to void, and why.' })
export class VoidStatementInvoiceInput {
  @Field(() => ID, { description: 'The invoice (SettlementInvoice.id).' }) settlementInvoiceId!: string;

  @Field(() => String, { description: 'Why (shown to the bank and the platform), 2–200 characters.' })
  @Text({ max: 200 })
  reason!: string;
}

@ObjectType({
  description: `A statement's invoices checked against its current figures (recomputed on every read, so an adjustment after invoicing shows at once). Tax tolerance: ${TAX_TOLERANCE_FEN} fen per invoice.`,
})
export class StatementInvoices {
  @Field(() => SettlementStatement) statement!: SettlementStatement;
  @Field(() => [SettlementInvoice], {
    description: 'Every invoice of the statement, voided ones included, oldest first.',
  })
  invoices!: SettlementInvoice[];
  @Field(() => GraphQLSafeInt, { description: "What the bank owes (the statement's totalFen)." })
  totalFen!: number;
  @Field(() => GraphQLSafeInt, {
    description: 'Sum of the amounts excluding tax of the invoices that count (voided aside).',
  })
  invoicedAmountFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'Sum of their tax.' })
  invoicedTaxFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'Amount + tax of the invoices that count.' })
  invoicedFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'invoicedFen − totalFen (0 when they agree).' })
  differenceFen!: number;
  @Field(() => [InvoiceFlag], {
    description: 'TAX_MISMATCH when an invoice is flagged; TOTAL_MISMATCH when the invoices do not add up to totalFen.',
  })
  flags!: InvoiceFlag[];
  @Field(() => Boolean, {
    description: 'CONFIRMED or CLOSED, invoiced in full and nothing flagged: what the bank may reimburse.',
  })
  reimbursable!: boolean;
  @Field(() => Date, { nullable: true, description: "When the platform's check last ran (record or re-check)." })
  checkedAt!: Date | null;
}

@ObjectType()
export class StatementInvoicesConnection extends ConnectionType(StatementInvoices, 'StatementInvoices') {}

@ObjectType({ description: 'The invoice recorded, and its statement checked.' })
export class RecordStatementInvoicePayload {
  @Field(() => SettlementInvoice) invoice!: SettlementInvoice;
  @Field(() => StatementInvoices) statementInvoices!: StatementInvoices;
}

@InputType({ description: 'What to export, and how.' })
export class SettlementExportInput {
  @Field(() => SettlementExportKind) kind!: SettlementExportKind;
  @Field(() => SettlementExportFormat) format!: SettlementExportFormat;
  @Field(() => ID, { nullable: true, description: 'One statement (a PDF is always one statement).' })
  settlementStatementId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Or a month, YYYY-MM: the statements of it the caller may read.',
  })
  @Text({ max: 7 })
  period?: string | null;
  @Field(() => ID, { nullable: true, description: "With period: one bank's (the platform; a bank is always its own)." })
  bankId?: string | null;
  @Field(() => ID, { nullable: true, description: "With period: one supplier's." })
  supplierId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Lines after this line id only (CSV/XLSX): a statement over the row limit is exported in parts.',
  })
  afterSettlementLineId?: string | null;
}

@ObjectType({ description: 'A file to save: its bytes in base64.' })
export class SettlementExportFile implements ExportFile {
  @Field(() => String, { description: 'A name to save it under.' }) filename!: string;
  @Field(() => String, { description: 'Its MIME type.' }) contentType!: string;
  @Field(() => String, { description: 'The file, base64.' }) base64!: string;
  @Field(() => Int, { description: 'Data rows written (lines, invoices, statements or reconciliation rows).' })
  rowCount!: number;
}

const id = (v: string | null | undefined): number | null => (v == null || v === '' ? null : Number(v));

/** The DataLoader of `SettlementStatement.invoices`: every statement's invoices in one statement. */
function invoicesByStatement(ctx: SubgraphContext) {
  return ctx.loaders.memo(invoicesByStatement, () =>
    ctx.loaders.many('SettlementInvoicesByStatement', async (keys) => {
      const found = await new InvoiceService(ctx.em, ctx.principal).invoicesOf(keys.map(Number));
      return new Map([...found].map(([k, v]) => [String(k), v]));
    }),
  );
}

@Resolver()
export class InvoiceResolver {
  @Mutation(() => RecordStatementInvoicePayload, {
    description: `The statement's supplier records a VAT invoice (发票) for an issued statement (ISSUED, DISPUTED, CONFIRMED or CLOSED); the platform's check runs at once: TAX_MISMATCH when |tax − round(amount × rate)| > ${TAX_TOLERANCE_FEN} fen, TOTAL_MISMATCH when the invoices do not add up to the statement's total. Several invoices may cover one statement; an invoice (code + number) is recorded once per supplier (CONFLICT).`,
  })
  async recordStatementInvoice(
    @Arg('statementId', () => ID) statementId: string,
    @Arg('input', () => RecordStatementInvoiceInput) input: RecordStatementInvoiceInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecordStatementInvoicePayload> {
    const r = await new InvoiceService(ctx.em, ctx.principal).record(Number(statementId), input);
    return { invoice: r.invoice, statementInvoices: r.check };
  }

  @Mutation(() => StatementInvoices, {
    description:
      'The supplier voids one of its invoices, with a reason: it no longer counts (CONFLICT if voided already).',
  })
  voidStatementInvoice(
    @Arg('input', () => VoidStatementInvoiceInput) input: VoidStatementInvoiceInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StatementInvoicesView> {
    return new InvoiceService(ctx.em, ctx.principal).void(Number(input.settlementInvoiceId), input.reason);
  }

  @Mutation(() => StatementInvoices, {
    description: "The platform re-runs the check of a statement's invoices against its current figures.",
  })
  checkStatementInvoices(
    @Arg('statementId', () => ID) statementId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StatementInvoicesView> {
    return new InvoiceService(ctx.em, ctx.principal).check(Number(statementId));
  }

  @Query(() => StatementInvoices, {
    description: "A statement's invoices and their check (whoever reads the statement).",
  })
  statementInvoices(
    @Arg('statementId', () => ID) statementId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StatementInvoicesView> {
    return new InvoiceService(ctx.em, ctx.principal).statementInvoices(Number(statementId));
  }

  @Query(() => StatementInvoicesConnection, {
    description:
      "What the bank's finance may reimburse: its CONFIRMED or CLOSED statements whose invoices (voided aside) add up to the total with none flagged, newest first, with the invoices (bank staff with PAY_SUPPLIERS or SEE_REPORTS, their own bank; the platform, any or one bank).",
  })
  reimbursableStatements(
    @Arg('bankId', () => ID, { nullable: true }) bankId: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<StatementInvoicesView>> {
    return new InvoiceService(ctx.em, ctx.principal).invoicedStatements(
      InvoicedStatementFilter.REIMBURSABLE,
      { bankId: id(bankId) },
      page.first,
      page.after,
    );
  }

  @Query(() => StatementInvoicesConnection, {
    description:
      'Statements whose invoices are flagged (a tax mismatch, or not adding up to the current total), newest first: the platform any, a bank or a supplier its own.',
  })
  flaggedInvoiceStatements(
    @Arg('bankId', () => ID, { nullable: true }) bankId: string | null,
    @Arg('supplierId', () => ID, { nullable: true }) supplierId: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<StatementInvoicesView>> {
    return new InvoiceService(ctx.em, ctx.principal).invoicedStatements(
      InvoicedStatementFilter.FLAGGED,
      { bankId: id(bankId), supplierId: id(supplierId) },
      page.first,
      page.after,
    );
  }

  @Query(() => SettlementExportFile, {
    description: `Statements, their lines or their invoices as CSV (UTF-8 with BOM) or XLSX (amounts in yuan formatted 0.00, and fen), or one statement as a PDF to file; whoever reads the statements. At most ${MAX_EXPORT_ROWS} rows and 5 MiB: narrow to one statement or one month beyond.`,
  })
  exportSettlement(
    @Arg('input', () => SettlementExportInput) input: SettlementExportInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ExportFile> {
    return new SettlementExportService(ctx.em, ctx.principal).export({
      kind: input.kind,
      format: input.format,
      statementId: id(input.settlementStatementId),
      period: input.period ?? null,
      bankId: id(input.bankId),
      supplierId: id(input.supplierId),
      afterLineId: id(input.afterSettlementLineId),
    });
  }
}

@Resolver(() => SettlementInvoice)
export class SettlementInvoiceResolver {
  @FieldResolver(() => ID)
  statementId(@Root() i: SettlementInvoice): string {
    return String(i.statementId);
  }

  @FieldResolver(() => InvoiceStatus, { description: 'VOIDED, or FLAGGED / VALID by its figures.' })
  status(@Root() i: SettlementInvoice): InvoiceStatus {
    return invoiceStatus(i);
  }

  @FieldResolver(() => [InvoiceFlag], { description: "This invoice's own flags (TAX_MISMATCH)." })
  flags(@Root() i: SettlementInvoice): InvoiceFlag[] {
    return i.status === InvoiceStatus.VOIDED ? [] : invoiceFlags(i);
  }

  @FieldResolver(() => GraphQLSafeInt, {
    description: 'round(amountFen × taxRateBp / 10000): the tax the check expects.',
  })
  expectedTaxFen(@Root() i: SettlementInvoice): number {
    return expectedTaxFen(Number(i.amountFen), i.taxRateBp);
  }

  @FieldResolver(() => GraphQLSafeInt, { description: 'Amount + tax (价税合计), in fen.' })
  totalFen(@Root() i: SettlementInvoice): number {
    return Number(i.amountFen) + Number(i.taxFen);
  }
}

@Resolver(() => SettlementStatement)
export class StatementInvoicesFieldResolver {
  @FieldResolver(() => StatementInvoices, {
    description: "The statement's invoices (发票) and their check against its current figures.",
  })
  async invoices(@Root() s: SettlementStatement, @Ctx() ctx: SubgraphContext): Promise<StatementInvoicesView> {
    return checkInvoices(s, await invoicesByStatement(ctx).load(s.id));
  }
}
