import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Text } from '../../../core/input-rules';
import type { SubgraphContext } from '../../../core/subgraph';
import { ReconciliationEntry, StatementReconciliation } from '../entities/reconciliation';
import { ReconciliationService } from '../services/reconciliation.service';

@InputType({
  description:
    "A supplier's bill as uploaded: CSV (UTF-8, with or without BOM, or GBK/GB18030 as Chinese Excel saves it) or XLSX (the first sheet), at most 3,000,000 bytes and 50,000 rows.",
})
export class SupplierBillFileInput {
  @Field(() => String, { description: 'The file name (".xlsx" is read as a workbook, anything else as CSV).' })
  @Text({ max: 255 })
  filename!: string;

  @Field(() => String, { description: "The file's bytes, base64 (a data: URL prefix is accepted)." })
  @Text({ max: 4_000_100 })
  base64!: string;
}

@Resolver()
export class ReconciliationResolver {
  @Mutation(() => StatementReconciliation, {
    description:
      "Reconcile a supplier's own bill against a statement: rows matched to the statement's orders by order number (订单号, or the supplier order number 子订单号), and every difference listed for both sides. The statement's supplier (SEE_SETTLEMENT) or the platform (MANAGE_SETTLEMENT). A bill with unreadable rows is BAD_USER_INPUT with each row's number and column in `problems` (the first 100), and nothing is stored.",
  })
  reconcileSupplierBill(
    @Arg('statementId', () => ID) statementId: string,
    @Arg('file', () => SupplierBillFileInput) file: SupplierBillFileInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StatementReconciliation> {
    return new ReconciliationService(ctx.em, ctx.principal).reconcile(Number(statementId), file.filename, file.base64);
  }

  @Query(() => [StatementReconciliation], {
    description:
      "A statement's reconciliation runs, newest first (at most 50): its supplier (SEE_SETTLEMENT), its bank (SEE_REPORTS or PAY_SUPPLIERS) and the platform (SEE_REPORTS or MANAGE_SETTLEMENT).",
  })
  statementReconciliations(
    @Arg('statementId', () => ID) statementId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StatementReconciliation[]> {
    return new ReconciliationService(ctx.em, ctx.principal).runs(Number(statementId));
  }

  @Query(() => StatementReconciliation, {
    description:
      "One reconciliation run with its lists (the same readers as statementReconciliations; another tenant's is NOT_FOUND).",
  })
  statementReconciliation(
    @Arg('statementReconciliationId', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StatementReconciliation> {
    return new ReconciliationService(ctx.em, ctx.principal).run(Number(id));
  }
}

@Resolver(() => StatementReconciliation)
export class StatementReconciliationResolver {
  @FieldResolver(() => [ReconciliationEntry], { description: 'Orders equal on both sides (units and amount).' })
  matched(@Root() r: StatementReconciliation): ReconciliationEntry[] {
    return r.result.matched;
  }

  @FieldResolver(() => [ReconciliationEntry], {
    description: 'Orders on both sides whose amount or units differ (amountDifferenceFen = theirs − ours).',
  })
  amountDifferences(@Root() r: StatementReconciliation): ReconciliationEntry[] {
    return r.result.amountDifferences;
  }

  @FieldResolver(() => [ReconciliationEntry], {
    description: "Orders in the statement that are not on the supplier's bill.",
  })
  missingOnSupplierBill(@Root() r: StatementReconciliation): ReconciliationEntry[] {
    return r.result.missingOnSupplierBill;
  }

  @FieldResolver(() => [ReconciliationEntry], {
    description:
      "Orders on the supplier's bill that are not in the statement: not delivered yet, in another month's statement, another bank's, or a wrong number.",
  })
  missingInPerkmall(@Root() r: StatementReconciliation): ReconciliationEntry[] {
    return r.result.missingInPerkmall;
  }
}
