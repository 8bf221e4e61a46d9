/**
 * Makes the test databases' template (test/template.ts): opens, migrates and seeds every subgraph's
 * database with the prefix and keys dir in this process's environment, then runs the system on it
 * once until every outbox is delivered. Run by scripts/test.ts.
 *
 * Why the run: the seed writes through the services, which leave events for other subgraphs (the
 * loyalty ledger's tier points for tenants, audit entries for staff). Left pending, every copy would
 * deliver them again after its processes start — a test that set a customer's tier directly could
 * see loyalty's tier points set it back moments later, depending on timing.
 */
import 'reflect-metadata';
import { SUBGRAPH_NAMES } from '../core/config';
import { generateKeyFiles, type KeyName } from '../core/identity';
import { openDatabase } from '../core/db';
import { SUBGRAPHS } from '../subgraphs';
import { seedSubgraph } from '../scripts/seed/index';
import { startStack } from '../scripts/stack';
import mysql from 'mysql2/promise';
import { TEST_DATABASE_URL } from './mariadb';

/** The longest the seed's events may take to be delivered. */
const DRAIN_TIMEOUT_MS = 120_000;

/** Outbox rows of every subgraph's schema not yet delivered. */
async function pendingEvents(prefix: string): Promise<number> {
  const conn = await mysql.createConnection({ uri: TEST_DATABASE_URL });
  try {
    let n = 0;
    for (const name of SUBGRAPH_NAMES) {
      const [rows] = await conn.query(
        `SELECT COUNT(*) AS n FROM \`${prefix}${name}\`.outbox_message WHERE delivered_at IS NULL`,
      );
      n += Number((rows as { n: number }[])[0]!.n);
    }
    return n;
  } finally {
    await conn.end();
  }
}

async function drainOutboxes(): Promise<void> {
  const prefix = process.env.PERKMALL_DB_PREFIX!;
  if ((await pendingEvents(prefix)) === 0) return;
  // Without source maps, as every test system (test/harness.ts).
  const stack = await startStack({
    randomPorts: true,
    stdio: 'quiet',
    env: { PERKMALL_SOURCE_MAPS: process.env.PERKMALL_SOURCE_MAPS ?? '0' },
  });
  try {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    for (;;) {
      const left = await pendingEvents(prefix);
      if (left === 0) return;
      if (Date.now() > deadline) throw new Error(`the seed's ${left} events were not delivered in time`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await stack.stop();
  }
}

async function main(): Promise<void> {
  for (const name of ['auth', 'gateway', 'service'] as KeyName[])
    generateKeyFiles(process.env.PERKMALL_KEYS_DIR!, name);
  // In order, as test/harness.ts seeds: a subgraph's seed may read what an earlier one made.
  for (const name of SUBGRAPH_NAMES) {
    const orm = await openDatabase(SUBGRAPHS[name].storage);
    try {
      await seedSubgraph(name, orm);
    } finally {
      await orm.close();
    }
  }
  await drainOutboxes();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
