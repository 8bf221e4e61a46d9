/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AuthenticatePartnerAppMutationVariables = Exact<{
  clientId: string;
  clientSecret: string;
}>;


export type AuthenticatePartnerAppMutation = { authenticatePartnerApp: { partnerAppId: string, bankId: string, safelistOnly: boolean } | null };

export type CustomerForPartnerAppQueryVariables = Exact<{
  bankId: string;
  customerRef: string;
}>;


export type CustomerForPartnerAppQuery = { customerForPartnerApp: { id: string } | null };

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
  }
}
    `) as unknown as TypedDocumentString<AuthenticatePartnerAppMutation, AuthenticatePartnerAppMutationVariables>;
export const CustomerForPartnerAppDocument = new TypedDocumentString(`
    query CustomerForPartnerApp($bankId: ID!, $customerRef: String!) {
  customerForPartnerApp(bankId: $bankId, customerRef: $customerRef) {
    id
  }
}
    `) as unknown as TypedDocumentString<CustomerForPartnerAppQuery, CustomerForPartnerAppQueryVariables>;