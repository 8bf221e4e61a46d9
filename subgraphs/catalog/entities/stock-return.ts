import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * Goods an order gave back (a refund with restock). The unique key makes a replayed restock add
 * nothing; the sum per order and SKU never exceeds what the order committed.
 */
@Entity({ tableName: 'stock_return' })
@Unique({ name: 'stock_return_once', properties: ['orderId', 'refundId', 'skuId'] })
export class StockReturn {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64 })
  orderId!: string;

  @Property({ type: 'string', length: 64 })
  refundId!: string;

  @Property({ type: 'integer' })
  skuId!: number;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
