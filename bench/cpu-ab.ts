/**
 * Before/after CPU per purchase and per contract read, in one run: two test systems side by side,
 * "before" started with the environment that turns this branch's CPU changes off, "after" with
 * them on, measured in alternation (A B, B A, …) on the same machine, so load and the shared MariaDB
 * weigh on both alike. Each round runs, on each side, checkout + confirmPayment (32 buyers, 32 SKUs,
 * bench/checkout.ts) for SECONDS and REQUESTS of each contract read at 8 clients
 * (bench/support/system.ts). CPU is user + system time of the side's own processes from /proc; the
 * figure to compare is the Node processes' (gateway + subgraphs): MariaDB is shared by both sides
 * and by whatever else the machine runs. Writes the "cpu-ab" section of bench/RESULTS.md.
 *   npm run bench -- cpu-ab            (about 5 minutes)
 * PERKMALL_BENCH_ROUNDS (default 2 per side), PERKMALL_BENCH_SECONDS of checkout per round
 * (default 8), PERKMALL_BENCH_REQUESTS per read per round (default 200). The changes and their
 * switches are listed in CHANGES below.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { REQUEST_ID_HEADER } from '../core/http';
import { startTestSystem, type TestSystem } from '../test/harness';
import { ensureMariaDb } from '../test/mariadb';
import { recordResult } from './results';
import { prepareCheckout, runScenario, type ProcessCpu, type Scenario } from './checkout';
import { call, contractData, cpuSeconds, withVariables, type ContractCall } from './support/system';

export const onlyWhenNamed = true;

const ROUNDS = Number(process.env.PERKMALL_BENCH_ROUNDS ?? 2);
const SECONDS = Number(process.env.PERKMALL_BENCH_SECONDS ?? 8);
const REQUESTS = Number(process.env.PERKMALL_BENCH_REQUESTS ?? 200);
const MARIADB = 'MariaDB (shared)';

/** This branch's CPU changes: what each does, and the environment of each side. */
const CHANGES = [
  {
    what: 'the subgraphs reach MariaDB through its Unix socket (`?socketPath=` on the database URL, core/db.ts) instead of TCP on 127.0.0.1',
    before: { PERKMALL_DATABASE_URL: 'mysql://root@127.0.0.1:3306' },
    after: { PERKMALL_DATABASE_URL: 'mysql://root@localhost/?socketPath=/run/mysqld/mysqld.sock' },
  },
];

interface Side {
  name: 'before' | 'after';
  sys: TestSystem;
  procs: ProcessCpu[];
  tokens: { buyers: string[]; admin: string };
  spread: Scenario;
  reads: ContractCall[];
}

interface Tally {
  ops: number;
  node: number;
  mariadb: number;
  perProcess: Map<string, number>;
}

async function startSide(name: Side['name']): Promise<Side> {
  // Two systems of six subgraphs at the default 20 connections each pass MariaDB's default limit of
  // 151 connections; 8 each is more than 32 buyers keep busy on 2 cores.
  const env: Record<string, string> = {
    PERKMALL_LOG_LEVEL: 'error',
    PERKMALL_RATE_LIMITS: 'off',
    PERKMALL_DB_POOL: '8',
  };
  for (const c of CHANGES) Object.assign(env, c[name]);
  // Everything that signs with the system's keys runs now, before the other side is started
  // (startTestSystem points this process's environment at the newest system).
  const sys = await startTestSystem({ env });
  const [listings, shipments, paidOrders] = await contractData(sys, 50);
  const { tokens, procs, spread } = await prepareCheckout(sys);
  const reads = [
    { ...withVariables(listings!, { first: 10 }), name: 'mall listings, page 10' },
    { ...listings!, name: 'mall listings, page 50' },
    { ...shipments!, name: 'customer orders with shipments, page 50' },
    { ...paidOrders!, name: 'supplier paid orders, page 50' },
  ];
  // Warm-up (JIT, pools, caches).
  await runScenario(sys, spread, tokens, procs, 3, `warm-${name}`);
  for (const cell of reads) await readPass(sys, cell, 50);
  return { name, sys, procs, tokens, spread, reads };
}

async function readPass(sys: TestSystem, cell: ContractCall, requests: number, clients = 8): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next++ < requests) await call(sys.stack.gatewayUrl, cell, { [REQUEST_ID_HEADER]: randomUUID() });
    }),
  );
}

/** Runs `work` on one side, adds its CPU to `tally`, and returns this pass's Node CPU ms per operation. */
async function measured(side: Side, work: () => Promise<number>, tally: Tally): Promise<number> {
  const before = new Map(side.procs.map((p) => [p.pid, cpuSeconds(p.pid)]));
  const ops = await work();
  tally.ops += ops;
  let node = 0;
  for (const p of side.procs) {
    const ms = (cpuSeconds(p.pid) - before.get(p.pid)!) * 1000;
    if (p.name === MARIADB) tally.mariadb += ms;
    else node += ms;
    tally.perProcess.set(p.name, (tally.perProcess.get(p.name) ?? 0) + ms);
  }
  tally.node += node;
  return node / Math.max(1, ops);
}

