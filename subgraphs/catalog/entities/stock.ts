import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';

/**
 * Stock of one SKU. Changed only by conditional UPDATEs (`available >= n`), never read-modify-write:
 * `available` can be sold, `reserved` is held by orders awaiting commit.
 */
@Entity({ tableName: 'stock' })
@ObjectType({ description: 'Stock of one SKU.' })
export class Stock {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  skuId!: number;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Units that can be sold now.' })
  available: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Units held by orders awaiting payment or commit.' })
  reserved: number = 0;

  @Property({ type: 'integer', default: 5 })
  @Field(() => Int, { description: 'At or below this many available units the SKU counts as low stock.' })
  lowStockThreshold: number = 5;

  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  @Field(() => Date)
  updatedAt: Date = new Date();
}
