import type { SqlEntityManager } from '@mikro-orm/knex';
import type { BackgroundTask } from '../../../core/background';
import { positiveIntFromEnv } from '../../../core/config';
import type { Logger } from '../../../core/logger';
import { forUpdate, inTransaction, selectRows, skipLocked } from '../../../core/sql';
import { CatalogClient } from './catalog-client';
import { rewriteSkuFacts } from './sku-search-facts';

/** Listings per batch: at most as many SKUs, what one `curationSkusByIds` read answers. */
export const BACKFILL_BATCH = 1000;

/**
 * Fills the mall search's copy of catalog facts (title, brand, category, in stock, words) for
 * listings that have none — rows from before those columns existed (`sku_title` still '') — in
 * batches of up to 1,000 listings, walking listing ids upwards from `afterId`.
 *
 * A batch reads candidates without locks, then claims those still missing facts with a locking read
 * that skips rows another backfill holds (`FOR UPDATE SKIP LOCKED`; SQLite has one writer at a
 * time), asks the catalog for their SKUs' present facts and writes them, all in one transaction: two
 * processes running it at once fill disjoint rows and never wait on each other. Stopping anywhere
 * loses nothing; the next run finds what is still missing. A SKU the catalog no longer knows stays
 * without facts (its listings are off sale) and is looked at again by the next run.
 */
export class SearchFactsBackfill {
  private stopping = false;

  constructor(
    private readonly em: SqlEntityManager,
    private readonly log: Logger,
    private readonly catalog = new CatalogClient(),
    private readonly batchSize = BACKFILL_BATCH,
  ) {}

  /** One batch after `afterId`: the listings filled and the last id looked at; null when none is left. */
  async batch(afterId: number): Promise<{ filled: number[]; lastId: number } | null> {
    const candidates = await selectRows<{ id: number }>(
      this.em.fork(),
      `SELECT id FROM listing WHERE id > ? AND sku_title = ? ORDER BY id LIMIT ${this.batchSize}`,
      [afterId, ''],
    );
    if (!candidates.length) return null;
    const ids = candidates.map((c) => Number(c.id));
    const filled = await inTransaction(this.em.fork(), async (tx) => {
      const claimed = await selectRows<{ id: number; sku_id: number }>(
        tx,
        `SELECT id, sku_id FROM listing WHERE id IN (${ids.map(() => '?').join(', ')}) AND sku_title = ?${forUpdate(tx)}${skipLocked(tx)}`,
        [...ids, ''],
      );
      if (!claimed.length) return [];
      const skus = await this.catalog.byIds([...new Set(claimed.map((c) => Number(c.sku_id)))]);
      const listingIds = claimed.map((c) => Number(c.id));
      await rewriteSkuFacts(tx, [...skus.values()], listingIds);
      return listingIds.filter((_, i) => skus.has(Number(claimed[i]!.sku_id)));
    });
    return { filled, lastId: ids[ids.length - 1]! };
  }

  /** Every batch from the first listing on; returns the listings filled. */
  async run(): Promise<number> {
    let afterId = 0;
    let filled = 0;
    for (;;) {
      if (this.stopping) return filled;
      const done = await this.batch(afterId);
      if (!done) break;
      filled += done.filled.length;
      afterId = done.lastId;
    }
    if (filled) this.log.info('search facts backfilled', { listings: filled });
    return filled;
  }

  /**
   * In every tenants process, every `PERKMALL_SEARCH_FACTS_BACKFILL_MS` (default an hour; the first
   * run that long after boot): a run that finds nothing costs one read of the listing table.
   */
  task(): BackgroundTask {
    return {
      name: 'search-facts-backfill',
      intervalMs: positiveIntFromEnv('PERKMALL_SEARCH_FACTS_BACKFILL_MS', 60 * 60_000),
      run: async () => void (await this.run()),
      stop: () => {
        this.stopping = true;
      },
    };
  }
}
