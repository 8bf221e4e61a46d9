import type { SubgraphContext } from '../../core/subgraph';
import { byId } from '../../core/loaders';
import { Brand } from './entities/brand';
import { Category } from './entities/category';
import { Product } from './entities/product';
import { Sku } from './entities/sku';
import { Stock } from './entities/stock';
import { Supplier } from './entities/supplier';

/** The catalog's per-request loaders: one SQL statement per entity type per request. */
export function catalogLoaders(ctx: SubgraphContext) {
  const { em, loaders } = ctx;
  return {
    sku: loaders.one('Sku', byId(em, Sku)),
    product: loaders.one('Product', byId(em, Product)),
    brand: loaders.one('Brand', byId(em, Brand)),
    supplier: loaders.one('Supplier', byId(em, Supplier)),
    category: loaders.one('Category', byId(em, Category)),
    stock: loaders.one('Stock', async (keys) => {
      const rows = await em.find(Stock, { skuId: { $in: keys.map(Number) } });
      return new Map(rows.map((s) => [String(s.skuId), s]));
    }),
  };
}
