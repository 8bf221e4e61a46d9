import { Entity, Index, Property, Unique, type Opt, BigIntType } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { IdKey, CreatedAt, EnumColumn } from '../../../core/entity';
import { ActedBy } from './refund';
import { auditOptions } from '../../../core/audit';

export enum OrderStatus {
  /** Priced and recorded; stock and points are being reserved. */
  PENDING = 'PENDING',
  PENDING_PAYMENT = 'PENDING_PAYMENT',
  PAID = 'PAID',
  COMPLETED = 'COMPLETED',
  /** Checkout could not complete; everything reserved was given back. */
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(OrderStatus, { name: 'OrderStatus', description: 'Where an order stands.' });

export interface ShippingAddress {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  postalCode?: string | null;
}

/**
 * A customer's order in one mall. The checkout saga's progress is recorded on the row (which steps
 * are done), so a crash at any point can be repaired by the recovery sweep: each step is
 * idempotent on the order id, and these flags say which steps to undo or finish.
 */
@Entity({ tableName: 'customer_order' })
@Unique({ name: 'order_idempotency', properties: ['customerId', 'idempotencyKey'] })
// A bank's payment reference pays one order (it was a table of its own, `payment`, whose row repeated
// the order's; one INSERT fewer per payment pays for the payment's audit entries).
@Unique({ name: 'order_payment_ref', properties: ['bankId', 'paymentRef'] })
@Index({ name: 'order_customer_newest', properties: ['customerId', 'id'] })
@Index({ name: 'order_bank_newest', properties: ['bankId', 'id'] })
@Index({ name: 'order_bank_paid', properties: ['bankId', 'paidAt'] })
@Index({ name: 'order_status_updated', properties: ['status', 'updatedAt'] })
@Index({ name: 'order_recovery_due', properties: ['status', 'nextRecoveryAt'] })
@ObjectType({ description: "A customer's order in a mall, split into one supplier order per supplier." })
@Directive('@key(fields: "id")')
export class Order {
  @IdKey({ field: true })
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  mallId!: number;

  @Property({ type: 'integer' })
  customerId!: number;

  @Property({ type: 'integer', nullable: true })
  partnerAppId?: number | null;

  @Property({ type: 'string', length: 128 })
  idempotencyKey!: string;

  @EnumColumn(() => OrderStatus, { length: 24, field: true })
  status!: OrderStatus;

  /** Points for the points-priced parts plus points the customer applied to cash. */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Points paid (held until the order is paid, then spent).' })
  totalPoints: number = 0;

  /** Cash the customer still pays through the bank's channel, in fen. */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Cash to pay, in fen, after points applied.' })
  cashFen: number = 0;

  /** Suppliers' shipping fees within cashFen (points never pay them). */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, {
    description: "Suppliers' shipping fees, in fen, included in cashFen (paid in cash only, never with points).",
  })
  shippingFen: number & Opt = 0;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Points the customer chose to apply to cash prices.' })
  pointsAppliedToCash: number = 0;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Value of all points paid, in fen, at the bank’s points value.' })
  pointsValueFen: number = 0;

  /**
   * The bank's time zone when the order was placed (from the checkout quote): its report days and
   * settlement month are cut at local midnight there.
   */
  @Property({ type: 'string', length: 64, default: 'Asia/Shanghai' })
  timeZone: Opt<string> = 'Asia/Shanghai';

  /** The customer's tier when the order was priced (null: none), for the bank's sales by tier. */
  @Property({ type: 'integer', nullable: true })
  tierId?: number | null;

  /** The voucher the customer applied (null: none): reserved, released and given back with the order. */
  @Property({ type: 'integer', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The voucher applied at checkout (null: none).' })
  voucherId: number | null = null;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, {
    description:
      "What the voucher took off, in fen: already within the lines' discounts (DiscountSource VOUCHER), so cashFen is net of it.",
  })
  voucherDiscountFen: number & Opt = 0;

  @Property({ type: 'json', nullable: true })
  shippingAddress?: ShippingAddress | null;

  @Property({ type: 'boolean', default: false })
  stockReserved: boolean = false;

  @Property({ type: 'boolean', default: false })
  pointsHeld: boolean = false;

  /** Payment-time steps (commit stock, capture points, issue codes, open fulfilment) are all done. */
  @Property({ type: 'boolean', default: false })
  confirmed: boolean = false;

  /** A failed or cancelled order whose reservations have all been given back. */
  @Property({ type: 'boolean', default: false })
  compensated: boolean = false;

  @Property({ type: 'string', length: 300, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the order failed or was cancelled.' })
  failureReason?: string | null;

  @EnumColumn(() => ActedBy, {
    length: 24,
    nullable: true,
    field:
      "Who cancelled the order (CUSTOMER_SERVICE: the bank's customer service for the customer); null unless cancelled on request.",
  })
  cancelledBy?: ActedBy | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the shipping address was last changed after checkout.' })
  shippingAddressChangedAt?: Date | null;

  @EnumColumn(() => ActedBy, {
    length: 24,
    nullable: true,
    field: 'Who last changed the shipping address after checkout (null: never changed).',
  })
  shippingAddressChangedBy?: ActedBy | null;

  @Property({ type: 'string', length: 128, nullable: true })
  @Field(() => String, { nullable: true, description: "The bank channel's payment reference." })
  paymentRef?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'An unpaid order expires at this time.' })
  paymentDueAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  paidAt?: Date | null;

  /** Recovery-sweep attempts that failed (confirming a paid order, or giving back what a failed one holds). */
  @Property({ type: 'integer', default: 0 })
  recoveryAttempts: Opt<number> = 0;

  /** The sweep leaves the order alone until then (backoff after a failed attempt); null = due. */
  @Property({ type: 'datetime', nullable: true })
  nextRecoveryAt?: Date | null;

  @CreatedAt({ field: true })
  createdAt: Date = new Date();

  // Not `@UpdatedAt`: every status change sets it in order-lifecycle.ts, and the recovery sweep reads
  // it as "since when is this order stuck", so an unrelated ORM flush must not move it.
  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}

// The customer's address is personal data: the trail records that it changed (and who changed it), not the values.
auditOptions(Order, { redact: ['shippingAddress', 'shipping_address'] });
