import type { SqlEntityManager } from '@mikro-orm/knex';
import type { QueryBuilder } from '@mikro-orm/knex';
import { AVAILABILITY_VERSION_SQL } from './stock-availability';
import { badInput } from '../../../core/errors';
import { BANK_ROLES, requireRole, UNSCOPED_ROLES, type Principal } from '../../../core/identity';
import { numericIds } from '../../../core/loaders';
import { isMySql, selectRows } from '../../../core/sql';
import { connectionTypeOf, type ReadFrom } from '../../../core/db';
import {
  decodeCursor,
  encodeCursor,
  keysetAfter,
  pageSize,
  type Connection,
  type CursorValue,
  type SortKey,
} from '../../../core/pagination';
import { Category } from '../entities/category';
import { Sku, SkuKind, SkuStatus, AccountRule, DeliveryMode } from '../entities/sku';

export interface PoolFilter {
  brandIds?: string[] | null;
  categoryId?: string | null;
  supplierIds?: string[] | null;
  minSupplierPriceFen?: number | null;
  maxSupplierPriceFen?: number | null;
  kind?: SkuKind | null;
  inStockOnly?: boolean | null;
  text?: string | null;
}

export enum PoolSort {
  NEWEST = 'NEWEST',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
  TITLE = 'TITLE',
}

/**
 * The return window of category `c` or, when it sets none, of its nearest ancestor that does (null:
 * none on the way to the root, so the platform default applies). Ancestors are the categories whose
 * `path` begins `c.path` ("/1/" of "/1/7/42/"); the longest such path is the nearest. INSTR works the
 * same in MariaDB and SQLite; the category tree is small, so the subquery is cheap.
 */
const NEAREST_RETURN_DAYS_SQL = `(SELECT a.return_days FROM category a
  WHERE a.return_days IS NOT NULL AND INSTR(c.path, a.path) = 1 ORDER BY LENGTH(a.path) DESC LIMIT 1)`;
/** Each sort is one indexed column plus the id tie-breaker (sku_newest, sku_price, sku_title). */
const SORTS: Record<PoolSort, SortKey[]> = {
  NEWEST: [
    { field: 'createdAt', direction: 'DESC' },
    { field: 'id', direction: 'DESC' },
  ],
  PRICE_ASC: [
    { field: 'supplierPriceFen', direction: 'ASC' },
    { field: 'id', direction: 'ASC' },
  ],
  PRICE_DESC: [
    { field: 'supplierPriceFen', direction: 'DESC' },
    { field: 'id', direction: 'DESC' },
  ],
  TITLE: [
    { field: 'title', direction: 'ASC' },
    { field: 'id', direction: 'ASC' },
  ],
};

export const MAX_CURATION_LIMIT = 5000;
const MAX_FILTER_IDS = 200;

/** Who browses the pool: bank staff curating malls, the platform, and internal services. */
const POOL_BROWSERS = [...BANK_ROLES, ...UNSCOPED_ROLES] as const;

/**
 * Search over the shared pool. Every filter is a column of `sku` (brand, supplier, category path,
 * price, kind copied from the product), every sort walks an index, and pages continue from a keyset
 * cursor in the expanded form — cost stays flat at 2M SKUs, never OFFSET.
 */
/** What the SKU facts need of a SKU. */
export type SkuFactsRow = Pick<
  Sku,
  'id' | 'supplierId' | 'supplierPriceFen' | 'listPriceFen' | 'kind' | 'status' | 'title'
> &
  Partial<Pick<Sku, 'deliveryMode' | 'accountRule' | 'partnerProductCode' | 'brandId' | 'categoryPath'>> & {
    /** Whether the SKU can be sold now (stock, or a card pool's codes), where the query read it. */
    inStock?: boolean;
    /** The version of that fact (services/stock-availability.ts), read in the same statement. */
    stockVersion?: number;
  };

/** A card SKU is in stock while its pool has an AVAILABLE code (its stock row's `available` is unused). */
const IN_STOCK_SQL = `(case when s.virtual_card_kind_id is null then exists (select 1 from stock st where st.sku_id = s.id and st.available > 0) else exists (select 1 from virtual_card_kind k where k.id = s.virtual_card_kind_id and k.available_codes > 0) end)`;

