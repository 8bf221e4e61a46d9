/**
 * PROVISIONAL (written on branch `tenants` so bulk curation can be tested before the catalog
 * branch lands): the pool queries tenants uses for curation. The catalog engineer's version
 * replaces this file on merge; the GraphQL contract in curation.resolver.ts is the fixed part.
 */
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Category } from '../entities/category';
import { Sku, SkuKind, SkuStatus } from '../entities/sku';

export interface SkuPoolFilterValues {
  brandIds?: number[] | null;
  categoryId?: number | null;
  supplierIds?: number[] | null;
  minSupplierPriceFen?: number | null;
  maxSupplierPriceFen?: number | null;
  kind?: SkuKind | null;
  inStockOnly?: boolean | null;
  text?: string | null;
}

export class CurationService {
  constructor(private readonly em: EntityManager) {}

  /** ACTIVE SKUs matching the filter, id ascending, strictly after `afterId`. */
  async page(filter: SkuPoolFilterValues, afterId: number | null, limit: number): Promise<Sku[]> {
    const qb = (this.em as SqlEntityManager).createQueryBuilder(Sku, 's').where({ status: SkuStatus.ACTIVE });
    if (afterId !== null) qb.andWhere({ id: { $gt: afterId } });
    if (filter.brandIds?.length) qb.andWhere({ brandId: { $in: filter.brandIds } });
    if (filter.supplierIds?.length) qb.andWhere({ supplierId: { $in: filter.supplierIds } });
    if (filter.minSupplierPriceFen != null) qb.andWhere({ supplierPriceFen: { $gte: filter.minSupplierPriceFen } });
    if (filter.maxSupplierPriceFen != null) qb.andWhere({ supplierPriceFen: { $lte: filter.maxSupplierPriceFen } });
    if (filter.kind) qb.andWhere({ kind: filter.kind });
    if (filter.text?.trim()) qb.andWhere({ title: { $like: `%${filter.text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` } });
    if (filter.categoryId != null) {
      const category = await this.em.findOne(Category, filter.categoryId);
      if (!category) return [];
      qb.andWhere({ categoryPath: { $like: `${category.path}%` } });
    }
    if (filter.inStockOnly) qb.andWhere('exists (select 1 from stock st where st.sku_id = s.id and st.available > 0)');
    return qb.orderBy({ id: 'ASC' }).limit(limit).getResultList();
  }

  byIds(ids: number[]): Promise<Sku[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.em.find(Sku, { id: { $in: ids } }, { orderBy: { id: 'ASC' } });
  }
}
