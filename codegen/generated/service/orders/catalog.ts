/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What a DIRECT_TOPUP customer enters at checkout as the account to credit: MOBILE_CN (11-digit mainland mobile number), QQ_NUMBER (5–12 digits), EMAIL, ACCOUNT_ID (3–64 letters, digits, _ . - @). */
export type AccountRule =
  | 'ACCOUNT_ID'
  | 'EMAIL'
  | 'MOBILE_CN'
  | 'QQ_NUMBER';

/** Internal (orders): issue codes for the virtual lines of an order. */
export type AllocateCodesInput = {
  lines: Array<OrderLineInput>;
  /** The order (idempotency key with each skuId). */
  orderId: string;
};

/** How a virtual SKU is delivered: CODE_POOL (a code from the pool at payment), DIRECT_TOPUP (the partner credits the customer's account), PARTNER_ISSUED (the partner issues a voucher), BANK_SYSTEM (an event to the bank's systems, acknowledged by the bank). */
export type DeliveryMode =
  | 'BANK_SYSTEM'
  | 'CODE_POOL'
  | 'DIRECT_TOPUP'
  | 'PARTNER_ISSUED';

/** Internal (orders): an exchange's stock move. */
export type MoveExchangeStockInput = {
  /** SKUs and units (at most 50 lines). */
  lines: Array<OrderLineInput>;
  /** true: the replacement ships and takes its units; false: resellable returned units go back on sale. */
  replacement: boolean;
  /** The return request (idempotency key with the SKU and kind). */
  returnRequestId: string;
};

/** Internal (orders): one order line. */
export type OrderLineInput = {
  quantity: number;
  skuId: string;
};

/** Internal (orders): an order whose reservation moves on. */
export type OrderReservationInput = {
  orderId: string;
};

/** Internal (orders): withdraw the codes issued to an order. */
export type ReleaseCodesInput = {
  orderId: string;
  /** Put codes whose plaintext never left the catalog back on sale; disclosed codes (and all codes without this flag) become VOID. */
  returnToPool?: boolean | null | undefined;
};

/** RESERVED holds units; COMMITTED means they left stock; RELEASED gave them back. */
export type ReservationState =
  | 'COMMITTED'
  | 'RELEASED'
  | 'RESERVED';

/** Internal (orders): hold stock for an order. */
export type ReserveStockInput = {
  lines: Array<OrderLineInput>;
  /** The order (idempotency key). */
  orderId: string;
};

/** Internal (orders): refunded goods going back on sale. */
export type RestockInput = {
  lines: Array<OrderLineInput>;
  orderId: string;
  /** The refund (idempotency key with the order and SKU). */
  refundId: string;
};

/** Physical goods ship; virtual cards are issued as codes. */
export type SkuKind =
  | 'PHYSICAL'
  | 'VIRTUAL';

/** Whether banks may sell the SKU. */
export type SkuStatus =
  | 'ACTIVE'
  | 'INACTIVE';

export type SkuFactsQueryVariables = Exact<{
  ids: Array<string> | string;
}>;


export type SkuFactsQuery = { curationSkusByIds: Array<{ id: string, supplierId: string, supplierPriceFen: number, kind: SkuKind, title: string, status: SkuStatus, shippingFeeFen: number, freeShippingOverFen: number | null, deliveryMode: DeliveryMode | null, accountRule: AccountRule | null, partnerProductCode: string | null, returnDays: number, categoryPath: string | null }> };

export type ReservationFragment = { lines: Array<{ skuId: string, quantity: number, state: ReservationState }> };

export type ReserveStockMutationVariables = Exact<{
  input: ReserveStockInput;
}>;


export type ReserveStockMutation = { reserveStock: { lines: Array<{ skuId: string, quantity: number, state: ReservationState }> } };

export type CommitReservationMutationVariables = Exact<{
  input: OrderReservationInput;
}>;


export type CommitReservationMutation = { commitReservation: { lines: Array<{ skuId: string, quantity: number, state: ReservationState }> } };

export type ReleaseReservationMutationVariables = Exact<{
  input: OrderReservationInput;
}>;


export type ReleaseReservationMutation = { releaseReservation: { lines: Array<{ skuId: string, quantity: number, state: ReservationState }> } };

export type AllocateCodesMutationVariables = Exact<{
  input: AllocateCodesInput;
}>;


