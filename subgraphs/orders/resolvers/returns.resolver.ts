import {
  Arg,
  Args,
  Ctx,
  Directive,
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
import { byId, groupedBy } from '../../../core/loaders';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import { Text } from '../../../core/input-rules';
import { CommitsStepByStep } from '../../../core/request-transaction';
import type { SubgraphContext } from '../../../core/subgraph';
import { canSee } from '../../../core/tenancy';
import { Order } from '../entities/order';
import { Refund } from '../entities/refund';
import { ReturnKind, ReturnLine, ReturnRequest, ReturnStatus } from '../entities/return-request';
import { MAX_PHOTOS, ReturnsService } from '../services/returns.service';
import { exchangeStock, returnParcels } from '../services/returns-client';
import { sagaPorts } from '../services/saga-ports';
import { visibleParts } from '../services/access';
import { RefundLineInput } from './types';

@ObjectType()
export class ReturnRequestConnection extends ConnectionType(
  ReturnRequest,
  'ReturnRequest',
  'Return requests, newest first.',
) {}

@InputType({ description: 'Return delivered units of one supplier order (customers).' })
export class RequestReturnInput {
  @Field(() => ID, { description: 'The supplier order the goods came in.' })
  supplierOrderId!: string;
  @Field(() => [RefundLineInput], { description: 'Which units (at most 50 lines).' })
  @Text({ max: 100, maxItems: 50 })
  lines!: RefundLineInput[];
  @Field(() => ReturnKind, { defaultValue: ReturnKind.REFUND, description: 'A refund (default) or an exchange.' })
  kind!: ReturnKind;
  @Field(() => String, {
    nullable: true,
    description: 'Why (optional within the no-reason period; at most 500 characters).',
  })
  @Text({ max: 500, multiline: true })
  reason?: string | null;
}

@InputType({ description: 'Authorise or refuse a return (supplier: HANDLE_AFTERSALES; bank: SERVE_CUSTOMERS).' })
export class DecideReturnInput {
  @Field(() => ID) returnRequestId!: string;
  @Field(() => Boolean, { description: 'true: the customer may send the goods; false: refused.' })
  authorise!: boolean;
  @Field(() => String, { nullable: true, description: 'Why it is refused (4–500 characters; required to refuse).' })
  @Text({ max: 500 })
  reason?: string | null;
}

@InputType({ description: "The return parcel's carrier and tracking number (customers)." })
export class SubmitReturnParcelInput {
  @Field(() => ID) returnRequestId!: string;
  @Field(() => String, { description: 'Carrier code, e.g. "SF" (see the carriers query).' })
  @Text({ max: 32 })
  carrierCode!: string;
  @Field(() => String, { description: 'Tracking number (4–40 letters, digits or dashes).' })
  @Text({ max: 64 })
  trackingNumber!: string;
}

@InputType({
  description:
    "Withdraw a return before the supplier received the goods (the customer, or its bank's SERVE_CUSTOMERS).",
})
export class WithdrawReturnInput {
  @Field(() => ID) returnRequestId!: string;
}

@InputType({ description: 'The result of inspecting returned goods (suppliers: HANDLE_AFTERSALES).' })
export class InspectReturnInput {
  @Field(() => ID) returnRequestId!: string;
  @Field(() => Boolean, {
    description: 'true: accepted (a refund is executed, or an exchange waits for its replacement); false: rejected.',
  })
  accept!: boolean;
  @Field(() => String, { nullable: true, description: 'Why they are rejected (4–500 characters; required to reject).' })
  @Text({ max: 500, multiline: true })
  reason?: string | null;
  @Field(() => [String], {
    defaultValue: [],
    description: `Photos of the goods as received: https URLs, at most ${MAX_PHOTOS} (1 to ${MAX_PHOTOS} required to reject).`,
  })
  @Text({ max: 500, maxItems: MAX_PHOTOS })
  photoUrls!: string[];
  @Field(() => Boolean, { defaultValue: true, description: 'Put the returned units back into stock (refunds).' })
  restock!: boolean;
  @Field(() => Boolean, {
    defaultValue: false,
    description:
      'Exchanges: the returned units can be sold again, so they go back into stock (default false: they stay out of stock).',
  })
  resellable!: boolean;
}

@InputType({ description: "An exchange's replacement parcel (suppliers: SHIP_ORDERS)." })
export class ShipReplacementInput {
  @Field(() => ID) returnRequestId!: string;
  @Field(() => String, { description: 'Carrier code, e.g. "SF".' })
  @Text({ max: 32 })
  carrierCode!: string;
  @Field(() => String, { description: 'Tracking number (4–40 letters, digits or dashes).' })
  @Text({ max: 64 })
  trackingNumber!: string;
}

@InputType({ description: 'An accepted exchange the supplier cannot replace: refund the returned units instead.' })
export class RefundExchangeInsteadInput {
  @Field(() => ID) returnRequestId!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Why (at most 500 characters); shown to the customer on the refund.',
  })
  @Text({ max: 500 })
  reason?: string | null;
}

