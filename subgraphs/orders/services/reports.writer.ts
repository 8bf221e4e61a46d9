import type { SqlEntityManager } from '@mikro-orm/knex';
import { affectedRows, inTransaction, isMySql, upsertAdding } from '../../../core/sql';
import type { Order } from '../entities/order';
import type { OrderLine } from '../entities/order-line';
import type { RefundLineQuantity } from '../entities/refund';
import { localDay } from './local-time';
import { shareOfUnits, type RefundAmounts } from './money';

/** Rolls the savepoint of a report UPDATE back when it did not find every row. */
class SomeRowsMissing extends Error {}

export function hourOf(at: Date): Date {
  const d = new Date(at.getTime());
  d.setUTCMinutes(0, 0, 0);
  return d;
}

/** A supplier's day (UTC: a supplier serves banks in different zones, so no bank's day is its own). */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Keeps the report aggregates current, in the caller's transaction: paid orders add, refunds
 * subtract (listing days, supplier day, then the mall's hour, always in that order). One upsert per table creates missing rows and adds to existing ones (every listing of an
 * order in the same statement), taking each row's exclusive lock at once.
 */
export class ReportWriter {
  constructor(private readonly tx: SqlEntityManager) {}

  async orderPaid(order: Order, lines: OrderLine[], at: Date): Promise<void> {
    const listings = lines.map((l) => ({
      listingId: l.listingId,
      quantity: l.quantity,
      pointsValueFen: listingValueFen(order, lines, l, l.quantity),
    }));
    const bySupplier = new Map<number, { units: number; sales: number }>();
    for (const l of lines) {
      const s = bySupplier.get(l.supplierId) ?? { units: 0, sales: 0 };
      s.units += l.quantity;
      s.sales += l.quantity * l.supplierPriceFen;
      bySupplier.set(l.supplierId, s);
    }
    const suppliers = [...bySupplier].map(([supplierId, s]) => ({
      supplierId,
      orders: 1,
      units: s.units,
      salesFen: s.sales,
    }));
    const mall = { orders: 1, cash: order.cashFen, pointsValue: order.pointsValueFen, points: order.totalPoints };
    if (await this.addToExistingRows(order, at, listings, suppliers, mall)) return;
    await this.addListingDays(order, at, listings);
    await this.addSupplierDays(at, suppliers);
    // The mall's hour last: every purchase in the mall shares that row, so its lock is held shortest.
    await this.addMallHour(order.bankId, order.mallId, at, mall);
  }

  /**
   * A paid order's report rows on MySQL/MariaDB, once the period's rows exist (every purchase after
   * the first of the day): one UPDATE of its listing days, supplier days and the mall's hour, locked
   * in the order the upserts take them (listing days, supplier days, mall hour). False, changing
   * nothing, when a row is missing: the upserts then create it. One line and one supplier join
   * three rows or none; more could match only the rows that exist, so that UPDATE runs in a
   * savepoint and is undone unless it changed them all.
   */
  private async addToExistingRows(
    order: Order,
    at: Date,
    listings: { listingId: number; quantity: number; pointsValueFen: number }[],
    suppliers: { supplierId: number; orders: number; units: number; salesFen: number }[],
    mall: { orders: number; cash: number; pointsValue: number; points: number },
  ): Promise<boolean> {
    if (!isMySql(this.tx)) return false;
    const byListing = `CASE ld.listing_id ${listings.map(() => 'WHEN ? THEN ?').join(' ')} END`;
    const listingParams = (column: 'quantity' | 'pointsValueFen') => listings.flatMap((l) => [l.listingId, l[column]]);
    const bySupplier = `CASE sd.supplier_id ${suppliers.map(() => 'WHEN ? THEN ?').join(' ')} END`;
    const supplierParams = (column: 'orders' | 'units' | 'salesFen') =>
      suppliers.flatMap((x) => [x.supplierId, x[column]]);
    const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
    const expected = listings.length + suppliers.length + 1;
    const update = (tx: SqlEntityManager) =>
      affectedRows(
        tx,
        `UPDATE report_listing_day ld STRAIGHT_JOIN report_supplier_day sd STRAIGHT_JOIN report_mall_hour mh
         SET ld.quantity = ld.quantity + ${byListing},
             ld.points_value_fen = ld.points_value_fen + ${byListing},
             sd.orders = sd.orders + ${bySupplier}, sd.units = sd.units + ${bySupplier},
             sd.sales_fen = sd.sales_fen + ${bySupplier},
             mh.orders = mh.orders + ?, mh.gmv_cash_fen = mh.gmv_cash_fen + ?,
             mh.gmv_points_value_fen = mh.gmv_points_value_fen + ?, mh.points_redeemed = mh.points_redeemed + ?
         WHERE ld.bank_id = ? AND ld.listing_id IN (${marks(listings.length)}) AND ld.day = ?
           AND sd.supplier_id IN (${marks(suppliers.length)}) AND sd.day = ?
           AND mh.bank_id = ? AND mh.mall_id = ? AND mh.hour = ?`,
        [
          ...listingParams('quantity'),
          ...listingParams('pointsValueFen'),
          ...supplierParams('orders'),
          ...supplierParams('units'),
          ...supplierParams('salesFen'),
          mall.orders,
          mall.cash,
          mall.pointsValue,
          mall.points,
          order.bankId,
          ...listings.map((l) => l.listingId),
          localDay(at, order.timeZone), // the bank's day
          ...suppliers.map((x) => x.supplierId),
          dayOf(at),
          order.bankId,
          order.mallId,
          this.tx.getPlatform().processDateProperty(hourOf(at)),
        ],
      );
    if (expected === 3) {
      const changed = await update(this.tx);
      if (changed !== 0 && changed !== 3)
        throw new Error(`report rows of order ${order.id}: ${changed} changed, not 3`);
      return changed === 3;
    }
    try {
      await inTransaction(this.tx, async (savepoint) => {
        if ((await update(savepoint)) !== expected) throw new SomeRowsMissing();
      });
      return true;
    } catch (e) {
      if (e instanceof SomeRowsMissing) return false;
      throw e;
    }
  }

