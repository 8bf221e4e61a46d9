/**
 * @graphql-hive/gateway in front of our subgraphs, for the gateway benchmark only: the committed
 * supergraph.graphql (subgraph URLs from the environment, as our gateway takes them), the client's
 * bearer token verified by our own edge check, and per subgraph fetch an identity token signed with
 * the gateway key for exactly that subgraph — the work our gateway does per request, so the two
 * compare like for like. Run as its own process (its CPU is read from /proc):
 *   PERKMALL_HIVE_PORT=… node --import tsx bench/support/hive-gateway.ts
 */
import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import { SUBGRAPH_NAMES, hostOf, subgraphUrl, type SubgraphName } from '../../core/config';
import { AppError } from '../../core/errors';
import { REQUEST_ID_HEADER } from '../../core/http';
import { IDENTITY_HEADER, ISSUER, loadKeyPair, ReusedTokens, type Principal } from '../../core/identity';
import { EdgeAuth } from '../../gateway/auth';
import { IDENTITY_TTL_SECONDS, SUPERGRAPH_PATH } from '../../gateway/server';

/** The few parts of the Hive runtime used here (see loadHive). */
interface FetchHookPayload {
  url: string;
  options: { headers?: unknown };
  setOptions(options: object): void;
  context: object;
}
interface HivePlugin {
  onRequest?(payload: {
    request: Request;
    url: URL;
    endResponse(response: Response): void;
    fetchAPI: { Response: typeof Response };
  }): Promise<void>;
  onFetch?(payload: FetchHookPayload): Promise<void>;
}
interface HiveRuntime extends http.RequestListener {
  dispose(): Promise<void> | void;
}
interface HiveModule {
  createGatewayRuntime(config: {
    supergraph: string;
    logging: boolean;
    transportEntries: Record<string, { options: Record<string, unknown> }>;
    plugins(): HivePlugin[];
  }): HiveRuntime;
}

/**
 * Loaded by a specifier the compiler does not follow: the package's typings bring their own, newer
 * @types/node and graphql augmentations into the whole program, which breaks the typecheck of
 * unrelated files (fetch bodies, GraphQLError options).
 */
async function loadHive(): Promise<HiveModule> {
  const specifier: string = '@graphql-hive/gateway';
  return (await import(specifier)) as HiveModule;
}

/** The supergraph with each subgraph's URL replaced by the one this environment configures. */
function supergraphSdl(): string {
  return fs
    .readFileSync(SUPERGRAPH_PATH, 'utf8')
    .replace(/@join__graph\(name: "([a-z]+)", url: "[^"]*"\)/g, (whole, name: string) =>
      SUBGRAPH_NAMES.includes(name as SubgraphName)
        ? `@join__graph(name: "${name}", url: "${subgraphUrl(name as SubgraphName)}")`
        : whole,
    );
}

function identityPlugin(): HivePlugin {
  const edgeAuth = new EdgeAuth();
  // The same signing and reuse as our gateway's, so the two differ only in the gateway itself.
  const identityTokens = new ReusedTokens(
    loadKeyPair('gateway', { needPrivate: true }).privateKey!,
    ISSUER.gateway,
    IDENTITY_TTL_SECONDS,
  );
  const subgraphOf = new Map(SUBGRAPH_NAMES.map((name) => [subgraphUrl(name), name]));
  const principals = new WeakMap<Request, Principal>();
  return {
    // The caller is settled from the headers before the body is read, as at our edge.
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.endsWith('/graphql')) return;
      try {
        const authorization = request.headers.get('authorization') ?? undefined;
        principals.set(request, await edgeAuth.principalOf({ headers: { authorization } } as http.IncomingMessage));
      } catch (e) {
        const message = e instanceof AppError ? e.message : 'Invalid access token.';
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }), {
            status: 401,
            headers: { 'content-type': 'application/json' },
          }),
        );
      }
    },
    async onFetch({ url, options, setOptions, context }) {
      const subgraph = subgraphOf.get(url);
      const request = (context as { request?: Request }).request;
      const principal = request && principals.get(request);
      if (!subgraph || !principal) return; // schema loading and health checks carry no caller
      const token = await identityTokens.for(principal, subgraph);
      const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
      headers.set(IDENTITY_HEADER, token);
      const requestId = request.headers.get(REQUEST_ID_HEADER);
      if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
      setOptions({ ...options, headers: Object.fromEntries(headers) });
    },
  };
}

async function main(): Promise<void> {
  const port = Number(process.env.PERKMALL_HIVE_PORT);
  if (!port) throw new Error('Set PERKMALL_HIVE_PORT');
  const { createGatewayRuntime } = await loadHive();
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl(),
    logging: false,
    // Hive merges identical subgraph requests in flight into one. The benchmark's clients all send
    // the same query as the same caller, which real traffic does not (different callers, different
    // variables), so merging would measure the benchmark, not the gateway: off, as in ours.
    transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
    plugins: () => [identityPlugin()],
  });
  const server = http.createServer(gateway);
  await new Promise<void>((resolve) => server.listen(port, hostOf(), resolve));
  const stop = () => server.close(() => void Promise.resolve(gateway.dispose()).finally(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
