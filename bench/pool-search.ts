/**
 * Pool search at catalogue scale: loads 2,000,000 SKUs (plus stock) into a scratch MariaDB schema,
 * then walks 100 pages of 20 for each representative filter and sort through PoolSearchService (the
 * exact SQL the subgraph runs) and records per-page latency in bench/RESULTS.md. Not part of
 * `npm test`. Run: `npm run bench -- pool-search`, or `node --import tsx bench/pool-search.ts`.
 * PERKMALL_BENCH_SKUS overrides the row count; the scratch schema is dropped at the end.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { EntityManager } from '@mikro-orm/knex';
import { openDatabase } from '../core/db';
import { catalogSubgraph } from '../subgraphs/catalog/schema';
import { seedSubgraph } from '../scripts/seed/index';
import { categoryPath, prng } from '../scripts/seed/demo-plan';
import { PoolSearchService, PoolSort, type PoolFilter } from '../subgraphs/catalog/services/pool-search.service';

/** Twenty minutes of loading: `npm run bench` skips it unless it is named. */
export const onlyWhenNamed = true;

const URL = process.env.PERKMALL_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
const PREFIX = 'perkmall_bench_';
const TOTAL = Number(process.env.PERKMALL_BENCH_SKUS ?? 2_000_000);
const BATCH = 5_000;
const LEAVES = [2, 3, 5, 6, 8, 10, 11, 12, 13];
const WORDS = ['保温杯', '耳机', '电饭煲', '充电宝', '牙刷', '会员', '咖啡券', '打车券', '空气炸锅', '剃须刀'];
const PAGES = 100;

