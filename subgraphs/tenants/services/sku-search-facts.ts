/**
 * The mall search's copy of catalog facts: each listing carries its SKU's title, brand, category
 * path and in-stock flag, and `sku_search_term` the SKU's words (services/search-terms.ts), so a
 * search is one SQL statement over `listing` in tenants, never a call to the catalog per row. The
 * catalog announces changes (`catalog.sku-sale-status-changed`: status, and titles of changed SKUs;
 * `catalog.sku-availability-changed`: stock or a card pool crossed zero); `refreshSkuAvailability`
 * reads the present facts back and rewrites them here, "in stock" only when the read is at least as
 * new as the copy (its `in_stock_version`).
 */
import type { SqlEntityManager } from '@mikro-orm/knex';
import { affectedRows, insertIgnoringDuplicates, placeholders, selectRows } from '../../../core/sql';
import type { CurationSku } from './catalog-client';
import { titleTerms } from './search-terms';

/** The facts a listing copies from its SKU (columns of `listing`). */
export function listingFactsOf(sku: CurationSku): {
  skuTitle: string;
  brandId: number | null;
  categoryPath: string;
  inStock: boolean;
  inStockVersion: number;
} {
  return {
    skuTitle: sku.title.slice(0, 200),
    brandId: sku.brandId != null ? Number(sku.brandId) : null,
    categoryPath: sku.categoryPath ?? '',
    inStock: sku.inStock ?? true,
    inStockVersion: sku.stockVersion ?? 0,
  };
}

const TERM_ROWS_PER_INSERT = 1000;
const SKUS_PER_UPDATE = 200;

/** Adds the SKUs' terms that are missing (new listings; a SKU already listed elsewhere has them). */
export async function addSkuTerms(em: SqlEntityManager, skus: CurationSku[]): Promise<void> {
  const rows = skus.flatMap((s) => titleTerms(s.title).map((term) => ({ term, sku_id: Number(s.id) })));
  for (let i = 0; i < rows.length; i += TERM_ROWS_PER_INSERT)
    await insertIgnoringDuplicates(em, 'sku_search_term', rows.slice(i, i + TERM_ROWS_PER_INSERT), ['term', 'sku_id']);
}

/**
 * Rewrites the facts of every listing of these SKUs, and their terms, from the catalog's present
 * state. SKUs no mall lists are skipped. Statements: one read, then per 200 listed SKUs one UPDATE and
 * one DELETE, plus one INSERT per 1,000 terms. `onlyListingIds` (the backfill's claimed rows) limits
 * the rewrite to those listings, and the terms are then only added (never deleted), so two
 * backfills never wait on each other's rows.
 */
export async function rewriteSkuFacts(
  em: SqlEntityManager,
  skus: CurationSku[],
  onlyListingIds?: number[],
): Promise<void> {
  if (!skus.length) return;
  const ids = skus.map((s) => Number(s.id));
  const listed = onlyListingIds
    ? new Set(ids)
    : new Set(
        (
          await selectRows<{ sku_id: number }>(
            em,
            `SELECT DISTINCT sku_id FROM listing WHERE sku_id IN (${placeholders(ids.length)})`,
            ids,
          )
        ).map((r) => Number(r.sku_id)),
      );
  const only = onlyListingIds?.length ? ` AND id IN (${placeholders(onlyListingIds.length)})` : '';
  const todo = skus.filter((s) => listed.has(Number(s.id)));
  for (let i = 0; i < todo.length; i += SKUS_PER_UPDATE) {
    const chunk = todo.slice(i, i + SKUS_PER_UPDATE);
    const facts = chunk.map((s) => [Number(s.id), listingFactsOf(s)] as const);
    const cases = (column: string, value: (f: ReturnType<typeof listingFactsOf>) => unknown) => ({
      sql: `${column} = CASE sku_id ${facts.map(() => 'WHEN ? THEN ?').join(' ')} END`,
      params: facts.flatMap(([id, f]) => [id, value(f)]),
    });
    // "In stock" only from a read at least as new as the copy's (the catalog's version of it): a late
    // or repeated delivery read before the last crossing of zero leaves the newer copy alone. It is
    // set before its version: MariaDB assigns left to right, each seeing the ones before.
    const newer = (column: string, value: (f: ReturnType<typeof listingFactsOf>) => unknown) => ({
      sql: `${column} = CASE sku_id ${facts.map(() => `WHEN ? THEN CASE WHEN in_stock_version <= ? THEN ? ELSE ${column} END`).join(' ')} END`,
      params: facts.flatMap(([id, f]) => [id, f.inStockVersion, value(f)]),
    });
    const sets = [
      cases('sku_title', (f) => f.skuTitle),
      cases('brand_id', (f) => f.brandId),
      cases('category_path', (f) => f.categoryPath),
      newer('in_stock', (f) => f.inStock),
      newer('in_stock_version', (f) => f.inStockVersion),
    ];
    const chunkIds = facts.map(([id]) => id);
    await affectedRows(
      em,
      `UPDATE listing SET ${sets.map((s) => s.sql).join(', ')} WHERE sku_id IN (${placeholders(chunkIds.length)})${only}`,
      [...sets.flatMap((s) => s.params), ...chunkIds, ...(onlyListingIds ?? [])],
    );
    if (!onlyListingIds)
      await affectedRows(
        em,
        `DELETE FROM sku_search_term WHERE sku_id IN (${placeholders(chunkIds.length)})`,
        chunkIds,
      );
    await addSkuTerms(em, chunk);
  }
}
