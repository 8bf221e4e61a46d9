/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Internal (gateway): start a staff sign-in at the bank’s identity provider. */
export type BeginSsoSignInInput = {
  /** The bank’s code, e.g. "HZBANK" (or its bankId). */
  bankCode?: string | null | undefined;
  /** The bank whose staff is signing in (or its bankCode). */
  bankId?: string | null | undefined;
  /** Passed on as login_hint. */
  loginHint?: string | null | undefined;
  /** Where the identity provider sends the person back (on the bank’s list). */
  redirectUri: string;
};

/** Internal (gateway): what came back to the redirect URI. */
export type CompleteSsoSignInInput = {
  /** The whole callback URL, as it arrived. */
  callbackUrl?: string | null | undefined;
  /** … its code … */
  code?: string | null | undefined;
  /** Client address as the gateway saw it. */
  ipAddress?: string | null | undefined;
  /** … and its iss (when the provider sends one). */
  iss?: string | null | undefined;
  /** Or: its state parameter … */
  state?: string | null | undefined;
  /** User-Agent header. */
  userAgent?: string | null | undefined;
};

export type BeginSsoSignInMutationVariables = Exact<{
  input: BeginSsoSignInInput;
}>;


export type BeginSsoSignInMutation = { beginSsoSignIn: { authorizationUrl: string, expiresAt: string } };

export type CompleteSsoSignInMutationVariables = Exact<{
  input: CompleteSsoSignInInput;
}>;


export type CompleteSsoSignInMutation = { completeSsoSignIn: { accessToken: string, refreshToken: string, expiresIn: number, sessionId: string, staffMemberId: string } };

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

export const BeginSsoSignInDocument = new TypedDocumentString(`
    mutation BeginSsoSignIn($input: BeginSsoSignInInput!) {
  beginSsoSignIn(input: $input) {
    authorizationUrl
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<BeginSsoSignInMutation, BeginSsoSignInMutationVariables>;
export const CompleteSsoSignInDocument = new TypedDocumentString(`
    mutation CompleteSsoSignIn($input: CompleteSsoSignInInput!) {
  completeSsoSignIn(input: $input) {
    accessToken
    refreshToken
    expiresIn
    sessionId
    staffMemberId
  }
}
    `) as unknown as TypedDocumentString<CompleteSsoSignInMutation, CompleteSsoSignInMutationVariables>;