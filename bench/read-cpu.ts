/**
 * What one read costs each process: the contract queries (mall listings, a customer's orders with
 * their shipments, a supplier's paid orders) through the gateway on MariaDB with the demo data, each
 * run REQUESTS times by 8 concurrent clients. Prints and records the CPU milliseconds per request of
 * every subgraph and the gateway (user + system time from /proc, which hardly depends on what else
 * the machine runs), requests per second at 8 and at 32 clients, and the SQL statements of one
 * request per subgraph. A hash of each answer lets two runs (before and after a change) show they
 * served the same data.
 *   npm run bench -- read-cpu          (about two minutes)
 * PERKMALL_BENCH_REQUESTS per cell (default 400); PERKMALL_BENCH_CELLS=listings,orders runs only
 * the cells whose names contain one of the words; PERKMALL_BENCH_PROFILE=<dir> writes a V8 CPU
 * profile of every process there when the system stops (open it in Chrome's DevTools).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { SUBGRAPH_NAMES, type SubgraphName } from '../core/config';
import { startTestSystem, type TestSystem } from '../test/harness';
import { ensureMariaDb } from '../test/mariadb';
import { createListing, setStock, setUpMall } from '../test/orders/helpers';
import { MALL, SHIP, fulfilmentOpened, placeOrder, supplierStaff } from '../test/logistics/helpers';
import { bankAdmin, customer } from '../test/principals';
import { ROOT_DIR } from '../core/config';
import { recordResult } from './results';

const REQUESTS = Number(process.env.PERKMALL_BENCH_REQUESTS ?? 400);
const CELLS = process.env.PERKMALL_BENCH_CELLS?.split(',').filter(Boolean);
const PROFILE_DIR = process.env.PERKMALL_BENCH_PROFILE;
const CUSTOMER_ID = 4;
const ORDERS = 50;

const operation = (file: string, name: string) => {
  const text = fs.readFileSync(path.join(ROOT_DIR, 'codegen', 'operations', file), 'utf8');
  return { text, name };
};
const SUPPLIER_QUERY = `query SupplierPaidOrders($id: ID!, $n: Int) { supplier(id: $id) { name
  supplierOrders(status: PAID, first: $n) { edges { node { id order { shippingAddress { city } }
  lines { quantity sku { title } } } } } } }`;

interface Cell {
  name: string;
  token: string;
  body: string;
}

type Component = SubgraphName | 'gateway';
const COMPONENTS: Component[] = [...SUBGRAPH_NAMES, 'gateway'];

/** CPU seconds (user + system, all threads) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

/** This test system's processes: each one's entry file, among those whose environment names its schema prefix. */
function processes(prefix: string): Record<Component, number> {
  const found: Partial<Record<Component, number>> = {};
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`PERKMALL_DB_PREFIX=${prefix}`))
        continue;
      for (const c of COMPONENTS) {
        const main = c === 'gateway' ? `gateway${path.sep}main.ts` : `subgraphs${path.sep}${c}${path.sep}main.ts`;
        if (cmdline.includes(main)) found[c] = Number(entry);
      }
    } catch {
      // gone, or not ours
    }
  }
  for (const c of COMPONENTS) assert.ok(found[c], `no process found for ${c}`);
  return found as Record<Component, number>;
}

