import type { SqlEntityManager } from '@mikro-orm/knex';
import { AppError, badInput, conflict, forbidden, type FieldProblem } from '../../../core/errors';
import type { Principal } from '../../../core/identity';
import type { Logger } from '../../../core/logger';
import { SubgraphUnavailableError } from '../../../core/service-client';
import { affectedRows, forUpdate, inTransaction, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import { LineKind, OrderLine } from '../entities/order-line';
import { Order, OrderStatus, type ShippingAddress } from '../entities/order';
import { SupplierOrder, SupplierOrderStatus } from '../entities/supplier-order';
import { refundAmounts, totalsOf, type RefundAmounts } from './money';
import { Refund, RefundState } from '../entities/refund';
import type { SagaPorts } from './ports';
import { OrderConfirmation } from './confirmation.service';
import { DEFAULT_TIME_ZONE } from './local-time';
import { moveOrder, moveSupplierOrder } from './order-lifecycle';

export interface CheckoutInput {
  mallId: string;
  lines: { listingId: string; quantity: number }[];
  pointsToUse: number;
  shippingAddress?: ShippingAddress | null;
  idempotencyKey: string;
}

export interface CheckoutSettings {
  /** How long a customer has to pay the cash part. */
  paymentTimeoutMs: number;
}

export const DEFAULT_CHECKOUT_SETTINGS: CheckoutSettings = {
  paymentTimeoutMs: Number(process.env.PERKMALL_PAYMENT_TIMEOUT_MS ?? 30 * 60_000),
};

const MAX_LINES = 100;

export function validateCheckout(input: CheckoutInput): void {
  const problems: FieldProblem[] = [];
  if (!/^\d+$/.test(input.mallId)) problems.push({ field: 'mallId', message: 'is not a mall id' });
  if (input.lines.length < 1 || input.lines.length > MAX_LINES) problems.push({ field: 'lines', message: `1 to ${MAX_LINES} lines` });
  const seen = new Set<string>();
  input.lines.forEach((l, index) => {
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || l.quantity > 999) problems.push({ index, field: 'quantity', message: 'must be 1 to 999' });
    if (seen.has(l.listingId)) problems.push({ index, field: 'listingId', message: `listing ${l.listingId} appears twice; combine the quantities` });
    seen.add(l.listingId);
  });
  const key = input.idempotencyKey.trim();
  if (key.length < 8 || key.length > 128) problems.push({ field: 'idempotencyKey', message: '8 to 128 characters, unique per checkout attempt' });
  const a = input.shippingAddress;
  if (a) {
    for (const f of ['recipient', 'phone', 'province', 'city', 'district', 'detail'] as const) {
      if (!a[f] || !a[f].trim()) problems.push({ field: `shippingAddress.${f}`, message: 'is required' });
    }
    if (a.phone && !/^[0-9+\- ]{5,20}$/.test(a.phone)) problems.push({ field: 'shippingAddress.phone', message: 'is not a phone number' });
  }
  if (problems.length) throw badInput(`Checkout not valid: ${problems.map((p) => `${p.index !== undefined ? `line ${p.index} ` : ''}${p.field} ${p.message}`).join('; ')}.`, problems);
}

/**
 * The checkout saga, owned by orders (see DESIGN.md): price → record the order → reserve stock →
 * hold points → PENDING_PAYMENT or PAID. Each remote step is idempotent on the order id; the order
 * row records which are done. A definite refusal (out of stock, not enough points) compensates at
 * once; an unreachable subgraph leaves the order PENDING for a retry with the same key or for the
 * recovery sweep, which then finishes or compensates it.
 */
