import { Entity, Index, Property, type Opt, BigIntType } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { IdKey, CreatedAt, EnumColumn } from '../../../core/entity';

export enum RefundState {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(RefundState, {
  name: 'RefundState',
  description: 'REQUESTED by the customer, then APPROVED (executed) or REJECTED by the supplier or the bank.',
});

export enum RefundCause {
  /** Asked for by the customer (or their cancellation), decided by the supplier or the bank. */
  CUSTOMER = 'CUSTOMER',
  /** A perk unit the partner or the bank definitely failed to deliver: refunded automatically. */
  DELIVERY_FAILED = 'DELIVERY_FAILED',
  /** The supplier cancelled units it could not fill (with its reason): refunded at once. */
  SUPPLIER_CANCELLED = 'SUPPLIER_CANCELLED',
  /** The customer (or customer service for them) withdrew units that had not shipped: refunded at once. */
  WITHDRAWN = 'WITHDRAWN',
  /** Returned goods the supplier received and accepted on inspection (a return request). */
  RETURN = 'RETURN',
}
registerEnumType(RefundCause, {
  name: 'RefundCause',
  description:
    'Why a refund exists: CUSTOMER (asked for, or a cancellation), DELIVERY_FAILED (a perk unit that could not be delivered, refunded automatically), SUPPLIER_CANCELLED (units the supplier could not fill, cancelled by it with a reason and refunded at once), WITHDRAWN (unshipped units of a partly shipped order withdrawn by the customer or customer service, refunded at once) or RETURN (returned goods accepted on inspection).',
});

/** Who asked for something on an order: the customer, the bank's customer service for them, the supplier, the platform or the system. */
export enum ActedBy {
  CUSTOMER = 'CUSTOMER',
  /** A bank operator (SERVE_CUSTOMERS) acting for the customer, e.g. on the phone. */
  CUSTOMER_SERVICE = 'CUSTOMER_SERVICE',
  SUPPLIER = 'SUPPLIER',
  PLATFORM = 'PLATFORM',
  /** Done automatically (a failed delivery, a cancellation logistics reported). */
  SYSTEM = 'SYSTEM',
}
registerEnumType(ActedBy, {
  name: 'ActedBy',
  description:
    "Who asked: CUSTOMER, CUSTOMER_SERVICE (the bank's customer service acting for the customer), SUPPLIER, PLATFORM or SYSTEM.",
});

export interface RefundLineQuantity {
  orderLineId: number;
  quantity: number;
}

/**
 * A refund of some units of one supplier order: requested by the customer (or made directly when
 * they cancel before shipment), decided by the supplier. On approval points go back to the ledger,
 * cash is recorded for the bank to pay out, and stock is restocked when asked.
 */
@Entity({ tableName: 'refund' })
@Index({ name: 'refund_bank', properties: ['bankId', 'id'] })
@Index({ name: 'refund_supplier_state', properties: ['supplierId', 'state', 'id'] })
@Index({ name: 'refund_supplier_decided', properties: ['supplierId', 'state', 'decidedAt'] })
@ObjectType({ description: 'A refund of units of one supplier order.' })
export class Refund {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  orderId!: number;

  @Property({ type: 'integer' })
  @Index()
  supplierOrderId!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  @Property({ type: 'json' })
  lines!: RefundLineQuantity[];

  @Property({ type: 'string', length: 500 })
  @Field(() => String, { description: 'Why the customer asked.' })
  reason!: string;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'Whether the goods go back into stock.' })
  restock: boolean = false;

  @EnumColumn(() => RefundCause, { length: 24, field: 'Why the refund exists.' })
  cause: RefundCause & Opt = RefundCause.CUSTOMER;

  @EnumColumn(() => ActedBy, {
    length: 24,
    field:
      'Who asked for it: CUSTOMER_SERVICE when the bank acted for the customer, SUPPLIER for a supplier cancellation.',
  })
  requestedBy: ActedBy & Opt = ActedBy.CUSTOMER;

  /** Token subject of who asked (e.g. `staff:12` for the agent); the audit trail names them too. */
  @Property({ type: 'string', length: 128, nullable: true })
  requester?: string | null;

  /** The withdrawal (logistics) this refund pays back: one refund per withdrawal, whoever books it first. */
  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  withdrawalKey?: string | null;

  @EnumColumn(() => RefundState, { length: 16, field: 'Where the refund stands.' })
  state!: RefundState;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Points returned to the customer.' })
  pointsRefunded: number = 0;

  /** Cash the bank owes the customer back (it pays it out through its own channel). */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, {
    description: 'Cash the bank owes the customer back, in fen (it pays through its own channel).',
  })
  cashRefundFen: number = 0;

  /** The supplier order's shipping fee, within cashRefundFen: only a refund of the whole supplier order before it ships returns it. */
  @Property({ type: 'integer', default: 0 })
  @Field(() => GraphQLSafeInt, {
    description:
      'The shipping fee given back, in fen, within cashRefundFen (only when the whole supplier order is refunded before it ships).',
  })
  shippingRefundFen: number & Opt = 0;

  /**
   * The refunded units' share of the order's voucher discount, back to the voucher's budget (the
   * customer's use stays used: the order stands). Worked out when the refund is booked, so shares
   * telescope: all the refunds of an order give back exactly its voucher discount.
   */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, {
    description: "The refunded units' share of the voucher discount, in fen, given back to the voucher's budget.",
  })
  voucherReturnFen: number & Opt = 0;

  /** Value of the returned points in fen (the order's points value, shared out like the points). */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, {
    description: 'Value of the returned points, in fen, at the points value of the order.',
  })
  pointsValueFen: number = 0;

  /** Points returned to the ledger and goods restocked (the remote half of an approval). */
  @Property({ type: 'boolean', default: false })
  remoteSettled: boolean = false;

  /** Failed attempts at the remote half, and when the sweep tries again (backoff; null = due). */
  @Property({ type: 'integer', default: 0 })
  settleAttempts: Opt<number> = 0;

  @Property({ type: 'datetime', nullable: true })
  nextSettleAt?: Date | null;

  /** When the bank paid the cash part back to the customer, and its own reference for that payment. */
  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When the bank recorded paying the cash part back (null: still owed, or no cash).',
  })
  cashPaidOutAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: "The bank's reference of that payment." })
  cashPayoutRef?: string | null;

  @CreatedAt({ field: 'When it was requested.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the supplier or the bank decided.' })
  decidedAt?: Date | null;

  /** Who decided: the token subject of the supplier or bank staff member (null: undecided, or a cancellation). */
  @Property({ type: 'string', length: 128, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who decided (their token subject, e.g. staff:12).' })
  decidedBy?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was rejected (given with every rejection).' })
  rejectionReason?: string | null;
}
