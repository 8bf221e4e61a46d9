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
  registerEnumType,
} from 'type-graphql';
import { PageArgs, ConnectionType, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { Order } from '../entities/order';
import { Refund, RefundState } from '../entities/refund';
import { ordersLoaders } from '../loaders';
import { CashPayoutState, RefundBook } from '../services/refund-book.service';

registerEnumType(CashPayoutState, {
  name: 'CashPayoutState',
  description: 'OWED: approved with cash the bank has not paid back yet; PAID_OUT: the bank recorded paying it.',
});

@ObjectType()
export class RefundConnection extends ConnectionType(Refund, 'Refund', 'Refunds, newest first.') {}

@ObjectType({ description: 'Units of one order line in a refund.' })
export class RefundLine {
  @Field(() => ID, { description: 'The order line.' }) orderLineId!: string;
  @Field(() => Int, { description: 'Units refunded.' }) quantity!: number;
}

@InputType({ description: 'Which refunds to list; bank staff and suppliers are always limited to their own.' })
export class RefundFilterInput {
  @Field(() => ID, { nullable: true, description: 'Platform: one bank (bank staff: their own only).' }) bankId?:
    string | null;
  @Field(() => ID, { nullable: true, description: 'Platform: one supplier (suppliers: their own only).' }) supplierId?:
    string | null;
  @Field(() => RefundState, { nullable: true, description: 'E.g. REQUESTED: waiting for the supplier.' })
  state?: RefundState | null;
  @Field(() => CashPayoutState, { nullable: true, description: 'OWED: cash the bank still has to pay back.' })
  cashPayout?: CashPayoutState | null;
}

@InputType({ description: 'The bank paid the cash part of a refund back to the customer.' })
export class RecordRefundPayoutInput {
  @Field(() => ID, { description: 'The refund.' }) refundId!: string;
  @Field(() => String, { description: "Your bank's reference for the payment (1–64 letters, digits, - or _)." })
  payoutRef!: string;
}

@Resolver(() => Refund)
export class RefundResolver {
  @Query(() => RefundConnection, {
    description:
      'Refunds, newest first: suppliers see theirs (e.g. those waiting for a decision), bank staff their bank’s (e.g. cash owed).',
  })
  refunds(
    @Arg('filter', () => RefundFilterInput, { nullable: true }) filter: RefundFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Refund>> {
    const f = filter ?? {};
    return new RefundBook(ctx.em, ctx.principal).list(
      {
        bankId: f.bankId ? Number(f.bankId) : null,
        supplierId: f.supplierId ? Number(f.supplierId) : null,
        state: f.state,
        cashPayout: f.cashPayout,
      },
      page.first,
      page.after,
    );
  }

  @Mutation(() => Refund, {
    description: 'Record that your bank paid the cash part of a refund back (bank staff); once per refund.',
  })
  recordRefundPayout(
    @Arg('input', () => RecordRefundPayoutInput) input: RecordRefundPayoutInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Refund> {
    return new RefundBook(ctx.em, ctx.principal).recordPayout(Number(input.refundId), input.payoutRef);
  }

  @FieldResolver(() => ID, { description: 'The order.' })
  orderId(@Root() r: Refund): string {
    return String(r.orderId);
  }

  @FieldResolver(() => ID, { description: 'The supplier order refunded.' })
  supplierOrderId(@Root() r: Refund): string {
    return String(r.supplierOrderId);
  }

  @FieldResolver(() => [RefundLine], { description: 'Which units.' })
  lines(@Root() r: Refund): RefundLine[] {
    return r.lines.map((l) => ({ orderLineId: String(l.orderLineId), quantity: l.quantity }));
  }
}

@Resolver(() => Order)
export class OrderRefundsResolver {
  @FieldResolver(() => [Refund], {
    description: 'Refunds on this order, oldest first (a supplier sees those of its own supplier orders).',
  })
  async refunds(@Root() order: Order, @Ctx() ctx: SubgraphContext): Promise<Refund[]> {
    return RefundBook.visible(ctx.principal, await ordersLoaders(ctx).refundsByOrder.load(order.id));
  }
}
