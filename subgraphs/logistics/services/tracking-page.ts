import { decodeCursor, pageSize, toConnection, type Connection } from '../../../core/pagination';
import type { TrackingEvent } from '../entities/tracking-event';

/**
 * A page of one shipment's events (oldest first, keyset on occurredAt and id). A shipment has a
 * handful of events, all loaded for every shipment of the request in one statement; pages are cut
 * from that, so the SQL cost does not grow with the number of shipments.
 */
export function eventsPage(
  events: TrackingEvent[],
  first?: number | null,
  after?: string | null,
): Connection<TrackingEvent> {
  const limit = pageSize(first);
  let rows = events;
  if (after) {
    const [at, id] = decodeCursor(after, 2) as [number, number];
    rows = events.filter((e) => e.occurredAt.getTime() > at || (e.occurredAt.getTime() === at && e.id > id));
  }
  return toConnection(rows.slice(0, limit + 1), limit, (e) => [e.occurredAt.getTime(), e.id], Boolean(after));
}
