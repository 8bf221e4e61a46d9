/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** A checkout by a customer, through a partner app. */
export type CheckoutInput = {
  /** Unique per checkout attempt: repeating it returns the same order. */
  idempotencyKey: string;
  lines: Array<CheckoutLineInput>;
  mallId: string;
  /** Points to apply to cash prices (within the bank’s cap). */
  pointsToUse?: number;
  /** Required when any line is physical. */
  shippingAddress?: ShippingAddressInput | null | undefined;
  /** One of the customer's vouchers (customer.vouchers) to take off the cash after the tier, campaign and benefit discounts; BAD_USER_INPUT when it does not apply. */
  voucherId?: string | null | undefined;
};

export type CheckoutLineInput = {
  listingId: string;
  quantity: number;
  /** DIRECT_TOPUP lines (required there, refused on other lines): the customer's account at the partner to credit, checked against the SKU's accountRule (up to 128 characters). */
  recipientAccount?: string | null | undefined;
};

export type ConfirmPaymentInput = {
  /** Must equal the order’s cashFen. */
  amountFen: number;
  orderId: string;
  /** The bank channel's payment reference. */
  paymentRef: string;
};

/** How far a supplier order has got on its way to the customer. */
export type FulfilmentStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'OPEN'
  | 'PARTIALLY_SHIPPED'
  | 'SHIPPED';

/** Where an order stands. */
export type OrderStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'PAID'
  | 'PENDING'
  | 'PENDING_PAYMENT';

/** How a listing is paid for: points only, cash only (fen), or points plus cash. */
export type PriceMode =
  | 'CASH'
  | 'POINTS'
  | 'POINTS_PLUS_CASH';

/** Reveal one of your card codes. */
export type RevealVirtualCardInput = {
  /** The delivery record (Order.virtualDeliveries). */
  virtualDeliveryId: string;
};

/** Hand some or all of a supplier order to a carrier. */
export type ShipSupplierOrderInput = {
  /** Carrier code (see `carriers`), e.g. "SF". */
  carrierCode: string;
  /** Omit to ship every unit not yet shipped. */
  lines?: Array<ShipmentLineInput> | null | undefined;
  /** Your supplier order. */
  supplierOrderId: string;
  /** The carrier's tracking number; with the carrier, the idempotency key of this mutation. */
  trackingNumber: string;
};

/** Units of one order line to put in a shipment. */
export type ShipmentLineInput = {
  /** An order line of the supplier order. */
  orderLineId: string;
  /** Units (at most those not yet shipped). */
  quantity: number;
};

/** Where a parcel is. EXCEPTION is an alert on a parcel still under way; DELIVERED and RETURNED are final. */
export type ShipmentStatus =
  | 'DELIVERED'
  | 'EXCEPTION'
  | 'IN_TRANSIT'
  | 'LABEL_CREATED'
  | 'OUT_FOR_DELIVERY'
  | 'PICKED_UP'
  | 'RETURNED';

/** Where physical goods go. */
export type ShippingAddressInput = {
  city: string;
  detail: string;
  district: string;
  phone: string;
  postalCode?: string | null | undefined;
  province: string;
  recipient: string;
};

export type SupplierOrderStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'FAILED'
  | 'PAID'
  | 'PARTIALLY_SHIPPED'
  | 'PENDING_PAYMENT'
  | 'SHIPPED';

export type CheckoutMutationVariables = Exact<{
  input: CheckoutInput;
}>;


export type CheckoutMutation = { checkout: { order: { id: string, status: OrderStatus, totalPoints: number, cashFen: number, paymentDueAt: string | null, lines: Array<{ id: string, title: string, quantity: number, unitPoints: number, unitFen: number }> } } };

export type ConfirmPaymentMutationVariables = Exact<{
  input: ConfirmPaymentInput;
}>;


export type ConfirmPaymentMutation = { confirmPayment: { id: string, status: OrderStatus, paidAt: string | null } };

export type MyAccountQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type MyAccountQuery = { customer: { id: string, externalRef: string, tier: { name: string } | null, points: { redeemable: number, held: number, tierPoints: number, expiringSoon: Array<{ points: number, on: string }> }, orders: { edges: Array<{ node: { id: string, status: OrderStatus, totalPoints: number, cashFen: number, createdAt: string, lines: Array<{ id: string, title: string, quantity: number, sku: { title: string } }>, supplierOrders: Array<{ id: string, status: SupplierOrderStatus }>, cardCodes: Array<{ codeId: string, expiresAt: string | null }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type MyShipmentsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type MyShipmentsQuery = { customer: { id: string, orders: { edges: Array<{ node: { id: string, supplierOrders: Array<{ id: string, status: SupplierOrderStatus, shipments: Array<{ id: string, trackingNumber: string, status: ShipmentStatus, carrier: { code: string, name: string }, events: { edges: Array<{ node: { status: ShipmentStatus, location: string | null, occurredAt: string } }> } }> }>, virtualDeliveries: Array<{ id: string, codeId: string, expiresAt: string | null, firstRevealedAt: string | null }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type ShipSupplierOrderMutationVariables = Exact<{
  input: ShipSupplierOrderInput;
}>;


export type ShipSupplierOrderMutation = { shipSupplierOrder: { shipment: { id: string, trackingNumber: string, status: ShipmentStatus, lines: Array<{ orderLineId: string, quantity: number }> }, fulfilment: { status: FulfilmentStatus, lines: Array<{ orderLineId: string, quantity: number, shippedQuantity: number }> } } };

export type RevealVirtualCardMutationVariables = Exact<{
  input: RevealVirtualCardInput;
}>;


export type RevealVirtualCardMutation = { revealVirtualCard: { code: string, delivery: { id: string, firstRevealedAt: string | null, revealCount: number } } };

export type MallListingsQueryVariables = Exact<{
  mallId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MallListingsQuery = { mall: { id: string, name: string, listings: { edges: Array<{ cursor: string, node: { id: string, priceMode: PriceMode, pricePoints: number, priceFen: number, sku: { id: string, title: string, brand: { name: string }, stock: { available: number }, supplier: { name: string } } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };
