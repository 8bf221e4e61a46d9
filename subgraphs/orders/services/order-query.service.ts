import { isReadOnly, plainRows } from '../../../core/loaders';
import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, notFound } from '../../../core/errors';
import {
  PLATFORM_ROLES,
  bankScopeOf,
  BANK_ROLES_OR_PLATFORM,
  isCustomer,
  isSupplier,
  requireRole,
  supplierScopeOf,
  SUPPLIER_ROLES_OR_PLATFORM,
  type Principal,
  requireRoleAndPermission,
} from '../../../core/identity';
import { REPORTS } from './access';
import {
  decodeCursor,
  keysetAfter,
  orderByOf,
  pageSize,
  toConnection,
  type Connection,
  type SortKey,
} from '../../../core/pagination';
import { MallHourReport, ListingDayReport, SupplierDayReport } from '../entities/report';
import { Order, OrderStatus } from '../entities/order';
import { SupplierOrder, SupplierOrderStatus } from '../entities/supplier-order';
import { selectRows } from '../../../core/sql';
import { DEFAULT_TIME_ZONE, localDay, localMonth, startOfLocalDay, startOfNamedDay } from './local-time';
import { ReportGranularity } from './dashboard.service';
import type { SagaPorts } from './ports';

export { ReportGranularity };

/**
 * Orders the customer actually placed: everything but a refused checkout attempt (FAILED before it
 * was ever paid — out of stock, not enough points). A paid order that could not be fulfilled is
 * FAILED too, but it was paid and refunded, so it stays in the history.
 */
const PLACED: FilterQuery<Order> = { $or: [{ status: { $ne: OrderStatus.FAILED } }, { paidAt: { $ne: null } }] };

/** A bank's own customer reference, as tenants accepts it. */
const CUSTOMER_REF = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface BankOrderFilter {
  status?: OrderStatus | null;
  placedFrom?: Date | null;
  placedTo?: Date | null;
  customerRef?: string | null;
  orderId?: string | null;
}

export interface SupplierOrderFilter {
  statuses?: SupplierOrderStatus[] | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
  orderId?: string | null;
}

const MAX_STATUSES = Object.keys(SupplierOrderStatus).length;

/** The conditions of a supplier order filter, checked (BAD_USER_INPUT names the field). */
export function supplierOrderFilter(filter: SupplierOrderFilter | null | undefined): FilterQuery<SupplierOrder>[] {
  const where: FilterQuery<SupplierOrder>[] = [];
  if (!filter) return where;
  if (filter.statuses != null) {
    const statuses = [...new Set(filter.statuses)];
    if (statuses.length === 0 || statuses.length > MAX_STATUSES)
      throw badInput(`Name 1 to ${MAX_STATUSES} statuses.`, [{ field: 'statuses', message: 'empty or too many' }]);
    where.push({ status: { $in: statuses } });
  }
  const { createdFrom: from, createdTo: to } = filter;
  if (from && to && !(from < to))
    throw badInput('createdFrom must be before createdTo.', [
      { field: 'createdFrom', message: 'not before createdTo' },
    ]);
  if (from) where.push({ createdAt: { $gte: from } });
  if (to) where.push({ createdAt: { $lt: to } });
  const orderId = filter.orderId?.trim();
  if (orderId) {
    const id = Number(orderId);
    if (!/^[0-9]{1,15}$/.test(orderId) || !Number.isSafeInteger(id) || id < 1)
      throw badInput('An order number is a positive whole number.', [{ field: 'orderId', message: 'not a number' }]);
    where.push({ orderId: id });
  }
  return where;
}

const NEWEST_FIRST: SortKey[] = [{ field: 'id', direction: 'DESC' }];
const MAX_REPORT_DAYS = 366;

export interface SalesBucket {
  periodStart: Date;
  orders: number;
  gmvCashFen: number;
  gmvPointsValueFen: number;
  pointsRedeemed: number;
}

async function page<T extends { id: number }>(
  em: SqlEntityManager,
  entity: new () => T,
  where: FilterQuery<T>[],
  first?: number | null,
  after?: string | null,
): Promise<Connection<T>> {
  const limit = pageSize(first);
  if (after) where.push(keysetAfter(NEWEST_FIRST, decodeCursor(after, 1)) as FilterQuery<T>);
  const options = { orderBy: orderByOf(NEWEST_FIRST), limit: limit + 1 };
  // A query reads plain rows; a mutation's answer may show entities it has just changed.
  const rows = isReadOnly(em)
    ? await plainRows(em, entity, { $and: where } as FilterQuery<T>, options)
    : await em.find(entity, { $and: where } as FilterQuery<T>, options as never);
  return toConnection(rows, limit, (r) => [r.id], Boolean(after));
}

