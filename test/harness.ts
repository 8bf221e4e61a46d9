/**
 * Test harness: a fresh set of MariaDB schemas, the demo seed, and the real system (six subgraph
 * processes plus the gateway, talking HTTP) per test file. Helpers to mint tokens, call the
 * gateway or a subgraph directly, count SQL statements, and open a subgraph's database for
 * fixtures and invariant checks.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { SUBGRAPH_NAMES, type SubgraphName } from '../core/config';
import { openDatabase, type SubgraphStorage } from '../core/db';
import {
  CLIENT_AUDIENCE,
  IDENTITY_HEADER,
  ISSUER,
  generateKeyFiles,
  loadKeyPair,
  signToken,
  type KeyName,
  type Principal,
} from '../core/identity';
import { startStack, type Stack } from '../scripts/stack';
import { resolveCacheFile } from '../scripts/services-build';
import { TEST_DATABASE_URL, dropSchemas } from './mariadb';
import { cloneTemplate, copyTemplateKeys, templateFromEnv, type TestTemplate } from './template';
import { RATE_LIMIT_DEFAULTS } from '../gateway/rate-limits';
import { deleteEventStream } from './jetstream';

export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } }[];
}

export interface TestSystem {
  stack: Stack;
  prefix: string;
  /** Calls the gateway as the given principal (or with a raw token). */
  gql<T = Record<string, any>>(
    as: Principal | string | null,
    query: string,
    variables?: Record<string, unknown>,
    opts?: { requestId?: string },
  ): Promise<GraphQLResult<T>>;
  /** A client access token, as the gateway would accept it. */
  token(principal: Principal, ttlSeconds?: number): Promise<string>;
  /** An identity token as the gateway forwards it to a subgraph. */
  identityToken(
    principal: Principal,
    audience: SubgraphName,
    opts?: { key?: KeyName; ttlSeconds?: number },
  ): Promise<string>;
  /** POSTs straight to a subgraph with the given headers (for authentication tests and saga calls). */
  subgraphRaw(
    name: SubgraphName,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: GraphQLResult }>;
  /** Calls a subgraph as another subgraph would (saga steps): a SERVICE credential signed with the service key. */
  asService(name: SubgraphName, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult>;
  /** SQL statements a subgraph ran while serving the gateway request with this id. */
  statements(name: SubgraphName, requestId: string): Promise<number>;
  /** The subgraph's own database, for fixtures and invariant checks (opened lazily, closed on stop). */
  orm(name: SubgraphName): Promise<MikroORM>;
  stop(): Promise<void>;
}

/**
 * Keys live in a temp dir per file, so tests never touch data/keys: the template's (whose master
 * keys sealed the seed's secrets) or made here.
 */
function testKeysDir(template: TestTemplate | null): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-keys-'));
  if (template) copyTemplateKeys(template, dir);
  else for (const name of ['auth', 'gateway', 'service'] as KeyName[]) generateKeyFiles(dir, name);
  return dir;
}

/**
 * Rate limits far above what any test does, so only the tests about them (which pass their own,
 * via `env`) ever meet one. Counters live under a key prefix of their own per test system.
 */
function generousRateLimits(prefix: string): Record<string, string> {
  const env: Record<string, string> = { PERKMALL_RATE_LIMIT_PREFIX: `perkmall:rl:${prefix}` };
  for (const [name] of Object.values(RATE_LIMIT_DEFAULTS)) env[name] = '1000000/60';
  env[RATE_LIMIT_DEFAULTS.lockout[0]] = '1/1';
  return env;
}

/**
 * A subgraph's storage (entities and migrations), imported when a test first opens its database:
 * each subgraph's definition pulls in its resolvers and services, and transforming all six (and the
 * seed) through tsx cost every test file about a second of CPU that most of them never used.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- lazy loads, see above */
const STORAGE: Record<SubgraphName, () => SubgraphStorage> = {
  catalog: () =>
    (require('../subgraphs/catalog/schema') as typeof import('../subgraphs/catalog/schema')).catalogSubgraph.storage,
  tenants: () =>
    (require('../subgraphs/tenants/schema') as typeof import('../subgraphs/tenants/schema')).tenantsSubgraph.storage,
  loyalty: () =>
    (require('../subgraphs/loyalty/schema') as typeof import('../subgraphs/loyalty/schema')).loyaltySubgraph.storage,
  orders: () =>
    (require('../subgraphs/orders/schema') as typeof import('../subgraphs/orders/schema')).ordersSubgraph.storage,
  logistics: () =>
    (require('../subgraphs/logistics/schema') as typeof import('../subgraphs/logistics/schema')).logisticsSubgraph
      .storage,
  staff: () =>
    (require('../subgraphs/staff/schema') as typeof import('../subgraphs/staff/schema')).staffSubgraph.storage,
};
const seedSubgraph: typeof import('../scripts/seed/index').seedSubgraph = (name, orm) =>
  (require('../scripts/seed/index') as typeof import('../scripts/seed/index')).seedSubgraph(name, orm);
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Events on NATS JetStream for a test system (README "Events on NATS JetStream"): its own stream and
 * subjects, named after the system's database prefix so files running side by side never share one.
 * A short ack wait, so a crashed consumer's message comes back within seconds.
 */
function jetStreamEnv(prefix: string): Record<string, string> {
  return {
    PERKMALL_NATS_URL: process.env.PERKMALL_TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
    PERKMALL_NATS_PREFIX: prefix.replace(/_+$/, ''),
    PERKMALL_NATS_ACK_WAIT_MS: '4000',
    PERKMALL_NATS_MAX_DELIVER: '10',
  };
}

