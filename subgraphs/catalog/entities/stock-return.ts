import { Entity, Property, Unique } from '@mikro-orm/core';
import { IdKey, CreatedAt } from '../../../core/entity';

/**
 * Goods an order gave back (a refund with restock). The unique key makes a replayed restock add
 * nothing; the sum per order and SKU never exceeds what the order committed.
 */
@Entity({ tableName: 'stock_return' })
@Unique({ name: 'stock_return_once', properties: ['orderId', 'refundId', 'skuId'] })
export class StockReturn {
  @IdKey()
  id!: number;

  @Property({ type: 'string', length: 64 })
  orderId!: string;

  @Property({ type: 'string', length: 64 })
  refundId!: string;

  @Property({ type: 'integer' })
  skuId!: number;

  @Property({ type: 'integer' })
  quantity!: number;

  @CreatedAt()
  createdAt: Date = new Date();
}
