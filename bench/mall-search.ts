/**
 * Mall search at catalogue scale (issue 22): one mall listing 2,000,000 SKUs, in a scratch tenants
 * schema loaded with LOAD DATA LOCAL INFILE (listings with the catalog facts tenants copies, and the
 * SKUs' words in `sku_search_term`), titles as bench/pool-search.ts makes them ("耳机 规格12 批次345").
 * Measures:
 * 1. Chinese text: LIKE '%耳机%' against InnoDB FULLTEXT (boolean mode, the built-in parser MariaDB
 *    has) against the bigram word table, on a common word (a tenth of the SKUs) and a rare one
 *    (降噪: one SKU in a thousand), each first page by price and the number found;
 * 2. deep pages: page 1 against page 1000 (or the deepest a filter has) through MallSearch (the
 *    subgraph's SQL and hydration, no HTTP), alternated, medians, with rows read (ANALYZE);
 * 3. the facets statement.
 * Records in bench/RESULTS.md. Run: `npm run bench -- mall-search` (PERKMALL_BENCH_LISTINGS=300000
 * for a quick run; PERKMALL_BENCH_KEEP=1 keeps the schema, which the next run without
 * PERKMALL_BENCH_LISTINGS uses again). Not part of `npm test`.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import mysql from 'mysql2/promise';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { openDatabase } from '../core/db';
import { encodeCursor } from '../core/pagination';
import { tenantsSubgraph } from '../subgraphs/tenants/schema';
import { Bank } from '../subgraphs/tenants/entities/bank';
import { Mall } from '../subgraphs/tenants/entities/mall';
import { ANONYMOUS_SHOPPER } from '../subgraphs/tenants/services/audience';
import {
  cursorOf,
  FACET_LISTINGS,
  ListingSort,
  MallSearch,
  RARE_TERM,
  type ListingFilterValues,
} from '../subgraphs/tenants/services/mall-search';
import { titleTerms } from '../subgraphs/tenants/services/search-terms';
import { prng } from '../scripts/seed/demo-plan';
import { recordResult } from './results';

export const onlyWhenNamed = true;

const URL = process.env.PERKMALL_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
const PREFIX = 'perkmall_bench_ms_';
const DATABASE = `${PREFIX}tenants`;
const TOTAL = Number(process.env.PERKMALL_BENCH_LISTINGS ?? 2_000_000);
const WORDS = ['保温杯', '耳机', '电饭煲', '充电宝', '牙刷', '会员', '咖啡券', '打车券', '空气炸锅', '剃须刀'];
const PAGE_SIZE = 20;
const DEEP_PAGE = 1000;
const REPEATS = Number(process.env.PERKMALL_BENCH_REPEATS ?? 9);
/** Runs of each text measurement (a count over 200,000 rows takes seconds on a loaded machine). */
const TEXT_RUNS = Number(process.env.PERKMALL_BENCH_TEXT_RUNS ?? 1);
/** The column and index each sort walks (services/mall-search.ts). */
const SORT_COLUMN: Record<ListingSort, string> = {
  FEATURED: 'featured_rank',
  PRICE_ASC: 'price_value',
  PRICE_DESC: 'price_value',
  NEWEST: 'created_at',
  BEST_SELLING: 'sales_count',
};
const SORT_INDEX_OF: Record<ListingSort, string> = {
  FEATURED: 'listing_mall_rank',
  PRICE_ASC: 'listing_mall_price',
  PRICE_DESC: 'listing_mall_price',
  NEWEST: 'listing_mall_newest',
  BEST_SELLING: 'listing_mall_sales',
};
const camel = (column: string) => column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
const sqlTime = (d: Date) => d.toISOString().slice(0, 23).replace('T', ' ');

async function connect() {
  return mysql.createConnection({ uri: URL, database: DATABASE, timezone: 'Z' });
}

