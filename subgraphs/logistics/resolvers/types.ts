import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../core/pagination';
import { EntityRef } from '../../../core/entity-ref';
import { Fulfilment, FulfilmentStatus } from '../entities/fulfilment';
import { Text } from '../../../core/input-rules';
import { Shipment } from '../entities/shipment';
import { TrackingEvent } from '../entities/tracking-event';
import { VirtualDelivery } from '../entities/virtual-delivery';

/** Logistics contributes `shipments` and `fulfilment` to orders' SupplierOrder entity. */
export const SupplierOrderRef = EntityRef('SupplierOrder');
export type SupplierOrderRef = InstanceType<typeof SupplierOrderRef>;

/** Logistics contributes `virtualDeliveries` to orders' Order entity. */
export const OrderRef = EntityRef('Order');
export type OrderRef = InstanceType<typeof OrderRef>;

export const SkuRef = EntityRef('Sku', { resolvable: false });
export type SkuRef = InstanceType<typeof SkuRef>;

/** A partner endpoint points at its supplier (catalog). */
export const SupplierRef = EntityRef('Supplier', { resolvable: false });
export type SupplierRef = InstanceType<typeof SupplierRef>;

@ObjectType()
export class TrackingEventConnection extends ConnectionType(
  TrackingEvent,
  'TrackingEvent',
  'Tracking events of a shipment, oldest first.',
) {}

// ---- internal (orders → logistics) ----

@InputType({ description: 'Internal (orders): one line of a paid supplier order.' })
@Directive('@inaccessible')
export class PaidOrderLineInput {
  @Field(() => ID) orderLineId!: string;
  @Field(() => ID) skuId!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => String) title!: string;
  @Field(() => String, {
    nullable: true,
    description: 'PHYSICAL (default) or VIRTUAL; a VIRTUAL line is delivered as a code and never packed.',
  })
  kind?: string | null;
}

@InputType({ description: 'Internal (orders): a paid supplier order with physical goods.' })
@Directive('@inaccessible')
export class PaidSupplierOrderInput {
  @Field(() => ID) supplierOrderId!: string;
  @Field(() => ID) supplierId!: string;
  @Field(() => Date, { nullable: true, description: 'When the supplier order was placed (default: now).' })
  placedAt?: Date | null;
  @Field(() => [PaidOrderLineInput]) lines!: PaidOrderLineInput[];
}

@InputType({ description: 'Internal (orders): an order was paid; open a fulfilment per physical supplier order.' })
@Directive('@inaccessible')
export class OpenFulfilmentsInput {
  @Field(() => ID) orderId!: string;
  @Field(() => ID) bankId!: string;
  @Field(() => ID) customerId!: string;
  @Field(() => [PaidSupplierOrderInput]) supplierOrders!: PaidSupplierOrderInput[];
}

@ObjectType({ description: 'Internal: what openFulfilments did.' })
@Directive('@inaccessible')
export class OpenFulfilmentsPayload {
  @Field(() => Int, { description: 'Fulfilments opened by this call (0 on a retry).' })
  opened!: number;
}

@InputType({ description: 'Internal (orders): a supplier order the customer wants cancelled.' })
@Directive('@inaccessible')
export class CancelledSupplierOrderInput {
  @Field(() => ID) supplierOrderId!: string;
  @Field(() => ID) supplierId!: string;
}

@InputType({ description: 'Internal (orders): stop these supplier orders from shipping, all or none.' })
@Directive('@inaccessible')
export class CancelFulfilmentsInput {
  @Field(() => ID) orderId!: string;
  @Field(() => ID) bankId!: string;
  @Field(() => ID) customerId!: string;
  @Field(() => [CancelledSupplierOrderInput]) supplierOrders!: CancelledSupplierOrderInput[];
}

@ObjectType({ description: 'Internal: what cancelFulfilments did.' })
@Directive('@inaccessible')
export class CancelFulfilmentsPayload {
  @Field(() => Int, { description: 'Fulfilments cancelled by this call (0 on a retry).' })
  cancelled!: number;
}

@InputType({ description: 'Internal (orders): units of one order line to withdraw before they ship.' })
@Directive('@inaccessible')
export class WithdrawnUnitsInput {
  @Field(() => ID) orderLineId!: string;
  @Field(() => Int) quantity!: number;
}

@InputType({
  description:
    'Internal (orders): withdraw unshipped units of a supplier order (a supplier cancellation or a customer withdrawal).',
})
@Directive('@inaccessible')
export class WithdrawFulfilmentUnitsInput {
  @Field(() => ID) orderId!: string;
  @Field(() => ID) supplierOrderId!: string;
  @Field(() => String, { description: "Orders' key: a retry withdraws nothing more." }) withdrawalKey!: string;
  @Field(() => [WithdrawnUnitsInput], { nullable: true, description: 'Omitted: every unit not yet shipped.' })
  lines?: WithdrawnUnitsInput[] | null;
  @Field(() => String) cause!: string;
  @Field(() => String) reason!: string;
  @Field(() => Boolean) restock!: boolean;
  @Field(() => String) requestedBy!: string;
  @Field(() => String, { nullable: true }) requester?: string | null;
}

@ObjectType({ description: 'Internal: units withdrawn from one order line.' })
@Directive('@inaccessible')
export class WithdrawnUnits {
  @Field(() => ID) orderLineId!: string;
  @Field(() => Int) quantity!: number;
}

