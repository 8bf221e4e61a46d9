/**
 * Prometheus metrics (prom-client), served at `/metrics` by every process (the six subgraphs and
 * the gateway). Every series carries `service` (the process's component). Label values are bounded:
 * operation names come from the published operations (codegen/persisted-operations.json) and the
 * subgraphs' own service operations (`<subgraph>/operations/*.graphql`); anything else is `other`,
 * unnamed operations `anonymous`, requests that never resolved an operation `invalid`.
 *
 * Access: subgraphs are private and serve `/metrics` to anyone who reaches them; the gateway is
 * public, so its `/metrics` answers only a loopback connection without forwarding headers, or a
 * scrape bearing PERKMALL_METRICS_TOKEN (when set, every process requires it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import client from 'prom-client';
import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/core';
import { ROOT_DIR } from './config';
import { requestContext, type RequestState } from './request-context';
import { nameActiveSpan } from './telemetry';
import { AppError } from './errors';

export const registry = client.register;

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const graphqlRequests = new client.Counter({
  name: 'perkmall_graphql_requests_total',
  help: 'GraphQL requests served, by operation (published name, anonymous, other or invalid) and type.',
  labelNames: ['operation', 'operation_type'] as const,
});
const graphqlDuration = new client.Histogram({
  name: 'perkmall_graphql_request_duration_seconds',
  help: 'Time to serve a GraphQL request, by operation.',
  labelNames: ['operation'] as const,
  buckets: LATENCY_BUCKETS,
});
const graphqlErrors = new client.Counter({
  name: 'perkmall_graphql_errors_total',
  help: 'GraphQL errors in responses, by operation and extensions.code.',
  labelNames: ['operation', 'code'] as const,
});
const sqlPerRequest = new client.Histogram({
  name: 'perkmall_sql_statements_per_request',
  help: 'SQL statements this process ran for one GraphQL request, by operation.',
  labelNames: ['operation'] as const,
  buckets: [0, 1, 2, 5, 10, 20, 50, 100, 200, 500],
});
const httpDuration = new client.Histogram({
  name: 'perkmall_http_request_duration_seconds',
  help: 'HTTP requests by route (the route key, e.g. /graphql or /carriers/*), method and status.',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: LATENCY_BUCKETS,
});
const sqlStatements = new client.Counter({
  name: 'perkmall_sql_statements_total',
  help: 'SQL statements run (requests, background work and scrapes alike).',
});
const sqlDuration = new client.Histogram({
  name: 'perkmall_sql_statement_duration_seconds',
  help: 'Time from sending a SQL statement to its result.',
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
});
const sagaSteps = new client.Counter({
  name: 'perkmall_saga_steps_total',
  help: 'Saga steps (orders calling catalog, loyalty, tenants, logistics), by step and outcome (ok, refused, unavailable).',
  labelNames: ['step', 'outcome'] as const,
});
const sagaStepDuration = new client.Histogram({
  name: 'perkmall_saga_step_duration_seconds',
  help: 'Time of one saga step, by step.',
  labelNames: ['step'] as const,
  buckets: LATENCY_BUCKETS,
});
const backgroundRuns = new client.Counter({
  name: 'perkmall_background_runs_total',
  help: 'Background task passes (outbox relay, sweeps), by task and outcome (ok, failed).',
  labelNames: ['task', 'outcome'] as const,
});
const backgroundDuration = new client.Histogram({
  name: 'perkmall_background_run_duration_seconds',
  help: 'Time of one background task pass, by task.',
  labelNames: ['task'] as const,
  buckets: [0.001, 0.005, 0.025, 0.1, 0.5, 1, 5, 30, 120],
});

const consumerRestarts = new client.Counter({
  name: 'perkmall_event_consumer_restarts_total',
  help: 'JetStream consumer loops that ended without a stop (consumer or stream deleted, iterator error) and were started again, by consumer.',
  labelNames: ['consumer'] as const,
});
const consumedBatches = new client.Counter({
  name: 'perkmall_event_batches_total',
  help: 'Batches a JetStream consumer handed to its batch handler in one call (bank notifications), by consumer.',
  labelNames: ['consumer'] as const,
});
const consumedInBatches = new client.Counter({
  name: 'perkmall_event_batched_messages_total',
  help: 'Messages handled in those batches, by consumer.',
  labelNames: ['consumer'] as const,
});
const outboxClaims = new client.Counter({
  name: 'perkmall_outbox_claims_total',
  help: 'Outbox claims that took rows (one locking read and one UPDATE each), by transport (http, jetstream).',
  labelNames: ['transport'] as const,
});
const outboxRelayed = new client.Counter({
  name: 'perkmall_outbox_messages_relayed_total',
  help: 'Outbox messages a relay handed on, by transport and outcome (delivered, retry).',
  labelNames: ['transport', 'outcome'] as const,
});

/** The subgraph's database, read at scrape time for pool use and outbox lag. */
let database: MikroORM | undefined;

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max?: number;
}

