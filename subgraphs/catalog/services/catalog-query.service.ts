import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { pageKey, pagesPerParent, type PageLoader, type PageRequest } from '../../../core/loaders';
import { notFound } from '../../../core/errors';
import { BANK_ROLES, requireRole, UNSCOPED_ROLES, type Principal } from '../../../core/identity';
import {
  decodeCursor,
  keysetAfter,
  orderByOf,
  pageSize,
  toConnection,
  validPage,
  type Connection,
  type SortKey,
} from '../../../core/pagination';
import { Brand } from '../entities/brand';
import { Category } from '../entities/category';
import { Product } from '../entities/product';
import { Sku } from '../entities/sku';
import { Supplier } from '../entities/supplier';
import { badInput } from '../../../core/errors';
import { SkuStatus } from '../entities/sku';
import { canSeeSupplierObject, writeScope } from './visibility';

/** Whether any of a product's SKUs is on sale. */
export enum ProductSaleStatus {
  ON_SALE = 'ON_SALE',
  OFF_SALE = 'OFF_SALE',
}

export interface ProductFilterArgs {
  text?: string | null;
  brandId?: string | null;
  categoryId?: string | null;
  status?: ProductSaleStatus | null;
}

/** SKUs per product and how many of them are on sale (`Product.skuCount`, `Product.skusOnSale`). */
export interface ProductSkuCounts {
  skus: number;
  onSale: number;
}

