import fs from 'node:fs';
import path from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import {
  ROOT_DIR,
  SUBGRAPH_NAMES,
  hostOf,
  introspectionEnabled,
  isProduction,
  portOf,
  subgraphUrl,
  type SubgraphName,
} from '../core/config';
import { AppError, formatError } from '../core/errors';
import { createHttpServer, executeGraphQL, listen, sendGraphQLError, sendJson, REQUEST_ID_HEADER } from '../core/http';
import { IDENTITY_HEADER, ISSUER, loadKeyPair, ReusedTokens, type Principal } from '../core/identity';
import { Logger } from '../core/logger';
import { requestContext } from '../core/request-context';
import { EdgeAuth } from './auth';
import { StaffAuth, StaffSessionsUnavailable } from './staff-auth';
import { RevokedPartnerApps } from './revoked-apps';
import { OperationSafelist } from './safelist';
import {
  bodyLimitsFromEnv,
  operationLimitOptions,
  operationLimitsFromEnv,
  readGraphQLBody,
  refineClientError,
  requestShapeError,
} from './limits';
import { EdgeRateLimits, sendGraphQLRateLimited } from './rate-limits';
import { carrierIngressRoute } from './carrier-ingress';
import { partnerIngressRoute } from './partner-ingress';
import { bankEventFilesRoute } from './bank-event-files';
import { acceptInvitationRoute, resetPasswordRoute } from './staff-invitations';
import { staffSsoRoute } from './staff-sso';
import { consoleRoute } from './console';
import { subgraphUnavailable } from './degraded';
import { collapseRepresentations, expandEntities } from './representations';
import { subgraphFetcher, type SubgraphFetcherOptions } from './subgraph-fetcher';
import { subgraphLimitsFromEnv } from '../core/subgraph-limits';
import { graphqlMetricsPlugin, metricsRoute, startMetrics } from '../core/metrics';
import { startTracing, stopTracing } from '../core/telemetry';
import { ServingState } from '../core/lifecycle';

export const SUPERGRAPH_PATH = path.join(ROOT_DIR, 'supergraph.graphql');
/** Identity tokens only need to outlive one subgraph fetch. */
export const IDENTITY_TTL_SECONDS = 60;

export interface GatewayContext {
  principal: Principal;
  requestId: string;
}

/**
 * Subgraph connections: bounded per subgraph; a subgraph waited for as long as fetch (undici) waited;
 * an answer may be twice what a subgraph is allowed to serialise (its errors and extensions come on top).
 */
function subgraphFetchOptions(): SubgraphFetcherOptions {
  return { maxSockets: 64, timeoutMs: 300_000, maxResponseBytes: 2 * subgraphLimitsFromEnv().responseBytes };
}

