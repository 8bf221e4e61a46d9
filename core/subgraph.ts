import 'reflect-metadata';
import type http from 'node:http';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLDateTime } from 'graphql-scalars';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  hostOf,
  portOf,
  debugEndpointsEnabled,
  introspectionEnabled,
  isProduction,
  migrateOnStart,
  type SubgraphName,
} from './config';
import { openDatabase, type SubgraphStorage } from './db';
import { formatError } from './errors';
import { validateInputs } from './input-rules';
import { armEventFault, armFault, FAULT_NAMES, type FaultName } from './faults';
import { EventTransport, eventTransportSettings, type EventHandler } from './event-transport';
import {
  createHttpServer,
  executeGraphQL,
  listen,
  sendGraphQLError,
  sendJson,
  HttpError,
  type Route,
  type RouteHandler,
} from './http';
import {
  oversizedResponse,
  representationCapPlugin,
  subgraphDepthRule,
  subgraphLimitsFromEnv,
} from './subgraph-limits';
import {
  IDENTITY_HEADER,
  ISSUER,
  ROLES,
  loadKeyPair,
  verifyToken,
  type Principal,
  type TrustedIssuer,
} from './identity';
import { LoaderRegistry, markReadOnly } from './loaders';
import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from './logger';
import { requestContext, statementsFor } from './request-context';
import { AppError } from './errors';
import { startBackgroundTasks, type BackgroundTask } from './background';
import { RequestTransaction, requestTransactionPlugin } from './request-transaction';
import { captureRawWrites, type AuditSink } from './audit';
import { outboxAuditSink, publishOutboxThrough } from './outbox';
import { graphqlMetricsPlugin, metricsRoute, startMetrics } from './metrics';
import { startTracing, stopTracing } from './telemetry';
import { exitOnSignals, ServingState } from './lifecycle';

/** What every resolver receives. Services take `em` and `principal` from here. */
export interface SubgraphContext {
  principal: Principal;
  em: SqlEntityManager;
  loaders: LoaderRegistry;
  requestId: string;
  log: Logger;
  /** The mutation's request transaction: commits only when the response has no errors (core/request-transaction.ts). */
  transaction: RequestTransaction;
}

export type ReferenceResolver = (
  reference: { id: string } & Record<string, unknown>,
  context: SubgraphContext,
) => unknown;

export interface SubgraphDefinition {
  name: SubgraphName;
  storage: SubgraphStorage;
  resolvers: NonEmptyArray<Function>;
  /** Types not reachable from a resolver but part of the schema (e.g. entity stubs). */
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type; each must go through a DataLoader. */
  referenceResolvers: Record<string, ReferenceResolver>;
  /** Periodic work (outbox relay, sweeps), built once the database is open. */
  backgroundTasks?: (orm: MikroORM, log: Logger) => BackgroundTask[];
  /**
   * The event topics this subgraph consumes, each with the handler the HTTP relay calls for it
   * (subgraphs/events.ts): with PERKMALL_NATS_URL set, each becomes a durable JetStream consumer.
   */
  eventConsumers?: (orm: MikroORM, log: Logger) => Record<string, EventHandler>;
  /**
   * Plain HTTP routes beside `/graphql` (e.g. carriers' signed callbacks), built once the database
   * is open. Keys are exact paths, or prefixes ending in `/*`; they cannot replace the built-in
   * routes. Each request runs in a request context (request id, SQL statement counter), like GraphQL.
   */
  httpRoutes?: (orm: MikroORM, log: Logger) => Record<string, RouteHandler>;
  /**
   * Where the audit entries of a transaction go (core/audit.ts): an outbox message by default,
   * which every relay delivers to staff; staff stores its own directly.
   */
  auditSink?: AuditSink;
}

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@override", "@tag"])';

/**
 * type-graphql builds the schema; Apollo turns it into a Federation 2 subgraph. type-graphql's
 * own schema check is skipped because `@key` directives only make sense after the federation link.
 */
export async function buildFederatedSchema(def: SubgraphDefinition): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: def.resolvers,
    orphanedTypes: def.orphanedTypes,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    skipCheck: true,
    // Every argument's strings are checked against core/input-rules.ts before the resolver runs.
    validateFn: validateInputs as never,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, resolveReference] of Object.entries(def.referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), __resolveReference: resolveReference };
  }
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as never });
}

/** The SDL this subgraph contributes to the supergraph (what `npm run compose` reads). */
export async function subgraphSdl(def: SubgraphDefinition): Promise<string> {
  const schema = await buildFederatedSchema(def);
  return printSchemaWithDirectives(schema);
}