function poolOf(orm: MikroORM): TarnPool | undefined {
  try {
    const conn = orm.em.getConnection() as unknown as { getKnex(): { client: { pool?: TarnPool } } };
    return conn.getKnex().client.pool ?? undefined;
  } catch {
    return undefined;
  }
}

new client.Gauge({
  name: 'perkmall_db_pool_connections',
  help: 'Database pool connections: used, free, and requests waiting for one (pending).',
  labelNames: ['state'] as const,
  collect() {
    const pool = database && poolOf(database);
    if (!pool) return;
    this.set({ state: 'used' }, pool.numUsed());
    this.set({ state: 'free' }, pool.numFree());
    this.set({ state: 'pending' }, pool.numPendingAcquires());
  },
});
new client.Gauge({
  name: 'perkmall_db_pool_max',
  help: 'Most connections the database pool opens.',
  collect() {
    const pool = database && poolOf(database);
    if (pool?.max !== undefined) this.set(pool.max);
  },
});

/** One query per scrape, shared by both outbox gauges (the `outbox_due` index covers it). */
let outboxReading: Promise<{ pending: number; oldestAgeSeconds: number } | undefined> | undefined;

function readOutbox(): Promise<{ pending: number; oldestAgeSeconds: number } | undefined> {
  if (!database) return Promise.resolve(undefined);
  outboxReading ??= (async () => {
    try {
      const rows = await database!.em
        .getConnection()
        .execute<{ pending: number | string; oldest: Date | string | number | null }[]>(
          'SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM outbox_message WHERE delivered_at IS NULL',
        );
      const row = rows[0];
      const pending = Number(row?.pending ?? 0);
      const oldest = row?.oldest == null ? null : asDate(row.oldest);
      return { pending, oldestAgeSeconds: oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0 };
    } catch {
      return undefined; // no outbox table (yet) or the database is down: no figure this scrape
    } finally {
      setImmediate(() => (outboxReading = undefined));
    }
  })();
  return outboxReading;
}

function asDate(v: Date | string | number): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number' || /^\d+$/.test(v)) return new Date(Number(v));
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
}

new client.Gauge({
  name: 'perkmall_outbox_pending_messages',
  help: 'Outbox messages not delivered yet.',
  async collect() {
    const r = await readOutbox();
    if (r) this.set(r.pending);
  },
});
new client.Gauge({
  name: 'perkmall_outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest undelivered outbox message (0 when none): the relay’s lag.',
  async collect() {
    const r = await readOutbox();
    if (r) this.set(r.oldestAgeSeconds);
  },
});

let started = false;

/**
 * Labels this process's series with `service`, starts Node's default process metrics, and reads
 * `orm` (a subgraph's database) at scrape time. Once per process.
 */
export function startMetrics(service: string, orm?: MikroORM): void {
  if (orm) database ??= orm;
  if (started) return;
  started = true;
  registry.setDefaultLabels({ service });
  // The event-loop delay monitor wakes the process every `eventLoopMonitoringPrecision` ms; prom-client's
  // 10 ms cost an idle process ~0.7 % of a core (seven per system), 50 ms still sees any lag worth an alert.
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 50 });
}

// ---- operation names -------------------------------------------------------------------------

let knownOperations: Set<string> | undefined;

/** Published operation names and the subgraphs' service operation names, read once. */
function operationNames(): Set<string> {
  if (knownOperations) return knownOperations;
  const names = new Set<string>();
  try {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(ROOT_DIR, 'codegen', 'persisted-operations.json'), 'utf8'),
    ) as { operations: { name?: string }[] };
    for (const op of manifest.operations) if (op.name) names.add(op.name);
  } catch {
    // no manifest in this image: every named operation is `other`
  }
  const dirs = ['core/operations', 'gateway/operations'];
  try {
    for (const s of fs.readdirSync(path.join(ROOT_DIR, 'subgraphs'))) dirs.push(`subgraphs/${s}/operations`);
  } catch {
    // no sources beside the bundle
  }
  for (const dir of dirs) {
    try {
      for (const file of fs.readdirSync(path.join(ROOT_DIR, dir))) {
        if (!file.endsWith('.graphql')) continue;
        const text = fs.readFileSync(path.join(ROOT_DIR, dir, file), 'utf8');
        for (const m of text.matchAll(/\b(?:query|mutation|subscription)\s+([_A-Za-z]\w*)/g)) names.add(m[1]!);
      }
    } catch {
      // missing folder
    }
  }
  knownOperations = names;
  return names;
}

/**
 * The metrics label of an operation name. The gateway names its subgraph fetches
 * `<Operation>__<subgraph>__<n>`: a subgraph counts them under the client's operation.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  const base = name.replace(/__[a-z]+__\d+$/, '');
  return operationNames().has(base) ? base : 'other';
}

function errorCodeLabel(code: unknown): string {
  return typeof code === 'string' && /^[A-Z][A-Z_]{0,39}$/.test(code) ? code : 'OTHER';
}

/**
 * Counts each GraphQL request's operation and errors (the gateway's and every subgraph's Apollo
 * Server), and names the request's span after the operation. Time and SQL per request are recorded
 * when the HTTP request ends (observeRequest below).
 */
