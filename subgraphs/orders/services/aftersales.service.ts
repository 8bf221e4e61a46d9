import { randomUUID } from 'node:crypto';
import { currentAudit } from '../../../core/audit';
import { notifyBank } from '../../../core/bank-notifications';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { AppError, badInput, conflict, notFound, type FieldProblem } from '../../../core/errors';
import { SubgraphUnavailableError } from '../../../core/service-client';
import {
  BANK_ROLES,
  isBankStaff,
  isCustomer,
  isSupplier,
  PLATFORM_ROLES,
  hasRole,
  requireRole,
  requireRoleAndPermission,
  SUPPLIER_ROLES_OR_PLATFORM,
  type Principal,
} from '../../../core/identity';
import { assertVisible } from '../../../core/tenancy';
import type { Logger } from '../../../core/logger';
import { affectedRows, forUpdate, inTransaction, selectRows } from '../../../core/sql';
import { deliveredPerUnit, LineKind, OrderLine } from '../entities/order-line';
import { PerkUnit, PerkUnitState } from '../entities/perk-unit';
import { Order, OrderStatus, type ShippingAddress } from '../entities/order';
import { ActedBy, Refund, RefundCause, RefundState, type RefundLineQuantity } from '../entities/refund';
import { SupplierOrder, SupplierOrderStatus } from '../entities/supplier-order';
import { Compensation } from './compensation.service';
import { goodsOf, mulDiv, refundAmounts } from './money';
import { shippingRefundOf } from './shipping';
import { moveOrder, moveSupplierOrder } from './order-lifecycle';
import { AFTERSALES, ON_BEHALF, SUPPLIER_CANCELLING } from './access';
import { shippingAddressProblems } from './checkout.service';
import type { SagaPorts } from './ports';
import { ReportWriter } from './reports.writer';
import { announceListingRefund } from './refund-book.service';
import { SettlementWriter } from './settlement.service';

/**
 * After-sales: customers cancel before shipment or ask for a refund after; the supplier decides.
 * Approved refunds return points through the ledger, record cash for the bank to pay out, restock
 * when asked, and adjust settlement when the goods had already been settled.
 */
