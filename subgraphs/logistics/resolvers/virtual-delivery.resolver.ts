import { Arg, Ctx, Directive, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { VirtualDelivery } from '../entities/virtual-delivery';
import { logisticsLoaders } from '../loaders';
import { canSee } from '../../../core/tenancy';
import { CatalogCodeVault } from '../services/catalog-client';
import { VirtualDeliveryService } from '../services/virtual-delivery.service';
import {
  OrderRef,
  RecordVirtualDeliveriesInput,
  RecordVirtualDeliveriesPayload,
  RevealVirtualCardInput,
  RevealVirtualCardPayload,
  SkuRef,
} from './types';

/** Card codes are the customer's: their bank and the platform see the records, suppliers don't. */
export function canSeeDelivery(ctx: SubgraphContext, d: VirtualDelivery): boolean {
  return canSee(ctx.principal, { bankId: d.bankId, customerId: d.customerId });
}

export async function resolveDeliveryRef(id: string, ctx: SubgraphContext): Promise<VirtualDelivery | null> {
  const d = await logisticsLoaders(ctx).virtualDelivery.load(id);
  return d && canSeeDelivery(ctx, d) ? d : null;
}

@Resolver()
export class VirtualDeliveryMutations {
  @Mutation(() => RecordVirtualDeliveriesPayload, {
    description: 'Internal (orders): card codes were issued; idempotent on each code.',
  })
  @Directive('@inaccessible')
  async recordVirtualDeliveries(
    @Arg('input', () => RecordVirtualDeliveriesInput) input: RecordVirtualDeliveriesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecordVirtualDeliveriesPayload> {
    return { recorded: await new VirtualDeliveryService(ctx.em, ctx.principal).record(input) };
  }

  @Mutation(() => RevealVirtualCardPayload, {
    description: 'Show one of your card codes (customers only); every reveal is recorded.',
  })
  revealVirtualCard(
    @Arg('input', () => RevealVirtualCardInput) input: RevealVirtualCardInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RevealVirtualCardPayload> {
    return new VirtualDeliveryService(ctx.em, ctx.principal).reveal(input.virtualDeliveryId, new CatalogCodeVault());
  }
}

@Resolver(() => OrderRef)
export class OrderDeliveriesResolver {
  @FieldResolver(() => [VirtualDelivery], {
    description: 'Card codes delivered for this order (the customer, their bank, the platform).',
  })
  async virtualDeliveries(@Root() order: OrderRef, @Ctx() ctx: SubgraphContext): Promise<VirtualDelivery[]> {
    return (await logisticsLoaders(ctx).deliveriesByOrder.load(order.id)).filter((d) => canSeeDelivery(ctx, d));
  }
}

@Resolver(() => VirtualDelivery)
export class VirtualDeliveryResolver {
  @FieldResolver(() => SkuRef, { description: 'The virtual card SKU.' })
  sku(@Root() d: VirtualDelivery): SkuRef {
    return { id: String(d.skuId) };
  }

  @FieldResolver(() => OrderRef, { description: 'The order (orders).' })
  order(@Root() d: VirtualDelivery): OrderRef {
    return { id: String(d.orderId) };
  }
}
