import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, type FieldProblem } from '../../../core/errors';
import {
  requireRole,
  requireRoleAndPermission,
  SUPPLIER_ROLES_OR_PLATFORM,
  type Principal,
  type StaffPermissions,
} from '../../../core/identity';
import { numericIds } from '../../../core/loaders';
import { assertVisible } from '../../../core/tenancy';
import { affectedRows, forUpdate, inTransaction, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import { Carrier } from '../entities/carrier';
import {
  FULFILMENT_RANK,
  Fulfilment,
  FulfilmentLine,
  FulfilmentStatus,
  FulfilmentWithdrawal,
} from '../entities/fulfilment';
import { enqueueEvent } from '../../../core/outbox';
import { ParcelDirection, Shipment, ShipmentLine, ShipmentStatus } from '../entities/shipment';
import { reportProgress } from './progress';
import { UNITS_WITHDRAWN } from '../events';

/** What orders sends when an order with physical goods is paid (`orders.order-paid`). */
export interface PaidOrder {
  orderId: string | number;
  bankId: string | number;
  customerId: string | number;
  supplierOrders: {
    supplierOrderId: string | number;
    supplierId: string | number;
    /** When it was placed (orders' createdAt); absent: now. */
    placedAt?: string | Date | null;
    /** Goods only; a card line (`kind: VIRTUAL`) is delivered as a code, never packed, and is skipped. */
    lines: {
      orderLineId: string | number;
      skuId: string | number;
      quantity: number;
      title: string;
      kind?: string | null;
    }[];
  }[];
}

/** What orders sends when a customer cancels a paid order before shipment. */
export interface CancelRequest {
  orderId: string | number;
  bankId: string | number;
  customerId: string | number;
  supplierOrders: { supplierOrderId: string | number; supplierId: string | number }[];
}

export interface ShipRequest {
  supplierOrderId: string;
  carrierCode: string;
  trackingNumber: string;
  /** Omitted: every unit not yet shipped. */
  lines?: { orderLineId: string; quantity: number }[] | null;
}

export interface ShipOutcome {
  shipment: Shipment;
  fulfilment: Fulfilment;
  /** False when this was a retry that found the shipment already recorded. */
  created: boolean;
}

/** What orders sends to withdraw unshipped units (a supplier's cancellation or a customer's withdrawal). */
export interface WithdrawRequest {
  orderId: string | number;
  supplierOrderId: string | number;
  /** Orders' key for this withdrawal: a retry with it withdraws nothing more and returns the same units. */
  withdrawalKey: string;
  /** Omitted: every unit not yet shipped. */
  lines?: { orderLineId: string | number; quantity: number }[] | null;
  /** Carried to orders with the event, so it can book the refund if its caller died: */
  cause: string;
  reason: string;
  restock: boolean;
  requestedBy: string;
  requester?: string | null;
}

export interface WithdrawOutcome {
  lines: { orderLineId: number; quantity: number }[];
  status: FulfilmentStatus;
}

/** Units of a line neither shipped nor withdrawn. */
export function unshippedOf(l: Pick<FulfilmentLine, 'quantity' | 'shippedQuantity' | 'withdrawnQuantity'>): number {
  return l.quantity - l.shippedQuantity - l.withdrawnQuantity;
}

const MAX_LINES = 200;
const MAX_UNITS = 100_000;
const TRACKING_NUMBER = /^[A-Za-z0-9-]{4,40}$/;
/** Who records a shipment: the supplier's staff, or the platform acting for them. */
const SHIPPERS = SUPPLIER_ROLES_OR_PLATFORM;
const SHIPPING: StaffPermissions = { supplier: 'SHIP_ORDERS', platform: 'MANAGE_SUPPLIERS' };

function positiveId(value: unknown, field: string, problems: FieldProblem[], index?: number): number {
  const id = numericIds([value as string])[0];
  if (!id) problems.push({ index, field, message: 'must be a positive integer id' });
  return id ?? 0;
}

/** The order, its owners and a sane number of supplier orders, as orders sends them. */
function parseOrderOwners(
  req: { orderId: unknown; bankId: unknown; customerId: unknown; supplierOrders: unknown[] },
  problems: FieldProblem[],
): { orderId: number; bankId: number; customerId: number } {
  const owners = {
    orderId: positiveId(req.orderId, 'orderId', problems),
    bankId: positiveId(req.bankId, 'bankId', problems),
    customerId: positiveId(req.customerId, 'customerId', problems),
  };
  if (!Array.isArray(req.supplierOrders) || req.supplierOrders.length === 0 || req.supplierOrders.length > MAX_LINES) {
    problems.push({ field: 'supplierOrders', message: `must list 1 to ${MAX_LINES} supplier orders` });
  }
  return owners;
}

function placedAtOf(v: string | Date | null | undefined, problems: FieldProblem[], index: number): Date | null {
  if (v == null) return null;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) {
    problems.push({ index, field: 'placedAt', message: 'not a time' });
    return null;
  }
  return d;
}

