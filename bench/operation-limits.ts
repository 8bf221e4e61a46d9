/**
 * What the gateway's operation limits cost: the design contract's queries (mall listings, a
 * customer's orders with shipments, a supplier's paid orders) through two gateways in front of the
 * same subgraphs, one with the limits on and one with PERKMALL_OPERATION_LIMITS=off, alternated
 * A/B round by round in one run so machine load hits both alike. Writes bench/RESULTS.md.
 *   npm run bench -- operation-limits        (about two minutes)
 * PERKMALL_BENCH_ROUNDS (default 8), PERKMALL_BENCH_SECONDS per side per round (default 5),
 * PERKMALL_BENCH_CLIENTS concurrent clients (default 8).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { ROOT_DIR } from '../core/config';
import { startTestSystem, type TestSystem } from '../test/harness';
import { ensureMariaDb } from '../test/mariadb';
import { startGatewayProcess } from '../test/gateway-process';
import { createListing, setStock, setUpMall } from '../test/orders/helpers';
import { MALL, placeOrder } from '../test/logistics/helpers';
import { bankAdmin, customer, supplierAdmin } from '../test/principals';
import { costEstimator, operationLimitOptions, operationLimitsFromEnv } from '../gateway/limits';
import { recordResult } from './results';

const ROUNDS = Number(process.env.PERKMALL_BENCH_ROUNDS ?? 8);
const SECONDS = Number(process.env.PERKMALL_BENCH_SECONDS ?? 5);
const CLIENTS = Number(process.env.PERKMALL_BENCH_CLIENTS ?? 8);
const CUSTOMER_ID = 4;

const MALL_QUERY = `query($first: Int) { mall(id: 1) { listings(first: $first) { edges { node { pricePoints
  sku { title brand { name } stock { available } supplier { name } } } } } } }`;
const CUSTOMER_QUERY = `query($n: Int) { customer { id points { redeemable tier } orders(first: $n) { edges { node { id
  lines { quantity sku { title brand { name } } }
  supplierOrders { status shipments { trackingNumber carrier { name } events { edges { node { status location } } } } } } } } } }`;
const SUPPLIER_QUERY = `query($id: ID!, $n: Int) { supplier(id: $id) { name supplierOrders(status: PAID, first: $n) { edges { node { id
  order { shippingAddress { city } } lines { quantity sku { title } } } } } } }`;

interface Call {
  token: string;
  body: string;
}

async function prepare(sys: TestSystem): Promise<Call[]> {
  const m = await setUpMall(sys);
  MALL.id = m.mallId;
  await setStock(sys, m.physical.id, 1000);
  const listing = await createListing(sys, { mallId: m.mallId, skuId: String(m.physical.id), priceMode: 'POINTS', pricePoints: 1 });
  for (let i = 0; i < 20; i++) await placeOrder(sys, CUSTOMER_ID, [{ listingId: listing, quantity: 1 }], `bench-limits-${i}`);
  const calls: Call[] = [
    { token: await sys.token(bankAdmin(1), 3600), body: JSON.stringify({ query: MALL_QUERY, variables: { first: 20 } }) },
    { token: await sys.token(customer(1, CUSTOMER_ID), 3600), body: JSON.stringify({ query: CUSTOMER_QUERY, variables: { n: 20 } }) },
    { token: await sys.token(supplierAdmin(m.physical.supplierId), 3600), body: JSON.stringify({ query: SUPPLIER_QUERY, variables: { id: String(m.physical.supplierId), n: 20 } }) },
  ];
  return calls;
}

async function call(url: string, c: Call): Promise<void> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` }, body: c.body });
  const body = (await r.json()) as { errors?: unknown };
  if (body.errors) throw new Error(`contract query failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
}

/** Requests completed by CLIENTS concurrent clients in SECONDS, cycling through the contract queries. */
async function throughput(url: string, calls: Call[]): Promise<number> {
  const deadline = performance.now() + SECONDS * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = client; performance.now() < deadline; i++) {
        await call(url, calls[i % calls.length]!);
        done++;
      }
    }),
  );
  return done / SECONDS;
}

/** Fastest of five batches, in microseconds per call: what the work costs when nothing else runs. */
function microseconds(fn: () => void, calls = 500): number {
  let best = Infinity;
  for (let batch = 0; batch < 5; batch++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) fn();
    best = Math.min(best, ((performance.now() - t0) * 1000) / calls);
  }
  return best;
}

/**
 * The limits' own work per request, in process and free of the machine's load: the armor rules
 * (once per distinct document: Apollo caches validated documents) and the cost estimate (every request).
 */