async function loadFile(
  table: string,
  columns: string,
  write: (push: (line: string) => Promise<void>) => Promise<void>,
) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-bench-ms-')), `${table}.tsv`);
  const out = fs.createWriteStream(file);
  let chunk = '';
  await write(async (line) => {
    chunk += line;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  });
  out.end(chunk);
  await once(out, 'finish');
  const conn = await connect();
  try {
    await conn.query({
      sql: `LOAD DATA LOCAL INFILE ? INTO TABLE ${table} CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\t' LINES TERMINATED BY '\n' (${columns})`,
      values: [file],
      infileStreamFactory: (p: string) => fs.createReadStream(p),
    } as mysql.QueryOptions);
  } finally {
    await conn.end();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

async function load(mallId: number): Promise<number> {
  const started = Date.now();
  const start = Date.UTC(2024, 0, 1);
  const rand = prng(2200);
  const title = (n: number) => `${WORDS[n % WORDS.length]}${n % 1000 === 7 ? ' 降噪' : ''} 规格${n % 97} 批次${n}`;
  await loadFile(
    'listing',
    'mall_id, bank_id, sku_id, price_mode, price_points, price_fen, featured_rank, status, tier_restricted, segment_restricted, sku_on_sale, sku_title, brand_id, category_path, in_stock, sales_count, price_value, created_at, updated_at',
    async (push) => {
      for (let n = 0; n < TOTAL; n++) {
        const points = 100 + Math.floor(rand() * 2_000_000);
        const at = sqlTime(new Date(start + Math.floor(rand() * 700 * 86_400_000)));
        const leaf = [2, 3, 5, 6, 8][n % 5]!;
        const parent = leaf <= 3 ? 1 : leaf <= 6 ? 4 : 7;
        await push(
          `${[mallId, 1, n + 1, 'POINTS', points, 0, rand() < 0.01 ? 10 : 0, 'ACTIVE', 0, 0, 1, title(n), 1 + Math.floor(rand() * 3000), `/${parent}/${leaf}/`, n % 11 === 0 ? 0 : 1, Math.floor(rand() * rand() * 5000), points * 100, at, at].join('\t')}\n`,
        );
      }
    },
  );
  await loadFile('sku_search_term', 'term, sku_id', async (push) => {
    for (let n = 0; n < TOTAL; n++) for (const term of titleTerms(title(n))) await push(`${term}\t${n + 1}\n`);
  });
  const conn = await connect();
  await conn.query('ANALYZE TABLE listing, sku_search_term');
  await conn.end();
  return (Date.now() - started) / 1000;
}

async function rowsRead(em: SqlEntityManager, sql: string): Promise<{ plan: string; read: number }> {
  const explain = await em.execute<{ table: string; type: string; key: string | null }[]>(`EXPLAIN ${sql}`);
  const [row] = await em.execute<Record<string, string>[]>(`ANALYZE FORMAT=JSON ${sql}`);
  let read = 0;
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const t = n as { table_name?: string; r_loops?: number; r_rows?: number };
    if (t.table_name) read += Math.round((t.r_loops ?? 1) * (t.r_rows ?? 0));
    for (const v of Object.values(n)) walk(v);
  };
  try {
    walk(JSON.parse(Object.values(row!)[0]!));
  } catch {
    // MariaDB leaves a boolean-mode phrase's quotes unescaped in its JSON; count what the text says.
    for (const m of Object.values(row!)[0]!.matchAll(/"r_loops": (\d+),[^{}]*?"r_rows": ([\d.]+)/g))
      read += Math.round(Number(m[1]) * Number(m[2]));
  }
  return { plan: explain.map((p) => `${p.table}:${p.type}/${p.key}`).join(' '), read };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const r = await f();
  return [Number(process.hrtime.bigint() - t0) / 1e6, r];
}

