/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A points adjustment a second person approved (staff subgraph only). */
export type ApplyApprovedPointsAdjustmentInput = {
  amount: number;
  /** The approval request; applying it again returns the same entry. */
  approvalRequestId: string;
  /** The bank the request was made in. */
  bankId: string;
  customerId: string;
  /** Who asked for it (their token subject). */
  makerSub: string;
  reason: string;
  track: PointsTrack;
  validityDays?: number | null | undefined;
};

/** Redeemable points (spent in the mall) or tier points (decide the tier). */
export type PointsTrack =
  | 'REDEEMABLE'
  | 'TIER';

export type ApplyApprovedPointsAdjustmentMutationVariables = Exact<{
  input: ApplyApprovedPointsAdjustmentInput;
}>;


export type ApplyApprovedPointsAdjustmentMutation = { applyApprovedPointsAdjustment: { id: string } };

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

export const ApplyApprovedPointsAdjustmentDocument = new TypedDocumentString(`
    mutation ApplyApprovedPointsAdjustment($input: ApplyApprovedPointsAdjustmentInput!) {
  applyApprovedPointsAdjustment(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ApplyApprovedPointsAdjustmentMutation, ApplyApprovedPointsAdjustmentMutationVariables>;