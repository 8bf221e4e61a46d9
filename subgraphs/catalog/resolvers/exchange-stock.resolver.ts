import { Arg, Ctx, Directive, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { ExchangeStockMoveKind } from '../entities/exchange-stock-move';
import { ExchangeStockService } from '../services/exchange-stock.service';
import { RestockPayload } from './stock-return.resolver';
import { OrderLineInput } from './saga.resolver';

@InputType({ description: "Internal (orders): an exchange's stock move." })
@Directive('@inaccessible')
export class MoveExchangeStockInput {
  @Field(() => ID, { description: 'The return request (idempotency key with the SKU and kind).' })
  returnRequestId!: string;
  @Field(() => Boolean, {
    description: 'true: the replacement ships and takes its units; false: resellable returned units go back on sale.',
  })
  replacement!: boolean;
  @Field(() => [OrderLineInput], { description: 'SKUs and units (at most 50 lines).' }) lines!: OrderLineInput[];
}

@Resolver()
export class ExchangeStockResolver {
  @Mutation(() => RestockPayload, {
    description:
      "Internal (orders): an exchange's replacement takes its units from stock (CONFLICT when short), or resellable returned units go back on sale; once per return, SKU and kind.",
  })
  @Directive('@inaccessible')
  async moveExchangeStock(
    @Arg('input', () => MoveExchangeStockInput) input: MoveExchangeStockInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RestockPayload> {
    const changed = await new ExchangeStockService(ctx.em, ctx.principal).move(
      input.returnRequestId,
      input.replacement ? ExchangeStockMoveKind.REPLACEMENT_TAKEN : ExchangeStockMoveKind.RETURN_RESOLD,
      input.lines,
    );
    return { changed };
  }
}
