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
import { groupedBy, pageKey, pagesPerParent } from '../../../core/loaders';
import { ConnectionType, PageArgs, validPage, type Connection } from '../../../core/pagination';
import { Text } from '../../../core/input-rules';
import type { SubgraphContext } from '../../../core/subgraph';
import { Order } from '../entities/order';
import { SettlementLine, SettlementPayment, SettlementStatement, StatementStatus } from '../entities/settlement';
import { SettlementDispute } from '../entities/statement-dispute';
import { ordersLoaders } from '../loaders';
import { assertCanSeeOrder } from '../services/access';
import { bankTerms } from '../services/bank-terms-client';
import { figuresOf, lineSumsOf, type StatementFigures } from '../services/statement-figures';
import { refundIdOf, StatementService, type AgeingRow } from '../services/statements.service';

export const SettlementStatementConnection = ConnectionType(
  SettlementStatement,
  'SettlementStatement',
  'A page of settlement statements, newest month first.',
);

@ObjectType({ description: "A statement's figures, in fen, each the sum of its lines of some kinds." })
export class StatementFiguresView implements StatementFigures {
  @Field(() => GraphQLSafeInt, { description: 'DELIVERY lines: units delivered at the supplier price.' })
  deliveredFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'REFUND lines (≤ 0): units refunded after delivery.' })
  refundedFen!: number;
  @Field(() => GraphQLSafeInt, { description: "DISCOUNT + DISCOUNT_RETURN lines: the supplier's share of discounts." })
  supplierDiscountsFen!: number;
  @Field(() => GraphQLSafeInt, { description: "CO_FUNDING + CO_FUNDING_RETURN lines: the supplier's campaign share." })
  coFundingFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'ADJUSTMENT lines: corrections the platform added.' })
  adjustmentsFen!: number;
  @Field(() => GraphQLSafeInt, {
    description: 'What the bank owes the supplier: every line but the commission kinds (= totalFen).',
  })
  totalOwedFen!: number;
  @Field(() => GraphQLSafeInt, { description: "The platform's commission (≤ 0; = commissionFen)." })
  commissionFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'What the supplier receives: totalOwedFen + commissionFen.' })
  supplierReceivesFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'Paid so far (the sum of the payments).' })
  paidFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'Still owed: totalOwedFen − paidFen.' })
  outstandingFen!: number;
  @Field(() => Int, { description: 'How many lines the statement has.' })
  lineCount!: number;
}

@ObjectType({ description: 'What the platform issued in one call.' })
export class IssueStatementsPayload {
  @Field(() => [SettlementStatement], { description: 'The statements issued by this call.' })
  issued!: SettlementStatement[];
  @Field(() => Int, {
    description: "DRAFT statements of the month left as they are: the month has not ended in their bank's time zone.",
  })
  notYetEnded!: number;
  @Field(() => Int, {
    description: 'DRAFT statements of the month still to issue beyond this batch (call again for them).',
  })
  remaining!: number;
}

@ObjectType({ description: 'What one bank owes one supplier and has not paid, by days past the due date.' })
export class StatementAgeingRow {
  @Field(() => ID) bankId!: string;
  @Field(() => ID) supplierId!: string;
  @Field(() => Int, { description: 'Statements with something outstanding.' }) statements!: number;
  @Field(() => GraphQLSafeInt, { description: 'Not yet due (due today or later).' }) notDueFen!: number;
  @Field(() => GraphQLSafeInt, { description: '1–30 days past due.' }) days1To30Fen!: number;
  @Field(() => GraphQLSafeInt, { description: '31–60 days past due.' }) days31To60Fen!: number;
  @Field(() => GraphQLSafeInt, { description: '61–90 days past due.' }) days61To90Fen!: number;
  @Field(() => GraphQLSafeInt, { description: 'Over 90 days past due.' }) over90Fen!: number;
  @Field(() => GraphQLSafeInt, { description: 'All outstanding (the sum of the buckets).' }) outstandingFen!: number;
}

