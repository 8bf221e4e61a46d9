import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestTransaction } from './request-transaction';

/** Per-request state that must follow async work without being threaded through every call. */
export interface RequestState {
  /** The process-local component serving the request (a subgraph name or "gateway"). */
  service: string;
  requestId: string;
  /** SQL statements this process ran while serving the request. */
  sqlStatements: number;
  /** The mutation's request transaction (core/request-transaction.ts), on subgraphs' GraphQL requests. */
  transaction?: RequestTransaction;
  /** The caller's W3C trace id, for log lines while tracing is off (core/telemetry.ts). */
  traceId?: string;
  /** The GraphQL operation's metrics label, once known (core/metrics.ts). */
  operation?: string;
}

export const requestContext = new AsyncLocalStorage<RequestState>();

/**
 * Statement counts per request id, kept for the last few thousand requests so a test (or an
 * operator) can ask how many statements one gateway request cost this subgraph. A gateway request
 * may reach one subgraph several times (one fetch per query-plan step); counts accumulate.
 */
const MAX_TRACKED = 5000;
// Keyed by service too: several components may share a process (tests, tools).
const statementsByRequest = new Map<string, number>();

export function countStatement(): void {
  const state = requestContext.getStore();
  if (!state) return;
  state.sqlStatements += 1;
  const key = `${state.service}:${state.requestId}`;
  statementsByRequest.set(key, (statementsByRequest.get(key) ?? 0) + 1);
  if (statementsByRequest.size > MAX_TRACKED) {
    const oldest = statementsByRequest.keys().next().value;
    if (oldest !== undefined) statementsByRequest.delete(oldest);
  }
}

export function statementsFor(service: string, requestId: string): number {
  return statementsByRequest.get(`${service}:${requestId}`) ?? 0;
}
