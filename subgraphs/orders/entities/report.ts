import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { IdKey } from '../../../core/entity';

/**
 * Sales aggregated per bank × mall × UTC hour × customer tier, maintained incrementally in the same
 * transaction as the order change (upsert with `+ n`), so reports read a few rows whatever the
 * number of orders. Cash, points value and points are net of refunds (a refund is booked in the
 * hour it is booked); `orders` counts paid orders and is not reduced by refunds.
 */
@Entity({ tableName: 'report_mall_hour' })
@Unique({ name: 'report_mall_hour_key', properties: ['bankId', 'mallId', 'hour', 'tierId'] })
// The platform's marketplace figures read a range of hours across every bank.
@Index({ name: 'report_mall_hour_hour', properties: ['hour', 'bankId'] })
export class MallHourReport {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  mallId!: number;

  @Property({ type: 'datetime' })
  hour!: Date;

  /** The buyer's tier when the order was priced; 0 = no tier. */
  @Property({ type: 'integer', default: 0 })
  tierId: number = 0;

  @Property({ type: 'integer', default: 0 })
  orders: number = 0;

  @Property({ type: 'bigint', default: 0 })
  gmvCashFen: string = '0';

  @Property({ type: 'bigint', default: 0 })
  gmvPointsValueFen: string = '0';

  @Property({ type: 'bigint', default: 0 })
  pointsRedeemed: string = '0';

  /** Refunds booked in the hour, and what they gave back (already taken off the columns above). */
  @Property({ type: 'integer', default: 0 })
  refunds: number = 0;

  @Property({ type: 'bigint', default: 0 })
  refundedCashFen: string = '0';

  @Property({ type: 'bigint', default: 0 })
  refundedPointsValueFen: string = '0';

  /** Writes to the row (a sale or a refund each add 1): dashboards poll the sum to see that something changed. */
  @Property({ type: 'integer', default: 0 })
  changes: number = 0;
}

/**
 * Units and value per listing per day of the bank (its time zone) per campaign that priced it, for
 * "top listings" and "sales by campaign" (net of refunds).
 */
@Entity({ tableName: 'report_listing_day' })
@Unique({ name: 'report_listing_day_key', properties: ['bankId', 'listingId', 'day', 'campaignId'] })
@Index({ name: 'report_listing_day_bank_day', properties: ['bankId', 'day'] })
export class ListingDayReport {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  mallId!: number;

  @Property({ type: 'integer' })
  listingId!: number;

  @Property({ type: 'string', length: 10 })
  day!: string;

  /** The campaign whose price the line was sold at; 0 = the listing's own price. */
  @Property({ type: 'integer', default: 0 })
  campaignId: number = 0;

  /** The SKU title of the first line that created the row (for exports; the console reads the listing's own). */
  @Property({ type: 'string', length: 200, default: '' })
  title: string = '';

  @Property({ type: 'integer', default: 0 })
  quantity: number = 0;

  @Property({ type: 'bigint', default: 0 })
  pointsValueFen: string = '0';

  /** The line's share of the order's cash, fen. */
  @Property({ type: 'bigint', default: 0 })
  cashFen: string = '0';

  /** The line's share of the order's points. */
  @Property({ type: 'bigint', default: 0 })
  points: string = '0';

  /** Orders whose first line in this campaign is this row's listing: summed by campaign, orders with the campaign. */
  @Property({ type: 'integer', default: 0 })
  campaignOrders: number = 0;
}

/** A supplier's sales per UTC day at supplier price. */
@Entity({ tableName: 'report_supplier_day' })
@Unique({ properties: ['supplierId', 'day'] })
// The platform's marketplace figures read a range of days across every supplier.
@Index({ name: 'report_supplier_day_day', properties: ['day', 'supplierId'] })
export class SupplierDayReport {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  @Property({ type: 'string', length: 10 })
  day!: string;

  @Property({ type: 'integer', default: 0 })
  orders: number = 0;

  @Property({ type: 'integer', default: 0 })
  units: number = 0;

  @Property({ type: 'bigint', default: 0 })
  salesFen: string = '0';
}