export function trustedIssuers(): TrustedIssuer[] {
  return [
    { issuer: ISSUER.gateway, key: loadKeyPair('gateway').publicKey, roles: ROLES },
    { issuer: ISSUER.service, key: loadKeyPair('service').publicKey, roles: ['SERVICE'] },
  ];
}

/** Pulls the identity token out of a request and verifies it for this subgraph's audience. */
export async function authenticateSubgraphRequest(
  req: http.IncomingMessage,
  audience: SubgraphName,
  trusted: TrustedIssuer[],
): Promise<Principal> {
  const raw = req.headers[IDENTITY_HEADER];
  const token = Array.isArray(raw) ? raw[0] : raw;
  if (!token) {
    throw new AppError(
      'UNAUTHENTICATED',
      'Missing identity token: subgraphs only accept requests forwarded by the gateway or a service.',
    );
  }
  return verifyToken(token, audience, trusted);
}

/** A query writes nothing, so its loaders may read plain rows instead of tracked entities (core/loaders.ts). */
const readOnlyQueriesPlugin: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (operation?.operation === 'query') markReadOnly(contextValue.em);
      },
    };
  },
};

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  port: number;
  orm: MikroORM;
  stop(): Promise<void>;
}

export async function startSubgraph(def: SubgraphDefinition, opts: { port?: number } = {}): Promise<RunningSubgraph> {
  const log = new Logger(def.name);
  // Observability (README "Observability"): traces when an OTLP endpoint is set; metrics always.
  startTracing(def.name);
  const orm = await openDatabase(def.storage, { migrate: migrateOnStart() });
  startMetrics(def.name, orm);
  captureRawWrites(orm);
  const schema = await buildFederatedSchema(def);
  const trusted = trustedIssuers();
  const limits = subgraphLimitsFromEnv();
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    // Subgraphs are private, but anyone holding an identity token could map them: off in production too.
    introspection: introspectionEnabled(),
    hideSchemaDetailsFromClientErrors: isProduction(),
    validationRules: subgraphDepthRule(limits),
    parseOptions: { maxTokens: limits.tokens },
    // core/lifecycle.ts owns SIGTERM (not ready, drain, leases released): Apollo's own handler would
    // stop the server at once and re-send the signal, cutting the drain short.
    stopOnTerminationSignals: false,
    // Subgraphs are private; usage reporting and inline traces go nowhere. No resolver sets cache
    // hints and the gateway ignores them, so the cache-control plugin (a hook on every field) is off.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      representationCapPlugin(limits),
      requestTransactionPlugin(log, {
        subgraph: def.name,
        sink: def.auditSink ?? outboxAuditSink,
      }),
      readOnlyQueriesPlugin,
      graphqlMetricsPlugin(),
    ],
    formatError: (formatted, error) =>
      formatError(formatted, error, (e) => {
        // A deadlock or a lost unique race in a request transaction is not an error yet: the whole operation runs again.
        const retrying = requestContext.getStore()?.transaction?.shouldRetry();
        (retrying ? log.info.bind(log) : log.error.bind(log))(
          retrying ? 'request transaction will be retried' : 'internal error',
          { error: e instanceof Error ? e.stack : String(e) },
        );
      }),
  });
  await apollo.start();

  const serving = new ServingState(log);
  const routes: Record<string, Route> = {
    '/graphql': {
      // The identity token is checked before the body is read.
      guarded: async (req, res, readBody) => {
        let principal: Principal;
        try {
          principal = await authenticateSubgraphRequest(req, def.name, trusted);
        } catch (e) {
          const message = e instanceof AppError ? e.message : 'Invalid identity token.';
          sendGraphQLError(res, 401, 'UNAUTHENTICATED', message);
          return;
        }
        const body = await readBody(limits.bodyBytes);
        const state = requestContext.getStore()!;
        const attempt = { uniqueRetried: false, number: 0 };
        let current: RequestTransaction | undefined;
        try {
          await executeGraphQL(
            apollo,
            req,
            res,
            body,
            async () => {
              attempt.number += 1;
              const em = orm.em.fork() as SqlEntityManager;
              current = new RequestTransaction(em, { ...attempt });
              state.transaction = current;
              return {
                principal,
                em,
                loaders: new LoaderRegistry(),
                requestId: state.requestId,
                log,
                transaction: current,
              };
            },
            {
              maxResponseBytes: limits.responseBytes,
              oversized: () => oversizedResponse(limits),
              runAgain: () => {
                if (!current?.shouldRetry()) return false;
                if (current.retryKindOf() === 'unique') attempt.uniqueRetried = true;
                log.info('request transaction rolled back; running the operation again', {
                  attempt: attempt.number,
                  reason: current.retryKindOf(),
                });
                return true;
              },
              graphqlErrorsWith200: true,
            },
          );
        } finally {
          // Safety net: a request transaction is never left open past its response.
          if (current?.begun) await current.em.rollback().catch(() => undefined);
          state.transaction = undefined;
        }
      },
    },
    // /livez, /readyz (core/lifecycle.ts); /health stays as it was.
    ...serving.probeRoutes(async () => {
      await orm.em.getConnection().execute('select 1');
      return true;
    }),
    '/health': async (_req, res) => {
      try {
        await orm.em.getConnection().execute('select 1');
        sendJson(res, 200, { status: 'ok', subgraph: def.name });
      } catch {
        sendJson(res, 503, { status: 'unavailable', subgraph: def.name });
      }
    },
  };
  // Subgraphs are private: Prometheus scrapes them directly (PERKMALL_METRICS_TOKEN, when set, is required).
  routes['/metrics'] = metricsRoute({ publicFacing: false });
  if (debugEndpointsEnabled()) {
    routes['/debug/statements'] = async (req, res) => {
      const requestId = new URL(req.url ?? '/', 'http://localhost').searchParams.get('requestId');
      if (!requestId) throw new HttpError(400, 'requestId is required');
      sendJson(res, 200, { requestId, statements: statementsFor(def.name, requestId) });
    };
    routes['/debug/faults'] = async (_req, res, body) => {
      const { requestId, fault, skip } = JSON.parse(body || '{}') as {
        requestId?: string;
        fault?: string;
        skip?: number;
      };
      if (!requestId || !FAULT_NAMES.includes(fault as FaultName))
        throw new HttpError(400, `requestId and fault (${FAULT_NAMES.join(', ')}) are required`);
      armFault(requestId, fault as FaultName, Number(skip ?? 0));
      sendJson(res, 200, { armed: true, requestId, fault });
    };
    routes['/debug/event-faults'] = async (_req, res, body) => {
      const { topic, fault } = JSON.parse(body || '{}') as { topic?: string; fault?: string };
      if (!topic || fault !== 'crash-before-ack')
        throw new HttpError(400, 'topic and fault ("crash-before-ack") are required');
      armEventFault(topic, fault);
      sendJson(res, 200, { armed: true, topic, fault });
    };
  }

  for (const [path, handler] of Object.entries(def.httpRoutes?.(orm, log) ?? {})) {
    if (routes[path]) throw new Error(`Subgraph ${def.name} may not replace the built-in route ${path}`);
    routes[path] = handler;
  }

  // Events on JetStream when configured: relays publish there, and this subgraph's consumers start
  // once it serves (their handlers may call its own /graphql, as the HTTP relay would).
  const natsSettings = eventTransportSettings();
  const events = natsSettings ? await EventTransport.connect(natsSettings, def.name, log) : null;
  publishOutboxThrough(events?.publisher() ?? null);

  const server = createHttpServer(def.name, log, routes);
  serving.watch(server);
  const port = await listen(server, opts.port ?? portOf(def.name), hostOf());
  const url = `http://${hostOf()}:${port}/graphql`;
  const stopBackground = startBackgroundTasks(def.backgroundTasks?.(orm, log) ?? [], log);
  if (events) await events.consume(def.eventConsumers?.(orm, log) ?? {});
  log.info('subgraph ready', { url });
  return {
    name: def.name,
    url,
    port,
    orm,
    /** Graceful: not ready, drain requests (bounded), background tasks to a safe point and leases released, pool closed. */
    async stop() {
      // Consumers finish the message in hand (and acknowledge it) while the server still answers.
      await events?.stopConsuming();
      await serving.drain(server);
      await stopBackground();
      await events?.close();
      publishOutboxThrough(null);
      await apollo.stop();
      await orm.close(true);
      await stopTracing();
    },
  };
}

/** Entry point helper for `subgraphs/<name>/main.ts`: start, and stop cleanly on SIGINT/SIGTERM. */
export function runSubgraphMain(def: SubgraphDefinition): void {
  const log = new Logger(def.name);
  startSubgraph(def).then(
    (running) => exitOnSignals(log, () => running.stop()),
    (e) => {
      log.error('failed to start', { error: e instanceof Error ? e.stack : String(e) });
      process.exit(1);
    },
  );
}