export type AllocateCodesMutation = { allocateCodes: { codes: Array<{ skuId: string, codeId: string, expiresAt: string | null }> } };

export type ReleaseCodesMutationVariables = Exact<{
  input: ReleaseCodesInput;
}>;


export type ReleaseCodesMutation = { releaseCodes: { released: number } };

export type RestockMutationVariables = Exact<{
  input: RestockInput;
}>;


export type RestockMutation = { restock: { changed: boolean } };

export type MoveExchangeStockMutationVariables = Exact<{
  input: MoveExchangeStockInput;
}>;


export type MoveExchangeStockMutation = { moveExchangeStock: { changed: boolean } };

export type SettlementSupplierNameQueryVariables = Exact<{
  id: string;
}>;


export type SettlementSupplierNameQuery = { supplier: { name: string } };

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
export const ReservationFragmentDoc = new TypedDocumentString(`
    fragment Reservation on StockReservationPayload {
  lines {
    skuId
    quantity
    state
  }
}
    `, {"fragmentName":"Reservation"}) as unknown as TypedDocumentString<ReservationFragment, unknown>;
export const SkuFactsDocument = new TypedDocumentString(`
    query SkuFacts($ids: [ID!]!) {
  curationSkusByIds(ids: $ids) {
    id
    supplierId
    supplierPriceFen
    kind
    title
    status
    shippingFeeFen
    freeShippingOverFen
    deliveryMode
    accountRule
    partnerProductCode
    returnDays
    categoryPath
  }
}
    `) as unknown as TypedDocumentString<SkuFactsQuery, SkuFactsQueryVariables>;
export const ReserveStockDocument = new TypedDocumentString(`
    mutation ReserveStock($input: ReserveStockInput!) {
  reserveStock(input: $input) {
    ...Reservation
  }
}
    fragment Reservation on StockReservationPayload {
  lines {
    skuId
    quantity
    state
  }
}`) as unknown as TypedDocumentString<ReserveStockMutation, ReserveStockMutationVariables>;
export const CommitReservationDocument = new TypedDocumentString(`
    mutation CommitReservation($input: OrderReservationInput!) {
  commitReservation(input: $input) {
    ...Reservation
  }
}
    fragment Reservation on StockReservationPayload {
  lines {
    skuId
    quantity
    state
  }
}`) as unknown as TypedDocumentString<CommitReservationMutation, CommitReservationMutationVariables>;
export const ReleaseReservationDocument = new TypedDocumentString(`
    mutation ReleaseReservation($input: OrderReservationInput!) {
  releaseReservation(input: $input) {
    ...Reservation
  }
}
    fragment Reservation on StockReservationPayload {
  lines {
    skuId
    quantity
    state
  }
}`) as unknown as TypedDocumentString<ReleaseReservationMutation, ReleaseReservationMutationVariables>;
export const AllocateCodesDocument = new TypedDocumentString(`
    mutation AllocateCodes($input: AllocateCodesInput!) {
  allocateCodes(input: $input) {
    codes {
      skuId
      codeId
      expiresAt
    }
  }
}
    `) as unknown as TypedDocumentString<AllocateCodesMutation, AllocateCodesMutationVariables>;
export const ReleaseCodesDocument = new TypedDocumentString(`
    mutation ReleaseCodes($input: ReleaseCodesInput!) {
  releaseCodes(input: $input) {
    released
  }
}
    `) as unknown as TypedDocumentString<ReleaseCodesMutation, ReleaseCodesMutationVariables>;
export const RestockDocument = new TypedDocumentString(`
    mutation Restock($input: RestockInput!) {
  restock(input: $input) {
    changed
  }
}
    `) as unknown as TypedDocumentString<RestockMutation, RestockMutationVariables>;
export const MoveExchangeStockDocument = new TypedDocumentString(`
    mutation MoveExchangeStock($input: MoveExchangeStockInput!) {
  moveExchangeStock(input: $input) {
    changed
  }
}
    `) as unknown as TypedDocumentString<MoveExchangeStockMutation, MoveExchangeStockMutationVariables>;
export const SettlementSupplierNameDocument = new TypedDocumentString(`
    query SettlementSupplierName($id: ID!) {
  supplier(id: $id) {
    name
  }
}
    `) as unknown as TypedDocumentString<SettlementSupplierNameQuery, SettlementSupplierNameQueryVariables>;