@InputType({ description: 'Which returns to list; every field narrows the list.' })
export class ReturnFilterInput {
  @Field(() => ReturnStatus, { nullable: true, description: 'Only returns in this status (e.g. REQUESTED, RECEIVED).' })
  status?: ReturnStatus | null;
  @Field(() => ID, { nullable: true, description: 'Only returns of this supplier order.' })
  supplierOrderId?: string | null;
}

const service = (ctx: SubgraphContext) =>
  new ReturnsService(ctx.em, ctx.principal, sagaPorts(), returnParcels(), exchangeStock(), ctx.log);

@Resolver(() => ReturnRequest)
export class ReturnsResolver {
  @Query(() => ReturnRequest, { description: 'One return (its customer, bank staff of its bank, its supplier).' })
  returnRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<ReturnRequest> {
    return service(ctx).get(Number(id));
  }

  @Query(() => ReturnRequestConnection, {
    description:
      'Returns, newest first: a customer its own, bank staff their bank’s, a supplier its own (e.g. status REQUESTED to decide, RECEIVED to inspect).',
  })
  returnRequests(
    @Arg('filter', () => ReturnFilterInput, { nullable: true }) filter: ReturnFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<ReturnRequest>> {
    return service(ctx).list(
      {
        status: filter?.status ?? null,
        supplierOrderId: filter?.supplierOrderId != null ? Number(filter.supplierOrderId) : null,
      },
      page.first,
      page.after,
    );
  }

  @Mutation(() => ReturnRequest, {
    description: 'Ask to return delivered units, within their return period, for a refund or an exchange (customers).',
  })
  @CommitsStepByStep('One transaction of its own (locks the supplier order to count the units already being returned).')
  requestReturn(
    @Arg('input', () => RequestReturnInput) input: RequestReturnInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReturnRequest> {
    return service(ctx).request(
      Number(input.supplierOrderId),
      input.lines.map((l) => ({ orderLineId: Number(l.orderLineId), quantity: l.quantity })),
      input.kind,
      input.reason,
    );
  }

  @Mutation(() => ReturnRequest, {
    description:
      'Authorise or refuse a return: its supplier (HANDLE_AFTERSALES) or the bank of its customer (SERVE_CUSTOMERS). A refusal needs a reason.',
  })
  @CommitsStepByStep('One conditional UPDATE of the return (atomic on its own).')
  decideReturn(@Arg('input', () => DecideReturnInput) input: DecideReturnInput, @Ctx() ctx: SubgraphContext) {
    return service(ctx).decide(Number(input.returnRequestId), input.authorise, input.reason);
  }

  @Mutation(() => ReturnRequest, {
    description: "Give the return parcel's carrier and tracking number once the return is authorised (customers).",
  })
  @CommitsStepByStep(
    'Registers the parcel with logistics over HTTP (idempotent on the return), then moves the return with one conditional UPDATE; a retry repeats both.',
  )
  submitReturnParcel(
    @Arg('input', () => SubmitReturnParcelInput) input: SubmitReturnParcelInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return service(ctx).submitParcel(Number(input.returnRequestId), input.carrierCode, input.trackingNumber);
  }

  @Mutation(() => ReturnRequest, {
    description:
      "Withdraw a return before the supplier received the goods: the customer, or its bank's customer service for them (SERVE_CUSTOMERS; shown as CUSTOMER_SERVICE). CONFLICT once received.",
  })
  @CommitsStepByStep('One conditional UPDATE of the return (atomic on its own).')
  withdrawReturn(@Arg('input', () => WithdrawReturnInput) input: WithdrawReturnInput, @Ctx() ctx: SubgraphContext) {
    return service(ctx).withdraw(Number(input.returnRequestId));
  }

  @Mutation(() => ReturnRequest, {
    description:
      'Inspect returned goods (its supplier, HANDLE_AFTERSALES): accept (the units are refunded, or an exchange waits for its replacement) or reject with photos and a reason.',
  })
  @CommitsStepByStep(
    'Refund saga: books the refund request with the move, then executes it like decideRefund (points and stock back over HTTP, idempotent on the refund id; the sweep finishes what a failure left).',
  )
  inspectReturn(@Arg('input', () => InspectReturnInput) input: InspectReturnInput, @Ctx() ctx: SubgraphContext) {
    return service(ctx).inspect(
      Number(input.returnRequestId),
      input.accept,
      input.reason,
      input.photoUrls,
      input.restock,
      input.resellable,
    );
  }

  @Mutation(() => ReturnRequest, {
    description:
      "Ship an accepted exchange's replacement with its carrier and tracking number (its supplier, SHIP_ORDERS).",
  })
  @CommitsStepByStep(
    'Registers the replacement with logistics over HTTP (idempotent on the return), then moves the return with one conditional UPDATE.',
  )
  shipReplacement(@Arg('input', () => ShipReplacementInput) input: ShipReplacementInput, @Ctx() ctx: SubgraphContext) {
    return service(ctx).shipReplacement(Number(input.returnRequestId), input.carrierCode, input.trackingNumber);
  }

  @Mutation(() => ReturnRequest, {
    description:
      'Refund an accepted exchange instead of replacing it (out of stock, discontinued): exactly its returned units, as an accepted refund return would be (its supplier, HANDLE_AFTERSALES).',
  })
  @CommitsStepByStep(
    'Books the refund and moves the return in one transaction, then executes the refund (points over HTTP, idempotent on the refund).',
  )
  refundExchangeInstead(
    @Arg('input', () => RefundExchangeInsteadInput) input: RefundExchangeInsteadInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return service(ctx).refundExchangeInstead(Number(input.returnRequestId), input.reason);
  }

  @Mutation(() => ReturnRequest, {
    description: 'Internal (logistics): a return parcel reached the supplier, or a replacement reached the customer.',
  })
  @Directive('@inaccessible')
  @CommitsStepByStep('One conditional UPDATE of the return; idempotent (retried by logistics’ outbox).')
  recordReturnParcelDelivered(
    @Arg('returnRequestId', () => ID) returnRequestId: string,
    @Arg('replacement', () => Boolean) replacement: boolean,
    @Arg('at', () => Date) at: Date,
    @Ctx() ctx: SubgraphContext,
  ) {
    return service(ctx).recordParcelDelivered(Number(returnRequestId), replacement, at);
  }

  @FieldResolver(() => [ReturnLine], { description: 'The units being returned.' })
  lines(@Root() r: ReturnRequest): ReturnLine[] {
    return r.lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity }));
  }

  @FieldResolver(() => Refund, { nullable: true, description: 'The refund executed when the goods were accepted.' })
  async refund(@Root() r: ReturnRequest, @Ctx() ctx: SubgraphContext): Promise<Refund | null> {
    if (r.refundId == null) return null;
    const refund = await ctx.loaders.one('RefundById', byId(ctx.em, Refund, {}, { plain: true })).load(r.refundId);
    // The return was visible (same order): as on Order.refunds, a supplier sees only its own.
    return refund && visibleParts(ctx.principal, [refund as Refund]).length ? (refund as Refund) : null;
  }

  @FieldResolver(() => Int, { description: 'Units being returned, all lines together.' })
  units(@Root() r: ReturnRequest): number {
    return r.lines.reduce((n, l) => n + l.quantity, 0);
  }
}

@Resolver(() => Order)
export class OrderReturnsResolver {
  @FieldResolver(() => [ReturnRequest], {
    description: 'Returns of this order, oldest first (a supplier sees those of its own supplier orders).',
  })
  async returns(@Root() order: Order, @Ctx() ctx: SubgraphContext): Promise<ReturnRequest[]> {
    const rows = await ctx.loaders
      .many('ReturnRequestsByOrder', groupedBy(ctx.em, ReturnRequest, 'orderId', { orderBy: { id: 'ASC' } }))
      .load(order.id);
    return visibleParts(ctx.principal, rows);
  }
}

/** `_entities` for ReturnRequest (logistics adds its parcels): the same visibility as `returnRequest`. */
export async function resolveReturnRef(id: string, ctx: SubgraphContext): Promise<ReturnRequest | null> {
  const r = await ctx.loaders.one('ReturnRequest', byId(ctx.em, ReturnRequest)).load(id);
  return r && canSee(ctx.principal, r) ? (r as ReturnRequest) : null;
}
