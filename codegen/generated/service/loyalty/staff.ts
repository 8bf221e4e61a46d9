/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ApprovalPolicyQueryVariables = Exact<{
  bankId: string;
}>;


export type ApprovalPolicyQuery = { approvalPolicy: { pointsAdjustmentAbove: number | null, listingBelowCost: boolean, campaignLaunch: boolean, campaignBudgetAboveFen: number | null, partnerAppCreation: boolean } };

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

export const ApprovalPolicyDocument = new TypedDocumentString(`
    query ApprovalPolicy($bankId: ID!) {
  approvalPolicy(bankId: $bankId) {
    pointsAdjustmentAbove
    listingBelowCost
    campaignLaunch
    campaignBudgetAboveFen
    partnerAppCreation
  }
}
    `) as unknown as TypedDocumentString<ApprovalPolicyQuery, ApprovalPolicyQueryVariables>;