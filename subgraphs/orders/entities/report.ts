import { Entity, Property, Unique } from '@mikro-orm/core';
import { IdKey } from '../../../core/entity';

/**
 * Sales aggregated per bank × mall × hour, maintained incrementally in the same transaction as the
 * order change (upsert with `+ n`), so reports read a few rows whatever the number of orders.
 */
@Entity({ tableName: 'report_mall_hour' })
@Unique({ properties: ['bankId', 'mallId', 'hour'] })
export class MallHourReport {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  mallId!: number;

  @Property({ type: 'datetime' })
  hour!: Date;

  @Property({ type: 'integer', default: 0 })
  orders: number = 0;

  @Property({ type: 'bigint', default: 0 })
  gmvCashFen: string = '0';

  @Property({ type: 'bigint', default: 0 })
  gmvPointsValueFen: string = '0';

  @Property({ type: 'bigint', default: 0 })
  pointsRedeemed: string = '0';
}

/** Units and value per listing per day of the bank (its time zone), for "top listings". */
@Entity({ tableName: 'report_listing_day' })
@Unique({ properties: ['bankId', 'listingId', 'day'] })
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

  @Property({ type: 'integer', default: 0 })
  quantity: number = 0;

  @Property({ type: 'bigint', default: 0 })
  pointsValueFen: string = '0';
}

/** A supplier's sales per UTC day at supplier price. */
@Entity({ tableName: 'report_supplier_day' })
@Unique({ properties: ['supplierId', 'day'] })
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
