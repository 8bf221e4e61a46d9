/**
 * The mall search (issue 22): a mall's listings by text, category (with its descendants), brand,
 * price band in points or in fen, stock, campaign and SKU, sorted featured-first, by price, newest or
 * best-selling, in keyset pages; and counts of what a filter finds by category, brand and price band.
 *
 * Everything it reads is a column of `listing` (the SKU's title, brand, category path and stock are
 * copied from the catalog: services/sku-search-facts.ts; `sales_count` from orders' paid orders;
 * `price_value` from the price) or the indexed `sku_search_term`, so a page is ONE statement and the
 * facets ONE more (over at most FACET_LISTINGS listings), whatever the page size and without calling
 * another subgraph. Each sort walks an index `(mall_id, <sort column>, id)` from the cursor as two
 * exact ranges (afterInSort), so page 1,000 costs what page 1 does (tenants README, "Mall search",
 * and bench/mall-search.ts).
 */
import type { QueryBuilder, SqlEntityManager } from '@mikro-orm/knex';
import { positiveIntFromEnv } from '../../../core/config';
import { badInput } from '../../../core/errors';
import { isReadOnly, plainResults } from '../../../core/loaders';
import { isMySql, selectRows } from '../../../core/sql';
import {
  decodeCursor,
  orderByOf,
  pageSize,
  toConnection,
  type Connection,
  type CursorValue,
  type SortKey,
} from '../../../core/pagination';
import { Bank } from '../entities/bank';
import { Listing, ListingStatus, PriceMode } from '../entities/listing';
import type { Mall } from '../entities/mall';
import { idOf } from './access';
import type { Audience } from './audience';
import { applyEligibility } from './eligibility';
import { MAX_SEARCH_TERMS, MAX_SEARCH_TEXT, textQuery } from './search-terms';

export enum ListingSort {
  FEATURED = 'FEATURED',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
  NEWEST = 'NEWEST',
  BEST_SELLING = 'BEST_SELLING',
}

export enum PriceUnit {
  POINTS = 'POINTS',
  FEN = 'FEN',
}

export interface PriceBand {
  unit: PriceUnit;
  min?: number | null;
  max?: number | null;
}

export interface ListingFilterValues {
  priceMode?: PriceMode | null;
  /** Staff only: listings in this status (shoppers always see ACTIVE ones). */
  status?: ListingStatus | null;
  featuredOnly?: boolean | null;
  skuIds?: string[] | null;
  /** Only listings in this campaign. */
  campaignId?: string | null;
  /** Words of the SKU's title (Chinese-aware: services/search-terms.ts). */
  text?: string | null;
  /** This category and its descendants. */
  categoryId?: string | null;
  /** Any of these brands. */
  brandIds?: string[] | null;
  /** The base price's value within a band, in points or in fen. */
  priceBand?: PriceBand | null;
  /** Only listings whose SKU has stock (or card codes) left. */
  inStockOnly?: boolean | null;
  /** Staff only: true = only listings the price guard flagged or paused; false = only the others. */
  priceGuarded?: boolean | null;
}

export interface CategoryFacet {
  categoryId: number;
  count: number;
}
export interface BrandFacet {
  brandId: number;
  count: number;
}
export interface PriceBandFacet {
  unit: PriceUnit;
  min: number;
  max: number | null;
  count: number;
}
export interface ListingFacets {
  /** Listings counted: all the filter finds when `exhaustive`, else the first FACET_LISTINGS (a lower bound). */
  total: number;
  /** Whether every listing the filter finds was counted. */
  exhaustive: boolean;
  categories: CategoryFacet[];
  brands: BrandFacet[];
  priceBands: PriceBandFacet[];
}

