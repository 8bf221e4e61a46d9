/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type HoldFragment = { state: string, amount: number };

export type HoldPointsMutationVariables = Exact<{
  orderId: string;
  bankId: string;
  customerId: string;
  amount: number;
}>;


export type HoldPointsMutation = { holdPoints: { state: string, amount: number } };

export type CapturePointsMutationVariables = Exact<{
  orderId: string;
}>;


export type CapturePointsMutation = { capturePoints: { state: string, amount: number } };

export type ReleasePointsMutationVariables = Exact<{
  orderId: string;
}>;


export type ReleasePointsMutation = { releasePoints: { state: string, amount: number } };

export type RefundPointsMutationVariables = Exact<{
  orderId: string;
  amount: number;
  refundId: string;
}>;


export type RefundPointsMutation = { refundPoints: { state: string, amount: number } };

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
export const HoldFragmentDoc = new TypedDocumentString(`
    fragment Hold on PointsHoldResult {
  state
  amount
}
    `, {"fragmentName":"Hold"}) as unknown as TypedDocumentString<HoldFragment, unknown>;
export const HoldPointsDocument = new TypedDocumentString(`
    mutation HoldPoints($orderId: ID!, $bankId: ID!, $customerId: ID!, $amount: PointsAmount!) {
  holdPoints(
    orderId: $orderId
    bankId: $bankId
    customerId: $customerId
    amount: $amount
  ) {
    ...Hold
  }
}
    fragment Hold on PointsHoldResult {
  state
  amount
}`) as unknown as TypedDocumentString<HoldPointsMutation, HoldPointsMutationVariables>;
export const CapturePointsDocument = new TypedDocumentString(`
    mutation CapturePoints($orderId: ID!) {
  capturePoints(orderId: $orderId) {
    ...Hold
  }
}
    fragment Hold on PointsHoldResult {
  state
  amount
}`) as unknown as TypedDocumentString<CapturePointsMutation, CapturePointsMutationVariables>;
export const ReleasePointsDocument = new TypedDocumentString(`
    mutation ReleasePoints($orderId: ID!) {
  releasePoints(orderId: $orderId) {
    ...Hold
  }
}
    fragment Hold on PointsHoldResult {
  state
  amount
}`) as unknown as TypedDocumentString<ReleasePointsMutation, ReleasePointsMutationVariables>;
export const RefundPointsDocument = new TypedDocumentString(`
    mutation RefundPoints($orderId: ID!, $amount: PointsAmount!, $refundId: String!) {
  refundPoints(orderId: $orderId, amount: $amount, refundId: $refundId) {
    ...Hold
  }
}
    fragment Hold on PointsHoldResult {
  state
  amount
}`) as unknown as TypedDocumentString<RefundPointsMutation, RefundPointsMutationVariables>;