function window(from: Date, to: Date): void {
  if (!(from < to)) throw badInput('`from` must be before `to`.');
  if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * 86_400_000)
    throw badInput(`A report covers at most ${MAX_REPORT_DAYS} days.`);
}

export class OrderQueryService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    private readonly ports?: Pick<SagaPorts, 'customerIdByRef'>,
  ) {}

  private assertBank(bankId: number): void {
    const scope = bankScopeOf(this.principal);
    if (scope !== null && scope !== String(bankId)) throw notFound('Bank', bankId);
  }

  private assertSupplier(supplierId: number): void {
    const scope = supplierScopeOf(this.principal);
    if (scope !== null && scope !== String(supplierId)) throw notFound('Supplier', supplierId);
  }

  /** A customer's orders: the customer, their bank and the platform. */
  ordersOfCustomer(customerId: string, first?: number | null, after?: string | null): Promise<Connection<Order>> {
    // Another customer, or any customer for a supplier, is no customer you can see.
    if (isSupplier(this.principal) || (isCustomer(this.principal) && this.principal.customerId !== customerId))
      throw notFound('Customer', customerId);
    const bank = bankScopeOf(this.principal);
    const where: FilterQuery<Order>[] = [{ customerId: Number(customerId) }, PLACED];
    if (bank !== null) where.push({ bankId: Number(bank) });
    return page(this.em, Order, where, first, after);
  }

  /**
   * A bank's orders for its operators, narrowed by status, time placed, customer reference (asked of
   * tenants, where references live: one call) and order number. One SQL statement per page.
   */
  async ordersOfBank(
    bankId: number,
    filter: BankOrderFilter,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<Order>> {
    requireRole(this.principal, ...BANK_ROLES_OR_PLATFORM);
    this.assertBank(bankId);
    const where: FilterQuery<Order>[] = [{ bankId }];
    // Refused checkouts show only to those who ask for them (status FAILED).
    where.push(filter.status ? { status: filter.status } : PLACED);
    if (filter.placedFrom && filter.placedTo && !(filter.placedFrom < filter.placedTo))
      throw badInput('placedFrom must be before placedTo.', [{ field: 'placedFrom', message: 'after placedTo' }]);
    if (filter.placedFrom) where.push({ createdAt: { $gte: filter.placedFrom } });
    if (filter.placedTo) where.push({ createdAt: { $lt: filter.placedTo } });
    if (filter.orderId != null && filter.orderId !== '') {
      const id = Number(filter.orderId);
      if (!Number.isSafeInteger(id) || id < 1)
        throw badInput('An order number is a positive whole number.', [{ field: 'orderId', message: 'not a number' }]);
      where.push({ id });
    }
    const ref = filter.customerRef?.trim();
    if (ref) {
      if (!CUSTOMER_REF.test(ref))
        throw badInput('A customer reference is 1–64 letters, digits, _ . : or -.', [
          { field: 'customerRef', message: 'not a reference' },
        ]);
      if (!this.ports) throw new Error('ordersOfBank by customer reference needs the tenants port');
      const customerId = await this.ports.customerIdByRef(String(bankId), ref);
      // No such customer at this bank: no orders (another bank's customer is no customer here).
      if (customerId === null) return toConnection([], pageSize(first), (r: Order) => [r.id], Boolean(after));
      where.push({ customerId: Number(customerId) });
    }
    return page(this.em, Order, where, first, after);
  }

  /**
   * A supplier's queue, e.g. PAID = awaiting shipment, narrowed by `filter` (statuses, when placed,
   * order number). One statement a page: the queue index (supplier, status, id) for the statuses,
   * (order_id, supplier_id) for an order number; a time range is checked on the rows the index walks.
   */
  supplierOrders(
    supplierId: number,
    status: SupplierOrderStatus | null | undefined,
    first?: number | null,
    after?: string | null,
    filter?: SupplierOrderFilter | null,
  ): Promise<Connection<SupplierOrder>> {
    requireRole(this.principal, ...SUPPLIER_ROLES_OR_PLATFORM);
    this.assertSupplier(supplierId);
    const where: FilterQuery<SupplierOrder>[] = [{ supplierId }];
    if (status) where.push({ status });
    where.push(...supplierOrderFilter(filter));
    return page(this.em, SupplierOrder, where, first, after);
  }

  /**
   * The time zone the bank's report rows were cut in: that of its newest order (each order carries
   * its bank's zone from checkout), one indexed row; Asia/Shanghai before its first order.
   */
  private async zoneOfBank(bankId: number): Promise<string> {
    const [row] = await selectRows<{ time_zone: string }>(
      this.em,
      'SELECT time_zone FROM customer_order WHERE bank_id = ? ORDER BY id DESC LIMIT 1',
      [bankId],
    );
    return row?.time_zone ?? DEFAULT_TIME_ZONE;
  }

  /**
   * GMV, orders and points redeemed per hour (UTC hours) or per day of the bank (from local
   * midnight in its time zone), from the hourly aggregates.
   */
  async salesReport(
    bankId: number,
    mallId: number | null,
    from: Date,
    to: Date,
    granularity: ReportGranularity,
  ): Promise<SalesBucket[]> {
    requireRoleAndPermission(this.principal, BANK_ROLES_OR_PLATFORM, REPORTS);
    this.assertBank(bankId);
    window(from, to);
    const where: FilterQuery<MallHourReport> = { bankId, hour: { $gte: from, $lt: to }, ...(mallId ? { mallId } : {}) };
    const rows = await this.em.find(MallHourReport, where, { orderBy: { hour: 'ASC' } });
    const zone = granularity === ReportGranularity.HOUR ? null : await this.zoneOfBank(bankId);
    const buckets = new Map<number, SalesBucket>();
    for (const r of rows) {
      // An hour belongs to the bank day its start falls in (zones with half-hour offsets: see the README).
      const start = !zone
        ? new Date(r.hour.getTime())
        : granularity === ReportGranularity.MONTH
          ? startOfNamedDay(`${localMonth(r.hour, zone)}-01`, zone)
          : startOfLocalDay(r.hour, zone);
      const b = buckets.get(start.getTime()) ?? {
        periodStart: start,
        orders: 0,
        gmvCashFen: 0,
        gmvPointsValueFen: 0,
        pointsRedeemed: 0,
      };
      b.orders += r.orders;
      b.gmvCashFen += Number(r.gmvCashFen);
      b.gmvPointsValueFen += Number(r.gmvPointsValueFen);
      b.pointsRedeemed += Number(r.pointsRedeemed);
      buckets.set(start.getTime(), b);
    }
    return [...buckets.values()];
  }

  async topListings(
    bankId: number,
    from: Date,
    to: Date,
    first: number,
  ): Promise<{ listingId: number; quantity: number; pointsValueFen: number }[]> {
    requireRoleAndPermission(this.principal, BANK_ROLES_OR_PLATFORM, REPORTS);
    this.assertBank(bankId);
    window(from, to);
    // Whole days of the bank: from the day `from` falls in, up to (not including) the day of `to`.
    const zone = await this.zoneOfBank(bankId);
    const rows = await this.em.find(ListingDayReport, {
      bankId,
      day: { $gte: localDay(from, zone), $lt: localDay(to, zone) },
    });
    const by = new Map<number, { listingId: number; quantity: number; pointsValueFen: number }>();
    for (const r of rows) {
      const x = by.get(r.listingId) ?? { listingId: r.listingId, quantity: 0, pointsValueFen: 0 };
      x.quantity += r.quantity;
      x.pointsValueFen += Number(r.pointsValueFen);
      by.set(r.listingId, x);
    }
    // Net of refunds: a listing whose units were all given back sold nothing in the window.
    return [...by.values()]
      .filter((x) => x.quantity > 0)
      .sort((a, b) => b.quantity - a.quantity || a.listingId - b.listingId)
      .slice(0, Math.min(Math.max(first, 1), 100));
  }

  async supplierSales(
    supplierId: number,
    from: Date,
    to: Date,
  ): Promise<{ orders: number; units: number; salesFen: number; awaitingShipment: number }> {
    requireRoleAndPermission(this.principal, ['SUPPLIER_ADMIN', ...PLATFORM_ROLES], REPORTS);
    this.assertSupplier(supplierId);
    window(from, to);
    const rows = await this.em.find(SupplierDayReport, {
      supplierId,
      day: { $gte: from.toISOString().slice(0, 10), $lt: to.toISOString().slice(0, 10) },
    });
    const awaitingShipment = await this.em.count(SupplierOrder, { supplierId, status: SupplierOrderStatus.PAID });
    return {
      orders: rows.reduce((s, r) => s + r.orders, 0),
      units: rows.reduce((s, r) => s + r.units, 0),
      salesFen: rows.reduce((s, r) => s + Number(r.salesFen), 0),
      awaitingShipment,
    };
  }
}
