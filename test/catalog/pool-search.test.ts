import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { prng, categoryPath } from '../../scripts/seed/demo-plan';
import { Sku } from '../../subgraphs/catalog/entities/sku';
import { PoolSearchService, PoolSort, type PoolFilter } from '../../subgraphs/catalog/services/pool-search.service';
import { asPrincipal, asService, bankOperator, ok, platformAdmin } from './helpers';

const EXTRA_SKUS = 100_000;
const BATCH = 5_000;
const LEAF_CATEGORIES = [2, 3, 5, 6, 8, 10, 11, 12, 13];
const WORDS = ['保温杯', '耳机', '电饭煲', '充电宝', '牙刷', '会员', '咖啡券', '打车券', '空气炸锅', '剃须刀'];

/** Loads 100k pool SKUs (and their stock) with multi-row INSERTs of 5,000 rows. */
async function loadPool(em: EntityManager): Promise<void> {
  const rand = prng(424242);
  const start = Date.UTC(2025, 0, 1);
  for (let b = 0; b < EXTRA_SKUS / BATCH; b++) {
    const skuRows: unknown[] = [];
    const placeholders: string[] = [];
    for (let i = 0; i < BATCH; i++) {
      const n = b * BATCH + i;
      const category = LEAF_CATEGORIES[Math.floor(rand() * LEAF_CATEGORIES.length)]!;
      const virtual = category >= 10;
      const price = 100 + Math.floor(rand() * 100_000);
      const created = new Date(start + Math.floor(rand() * 300 * 86_400_000));
      skuRows.push(
        1 + Math.floor(rand() * 60),
        1 + Math.floor(rand() * 3),
        `LOAD-${n}`,
        1 + Math.floor(rand() * 12),
        category,
        categoryPath(category),
        `${WORDS[Math.floor(rand() * WORDS.length)]} 批量 ${n}`,
        virtual ? 'VIRTUAL' : 'PHYSICAL',
        '{}',
        price,
        price + 500,
        rand() < 0.05 ? 'INACTIVE' : 'ACTIVE',
        created,
        created,
      );
      placeholders.push('(?,?,?,?,?,?,?,?,?,?,?,0,?,?,?)');
    }
    await em.execute(
      `INSERT INTO sku (product_id, supplier_id, code, brand_id, category_id, category_path, title, kind, specs, supplier_price_fen, list_price_fen, weight_grams, status, created_at, updated_at) VALUES ${placeholders.join(',')}`,
      skuRows,
    );
  }
  await em.execute(`INSERT INTO stock (sku_id, available, reserved, low_stock_threshold, updated_at)
    SELECT id, MOD(id * 7, 11), 0, 5, created_at FROM sku WHERE code LIKE 'LOAD-%'`);
  await em.execute('ANALYZE TABLE sku, stock');
}

