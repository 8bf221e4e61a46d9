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
import { canSeeSupplierObject } from './visibility';

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