/** Each sort: one column of an index `(mall_id, column, id)` plus the id tie-breaker. */
const SORTS: Record<ListingSort, SortKey[]> = {
  FEATURED: [
    { field: 'featuredRank', direction: 'DESC' },
    { field: 'id', direction: 'DESC' },
  ],
  PRICE_ASC: [
    { field: 'priceValue', direction: 'ASC' },
    { field: 'id', direction: 'ASC' },
  ],
  PRICE_DESC: [
    { field: 'priceValue', direction: 'DESC' },
    { field: 'id', direction: 'DESC' },
  ],
  NEWEST: [
    { field: 'createdAt', direction: 'DESC' },
    { field: 'id', direction: 'DESC' },
  ],
  BEST_SELLING: [
    { field: 'salesCount', direction: 'DESC' },
    { field: 'id', direction: 'DESC' },
  ],
};

/** The index each sort walks. */
const SORT_INDEX: Record<ListingSort, string> = {
  FEATURED: 'listing_mall_rank',
  PRICE_ASC: 'listing_mall_price',
  PRICE_DESC: 'listing_mall_price',
  NEWEST: 'listing_mall_newest',
  BEST_SELLING: 'listing_mall_sales',
};

/**
 * The index a brand filter walks instead: `(mall_id, brand_id, column, id)`, so a few brands of a big
 * mall read their own listings rather than the whole mall's (five brands of 3,000 at 2M: 16,452 rows
 * read for page 1 along the sort's index).
 */
const BRAND_SORT_INDEX: Record<ListingSort, string> = {
  FEATURED: 'listing_mall_brand_rank',
  PRICE_ASC: 'listing_mall_brand_price',
  PRICE_DESC: 'listing_mall_brand_price',
  NEWEST: 'listing_mall_brand_newest',
  BEST_SELLING: 'listing_mall_brand_sales',
};

/** A word on at most this many SKUs is read from the word index rather than met along a sort's index. */
export const RARE_TERM = 5000;

export const MAX_FILTER_BRANDS = 50;
/** Brands a facet lists (the most frequent). */
export const MAX_BRAND_FACETS = 50;
/**
 * The facets count at most this many listings (the first ones in the requested sort), as search
 * engines do (Algolia's exhaustiveFacetsCount, Meilisearch's estimatedTotalHits): counting all
 * 200,000 listings of 耳机 took 10 s at 2M listings. PERKMALL_FACETS_MAX_LISTINGS overrides it.
 */
export const DEFAULT_FACET_LISTINGS = 10_000;
export const FACET_LISTINGS = positiveIntFromEnv('PERKMALL_FACETS_MAX_LISTINGS', DEFAULT_FACET_LISTINGS);
/** Price band edges, in CNY (the last band is open). */
export const PRICE_BAND_EDGES_YUAN = [0, 10, 50, 100, 200, 500, 1000, 2000, 5000];

/** Per request (its EntityManager): whether a set of words has a rare one. */
const rarityByRequest = new WeakMap<SqlEntityManager, Map<string, Promise<boolean>>>();

const problem = (field: string, message: string) => badInput(`${field} ${message}`, [{ field, message }]);

export class MallSearch {
  constructor(private readonly em: SqlEntityManager) {}

