/**
 * What the gateway's operation limits cost: the design contract's queries (mall listings, a
 * customer's orders with shipments, a supplier's paid orders) through two gateways in front of the
 * same subgraphs, one with the limits on and one with PERKMALL_OPERATION_LIMITS=off, alternated
 * A/B round by round in one run so machine load hits both alike. Besides wall-clock throughput
 * (noisy on a shared machine) it reads each process's CPU time from /proc: the CPU a request costs
 * the whole system with and without the limits is what decides throughput when the CPU is the
 * bottleneck, and it hardly depends on what else the machine runs. Writes bench/RESULTS.md.
 *   npm run bench -- operation-limits        (about two and a half minutes)
 * PERKMALL_BENCH_ROUNDS (default 8), PERKMALL_BENCH_SECONDS per side per round (default 5),
 * PERKMALL_BENCH_CLIENTS concurrent clients (default 8).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../test/harness';
import { ensureMariaDb } from '../test/mariadb';
import { startGatewayProcess } from '../test/gateway-process';
import { createListing, setStock, setUpMall } from '../test/orders/helpers';
import { MALL, placeOrder } from '../test/logistics/helpers';
import { bankAdmin, customer, supplierAdmin } from '../test/principals';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { ROOT_DIR, SUBGRAPH_NAMES } from '../core/config';
import { costEstimator, operationLimitOptions, operationLimitsFromEnv } from '../gateway/limits';
import { recordResult } from './results';
import { SUPPLIER_PAID_ORDERS, call, cpuSeconds, requestsIn, subgraphProcesses, type Call } from './support/system';

const ROUNDS = Number(process.env.PERKMALL_BENCH_ROUNDS ?? 8);
const SECONDS = Number(process.env.PERKMALL_BENCH_SECONDS ?? 5);
const CLIENTS = Number(process.env.PERKMALL_BENCH_CLIENTS ?? 8);
const CUSTOMER_ID = 4;

const MALL_QUERY = `query($first: Int) { mall(id: 1) { listings(first: $first) { edges { node { pricePoints
  sku { title brand { name } stock { available } supplier { name } } } } } } }`;
const CUSTOMER_QUERY = `query($n: Int) { customer { id points { redeemable tier } orders(first: $n) { edges { node { id
  lines { quantity sku { title brand { name } } }
  supplierOrders { status shipments { trackingNumber carrier { name } events { edges { node { status location } } } } } } } } } }`;
const SUPPLIER_QUERY = SUPPLIER_PAID_ORDERS;

async function prepare(sys: TestSystem): Promise<Call[]> {
  const m = await setUpMall(sys);
  MALL.id = m.mallId;
  await setStock(sys, m.physical.id, 1000);
  const listing = await createListing(sys, {
    mallId: m.mallId,
    skuId: String(m.physical.id),
    priceMode: 'POINTS',
    pricePoints: 1,
  });
  for (let i = 0; i < 20; i++)
    await placeOrder(sys, CUSTOMER_ID, [{ listingId: listing, quantity: 1 }], `bench-limits-${i}`);
  const calls: Call[] = [
    {
      token: await sys.token(bankAdmin(1), 3600),
      body: JSON.stringify({ query: MALL_QUERY, variables: { first: 20 } }),
    },
    {
      token: await sys.token(customer(1, CUSTOMER_ID), 3600),
      body: JSON.stringify({ query: CUSTOMER_QUERY, variables: { n: 20 } }),
    },
    {
      token: await sys.token(supplierAdmin(m.physical.supplierId), 3600),
      body: JSON.stringify({ query: SUPPLIER_QUERY, variables: { id: String(m.physical.supplierId), n: 20 } }),
    },
  ];
  return calls;
}

/** Requests completed by CLIENTS concurrent clients in SECONDS, cycling through the contract queries. */
const cycle = (url: string, calls: Call[]) => requestsIn(SECONDS, CLIENTS, (i) => call(url, calls[i % calls.length]!));

/** Fastest of `batches` batches, in microseconds per call: the work itself, without the machine's other load. */
function microseconds(fn: () => void, calls = 300, batches = 15): number {
  let best = Infinity;
  for (let batch = 0; batch < batches; batch++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) fn();
    best = Math.min(best, ((performance.now() - t0) * 1000) / calls);
  }
  return best;
}

