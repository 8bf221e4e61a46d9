/**
 * Our gateway against @graphql-hive/gateway and against no gateway at all, on the design contract's
 * three queries (mall listings, a customer's orders with shipments, a supplier's paid orders; pages
 * of 50), in one run, in front of the same five subgraphs on MariaDB:
 * - **ours**: gateway/ (Apollo Gateway, edge auth, limits, per-fetch identity tokens);
 * - **hive**: bench/support/hive-gateway.ts (Hive Gateway on supergraph.graphql, verifying the client
 *   token with our edge check and signing the per-subgraph identity token as ours does);
 * - **direct**: the subgraph fetches our gateway makes for each query, captured once through a
 *   recording proxy and replayed straight to the subgraphs with fresh identity tokens (fetches that
 *   ran concurrently in the gateway are replayed concurrently, the rest in order): the floor a
 *   gateway can approach.
 * Every cell (query × concurrency 8 and 32) runs the three sides in rotated order, round by round,
 * so machine load hits them alike; every answer is checked against the first (ours and Hive must
 * answer the same data; replayed fetches the same as captured). Reported per cell and side: req/s,
 * p50/p95 latency, CPU per request of each process (/proc), SQL statements per request, the load
 * average before each round, and ours/hive. Writes bench/RESULTS.md.
 *   npm run bench -- gateways                          (5 rounds × 5 s per side: about 9 minutes)
 *   PERKMALL_BENCH_SECONDS=1 npm run bench -- gateways (3 rounds × 1 s: about 2 minutes)
 * PERKMALL_BENCH_ROUNDS overrides the rounds, PERKMALL_BENCH_PAGE the page size (default 50).
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SUBGRAPH_NAMES, type SubgraphName } from '../core/config';
import { REQUEST_ID_HEADER } from '../core/http';
import { IDENTITY_HEADER, ISSUER, loadKeyPair, principalFromClaims, signToken, type Principal } from '../core/identity';
import { IDENTITY_TTL_SECONDS } from '../gateway/server';
import { freePort } from '../scripts/stack';
import { startTestSystem, type TestSystem } from '../test/harness';
import { ensureMariaDb } from '../test/mariadb';
import { startGatewayProcess, startNodeProcess, type ExtraProcess } from '../test/gateway-process';
import { recordResult } from './results';
import {
  call,
  contractData,
  cpuSeconds,
  loadAverage,
  mariadbProcess,
  percentile,
  requestsIn,
  subgraphProcesses,
  type ContractCall,
} from './support/system';

const SECONDS = Number(process.env.PERKMALL_BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.PERKMALL_BENCH_ROUNDS ?? (SECONDS < 3 ? 3 : 5));
const PAGE = Number(process.env.PERKMALL_BENCH_PAGE ?? 50);
const CONCURRENCY = [8, 32];
const SIDES = ['ours', 'hive', 'direct'] as const;
type SideName = (typeof SIDES)[number];

/** One subgraph fetch as our gateway made it. */
export interface Fetch {
  subgraph: SubgraphName;
  body: string;
  answer: string;
  start: number;
  end: number;
}

/** A client request, or its replay: answers the text that is checked, and takes an optional request id. */
type Request = (requestId?: string) => Promise<string>;

/**
 * Recording proxies in front of each subgraph and a gateway process sending through them: each
 * contract query once, and the fetches it caused, in the order they started.
 */
export async function captureFetches(sys: TestSystem, calls: ContractCall[]): Promise<Fetch[][]> {
  const log: (Fetch & { requestId: string })[] = [];
  const t0 = performance.now();
  const proxies: http.Server[] = [];
  const env: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const target = sys.stack.urls[name];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const start = performance.now() - t0;
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
        ) as Record<string, string>;
        fetch(`${target}${req.url}`, { method: req.method, headers, body: req.method === 'POST' ? body : undefined })
          .then(async (r) => {
            const answer = await r.text();
            const requestId = req.headers[REQUEST_ID_HEADER];
            if (req.method === 'POST' && typeof requestId === 'string')
              log.push({ subgraph: name, body, answer, start, end: performance.now() - t0, requestId });
            res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
            res.end(answer);
          })
          .catch((e: Error) => {
            res.writeHead(502);
            res.end(e.message);
          });
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    proxies.push(server);
    env[`PERKMALL_${name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}/graphql`;
  }
  const recorder = await startGatewayProcess(sys, env);
  try {
    const captured: Fetch[][] = [];
    for (const c of calls) {
      const requestId = `capture-${randomUUID()}`;
      await call(recorder.url, c, { [REQUEST_ID_HEADER]: requestId });
      const fetches = log.filter((f) => f.requestId === requestId).sort((a, b) => a.start - b.start);
      assert.ok(fetches.length > 0, `no subgraph fetch captured for ${c.name}`);
      captured.push(fetches.map(({ requestId: _, ...f }) => f));
    }
    return captured;
  } finally {
    await recorder.stop();
    for (const p of proxies) p.close();
  }
}

