import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { ConnectionType } from '../../../core/pagination';
import { EntityRef } from '../../../core/entity-ref';
import { Order, OrderStatus } from '../entities/order';
import { SettlementLine } from '../entities/settlement';
import { SupplierOrder, SupplierOrderStatus } from '../entities/supplier-order';
import { FenAmount, PointsAmount, Text } from '../../../core/input-rules';

/** Orders contributes `orders` to the tenants' Customer entity. */
export const CustomerRef = EntityRef('Customer');
export type CustomerRef = InstanceType<typeof CustomerRef>;

/** Orders contributes `supplierOrders` to the catalog's Supplier entity. */
export const SupplierRef = EntityRef('Supplier');
export type SupplierRef = InstanceType<typeof SupplierRef>;

export const SkuRef = EntityRef('Sku', { resolvable: false });
export type SkuRef = InstanceType<typeof SkuRef>;

export const ListingRef = EntityRef('Listing', { resolvable: false });
export type ListingRef = InstanceType<typeof ListingRef>;

export const TierRef = EntityRef('Tier', { resolvable: false });
export type TierRef = InstanceType<typeof TierRef>;

export const CampaignRef = EntityRef('Campaign', { resolvable: false });
export type CampaignRef = InstanceType<typeof CampaignRef>;

/** Where physical goods go; the same shape in and out. */
@ObjectType('ShippingAddress', { description: 'Where physical goods go.' })
@InputType('ShippingAddressInput', { description: 'Where physical goods go.' })
export class ShippingAddressView {
  @Field(() => String) @Text({ max: 50 }) recipient!: string;
  @Field(() => String) @Text({ max: 20 }) phone!: string;
  @Field(() => String) @Text({ max: 50 }) province!: string;
  @Field(() => String) @Text({ max: 50 }) city!: string;
  @Field(() => String) @Text({ max: 50 }) district!: string;
  @Field(() => String) @Text({ max: 200 }) detail!: string;
  @Field(() => String, { nullable: true }) @Text({ max: 20 }) postalCode?: string | null;
}

@InputType()
export class CheckoutLineInput {
  @Field(() => ID) listingId!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => String, {
    nullable: true,
    description:
      "DIRECT_TOPUP lines (required there, refused on other lines): the customer's account at the partner to credit, checked against the SKU's accountRule (up to 128 characters).",
  })
  @Text({ max: 128 })
  recipientAccount?: string | null;
}

@InputType({ description: 'A basket to price before checking out: nothing is recorded, reserved or charged.' })
export class CheckoutPreviewInput {
  @Field(() => ID) mallId!: string;
  @Field(() => [CheckoutLineInput]) lines!: CheckoutLineInput[];
  @Field(() => PointsAmount, {
    defaultValue: 0,
    description: 'Points to apply to cash prices (within the bank’s cap).',
  })
  pointsToUse!: number;
  @Field(() => ID, {
    nullable: true,
    description:
      "One of the customer's vouchers (customer.vouchers) to take off the cash after the tier, campaign and benefit discounts; BAD_USER_INPUT when it does not apply.",
  })
  voucherId?: string | null;
}

/** The basket of the preview, with where the goods go and the attempt's key. */
@InputType({ description: 'A checkout by a customer, through a partner app.' })
export class CheckoutInput extends CheckoutPreviewInput {
  @Field(() => ShippingAddressView, { nullable: true, description: 'Required when any line is physical.' })
  shippingAddress?: ShippingAddressView | null;
  @Field(() => String, { description: 'Unique per checkout attempt: repeating it returns the same order.' })
  idempotencyKey!: string;
}

@ObjectType()
export class CheckoutPayload {
  @Field(() => Order) order!: Order;
}

@InputType()
export class ConfirmPaymentInput {
  @Field(() => ID) orderId!: string;
  @Field(() => String, { description: "The bank channel's payment reference." }) paymentRef!: string;
  @Field(() => FenAmount, { description: 'Must equal the order’s cashFen.' }) amountFen!: number;
}

@InputType()
export class CancelOrderInput {
  @Field(() => ID) orderId!: string;
  @Field(() => String, { defaultValue: 'changed my mind' }) @Text({ max: 500, multiline: true }) reason!: string;
}

@InputType()
export class RefundLineInput {
  @Field(() => ID) orderLineId!: string;
  @Field(() => Int) quantity!: number;
}

@InputType()
export class RequestRefundInput {
  @Field(() => ID) supplierOrderId!: string;
  @Field(() => [RefundLineInput]) lines!: RefundLineInput[];
  @Field(() => String) @Text({ max: 500, multiline: true }) reason!: string;
}

@InputType({
  description:
    'Withdraw units of a supplier order that have not shipped (the customer, or its bank’s customer service); they are refunded at once and the shipped ones still deliver.',
})
export class WithdrawUnshippedUnitsInput {
  @Field(() => ID) supplierOrderId!: string;
  @Field(() => [RefundLineInput], {
    nullable: true,
    description: 'The units to withdraw; omitted: every unit not yet shipped.',
  })
  lines?: RefundLineInput[] | null;
  @Field(() => String, { description: 'Why (4–500 characters).' })
  @Text({ max: 500, multiline: true })
  reason!: string;
}

