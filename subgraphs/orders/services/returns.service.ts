import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../../../core/errors';
import {
  BANK_ROLES,
  bankScopeOf,
  isBankStaff,
  isCustomer,
  isSupplier,
  isUnscoped,
  requireRole,
  requireRoleAndPermission,
  supplierScopeOf,
  SUPPLIER_ROLES_OR_PLATFORM,
  type Principal,
  type StaffPermissions,
} from '../../../core/identity';
import { currentAudit } from '../../../core/audit';
import { intFromEnv } from '../../../core/config';
import type { Logger } from '../../../core/logger';
import {
  decodeCursor,
  keysetAfter,
  orderByOf,
  pageSize,
  toConnection,
  type Connection,
  type SortKey,
} from '../../../core/pagination';
import { affectedRows, forUpdate, inTransaction, selectRows } from '../../../core/sql';
import { assertVisible } from '../../../core/tenancy';
import { LineKind, OrderLine } from '../entities/order-line';
import { Order } from '../entities/order';
import { ActedBy, Refund, RefundCause, RefundState } from '../entities/refund';
import { ReturnKind, ReturnRequest, ReturnStatus, type ReturnLineQuantity } from '../entities/return-request';
import { SupplierOrder, SupplierOrderStatus } from '../entities/supplier-order';
import { AFTERSALES, ON_BEHALF } from './access';
import { AfterSalesService } from './aftersales.service';
import type { SagaPorts } from './ports';

/**
 * Where a return may go from each status (the only code that writes `return_request.status` is
 * `moveReturn`, one conditional UPDATE per move, so two racing callers never both move a return).
 */
export const RETURN_MOVES: Readonly<Record<ReturnStatus, readonly ReturnStatus[]>> = {
  // The supplier (or the bank's customer service) authorises or refuses.
  // Until the supplier has the goods, the customer (or customer service for them) may withdraw.
  [ReturnStatus.REQUESTED]: [ReturnStatus.AUTHORISED, ReturnStatus.REFUSED, ReturnStatus.WITHDRAWN],
  // The customer hands the parcel to a carrier and gives its tracking number.
  [ReturnStatus.AUTHORISED]: [ReturnStatus.IN_TRANSIT, ReturnStatus.WITHDRAWN],
  // The carrier reports it delivered back to the supplier.
  [ReturnStatus.IN_TRANSIT]: [ReturnStatus.RECEIVED, ReturnStatus.WITHDRAWN],
  // Inspection: a refund is booked (REFUNDED), the goods are rejected, or an exchange is accepted.
  [ReturnStatus.RECEIVED]: [ReturnStatus.REFUNDED, ReturnStatus.REJECTED, ReturnStatus.ACCEPTED],
  // An accepted exchange: the supplier ships the replacement, the carrier delivers it — or, when it
  // cannot (no stock left), refunds the returned units instead.
  [ReturnStatus.ACCEPTED]: [ReturnStatus.REPLACEMENT_SHIPPED, ReturnStatus.REFUNDED],
  [ReturnStatus.REPLACEMENT_SHIPPED]: [ReturnStatus.EXCHANGED],
  [ReturnStatus.REFUSED]: [],
  [ReturnStatus.REFUNDED]: [],
  [ReturnStatus.REJECTED]: [],
  [ReturnStatus.EXCHANGED]: [],
  [ReturnStatus.WITHDRAWN]: [],
};

/** Before the supplier received the goods: the customer may still withdraw the return. */
const WITHDRAWABLE = [ReturnStatus.REQUESTED, ReturnStatus.AUTHORISED, ReturnStatus.IN_TRANSIT];

/** Returns still under way: their units cannot be asked for again until they end. */
const OPEN_STATUSES = [
  ReturnStatus.REQUESTED,
  ReturnStatus.AUTHORISED,
  ReturnStatus.IN_TRANSIT,
  ReturnStatus.RECEIVED,
  ReturnStatus.ACCEPTED,
  ReturnStatus.REPLACEMENT_SHIPPED,
];

