import fs from 'node:fs';
import path from 'node:path';

/** The six subgraphs, in the order they start and compose. */
export const SUBGRAPH_NAMES = ['catalog', 'tenants', 'loyalty', 'orders', 'logistics', 'staff'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  catalog: 4001,
  tenants: 4002,
  loyalty: 4003,
  orders: 4004,
  logistics: 4005,
  staff: 4006,
};

/**
 * The project's root: the nearest folder up with a package.json. Found rather than fixed, because the
 * same code runs from its sources (core/), from the service bundles (.build/services/, see
 * scripts/services-build.ts) and compiled (dist/core/ in the Docker image).
 */
export const ROOT_DIR = findRoot(__dirname);

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Directory for embedded databases and generated dev keys. */
export function dataDir(): string {
  return path.resolve(env('PERKMALL_DATA_DIR') ?? path.join(ROOT_DIR, 'data'));
}

export function keysDir(): string {
  return path.resolve(env('PERKMALL_KEYS_DIR') ?? path.join(dataDir(), 'keys'));
}

export function portOf(name: SubgraphName | 'gateway'): number {
  const override = env(`PERKMALL_${name.toUpperCase()}_PORT`);
  return override ? Number(override) : DEFAULT_PORTS[name];
}

export function hostOf(): string {
  return env('PERKMALL_HOST') ?? '127.0.0.1';
}

/** Where the gateway (and sibling subgraphs) reach a subgraph. */
export function subgraphUrl(name: SubgraphName): string {
  return env(`PERKMALL_${name.toUpperCase()}_URL`) ?? `http://127.0.0.1:${portOf(name)}/graphql`;
}

/**
 * Database selection: `PERKMALL_DATABASE_URL=mysql://user:pass@host:port` puts every subgraph in its
 * own schema on that server (`<prefix><subgraph>`); unset means an embedded SQLite file per subgraph.
 */
export interface DatabaseConfig {
  driver: 'mysql' | 'sqlite';
  url?: string;
  dbName: string;
  /** A read replica for reads that may lag the primary (catalog browsing); see `readReplica`. */
  readReplica?: { url: string; dbName: string };
}

export function databaseConfig(name: SubgraphName): DatabaseConfig {
  const url = env('PERKMALL_DATABASE_URL');
  if (url) {
    const prefix = env('PERKMALL_DB_PREFIX') ?? 'perkmall_';
    const dbName = `${prefix}${name}`;
    return { driver: 'mysql', url, dbName, readReplica: readReplica(name, dbName) };
  }
  return { driver: 'sqlite', dbName: path.join(dataDir(), `${name}.db`) };
}

/**
 * `PERKMALL_<NAME>_READ_REPLICA_URL=mysql://user:pass@host:port[/schema]`: a replica of the subgraph's
 * database (its own schema name unless the URL names one). Only reads a service explicitly marks as
 * allowed to lag go there (catalog: pool browsing); everything else, and anything inside a
 * transaction, stays on the primary. Unset: no replica.
 */
function readReplica(name: SubgraphName, primaryDbName: string): DatabaseConfig['readReplica'] {
  const raw = env(`PERKMALL_${name.toUpperCase()}_READ_REPLICA_URL`);
  if (!raw) return undefined;
  const url = new URL(raw);
  const schema = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '';
  return { url: url.toString().replace(/\/$/, ''), dbName: schema || primaryDbName };
}

/**
 * Which MySQL-family server runs behind PERKMALL_DATABASE_URL: `mariadb` (the default; MySQL 8 alike)
 * or `tidb`, where a few statements must differ (docs/tidb.md: TiDB parses `SKIP LOCKED` without
 * implementing it, so claims there lock and wait instead).
 */
export type SqlDialect = 'mariadb' | 'mysql' | 'tidb';
export function sqlDialect(): SqlDialect {
  const raw = env('PERKMALL_SQL_DIALECT') ?? 'mariadb';
  if (raw !== 'mariadb' && raw !== 'mysql' && raw !== 'tidb')
    throw new Error(`PERKMALL_SQL_DIALECT must be mariadb, mysql or tidb, got "${raw}"`);
  return raw;
}

