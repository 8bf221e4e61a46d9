import type { SqlEntityManager } from '@mikro-orm/knex';
import { affectedRows, inTransaction, isMySql, placeholders, upsertAdding } from '../../../core/sql';
import type { Order } from '../entities/order';
import type { OrderLine } from '../entities/order-line';
import type { RefundLineQuantity } from '../entities/refund';
import { localDay } from './local-time';
import { goodsOf, shareOfUnits, type RefundAmounts } from './money';

/** One listing's part of a sale or refund, in the campaign that priced it. */
interface ListingChange {
  listingId: number;
  campaignId: number;
  title: string;
  quantity: number;
  pointsValueFen: number;
  cashFen: number;
  points: number;
  campaignOrders: number;
}

/** A sale or refund on the mall's hour row (of the buyer's tier). */
interface MallChange {
  orders: number;
  cash: number;
  pointsValue: number;
  points: number;
  refunds: number;
  refundedCash: number;
  refundedPointsValue: number;
}

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
    const seenCampaigns = new Set<number>();
    const listings: ListingChange[] = lines.map((l) => {
      const share = shareOfUnits(goodsOf(order), lines, new Map([[l.id, l.quantity]]));
      const campaignId = l.campaignId ?? 0;
      // The first line of each campaign in the order counts the order for that campaign.
      const first = !seenCampaigns.has(campaignId);
      seenCampaigns.add(campaignId);
      return {
        listingId: l.listingId,
        campaignId,
        title: l.title,
        quantity: l.quantity,
        pointsValueFen: share.pointsValueFen,
        cashFen: share.cashFen,
        points: share.points,
        campaignOrders: first ? 1 : 0,
      };
    });
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
    const mall: MallChange = {
      orders: 1,
      cash: order.cashFen,
      pointsValue: order.pointsValueFen,
      points: order.totalPoints,
      refunds: 0,
      refundedCash: 0,
      refundedPointsValue: 0,
    };
    if (await this.addToExistingRows(order, at, listings, suppliers, mall)) return;
    await this.addListingDays(order, at, listings);
    await this.addSupplierDays(at, suppliers);
    // The mall's hour last: every purchase in the mall shares that row, so its lock is held shortest.
    await this.addMallHour(order, at, mall);
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
    listings: ListingChange[],
    suppliers: { supplierId: number; orders: number; units: number; salesFen: number }[],
    mall: MallChange,
  ): Promise<boolean> {
    if (!isMySql(this.tx)) return false;
    const byListing = `CASE ld.listing_id ${listings.map(() => 'WHEN ? THEN ?').join(' ')} END`;
    const listingParams = (
      column: 'quantity' | 'pointsValueFen' | 'cashFen' | 'points' | 'campaignOrders' | 'campaignId',
    ) => listings.flatMap((l) => [l.listingId, l[column]]);
    const bySupplier = `CASE sd.supplier_id ${suppliers.map(() => 'WHEN ? THEN ?').join(' ')} END`;
    const supplierParams = (column: 'orders' | 'units' | 'salesFen') =>
      suppliers.flatMap((x) => [x.supplierId, x[column]]);
    const expected = listings.length + suppliers.length + 1;
    const update = (tx: SqlEntityManager) =>
      affectedRows(
        tx,
        `UPDATE report_listing_day ld STRAIGHT_JOIN report_supplier_day sd STRAIGHT_JOIN report_mall_hour mh
         SET ld.quantity = ld.quantity + ${byListing},
             ld.points_value_fen = ld.points_value_fen + ${byListing},
             ld.cash_fen = ld.cash_fen + ${byListing}, ld.points = ld.points + ${byListing},
             ld.campaign_orders = ld.campaign_orders + ${byListing},
             sd.orders = sd.orders + ${bySupplier}, sd.units = sd.units + ${bySupplier},
             sd.sales_fen = sd.sales_fen + ${bySupplier},
             mh.orders = mh.orders + ?, mh.gmv_cash_fen = mh.gmv_cash_fen + ?,
             mh.gmv_points_value_fen = mh.gmv_points_value_fen + ?, mh.points_redeemed = mh.points_redeemed + ?,
             mh.changes = mh.changes + 1
         WHERE ld.bank_id = ? AND ld.listing_id IN (${placeholders(listings.length)}) AND ld.day = ?
           AND ld.campaign_id = ${byListing}
           AND sd.supplier_id IN (${placeholders(suppliers.length)}) AND sd.day = ?
           AND mh.bank_id = ? AND mh.mall_id = ? AND mh.hour = ? AND mh.tier_id = ?`,
        [
          ...listingParams('quantity'),
          ...listingParams('pointsValueFen'),
          ...listingParams('cashFen'),
          ...listingParams('points'),
          ...listingParams('campaignOrders'),
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
          ...listingParams('campaignId'),
          ...suppliers.map((x) => x.supplierId),
          dayOf(at),
          order.bankId,
          order.mallId,
          this.tx.getPlatform().processDateProperty(hourOf(at)),
          order.tierId ?? 0,
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
   * hour (and counts the refund there), the units and their value off each listing's day, and the
   * sales off the supplier's day — all in the period of the refund. Each line gives back the
   * difference its refunded units make to its share, so a fully refunded line nets to zero.
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
        const before = shareOfUnits(goodsOf(order), lines, new Map([[l.id, l.refundedQuantity]]));
        const after = shareOfUnits(goodsOf(order), lines, new Map([[l.id, l.refundedQuantity + r.quantity]]));
        return {
          listingId: l.listingId,
          campaignId: l.campaignId ?? 0,
          title: l.title,
          quantity: -r.quantity,
          pointsValueFen: before.pointsValueFen - after.pointsValueFen,
          cashFen: before.cashFen - after.cashFen,
          points: before.points - after.points,
          campaignOrders: 0,
        };
      }),
    );
    await this.addSupplierDays(at, [{ supplierId, orders: 0, units: -units, salesFen: -salesFen }]);
    // Same order as orderPaid (the mall's hour last), so the two never wait on each other crosswise.
    await this.addMallHour(order, at, {
      orders: 0,
      cash: -amounts.cashFen,
      pointsValue: -amounts.pointsValueFen,
      points: -amounts.points,
      refunds: 1,
      refundedCash: amounts.cashFen,
      refundedPointsValue: amounts.pointsValueFen,
    });
  }

  private async addListingDays(order: Order, at: Date, changes: ListingChange[]): Promise<void> {
    const day = localDay(at, order.timeZone); // the bank's day
    await upsertAdding(
      this.tx,
      'report_listing_day',
      changes.map((c) => ({
        bank_id: order.bankId,
        mall_id: order.mallId,
        listing_id: c.listingId,
        day,
        campaign_id: c.campaignId,
        title: c.title.slice(0, 200),
        quantity: c.quantity,
        points_value_fen: c.pointsValueFen,
        cash_fen: c.cashFen,
        points: c.points,
        campaign_orders: c.campaignOrders,
      })),
      ['bank_id', 'listing_id', 'day', 'campaign_id'],
      ['quantity', 'points_value_fen', 'cash_fen', 'points', 'campaign_orders'],
    );
  }

  private async addMallHour(order: Order, at: Date, d: MallChange): Promise<void> {
    await upsertAdding(
      this.tx,
      'report_mall_hour',
      [
        {
          bank_id: order.bankId,
          mall_id: order.mallId,
          hour: this.tx.getPlatform().processDateProperty(hourOf(at)),
          tier_id: order.tierId ?? 0,
          orders: d.orders,
          gmv_cash_fen: d.cash,
          gmv_points_value_fen: d.pointsValue,
          points_redeemed: d.points,
          refunds: d.refunds,
          refunded_cash_fen: d.refundedCash,
          refunded_points_value_fen: d.refundedPointsValue,
          changes: 1,
        },
      ],
      ['bank_id', 'mall_id', 'hour', 'tier_id'],
      [
        'orders',
        'gmv_cash_fen',
        'gmv_points_value_fen',
        'points_redeemed',
        'refunds',
        'refunded_cash_fen',
        'refunded_points_value_fen',
        'changes',
      ],
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
