import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { print, type DocumentNode } from 'graphql';
import type { DocumentTypeDecoration, TypedDocumentNode } from '@graphql-typed-document-node/core';
import { subgraphUrl, type SubgraphName } from './config';
import { AppError, type ErrorCode, type FieldProblem } from './errors';
import { REQUEST_ID_HEADER } from './http';
import { IDENTITY_HEADER, ISSUER, loadKeyPair, ReusedTokens, type Principal } from './identity';
import { requestContext } from './request-context';
import { injectTraceContext, inSpan, SpanKind, tracingEnabled } from './telemetry';

/** The remote subgraph could not be reached or answered garbage: retry later, don't assume failure. */
export class SubgraphUnavailableError extends Error {
  constructor(
    readonly subgraph: SubgraphName,
    cause: unknown,
  ) {
    super(`Subgraph ${subgraph} is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

const SERVICE_TOKEN_TTL_SECONDS = 60;

/** A GraphQL answer, as a peer subgraph gives it. */
export interface PeerAnswer {
  data?: unknown;
  errors?: readonly { message: string; extensions?: { code?: unknown; problems?: unknown } }[];
}

/** Runs an operation on a peer subgraph in this process, as `principal`. */
export type InProcessPeers = (
  target: SubgraphName,
  query: string,
  variables: unknown,
  principal: Principal,
) => Promise<PeerAnswer>;

const inProcessPeers = new AsyncLocalStorage<InProcessPeers>();

/**
 * Runs `work` with service calls answered by `peers` in this process instead of over HTTP: for the
 * demo seed (scripts/seed/through-api.ts), which runs a subgraph's operations before any subgraph is
 * up. Never used while serving a request.
 */
export function withInProcessPeers<T>(peers: InProcessPeers, work: () => Promise<T>): Promise<T> {
  return inProcessPeers.run(peers, work);
}

/**
 * An operation on another subgraph, typed by `npm run codegen` from `<caller>/operations/<callee>.graphql`
 * against the callee's schema: a generated document string (whose `toString()` carries the result and
 * variables types) or a typed document node. A plain string is not one, so untyped calls do not compile.
 */
export type ServiceOperation<R, V> =
  | TypedDocumentNode<R, V>
  // A String object (not a string primitive) whose text is typed: what the generated TypedDocumentString is.
  | (object & { toString(): string & DocumentTypeDecoration<R, V> });

/** Document nodes are printed once, not per call. */
const printed = new WeakMap<DocumentNode, string>();

function operationText(operation: ServiceOperation<unknown, unknown>): string {
  if (!(operation instanceof String) && typeof operation === 'object' && 'kind' in operation) {
    let text = printed.get(operation);
    if (text === undefined) printed.set(operation, (text = print(operation)));
    return text;
  }
  return operation.toString();
}

/**
 * One key load and one token cache per signing key in the process, shared by every client: services
 * build their clients per request, and a credential names the same identity every time, so one
 * signature serves many calls.
 */
const credentialCaches = new Map<'service' | 'gateway', ReusedTokens>();

function credentialsSignedBy(keyName: 'service' | 'gateway'): ReusedTokens {
  let cache = credentialCaches.get(keyName);
  if (!cache) {
    const key = loadKeyPair(keyName, { needPrivate: true }).privateKey!;
    credentialCaches.set(keyName, (cache = new ReusedTokens(key, ISSUER[keyName], SERVICE_TOKEN_TTL_SECONDS)));
  }
  return cache;
}

/**
 * Service-to-service GraphQL calls (saga steps, the gateway's own lookups). Each call carries a
 * service credential: a SERVICE identity signed with the caller's key for the target's audience.
 */
export class ServiceClient {
  constructor(
    /** Whose key signs: `service` for subgraphs, `gateway` for the gateway itself. */
    private readonly keyName: 'service' | 'gateway',
    /** Name of the calling component, recorded as the token subject. */
    private readonly caller: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async request<R, V>(target: SubgraphName, operation: ServiceOperation<R, V>, variables: V): Promise<R> {
    const query = operationText(operation as ServiceOperation<unknown, unknown>);
    const peers = inProcessPeers.getStore();
    if (peers) return answerOf(target, await peers(target, query, variables, { role: 'SERVICE', sub: this.caller }));
    // The key is loaded at the first call, not when the client is built: clients made at module load
    // must use the keys the process is configured with by then.
    const token = await credentialsSignedBy(this.keyName).for({ role: 'SERVICE', sub: this.caller }, target);
    const call = async () => {
      let payload: PeerAnswer;
      try {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          [IDENTITY_HEADER]: token,
          [REQUEST_ID_HEADER]: requestContext.getStore()?.requestId ?? randomUUID(),
        };
        // The callee continues this call's span (core/telemetry.ts; nothing with tracing off).
        injectTraceContext(headers);
        const text = await post(subgraphUrl(target), headers, JSON.stringify({ query, variables }), this.timeoutMs);
        payload = JSON.parse(text) as typeof payload;
      } catch (e) {
        throw new SubgraphUnavailableError(target, e);
      }
      return answerOf<R>(target, payload);
    };
    if (!tracingEnabled()) return call();
    const name = /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';
    return inSpan(
      `call ${target} ${name}`,
      SpanKind.CLIENT,
      { 'peer.service': target, 'graphql.operation.name': name },
      call,
    );
  }
}

/** The peer's `problems`, when they have the FieldProblem shape (at most 100 are passed on). */
function fieldProblemsOf(v: unknown): FieldProblem[] | null {
  if (!Array.isArray(v) || v.length === 0) return null;
  const ok = v.every(
    (p) =>
      p != null &&
      typeof p === 'object' &&
      typeof (p as FieldProblem).field === 'string' &&
      typeof (p as FieldProblem).message === 'string' &&
      ((p as FieldProblem).index === undefined || Number.isInteger((p as FieldProblem).index)),
  );
  return ok ? (v as FieldProblem[]).slice(0, 100) : null;
}

/** The data of a peer's answer, or its first error as an AppError (INTERNAL: the peer is unavailable). */
function answerOf<R>(target: SubgraphName, payload: PeerAnswer): R {
  const first = payload.errors?.[0];
  if (first) {
    const code = (first.extensions?.code ?? 'INTERNAL') as ErrorCode;
    if (code === 'INTERNAL') throw new SubgraphUnavailableError(target, new Error(first.message));
    // A peer's field problems pass on to the client (the field a person must change is the same).
    const problems = fieldProblemsOf(first.extensions?.problems);
    throw new AppError(code, first.message, problems ? { problems } : {});
  }
  return payload.data as R;
}

// Saga steps are small POSTs to a few fixed peers: node:http with kept-alive sockets costs a fraction
// of the CPU of fetch (undici's web streams, abort signals and header objects were ~30 % of the orders
// process's CPU per purchase in the checkout benchmark's profile).
// Idle sockets are closed after 30 s, well before the subgraphs' 65 s keep-alive timeout (core/http.ts).
const agentOptions: http.AgentOptions = { keepAlive: true, maxSockets: 64, scheduling: 'lifo', timeout: 30_000 };
const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

/** POSTs `body` and resolves with the response text (any status: GraphQL errors come in the body). */
function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  retried = false,
): Promise<string> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      target,
      {
        method: 'POST',
        agent: agents[secure ? 'https:' : 'http:'],
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    // The connection silent for the time limit: the call is abandoned (the callee may still finish it; every
    // saga step is idempotent, so the retry or the recovery sweep settles it).
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      // A kept-alive socket the peer had closed as it was reused: sent once more on a new one (the
      // callee normally saw nothing; every service operation is idempotent or a read anyway).
      if (req.reusedSocket && e.code === 'ECONNRESET' && !retried)
        post(url, headers, body, timeoutMs, true).then(resolve, reject);
      else reject(e);
    });
    req.end(body);
  });
}
