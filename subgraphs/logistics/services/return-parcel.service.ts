import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, type FieldProblem } from '../../../core/errors';
import { requireRole, type Principal } from '../../../core/identity';
import { enqueueEvent } from '../../../core/outbox';
import { forUpdate, inTransaction, insertIgnoringDuplicates, isUniqueViolation, selectRows } from '../../../core/sql';
import { visible } from '../../../core/tenancy';
import { Carrier } from '../entities/carrier';
import { ReturnParcel, ReturnParcelDirection } from '../entities/return-parcel';
import { Shipment, ShipmentStatus } from '../entities/shipment';
import { nextShipmentState, type CarrierEvent, type EventOutcome } from './tracking.service';

/** Outbox topic: a return parcel (or an exchange's replacement) was delivered; orders records it. */
export const RETURN_PARCEL_DELIVERED = 'logistics.return-parcel-delivered';

const TRACKING_NUMBER = /^[A-Za-z0-9-]{4,40}$/;

export interface ReturnParcelRequest {
  returnRequestId: string;
  direction: ReturnParcelDirection;
  supplierOrderId: string;
  bankId: string;
  customerId: string;
  supplierId: string;
  carrierCode: string;
  trackingNumber: string;
}

const id = (v: string, field: string, problems: FieldProblem[]): number => {
  const n = Number(v);
  if (!/^[1-9][0-9]{0,9}$/.test(v) || !Number.isSafeInteger(n)) problems.push({ field, message: 'must be an id' });
  return n;
};

/**
 * Return parcels: registered by orders when the customer (or, for an exchange, the supplier) gives a
 * carrier and tracking number, then tracked by the carriers' callbacks like any shipment.
 */
export class ReturnParcels {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal?: Principal,
  ) {}

  /**
   * Internal (orders): records the parcel. Idempotent on (return request, direction): the same
   * carrier and tracking number again returns the parcel; another is CONFLICT. A tracking number
   * already used by a shipment or another return parcel of that carrier is CONFLICT.
   */
  async register(req: ReturnParcelRequest): Promise<ReturnParcel> {
    requireRole(this.principal, 'SERVICE');
    const problems: FieldProblem[] = [];
    const returnRequestId = id(req.returnRequestId, 'returnRequestId', problems);
    const owners = {
      supplierOrderId: id(req.supplierOrderId, 'supplierOrderId', problems),
      bankId: id(req.bankId, 'bankId', problems),
      customerId: id(req.customerId, 'customerId', problems),
      supplierId: id(req.supplierId, 'supplierId', problems),
    };
    const trackingNumber = req.trackingNumber.trim();
    if (!TRACKING_NUMBER.test(trackingNumber))
      problems.push({ field: 'trackingNumber', message: 'must be 4–40 letters, digits or dashes' });
    if (problems.length)
      throw badInput(`The parcel was not recorded: ${problems[0]!.field} ${problems[0]!.message}.`, problems);
    const carrier = await this.em.fork().findOne(Carrier, { code: req.carrierCode.trim().toUpperCase() });
    if (!carrier)
      throw badInput(`Unknown carrier "${req.carrierCode}"; see the carriers query.`, [
        { field: 'carrierCode', message: 'unknown carrier' },
      ]);
    if (!carrier.active)
      throw badInput(`Carrier ${carrier.code} is not taking new parcels; pick another from the carriers query.`, [
        { field: 'carrierCode', message: 'carrier not active' },
      ]);
    const em = this.em.fork();
    const same = async (): Promise<ReturnParcel | null> => {
      const mine = await em.findOne(ReturnParcel, { returnRequestId, direction: req.direction }, { refresh: true });
      if (!mine) return null;
      if (mine.carrierId === carrier.id && mine.trackingNumber === trackingNumber) return mine;
      throw conflict(
        `This return already has a ${req.direction === ReturnParcelDirection.RETURN ? 'return parcel' : 'replacement'} (${mine.trackingNumber}).`,
      );
    };
    const existing = await same();
    if (existing) return existing;
    if (await em.findOne(Shipment, { carrierId: carrier.id, trackingNumber }))
      throw conflict(`${carrier.code} tracking number ${trackingNumber} already belongs to another parcel.`);
    try {
      const parcel = em.create(ReturnParcel, {
        returnRequestId,
        direction: req.direction,
        ...owners,
        carrierId: carrier.id,
        trackingNumber,
        status: ShipmentStatus.LABEL_CREATED,
        progressRank: 0,
        statusAt: new Date(),
        createdAt: new Date(),
      });
      await em.flush();
      return parcel;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      em.clear();
      const again = await same();
      if (again) return again;
      throw conflict(`${carrier.code} tracking number ${trackingNumber} already belongs to another parcel.`);
    }
  }

  /** The parcels of these return requests the caller may see (customer, bank, supplier: their own). */
  async ofReturns(returnRequestIds: number[]): Promise<ReturnParcel[]> {
    if (!this.principal || returnRequestIds.length === 0) return [];
    const rows = await this.em.find(
      ReturnParcel,
      { returnRequestId: { $in: returnRequestIds } },
      { orderBy: { id: 'ASC' } },
    );
    return visible(this.principal, rows);
  }

  /**
   * A carrier event for a tracking number no shipment has: recorded on the return parcel with that
   * number (once per carrier event id), its status moved by the shipment rules; DELIVERED tells orders.
   */
  async recordEvent(carrier: Carrier, event: CarrierEvent): Promise<EventOutcome> {
    const parcel = await this.em
      .fork()
      .findOne(ReturnParcel, { carrierId: carrier.id, trackingNumber: event.trackingNumber });
    if (!parcel) return 'UNKNOWN_SHIPMENT';
    return inTransaction(this.em, async (tx) => {
      await selectRows(tx, `SELECT id FROM return_parcel WHERE id = ?${forUpdate(tx)}`, [parcel.id]);
      const platform = tx.getPlatform();
      const inserted = await insertIgnoringDuplicates(
        tx,
        'return_parcel_event',
        [
          {
            return_parcel_id: parcel.id,
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
      const p = await tx.findOneOrFail(ReturnParcel, parcel.id, { refresh: true });
      const next = nextShipmentState(p, event);
      if (!next) return 'RECORDED';
      p.status = next.status;
      p.progressRank = next.progressRank;
      p.statusAt = next.statusAt;
      if (next.status === ShipmentStatus.DELIVERED) {
        p.deliveredAt = event.occurredAt;
        enqueueEvent(
          tx,
          RETURN_PARCEL_DELIVERED,
          {
            returnRequestId: p.returnRequestId,
            replacement: p.direction === ReturnParcelDirection.REPLACEMENT,
            at: event.occurredAt.toISOString(),
          },
          `return-parcel-delivered:${p.id}`,
        );
      }
      await tx.flush();
      return 'RECORDED';
    });
  }
}