@ObjectType({ description: 'Internal: what withdrawFulfilmentUnits took, and where the fulfilment stands.' })
@Directive('@inaccessible')
export class WithdrawFulfilmentUnitsPayload {
  @Field(() => [WithdrawnUnits]) lines!: WithdrawnUnits[];
  @Field(() => String, { description: 'The fulfilment status after it.' }) status!: string;
}

@InputType({ description: 'Internal (orders): one issued card code.' })
@Directive('@inaccessible')
export class IssuedCodeInput {
  @Field(() => ID) codeId!: string;
  @Field(() => ID) orderLineId!: string;
  @Field(() => ID) skuId!: string;
  @Field(() => Date, { nullable: true }) expiresAt?: Date | null;
}

@InputType({ description: 'Internal (orders): card codes issued to a customer for an order.' })
@Directive('@inaccessible')
export class RecordVirtualDeliveriesInput {
  @Field(() => ID) orderId!: string;
  @Field(() => ID) bankId!: string;
  @Field(() => ID) customerId!: string;
  @Field(() => Date, { nullable: true }) issuedAt?: Date | null;
  @Field(() => [IssuedCodeInput]) codes!: IssuedCodeInput[];
}

@ObjectType({ description: 'Internal: what recordVirtualDeliveries did.' })
@Directive('@inaccessible')
export class RecordVirtualDeliveriesPayload {
  @Field(() => Int, { description: 'Deliveries recorded by this call (0 on a retry).' })
  recorded!: number;
}

// ---- public ----

@InputType({ description: 'Units of one order line to put in a shipment.' })
export class ShipmentLineInput {
  @Field(() => ID, { description: 'An order line of the supplier order.' }) orderLineId!: string;
  @Field(() => Int, { description: 'Units (at most those not yet shipped).' }) quantity!: number;
}

@InputType({ description: 'Hand some or all of a supplier order to a carrier.' })
export class ShipSupplierOrderInput {
  @Field(() => ID, { description: 'Your supplier order.' }) supplierOrderId!: string;
  @Field(() => String, { description: 'Carrier code (see `carriers`), e.g. "SF".' }) carrierCode!: string;
  @Field(() => String, {
    description: "The carrier's tracking number; with the carrier, the idempotency key of this mutation.",
  })
  trackingNumber!: string;
  @Field(() => [ShipmentLineInput], { nullable: true, description: 'Omit to ship every unit not yet shipped.' })
  lines?: ShipmentLineInput[] | null;
}

@ObjectType({ description: "The shipment recorded, and the supplier order's fulfilment after it." })
export class ShipSupplierOrderPayload {
  @Field(() => Shipment, { description: 'The shipment (the same one on a retry).' }) shipment!: Shipment;
  @Field(() => Fulfilment, { description: 'What is left to ship.' }) fulfilment!: Fulfilment;
}

@InputType({ description: 'Reveal one of your card codes.' })
export class RevealVirtualCardInput {
  @Field(() => ID, { description: 'The delivery record (Order.virtualDeliveries).' }) virtualDeliveryId!: string;
}

@ObjectType({ description: 'A card code, revealed to its customer.' })
export class RevealVirtualCardPayload {
  @Field(() => VirtualDelivery, { description: 'The delivery, with the reveal recorded.' }) delivery!: VirtualDelivery;
  @Field(() => String, { description: 'The card code itself.' }) code!: string;
}

// ---- pick list ----

@InputType({
  description:
    "Which of a supplier's orders still to ship to pick for: the shipping list's filter in logistics' words (PAID = OPEN).",
})
export class PickListFilterInput {
  @Field(() => FulfilmentStatus, {
    nullable: true,
    description: 'OPEN (nothing shipped yet) or PARTIALLY_SHIPPED; absent: both.',
  })
  status?: FulfilmentStatus | null;
  @Field(() => Date, { nullable: true, description: 'Placed at or after this time.' })
  placedFrom?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Placed before this time.' })
  placedTo?: Date | null;
  @Field(() => ID, { nullable: true, description: "The order number (the customer's order id), exact." })
  @Text({ max: 20 })
  orderId?: string | null;
}

@ObjectType({ description: 'One SKU of a pick list: the units still to ship over the matching orders.' })
export class PickListLine {
  @Field(() => SkuRef, { description: 'The SKU (its code and title from the catalog).' })
  sku!: SkuRef;
  @Field(() => String, { description: 'Title of the goods, as ordered.' })
  title!: string;
  @Field(() => Int, { description: 'Units still to ship (ordered − shipped − withdrawn).' })
  units!: number;
  @Field(() => Int, { description: 'Supplier orders with units of this SKU still to ship.' })
  orders!: number;
}

@ObjectType({
  description: "What a supplier's staff should take off the shelves for every order the filter matches (not one page).",
})
export class SupplierPickList {
  @Field(() => [PickListLine], { description: 'SKUs by units still to ship, most first; at most `first` of them.' })
  lines!: PickListLine[];
  @Field(() => Int, { description: 'SKUs with units to ship over all matching orders.' })
  skus!: number;
  @Field(() => Int, { description: 'Units to ship over all matching orders.' })
  units!: number;
  @Field(() => Int, { description: 'Supplier orders with units to ship.' })
  orders!: number;
  @Field(() => Boolean, { description: 'More SKUs than `lines` lists.' })
  truncated!: boolean;
}
