import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, type FieldProblem } from '../../../core/errors';
import { forUpdate, inTransaction, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import { Carrier } from '../entities/carrier';
import { carrierSecrets } from './carrier-secrets';
import { Fulfilment, FulfilmentStatus } from '../entities/fulfilment';
import { ParcelDirection, Shipment, ShipmentStatus, TRACKING_STATUSES } from '../entities/shipment';
import { enqueueEvent } from '../../../core/outbox';
import { reportProgress } from './progress';
import { RETURN_PARCEL_DELIVERED } from '../events';

/** Header carrying `sha256=<hex HMAC-SHA256 of the raw body with the carrier's callback secret>`. */
export const SIGNATURE_HEADER = 'x-perkmall-signature';
export const MAX_EVENTS_PER_CALLBACK = 100;

export interface CarrierEvent {
  eventId: string;
  trackingNumber: string;
  status: ShipmentStatus;
  occurredAt: Date;
  location: string | null;
  description: string | null;
}

export type EventOutcome = 'RECORDED' | 'DUPLICATE' | 'UNKNOWN_SHIPMENT';

/** The HMAC a carrier must send for a body (exported for tests and carrier integration docs). */
export function signCallback(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** Progress order of the statuses; DELIVERED and RETURNED are final, EXCEPTION has no rank of its own. */
const PROGRESS_RANK: Partial<Record<ShipmentStatus, number>> = {
  [ShipmentStatus.LABEL_CREATED]: 0,
  [ShipmentStatus.PICKED_UP]: 1,
  [ShipmentStatus.IN_TRANSIT]: 2,
  [ShipmentStatus.OUT_FOR_DELIVERY]: 3,
  [ShipmentStatus.DELIVERED]: 4,
  [ShipmentStatus.RETURNED]: 4,
};
const BY_RANK = [
  ShipmentStatus.LABEL_CREATED,
  ShipmentStatus.PICKED_UP,
  ShipmentStatus.IN_TRANSIT,
  ShipmentStatus.OUT_FOR_DELIVERY,
];
const FINAL = new Set([ShipmentStatus.DELIVERED, ShipmentStatus.RETURNED]);

export interface ShipmentState {
  status: ShipmentStatus;
  progressRank: number;
  statusAt: Date;
}

/**
 * What a tracking event does to a shipment's status, whatever order events arrive in:
 * - DELIVERED and RETURNED are final: the first to arrive stays; later events are only recorded.
 * - Progress (PICKED_UP < IN_TRANSIT < OUT_FOR_DELIVERY) only moves forward; a late, lower event
 *   is recorded in the history but leaves the status alone.
 * - EXCEPTION is an alert on a parcel under way: it shows when it is the newest news (by the
 *   carrier's event time); a later progress event clears it (to the furthest progress reached, so
 *   clearing never moves the status backwards).
 * Returns null when the status stays as it is.
 */
export function nextShipmentState(
  current: ShipmentState,
  event: { status: ShipmentStatus; occurredAt: Date },
): ShipmentState | null {
  if (FINAL.has(current.status)) return null;
  if (FINAL.has(event.status)) return { status: event.status, progressRank: 4, statusAt: event.occurredAt };
  const newer =
    current.status === ShipmentStatus.LABEL_CREATED || event.occurredAt.getTime() > current.statusAt.getTime();
  if (event.status === ShipmentStatus.EXCEPTION) {
    return newer
      ? { status: ShipmentStatus.EXCEPTION, progressRank: current.progressRank, statusAt: event.occurredAt }
      : null;
  }
  const rank = PROGRESS_RANK[event.status] ?? 0;
  if (current.status === ShipmentStatus.EXCEPTION) {
    if (!newer) return rank > current.progressRank ? { ...current, progressRank: rank } : null; // the alert is still the latest news
    const reached = Math.max(rank, current.progressRank);
    return { status: BY_RANK[reached]!, progressRank: reached, statusAt: event.occurredAt };
  }
  return rank > current.progressRank ? { status: event.status, progressRank: rank, statusAt: event.occurredAt } : null;
}

/** Parses a callback body: `{"events": [{eventId, trackingNumber, status, occurredAt, location?, description?}]}`. */
export function parseCallback(rawBody: string): CarrierEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw badInput('The body is not JSON.');
  }
  const list = (body as { events?: unknown })?.events;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_EVENTS_PER_CALLBACK) {
    throw badInput(`The body must be {"events": [...]} with 1 to ${MAX_EVENTS_PER_CALLBACK} events.`);
  }
  const problems: FieldProblem[] = [];
  const text = (v: unknown, max: number) =>
    typeof v === 'string' && v.trim().length > 0 && v.length <= max ? v.trim() : null;
  const events = list.map((raw, index): CarrierEvent => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const eventId = text(e.eventId, 128);
    const trackingNumber = text(e.trackingNumber, 64);
    const status = e.status as ShipmentStatus;
    const occurredAt = typeof e.occurredAt === 'string' ? new Date(e.occurredAt) : new Date(NaN);
    if (!eventId) problems.push({ index, field: 'eventId', message: 'is required (1–128 characters)' });
    if (!trackingNumber) problems.push({ index, field: 'trackingNumber', message: 'is required (1–64 characters)' });
    if (!TRACKING_STATUSES.includes(status))
      problems.push({ index, field: 'status', message: `must be one of ${TRACKING_STATUSES.join(', ')}` });
    if (Number.isNaN(occurredAt.getTime()))
      problems.push({ index, field: 'occurredAt', message: 'must be an ISO-8601 time' });
    if (e.location !== undefined && e.location !== null && typeof e.location !== 'string')
      problems.push({ index, field: 'location', message: 'must be a string' });
    return {
      eventId: eventId ?? '',
      trackingNumber: trackingNumber ?? '',
      status,
      occurredAt,
      location: typeof e.location === 'string' ? e.location.slice(0, 200) : null,
      description: typeof e.description === 'string' ? e.description.slice(0, 500) : null,
    };
  });
  if (problems.length)
    throw badInput(
      `Nothing was recorded: event ${problems[0]!.index} ${problems[0]!.field} ${problems[0]!.message}.`,
      problems,
    );
  return events;
}