  /** One page: a single statement. */
  async page(
    mall: Mall,
    audience: Audience,
    now: Date,
    filter: ListingFilterValues,
    sort: ListingSort,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<Listing>> {
    const limit = pageSize(first);
    const page = await this.pageQuery(mall, audience, now, filter, sort, limit, after);
    if (!page) return toConnection([], limit, () => [], Boolean(after));
    const { qb } = page;
    // A query reads plain rows; a mutation's answer may show listings it has just changed.
    const rows = isReadOnly(this.em) ? await plainResults(this.em, Listing, qb) : await qb.getResultList();
    return toConnection(rows, limit, (l) => cursorOf(l, sort), Boolean(after));
  }

  /**
   * The statement of one page (exposed so tests and the bench can EXPLAIN exactly what runs);
   * wrapped because a QueryBuilder is thenable.
   */
  async pageQuery(
    mall: Mall,
    audience: Audience,
    now: Date,
    filter: ListingFilterValues,
    sort: ListingSort,
    limit: number,
    after?: string | null,
  ): Promise<{ qb: QueryBuilder<Listing> } | null> {
    const keys = SORTS[sort];
    // Checked before any statement runs.
    const from = after ? cursorAfter(after, sort) : null;
    const { qb, terms } = await this.filtered(mall, audience, now, filter);
    if (from) qb.andWhere(afterInSort(keys, from as CursorValue[]) as never);
    qb.orderBy(orderByOf(keys)).limit(limit + 1);
    // Which way to read: left alone, MariaDB reads a deep page's `mall_id = ?` as a ref lookup and
    // walks the mall from its first row, filtering the cursor (page 90 read 1,801 rows, page 1 21).
    // Walking the sort's index from the cursor costs page N what page 1 costs, as long as the rows it
    // meets match often enough — not for a rare word, which is cheaper read from the word index
    // (all its SKUs, then sorted: the same for every page). A word is rare when at most RARE_TERM
    // SKUs have it (one bounded statement counts it); a list of SKU ids has its own unique index, and
    // a campaign's listings are best found from the campaign. A brand filter walks the same sort
    // within its brands (`(mall_id, brand_id, column, id)`): one brand in order, several as ranges
    // whose rows are then sorted (all of their listings after the cursor).
    if (
      isMySql(this.em) &&
      !filter.skuIds?.length &&
      !filter.campaignId &&
      !(terms.length && (await this.hasRareTerm(terms)))
    )
      qb.indexHint(`force index (${(filter.brandIds?.length ? BRAND_SORT_INDEX : SORT_INDEX)[sort]})`);
    return { qb };
  }

  /**
   * What the filter finds, counted by category (the children of the filter's category, or the top
   * level, each with its descendants), brand (the 50 most frequent) and price band: one statement.
   * It reads at most `cap` listings + 1: when the filter finds more, `exhaustive` is false, `total` is
   * `cap` (a lower bound) and the counts are over the first `cap` listings the database meets — in no
   * particular order, because that is the cheap way: a word's listings in its index's order, the
   * mall's in its primary key's (at 2M listings, 10,001 of 耳机 in 0.1–0.2 s, the same along the price
   * index 2.6 s: every row a random read). `cap` null counts everything (the bench's baseline).
   * Bands are in `unit` (default: the filter's band unit, else fen).
   */
  async facets(
    mall: Mall,
    audience: Audience,
    now: Date,
    filter: ListingFilterValues,
    unit?: PriceUnit | null,
    cap: number | null = FACET_LISTINGS,
  ): Promise<ListingFacets> {
    const bandUnit = unit ?? filter.priceBand?.unit ?? PriceUnit.FEN;
    const { sql, bindings } = await this.facetsQuery(mall, audience, now, filter, cap);
    const ppy = await this.pointsPerYuan(mall);
    const edges = PRICE_BAND_EDGES_YUAN.slice(1).map((yuan) => yuan * 100 * ppy);
    if (cap == null) {
      // Everything, grouped by the combined key in one pass.
      const band = `CASE ${edges.map((e, i) => `WHEN price_value < ${e} THEN ${i}`).join(' ')} ELSE ${edges.length} END`;
      const rows = await selectRows<FacetRow>(
        this.em,
        `SELECT category_path, brand_id, ${band} AS band, COUNT(*) AS n FROM (${sql}) m GROUP BY category_path, brand_id, band`,
        bindings,
      );
      return { ...foldFacets(rows, filter, bandUnit, ppy), exhaustive: true };
    }
    // At most cap + 1 rows of three columns, folded here: the extra row only says there is more.
    const found = await selectRows<{ category_path: string | null; brand_id: number | null; price_value: number }>(
      this.em,
      sql,
      bindings,
    );
    const rows = found.slice(0, cap).map((r) => ({
      category_path: r.category_path,
      brand_id: r.brand_id,
      band: bandOf(Number(r.price_value), edges),
      n: 1,
    }));
    return { ...foldFacets(rows, filter, bandUnit, ppy), exhaustive: found.length <= cap };
  }

  /**
   * The facets' statement (exposed for the bench): the category path, brand and price value of at
   * most `cap` + 1 listings the filter finds, or (`cap` null) of all of them. Unordered, and without
   * an index hint, MariaDB reads a word's listings from the word index and a mall's by its `mall_id`
   * index (primary key order); a brand filter reads its brands' listings from their index.
   */
  async facetsQuery(
    mall: Mall,
    audience: Audience,
    now: Date,
    filter: ListingFilterValues,
    cap: number | null,
  ): Promise<{ sql: string; bindings: unknown[] }> {
    const { qb } = await this.filtered(mall, audience, now, filter, true);
    qb.select(['categoryPath', 'brandId', 'priceValue']);
    if (cap != null) {
      qb.limit(cap + 1);
      if (isMySql(this.em) && filter.brandIds?.length && !filter.skuIds?.length && !filter.campaignId && !filter.text)
        qb.indexHint(`force index (${BRAND_SORT_INDEX[ListingSort.NEWEST]})`);
    }
    const { sql, bindings } = qb.getKnexQuery().toSQL();
    return { sql, bindings: [...bindings] };
  }

  /**
   * The mall's listings the audience may see that match the filter, as a query builder. Bad input is
   * refused here, before anything runs.
   */
  private async filtered(
    mall: Mall,
    audience: Audience,
    now: Date,
    filter: ListingFilterValues,
    forFacets = false,
  ): Promise<{ qb: QueryBuilder<Listing>; terms: string[] }> {
    const text = checkText(filter.text);
    const band = checkBand(filter.priceBand);
    if (filter.skuIds && filter.skuIds.length > 100)
      throw badInput('filter.skuIds takes at most 100 ids.', [{ field: 'filter.skuIds', message: 'at most 100' }]);
    if (filter.brandIds && filter.brandIds.length > MAX_FILTER_BRANDS)
      throw problem('filter.brandIds', `takes at most ${MAX_FILTER_BRANDS} ids.`);
    const skuIds = filter.skuIds?.length ? filter.skuIds.map((s) => idOf('Sku', s)) : null;
    const brandIds = filter.brandIds?.length ? filter.brandIds.map((b) => idOf('Brand', b)) : null;
    const categoryId = filter.categoryId != null ? idOf('Category', filter.categoryId) : null;
    const campaignId = filter.campaignId ? idOf('Campaign', filter.campaignId) : null;

    const qb = this.em.createQueryBuilder(Listing, 'l').where({ mall: mall.id });
    if (audience.kind === 'SHOPPER') applyEligibility(qb, audience, now, this.em.getPlatform());
    else {
      if (filter.status) qb.andWhere({ status: filter.status });
      if (filter.priceGuarded != null) qb.andWhere({ priceGuard: filter.priceGuarded ? { $ne: null } : null });
    }
    if (filter.priceMode) qb.andWhere({ priceMode: filter.priceMode });
    if (filter.featuredOnly) qb.andWhere({ featuredRank: { $gt: 0 } });
    if (skuIds) qb.andWhere({ skuId: { $in: skuIds } });
    if (campaignId != null)
      qb.andWhere('exists (select 1 from campaign_listing cf where cf.listing_id = l.id and cf.campaign_id = ?)', [
        campaignId,
      ]);
    if (brandIds) qb.andWhere({ brandId: { $in: brandIds } });
    // The path lists every ancestor ("/1/7/42/"), so a category's descendants all carry "/7/".
    if (categoryId != null) qb.andWhere({ categoryPath: { $like: `%/${categoryId}/%` } });
    if (filter.inStockOnly) qb.andWhere({ inStock: true });
    if (band) {
      // price_value = points × 100 + fen × pointsPerYuan: a band in points is × 100, in fen × pointsPerYuan.
      const scale = band.unit === PriceUnit.POINTS ? 100 : await this.pointsPerYuan(mall);
      if (band.min != null) qb.andWhere({ priceValue: { $gte: band.min * scale } });
      if (band.max != null) qb.andWhere({ priceValue: { $lte: band.max * scale } });
    }
    if (text) {
      for (const term of text.terms)
        qb.andWhere(
          forFacets
            ? // Inside the facets' CTE MariaDB keeps an EXISTS as a dependent subquery run for every listing
              // of the mall (31 s at 2M); IN becomes a semi-join read from the word index (1.7 s).
              'l.sku_id in (select st.sku_id from sku_search_term st where st.term = ?)'
            : 'exists (select 1 from sku_search_term st where st.term = ? and st.sku_id = l.sku_id)',
          [term],
        );
      // Phrases are runs of CJK characters only: no LIKE wildcard can be among them.
      for (const phrase of text.phrases) qb.andWhere({ skuTitle: { $like: `%${phrase}%` } });
    }
    // Wrapped: a QueryBuilder is thenable, so returning it bare from an async function would run it.
    return { qb, terms: text?.terms ?? [] };
  }

  /** Whether one of the terms is on at most RARE_TERM SKUs: one statement, reading at most RARE_TERM + 1 index entries a term. */
  private async hasRareTerm(terms: string[]): Promise<boolean> {
    // A request that asks for a page and its facets (resolved side by side) counts the words once.
    const known = rarityByRequest.get(this.em) ?? new Map<string, Promise<boolean>>();
    rarityByRequest.set(this.em, known);
    const key = [...terms].sort().join(' ');
    let rare = known.get(key);
    if (!rare) known.set(key, (rare = this.countRareTerm(terms)));
    return rare;
  }

  private async countRareTerm(terms: string[]): Promise<boolean> {
    const rows = await selectRows<{ n: number }>(
      this.em,
      terms
        .map(
          () =>
            `SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM sku_search_term WHERE term = ? LIMIT ${RARE_TERM + 1}) x) AS n`,
        )
        .join(' UNION ALL '),
      terms,
    );
    return rows.some((r) => Number(r.n) <= RARE_TERM);
  }

  private async pointsPerYuan(mall: Mall): Promise<number> {
    return (await this.em.findOneOrFail(Bank, mall.bank.id)).pointsPerYuan;
  }
}

type FacetRow = { category_path: string | null; brand_id: number | null; band: number; n: number };

/** The band of a price value: the index of the first edge above it (edges ascending). */
function bandOf(value: number, edges: number[]): number {
  const i = edges.findIndex((e) => value < e);
  return i < 0 ? edges.length : i;
}

/** Counts (per category path, brand and band) folded into the facets. */
function foldFacets(
  rows: FacetRow[],
  filter: ListingFilterValues,
  bandUnit: PriceUnit,
  ppy: number,
): Omit<ListingFacets, 'exhaustive'> {
  const within = filter.categoryId != null ? idOf('Category', filter.categoryId) : null;
  const categories = new Map<number, number>();
  const brands = new Map<number, number>();
  const bands = new Map<number, number>();
  let total = 0;
  const add = (m: Map<number, number>, k: number, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    const ids = String(r.category_path ?? '')
      .split('/')
      .filter(Boolean)
      .map(Number);
    const at = within == null ? -1 : ids.indexOf(within);
    const id = within == null ? ids[0] : (ids[at + 1] ?? within);
    if (id != null) add(categories, id, n);
    if (r.brand_id != null) add(brands, Number(r.brand_id), n);
    add(bands, Number(r.band), n);
  }
  const scale = bandUnit === PriceUnit.FEN ? 100 : ppy;
  const mostFirst = (m: Map<number, number>) => [...m].sort(([ka, a], [kb, b]) => b - a || ka - kb);
  return {
    total,
    categories: mostFirst(categories).map(([categoryId, count]) => ({ categoryId, count })),
    brands: mostFirst(brands)
      .slice(0, MAX_BRAND_FACETS)
      .map(([brandId, count]) => ({ brandId, count })),
    priceBands: [...bands]
      .sort(([a], [b]) => a - b)
      .map(([i, count]) => {
        const next = PRICE_BAND_EDGES_YUAN[i + 1];
        return {
          unit: bandUnit,
          min: PRICE_BAND_EDGES_YUAN[i]! * scale,
          max: next == null ? null : next * scale,
          count,
        };
      }),
  };
}

function checkText(text: string | null | undefined) {
  if (text == null) return null;
  if ([...text].length > MAX_SEARCH_TEXT)
    throw problem('filter.text', `must be at most ${MAX_SEARCH_TEXT} characters.`);
  if (!text.trim()) return null;
  const query = textQuery(text);
  if (!query) throw problem('filter.text', 'has no letters, digits or Chinese characters to search for.');
  if (query.terms.length + query.phrases.length > MAX_SEARCH_TERMS)
    throw problem('filter.text', `asks for too many words (at most ${MAX_SEARCH_TERMS}); shorten it.`);
  return query;
}

function checkBand(band: PriceBand | null | undefined): PriceBand | null {
  if (band == null) return null;
  const { min, max } = band;
  if (min == null && max == null) throw problem('filter.priceBand', 'needs min, max or both.');
  for (const [name, v] of [
    ['min', min],
    ['max', max],
  ] as const)
    if (v != null && (!Number.isSafeInteger(v) || v < 0 || v > 1_000_000_000_000))
      throw problem(`filter.priceBand.${name}`, 'must be a whole number from 0 to 10^12.');
  if (min != null && max != null && min > max) throw problem('filter.priceBand', 'min must not be above max.');
  return band;
}

/**
 * Strictly after the cursor in a sort `(column, id)`: `column < v OR (column = v AND id < c)` (for a
 * descending sort). MariaDB reads that as two exact ranges of the sort's index. The form
 * `column <= v AND (column < v OR id < c)` (core's keysetAfter) gives it only `column <= v`, so within
 * a run of listings sharing the cursor's value it read the run from its start: page 1000 of
 * featured-first, inside the 99 % with rank 0, read 155 rows for 21, and the deeper into the run the more.
 */
function afterInSort(keys: SortKey[], values: CursorValue[]): Record<string, unknown> {
  const [a, b] = keys as [SortKey, SortKey];
  const beyond = (k: SortKey) => (k.direction === 'ASC' ? '$gt' : '$lt');
  return {
    $or: [{ [a.field]: { [beyond(a)]: values[0] } }, { [a.field]: values[0], [b.field]: { [beyond(b)]: values[1] } }],
  };
}

function cursorAfter(after: string, sort: ListingSort): CursorValue[] | Date[] {
  if (sort === ListingSort.FEATURED) return decodeCursor(after, 2);
  const [tag, value, id] = decodeCursor(after, 3);
  if (tag !== sort || typeof value !== 'number' || typeof id !== 'number')
    throw badInput('`after` is not a cursor of this sort; start again without it.');
  return [(sort === ListingSort.NEWEST ? new Date(value) : value) as never, id];
}

/** The cursor of a listing in a sort (also for the bench, which builds deep cursors). */
export function cursorOf(
  l: Pick<Listing, 'id' | 'featuredRank' | 'createdAt' | 'salesCount' | 'priceValue'>,
  sort: ListingSort,
): CursorValue[] {
  switch (sort) {
    case ListingSort.FEATURED:
      return [l.featuredRank, l.id];
    case ListingSort.NEWEST:
      return [sort, new Date(l.createdAt).getTime(), l.id];
    case ListingSort.BEST_SELLING:
      return [sort, Number(l.salesCount), l.id];
    default:
      return [sort, Number(l.priceValue), l.id];
  }
}