  /**
   * A refund of `refund` units (`lines` as they were before it): takes its amounts off the mall's
   * hour, the units and their points value off each listing's day, and the sales off the
   * supplier's day — all in the period of the refund.
   */
  async refunded(
    order: Order,
    lines: OrderLine[],
    refund: RefundLineQuantity[],
    supplierId: number,
    units: number,
    salesFen: number,
    amounts: RefundAmounts,
    at: Date,
  ): Promise<void> {
    await this.addListingDays(
      order,
      at,
      refund.map((r) => {
        const l = lines.find((x) => x.id === r.orderLineId)!;
        const value =
          listingValueFen(order, lines, l, l.refundedQuantity + r.quantity) -
          listingValueFen(order, lines, l, l.refundedQuantity);
        return { listingId: l.listingId, quantity: -r.quantity, pointsValueFen: -value };
      }),
    );
    await this.addSupplierDays(at, [{ supplierId, orders: 0, units: -units, salesFen: -salesFen }]);
    // Same order as orderPaid (the mall's hour last), so the two never wait on each other crosswise.
    await this.addMallHour(order.bankId, order.mallId, at, {
      orders: 0,
      cash: -amounts.cashFen,
      pointsValue: -amounts.pointsValueFen,
      points: -amounts.points,
    });
  }

  private async addListingDays(
    order: Order,
    at: Date,
    changes: { listingId: number; quantity: number; pointsValueFen: number }[],
  ): Promise<void> {
    const day = localDay(at, order.timeZone); // the bank's day
    await upsertAdding(
      this.tx,
      'report_listing_day',
      changes.map((c) => ({
        bank_id: order.bankId,
        mall_id: order.mallId,
        listing_id: c.listingId,
        day,
        quantity: c.quantity,
        points_value_fen: c.pointsValueFen,
      })),
      ['bank_id', 'listing_id', 'day'],
      ['quantity', 'points_value_fen'],
    );
  }

  private async addMallHour(
    bankId: number,
    mallId: number,
    at: Date,
    d: { orders: number; cash: number; pointsValue: number; points: number },
  ): Promise<void> {
    await upsertAdding(
      this.tx,
      'report_mall_hour',
      [
        {
          bank_id: bankId,
          mall_id: mallId,
          hour: this.tx.getPlatform().processDateProperty(hourOf(at)),
          orders: d.orders,
          gmv_cash_fen: d.cash,
          gmv_points_value_fen: d.pointsValue,
          points_redeemed: d.points,
        },
      ],
      ['bank_id', 'mall_id', 'hour'],
      ['orders', 'gmv_cash_fen', 'gmv_points_value_fen', 'points_redeemed'],
    );
  }

  private async addSupplierDays(
    at: Date,
    changes: { supplierId: number; orders: number; units: number; salesFen: number }[],
  ): Promise<void> {
    const day = dayOf(at);
    await upsertAdding(
      this.tx,
      'report_supplier_day',
      changes.map((c) => ({
        supplier_id: c.supplierId,
        day,
        orders: c.orders,
        units: c.units,
        sales_fen: c.salesFen,
      })),
      ['supplier_id', 'day'],
      ['orders', 'units', 'sales_fen'],
    );
  }
}

/**
 * Value in fen of the points paid for `units` units of one line: its own points plus its share of
 * the points applied to cash, at the order's points value (rounded down). Sales add it for all
 * units; a refund takes off the difference it makes, so a fully refunded line nets to zero.
 */
export function listingValueFen(
  order: Pick<Order, 'totalPoints' | 'cashFen' | 'pointsAppliedToCash' | 'pointsValueFen'>,
  lines: OrderLine[],
  line: OrderLine,
  units: number,
): number {
  return shareOfUnits(order, lines, new Map([[line.id, units]])).pointsValueFen;
}
