/**
 * Checkout + confirmPayment through the gateway on MariaDB: 32 buyers placing one-unit
 * points-plus-cash orders of a physical SKU, first all on one hot SKU, then spread over 32 SKUs.
 * Prints and records purchases/s, p50/p95 of a purchase (both calls), SQL statements per purchase
 * per subgraph (the per-request counters behind `/debug/statements`), CPU per purchase per process
 * (/proc utime + stime), the raw conditional stock UPDATE rate on one hot row with 16 connections
 * measured in the same run (the database's physical limit for a hot SKU), and conservation (stock +
 * sold = initial, nothing left reserved; points captured = points of the paid orders, none left
 * held). Writes bench/RESULTS.md.
 *   npm run bench -- checkout                              (about 1½ minutes)
 *   PERKMALL_BENCH_SECONDS=5 npm run bench -- checkout     (short: about 1 minute)
 * PERKMALL_BENCH_SECONDS per scenario (default 15), PERKMALL_BENCH_BUYERS (default 32);
 * PERKMALL_BENCH_PROFILE=<dir> writes a V8 CPU profile of every process (bench/support/cpu-profile.mjs).
 */
import os from 'node:os';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { SUBGRAPH_NAMES, type SubgraphName } from '../core/config';
import { startTestSystem, type TestSystem } from '../test/harness';
import { ensureMariaDb, TEST_DATABASE_URL } from '../test/mariadb';
import { ADDRESS, bankAdmin, createListing, customer, recover, setUpMall } from '../test/orders/helpers';
import { setBalance } from '../test/loyalty/helpers';
import { Sku, SkuKind, SkuStatus } from '../subgraphs/catalog/entities/sku';
import { Stock } from '../subgraphs/catalog/entities/stock';
import { recordResult } from './results';
import { cpuSeconds, mariadbProcess, profilingEnv, systemProcesses } from './support/system';

const SECONDS = Number(process.env.PERKMALL_BENCH_SECONDS ?? 15);
const BUYERS = Number(process.env.PERKMALL_BENCH_BUYERS ?? 32);
const RAW_CONNECTIONS = 16;
const INITIAL_STOCK = 1_000_000;
/** Bank 1's demo customers (1–20); buyers beyond 20 share an account with another buyer. */
const CUSTOMERS = 20;
const POINTS_PER_UNIT = 300;
const FEN_PER_UNIT = 1500;
const PROFILE_DIR = process.env.PERKMALL_BENCH_PROFILE;

