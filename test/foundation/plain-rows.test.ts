import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { MikroORM } from '@mikro-orm/core';
import { TEST_DATABASE_URL, dropSchemas, ensureMariaDb } from '../mariadb';
import { generateKeyFiles } from '../../core/identity';
import type { SubgraphName } from '../../core/config';
import { openDatabase } from '../../core/db';
import { plainRows } from '../../core/loaders';
import { SUBGRAPHS } from '../../subgraphs';
import { seedSubgraph } from '../../scripts/seed/index';

/**
 * Queries read plain rows (core/loaders.ts `plainRows`) where they used to hydrate entities: every
 * property must hold what the entity would (JSON parsed, BIGINT as numbers, booleans, dates, a
 * many-to-one as `{ id }`). Checked against MikroORM's own hydration on every table the demo seed
 * fills (catalog, tenants, loyalty: JSON, BIGINT, boolean, enum, date and many-to-one columns).
 */
/** A value for a failure message (JSON has no BigInt). */
function show(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

describe('plain rows hold what hydrated entities hold', () => {
  const prefix = `perkmall_t${randomBytes(4).toString('hex')}_`;
  const orms: MikroORM[] = [];
  let open: (name: SubgraphName) => Promise<MikroORM>;

  before(async () => {
    await ensureMariaDb();
    const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-keys-'));
    for (const name of ['auth', 'gateway', 'service'] as const) generateKeyFiles(keys, name);
    Object.assign(process.env, {
      PERKMALL_DATABASE_URL: TEST_DATABASE_URL,
      PERKMALL_DB_PREFIX: prefix,
      PERKMALL_KEYS_DIR: keys,
    });
    open = async (name) => {
      const orm = await openDatabase(SUBGRAPHS[name].storage);
      orms.push(orm);
      await seedSubgraph(name, orm);
      return orm;
    };
  });
  after(async () => {
    for (const orm of orms) await orm.close(true);
    await dropSchemas(prefix);
  });

  for (const name of ['catalog', 'tenants', 'loyalty'] as const) {
    it(`in ${name}`, async () => {
      const orm = await open(name);
      let compared = 0;
      for (const meta of Object.values(orm.getMetadata().getAll())) {
        if (meta.virtual || meta.embeddable || meta.abstract || !meta.class) continue;
        const orderBy = Object.fromEntries(meta.primaryKeys.map((k) => [k, 'ASC' as const]));
        const entities = await orm.em.fork().find(meta.class, {}, { orderBy: orderBy as never, limit: 200 });
        const rows = await plainRows(orm.em.fork(), meta.class, {}, { orderBy, limit: 200 });
        assert.equal(rows.length, entities.length, meta.className);
        entities.forEach((entity, i) => {
          for (const prop of meta.props) {
            if (prop.persist === false || prop.kind === '1:m' || prop.kind === 'm:n') continue;
            let expected = (entity as Record<string, unknown>)[prop.name];
            if (prop.kind === 'm:1' && expected) expected = { id: (expected as { id: unknown }).id };
            const actual = (rows[i] as Record<string, unknown>)[prop.name];
            assert.ok(
              isDeepStrictEqual(actual, expected),
              `${meta.className}.${prop.name}: ${show(actual)} (${typeof actual}) should be ${show(expected)} (${typeof expected})`,
            );
            compared++;
          }
        });
      }
      assert.ok(compared > 100, `compared only ${compared} values`);
    });
  }
});
