import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, notFound } from '../../../core/errors';
import {
  bankScopeOf,
  BANK_ROLES,
  isBankStaff,
  isSupplier,
  requireRole,
  requireRoleAndPermission,
  supplierScopeOf,
  SUPPLIER_ROLES_OR_PLATFORM,
  type Principal,
} from '../../../core/identity';
import { assertVisible } from '../../../core/tenancy';
import {
  decodeCursor,
  keysetAfter,
  orderByOf,
  pageSize,
  toConnection,
  type Connection,
  type SortKey,
} from '../../../core/pagination';
import { enqueueEvent } from '../../../core/outbox';
import { affectedRows } from '../../../core/sql';
import { SERVING_CUSTOMERS, visibleParts } from './access';
import { Refund, RefundState } from '../entities/refund';
import type { OrderLine } from '../entities/order-line';
import { LISTING_REFUND } from '../events';

/**
 * In the transaction that books the refund (every cause: CUSTOMER, DELIVERY_FAILED,
 * SUPPLIER_CANCELLED, WITHDRAWN, RETURN). Only a confirmed order's sales were counted, so only its
 * refunds are announced.
 */
export function announceListingRefund(tx: SqlEntityManager, refund: Refund, lines: OrderLine[]): void {
  const units = new Map<number, number>();
  for (const r of refund.lines) {
    const listingId = lines.find((l) => l.id === r.orderLineId)!.listingId;
    units.set(listingId, (units.get(listingId) ?? 0) + r.quantity);
  }
  enqueueEvent(
    tx,
    LISTING_REFUND,
    {
      refundId: refund.id,
      orderId: refund.orderId,
      lines: [...units].map(([listingId, quantity]) => ({ listingId: String(listingId), quantity })),
    },
    `listing-refund:${refund.id}`,
  );
}

const NEWEST_FIRST: SortKey[] = [{ field: 'id', direction: 'DESC' }];
const PAYOUT_REF = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export enum CashPayoutState {
  /** Approved with a cash part the bank has not recorded paying back yet. */
  OWED = 'OWED',
  PAID_OUT = 'PAID_OUT',
}

export interface RefundFilter {
  bankId?: number | null;
  supplierId?: number | null;
  state?: RefundState | null;
  cashPayout?: CashPayoutState | null;
}

/**
 * The refunds book: suppliers find the requests waiting for their decision, banks the cash they owe
 * customers and record paying it back. Each sees only its own; customers see refunds on their orders.
 */
export class RefundBook {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async list(filter: RefundFilter, first?: number | null, after?: string | null): Promise<Connection<Refund>> {
    requireRole(this.principal, ...BANK_ROLES, ...SUPPLIER_ROLES_OR_PLATFORM);
    const where: FilterQuery<Refund>[] = [];
    const bank = isBankStaff(this.principal) ? bankScopeOf(this.principal) : null;
    const supplier = isSupplier(this.principal) ? supplierScopeOf(this.principal) : null;
    // Another tenant's id names nothing you can see.
    if (bank !== null && filter.bankId != null && String(filter.bankId) !== bank) throw notFound('Bank', filter.bankId);
    if (supplier !== null && filter.supplierId != null && String(filter.supplierId) !== supplier)
      throw notFound('Supplier', filter.supplierId);
    const bankId = bank !== null ? Number(bank) : filter.bankId;
    const supplierId = supplier !== null ? Number(supplier) : filter.supplierId;
    if (bankId != null) where.push({ bankId });
    if (supplierId != null) where.push({ supplierId });
    if (filter.state) where.push({ state: filter.state });
    if (filter.cashPayout === CashPayoutState.OWED)
      where.push({ state: RefundState.APPROVED, cashRefundFen: { $gt: 0 }, cashPaidOutAt: null });
    if (filter.cashPayout === CashPayoutState.PAID_OUT) where.push({ cashPaidOutAt: { $ne: null } });
    const limit = pageSize(first);
    if (after) where.push(keysetAfter(NEWEST_FIRST, decodeCursor(after, 1)) as FilterQuery<Refund>);
    const rows = await this.em.find(Refund, where.length ? { $and: where } : {}, {
      orderBy: orderByOf(NEWEST_FIRST) as never,
      limit: limit + 1,
    });
    return toConnection(rows, limit, (r) => [r.id], Boolean(after));
  }

  /**
   * The bank paid the cash part back through its own channel. Once per refund: the same reference
   * again is a quiet retry, another reference is CONFLICT.
   */
  async recordPayout(refundId: number, payoutRef: string): Promise<Refund> {
    requireRoleAndPermission(
      this.principal,
      BANK_ROLES,
      SERVING_CUSTOMERS,
      "Refunds are paid out by the customer's bank",
    );
    const ref = payoutRef.trim();
    if (!PAYOUT_REF.test(ref))
      throw badInput('payoutRef is your payment reference: 1–64 letters, digits, "-" or "_".', [
        { field: 'payoutRef', message: '1–64 letters, digits, - or _' },
      ]);
    const refund = assertVisible(this.principal, await this.em.fork().findOne(Refund, refundId), 'Refund', refundId);
    if (refund.state !== RefundState.APPROVED)
      throw conflict(`Refund ${refundId} is ${refund.state}; only approved refunds are paid out.`);
    if (refund.cashRefundFen <= 0)
      throw conflict(`Refund ${refundId} returns points only; there is no cash to pay out.`);
    const moved = await affectedRows(
      this.em.fork(),
      'UPDATE refund SET cash_paid_out_at = ?, cash_payout_ref = ? WHERE id = ? AND state = ? AND cash_paid_out_at IS NULL',
      [new Date(), ref, refundId, RefundState.APPROVED],
    );
    const now = await this.em.fork().findOneOrFail(Refund, refundId);
    if (moved !== 1 && now.cashPayoutRef !== ref)
      throw conflict(`Refund ${refundId} was already paid out (reference ${now.cashPayoutRef}).`);
    return now;
  }

  /** Refunds on an order as its viewer may see them: a supplier only those of its own supplier orders. */
  static visible(principal: Principal, refunds: Refund[]): Refund[] {
    return visibleParts(principal, refunds);
  }
}
