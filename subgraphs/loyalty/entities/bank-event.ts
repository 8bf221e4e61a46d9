import { Entity, Property, Unique, BigIntType } from '@mikro-orm/core';
import { IdKey, CreatedAt } from '../../../core/entity';

/** A core-banking event as the bank posted it; (bank, idempotency key) is unique. */
@Entity({ tableName: 'bank_event' })
@Unique({ name: 'bank_event_idempotency', properties: ['bankId', 'idempotencyKey'] })
export class BankEvent {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  customerId!: number;

  @Property({ type: 'string', length: 64 })
  product!: string;

  @Property({ type: 'bigint' })
  amountFen!: string;

  @Property({ type: 'string', length: 16, nullable: true })
  merchantCategory?: string | null;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Property({ type: 'string', length: 128 })
  idempotencyKey!: string;

  /** Points this event earned now plus those scheduled for later installments. */
  @Property({ type: new BigIntType('number'), default: 0 })
  pointsAwarded: number = 0;

  @Property({ type: new BigIntType('number'), default: 0 })
  tierPointsAwarded: number = 0;

  @CreatedAt()
  createdAt: Date = new Date();
}

/** A later installment of a MONTHLY rule; paid by the payout sweep, once. */
@Entity({ tableName: 'scheduled_payout' })
@Unique({ name: 'payout_installment', properties: ['eventId', 'ruleId', 'installment'] })
export class ScheduledPayout {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  eventId!: number;

  @Property({ type: 'integer' })
  ruleId!: number;

  @Property({ type: 'integer' })
  accountId!: number;

  @Property({ type: 'integer' })
  installment!: number;

  @Property({ type: new BigIntType('number') })
  points!: number;

  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  paidAt?: Date | null;
}
