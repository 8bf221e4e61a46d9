/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** One unit of a perk delivered by a partner or the bank: PROCESSING, then DELIVERED or FAILED. */
export type PerkUnitState =
  | 'DELIVERED'
  | 'FAILED'
  | 'PROCESSING';

/** Internal (logistics): how one perk unit ended. */
export type RecordPerkUnitOutcomeInput = {
  /** When it was settled. */
  at: string;
  /** The order line. */
  orderLineId: string;
  /** DELIVERED or FAILED. */
  outcome: PerkUnitState;
  /** FAILED: why (up to 300 characters). */
  reason?: string | null | undefined;
  /** The unit within the line, from 0. */
  unitIndex: number;
};

/** Internal (logistics): units it withdrew before they shipped; orders refunds exactly them. */
export type RecordUnitsWithdrawnInput = {
  cause: string;
  lines: Array<RefundLineInput>;
  orderId: string;
  reason: string;
  requestedBy: string;
  requester?: string | null | undefined;
  restock: boolean;
  supplierOrderId: string;
  withdrawalKey: string;
};

export type RefundLineInput = {
  orderLineId: string;
  quantity: number;
};

/** REQUESTED by the customer; AUTHORISED or REFUSED by the supplier or the bank; IN_TRANSIT once the customer gave the return parcel; RECEIVED when the carrier delivered it back; then REFUNDED or REJECTED after inspection (an exchange: ACCEPTED, REPLACEMENT_SHIPPED, EXCHANGED); WITHDRAWN by the customer (or customer service for them) before the goods were received. */
export type ReturnStatus =
  | 'ACCEPTED'
  | 'AUTHORISED'
  | 'EXCHANGED'
  | 'IN_TRANSIT'
  | 'RECEIVED'
  | 'REFUNDED'
  | 'REFUSED'
  | 'REJECTED'
  | 'REPLACEMENT_SHIPPED'
  | 'REQUESTED'
  | 'WITHDRAWN';

export type SupplierOrderStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'FAILED'
  | 'PAID'
  | 'PARTIALLY_SHIPPED'
  | 'PENDING_PAYMENT'
  | 'SHIPPED';

export type RecordSupplierOrderProgressMutationVariables = Exact<{
  supplierOrderId: string;
  status: SupplierOrderStatus;
  at: string;
}>;


export type RecordSupplierOrderProgressMutation = { recordSupplierOrderProgress: { id: string, status: SupplierOrderStatus } };

export type RecordPerkUnitOutcomeMutationVariables = Exact<{
  input: RecordPerkUnitOutcomeInput;
}>;


export type RecordPerkUnitOutcomeMutation = { recordPerkUnitOutcome: { orderLineId: string, unitIndex: number, state: PerkUnitState } };

export type RecordReturnParcelDeliveredMutationVariables = Exact<{
  returnRequestId: string;
  replacement: boolean;
  at: string;
}>;


export type RecordReturnParcelDeliveredMutation = { recordReturnParcelDelivered: { id: string, status: ReturnStatus } };

export type RecordUnitsWithdrawnMutationVariables = Exact<{
  input: RecordUnitsWithdrawnInput;
}>;


export type RecordUnitsWithdrawnMutation = { recordUnitsWithdrawn: { id: string } };

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

export const RecordSupplierOrderProgressDocument = new TypedDocumentString(`
    mutation RecordSupplierOrderProgress($supplierOrderId: ID!, $status: SupplierOrderStatus!, $at: DateTime!) {
  recordSupplierOrderProgress(
    supplierOrderId: $supplierOrderId
    status: $status
    at: $at
  ) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RecordSupplierOrderProgressMutation, RecordSupplierOrderProgressMutationVariables>;
export const RecordPerkUnitOutcomeDocument = new TypedDocumentString(`
    mutation RecordPerkUnitOutcome($input: RecordPerkUnitOutcomeInput!) {
  recordPerkUnitOutcome(input: $input) {
    orderLineId
    unitIndex
    state
  }
}
    `) as unknown as TypedDocumentString<RecordPerkUnitOutcomeMutation, RecordPerkUnitOutcomeMutationVariables>;
export const RecordReturnParcelDeliveredDocument = new TypedDocumentString(`
    mutation RecordReturnParcelDelivered($returnRequestId: ID!, $replacement: Boolean!, $at: DateTime!) {
  recordReturnParcelDelivered(
    returnRequestId: $returnRequestId
    replacement: $replacement
    at: $at
  ) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RecordReturnParcelDeliveredMutation, RecordReturnParcelDeliveredMutationVariables>;
export const RecordUnitsWithdrawnDocument = new TypedDocumentString(`
    mutation RecordUnitsWithdrawn($input: RecordUnitsWithdrawnInput!) {
  recordUnitsWithdrawn(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<RecordUnitsWithdrawnMutation, RecordUnitsWithdrawnMutationVariables>;