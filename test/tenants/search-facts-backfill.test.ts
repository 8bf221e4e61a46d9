import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { startTestSystem, type TestSystem } from '../harness';
import { waitFor } from '../logistics/helpers';
import { selectRows, affectedRows } from '../../core/sql';
import { Logger } from '../../core/logger';
import { SearchFactsBackfill } from '../../subgraphs/tenants/services/search-facts-backfill';

/**
 * Issue 22: listings from before the mall search's columns (no title, brand, category) get their
 * catalog facts from a background backfill in tenants, in batches, safely run by two processes at once.
 */
interface Facts {
  id: number;
  sku_title: string;
  brand_id: number | null;
  category_path: string;
}

describe('the search facts backfill fills listings that have none', () => {
  let sys: TestSystem;
  let em: SqlEntityManager;
  let listings: Facts[];

  before(async () => {
    sys = await startTestSystem({ env: { PERKMALL_SEARCH_FACTS_BACKFILL_MS: '1500' } });
    em = (await sys.orm('tenants')).em.fork() as SqlEntityManager;
    listings = await selectRows<Facts>(
      em,
      "SELECT id, sku_title, brand_id, category_path FROM listing WHERE sku_title <> '' ORDER BY id LIMIT 12",
    );
    assert.equal(listings.length, 12, 'the seed lists at least 12 SKUs');
  });
  after(async () => {
    await sys?.stop();
  });

  /** Makes listings look as they did before the search columns existed. */
  const forget = (ids: number[]) =>
    affectedRows(
      em,
      `UPDATE listing SET sku_title = '', brand_id = NULL, category_path = '' WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
  const factsOf = async (ids: number[]) =>
    selectRows<Facts>(
      em,
      `SELECT id, sku_title, brand_id, category_path FROM listing WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`,
      ids,
    );
  const normal = (rows: Facts[]) =>
    rows.map((r) => ({ ...r, id: Number(r.id), brand_id: r.brand_id == null ? null : Number(r.brand_id) }));

  it('the running subgraph fills listings whose facts were nulled, with the catalog’s facts', async () => {
    const some = listings.slice(0, 4);
    const ids = some.map((l) => Number(l.id));
    assert.equal(await forget(ids), 4);
    await waitFor(
      'the background backfill to fill them',
      async () => (await factsOf(ids)).every((r) => r.sku_title !== ''),
      15_000,
    );
    assert.deepEqual(normal(await factsOf(ids)), normal(some));
  });

  it('two backfills running at once fill every listing exactly once between them, in small batches', async () => {
    // Without the subgraph's own backfill, so the two below are the only ones.
    await sys.stack.stopComponent('tenants');
    try {
      process.env.PERKMALL_CATALOG_URL = `${sys.stack.urls.catalog}/graphql`;
      const some = listings.slice(4);
      const ids = some.map((l) => Number(l.id));
      assert.equal(await forget(ids), 8);
      const log = new Logger('tenants');
      const filledBy = async (backfill: SearchFactsBackfill) => {
        const filled: number[] = [];
        for (let afterId = 0; ;) {
          const b = await backfill.batch(afterId);
          if (!b) return filled;
          filled.push(...b.filled);
          afterId = b.lastId;
        }
      };
      const [a, b] = await Promise.all([
        filledBy(new SearchFactsBackfill(em.fork(), log, undefined, 2)),
        filledBy(new SearchFactsBackfill(em.fork(), log, undefined, 2)),
      ]);
      assert.deepEqual(
        [...a, ...b].sort((x, y) => x - y),
        ids,
        `each listing filled once: ${JSON.stringify({ a, b })}`,
      );
      assert.deepEqual(normal(await factsOf(ids)), normal(some));
      // Nothing is left: a further run finds nothing.
      assert.equal(await new SearchFactsBackfill(em.fork(), log).run(), 0);
    } finally {
      await sys.stack.startComponent('tenants');
    }
  });
});
