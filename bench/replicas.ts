/**
 * Throughput of the mall query (MallListings, the design contract's, page 50) through the gateway
 * with one and with two replicas of the busiest subgraph it reads (catalog: most CPU per mall
 * request in read-cpu; `PERKMALL_BENCH_REPLICATED=tenants` to pick another), in the same run on the
 * same stack (issue 21, safe replicas). The replicated subgraph runs two processes behind the
 * round-robin proxy (scripts/replica-proxy.ts); a phase with one replica sends every connection to
 * the first (the second keeps running its background tasks, as a replica would), then the proxy drops
 * every open connection so the gateway reconnects. Phases alternate round by round (1, 2, 2, 1, …)
 * so machine load hits both alike. Reported: req/s, p50/p95 and the load average before each phase.
 * Machine load is reported as the 1-minute load average before and after each phase and the share
 * of the machine's CPU busy during it (/proc/stat: every process, the stack's and anyone else's).
 *   npm run bench -- replicas                              (4 rounds × 5 s per phase and concurrency)
 *   PERKMALL_BENCH_SECONDS=2 PERKMALL_BENCH_ROUNDS=2 npm run bench -- replicas   (a short run)
 */
import fs from 'node:fs';
import os from 'node:os';
import type { SubgraphName } from '../core/config';
import { startTestSystem } from '../test/harness';
import { ensureMariaDb } from '../test/mariadb';
import { recordResult } from './results';
import { call, contractData, loadAverage, percentile, requestsIn, withVariables } from './support/system';

export const onlyWhenNamed = true;

const SECONDS = Number(process.env.PERKMALL_BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.PERKMALL_BENCH_ROUNDS ?? 4);
const PAGE = Number(process.env.PERKMALL_BENCH_PAGE ?? 50);
const REPLICATED = (process.env.PERKMALL_BENCH_REPLICATED ?? 'catalog') as SubgraphName;
const CONCURRENCY = [8, 32];

interface Phase {
  replicas: 1 | 2;
  clients: number;
  requests: number;
  seconds: number;
  latencies: number[];
  loads: number[];
  /** Share of the machine's CPU time busy during the phase (every process, not only the stack's). */
  busy: number;
}

/** Busy and total CPU ticks of the whole machine (/proc/stat), for the share busy during a phase. */
function cpuTicks(): { busy: number; total: number } {
  try {
    const [cpu] = fs.readFileSync('/proc/stat', 'utf8').split('\n');
    const t = cpu!.trim().split(/\s+/).slice(1).map(Number);
    const total = t.reduce((a, b) => a + b, 0);
    const idle = (t[3] ?? 0) + (t[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

export async function run(): Promise<void> {
  await ensureMariaDb();
  // What else the machine is doing: its CPU share busy over 3 s before the stack starts.
  const idleTicks = cpuTicks();
  const loadAtStart = loadAverage();
  await new Promise((r) => setTimeout(r, 3000));
  const idleAfter = cpuTicks();
  const background = (idleAfter.busy - idleTicks.busy) / Math.max(1, idleAfter.total - idleTicks.total);
  const sys = await startTestSystem({ replicas: { [REPLICATED]: 2 }, env: { PERKMALL_LOG_LEVEL: 'error' } });
  const phases: Phase[] = [];
  try {
    const [mall] = await contractData(sys, PAGE);
    const request = withVariables(mall!, { first: PAGE });
    const proxy = sys.stack.proxies[REPLICATED]!;
    // Warm both replicas and the gateway.
    await requestsIn(2, 8, () => call(sys.stack.gatewayUrl, request));
    for (let round = 0; round < ROUNDS; round++) {
      const order: (1 | 2)[] = round % 2 === 0 ? [1, 2] : [2, 1];
      for (const replicas of order) {
        proxy.use(replicas === 1 ? [0] : [0, 1]);
        for (const clients of CONCURRENCY) {
          const loads = [loadAverage()];
          const latencies: number[] = [];
          const ticks = cpuTicks();
          const t0 = performance.now();
          const requests = await requestsIn(SECONDS, clients, () => call(sys.stack.gatewayUrl, request), latencies);
          const seconds = (performance.now() - t0) / 1000;
          const ticksAfter = cpuTicks();
          loads.push(loadAverage());
          const busy = (ticksAfter.busy - ticks.busy) / Math.max(1, ticksAfter.total - ticks.total);
          phases.push({ replicas, clients, requests, seconds, latencies, loads, busy });
          console.log(
            `round ${round + 1}: ${replicas} replica(s), c=${clients}: ${(requests / SECONDS).toFixed(1)} req/s`,
          );
        }
      }
    }
  } finally {
    await sys.stop();
  }
  const rows = [
    `| ${REPLICATED} replicas | clients | requests | req/s | p50 ms | p95 ms | load (1 min, before/after each phase) | machine CPU busy |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  const ratio: string[] = [];
  for (const clients of CONCURRENCY) {
    const perSecond: Record<number, number> = {};
    for (const replicas of [1, 2] as const) {
      const mine = phases.filter((p) => p.replicas === replicas && p.clients === clients);
      const requests = mine.reduce((s, p) => s + p.requests, 0);
      const seconds = mine.reduce((s, p) => s + p.seconds, 0);
      const latencies = mine.flatMap((p) => p.latencies).sort((a, b) => a - b);
      const loads = mine.flatMap((p) => p.loads);
      const busy = mine.reduce((s, p) => s + p.busy * p.seconds, 0) / seconds;
      perSecond[replicas] = requests / seconds;
      rows.push(
        `| ${replicas} | ${clients} | ${requests} | ${(requests / seconds).toFixed(1)} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 95).toFixed(1)} | ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} | ${(busy * 100).toFixed(0)} % |`,
      );
    }
    ratio.push(`c=${clients}: 2 replicas / 1 = **${(perSecond[2]! / perSecond[1]!).toFixed(2)}×**`);
  }
  recordResult(
    'replicas',
    `Mall query with 1 and 2 replicas of ${REPLICATED} behind the gateway (safe replicas, issue 21)`,
    [
      `MallListings, page ${PAGE}, through the gateway; ${REPLICATED} as two processes on one database behind the round-robin proxy, one of them taking traffic or both, alternated over ${ROUNDS} rounds of ${SECONDS} s per phase and concurrency, on ${os.cpus().length} cores (every process of the stack, MariaDB and the load generator share them, so a second replica adds processes, not cores).`,
      `Machine load: before the stack started the 1-minute load average was ${loadAtStart.toFixed(2)} and ${(background * 100).toFixed(0)} % of the CPU was busy with other work (over 3 s); the table gives both figures per phase.`,
      '',
      rows.join('\n'),
      '',
      ratio.join('; '),
    ].join('\n'),
  );
}
