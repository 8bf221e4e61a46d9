import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { ShipmentStatus } from './shipment';
import { IdKey, EnumColumn } from '../../../core/entity';

/** One tracking event pushed by a carrier; recorded once per carrier event id, in whatever order it arrives. */
@Entity({ tableName: 'tracking_event' })
@Unique({ name: 'tracking_event_carrier_event', properties: ['carrierId', 'carrierEventId'] })
@Index({ name: 'tracking_event_shipment', properties: ['shipmentId', 'occurredAt', 'id'] })
@ObjectType({ description: 'A tracking event reported by the carrier.' })
export class TrackingEvent {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'integer' })
  shipmentId!: number;

  @Property({ type: 'integer' })
  carrierId!: number;

  @Property({ type: 'string', length: 128 })
  @Field(() => String, { description: "The carrier's own id of the event." })
  carrierEventId!: string;

  @EnumColumn(() => ShipmentStatus, { length: 24, field: 'What happened.' })
  status!: ShipmentStatus;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Where it happened, as the carrier names it.' })
  location?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: "The carrier's description." })
  description?: string | null;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When it happened (carrier time, UTC).' })
  occurredAt!: Date;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When we received it.' })
  receivedAt: Date = new Date();
}
