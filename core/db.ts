import { MikroORM, type Options, type MigrationObject, type AnyEntity, type EntityClass } from '@mikro-orm/core';
import { MySqlDriver } from '@mikro-orm/mysql';
import { LibSqlDriver } from '@mikro-orm/libsql';
import mysql from 'mysql2/promise';
import fs from 'node:fs';
import path from 'node:path';
import {
  databaseConfig,
  dbPoolSize,
  ROOT_DIR,
  sqlDebugEnabled,
  type DatabaseConfig,
  type SubgraphName,
} from './config';
import { countStatement } from './request-context';
import { Logger } from './logger';
import { AuditSubscriber } from './audit';
import { observeStatement } from './metrics';
import { inSpan, SpanKind } from './telemetry';

/** What a subgraph tells the shared layer about its storage. */
export interface SubgraphStorage {
  name: SubgraphName;
  entities: EntityClass<AnyEntity>[];
  /** Generated migrations, one list per SQL dialect (they differ in DDL); loaded when asked for. */
  migrations: () => { mysql: MigrationObject[]; sqlite: MigrationObject[] };
}

export type Dialect = 'mysql' | 'sqlite';

export function migrationsDir(name: SubgraphName, dialect: Dialect): string {
  return path.join(ROOT_DIR, 'subgraphs', name, 'migrations', dialect);
}