/**
 * Fulfilments and shipments. Every write to one supplier order's fulfilment first locks its
 * fulfilment row, so shipping and delivery reports for the same supplier order are serialised and
 * the "all shipped / all delivered" decisions are made on current data.
 */
export class FulfilmentService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /** Opens one fulfilment per supplier order of a paid order; idempotent on the supplier order id. */
  async open(order: PaidOrder): Promise<number> {
    requireRole(this.principal, 'SERVICE');
    const problems: FieldProblem[] = [];
    const { orderId, bankId, customerId } = parseOrderOwners(order, problems);
    const supplierOrders = (order.supplierOrders ?? []).map((so, index) => {
      const lines = (Array.isArray(so.lines) ? so.lines : []).filter((l) => l?.kind !== 'VIRTUAL');
      if (lines.length === 0 || lines.length > MAX_LINES)
        problems.push({ index, field: 'lines', message: `must list 1 to ${MAX_LINES} lines` });
      return {
        supplierOrderId: positiveId(so.supplierOrderId, 'supplierOrderId', problems, index),
        supplierId: positiveId(so.supplierId, 'supplierId', problems, index),
        placedAt: placedAtOf(so.placedAt, problems, index),
        lines: lines.map((l) => {
          if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_UNITS)
            problems.push({ index, field: 'lines.quantity', message: `must be 1–${MAX_UNITS}` });
          return {
            orderLineId: positiveId(l.orderLineId, 'lines.orderLineId', problems, index),
            skuId: positiveId(l.skuId, 'lines.skuId', problems, index),
            quantity: l.quantity,
            title: String(l.title ?? '').slice(0, 300),
          };
        }),
      };
    });
    if (problems.length) throw badInput(`Invalid paid order: ${problems[0]!.field} ${problems[0]!.message}.`, problems);

    return inTransaction(this.em, async (tx) => {
      const now = tx.getPlatform().processDateProperty(new Date());
      let opened = 0;
      for (const so of supplierOrders) {
        const inserted = await insertIgnoringDuplicates(
          tx,
          'fulfilment',
          [
            {
              supplier_order_id: so.supplierOrderId,
              order_id: orderId,
              bank_id: bankId,
              customer_id: customerId,
              supplier_id: so.supplierId,
              status: FulfilmentStatus.OPEN,
              opened_at: now,
              placed_at: so.placedAt ? tx.getPlatform().processDateProperty(so.placedAt) : now,
            },
          ],
          ['supplier_order_id'],
        );
        if (inserted === 0) continue; // opened before, lines and all (same transaction)
        opened += 1;
        const [row] = await selectRows<{ id: number }>(tx, 'SELECT id FROM fulfilment WHERE supplier_order_id = ?', [
          so.supplierOrderId,
        ]);
        await insertIgnoringDuplicates(
          tx,
          'fulfilment_line',
          so.lines.map((l) => ({
            fulfilment_id: Number(row!.id),
            order_line_id: l.orderLineId,
            sku_id: l.skuId,
            title: l.title,
            quantity: l.quantity,
            shipped_quantity: 0,
          })),
          ['order_line_id'],
        );
      }
      return opened;
    });
  }

  /**
   * Stops supplier orders from shipping: all of them or none. Logistics decides because it is where
   * shipping happens: under the fulfilment row lock, an OPEN fulfilment (nothing shipped) becomes
   * CANCELLED; one with any shipment is a CONFLICT. A supplier order whose fulfilment is not open
   * yet (the paid-order event is still on its way) gets a CANCELLED tombstone, so the late event
   * opens nothing. Each cancellation is reported to orders through the outbox (in this
   * transaction), so orders finishes the refund even if its own caller died meanwhile.
   * Idempotent: cancelling again changes nothing.
   */
  async cancel(req: CancelRequest): Promise<number> {
    requireRole(this.principal, 'SERVICE');
    const problems: FieldProblem[] = [];
    const { orderId, bankId, customerId } = parseOrderOwners(req, problems);
    const supplierOrders = (req.supplierOrders ?? []).map((so, index) => ({
      supplierOrderId: positiveId(so.supplierOrderId, 'supplierOrderId', problems, index),
      supplierId: positiveId(so.supplierId, 'supplierId', problems, index),
    }));
    if (problems.length)
      throw badInput(`Invalid cancellation: ${problems[0]!.field} ${problems[0]!.message}.`, problems);

    return inTransaction(this.em, async (tx) => {
      const now = new Date();
      let cancelled = 0;
      // Lock in supplier order id order, so two overlapping cancellations cannot deadlock.
      for (const so of [...supplierOrders].sort((a, b) => a.supplierOrderId - b.supplierOrderId)) {
        const tombstone = await insertIgnoringDuplicates(
          tx,
          'fulfilment',
          [
            {
              supplier_order_id: so.supplierOrderId,
              order_id: orderId,
              bank_id: bankId,
              customer_id: customerId,
              supplier_id: so.supplierId,
              status: FulfilmentStatus.CANCELLED,
              opened_at: tx.getPlatform().processDateProperty(now),
              cancelled_at: tx.getPlatform().processDateProperty(now),
            },
          ],
          ['supplier_order_id'],
        );
        if (tombstone === 1) {
          cancelled += 1;
          reportProgress(tx, so.supplierOrderId, FulfilmentStatus.CANCELLED, now);
          continue;
        }
        const [row] = await selectRows<{ id: number }>(
          tx,
          `SELECT id FROM fulfilment WHERE supplier_order_id = ?${forUpdate(tx)}`,
          [so.supplierOrderId],
        );
        const fulfilment = await tx.findOneOrFail(Fulfilment, Number(row!.id), { refresh: true });
        if (fulfilment.orderId !== orderId)
          throw conflict(`Supplier order ${so.supplierOrderId} does not belong to order ${orderId}.`);
        if (fulfilment.status === FulfilmentStatus.CANCELLED) continue;
        if (fulfilment.status !== FulfilmentStatus.OPEN) {
          throw conflict(
            `Supplier order ${so.supplierOrderId} has already shipped (${fulfilment.status}); ask for a refund instead. Nothing was cancelled.`,
          );
        }
        fulfilment.status = FulfilmentStatus.CANCELLED;
        fulfilment.cancelledAt = now;
        reportProgress(tx, so.supplierOrderId, FulfilmentStatus.CANCELLED, now);
        cancelled += 1;
      }
      await tx.flush();
      return cancelled;
    });
  }

  /**
   * Withdraws units that have not shipped (all of them when `lines` is omitted), so they can never
   * ship. Logistics decides, under the fulfilment row lock, what is still unshipped: more than that
   * is a CONFLICT and nothing changes. The withdrawal is reported to orders through the outbox (in
   * this transaction) so orders refunds exactly those units even if its caller died meanwhile.
   * With nothing left to ship the fulfilment ends: CANCELLED when nothing had shipped (orders closes
   * the supplier order when it books the refund), else SHIPPED — and DELIVERED when every parcel has
   * been delivered — reported as usual. Idempotent on `withdrawalKey`.
   */
  async withdraw(req: WithdrawRequest): Promise<WithdrawOutcome> {
    requireRole(this.principal, 'SERVICE');
    const problems: FieldProblem[] = [];
    const orderId = positiveId(req.orderId, 'orderId', problems);
    const supplierOrderId = positiveId(req.supplierOrderId, 'supplierOrderId', problems);
    const key = String(req.withdrawalKey ?? '').trim();
    if (!/^[A-Za-z0-9:_-]{8,64}$/.test(key))
      problems.push({ field: 'withdrawalKey', message: 'must be 8–64 letters, digits, colons, dashes or underscores' });
    const asked = req.lines ?? null;
    if (asked !== null) {
      if (asked.length === 0 || asked.length > MAX_LINES)
        problems.push({
          field: 'lines',
          message: `list 1 to ${MAX_LINES} lines, or omit it to withdraw every unit left`,
        });
      const seen = new Set<number>();
      asked.forEach((l, index) => {
        const id = positiveId(l.orderLineId, 'orderLineId', problems, index);
        if (seen.has(id)) problems.push({ index, field: 'orderLineId', message: 'appears twice; merge the lines' });
        seen.add(id);
        if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_UNITS)
          problems.push({ index, field: 'quantity', message: `must be 1–${MAX_UNITS}` });
      });
    }
    if (problems.length)
      throw badInput(`Nothing was withdrawn: ${problems[0]!.field} ${problems[0]!.message}.`, problems);

    return inTransaction(this.em, async (tx) => {
      const [locked] = await selectRows<{ id: number }>(
        tx,
        `SELECT id FROM fulfilment WHERE supplier_order_id = ?${forUpdate(tx)}`,
        [supplierOrderId],
      );
      if (!locked)
        throw conflict(
          `Supplier order ${supplierOrderId} is not ready to ship yet (its payment is still being passed on); try again in a moment.`,
        );
      const fulfilment = await tx.findOneOrFail(Fulfilment, Number(locked.id), { refresh: true });
      if (fulfilment.orderId !== orderId)
        throw conflict(`Supplier order ${supplierOrderId} does not belong to order ${orderId}.`);
      const before = await tx.findOne(FulfilmentWithdrawal, { withdrawalKey: key });
      if (before) {
        if (before.fulfilmentId !== fulfilment.id)
          throw conflict(`Withdrawal ${key} belongs to another supplier order.`);
        return { lines: before.lines, status: fulfilment.status };
      }
      if (fulfilment.status === FulfilmentStatus.CANCELLED)
        throw conflict(`Supplier order ${supplierOrderId} was cancelled; nothing is left to withdraw.`);
      const lines = await tx.find(
        FulfilmentLine,
        { fulfilmentId: fulfilment.id },
        { orderBy: { id: 'ASC' }, refresh: true },
      );
      let taken: { line: FulfilmentLine; quantity: number }[];
      if (asked === null) {
        taken = lines.filter((l) => unshippedOf(l) > 0).map((line) => ({ line, quantity: unshippedOf(line) }));
      } else {
        const conflicts: FieldProblem[] = [];
        taken = asked.map((w, index) => {
          const line = lines.find((l) => l.orderLineId === Number(w.orderLineId));
          if (!line)
            problems.push({
              index,
              field: 'orderLineId',
              message: `is not goods to ship of supplier order ${supplierOrderId}`,
            });
          else if (w.quantity > unshippedOf(line))
            conflicts.push({ index, field: 'quantity', message: `only ${unshippedOf(line)} unit(s) not yet shipped` });
          return { line: line!, quantity: w.quantity };
        });
        if (problems.length)
          throw badInput(
            `Nothing was withdrawn: line ${problems[0]!.index} ${problems[0]!.field} ${problems[0]!.message}.`,
            problems,
          );
        if (conflicts.length)
          throw conflict(
            `Nothing was withdrawn: line ${conflicts[0]!.index} has ${conflicts[0]!.message} (the rest has shipped or was withdrawn).`,
          );
      }
      if (taken.length === 0)
        throw conflict(`Every unit of supplier order ${supplierOrderId} has shipped; ask for a refund instead.`);
      for (const t of taken) {
        const moved = await affectedRows(
          tx,
          'UPDATE fulfilment_line SET withdrawn_quantity = withdrawn_quantity + ? WHERE id = ? AND shipped_quantity + withdrawn_quantity + ? <= quantity',
          [t.quantity, t.line.id, t.quantity],
        );
        if (moved !== 1)
          throw conflict(
            `Order line ${t.line.orderLineId} has fewer unshipped units than asked; nothing was withdrawn.`,
          );
      }
      const withdrawn = taken.map((t) => ({ orderLineId: t.line.orderLineId, quantity: t.quantity }));
      const now = new Date();
      tx.create(FulfilmentWithdrawal, {
        withdrawalKey: key,
        fulfilmentId: fulfilment.id,
        lines: withdrawn,
        createdAt: now,
      });
      const added = new Map(taken.map((t) => [t.line.id, t.quantity]));
      const nothingLeft = lines.every((l) => unshippedOf(l) - (added.get(l.id) ?? 0) <= 0);
      const anyShipped = lines.some((l) => l.shippedQuantity > 0);
      // The withdrawal first: orders books its refund before it hears the supplier order shipped or was delivered.
      enqueueEvent(
        tx,
        UNITS_WITHDRAWN,
        {
          orderId,
          supplierOrderId,
          withdrawalKey: key,
          lines: withdrawn,
          cause: String(req.cause).slice(0, 24),
          reason: String(req.reason ?? '').slice(0, 500),
          restock: req.restock === true,
          requestedBy: String(req.requestedBy).slice(0, 24),
          requester: req.requester ? String(req.requester).slice(0, 128) : null,
        },
        `withdrawal:${key}`,
      );
      if (nothingLeft && !anyShipped) {
        // Orders closes the supplier order when it books the refund (no CANCELLED report: that would refund again).
        fulfilment.status = FulfilmentStatus.CANCELLED;
        fulfilment.cancelledAt = now;
      } else if (nothingLeft && FULFILMENT_RANK[fulfilment.status] < FULFILMENT_RANK[FulfilmentStatus.SHIPPED]) {
        fulfilment.status = FulfilmentStatus.SHIPPED;
        reportProgress(tx, supplierOrderId, FulfilmentStatus.SHIPPED, now);
        // Every parcel already delivered: what is left of the supplier order is delivered too.
        const shipments = await tx.find(Shipment, { fulfilmentId: fulfilment.id });
        if (shipments.length > 0 && shipments.every((s) => s.status === ShipmentStatus.DELIVERED)) {
          const at = new Date(Math.max(...shipments.map((s) => s.deliveredAt?.getTime() ?? 0)));
          fulfilment.status = FulfilmentStatus.DELIVERED;
          fulfilment.deliveredAt = at;
          reportProgress(tx, supplierOrderId, FulfilmentStatus.DELIVERED, at);
        }
      }
      await tx.flush();
      return { lines: withdrawn, status: fulfilment.status };
    });
  }

  /**
   * Records a shipment of some (or all remaining) units of a supplier order. Idempotent on the
   * carrier and tracking number: a retry returns the shipment already recorded.
   */
  async ship(req: ShipRequest): Promise<ShipOutcome> {
    requireRoleAndPermission(
      this.principal,
      SHIPPERS,
      SHIPPING,
      "Only the supplier's staff (or the platform) ship supplier orders",
    );
    const problems: FieldProblem[] = [];
    const supplierOrderId = positiveId(req.supplierOrderId, 'supplierOrderId', problems);
    const trackingNumber = req.trackingNumber.trim();
    if (!TRACKING_NUMBER.test(trackingNumber))
      problems.push({ field: 'trackingNumber', message: 'must be 4–40 letters, digits or dashes' });
    const wantedLines = req.lines ?? null;
    if (wantedLines !== null) {
      if (wantedLines.length === 0 || wantedLines.length > MAX_LINES)
        problems.push({ field: 'lines', message: `list 1 to ${MAX_LINES} lines, or omit it to ship everything left` });
      const seen = new Set<string>();
      wantedLines.forEach((l, index) => {
        positiveId(l.orderLineId, 'orderLineId', problems, index);
        if (seen.has(l.orderLineId))
          problems.push({ index, field: 'orderLineId', message: 'appears twice; merge the lines' });
        seen.add(l.orderLineId);
        if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_UNITS)
          problems.push({ index, field: 'quantity', message: `must be 1–${MAX_UNITS}` });
      });
    }
    if (problems.length)
      throw badInput(`Nothing was shipped: ${problems[0]!.field} ${problems[0]!.message}.`, problems);
    const carrier = await this.em.fork().findOne(Carrier, { code: req.carrierCode.trim().toUpperCase() });
    if (!carrier)
      throw badInput(`Unknown carrier "${req.carrierCode}"; see the carriers query.`, [
        { field: 'carrierCode', message: 'unknown carrier' },
      ]);
    if (!carrier.active)
      throw badInput(`Carrier ${carrier.code} is not taking new parcels; pick another from the carriers query.`, [
        { field: 'carrierCode', message: 'carrier not active' },
      ]);

    return inTransaction(this.em, async (tx) => {
      const [locked] = await selectRows<{ id: number }>(
        tx,
        `SELECT id FROM fulfilment WHERE supplier_order_id = ?${forUpdate(tx)}`,
        [supplierOrderId],
      );
      const fulfilment = assertVisible(
        this.principal,
        locked ? await tx.findOne(Fulfilment, Number(locked.id)) : null,
        'Supplier order',
        req.supplierOrderId,
      );
      if (fulfilment.status === FulfilmentStatus.CANCELLED)
        throw conflict(`Supplier order ${req.supplierOrderId} was cancelled; do not ship it.`);
      const lines = await tx.find(FulfilmentLine, { fulfilmentId: fulfilment.id }, { orderBy: { id: 'ASC' } });

      const existing = await tx.findOne(Shipment, { carrierId: carrier.id, trackingNumber });
      if (existing) {
        if (existing.fulfilmentId !== fulfilment.id)
          throw conflict(`${carrier.code} tracking number ${trackingNumber} already belongs to another shipment.`);
        if (wantedLines !== null) {
          const had = await tx.find(ShipmentLine, { shipmentId: existing.id });
          const same =
            had.length === wantedLines.length &&
            wantedLines.every((w) =>
              had.some((h) => String(h.orderLineId) === w.orderLineId && h.quantity === w.quantity),
            );
          if (!same)
            throw conflict(`${carrier.code} tracking number ${trackingNumber} was already recorded with other lines.`);
        }
        return { shipment: existing, fulfilment, created: false };
      }

      let wanted: { line: FulfilmentLine; quantity: number }[];
      if (wantedLines === null) {
        wanted = lines.filter((l) => unshippedOf(l) > 0).map((line) => ({ line, quantity: unshippedOf(line) }));
      } else {
        wanted = wantedLines.map((w, index) => {
          const line = lines.find((l) => String(l.orderLineId) === w.orderLineId);
          if (!line)
            problems.push({
              index,
              field: 'orderLineId',
              message: `is not a line of supplier order ${req.supplierOrderId}`,
            });
          else if (w.quantity > unshippedOf(line))
            problems.push({
              index,
              field: 'quantity',
              message: `only ${unshippedOf(line)} unit(s) left to ship`,
            });
          return { line: line!, quantity: w.quantity };
        });
        if (problems.length)
          throw badInput(
            `Nothing was shipped: line ${problems[0]!.index} ${problems[0]!.field} ${problems[0]!.message}.`,
            problems,
          );
      }
      if (wanted.length === 0)
        throw conflict(`Every unit of supplier order ${req.supplierOrderId} has already shipped.`);

      for (const w of wanted) {
        const moved = await affectedRows(
          tx,
          'UPDATE fulfilment_line SET shipped_quantity = shipped_quantity + ? WHERE id = ? AND shipped_quantity + withdrawn_quantity + ? <= quantity',
          [w.quantity, w.line.id, w.quantity],
        );
        if (moved !== 1)
          throw conflict(
            `Order line ${w.line.orderLineId} has fewer units left to ship than asked; nothing was shipped.`,
          );
      }
      const now = new Date();
      const shipment = tx.create(Shipment, {
        direction: ParcelDirection.OUTBOUND,
        fulfilmentId: fulfilment.id,
        supplierOrderId,
        bankId: fulfilment.bankId,
        customerId: fulfilment.customerId,
        supplierId: fulfilment.supplierId,
        carrierId: carrier.id,
        trackingNumber,
        status: ShipmentStatus.LABEL_CREATED,
        progressRank: 0,
        statusAt: now,
        shippedAt: now,
        deliveredAt: null,
      });
      await tx.flush();
      for (const w of wanted)
        tx.create(ShipmentLine, { shipmentId: shipment.id, orderLineId: w.line.orderLineId, quantity: w.quantity });

      const added = new Map(wanted.map((w) => [w.line.id, w.quantity]));
      const allShipped = lines.every(
        (l) => l.shippedQuantity + l.withdrawnQuantity + (added.get(l.id) ?? 0) >= l.quantity,
      );
      const next = allShipped ? FulfilmentStatus.SHIPPED : FulfilmentStatus.PARTIALLY_SHIPPED;
      if (FULFILMENT_RANK[next] > FULFILMENT_RANK[fulfilment.status]) {
        // The row is locked: nobody else moves this status meanwhile.
        fulfilment.status = next;
        reportProgress(tx, supplierOrderId, next, now);
      }
      await tx.flush();
      return { shipment, fulfilment, created: true };
    });
  }
}
