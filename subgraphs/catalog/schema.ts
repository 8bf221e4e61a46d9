import { PoolHealthResolver } from './resolvers/pool-health.resolver';
import { PoolHealthSnapshot } from './entities/pool-health';
import { poolHealthTask } from './services/pool-health.service';
import { OutboxMessage, OutboxRelay } from '../../core/outbox';
import { ServiceClient } from '../../core/service-client';
import {
  GuardListingPricesDocument,
  RefreshSkuAvailabilityDocument,
} from '../../codegen/generated/service/catalog/tenants';
import { SKU_SALE_STATUS_CHANGED, SKU_SUPPLIER_PRICE_CHANGED } from './services/catalog-write.service';
import { SKU_AVAILABILITY_CHANGED } from './services/stock-availability';
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
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
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
      PoolHealthSnapshot,
      OutboxMessage,
    ],
    migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
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
  ],
  referenceResolvers: {
    // Through the same loaders as direct queries: one statement per type, suppliers see only their own SKUs.
    Sku: (ref, ctx) => catalogLoaders(ctx).sku.load(ref.id),
    Supplier: (ref, ctx) => catalogLoaders(ctx).supplier.load(ref.id),
    Brand: (ref, ctx) => catalogLoaders(ctx).brand.load(ref.id),
  },
  backgroundTasks: (orm, log) => {
    const tenants = new ServiceClient('service', 'catalog');
    const relay = new OutboxRelay(
      orm,
      {
        // Banks' malls hide listings of SKUs taken off sale; tenants reads the current status back, so order does not matter.
        [SKU_SALE_STATUS_CHANGED]: async (payload) => {
          await tenants.request('tenants', RefreshSkuAvailabilityDocument, { skuIds: payload.skuIds as string[] });
        },
        // Stock (or a card pool) crossed zero: malls' "in stock" copies follow; tenants reads the present
        // fact with its version back, so a late or repeated delivery never overwrites a newer one.
        [SKU_AVAILABILITY_CHANGED]: async (payload) => {
          await tenants.request('tenants', RefreshSkuAvailabilityDocument, { skuIds: payload.skuIds as string[] });
        },
        // Tenants' price guard pauses or flags listings a supplier price change put below their bank's rule.
        [SKU_SUPPLIER_PRICE_CHANGED]: async (payload) => {
          await tenants.request('tenants', GuardListingPricesDocument, {
            skuIds: payload.skuIds as string[],
            priceChangeKey: payload.priceChangeKey as string,
          });
        },
      },
      log,
    );
    return [relay.task(1000), poolHealthTask(orm)];
  },
};
