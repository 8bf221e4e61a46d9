import { Arg, Args, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PLATFORM_ROLES, requireRole, requireRoleAndPermission } from '../../../core/identity';
import { ORDER_OPERATIONS } from '../services/access';
import { PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { CommitsStepByStep } from '../../../core/request-transaction';
import { badInput } from '../../../core/errors';
import { ActedBy, Refund, RefundCause } from '../entities/refund';
import { SettlementLine, SettlementStatement } from '../entities/settlement';
import { SupplierOrder, SupplierOrderStatus } from '../entities/supplier-order';
import { AfterSalesService } from '../services/aftersales.service';
import { FulfilmentProgress } from '../services/fulfilment.service';
import { OrderQueryService, ReportGranularity } from '../services/order-query.service';
import { RecoverySweep } from '../services/recovery.service';
import { sagaPorts } from '../services/saga-ports';
import { statementLinesPage } from './statements.resolver';
import {
  CancelSupplierOrderLinesInput,
  DecideRefundInput,
  RecordUnitsWithdrawnInput,
  WithdrawUnshippedUnitsInput,
  ListingRef,
  RecoveryReportView,
  RequestRefundInput,
  SalesBucketView,
  SettlementLineConnection,
  SupplierSales,
  TopListing,
} from './types';

@Resolver()
export class AfterSalesResolver {
  @Mutation(() => Refund, {
    description:
      "Ask the supplier for a refund of some units (the customer, or its bank's customer service for it with SERVE_CUSTOMERS).",
  })
  @CommitsStepByStep(
    'Refund saga: books the refund, then gives points and stock back over HTTP (idempotent on the refund id; the recovery sweep settles what a failure left).',
  )
  requestRefund(
    @Arg('input', () => RequestRefundInput) input: RequestRefundInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Refund> {
    return new AfterSalesService(ctx.em, ctx.principal, sagaPorts(), ctx.log).requestRefund(
      Number(input.supplierOrderId),
      input.lines.map((l) => ({ orderLineId: Number(l.orderLineId), quantity: l.quantity })),
      input.reason,
    );
  }

  @Mutation(() => Refund, {
    description:
      "Approve or reject a refund: a supplier's of its supplier orders (HANDLE_AFTERSALES), a bank's of its customers' orders (SERVE_CUSTOMERS). A rejection needs a reason.",
  })
  @CommitsStepByStep(
    'Refund saga: books the refund, then gives points and stock back over HTTP (idempotent on the refund id; the recovery sweep settles what a failure left).',
  )
  decideRefund(
    @Arg('input', () => DecideRefundInput) input: DecideRefundInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Refund> {
    return new AfterSalesService(ctx.em, ctx.principal, sagaPorts(), ctx.log).decideRefund(
      Number(input.refundId),
      input.approve,
      input.restock,
      input.reason,
    );
  }

  @Mutation(() => Refund, {
    description:
      "Withdraw units of a supplier order that have not shipped, e.g. the rest of a partly shipped one (the customer, or its bank's customer service with SERVE_CUSTOMERS). Logistics decides what is unshipped; those units are refunded at once and restocked; the shipped ones still deliver.",
  })
  @CommitsStepByStep(
    'Withdrawal saga: logistics withdraws the units (and reports it through its outbox), then the refund is booked and points and stock given back over HTTP (idempotent on the withdrawal).',
  )
  withdrawUnshippedUnits(
    @Arg('input', () => WithdrawUnshippedUnitsInput) input: WithdrawUnshippedUnitsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Refund> {
    return new AfterSalesService(ctx.em, ctx.principal, sagaPorts(), ctx.log).withdrawUnshippedUnits(
      Number(input.supplierOrderId),
      input.lines?.map((l) => ({ orderLineId: Number(l.orderLineId), quantity: l.quantity })) ?? null,
      input.reason,
    );
  }

  @Mutation(() => Refund, {
    description:
      'Cancel units of your supplier order you cannot fill, with a reason (supplier staff with HANDLE_AFTERSALES). Only units not yet shipped; the customer is refunded exactly them at once (cause SUPPLIER_CANCELLED); a supplier order with nothing left ends CANCELLED.',
  })
  @CommitsStepByStep(
    'Withdrawal saga: logistics withdraws the units (and reports it through its outbox), then the refund is booked and points and stock given back over HTTP (idempotent on the withdrawal).',
  )
  cancelSupplierOrderLines(
    @Arg('input', () => CancelSupplierOrderLinesInput) input: CancelSupplierOrderLinesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Refund> {
    return new AfterSalesService(ctx.em, ctx.principal, sagaPorts(), ctx.log).cancelSupplierOrderLines(
      Number(input.supplierOrderId),
      input.lines.map((l) => ({ orderLineId: Number(l.orderLineId), quantity: l.quantity })),
      input.reason,
      input.restock,
    );
  }

  @Mutation(() => Refund, {
    description:
      'Internal (logistics): units were withdrawn before shipping; refund exactly them (once per withdrawal).',
  })
  @Directive('@inaccessible')
  @CommitsStepByStep("Called by logistics' outbox; books the refund, then gives points and stock back over HTTP.")
  recordUnitsWithdrawn(
    @Arg('input', () => RecordUnitsWithdrawnInput) input: RecordUnitsWithdrawnInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Refund> {
    requireRole(ctx.principal, 'SERVICE');
    const cause = input.cause as RefundCause;
    const requestedBy = input.requestedBy as ActedBy;
    if (![RefundCause.SUPPLIER_CANCELLED, RefundCause.WITHDRAWN].includes(cause)) throw badInput('Unknown cause.');
    if (!Object.values(ActedBy).includes(requestedBy)) throw badInput('Unknown requestedBy.');
    return new AfterSalesService(ctx.em, ctx.principal, sagaPorts(), ctx.log).bookWithdrawal({
      orderId: Number(input.orderId),
      supplierOrderId: Number(input.supplierOrderId),
      withdrawalKey: input.withdrawalKey,
      lines: input.lines.map((l) => ({ orderLineId: Number(l.orderLineId), quantity: l.quantity })),
      cause,
      reason: input.reason,
      restock: input.restock,
      requestedBy,
      requester: input.requester ?? null,
    });
  }

  @Mutation(() => SupplierOrder, {
    description: 'Internal (logistics): a supplier order shipped, was delivered, or was cancelled before shipping.',
  })
  @Directive('@inaccessible')
  @CommitsStepByStep(
    "Called by logistics; a cancellation releases points and stock over HTTP like cancelOrder (idempotent; retried by logistics' outbox).",
  )
  recordSupplierOrderProgress(
    @Arg('supplierOrderId', () => ID) supplierOrderId: string,
    @Arg('status', () => SupplierOrderStatus) status: SupplierOrderStatus,
    @Arg('at', () => Date) at: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SupplierOrder> {
    requireRole(ctx.principal, 'SERVICE');
    if (status === SupplierOrderStatus.CANCELLED) {
      return new AfterSalesService(ctx.em, ctx.principal, sagaPorts(), ctx.log).cancelSupplierOrder(
        Number(supplierOrderId),
        'cancelled before shipment',
      );
    }
    return new FulfilmentProgress(ctx.em).record(Number(supplierOrderId), status, at);
  }

  @Mutation(() => RecoveryReportView, {
    description: 'Run the order recovery sweep now (platform operators; it also runs periodically).',
  })
  @CommitsStepByStep(
    "The sweep finishes or compensates orders one by one, each in its own commits, calling other subgraphs; one order's failure must not undo the others.",
  )
  runOrderRecovery(
    @Arg('staleAfterSeconds', () => Int, { nullable: true }) staleAfterSeconds: number | null,
    @Arg('ignoreBackoff', () => Boolean, {
      defaultValue: false,
      description: 'Retry failed work now instead of after its backoff.',
    })
    ignoreBackoff: boolean,
    @Ctx() ctx: SubgraphContext,
  ) {
    requireRoleAndPermission(ctx.principal, [...PLATFORM_ROLES, 'SERVICE'], ORDER_OPERATIONS);
    return new RecoverySweep(ctx.em, sagaPorts(), ctx.log).run(
      new Date(),
      staleAfterSeconds === null ? undefined : staleAfterSeconds * 1000,
      { ignoreBackoff },
    );
  }
}

@Resolver()
export class ReportsResolver {
  @Query(() => [SalesBucketView], {
    description: 'GMV in cash and points value, orders and points redeemed, by hour or day (bank staff).',
  })
  salesReport(
    @Arg('bankId', () => ID) bankId: string,
    @Arg('mallId', () => ID, { nullable: true }) mallId: string | null,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('granularity', () => ReportGranularity, {
      defaultValue: ReportGranularity.HOUR,
      description: "HOUR (UTC hours), DAY or MONTH (the bank's days or months, in its time zone).",
    })
    granularity: ReportGranularity,
    @Ctx() ctx: SubgraphContext,
  ) {
    return new OrderQueryService(ctx.em, ctx.principal).salesReport(
      Number(bankId),
      mallId ? Number(mallId) : null,
      from,
      to,
      granularity,
    );
  }

  @Query(() => [TopListing], { description: 'Best-selling listings by units (bank staff).' })
  async topListings(
    @Arg('bankId', () => ID) bankId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TopListing[]> {
    const rows = await new OrderQueryService(ctx.em, ctx.principal).topListings(Number(bankId), from, to, first);
    return rows.map((r) => ({
      listing: { id: String(r.listingId) } as ListingRef,
      quantity: r.quantity,
      pointsValueFen: r.pointsValueFen,
    }));
  }

  @Query(() => SupplierSales, {
    description: 'Sales at supplier price and orders awaiting shipment (supplier admins).',
  })
  supplierSales(
    @Arg('supplierId', () => ID) supplierId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: SubgraphContext,
  ) {
    return new OrderQueryService(ctx.em, ctx.principal).supplierSales(Number(supplierId), from, to);
  }
}

@Resolver(() => SettlementStatement)
export class SettlementStatementResolver {
  @FieldResolver(() => SettlementLineConnection)
  lines(
    @Root() s: SettlementStatement,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<SettlementLine>> {
    return statementLinesPage(ctx, s.id, page);
  }

  @FieldResolver(() => ID)
  bankId(@Root() s: SettlementStatement): string {
    return String(s.bankId);
  }

  @FieldResolver(() => ID)
  supplierId(@Root() s: SettlementStatement): string {
    return String(s.supplierId);
  }
}