/** Carriers' tracking callbacks: authenticate the carrier by its HMAC, then record events idempotently. */
export class CarrierCallbacks {
  constructor(private readonly em: SqlEntityManager) {}

  /** The carrier whose secret signed exactly this body, or null (unknown carrier, no or bad signature). */
  async authenticate(carrierCode: string, rawBody: string, signature: string | undefined): Promise<Carrier | null> {
    const match = /^sha256=([0-9a-f]{64})$/i.exec(signature?.trim() ?? '');
    if (!match) return null;
    const carrier = await this.em.fork().findOne(Carrier, { code: carrierCode.toUpperCase() });
    const given = Buffer.from(match[1]!, 'hex');
    // An unknown carrier costs the same HMAC work as a known one; a rotation accepts the old secret for a while.
    const secrets = carrier ? carrierSecrets().accepted(carrier) : [];
    let valid = false;
    // With no usable secret a random key is checked anyway, so the work (and timing) is the same and nothing matches.
    for (const secret of secrets.length ? secrets : [randomBytes(32)]) {
      const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest();
      if (given.length === expected.length && timingSafeEqual(given, expected) && secrets.length) valid = true;
    }
    return carrier && valid ? carrier : null;
  }

  /** Records each event once (per carrier event id); each event is its own transaction. */
  async record(carrier: Carrier, events: CarrierEvent[]): Promise<{ eventId: string; outcome: EventOutcome }[]> {
    const out: { eventId: string; outcome: EventOutcome }[] = [];
    for (const event of events) out.push({ eventId: event.eventId, outcome: await this.recordOne(carrier, event) });
    return out;
  }