function inProcessCost(): { rows: string[]; worstCostMicros: number } {
  const schema = buildSchema(fs.readFileSync(path.join(ROOT_DIR, 'schema.graphql'), 'utf8'));
  const armor = operationLimitOptions(operationLimitsFromEnv()).validationRules;
  const rows = ['| query | validation without limits µs | armor rules add µs (once per document) | cost estimate µs (per request) |', '|---|---|---|---|'];
  const queries: [string, string, Record<string, unknown>][] = [
    ['mall listings', MALL_QUERY, { first: 20 }],
    ['customer orders', CUSTOMER_QUERY, { n: 20 }],
    ['supplier orders', SUPPLIER_QUERY, { id: '1', n: 20 }],
  ];
  let worstCostMicros = 0;
  for (const [name, query, variables] of queries) {
    const document = parse(query);
    const plain = microseconds(() => validate(schema, document, specifiedRules));
    const withArmor = microseconds(() => validate(schema, document, [...specifiedRules, ...armor]));
    const cost = microseconds(() => getComplexity({ schema, query: document, variables, estimators: [costEstimator] }));
    worstCostMicros = Math.max(worstCostMicros, cost);
    rows.push(`| ${name} | ${plain.toFixed(1)} | ${(withArmor - plain).toFixed(1)} | ${cost.toFixed(1)} |`);
  }
  return { rows, worstCostMicros };
}

export async function run(): Promise<void> {
  await ensureMariaDb();
  const sys = await startTestSystem();
  const off = await startGatewayProcess(sys, { PERKMALL_OPERATION_LIMITS: 'off' });
  const limits = operationLimitsFromEnv();
  const rows: string[] = ['| round | first | limits on (req/s) | limits off (req/s) | on/off | load (1 min) |', '|---|---|---|---|---|---|'];
  let totalOn = 0;
  let totalOff = 0;
  const ratios: number[] = [];
  const loads: number[] = [];
  try {
    const calls = await prepare(sys);
    const on = sys.stack.gatewayUrl;
    // Both gateways answer every query before measuring, and warm up (JIT, connection pools).
    for (const url of [on, off.url]) for (const c of calls) await call(url, c);
    await throughput(on, calls);
    await throughput(off.url, calls);
    for (let round = 1; round <= ROUNDS; round++) {
      const onFirst = round % 2 === 1;
      let a: number;
      let b: number;
      if (onFirst) {
        a = await throughput(on, calls);
        b = await throughput(off.url, calls);
      } else {
        b = await throughput(off.url, calls);
        a = await throughput(on, calls);
      }
      const load = os.loadavg()[0]!;
      loads.push(load);
      totalOn += a;
      totalOff += b;
      ratios.push(a / b);
      rows.push(`| ${round} | ${onFirst ? 'on' : 'off'} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(a / b).toFixed(3)} | ${load.toFixed(2)} |`);
      console.log(rows[rows.length - 1]);
    }
  } finally {
    await off.stop();
    await sys.stop();
  }
  const ratio = totalOn / totalOff;
  const perRequest = inProcessCost();
  const meanRequestMs = (1000 * CLIENTS) / ((totalOn + totalOff) / 2 / ROUNDS);
  const sorted = [...ratios].sort((x, y) => x - y);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const cost = (1 - ratio) * 100;
  const summary = [
    `Contract queries (mall listings, customer orders with shipments, supplier paid orders; pages of 20), ${CLIENTS} concurrent clients, ${ROUNDS} rounds of ${SECONDS} s per side, alternated.`,
    `Limits: depth ${limits.depth}, aliases ${limits.aliases}, tokens ${limits.tokens}, directives ${limits.directives}, cost ${limits.cost}; "off" is a second gateway with PERKMALL_OPERATION_LIMITS=off in front of the same subgraphs.`,
    '',
    rows.join('\n'),
    '',
    `**Throughput with limits / without: ${ratio.toFixed(3)} overall (median round ${median.toFixed(3)}), i.e. the limits cost ${cost.toFixed(1)} % of throughput** (budget: under 5 %).`,
    `Rounds ranged from ${sorted[0]!.toFixed(3)} to ${sorted[sorted.length - 1]!.toFixed(3)}. Machine load (1-minute average) during the rounds: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${os.cpus().length} cores${Math.max(...loads) > os.cpus().length ? '; the machine was shared with other work, which both sides saw alike but which makes single rounds noisy' : ''}.`,
    '',
    'The limits\' own work, measured in process (fastest of five batches, so independent of the load):',
    '',
    perRequest.rows.join('\n'),
    '',
    `Against a mean of ${meanRequestMs.toFixed(0)} ms per contract request end to end in this run, the per-request cost estimate (${perRequest.worstCostMicros.toFixed(0)} µs at most) is ${((perRequest.worstCostMicros / (meanRequestMs * 1000)) * 100).toFixed(2)} % of a request.`,
  ].join('\n');
  recordResult('operation-limits', 'Operation limits: contract queries with the limits on and off (A/B in one run)', summary);
  assert.ok(ratio > 0.95, `the limits cost ${cost.toFixed(1)} % of throughput`);
}
