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

/** Internal (gateway): confirming a new TOTP secret during an admin’s first sign-in. */
export type ConfirmStaffTotpEnrolmentInput = {
  challengeToken: string;
  device: DeviceInput;
  totpCode: string;
};

/** Internal (gateway): where a sign-in request came from. */
export type DeviceInput = {
  /** Client address as the gateway saw it. */
  ipAddress?: string | null | undefined;
  /** User-Agent header (first 200 characters). */
  userAgent?: string | null | undefined;
};

/** Internal (gateway): a password reset link redeemed with a new password. */
export type RedeemStaffPasswordResetInput = {
  /** The new password (the same rules as at invitation acceptance). */
  password: string;
  /** The token from the reset link. */
  token: string;
};

/** Internal (gateway): exchanging a refresh token. */
export type RefreshStaffSessionInput = {
  refreshToken: string;
};

/** A staff member’s built-in role; it travels in their access tokens. */
export type StaffRole =
  | 'BANK_ADMIN'
  | 'BANK_OPERATOR'
  | 'PLATFORM_ADMIN'
  | 'PLATFORM_STAFF'
  | 'SUPPLIER_ADMIN'
  | 'SUPPLIER_STAFF';

/** Internal (gateway): a password sign-in. */
export type StaffSignInInput = {
  device: DeviceInput;
  loginName: string;
  password: string;
  /** The authenticator’s 6 digits, or one recovery code. */
  totpCode?: string | null | undefined;
};

export type StaffSignInAnswerFragment = { outcome: string, retryAfterSeconds: number | null, recoveryCodes: Array<string> | null, tokens: { accessToken: string, refreshToken: string, expiresIn: number, sessionId: string } | null, enrolment: { challengeToken: string, totpSecret: string, otpauthUri: string } | null };

export type SignInStaffMutationVariables = Exact<{
  input: StaffSignInInput;
}>;


export type SignInStaffMutation = { signInStaff: { outcome: string, retryAfterSeconds: number | null, recoveryCodes: Array<string> | null, tokens: { accessToken: string, refreshToken: string, expiresIn: number, sessionId: string } | null, enrolment: { challengeToken: string, totpSecret: string, otpauthUri: string } | null } };

export type ConfirmStaffTotpEnrolmentMutationVariables = Exact<{
  input: ConfirmStaffTotpEnrolmentInput;
}>;


export type ConfirmStaffTotpEnrolmentMutation = { confirmStaffTotpEnrolment: { outcome: string, retryAfterSeconds: number | null, recoveryCodes: Array<string> | null, tokens: { accessToken: string, refreshToken: string, expiresIn: number, sessionId: string } | null, enrolment: { challengeToken: string, totpSecret: string, otpauthUri: string } | null } };

export type RefreshStaffSessionMutationVariables = Exact<{
  input: RefreshStaffSessionInput;
}>;


export type RefreshStaffSessionMutation = { refreshStaffSession: { outcome: string, retryAfterSeconds: number | null, recoveryCodes: Array<string> | null, tokens: { accessToken: string, refreshToken: string, expiresIn: number, sessionId: string } | null, enrolment: { challengeToken: string, totpSecret: string, otpauthUri: string } | null } };

export type ActiveStaffSessionsQueryVariables = Exact<{
  sessionIds: Array<string> | string;
}>;


export type ActiveStaffSessionsQuery = { activeStaffSessions: Array<string> };

export type AcceptInvitationMutationVariables = Exact<{
  input: AcceptInvitationInput;
}>;


export type AcceptInvitationMutation = { acceptInvitation: { accessToken: string | null, expiresIn: number | null, refreshToken: string | null, staffMember: { id: string, loginName: string, role: StaffRole } } };

export type BeginSsoSignInMutationVariables = Exact<{
  input: BeginSsoSignInInput;
}>;


export type BeginSsoSignInMutation = { beginSsoSignIn: { authorizationUrl: string, expiresAt: string } };

export type CompleteSsoSignInMutationVariables = Exact<{
  input: CompleteSsoSignInInput;
}>;


export type CompleteSsoSignInMutation = { completeSsoSignIn: { accessToken: string, refreshToken: string, expiresIn: number, sessionId: string, staffMemberId: string } };

