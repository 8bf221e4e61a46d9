import { byId, groupedBy, isReadOnly, numericIds, plainRowsWith } from '../../core/loaders';
import type { SubgraphContext } from '../../core/subgraph';
import { Carrier } from './entities/carrier';
import { Fulfilment, FulfilmentLine } from './entities/fulfilment';
import { ParcelDirection, Shipment, ShipmentLine } from './entities/shipment';
import { TrackingEvent } from './entities/tracking-event';
import { VirtualDelivery } from './entities/virtual-delivery';
import { PerkDelivery } from './entities/perk-delivery';

/** Per-request DataLoaders: one SQL statement per kind of row, whatever the number of parents. */
export function logisticsLoaders(ctx: SubgraphContext) {
  return ctx.loaders.memo(logisticsLoaders, () => buildLogisticsLoaders(ctx));
}

function buildLogisticsLoaders(ctx: SubgraphContext) {
  const { em, loaders } = ctx;
  // A supplier order's shipments are its OUTBOUND parcels (its return parcels belong to their returns).
  const outbound = { direction: ParcelDirection.OUTBOUND };
  const shipmentsOf = groupedBy(em, Shipment, 'supplierOrderId', { where: outbound, plain: true });
  const set = {
    carrier: loaders.one('Carrier', byId(em, Carrier, {}, { plain: true })),
    shipment: loaders.one('Shipment', byId(em, Shipment, {}, { plain: true })),
    virtualDelivery: loaders.one('VirtualDelivery', byId(em, VirtualDelivery, {}, { plain: true })),
    fulfilmentBySupplierOrder: loaders.one('FulfilmentBySupplierOrder', async (keys) => {
      const ids = numericIds(keys);
      const rows = isReadOnly(em)
        ? (await plainRowsWith(em, Fulfilment, { ids, by: 'supplierOrderId' })).map((r) => r.row)
        : await em.find(Fulfilment, { supplierOrderId: { $in: ids } });
      return new Map(rows.map((f) => [String(f.supplierOrderId), f]));
    }),
    fulfilmentLines: loaders.many(
      'FulfilmentLinesByFulfilment',
      groupedBy(em, FulfilmentLine, 'fulfilmentId', { plain: true }),
    ),
    shipmentsBySupplierOrder: loaders.many('ShipmentsBySupplierOrder', (keys) =>
      isReadOnly(em) ? shipmentsWithCarriers(keys) : shipmentsOf(keys),
    ),
    shipmentLines: loaders.many('ShipmentLinesByShipment', groupedBy(em, ShipmentLine, 'shipmentId', { plain: true })),
    eventsByShipment: loaders.many(
      'TrackingEventsByShipment',
      groupedBy(em, TrackingEvent, 'shipmentId', { orderBy: { occurredAt: 'ASC', id: 'ASC' }, plain: true }),
    ),
    perkDelivery: loaders.one('PerkDelivery', byId(em, PerkDelivery, {}, { plain: true })),
    perkDeliveriesByOrder: loaders.many(
      'PerkDeliveriesByOrder',
      groupedBy(em, PerkDelivery, 'orderId', { orderBy: { orderLineId: 'ASC', unitIndex: 'ASC' }, plain: true }),
    ),
    deliveriesByOrder: loaders.many(
      'VirtualDeliveriesByOrder',
      groupedBy(em, VirtualDelivery, 'orderId', { plain: true }),
    ),
  };

  /**
   * Queries: a supplier order's parcels with their carriers in ONE statement, priming the carrier
   * loader (a parcel is almost always shown with its carrier; a separate statement cost more).
   */
  async function shipmentsWithCarriers(keys: readonly string[]): Promise<Map<string, Shipment[]>> {
    const rows = await plainRowsWith(em, Shipment, {
      ids: numericIds(keys),
      by: 'supplierOrderId',
      where: outbound,
      orderBy: { id: 'ASC' },
      joins: [{ entity: Carrier, from: 'carrierId' }],
    });
    const out = new Map<string, Shipment[]>();
    for (const { row, joined } of rows) {
      const carrier = joined[0] as Carrier | null;
      if (carrier) set.carrier.prime(carrier.id, carrier);
      const list = out.get(String(row.supplierOrderId)) ?? [];
      list.push(row);
      out.set(String(row.supplierOrderId), list);
    }
    return out;
  }
  return set;
}