export function graphqlMetricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const state = requestContext.getStore();
      if (state) state.operation = 'invalid';
      let type = 'unknown';
      return {
        async didResolveOperation({ operationName, operation }) {
          const label = operationLabel(operationName);
          type = operation?.operation ?? 'unknown';
          if (state) state.operation = label;
          nameActiveSpan(`graphql ${type} ${label}`, {
            'graphql.operation.name': label,
            'graphql.operation.type': type,
          });
        },
        async didEncounterErrors({ errors }) {
          const operation = state?.operation ?? 'invalid';
          for (const e of errors) {
            const code = e instanceof AppError ? e.extensions.code : (e.extensions?.code ?? 'INTERNAL');
            graphqlErrors.inc({ operation, code: errorCodeLabel(code) });
          }
        },
        async willSendResponse() {
          graphqlRequests.inc({ operation: state?.operation ?? 'invalid', operation_type: type });
        },
      };
    },
  };
}

/** Records one finished HTTP request (core/http.ts): its route, and its GraphQL operation's time and SQL. */
export function observeRequest(state: RequestState, route: string, method: string, status: number, seconds: number) {
  httpDuration.observe({ route, method, status: String(status) }, seconds);
  if (state.operation !== undefined) {
    graphqlDuration.observe({ operation: state.operation }, seconds);
    sqlPerRequest.observe({ operation: state.operation }, state.sqlStatements);
  }
}

/** One SQL statement, timed (core/db.ts). */
export function observeStatement(seconds: number): void {
  sqlStatements.inc();
  sqlDuration.observe(seconds);
}

/** One background pass of `task` (core/background.ts). */
export function observeBackgroundRun(task: string, ok: boolean, seconds: number): void {
  backgroundRuns.inc({ task, outcome: ok ? 'ok' : 'failed' });
  backgroundDuration.observe({ task }, seconds);
}

/** A JetStream consumer loop started again after it ended on its own (core/event-transport.ts). */
export function countConsumerRestart(consumer: string): void {
  consumerRestarts.inc({ consumer });
}

/** One batch of `n` messages a JetStream consumer handled in one call (core/event-transport.ts). */
export function countConsumedBatch(consumer: string, n: number): void {
  consumedBatches.inc({ consumer });
  consumedInBatches.inc({ consumer }, n);
}

/** One outbox claim that took `rows` rows (core/outbox.ts). */
export function countOutboxClaim(transport: 'http' | 'jetstream'): void {
  outboxClaims.inc({ transport });
}

/** Messages a relay delivered, or scheduled to retry (core/outbox.ts). */
export function countOutboxRelayed(transport: 'http' | 'jetstream', outcome: 'delivered' | 'retry', n: number): void {
  if (n > 0) outboxRelayed.inc({ transport, outcome }, n);
}

/**
 * Counts and times every method call on `steps` as a saga step named after the method (orders'
 * SagaPorts). A refusal (an AppError: out of stock, not enough points) is an outcome, not a failure.
 */
export function countedSagaSteps<T extends object>(steps: T): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(steps, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      let fn = wrapped.get(prop);
      if (!fn) {
        const step = String(prop);
        fn = async (...args: unknown[]) => {
          const started = process.hrtime.bigint();
          let outcome = 'ok';
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } catch (e) {
            outcome = e instanceof AppError ? 'refused' : 'unavailable';
            throw e;
          } finally {
            sagaSteps.inc({ step, outcome });
            sagaStepDuration.observe({ step }, Number(process.hrtime.bigint() - started) / 1e9);
          }
        };
        wrapped.set(prop, fn);
      }
      return fn;
    },
  });
}

// ---- the /metrics route ----------------------------------------------------------------------

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Whether this request may read the metrics. With PERKMALL_METRICS_TOKEN set: only with
 * `Authorization: Bearer <token>`. Without: subgraphs (private) always; the gateway only from a
 * loopback connection that no proxy forwarded (a local reverse proxy's requests come from loopback too).
 */
export function mayScrape(req: http.IncomingMessage, publicFacing: boolean): boolean {
  const token = process.env.PERKMALL_METRICS_TOKEN;
  if (token) {
    const given = Buffer.from(req.headers.authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  if (!publicFacing) return true;
  const forwarded = req.headers['x-forwarded-for'] ?? req.headers.forwarded ?? req.headers['x-real-ip'];
  return forwarded === undefined && LOOPBACK.has(req.socket.remoteAddress ?? '');
}

/** The `/metrics` route: Prometheus text format; 404 (as if absent) to a caller that may not scrape. */
export function metricsRoute(opts: { publicFacing: boolean }) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (!mayScrape(req, opts.publicFacing)) {
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: 'NOT_FOUND', message: 'No route /metrics.' }));
      return;
    }
    const text = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
}
