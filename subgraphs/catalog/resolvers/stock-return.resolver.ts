import { Arg, Ctx, Directive, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { StockReturnService } from '../services/stock-return.service';
import { OrderLineInput } from './saga.resolver';

@InputType({ description: 'Internal (orders): refunded goods going back on sale.' })
@Directive('@inaccessible')
export class RestockInput {
  @Field(() => ID) orderId!: string;
  @Field(() => String, { description: 'The refund (idempotency key with the order and SKU).' }) refundId!: string;
  @Field(() => [OrderLineInput]) lines!: OrderLineInput[];
}

@ObjectType({ description: 'Internal: whether this call changed stock.' })
@Directive('@inaccessible')
export class RestockPayload {
  @Field(() => Boolean) changed!: boolean;
}

@Resolver()
export class StockReturnResolver {
  @Mutation(() => RestockPayload, {
    description: 'Internal (orders): put refunded goods back on sale, once per refund.',
  })
  @Directive('@inaccessible')
  restock(@Arg('input', () => RestockInput) input: RestockInput, @Ctx() ctx: SubgraphContext): Promise<RestockPayload> {
    return new StockReturnService(ctx.em, ctx.principal).restock(input.orderId, input.refundId, input.lines);
  }
}
