import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

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
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => ID)
  id!: number;

  @Property({ type: 'integer' })
  orderId!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  customerId!: number;

  @Enum({ items: () => SupplierOrderStatus, type: 'string', length: 24 })
  @Field(() => SupplierOrderStatus)
  status!: SupplierOrderStatus;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();
}