async function load(em: EntityManager): Promise<number> {
  const started = Date.now();
  const start = Date.UTC(2024, 0, 1);
  const batch = async (b: number) => {
    const rand = prng(1000 + b);
    const params: unknown[] = [];
    const rows: string[] = [];
    for (let i = 0; i < BATCH; i++) {
      const n = b * BATCH + i;
      const category = LEAVES[Math.floor(rand() * LEAVES.length)]!;
      const price = 100 + Math.floor(rand() * 200_000);
      const created = new Date(start + Math.floor(rand() * 700 * 86_400_000));
      params.push(
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
        rand() < 0.05 ? 'INACTIVE' : 'ACTIVE',
        created,
        created,
      );
      rows.push('(?,?,?,?,?,?,?,?,?,?,?,0,?,?,?)');
    }
    await em.execute(
      `INSERT INTO sku (product_id, supplier_id, code, brand_id, category_id, category_path, title, kind, specs, supplier_price_fen, list_price_fen, weight_grams, status, created_at, updated_at) VALUES ${rows.join(',')}`,
      params,
    );
  };
  const batches = Math.ceil(TOTAL / BATCH);
  // Two loaders in parallel: the machine has two cores.
  for (let b = 0; b < batches; b += 2) {
    await Promise.all([batch(b), b + 1 < batches ? batch(b + 1) : Promise.resolve()]);
    if (b % 40 === 0) process.stdout.write(`\r  loaded ${Math.min((b + 2) * BATCH, TOTAL)} SKUs`);
  }
  await em.execute(
    `INSERT INTO stock (sku_id, available, reserved, low_stock_threshold, updated_at) SELECT id, MOD(id * 7, 11), 0, 5, created_at FROM sku WHERE code LIKE 'B-%'`,
  );
  await em.execute('ANALYZE TABLE sku, stock');
  process.stdout.write('\n');
  return (Date.now() - started) / 1000;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function run(): Promise<void> {
  process.env.PERKMALL_DATABASE_URL = URL;
  process.env.PERKMALL_DB_PREFIX = PREFIX;
  process.env.PERKMALL_LOG_LEVEL ??= 'error';
  process.env.PERKMALL_KEYS_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-bench-keys-'));
  const admin = await mysql.createConnection({ uri: URL });
  await admin.query(`DROP DATABASE IF EXISTS \`${PREFIX}catalog\``);
  await admin.end();
  const orm = await openDatabase(catalogSubgraph.storage);
  try {
    await seedSubgraph('catalog', orm);
    const em = orm.em.fork() as unknown as EntityManager;
    console.log(`Loading ${TOTAL} SKUs…`);
    const loadSeconds = await load(em);
    const [{ n }] = await em.execute<{ n: number }[]>('SELECT COUNT(*) AS n FROM sku');
    const service = new PoolSearchService(em, { role: 'PLATFORM_ADMIN', sub: 'bench' });
    const cases: [string, PoolFilter, PoolSort][] = [
      ['everything, newest', {}, PoolSort.NEWEST],
      ['everything, price ascending', {}, PoolSort.PRICE_ASC],
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
      ['virtual, in stock, newest', { kind: 'VIRTUAL' as never, inStockOnly: true }, PoolSort.NEWEST],
      ['text "耳机", in stock, price ascending', { text: '耳机', inStockOnly: true }, PoolSort.PRICE_ASC],
    ];
    const lines = ['| query | pages | p50 ms | p95 ms | max ms | index used |', '|---|---|---|---|---|---|'];
    for (const [label, filter, sort] of cases) {
      const times: number[] = [];
      let after: string | null = null;
      for (let page = 0; page < PAGES; page++) {
        const t0 = process.hrtime.bigint();
        const conn = await service.search(filter, sort, 20, after);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (!conn.pageInfo.hasNextPage) break;
        after = conn.pageInfo.endCursor;
      }
      const { qb } = (await service.pageQuery(filter, sort, 20, after))!;
      const plan = await em.execute<{ table: string; key: string | null; type: string }[]>(
        `EXPLAIN ${qb.getFormattedQuery()}`,
      );
      const sorted = [...times].sort((a, b) => a - b);
      lines.push(
        `| ${label} | ${times.length} | ${pct(sorted, 50).toFixed(2)} | ${pct(sorted, 95).toFixed(2)} | ${sorted[sorted.length - 1]!.toFixed(2)} | ${plan.map((p) => `${p.table}:${p.type}/${p.key}`).join(' ')} |`,
      );
      console.log(lines[lines.length - 1]);
    }
    const body = [
      `${Number(n).toLocaleString('en')} SKUs in MariaDB (3,000 brands, 3,000 suppliers, 13 categories); loaded in ${loadSeconds.toFixed(0)} s with 5,000-row multi-row INSERTs on 2 connections.`,
      `Each row walks up to ${PAGES} pages of 20 with keyset cursors (the service's own SQL, no HTTP); the index column is the last page's plan.`,
      `Load average at the end of the run: ${os.loadavg()[0].toFixed(1)} (timings include whatever else the machine was doing).`,
      '',
      ...lines,
    ].join('\n');
    recordResult('pool-search', 'Pool search at 2M SKUs (MariaDB, keyset pages of 20)', body);
  } finally {
    await orm.close(true);
    const c = await mysql.createConnection({ uri: URL });
    await c.query(`DROP DATABASE IF EXISTS \`${PREFIX}catalog\``);
    await c.end();
  }
}

/** Same section format as the other benchmarks' recorder, so results from every bench share one file. */
function recordResult(name: string, title: string, body: string): void {
  const file = path.join(__dirname, 'RESULTS.md');
  const existing = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : '# Benchmark results\n\nWritten by `npm run bench`; numbers are from the machine named in each section.\n';
  const section = `<!-- ${name} -->\n## ${title}\n\n${new Date().toISOString()} · node ${process.version} · ${os.cpus().length} cores\n\n${body}\n<!-- /${name} -->\n`;
  const pattern = new RegExp(`<!-- ${name} -->[\\s\\S]*?<!-- /${name} -->\\n`);
  fs.writeFileSync(file, pattern.test(existing) ? existing.replace(pattern, section) : `${existing}\n${section}`);
  console.log(section);
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
