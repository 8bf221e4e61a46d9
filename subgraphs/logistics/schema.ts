import { OutboxMessage, OutboxRelay } from '../../core/outbox';
import { logisticsEvents } from './events';
import { consumedBy, relayHandlers } from '../events';
import type { SubgraphDefinition } from '../../core/subgraph';
import { Carrier } from './entities/carrier';
import { Fulfilment, FulfilmentLine, FulfilmentWithdrawal } from './entities/fulfilment';
import { PartnerEndpoint } from './entities/partner-endpoint';
import { Shipment, ShipmentLine } from './entities/shipment';
import { TrackingEvent } from './entities/tracking-event';
import { VirtualDelivery } from './entities/virtual-delivery';
import { carrierCallbackRoutes } from './resolvers/carrier-callback.route';
import { CarrierResolver } from './resolvers/carrier.resolver';
import { PartnerEndpointResolver } from './resolvers/partner-endpoint.resolver';
import { partnerCallbackRoutes } from './resolvers/partner-callback.route';
import {
  FulfilmentLineResolver,
  FulfilmentMutations,
  FulfilmentResolver,
  PickListResolver,
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
import { PerkDelivery } from './entities/perk-delivery';
import {
  OrderPerkDeliveriesResolver,
  PerkDeliveryMutations,
  PerkDeliveryResolver,
  resolvePerkDeliveryRef,
} from './resolvers/perk-delivery.resolver';
import { PerkDeliveryJob } from './services/perk-delivery.service';
import {
  ReturnParcelMutations,
  ReturnRequestParcelsResolver,
  ReturnRequestRef,
} from './resolvers/return-parcel.resolver';

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
    // Required only by a process that migrates: they load @mikro-orm/migrations and umzug (core/lazy-module.ts).
    /* eslint-disable @typescript-eslint/no-require-imports */
    migrations: () => ({
      mysql: (require('./migrations/mysql') as typeof import('./migrations/mysql')).mysqlMigrations,
      sqlite: (require('./migrations/sqlite') as typeof import('./migrations/sqlite')).sqliteMigrations,
    }),
    /* eslint-enable @typescript-eslint/no-require-imports */
  },
  resolvers: [
    CarrierResolver,
    FulfilmentMutations,
    PickListResolver,
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
  backgroundTasks: (orm, log) => [
    new OutboxRelay(orm, relayHandlers(logisticsEvents()), log).task(1000),
    new PerkDeliveryJob(orm, log).task(),
  ],
  // Orders' paid orders, perk deliveries and issued codes, on JetStream when configured (subgraphs/events.ts).
  eventConsumers: () => consumedBy('logistics'),
};
