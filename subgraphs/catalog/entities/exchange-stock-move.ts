import { Entity, Property, Unique } from '@mikro-orm/core';
import { CreatedAt, EnumColumn, IdKey } from '../../../core/entity';

/** What an exchange does to a SKU's stock. */
export enum ExchangeStockMoveKind {
  /** The replacement's units left stock when the supplier shipped it. */
  REPLACEMENT_TAKEN = 'REPLACEMENT_TAKEN',
  /** The returned units went back on sale (the supplier found them resellable on inspection). */
  RETURN_RESOLD = 'RETURN_RESOLD',
}

/**
 * One stock move of an exchange (orders' return request): once per (return, SKU, kind), so a
 * replayed call moves nothing. Apart from `stock_return` (refunds' restock), which caps what an
 * order gives back at what it committed: a replacement is a unit the order never committed.
 */
@Entity({ tableName: 'exchange_stock_move' })
@Unique({ name: 'exchange_stock_move_once', properties: ['returnRequestId', 'skuId', 'kind'] })
export class ExchangeStockMove {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  returnRequestId!: number;

  @Property({ type: 'integer' })
  skuId!: number;

  @EnumColumn(() => ExchangeStockMoveKind, { length: 24 })
  kind!: ExchangeStockMoveKind;

  @Property({ type: 'integer' })
  quantity!: number;

  @CreatedAt()
  createdAt: Date = new Date();
}