/**
 * Groups captured fetches into waves: a fetch that started before every fetch of the current wave
 * had finished did not wait for any of them, so it joins the wave; otherwise it starts a new one.
 */
function waves(fetches: Fetch[]): Fetch[][] {
  const out: Fetch[][] = [];
  for (const f of fetches) {
    const current = out[out.length - 1];
    if (current && f.start < Math.min(...current.map((x) => x.end))) current.push(f);
    else out.push([f]);
  }
  return out;
}

/** The principal a client token carries (already verified by both gateways; here only read). */
function principalOf(token: string): Principal {
  return principalFromClaims(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')));
}

/** Replays one query's fetches to the subgraphs, each with a fresh identity token for its subgraph. */
function replay(sys: TestSystem, c: ContractCall, fetches: Fetch[]): Request {
  const key = loadKeyPair('gateway', { needPrivate: true }).privateKey!;
  const principal = principalOf(c.token);
  const plan = waves(fetches);
  return async (requestId = randomUUID()) => {
    const answers: string[] = [];
    for (const wave of plan) {
      const texts = await Promise.all(
        wave.map(async (f) => {
          const token = await signToken(principal, {
            key,
            issuer: ISSUER.gateway,
            audience: f.subgraph,
            ttlSeconds: IDENTITY_TTL_SECONDS,
          });
          const r = await fetch(`${sys.stack.urls[f.subgraph]}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token, [REQUEST_ID_HEADER]: requestId },
            body: f.body,
          });
          return r.text();
        }),
      );
      answers.push(...texts);
    }
    return JSON.stringify(answers);
  };
}

/** @graphql-hive/gateway as its own process, in front of the test system's subgraphs. */
function startHiveGateway(sys: TestSystem): Promise<ExtraProcess> {
  return startNodeProcess(sys, {
    label: 'hive gateway',
    entry: path.join(__dirname, 'support', 'hive-gateway.ts'),
    env: {},
    portVariable: 'PERKMALL_HIVE_PORT',
    healthPath: '/healthcheck',
  });
}

/** The data of an answer (a gateway's, or a replay's list of subgraph answers), for comparison. */
function dataOf(text: string): unknown {
  const parsed = JSON.parse(text) as unknown;
  if (Array.isArray(parsed)) return parsed.map((t: string) => dataOf(t));
  const { data, errors } = parsed as { data?: unknown; errors?: unknown };
  assert.equal(errors, undefined, `answer with errors: ${text.slice(0, 300)}`);
  return data;
}

/** Wraps a request so every answer is checked against the first one (text, else data). */
function checked(request: Request, label: string): Request {
  let reference: string | undefined;
  let referenceData: unknown;
  return async (requestId) => {
    const text = await request(requestId);
    if (reference === undefined) {
      reference = text;
      referenceData = dataOf(text);
    } else if (text !== reference) assert.deepEqual(dataOf(text), referenceData, `${label}: answer changed`);
    return text;
  };
}

interface Totals {
  requests: number;
  seconds: number;
  latencies: number[];
  cpu: Map<string, number>;
  ratios: number[];
}

export async function run(): Promise<void> {
  await ensureMariaDb();
  const sys = await startTestSystem();
  let ours: ExtraProcess | undefined;
  let hive: ExtraProcess | undefined;
  const sections: string[] = [];
  try {
    ours = await startGatewayProcess(sys, {});
    hive = await startHiveGateway(sys);
    const subgraphs = subgraphProcesses(sys.prefix, [ours.pid, hive.pid]);
    assert.equal(
      subgraphs.size,
      SUBGRAPH_NAMES.length,
      `found subgraph processes ${[...subgraphs.values()].join(', ')}`,
    );
    const mariadb = mariadbProcess();
    console.log(`Preparing contract data (pages of ${PAGE})…`);
    const calls = await contractData(sys, PAGE);
    const captured = await captureFetches(sys, calls);

    // Each side's request per query, checked against its first answer.
    const requests: Record<SideName, Request[]> = { ours: [], hive: [], direct: [] };
    const statements: Record<SideName, number[]> = { ours: [], hive: [], direct: [] };
    const statementsOf = async (requestId: string) => {
      let n = 0;
      for (const name of SUBGRAPH_NAMES) n += await sys.statements(name, requestId);
      return n;
    };
    for (const [i, c] of calls.entries()) {
      const viaGateway = (g: ExtraProcess) => (requestId?: string) =>
        call(g.url, c, { [REQUEST_ID_HEADER]: requestId ?? randomUUID() });
      const sides: Record<SideName, Request> = {
        ours: checked(viaGateway(ours), `ours ${c.name}`),
        hive: checked(viaGateway(hive), `hive ${c.name}`),
        direct: checked(replay(sys, c, captured[i]!), `direct ${c.name}`),
      };
      const answers = {} as Record<SideName, string>;
      for (const side of SIDES) {
        const requestId = `bench-${side}-${randomUUID()}`;
        answers[side] = await sides[side](requestId);
        statements[side].push(await statementsOf(requestId));
        requests[side].push(sides[side]);
      }
      // The same data through both gateways, and the replay answered as the subgraphs answered our gateway.
      assert.deepEqual(dataOf(answers.hive), dataOf(answers.ours), `${c.name}: Hive and ours answer differently`);
      assert.deepEqual(
        dataOf(answers.direct),
        captured[i]!.map((f) => dataOf(f.answer)),
        `${c.name}: replayed fetches answer differently`,
      );
    }

    const processes: [string, number][] = [
      ...[...subgraphs.entries()].map(([name, pid]) => [name, pid] as [string, number]),
      ...(mariadb ? [['mariadb', mariadb] as [string, number]] : []),
    ];
    const gatewayPid: Record<SideName, number | null> = { ours: ours.pid, hive: hive.pid, direct: null };
    const cells = calls.flatMap((c, q) => CONCURRENCY.map((clients) => ({ q, c, clients })));
    const totals = new Map<string, Totals>();
    const totalOf = (cell: number, side: SideName) => {
      const key = `${cell}/${side}`;
      let t = totals.get(key);
      if (!t) totals.set(key, (t = { requests: 0, seconds: 0, latencies: [], cpu: new Map(), ratios: [] }));
      return t;
    };
    const clientCpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    };
    const measure = async (cell: number, side: SideName, record: boolean) => {
      const { q, clients } = cells[cell]!;
      const pids: [string, number][] = [
        ...(gatewayPid[side] ? [['gateway', gatewayPid[side]] as [string, number]] : []),
        ...processes,
      ];
      const before = pids.map(([, pid]) => cpuSeconds(pid));
      const client0 = clientCpu();
      const t0 = performance.now();
      const latencies: number[] = [];
      const done = await requestsIn(record ? SECONDS : 1, clients, () => requests[side][q]!(), latencies);
      const seconds = (performance.now() - t0) / 1000;
      if (!record) return 0;
      const t = totalOf(cell, side);
      t.requests += done;
      t.seconds += seconds;
      t.latencies.push(...latencies);
      pids.forEach(([name, pid], i) => t.cpu.set(name, (t.cpu.get(name) ?? 0) + cpuSeconds(pid) - before[i]!));
      t.cpu.set('client', (t.cpu.get('client') ?? 0) + clientCpu() - client0);
      return done / seconds;
    };

    // Warm-up: JIT, connection pools, the gateways' plan caches.
    for (let cell = 0; cell < cells.length; cell++) for (const side of SIDES) await measure(cell, side, false);

    const roundRows = [
      '| round | load before | ' + cells.map((x) => `${x.c.name.split(' (')[0]} c=${x.clients}`).join(' | ') + ' |',
    ];
    roundRows.push(`|---|---|${cells.map(() => '---').join('|')}|`);
    const loads: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const load = loadAverage();
      loads.push(load);
      const order = SIDES.map((_, i) => SIDES[(i + round) % SIDES.length]!);
      const cellsThisRound: string[] = [];
      for (let cell = 0; cell < cells.length; cell++) {
        const rate = {} as Record<SideName, number>;
        for (const side of order) rate[side] = await measure(cell, side, true);
        totalOf(cell, 'ours').ratios.push(rate.ours / rate.hive);
        cellsThisRound.push(`${(rate.ours / rate.hive).toFixed(2)}`);
      }
      roundRows.push(`| ${round + 1} (${order.join(', ')}) | ${load.toFixed(2)} | ${cellsThisRound.join(' | ')} |`);
      console.log(roundRows[roundRows.length - 1]);
    }

    const ms = (cpu: number | undefined, requests: number) => (((cpu ?? 0) * 1000) / requests).toFixed(2);
    const mainRows = [
      '| query | c | side | req/s | p50 ms | p95 ms | SQL / req | gateway CPU ms/req | subgraphs CPU ms/req | MariaDB CPU ms/req | client CPU ms/req | ours/hive |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ];
    const cpuRows = [
      `| query | c | side | gateway | ${SUBGRAPH_NAMES.join(' | ')} | MariaDB |`,
      `|---|---|---|---|${SUBGRAPH_NAMES.map(() => '---').join('|')}|---|`,
    ];
    const verdicts: string[] = [];
    for (let cell = 0; cell < cells.length; cell++) {
      const { q, c, clients } = cells[cell]!;
      const rateOf = (side: SideName) => totalOf(cell, side).requests / totalOf(cell, side).seconds;
      const ratio = rateOf('ours') / rateOf('hive');
      // CPU the gateway and the subgraphs spend per request: steadier than req/s on a shared machine.
      const stackCpu = (side: SideName) => {
        const t = totalOf(cell, side);
        return ['gateway', ...SUBGRAPH_NAMES].reduce((sum, n) => sum + (t.cpu.get(n) ?? 0), 0) / t.requests;
      };
      const cpuRatio = stackCpu('hive') / stackCpu('ours');
      verdicts.push(`${c.name} c=${clients}: ${ratio.toFixed(2)}× (CPU ${cpuRatio.toFixed(2)}×)`);
      for (const side of SIDES) {
        const t = totalOf(cell, side);
        const sorted = [...t.latencies].sort((a, b) => a - b);
        const subgraphCpu = SUBGRAPH_NAMES.reduce((sum, name) => sum + (t.cpu.get(name) ?? 0), 0);
        mainRows.push(
          `| ${c.name} | ${clients} | ${side} | ${rateOf(side).toFixed(1)} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 95).toFixed(1)} | ${statements[side][q]} | ${side === 'direct' ? '–' : ms(t.cpu.get('gateway'), t.requests)} | ${ms(subgraphCpu, t.requests)} | ${mariadb ? ms(t.cpu.get('mariadb'), t.requests) : 'n/a'} | ${ms(t.cpu.get('client'), t.requests)} | ${side === 'ours' ? `**${ratio.toFixed(2)}** (CPU ${cpuRatio.toFixed(2)})` : side === 'direct' ? `direct/ours ${(rateOf('direct') / rateOf('ours')).toFixed(2)}` : ''} |`,
        );
        cpuRows.push(
          `| ${c.name} | ${clients} | ${side} | ${side === 'direct' ? '–' : ms(t.cpu.get('gateway'), t.requests)} | ${SUBGRAPH_NAMES.map((n) => ms(t.cpu.get(n), t.requests)).join(' | ')} | ${mariadb ? ms(t.cpu.get('mariadb'), t.requests) : 'n/a'} |`,
        );
      }
    }
    const ratios = cells.map(
      (_, cell) =>
        totalOf(cell, 'ours').requests /
        totalOf(cell, 'ours').seconds /
        (totalOf(cell, 'hive').requests / totalOf(cell, 'hive').seconds),
    );
    const met = ratios.every((r) => r >= 1.2);
    sections.push(
      `Contract queries with pages of ${PAGE}: ${calls.map((c) => c.name.split(' (')[0]).join(', ')}. Sides: **ours** (gateway/), **hive** (@graphql-hive/gateway 2.15.1 on supergraph.graphql, verifying the client token with our edge check and signing the per-subgraph identity token as ours does; its merging of identical in-flight subgraph requests is off, since every client here sends the same query as the same caller — on, it answered up to 32 clients with one set of fetches), **direct** (our gateway's subgraph fetches for the query, captured once and replayed to the subgraphs with fresh identity tokens signed in the client; concurrent fetches replayed concurrently). ${ROUNDS} rounds × ${SECONDS} s per side per cell, sides rotated each round; every answer checked against the first, Hive's data against ours, replayed answers against the captured ones. CPU is user + system time from /proc per process (MariaDB's is the whole server's, shared with anything else using it). SQL statements are those the subgraphs counted for one request.`,
      '',
      `**Goal: ours ≥ 1.2× hive on every cell — ${met ? 'met' : 'not met'}** in req/s (${verdicts.join('; ')}; "CPU" is hive's gateway + subgraph CPU per request over ours, the ratio a CPU-bound machine would see). Load average (1 min) before the rounds: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} on ${os.cpus().length} cores${Math.max(...loads) > os.cpus().length ? ' — the machine was shared with other work; both gateways saw it alike round by round, so the ratios hold better than the absolute rates' : ''}.`,
      '',
      mainRows.join('\n'),
      '',
      'CPU ms per request, per process:',
      '',
      cpuRows.join('\n'),
      '',
      'ours/hive per round (req/s), with the side order of each round:',
      '',
      roundRows.join('\n'),
    );
  } finally {
    await ours?.stop();
    await hive?.stop();
    await sys.stop();
  }
  recordResult(
    'gateways',
    'Gateways: ours vs @graphql-hive/gateway vs direct subgraph fetches (contract queries, A/B/C in one run)',
    sections.join('\n'),
  );
}
