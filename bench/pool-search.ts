/**
 * Pool search at catalogue scale: loads 2,000,000 SKUs (plus stock) into a scratch MariaDB schema
 * with LOAD DATA LOCAL INFILE, then, for each representative filter and sort, through
 * PoolSearchService (the exact SQL the subgraph runs): walks 100 pages of 20, and times page 1
 * against page 1000 (or the deepest page the filter has), alternated, with both plans and the rows
 * the deep page really read (ANALYZE). Records everything in bench/RESULTS.md. Not part of `npm test`.
 * Run: `npm run bench -- pool-search`, or `node --import tsx bench/pool-search.ts`.
 * PERKMALL_BENCH_SKUS overrides the row count (300000 for a quick run); the scratch schema is dropped
 * at the end unless PERKMALL_BENCH_KEEP=1, and a kept one is used again, at the scale it has, by the
 * next run that sets no PERKMALL_BENCH_SKUS (no loading: a minute or two).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import mysql from 'mysql2/promise';
import type { EntityManager } from '@mikro-orm/knex';
import { openDatabase } from '../core/db';
import { encodeCursor, type CursorValue } from '../core/pagination';
import { catalogSubgraph } from '../subgraphs/catalog/schema';
import { seedSubgraph } from '../scripts/seed/index';
import { categoryPath, prng } from '../scripts/seed/demo-plan';
import { PoolSearchService, PoolSort, type PoolFilter } from '../subgraphs/catalog/services/pool-search.service';
import { recordResult } from './results';

/** SKUs a kept scratch schema holds (its load finished: stock was derived last), or 0. */
async function keptScale(database: string): Promise<number> {
  const c = await mysql.createConnection({ uri: URL });
  try {
    const [schemas] = await c.query<mysql.RowDataPacket[]>(
      'SELECT 1 FROM information_schema.schemata WHERE schema_name = ?',
      [database],
    );
    if (!schemas.length) return 0;
    const [[row]] = await c.query<mysql.RowDataPacket[]>(
      `SELECT (SELECT COUNT(*) FROM \`${database}\`.stock WHERE sku_id IN (SELECT MAX(id) FROM \`${database}\`.sku)) AS done, (SELECT COUNT(*) FROM \`${database}\`.sku) AS n`,
    );
    return Number(row!.done) > 0 ? Number(row!.n) : 0;
  } finally {
    await c.end();
  }
}

const URL = process.env.PERKMALL_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
const PREFIX = 'perkmall_bench_';
const TOTAL = Number(process.env.PERKMALL_BENCH_SKUS ?? 2_000_000);
const LEAVES = [2, 3, 5, 6, 8, 10, 11, 12, 13];
const WORDS = ['保温杯', '耳机', '电饭煲', '充电宝', '牙刷', '会员', '咖啡券', '打车券', '空气炸锅', '剃须刀'];
const PAGES = 100;
const PAGE_SIZE = 20;
const DEEP_PAGE = 1000;
/** Timed runs of page 1 and of the deep page each (alternated); the median is reported. */
const REPEATS = Number(process.env.PERKMALL_BENCH_REPEATS ?? 15);
const COLUMNS =
  'product_id, supplier_id, code, brand_id, category_id, category_path, title, kind, specs, supplier_price_fen, list_price_fen, weight_grams, status, created_at, updated_at';

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC, as the server stores DATETIME values the ORM writes. */
const sqlTime = (d: Date) => d.toISOString().slice(0, 23).replace('T', ' ');

/**
 * Writes the SKUs as a tab-separated file and loads it with one LOAD DATA LOCAL INFILE (about
 * 180k rows/s here, against ~90k for multi-row INSERTs), then derives their stock server-side.
 */