export type RedeemStaffPasswordResetMutationVariables = Exact<{
  input: RedeemStaffPasswordResetInput;
}>;


export type RedeemStaffPasswordResetMutation = { redeemStaffPasswordReset: { endedSessions: number, staffMember: { id: string, loginName: string } } };

export type SsoAvailabilityQueryVariables = Exact<{
  bankCode: string;
}>;


export type SsoAvailabilityQuery = { ssoAvailability: { bankCode: string, singleSignOn: boolean } };

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
export const StaffSignInAnswerFragmentDoc = new TypedDocumentString(`
    fragment StaffSignInAnswer on StaffSignInResult {
  outcome
  retryAfterSeconds
  tokens {
    accessToken
    refreshToken
    expiresIn
    sessionId
  }
  enrolment {
    challengeToken
    totpSecret
    otpauthUri
  }
  recoveryCodes
}
    `, {"fragmentName":"StaffSignInAnswer"}) as unknown as TypedDocumentString<StaffSignInAnswerFragment, unknown>;
export const SignInStaffDocument = new TypedDocumentString(`
    mutation SignInStaff($input: StaffSignInInput!) {
  signInStaff(input: $input) {
    ...StaffSignInAnswer
  }
}
    fragment StaffSignInAnswer on StaffSignInResult {
  outcome
  retryAfterSeconds
  tokens {
    accessToken
    refreshToken
    expiresIn
    sessionId
  }
  enrolment {
    challengeToken
    totpSecret
    otpauthUri
  }
  recoveryCodes
}`) as unknown as TypedDocumentString<SignInStaffMutation, SignInStaffMutationVariables>;
export const ConfirmStaffTotpEnrolmentDocument = new TypedDocumentString(`
    mutation ConfirmStaffTotpEnrolment($input: ConfirmStaffTotpEnrolmentInput!) {
  confirmStaffTotpEnrolment(input: $input) {
    ...StaffSignInAnswer
  }
}
    fragment StaffSignInAnswer on StaffSignInResult {
  outcome
  retryAfterSeconds
  tokens {
    accessToken
    refreshToken
    expiresIn
    sessionId
  }
  enrolment {
    challengeToken
    totpSecret
    otpauthUri
  }
  recoveryCodes
}`) as unknown as TypedDocumentString<ConfirmStaffTotpEnrolmentMutation, ConfirmStaffTotpEnrolmentMutationVariables>;
export const RefreshStaffSessionDocument = new TypedDocumentString(`
    mutation RefreshStaffSession($input: RefreshStaffSessionInput!) {
  refreshStaffSession(input: $input) {
    ...StaffSignInAnswer
  }
}
    fragment StaffSignInAnswer on StaffSignInResult {
  outcome
  retryAfterSeconds
  tokens {
    accessToken
    refreshToken
    expiresIn
    sessionId
  }
  enrolment {
    challengeToken
    totpSecret
    otpauthUri
  }
  recoveryCodes
}`) as unknown as TypedDocumentString<RefreshStaffSessionMutation, RefreshStaffSessionMutationVariables>;
export const ActiveStaffSessionsDocument = new TypedDocumentString(`
    query ActiveStaffSessions($sessionIds: [ID!]!) {
  activeStaffSessions(sessionIds: $sessionIds)
}
    `) as unknown as TypedDocumentString<ActiveStaffSessionsQuery, ActiveStaffSessionsQueryVariables>;
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
export const RedeemStaffPasswordResetDocument = new TypedDocumentString(`
    mutation RedeemStaffPasswordReset($input: RedeemStaffPasswordResetInput!) {
  redeemStaffPasswordReset(input: $input) {
    staffMember {
      id
      loginName
    }
    endedSessions
  }
}
    `) as unknown as TypedDocumentString<RedeemStaffPasswordResetMutation, RedeemStaffPasswordResetMutationVariables>;
export const SsoAvailabilityDocument = new TypedDocumentString(`
    query SsoAvailability($bankCode: String!) {
  ssoAvailability(bankCode: $bankCode) {
    bankCode
    singleSignOn
  }
}
    `) as unknown as TypedDocumentString<SsoAvailabilityQuery, SsoAvailabilityQueryVariables>;