async function call(sys: TestSystem, cell: Cell, requestId = randomUUID()): Promise<string> {
  const r = await fetch(sys.stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${cell.token}`, 'x-request-id': requestId },
    body: cell.body,
  });
  const text = await r.text();
  if (r.status !== 200 || text.includes('"errors"')) throw new Error(`${cell.name} failed: ${text.slice(0, 300)}`);
  return text;
}

async function prepare(sys: TestSystem): Promise<Cell[]> {
  const m = await setUpMall(sys);
  MALL.id = m.mallId;
  await setStock(sys, m.physical.id, 1000);
  const listing = await createListing(sys, {
    mallId: m.mallId,
    skuId: String(m.physical.id),
    priceMode: 'POINTS',
    pricePoints: 1,
  });
  // Fifty paid orders for one customer, each shipped in one parcel with its carrier.
  for (let i = 0; i < ORDERS; i++) {
    const order = await placeOrder(sys, CUSTOMER_ID, [{ listingId: listing, quantity: 1 }], `bench-read-${i}`);
    await fulfilmentOpened(sys, order.supplierOrderId);
    if (i % 2 === 0) continue; // half stay PAID for the supplier's query
    const r = await sys.gql(supplierStaff(m.physical.supplierId), SHIP, {
      input: {
        supplierOrderId: order.supplierOrderId,
        carrierCode: 'SF',
        trackingNumber: `SF${String(9_000_000_000 + i)}`,
        lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }],
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  }
  const mall = operation('mall.graphql', 'MallListings');
  const shipments = operation('logistics.graphql', 'MyShipments');
  const bank = await sys.token(bankAdmin(1), 3600);
  const buyer = await sys.token(customer(1, CUSTOMER_ID), 3600);
  const supplier = await sys.token(supplierStaff(m.physical.supplierId), 3600);
  const body = (op: { text: string; name: string }, variables: Record<string, unknown>) =>
    JSON.stringify({ query: op.text, operationName: op.name, variables });
  return [
    { name: 'mall listings, page 10', token: bank, body: body(mall, { mallId: '1', first: 10 }) },
    { name: 'mall listings, page 50', token: bank, body: body(mall, { mallId: '1', first: 50 }) },
    { name: 'customer orders with shipments, page 50', token: buyer, body: body(shipments, { first: 50 }) },
    {
      name: 'supplier paid orders, page 50',
      token: supplier,
      body: JSON.stringify({ query: SUPPLIER_QUERY, variables: { id: String(m.physical.supplierId), n: 50 } }),
    },
  ];
}

interface Measured {
  perSecond: number;
  cpuMs: Record<Component, number>;
}

async function measure(
  sys: TestSystem,
  pids: Record<Component, number>,
  cell: Cell,
  clients: number,
): Promise<Measured> {
  const before = COMPONENTS.map((c) => cpuSeconds(pids[c]));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next++ < REQUESTS) await call(sys, cell);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpuMs = {} as Record<Component, number>;
  COMPONENTS.forEach((c, i) => (cpuMs[c] = ((cpuSeconds(pids[c]) - before[i]!) * 1000) / REQUESTS));
  return { perSecond: REQUESTS / seconds, cpuMs };
}

export async function run(): Promise<void> {
  await ensureMariaDb();
  const sys = await startTestSystem(
    PROFILE_DIR
      ? {
          env: {
            NODE_OPTIONS: `--import ${path.join(__dirname, 'support', 'cpu-profile.mjs')}`,
            PERKMALL_BENCH_PROFILE_DIR: path.resolve(PROFILE_DIR),
          },
        }
      : {},
  );
  const rows = [
    `| query | req/s c=8 | req/s c=32 | subgraph CPU ms/req | ${SUBGRAPH_NAMES.join(' | ')} | gateway | SQL per subgraph | answer | load |`,
    `|---|---|---|---|${SUBGRAPH_NAMES.map(() => '---|').join('')}---|---|---|---|`,
  ];
  try {
    const pids = processes(sys.prefix);
    const cells = await prepare(sys);
    for (const cell of cells) {
      if (CELLS && !CELLS.some((word) => cell.name.includes(word))) continue;
      const requestId = randomUUID();
      const answer = await call(sys, cell, requestId);
      const statements: string[] = [];
      for (const name of SUBGRAPH_NAMES) {
        const n = await sys.statements(name, requestId);
        if (n) statements.push(`${name} ${n}`);
      }
      const hash = createHash('sha256').update(answer).digest('hex').slice(0, 10);
      // Warm up (JIT, pools, caches), then measure.
      await measure(sys, pids, cell, 8);
      const c8 = await measure(sys, pids, cell, 8);
      const c32 = await measure(sys, pids, cell, 32);
      const subgraphMs = SUBGRAPH_NAMES.reduce((sum, n) => sum + c8.cpuMs[n], 0);
      rows.push(
        `| ${cell.name} | ${c8.perSecond.toFixed(1)} | ${c32.perSecond.toFixed(1)} | **${subgraphMs.toFixed(2)}** | ${SUBGRAPH_NAMES.map((n) => c8.cpuMs[n].toFixed(2)).join(' | ')} | ${c8.cpuMs.gateway.toFixed(2)} | ${statements.join(', ')} | ${hash} | ${os.loadavg()[0]!.toFixed(2)} |`,
      );
      console.log(rows[rows.length - 1]);
    }
  } finally {
    await sys.stop();
  }
  recordResult(
    'read-cpu',
    'Read CPU per request: contract queries through the gateway (MariaDB, demo data)',
    [
      `${REQUESTS} requests per cell at 8 and at 32 concurrent clients; CPU columns are milliseconds of user + system time per request at 8 clients, from /proc; "subgraph CPU" is the five subgraphs together. Load is the 1-minute average after the cell on ${os.cpus().length} cores.`,
      '',
      rows.join('\n'),
    ].join('\n'),
  );
}
