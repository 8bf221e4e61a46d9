import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../../core/errors';
import { PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { Carrier } from '../entities/carrier';
import { Shipment, ShipmentLine } from '../entities/shipment';
import type { TrackingEvent } from '../entities/tracking-event';
import { logisticsLoaders } from '../loaders';
import { assertVisible, canSee } from '../../../core/tenancy';
import { eventsPage } from '../services/tracking-page';
import { SupplierOrderRef, TrackingEventConnection } from './types';

/** Reference resolvers apply the same visibility as `shipment(id)`. */
export async function resolveShipmentRef(id: string, ctx: SubgraphContext): Promise<Shipment | null> {
  const s = await logisticsLoaders(ctx).shipment.load(id);
  return s && canSee(ctx.principal, s) ? s : null;
}

@Resolver(() => Shipment)
export class ShipmentResolver {
  @Query(() => Shipment, { description: 'A shipment you may see (its supplier, customer, bank, or the platform).' })
  async shipment(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Shipment> {
    return assertVisible(ctx.principal, await logisticsLoaders(ctx).shipment.load(id), 'Shipment', id);
  }

  @FieldResolver(() => Carrier, { description: 'Who carries it.' })
  async carrier(@Root() s: Shipment, @Ctx() ctx: SubgraphContext): Promise<Carrier> {
    const c = await logisticsLoaders(ctx).carrier.load(s.carrierId);
    if (!c) throw notFound('Carrier', s.carrierId);
    return c;
  }

  @FieldResolver(() => [ShipmentLine], { description: 'Which units are in the parcel.' })
  lines(@Root() s: Shipment, @Ctx() ctx: SubgraphContext): Promise<ShipmentLine[]> {
    return logisticsLoaders(ctx).shipmentLines.load(s.id);
  }

  @FieldResolver(() => TrackingEventConnection, {
    description: "The carrier's tracking events, oldest first (by when they happened).",
  })
  async events(
    @Root() s: Shipment,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<TrackingEvent>> {
    return eventsPage(await logisticsLoaders(ctx).eventsByShipment.load(s.id), page.first, page.after);
  }

  @FieldResolver(() => SupplierOrderRef, { description: 'The supplier order shipped (orders).' })
  supplierOrder(@Root() s: Shipment): SupplierOrderRef {
    return { id: String(s.supplierOrderId) };
  }
}