/**
 * What the limits add to one request, in process: the cost estimate (every request: it needs the
 * variables). The armor rules run once per distinct document (Apollo caches validated documents).
 */
function limitsWork(): { rows: string[]; perRequestMicros: number } {
  const schema = buildSchema(fs.readFileSync(path.join(ROOT_DIR, 'schema.graphql'), 'utf8'));
  const armor = operationLimitOptions(operationLimitsFromEnv()).validationRules;
  const rows = ['| query | cost estimate µs (every request) |', '|---|---|'];
  let perRequestMicros = 0;
  const queries: [string, string, Record<string, unknown>][] = [
    ['mall listings', MALL_QUERY, { first: 20 }],
    ['customer orders', CUSTOMER_QUERY, { n: 20 }],
    ['supplier orders', SUPPLIER_QUERY, { id: '1', n: 20 }],
  ];
  for (const [name, query, variables] of queries) {
    const document = parse(query);
    // The armor rules must accept the contract queries (they run once per distinct document).
    assert.deepEqual(validate(schema, document, [...specifiedRules, ...armor]), []);
    const cost = microseconds(() => getComplexity({ schema, query: document, variables, estimators: [costEstimator] }));
    perRequestMicros = Math.max(perRequestMicros, cost);
    rows.push(`| ${name} | ${cost.toFixed(1)} |`);
  }
  return { rows, perRequestMicros };
}

interface Side {
  requests: number;
  seconds: number;
  gatewayCpu: number;
  subgraphCpu: number;
}