const POOL_QUERY = `query($filter: SkuPoolFilter, $sort: PoolSort, $first: Int, $after: String) {
  poolSkus(filter: $filter, sort: $sort, first: $first, after: $after) {
    edges { cursor node { id title supplierPriceFen brand { name } supplier { name } stock { available } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('pool search over 100k+ SKUs, curation contract, federated entities', () => {
  let sys: TestSystem;
  let em: EntityManager;

  before(async () => {
    sys = await startTestSystem();
    em = (await sys.orm('catalog')).em.fork() as unknown as EntityManager;
    await loadPool(em);
  });
  after(async () => {
    await sys?.stop();
  });

  const pages = async (filter: PoolFilter, sort: PoolSort, first: number, count: number) => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < count; i++) {
      const page: any = ok(await sys.gql(bankOperator, POOL_QUERY, { filter, sort, first, after }));
      ids.push(...page.poolSkus.edges.map((e: any) => e.node.id));
      if (!page.poolSkus.pageInfo.hasNextPage) break;
      after = page.poolSkus.pageInfo.endCursor;
    }
    return ids;
  };

  it('returns the same pages as an ORDER BY over the table, with stable cursors, for every sort', async () => {
    const cases: { filter: PoolFilter; sort: PoolSort; sql: string; params: unknown[] }[] = [
      {
        filter: { brandIds: ['3'] },
        sort: PoolSort.PRICE_ASC,
        sql: 'brand_id = 3 ORDER BY supplier_price_fen ASC, id ASC',
        params: [],
      },
      {
        filter: { categoryId: '9', minSupplierPriceFen: 5000, maxSupplierPriceFen: 20000 },
        sort: PoolSort.NEWEST,
        sql: "category_path LIKE '/9/%' AND supplier_price_fen BETWEEN 5000 AND 20000 ORDER BY created_at DESC, id DESC",
        params: [],
      },
      {
        filter: { supplierIds: ['2', '3'], text: '耳机' },
        sort: PoolSort.TITLE,
        sql: "supplier_id IN (2,3) AND title LIKE '%耳机%' ORDER BY title ASC, id ASC",
        params: [],
      },
      {
        filter: { kind: 'VIRTUAL' as never, inStockOnly: true },
        sort: PoolSort.PRICE_DESC,
        sql: "kind = 'VIRTUAL' AND EXISTS (SELECT 1 FROM stock st WHERE st.sku_id = sku.id AND st.available > 0) ORDER BY supplier_price_fen DESC, id DESC",
        params: [],
      },
    ];
    for (const c of cases) {
      const expected = (
        await em.execute<{ id: number }[]>(
          `SELECT id FROM sku WHERE status = 'ACTIVE' AND ${c.sql} LIMIT 300`,
          c.params,
        )
      ).map((r) => String(r.id));
      assert.equal(expected.length, 300, `fixture too small for ${c.sql}`);
      const byHundreds = await pages(c.filter, c.sort, 100, 3);
      assert.deepEqual(byHundreds, expected, `pages of 100 for ${c.sort} ${JSON.stringify(c.filter)}`);
      const byFifties = await pages(c.filter, c.sort, 50, 6);
      assert.deepEqual(byFifties, expected, `pages of 50 for ${c.sort}`);
    }
  });

  it('includes descendants of a category, excludes INACTIVE SKUs, and pages end cleanly', async () => {
    const virtualIds = await pages({ categoryId: '13' }, PoolSort.NEWEST, 100, 200);
    const [{ n }] = await em.execute<{ n: number }[]>(
      "SELECT COUNT(*) AS n FROM sku WHERE status = 'ACTIVE' AND category_id = 13",
    );
    assert.equal(virtualIds.length, Number(n));
    const parent = await pages({ categoryId: '9', brandIds: ['11'] }, PoolSort.TITLE, 100, 200);
    const [{ m }] = await em.execute<{ m: number }[]>(
      "SELECT COUNT(*) AS m FROM sku WHERE status = 'ACTIVE' AND category_path LIKE '/9/%' AND brand_id = 11",
    );
    assert.equal(parent.length, Number(m));
    assert.ok(parent.length > 0);
    const empty = ok(await sys.gql(bankOperator, POOL_QUERY, { filter: { categoryId: '99999' } }));
    assert.deepEqual(empty.poolSkus.edges, []);
    const wrongSort = ok(await sys.gql(bankOperator, POOL_QUERY, { sort: 'TITLE', first: 1 }));
    assert.equal(
      errorCode(
        await sys.gql(bankOperator, POOL_QUERY, { sort: 'NEWEST', after: wrongSort.poolSkus.pageInfo.endCursor }),
      ),
      'BAD_USER_INPUT',
    );
  });

  it('uses an index for every filter and sort (EXPLAIN at 100k+ rows): no full table scan', async () => {
    const service = new PoolSearchService(em, platformAdmin);
    const some = await em.findOneOrFail(Sku, { code: 'LOAD-5000' });
    const cursorFor = async (sort: PoolSort) => {
      const conn = await service.search({}, sort, 1, null);
      return conn.pageInfo.endCursor;
    };
    const cases: [PoolFilter, PoolSort, boolean][] = [
      [{}, PoolSort.NEWEST, false],
      [{}, PoolSort.NEWEST, true],
      [{}, PoolSort.PRICE_ASC, true],
      [{}, PoolSort.TITLE, true],
      [{ brandIds: [String(some.brandId)] }, PoolSort.NEWEST, true],
      [{ supplierIds: ['2'] }, PoolSort.NEWEST, false],
      [{ minSupplierPriceFen: 1000, maxSupplierPriceFen: 1500 }, PoolSort.PRICE_DESC, true],
      [{ categoryId: '5' }, PoolSort.TITLE, false],
      [{ kind: 'VIRTUAL' as never, inStockOnly: true }, PoolSort.NEWEST, true],
      [{ text: '耳机', inStockOnly: true }, PoolSort.PRICE_ASC, false],
    ];
    for (const [filter, sort, withCursor] of cases) {
      const { qb } = (await service.pageQuery(filter, sort, 20, withCursor ? await cursorFor(sort) : null))!;
      const sql = qb.getFormattedQuery();
      assert.doesNotMatch(sql, /offset/i);
      const plan = await em.execute<{ table: string; type: string; key: string | null; Extra: string | null }[]>(
        `EXPLAIN ${sql}`,
      );
      for (const step of plan) {
        assert.notEqual(
          step.type,
          'ALL',
          `full scan of ${step.table} for ${JSON.stringify(filter)} ${sort}: ${JSON.stringify(plan)}`,
        );
        assert.ok(step.key, `no index on ${step.table} for ${JSON.stringify(filter)} ${sort}: ${JSON.stringify(plan)}`);
      }
      if (process.env.PERKMALL_SHOW_PLANS)
        console.log(
          sort,
          JSON.stringify(filter),
          withCursor,
          JSON.stringify(plan.map((p) => [p.table, p.type, p.key, (p as any).rows, p.Extra])),
        );
      const skuStep = plan.find((s) => s.table === 's')!;
      // Unfiltered sorts walk their own index in order: no sort of the table.
      if (Object.keys(filter).length === 0)
        assert.doesNotMatch(skuStep.Extra ?? '', /filesort/, `${sort}: ${JSON.stringify(plan)}`);
    }
  });

  /**
   * What a page really reads: MariaDB's ANALYZE runs the statement and reports, per table, the rows
   * its access method returned (r_rows per loop × r_loops). EXPLAIN's `rows` is only an estimate:
   * it honours LIMIT for an ordered index walk but reports the whole range for `ref`/`range`
   * accesses that stop after 21 rows all the same, so the bounds below are on what ANALYZE measured.
   */
  const rowsRead = async (filter: PoolFilter, sort: PoolSort, after: string | null = null) => {
    const { qb } = (await new PoolSearchService(em, platformAdmin).pageQuery(filter, sort, 20, after))!;
    const sql = qb.getFormattedQuery();
    const explain = await em.execute<
      { table: string; type: string; key: string | null; rows: string | number; Extra: string | null }[]
    >(`EXPLAIN ${sql}`);
    const [row] = await em.execute<Record<string, string>[]>(`ANALYZE FORMAT=JSON ${sql}`);
    const tables: { table_name: string; r_loops?: number; r_rows?: number }[] = [];
    const walk = (n: unknown): void => {
      if (!n || typeof n !== 'object') return;
      if ('table_name' in n) tables.push(n as never);
      for (const v of Object.values(n)) walk(v);
    };
    walk(JSON.parse(Object.values(row!)[0]!));
    const read = (t: string) =>
      tables.filter((x) => x.table_name === t).reduce((n, x) => n + Math.round((x.r_loops ?? 1) * (x.r_rows ?? 0)), 0);
    const skuStep = explain.find((p) => p.table === 's')!;
    return {
      sku: read('s'),
      stock: read('st'),
      estimate: Number(skuStep.rows),
      plan: `${skuStep.type}/${skuStep.key}${/filesort/.test(skuStep.Extra ?? '') ? '+filesort' : ''}`,
    };
  };
  const show = (what: string, r: Awaited<ReturnType<typeof rowsRead>>) => {
    if (process.env.PERKMALL_SHOW_PLANS)
      console.log(`${what}: ${r.plan}, estimate ${r.estimate}, read ${r.sku} sku + ${r.stock} stock rows`);
  };

  it('reads about one page of rows for a page of every plain sort, and of every filter with its own index', async () => {
    const cursorOf = async (sort: PoolSort) =>
      (await new PoolSearchService(em, platformAdmin).search({}, sort, 500, null)).pageInfo.endCursor;
    for (const sort of [PoolSort.NEWEST, PoolSort.PRICE_ASC, PoolSort.PRICE_DESC, PoolSort.TITLE]) {
      for (const after of [null, await cursorOf(sort)]) {
        const r = await rowsRead({}, sort, after);
        show(`${sort}${after ? ' (page 26)' : ''}`, r);
        // On a first page EXPLAIN's estimate is the LIMIT; with a cursor it estimates the whole keyset range.
        if (!after) assert.ok(r.estimate <= 21, `${sort}: EXPLAIN estimates ${r.estimate} rows (${r.plan})`);
        assert.ok(r.sku <= 25, `${sort}: read ${r.sku} rows (${r.plan})`);
      }
    }
    const own: [PoolFilter, PoolSort][] = [
      [{ brandIds: ['3'] }, PoolSort.NEWEST], // sku_brand_newest
      [{ supplierIds: ['2'] }, PoolSort.NEWEST], // sku_supplier_newest
      [{ kind: 'VIRTUAL' as never }, PoolSort.NEWEST], // sku_kind_newest
      [{ minSupplierPriceFen: 1000, maxSupplierPriceFen: 1500 }, PoolSort.PRICE_ASC], // sku_price range
      [{ inStockOnly: true }, PoolSort.NEWEST], // sku_newest + stock primary key per row
    ];
    for (const [filter, sort] of own) {
      const r = await rowsRead(filter, sort);
      show(`${JSON.stringify(filter)} ${sort}`, r);
      assert.ok(r.sku <= 30, `${JSON.stringify(filter)} ${sort}: read ${r.sku} rows (${r.plan})`);
      assert.ok(r.stock <= 30, `${JSON.stringify(filter)} ${sort}: read ${r.stock} stock rows`);
    }
  });

  it('range-scans sku_kind_newest from the cursor for "virtual, in stock, newest" deep in the pages, reading about one page', async () => {
    const service = new PoolSearchService(em, platformAdmin);
    const filter: PoolFilter = { kind: 'VIRTUAL' as never, inStockOnly: true };
    let after: string | null = null;
    let last: Sku | undefined;
    for (let page = 0; page < 30; page++) {
      const conn = await service.search(filter, PoolSort.NEWEST, 100, after);
      after = conn.pageInfo.endCursor;
      last = conn.edges[conn.edges.length - 1]!.node;
    }
    const deep = await rowsRead(filter, PoolSort.NEWEST, after);
    show('virtual, in stock, newest after 3,000 rows', deep);
    // A lookup of `kind` alone (ref) would walk back from the newest virtual SKU: ~3,000 rows here.
    assert.match(deep.plan, /^range\/sku_kind_newest$/, `plan ${deep.plan}`);
    assert.ok(deep.sku <= 30, `read ${deep.sku} sku rows (${deep.plan})`);
    // The page is still the one an ORDER BY over the table gives (a card SKU is in stock by its kind's counter).
    const expected = await em.execute<{ id: number }[]>(
      `SELECT id FROM sku s WHERE status = 'ACTIVE' AND kind = 'VIRTUAL'
         AND (CASE WHEN s.virtual_card_kind_id IS NULL THEN EXISTS (SELECT 1 FROM stock st WHERE st.sku_id = s.id AND st.available > 0)
              ELSE EXISTS (SELECT 1 FROM virtual_card_kind k WHERE k.id = s.virtual_card_kind_id AND k.available_codes > 0) END)
         AND (created_at < ? OR (created_at = ? AND id < ?)) ORDER BY created_at DESC, id DESC LIMIT 20`,
      [last!.createdAt, last!.createdAt, last!.id],
    );
    assert.equal(expected.length, 20);
    const next = await service.search(filter, PoolSort.NEWEST, 20, after);
    assert.deepEqual(
      next.edges.map((e) => e.node.id),
      expected.map((r) => r.id),
    );
  });

  it('reads rows in proportion to how rare the match is when filter and sort use different indexes (bounded here, documented)', async () => {
    // The plan walks the sort's index and skips rows that fail the filter (or, for a narrow range,
    // reads the whole range and sorts it): rows read ≈ 21 / (share of the pool that matches).
    const mixed: [PoolFilter, PoolSort][] = [
      [{ brandIds: ['3'] }, PoolSort.PRICE_ASC],
      [{ brandIds: ['1', '2', '3', '4', '5'] }, PoolSort.PRICE_DESC],
      [{ categoryId: '5' }, PoolSort.NEWEST],
      [{ categoryId: '5' }, PoolSort.TITLE],
      [{ categoryId: '9' }, PoolSort.PRICE_ASC],
      [{ categoryId: '1' }, PoolSort.NEWEST],
      [{ minSupplierPriceFen: 1000, maxSupplierPriceFen: 1500 }, PoolSort.NEWEST],
      [{ text: '耳机' }, PoolSort.NEWEST],
      [{ text: '耳机', inStockOnly: true }, PoolSort.PRICE_ASC],
    ];
    for (const [filter, sort] of mixed) {
      const r = await rowsRead(filter, sort);
      show(`${JSON.stringify(filter)} ${sort}`, r);
      assert.ok(r.sku <= 1_000, `${JSON.stringify(filter)} ${sort}: read ${r.sku} of ~100k rows (${r.plan})`);
    }
  });

  it('walks the whole sort index for text no title contains (documented as unbounded); small categories read their path range', async () => {
    // Text: LIKE '%word%' can use no index, so a word that (almost) never occurs is a full index walk.
    const absent = await rowsRead({ text: '不存在的词' }, PoolSort.NEWEST);
    show('text absent NEWEST', absent);
    assert.ok(absent.sku >= EXTRA_SKUS, `read ${absent.sku}`);
    // Categories holding 5 and ~1,000 of the 100k SKUs (0.005 % and 1 %): the optimizer reads the
    // category's path range and sorts it, rather than walking a sort index hunting for rare rows.
    const newCategory = async (name: string) => {
      await em.execute("INSERT INTO category (name, parent_id, path) VALUES (?, 1, 'tmp')", [name]);
      const [{ id }] = await em.execute<{ id: number }[]>("SELECT id FROM category WHERE path = 'tmp'");
      await em.execute('UPDATE category SET path = ? WHERE id = ?', [`/1/${id}/`, id]);
      return id;
    };
    const tiny = await newCategory('稀有');
    await em.execute(
      `UPDATE sku SET category_id = ?, category_path = ? WHERE code IN ('LOAD-10','LOAD-20000','LOAD-40000','LOAD-60000','LOAD-80000')`,
      [tiny, `/1/${tiny}/`],
    );
    const small = await newCategory('小类');
    await em.execute(
      `UPDATE sku SET category_id = ?, category_path = ? WHERE code LIKE 'LOAD-%' AND MOD(id, 100) = 7`,
      [small, `/1/${small}/`],
    );
    for (const [id, bound] of [
      [tiny, 25],
      [small, 1_500],
    ] as const) {
      for (const sort of [PoolSort.NEWEST, PoolSort.TITLE, PoolSort.PRICE_ASC]) {
        const r = await rowsRead({ categoryId: String(id) }, sort);
        show(`category ${id === tiny ? 'of 5' : 'of ~1,000'} ${sort}`, r);
        assert.ok(r.sku <= bound, `category ${id} ${sort}: read ${r.sku} (${r.plan})`);
      }
    }
  });

  it('costs the same SQL statements for a page of 5 and a page of 100', async () => {
    const counts: number[] = [];
    for (const first of [5, 100]) {
      const requestId = randomUUID();
      const res = ok(
        await sys.gql(
          bankOperator,
          POOL_QUERY,
          { filter: { categoryId: '1' }, sort: 'PRICE_ASC', first },
          { requestId },
        ),
      );
      assert.equal(res.poolSkus.edges.length, first);
      counts.push(await sys.statements('catalog', requestId));
    }
    assert.equal(counts[0], counts[1]);
    assert.ok(counts[1]! <= 5, `ran ${counts[1]}`); // category, skus, brands, suppliers, stock
  });

  it('resolves Sku, Supplier and Brand references in one SQL statement per type', async () => {
    const token = await sys.identityToken(bankOperator, 'catalog');
    const requestId = randomUUID();
    const representations = [
      ...Array.from({ length: 60 }, (_, i) => ({ __typename: 'Sku', id: String((i % 30) + 1) })),
      ...Array.from({ length: 9 }, (_, i) => ({ __typename: 'Supplier', id: String((i % 3) + 1) })),
      ...Array.from({ length: 24 }, (_, i) => ({ __typename: 'Brand', id: String((i % 12) + 1) })),
    ];
    const res = await sys.subgraphRaw(
      'catalog',
      {
        query:
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Sku { id title } ... on Supplier { id name } ... on Brand { id name } } }',
        variables: { r: representations },
      },
      { 'x-perkmall-identity': token, 'x-request-id': requestId },
    );
    const entities = res.body.data!._entities as { id: string; title?: string; name?: string }[];
    assert.deepEqual(
      entities.map((e) => e.id),
      representations.map((r) => r.id),
    );
    assert.ok(entities.every((e) => e.title || e.name));
    assert.equal(await sys.statements('catalog', requestId), 3);
  });

  it('serves the curation contract to the service credential only, hidden from the public API', async () => {
    const CURATION = `query($filter: SkuPoolFilter!, $afterId: ID, $limit: Int!) {
      curationSkus(filter: $filter, afterId: $afterId, limit: $limit) { id supplierId supplierPriceFen listPriceFen kind status title } }`;
    const filter = { brandIds: ['4'], kind: 'PHYSICAL', inStockOnly: true };
    const expected = (
      await em.execute<{ id: number }[]>(
        "SELECT id FROM sku s WHERE status = 'ACTIVE' AND brand_id = 4 AND kind = 'PHYSICAL' AND EXISTS (SELECT 1 FROM stock st WHERE st.sku_id = s.id AND st.available > 0) ORDER BY id LIMIT 7000",
      )
    ).map((r) => String(r.id));
    const first = ok(await asService(sys, CURATION, { filter, limit: 5000 })).curationSkus as any[];
    assert.equal(first.length, Math.min(5000, expected.length));
    const rest = ok(await asService(sys, CURATION, { filter, limit: 5000, afterId: first[first.length - 1].id }))
      .curationSkus as any[];
    assert.deepEqual(
      [...first, ...rest].map((s) => s.id),
      expected,
    );
    assert.ok(
      first.every((s) => s.status === 'ACTIVE' && s.kind === 'PHYSICAL' && typeof s.supplierPriceFen === 'number'),
    );
    assert.equal(errorCode(await asService(sys, CURATION, { filter, limit: 5001 })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await asPrincipal(sys, bankOperator, CURATION, { filter, limit: 10 })), 'FORBIDDEN');

    const [inactive] = await em.execute<{ id: number }[]>(
      "SELECT id FROM sku WHERE status = 'INACTIVE' ORDER BY id LIMIT 1",
    );
    const byIds = ok(
      await asService(
        sys,
        '{ curationSkusByIds(ids: ["2", "1", "999999999", "x", "' +
          inactive!.id +
          '"]) { id status supplierPriceFen } }',
      ),
    );
    assert.deepEqual(byIds.curationSkusByIds.map((s: any) => s.id).sort(), ['1', '2', String(inactive!.id)].sort());
    assert.equal(byIds.curationSkusByIds.find((s: any) => s.id === String(inactive!.id)).status, 'INACTIVE');

    const publicApi = await sys.gql(platformAdmin, '{ curationSkusByIds(ids: ["1"]) { id } }');
    assert.equal(errorCode(publicApi), 'GRAPHQL_VALIDATION_FAILED');
  });
});