/** Signs, per fetch, an identity token for exactly the subgraph being called. */
class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: SubgraphName,
    url: string,
    private readonly identityTokens: ReusedTokens,
  ) {
    // node:http with kept-alive sockets, one pool per subgraph (gateway/subgraph-fetcher.ts); the
    // default fetcher could reuse a socket the subgraph had just closed and fail with "socket hang up".
    // Nothing uses cache hints (the cache-control plugin is off), so subgraph Cache-Control headers are not read.
    // PERKMALL_SUBGRAPH_FETCH=fetch keeps Node's fetch (the benchmarks' A/B, bench/cpu-ab.ts).
    const fetcher = process.env.PERKMALL_SUBGRAPH_FETCH === 'fetch' ? fetch : subgraphFetcher(subgraphFetchOptions());
    super({ url, fetcher: fetcher as never, honorSubgraphCacheControlHeader: false });
  }

  /** Duplicate `_entities` representations are sent once (gateway/representations.ts). */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const variables = options.request.variables;
    const collapsed = collapseRepresentations(variables?.representations);
    if (!collapsed) return super.process(options);
    options.request.variables = { ...variables, representations: collapsed.unique };
    const response = await super.process(options);
    expandEntities(response, collapsed);
    return response;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!context.principal) return; // health checks and schema loading carry no caller
    request.http?.headers.set(IDENTITY_HEADER, await this.identityTokens.for(context.principal, this.subgraph));
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  override didEncounterError(
    error: Error,
    request: unknown,
    response?: import('@apollo/utils.fetcher').FetcherResponse,
  ): void {
    throw subgraphUnavailable(this.subgraph, error, response) ?? error;
  }
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startGateway(opts: { port?: number } = {}): Promise<RunningGateway> {
  const log = new Logger('gateway');
  // Observability (README "Observability"): traces when an OTLP endpoint is set; metrics always.
  startTracing('gateway');
  startMetrics('gateway');
  const identityTokens = new ReusedTokens(
    loadKeyPair('gateway', { needPrivate: true }).privateKey!,
    ISSUER.gateway,
    IDENTITY_TTL_SECONDS,
  );
  const rateLimits = await EdgeRateLimits.create(log);
  const edgeAuth = new EdgeAuth(rateLimits);
  const staffAuth = new StaffAuth(log, rateLimits);
  const revokedApps = new RevokedPartnerApps(log);
  revokedApps.start();
  const supergraphSdl = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      if (!SUBGRAPH_NAMES.includes(name as SubgraphName)) throw new Error(`Unknown subgraph ${name} in supergraph`);
      return new IdentityForwardingDataSource(name as SubgraphName, subgraphUrl(name as SubgraphName), identityTokens);
    },
  });
  const limitConfig = operationLimitsFromEnv();
  const limits = operationLimitOptions(limitConfig);
  const bodyLimits = bodyLimitsFromEnv();
  const safelist = OperationSafelist.load();
  const hideSuggestions = isProduction();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: introspectionEnabled(),
    hideSchemaDetailsFromClientErrors: hideSuggestions,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // core/lifecycle.ts owns SIGTERM (not ready, drain, leases released): Apollo's own handler would
    // stop the server at once and re-send the signal, cutting the drain short.
    stopOnTerminationSignals: false,
    plugins: [
      ...limits.plugins,
      safelist.plugin(),
      rateLimits.plugin(),
      // Nothing here sets or reads cache hints, and nothing reports usage to Apollo's cloud.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      graphqlMetricsPlugin(),
    ],
    persistedQueries: { cache: safelist.persistedQueryCache() },
    formatError: (formatted, error) =>
      refineClientError(
        requestShapeError(formatted) ??
          formatError(formatted, error, (e) =>
            log.error('internal error', { error: e instanceof Error ? e.stack : String(e) }),
          ),
        { hideSuggestions },
      ),
  });
  await apollo.start();

  // The gateway holds no state a replica must share beyond Redis (rate limits), so it is ready whenever it is not draining.
  const serving = new ServingState(log);
  const server = createHttpServer('gateway', log, {
    ...serving.probeRoutes(),
    '/graphql': {
      // Who is calling is settled from the headers alone, before any of the body is read.
      guarded: async (req, res, readBody) => {
        let principal: Principal;
        try {
          principal = await edgeAuth.principalOf(req);
          // A staff token of an ended session (signed out, disabled member) stops here.
          await staffAuth.assertSessionActive(principal);
        } catch (e) {
          if (e instanceof StaffSessionsUnavailable)
            return sendGraphQLError(res, 503, 'SERVICE_UNAVAILABLE', e.message);
          sendGraphQLError(res, 401, 'UNAUTHENTICATED', e instanceof AppError ? e.message : 'Invalid access token.');
          return;
        }
        if (revokedApps.covers(principal)) {
          sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'This partner app was revoked; its tokens no longer work.');
          return;
        }
        // Counted before the body is read, so a throttled caller costs no parsing either.
        const refused = await rateLimits.admitOperation(principal);
        if (refused) return sendGraphQLRateLimited(res, refused);
        const body = await readGraphQLBody(req, res, readBody, principal, bodyLimits, limitConfig.tokens);
        if (body === null) return;
        const requestId = requestContext.getStore()!.requestId;
        await executeGraphQL(apollo, req, res, body, async () => ({ principal, requestId }));
      },
    },
    '/oauth/token': (req, res, body) => edgeAuth.tokenEndpoint(req, res, body),
    '/auth/staff/*': (req, res, body) => staffAuth.route(req, res, body),
    '/carriers/*': carrierIngressRoute(log),
    '/partners/*': partnerIngressRoute(log),
    '/bank-event-files/*': bankEventFilesRoute(log, { edgeAuth, staffAuth, revokedApps, rateLimits, identityTokens }),
    '/auth/staff/accept-invitation': acceptInvitationRoute(rateLimits),
    '/auth/staff/reset-password': resetPasswordRoute(rateLimits),
    '/auth/staff/sso/*': staffSsoRoute(rateLimits),
    // The operator console (console/dist): its assets and, for any other path, the app's index.html.
    '/console': consoleRoute(),
    '/console/': consoleRoute(),
    '/console/*': consoleRoute(),
    // Public process: loopback scrapes only, or PERKMALL_METRICS_TOKEN as a bearer (core/metrics.ts).
    '/metrics': metricsRoute({ publicFacing: true }),
    '/health': async (_req, res) => {
      const checks = await Promise.all(
        SUBGRAPH_NAMES.map(async (name) => {
          try {
            const r = await fetch(subgraphUrl(name).replace(/\/graphql$/, '/health'), {
              signal: AbortSignal.timeout(2000),
            });
            return [name, r.ok ? 'ok' : 'unavailable'] as const;
          } catch {
            return [name, 'unavailable'] as const;
          }
        }),
      );
      const ok = checks.every(([, s]) => s === 'ok');
      sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', subgraphs: Object.fromEntries(checks) });
    },
  });
  serving.watch(server);
  const port = await listen(server, opts.port ?? portOf('gateway'), hostOf());
  const url = `http://${hostOf()}:${port}/graphql`;
  log.info('gateway ready', { url, rateLimits: rateLimits.backend });
  return {
    url,
    port,
    async stop() {
      await serving.drain(server);
      await apollo.stop();
      revokedApps.stop();
      await rateLimits.close();
      await stopTracing();
    },
  };
}