@ObjectType({ description: 'Ageing of what is owed on issued, disputed and confirmed statements.' })
export class StatementAgeing {
  @Field(() => String, { description: 'The day the ages are counted to, YYYY-MM-DD.' })
  asOf!: string;
  @Field(() => [StatementAgeingRow], {
    description:
      'One row per bank × supplier with something outstanding (a bank sees its suppliers, a supplier its banks; at most 1,000).',
  })
  rows!: StatementAgeingRow[];
}

@InputType({ description: 'One disputed line and why.' })
export class DisputedLineInput {
  @Field(() => ID, { description: 'A line of the statement.' })
  settlementLineId!: string;
  @Field(() => String, { description: 'Why the supplier disputes it (1–500 characters).' })
  @Text({ max: 500, multiline: true })
  reason!: string;
}

@InputType({ description: 'A correction the platform adds to a statement as a new ADJUSTMENT line.' })
export class AdjustStatementInput {
  @Field(() => GraphQLSafeInt, { description: 'Signed amount in fen (not 0): positive raises what the bank owes.' })
  amountFen!: number;
  @Field(() => String, { description: 'Why (1–500 characters); both sides see it.' })
  @Text({ max: 500, multiline: true })
  note!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The line it corrects; a disputed line: its open dispute is answered by this adjustment.',
  })
  adjustsSettlementLineId?: string | null;
}

@InputType({ description: 'The platform keeps a disputed line as it is, saying why.' })
export class RejectStatementDisputeInput {
  @Field(() => ID)
  settlementDisputeId!: string;
  @Field(() => String, { description: 'Why the line stands (1–500 characters); the supplier sees it.' })
  @Text({ max: 500, multiline: true })
  reason!: string;
}

@InputType({ description: 'A payment the bank made against a statement.' })
export class StatementPaymentInput {
  @Field(() => String, {
    description: "The bank transfer's reference (1–64 characters), unique per statement: a retry with it adds nothing.",
  })
  @Text({ max: 64 })
  reference!: string;
  @Field(() => String, { description: 'The day it was paid, YYYY-MM-DD.' })
  @Text({ max: 10 })
  paidOn!: string;
  @Field(() => GraphQLSafeInt, { description: 'Amount in fen: more than 0, at most what is outstanding.' })
  amountFen!: number;
}

const service = (ctx: SubgraphContext) => new StatementService(ctx.em, ctx.principal, bankTerms());

function statementLoaders(ctx: SubgraphContext) {
  return ctx.loaders.memo(statementLoaders, () => ({
    sums: ctx.loaders.one('StatementLineSums', async (keys) => {
      const sums = await lineSumsOf(ctx.em, keys.map(Number));
      return new Map([...sums.entries()].map(([id, s]) => [String(id), s]));
    }),
    payments: ctx.loaders.many(
      'StatementPayments',
      groupedBy(ctx.em, SettlementPayment, 'statementId', { plain: true, orderBy: { id: 'ASC' } }),
    ),
    lines: ctx.loaders.one(
      'StatementLinePages',
      pagesPerParent(ctx.em, SettlementLine, {
        parentField: 'statementId',
        order: [{ field: 'id', direction: 'DESC' }],
        cursorOf: (l) => [l.id],
      }),
    ),
    disputes: ctx.loaders.many(
      'StatementDisputes',
      groupedBy(ctx.em, SettlementDispute, 'statementId', { plain: true, orderBy: { id: 'ASC' } }),
    ),
  }));
}

/**
 * A page of a statement's lines, newest first, for a whole page of statements in one statement
 * (`SettlementStatement.lines`).
 */
export async function statementLinesPage(
  ctx: SubgraphContext,
  statementId: number,
  page: PageArgs,
): Promise<Connection<SettlementLine>> {
  validPage(page, 1);
  return (await statementLoaders(ctx).lines.load(pageKey(statementId, page)))!;
}

@Resolver()
export class StatementsResolver {
  @Query(() => SettlementStatement, {
    description:
      "A settlement statement: the bank's, the supplier's, or any for the platform (another tenant's is NOT_FOUND).",
  })
  settlementStatement(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext) {
    return service(ctx).statement(Number(id));
  }