export class CheckoutService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly ports: SagaPorts,
    private readonly log: Logger,
    private readonly settings: CheckoutSettings = DEFAULT_CHECKOUT_SETTINGS,
  ) {}

  async checkout(principal: Principal, input: CheckoutInput): Promise<Order> {
    if (principal.role !== 'CUSTOMER') throw forbidden('Checkout is for customers, through their bank’s app.');
    validateCheckout(input);
    const customerId = Number(principal.customerId);
    const idempotencyKey = input.idempotencyKey.trim();
    const existing = await this.em.fork().findOne(Order, { customerId, idempotencyKey });
    if (existing && String(existing.bankId) !== principal.bankId) throw forbidden('This customer belongs to another bank.');
    if (existing) return this.resume(existing, input);

    let quote: Awaited<ReturnType<SagaPorts['priceCheckout']>>;
    let skuFacts: Awaited<ReturnType<SagaPorts['skuFacts']>>;
    try {
      quote = await this.ports.priceCheckout(input.mallId, String(customerId), input.lines);
      skuFacts = await this.ports.skuFacts([...new Set(quote.lines.map((l) => l.skuId))]);
    } catch (e) {
      if (e instanceof SubgraphUnavailableError) throw new AppError('INTERNAL', 'Checkout is unavailable right now; nothing was recorded or charged. Retry with the same idempotencyKey.');
      throw e;
    }
    if (quote.bankId !== principal.bankId) throw forbidden('This mall belongs to another bank.');
    const totals = totalsOf(quote, input.pointsToUse);
    const facts = new Map(skuFacts.map((f) => [f.id, f]));
    const problems: FieldProblem[] = [];
    quote.lines.forEach((l, index) => {
      const f = facts.get(l.skuId);
      if (!f || f.status !== 'ACTIVE') problems.push({ index, field: 'listingId', message: `listing ${l.listingId} is no longer available` });
    });
    if (problems.length) throw badInput(problems.map((p) => p.message).join('; '), problems);
    const physical = quote.lines.some((l) => facts.get(l.skuId)!.kind === 'PHYSICAL');
    if (physical && !input.shippingAddress) throw badInput('shippingAddress is required for physical goods.', [{ field: 'shippingAddress', message: 'is required' }]);

    const order = await inTransaction(this.em, async (tx) => {
      const again = await tx.findOne(Order, { customerId, idempotencyKey });
      if (again) return again;
      // Purchase limits: a conditional increment per limited listing; any refusal rolls back all.
      for (const l of quote.lines) {
        if (l.purchaseLimitPerCustomer === null) continue;
        await insertIgnoringDuplicates(tx, 'purchase_counter', [{ customer_id: customerId, listing_id: Number(l.listingId), quantity: 0 }], ['customer_id', 'listing_id']);
        const ok = await affectedRows(
          tx,
          'UPDATE purchase_counter SET quantity = quantity + ? WHERE customer_id = ? AND listing_id = ? AND quantity + ? <= ?',
          [l.quantity, customerId, Number(l.listingId), l.quantity, l.purchaseLimitPerCustomer],
        );
        if (ok !== 1) throw conflict(`Listing ${l.listingId} may be bought at most ${l.purchaseLimitPerCustomer} times per customer.`);
      }
      const now = new Date();
      const order = tx.create(Order, {
        bankId: Number(quote.bankId),
        mallId: Number(input.mallId),
        customerId,
        partnerAppId: principal.partnerAppId ? Number(principal.partnerAppId) : null,
        idempotencyKey,
        status: OrderStatus.PENDING,
        ...totals,
        timeZone: quote.timeZone || DEFAULT_TIME_ZONE,
        shippingAddress: physical ? input.shippingAddress! : null,
        stockReserved: false,
        pointsHeld: false,
        confirmed: false,
        compensated: false,
        createdAt: now,
        updatedAt: now,
      });
      await tx.persistAndFlush(order);
      const bySupplier = new Map<string, SupplierOrder>();
      for (const l of quote.lines) {
        const f = facts.get(l.skuId)!;
        let so = bySupplier.get(f.supplierId);
        if (!so) {
          so = tx.create(SupplierOrder, {
            orderId: order.id,
            supplierId: Number(f.supplierId),
            bankId: order.bankId,
            customerId,
            status: SupplierOrderStatus.PENDING_PAYMENT,
            createdAt: now,
          });
          await tx.persistAndFlush(so);
          bySupplier.set(f.supplierId, so);
        }
        tx.persist(
          tx.create(OrderLine, {
            orderId: order.id,
            supplierOrderId: so.id,
            listingId: Number(l.listingId),
            skuId: Number(l.skuId),
            supplierId: Number(f.supplierId),
            kind: f.kind === 'VIRTUAL' ? LineKind.VIRTUAL : LineKind.PHYSICAL,
            title: f.title.slice(0, 200),
            quantity: l.quantity,
            unitPoints: l.unitPoints,
            unitFen: l.unitFen,
            supplierPriceFen: f.supplierPriceFen,
            campaignId: l.campaignId ? Number(l.campaignId) : null,
            refundedQuantity: 0,
          }),
        );
      }
      await tx.flush();
      return order;
    });
    return this.advance(order);
  }

  /** A repeated checkout with the same key returns the same order, finishing it if it was interrupted. */
  private async resume(order: Order, input: CheckoutInput): Promise<Order> {
    if (order.mallId !== Number(input.mallId)) throw conflict(`idempotencyKey was already used for order ${order.id} in another mall.`);
    return order.status === OrderStatus.PENDING ? this.advance(order) : order;
  }

  /** Drives a PENDING order forward: reserve, hold, then wait for payment or confirm. */
  async advance(order: Order): Promise<Order> {
    const orderId = String(order.id);
    const lines = await this.em.fork().find(OrderLine, { orderId: order.id }, { orderBy: { id: 'ASC' } });
    try {
      const reservation = await this.ports.reserveStock(orderId, aggregateBySku(lines));
      if (!reservation.lines.every((l) => l.state === 'RESERVED' || l.state === 'COMMITTED')) throw conflict('The stock reservation of this order was already given back.');
      await this.mark(order.id, 'stock_reserved');
      if (order.totalPoints > 0) {
        const hold = await this.ports.holdPoints(orderId, String(order.bankId), String(order.customerId), order.totalPoints);
        if (hold.state === 'RELEASED') throw conflict('The points of this order were already given back.');
        await this.mark(order.id, 'points_held');
      }
    } catch (e) {
      if (e instanceof SubgraphUnavailableError) {
        this.log.warn('checkout interrupted; order stays PENDING for retry or recovery', { orderId, error: e.message });
        throw new AppError('INTERNAL', `Checkout could not finish because a service is unavailable; nothing is charged. Retry with the same idempotencyKey (order ${orderId}).`);
      }
      if (e instanceof AppError) {
        await this.compensate(order.id, [OrderStatus.PENDING], OrderStatus.FAILED, e.message);
        throw e;
      }
      throw e;
    }
    const needsPayment = order.cashFen > 0;
    const moved = await moveOrder(this.em.fork(), order.id, needsPayment ? OrderStatus.PENDING_PAYMENT : OrderStatus.PAID, {
      from: [OrderStatus.PENDING],
      set: { payment_due_at: needsPayment ? new Date(Date.now() + this.settings.paymentTimeoutMs) : null, paid_at: needsPayment ? null : new Date() },
    });
    if (!moved) {
      const now = await this.em.fork().findOneOrFail(Order, order.id);
      // A concurrent retry with the same key got there first: same order, same answer.
      if (now.status !== OrderStatus.FAILED && now.status !== OrderStatus.CANCELLED) return now;
      // The recovery sweep gave up on this order meanwhile: make sure nothing stays reserved.
      await this.compensate(order.id, [], OrderStatus.FAILED, 'abandoned');
      throw conflict(`Order ${orderId} was abandoned before it completed; nothing is charged. Please check out again.`);
    }
    if (!needsPayment) await new OrderConfirmation(this.em, this.ports, this.log).confirm(order.id);
    return this.em.fork().findOneOrFail(Order, order.id);
  }

  private async mark(orderId: number, column: 'stock_reserved' | 'points_held'): Promise<void> {
    await affectedRows(this.em.fork(), `UPDATE customer_order SET ${column} = ?, updated_at = ? WHERE id = ?`, [true, new Date(), orderId]);
  }

  /**
   * Moves the order to FAILED/CANCELLED (only from one of `from`; empty = it already is) and gives
   * back everything it may hold. Releases are idempotent and safe when nothing was reserved; if a
   * subgraph is unreachable the order stays `compensated = false` for the recovery sweep.
   */
  async compensate(orderId: number, from: OrderStatus[], to: OrderStatus.FAILED | OrderStatus.CANCELLED, reason: string): Promise<boolean> {
    const em = this.em.fork();
    if (from.length) {
      const moved = await moveOrder(em, orderId, to, { from, set: { failure_reason: reason.slice(0, 300) } });
      if (!moved) return false;
      await inTransaction(em, async (tx) => {
        await moveSupplierOrder(tx, { orderId }, to === OrderStatus.CANCELLED ? SupplierOrderStatus.CANCELLED : SupplierOrderStatus.FAILED);
        // Give the purchase-limit allowance back.
        await this.giveBackPurchaseLimits(tx, orderId);
      });
    }
    return this.releaseAll(orderId);
  }

  /**
   * A paid order that can never be confirmed (a definite refusal, or the sweep ran out of attempts):
   * PAID → FAILED with a reason the bank can read (what went wrong, what comes back, the cash it
   * owes the customer), its supplier orders FAILED and the purchase-limit allowance back — in one
   * transaction, and only while it is unconfirmed — then everything it holds is given back.
   */
  async abandonPaid(orderId: number, cause: string): Promise<boolean> {
    const moved = await inTransaction(this.em, async (tx) => {
      const [row] = await selectRows<{ total_points: number; cash_fen: number; payment_ref: string | null }>(
        tx,
        `SELECT total_points, cash_fen, payment_ref FROM customer_order WHERE id = ? AND status = ? AND confirmed = ?${forUpdate(tx)}`,
        [orderId, OrderStatus.PAID, false],
      );
      if (!row) return false;
      const cash = Number(row.cash_fen);
      const reason = `Paid, but could not be fulfilled; refunded in full: ${row.total_points} points returned${cash > 0 ? `, ${cash} fen for the bank to pay back (payment ${row.payment_ref ?? '-'})` : ''}. Cause: ${cause}`;
      // The row is locked PAID and unconfirmed above, so this move cannot miss.
      await moveOrder(tx, orderId, OrderStatus.FAILED, { from: [OrderStatus.PAID], set: { failure_reason: reason.slice(0, 300) } });
      await moveSupplierOrder(tx, { orderId }, SupplierOrderStatus.FAILED);
      await this.giveBackPurchaseLimits(tx, orderId);
      await this.bookWholeRefund(tx, orderId, cause);
      return true;
    });
    if (!moved) return false;
    await this.releasePaid(orderId);
    return true;
  }

  /**
   * The refunds book's record of an abandoned paid order: one APPROVED refund per supplier order for
   * every unit, shared out like any refund so their sum is what was paid, so the bank finds the cash
   * it owes in `refunds(cashPayout: OWED)`. Points and goods come back through `releasePaid`, not the
   * refund sweep (`remoteSettled`); reports never counted an unconfirmed order, so they stay as they are.
   */
  private async bookWholeRefund(tx: SqlEntityManager, orderId: number, cause: string): Promise<void> {
    const order = await tx.findOneOrFail(Order, orderId);
    const lines = await tx.find(OrderLine, { orderId }, { orderBy: { id: 'ASC' } });
    const supplierOrders = await tx.find(SupplierOrder, { orderId }, { orderBy: { id: 'ASC' } });
    let already: RefundAmounts = { points: 0, cashFen: 0, pointsValueFen: 0 };
    const now = new Date();
    for (const so of supplierOrders) {
      const units = lines.filter((l) => l.supplierOrderId === so.id && l.quantity > l.refundedQuantity).map((l) => ({ orderLineId: l.id, quantity: l.quantity - l.refundedQuantity }));
      if (units.length === 0) continue;
      const amounts = refundAmounts(order, lines, units, already);
      tx.create(Refund, {
        orderId, supplierOrderId: so.id, bankId: order.bankId, supplierId: so.supplierId, lines: units, reason: `Paid order could not be fulfilled: ${cause}`.slice(0, 500),
        restock: false, state: RefundState.APPROVED, pointsRefunded: amounts.points, cashRefundFen: amounts.cashFen, pointsValueFen: amounts.pointsValueFen,
        remoteSettled: true, createdAt: now, decidedAt: now,
      });
      for (const u of units) lines.find((l) => l.id === u.orderLineId)!.refundedQuantity += u.quantity;
      already = { points: already.points + amounts.points, cashFen: already.cashFen + amounts.cashFen, pointsValueFen: already.pointsValueFen + amounts.pointsValueFen };
    }
    await tx.flush();
  }

  /**
   * Gives back what a paid, unconfirmed, FAILED order may hold, whichever confirmation steps ran:
   * its card codes go back to the pool (they were never delivered), reserved stock is released or
   * committed stock restocked, held points are released or captured points refunded. Every call is
   * idempotent; true when all went through.
   */
  async releasePaid(orderId: number): Promise<boolean> {
    const id = String(orderId);
    const em = this.em.fork();
    const order = await em.findOneOrFail(Order, orderId);
    const lines = await em.find(OrderLine, { orderId }, { orderBy: { id: 'ASC' } });
    try {
      if (lines.some((l) => l.kind === LineKind.VIRTUAL)) await this.ports.releaseCodes(id, true);
      await orIfConflict(() => this.ports.releaseReservation(id), () => this.ports.restock(id, `abandon-${id}`, aggregateBySku(lines)));
      await orIfConflict(() => this.ports.releasePoints(id), async () => {
        if (order.totalPoints > 0) await this.ports.refundPoints(id, order.totalPoints, `abandon-${id}`);
      });
    } catch (e) {
      this.log.warn('refund of an abandoned paid order incomplete; the recovery sweep will retry', { orderId: id, error: e instanceof Error ? e.message : String(e) });
      return false;
    }
    await affectedRows(this.em.fork(), 'UPDATE customer_order SET compensated = ?, stock_reserved = ?, points_held = ?, updated_at = ? WHERE id = ?', [true, false, false, new Date(), orderId]);
    return true;
  }

  private async giveBackPurchaseLimits(tx: SqlEntityManager, orderId: number): Promise<void> {
    const lines = await tx.find(OrderLine, { orderId });
    for (const l of lines) {
      await affectedRows(tx, 'UPDATE purchase_counter SET quantity = quantity - ? WHERE customer_id = (SELECT customer_id FROM customer_order WHERE id = ?) AND listing_id = ? AND quantity >= ?', [l.quantity, orderId, l.listingId, l.quantity]);
    }
  }

  /** Releases stock and points of a failed/cancelled order; true when both are given back. */
  async releaseAll(orderId: number): Promise<boolean> {
    const id = String(orderId);
    try {
      await this.ports.releaseReservation(id);
      await this.ports.releasePoints(id); // never held: loyalty leaves a tombstone so a late hold fails
    } catch (e) {
      this.log.warn('compensation incomplete; the recovery sweep will retry', { orderId: id, error: e instanceof Error ? e.message : String(e) });
      return false;
    }
    await affectedRows(this.em.fork(), 'UPDATE customer_order SET compensated = ?, stock_reserved = ?, points_held = ?, updated_at = ? WHERE id = ?', [true, false, false, new Date(), orderId]);
    return true;
  }
}

export function aggregateBySku(lines: OrderLine[]): { skuId: string; quantity: number }[] {
  const bySku = new Map<number, number>();
  for (const l of lines) bySku.set(l.skuId, (bySku.get(l.skuId) ?? 0) + l.quantity);
  return [...bySku.entries()].sort(([a], [b]) => a - b).map(([skuId, quantity]) => ({ skuId: String(skuId), quantity }));
}

/** Runs `first`; when the other subgraph answers CONFLICT (that state is already past), runs `instead`. */
async function orIfConflict(first: () => Promise<unknown>, instead: () => Promise<unknown>): Promise<void> {
  try {
    await first();
  } catch (e) {
    if (!(e instanceof AppError) || e.extensions.code !== 'CONFLICT') throw e;
    await instead();
  }
}
