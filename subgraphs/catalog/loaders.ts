import type { FilterQuery } from '@mikro-orm/core';
import type { SubgraphContext } from '../../core/subgraph';
import { byId, groupedBy, isReadOnly, numericIds, plainRowsWith } from '../../core/loaders';
import { Brand } from './entities/brand';
import { Category } from './entities/category';
import { Product } from './entities/product';
import { Sku } from './entities/sku';
import { Supplier } from './entities/supplier';
import { VirtualCardKind } from './entities/virtual-card';
import { CatalogQueryService } from './services/catalog-query.service';
import { CodePoolService } from './services/code-pool.service';
import { Stock } from './entities/stock';
import { StockService, stockOf, stockView } from './services/stock.service';
import { ownSupplierOnly } from './services/visibility';

/**
 * The catalog's per-request loaders: one SQL statement per entity type per request. Loaders of
 * supplier-owned objects apply the visibility rule in the same statement, so a supplier's request
 * (direct or through `_entities`) can never load another supplier's SKUs, products or card kinds.
 */
export function catalogLoaders(ctx: SubgraphContext) {
  return ctx.loaders.memo(catalogLoaders, () => buildCatalogLoaders(ctx));
}

function buildCatalogLoaders(ctx: SubgraphContext) {
  const { em, loaders } = ctx;
  const own = ownSupplierOnly(ctx.principal);
  const mine = <T>(field: string): FilterQuery<T> => (own === null ? {} : { [field]: own }) as FilterQuery<T>;
  const skusById = byId(em, Sku, mine<Sku>('supplierId'), { plain: true });
  const set = {
    sku: loaders.one('Sku', (keys) => (isReadOnly(em) ? skusWithRelated(keys) : skusById(keys))),
    product: loaders.one('Product', byId(em, Product, mine<Product>('supplier'))),
    brand: loaders.one('Brand', byId(em, Brand, {}, { plain: true })),
    supplier: loaders.one('Supplier', byId(em, Supplier, {}, { plain: true })),
    category: loaders.one('Category', byId(em, Category)),
    virtualCardKind: loaders.one('VirtualCardKind', byId(em, VirtualCardKind, mine<VirtualCardKind>('supplierId'))),
    skusOfProduct: loaders.many('SkusOfProduct', groupedBy(em, Sku, 'product')),
    skusOfCardKind: loaders.many('SkusOfCardKind', groupedBy(em, Sku, 'virtualCardKindId')),
    // Connection fields on lists of parents: one page per parent, all parents in one statement.
    skuPagesOfSupplier: loaders.one('SkuPagesOfSupplier', CatalogQueryService.skuPages(em)),
    productPagesOfSupplier: loaders.one('ProductPagesOfSupplier', CatalogQueryService.productPages(em)),
    adjustmentPagesOfSku: loaders.one('AdjustmentPagesOfSku', StockService.adjustmentPages(em)),
    stock: loaders.one('Stock', async (keys) => {
      const rows = await stockOf(em, numericIds(keys));
      return new Map([...rows].map(([id, s]) => [String(id), s]));
    }),
    /** Plaintext of issued codes for SERVICE callers; loading records the disclosure (one UPDATE + one read per batch). */
    disclosedCode: loaders.one('DisclosedCode', async (keys) => {
      const codes = await new CodePoolService(em, ctx.principal).disclose(numericIds(keys));
      return new Map([...codes].map(([id, code]) => [String(id), code]));
    }),
    productSkuCounts: loaders.one('ProductSkuCounts', async (keys) => {
      const counts = await CatalogQueryService.skuCounts(em, numericIds(keys));
      return new Map([...counts].map(([id, c]) => [String(id), c]));
    }),
    poolCounts: loaders.one('PoolCounts', async (keys) => {
      const counts = await CodePoolService.counts(em, numericIds(keys));
      return new Map([...counts].map(([id, c]) => [String(id), c]));
    }),
  };

  /**
   * Queries: SKUs with their stock, brand and supplier in ONE statement, priming those loaders —
   * a SKU is almost always shown with them (listings, order lines), and each separate statement
   * cost more than the joined columns.
   */
  async function skusWithRelated(keys: readonly string[]): Promise<Map<string, Sku>> {
    const rows = await plainRowsWith(em, Sku, {
      ids: numericIds(keys),
      where: own === null ? {} : { supplierId: own },
      joins: [
        { entity: Stock, from: 'id', to: 'skuId', formulas: ['poolAvailable'] },
        { entity: Brand, from: 'brandId' },
        { entity: Supplier, from: 'supplierId' },
      ],
    });
    const out = new Map<string, Sku>();
    for (const { row, joined } of rows) {
      const [stock, brand, supplier] = joined as [Stock | null, Brand | null, Supplier | null];
      out.set(String(row.id), row);
      set.stock.prime(row.id, stock && stockView(stock));
      if (brand) set.brand.prime(brand.id, brand);
      if (supplier) set.supplier.prime(supplier.id, supplier);
    }
    return out;
  }
  return set;
}
