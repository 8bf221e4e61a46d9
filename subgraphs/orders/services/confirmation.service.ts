import type { SqlEntityManager } from '@mikro-orm/knex';
import { AppError } from '../../../core/errors';
import type { Logger } from '../../../core/logger';
import { enqueueEvent, flushWithAudit } from '../../../core/outbox';
import { notifyBank } from '../../../core/bank-notifications';
import { affectedRows, inTransaction, insertIgnoringDuplicates, isMySql } from '../../../core/sql';
import { deliveredPerUnit, fromCodePool, LineKind } from '../entities/order-line';
import { PerkUnitState } from '../entities/perk-unit';
import { Order, OrderStatus } from '../entities/order';
import { SupplierOrderStatus } from '../entities/supplier-order';
import { confirmMovingSupplierOrders, moveOrder, moveSupplierOrder } from './order-lifecycle';
import { aggregateBySku } from './order-lines';
import { loadOrderBundle, type OrderBundle } from './order-bundle';
import type { SagaPorts } from './ports';
import { ReportWriter } from './reports.writer';
import { SettlementWriter } from './settlement.service';
import { ORDER_PAID, PERK_DELIVERY_REQUESTED, CODES_ISSUED, LISTING_SALES } from '../events';

/**
 * What happens once an order is paid: commit the stock, capture the points, issue card codes, then
 * — in one local transaction — mark the order confirmed, update reports and settlement for the
 * virtual goods delivered at once, and emit the event that opens fulfilment. Every remote step is
 * idempotent, so a confirmation interrupted anywhere is simply run again by the recovery sweep.
 */
