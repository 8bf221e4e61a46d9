import { Entity, Index, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { IdKey } from '../../../core/entity';

/**
 * A card code delivered to a customer: which code (by id; the code itself stays encrypted in the
 * catalog), to whom, when, and when the customer first revealed it.
 */
@Entity({ tableName: 'virtual_delivery' })
@Index({ name: 'virtual_delivery_customer', properties: ['customerId', 'id'] })
@ObjectType({ description: 'A virtual card code delivered to a customer; reveal it with revealVirtualCard.' })
@Directive('@key(fields: "id")')
export class VirtualDelivery {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  /** Catalog's code id: the idempotency key of `recordVirtualDeliveries`. */
  @Property({ type: 'integer', unique: true })
  @Field(() => ID, { description: 'The code (as in Order.cardCodes); reveal it with revealVirtualCard.' })
  codeId!: number;

  @Property({ type: 'integer' })
  @Index()
  orderId!: number;

  @Property({ type: 'integer' })
  @Field(() => ID, { description: 'The order line the code was issued for.' })
  orderLineId!: number;

  @Property({ type: 'integer' })
  skuId!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  customerId!: number;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When the code was issued to the customer.' })
  deliveredAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the code stops being valid.' })
  expiresAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the customer first revealed the code (null: never).' })
  firstRevealedAt?: Date | null;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'How many times the code has been revealed.' })
  revealCount: number = 0;
}
