import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdKey, EnumColumn } from '../../../core/entity';

/**
 * Where a parcel is. LABEL_CREATED is the supplier's own record; the rest come from the carrier.
 * EXCEPTION is an alert on a parcel still under way; DELIVERED and RETURNED are final.
 */
export enum ShipmentStatus {
  LABEL_CREATED = 'LABEL_CREATED',
  PICKED_UP = 'PICKED_UP',
  IN_TRANSIT = 'IN_TRANSIT',
  OUT_FOR_DELIVERY = 'OUT_FOR_DELIVERY',
  DELIVERED = 'DELIVERED',
  EXCEPTION = 'EXCEPTION',
  RETURNED = 'RETURNED',
}
registerEnumType(ShipmentStatus, {
  name: 'ShipmentStatus',
  description:
    'Where a parcel is. EXCEPTION is an alert on a parcel still under way; DELIVERED and RETURNED are final.',
});

/** Tracking event statuses a carrier may send (everything but our own LABEL_CREATED). */
export const TRACKING_STATUSES: readonly ShipmentStatus[] = [
  ShipmentStatus.PICKED_UP,
  ShipmentStatus.IN_TRANSIT,
  ShipmentStatus.OUT_FOR_DELIVERY,
  ShipmentStatus.DELIVERED,
  ShipmentStatus.EXCEPTION,
  ShipmentStatus.RETURNED,
];

/** Which way a parcel travels. */
export enum ParcelDirection {
  /** The supplier sends ordered goods to the customer (units of a fulfilment). */
  OUTBOUND = 'OUTBOUND',
  /** The customer sends returned goods back to the supplier (orders' return request). */
  RETURN = 'RETURN',
  /** The supplier sends a replacement for goods returned in an exchange. */
  REPLACEMENT = 'REPLACEMENT',
}
registerEnumType(ParcelDirection, {
  name: 'ParcelDirection',
  description:
    'OUTBOUND: ordered goods to the customer; RETURN: returned goods back to the supplier; REPLACEMENT: an exchange sent to the customer.',
});

/**
 * A parcel handed to a carrier under a tracking number, whichever way it travels: an OUTBOUND
 * shipment carries units of a supplier order (its fulfilment and lines); a RETURN parcel or an
 * exchange's REPLACEMENT belongs to orders' return request instead. All of them are tracked by the
 * same carrier callbacks, events and status rules (`CarrierCallbacks`).
 */
@Entity({ tableName: 'shipment' })
@Unique({ name: 'shipment_carrier_tracking', properties: ['carrierId', 'trackingNumber'] })
@Unique({ name: 'shipment_return_request_direction', properties: ['returnRequestId', 'direction'] })
@ObjectType({ description: 'A parcel: some or all units of a supplier order, handed to a carrier.' })
@Directive('@key(fields: "id")')
export class Shipment {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @EnumColumn(() => ParcelDirection, { length: 16, field: 'Which way it travels.' })
  direction: ParcelDirection = ParcelDirection.OUTBOUND;

  /** OUTBOUND only: the fulfilment whose units travel in it. */
  @Property({ type: 'integer', nullable: true })
  @Index()
  fulfilmentId!: number | null;

  /** RETURN and REPLACEMENT only: orders' return request. */
  @Property({ type: 'integer', nullable: true })
  returnRequestId?: number | null;

  @Property({ type: 'integer' })
  @Index()
  supplierOrderId!: number;

  // Owners, copied from the fulfilment so visibility needs no second read.
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

  @EnumColumn(() => ShipmentStatus, { length: 24, field: 'Latest status (never moves backwards; see ShipmentStatus).' })
  status: ShipmentStatus = ShipmentStatus.LABEL_CREATED;

  /** Highest progress reached (EXCEPTION aside), so an exception can be cleared without going back. */
  @Property({ type: 'integer', default: 0 })
  progressRank: number = 0;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When the event behind the current status happened.' })
  statusAt: Date = new Date();

  @Property({ type: 'datetime' })
  @Field(() => Date, {
    description: 'When it was handed over (for a return parcel: when its tracking number was given).',
  })
  shippedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the carrier delivered it.' })
  deliveredAt?: Date | null;
}

/** Which units of which order line travel in a shipment. */
@Entity({ tableName: 'shipment_line' })
@Unique({ name: 'shipment_line_shipment_order_line', properties: ['shipmentId', 'orderLineId'] })
@ObjectType({ description: 'Units of one order line in a shipment.' })
export class ShipmentLine {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  shipmentId!: number;

  @Property({ type: 'integer' })
  @Field(() => ID, { description: 'The order line (orders).' })
  orderLineId!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Units of the line in this parcel.' })
  quantity!: number;
}
