import { Entity, Index, OptionalProps, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BANK_NOTIFICATION_TYPES, type BankNotificationType } from '../../../core/bank-notifications';
import { auditOptions } from '../../../core/audit';
import { IdKey, CreatedAt, EnumColumn, UpdatedAt } from '../../../core/entity';

/** The events a webhook endpoint may choose (core/bank-notifications.ts). */
export const WebhookEventType = Object.fromEntries(BANK_NOTIFICATION_TYPES.map((t) => [t, t])) as {
  [K in BankNotificationType]: K;
};
registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: "An event a bank's systems may receive by webhook.",
  valuesConfig: {
    ORDER_PAID: { description: 'A customer’s order was paid and confirmed.' },
    ORDER_DELIVERED: { description: 'An order (or one supplier’s part of it) was delivered.' },
    ORDER_REFUNDED: { description: 'Money or points were refunded on an order.' },
    POINTS_EARNED: { description: 'A customer earned points.' },
    POINTS_SPENT: { description: 'A customer’s points were spent on an order.' },
    POINTS_EXPIRED: { description: 'A customer’s points expired.' },
    TIER_CHANGED: { description: 'A customer’s tier changed.' },
    PERK_ISSUED: { description: 'A perk was issued to a customer by a partner.' },
    FINANCIAL_PERK_REQUESTED: { description: 'A financial-attribute perk awaits the bank’s own systems.' },
    LISTING_PRICE_GUARD: {
      description:
        'A supplier price change put a listing below cost or below the bank’s margin rule; the listing was paused or flagged.',
    },
  },
});

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a webhook delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not yet answered with 2xx; retried with backoff.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Still refused a day after it was created (or redelivered); redeliver by hand.' },
  },
});

/** A URL of a bank's system that receives the events it chose, signed with its own secret. */
@Entity({ tableName: 'webhook_endpoint' })
@ObjectType({ description: "A bank's webhook endpoint: a URL that receives the events it chose, signed." })
export class WebhookEndpoint {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'enabled' | 'description' | 'secretRotatedAt';

  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  bankId!: number;

  @Property({ type: 'string', length: 500 })
  @Field(() => String, { description: 'Where events are POSTed (http or https).' })
  url!: string;

  /** Comma-separated WebhookEventType names, in the canonical order. */
  @Property({ type: 'string', length: 400 })
  eventTypeList!: string;

  /** The signing secret, sealed (core/sealed-box.ts) and bound to its bank and endpoint. */
  @Property({ type: 'string', length: 255 })
  secretSealed!: string;

  @Property({ type: 'boolean', default: true })
  @Field(() => Boolean, { description: 'False: no new deliveries are made for it (pending ones wait).' })
  enabled: boolean = true;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'What the endpoint is for, for operators.' })
  description?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the secret was last rotated.' })
  secretRotatedAt?: Date | null = null;

  @CreatedAt({ field: 'When it was created (UTC).' })
  createdAt: Date = new Date();

  @UpdatedAt({ field: 'When it last changed (UTC).' })
  updatedAt: Date = new Date();
}

auditOptions(WebhookEndpoint, { redact: ['secretSealed'] });

/** One event for one endpoint: what is sent, and how sending it has gone. */
@Entity({ tableName: 'webhook_delivery' })
@Unique({ name: 'webhook_delivery_event', properties: ['endpointId', 'eventId'] })
@Index({ name: 'webhook_delivery_due', properties: ['status', 'nextAttemptAt'] })
@Index({ name: 'webhook_delivery_bank', properties: ['bankId', 'id'] })
@Index({ name: 'webhook_delivery_endpoint', properties: ['endpointId', 'id'] })
@ObjectType({ description: 'One event sent (or to be sent) to one webhook endpoint, with how it went.' })
export class WebhookDelivery {
  [OptionalProps]?:
    'createdAt' | 'attempts' | 'claimedUntil' | 'claimToken' | 'lastStatusCode' | 'lastError' | 'deliveredAt';

  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  endpointId!: number;

  @Property({ type: 'string', length: 40 })
  @Field(() => String, {
    description: 'The event id (X-Perkmall-Event-Id): the same for every endpoint and every attempt.',
  })
  eventId!: string;

  @EnumColumn(() => WebhookEventType, { length: 40, field: 'The event.' })
  eventType!: BankNotificationType;

  /** The exact JSON body sent, the same on every attempt. */
  @Property({ type: 'text' })
  @Field(() => String, { description: 'The JSON body POSTed: { id, type, occurredAt, bankId, data }.' })
  payload!: string;

  @EnumColumn(() => WebhookDeliveryStatus, { length: 20, field: 'Where it stands.' })
  status!: WebhookDeliveryStatus;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts: number = 0;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When the next attempt is due (while PENDING).' })
  nextAttemptAt!: Date;

  /** Retries stop (FAILED) once the next one would come after this: a day after creation or redelivery. */
  @Property({ type: 'datetime' })
  giveUpAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  claimedUntil?: Date | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  claimToken?: string | null = null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last answer (null: none, e.g. a timeout).' })
  lastStatusCode?: number | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (truncated).' })
  lastError?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the endpoint answered 2xx.' })
  deliveredAt?: Date | null = null;

  @CreatedAt({ field: 'When it was created (UTC).' })
  createdAt: Date = new Date();
}

// Deliveries are the dispatcher's bookkeeping, not a person's change.
auditOptions(WebhookDelivery, { skip: true });

export function eventTypesOf(endpoint: Pick<WebhookEndpoint, 'eventTypeList'>): BankNotificationType[] {
  const list = endpoint.eventTypeList.split(',');
  return BANK_NOTIFICATION_TYPES.filter((t) => list.includes(t));
}
