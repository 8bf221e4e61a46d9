import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
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

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  deliveredAt?: Date | null;

  @CreatedAt({ field: true })
  createdAt: Date = new Date();
}
