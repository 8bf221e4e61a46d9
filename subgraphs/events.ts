import type { SubgraphName } from '../core/config';
import type { EventHandler } from '../core/event-transport';
import { AUDIT_TOPIC } from '../core/audit';
import { auditDelivery } from '../core/outbox';
import { catalogEvents } from './catalog/events';
import { logisticsEvents } from './logistics/events';
import { ordersEvents } from './orders/events';

/** Who consumes a topic, and the function that hands one event to it (idempotent on a key in the payload). */
export interface EventRoute {
  consumer: SubgraphName;
  handle: EventHandler;
}
export type EventRoutes = Record<string, EventRoute>;

/**
 * The events that cross from one subgraph to another. Each route's `handle` is the one way an event
 * reaches its consumer's idempotent handling (a SERVICE call of the consumer's own mutation): the
 * producer's HTTP relay calls it (the embedded default), and with PERKMALL_NATS_URL the consumer's
 * JetStream consumer calls it instead. Topics a subgraph both produces and consumes (tier points,
 * approvals, bank notifications at tenants) are passed in by that subgraph as `local` handlers.
 */
function crossSubgraphRoutes(): EventRoutes {
  return {
    ...catalogEvents(),
    ...ordersEvents(),
    ...logisticsEvents(),
    // Every subgraph's audit entries go to staff's recordAuditEntries (core/audit.ts).
    [AUDIT_TOPIC]: { consumer: 'staff', handle: auditDelivery('staff') },
  };
}

/** A producer's routes as its outbox relay's handlers (the HTTP path). */
export function relayHandlers(routes: EventRoutes): Record<string, EventHandler> {
  return Object.fromEntries(Object.entries(routes).map(([topic, route]) => [topic, route.handle]));
}

/** What a subgraph's JetStream consumers run: the routes that name it as consumer, and its own topics. */
export function consumedBy(name: SubgraphName, local: Record<string, EventHandler> = {}): Record<string, EventHandler> {
  const handlers: Record<string, EventHandler> = {};
  for (const [topic, route] of Object.entries(crossSubgraphRoutes()))
    if (route.consumer === name) handlers[topic] = route.handle;
  return { ...handlers, ...local };
}