  private async recordOne(carrier: Carrier, event: CarrierEvent): Promise<EventOutcome> {
    // The tracking number → parcel mapping never changes, so it is read before the transaction.
    const parcel = await this.em
      .fork()
      .findOne(Shipment, { carrierId: carrier.id, trackingNumber: event.trackingNumber });
    if (!parcel) return 'UNKNOWN_SHIPMENT';
    return inTransaction(this.em, async (tx) => {
      // Every change to a supplier order's shipments holds its fulfilment row first (see
      // FulfilmentService); an after-sales parcel has no fulfilment and holds its own row.
      if (parcel.fulfilmentId !== null)
        await selectRows(tx, `SELECT id FROM fulfilment WHERE id = ?${forUpdate(tx)}`, [parcel.fulfilmentId]);
      else await selectRows(tx, `SELECT id FROM shipment WHERE id = ?${forUpdate(tx)}`, [parcel.id]);
      const platform = tx.getPlatform();
      const inserted = await insertIgnoringDuplicates(
        tx,
        'tracking_event',
        [
          {
            shipment_id: parcel.id,
            carrier_id: carrier.id,
            carrier_event_id: event.eventId,
            status: event.status,
            location: event.location,
            description: event.description,
            occurred_at: platform.processDateProperty(event.occurredAt),
            received_at: platform.processDateProperty(new Date()),
          },
        ],
        ['carrier_id', 'carrier_event_id'],
      );
      if (inserted === 0) return 'DUPLICATE';
      const s = await tx.findOneOrFail(Shipment, parcel.id, { refresh: true });
      const next = nextShipmentState(s, event);
      if (!next) return 'RECORDED';
      s.status = next.status;
      s.progressRank = next.progressRank;
      s.statusAt = next.statusAt;
      if (next.status === ShipmentStatus.DELIVERED) s.deliveredAt = event.occurredAt;
      await tx.flush();
      if (next.status === ShipmentStatus.DELIVERED) await this.delivered(tx, s, event.occurredAt);
      return 'RECORDED';
    });
  }

  /**
   * What a delivered parcel leads to: an outbound one may complete its supplier order; an after-sales
   * one tells orders (the return is RECEIVED, or the exchange EXCHANGED).
   */
  private async delivered(tx: SqlEntityManager, s: Shipment, at: Date): Promise<void> {
    if (s.direction === ParcelDirection.OUTBOUND) return this.deliverIfComplete(tx, s.fulfilmentId!);
    enqueueEvent(
      tx,
      RETURN_PARCEL_DELIVERED,
      {
        returnRequestId: s.returnRequestId,
        replacement: s.direction === ParcelDirection.REPLACEMENT,
        at: at.toISOString(),
      },
      // Not `return-parcel-delivered:<id>` (the keys of the old return_parcel ids, which shipment ids reuse).
      `parcel-delivered:${s.id}`,
    );
    await tx.flush();
  }

  /** Every unit shipped and every shipment delivered: the supplier order is delivered (reported to orders for settlement). */
  private async deliverIfComplete(tx: SqlEntityManager, fulfilmentId: number): Promise<void> {
    const f = await tx.findOneOrFail(Fulfilment, fulfilmentId);
    if (f.status !== FulfilmentStatus.SHIPPED) return;
    const shipments = await tx.find(Shipment, { fulfilmentId });
    if (!shipments.every((s) => s.status === ShipmentStatus.DELIVERED)) return;
    const at = new Date(Math.max(...shipments.map((s) => s.deliveredAt?.getTime() ?? 0)));
    f.status = FulfilmentStatus.DELIVERED;
    f.deliveredAt = at;
    reportProgress(tx, f.supplierOrderId, FulfilmentStatus.DELIVERED, at);
    await tx.flush();
  }
}
