import { OutboxMessage, OutboxRelay } from '../../core/outbox';
import { ServiceClient } from '../../core/service-client';
import {
  RecordPerkUnitOutcomeDocument,
  RecordReturnParcelDeliveredDocument,
  RecordSupplierOrderProgressDocument,
  RecordUnitsWithdrawnDocument,
  type PerkUnitState,
  type SupplierOrderStatus,
} from '../../codegen/generated/service/logistics/orders';
import type { SubgraphDefinition } from '../../core/subgraph';
import { Carrier } from './entities/carrier';
import { Fulfilment, FulfilmentLine, FulfilmentWithdrawal } from './entities/fulfilment';
import { PartnerEndpoint } from './entities/partner-endpoint';
import { Shipment, ShipmentLine } from './entities/shipment';
import { TrackingEvent } from './entities/tracking-event';
import { VirtualDelivery } from './entities/virtual-delivery';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
import { carrierCallbackRoutes } from './resolvers/carrier-callback.route';
import { CarrierResolver } from './resolvers/carrier.resolver';
import { PartnerEndpointResolver } from './resolvers/partner-endpoint.resolver';
import { partnerCallbackRoutes } from './resolvers/partner-callback.route';
import {
  FulfilmentLineResolver,
  FulfilmentMutations,
  FulfilmentResolver,
  SupplierOrderShipmentsResolver,
} from './resolvers/fulfilment.resolver';
import { ShipmentResolver, resolveShipmentRef } from './resolvers/shipment.resolver';
import { OrderRef, SkuRef, SupplierOrderRef, SupplierRef } from './resolvers/types';
import {
  OrderDeliveriesResolver,
  VirtualDeliveryMutations,
  VirtualDeliveryResolver,
  resolveDeliveryRef,
} from './resolvers/virtual-delivery.resolver';
import { SUPPLIER_ORDER_PROGRESS } from './services/progress';
import { PerkDelivery } from './entities/perk-delivery';
import {
  OrderPerkDeliveriesResolver,
  PerkDeliveryMutations,
  PerkDeliveryResolver,
  resolvePerkDeliveryRef,
} from './resolvers/perk-delivery.resolver';
import { PERK_UNIT_SETTLED, PerkDeliveryJob } from './services/perk-delivery.service';
import {
  ReturnParcelMutations,
  ReturnRequestParcelsResolver,
  ReturnRequestRef,
} from './resolvers/return-parcel.resolver';
import { RETURN_PARCEL_DELIVERED } from './services/tracking.service';
import { UNITS_WITHDRAWN } from './services/fulfilment.service';

export const logisticsSubgraph: SubgraphDefinition = {
  name: 'logistics',
  storage: {
    name: 'logistics',
    entities: [
      Carrier,
      Fulfilment,
      FulfilmentLine,
      FulfilmentWithdrawal,
      Shipment,
      ShipmentLine,
      TrackingEvent,
      VirtualDelivery,
      PartnerEndpoint,
      PerkDelivery,
      OutboxMessage,
    ],
    migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  },
  resolvers: [
    CarrierResolver,
    FulfilmentMutations,
    SupplierOrderShipmentsResolver,
    FulfilmentResolver,
    FulfilmentLineResolver,
    ShipmentResolver,
    VirtualDeliveryMutations,
    OrderDeliveriesResolver,
    VirtualDeliveryResolver,
    PartnerEndpointResolver,
    PerkDeliveryMutations,
    OrderPerkDeliveriesResolver,
    PerkDeliveryResolver,
    ReturnParcelMutations,
    ReturnRequestParcelsResolver,
  ],
  orphanedTypes: [SupplierOrderRef, OrderRef, SkuRef, SupplierRef, ReturnRequestRef],
  referenceResolvers: {
    // Stubs: what logistics adds to them (shipments, deliveries) is filtered by the caller's visibility.
    SupplierOrder: (ref) => ({ id: ref.id }),
    Order: (ref) => ({ id: ref.id }),
    ReturnRequest: (ref) => ({ id: ref.id }),
    Shipment: (ref, ctx) => resolveShipmentRef(ref.id, ctx),
    VirtualDelivery: (ref, ctx) => resolveDeliveryRef(ref.id, ctx),
    PerkDelivery: (ref, ctx) => resolvePerkDeliveryRef(ref.id, ctx),
  },
  httpRoutes: (orm, log) => ({ ...carrierCallbackRoutes(orm, log), ...partnerCallbackRoutes(orm, log) }),
  backgroundTasks: (orm, log) => {
    const orders = new ServiceClient('service', 'logistics');
    const relay = new OutboxRelay(
      orm,
      {
        // Orders moves the supplier order forward only and is idempotent; DELIVERED makes it owed to the supplier.
        [SUPPLIER_ORDER_PROGRESS]: async (payload) => {
          await orders.request('orders', RecordSupplierOrderProgressDocument, {
            supplierOrderId: String(payload.supplierOrderId),
            status: payload.status as SupplierOrderStatus,
            at: payload.at as string,
          });
        },
        // Orders moves the return to RECEIVED (or the exchange to EXCHANGED); idempotent.
        [RETURN_PARCEL_DELIVERED]: async (payload) => {
          await orders.request('orders', RecordReturnParcelDeliveredDocument, {
            returnRequestId: String(payload.returnRequestId),
            replacement: Boolean(payload.replacement),
            at: payload.at as string,
          });
        },
        // Orders refunds exactly the withdrawn units, once per withdrawal key (its own call may have done it already).
        [UNITS_WITHDRAWN]: async (payload) => {
          await orders.request('orders', RecordUnitsWithdrawnDocument, {
            input: {
              orderId: String(payload.orderId),
              supplierOrderId: String(payload.supplierOrderId),
              withdrawalKey: String(payload.withdrawalKey),
              lines: (payload.lines as { orderLineId: number; quantity: number }[]).map((l) => ({
                orderLineId: String(l.orderLineId),
                quantity: l.quantity,
              })),
              cause: String(payload.cause),
              reason: String(payload.reason),
              restock: payload.restock === true,
              requestedBy: String(payload.requestedBy),
              requester: (payload.requester as string | null) ?? null,
            },
          });
        },
        // Orders settles (DELIVERED) or refunds (FAILED) the unit; idempotent per unit.
        [PERK_UNIT_SETTLED]: async (payload) => {
          await orders.request('orders', RecordPerkUnitOutcomeDocument, {
            input: {
              orderLineId: String(payload.orderLineId),
              unitIndex: Number(payload.unitIndex),
              outcome: payload.outcome as PerkUnitState,
              at: payload.at as string,
              reason: (payload.reason as string | null) ?? null,
            },
          });
        },
      },
      log,
    );
    return [relay.task(1000), new PerkDeliveryJob(orm, log).task()];
  },
};
