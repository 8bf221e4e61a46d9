/**
 * What one read costs each process: the contract queries (mall listings, a customer's orders with
 * their shipments, a supplier's paid orders) through the gateway on MariaDB with the demo data and
 * the benchmarks' contract data (bench/support/system.ts, pages of 50), each run REQUESTS times by
 * 8 concurrent clients. Prints and records the CPU milliseconds per request of
 * every subgraph and the gateway (user + system time from /proc, which hardly depends on what else
 * the machine runs), requests per second at 8 and at 32 clients, and the SQL statements of one
 * request per subgraph. A hash of each answer lets two runs (before and after a change) show they
 * served the same data.
 *   npm run bench -- read-cpu          (about two minutes)
 * PERKMALL_BENCH_REQUESTS per cell (default 400); PERKMALL_BENCH_CELLS=listings,orders runs only
 * the cells whose names contain one of the words; PERKMALL_BENCH_PROFILE=<dir> writes a V8 CPU
 * profile of every process there when the system stops (open it in Chrome's DevTools).
 */
import os from 'node:os';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { SUBGRAPH_NAMES } from '../core/config';
import { REQUEST_ID_HEADER } from '../core/http';
import { startTestSystem, type TestSystem } from '../test/harness';
import { ensureMariaDb } from '../test/mariadb';
import { recordResult } from './results';
import {
  SYSTEM_PARTS,
  call,
  contractData,
  cpuSeconds,
  loadAverage,
  profilingEnv,
  systemProcesses,
  withVariables,
  type ContractCall,
  type SystemPart,
} from './support/system';

const REQUESTS = Number(process.env.PERKMALL_BENCH_REQUESTS ?? 400);
const CELLS = process.env.PERKMALL_BENCH_CELLS?.split(',').filter(Boolean);
const PROFILE_DIR = process.env.PERKMALL_BENCH_PROFILE;
const PAGE = 50;

/** The contract queries at pages of 50, and mall listings at a page of 10 besides. */
async function prepare(sys: TestSystem): Promise<ContractCall[]> {
  const [listings, shipments, paidOrders] = await contractData(sys, PAGE);
  return [
    { ...withVariables(listings!, { first: 10 }), name: 'mall listings, page 10' },
    { ...listings!, name: `mall listings, page ${PAGE}` },
    { ...shipments!, name: `customer orders with shipments, page ${PAGE}` },
    { ...paidOrders!, name: `supplier paid orders, page ${PAGE}` },
  ];
}

const ask = (sys: TestSystem, cell: ContractCall, requestId = randomUUID()) =>
  call(sys.stack.gatewayUrl, cell, { [REQUEST_ID_HEADER]: requestId });

interface Measured {
  perSecond: number;
  cpuMs: Record<SystemPart, number>;
}

async function measure(
  sys: TestSystem,
  pids: Record<SystemPart, number>,
  cell: ContractCall,
  clients: number,
): Promise<Measured> {
  const before = SYSTEM_PARTS.map((c) => cpuSeconds(pids[c]));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next++ < REQUESTS) await ask(sys, cell);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpuMs = {} as Record<SystemPart, number>;
  SYSTEM_PARTS.forEach((c, i) => (cpuMs[c] = ((cpuSeconds(pids[c]) - before[i]!) * 1000) / REQUESTS));
  return { perSecond: REQUESTS / seconds, cpuMs };
}

/** The test system's process of each part, all of them found. */
function processesOf(sys: TestSystem): Record<SystemPart, number> {
  const found = systemProcesses(sys.prefix);
  for (const c of SYSTEM_PARTS) assert.ok(found.has(c), `no process found for ${c}`);
  return Object.fromEntries(found) as Record<SystemPart, number>;
}

export async function run(): Promise<void> {
  await ensureMariaDb();
  const sys = await startTestSystem(PROFILE_DIR ? { env: profilingEnv(PROFILE_DIR) } : {});
  const rows = [
    `| query | req/s c=8 | req/s c=32 | subgraph CPU ms/req | ${SUBGRAPH_NAMES.join(' | ')} | gateway | SQL per subgraph | answer | load |`,
    `|---|---|---|---|${SUBGRAPH_NAMES.map(() => '---|').join('')}---|---|---|---|`,
  ];
  try {
    const pids = processesOf(sys);
    const cells = await prepare(sys);
    for (const cell of cells) {
      if (CELLS && !CELLS.some((word) => cell.name.includes(word))) continue;
      const requestId = randomUUID();
      const answer = await ask(sys, cell, requestId);
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
        `| ${cell.name} | ${c8.perSecond.toFixed(1)} | ${c32.perSecond.toFixed(1)} | **${subgraphMs.toFixed(2)}** | ${SUBGRAPH_NAMES.map((n) => c8.cpuMs[n].toFixed(2)).join(' | ')} | ${c8.cpuMs.gateway.toFixed(2)} | ${statements.join(', ')} | ${hash} | ${loadAverage().toFixed(2)} |`,
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
