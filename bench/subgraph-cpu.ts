/**
 * What one subgraph request costs its subgraph, with no gateway in the way: each subgraph fetch the
 * gateway makes for the read contract queries (mall listings at pages of 10 and 50, a customer's
 * orders with shipments at 50), captured once and replayed alone to its subgraph, beside the floor —
 * a trivial request (`{ __typename }`) and one entity (`_entities` with one representation) — that
 * every request pays whatever it asks: identity check, request context, body parsing, Apollo's
 * request pipeline, plugins, loaders and EntityManager setup, logging. Floor vs page 10 vs page 50
 * tells fixed cost from per-object work. CPU is user + system time of the subgraph's process from
 * /proc over REQUESTS requests by 4 concurrent clients (so it hardly depends on other load); SQL is
 * the statements of one request. Prints only (bench/RESULTS.md is not written).
 *   npm run bench -- subgraph-cpu
 * PERKMALL_BENCH_REQUESTS per cell (default 1000); PERKMALL_BENCH_CELLS=catalog,floor runs only the
 * cells whose names contain one of the words; PERKMALL_BENCH_PROFILE=<dir> writes a V8 CPU profile of
 * every process there when the system stops (bench/support/cpu-profile.mjs).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type SubgraphName } from '../core/config';
import { REQUEST_ID_HEADER } from '../core/http';
import { IDENTITY_HEADER, ISSUER, loadKeyPair, principalFromClaims, signToken, type Principal } from '../core/identity';
import { startTestSystem, type TestSystem } from '../test/harness';
import { ensureMariaDb } from '../test/mariadb';
import { captureFetches } from './gateways';
import {
  contractData,
  cpuSeconds,
  loadAverage,
  profilingEnv,
  subgraphProcesses,
  withVariables,
} from './support/system';

export const onlyWhenNamed = true;

const REQUESTS = Number(process.env.PERKMALL_BENCH_REQUESTS ?? 1000);
const CELLS = process.env.PERKMALL_BENCH_CELLS?.split(',').filter(Boolean);
const PROFILE_DIR = process.env.PERKMALL_BENCH_PROFILE;
const CLIENTS = 4;

interface Cell {
  name: string;
  subgraph: SubgraphName;
  principal: Principal;
  body: string;
}

function principalOf(token: string): Principal {
  return principalFromClaims(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')));
}

export async function run(): Promise<void> {
  await ensureMariaDb();
  const sys: TestSystem = await startTestSystem(PROFILE_DIR ? { env: profilingEnv(PROFILE_DIR) } : {});
  try {
    const pids = subgraphProcesses(sys.prefix);
    const [listings, shipments] = await contractData(sys, 50);
    const calls = [
      { ...withVariables(listings!, { first: 10 }), name: 'mall listings 10' },
      { ...listings!, name: 'mall listings 50' },
      { ...shipments!, name: 'customer orders 50' },
    ];
    const captured = await captureFetches(sys, calls);
    const bank = principalOf(listings!.token);
    const customer = principalOf(shipments!.token);
    const skuId = (
      JSON.parse(captured[0]!.find((f) => f.subgraph === 'catalog')!.body) as {
        variables: { representations: { id: string }[] };
      }
    ).variables.representations[0]!.id;
    const cells: Cell[] = [
      ...(['catalog', 'tenants', 'orders', 'logistics'] as const).map((subgraph) => ({
        name: `floor: { __typename }`,
        subgraph,
        principal: bank,
        body: JSON.stringify({ query: '{ __typename }' }),
      })),
      {
        name: 'floor: one Sku { title }',
        subgraph: 'catalog',
        principal: bank,
        body: JSON.stringify({
          query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Sku { title } } }',
          variables: { r: [{ __typename: 'Sku', id: skuId }] },
        }),
      },
    ];
    captured.forEach((fetches, i) =>
      fetches.forEach((f, j) =>
        cells.push({
          name: `${calls[i]!.name} #${j + 1}`,
          subgraph: f.subgraph,
          principal: i === 2 ? customer : bank,
          body: f.body,
        }),
      ),
    );
    const key = loadKeyPair('gateway', { needPrivate: true }).privateKey!;
    // Profiles start here: the setup above (migrations, demo data) would drown the requests.
    if (PROFILE_DIR) for (const pid of pids.values()) process.kill(pid, 'SIGUSR2');
    console.log('| cell | subgraph | CPU µs/req | SQL | req/s | load |');
    console.log('|---|---|---|---|---|---|');
    for (const cell of cells) {
      if (CELLS && !CELLS.some((w) => cell.name.includes(w) || cell.subgraph.includes(w))) continue;
      // One token per cell, as the gateway reuses its identity tokens (verification is cached).
      const token = await signToken(cell.principal, {
        key,
        issuer: ISSUER.gateway,
        audience: cell.subgraph,
        ttlSeconds: 3600,
      });
      const ask = async (requestId = randomUUID()) => {
        const r = await fetch(sys.stack.urls[cell.subgraph] + '/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token, [REQUEST_ID_HEADER]: requestId },
          body: cell.body,
        });
        const text = await r.text();
        assert.ok(r.ok && !text.includes('"errors"'), `${cell.name}: ${text.slice(0, 300)}`);
        return text;
      };
      const requestId = randomUUID();
      await ask(requestId);
      const sql = await sys.statements(cell.subgraph, requestId);
      const pid = pids.get(cell.subgraph)!;
      const burst = async (n: number) => {
        let next = 0;
        await Promise.all(
          Array.from({ length: CLIENTS }, async () => {
            while (next++ < n) await ask();
          }),
        );
      };
      await burst(Math.min(200, REQUESTS)); // warm up
      const before = cpuSeconds(pid);
      const t0 = performance.now();
      await burst(REQUESTS);
      const seconds = (performance.now() - t0) / 1000;
      const us = ((cpuSeconds(pid) - before) * 1e6) / REQUESTS;
      console.log(
        `| ${cell.name} | ${cell.subgraph} | ${us.toFixed(0)} | ${sql} | ${(REQUESTS / seconds).toFixed(0)} | ${loadAverage().toFixed(2)} |`,
      );
    }
  } finally {
    await sys.stop();
  }
}
