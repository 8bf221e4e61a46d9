import { Entity, Property, Unique, BigIntType } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { IdKey, CreatedAt, EnumColumn } from '../../../core/entity';

export enum BankEventType {
  /** An event that may earn points (a deposit, a card payment, a fee paid). */
  EARN = 'EARN',
  /** Undoes an earlier EARN event of the same bank (an early withdrawal, a refunded card payment). */
  REVERSAL = 'REVERSAL',
}
registerEnumType(BankEventType, {
  name: 'BankEventType',
  description:
    'EARN: may earn points; REVERSAL: undoes an earlier event (unpaid installments cancelled, per rule paid points clawed back).',
});

/** A core-banking event as the bank posted it; (bank, idempotency key) is unique. */
@Entity({ tableName: 'bank_event' })
@Unique({ name: 'bank_event_idempotency', properties: ['bankId', 'idempotencyKey'] })
@Unique({ name: 'bank_event_reversal', properties: ['reversesEventId'] })
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

  @EnumColumn(() => BankEventType, { length: 16 })
  type: BankEventType = BankEventType.EARN;

  /** REVERSAL: the event it undoes (at most one reversal per event). */
  @Property({ type: 'integer', nullable: true })
  reversesEventId?: number | null;

  /** REVERSAL: installments not yet paid that it cancelled (points never credited). */
  @Property({ type: new BigIntType('number'), default: 0 })
  pointsCancelled: number = 0;

  /** REVERSAL: points already paid that it debited again (redeemable and tier). */
  @Property({ type: new BigIntType('number'), default: 0 })
  pointsClawedBack: number = 0;

  /** REVERSAL: paid points it should have debited but the balance no longer held (spent already). */
  @Property({ type: new BigIntType('number'), default: 0 })
  pointsUnrecovered: number = 0;

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

  /** Set when a reversal of the event cancelled the installment before it was paid; never paid then. */
  @Property({ type: 'datetime', nullable: true })
  cancelledAt?: Date | null;
}
