import { PoolHealthResolver } from './resolvers/pool-health.resolver';
import { SkuImport } from './entities/sku-import';
import { SkuImportResolver } from './resolvers/sku-import.resolver';
import { SkuImportWorker } from './services/sku-import.service';
import { PoolHealthSnapshot } from './entities/pool-health';
import { poolHealthTask } from './services/pool-health.service';
import { OutboxMessage, OutboxRelay } from '../../core/outbox';
import { catalogEvents } from './events';
import { relayHandlers } from '../events';
import { StockReturn } from './entities/stock-return';
import { StockReturnResolver } from './resolvers/stock-return.resolver';
import { ExchangeStockResolver } from './resolvers/exchange-stock.resolver';
import { ExchangeStockMove } from './entities/exchange-stock-move';
import type { SubgraphDefinition } from '../../core/subgraph';
import { Brand, BrandProposal } from './entities/brand';
import { Category } from './entities/category';
import { Product } from './entities/product';
import { Sku } from './entities/sku';
import { Stock, StockAdjustment, StockReservation } from './entities/stock';
import { Supplier } from './entities/supplier';
import { SupplierApplication, SupplierBrand } from './entities/supplier-application';
import { AuthorisedBrandsResolver, SupplierApplicationResolver } from './resolvers/supplier-onboarding.resolver';
import { CodeAllocation, VirtualCardCode, VirtualCardKind } from './entities/virtual-card';
import { catalogLoaders } from './loaders';
import { BrandProposalResolver, PlatformResolver } from './resolvers/platform.resolver';
import { PoolResolver } from './resolvers/pool.resolver';
import { CurationSkuShippingResolver } from './resolvers/shipping-fee.resolver';
import { CurationSkuReturnResolver } from './resolvers/return-policy.resolver';
import { PortalResolver, VirtualCardKindResolver } from './resolvers/portal.resolver';
import { IssuedCardCodeResolver, SagaResolver } from './resolvers/saga.resolver';
import {
  BrandResolver,
  CategoryResolver,
  ProductResolver,
  SkuResolver,
  StockResolver,
  SupplierResolver,
} from './resolvers/sku.resolver';

export const catalogSubgraph: SubgraphDefinition = {
  name: 'catalog',
  storage: {
    name: 'catalog',
    entities: [
      Supplier,
      SupplierBrand,
      SupplierApplication,
      Brand,
      BrandProposal,
      Category,
      Product,
      Sku,
      Stock,
      StockAdjustment,
      StockReservation,
      StockReturn,
      ExchangeStockMove,
      VirtualCardKind,
      VirtualCardCode,
      CodeAllocation,
      SkuImport,
      PoolHealthSnapshot,
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
    SkuResolver,
    CurationSkuShippingResolver,
    CurationSkuReturnResolver,
    StockResolver,
    ProductResolver,
    SupplierResolver,
    CategoryResolver,
    BrandResolver,
    PortalResolver,
    VirtualCardKindResolver,
    PoolResolver,
    SagaResolver,
    IssuedCardCodeResolver,
    PlatformResolver,
    BrandProposalResolver,
    StockReturnResolver,
    ExchangeStockResolver,
    SupplierApplicationResolver,
    AuthorisedBrandsResolver,
    PoolHealthResolver,
    SkuImportResolver,
  ],
  referenceResolvers: {
    // Through the same loaders as direct queries: one statement per type, suppliers see only their own SKUs.
    Sku: (ref, ctx) => catalogLoaders(ctx).sku.load(ref.id),
    Supplier: (ref, ctx) => catalogLoaders(ctx).supplier.load(ref.id),
    Brand: (ref, ctx) => catalogLoaders(ctx).brand.load(ref.id),
  },
  // Catalog consumes no events; its relay hands its own to tenants (subgraphs/catalog/events.ts).
  // Bulk SKU imports run here too, claimed with a lease so one process of several runs each.
  backgroundTasks: (orm, log) => [
    new OutboxRelay(orm, relayHandlers(catalogEvents()), log).task(1000),
    new SkuImportWorker(orm, log).task(1000),
    poolHealthTask(orm),
  ],
};
