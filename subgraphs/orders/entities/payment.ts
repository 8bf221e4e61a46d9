import { Entity, Property, Unique, BigIntType } from '@mikro-orm/core';
import { IdKey } from '../../../core/entity';

/** A cash payment the bank's channel collected for an order; its reference is unique per bank. */
@Entity({ tableName: 'payment' })
@Unique({ properties: ['bankId', 'paymentRef'] })
export class Payment {
  @IdKey()
  id!: number;

  @Property({ type: 'integer', unique: true })
  orderId!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'string', length: 128 })
  paymentRef!: string;

  @Property({ type: new BigIntType('number') })
  amountFen!: number;

  @Property({ type: 'datetime' })
  confirmedAt: Date = new Date();
}
