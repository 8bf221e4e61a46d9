import { Entity, Index, Property, Unique, type Opt } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdKey, CreatedAt, EnumColumn } from '../../../core/entity';

export enum SupplierOrderStatus {
  PENDING_PAYMENT = 'PENDING_PAYMENT',
  PAID = 'PAID',
  PARTIALLY_SHIPPED = 'PARTIALLY_SHIPPED',
  SHIPPED = 'SHIPPED',
  DELIVERED = 'DELIVERED',
  CANCELLED = 'CANCELLED',
  FAILED = 'FAILED',
}
registerEnumType(SupplierOrderStatus, { name: 'SupplierOrderStatus' });

/** The part of an order one supplier fulfils; suppliers see only their own. */
@Entity({ tableName: 'supplier_order' })
@Unique({ properties: ['orderId', 'supplierId'] })
@Index({ name: 'supplier_order_queue', properties: ['supplierId', 'status', 'id'] })
@ObjectType({ description: 'The part of an order one supplier fulfils.' })
@Directive('@key(fields: "id")')
export class SupplierOrder {
  @IdKey({ field: true })
  id!: number;

  @Property({ type: 'integer' })
  orderId!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  customerId!: number;

  @EnumColumn(() => SupplierOrderStatus, { length: 24, field: true })
  status!: SupplierOrderStatus;

  /**
   * The supplier's shipping fee charged for this supplier order, in fen: its fee once when it holds
   * physical goods, 0 when their value reached the supplier's free-shipping threshold, a benefit
   * waived it, or it holds only virtual goods. Refunded only with the whole supplier order before it ships.
   */
  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Shipping fee charged for this supplier order, in fen (cash; 0: none).' })
  shippingFen: number & Opt = 0;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When its last units shipped (logistics reported SHIPPED); null before, or when delivery came first.',
  })
  shippedAt?: Date | null;

  @CreatedAt({ field: true })
  createdAt: Date = new Date();
}