async function load(em: EntityManager, database: string): Promise<number> {
  const started = Date.now();
  const start = Date.UTC(2024, 0, 1);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-bench-skus-')), 'sku.tsv');
  const out = fs.createWriteStream(file);
  const rand = prng(1000);
  let chunk = '';
  for (let n = 0; n < TOTAL; n++) {
    const category = LEAVES[Math.floor(rand() * LEAVES.length)]!;
    const price = 100 + Math.floor(rand() * 200_000);
    const created = sqlTime(new Date(start + Math.floor(rand() * 700 * 86_400_000)));
    const row = [
      1 + Math.floor(rand() * 60),
      1 + Math.floor(rand() * 3000),
      `B-${n}`,
      1 + Math.floor(rand() * 3000),
      category,
      categoryPath(category),
      `${WORDS[Math.floor(rand() * WORDS.length)]} 规格${n % 97} 批次${n}`,
      category >= 10 ? 'VIRTUAL' : 'PHYSICAL',
      '{}',
      price,
      price + 500,
      0,
      rand() < 0.05 ? 'INACTIVE' : 'ACTIVE',
      created,
      created,
    ];
    chunk += `${row.join('\t')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  const conn = await mysql.createConnection({ uri: URL, database, timezone: 'Z' });
  try {
    await conn.query({
      sql: `LOAD DATA LOCAL INFILE ? INTO TABLE sku CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\t' LINES TERMINATED BY '\n' (${COLUMNS})`,
      values: [file],
      infileStreamFactory: (p: string) => fs.createReadStream(p),
    } as mysql.QueryOptions);
  } finally {
    await conn.end();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  await em.execute(
    `INSERT INTO stock (sku_id, available, reserved, low_stock_threshold, updated_at) SELECT id, MOD(id * 7, 11), 0, 5, created_at FROM sku WHERE code LIKE 'B-%'`,
  );
  await em.execute('ANALYZE TABLE sku, stock');
  return (Date.now() - started) / 1000;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const median = (xs: number[]) =>
  pct(
    [...xs].sort((a, b) => a - b),
    50,
  );

/** A raw row's value of the sort's first key, as the service puts it in a cursor. */
function cursorValue(row: Record<string, unknown>, sort: PoolSort): CursorValue {
  switch (sort) {
    case PoolSort.NEWEST:
      return new Date(row.created_at as string | Date).getTime();
    case PoolSort.TITLE:
      return row.title as string;
    default:
      return Number(row.supplier_price_fen);
  }
}

interface Plan {
  /** EXPLAIN of the sku table: access type / index (key length). */
  plan: string;
  /** Rows of `sku` the statement really read (ANALYZE: r_rows × r_loops). */
  read: number;
}

async function planOf(em: EntityManager, sql: string): Promise<Plan> {
  const explain = await em.execute<{ table: string; type: string; key: string | null; key_len: string | null }[]>(
    `EXPLAIN ${sql}`,
  );
  const [row] = await em.execute<Record<string, string>[]>(`ANALYZE FORMAT=JSON ${sql}`);
  let read = 0;
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const t = n as { table_name?: string; r_loops?: number; r_rows?: number };
    if (t.table_name === 's') read += Math.round((t.r_loops ?? 1) * (t.r_rows ?? 0));
    for (const v of Object.values(n)) walk(v);
  };
  walk(JSON.parse(Object.values(row!)[0]!));
  return {
    plan: explain.map((p) => `${p.table}:${p.type}/${p.key}${p.key_len ? `(${p.key_len})` : ''}`).join(' '),
    read,
  };
}

interface Depth {
  label: string;
  page: number;
  firstMs: number;
  deepMs: number;
  first: Plan;
  deep: Plan;
}

/**
 * Page 1 against page 1000 of one query (or its deepest page, when fewer rows match): the deep
 * page's cursor is the last row of the page before it, found once with a plain ORDER BY … LIMIT.
 */
