import { byId, groupedBy, isReadOnly, numericIds, plainRows } from '../../core/loaders';
import type { SubgraphContext } from '../../core/subgraph';
import { Carrier } from './entities/carrier';
import { Fulfilment, FulfilmentLine } from './entities/fulfilment';
import { Shipment, ShipmentLine } from './entities/shipment';
import { TrackingEvent } from './entities/tracking-event';
import { VirtualDelivery } from './entities/virtual-delivery';

/** Per-request DataLoaders: one SQL statement per kind of row, whatever the number of parents. */
export function logisticsLoaders(ctx: SubgraphContext) {
  return ctx.loaders.memo(logisticsLoaders, () => buildLogisticsLoaders(ctx));
}

function buildLogisticsLoaders(ctx: SubgraphContext) {
  const { em, loaders } = ctx;
  return {
    carrier: loaders.one('Carrier', byId(em, Carrier, {}, { plain: true })),
    shipment: loaders.one('Shipment', byId(em, Shipment, {}, { plain: true })),
    virtualDelivery: loaders.one('VirtualDelivery', byId(em, VirtualDelivery, {}, { plain: true })),
    fulfilmentBySupplierOrder: loaders.one('FulfilmentBySupplierOrder', async (keys) => {
      const where = { supplierOrderId: { $in: numericIds(keys) } };
      const rows = isReadOnly(em) ? await plainRows(em, Fulfilment, where) : await em.find(Fulfilment, where);
      return new Map(rows.map((f) => [String(f.supplierOrderId), f]));
    }),
    fulfilmentLines: loaders.many(
      'FulfilmentLinesByFulfilment',
      groupedBy(em, FulfilmentLine, 'fulfilmentId', { plain: true }),
    ),
    shipmentsBySupplierOrder: loaders.many(
      'ShipmentsBySupplierOrder',
      groupedBy(em, Shipment, 'supplierOrderId', { plain: true }),
    ),
    shipmentLines: loaders.many('ShipmentLinesByShipment', groupedBy(em, ShipmentLine, 'shipmentId', { plain: true })),
    eventsByShipment: loaders.many(
      'TrackingEventsByShipment',
      groupedBy(em, TrackingEvent, 'shipmentId', { orderBy: { occurredAt: 'ASC', id: 'ASC' }, plain: true }),
    ),
    deliveriesByOrder: loaders.many(
      'VirtualDeliveriesByOrder',
      groupedBy(em, VirtualDelivery, 'orderId', { plain: true }),
    ),
  };
}
