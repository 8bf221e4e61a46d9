import { Entity, Index, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EnumColumn, IdKey } from '../../../core/entity';
import { DeliveryMode } from '../../../core/perk-delivery';

export enum PerkDeliveryState {
  PROCESSING = 'PROCESSING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(PerkDeliveryState, {
  name: 'PerkDeliveryState',
  description:
    'One unit of a perk: PROCESSING while the partner or the bank delivers it, then DELIVERED or FAILED (a failed unit is refunded automatically).',
});

/**
 * One unit of an order line delivered by the supplier's API (DIRECT_TOPUP, PARTNER_ISSUED) or the
 * bank's systems (BANK_SYSTEM): the durable job's row. `idempotencyKey` (`pm-<orderLineId>-<unitIndex>`)
 * is unique, so the unit exists once however often orders asks, and the partner issues it at most
 * once. The job claims a due row with a conditional UPDATE (`claimed_until`), so two processes never
 * work one unit; `sent_at` set before the first request means a unit whose answer was lost is
 * queried before it is ever sent again.
 */
@Entity({ tableName: 'perk_delivery' })
@Index({ name: 'perk_delivery_due', properties: ['state', 'nextAttemptAt'] })
@ObjectType({ description: 'One unit of a perk delivered by a partner or the bank, with its state.' })
@Directive('@key(fields: "id")')
export class PerkDelivery {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'string', length: 64, unique: true })
  @Field(() => String, { description: 'The idempotency key sent to the partner: pm-<orderLineId>-<unitIndex>.' })
  idempotencyKey!: string;

  @Property({ type: 'integer' })
  @Index()
  orderId!: number;

  @Property({ type: 'integer' })
  @Field(() => ID, { description: 'The order line.' })
  orderLineId!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'The unit within the line, from 0.' })
  unitIndex!: number;

  @Property({ type: 'integer' })
  supplierOrderId!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  customerId!: number;

  @Property({ type: 'integer' })
  skuId!: number;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'The SKU title at the time of the order.' })
  title!: string;

  @EnumColumn(() => DeliveryMode, { length: 16, field: 'How it is delivered.' })
  mode!: DeliveryMode;

  @Property({ type: 'string', length: 64, nullable: true })
  partnerProductCode?: string | null;

  /** DIRECT_TOPUP: the customer's account at the partner (personal data; shown by orders, masked). */
  @Property({ type: 'string', length: 128, nullable: true })
  recipientAccount?: string | null;

  @EnumColumn(() => PerkDeliveryState, { length: 16, field: 'PROCESSING, then DELIVERED or FAILED.' })
  state: PerkDeliveryState = PerkDeliveryState.PROCESSING;

  /** Requests and queries made so far (drives the backoff). */
  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  /** When the job next looks at the unit (null: it waits for someone else — the bank's acknowledgement). */
  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  claimedUntil?: Date | null;

  /** Set before the first issue request: from then on an unknown outcome is queried before any re-send. */
  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  /** After this an unknown outcome is only queried, never re-sent; a partner that never saw it → FAILED. */
  @Property({ type: 'datetime' })
  deadlineAt!: Date;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  @Field(() => String, { nullable: true, description: "The partner's (or the bank's) reference for the delivery." })
  partnerRef?: string | null;

  /** PARTNER_ISSUED: the voucher code and link, sealed (only the customer sees them). */
  @Property({ type: 'text', nullable: true })
  voucherSealed?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the voucher stops being valid (if the partner says).' })
  voucherExpiresAt?: Date | null;

  @Property({ type: 'string', length: 300, nullable: true })
  @Field(() => String, { nullable: true, description: 'FAILED: why.' })
  failureReason?: string | null;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When the unit was paid for.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was DELIVERED or FAILED.' })
  settledAt?: Date | null;
}