/** Creates `<prefix><subgraph>` on the server when it isn't there yet. */
async function ensureSchema(url: string, dbName: string): Promise<void> {
  const conn = await mysql.createConnection({ uri: url });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

export function ormOptions(
  storage: SubgraphStorage,
  db: DatabaseConfig,
  extra: Partial<Options> = {},
  { withMigrations = true } = {},
): Options {
  const dialect: Dialect = db.driver;
  const ormLog = new Logger(storage.name);
  const common: Options = {
    entities: storage.entities,
    discovery: { requireEntitiesArray: true, disableDynamicFileAccess: true },
    // No `extensions: [Migrator]`: MikroORM loads @mikro-orm/migrations (and umzug's CLI) on first
    // use of the migrator, so a process that does not migrate never pays for loading it.
    migrations: {
      migrationsList: withMigrations ? storage.migrations()[dialect] : [],
      path: migrationsDir(storage.name, dialect),
      pathTs: migrationsDir(storage.name, dialect),
      tableName: 'mikro_orm_migrations',
      // MySQL/MariaDB commit DDL implicitly, so a transaction around a migration would be a lie there.
      transactional: dialect === 'sqlite',
      allOrNothing: dialect === 'sqlite',
      snapshot: false,
      emit: 'ts',
      disableForeignKeys: false,
    },
    forceUtcTimezone: true,
    // Records what staff and partner apps change (core/audit.ts); a no-op outside their mutations.
    subscribers: [new AuditSubscriber()],
    // Requests fork their own EntityManager; a stray use of the global one is a bug.
    allowGlobalContext: false,
    // Every statement passes through here, which is what lets tests count statements per request.
    onQuery: (sql: string) => {
      countStatement();
      return sql;
    },
    debug: sqlDebugEnabled(),
    colors: false,
    logger: (message: string) => ormLog.info('orm', { message }),
  };
  if (db.driver === 'mysql') {
    return {
      ...common,
      driver: MySqlDriver,
      clientUrl: db.url,
      dbName: db.dbName,
      timezone: '+00:00',
      pool: { min: 0, max: dbPoolSize() },
      ...socketOption(db.url!),
      // A read replica serves only queries that ask for the 'read' connection (see `ReadFrom`); the
      // primary stays the default, so nothing reads stale rows unless its service chose to.
      ...(db.readReplica && {
        replicas: [
          {
            name: 'read-replica',
            clientUrl: db.readReplica.url,
            dbName: db.readReplica.dbName,
            // Its own socket or none: a replica would otherwise inherit the primary's driver options.
            driverOptions: { connection: { socketPath: socketPathOf(db.readReplica.url) ?? null } },
          },
        ],
        preferReadReplicas: false,
      }),
      ...extra,
    } as Options;
  }
  fs.mkdirSync(path.dirname(db.dbName), { recursive: true });
  return { ...common, driver: LibSqlDriver, dbName: db.dbName, ...extra } as Options;
}

/**
 * `?socketPath=/run/mysqld/mysqld.sock` on a database URL connects through the server's Unix socket
 * instead of TCP (mysql2 reads the same parameter from a URL it is given). On one machine that is
 * cheaper per statement for both sides: measured here, mysql2 and MariaDB each spent about a quarter
 * less CPU per statement (bench/RESULTS.md, "db-transport"). MikroORM reads only host and port, so it is passed on.
 */
function socketOption(url: string): Partial<Options> {
  const socketPath = socketPathOf(url);
  return socketPath ? { driverOptions: { connection: { socketPath } } } : {};
}

function socketPathOf(url: string): string | null {
  return new URL(url).searchParams.get('socketPath') || null;
}

/** Opens the subgraph's database and applies pending migrations (never schema sync). */
export async function openDatabase(storage: SubgraphStorage, opts: { migrate?: boolean } = {}): Promise<MikroORM> {
  const db = databaseConfig(storage.name);
  if (db.driver === 'mysql') await ensureSchema(db.url!, db.dbName);
  const orm = await MikroORM.init(ormOptions(storage, db, {}, { withMigrations: opts.migrate !== false }));
  if (db.driver === 'sqlite') {
    // WAL lets readers proceed while a writer commits; busy_timeout queues writers instead of failing.
    const conn = orm.em.getConnection();
    await conn.execute('PRAGMA journal_mode = WAL');
    await conn.execute('PRAGMA busy_timeout = 5000');
  }
  if (opts.migrate !== false) {
    if (db.driver === 'mysql') await migrateUnderLock(orm, db.dbName);
    else await orm.getMigrator().up();
  }
  observeStatements(orm, db.driver);
  return orm;
}

/**
 * Where a read may be served from: `primary` (fresh; the default) or `replica` (the subgraph's read
 * replica when one is configured, which may lag the primary by its replication delay). Inside a
 * transaction every statement runs on the transaction's connection, i.e. the primary, whatever is asked.
 */
export type ReadFrom = 'primary' | 'replica';

/** MikroORM's connection type for a `ReadFrom` ('read' falls back to the primary when there is no replica). */
export function connectionTypeOf(from: ReadFrom): 'read' | 'write' {
  return from === 'replica' ? 'read' : 'write';
}

/**
 * Replicas that start together (a rollout, an autoscaler's burst) would each run the same pending
 * migration; the second's DDL would fail and crash-loop it. A named server lock (GET_LOCK: MariaDB,
 * MySQL and TiDB, where it holds across the whole cluster) lets one migrate while the others wait,
 * then find nothing pending.
 */
async function migrateUnderLock(orm: MikroORM, dbName: string): Promise<void> {
  const knex = (orm.em.getConnection() as unknown as { getKnex(): import('@mikro-orm/knex').Knex }).getKnex();
  // One pooled connection holds the lock for the whole run (a lock belongs to its session).
  const conn = await knex.client.acquireConnection();
  const name = `perkmall_migrate_${dbName}`.slice(0, 64);
  try {
    const [rows] = (await conn.promise().query('SELECT GET_LOCK(?, 600) AS got', [name])) as [{ got: number }[]];
    if (Number(rows[0]?.got) !== 1) throw new Error(`Timed out waiting for another process's migrations of ${dbName}`);
    try {
      await orm.getMigrator().up();
    } finally {
      await conn.promise().query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    await knex.client.releaseConnection(conn);
  }
}

type ExecuteQuery = (query: string, run: () => Promise<unknown>, ctx?: { query?: string }) => Promise<unknown>;

/**
 * Times every statement for the metrics and, inside a traced request, makes it a span
 * (core/telemetry.ts): MikroORM runs every statement of a connection through `executeQuery`. The
 * span carries the statement with its `?` placeholders, never the values (personal data).
 */
function observeStatements(orm: MikroORM, dialect: Dialect): void {
  const driver = orm.em.getDriver();
  for (const conn of new Set([driver.getConnection('write'), driver.getConnection('read')])) {
    const target = conn as unknown as { executeQuery: ExecuteQuery };
    const original = target.executeQuery.bind(conn);
    target.executeQuery = (query, run, ctx) => {
      const started = process.hrtime.bigint();
      const sql = typeof ctx?.query === 'string' ? ctx.query : query;
      const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
      return inSpan(
        `sql ${verb}`,
        SpanKind.CLIENT,
        { 'db.system.name': dialect === 'mysql' ? 'mysql' : 'sqlite', 'db.query.text': sql.slice(0, 2000) },
        () => original(query, run, ctx),
      ).finally(() => observeStatement(Number(process.hrtime.bigint() - started) / 1e9));
    };
  }
}

export function dialectOf(orm: MikroORM): Dialect {
  return orm.config.get('driver') === MySqlDriver ? 'mysql' : 'sqlite';
}
