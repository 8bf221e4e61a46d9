import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { requestContext, type RequestState } from './request-context';
import { observeRequest } from './metrics';
import { endServerSpan, incomingTraceId, startServerSpan } from './telemetry';
import { context } from '@opentelemetry/api';
import type { Logger } from './logger';

export const REQUEST_ID_HEADER = 'x-request-id';
/** Bodies of plain routes (OAuth, carrier callbacks) and, by default, of GraphQL at the gateway. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export type RouteHandler = ((req: http.IncomingMessage, res: http.ServerResponse, body: string) => Promise<void>) & {
  /** The handler reads the request stream itself (e.g. to pass raw bytes on); it gets body ''. */
  streamsBody?: boolean;
};

/** Reads the request body, refusing (413) beyond `maxBytes` without buffering the rest. */
export type BodyReader = (maxBytes: number) => Promise<string>;

/**
 * A route that decides before its body is read — who is calling, how much it may send — and then
 * reads the body itself. A plain RouteHandler gets its body (up to the server's limit) read first.
 */
export interface GuardedRoute {
  guarded: (req: http.IncomingMessage, res: http.ServerResponse, readBody: BodyReader) => Promise<void>;
}

export type Route = RouteHandler | GuardedRoute;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'BAD_REQUEST',
  ) {
    super(message);
  }
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(payload);
  // Answered before its body was read (refused unauthenticated or too large). Closing at once would
  // reset a sender still writing, which then never reads this answer; so a modest rest is read and
  // dropped (the connection stays usable), and only a rest past LINGER_MAX_BYTES ends it.
  const pending = res.req && bodyPending(res.req);
  const close = pending && !discardRest(res.req) ? { connection: 'close' } : {};
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...close,
    ...headers,
  });
  res.end(body);
}

/** How much of an unread body is drained after an early answer, and for how long, before the connection is cut. */
const LINGER_MAX_BYTES = 8 * 1024 * 1024;
const LINGER_MS = 5_000;

/** Reads and drops the rest of a body, bounded in bytes and time; false when it is declared too large to bother. */
function discardRest(req: http.IncomingMessage): boolean {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > LINGER_MAX_BYTES) return false;
  let seen = 0;
  const cut = () => req.socket?.destroy();
  const timer = setTimeout(cut, LINGER_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > LINGER_MAX_BYTES) cut();
  });
  req.once('close', () => clearTimeout(timer));
  req.once('end', () => clearTimeout(timer));
  req.resume();
  return true;
}

/** A GraphQL-shaped error response for failures before GraphQL execution (e.g. authentication). */
export function sendGraphQLError(res: http.ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `Request body is larger than ${maxBytes} bytes.`, 'BAD_USER_INPUT');
}

function readBody(req: http.IncomingMessage, maxBytes: number): Promise<string> {
  // A declared length over the limit is refused before a byte of the body is read.
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop buffering; the 413 goes out with `Connection: close`, so the rest is never parsed.
        req.off('data', onData);
        chunks.length = 0;
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A request body as bytes — for routes that check a signature over exactly what was sent — or null
 * when it passes `limit`. Past the limit the rest is read and dropped up to `drainFactor` × the
 * limit (so a sender gets its 413 rather than a reset connection); beyond that the connection is cut
 * (at once with the default 1).
 */
export function readRawBody(req: http.IncomingMessage, limit: number, drainFactor = 1): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > drainFactor * limit) req.destroy();
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => resolve(null));
  });
}

/** Whether this request's body has been read to the end (else the connection cannot be reused). */
function bodyPending(req: http.IncomingMessage): boolean {
  return !req.complete && req.method !== 'GET' && req.method !== 'HEAD';
}

function incomingRequestId(req: http.IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(given) ? given[0] : given;
  return value && /^[\w.:-]{1,100}$/.test(value) ? value : randomUUID();
}

