import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ParcelDirection, ShipmentStatus, type Shipment } from './shipment';

/** Which way an after-sales parcel travels (the after-sales directions of `ParcelDirection`). */
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

/** The parcel direction stored for an after-sales direction (the same names). */
export const PARCEL_DIRECTION: Record<ReturnParcelDirection, ParcelDirection> = {
  [ReturnParcelDirection.RETURN]: ParcelDirection.RETURN,
  [ReturnParcelDirection.REPLACEMENT]: ParcelDirection.REPLACEMENT,
};

/**
 * How orders' return request shows a parcel of its own: a RETURN or REPLACEMENT row of `shipment`
 * (one parcel model, one carrier-event path), seen through the fields the return needs. Not an
 * entity: the GraphQL type stays as clients know it.
 */
@ObjectType({ description: "A parcel of a return: the customer's return parcel or the supplier's replacement." })
export class ReturnParcel {
  @Field(() => ID, { description: 'Unique id.' })
  id!: number;

  @Field(() => ID, { description: 'The return request (orders).' })
  returnRequestId!: number;

  @Field(() => ReturnParcelDirection, { description: 'Which way it travels.' })
  direction!: ReturnParcelDirection;

  @Field(() => String, { description: "The carrier's tracking number." })
  trackingNumber!: string;

  @Field(() => ShipmentStatus, { description: 'Latest status (the same rules as a shipment).' })
  status!: ShipmentStatus;

  @Field(() => Date, { description: 'When the event behind the current status happened.' })
  statusAt!: Date;

  @Field(() => Date, { description: 'When the tracking number was given.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the carrier delivered it.' })
  deliveredAt?: Date | null;

  /** The view of an after-sales parcel (a RETURN or REPLACEMENT shipment). */
  static of(s: Shipment): ReturnParcel {
    return Object.assign(new ReturnParcel(), {
      id: s.id,
      returnRequestId: s.returnRequestId!,
      direction: s.direction as string as ReturnParcelDirection,
      trackingNumber: s.trackingNumber,
      status: s.status,
      statusAt: s.statusAt,
      createdAt: s.shippedAt,
      deliveredAt: s.deliveredAt ?? null,
    });
  }
}
