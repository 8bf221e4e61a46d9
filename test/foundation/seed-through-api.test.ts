import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { TEST_DATABASE_URL, dropSchemas, ensureMariaDb } from '../mariadb';
import { generateKeyFiles } from '../../core/identity';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../core/config';
import { openDatabase } from '../../core/db';
import { SUBGRAPHS } from '../../subgraphs';
import { seedSubgraph } from '../../scripts/seed/index';
import { currentSeedOperation } from '../../scripts/seed/through-api';

const WRITE = /^\s*(insert(?:\s+ignore)?\s+into|replace\s+into|update|delete\s+from)\s+[`"]?(\w+)[`"]?/i;

interface Write {
  subgraph: SubgraphName;
  verb: 'INSERT' | 'UPDATE' | 'DELETE';
  table: string;
  /** The GraphQL operation it ran in; undefined for a write the seed made itself. */
  operation: string | undefined;
}

/** Every INSERT, UPDATE and DELETE the ORM sends, with the seed operation it ran inside. */
function recordWrites(name: SubgraphName, orm: MikroORM, writes: Write[]): void {
  const connection = orm.em.getConnection() as unknown as {
    execute(query: unknown, ...rest: unknown[]): Promise<unknown>;
  };
  const execute = connection.execute.bind(connection);
  connection.execute = (query, ...rest) => {
    const sql =
      typeof query === 'string'
        ? query
        : query && typeof (query as { toSQL?: unknown }).toSQL === 'function'
          ? (query as { toSQL(): { sql: string } }).toSQL().sql
          : '';
    const write = WRITE.exec(sql);
    if (write) {
      const verb = write[1]!.split(/\s+/)[0]!.toUpperCase();
      writes.push({
        subgraph: name,
        verb: (verb === 'REPLACE' ? 'INSERT' : verb) as Write['verb'],
        table: write[2]!,
        operation: currentSeedOperation(),
      });
    }
    return execute(query, ...rest);
  };
}

/**
 * Issue 15: the demo seed onboards everything through the subgraphs' own GraphQL operations. Every
 * statement the seed sends is recorded with the operation it ran in: rows are created only inside
 * operations, and the few writes the seed makes itself are exactly the documented exceptions
 * (scripts/seed/index.ts says why each cannot be an operation).
 */
describe('the demo seed writes through the GraphQL API', () => {
  const prefix = `perkmall_t${randomBytes(4).toString('hex')}_`;
  const orms = new Map<SubgraphName, MikroORM>();
  const writes: Write[] = [];

  before(async () => {
    await ensureMariaDb();
    const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-keys-'));
    for (const name of ['auth', 'gateway', 'service'] as const) generateKeyFiles(keys, name);
    Object.assign(process.env, {
      PERKMALL_DATABASE_URL: TEST_DATABASE_URL,
      PERKMALL_DB_PREFIX: prefix,
      PERKMALL_KEYS_DIR: keys,
    });
    for (const name of SUBGRAPH_NAMES) {
      const orm = await openDatabase(SUBGRAPHS[name].storage); // migrations run before recording starts
      orms.set(name, orm);
      recordWrites(name, orm, writes);
      await seedSubgraph(name, orm);
    }
  });
  after(async () => {
    for (const orm of orms.values()) await orm.close(true);
    await dropSchemas(prefix);
  });

  it('creates every seeded row inside an operation, except the migrated points history', async () => {
    const insertedByOperations = new Set(writes.filter((w) => w.verb === 'INSERT' && w.operation).map((w) => w.table));
    const insertedBySeed = new Set(writes.filter((w) => w.verb === 'INSERT' && !w.operation).map((w) => w.table));
    // Opening points balances: migrated history the API cannot express (see seedLoyalty).
    assert.deepEqual([...insertedBySeed].sort(), [
      'outbox_message',
      'points_account',
      'points_ledger_entry',
      'points_lot',
    ]);
    // Every table holding demo data got its rows from operations (or is the points history above).
    const filled: string[] = [];
    for (const [name, orm] of orms) {
      for (const meta of Object.values(orm.getMetadata().getAll())) {
        if (!meta.class || meta.embeddable || meta.virtual || !meta.tableName) continue;
        if ((await orm.em.fork().count(meta.class, {})) === 0) continue;
        filled.push(`${name}.${meta.tableName}`);
        assert.ok(
          insertedByOperations.has(meta.tableName) || (name === 'loyalty' && insertedBySeed.has(meta.tableName)),
          `${name}.${meta.tableName} has rows no operation created`,
        );
      }
    }
    // The onboarding the issue names, each in its subgraph.
    for (const table of [
      'catalog.brand',
      'catalog.supplier',
      'catalog.category',
      'catalog.product',
      'catalog.sku',
      'catalog.virtual_card_kind',
      'catalog.virtual_card_code',
      'tenants.bank',
      'tenants.mall',
      'tenants.tier',
      'tenants.segment',
      'tenants.customer',
      'tenants.listing',
      'tenants.campaign',
      'tenants.partner_app',
      'loyalty.earn_rule',
      'logistics.carrier',
      'staff.staff_member',
      'staff.staff_permission_group_member',
    ])
      assert.ok(filled.includes(table), `${table} was seeded`);
  });

  it("changes rows itself only where a demo value cannot come through the API (well-known secrets, the plan's dates)", () => {
    const ownWrites = new Set(
      writes.filter((w) => !w.operation && w.subgraph !== 'loyalty').map((w) => `${w.verb} ${w.subgraph}.${w.table}`),
    );
    assert.deepEqual([...ownWrites].sort(), [
      'UPDATE catalog.sku', // creation times one an hour from 1 January
      'UPDATE logistics.carrier', // dev callback secrets
      'UPDATE logistics.partner_endpoint', // the demo partner endpoint's dev secret (the simulator shares it)
      'UPDATE staff.staff_member', // fixed TOTP secrets of the demo admins
      'UPDATE tenants.partner_app', // the demo apps' client ids and secrets
    ]);
  });
});