export async function run(): Promise<void> {
  await ensureMariaDb();
  const loadStart = os.loadavg();
  const sides: Side[] = [];
  const workloads = ['checkout + confirmPayment (32 SKUs)'];
  const tallies = new Map<string, Tally>();
  const tally = (side: string, workload: string) => {
    const key = `${side}\u0000${workload}`;
    if (!tallies.has(key)) tallies.set(key, { ops: 0, node: 0, mariadb: 0, perProcess: new Map() });
    return tallies.get(key)!;
  };
  const rounds: string[] = [];
  try {
    sides.push(await startSide('before'));
    sides.push(await startSide('after'));
    workloads.push(...sides[0]!.reads.map((r) => r.name));
    for (let round = 0; round < 2 * ROUNDS; round++) {
      // A B B A A B …: each side goes first as often as the other.
      const order = round % 2 === 0 ? [sides[0]!, sides[1]!] : [sides[1]!, sides[0]!];
      const pass = new Map<string, number>(); // side + workload → Node CPU ms/op of this round
      for (const side of order) {
        pass.set(
          `${side.name}\u0000${workloads[0]}`,
          await measured(
            side,
            async () =>
              (await runScenario(side.sys, side.spread, side.tokens, side.procs, SECONDS, `ab${round}`)).purchases
                .length,
            tally(side.name, workloads[0]!),
          ),
        );
        for (const cell of side.reads)
          pass.set(
            `${side.name}\u0000${cell.name}`,
            await measured(
              side,
              async () => {
                await readPass(side.sys, cell, REQUESTS);
                return REQUESTS;
              },
              tally(side.name, cell.name),
            ),
          );
      }
      const ratio = (w: string) => pass.get(`after\u0000${w}`)! / pass.get(`before\u0000${w}`)!;
      rounds.push(
        `| ${round + 1} | ${order.map((s) => s.name).join(', ')} | ${pass.get(`before\u0000${workloads[0]}`)!.toFixed(1)} | ${pass.get(`after\u0000${workloads[0]}`)!.toFixed(1)} | ${workloads.map((w) => ratio(w).toFixed(2)).join(' | ')} | ${os.loadavg()[0]!.toFixed(2)} |`,
      );
      console.log(rounds.at(-1));
    }
  } finally {
    for (const side of sides) await side.sys.stop();
  }
  const loadEnd = os.loadavg();
  const rows = workloads.map((w) => {
    const b = tally('before', w);
    const a = tally('after', w);
    const nb = b.node / b.ops;
    const na = a.node / a.ops;
    return `| ${w} | ${b.ops} / ${a.ops} | ${nb.toFixed(2)} | ${na.toFixed(2)} | **${(((na - nb) / nb) * 100).toFixed(1)} %** | ${(b.mariadb / b.ops).toFixed(2)} | ${(a.mariadb / a.ops).toFixed(2)} |`;
  });
  const names = [...tally('before', workloads[0]!).perProcess.keys()].filter((n) => n !== MARIADB);
  // The gateway's own share, for every workload: what a gateway-side change moves.
  const gatewayRows = workloads.map((w) => {
    const [gb, ga] = (['before', 'after'] as const).map((side) => {
      const t = tally(side, w);
      return (t.perProcess.get('gateway') ?? 0) / t.ops;
    });
    return `| ${w} | ${gb!.toFixed(2)} | ${ga!.toFixed(2)} | ${(((ga! - gb!) / gb!) * 100).toFixed(1)} % |`;
  });
  const perProcess = ['before', 'after'].map((side) => {
    const t = tally(side, workloads[0]!);
    return `| ${side} | ${names.map((n) => ((t.perProcess.get(n) ?? 0) / t.ops).toFixed(2)).join(' | ')} |`;
  });
  recordResult(
    'cpu-ab',
    'CPU before/after this branch’s changes (A/B in one run)',
    [
      `Two test systems side by side, measured in alternation (${2 * ROUNDS} rounds; each round runs checkout + confirmPayment with 32 buyers over 32 SKUs for ${SECONDS} s, then ${REQUESTS} requests of each contract read at 8 clients, on one side and then the other). "before" runs with the changes switched off, "after" with them on:`,
      '',
      ...CHANGES.map(
        (c) =>
          `- ${c.what} — before: ${Object.entries(c.before)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`,
      ),
      '',
      `CPU is user + system time from /proc; **Node CPU** is the gateway's and the subgraphs' per operation (the figure to compare); MariaDB's is the whole server's, shared by both sides and by the other helpers' tests, so it is shown but not compared. Load average (1, 5, 15 min) at the start ${loadStart.map((l) => l.toFixed(2)).join(', ')}, at the end ${loadEnd.map((l) => l.toFixed(2)).join(', ')} on ${os.cpus().length} cores: the machine was shared, so wall-clock rates are not reported; CPU per operation is steadier, but contention (caches, context switches) still moves it by several per cent between rounds.`,
      '',
      '| workload | operations before / after | Node CPU ms/op before | after | change | MariaDB ms/op before | after |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      '',
      'Gateway process CPU ms per operation:',
      '',
      '| workload | gateway before | after | change |',
      '|---|---|---|---|',
      ...gatewayRows,
      '',
      'Checkout, Node CPU ms per purchase by process:',
      '',
      `| side | ${names.join(' | ')} |`,
      `|---|${names.map(() => '---|').join('')}`,
      ...perProcess,
      '',
      'Round by round: checkout Node CPU ms per purchase on each side, and after ÷ before of Node CPU per operation for every workload (below 1: the changes use less):',
      '',
      `| round | order | checkout before | checkout after | ${workloads.join(' | ')} | load (1 min) |`,
      `|---|---|---|---|${workloads.map(() => '---|').join('')}---|`,
      ...rounds,
    ].join('\n'),
  );
}
