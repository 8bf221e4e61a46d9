import { Arg, Ctx, Directive, ID, Mutation, Resolver } from 'type-graphql';
import { PointsAmount } from '../../../core/input-rules';
import { requireRole } from '../../../core/identity';
import type { SubgraphContext } from '../../../core/subgraph';
import { PointsHoldService } from '../services/holds.service';
import { PointsHoldResult } from './types';

/** Checkout saga steps; only other services (orders) may call them, and they are not in the public API. */
@Resolver()
export class HoldsResolver {
  @Mutation(() => PointsHoldResult, { description: 'Internal: hold points for an order (idempotent on orderId).' })
  @Directive('@inaccessible')
  holdPoints(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('bankId', () => ID) bankId: string,
    @Arg('customerId', () => ID) customerId: string,
    @Arg('amount', () => PointsAmount) amount: number,
    @Ctx() ctx: SubgraphContext,
  ) {
    requireRole(ctx.principal, 'SERVICE');
    return new PointsHoldService(ctx.em).hold(orderId, Number(bankId), Number(customerId), amount);
  }

  @Mutation(() => PointsHoldResult, { description: 'Internal: the order is paid; the held points are spent.' })
  @Directive('@inaccessible')
  capturePoints(@Arg('orderId', () => ID) orderId: string, @Ctx() ctx: SubgraphContext) {
    requireRole(ctx.principal, 'SERVICE');
    return new PointsHoldService(ctx.em).capture(orderId);
  }

  @Mutation(() => PointsHoldResult, { description: 'Internal: the order failed or was cancelled; the points return.' })
  @Directive('@inaccessible')
  releasePoints(@Arg('orderId', () => ID) orderId: string, @Ctx() ctx: SubgraphContext) {
    requireRole(ctx.principal, 'SERVICE');
    return new PointsHoldService(ctx.em).release(orderId);
  }

  @Mutation(() => PointsHoldResult, {
    description: 'Internal: return captured points (after-sales), idempotent on refundId.',
  })
  @Directive('@inaccessible')
  refundPoints(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('amount', () => PointsAmount) amount: number,
    @Arg('refundId', () => String) refundId: string,
    @Ctx() ctx: SubgraphContext,
  ) {
    requireRole(ctx.principal, 'SERVICE');
    return new PointsHoldService(ctx.em).refund(orderId, amount, refundId);
  }
}
