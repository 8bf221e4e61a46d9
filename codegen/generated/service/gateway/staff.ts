/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** The invitee’s acceptance (sent by the gateway’s /auth/staff/accept-invitation). */
export type AcceptInvitationInput = {
  /** Where the invitee connects from (for their session list). */
  ipAddress?: string | null | undefined;
  /** The login name to sign in with (unless the inviter chose it). */
  loginName?: string | null | undefined;
  /** A password: at least 12 characters, three of lower case, upper case, digits and symbols, not containing the login name. */
  password: string;
  /** The token from the invitation link. */
  token: string;
  /** The invitee’s browser (for their session list). */
  userAgent?: string | null | undefined;
};

/** A staff member’s built-in role; it travels in their access tokens. */
export type StaffRole =
  | 'BANK_ADMIN'
  | 'BANK_OPERATOR'
  | 'PLATFORM_ADMIN'
  | 'SUPPLIER_ADMIN'
  | 'SUPPLIER_STAFF';

export type AcceptInvitationMutationVariables = Exact<{
  input: AcceptInvitationInput;
}>;


export type AcceptInvitationMutation = { acceptInvitation: { accessToken: string | null, expiresIn: number | null, refreshToken: string | null, staffMember: { id: string, loginName: string, role: StaffRole } } };

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

export const AcceptInvitationDocument = new TypedDocumentString(`
    mutation AcceptInvitation($input: AcceptInvitationInput!) {
  acceptInvitation(input: $input) {
    staffMember {
      id
      loginName
      role
    }
    accessToken
    expiresIn
    refreshToken
  }
}
    `) as unknown as TypedDocumentString<AcceptInvitationMutation, AcceptInvitationMutationVariables>;