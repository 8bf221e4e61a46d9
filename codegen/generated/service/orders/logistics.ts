/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Internal (orders): stop these supplier orders from shipping, all or none. */
export type CancelFulfilmentsInput = {
  bankId: string;
  customerId: string;
  orderId: string;
  supplierOrders: Array<CancelledSupplierOrderInput>;
};

/** Internal (orders): a supplier order the customer wants cancelled. */
export type CancelledSupplierOrderInput = {
  supplierId: string;
  supplierOrderId: string;
};

/** How a virtual SKU is delivered: CODE_POOL (a code from the pool at payment), DIRECT_TOPUP (the partner credits the customer's account), PARTNER_ISSUED (the partner issues a voucher), BANK_SYSTEM (an event to the bank's systems, acknowledged by the bank). */
export type DeliveryMode =
  | 'BANK_SYSTEM'
  | 'CODE_POOL'
  | 'DIRECT_TOPUP'
  | 'PARTNER_ISSUED';

/** Internal (orders): one issued card code. */
export type IssuedCodeInput = {
  codeId: string;
  expiresAt?: string | null | undefined;
  orderLineId: string;
  skuId: string;
};

/** Internal (orders): an order was paid; open a fulfilment per physical supplier order. */
export type OpenFulfilmentsInput = {
  bankId: string;
  customerId: string;
  orderId: string;
  supplierOrders: Array<PaidSupplierOrderInput>;
};

/** Internal (orders): a line delivered unit by unit was paid. */
export type OpenPerkDeliveriesInput = {
  bankId: string;
  customerId: string;
  mode: DeliveryMode;
  orderId: string;
  orderLineId: string;
  partnerProductCode?: string | null | undefined;
  quantity: number;
  recipientAccount?: string | null | undefined;
  skuId: string;
  supplierId: string;
  supplierOrderId: string;
  title: string;
};

/** Internal (orders): one line of a paid supplier order. */
export type PaidOrderLineInput = {
  /** PHYSICAL (default) or VIRTUAL; a VIRTUAL line is delivered as a code and never packed. */
  kind?: string | null | undefined;
  orderLineId: string;
  quantity: number;
  skuId: string;
  title: string;
};

/** Internal (orders): a paid supplier order with physical goods. */
export type PaidSupplierOrderInput = {
  lines: Array<PaidOrderLineInput>;
  /** When the supplier order was placed (default: now). */
  placedAt?: string | null | undefined;
  supplierId: string;
  supplierOrderId: string;
};

/** Internal (orders): card codes issued to a customer for an order. */
export type RecordVirtualDeliveriesInput = {
  bankId: string;
  codes: Array<IssuedCodeInput>;
  customerId: string;
  issuedAt?: string | null | undefined;
  orderId: string;
};

/** Internal (orders): a parcel of a return request to track. */
export type RegisterReturnParcelInput = {
  bankId: string;
  carrierCode: string;
  customerId: string;
  direction: ReturnParcelDirection;
  returnRequestId: string;
  supplierId: string;
  supplierOrderId: string;
  trackingNumber: string;
};

/** RETURN: returned goods on their way back to the supplier; REPLACEMENT: an exchange sent to the customer. */
export type ReturnParcelDirection =
  | 'REPLACEMENT'
  | 'RETURN';

/** Internal (orders): withdraw unshipped units of a supplier order (a supplier cancellation or a customer withdrawal). */
export type WithdrawFulfilmentUnitsInput = {
  cause: string;
  /** Omitted: every unit not yet shipped. */
  lines?: Array<WithdrawnUnitsInput> | null | undefined;
  orderId: string;
  reason: string;
  requestedBy: string;
  requester?: string | null | undefined;
  restock: boolean;
  supplierOrderId: string;
  /** Orders' key: a retry withdraws nothing more. */
  withdrawalKey: string;
};

/** Internal (orders): units of one order line to withdraw before they ship. */
export type WithdrawnUnitsInput = {
  orderLineId: string;
  quantity: number;
};

export type CancelFulfilmentsMutationVariables = Exact<{
  input: CancelFulfilmentsInput;
}>;


export type CancelFulfilmentsMutation = { cancelFulfilments: { cancelled: number } };

export type OpenFulfilmentsMutationVariables = Exact<{
  input: OpenFulfilmentsInput;
}>;


export type OpenFulfilmentsMutation = { openFulfilments: { opened: number } };

export type RecordVirtualDeliveriesMutationVariables = Exact<{
  input: RecordVirtualDeliveriesInput;
}>;


export type RecordVirtualDeliveriesMutation = { recordVirtualDeliveries: { recorded: number } };

export type OpenPerkDeliveriesMutationVariables = Exact<{
  input: OpenPerkDeliveriesInput;
}>;


export type OpenPerkDeliveriesMutation = { openPerkDeliveries: { opened: number } };

export type RegisterReturnParcelMutationVariables = Exact<{
  input: RegisterReturnParcelInput;
}>;


export type RegisterReturnParcelMutation = { registerReturnParcel: { id: string, trackingNumber: string } };

export type WithdrawFulfilmentUnitsMutationVariables = Exact<{
  input: WithdrawFulfilmentUnitsInput;
}>;


export type WithdrawFulfilmentUnitsMutation = { withdrawFulfilmentUnits: { status: string, lines: Array<{ orderLineId: string, quantity: number }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const CancelFulfilmentsDocument = new TypedDocumentString(`
    mutation CancelFulfilments($input: CancelFulfilmentsInput!) {
  cancelFulfilments(input: $input) {
    cancelled
  }
}
    `) as unknown as TypedDocumentString<CancelFulfilmentsMutation, CancelFulfilmentsMutationVariables>;
export const OpenFulfilmentsDocument = new TypedDocumentString(`
    mutation OpenFulfilments($input: OpenFulfilmentsInput!) {
  openFulfilments(input: $input) {
    opened
  }
}
    `) as unknown as TypedDocumentString<OpenFulfilmentsMutation, OpenFulfilmentsMutationVariables>;
export const RecordVirtualDeliveriesDocument = new TypedDocumentString(`
    mutation RecordVirtualDeliveries($input: RecordVirtualDeliveriesInput!) {
  recordVirtualDeliveries(input: $input) {
    recorded
  }
}
    `) as unknown as TypedDocumentString<RecordVirtualDeliveriesMutation, RecordVirtualDeliveriesMutationVariables>;
export const OpenPerkDeliveriesDocument = new TypedDocumentString(`
    mutation OpenPerkDeliveries($input: OpenPerkDeliveriesInput!) {
  openPerkDeliveries(input: $input) {
    opened
  }
}
    `) as unknown as TypedDocumentString<OpenPerkDeliveriesMutation, OpenPerkDeliveriesMutationVariables>;
export const RegisterReturnParcelDocument = new TypedDocumentString(`
    mutation RegisterReturnParcel($input: RegisterReturnParcelInput!) {
  registerReturnParcel(input: $input) {
    id
    trackingNumber
  }
}
    `) as unknown as TypedDocumentString<RegisterReturnParcelMutation, RegisterReturnParcelMutationVariables>;
export const WithdrawFulfilmentUnitsDocument = new TypedDocumentString(`
    mutation WithdrawFulfilmentUnits($input: WithdrawFulfilmentUnitsInput!) {
  withdrawFulfilmentUnits(input: $input) {
    lines {
      orderLineId
      quantity
    }
    status
  }
}
    `) as unknown as TypedDocumentString<WithdrawFulfilmentUnitsMutation, WithdrawFulfilmentUnitsMutationVariables>;