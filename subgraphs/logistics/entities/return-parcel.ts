import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ShipmentStatus } from './shipment';
import { CreatedAt, EnumColumn, IdKey } from '../../../core/entity';

/** Which way an after-sales parcel travels. */
export enum ReturnParcelDirection {
  /** The customer sends returned goods back to the supplier. */
  RETURN = 'RETURN',
  /** The supplier sends a replacement for goods returned in an exchange. */
  REPLACEMENT = 'REPLACEMENT',
}
registerEnumType(ReturnParcelDirection, {
  name: 'ReturnParcelDirection',
  description:
    'RETURN: returned goods on their way back to the supplier; REPLACEMENT: an exchange sent to the customer.',
});

/**
 * A parcel of a return request (orders' ReturnRequest): the customer's return parcel, or the
 * supplier's replacement in an exchange. Tracked by the same carrier callbacks as outbound
 * shipments (`CarrierCallbacks` looks here for a tracking number no shipment has); when the carrier
 * reports it DELIVERED, orders is told through the outbox (`logistics.return-parcel-delivered`).
 */
@Entity({ tableName: 'return_parcel' })
@Unique({ name: 'return_parcel_carrier_tracking', properties: ['carrierId', 'trackingNumber'] })
@Unique({ name: 'return_parcel_request_direction', properties: ['returnRequestId', 'direction'] })
@ObjectType({ description: "A parcel of a return: the customer's return parcel or the supplier's replacement." })
export class ReturnParcel {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  @Field(() => ID, { description: 'The return request (orders).' })
  returnRequestId!: number;

  @EnumColumn(() => ReturnParcelDirection, { length: 16, field: 'Which way it travels.' })
  direction!: ReturnParcelDirection;

  @Property({ type: 'integer' })
  @Index()
  supplierOrderId!: number;

  // Owners, copied from orders' return request so visibility needs no second read.
  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  customerId!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  @Property({ type: 'integer' })
  carrierId!: number;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: "The carrier's tracking number." })
  trackingNumber!: string;

  @EnumColumn(() => ShipmentStatus, { length: 24, field: 'Latest status (the same rules as a shipment).' })
  status: ShipmentStatus = ShipmentStatus.LABEL_CREATED;

  @Property({ type: 'integer', default: 0 })
  progressRank: number = 0;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When the event behind the current status happened.' })
  statusAt: Date = new Date();

  @CreatedAt({ field: 'When the tracking number was given.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the carrier delivered it.' })
  deliveredAt?: Date | null;
}

/** One carrier event of a return parcel; recorded once per carrier event id. */
@Entity({ tableName: 'return_parcel_event' })
@Unique({ name: 'return_parcel_event_carrier_event', properties: ['carrierId', 'carrierEventId'] })
@Index({ name: 'return_parcel_event_parcel', properties: ['returnParcelId', 'occurredAt', 'id'] })
export class ReturnParcelEvent {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  returnParcelId!: number;

  @Property({ type: 'integer' })
  carrierId!: number;

  @Property({ type: 'string', length: 128 })
  carrierEventId!: string;

  @EnumColumn(() => ShipmentStatus, { length: 24 })
  status!: ShipmentStatus;

  @Property({ type: 'string', length: 200, nullable: true })
  location?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  description?: string | null;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Property({ type: 'datetime' })
  receivedAt: Date = new Date();
}