const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { order { id status totalPoints cashFen } } }`;
const PAY = 'mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id status } }';

export interface Purchase {
  ms: number;
  checkoutId: string;
  payId: string;
}

export interface ProcessCpu {
  name: string;
  pid: number;
}

/** This system's processes (gateway and subgraphs, bench/support/system.ts) and MariaDB. */
export function processesOf(prefix: string): ProcessCpu[] {
  const found: ProcessCpu[] = [...systemProcesses(prefix)].map(([name, pid]) => ({ name, pid }));
  const mariadb = mariadbProcess();
  if (mariadb !== null) found.push({ name: 'MariaDB (shared)', pid: mariadb });
  return found;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

async function gql(url: string, token: string, query: string, variables: unknown, requestId: string) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await r.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 400));
  return body.data;
}

export interface Scenario {
  name: string;
  listings: string[];
  skus: number[];
}

export interface Outcome {
  purchases: Purchase[];
  failures: string[];
  seconds: number;
  cpu: Map<string, number>;
  load: number;
}

export async function runScenario(
  sys: TestSystem,
  s: Scenario,
  tokens: { buyers: string[]; admin: string },
  procs: ProcessCpu[],
  seconds: number,
  tag: string,
): Promise<Outcome> {
  const purchases: Purchase[] = [];
  const failures: string[] = [];
  const cpu0 = new Map(procs.map((p) => [p.pid, cpuSeconds(p.pid)]));
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    tokens.buyers.map(async (token, buyer) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const listingId = s.listings[(buyer + i) % s.listings.length]!;
        const checkoutId = randomUUID();
        const payId = randomUUID();
        const start = performance.now();
        try {
          const c = await gql(
            sys.stack.gatewayUrl,
            token,
            CHECKOUT,
            {
              input: {
                mallId: s.name,
                lines: [{ listingId, quantity: 1 }],
                shippingAddress: ADDRESS,
                idempotencyKey: `bench-${tag}-${buyer}-${i}-${checkoutId.slice(0, 8)}`,
              },
            },
            checkoutId,
          );
          const order = c.checkout.order as { id: string; status: string; cashFen: number };
          assert.equal(order.status, 'PENDING_PAYMENT');
          const p = await gql(
            sys.stack.gatewayUrl,
            tokens.admin,
            PAY,
            { input: { orderId: order.id, paymentRef: `P-${checkoutId}`, amountFen: order.cashFen } },
            payId,
          );
          assert.ok(['PAID', 'COMPLETED'].includes(p.confirmPayment.status), p.confirmPayment.status);
          purchases.push({ ms: performance.now() - start, checkoutId, payId });
        } catch (e) {
          failures.push(e instanceof Error ? e.message : String(e));
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = new Map<string, number>();
  for (const p of procs) cpu.set(p.name, (cpu.get(p.name) ?? 0) + cpuSeconds(p.pid) - cpu0.get(p.pid)!);
  return { purchases, failures, seconds: elapsed, cpu, load: os.loadavg()[0]! };
}

/** Statements per purchase per subgraph, averaged over the last `sample` purchases (checkout + confirmPayment). */
async function statementsPerPurchase(
  sys: TestSystem,
  purchases: Purchase[],
  sample = 20,
): Promise<{ checkout: Record<SubgraphName, number>; pay: Record<SubgraphName, number> }> {
  const picked = purchases.slice(-sample);
  const checkout = {} as Record<SubgraphName, number>;
  const pay = {} as Record<SubgraphName, number>;
  for (const name of SUBGRAPH_NAMES) {
    let c = 0;
    let p = 0;
    for (const x of picked) {
      c += await sys.statements(name, x.checkoutId);
      p += await sys.statements(name, x.payId);
    }
    checkout[name] = c / picked.length;
    pay[name] = p / picked.length;
  }
  return { checkout, pay };
}

/** The raw conditional UPDATE on one hot row, RAW_CONNECTIONS connections, for `seconds`: updates per second. */
async function rawUpdateRate(database: string, seconds: number): Promise<number> {
  const pool = mysql.createPool({ uri: `${TEST_DATABASE_URL}/${database}`, connectionLimit: RAW_CONNECTIONS });
  try {
    await pool.query('CREATE TABLE bench_hot_stock (id INT PRIMARY KEY, available BIGINT NOT NULL) ENGINE=InnoDB');
    await pool.query('INSERT INTO bench_hot_stock VALUES (1, ?)', [1e12]);
    const deadline = performance.now() + seconds * 1000;
    let done = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: RAW_CONNECTIONS }, async () => {
        const conn = await pool.getConnection();
        try {
          while (performance.now() < deadline) {
            const [r] = await conn.query(
              'UPDATE bench_hot_stock SET available = available - 1 WHERE id = 1 AND available >= 1',
            );
            assert.equal((r as { affectedRows: number }).affectedRows, 1);
            done++;
          }
        } finally {
          conn.release();
        }
      }),
    );
    const rate = done / ((performance.now() - t0) / 1000);
    await pool.query('DROP TABLE bench_hot_stock');
    return rate;
  } finally {
    await pool.end();
  }
}

/** Stock + sold = initial for every SKU, nothing reserved; points captured = points of the paid orders, none held. */
async function conservation(sys: TestSystem, skus: number[]): Promise<string[]> {
  const problems: string[] = [];
  const orders = (await sys.orm('orders')).em.fork() as SqlEntityManager;
  const catalog = (await sys.orm('catalog')).em.fork() as SqlEntityManager;
  const loyalty = (await sys.orm('loyalty')).em.fork() as SqlEntityManager;
  const sold = new Map<number, number>();
  for (const r of await orders.execute<{ sku_id: number; n: string }[]>(
    `SELECT l.sku_id, SUM(l.quantity) AS n FROM order_line l JOIN customer_order o ON o.id = l.order_id
     WHERE o.status IN ('PAID', 'COMPLETED') AND o.confirmed = 1 GROUP BY l.sku_id`,
  ))
    sold.set(Number(r.sku_id), Number(r.n));
  const [unfinished] = await orders.execute<{ n: string }[]>(
    `SELECT COUNT(*) AS n FROM customer_order WHERE status NOT IN ('PAID', 'COMPLETED', 'FAILED', 'CANCELLED') OR (status = 'PAID' AND confirmed = 0)`,
  );
  if (Number(unfinished!.n) > 0) problems.push(`${unfinished!.n} orders not finished`);
  for (const skuId of skus) {
    const stock = await catalog.findOneOrFail(Stock, { skuId }, { refresh: true });
    const n = sold.get(skuId) ?? 0;
    if (stock.available + n !== INITIAL_STOCK)
      problems.push(`SKU ${skuId}: available ${stock.available} + sold ${n} ≠ ${INITIAL_STOCK}`);
    if (stock.reserved !== 0) problems.push(`SKU ${skuId}: ${stock.reserved} still reserved`);
  }
  const paid = await orders.execute<{ id: number; total_points: string }[]>(
    `SELECT id, total_points FROM customer_order WHERE status IN ('PAID', 'COMPLETED') AND confirmed = 1`,
  );
  const expected = paid.reduce((sum, o) => sum + Number(o.total_points), 0);
  const [holds] = await loyalty.execute<{ captured: string | null; held: string | null; n: string }[]>(
    `SELECT SUM(CASE WHEN state = 'CAPTURED' THEN amount ELSE 0 END) AS captured,
            SUM(CASE WHEN state = 'HELD' THEN amount ELSE 0 END) AS held, COUNT(*) AS n FROM points_hold`,
  );
  if (Number(holds!.captured ?? 0) !== expected)
    problems.push(`points captured ${holds!.captured} ≠ ${expected} of the paid orders`);
  if (Number(holds!.held ?? 0) !== 0) problems.push(`${holds!.held} points still held`);
  return problems;
}

/**
 * The checkout workload's setup: a mall of bank 1 with 32 points-plus-cash listings of physical
 * SKUs, each with ample stock; balances for the buyers; their tokens; the processes to measure;
 * the hot and spread scenarios. Shared with bench/profile.ts.
 */
export async function prepareCheckout(sys: TestSystem): Promise<{
  skus: number[];
  tokens: { buyers: string[]; admin: string };
  procs: ProcessCpu[];
  hot: Scenario;
  spread: Scenario;
}> {
  const m = await setUpMall(sys);
  const catalog = (await sys.orm('catalog')).em.fork();
  const skus = (
    await catalog.find(
      Sku,
      { kind: SkuKind.PHYSICAL, status: SkuStatus.ACTIVE },
      { orderBy: { id: 'ASC' }, limit: 32, fields: ['id'] },
    )
  ).map((s) => s.id);
  assert.equal(skus.length, 32, 'the demo catalog has 32 active physical SKUs');
  await catalog.nativeUpdate(Stock, { skuId: { $in: skus } }, { available: INITIAL_STOCK, reserved: 0 });
  const listings: string[] = [];
  for (const skuId of skus)
    listings.push(
      await createListing(sys, {
        mallId: m.mallId,
        skuId: String(skuId),
        priceMode: 'POINTS_PLUS_CASH',
        pricePoints: POINTS_PER_UNIT,
        priceFen: FEN_PER_UNIT,
      }),
    );
  for (let c = 1; c <= CUSTOMERS; c++) await setBalance(sys, 1, c, 100_000_000, `bench-balance-${c}`);
  const tokens = {
    buyers: await Promise.all(
      Array.from({ length: BUYERS }, (_, b) => sys.token(customer(1, (b % CUSTOMERS) + 1), 3600)),
    ),
    admin: await sys.token(bankAdmin(1), 3600),
  };
  const procs = processesOf(sys.prefix);
  assert.equal(
    procs.filter((p) => p.name !== 'MariaDB (shared)').length,
    SUBGRAPH_NAMES.length + 1,
    JSON.stringify(procs),
  );
  const hot: Scenario = { name: m.mallId, listings: [listings[0]!], skus: [skus[0]!] };
  const spread: Scenario = { name: m.mallId, listings, skus };
  return { skus, tokens, procs, hot, spread };
}

export async function run(): Promise<void> {
  await ensureMariaDb();
  const sys = await startTestSystem({
    env: {
      PERKMALL_LOG_LEVEL: 'error',
      PERKMALL_RATE_LIMITS: 'off',
      ...(PROFILE_DIR ? profilingEnv(PROFILE_DIR) : {}),
    },
  });
  const rows: string[] = [];
  const checks: string[] = [];
  try {
    const { skus, tokens, procs, hot, spread } = await prepareCheckout(sys);

    // Warm-up (JIT, pools, prepared plans), not measured.
    await runScenario(sys, spread, tokens, procs, Math.min(3, SECONDS), 'warm');

    const names = ['gateway', ...SUBGRAPH_NAMES, 'MariaDB (shared)'];
    rows.push(
      `| scenario | purchases | purchases/s | p50 ms | p95 ms | failures | ${SUBGRAPH_NAMES.map((n) => `SQL ${n}`).join(' | ')} | SQL total | ${names.map((n) => `CPU ms ${n}`).join(' | ')} | CPU ms total | load (1 min) |`,
      `|${'---|'.repeat(6 + SUBGRAPH_NAMES.length + 1 + names.length + 2)}`,
    );
    const results: Record<string, number> = {};
    for (const [label, s] of [
      ['hot SKU', hot],
      ['32 SKUs', spread],
    ] as const) {
      const o = await runScenario(sys, s, tokens, procs, SECONDS, label.replace(/\W/g, ''));
      const times = o.purchases.map((p) => p.ms).sort((a, b) => a - b);
      const st = await statementsPerPurchase(sys, o.purchases);
      const perSubgraph = SUBGRAPH_NAMES.map((n) => st.checkout[n] + st.pay[n]);
      const sql = perSubgraph.reduce((a, b) => a + b, 0);
      const cpuMs = names.map((n) => ((o.cpu.get(n) ?? 0) * 1000) / Math.max(1, o.purchases.length));
      const rate = o.purchases.length / o.seconds;
      results[label] = rate;
      rows.push(
        `| ${label} | ${o.purchases.length} | ${rate.toFixed(1)} | ${percentile(times, 50).toFixed(0)} | ${percentile(times, 95).toFixed(0)} | ${o.failures.length} | ${SUBGRAPH_NAMES.map((n) => `${st.checkout[n].toFixed(1)}+${st.pay[n].toFixed(1)}`).join(' | ')} | ${sql.toFixed(1)} | ${cpuMs.map((c) => c.toFixed(1)).join(' | ')} | ${cpuMs.reduce((a, b) => a + b, 0).toFixed(1)} | ${o.load.toFixed(2)} |`,
      );
      console.log(rows[rows.length - 1]);
      if (o.failures.length) console.warn(`${label}: ${o.failures.length} failures, first: ${o.failures[0]}`);
    }
    // The MariaDB server may be shared (other test stacks): a refused connection is reported, not fatal.
    const raw = await rawUpdateRate(`${sys.prefix}catalog`, Math.min(5, SECONDS)).catch((e: Error) => {
      console.warn(`raw UPDATE rate not measured: ${e.message}`);
      return NaN;
    });
    // Confirmations that could not finish in their request (e.g. deadlock retries exhausted) are the
    // recovery sweep's; it runs here so conservation is checked on finished orders.
    const swept = await recover(sys);
    const problems = await conservation(sys, skus);
    checks.push(
      `- **Hot / spread: ${(results['hot SKU']! / results['32 SKUs']!).toFixed(2)}×**; raw conditional UPDATE on one hot row, ${RAW_CONNECTIONS} connections, same run: ${Number.isNaN(raw) ? 'not measured (the server refused the connections)' : `**${raw.toFixed(0)}/s** (${(raw / results['hot SKU']!).toFixed(0)}× the hot-SKU purchase rate)`}.`,
      `- Left to the recovery sweep (paid, not confirmed in their own request): ${swept.confirmed} confirmed by it, ${swept.refunded} refunded, ${swept.abandoned + swept.expired} abandoned or expired.`,
      `- Conservation (stock + sold = ${INITIAL_STOCK.toLocaleString('en')} and nothing reserved on all 32 SKUs; points captured = points of the paid orders, none held): ${problems.length ? `**FAILED**: ${problems.join('; ')}` : 'held'}.`,
    );
    if (problems.length) throw new Error(`conservation failed: ${problems.join('; ')}`);
  } finally {
    await sys.stop();
  }
  recordResult(
    'checkout',
    'Checkout + confirmPayment through the gateway (MariaDB, 32 buyers)',
    [
      `${BUYERS} buyers (bank 1's ${CUSTOMERS} demo customers, some shared), each placing one-unit points-plus-cash orders of a physical SKU (checkout, then confirmPayment by the bank admin) back to back for ${SECONDS} s per scenario: "hot SKU" all on one listing, "32 SKUs" round-robin over 32 listings. A purchase is both calls; p50/p95 are of the pair.`,
      'SQL is statements per purchase per subgraph as `checkout+confirmPayment`, from the per-request counters (`/debug/statements`), averaged over the last 20 purchases; background work (outbox relays, logistics opening fulfilments) is not in it. CPU is user + system time per purchase of each process over the scenario, from /proc; MariaDB is shared with anything else the machine runs.',
      '',
      rows.join('\n'),
      '',
      ...checks,
    ].join('\n'),
  );
}