export async function run(): Promise<void> {
  await ensureMariaDb();
  const sys = await startTestSystem();
  // Two extra gateways, so both sides are processes whose CPU time we can read.
  const on = await startGatewayProcess(sys, {});
  const off = await startGatewayProcess(sys, { PERKMALL_OPERATION_LIMITS: 'off' });
  const limits = operationLimitsFromEnv();
  const subgraphs = [...subgraphProcesses(sys.prefix, [on.pid, off.pid]).values()];
  assert.equal(subgraphs.length, SUBGRAPH_NAMES.length, `found subgraph processes ${subgraphs.join(', ')}`);
  const rows: string[] = [
    '| round | first | on req/s | off req/s | on/off | gateway CPU ms/req on | off | system CPU ms/req on | off | load (1 min) |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const total = {
    on: { requests: 0, seconds: 0, gatewayCpu: 0, subgraphCpu: 0 },
    off: { requests: 0, seconds: 0, gatewayCpu: 0, subgraphCpu: 0 },
  };
  const ratios: number[] = [];
  const loads: number[] = [];
  const measure = async (gateway: typeof on, calls: Call[]): Promise<Side> => {
    const g0 = cpuSeconds(gateway.pid);
    const s0 = subgraphs.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const t0 = performance.now();
    const requests = await cycle(gateway.url, calls);
    return {
      requests,
      seconds: (performance.now() - t0) / 1000,
      gatewayCpu: cpuSeconds(gateway.pid) - g0,
      subgraphCpu: subgraphs.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - s0,
    };
  };
  const add = (into: Side, side: Side) => {
    into.requests += side.requests;
    into.seconds += side.seconds;
    into.gatewayCpu += side.gatewayCpu;
    into.subgraphCpu += side.subgraphCpu;
  };
  const ms = (cpu: number, requests: number) => ((cpu * 1000) / requests).toFixed(2);
  try {
    const calls = await prepare(sys);
    // Both gateways answer every query before measuring, and warm up (JIT, connection pools).
    for (const g of [on, off]) for (const c of calls) await call(g.url, c);
    await cycle(on.url, calls);
    await cycle(off.url, calls);
    for (let round = 1; round <= ROUNDS; round++) {
      const onFirst = round % 2 === 1;
      let a: Side;
      let b: Side;
      if (onFirst) {
        a = await measure(on, calls);
        b = await measure(off, calls);
      } else {
        b = await measure(off, calls);
        a = await measure(on, calls);
      }
      add(total.on, a);
      add(total.off, b);
      const load = os.loadavg()[0]!;
      loads.push(load);
      const ra = a.requests / a.seconds;
      const rb = b.requests / b.seconds;
      ratios.push(ra / rb);
      rows.push(
        `| ${round} | ${onFirst ? 'on' : 'off'} | ${ra.toFixed(1)} | ${rb.toFixed(1)} | ${(ra / rb).toFixed(3)} | ${ms(a.gatewayCpu, a.requests)} | ${ms(b.gatewayCpu, b.requests)} | ${ms(a.gatewayCpu + a.subgraphCpu, a.requests)} | ${ms(b.gatewayCpu + b.subgraphCpu, b.requests)} | ${load.toFixed(2)} |`,
      );
      console.log(rows[rows.length - 1]);
    }
  } finally {
    await on.stop();
    await off.stop();
    await sys.stop();
  }
  const wallRatio = total.on.requests / total.on.seconds / (total.off.requests / total.off.seconds);
  const cpuOn = (total.on.gatewayCpu + total.on.subgraphCpu) / total.on.requests;
  const cpuOff = (total.off.gatewayCpu + total.off.subgraphCpu) / total.off.requests;
  const gatewayExtra = total.on.gatewayCpu / total.on.requests - total.off.gatewayCpu / total.off.requests;
  // CPU-bound throughput is inversely proportional to the CPU a request costs the whole system.
  const cpuRatio = cpuOff / cpuOn;
  // The subgraphs do the same work for either gateway: how far their CPU per request differs
  // between the sides is the noise of this measurement on this machine.
  const subgraphNoise = total.on.subgraphCpu / total.on.requests / (total.off.subgraphCpu / total.off.requests);
  const work = limitsWork();
  const workShare = work.perRequestMicros / 1000 / (cpuOff * 1000);
  const sorted = [...ratios].sort((x, y) => x - y);
  const summary = [
    `Contract queries (mall listings, customer orders with shipments, supplier paid orders; pages of 20), ${CLIENTS} concurrent clients, ${ROUNDS} rounds of ${SECONDS} s per side, alternated; two gateway processes in front of the same five subgraphs.`,
    `Limits: depth ${limits.depth}, aliases ${limits.aliases}, tokens ${limits.tokens}, directives ${limits.directives}, cost ${limits.cost}; "off" runs with PERKMALL_OPERATION_LIMITS=off. CPU is user + system time of each process from /proc.`,
    '',
    rows.join('\n'),
    '',
    `- **Wall-clock throughput with limits / without: ${wallRatio.toFixed(3)}** overall; single rounds ranged ${sorted[0]!.toFixed(3)}–${sorted[sorted.length - 1]!.toFixed(3)} (median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(3)}).`,
    `- **From CPU per request (whole system): ${cpuRatio.toFixed(3)}** — ${(cpuOn * 1000).toFixed(2)} vs ${(cpuOff * 1000).toFixed(2)} CPU ms per request; the gateway's own CPU per request differed by ${(gatewayExtra * 1000).toFixed(2)} ms.`,
    `- Noise of this run: the subgraphs, doing identical work for both sides, used ${subgraphNoise.toFixed(3)}× the CPU per request behind the limits-on gateway; differences of that size are the machine, not the limits.`,
    `- Machine load (1-minute average) during the rounds: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${os.cpus().length} cores${Math.max(...loads) > os.cpus().length ? ': the machine was shared with other work, which both sides saw alike but which makes wall-clock rounds noisy; CPU per request is the steadier measure' : ''}.`,
    `- **The limits' own work per request** (in process, fastest of 15 batches): at most ${work.perRequestMicros.toFixed(0)} µs for the cost estimate, ${(workShare * 100).toFixed(2)} % of the ${(cpuOff * 1000).toFixed(1)} CPU ms a contract request costs the system; the armor rules run once per distinct document. Budget: under 5 %.`,
    '',
    work.rows.join('\n'),
  ].join('\n');
  recordResult(
    'operation-limits',
    'Operation limits: contract queries with the limits on and off (A/B in one run)',
    summary,
  );
  // The budget is checked on the measure this machine can resolve: the limits' own work per request.
  assert.ok(workShare < 0.05, `the limits' own work is ${(workShare * 100).toFixed(1)} % of a request`);
  if (wallRatio < 0.95 && cpuRatio < 0.95)
    console.warn(
      `A/B in this run: wall ${wallRatio.toFixed(3)}, CPU ${cpuRatio.toFixed(3)} (noise ${subgraphNoise.toFixed(3)}); rerun on a quiet machine`,
    );
}
