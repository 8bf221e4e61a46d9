import { Entity, Formula, Index, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdKey, CreatedAt, UpdatedAt, EnumColumn } from '../../../core/entity';

/**
 * Stock of one SKU. Changed only by conditional UPDATEs (`available >= n`), never read-modify-write:
 * `available` can be sold, `reserved` is held by orders awaiting commit.
 */
@Entity({ tableName: 'stock' })
// The platform's pool health reads the out-of-stock rows only (services/pool-health.service.ts).
@Index({ name: 'stock_available', properties: ['available'] })
@ObjectType({ description: 'Stock of one SKU.' })
export class Stock {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  skuId!: number;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, {
    description:
      'Units that can be sold now. For a card SKU: the unissued, unheld codes of its pool (shared by every SKU of the kind).',
  })
  available: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, {
    description: 'Units held by orders awaiting payment or commit (for a card SKU: codes its checkouts hold).',
  })
  reserved: number = 0;

  @Property({ type: 'integer', default: 5 })
  @Field(() => Int, { description: 'At or below this many available units the SKU counts as low stock.' })
  lowStockThreshold: number = 5;

  @UpdatedAt({ field: 'When stock last changed.' })
  updatedAt: Date = new Date();

  /**
   * Bumped whenever `available` crosses zero (either way), in the statement that moved it: banks'
   * copies of "in stock" keep it, so an older announcement never overwrites a newer one
   * (services/stock-availability.ts). A card SKU's is its kind's.
   */
  @Property({ type: 'integer', default: 0 })
  availabilityVersion: number & Opt = 0;

  /**
   * For a card SKU, the AVAILABLE codes of its kind (its real available stock) — the kind's
   * `available_codes` counter, one primary-key lookup however big the pool; null for goods.
   * Loaded only when asked for (`populate: ['poolAvailable']`), in the same statement as the row.
   */
  @Formula(
    (alias) =>
      `(select k.available_codes from sku s join virtual_card_kind k on k.id = s.virtual_card_kind_id where s.id = ${alias}.sku_id)`,
    { type: 'integer', lazy: true, nullable: true },
  )
  poolAvailable?: number | null;
}

export enum StockAdjustmentMode {
  SET = 'SET',
  DELTA = 'DELTA',
}
registerEnumType(StockAdjustmentMode, {
  name: 'StockAdjustmentMode',
  description: 'SET replaces available units; DELTA adds (or, negative, removes) units.',
});

/** Audit trail: one immutable row per manual stock adjustment, with who, why, and before/after. */
@Entity({ tableName: 'stock_adjustment' })
@Index({ name: 'stock_adjustment_sku', properties: ['skuId', 'id'] })
@ObjectType({ description: 'One manual stock adjustment (the audit trail).' })
export class StockAdjustment {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  skuId!: number;

  @EnumColumn(() => StockAdjustmentMode, { length: 8, field: 'How the adjustment was requested.' })
  mode!: StockAdjustmentMode;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Change to available units.' })
  delta!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Available units before.' })
  availableBefore!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Available units after.' })
  availableAfter!: number;

  @Property({ type: 'string', length: 500 })
  @Field(() => String, { description: 'Why, as given by the person adjusting.' })
  reason!: string;

  @Property({ type: 'string', length: 120 })
  @Field(() => String, { description: 'Who adjusted (role:subject).' })
  actor!: string;

  @CreatedAt({ field: 'When.' })
  createdAt: Date = new Date();
}

export enum ReservationState {
  RESERVED = 'RESERVED',
  COMMITTED = 'COMMITTED',
  RELEASED = 'RELEASED',
}
registerEnumType(ReservationState, {
  name: 'ReservationState',
  description: 'RESERVED holds units; COMMITTED means they left stock; RELEASED gave them back.',
});

/**
 * One order's hold on one SKU. The unique (orderId, skuId) key makes every saga step idempotent on
 * the order id; state moves only by conditional UPDATEs (`WHERE state = 'RESERVED'`).
 */
@Entity({ tableName: 'stock_reservation' })
@Unique({ name: 'stock_reservation_order_sku', properties: ['orderId', 'skuId'] })
export class StockReservation {
  @IdKey()
  id!: number;

  @Property({ type: 'string', length: 64 })
  orderId!: string;

  @Property({ type: 'integer' })
  skuId!: number;

  @Property({ type: 'integer' })
  quantity!: number;

  @EnumColumn(() => ReservationState, { length: 16 })
  state: ReservationState = ReservationState.RESERVED;

  @CreatedAt()
  createdAt: Date = new Date();

  @UpdatedAt()
  updatedAt: Date = new Date();
}
