import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { Fulfilment, FulfilmentLine } from '../entities/fulfilment';
import { Shipment } from '../entities/shipment';
import { logisticsLoaders } from '../loaders';
import { canSee, visible } from '../../../core/tenancy';
import { FulfilmentService } from '../services/fulfilment.service';
import { MAX_PICK_LIST_SKUS, PickListService } from '../services/pick-list.service';
import {
  CancelFulfilmentsInput,
  CancelFulfilmentsPayload,
  OpenFulfilmentsInput,
  OpenFulfilmentsPayload,
  PickListFilterInput,
  SupplierPickList,
  ShipSupplierOrderInput,
  ShipSupplierOrderPayload,
  SkuRef,
  SupplierOrderRef,
  WithdrawFulfilmentUnitsInput,
  WithdrawFulfilmentUnitsPayload,
} from './types';

@Resolver()
export class FulfilmentMutations {
  @Mutation(() => OpenFulfilmentsPayload, {
    description: 'Internal (orders): open fulfilments for a paid order; idempotent on each supplier order.',
  })
  @Directive('@inaccessible')
  async openFulfilments(
    @Arg('input', () => OpenFulfilmentsInput) input: OpenFulfilmentsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OpenFulfilmentsPayload> {
    return { opened: await new FulfilmentService(ctx.em, ctx.principal).open(input) };
  }

  @Mutation(() => CancelFulfilmentsPayload, {
    description:
      'Internal (orders): stop supplier orders from shipping; all or none, refused once anything has shipped.',
  })
  @Directive('@inaccessible')
  async cancelFulfilments(
    @Arg('input', () => CancelFulfilmentsInput) input: CancelFulfilmentsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CancelFulfilmentsPayload> {
    return { cancelled: await new FulfilmentService(ctx.em, ctx.principal).cancel(input) };
  }

  @Mutation(() => WithdrawFulfilmentUnitsPayload, {
    description:
      'Internal (orders): withdraw units that have not shipped; logistics decides what is unshipped. Idempotent on withdrawalKey.',
  })
  @Directive('@inaccessible')
  async withdrawFulfilmentUnits(
    @Arg('input', () => WithdrawFulfilmentUnitsInput) input: WithdrawFulfilmentUnitsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WithdrawFulfilmentUnitsPayload> {
    const out = await new FulfilmentService(ctx.em, ctx.principal).withdraw(input);
    return {
      lines: out.lines.map((l) => ({ orderLineId: String(l.orderLineId), quantity: l.quantity })),
      status: out.status,
    };
  }

  @Mutation(() => ShipSupplierOrderPayload, {
    description:
      'Hand some or all units of your supplier order to a carrier (supplier staff). The same carrier and tracking number again returns the same shipment.',
  })
  async shipSupplierOrder(
    @Arg('input', () => ShipSupplierOrderInput) input: ShipSupplierOrderInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ShipSupplierOrderPayload> {
    const { shipment, fulfilment } = await new FulfilmentService(ctx.em, ctx.principal).ship(input);
    return { shipment, fulfilment };
  }
}

@Resolver(() => SupplierOrderRef)
export class SupplierOrderShipmentsResolver {
  @FieldResolver(() => [Shipment], { description: 'Parcels of this supplier order, in the order they were shipped.' })
  async shipments(@Root() so: SupplierOrderRef, @Ctx() ctx: SubgraphContext): Promise<Shipment[]> {
    return visible(ctx.principal, await logisticsLoaders(ctx).shipmentsBySupplierOrder.load(so.id));
  }

  @FieldResolver(() => Fulfilment, {
    nullable: true,
    description: 'What is to ship and what has shipped (null until the order is paid, or for virtual goods).',
  })
  async fulfilment(@Root() so: SupplierOrderRef, @Ctx() ctx: SubgraphContext): Promise<Fulfilment | null> {
    const f = await logisticsLoaders(ctx).fulfilmentBySupplierOrder.load(so.id);
    return f && canSee(ctx.principal, f) ? f : null;
  }
}

@Resolver(() => Fulfilment)
export class FulfilmentResolver {
  @FieldResolver(() => [FulfilmentLine], { description: 'The order lines to ship.' })
  lines(@Root() f: Fulfilment, @Ctx() ctx: SubgraphContext): Promise<FulfilmentLine[]> {
    return logisticsLoaders(ctx).fulfilmentLines.load(f.id);
  }

  @FieldResolver(() => SupplierOrderRef, { description: 'The supplier order (orders).' })
  supplierOrder(@Root() f: Fulfilment): SupplierOrderRef {
    return { id: String(f.supplierOrderId) };
  }
}

@Resolver(() => FulfilmentLine)
export class FulfilmentLineResolver {
  @FieldResolver(() => SkuRef, { description: 'The SKU ordered.' })
  sku(@Root() l: FulfilmentLine): SkuRef {
    return { id: String(l.skuId) };
  }
}

@Resolver()
export class PickListResolver {
  @Query(() => SupplierPickList, {
    description: `A supplier's pick list (its SHIP_ORDERS staff; the platform's MANAGE_SUPPLIERS): units still to ship per SKU over every order the filter matches, at most \`first\` SKUs (default and most ${MAX_PICK_LIST_SKUS}) with \`truncated\` when there are more. Two SQL statements however many orders.`,
  })
  async supplierPickList(
    @Arg('supplierId', () => ID) supplierId: string,
    @Arg('filter', () => PickListFilterInput, { nullable: true }) filter: PickListFilterInput | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SupplierPickList> {
    const r = await new PickListService(ctx.em, ctx.principal).pickList(Number(supplierId), filter, first);
    return { ...r, lines: r.lines.map((l) => ({ ...l, sku: { id: String(l.skuId) } })) };
  }
}
