import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import mysql from 'mysql2/promise';
import { TEST_DATABASE_URL, dropSchemas, ensureMariaDb } from '../mariadb';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../core/config';
import { ormOptions, type Dialect } from '../../core/db';
import { schemaComparisonOptions } from '../../core/schema-comparison';
import { SUBGRAPHS } from '../../subgraphs';

/**
 * The committed migrations build exactly what the entities declare, on both dialects: a fresh
 * database with every migration applied, compared with the entities the way
 * `npm run migration:create` compares them (same drivers, same options as MikroORM's migrator), has
 * no pending change. An entity change committed without its migration fails here. The last two
 * tests change a migrated database by hand and check the comparison still sees each kind of change
 * the comparison drivers read differently from MikroORM's stock ones.
 */
describe('committed migrations match the entities', () => {
  const prefix = `perkmall_t${randomBytes(4).toString('hex')}_`;
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-migrations-'));
  const orms: MikroORM[] = [];

  before(ensureMariaDb);
  after(async () => {
    for (const orm of orms) await orm.close(true);
    await dropSchemas(prefix);
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  });

  /** A fresh database of the subgraph with every committed migration applied. */
  async function migrated(name: SubgraphName, dialect: Dialect, label = ''): Promise<MikroORM> {
    let db;
    if (dialect === 'mysql') {
      const dbName = `${prefix}${name}${label}`;
      const conn = await mysql.createConnection({ uri: TEST_DATABASE_URL });
      await conn.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await conn.end();
      db = { driver: 'mysql' as const, url: TEST_DATABASE_URL, dbName };
    } else {
      db = { driver: 'sqlite' as const, dbName: path.join(sqliteDir, `${name}${label}.db`) };
    }
    const orm = await MikroORM.init(
      ormOptions(SUBGRAPHS[name].storage, db, { allowGlobalContext: true, ...schemaComparisonOptions(dialect) }),
    );
    orms.push(orm);
    await orm.getMigrator().up();
    return orm;
  }

  /** What `migration:create` would write into the migration's `up()`. */
  async function pendingChange(orm: MikroORM): Promise<string> {
    const { safe, dropTables } = orm.config.get('migrations');
    const diff = await orm.schema.getUpdateSchemaMigrationSQL({ wrap: false, safe, dropTables });
    return diff.up.trim();
  }

  for (const dialect of ['mysql', 'sqlite'] as const) {
    const server = dialect === 'mysql' ? 'MariaDB' : 'SQLite';
    for (const name of SUBGRAPH_NAMES) {
      it(`${name} on ${server}: every migration applied, nothing is left to generate`, async () => {
        assert.equal(await pendingChange(await migrated(name, dialect)), '');
      });
    }
  }

  it('MariaDB: a changed enum default, a JSON column turned plain LONGTEXT and a nullable column given a default are changes', async () => {
    const orm = await migrated('catalog', 'mysql', '_changed');
    const conn = orm.em.getConnection();
    await conn.execute("alter table `sku` alter column `kind` set default 'VIRTUAL'");
    // A JSON column redefined as LONGTEXT loses MariaDB's json_valid check.
    await conn.execute('alter table `outbox_message` modify `payload` longtext not null');
    await conn.execute("alter table `sku` alter column `barcode` set default 'none'");
    const change = await pendingChange(orm);
    assert.match(change, /modify `kind` enum\('PHYSICAL', 'VIRTUAL'\) not null default 'PHYSICAL'/);
    assert.match(change, /modify `payload` json not null/);
    assert.match(change, /modify `barcode` varchar\(64\)/);
    assert.doesNotMatch(change, /`status`/, 'an unchanged enum default stays unchanged');
  });

  it('SQLite: a table missing an enum value and a table missing its foreign key are rebuilt', async () => {
    const orm = await migrated('catalog', 'sqlite', '_changed');
    const conn = orm.em.getConnection();
    /** Recreates a table (and its indexes) from its own DDL with `edit` applied. */
    const recreate = async (table: string, edit: (ddl: string) => string): Promise<void> => {
      const ddl = await conn.execute<{ type: string; sql: string }[]>(
        "select type, sql from sqlite_master where tbl_name = ? and sql is not null order by type = 'index'",
        [table],
      );
      const edited = edit(ddl[0]!.sql);
      assert.notEqual(edited, ddl[0]!.sql, `the edit changes ${table}`);
      await conn.execute('pragma foreign_keys = off');
      await conn.execute(`drop table \`${table}\``);
      await conn.execute(edited);
      for (const index of ddl.slice(1)) await conn.execute(index.sql);
      await conn.execute('pragma foreign_keys = on');
    };
    await recreate('stock_reservation', (sql) => sql.replace("'COMMITTED', ", ''));
    await recreate('sku', (sql) =>
      sql.replace(/, constraint `sku_product_id_foreign` foreign key[^)]*\)[^)]*\)[^,)]*/, ''),
    );
    const change = await pendingChange(orm);
    assert.match(change, /create table `stock_reservation__temp_alter` .*'RESERVED', 'COMMITTED', 'RELEASED'/);
    assert.match(change, /create table `sku__temp_alter` .*constraint `sku_product_id_foreign` foreign key/);
    assert.doesNotMatch(change, /virtual_card_code/, 'an unchanged table is not rebuilt');
  });
});
