import { Entity, Index, Property, Unique, type Opt } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdKey, EnumColumn } from '../../../core/entity';

/** Where a supplier order is on its way to the customer; mirrors (and drives) orders' SupplierOrder status. */
export enum FulfilmentStatus {
  /** Paid, nothing shipped yet. */
  OPEN = 'OPEN',
  PARTIALLY_SHIPPED = 'PARTIALLY_SHIPPED',
  /** Every unit is in a shipment. */
  SHIPPED = 'SHIPPED',
  /** Every unit shipped and every shipment delivered. */
  DELIVERED = 'DELIVERED',
  /** Cancelled before anything shipped (by the customer, or every unit withdrawn); nothing more may ship. */
  CANCELLED = 'CANCELLED',
}
registerEnumType(FulfilmentStatus, {
  name: 'FulfilmentStatus',
  description: 'How far a supplier order has got on its way to the customer.',
});

export const FULFILMENT_RANK: Record<FulfilmentStatus, number> = {
  [FulfilmentStatus.OPEN]: 0,
  [FulfilmentStatus.PARTIALLY_SHIPPED]: 1,
  [FulfilmentStatus.SHIPPED]: 2,
  [FulfilmentStatus.DELIVERED]: 3,
  // Final: only an OPEN fulfilment can be cancelled, and nothing moves on from it.
  [FulfilmentStatus.CANCELLED]: 4,
};

/**
 * One per physical supplier order, opened when orders reports the order paid. It carries the
 * owners (bank, customer, supplier) so every visibility check is answered from this subgraph.
 */
@Entity({ tableName: 'fulfilment' })
@Index({ name: 'fulfilment_supplier_queue', properties: ['supplierId', 'status', 'id'] })
@Index({ name: 'fulfilment_supplier_placed', properties: ['supplierId', 'status', 'placedAt'] })
@ObjectType({ description: 'The delivery of one supplier order: what is to ship, what has shipped.' })
export class Fulfilment {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  /** Orders' SupplierOrder id: the idempotency key of `openFulfilments`. */
  @Property({ type: 'integer', unique: true })
  supplierOrderId!: number;

  @Property({ type: 'integer' })
  @Index()
  orderId!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  customerId!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  @EnumColumn(() => FulfilmentStatus, { length: 24, field: 'Shipping progress (never moves backwards).' })
  status: FulfilmentStatus = FulfilmentStatus.OPEN;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When the order was paid and handed to fulfilment.' })
  openedAt: Date = new Date();

  /**
   * When the supplier order was placed (orders' SupplierOrder.createdAt, sent with the paid order;
   * the opening time for fulfilments opened before it was sent): the pick list's time filter, the
   * same as the shipping list's.
   */
  @Property({ type: 'datetime', nullable: true })
  placedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the last shipment was delivered.' })
  deliveredAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When the order was cancelled before shipping (nothing may ship after).',
  })
  cancelledAt?: Date | null;
}

/** One order line of a fulfilment and how many of its units are already in shipments. */
@Entity({ tableName: 'fulfilment_line' })
@Unique({ name: 'fulfilment_line_order_line', properties: ['orderLineId'] })
@ObjectType({ description: 'An order line to ship, with the units already shipped.' })
export class FulfilmentLine {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  fulfilmentId!: number;

  @Property({ type: 'integer' })
  @Field(() => ID, { description: 'The order line (orders).' })
  orderLineId!: number;

  @Property({ type: 'integer' })
  skuId!: number;

  @Property({ type: 'string', length: 300 })
  @Field(() => String, { description: 'Title of the goods, as ordered.' })
  title!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Units ordered.' })
  quantity!: number;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Units already in shipments.' })
  shippedQuantity: number = 0;

  /** Units taken off before shipping (the supplier could not fill them, or the customer withdrew them). */
  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, {
    description:
      'Units withdrawn before shipping (cancelled by the supplier, or withdrawn by the customer) and refunded; they never ship.',
  })
  withdrawnQuantity: number & Opt = 0;
}

/**
 * One withdrawal of unshipped units of a fulfilment (a supplier's cancellation of lines it cannot
 * fill, or a customer's withdrawal of what has not shipped yet). Idempotent on the key orders
 * chooses: a retry returns the units this key took, and orders books one refund per key.
 */
@Entity({ tableName: 'fulfilment_withdrawal' })
export class FulfilmentWithdrawal {
  @IdKey()
  id!: number;

  @Property({ type: 'string', length: 64, unique: true })
  withdrawalKey!: string;

  @Property({ type: 'integer' })
  @Index()
  fulfilmentId!: number;

  @Property({ type: 'json' })
  lines!: { orderLineId: number; quantity: number }[];

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
