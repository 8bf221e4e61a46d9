import { Entity, Index, Property, type Opt } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CreatedAt, EnumColumn, IdKey } from '../../../core/entity';
import { ActedBy } from './refund';

/** What the customer wants for the returned goods. */
export enum ReturnKind {
  /** Their money back: points and cash of exactly those units, through the refunds book. */
  REFUND = 'REFUND',
  /** The same SKU again: the supplier ships a replacement; nothing is refunded. */
  EXCHANGE = 'EXCHANGE',
}
registerEnumType(ReturnKind, {
  name: 'ReturnKind',
  description: 'REFUND: money back for the returned units; EXCHANGE: a replacement of the same SKU, no refund.',
});

/**
 * Where a return stands. The legal moves are `RETURN_MOVES` (services/returns.service.ts):
 * REQUESTED → AUTHORISED | REFUSED; AUTHORISED → IN_TRANSIT (the customer gave the parcel's tracking
 * number); IN_TRANSIT → RECEIVED (the carrier delivered it back); RECEIVED → REFUNDED | REJECTED
 * (inspection of a refund) or ACCEPTED | REJECTED (of an exchange); ACCEPTED → REPLACEMENT_SHIPPED →
 * EXCHANGED (the replacement delivered). REQUESTED, AUTHORISED or IN_TRANSIT → WITHDRAWN (the
 * customer changed their mind before the supplier received the goods).
 */
export enum ReturnStatus {
  REQUESTED = 'REQUESTED',
  AUTHORISED = 'AUTHORISED',
  REFUSED = 'REFUSED',
  IN_TRANSIT = 'IN_TRANSIT',
  RECEIVED = 'RECEIVED',
  REFUNDED = 'REFUNDED',
  REJECTED = 'REJECTED',
  ACCEPTED = 'ACCEPTED',
  REPLACEMENT_SHIPPED = 'REPLACEMENT_SHIPPED',
  EXCHANGED = 'EXCHANGED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ReturnStatus, {
  name: 'ReturnStatus',
  description:
    'REQUESTED by the customer; AUTHORISED or REFUSED by the supplier or the bank; IN_TRANSIT once the customer gave the return parcel; RECEIVED when the carrier delivered it back; then REFUNDED or REJECTED after inspection (an exchange: ACCEPTED, REPLACEMENT_SHIPPED, EXCHANGED); WITHDRAWN by the customer (or customer service for them) before the goods were received.',
});

export interface ReturnLineQuantity {
  orderLineId: number;
  quantity: number;
}

@ObjectType({ description: 'Units of one order line being returned.' })
export class ReturnLine {
  @Field(() => ID, { description: 'The order line.' })
  orderLineId!: number;

  @Field(() => Int, { description: 'Units returned.' })
  quantity!: number;
}

/**
 * A return authorisation (RMA): the customer sends delivered goods of one supplier order back, for a
 * refund of those units or an exchange. Owners are copied from the order so visibility needs no join.
 */
@Entity({ tableName: 'return_request' })
@Index({ name: 'return_request_supplier', properties: ['supplierId', 'status', 'id'] })
@Index({ name: 'return_request_bank', properties: ['bankId', 'id'] })
@Index({ name: 'return_request_customer', properties: ['customerId', 'id'] })
@ObjectType({ description: 'A return of delivered goods (return authorisation): for a refund or an exchange.' })
@Directive('@key(fields: "id")')
export class ReturnRequest {
  @IdKey({ field: 'Unique id (the return authorisation number).' })
  id!: number;

  @Property({ type: 'integer' })
  @Field(() => ID, { description: 'The order.' })
  orderId!: number;

  @Property({ type: 'integer' })
  @Index()
  @Field(() => ID, { description: 'The supplier order the goods came in.' })
  supplierOrderId!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  customerId!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  @Property({ type: 'json' })
  lines!: ReturnLineQuantity[];

  @EnumColumn(() => ReturnKind, { length: 16, field: 'Refund or exchange.' })
  kind!: ReturnKind;

  @Property({ type: 'string', length: 500 })
  @Field(() => String, { description: 'Why the customer returns the goods.' })
  reason!: string;

  @EnumColumn(() => ReturnStatus, { length: 24, field: 'Where the return stands.' })
  status!: ReturnStatus;

  @CreatedAt({ field: 'When it was requested.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was authorised or refused.' })
  decidedAt?: Date | null;

  @Property({ type: 'string', length: 128, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who authorised or refused it (token subject).' })
  decidedBy?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was refused.' })
  refusalReason?: string | null;

  @EnumColumn(() => ActedBy, {
    length: 24,
    nullable: true,
    field:
      "Who withdrew the return (CUSTOMER, or CUSTOMER_SERVICE: the bank's customer service for the customer); null unless WITHDRAWN.",
  })
  withdrawnBy?: ActedBy | null;

  @Property({ type: 'string', length: 32, nullable: true })
  @Field(() => String, { nullable: true, description: 'Carrier of the return parcel.' })
  returnCarrierCode?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: 'Tracking number of the return parcel.' })
  returnTrackingNumber?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the carrier delivered it back to the supplier.' })
  receivedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the supplier inspected the goods.' })
  inspectedAt?: Date | null;

  @Property({ type: 'string', length: 128, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who inspected them (token subject).' })
  inspectedBy?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the inspection rejected the goods.' })
  rejectionReason?: string | null;

  @Property({ type: 'json', nullable: true })
  @Field(() => [String], { description: 'Photos of the rejected goods (https URLs; empty unless rejected).' })
  photoUrls: string[] & Opt = [];

  /** The refund booked when the goods were accepted (REFUND returns). */
  @Property({ type: 'integer', nullable: true })
  refundId?: number | null;

  @Property({ type: 'string', length: 32, nullable: true })
  @Field(() => String, { nullable: true, description: "Carrier of an exchange's replacement." })
  replacementCarrierCode?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: "Tracking number of an exchange's replacement." })
  replacementTrackingNumber?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When the return ended (refunded, rejected, refused or exchanged).',
  })
  completedAt?: Date | null;
}