export class PoolSearchService {
  /**
   * `reads: 'replica'` sends the pool search (the page and its category lookup) to the catalog's read
   * replica when one is configured (PERKMALL_CATALOG_READ_REPLICA_URL): browsing tolerates a replica's
   * lag. Curation facts, stock and the checkout saga's reads use the default, the primary.
   */
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    private readonly reads: ReadFrom = 'primary',
  ) {}

  /**
   * The query for one page (exposed so a test can EXPLAIN exactly what runs). Wrapped in an object
   * because a QueryBuilder is thenable: awaiting it bare would run it.
   */
  async pageQuery(
    filter: PoolFilter,
    sort: PoolSort,
    limit: number,
    after?: string | null,
  ): Promise<{ qb: QueryBuilder<Sku> } | null> {
    const found = await this.filtered(filter);
    if (!found) return null;
    const { qb } = found;
    const keys = SORTS[sort];
    if (after) {
      const [tag, value, id] = decodeCursor(after, 3);
      if (tag !== sort || typeof id !== 'number' || value === null)
        throw badInput('`after` is not a cursor of this sort; start again without it.');
      const first = keys[0]!.field === 'createdAt' ? new Date(Number(value)) : value;
      qb.andWhere(keysetAfter(keys, [first as CursorValue, id]) as never);
    }
    qb.orderBy(Object.fromEntries(keys.map((k) => [k.field, k.direction]))).limit(limit + 1);
    if (sort === PoolSort.NEWEST && walksKindIndex(filter) && isMySql(this.em))
      // `kind` has two values, so InnoDB estimates any range on sku_kind_newest at half the table,
      // the same as the bare `kind = ?` lookup; MariaDB then takes that lookup and walks back from
      // the newest SKU of the kind, filtering the cursor (page 1000 read 21,000 rows). Naming the
      // index makes it range-scan (kind, created_at, id) from the cursor, as on page 1. Only when no
      // other filter has an index of its own (brand, supplier, category, price), which would be narrower.
      qb.indexHint('force index (sku_kind_newest)');
    return { qb };
  }

  async search(
    filter: PoolFilter,
    sort: PoolSort,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<Sku>> {
    requireRole(this.principal, ...POOL_BROWSERS);
    const limit = pageSize(first);
    const page = await this.pageQuery(filter, sort, limit, after);
    const rows = page ? await page.qb.getResultList() : [];
    const hasNextPage = rows.length > limit;
    const nodes = hasNextPage ? rows.slice(0, limit) : rows;
    const edges = nodes.map((node: Sku) => ({ node, cursor: encodeCursor([sort, sortValue(node, sort), node.id]) }));
    return {
      edges,
      pageInfo: {
        hasNextPage,
        hasPreviousPage: Boolean(after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }

  /** For tenants' mall curation: ACTIVE SKUs matching the filter, by id, strictly after `afterId`. */
  async curation(filter: PoolFilter, afterId: string | null | undefined, limit: number): Promise<Sku[]> {
    requireRole(this.principal, 'SERVICE');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CURATION_LIMIT)
      throw badInput(`limit must be 1–${MAX_CURATION_LIMIT}.`);
    const found = await this.filtered(filter);
    if (!found) return [];
    const { qb } = found;
    if (afterId != null) qb.andWhere({ id: { $gt: numericIds([afterId])[0] ?? 0 } });
    return qb.orderBy({ id: 'ASC' }).limit(limit).getResultList();
  }

  /**
   * Whether each of these SKUs is in stock now, with that fact's version (one statement; for tenants'
   * copy of the mall search facts).
   */
  async stockFacts(ids: number[]): Promise<Map<number, { inStock: boolean; stockVersion: number }>> {
    requireRole(this.principal, 'SERVICE');
    if (!ids.length) return new Map();
    const rows = await selectRows<{ id: number; in_stock: unknown; stock_version: unknown }>(
      this.em,
      `SELECT s.id, ${IN_STOCK_SQL} AS in_stock, ${AVAILABILITY_VERSION_SQL} AS stock_version FROM sku s WHERE s.id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return new Map(
      rows.map((r) => [Number(r.id), { inStock: Boolean(Number(r.in_stock)), stockVersion: Number(r.stock_version) }]),
    );
  }

  /**
   * The given SKUs in any status (unknown ids are absent), each with its supplier's shipping terms
   * and the return window of its category or, when that sets none, of its nearest ancestor that does,
   * in one statement (the checkout
   * saga's SKU facts: a purchase's statement count stays as it was).
   */
  async byIdsWithShipping(
    ids: string[],
  ): Promise<
    (SkuFactsRow & { shippingFeeFen: number; freeShippingOverFen: number | null; returnDays: number | null })[]
  > {
    requireRole(this.principal, 'SERVICE');
    if (ids.length > MAX_CURATION_LIMIT) throw badInput(`At most ${MAX_CURATION_LIMIT} ids.`);
    const numeric = numericIds(ids);
    if (!numeric.length) return [];
    const rows = await selectRows<Record<string, unknown>>(
      this.em,
      `SELECT s.id, s.supplier_id, s.supplier_price_fen, s.list_price_fen, s.kind, s.status, s.title,
              s.delivery_mode, s.account_rule, s.partner_product_code, sup.shipping_fee_fen, sup.free_shipping_over_fen,
              ${NEAREST_RETURN_DAYS_SQL} AS return_days, s.brand_id, s.category_path, ${IN_STOCK_SQL} AS in_stock,
              ${AVAILABILITY_VERSION_SQL} AS stock_version
       FROM sku s JOIN supplier sup ON sup.id = s.supplier_id LEFT JOIN category c ON c.id = s.category_id
       WHERE s.id IN (${numeric.map(() => '?').join(', ')}) ORDER BY s.id`,
      numeric,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      supplierId: Number(r.supplier_id),
      supplierPriceFen: Number(r.supplier_price_fen),
      listPriceFen: Number(r.list_price_fen),
      kind: r.kind as SkuKind,
      status: r.status as SkuStatus,
      title: String(r.title),
      deliveryMode: (r.delivery_mode ?? null) as DeliveryMode | null,
      accountRule: (r.account_rule ?? null) as AccountRule | null,
      partnerProductCode: (r.partner_product_code ?? null) as string | null,
      brandId: Number(r.brand_id),
      categoryPath: String(r.category_path),
      inStock: Boolean(Number(r.in_stock)),
      stockVersion: Number(r.stock_version),
      shippingFeeFen: Number(r.shipping_fee_fen),
      freeShippingOverFen: r.free_shipping_over_fen == null ? null : Number(r.free_shipping_over_fen),
      returnDays: r.return_days == null ? null : Number(r.return_days),
    }));
  }

  /**
   * ACTIVE SKUs matching the filter, or null when the filter can match nothing (unknown category,
   * no valid id in a list). An empty id list means "no restriction", as if omitted.
   */
  private async filtered(filter: PoolFilter): Promise<{ qb: QueryBuilder<Sku> } | null> {
    const connection = connectionTypeOf(this.reads);
    const qb = this.em.createQueryBuilder(Sku, 's', connection).select('s.*').where({ status: SkuStatus.ACTIVE });
    if (filter.brandIds != null && filter.brandIds.length > 0) {
      if (filter.brandIds.length > MAX_FILTER_IDS) throw badInput(`At most ${MAX_FILTER_IDS} brandIds.`);
      const ids = numericIds(filter.brandIds);
      if (ids.length === 0) return null;
      qb.andWhere({ brandId: ids.length === 1 ? ids[0] : { $in: ids } });
    }
    if (filter.supplierIds != null && filter.supplierIds.length > 0) {
      if (filter.supplierIds.length > MAX_FILTER_IDS) throw badInput(`At most ${MAX_FILTER_IDS} supplierIds.`);
      const ids = numericIds(filter.supplierIds);
      if (ids.length === 0) return null;
      qb.andWhere({ supplierId: ids.length === 1 ? ids[0] : { $in: ids } });
    }
    if (filter.categoryId != null) {
      const id = numericIds([filter.categoryId])[0];
      const category = id ? await this.em.findOne(Category, { id }, { connectionType: connection }) : null;
      if (!category) return null;
      // Materialised path: the category and all its descendants are one indexed prefix range.
      qb.andWhere({ categoryPath: { $like: `${category.path}%` } });
    }
    const min = filter.minSupplierPriceFen;
    const max = filter.maxSupplierPriceFen;
    for (const [name, v] of [
      ['minSupplierPriceFen', min],
      ['maxSupplierPriceFen', max],
    ] as const) {
      if (v != null && (!Number.isSafeInteger(v) || v < 0))
        throw badInput(`${name} must be a whole number of fen ≥ 0.`);
    }
    if (min != null) qb.andWhere({ supplierPriceFen: { $gte: min } });
    if (max != null) qb.andWhere({ supplierPriceFen: { $lte: max } });
    if (filter.kind != null) qb.andWhere({ kind: filter.kind });
    if (filter.text != null) {
      // LIKE wildcards in the user's text are dropped rather than escaped: escaping differs between dialects.
      const words = filter.text
        .replace(/[%_\\]/g, ' ')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .slice(0, 5);
      if (filter.text.length > 100) throw badInput('text must be at most 100 characters.');
      for (const w of words) qb.andWhere({ title: { $like: `%${w}%` } });
    }
    if (filter.inStockOnly) qb.andWhere(IN_STOCK_SQL);
    return { qb };
  }
}

/** A kind filter whose best index is sku_kind_newest: no other filter with an index of its own. */
function walksKindIndex(filter: PoolFilter): boolean {
  return (
    filter.kind != null &&
    !filter.brandIds?.length &&
    !filter.supplierIds?.length &&
    filter.categoryId == null &&
    filter.minSupplierPriceFen == null &&
    filter.maxSupplierPriceFen == null
  );
}

function sortValue(sku: Sku, sort: PoolSort): CursorValue {
  switch (sort) {
    case PoolSort.NEWEST:
      return sku.createdAt.getTime();
    case PoolSort.TITLE:
      return sku.title;
    default:
      return sku.supplierPriceFen;
  }
}