  @Query(() => SettlementStatementConnection, {
    description:
      "Settlement statements, newest month first: a bank's (SEE_REPORTS or PAY_SUPPLIERS), a supplier's (SEE_SETTLEMENT), every one for the platform (SEE_REPORTS or MANAGE_SETTLEMENT).",
  })
  settlementStatements(
    @Arg('bankId', () => ID, { nullable: true }) bankId: string | null,
    @Arg('supplierId', () => ID, { nullable: true }) supplierId: string | null,
    @Arg('period', () => String, { nullable: true, description: 'A month, YYYY-MM.' }) period: string | null,
    @Arg('status', () => StatementStatus, { nullable: true }) status: StatementStatus | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<SettlementStatement>> {
    return service(ctx).statements(
      {
        bankId: bankId ? Number(bankId) : null,
        supplierId: supplierId ? Number(supplierId) : null,
        period,
        status,
      },
      page.first,
      page.after,
    );
  }

  @Query(() => StatementAgeing, {
    description:
      'What is owed and unpaid by days past due: a bank per supplier, a supplier per bank, the platform every pair.',
  })
  settlementAgeing(
    @Arg('asOf', () => String, { nullable: true, description: 'YYYY-MM-DD; default today (China).' })
    asOf: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StatementAgeing> {
    return service(ctx)
      .ageing(asOf)
      .then((a) => ({ asOf: a.asOf, rows: a.rows.map(rowView) }));
  }

  @Mutation(() => SettlementStatement, {
    description:
      "Issue a DRAFT statement once its month has ended in the bank's time zone (platform MANAGE_SETTLEMENT): its lines are fixed (later ones go to the next month) and payment is due the bank's settlement term days after the month's last day.",
  })
  issueStatement(@Arg('statementId', () => ID) statementId: string, @Ctx() ctx: SubgraphContext) {
    return service(ctx).issue(Number(statementId));
  }

  @Mutation(() => IssueStatementsPayload, {
    description: `Issue every DRAFT statement of a month that has ended in its bank's time zone, up to 200 per call (platform MANAGE_SETTLEMENT).`,
  })
  issueStatements(
    @Arg('period', () => String, { description: 'A month, YYYY-MM.' }) period: string,
    @Ctx() ctx: SubgraphContext,
  ) {
    return service(ctx).issueAll(period);
  }

  @Mutation(() => SettlementStatement, {
    description:
      "Agree with an ISSUED statement (the statement's supplier, SEE_SETTLEMENT); already paid in full: CLOSED.",
  })
  confirmStatement(@Arg('statementId', () => ID) statementId: string, @Ctx() ctx: SubgraphContext) {
    return service(ctx).confirm(Number(statementId));
  }

  @Mutation(() => SettlementStatement, {
    description:
      "Dispute lines of an ISSUED statement, each with a reason (the statement's supplier, SEE_SETTLEMENT; 1–200 lines): it becomes DISPUTED until the platform answers every dispute.",
  })
  disputeStatementLines(
    @Arg('statementId', () => ID) statementId: string,
    @Arg('lines', () => [DisputedLineInput]) lines: DisputedLineInput[],
    @Ctx() ctx: SubgraphContext,
  ) {
    return service(ctx).dispute(
      Number(statementId),
      lines.map((l) => ({ lineId: Number(l.settlementLineId), reason: l.reason })),
    );
  }

  @Mutation(() => SettlementStatement, {
    description:
      'Add an ADJUSTMENT line to an ISSUED or DISPUTED statement (platform MANAGE_SETTLEMENT; lines are never edited). Naming a disputed line answers its dispute.',
  })
  adjustStatement(
    @Arg('statementId', () => ID) statementId: string,
    @Arg('input', () => AdjustStatementInput) input: AdjustStatementInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return service(ctx).adjust(Number(statementId), {
      amountFen: input.amountFen,
      note: input.note,
      adjustsLineId: input.adjustsSettlementLineId ? Number(input.adjustsSettlementLineId) : null,
    });
  }

  @Mutation(() => SettlementStatement, {
    description:
      'Answer a dispute by keeping the line as it is, saying why (platform MANAGE_SETTLEMENT). The other answer is adjustStatement naming the line.',
  })
  rejectStatementDispute(
    @Arg('input', () => RejectStatementDisputeInput) input: RejectStatementDisputeInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return service(ctx).rejectDispute(Number(input.settlementDisputeId), input.reason);
  }

  @Mutation(() => SettlementStatement, {
    description:
      'Issue a DISPUTED statement again once every dispute is answered (platform MANAGE_SETTLEMENT); the supplier then confirms or disputes again.',
  })
  reissueStatement(@Arg('statementId', () => ID) statementId: string, @Ctx() ctx: SubgraphContext) {
    return service(ctx).reissue(Number(statementId));
  }

  @Mutation(() => SettlementStatement, {
    description:
      'Record a payment against an issued statement (its bank, PAY_SUPPLIERS; or the platform, MANAGE_SETTLEMENT): at most what is outstanding; the same reference again is the same payment. A CONFIRMED statement paid in full is CLOSED.',
  })
  recordStatementPayment(
    @Arg('statementId', () => ID) statementId: string,
    @Arg('input', () => StatementPaymentInput) input: StatementPaymentInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return service(ctx).recordPayment(Number(statementId), {
      reference: input.reference,
      paidOn: input.paidOn,
      amountFen: input.amountFen,
    });
  }
}

function rowView(r: AgeingRow): StatementAgeingRow {
  return { ...r, bankId: String(r.bankId), supplierId: String(r.supplierId) };
}

@Resolver(() => SettlementStatement)
export class StatementFiguresResolver {
  @FieldResolver(() => StatementFiguresView, {
    description: 'Its figures, each the sum of its lines of some kinds (one query for a whole page of statements).',
  })
  async figures(@Root() s: SettlementStatement, @Ctx() ctx: SubgraphContext): Promise<StatementFigures> {
    return figuresOf(s, (await statementLoaders(ctx).sums.load(s.id)) ?? undefined);
  }

  @FieldResolver(() => [SettlementPayment], { description: 'Payments recorded against it, oldest first.' })
  payments(@Root() s: SettlementStatement, @Ctx() ctx: SubgraphContext): Promise<SettlementPayment[]> {
    return statementLoaders(ctx).payments.load(s.id);
  }

  @FieldResolver(() => [SettlementDispute], { description: 'Disputes raised on its lines, oldest first.' })
  disputes(@Root() s: SettlementStatement, @Ctx() ctx: SubgraphContext): Promise<SettlementDispute[]> {
    return statementLoaders(ctx).disputes.load(s.id);
  }
}

@Resolver(() => SettlementLine)
export class SettlementLineTraceResolver {
  @FieldResolver(() => ID, { nullable: true, description: 'The refund a REFUND (or *_RETURN) line comes from.' })
  refundId(@Root() l: SettlementLine): string | null {
    const id = refundIdOf(l);
    return id === null ? null : String(id);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'For an ADJUSTMENT: the line it corrects.' })
  adjustsLineId(@Root() l: SettlementLine): string | null {
    return l.adjustsLineId == null ? null : String(l.adjustsLineId);
  }

  @FieldResolver(() => Order, {
    nullable: true,
    description: 'The order the line comes from (null for an adjustment that corrects no line).',
  })
  async order(@Root() l: SettlementLine, @Ctx() ctx: SubgraphContext): Promise<Order | null> {
    if (!l.orderId) return null;
    const loaders = ordersLoaders(ctx);
    const order = await loaders.order.load(l.orderId);
    if (!order) return null;
    try {
      return assertCanSeeOrder(ctx.principal, order, await loaders.supplierOrdersByOrder.load(order.id), order.id);
    } catch {
      return null;
    }
  }
}

@Resolver(() => SettlementDispute)
export class SettlementDisputeResolver {
  @FieldResolver(() => ID)
  statementId(@Root() d: SettlementDispute): string {
    return String(d.statementId);
  }

  @FieldResolver(() => ID, { description: 'The disputed line.' })
  lineId(@Root() d: SettlementDispute): string {
    return String(d.lineId);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The ADJUSTMENT line that answered it, if any.' })
  resolutionLineId(@Root() d: SettlementDispute): string | null {
    return d.resolutionLineId == null ? null : String(d.resolutionLineId);
  }
}