/** Shipping an exchange's replacement is shipping work, as in logistics. */
const SHIPPING: StaffPermissions = { supplier: 'SHIP_ORDERS', platform: 'MANAGE_SUPPLIERS' };

export const MAX_RETURN_LINES = 50;
export const MAX_PHOTOS = 5;
const MAX_URL = 500;
const CARRIER_CODE = /^[A-Za-z0-9_-]{1,32}$/;
const DAY_MS = 86_400_000;
const NEWEST_FIRST: SortKey[] = [{ field: 'id', direction: 'DESC' }];

/**
 * One status move: `UPDATE return_request SET status = ?, … WHERE id = ? AND status IN (<from>)`.
 * Returns whether this call moved the row. Asking for a move the table lacks throws (a caller's bug).
 */
export async function moveReturn(
  em: SqlEntityManager,
  id: number,
  to: ReturnStatus,
  from: readonly ReturnStatus[],
  set: Record<string, unknown> = {},
): Promise<boolean> {
  for (const f of from)
    if (!RETURN_MOVES[f].includes(to)) throw new Error(`Return move ${f} → ${to} is not in RETURN_MOVES`);
  const cols = Object.keys(set);
  const moved = await affectedRows(
    em,
    `UPDATE return_request SET status = ?${cols.map((c) => `, ${c} = ?`).join('')} WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})`,
    [to, ...cols.map((c) => set[c]), id, ...from],
  );
  return moved === 1;
}

/**
 * Days after shipment at which receipt counts as confirmed when the carrier never reported the
 * delivery (the marketplace rule of automatic receipt confirmation, e.g. Taobao's 10 days for an
 * express parcel), so a return window cannot stay open for ever. PERKMALL_AUTO_RECEIPT_DAYS overrides.
 */
export function autoReceiptDays(): number {
  return Math.min(intFromEnv('PERKMALL_AUTO_RECEIPT_DAYS', 10), 60);
}

/** When the return window starts: delivery, or else shipment plus the automatic receipt; null: not yet shipped. */
export function receivedAt(so: { deliveredAt?: Date | null; shippedAt?: Date | null }): Date | null {
  if (so.deliveredAt) return so.deliveredAt;
  return so.shippedAt ? new Date(so.shippedAt.getTime() + autoReceiptDays() * DAY_MS) : null;
}

export interface ReturnFilter {
  status?: ReturnStatus | null;
  supplierOrderId?: number | null;
}

/** Checks photo URLs: https, with a host, no credentials, at most MAX_URL characters each, at most MAX_PHOTOS. */
export function checkPhotoUrls(urls: readonly string[]): string[] {
  const problems: FieldProblem[] = [];
  if (urls.length > MAX_PHOTOS) problems.push({ field: 'photoUrls', message: `at most ${MAX_PHOTOS}` });
  const out = urls.slice(0, MAX_PHOTOS).map((raw, index) => {
    const u = raw.trim();
    let ok = u.length > 0 && u.length <= MAX_URL;
    if (ok) {
      try {
        const parsed = new URL(u);
        ok = parsed.protocol === 'https:' && parsed.hostname.length > 0 && !parsed.username && !parsed.password;
      } catch {
        ok = false;
      }
    }
    if (!ok)
      problems.push({ index, field: 'photoUrls', message: `must be an https URL of at most ${MAX_URL} characters` });
    return u;
  });
  if (problems.length)
    throw badInput(
      `Photos not valid: ${problems.map((p) => `${p.index !== undefined ? `photo ${p.index} ` : ''}${p.message}`).join('; ')}.`,
      problems,
    );
  return out;
}

/** What orders asks logistics about return parcels (implemented over HTTP in returns-client.ts). */
export interface ReturnParcelPort {
  registerReturnParcel(input: {
    returnRequestId: string;
    direction: 'RETURN' | 'REPLACEMENT';
    supplierOrderId: string;
    bankId: string;
    customerId: string;
    supplierId: string;
    carrierCode: string;
    trackingNumber: string;
  }): Promise<void>;
}