export class OrderConfirmation {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly ports: SagaPorts,
    private readonly log: Logger,
  ) {}

  /**
   * The confirmation a request runs right after the payment (`order`: its id, or the bundle the step
   * before already loaded). When it does not get through, the order is due for the recovery sweep at
   * once; until then the sweep leaves a freshly paid order to its request (recovery.service.ts).
   */
  async confirm(order: number | OrderBundle): Promise<boolean> {
    const outcome = await this.attempt(order);
    if (outcome.kind === 'retry' || outcome.kind === 'refused') {
      const orderId = typeof order === 'number' ? order : order.order.id;
      await affectedRows(
        this.em.fork(),
        'UPDATE customer_order SET next_recovery_at = ? WHERE id = ? AND confirmed = ? AND next_recovery_at IS NULL',
        [new Date(), orderId, false],
      ).catch((e: unknown) =>
        // Not fatal: the sweep takes the order once it is older than the stale time.
        this.log.warn('could not hand the order to the recovery sweep', {
          orderId,
          error: e instanceof Error ? e.message : String(e),
        }),
      );
    }
    return outcome.kind === 'confirmed';
  }

  /**
   * Runs the confirmation and says how it went: `refused` is a definite answer from another
   * subgraph (CONFLICT and the like: no codes left, the reservation or hold already given back) —
   * retrying cannot help; `retry` is anything else (a subgraph down, a deadlock).
   */
  async attempt(which: number | OrderBundle): Promise<ConfirmOutcome> {
    const em = this.em.fork();
    const bundle = typeof which === 'number' ? await loadOrderBundle(em, which) : which;
    if (!bundle || bundle.order.status !== OrderStatus.PAID || bundle.order.confirmed) return { kind: 'nothing-to-do' };
    const { order, lines, supplierOrders } = bundle;
    const orderId = order.id;
    const id = String(orderId);
    try {
      await this.ports.commitReservation(id);
      if (order.totalPoints > 0) await this.ports.capturePoints(id);
      // Codes from a pool now; perks delivered unit by unit go to logistics' delivery job instead.
      const virtual = lines.filter(fromCodePool);
      const perUnit = lines.filter(deliveredPerUnit);
      const codes = virtual.length ? await this.ports.allocateCodes(id, aggregateBySku(virtual)) : [];
      let completed = false;
      const done = await inTransaction(em, async (tx) => {
        const now = new Date();
        // Each supplier order's status from here on: card codes are delivered when issued; goods and
        // perks delivered unit by unit keep it PAID until they are delivered (or their units settled).
        const statusOf = new Map<number, SupplierOrderStatus>();
        for (const so of supplierOrders) {
          const allCodes = lines.every((l) => l.supplierOrderId !== so.id || fromCodePool(l));
          statusOf.set(so.id, allCodes ? SupplierOrderStatus.DELIVERED : SupplierOrderStatus.PAID);
        }
        const physical = supplierOrders.filter((so) => statusOf.get(so.id) === SupplierOrderStatus.PAID);
        // Logistics opens fulfilment only for supplier orders with goods to ship.
        const withGoods = physical.filter((so) =>
          lines.some((l) => l.supplierOrderId === so.id && l.kind === LineKind.PHYSICAL),
        );
        const delivered = supplierOrders.filter((so) => statusOf.get(so.id) === SupplierOrderStatus.DELIVERED);
        const deliveredSet = { delivered_at: now };
        // The usual case on MySQL/MariaDB — every supplier order goes the same way — is one UPDATE of
        // the order and its supplier orders; otherwise (or when it changed nothing) the two steps below.
        const together =
          isMySql(tx) && (physical.length === supplierOrders.length || delivered.length === supplierOrders.length)
            ? await confirmMovingSupplierOrders(
                tx,
                orderId,
                physical.length ? SupplierOrderStatus.PAID : SupplierOrderStatus.DELIVERED,
                physical.length ? {} : deliveredSet,
              )
            : 0;
        if (together === 0) {
          // Only a PAID order: the recovery sweep may have given up on it (FAILED, refunded) meanwhile.
          const flipped = await affectedRows(
            tx,
            'UPDATE customer_order SET confirmed = ?, updated_at = ? WHERE id = ? AND confirmed = ? AND status = ?',
            [true, new Date(), orderId, false, OrderStatus.PAID],
          );
          if (flipped !== 1) return false; // another confirmation got here first, or the order was abandoned
        }
        // Codes go to the order's lines in line order, unit by unit.
        const pool = new Map<string, typeof codes>();
        for (const c of codes) pool.set(c.skuId, [...(pool.get(c.skuId) ?? []), c]);
        const issued = [];
        for (const l of virtual) {
          for (const c of (pool.get(String(l.skuId)) ?? []).splice(0, l.quantity)) {
            issued.push({
              order_id: orderId,
              order_line_id: l.id,
              customer_id: order.customerId,
              sku_id: l.skuId,
              code_id: Number(c.codeId),
              expires_at: c.expiresAt ? tx.getPlatform().processDateProperty(new Date(c.expiresAt)) : null,
              issued_at: tx.getPlatform().processDateProperty(now),
            });
          }
        }
        await insertIgnoringDuplicates(tx, 'issued_code', issued, ['code_id']);
        if (perUnit.length) {
          // One row per unit, PROCESSING until logistics reports its outcome (one INSERT for the order).
          await insertIgnoringDuplicates(
            tx,
            'perk_unit',
            perUnit.flatMap((l) =>
              Array.from({ length: l.quantity }, (_, unitIndex) => ({
                order_id: orderId,
                supplier_order_id: l.supplierOrderId,
                order_line_id: l.id,
                unit_index: unitIndex,
                state: PerkUnitState.PROCESSING,
              })),
            ),
            ['order_line_id', 'unit_index'],
          );
          for (const l of perUnit) {
            enqueueEvent(
              tx,
              PERK_DELIVERY_REQUESTED,
              {
                orderId,
                orderLineId: l.id,
                supplierOrderId: l.supplierOrderId,
                supplierId: l.supplierId,
                bankId: order.bankId,
                customerId: order.customerId,
                skuId: l.skuId,
                title: l.title,
                mode: l.deliveryMode,
                partnerProductCode: l.partnerProductCode ?? null,
                recipientAccount: l.recipientAccount ?? null,
                quantity: l.quantity,
                requestedAt: now.toISOString(),
              },
              `perk-delivery:${l.id}`,
            );
          }
        }
        if (issued.length) {
          enqueueEvent(
            tx,
            CODES_ISSUED,
            {
              orderId,
              bankId: order.bankId,
              customerId: order.customerId,
              issuedAt: now.toISOString(),
              codes: issued.map((c) => ({
                codeId: c.code_id,
                orderLineId: c.order_line_id,
                skuId: c.sku_id,
                expiresAt: codes.find((x) => Number(x.codeId) === c.code_id)?.expiresAt ?? null,
              })),
            },
            `codes-issued:${orderId}`,
          );
        }
        // The bundle's supplier orders: created with the order, and still PENDING_PAYMENT while it is PAID and unconfirmed.
        const settlement = new SettlementWriter(tx);
        // One statement per target status (every supplier order of the order, when they share it).
        for (const [group, to] of [
          [physical, SupplierOrderStatus.PAID],
          [delivered, SupplierOrderStatus.DELIVERED],
        ] as const) {
          if (group.length === 0 || together === 1 + supplierOrders.length) continue;
          await moveSupplierOrder(
            tx,
            group.length === supplierOrders.length ? { orderId } : { ids: group.map((so) => so.id) },
            to,
            {
              from: [SupplierOrderStatus.PENDING_PAYMENT],
              set: to === SupplierOrderStatus.DELIVERED ? deliveredSet : {},
            },
          );
        }
        for (const l of virtual) await settlement.addDelivery(order, l, now);
        completed = delivered.length === supplierOrders.length;
        if (completed) await moveOrder(tx, orderId, OrderStatus.COMPLETED);
        if (withGoods.length) {
          enqueueEvent(
            tx,
            ORDER_PAID,
            {
              orderId,
              bankId: order.bankId,
              customerId: order.customerId,
              supplierOrders: withGoods.map((so) => ({
                supplierOrderId: so.id,
                supplierId: so.supplierId,
                // When it was placed: the shipping page's time filter, which the pick list repeats.
                placedAt: so.createdAt,
                // Only goods go into the parcel: a card line of the same supplier was delivered with its code.
                lines: lines
                  .filter((l) => l.supplierOrderId === so.id && l.kind === LineKind.PHYSICAL)
                  .map((l) => ({
                    orderLineId: l.id,
                    skuId: l.skuId,
                    quantity: l.quantity,
                    title: l.title,
                    kind: l.kind,
                  })),
              })),
            },
            `order-paid:${orderId}`,
          );
        }
        // Best-selling in the mall search: tenants adds the units once per order (same outbox INSERT).
        enqueueEvent(
          tx,
          LISTING_SALES,
          { orderId: id, lines: lines.map((l) => ({ listingId: String(l.listingId), quantity: l.quantity })) },
          `listing-sales:${orderId}`,
        );
        // The bank's webhooks (core/bank-notifications.ts): rows of the same outbox INSERT below.
        notifyBank(tx, {
          type: 'ORDER_PAID',
          bankId: order.bankId,
          key: `order-paid:${orderId}`,
          occurredAt: order.paidAt ?? now,
          data: {
            orderId: id,
            customerId: String(order.customerId),
            mallId: String(order.mallId),
            totalPoints: order.totalPoints,
            cashFen: order.cashFen,
            lines: lines.map((l) => ({
              orderLineId: String(l.id),
              skuId: String(l.skuId),
              quantity: l.quantity,
              title: l.title,
            })),
          },
        });
        // The points were captured just before (loyalty's capture is idempotent on the order id).
        if (order.totalPoints > 0)
          notifyBank(tx, {
            type: 'POINTS_SPENT',
            bankId: order.bankId,
            key: `points-spent:order:${orderId}`,
            occurredAt: now,
            data: { orderId: id, customerId: String(order.customerId), points: order.totalPoints },
          });
        for (const so of delivered)
          notifyBank(tx, {
            type: 'ORDER_DELIVERED',
            bankId: order.bankId,
            key: `supplier-order-delivered:${so.id}`,
            occurredAt: now,
            data: {
              orderId: id,
              supplierOrderId: String(so.id),
              customerId: String(order.customerId),
              orderCompleted: delivered.length === supplierOrders.length,
            },
          });
        await new ReportWriter(tx).orderPaid(order, lines, order.paidAt ?? now);
        // The outbox rows go in last, in one INSERT with the audit entries of this unit when a person
        // or a partner app confirmed the payment (core/audit.ts): the entries then cost no statement
        // of their own. The report rows every purchase in the mall shares are locked one INSERT
        // longer for it.
        await flushWithAudit(tx);
        return true;
      });
      if (done) {
        // Noted after the commit, on the bundle the caller answers from (never flushed from here).
        order.confirmed = true;
        if (completed) order.status = OrderStatus.COMPLETED;
        return { kind: 'confirmed' };
      }
      const now = await this.em.fork().findOne(Order, orderId);
      // Not confirmed here: another confirmation won, or the sweep gave the order up meanwhile (its
      // release of the codes comes before or after ours; the catalog refuses an allocation after it).
      return now?.confirmed ? { kind: 'confirmed' } : { kind: 'nothing-to-do' };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const refused = e instanceof AppError && DEFINITE_REFUSALS.includes(e.extensions.code as string);
      // The order is paid: it goes forward, or — when that is definitely impossible — the sweep refunds it.
      this.log.warn('confirmation incomplete; the recovery sweep will retry or refund', {
        orderId: id,
        error,
        code: e instanceof AppError ? e.extensions.code : undefined,
      });
      return refused ? { kind: 'refused', error } : { kind: 'retry', error };
    }
  }
}

/** Answers from another subgraph that a retry cannot change. */
const DEFINITE_REFUSALS = ['CONFLICT', 'NOT_FOUND', 'BAD_USER_INPUT'];

export type ConfirmOutcome =
  | { kind: 'confirmed' }
  | { kind: 'nothing-to-do' }
  | { kind: 'retry'; error: string }
  | { kind: 'refused'; error: string };
