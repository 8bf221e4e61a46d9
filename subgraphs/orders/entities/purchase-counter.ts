import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Units of a listing a customer has bought in live orders, kept with a conditional UPDATE
 * (`quantity + n <= limit`) so concurrent checkouts cannot pass a purchase limit together.
 */
@Entity({ tableName: 'purchase_counter' })
export class PurchaseCounter {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  customerId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  listingId!: number;

  @Property({ type: 'integer', default: 0 })
  quantity: number = 0;
}
