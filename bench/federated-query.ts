/**
 * Latency and SQL cost of the mall contract query through the gateway, page of 5 vs 50, on MariaDB
 * with the demo data. Not a test: numbers depend on the machine. Writes bench/RESULTS.md.
 *   npm run bench -- federated-query
 */
import { randomUUID } from 'node:crypto';
import { startTestSystem } from '../test/harness';
import { ensureMariaDb } from '../test/mariadb';
import { recordResult } from './results';

const QUERY = `query($first: Int) { mall(id: 1) { listings(first: $first) { edges { node { pricePoints
  sku { title brand { name } stock { available } supplier { name } } } } } } }`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function run(): Promise<void> {
  await ensureMariaDb();
  const sys = await startTestSystem();
  const rows: string[] = [
    '| page size | requests | p50 ms | p95 ms | SQL tenants | SQL catalog |',
    '|---|---|---|---|---|---|',
  ];
  try {
    const token = await sys.token({ role: 'BANK_ADMIN', sub: 'bench', bankId: '1' }, 3600);
    for (const first of [5, 50]) {
      for (let i = 0; i < 20; i++) await sys.gql(token, QUERY, { first }); // warm up
      const times: number[] = [];
      let last = '';
      for (let i = 0; i < 200; i++) {
        last = randomUUID();
        const t0 = performance.now();
        await sys.gql(token, QUERY, { first }, { requestId: last });
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      rows.push(
        `| ${first} | 200 | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${await sys.statements('tenants', last)} | ${await sys.statements('catalog', last)} |`,
      );
    }
  } finally {
    await sys.stop();
  }
  recordResult(
    'federated-query',
    'Mall contract query through the gateway (MariaDB, demo data, sequential requests)',
    rows.join('\n'),
  );
}
