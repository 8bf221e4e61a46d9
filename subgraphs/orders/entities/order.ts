import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum OrderStatus {
  PENDING_PAYMENT = 'PENDING_PAYMENT',
  PAID = 'PAID',
  CANCELLED = 'CANCELLED',
  COMPLETED = 'COMPLETED',
}
registerEnumType(OrderStatus, { name: 'OrderStatus' });

/** A customer's order in one mall; split into one SupplierOrder per supplier. */
@Entity({ tableName: 'customer_order' })
@Index({ name: 'order_customer_newest', properties: ['customerId', 'id'] })
@ObjectType({ description: "A customer's order." })
@Directive('@key(fields: "id")')
export class Order {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => ID)
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  bankId!: number;

  @Property({ type: 'integer' })
  mallId!: number;

  @Property({ type: 'integer' })
  customerId!: number;

  @Enum({ items: () => OrderStatus, type: 'string', length: 24 })
  @Field(() => OrderStatus)
  status!: OrderStatus;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Points paid.' })
  totalPoints: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Cash paid, in fen.' })
  totalFen: number = 0;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  @Field(() => Date)
  createdAt: Date = new Date();
}