export async function startTestSystem(
  opts: {
    seed?: boolean;
    env?: Record<string, string>;
    /** How outbox events travel: HTTP relays (default) or JetStream (default when PERKMALL_TEST_EVENTS=nats). */
    events?: 'http' | 'nats';
    /** Each process's stdout (log lines at info and debug), for tests reading the logs. */
    stdout?: (component: SubgraphName | 'gateway', text: string) => void;
    /** Copies of a component on the same databases, behind a round-robin proxy (scripts/stack.ts). */
    replicas?: Partial<Record<SubgraphName | 'gateway', number>>;
  } = {},
): Promise<TestSystem> {
  const prefix = `perkmall_t${randomBytes(4).toString('hex')}_`;
  const events = opts.events ?? (process.env.PERKMALL_TEST_EVENTS === 'nats' ? 'nats' : 'http');
  // The run's migrated and seeded template, copied (test/template.ts), or made here when there is none.
  const template = opts.seed !== false ? templateFromEnv() : null;
  const keysDir = testKeysDir(template);
  const env: Record<string, string> = {
    PERKMALL_DATABASE_URL: TEST_DATABASE_URL,
    PERKMALL_DB_PREFIX: prefix,
    PERKMALL_KEYS_DIR: keysDir,
    PERKMALL_DEBUG_ENDPOINTS: '1',
    // Every database is migrated here before the processes start (below).
    PERKMALL_MIGRATE_ON_START: '0',
    PERKMALL_LOG_LEVEL: process.env.PERKMALL_LOG_LEVEL ?? 'error',
    // Startup CPU (scripts/services-build.ts); PERKMALL_SOURCE_MAPS=1 for TypeScript lines in a failing test's logs.
    PERKMALL_SOURCE_MAPS: process.env.PERKMALL_SOURCE_MAPS ?? '0',
    // Startup CPU again: the processes share their require resolutions (scripts/resolve-cache.cjs).
    PERKMALL_RESOLVE_CACHE: process.env.PERKMALL_RESOLVE_CACHE ?? resolveCacheFile(),
    ...generousRateLimits(prefix),
    ...(events === 'nats' ? jetStreamEnv(prefix) : { PERKMALL_NATS_URL: '' }),
    ...opts.env,
  };
  // This process mints tokens and opens databases with the same settings as the children.
  Object.assign(process.env, env);

  const orms = new Map<SubgraphName, MikroORM>();
  const orm = async (name: SubgraphName) => {
    let o = orms.get(name);
    if (!o) {
      // A copied template is migrated already.
      o = await openDatabase(STORAGE[name](), { migrate: !template });
      orms.set(name, o);
    }
    return o;
  };
  // Migrate (and seed) up front so the subgraph processes start against a ready schema.
  if (template) await cloneTemplate(template, prefix);
  else
    for (const name of SUBGRAPH_NAMES) {
      const o = await orm(name);
      if (opts.seed !== false) await seedSubgraph(name, o);
    }
  const stack = await startStack({
    env,
    randomPorts: true,
    stdio: 'quiet',
    stdout: opts.stdout,
    replicas: opts.replicas,
  });

  const authKey = loadKeyPair('auth', { needPrivate: true }).privateKey!;
  const token = (principal: Principal, ttlSeconds = 600) =>
    signToken(principal, { key: authKey, issuer: ISSUER.auth, audience: CLIENT_AUDIENCE, ttlSeconds });

  return {
    stack,
    prefix,
    token,
    async identityToken(principal, audience, o = {}) {
      const key = loadKeyPair(o.key ?? 'gateway', { needPrivate: true }).privateKey!;
      return signToken(principal, {
        key,
        issuer: ISSUER[o.key ?? 'gateway'],
        audience,
        ttlSeconds: o.ttlSeconds ?? 60,
      });
    },
    async gql(as, query, variables = {}, o = {}) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-request-id': o.requestId ?? randomUUID(),
      };
      if (as) headers.authorization = `Bearer ${typeof as === 'string' ? as : await token(as)}`;
      const r = await fetch(stack.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await r.json()) as GraphQLResult<any>;
    },
    async subgraphRaw(name, body, headers = {}) {
      const r = await fetch(`${stack.urls[name]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: r.status, body: (await r.json()) as GraphQLResult };
    },
    async asService(name, query, variables = {}) {
      const key = loadKeyPair('service', { needPrivate: true }).privateKey!;
      const token = await signToken(
        { role: 'SERVICE', sub: 'test' },
        { key, issuer: ISSUER.service, audience: name, ttlSeconds: 60 },
      );
      const r = await fetch(`${stack.urls[name]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token },
        body: JSON.stringify({ query, variables }),
      });
      return (await r.json()) as GraphQLResult;
    },
    async statements(name, requestId) {
      const r = await fetch(`${stack.urls[name]}/debug/statements?requestId=${encodeURIComponent(requestId)}`);
      return ((await r.json()) as { statements: number }).statements;
    },
    orm,
    async stop() {
      await stack.stop();
      for (const o of orms.values()) await o.close(true);
      await dropSchemas(prefix);
      if (events === 'nats') await deleteEventStream(env.PERKMALL_NATS_URL!, env.PERKMALL_NATS_PREFIX!);
      fs.rmSync(keysDir, { recursive: true, force: true });
    },
  };
}

/** The first error code of a result, for terse assertions. */
/** The answer's `field`, asserting the request had no errors. */

export function ok<T = any>(r: GraphQLResult, field: string): T {
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data![field] as T;
}

export function errorCode(result: GraphQLResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