export async function run(): Promise<void> {
  process.env.PERKMALL_DATABASE_URL = URL;
  process.env.PERKMALL_DB_PREFIX = PREFIX;
  process.env.PERKMALL_LOG_LEVEL ??= 'error';
  const admin = await mysql.createConnection({ uri: URL });
  const [have] = await admin.query<mysql.RowDataPacket[]>(
    'SELECT 1 FROM information_schema.schemata WHERE schema_name = ?',
    [DATABASE],
  );
  let kept = have.length > 0 && process.env.PERKMALL_BENCH_LISTINGS === undefined;
  if (kept) {
    const [[c]] = await admin.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${DATABASE}\`.listing`);
    kept = Number(c!.n) > 0;
  }
  if (!kept) await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
  await admin.end();
  const orm = await openDatabase(tenantsSubgraph.storage);
  const loadBefore = os.loadavg()[0];
  try {
    const em = orm.em.fork() as SqlEntityManager;
    let seconds = 0;
    if (!kept) {
      const bank = em.create(Bank, {
        code: 'BENCH',
        name: '压测银行',
        timeZone: 'Asia/Shanghai',
        pointsPerYuan: 100,
        maxPointsShareBp: 10_000,
        settlementTermDays: 30,
        createdAt: new Date(),
      });
      await em.flush();
      em.create(Mall, { bank: bank.id, name: '压测商城', createdAt: new Date() } as never);
      await em.flush();
      const mall = await em.findOneOrFail(Mall, { bank: bank.id });
      console.log(`Loading ${TOTAL} listings… (load average ${loadBefore.toFixed(2)})`);
      seconds = await load(mall.id);
    }
    const mall = await em.findOneOrFail(Mall, { name: '压测商城' });
    const [{ n }] = await em.execute<{ n: number }[]>('SELECT COUNT(*) AS n FROM listing');
    const [{ t }] = await em.execute<{ t: number }[]>('SELECT COUNT(*) AS t FROM sku_search_term');
    console.log(`  ${n} listings, ${t} words, loaded in ${seconds.toFixed(0)} s`);

    // ---- 1. Chinese text: LIKE vs FULLTEXT vs the bigram word table ----
    const [[ftIndex]] = [
      await em.execute<{ n: number }[]>(
        "SELECT COUNT(*) AS n FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'listing' AND index_name = 'bench_ft_title'",
      ),
    ];
    let ftSeconds = 0;
    if (!Number(ftIndex!.n)) {
      const [s] = await timed(() => em.execute('ALTER TABLE listing ADD FULLTEXT INDEX bench_ft_title (sku_title)'));
      ftSeconds = s / 1000;
    }
    const [[ftVars]] = [await em.execute<{ Value: string }[]>("SHOW VARIABLES LIKE 'innodb_ft_min_token_size'")];
    const base = `FROM listing l WHERE l.mall_id = ${mall.id} AND l.status = 'ACTIVE'`;
    const ways = (word: string): [string, string][] => [
      ['LIKE', `l.sku_title LIKE '%${word}%'`],
      ['FULLTEXT (boolean mode)', `MATCH (l.sku_title) AGAINST ('"${word}"' IN BOOLEAN MODE)`],
      [
        'bigram word table (optimizer: from the words)',
        titleTerms(word)
          .map((term) => `EXISTS (SELECT 1 FROM sku_search_term st WHERE st.term = '${term}' AND st.sku_id = l.sku_id)`)
          .join(' AND '),
      ],
    ];
    // What the service does for a word on more than RARE_TERM SKUs: walk the sort's index, checking the word.
    const walked = (word: string, cond: string) =>
      `SELECT l.* FROM listing l FORCE INDEX (listing_mall_price) WHERE l.mall_id = ${mall.id} AND l.status = 'ACTIVE' AND ${cond} ORDER BY l.price_value, l.id LIMIT 21`;
    const textLines = [
      '| word | way | found | count ms | first page by price ms | rows read (first page) |',
      '|---|---|---|---|---|---|',
    ];
    for (const word of ['耳机', '降噪', '保温杯']) {
      for (const [way, cond] of ways(word)) {
        const counts: number[] = [];
        const pages: number[] = [];
        let found = 0;
        for (let i = 0; i < TEXT_RUNS; i++) {
          const [c, rows] = await timed(() => em.execute<{ n: number }[]>(`SELECT COUNT(*) AS n ${base} AND ${cond}`));
          counts.push(c);
          found = Number(rows[0]!.n);
          const [p] = await timed(() =>
            em.execute(`SELECT l.* ${base} AND ${cond} ORDER BY l.price_value, l.id LIMIT 21`),
          );
          pages.push(p);
        }
        const read = await rowsRead(em, `SELECT l.* ${base} AND ${cond} ORDER BY l.price_value, l.id LIMIT 21`);
        textLines.push(
          `| ${word} | ${way} | ${found.toLocaleString('en')} | ${median(counts).toFixed(1)} | ${median(pages).toFixed(1)} | ${read.read.toLocaleString('en')} (${read.plan}) |`,
        );
        console.log(textLines[textLines.length - 1]);
        if (way.startsWith('bigram')) {
          const walkMs: number[] = [];
          for (let i = 0; i < TEXT_RUNS; i++) walkMs.push((await timed(() => em.execute(walked(word, cond))))[0]);
          const r = await rowsRead(em, walked(word, cond));
          textLines.push(
            `| ${word} | bigram word table (walking the price index, as the service does for a word on over ${RARE_TERM} SKUs) | — | — | ${median(walkMs).toFixed(1)} | ${r.read.toLocaleString('en')} (${r.plan}) |`,
          );
          console.log(textLines[textLines.length - 1]);
        }
      }
    }

    // ---- 2. deep pages through MallSearch ----
    const search = new MallSearch(em);
    const cases: [string, ListingFilterValues, ListingSort][] = [
      ['everything, featured', {}, ListingSort.FEATURED],
      ['everything, newest', {}, ListingSort.NEWEST],
      ['everything, price ascending', {}, ListingSort.PRICE_ASC],
      ['everything, best-selling', {}, ListingSort.BEST_SELLING],
      ['text 耳机 (200k SKUs), price ascending', { text: '耳机' }, ListingSort.PRICE_ASC],
      ['text 耳机, in stock, best-selling', { text: '耳机', inStockOnly: true }, ListingSort.BEST_SELLING],
      ['text 降噪 (2,000 SKUs, rare), price ascending', { text: '降噪' }, ListingSort.PRICE_ASC],
      ['category 数码 with descendants, price descending', { categoryId: '1' }, ListingSort.PRICE_DESC],
      [
        'price band 100–500 CNY in fen, newest',
        { priceBand: { unit: 'FEN' as never, min: 10_000, max: 50_000 } },
        ListingSort.NEWEST,
      ],
      ['five brands, newest', { brandIds: ['1', '2', '3', '4', '5'] }, ListingSort.NEWEST],
    ];
    const deepLines = [
      '| query | deep page | page 1 ms | deep page ms | ratio | page 1 rows read | deep rows read | rows ratio | listings the index walk passes, page 1 / deep (rows read per listing passed, deep ÷ page 1) | deep page plan |',
      '|---|---|---|---|---|---|---|---|---|---|',
    ];
    const now = new Date();
    const ratios: { label: string; time: number; rows: number }[] = [];
    for (const [label, filter, sort] of cases) {
      const { qb } = (await search.pageQuery(
        mall,
        ANONYMOUS_SHOPPER,
        now,
        filter,
        sort,
        (DEEP_PAGE - 1) * PAGE_SIZE - 1,
      ))!;
      const rows = await qb.getResultList();
      if (rows.length <= PAGE_SIZE) continue;
      const page = rows.length >= (DEEP_PAGE - 1) * PAGE_SIZE ? DEEP_PAGE : Math.ceil(rows.length / PAGE_SIZE);
      const after = encodeCursor(cursorOf(rows[(page - 1) * PAGE_SIZE - 1]!, sort));
      const first: number[] = [];
      const deep: number[] = [];
      const time = async (cursor: string | null, into: number[]) => {
        const [ms, conn] = await timed(() =>
          search.page(mall, ANONYMOUS_SHOPPER, now, filter, sort, PAGE_SIZE, cursor),
        );
        into.push(ms);
        if (!conn.edges.length) throw new Error(`${label}: empty page`);
      };
      await time(null, []);
      await time(after, []);
      for (let i = 0; i < REPEATS; i++)
        if (i % 2) {
          await time(after, deep);
          await time(null, first);
        } else {
          await time(null, first);
          await time(after, deep);
        }
      const sqlOf = async (cursor: string | null) =>
        (await search.pageQuery(mall, ANONYMOUS_SHOPPER, now, filter, sort, PAGE_SIZE, cursor))!.qb.getFormattedQuery();
      const r1 = await rowsRead(em, await sqlOf(null));
      const rd = await rowsRead(em, await sqlOf(after));
      const ratio = median(deep) / median(first);
      // Where the page walks the sort's index: how many of the mall's listings lie in that stretch of
      // the index (from the cursor to the page's last row). No plan walking it can read fewer.
      let walked = '—';
      const column = SORT_COLUMN[sort];
      if (rd.plan.startsWith(`l:range/${SORT_INDEX_OF[sort]}`)) {
        const spans: number[] = [];
        for (const cursor of [null, rows[(page - 1) * PAGE_SIZE - 1]!]) {
          const found = await em.execute<Record<string, unknown>[]>(
            await sqlOf(cursor && encodeCursor(cursorOf(cursor, sort))),
          );
          const last = found[found.length - 1]!;
          const beyond = (row: Record<string, unknown>) => {
            const op = sort === ListingSort.PRICE_ASC ? '>' : '<';
            return {
              sql: `(${column} ${op} ? OR (${column} = ? AND id ${op} ?))`,
              values: [row[column], row[column], row.id],
            };
          };
          const parts = [beyond(last)];
          const from = cursor ? beyond({ [column]: (cursor as never)[camel(column)], id: cursor.id }) : null;
          const [{ n: span }] = await em.execute<{ n: number }[]>(
            `SELECT COUNT(*) AS n FROM listing FORCE INDEX (${SORT_INDEX_OF[sort]}) WHERE mall_id = ?${from ? ` AND ${from.sql}` : ''} AND NOT ${parts[0]!.sql}`,
            [mall.id, ...(from?.values ?? []), ...parts[0]!.values] as never[],
          );
          spans.push(Number(span));
        }
        const per = (read: number, span: number) => read / span;
        walked = `${spans[0]!.toLocaleString('en')} / ${spans[1]!.toLocaleString('en')} (${(per(rd.read, spans[1]!) / per(r1.read, spans[0]!)).toFixed(2)})`;
      }
      ratios.push({ label, time: ratio, rows: rd.read / Math.max(1, r1.read) });
      deepLines.push(
        `| ${label} | ${page} | ${median(first).toFixed(2)} | ${median(deep).toFixed(2)} | ${ratio.toFixed(2)} | ${r1.read.toLocaleString('en')} | ${rd.read.toLocaleString('en')} | ${(rd.read / Math.max(1, r1.read)).toFixed(2)} | ${walked} | ${rd.plan} |`,
      );
      console.log(deepLines[deepLines.length - 1]);
    }

    // ---- 3. facets: counting everything (the old statement: a CTE read three times) against the cap ----
    const facetLines = [
      `| filter | found | old: everything counted, ms | new: at most ${FACET_LISTINGS.toLocaleString('en')} read, ms | ratio | exhaustive | total | rows read (new) | plan (new) |`,
      '|---|---|---|---|---|---|---|---|---|',
    ];
    const oldFacets = async (filter: ListingFilterValues) => {
      // What facets ran before the cap: the filter's listings as a CTE, grouped three times.
      const { sql, bindings } = await search.facetsQuery(mall, ANONYMOUS_SHOPPER, now, filter, null);
      const edges = [10, 50, 100, 200, 500, 1000, 2000, 5000].map((y) => y * 100 * 100);
      const band = `CASE ${edges.map((e, i) => `WHEN price_value < ${e} THEN ${i}`).join(' ')} ELSE ${edges.length} END`;
      return em.execute(
        `WITH m AS (${sql})
         SELECT 'c' AS facet, category_path AS k, COUNT(*) AS n FROM m GROUP BY category_path
         UNION ALL SELECT 'b' AS facet, brand_id AS k, COUNT(*) AS n FROM m GROUP BY brand_id
         UNION ALL SELECT 'p' AS facet, band AS k, COUNT(*) AS n FROM (SELECT ${band} AS band FROM m) x GROUP BY band`,
        bindings as never[],
      );
    };
    for (const [label, filter] of [
      ['text 降噪 (2,000)', { text: '降噪' }],
      ['text 耳机 (200k)', { text: '耳机' }],
      ['category 数码 (800k)', { categoryId: '1' }],
      ['five brands (~3,300)', { brandIds: ['1', '2', '3', '4', '5'] }],
    ] as [string, ListingFilterValues][]) {
      const [oldMs] = await timed(() => oldFacets(filter));
      const times: number[] = [];
      let facets = await search.facets(mall, ANONYMOUS_SHOPPER, now, filter);
      for (let i = 0; i < 5; i++) {
        const [ms, f] = await timed(() => search.facets(mall, ANONYMOUS_SHOPPER, now, filter));
        times.push(ms);
        facets = f;
      }
      const q = await search.facetsQuery(mall, ANONYMOUS_SHOPPER, now, filter, FACET_LISTINGS);
      const r = await rowsRead(
        em,
        em
          .getKnex()
          .raw(q.sql, q.bindings as never[])
          .toQuery(),
      );
      const [{ found }] = await em.execute<{ found: number }[]>(
        `SELECT COUNT(*) AS found FROM (${(await search.facetsQuery(mall, ANONYMOUS_SHOPPER, now, filter, null)).sql}) m`,
        (await search.facetsQuery(mall, ANONYMOUS_SHOPPER, now, filter, null)).bindings as never[],
      );
      facetLines.push(
        `| ${label} | ${Number(found).toLocaleString('en')} | ${oldMs.toFixed(0)} | ${median(times).toFixed(0)} | ${(median(times) / oldMs).toFixed(3)} | ${facets.exhaustive} | ${facets.total.toLocaleString('en')} | ${r.read.toLocaleString('en')} | ${r.plan} |`,
      );
      console.log(facetLines[facetLines.length - 1]);
    }

    const overTime = ratios.filter((r) => r.time > 1.3);
    const overRows = ratios.filter((r) => r.rows > 1.3);
    recordResult(
      'mall-search',
      `Mall search at ${Number(n).toLocaleString('en')} listings in one mall (MariaDB, pages of 20, page 1 vs page ${DEEP_PAGE})`,
      [
        `${Number(n).toLocaleString('en')} listings of one mall, ${Number(t).toLocaleString('en')} rows in \`sku_search_term\`; ${kept ? 'kept from an earlier run' : `loaded in ${seconds.toFixed(0)} s (LOAD DATA LOCAL INFILE)`}${ftSeconds ? `; FULLTEXT index on the titles built in ${ftSeconds.toFixed(0)} s` : ''}. Load average at the start ${loadBefore.toFixed(2)}, at the end ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores. Titles as pool-search's ("耳机 规格12 批次345", one word of ten each, so 耳机 is on a tenth), one in a thousand with " 降噪".`,
        '',
        `**Chinese text.** innodb_ft_min_token_size = ${ftVars?.Value}. Median of ${TEXT_RUNS} run(s); "first page" is 21 rows by price. FULLTEXT (MariaDB has no ngram parser) indexes space-separated tokens of 3+ characters, so it cannot find 2-character words (耳机, 降噪) at all, nor a word inside a longer one (耳机 in 蓝牙耳机); LIKE finds them but reads rows until it has a page (and the whole mall for a count); the bigram table finds them from its index.`,
        '',
        ...textLines,
        '',
        `**Deep pages** through MallSearch (the subgraph's statement and hydration, anonymous shopper's eligibility), ${REPEATS} alternated runs, medians. Goal ≤ 1.3. Time ratio over 1.3: ${overTime.length ? overTime.map((r) => `${r.label} (${r.time.toFixed(2)}×)`).join(', ') : 'none'}; rows ratio over 1.3: ${overRows.length ? overRows.map((r) => `${r.label} (${r.rows.toFixed(2)}×)`).join(', ') : 'none'}. Where a page walks the sort's index, "listings the index walk passes" counts the mall's listings between the cursor and the page's last row: a filter matching a share of them (耳机: a tenth, at random prices) needs as many as the matches happen to be spread over there, whatever the plan; rows read per listing passed is what depth could change.`,
        '',
        ...deepLines,
        '',
        `**Facets**, old against new in this run: the old statement counted everything the filter finds (a CTE referenced three times, one run each: seconds); the new one reads at most ${FACET_LISTINGS.toLocaleString('en')} + 1 listings, unordered (a word's from the word index, the mall's by primary key, brands' from their index), and folds them in the subgraph (median of 5 runs; "exhaustive" false means \`total\` is a lower bound, the UI shows "${FACET_LISTINGS.toLocaleString('en')}+").`,
        '',
        ...facetLines,
      ].join('\n'),
    );
  } finally {
    await orm.close(true);
    if (process.env.PERKMALL_BENCH_KEEP !== '1') {
      const c = await mysql.createConnection({ uri: URL });
      await c.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
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