export function isProduction(): boolean {
  return process.env.NODE_ENV === 'production';
}

/** Test and diagnostics endpoints (SQL statement counts per request) are off unless asked for. */
export function debugEndpointsEnabled(): boolean {
  return env('PERKMALL_DEBUG_ENDPOINTS') === '1';
}

/**
 * A whole number of at least `min` from the environment (limits, sizes, intervals), or `fallback`
 * when unset; anything else stops the process at start rather than running with a NaN.
 */
export function intFromEnv(name: string, fallback: number, min = 0): number {
  const raw = env(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min)
    throw new Error(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  return n;
}

/** A positive whole number from the environment, or `fallback` when unset. */
export function positiveIntFromEnv(name: string, fallback: number): number {
  return intFromEnv(name, fallback, 1);
}

/** A `1`/`0` switch from the environment, or `fallback` when unset (or anything else). */
export function switchFromEnv(name: string, fallback: boolean): boolean {
  const raw = env(name);
  return raw === '1' ? true : raw === '0' ? false : fallback;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** PERKMALL_LOG_LEVEL, `info` when unset or not a level. */
export function logLevel(): LogLevel {
  const raw = env('PERKMALL_LOG_LEVEL') as LogLevel | undefined;
  return raw && LOG_LEVELS.includes(raw) ? raw : 'info';
}

/**
 * Each subgraph applies its pending migrations when it starts unless PERKMALL_MIGRATE_ON_START=0 (the
 * tests migrate their databases up front; skipping the check spares every process loading the migrator).
 */
export function migrateOnStart(): boolean {
  return switchFromEnv('PERKMALL_MIGRATE_ON_START', true);
}

/** Periodic work (outbox relays, sweeps) runs unless PERKMALL_BACKGROUND=0. */
export function backgroundTasksEnabled(): boolean {
  return switchFromEnv('PERKMALL_BACKGROUND', true);
}

/** MikroORM's SQL log (PERKMALL_SQL_DEBUG=1). */
export function sqlDebugEnabled(): boolean {
  return switchFromEnv('PERKMALL_SQL_DEBUG', false);
}

/** Connections per subgraph process to the database server. */
export function dbPoolSize(): number {
  return positiveIntFromEnv('PERKMALL_DB_POOL', 20);
}

/** The gateway's operation limits, on unless PERKMALL_OPERATION_LIMITS=off (benchmarks). */
export function operationLimitsEnabled(): boolean {
  return env('PERKMALL_OPERATION_LIMITS') !== 'off';
}

/** Whether a partner app that never chose runs only safelisted operations: yes in production. */
export function partnerSafelistDefault(): boolean {
  return switchFromEnv('PERKMALL_PARTNER_SAFELIST_DEFAULT', isProduction());
}

/** Introspection (gateway and subgraphs) is off in production unless PERKMALL_INTROSPECTION=1 turns it on (and =0 off anywhere). */
export function introspectionEnabled(): boolean {
  return switchFromEnv('PERKMALL_INTROSPECTION', !isProduction());
}

/**
 * Events on NATS JetStream (core/event-transport.ts): `PERKMALL_NATS_URL=nats://host:4222` makes the
 * outbox relays publish to JetStream and each subgraph consume its topics there; unset, relays call
 * the consuming subgraph over HTTP (the embedded default).
 */
export function natsUrl(): string | undefined {
  return env('PERKMALL_NATS_URL');
}

/** First subject token and stream name stem of the events (`PERKMALL_NATS_PREFIX`, `perkmall`). */
export function natsPrefix(): string {
  const prefix = env('PERKMALL_NATS_PREFIX') ?? 'perkmall';
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(prefix))
    throw new Error(`PERKMALL_NATS_PREFIX must be 1–60 letters, digits, _ or -, got "${prefix}"`);
  return prefix;
}
