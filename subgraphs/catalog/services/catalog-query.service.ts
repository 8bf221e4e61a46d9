import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { notFound } from '../../../core/errors';
import type { Principal } from '../../../core/identity';
import { decodeCursor, keysetAfter, orderByOf, pageSize, toConnection, type Connection, type SortKey } from '../../../core/pagination';
import { Brand } from '../entities/brand';
import { Category } from '../entities/category';
import { Product } from '../entities/product';
import { Sku } from '../entities/sku';
import { canSeeSupplierObject } from './visibility';

const BY_ID_DESC: SortKey[] = [{ field: 'id', direction: 'DESC' }];
const SKU_NEWEST: SortKey[] = [{ field: 'createdAt', direction: 'DESC' }, { field: 'id', direction: 'DESC' }];
const BY_NAME: SortKey[] = [{ field: 'name', direction: 'ASC' }, { field: 'id', direction: 'ASC' }];

/** Read-side lists of the catalogue (suppliers see only their own). */
export class CatalogQueryService {
  constructor(private readonly em: EntityManager, private readonly principal: Principal) {}

  async productsOf(supplierId: number, first?: number | null, after?: string | null): Promise<Connection<Product>> {
    if (!canSeeSupplierObject(this.principal, supplierId)) throw notFound('Supplier', supplierId);
    const limit = pageSize(first);
    const where: FilterQuery<Product>[] = [{ supplier: supplierId }];
    if (after) where.push(keysetAfter(BY_ID_DESC, decodeCursor(after, 1)) as FilterQuery<Product>);
    const rows = await this.em.find(Product, { $and: where }, { orderBy: orderByOf(BY_ID_DESC), limit: limit + 1 });
    return toConnection(rows, limit, (p) => [p.id], Boolean(after));
  }

  async skusOf(supplierId: number, first?: number | null, after?: string | null): Promise<Connection<Sku>> {
    if (!canSeeSupplierObject(this.principal, supplierId)) throw notFound('Supplier', supplierId);
    const limit = pageSize(first);
    const where: FilterQuery<Sku>[] = [{ supplierId }];
    if (after) {
      const [at, id] = decodeCursor(after, 2);
      where.push(keysetAfter(SKU_NEWEST, [new Date(Number(at)) as never, id!]) as FilterQuery<Sku>);
    }
    const rows = await this.em.find(Sku, { $and: where }, { orderBy: orderByOf(SKU_NEWEST), limit: limit + 1 });
    return toConnection(rows, limit, (s) => [s.createdAt.getTime(), s.id], Boolean(after));
  }

  categories(parentId: string | null): Promise<Category[]> {
    return this.em.find(Category, { parent: parentId === null ? null : Number(parentId) || 0 }, { orderBy: { id: 'ASC' } });
  }

  async brands(first?: number | null, after?: string | null): Promise<Connection<Brand>> {
    const limit = pageSize(first);
    const where: FilterQuery<Brand>[] = [];
    if (after) where.push(keysetAfter(BY_NAME, decodeCursor(after, 2)) as FilterQuery<Brand>);
    const rows = await this.em.find(Brand, where.length ? { $and: where } : {}, { orderBy: orderByOf(BY_NAME), limit: limit + 1 });
    return toConnection(rows, limit, (b) => [b.name, b.id], Boolean(after));
  }
}