function idOrZero(id: string): number {
  const n = Number(id);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

const BY_ID_DESC: SortKey[] = [{ field: 'id', direction: 'DESC' }];
const SKU_NEWEST: SortKey[] = [
  { field: 'createdAt', direction: 'DESC' },
  { field: 'id', direction: 'DESC' },
];
const BY_NAME: SortKey[] = [
  { field: 'name', direction: 'ASC' },
  { field: 'id', direction: 'ASC' },
];

/** Read-side lists of the catalogue (suppliers see only their own). */
export class CatalogQueryService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /** One page of a supplier's products, newest first, through the per-request loader (one statement for every supplier in the request). */
  async productsOf(supplierId: number, page: PageRequest, pages: PageLoader<Product>): Promise<Connection<Product>> {
    if (!canSeeSupplierObject(this.principal, supplierId)) throw notFound('Supplier', supplierId);
    validPage(page, BY_ID_DESC.length);
    return (await pages.load(pageKey(supplierId, page)))!;
  }

  /** One page of a supplier's SKUs (every status), newest first, through the per-request loader. */
  async skusOf(supplierId: number, page: PageRequest, pages: PageLoader<Sku>): Promise<Connection<Sku>> {
    if (!canSeeSupplierObject(this.principal, supplierId)) throw notFound('Supplier', supplierId);
    validPage(page, SKU_NEWEST.length);
    return (await pages.load(pageKey(supplierId, page)))!;
  }

  /**
   * The supplier's product list (supplier MANAGE_CATALOG, platform MANAGE_SUPPLIERS naming the
   * supplier; another supplier's id is NOT_FOUND): newest first on `product_supplier_newest`, filtered
   * by words in the title or code, brand, category (with its descendants: one prefix match on
   * `category.path`) and sale status (an EXISTS on `sku_product_id_index`). One statement a page
   * (plus one category read when filtered by category); counts per product come from a DataLoader.
   */
  async supplierProducts(
    supplierRef: string | null | undefined,
    filter: ProductFilterArgs,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<Product>> {
    const supplierId = writeScope(this.principal, supplierRef);
    const limit = pageSize(first);
    const qb = this.em
      .createQueryBuilder(Product, 'p')
      .select('p.*')
      .where({ supplier: supplierId })
      .orderBy({ id: 'DESC' })
      .limit(limit + 1);
    if (after) qb.andWhere({ id: { $lt: Number(decodeCursor(after, 1)[0]) } });
    if (filter.text != null) {
      if (filter.text.length > 100) throw badInput('text must be at most 100 characters.');
      // LIKE wildcards in the words are dropped rather than escaped (escaping differs between dialects).
      const words = filter.text
        .replace(/[%_\\]/g, ' ')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .slice(0, 5);
      for (const w of words) qb.andWhere({ $or: [{ title: { $like: `%${w}%` } }, { code: { $like: `%${w}%` } }] });
    }
    if (filter.brandId != null) qb.andWhere({ brand: idOrZero(filter.brandId) });
    if (filter.categoryId != null) {
      const category = await this.em.findOne(Category, { id: idOrZero(filter.categoryId) });
      if (!category) return toConnection([], limit, (p: Product) => [p.id], Boolean(after));
      qb.andWhere('p.category_id IN (SELECT c.id FROM category c WHERE c.path LIKE ?)', [`${category.path}%`]);
    }
    if (filter.status != null) {
      const exists = `EXISTS (SELECT 1 FROM sku s WHERE s.product_id = p.id AND s.status = '${SkuStatus.ACTIVE}')`;
      qb.andWhere(filter.status === ProductSaleStatus.ON_SALE ? exists : `NOT ${exists}`);
    }
    const rows = await qb.getResultList();
    return toConnection(rows, limit, (p) => [p.id], Boolean(after));
  }

  /** Batch function behind `Product.skuCount` / `skusOnSale`: one GROUP BY for every product of the page. */
  static async skuCounts(em: SqlEntityManager, productIds: readonly number[]): Promise<Map<number, ProductSkuCounts>> {
    const out = new Map<number, ProductSkuCounts>(productIds.map((id) => [id, { skus: 0, onSale: 0 }]));
    if (productIds.length === 0) return out;
    const rows = await em.execute<{ product_id: number; n: number | string; on_sale: number | string | null }[]>(
      `SELECT product_id, COUNT(*) AS n, SUM(CASE WHEN status = '${SkuStatus.ACTIVE}' THEN 1 ELSE 0 END) AS on_sale
         FROM sku WHERE product_id IN (${productIds.map(() => '?').join(',')}) GROUP BY product_id`,
      [...productIds],
    );
    for (const r of rows) out.set(Number(r.product_id), { skus: Number(r.n), onSale: Number(r.on_sale ?? 0) });
    return out;
  }

  /** Batch function behind `productsOf`: keyset pages for many suppliers in one statement. */
  static productPages(em: SqlEntityManager) {
    return pagesPerParent(em, Product, { parentField: 'supplier', order: BY_ID_DESC, cursorOf: (p) => [p.id] });
  }

  /** Batch function behind `skusOf`: cursors carry created_at as epoch milliseconds and the id. */
  static skuPages(em: SqlEntityManager) {
    return pagesPerParent(em, Sku, {
      parentField: 'supplierId',
      order: SKU_NEWEST,
      cursorOf: (s) => [s.createdAt.getTime(), s.id],
      afterValues: ([at, id]) => [new Date(Number(at)), id],
    });
  }

  categories(parentId: string | null): Promise<Category[]> {
    return this.em.find(
      Category,
      { parent: parentId === null ? null : Number(parentId) || 0 },
      { orderBy: { id: 'ASC' } },
    );
  }

  /** One tree level, by id, keyset paged (the console's category pages). */
  async categoryLevel(
    parentId: string | null,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<Category>> {
    const limit = pageSize(first);
    const where: FilterQuery<Category>[] = [{ parent: parentId === null ? null : idOrZero(parentId) }];
    if (after) where.push({ id: { $gt: Number(decodeCursor(after, 1)[0]) } });
    const rows = await this.em.find(Category, { $and: where }, { orderBy: { id: 'ASC' }, limit: limit + 1 });
    return toConnection(rows, limit, (c) => [c.id], Boolean(after));
  }

  async brands(first?: number | null, after?: string | null): Promise<Connection<Brand>> {
    const limit = pageSize(first);
    const where: FilterQuery<Brand>[] = [];
    if (after) where.push(keysetAfter(BY_NAME, decodeCursor(after, 2)) as FilterQuery<Brand>);
    const rows = await this.em.find(Brand, where.length ? { $and: where } : {}, {
      orderBy: orderByOf(BY_NAME),
      limit: limit + 1,
    });
    return toConnection(rows, limit, (b) => [b.name, b.id], Boolean(after));
  }

  /** Suppliers by name, for the pool's supplier filter: those who search the pool (bank staff, the platform). */
  async suppliers(first?: number | null, after?: string | null): Promise<Connection<Supplier>> {
    requireRole(this.principal, ...BANK_ROLES, ...UNSCOPED_ROLES);
    const limit = pageSize(first);
    const where: FilterQuery<Supplier>[] = [];
    if (after) where.push(keysetAfter(BY_NAME, decodeCursor(after, 2)) as FilterQuery<Supplier>);
    const rows = await this.em.find(Supplier, where.length ? { $and: where } : {}, {
      orderBy: orderByOf(BY_NAME),
      limit: limit + 1,
    });
    return toConnection(rows, limit, (s) => [s.name, s.id], Boolean(after));
  }
}
