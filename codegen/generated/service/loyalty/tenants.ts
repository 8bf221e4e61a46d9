/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type CustomerByRefQueryVariables = Exact<{
  bankId: string;
  customerRef: string;
}>;


export type CustomerByRefQuery = { customerForPartnerApp: { id: string } | null };

export type CustomerBanksQueryVariables = Exact<{
  customerIds: Array<string> | string;
}>;


export type CustomerBanksQuery = { customerBanks: Array<{ customerId: string, bankId: string }> };

export type SegmentMembershipQueryVariables = Exact<{
  customerId: string;
  segmentIds: Array<string> | string;
}>;


export type SegmentMembershipQuery = { segmentMembership: Array<string> };

export type ApplyTierPointsMutationVariables = Exact<{
  customerId: string;
  tierPoints: number;
  tierPointsVersion: string;
}>;


export type ApplyTierPointsMutation = { applyTierPoints: { tierName: string | null, changed: boolean, applied: boolean, tierPointsVersion: string | null } };

export type CustomersByRefsQueryVariables = Exact<{
  bankId: string;
  customerRefs: Array<string> | string;
}>;


export type CustomersByRefsQuery = { customersByRefs: Array<{ customerRef: string, customerId: string }> };

export type SegmentMembershipsQueryVariables = Exact<{
  customerIds: Array<string> | string;
  segmentIds: Array<string> | string;
}>;


export type SegmentMembershipsQuery = { segmentMemberships: Array<{ customerId: string, segmentId: string }> };

export type LiabilityBankTermsQueryVariables = Exact<{
  bankId: string;
}>;


export type LiabilityBankTermsQuery = { bank: { id: string, pointsPerYuan: number, timeZone: string } };

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

export const CustomerByRefDocument = new TypedDocumentString(`
    query CustomerByRef($bankId: ID!, $customerRef: String!) {
  customerForPartnerApp(bankId: $bankId, customerRef: $customerRef) {
    id
  }
}
    `) as unknown as TypedDocumentString<CustomerByRefQuery, CustomerByRefQueryVariables>;
export const CustomerBanksDocument = new TypedDocumentString(`
    query CustomerBanks($customerIds: [ID!]!) {
  customerBanks(customerIds: $customerIds) {
    customerId
    bankId
  }
}
    `) as unknown as TypedDocumentString<CustomerBanksQuery, CustomerBanksQueryVariables>;
export const SegmentMembershipDocument = new TypedDocumentString(`
    query SegmentMembership($customerId: ID!, $segmentIds: [ID!]!) {
  segmentMembership(customerId: $customerId, segmentIds: $segmentIds)
}
    `) as unknown as TypedDocumentString<SegmentMembershipQuery, SegmentMembershipQueryVariables>;
export const ApplyTierPointsDocument = new TypedDocumentString(`
    mutation ApplyTierPoints($customerId: ID!, $tierPoints: SafeInt!, $tierPointsVersion: ID!) {
  applyTierPoints(
    customerId: $customerId
    tierPoints: $tierPoints
    tierPointsVersion: $tierPointsVersion
  ) {
    tierName
    changed
    applied
    tierPointsVersion
  }
}
    `) as unknown as TypedDocumentString<ApplyTierPointsMutation, ApplyTierPointsMutationVariables>;
export const CustomersByRefsDocument = new TypedDocumentString(`
    query CustomersByRefs($bankId: ID!, $customerRefs: [String!]!) {
  customersByRefs(bankId: $bankId, customerRefs: $customerRefs) {
    customerRef
    customerId
  }
}
    `) as unknown as TypedDocumentString<CustomersByRefsQuery, CustomersByRefsQueryVariables>;
export const SegmentMembershipsDocument = new TypedDocumentString(`
    query SegmentMemberships($customerIds: [ID!]!, $segmentIds: [ID!]!) {
  segmentMemberships(customerIds: $customerIds, segmentIds: $segmentIds) {
    customerId
    segmentId
  }
}
    `) as unknown as TypedDocumentString<SegmentMembershipsQuery, SegmentMembershipsQueryVariables>;
export const LiabilityBankTermsDocument = new TypedDocumentString(`
    query LiabilityBankTerms($bankId: ID!) {
  bank(id: $bankId) {
    id
    pointsPerYuan
    timeZone
  }
}
    `) as unknown as TypedDocumentString<LiabilityBankTermsQuery, LiabilityBankTermsQueryVariables>;