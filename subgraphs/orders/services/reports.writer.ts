import type { SqlEntityManager } from '@mikro-orm/knex';
import { affectedRows, insertIgnoringDuplicates } from '../../../core/sql';
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
 * subtract. Each row is created if missing, then incremented by a single UPDATE.
 */
export class ReportWriter {
  constructor(private readonly tx: SqlEntityManager) {}

  async orderPaid(order: Order, lines: OrderLine[], at: Date): Promise<void> {
    await this.addMallHour(order.bankId, order.mallId, at, {
      orders: 1,
      cash: order.cashFen,
      pointsValue: order.pointsValueFen,
      points: order.totalPoints,
    });
    for (const l of lines)
      await this.addListingDay(order, l.listingId, at, l.quantity, listingValueFen(order, lines, l, l.quantity));
    const bySupplier = new Map<number, { units: number; sales: number }>();
    for (const l of lines) {
      const s = bySupplier.get(l.supplierId) ?? { units: 0, sales: 0 };
      s.units += l.quantity;
      s.sales += l.quantity * l.supplierPriceFen;
      bySupplier.set(l.supplierId, s);
    }
    for (const [supplierId, s] of bySupplier) await this.addSupplierDay(supplierId, at, 1, s.units, s.sales);
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
    await this.addMallHour(order.bankId, order.mallId, at, {
      orders: 0,
      cash: -amounts.cashFen,
      pointsValue: -amounts.pointsValueFen,
      points: -amounts.points,
    });
    for (const r of refund) {
      const l = lines.find((x) => x.id === r.orderLineId)!;
      const value =
        listingValueFen(order, lines, l, l.refundedQuantity + r.quantity) -
        listingValueFen(order, lines, l, l.refundedQuantity);
      await this.addListingDay(order, l.listingId, at, -r.quantity, -value);
    }
    await this.addSupplierDay(supplierId, at, 0, -units, -salesFen);
  }

  private async addListingDay(
    order: Order,
    listingId: number,
    at: Date,
    quantity: number,
    pointsValueFen: number,
  ): Promise<void> {
    const day = localDay(at, order.timeZone); // the bank's day
    await insertIgnoringDuplicates(
      this.tx,
      'report_listing_day',
      [{ bank_id: order.bankId, mall_id: order.mallId, listing_id: listingId, day, quantity: 0, points_value_fen: 0 }],
      ['bank_id', 'listing_id', 'day'],
    );
    await affectedRows(
      this.tx,
      'UPDATE report_listing_day SET quantity = quantity + ?, points_value_fen = points_value_fen + ? WHERE bank_id = ? AND listing_id = ? AND day = ?',
      [quantity, pointsValueFen, order.bankId, listingId, day],
    );
  }

  private async addMallHour(
    bankId: number,
    mallId: number,
    at: Date,
    d: { orders: number; cash: number; pointsValue: number; points: number },
  ): Promise<void> {
    const hour = this.tx.getPlatform().processDateProperty(hourOf(at));
    await insertIgnoringDuplicates(
      this.tx,
      'report_mall_hour',
      [
        {
          bank_id: bankId,
          mall_id: mallId,
          hour,
          orders: 0,
          gmv_cash_fen: 0,
          gmv_points_value_fen: 0,
          points_redeemed: 0,
        },
      ],
      ['bank_id', 'mall_id', 'hour'],
    );
    await affectedRows(
      this.tx,
      'UPDATE report_mall_hour SET orders = orders + ?, gmv_cash_fen = gmv_cash_fen + ?, gmv_points_value_fen = gmv_points_value_fen + ?, points_redeemed = points_redeemed + ? WHERE bank_id = ? AND mall_id = ? AND hour = ?',
      [d.orders, d.cash, d.pointsValue, d.points, bankId, mallId, hourOf(at)],
    );
  }

  private async addSupplierDay(
    supplierId: number,
    at: Date,
    orders: number,
    units: number,
    salesFen: number,
  ): Promise<void> {
    const day = dayOf(at);
    await insertIgnoringDuplicates(
      this.tx,
      'report_supplier_day',
      [{ supplier_id: supplierId, day, orders: 0, units: 0, sales_fen: 0 }],
      ['supplier_id', 'day'],
    );
    await affectedRows(
      this.tx,
      'UPDATE report_supplier_day SET orders = orders + ?, units = units + ?, sales_fen = sales_fen + ? WHERE supplier_id = ? AND day = ?',
      [orders, units, salesFen, supplierId, day],
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