async function depth(
  em: EntityManager,
  service: PoolSearchService,
  label: string,
  filter: PoolFilter,
  sort: PoolSort,
): Promise<Depth | null> {
  const { qb } = (await service.pageQuery(filter, sort, (DEEP_PAGE - 1) * PAGE_SIZE - 1, null))!;
  const rows = await em.execute<Record<string, unknown>[]>(qb.getFormattedQuery());
  if (rows.length <= PAGE_SIZE) return null;
  // All (DEEP_PAGE - 1) pages before the deep one came back full: the deep page exists (or is empty).
  const page = rows.length >= (DEEP_PAGE - 1) * PAGE_SIZE ? DEEP_PAGE : Math.ceil(rows.length / PAGE_SIZE);
  const boundary = rows[(page - 1) * PAGE_SIZE - 1]!;
  const after = encodeCursor([sort, cursorValue(boundary, sort), Number(boundary.id)]);
  const first: number[] = [];
  const deep: number[] = [];
  const time = async (cursor: string | null, into: number[]) => {
    const t0 = process.hrtime.bigint();
    const conn = await service.search(filter, sort, PAGE_SIZE, cursor);
    into.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (!conn.edges.length) throw new Error(`${label}: page ${cursor ? page : 1} is empty`);
  };
  await time(null, []); // warm both pages' index blocks before timing
  await time(after, []);
  for (let i = 0; i < REPEATS; i++) {
    // Alternated, first one then the other, so load on the machine hits both alike.
    if (i % 2) {
      await time(after, deep);
      await time(null, first);
    } else {
      await time(null, first);
      await time(after, deep);
    }
  }
  const sqlOf = async (cursor: string | null) =>
    (await service.pageQuery(filter, sort, PAGE_SIZE, cursor))!.qb.getFormattedQuery();
  return {
    label,
    page,
    firstMs: median(first),
    deepMs: median(deep),
    first: await planOf(em, await sqlOf(null)),
    deep: await planOf(em, await sqlOf(after)),
  };
}