export class AfterSalesService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    private readonly ports: SagaPorts,
    private readonly log: Logger,
  ) {}

  /**
   * An order the caller may act on for its customer: the customer's own, or — for the bank's customer
   * service (SERVE_CUSTOMERS) — one of its bank's customers' (another bank's is NOT_FOUND). An agent's
   * request is recorded in the audit trail as acting for that customer.
   */
  private async servedOrder(orderId: number): Promise<Order> {
    requireRoleAndPermission(
      this.principal,
      ['CUSTOMER', ...BANK_ROLES],
      ON_BEHALF,
      "Only the customer, or its bank's customer service (SERVE_CUSTOMERS), acts on an order",
    );
    const order = assertVisible(this.principal, await this.em.fork().findOne(Order, orderId), 'Order', orderId);
    if (isBankStaff(this.principal)) currentAudit()?.actFor(order.customerId);
    return order;
  }

  /** Who the caller is to the customer (shown on the refund and the order). */
  private actedBy(): { requestedBy: ActedBy; requester: string | null } {
    const requestedBy = isCustomer(this.principal)
      ? ActedBy.CUSTOMER
      : isBankStaff(this.principal)
        ? ActedBy.CUSTOMER_SERVICE
        : isSupplier(this.principal)
          ? ActedBy.SUPPLIER
          : hasRole(this.principal, ...PLATFORM_ROLES)
            ? ActedBy.PLATFORM
            : ActedBy.SYSTEM;
    return { requestedBy, requester: this.principal.sub ?? null };
  }

  /**
   * Before shipment: an unpaid order is released; a paid one is refunded in full and restocked.
   * Logistics is asked first, because shipping happens there: it stops every supplier order from
   * shipping or refuses (CONFLICT) when any has shipped, and tells orders through its outbox too,
   * so the refund is finished even if this request dies after logistics said yes.
   */
  async cancelOrder(orderId: number, reason: string): Promise<Order> {
    const order = await this.servedOrder(orderId);
    const by = this.actedBy();
    const compensation = new Compensation(this.em, this.ports, this.log);
    if (order.status === OrderStatus.PENDING_PAYMENT || order.status === OrderStatus.PENDING) {
      await compensation.compensate(
        orderId,
        [OrderStatus.PENDING_PAYMENT, OrderStatus.PENDING],
        OrderStatus.CANCELLED,
        `cancelled by ${by.requestedBy === ActedBy.CUSTOMER ? 'customer' : 'customer service'}: ${reason}`,
      );
      await this.markCancelledBy(orderId, by.requestedBy);
      return this.em.fork().findOneOrFail(Order, orderId);
    }
    if (order.status !== OrderStatus.PAID)
      throw conflict(`Order ${orderId} is ${order.status} and can no longer be cancelled.`);
    // Paid but still being confirmed (stock committed, points captured): cancelling now would race it.
    if (!order.confirmed)
      throw conflict(`Order ${orderId} is still being confirmed after payment; try again in a moment.`);
    const em = this.em.fork();
    const supplierOrders = await em.find(SupplierOrder, { orderId });
    const lines = await em.find(OrderLine, { orderId });
    // What can still be stopped: goods not yet handed to a carrier (a PAID supplier order). Card codes
    // already delivered stay delivered (they are refunded on request), so a supplier order with goods
    // and codes cancels its goods only, and one with codes only has nothing to stop.
    const codesOnly = (so: SupplierOrder) =>
      lines.every((l) => l.supplierOrderId !== so.id || l.kind === LineKind.VIRTUAL);
    const stoppable = supplierOrders.filter((so) => so.status === SupplierOrderStatus.PAID);
    const settled = (so: SupplierOrder) =>
      so.status === SupplierOrderStatus.CANCELLED || (so.status === SupplierOrderStatus.DELIVERED && codesOnly(so));
    if (supplierOrders.some((so) => !stoppable.includes(so) && !settled(so))) {
      throw conflict('Part of this order has shipped: ask for a refund once it has arrived.');
    }
    if (stoppable.length === 0)
      throw conflict('Its card codes were issued and nothing is left to stop: ask for a refund instead.');
    // Perks on their way through a partner or the bank cannot be called back: each unit ends
    // DELIVERED or FAILED (then refunded automatically).
    if (lines.some((l) => deliveredPerUnit(l) && stoppable.some((so) => so.id === l.supplierOrderId)))
      throw conflict(
        'Part of this order is a perk being delivered by the partner or the bank; it cannot be stopped. A unit that fails is refunded automatically; ask for a refund of delivered units instead.',
      );
    try {
      await this.ports.cancelFulfilments({
        orderId: String(orderId),
        bankId: String(order.bankId),
        customerId: String(order.customerId),
        supplierOrders: stoppable.map((so) => ({ supplierOrderId: String(so.id), supplierId: String(so.supplierId) })),
      });
    } catch (e) {
      if (e instanceof SubgraphUnavailableError)
        throw new AppError(
          'INTERNAL',
          `Order ${orderId} could not be cancelled right now; nothing changed. Try again shortly.`,
        );
      throw e;
    }
    for (const so of stoppable) await this.cancelSupplierOrder(so.id, `cancelled before shipment: ${reason}`, by);
    await this.markCancelledBy(orderId, by.requestedBy);
    return this.em.fork().findOneOrFail(Order, orderId);
  }

  /** Shows the customer who cancelled (them, or customer service for them); once, when it ended CANCELLED. */
  private async markCancelledBy(orderId: number, by: ActedBy): Promise<void> {
    await affectedRows(
      this.em.fork(),
      'UPDATE customer_order SET cancelled_by = ? WHERE id = ? AND status = ? AND cancelled_by IS NULL',
      [by, orderId, OrderStatus.CANCELLED],
    );
  }

  /**
   * Changes where the goods go, before anything of them has shipped (the customer, or its bank's
   * customer service for them). CONFLICT once a supplier order with goods has shipped or the order is
   * over. Shipping is reported by logistics through its outbox, so a parcel handed over in the last
   * seconds may not be known yet: the supplier reads the address when it ships.
   */
  async changeShippingAddress(orderId: number, address: ShippingAddress): Promise<Order> {
    await this.servedOrder(orderId);
    const by = this.actedBy();
    const problems: FieldProblem[] = [];
    shippingAddressProblems(address, problems);
    if (problems.length)
      throw badInput(`Address not valid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
    const clean: ShippingAddress = {
      recipient: address.recipient.trim(),
      phone: address.phone.trim(),
      province: address.province.trim(),
      city: address.city.trim(),
      district: address.district.trim(),
      detail: address.detail.trim(),
      postalCode: address.postalCode?.trim() || null,
    };
    await inTransaction(this.em, async (tx) => {
      // The order's lock first, as every writer of an order takes it, then its supplier orders' rows.
      await selectRows(tx, `SELECT id FROM customer_order WHERE id = ?${forUpdate(tx)}`, [orderId]);
      const order = await tx.findOneOrFail(Order, orderId, { refresh: true });
      if (!order.shippingAddress) throw conflict(`Order ${orderId} has no goods to ship; it has no address to change.`);
      if (![OrderStatus.PENDING, OrderStatus.PENDING_PAYMENT, OrderStatus.PAID].includes(order.status))
        throw conflict(`Order ${orderId} is ${order.status}; its address can no longer change.`);
      const lines = await tx.find(OrderLine, { orderId, kind: LineKind.PHYSICAL });
      const withGoods = new Set(lines.map((l) => l.supplierOrderId));
      const sos = await tx.find(SupplierOrder, { orderId }, { refresh: true });
      const goods = sos.filter((so) => withGoods.has(so.id));
      if (
        goods.some(
          (so) =>
            ![SupplierOrderStatus.PENDING_PAYMENT, SupplierOrderStatus.PAID, SupplierOrderStatus.CANCELLED].includes(
              so.status,
            ),
        )
      )
        throw conflict(`Goods of order ${orderId} have already shipped; the address can no longer change.`);
      if (goods.every((so) => so.status === SupplierOrderStatus.CANCELLED))
        throw conflict(`The goods of order ${orderId} were cancelled; there is nothing to ship.`);
      order.shippingAddress = clean;
      order.shippingAddressChangedAt = new Date();
      order.shippingAddressChangedBy = by.requestedBy;
      await tx.flush();
    });
    return this.em.fork().findOneOrFail(Order, orderId);
  }

  /**
   * The customer (or its bank's customer service) withdraws units of a supplier order that have not
   * shipped — all of them when `lines` is null — typically the rest of a partly shipped one. Logistics
   * decides what is unshipped (CONFLICT when fewer are); those units are refunded at once and
   * restocked, and the shipped ones still deliver.
   */
  async withdrawUnshippedUnits(
    supplierOrderId: number,
    lines: RefundLineQuantity[] | null,
    reason: string,
  ): Promise<Refund> {
    const so = await this.em.fork().findOne(SupplierOrder, supplierOrderId);
    if (!so) {
      requireRoleAndPermission(this.principal, ['CUSTOMER', ...BANK_ROLES], ON_BEHALF);
      throw notFound('Supplier order', supplierOrderId);
    }
    const order = await this.servedOrder(so.orderId);
    return this.withdraw(order, so, lines, RefundCause.WITHDRAWN, reason, true);
  }

  /**
   * The supplier cancels units of its own supplier order it cannot fill (out of stock after the sale,
   * discontinued), with a reason the customer is shown. Only units not yet shipped (logistics decides);
   * the customer is refunded exactly those units at once, restocked when asked. A supplier order
   * whose every unit is cancelled ends CANCELLED.
   */
  async cancelSupplierOrderLines(
    supplierOrderId: number,
    lines: RefundLineQuantity[],
    reason: string,
    restock: boolean,
  ): Promise<Refund> {
    requireRoleAndPermission(
      this.principal,
      SUPPLIER_ROLES_OR_PLATFORM,
      SUPPLIER_CANCELLING,
      'Only the supplier (or the platform) cancels lines it cannot fill',
    );
    const so = assertVisible(
      this.principal,
      await this.em.fork().findOne(SupplierOrder, supplierOrderId),
      'Supplier order',
      supplierOrderId,
    );
    if (lines.length === 0)
      throw badInput('Name the lines to cancel.', [{ field: 'lines', message: 'name at least one line' }]);
    const order = await this.em.fork().findOneOrFail(Order, so.orderId);
    return this.withdraw(order, so, lines, RefundCause.SUPPLIER_CANCELLED, reason, restock);
  }

  /** Asks logistics to withdraw the units, then books their refund (the outbox books it if this dies). */
  private async withdraw(
    order: Order,
    so: SupplierOrder,
    wanted: RefundLineQuantity[] | null,
    cause: RefundCause,
    reason: string,
    restock: boolean,
  ): Promise<Refund> {
    const why = reason.trim();
    const problems: FieldProblem[] = [];
    if (why.length < 4 || why.length > 500) problems.push({ field: 'reason', message: 'length 4–500' });
    const lines = await this.em.fork().find(OrderLine, { supplierOrderId: so.id });
    const seen = new Set<number>();
    if (wanted !== null && (wanted.length === 0 || wanted.length > 200))
      problems.push({ field: 'lines', message: 'name 1 to 200 lines, or none for every unshipped unit' });
    (wanted ?? []).forEach((w, index) => {
      const line = lines.find((l) => l.id === w.orderLineId);
      if (!line)
        problems.push({
          index,
          field: 'orderLineId',
          message: `line ${w.orderLineId} is not part of supplier order ${so.id}`,
        });
      else if (line.kind !== LineKind.PHYSICAL)
        problems.push({
          index,
          field: 'orderLineId',
          message: 'only goods that ship can be withdrawn; card codes and perks are refunded on request',
        });
      else if (
        !Number.isSafeInteger(w.quantity) ||
        w.quantity < 1 ||
        w.quantity > line.quantity - line.refundedQuantity
      )
        problems.push({ index, field: 'quantity', message: `1 to ${line.quantity - line.refundedQuantity}` });
      if (seen.has(w.orderLineId)) problems.push({ index, field: 'orderLineId', message: 'repeated' });
      seen.add(w.orderLineId);
    });
    if (problems.length)
      throw badInput(
        `Nothing was withdrawn: ${problems.map((p) => `${p.index !== undefined ? `line ${p.index} ` : ''}${p.field} ${p.message}`).join('; ')}.`,
        problems,
      );
    if (![SupplierOrderStatus.PAID, SupplierOrderStatus.PARTIALLY_SHIPPED].includes(so.status))
      throw conflict(
        `Supplier order ${so.id} is ${so.status}: only units of a paid or partly shipped supplier order that have not shipped can be withdrawn.`,
      );
    if (!order.confirmed)
      throw conflict(`Order ${order.id} is still being confirmed after payment; try again in a moment.`);
    const by = this.actedBy();
    const withdrawalKey = `wd-${randomUUID()}`;
    let taken: { lines: { orderLineId: string; quantity: number }[] };
    try {
      taken = await this.ports.withdrawFulfilmentUnits({
        orderId: String(order.id),
        supplierOrderId: String(so.id),
        withdrawalKey,
        lines: wanted?.map((w) => ({ orderLineId: String(w.orderLineId), quantity: w.quantity })) ?? null,
        cause,
        reason: why,
        restock,
        requestedBy: by.requestedBy,
        requester: by.requester,
      });
    } catch (e) {
      if (e instanceof SubgraphUnavailableError)
        throw new AppError(
          'INTERNAL',
          `Logistics could not be reached; if the units were withdrawn their refund follows shortly. Check supplier order ${so.id} before trying again.`,
        );
      throw e;
    }
    return this.bookWithdrawal({
      orderId: order.id,
      supplierOrderId: so.id,
      withdrawalKey,
      lines: taken.lines.map((l) => ({ orderLineId: Number(l.orderLineId), quantity: l.quantity })),
      cause,
      reason: why,
      restock,
      ...by,
    });
  }

  /**
   * Logistics withdrew these units (told by this service's own call, or by logistics' outbox if that
   * call died): refunds exactly them, approved at once, in one transaction with closing a supplier
   * order none of whose goods is left. Idempotent on the withdrawal key.
   */
  async bookWithdrawal(w: Withdrawal): Promise<Refund> {
    const existing = await this.em.fork().findOne(Refund, { withdrawalKey: w.withdrawalKey });
    if (existing) {
      if (!existing.remoteSettled) await this.settleRemoteOrLeaveToSweep(existing);
      return existing;
    }
    const booked = await inTransaction(this.em, async (tx) => {
      await selectRows(tx, `SELECT id FROM customer_order WHERE id = ?${forUpdate(tx)}`, [w.orderId]);
      const again = await tx.findOne(Refund, { withdrawalKey: w.withdrawalKey }, { refresh: true });
      if (again) return again;
      const so = await tx.findOneOrFail(SupplierOrder, w.supplierOrderId, { refresh: true });
      if (so.orderId !== w.orderId) throw badInput(`Supplier order ${so.id} is not part of order ${w.orderId}.`);
      const order = await tx.findOneOrFail(Order, so.orderId);
      const created = newRefundRequest(tx, order, so, w.lines, w.reason.slice(0, 500), w.restock, {
        requestedBy: w.requestedBy,
        requester: w.requester,
      });
      created.cause = w.cause;
      created.withdrawalKey = w.withdrawalKey;
      await tx.flush();
      const refund = await this.claimAndBook(tx, created.id, w.restock, w.requester ?? 'system:withdrawal');
      await this.closeIfNoGoodsLeft(tx, so.id, so.orderId, w.reason.slice(0, 300));
      return refund;
    });
    await this.settleRemoteOrLeaveToSweep(booked);
    return this.em.fork().findOneOrFail(Refund, booked.id);
  }

  /**
   * A PAID supplier order whose goods are all refunded (withdrawn before anything shipped) is
   * CANCELLED — DELIVERED when it also holds card codes, which stay delivered — and the order ends
   * with its last supplier order. Runs in the caller's transaction, which holds the order's lock.
   */
  private async closeIfNoGoodsLeft(
    tx: SqlEntityManager,
    supplierOrderId: number,
    orderId: number,
    reason: string,
  ): Promise<void> {
    const lines = await tx.find(OrderLine, { supplierOrderId }, { refresh: true });
    const goods = lines.filter((l) => l.kind === LineKind.PHYSICAL);
    if (goods.length === 0 || goods.some((l) => l.refundedQuantity < l.quantity)) return;
    const moved = await moveSupplierOrder(tx, { id: supplierOrderId }, SupplierOrderStatus.CANCELLED, {
      from: [SupplierOrderStatus.PAID],
    });
    if (!moved) return;
    if (lines.some((l) => l.kind === LineKind.VIRTUAL))
      await moveSupplierOrder(tx, { id: supplierOrderId }, SupplierOrderStatus.DELIVERED, {
        from: [SupplierOrderStatus.CANCELLED],
        set: { delivered_at: new Date() },
      });
    await endOrderIfNothingLeft(tx, orderId, reason);
  }

  /**
   * Logistics has stopped this supplier order from shipping: refund it in full (points back,
   * goods restocked) and cancel the order once none of its supplier orders is left. Idempotent:
   * the PAID → CANCELLED move and the refund are booked in one transaction, once.
   */
  async cancelSupplierOrder(
    supplierOrderId: number,
    reason: string,
    by: { requestedBy: ActedBy; requester: string | null } = { requestedBy: ActedBy.SYSTEM, requester: null },
  ): Promise<SupplierOrder> {
    requireRole(this.principal, 'CUSTOMER', ...BANK_ROLES, 'SERVICE');
    // Read before the transaction (it never changes), so the transaction's first statement takes the lock.
    const [owner] = await selectRows<{ order_id: number }>(
      this.em.fork(),
      'SELECT order_id FROM supplier_order WHERE id = ?',
      [supplierOrderId],
    );
    if (!owner) throw notFound('Supplier order', supplierOrderId);
    const refund = await inTransaction(this.em, async (tx) => {
      // One cancellation of this order at a time, so "was this the last supplier order?" is answered on current data.
      await selectRows(tx, `SELECT id FROM customer_order WHERE id = ?${forUpdate(tx)}`, [owner.order_id]);
      const moved = await moveSupplierOrder(tx, { id: supplierOrderId }, SupplierOrderStatus.CANCELLED, {
        from: [SupplierOrderStatus.PAID],
      });
      const so = await tx.findOneOrFail(SupplierOrder, supplierOrderId, { refresh: true });
      const lines = await tx.find(OrderLine, { supplierOrderId });
      const goods = lines.filter((l) => l.kind === LineKind.PHYSICAL);
      // Card codes of this supplier were delivered at payment and stay delivered: only its goods are cancelled.
      const withCodes = lines.some((l) => l.kind === LineKind.VIRTUAL);
      if (!moved) {
        if (so.status === SupplierOrderStatus.CANCELLED) return null;
        // Goods and codes, goods cancelled earlier (the supplier order then ended DELIVERED): a repeat.
        if (
          withCodes &&
          so.status === SupplierOrderStatus.DELIVERED &&
          goods.every((l) => l.refundedQuantity === l.quantity)
        )
          return null;
        throw conflict(`Supplier order ${supplierOrderId} is ${so.status} and can no longer be cancelled.`);
      }
      const left = goods
        .filter((l) => l.quantity > l.refundedQuantity)
        .map((l) => ({ orderLineId: l.id, quantity: l.quantity - l.refundedQuantity }));
      let booked: Refund | null = null;
      if (left.length) {
        const order = await tx.findOneOrFail(Order, so.orderId);
        const created = newRefundRequest(tx, order, so, left, reason.slice(0, 300), true, by);
        await tx.flush();
        booked = await this.claimAndBook(tx, created.id, true);
      }
      // With its goods refunded, what this supplier order delivered is its codes: it ends DELIVERED
      // (booked above while CANCELLED, so the unshipped goods were never taken out of settlement).
      if (withCodes) {
        await moveSupplierOrder(tx, { id: supplierOrderId }, SupplierOrderStatus.DELIVERED, {
          from: [SupplierOrderStatus.CANCELLED],
          set: { delivered_at: new Date() },
        });
      }
      await endOrderIfNothingLeft(tx, so.orderId, reason.slice(0, 300));
      return booked;
    });
    if (refund) await this.settleRemoteOrLeaveToSweep(refund);
    return this.em.fork().findOneOrFail(SupplierOrder, supplierOrderId);
  }

  /** After shipment (or delivery of card codes): the customer asks; the supplier decides. */
  async requestRefund(supplierOrderId: number, lines: RefundLineQuantity[], reason: string): Promise<Refund> {
    requireRoleAndPermission(this.principal, ['CUSTOMER', ...BANK_ROLES], ON_BEHALF);
    const so = await this.em.fork().findOne(SupplierOrder, supplierOrderId);
    if (!so) throw notFound('Supplier order', supplierOrderId);
    const order = await this.servedOrder(so.orderId);
    // Card codes were delivered at payment: they may be refunded whatever the goods beside them are doing.
    const soLines = await this.em.fork().find(OrderLine, { supplierOrderId });
    const codesAsked =
      lines.length > 0 && lines.every((w) => soLines.find((l) => l.id === w.orderLineId)?.kind === LineKind.VIRTUAL);
    const perkLines = lines.filter((w) => {
      const l = soLines.find((x) => x.id === w.orderLineId);
      return l != null && deliveredPerUnit(l);
    });
    if (perkLines.length) {
      const processing = await this.em.fork().count(PerkUnit, {
        orderLineId: { $in: perkLines.map((w) => w.orderLineId) },
        state: PerkUnitState.PROCESSING,
      });
      if (processing > 0)
        throw conflict(
          'Some units of this perk are still being delivered; ask for a refund once each is DELIVERED (a unit that fails is refunded automatically).',
        );
    }
    if (
      codesAsked &&
      order.confirmed &&
      [SupplierOrderStatus.PAID, SupplierOrderStatus.PARTIALLY_SHIPPED].includes(so.status)
    ) {
      if (reason.trim().length < 4)
        throw badInput('Tell the supplier why (at least 4 characters).', [{ field: 'reason', message: 'too short' }]);
      return this.createRefund(order, so, lines, reason.trim(), false);
    }
    // Before anything ships the order is cancelled instead (logistics must stop the parcel too);
    // a refund of unshipped units would leave logistics shipping goods already paid back.
    if (so.status === SupplierOrderStatus.PAID) {
      throw conflict(
        `Nothing of supplier order ${supplierOrderId} has shipped yet: cancel the order instead (cancelOrder); refunds are for goods that have shipped.`,
      );
    }
    // Partly shipped: the units still to ship are the supplier's to send; refunding one now would not
    // stop it going out, so refunds wait until everything has shipped.
    if (so.status === SupplierOrderStatus.PARTIALLY_SHIPPED) {
      throw conflict(
        `Supplier order ${supplierOrderId} has only partly shipped; withdraw the units not yet shipped (withdrawUnshippedUnits), or ask for a refund once the rest has shipped.`,
      );
    }
    if (![SupplierOrderStatus.SHIPPED, SupplierOrderStatus.DELIVERED].includes(so.status)) {
      throw conflict(`Supplier order ${supplierOrderId} is ${so.status}; nothing to refund.`);
    }
    if (reason.trim().length < 4)
      throw badInput('Tell the supplier why (at least 4 characters).', [{ field: 'reason', message: 'too short' }]);
    return this.createRefund(order, so, lines, reason.trim(), false);
  }

  /**
   * The supplier (admin or staff) or the bank's customer service (SERVE_CUSTOMERS, its own bank's
   * refunds) approves or rejects; a rejection says why; an approval is executed at once.
   */
  async decideRefund(refundId: number, approve: boolean, restock: boolean, reason?: string | null): Promise<Refund> {
    requireRoleAndPermission(
      this.principal,
      [...SUPPLIER_ROLES_OR_PLATFORM, ...BANK_ROLES],
      AFTERSALES,
      'Only the supplier, the bank or the platform decides a refund',
    );
    // Another bank's or supplier's refund is NOT_FOUND (a bank sees its own bank's, a supplier its own).
    const refund = assertVisible(this.principal, await this.em.fork().findOne(Refund, refundId), 'Refund', refundId);
    const why = reason?.trim() ?? '';
    if (!approve) {
      if (why.length < 4 || why.length > 500)
        throw badInput('Say why the refund is rejected (4–500 characters); the customer is told.', [
          { field: 'reason', message: 'length 4–500' },
        ]);
      const moved = await affectedRows(
        this.em.fork(),
        'UPDATE refund SET state = ?, decided_at = ?, decided_by = ?, rejection_reason = ? WHERE id = ? AND state = ?',
        [RefundState.REJECTED, new Date(), this.principal.sub, why, refundId, RefundState.REQUESTED],
      );
      if (moved !== 1 && refund.state !== RefundState.REJECTED)
        throw conflict(`Refund ${refundId} was already ${refund.state}.`);
      return this.em.fork().findOneOrFail(Refund, refundId);
    }
    if (why.length > 500)
      throw badInput('A note is at most 500 characters.', [{ field: 'reason', message: 'at most 500' }]);
    return this.execute(refundId, restock, this.principal.sub);
  }

  private async createRefund(
    order: Order,
    so: SupplierOrder,
    wanted: RefundLineQuantity[],
    reason: string,
    restock: boolean,
  ): Promise<Refund> {
    const lines = await this.em.fork().find(OrderLine, { supplierOrderId: so.id });
    const problems: FieldProblem[] = [];
    const seen = new Set<number>();
    wanted.forEach((w, index) => {
      const line = lines.find((l) => l.id === w.orderLineId);
      if (!line)
        problems.push({
          index,
          field: 'orderLineId',
          message: `line ${w.orderLineId} is not part of supplier order ${so.id}`,
        });
      else if (
        !Number.isSafeInteger(w.quantity) ||
        w.quantity < 1 ||
        w.quantity > line.quantity - line.refundedQuantity
      )
        problems.push({ index, field: 'quantity', message: `1 to ${line.quantity - line.refundedQuantity}` });
      if (seen.has(w.orderLineId)) problems.push({ index, field: 'orderLineId', message: 'repeated' });
      seen.add(w.orderLineId);
    });
    if (wanted.length === 0) problems.push({ field: 'lines', message: 'name at least one line' });
    if (problems.length)
      throw badInput(
        `Refund not valid: ${problems.map((p) => `${p.index !== undefined ? `line ${p.index} ` : ''}${p.field} ${p.message}`).join('; ')}.`,
        problems,
      );
    const em = this.em.fork();
    const refund = newRefundRequest(em, order, so, wanted, reason, restock, this.actedBy());
    await em.persistAndFlush(refund);
    return refund;
  }

  /**
   * Claims the refund (REQUESTED → APPROVED, once) and books it locally in one transaction, then
   * returns points and restocks — both idempotent on the refund id, retried by the caller or the
   * sweep if a subgraph is down.
   */
  private async execute(refundId: number, restock: boolean, decidedBy: string | null = null): Promise<Refund> {
    const booked = await inTransaction(this.em, (tx) => this.claimAndBook(tx, refundId, restock, decidedBy));
    await this.settleRemoteOrLeaveToSweep(booked);
    return this.em.fork().findOneOrFail(Refund, refundId);
  }

  /** REQUESTED → APPROVED, once; books line quantities, amounts, settlement and reports in `tx`. */
  private async claimAndBook(
    tx: SqlEntityManager,
    refundId: number,
    restock: boolean,
    decidedBy: string | null = null,
  ): Promise<Refund> {
    // Locks first, in the order every writer of an order takes them (order, then supplier order), and
    // before any plain read, so the reads below see current data: one refund of an order at a time
    // ("what was refunded before" is current, refunds telescope), and a delivery of this supplier
    // order either happened before (then the refund is taken out of settlement) or waits and sees
    // the refunded units.
    const [head] = await selectRows<{ order_id: number; supplier_order_id: number }>(
      tx,
      `SELECT order_id, supplier_order_id FROM refund WHERE id = ?${forUpdate(tx)}`,
      [refundId],
    );
    if (!head) throw notFound('Refund', refundId);
    await selectRows(tx, `SELECT id FROM customer_order WHERE id = ?${forUpdate(tx)}`, [head.order_id]);
    const [locked] = await selectRows<{ status: SupplierOrderStatus }>(
      tx,
      `SELECT status FROM supplier_order WHERE id = ?${forUpdate(tx)}`,
      [head.supplier_order_id],
    );
    const moved = await affectedRows(
      tx,
      'UPDATE refund SET state = ?, restock = ?, decided_at = ?, decided_by = ? WHERE id = ? AND state = ?',
      [RefundState.APPROVED, restock, new Date(), decidedBy, refundId, RefundState.REQUESTED],
    );
    const refund = await tx.findOneOrFail(Refund, refundId, { refresh: true });
    if (moved !== 1) {
      if (refund.state === RefundState.APPROVED) return refund;
      throw conflict(`Refund ${refundId} was already ${refund.state}.`);
    }
    const order = await tx.findOneOrFail(Order, refund.orderId);
    const lines = await tx.find(OrderLine, { orderId: order.id }, { refresh: true });
    const previous = await tx.find(Refund, { orderId: order.id, state: RefundState.APPROVED, id: { $ne: refundId } });
    // Goods only: earlier refunds' shipping fees are not part of the goods' shares.
    const already = previous.reduce(
      (a, r) => ({
        points: a.points + r.pointsRefunded,
        cashFen: a.cashFen + r.cashRefundFen - r.shippingRefundFen,
        pointsValueFen: a.pointsValueFen + r.pointsValueFen,
      }),
      { points: 0, cashFen: 0, pointsValueFen: 0 },
    );
    const amounts = refundAmounts(goodsOf(order), lines, refund.lines, already);
    const so = await tx.findOneOrFail(SupplierOrder, refund.supplierOrderId);
    const shippingBack = shippingRefundOf(so, locked!.status, lines, refund.lines);
    refund.pointsRefunded = amounts.points;
    refund.cashRefundFen = amounts.cashFen + shippingBack;
    refund.shippingRefundFen = shippingBack;
    refund.pointsValueFen = amounts.pointsValueFen;
    if (order.voucherId != null) refund.voucherReturnFen = await voucherShareOf(tx, order.id, lines, refund.lines);
    const delivered = locked!.status === SupplierOrderStatus.DELIVERED;
    const now = new Date();
    let units = 0;
    let salesFen = 0;
    for (const r of refund.lines) {
      const line = lines.find((l) => l.id === r.orderLineId)!;
      const ok = await affectedRows(
        tx,
        'UPDATE order_line SET refunded_quantity = refunded_quantity + ? WHERE id = ? AND refunded_quantity + ? <= quantity',
        [r.quantity, line.id, r.quantity],
      );
      if (ok !== 1) throw conflict(`Line ${line.id} has fewer than ${r.quantity} units left to refund.`);
      units += r.quantity;
      salesFen += r.quantity * line.supplierPriceFen;
      // Already delivered (so already owed to the supplier): take it back in the open period. A card
      // code was owed when it was issued, whatever the goods of its supplier order are doing.
      // A perk unit that failed was never owed to the supplier (perks are owed per delivered unit).
      if (refund.cause !== RefundCause.DELIVERY_FAILED && (delivered || line.kind === LineKind.VIRTUAL)) {
        // REFUND, and the supplier's shares of discounts, co-funding and commission given back
        // (settlement.service.ts addRefund); clawed back in advance-payment mode.
        await new SettlementWriter(tx).addRefund(order, line, so.supplierId, refundId, r.quantity, now);
      }
    }
    // Reports count an order once it is confirmed (see OrderConfirmation); only then are refunds taken off.
    if (order.confirmed) {
      await new ReportWriter(tx).refunded(order, lines, refund.lines, so.supplierId, units, salesFen, amounts, now);
      // The mall search's best-selling count loses the refunded units (tenants, once per refund).
      announceListingRefund(tx, refund, lines);
    }
    notifyBank(tx, {
      type: 'ORDER_REFUNDED',
      bankId: order.bankId,
      key: `refund:${refundId}`,
      occurredAt: now,
      data: {
        orderId: String(order.id),
        refundId: String(refundId),
        supplierOrderId: String(refund.supplierOrderId),
        customerId: String(order.customerId),
        pointsRefunded: refund.pointsRefunded,
        cashRefundFen: refund.cashRefundFen,
        lines: refund.lines.map((l) => ({ orderLineId: String(l.orderLineId), quantity: l.quantity })),
      },
    });
    await tx.flush();
    return refund;
  }

  /**
   * A perk unit definitely failed: refunds exactly that unit (its points, cash and discounts shared out
   * as for any refund), approved at once, booked in the caller's transaction (which holds the order's
   * and the supplier order's locks). The caller gives points back after the commit (`settleRemoteOrLeaveToSweep`).
   */
  async bookDeliveryFailure(
    tx: SqlEntityManager,
    order: Order,
    so: SupplierOrder,
    orderLineId: number,
    reason: string,
  ): Promise<Refund> {
    requireRole(this.principal, 'SERVICE');
    const created = newRefundRequest(tx, order, so, [{ orderLineId, quantity: 1 }], reason.slice(0, 500), false, {
      requestedBy: ActedBy.SYSTEM,
      requester: null,
    });
    created.cause = RefundCause.DELIVERY_FAILED;
    await tx.flush();
    return this.claimAndBook(tx, created.id, false, 'system:delivery-failed');
  }

  /** Booked locally; if a subgraph is down the recovery sweep finishes the remote half. */
  async settleRemoteOrLeaveToSweep(refund: Refund): Promise<void> {
    try {
      await this.settleRemote(refund);
    } catch (e) {
      this.log.warn('refund booked; returning points/stock will be retried', {
        refundId: refund.id,
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }

  /** The remote half of an approved refund: points back to the ledger, goods back to stock. */
  async settleRemote(refund: Refund): Promise<void> {
    if (refund.pointsRefunded > 0)
      await this.ports.refundPoints(String(refund.orderId), refund.pointsRefunded, `refund-${refund.id}`);
    const lines = await this.em.fork().find(OrderLine, { id: { $in: refund.lines.map((l) => l.orderLineId) } });
    // Refunded units sold at a campaign price give their subsidy back to the campaign's budget.
    // Refunded units of a line that used benefit quota units give those back (the same call, once per refund).
    // Their share of a voucher discount goes back to the voucher's budget in the same call.
    const atCampaignPrice = refund.lines.filter((r) => {
      const l = lines.find((x) => x.id === r.orderLineId);
      return l != null && (l.campaignId != null || l.quotaUnits > 0);
    });
    if (atCampaignPrice.length || refund.voucherReturnFen > 0)
      await this.ports.returnCampaignBudget(
        String(refund.orderId),
        String(refund.id),
        atCampaignPrice.map((r) => ({
          listingId: String(lines.find((l) => l.id === r.orderLineId)!.listingId),
          quantity: r.quantity,
        })),
        refund.voucherReturnFen,
      );
    if (refund.restock) {
      const physical = refund.lines.filter(
        (r) => lines.find((l) => l.id === r.orderLineId)?.kind === LineKind.PHYSICAL,
      );
      if (physical.length) {
        await this.ports.restock(
          String(refund.orderId),
          `refund-${refund.id}`,
          physical.map((r) => ({
            skuId: String(lines.find((l) => l.id === r.orderLineId)!.skuId),
            quantity: r.quantity,
          })),
        );
      }
    }
    await affectedRows(this.em.fork(), 'UPDATE refund SET remote_settled = ? WHERE id = ?', [true, refund.id]);
  }
}

/**
 * The refunded units' share of the order's voucher discount: per line, its VOUCHER fen for the units
 * refunded up to and including this refund less for those before (`lines` carry the quantities
 * before this one), rounded down, so a fully refunded line gives back exactly its share.
 */
async function voucherShareOf(
  tx: SqlEntityManager,
  orderId: number,
  lines: Pick<OrderLine, 'id' | 'quantity' | 'refundedQuantity'>[],
  refunded: { orderLineId: number; quantity: number }[],
): Promise<number> {
  const rows = await selectRows<{ order_line_id: number; fen: number }>(
    tx,
    "SELECT order_line_id, fen FROM order_discount WHERE order_id = ? AND source = 'VOUCHER'",
    [orderId],
  );
  let back = 0;
  for (const r of refunded) {
    const line = lines.find((l) => l.id === r.orderLineId);
    const row = rows.find((x) => Number(x.order_line_id) === r.orderLineId);
    if (!line || !row) continue;
    const fen = Number(row.fen);
    back +=
      mulDiv(fen, line.refundedQuantity + r.quantity, line.quantity) -
      mulDiv(fen, line.refundedQuantity, line.quantity);
  }
  return back;
}

/** Units of a supplier order logistics withdrew before they shipped, and who asked. */
export interface Withdrawal {
  orderId: number;
  supplierOrderId: number;
  withdrawalKey: string;
  lines: RefundLineQuantity[];
  cause: RefundCause;
  reason: string;
  restock: boolean;
  requestedBy: ActedBy;
  requester: string | null;
}

/**
 * The order ends with its last supplier order: CANCELLED when every one was cancelled, COMPLETED
 * when every one is delivered or cancelled (card codes delivered, the rest cancelled).
 */
async function endOrderIfNothingLeft(tx: SqlEntityManager, orderId: number, reason: string): Promise<void> {
  await moveOrder(tx, orderId, OrderStatus.CANCELLED, {
    from: [OrderStatus.PAID],
    set: { failure_reason: reason },
    guard: {
      sql: 'NOT EXISTS (SELECT 1 FROM supplier_order WHERE order_id = ? AND status <> ?)',
      params: [orderId, SupplierOrderStatus.CANCELLED],
    },
  });
  await moveOrder(tx, orderId, OrderStatus.COMPLETED, {
    from: [OrderStatus.PAID],
    guard: {
      sql: 'NOT EXISTS (SELECT 1 FROM supplier_order WHERE order_id = ? AND status NOT IN (?, ?))',
      params: [orderId, SupplierOrderStatus.CANCELLED, SupplierOrderStatus.DELIVERED],
    },
  });
}

/** A refund request (REQUESTED, nothing paid back yet) of some lines of a supplier order. */
function newRefundRequest(
  em: SqlEntityManager,
  order: Order,
  so: SupplierOrder,
  lines: { orderLineId: number; quantity: number }[],
  reason: string,
  restock: boolean,
  by: { requestedBy: ActedBy; requester: string | null },
): Refund {
  return em.create(Refund, {
    requestedBy: by.requestedBy,
    requester: by.requester,
    orderId: order.id,
    supplierOrderId: so.id,
    bankId: order.bankId,
    supplierId: so.supplierId,
    lines,
    reason,
    restock,
    state: RefundState.REQUESTED,
    pointsRefunded: 0,
    cashRefundFen: 0,
    pointsValueFen: 0,
    remoteSettled: false,
    createdAt: new Date(),
  });
}