@InputType({
  description: 'Cancel units of your supplier order you cannot fill; the customer is refunded exactly them.',
})
export class CancelSupplierOrderLinesInput {
  @Field(() => ID) supplierOrderId!: string;
  @Field(() => [RefundLineInput], { description: 'The units that cannot be filled (not yet shipped).' })
  lines!: RefundLineInput[];
  @Field(() => String, { description: 'Why they cannot be filled (4–500 characters); the customer is shown it.' })
  @Text({ max: 500, multiline: true })
  reason!: string;
  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Put the units back into stock (e.g. set aside by mistake).',
  })
  restock!: boolean;
}

@InputType({ description: 'Change where the goods go, before any of them has shipped.' })
export class ChangeShippingAddressInput {
  @Field(() => ID) orderId!: string;
  @Field(() => ShippingAddressView) shippingAddress!: ShippingAddressView;
}

@InputType({ description: 'Internal (logistics): units it withdrew before they shipped; orders refunds exactly them.' })
@Directive('@inaccessible')
export class RecordUnitsWithdrawnInput {
  @Field(() => ID) orderId!: string;
  @Field(() => ID) supplierOrderId!: string;
  @Field(() => String) withdrawalKey!: string;
  @Field(() => [RefundLineInput]) lines!: RefundLineInput[];
  @Field(() => String) cause!: string;
  @Field(() => String) @Text({ max: 500, multiline: true }) reason!: string;
  @Field(() => Boolean) restock!: boolean;
  @Field(() => String) requestedBy!: string;
  @Field(() => String, { nullable: true }) requester?: string | null;
}

@InputType()
export class DecideRefundInput {
  @Field(() => ID) refundId!: string;
  @Field(() => Boolean) approve!: boolean;
  @Field(() => Boolean, { defaultValue: false, description: 'Put the returned goods back into stock.' })
  restock!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'Why it is rejected (4–500 characters; required to reject, shown to the customer).',
  })
  @Text({ max: 500 })
  reason?: string | null;
}

@InputType({ description: "Which of a bank's orders to list; every field narrows the list." })
export class BankOrderFilterInput {
  @Field(() => OrderStatus, { nullable: true, description: 'Only orders in this status (FAILED: refused checkouts).' })
  status?: OrderStatus | null;
  @Field(() => Date, { nullable: true, description: 'Placed at or after this time.' })
  placedFrom?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Placed before this time.' })
  placedTo?: Date | null;
  @Field(() => String, {
    nullable: true,
    description: "The bank's own customer reference (exact; 1–64 of letters, digits, _ . : -).",
  })
  @Text({ max: 64 })
  customerRef?: string | null;
  @Field(() => ID, { nullable: true, description: 'The order number (its id).' })
  orderId?: string | null;
}

@InputType({
  description:
    "Which of a supplier's orders to list (and to pick for): every field narrows the list. No recipient search: the address is a JSON document on the order, which no index reaches.",
})
export class SupplierOrderFilterInput {
  @Field(() => [SupplierOrderStatus], {
    nullable: true,
    description:
      'Only supplier orders in one of these statuses (1–7 of them), e.g. PAID and PARTIALLY_SHIPPED for all still to ship.',
  })
  statuses?: SupplierOrderStatus[] | null;
  @Field(() => Date, { nullable: true, description: 'Placed (created at checkout) at or after this time.' })
  createdFrom?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Placed before this time.' })
  createdTo?: Date | null;
  @Field(() => ID, { nullable: true, description: "The order number (the customer's order id), exact." })
  @Text({ max: 20 })
  orderId?: string | null;
}

@ObjectType()
export class OrderConnection extends ConnectionType(Order, 'Order') {}

@ObjectType()
export class SupplierOrderConnection extends ConnectionType(SupplierOrder, 'SupplierOrder') {}

@ObjectType()
export class SettlementLineConnection extends ConnectionType(SettlementLine, 'SettlementLine') {}

@ObjectType('OrderCardCode', {
  description: 'A card code issued for an order line (reveal it through the delivery record).',
})
export class IssuedCardCode {
  @Field(() => ID) codeId!: string;
  @Field(() => ID) orderLineId!: string;
  @Field(() => SkuRef) sku!: SkuRef;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
}

@ObjectType()
export class SalesBucketView {
  @Field(() => Date) periodStart!: Date;
  @Field(() => Int) orders!: number;
  @Field(() => GraphQLSafeInt, { description: 'Cash collected, fen.' }) gmvCashFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'Value of points redeemed, fen.' }) gmvPointsValueFen!: number;
  @Field(() => GraphQLSafeInt) pointsRedeemed!: number;
}

@ObjectType()
export class TopListing {
  @Field(() => ListingRef) listing!: ListingRef;
  @Field(() => Int) quantity!: number;
  @Field(() => GraphQLSafeInt, { description: 'Value of the points paid for it, fen.' }) pointsValueFen!: number;
}

@ObjectType()
export class SupplierSales {
  @Field(() => Int) orders!: number;
  @Field(() => Int) units!: number;
  @Field(() => GraphQLSafeInt, { description: 'At supplier price, fen.' }) salesFen!: number;
  @Field(() => Int, { description: 'Supplier orders paid and not yet shipped.' }) awaitingShipment!: number;
}

@ObjectType()
export class RecoveryReportView {
  @Field(() => Int) abandoned!: number;
  @Field(() => Int) expired!: number;
  @Field(() => Int) compensated!: number;
  @Field(() => Int) confirmed!: number;
  @Field(() => Int) refundsSettled!: number;
  @Field(() => Int, { description: 'Paid orders that could never be confirmed, refunded in full (FAILED).' })
  refunded!: number;
}
