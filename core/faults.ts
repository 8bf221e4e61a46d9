import { debugEndpointsEnabled } from './config';
import { requestContext } from './request-context';

/**
 * Test-only fault injection, so a test can prove what happens when a request fails after its write
 * (issue 11 item 2). Only with `PERKMALL_DEBUG_ENDPOINTS=1` (never in production): a test arms a
 * fault for one request id with `POST /debug/faults {"requestId","fault"}` on a subgraph, then sends
 * that request through the gateway with the same `x-request-id`.
 *
 * Faults:
 * - `after-write`: the first unit of work (`inTransaction`) or flush on the request's `em` throws
 *   right after its write succeeded, as a payload that cannot be serialised would.
 * - `before-step-commit`: the first unit of work that commits on its own (a saga step's, outside any
 *   request transaction) throws after its writes, just before its commit, so it rolls back.
 * - `crash-before-step-commit`: at the same point the process kills itself (SIGKILL), as a crash
 *   would: no response, no rollback sent, no cleanup (the safe-replicas test, issue 21).
 */
export type FaultName = 'after-write' | 'before-step-commit' | 'crash-before-step-commit';

export const FAULT_NAMES: readonly FaultName[] = ['after-write', 'before-step-commit', 'crash-before-step-commit'];

const armed = new Map<string, { fault: FaultName; until: number; skip: number }>();

/** `skip`: step commits to let through first (a crash at the confirmation after the payment's own commit). */
export function armFault(requestId: string, fault: FaultName, skip = 0): void {
  if (!debugEndpointsEnabled()) throw new Error('faults need PERKMALL_DEBUG_ENDPOINTS=1');
  armed.set(requestId, { fault, until: Date.now() + 60_000, skip });
  for (const [id, f] of armed) if (f.until < Date.now()) armed.delete(id);
}

/** Throws the armed fault of the current request at `point`, once. */
export function injectFault(point: FaultName): void {
  if (armed.size === 0) return;
  const requestId = requestContext.getStore()?.requestId;
  const f = requestId ? armed.get(requestId) : undefined;
  if (f && point === 'before-step-commit' && f.skip > 0 && f.fault !== 'after-write') {
    f.skip -= 1;
    return;
  }
  if (f?.fault === 'crash-before-step-commit' && point === 'before-step-commit') process.kill(process.pid, 'SIGKILL');
  if (!f || f.fault !== point || f.until < Date.now()) return;
  armed.delete(requestId!);
  throw new Error(`Injected fault "${point}" (test only).`);
}

/**
 * Event consumers' crash point (core/event-transport.ts), armed per topic with
 * `POST /debug/event-faults {"topic","fault":"crash-before-ack"}`: the next message of that topic this
 * process handles runs its handler to the end, then the process dies (SIGKILL) before acknowledging
 * it, as a consumer killed at that instant would. JetStream must deliver it again.
 */
export type EventFaultName = 'crash-before-ack';

const armedEvents = new Map<string, EventFaultName>();

export function armEventFault(topic: string, fault: EventFaultName): void {
  if (!debugEndpointsEnabled()) throw new Error('faults need PERKMALL_DEBUG_ENDPOINTS=1');
  armedEvents.set(topic, fault);
}

export function injectEventFault(topic: string): void {
  if (armedEvents.size === 0 || armedEvents.get(topic) !== 'crash-before-ack') return;
  armedEvents.delete(topic);
  process.kill(process.pid, 'SIGKILL');
}