/** What orders asks catalog about an exchange's stock (implemented over HTTP in returns-client.ts). */
export interface ExchangeStockPort {
  /** replacement: take the replacement's units (CONFLICT when short); else put resellable returned units back. */
  moveExchangeStock(input: {
    returnRequestId: string;
    replacement: boolean;
    lines: { skuId: string; quantity: number }[];
  }): Promise<void>;
}

/**
 * Returns of delivered goods (return authorisations): the customer asks within the line's return
 * window; the supplier or the bank's customer service authorises or refuses; the customer ships the
 * parcel (tracked by logistics through the carriers' callbacks); the supplier inspects what arrived
 * and either accepts — a refund of exactly those units through the refunds book (points, cash,
 * discounts shared out, restock, settlement), or for an exchange a replacement it ships — or rejects
 * with photos and a reason.
 */
export class ReturnsService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    private readonly ports: SagaPorts,
    private readonly parcels: ReturnParcelPort,
    private readonly stock: ExchangeStockPort,
    private readonly log: Logger,
  ) {}

  private async visibleReturn(id: number): Promise<ReturnRequest> {
    const found = Number.isSafeInteger(id) ? await this.em.fork().findOne(ReturnRequest, id) : null;
    return assertVisible(this.principal, found, 'Return request', id);
  }

  private async fresh(id: number): Promise<ReturnRequest> {
    return this.em.fork().findOneOrFail(ReturnRequest, id);
  }

  /** The customer asks to return delivered units of one supplier order, for a refund or an exchange. */
  async request(
    supplierOrderId: number,
    wanted: ReturnLineQuantity[],
    kind: ReturnKind,
    reason: string | null | undefined,
    now = new Date(),
  ): Promise<ReturnRequest> {
    requireRole(this.principal, 'CUSTOMER');
    const why = (reason ?? '').trim();
    if (why.length > 500)
      throw badInput('The reason is at most 500 characters.', [{ field: 'reason', message: 'at most 500' }]);
    const so = Number.isSafeInteger(supplierOrderId)
      ? await this.em.fork().findOne(SupplierOrder, supplierOrderId)
      : null;
    const order = so ? await this.em.fork().findOne(Order, so.orderId) : null;
    // Only the customer's own order (through their bank): anyone else's is NOT_FOUND.
    if (!so || !order) throw notFound('Supplier order', supplierOrderId);
    assertVisible(this.principal, order, 'Supplier order', supplierOrderId);
    if (![SupplierOrderStatus.SHIPPED, SupplierOrderStatus.DELIVERED].includes(so.status))
      throw conflict(
        `Supplier order ${supplierOrderId} is ${so.status}: only goods that have arrived can be returned (before shipment, cancel the order instead).`,
      );
    const lines = await this.em.fork().find(OrderLine, { supplierOrderId });
    const problems: FieldProblem[] = [];
    const seen = new Set<number>();
    if (wanted.length === 0 || wanted.length > MAX_RETURN_LINES)
      problems.push({ field: 'lines', message: `name 1 to ${MAX_RETURN_LINES} lines` });
    wanted.forEach((w, index) => {
      const line = lines.find((l) => l.id === w.orderLineId);
      if (!line)
        problems.push({ index, field: 'orderLineId', message: `is not part of supplier order ${supplierOrderId}` });
      if (seen.has(w.orderLineId)) problems.push({ index, field: 'orderLineId', message: 'repeated' });
      seen.add(w.orderLineId);
      if (!Number.isSafeInteger(w.quantity) || w.quantity < 1)
        problems.push({ index, field: 'quantity', message: 'at least 1' });
    });
    if (problems.length)
      throw badInput(
        `Return not valid: ${problems.map((p) => `${p.index !== undefined ? `line ${p.index} ` : ''}${p.field} ${p.message}`).join('; ')}.`,
        problems,
      );
    // Return windows, as set on the line at checkout (its category's, or the platform default).
    for (const w of wanted) {
      const line = lines.find((l) => l.id === w.orderLineId)!;
      if (line.kind !== LineKind.PHYSICAL || line.returnDays <= 0)
        throw conflict(
          `"${line.title}" cannot be returned: ${line.kind === LineKind.PHYSICAL ? 'its category takes no returns' : 'card codes and other virtual goods are not returnable'}.`,
        );
      const received = receivedAt(so);
      if (received) {
        const deadline = new Date(received.getTime() + line.returnDays * DAY_MS);
        if (now.getTime() > deadline.getTime())
          throw conflict(
            `The return period of "${line.title}" (${line.returnDays} days after ${so.deliveredAt ? 'delivery' : `receipt, taken as confirmed ${autoReceiptDays()} days after shipment as no delivery was reported`}) ended at ${deadline.toISOString()}.`,
          );
      }
    }
    return inTransaction(this.em, async (tx) => {
      // One return request of a supplier order at a time, so units already being returned are current.
      await selectRows(tx, `SELECT id FROM supplier_order WHERE id = ?${forUpdate(tx)}`, [supplierOrderId]);
      const current = await tx.find(OrderLine, { supplierOrderId }, { refresh: true });
      const open = await tx.find(ReturnRequest, { supplierOrderId, status: { $in: OPEN_STATUSES } });
      const returning = (lineId: number) =>
        open.reduce(
          (n, r) => n + r.lines.filter((l) => l.orderLineId === lineId).reduce((a, l) => a + l.quantity, 0),
          0,
        );
      const tooMany: FieldProblem[] = [];
      wanted.forEach((w, index) => {
        const line = current.find((l) => l.id === w.orderLineId)!;
        const left = line.quantity - line.refundedQuantity - returning(line.id);
        if (w.quantity > left)
          tooMany.push({
            index,
            field: 'quantity',
            message: left > 0 ? `1 to ${left}` : 'no units left to return (refunded or already being returned)',
          });
      });
      if (tooMany.length)
        throw badInput(
          `Return not valid: ${tooMany.map((p) => `line ${p.index} quantity ${p.message}`).join('; ')}.`,
          tooMany,
        );
      const created = tx.create(ReturnRequest, {
        orderId: order.id,
        supplierOrderId,
        bankId: order.bankId,
        customerId: order.customerId,
        supplierId: so.supplierId,
        lines: wanted.map((w) => ({ orderLineId: w.orderLineId, quantity: w.quantity })),
        kind,
        reason: why,
        status: ReturnStatus.REQUESTED,
        createdAt: now,
      });
      await tx.flush();
      return created;
    });
  }

  /** The supplier (HANDLE_AFTERSALES) or the bank's customer service (SERVE_CUSTOMERS) authorises or refuses. */
  async decide(returnId: number, authorise: boolean, reason: string | null | undefined): Promise<ReturnRequest> {
    requireRoleAndPermission(
      this.principal,
      [...SUPPLIER_ROLES_OR_PLATFORM, ...BANK_ROLES],
      AFTERSALES,
      'Only the supplier, the bank or the platform decides a return',
    );
    const r = await this.visibleReturn(returnId);
    const why = (reason ?? '').trim();
    if (!authorise && (why.length < 4 || why.length > 500))
      throw badInput('Say why the return is refused (4–500 characters); the customer is told.', [
        { field: 'reason', message: 'length 4–500' },
      ]);
    const to = authorise ? ReturnStatus.AUTHORISED : ReturnStatus.REFUSED;
    const now = new Date();
    const moved = await moveReturn(this.em.fork(), r.id, to, [ReturnStatus.REQUESTED], {
      decided_at: now,
      decided_by: this.principal.sub,
      ...(authorise ? {} : { refusal_reason: why, completed_at: now }),
    });
    const after = await this.fresh(r.id);
    if (!moved && after.status !== to) throw conflict(`Return ${returnId} is ${after.status}; it was already decided.`);
    return after;
  }

  /**
   * The customer withdraws the return (changed their mind, found the fault was theirs), or its bank's
   * customer service (SERVE_CUSTOMERS) does for them — recorded as such on the return and in the
   * audit trail. Only before the supplier received the goods: a parcel already under way still
   * arrives (its delivery then changes nothing; the supplier sends it back as it sees fit). Its
   * units can be asked for again while the window lasts. Withdrawing again is a no-op.
   */
  async withdraw(returnId: number): Promise<ReturnRequest> {
    requireRoleAndPermission(
      this.principal,
      ['CUSTOMER', ...BANK_ROLES],
      ON_BEHALF,
      "Only the customer, or its bank's customer service (SERVE_CUSTOMERS), withdraws a return",
    );
    const r = await this.visibleReturn(returnId);
    const by = isCustomer(this.principal) ? ActedBy.CUSTOMER : ActedBy.CUSTOMER_SERVICE;
    if (by === ActedBy.CUSTOMER_SERVICE) currentAudit()?.actFor(r.customerId);
    if (r.status === ReturnStatus.WITHDRAWN) return r;
    const moved = await moveReturn(this.em.fork(), r.id, ReturnStatus.WITHDRAWN, WITHDRAWABLE, {
      withdrawn_by: by,
      completed_at: new Date(),
    });
    const after = await this.fresh(r.id);
    if (!moved && after.status !== ReturnStatus.WITHDRAWN)
      throw conflict(
        `Return ${returnId} is ${after.status}: ${
          [ReturnStatus.REFUSED, ReturnStatus.WITHDRAWN].includes(after.status)
            ? 'it has already ended'
            : 'the supplier already has the goods, so it can no longer be withdrawn'
        }.`,
      );
    return after;
  }

  /** The customer gives the return parcel's carrier and tracking number; logistics tracks it from then on. */
  async submitParcel(returnId: number, carrierCode: string, trackingNumber: string): Promise<ReturnRequest> {
    requireRole(this.principal, 'CUSTOMER');
    const r = await this.visibleReturn(returnId);
    const code = carrierCode.trim().toUpperCase();
    const tracking = trackingNumber.trim();
    if (!CARRIER_CODE.test(code))
      throw badInput('carrierCode is a carrier code such as "SF"; see the carriers query.', [
        { field: 'carrierCode', message: 'unknown carrier' },
      ]);
    if (r.status === ReturnStatus.IN_TRANSIT && r.returnCarrierCode === code && r.returnTrackingNumber === tracking)
      return r;
    if (r.status !== ReturnStatus.AUTHORISED)
      throw conflict(
        r.status === ReturnStatus.REQUESTED
          ? `Return ${returnId} has not been authorised yet: wait for the supplier before sending the goods.`
          : `Return ${returnId} is ${r.status}; its parcel was already given.`,
      );
    await this.parcels.registerReturnParcel({
      returnRequestId: String(r.id),
      direction: 'RETURN',
      supplierOrderId: String(r.supplierOrderId),
      bankId: String(r.bankId),
      customerId: String(r.customerId),
      supplierId: String(r.supplierId),
      carrierCode: code,
      trackingNumber: tracking,
    });
    const moved = await moveReturn(this.em.fork(), r.id, ReturnStatus.IN_TRANSIT, [ReturnStatus.AUTHORISED], {
      return_carrier_code: code,
      return_tracking_number: tracking,
    });
    const after = await this.fresh(r.id);
    if (!moved && after.returnTrackingNumber !== tracking)
      throw conflict(`Return ${returnId} is ${after.status}; its parcel was already given.`);
    return after;
  }

  /** Logistics (SERVICE): the return parcel reached the supplier, or an exchange's replacement reached the customer. */
  async recordParcelDelivered(returnId: number, replacement: boolean, at: Date): Promise<ReturnRequest> {
    requireRole(this.principal, 'SERVICE');
    const r = await this.em.fork().findOne(ReturnRequest, returnId);
    if (!r) throw notFound('Return request', returnId);
    if (replacement) {
      await moveReturn(this.em.fork(), r.id, ReturnStatus.EXCHANGED, [ReturnStatus.REPLACEMENT_SHIPPED], {
        completed_at: at,
      });
    } else {
      await moveReturn(this.em.fork(), r.id, ReturnStatus.RECEIVED, [ReturnStatus.IN_TRANSIT], { received_at: at });
    }
    const after = await this.fresh(r.id);
    const reached = replacement
      ? after.status === ReturnStatus.EXCHANGED
      : ![ReturnStatus.REQUESTED, ReturnStatus.AUTHORISED, ReturnStatus.IN_TRANSIT].includes(after.status);
    // Not where this news leads (a parcel delivered before orders recorded it): the relay retries later.
    if (!reached) throw conflict(`Return ${returnId} is ${after.status}; the delivery cannot be recorded yet.`);
    return after;
  }

  /**
   * The supplier inspects the goods that came back. Accepted: a refund of exactly those units
   * (through the refunds book: points, cash, discounts shared out, settlement, restock when asked),
   * or for an exchange, ACCEPTED until the replacement ships. Rejected: photos and a reason, nothing refunded.
   */
  async inspect(
    returnId: number,
    accept: boolean,
    reason: string | null | undefined,
    photoUrls: readonly string[],
    restock: boolean,
    resellable = false,
  ): Promise<ReturnRequest> {
    requireRoleAndPermission(
      this.principal,
      SUPPLIER_ROLES_OR_PLATFORM,
      AFTERSALES,
      'Only the supplier (or the platform) inspects returned goods',
    );
    const r = await this.visibleReturn(returnId);
    const why = (reason ?? '').trim();
    const photos = checkPhotoUrls(photoUrls);
    const now = new Date();
    const inspected = { inspected_at: now, inspected_by: this.principal.sub };
    if (!accept) {
      if (why.length < 4 || why.length > 500)
        throw badInput('Say why the goods are rejected (4–500 characters); the customer is told.', [
          { field: 'reason', message: 'length 4–500' },
        ]);
      if (photos.length === 0)
        throw badInput(`Add 1 to ${MAX_PHOTOS} photos of the goods as received (https URLs).`, [
          { field: 'photoUrls', message: `1 to ${MAX_PHOTOS}` },
        ]);
      const moved = await moveReturn(this.em.fork(), r.id, ReturnStatus.REJECTED, [ReturnStatus.RECEIVED], {
        ...inspected,
        rejection_reason: why,
        photo_urls: JSON.stringify(photos),
        completed_at: now,
      });
      const after = await this.fresh(r.id);
      if (!moved && after.status !== ReturnStatus.REJECTED) throw this.notInspectable(after);
      return after;
    }
    if (why.length > 500)
      throw badInput('A note is at most 500 characters.', [{ field: 'reason', message: 'at most 500' }]);
    if (r.kind === ReturnKind.EXCHANGE) {
      // Resellable returned units go back on sale first (idempotent on the return), then the move;
      // only while RECEIVED, so a retry after the move never puts them back on another say-so.
      if (resellable && r.status === ReturnStatus.RECEIVED)
        await this.stock.moveExchangeStock({
          returnRequestId: String(r.id),
          replacement: false,
          lines: await this.skuUnits(r),
        });
      const moved = await moveReturn(this.em.fork(), r.id, ReturnStatus.ACCEPTED, [ReturnStatus.RECEIVED], {
        ...inspected,
        photo_urls: JSON.stringify(photos),
      });
      const after = await this.fresh(r.id);
      if (!moved && after.status !== ReturnStatus.ACCEPTED) throw this.notInspectable(after);
      return after;
    }
    return this.refundReturned(r.id, ReturnStatus.RECEIVED, restock, (locked) => this.notInspectable(locked), {
      ...inspected,
      photo_urls: JSON.stringify(photos),
    });
  }

  /**
   * An accepted exchange whose replacement the supplier cannot ship (out of stock, discontinued):
   * the returned units are refunded instead, exactly as an accepted refund return would be. Nothing
   * goes back into stock here: resellable units went back when the goods were inspected.
   */
  async refundExchangeInstead(returnId: number, reason: string | null | undefined): Promise<ReturnRequest> {
    requireRoleAndPermission(
      this.principal,
      SUPPLIER_ROLES_OR_PLATFORM,
      AFTERSALES,
      'Only the supplier (or the platform) refunds an exchange instead',
    );
    const r = await this.visibleReturn(returnId);
    const why = (reason ?? '').trim();
    if (why.length > 500)
      throw badInput('A note is at most 500 characters.', [{ field: 'reason', message: 'at most 500' }]);
    if (r.kind !== ReturnKind.EXCHANGE)
      throw conflict(`Return ${returnId} is already for a refund; inspect it to refund the customer.`);
    const notAccepted = (locked: ReturnRequest) =>
      conflict(
        [ReturnStatus.REPLACEMENT_SHIPPED, ReturnStatus.EXCHANGED].includes(locked.status)
          ? `Return ${returnId}'s replacement has shipped; it can no longer be refunded instead.`
          : `Return ${returnId} is ${locked.status}; an exchange is refunded instead only once its goods are accepted on inspection.`,
      );
    return this.refundReturned(r.id, ReturnStatus.ACCEPTED, false, notAccepted, {}, why);
  }

  /**
   * Books the refund of a return's units and moves the return to REFUNDED in one transaction, then
   * executes the refund through the refunds book. A retry (or a failure between the two) finds the
   * refund still REQUESTED and executes it.
   */
  private async refundReturned(
    returnId: number,
    from: ReturnStatus,
    restock: boolean,
    refuse: (r: ReturnRequest) => Error,
    columns: Record<string, unknown>,
    note = '',
  ): Promise<ReturnRequest> {
    const now = new Date();
    const refundId = await inTransaction(this.em, async (tx) => {
      await selectRows(tx, `SELECT id FROM return_request WHERE id = ?${forUpdate(tx)}`, [returnId]);
      const locked = await tx.findOneOrFail(ReturnRequest, returnId, { refresh: true });
      if (locked.status === ReturnStatus.REFUNDED && locked.refundId != null) return locked.refundId;
      if (locked.status !== from) throw refuse(locked);
      const order = await tx.findOneOrFail(Order, locked.orderId);
      const why =
        from === ReturnStatus.ACCEPTED
          ? `exchange refunded instead${note ? `: ${note}` : ''}`
          : locked.reason || 'returned within the return period';
      const refund = tx.create(Refund, {
        orderId: order.id,
        supplierOrderId: locked.supplierOrderId,
        bankId: order.bankId,
        supplierId: locked.supplierId,
        lines: locked.lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity })),
        reason: `Return ${locked.id}: ${why}`.slice(0, 500),
        restock,
        cause: RefundCause.RETURN,
        state: RefundState.REQUESTED,
        pointsRefunded: 0,
        cashRefundFen: 0,
        pointsValueFen: 0,
        remoteSettled: false,
        createdAt: now,
      });
      await tx.flush();
      await moveReturn(tx, returnId, ReturnStatus.REFUNDED, [from], {
        ...columns,
        refund_id: refund.id,
        completed_at: now,
      });
      return refund.id;
    });
    const refund = await this.em.fork().findOneOrFail(Refund, refundId);
    if (refund.state === RefundState.REQUESTED)
      await new AfterSalesService(this.em, this.principal, this.ports, this.log).decideRefund(
        refundId,
        true,
        refund.restock,
      );
    return this.fresh(returnId);
  }

  /** An accepted exchange: the supplier ships the replacement (carrier + tracking number); nothing is refunded. */
  async shipReplacement(returnId: number, carrierCode: string, trackingNumber: string): Promise<ReturnRequest> {
    requireRoleAndPermission(
      this.principal,
      SUPPLIER_ROLES_OR_PLATFORM,
      SHIPPING,
      "Only the supplier's staff (or the platform) ship replacements",
    );
    const r = await this.visibleReturn(returnId);
    const code = carrierCode.trim().toUpperCase();
    const tracking = trackingNumber.trim();
    if (!CARRIER_CODE.test(code))
      throw badInput('carrierCode is a carrier code such as "SF"; see the carriers query.', [
        { field: 'carrierCode', message: 'unknown carrier' },
      ]);
    if (
      r.status !== ReturnStatus.ACCEPTED &&
      !(r.replacementCarrierCode === code && r.replacementTrackingNumber === tracking)
    )
      throw conflict(
        r.kind === ReturnKind.REFUND
          ? `Return ${returnId} is for a refund; there is no replacement to ship.`
          : `Return ${returnId} is ${r.status}; a replacement ships once the returned goods are accepted on inspection.`,
      );
    if (r.status !== ReturnStatus.ACCEPTED) return r;
    // The replacement's units leave stock before the parcel is registered: once per return (a retry,
    // even with another tracking number, takes nothing more); short stock is CONFLICT, nothing shipped.
    await this.stock.moveExchangeStock({
      returnRequestId: String(r.id),
      replacement: true,
      lines: await this.skuUnits(r),
    });
    await this.parcels.registerReturnParcel({
      returnRequestId: String(r.id),
      direction: 'REPLACEMENT',
      supplierOrderId: String(r.supplierOrderId),
      bankId: String(r.bankId),
      customerId: String(r.customerId),
      supplierId: String(r.supplierId),
      carrierCode: code,
      trackingNumber: tracking,
    });
    const moved = await moveReturn(this.em.fork(), r.id, ReturnStatus.REPLACEMENT_SHIPPED, [ReturnStatus.ACCEPTED], {
      replacement_carrier_code: code,
      replacement_tracking_number: tracking,
    });
    const after = await this.fresh(r.id);
    if (!moved && after.replacementTrackingNumber !== tracking)
      throw conflict(`Return ${returnId} is ${after.status}; its replacement was already shipped.`);
    return after;
  }

  /** The return's units by SKU (the same SKU as the lines returned: an exchange is like for like). */
  private async skuUnits(r: ReturnRequest): Promise<{ skuId: string; quantity: number }[]> {
    const lines = await this.em.fork().find(OrderLine, { id: { $in: r.lines.map((l) => l.orderLineId) } });
    const bySku = new Map<number, number>();
    for (const l of r.lines) {
      const sku = lines.find((x) => x.id === l.orderLineId)!.skuId;
      bySku.set(sku, (bySku.get(sku) ?? 0) + l.quantity);
    }
    return [...bySku].map(([skuId, quantity]) => ({ skuId: String(skuId), quantity }));
  }

  private notInspectable(r: ReturnRequest): Error {
    return conflict(
      [ReturnStatus.REQUESTED, ReturnStatus.AUTHORISED, ReturnStatus.IN_TRANSIT].includes(r.status)
        ? `Return ${r.id} is ${r.status}: the goods have not arrived yet, so they cannot be inspected.`
        : `Return ${r.id} is ${r.status}; it was already inspected.`,
    );
  }

  async get(returnId: number): Promise<ReturnRequest> {
    return this.visibleReturn(returnId);
  }

  /** Returns the caller may see, newest first: a customer its own, bank staff their bank's, a supplier its own. */
  async list(filter: ReturnFilter, first?: number | null, after?: string | null): Promise<Connection<ReturnRequest>> {
    const p = this.principal;
    const where: FilterQuery<ReturnRequest>[] = [];
    if (isCustomer(p)) where.push({ customerId: Number(p.customerId), bankId: Number(p.bankId) });
    else if (isBankStaff(p)) where.push({ bankId: Number(bankScopeOf(p)) });
    else if (isSupplier(p)) where.push({ supplierId: Number(supplierScopeOf(p)) });
    else if (!isUnscoped(p)) throw forbidden('Only customers, bank staff, suppliers and the platform list returns.');
    if (filter.status) where.push({ status: filter.status });
    if (filter.supplierOrderId != null) where.push({ supplierOrderId: filter.supplierOrderId });
    const limit = pageSize(first);
    if (after) where.push(keysetAfter(NEWEST_FIRST, decodeCursor(after, 1)) as FilterQuery<ReturnRequest>);
    const rows = await this.em.find(
      ReturnRequest,
      { $and: where.length ? where : [{}] },
      {
        orderBy: orderByOf(NEWEST_FIRST) as never,
        limit: limit + 1,
      },
    );
    return toConnection(rows, limit, (r) => [r.id], Boolean(after));
  }
}
