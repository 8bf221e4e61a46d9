import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { TEST_DATABASE_URL, dropSchemas, ensureMariaDb } from '../mariadb';
import { openDatabase } from '../../core/db';
import { SUBGRAPHS } from '../../subgraphs';

/**
 * `?socketPath=` on PERKMALL_DATABASE_URL (core/db.ts): the subgraph's connections go through the
 * server's Unix socket, and a read replica named by a TCP URL keeps TCP (MikroORM would otherwise
 * hand the replica the primary's driver options). The server names each connection's client in
 * PROCESSLIST: "localhost" over the socket, "127.0.0.1:<port>" over TCP.
 */
describe('a database URL with socketPath connects through the Unix socket', () => {
  const prefix = `perkmall_t${randomBytes(4).toString('hex')}_`;
  const saved = { ...process.env };
  let orm: MikroORM;
  let socket: string;

  const clientHost = async (em: SqlEntityManager, type: 'read' | 'write') => {
    const rows = await em
      .getConnection(type)
      .execute<{ host: string }[]>(
        'SELECT host FROM information_schema.PROCESSLIST WHERE id = CONNECTION_ID()',
        [],
        'all',
      );
    return rows[0]!.host;
  };

  before(async () => {
    await ensureMariaDb();
    const conn = await mysql.createConnection({ uri: TEST_DATABASE_URL });
    const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT @@socket AS socket');
    await conn.end();
    socket = String(rows[0]!.socket);
    assert.ok(fs.existsSync(socket), `the server's socket ${socket} is not on this machine`);
    Object.assign(process.env, {
      PERKMALL_DATABASE_URL: `mysql://root@localhost/?socketPath=${encodeURIComponent(socket)}`,
      PERKMALL_DB_PREFIX: prefix,
      // The replica is the primary's own schema, reached over TCP.
      PERKMALL_CATALOG_READ_REPLICA_URL: `${TEST_DATABASE_URL}/${prefix}catalog`,
    });
    orm = await openDatabase(SUBGRAPHS.catalog.storage);
  });
  after(async () => {
    await orm?.close(true);
    await dropSchemas(prefix);
    process.env = saved;
  });

  it('migrates and queries the primary over the socket; the TCP replica stays on TCP', async () => {
    const em = orm.em.fork() as SqlEntityManager;
    assert.equal(await clientHost(em, 'write'), 'localhost');
    const [{ n }] = await em.getConnection().execute<{ n: number }[]>('SELECT COUNT(*) AS n FROM mikro_orm_migrations');
    assert.ok(Number(n) > 0, 'the migrations ran through the socket');
    assert.match(await clientHost(em, 'read'), /^127\.0\.0\.1:\d+$/);
  });
});
