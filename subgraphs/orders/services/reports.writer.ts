import type { SqlEntityManager } from '@mikro-orm/knex';
import { affectedRows, isMySql, upsertAdding } from '../../../core/sql';
import type { Order } from '../entities/order';
import type { OrderLine } from '../entities/order-line';
import type { RefundLineQuantity } from '../entities/refund';
import { localDay } from './local-time';
import { shareOfUnits, type RefundAmounts } from './money';

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
    if (lines.length === 1 && (await this.addToExistingRows(order, lines[0]!, at))) return;
    await this.addListingDays(
      order,
      at,
      lines.map((l) => ({
        listingId: l.listingId,
        quantity: l.quantity,
        pointsValueFen: listingValueFen(order, lines, l, l.quantity),
      })),
    );
    const bySupplier = new Map<number, { units: number; sales: number }>();
    for (const l of lines) {
      const s = bySupplier.get(l.supplierId) ?? { units: 0, sales: 0 };
      s.units += l.quantity;
      s.sales += l.quantity * l.supplierPriceFen;
      bySupplier.set(l.supplierId, s);
    }
    await this.addSupplierDays(
      at,
      [...bySupplier].map(([supplierId, s]) => ({ supplierId, orders: 1, units: s.units, salesFen: s.sales })),
    );
    // The mall's hour last: every purchase in the mall shares that row, so its lock is held shortest.
    await this.addMallHour(order.bankId, order.mallId, at, {
      orders: 1,
      cash: order.cashFen,
      pointsValue: order.pointsValueFen,
      points: order.totalPoints,
    });
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

  /**
   * The usual paid order — one line, so one listing day, one supplier day and the mall's hour — on
   * MySQL/MariaDB, once the period's rows exist: one UPDATE of the three rows, locked in the same
   * order as the upserts take them (listing day, supplier day, mall hour). The inner join matches
   * all three or none, so false means nothing changed and the upserts create what is missing.
   */
  private async addToExistingRows(order: Order, line: OrderLine, at: Date): Promise<boolean> {
    if (!isMySql(this.tx)) return false;
    const changed = await affectedRows(
      this.tx,
      `UPDATE report_listing_day ld STRAIGHT_JOIN report_supplier_day sd STRAIGHT_JOIN report_mall_hour mh
       SET ld.quantity = ld.quantity + ?, ld.points_value_fen = ld.points_value_fen + ?,
           sd.orders = sd.orders + 1, sd.units = sd.units + ?, sd.sales_fen = sd.sales_fen + ?,
           mh.orders = mh.orders + 1, mh.gmv_cash_fen = mh.gmv_cash_fen + ?,
           mh.gmv_points_value_fen = mh.gmv_points_value_fen + ?, mh.points_redeemed = mh.points_redeemed + ?
       WHERE ld.bank_id = ? AND ld.listing_id = ? AND ld.day = ?
         AND sd.supplier_id = ? AND sd.day = ?
         AND mh.bank_id = ? AND mh.mall_id = ? AND mh.hour = ?`,
      [
        line.quantity,
        listingValueFen(order, [line], line, line.quantity), // the order's only line
        line.quantity,
        line.quantity * line.supplierPriceFen,
        order.cashFen,
        order.pointsValueFen,
        order.totalPoints,
        order.bankId,
        line.listingId,
        localDay(at, order.timeZone),
        line.supplierId,
        dayOf(at),
        order.bankId,
        order.mallId,
        this.tx.getPlatform().processDateProperty(hourOf(at)),
      ],
    );
    if (changed !== 0 && changed !== 3) throw new Error(`report rows of order ${order.id}: ${changed} changed, not 3`);
    return changed === 3;
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
