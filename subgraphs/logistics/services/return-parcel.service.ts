import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, type FieldProblem } from '../../../core/errors';
import { requireRole, type Principal } from '../../../core/identity';
import { isUniqueViolation } from '../../../core/sql';
import { visible } from '../../../core/tenancy';
import { Carrier } from '../entities/carrier';
import { PARCEL_DIRECTION, ReturnParcel, ReturnParcelDirection } from '../entities/return-parcel';
import { Shipment, ShipmentStatus } from '../entities/shipment';

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
 * carrier and tracking number. They are `shipment` rows with a RETURN or REPLACEMENT direction, so
 * the carriers' callbacks track them like any shipment (`CarrierCallbacks`).
 */
export class ReturnParcels {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal?: Principal,
  ) {}

  /**
   * Internal (orders): records the parcel. Idempotent on (return request, direction): the same
   * carrier and tracking number again returns the parcel; another is CONFLICT. A tracking number
   * already used by another parcel of that carrier is CONFLICT.
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
    const direction = PARCEL_DIRECTION[req.direction];
    const same = async (): Promise<ReturnParcel | null> => {
      const mine = await em.findOne(Shipment, { returnRequestId, direction }, { refresh: true });
      if (!mine) return null;
      if (mine.carrierId === carrier.id && mine.trackingNumber === trackingNumber) return ReturnParcel.of(mine);
      throw conflict(
        `This return already has a ${req.direction === ReturnParcelDirection.RETURN ? 'return parcel' : 'replacement'} (${mine.trackingNumber}).`,
      );
    };
    const existing = await same();
    if (existing) return existing;
    if (await em.findOne(Shipment, { carrierId: carrier.id, trackingNumber }))
      throw conflict(`${carrier.code} tracking number ${trackingNumber} already belongs to another parcel.`);
    try {
      const now = new Date();
      const parcel = em.create(Shipment, {
        direction,
        returnRequestId,
        fulfilmentId: null,
        ...owners,
        carrierId: carrier.id,
        trackingNumber,
        status: ShipmentStatus.LABEL_CREATED,
        progressRank: 0,
        statusAt: now,
        shippedAt: now,
        deliveredAt: null,
      });
      await em.flush();
      return ReturnParcel.of(parcel);
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
      Shipment,
      { returnRequestId: { $in: returnRequestIds } },
      { orderBy: { id: 'ASC' } },
    );
    return visible(this.principal, rows).map((s) => ReturnParcel.of(s));
  }
}
