import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import mysql from 'mysql2/promise';
import { TEST_DATABASE_URL, dropSchemas, ensureMariaDb } from '../mariadb';
import { ormOptions, type Dialect } from '../../core/db';
import { SUBGRAPHS } from '../../subgraphs';

/**
 * The one-parcel-model migration moves return parcels and their carrier events into `shipment` and
 * `tracking_event` on both dialects: a database at the migration before it gets an outbound
 * shipment, a RETURN and a REPLACEMENT parcel with events; after it, each is a shipment row with
 * its direction, owners and dates, each event hangs off its parcel's new id, the outbound shipment
 * kept its id, and the old tables are gone.
 */
describe('one parcel model migration', () => {
  const prefix = `perkmall_t${randomBytes(4).toString('hex')}_`;
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-parcels-'));
  const orms: MikroORM[] = [];
  before(ensureMariaDb);
  after(async () => {
    for (const orm of orms) await orm.close(true);
    await dropSchemas(prefix);
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  });

  async function atPreviousMigration(dialect: Dialect): Promise<MikroORM> {
    let db;
    if (dialect === 'mysql') {
      const dbName = `${prefix}logistics`;
      const conn = await mysql.createConnection({ uri: TEST_DATABASE_URL });
      await conn.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await conn.end();
      db = { driver: 'mysql' as const, url: TEST_DATABASE_URL, dbName };
    } else db = { driver: 'sqlite' as const, dbName: path.join(sqliteDir, 'logistics.db') };
    const orm = await MikroORM.init(ormOptions(SUBGRAPHS.logistics.storage, db, { allowGlobalContext: true }));
    orms.push(orm);
    await orm.getMigrator().up({ to: 'Migration20261201105517_fulfilment_withdrawals' });
    return orm;
  }

  for (const dialect of ['mysql', 'sqlite'] as const) {
    it(`moves return parcels and their events into the shared tables (${dialect})`, async () => {
      const orm = await atPreviousMigration(dialect);
      const em = orm.em.fork() as SqlEntityManager;
      const t = '2026-11-30 10:00:00';
      const run = (sql: string) => em.execute(sql);
      await run(
        `insert into shipment (id, fulfilment_id, supplier_order_id, bank_id, customer_id, supplier_id, carrier_id, tracking_number, status, progress_rank, status_at, shipped_at) values (7, 3, 40, 1, 5, 2, 1, 'OUT-1', 'DELIVERED', 4, '${t}', '${t}')`,
      );
      await run(
        `insert into tracking_event (shipment_id, carrier_id, carrier_event_id, status, occurred_at, received_at) values (7, 1, 'ev-out', 'DELIVERED', '${t}', '${t}')`,
      );
      await run(
        `insert into return_parcel (id, return_request_id, direction, supplier_order_id, bank_id, customer_id, supplier_id, carrier_id, tracking_number, status, progress_rank, status_at, created_at, delivered_at) values ` +
          `(1, 11, 'RETURN', 40, 1, 5, 2, 1, 'RET-1', 'DELIVERED', 4, '${t}', '2026-11-29 08:00:00', '${t}'), ` +
          `(2, 11, 'REPLACEMENT', 40, 1, 5, 2, 2, 'REP-1', 'IN_TRANSIT', 2, '${t}', '2026-11-30 09:00:00', null)`,
      );
      await run(
        `insert into return_parcel_event (return_parcel_id, carrier_id, carrier_event_id, status, location, occurred_at, received_at) values ` +
          `(1, 1, 'ev-r1', 'IN_TRANSIT', 'Hub', '2026-11-29 12:00:00', '${t}'), (1, 1, 'ev-r2', 'DELIVERED', null, '${t}', '${t}'), ` +
          `(2, 2, 'ev-p1', 'IN_TRANSIT', null, '${t}', '${t}')`,
      );

      await orm.getMigrator().up();

      const parcels = await em.execute<Record<string, unknown>[]>(
        'select id, direction, fulfilment_id, return_request_id, tracking_number, status, customer_id, shipped_at from shipment order by id',
      );
      assert.deepEqual(
        parcels.map((p) => [p.direction, p.fulfilment_id, p.return_request_id, p.tracking_number, p.status]),
        [
          ['OUTBOUND', 3, null, 'OUT-1', 'DELIVERED'],
          ['RETURN', null, 11, 'RET-1', 'DELIVERED'],
          ['REPLACEMENT', null, 11, 'REP-1', 'IN_TRANSIT'],
        ],
      );
      assert.equal(parcels[0]!.id, 7, 'the outbound shipment keeps its id');
      const day = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);
      assert.equal(
        day(parcels[1]!.shipped_at),
        '2026-11-29',
        "a return parcel's handover is when its number was given",
      );
      const ids = new Map(parcels.map((p) => [p.tracking_number, Number(p.id)]));
      const events = await em.execute<Record<string, unknown>[]>(
        'select shipment_id, carrier_event_id, location from tracking_event order by carrier_event_id',
      );
      assert.deepEqual(
        events.map((e) => [Number(e.shipment_id), e.carrier_event_id, e.location]),
        [
          [ids.get('OUT-1'), 'ev-out', null],
          [ids.get('REP-1'), 'ev-p1', null],
          [ids.get('RET-1'), 'ev-r1', 'Hub'],
          [ids.get('RET-1'), 'ev-r2', null],
        ],
      );
      const tables =
        dialect === 'mysql'
          ? await em.execute<Record<string, unknown>[]>(
              "select table_name as name from information_schema.tables where table_schema = database() and table_name like 'return_parcel%'",
            )
          : await em.execute<Record<string, unknown>[]>(
              "select name from sqlite_master where type = 'table' and name like 'return_parcel%'",
            );
      assert.deepEqual(tables, [], 'the old tables are dropped');
    });
  }
});