/** Runs one HTTP request through Apollo Server (no web framework needed). */
export async function executeGraphQL<C extends BaseContext>(
  server: ApolloServer<C>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: string,
  context: () => Promise<C>,
  opts: {
    /** Subgraphs: the largest answer, and the error answer that replaces a larger one. */
    maxResponseBytes?: number;
    oversized?: () => string;
    /** Runs the operation again when this says so (a subgraph's mutation rolled back by a deadlock). */
    runAgain?: (attempt: number) => boolean;
    /** Subgraphs: GraphQL error responses go out as 200 (see below). */
    graphqlErrorsWith200?: boolean;
  } = {},
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let parsed: unknown = undefined;
  if (body.length > 0 && (req.headers['content-type'] ?? '').includes('json')) {
    try {
      parsed = JSON.parse(body);
    } catch {
      sendGraphQLError(res, 400, 'BAD_USER_INPUT', 'Request body is not valid JSON.');
      return;
    }
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  let response: Awaited<ReturnType<typeof server.executeHTTPGraphQLRequest>>;
  for (let attempt = 1; ; attempt++) {
    response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body: parsed ?? body },
      context,
    });
    // A subgraph's mutation whose request transaction was rolled back by a deadlock runs again whole.
    if (!opts.runAgain?.(attempt)) break;
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
  }
  const outHeaders: Record<string, string> = {};
  for (const [key, value] of response.headers) outHeaders[key] = value;
  let status = response.status ?? 200;
  // A subgraph answers a well-formed GraphQL error response (bad variables, a refused operation)
  // with 200, as the GraphQL-over-HTTP spec does for application/json: the gateway turns any other
  // status into an opaque "400: Bad Request" and the caller would see INTERNAL instead of the code.
  if (
    opts.graphqlErrorsWith200 &&
    status !== 200 &&
    response.body.kind === 'complete' &&
    (outHeaders['content-type'] ?? '').includes('json')
  ) {
    try {
      const parsedBody = JSON.parse(response.body.string) as { errors?: unknown[] };
      if (Array.isArray(parsedBody.errors) && parsedBody.errors.length > 0) status = 200;
    } catch {
      // not a GraphQL body: keep the status
    }
  }
  if (response.body.kind === 'complete') {
    const text = response.body.string;
    if (
      opts.maxResponseBytes &&
      opts.oversized &&
      text.length * 3 > opts.maxResponseBytes &&
      Buffer.byteLength(text) > opts.maxResponseBytes
    ) {
      const refusal = opts.oversized();
      outHeaders['content-length'] = String(Buffer.byteLength(refusal));
      res.writeHead(200, outHeaders);
      res.end(refusal);
      return;
    }
    res.writeHead(status, outHeaders);
    res.end(text);
  } else {
    res.writeHead(status, outHeaders);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/**
 * A plain node HTTP server with exact-path routes. Every request runs inside a request context
 * (request id from the caller or new, SQL statement counter) and is logged once, as JSON.
 */
export function createHttpServer(
  service: string,
  log: Logger,
  routes: Record<string, Route>,
  opts: { maxBodyBytes?: number } = {},
): http.Server {
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const server = http.createServer((req, res) => {
    const requestId = incomingRequestId(req);
    const state: RequestState = { service, requestId, sqlStatements: 0 };
    const started = process.hrtime.bigint();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const path = pathOf(req);
    // Observability (core/telemetry.ts, core/metrics.ts): the request's server span when tracing is
    // on (else the caller's trace id, for logs), and its time by route once it ends.
    const traced = startServerSpan(req, service, path);
    state.traceId = traced ? traced.span.spanContext().traceId : incomingTraceId(req);
    let routeKey = 'unmatched';
    const serve = () =>
      requestContext.run(state, async () => {
        try {
          const found = routes[path] ? { key: path, route: routes[path] } : prefixRoute(routes, path);
          if (!found) throw new HttpError(404, `No route ${path}.`, 'NOT_FOUND');
          const route = found.route;
          routeKey = found.key;
          const read: BodyReader = (max) =>
            req.method === 'GET' || req.method === 'HEAD' ? Promise.resolve('') : readBody(req, max);
          if (typeof route === 'function') await route(req, res, route.streamsBody ? '' : await read(maxBodyBytes));
          else await route.guarded(req, res, read);
        } catch (e) {
          if (e instanceof HttpError) {
            if (!res.headersSent) sendJson(res, e.status, { error: e.code, message: e.message });
          } else {
            log.error('unhandled error', { error: e instanceof Error ? e.stack : String(e) });
            if (!res.headersSent) sendJson(res, 500, { error: 'INTERNAL', message: 'Internal error.' });
          }
        } finally {
          log.info('request', {
            method: req.method,
            path,
            status: res.statusCode,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            sqlStatements: state.sqlStatements,
          });
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          observeRequest(state, routeKey, req.method ?? 'GET', res.statusCode, seconds);
          if (traced) endServerSpan(traced.span, res.statusCode);
        }
      });
    void (traced ? context.with(traced.ctx, serve) : serve());
  });
  // Callers (the gateway, other subgraphs) keep connections alive between requests. The server must
  // outlast their idle sockets, or it closes one just as a caller reuses it ("socket hang up").
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

function pathOf(req: http.IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return '/'; // unparseable: answered 404 below like any unknown path
  }
}

/**
 * A route key ending in `/*` serves every path below it (`/carriers/*` serves `/carriers/SF/events`);
 * the longest matching prefix wins. Exact keys always take precedence.
 */
function prefixRoute(routes: Record<string, Route>, path: string): { key: string; route: Route } | undefined {
  let best: { length: number; key: string; route: Route } | undefined;
  for (const [key, route] of Object.entries(routes)) {
    if (!key.endsWith('/*')) continue;
    const prefix = key.slice(0, -1);
    if (path.startsWith(prefix) && path.length > prefix.length && (!best || prefix.length > best.length))
      best = { length: prefix.length, key, route };
  }
  return best;
}

export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}
