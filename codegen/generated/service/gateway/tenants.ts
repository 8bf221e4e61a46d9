/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What a partner app may do: BROWSE malls and listings, CHECKOUT (place and pay orders), send EARN_EVENTS (recordBankEvent), CUSTOMER_UPSERT (upsertCustomers). */
export type PartnerAppScope =
  | 'BROWSE'
  | 'CHECKOUT'
  | 'CUSTOMER_UPSERT'
  | 'EARN_EVENTS';

export type AuthenticatePartnerAppMutationVariables = Exact<{
  clientId: string;
  clientSecret: string;
}>;


export type AuthenticatePartnerAppMutation = { authenticatePartnerApp: { partnerAppId: string, bankId: string, safelistOnly: boolean, scopes: Array<PartnerAppScope> } | null };

export type CustomerForPartnerAppQueryVariables = Exact<{
  bankId: string;
  customerRef: string;
  partnerAppId?: string | null | undefined;
}>;


export type CustomerForPartnerAppQuery = { customerForPartnerApp: { id: string } | null };

export type RecentlyRevokedPartnerAppsQueryVariables = Exact<{ [key: string]: never; }>;


export type RecentlyRevokedPartnerAppsQuery = { recentlyRevokedPartnerApps: Array<string> };

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

export const AuthenticatePartnerAppDocument = new TypedDocumentString(`
    mutation AuthenticatePartnerApp($clientId: String!, $clientSecret: String!) {
  authenticatePartnerApp(clientId: $clientId, clientSecret: $clientSecret) {
    partnerAppId
    bankId
    safelistOnly
    scopes
  }
}
    `) as unknown as TypedDocumentString<AuthenticatePartnerAppMutation, AuthenticatePartnerAppMutationVariables>;
export const CustomerForPartnerAppDocument = new TypedDocumentString(`
    query CustomerForPartnerApp($bankId: ID!, $customerRef: String!, $partnerAppId: ID) {
  customerForPartnerApp(
    bankId: $bankId
    customerRef: $customerRef
    partnerAppId: $partnerAppId
  ) {
    id
  }
}
    `) as unknown as TypedDocumentString<CustomerForPartnerAppQuery, CustomerForPartnerAppQueryVariables>;
export const RecentlyRevokedPartnerAppsDocument = new TypedDocumentString(`
    query RecentlyRevokedPartnerApps {
  recentlyRevokedPartnerApps
}
    `) as unknown as TypedDocumentString<RecentlyRevokedPartnerAppsQuery, RecentlyRevokedPartnerAppsQueryVariables>;