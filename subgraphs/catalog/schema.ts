import type { SubgraphDefinition } from '../../core/subgraph';
import { Brand } from './entities/brand';
import { Category } from './entities/category';
import { Product } from './entities/product';
import { Sku } from './entities/sku';
import { Stock } from './entities/stock';
import { Supplier } from './entities/supplier';
import { catalogLoaders } from './loaders';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
import { SkuResolver, SupplierResolver } from './resolvers/sku.resolver';
// PROVISIONAL (tenants branch): the catalog branch brings its own curation resolver.
import { CurationResolver } from './resolvers/curation.resolver';

export const catalogSubgraph: SubgraphDefinition = {
  name: 'catalog',
  storage: {
    name: 'catalog',
    entities: [Supplier, Brand, Category, Product, Sku, Stock],
    migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  },
  resolvers: [SkuResolver, SupplierResolver, CurationResolver],
  orphanedTypes: [Brand],
  referenceResolvers: {
    Sku: (ref, ctx) => catalogLoaders(ctx).sku.load(ref.id),
    Supplier: (ref, ctx) => catalogLoaders(ctx).supplier.load(ref.id),
    Brand: (ref, ctx) => catalogLoaders(ctx).brand.load(ref.id),
  },
};