export async function run(): Promise<void> {
  process.env.PERKMALL_DATABASE_URL = URL;
  process.env.PERKMALL_DB_PREFIX = PREFIX;
  process.env.PERKMALL_LOG_LEVEL ??= 'error';
  process.env.PERKMALL_KEYS_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-bench-keys-'));
  const database = `${PREFIX}catalog`;
  const kept = process.env.PERKMALL_BENCH_SKUS === undefined ? await keptScale(database) : 0;
  if (!kept) {
    const admin = await mysql.createConnection({ uri: URL });
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.end();
  }
  const orm = await openDatabase(catalogSubgraph.storage);
  try {
    const em = orm.em.fork() as unknown as EntityManager;
    const loadAverageBefore = os.loadavg()[0];
    let loadSeconds = 0;
    if (kept) console.log(`Using the kept scratch schema ${database} (${kept} SKUs)`);
    else {
      await seedSubgraph('catalog', orm);
      console.log(`Loading ${TOTAL} SKUs… (load average ${loadAverageBefore.toFixed(2)})`);
      loadSeconds = await load(em, database);
    }
    const [{ n }] = await em.execute<{ n: number }[]>('SELECT COUNT(*) AS n FROM sku');
    console.log(`  ${n} SKUs in ${loadSeconds.toFixed(0)} s`);
    const service = new PoolSearchService(em, { role: 'PLATFORM_ADMIN', sub: 'bench' });
    const cases: [string, PoolFilter, PoolSort][] = [
      ['everything, newest', {}, PoolSort.NEWEST],
      ['everything, price ascending', {}, PoolSort.PRICE_ASC],
      ['everything, price descending', {}, PoolSort.PRICE_DESC],
      ['everything, title', {}, PoolSort.TITLE],
      ['one brand, newest', { brandIds: ['42'] }, PoolSort.NEWEST],
      ['five brands, price descending', { brandIds: ['1', '2', '3', '4', '5'] }, PoolSort.PRICE_DESC],
      ['one supplier, newest', { supplierIds: ['7'] }, PoolSort.NEWEST],
      ['category 家电 with descendants, title', { categoryId: '4' }, PoolSort.TITLE],
      [
        'price 100–120 CNY, price ascending',
        { minSupplierPriceFen: 10_000, maxSupplierPriceFen: 12_000 },
        PoolSort.PRICE_ASC,
      ],
      ['virtual, newest', { kind: 'VIRTUAL' as never }, PoolSort.NEWEST],
      ['virtual, in stock, newest', { kind: 'VIRTUAL' as never, inStockOnly: true }, PoolSort.NEWEST],
      ['text "耳机", in stock, price ascending', { text: '耳机', inStockOnly: true }, PoolSort.PRICE_ASC],
    ];
    const lines = ['| query | pages | p50 ms | p95 ms | max ms | index used |', '|---|---|---|---|---|---|'];
    const depths = [
      `| query | deep page | page 1 ms | deep page ms | ratio | load (1 min) | page 1 plan | rows read | deep page plan | rows read | rows ratio |`,
      '|---|---|---|---|---|---|---|---|---|---|---|',
    ];
    const ratios: { label: string; ratio: number; rows: number }[] = [];
    for (const [label, filter, sort] of cases) {
      const times: number[] = [];
      let after: string | null = null;
      for (let page = 0; page < PAGES; page++) {
        const t0 = process.hrtime.bigint();
        const conn = await service.search(filter, sort, PAGE_SIZE, after);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (!conn.pageInfo.hasNextPage) break;
        after = conn.pageInfo.endCursor;
      }
      const last = await planOf(em, (await service.pageQuery(filter, sort, PAGE_SIZE, after))!.qb.getFormattedQuery());
      const sorted = [...times].sort((a, b) => a - b);
      lines.push(
        `| ${label} | ${times.length} | ${pct(sorted, 50).toFixed(2)} | ${pct(sorted, 95).toFixed(2)} | ${sorted[sorted.length - 1]!.toFixed(2)} | ${last.plan} |`,
      );
      console.log(lines[lines.length - 1]);
      const load = os.loadavg()[0];
      const d = await depth(em, service, label, filter, sort);
      if (!d) continue;
      const ratio = d.deepMs / d.firstMs;
      ratios.push({ label, ratio, rows: d.deep.read / Math.max(1, d.first.read) });
      depths.push(
        `| ${label} | ${d.page} | ${d.firstMs.toFixed(2)} | ${d.deepMs.toFixed(2)} | ${ratio.toFixed(2)} | ${load.toFixed(2)} | ${d.first.plan} | ${d.first.read} | ${d.deep.plan} | ${d.deep.read} | ${(d.deep.read / Math.max(1, d.first.read)).toFixed(2)} |`,
      );
      console.log(depths[depths.length - 1]);
    }
    const worst = ratios.reduce((w, r) => (r.ratio > w.ratio ? r : w), ratios[0]!);
    const over = ratios.filter((r) => r.ratio > 1.3);
    const moreRows = ratios.filter((r) => r.rows > 1.3);
    const body = [
      `${Number(n).toLocaleString('en')} SKUs in MariaDB (3,000 brands, 3,000 suppliers, 13 categories); ${kept ? 'kept from an earlier run' : `loaded in ${loadSeconds.toFixed(0)} s (LOAD DATA LOCAL INFILE, stock derived by INSERT … SELECT)`}. Load average at the start: ${loadAverageBefore.toFixed(2)}, at the end: ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores.`,
      '',
      `**Deep pages.** Page 1 against page ${DEEP_PAGE} (or the deepest page a filter has) of each query, ${REPEATS} timed runs of each, alternated; medians, through PoolSearchService (the subgraph's SQL and hydration, no HTTP). Plans are EXPLAIN's access to \`sku\` (type/index(key length)); "rows read" is what ANALYZE measured the statement read from \`sku\`. Goal: every ratio ≤ 1.3. Worst: ${worst.label}, ${worst.ratio.toFixed(2)}×${over.length ? `; over 1.3: ${over.map((r) => `${r.label} (${r.ratio.toFixed(2)}×)`).join(', ')}` : '; none over 1.3'}. Rows read, the measure load does not move: ${moreRows.length ? `page ${DEEP_PAGE} reads over 1.3× page 1's rows for ${moreRows.map((r) => `${r.label} (${r.rows.toFixed(2)}×)`).join(', ')}` : `no deep page reads over 1.3× the rows of its page 1`} (times of 2–10 ms on a shared machine swing by ±50 % between runs; compare a time ratio with its rows ratio).`,
      '',
      ...depths,
      '',
      `**Walks.** Each row walks up to ${PAGES} pages of ${PAGE_SIZE} with keyset cursors; the index column is the last page's plan.`,
      '',
      ...lines,
    ].join('\n');
    recordResult(
      'pool-search',
      `Pool search at ${Number(n).toLocaleString('en')} SKUs (MariaDB, keyset pages of 20, page 1 vs page ${DEEP_PAGE})`,
      body,
    );
  } finally {
    await orm.close(true);
    // PERKMALL_BENCH_KEEP=1 keeps the scratch schema, to try plans on it by hand.
    if (process.env.PERKMALL_BENCH_KEEP !== '1' && !kept) {
      const c = await mysql.createConnection({ uri: URL });
      await c.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await c.end();
    }
  }
}

if (require.main === module) {
  run().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
