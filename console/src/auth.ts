/**
 * The signed-in session, kept in memory only (never in localStorage: a reload signs out, and no
 * script on another tab can read the tokens). Access tokens last 10 minutes; a minute before one
 * expires the refresh token (which rotates: each works once) gets the next pair from
 * /auth/staff/refresh. Everything the gateway answers is in gateway/staff-auth.ts and staff-sso.ts.
 */
import { useSyncExternalStore } from 'react';
import { graphql } from './gql';
import { operationBody } from './operation';

export interface Session {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  /** Epoch ms at which the access token expires. */
  expiresAt: number;
}

export interface TotpEnrolment {
  challengeToken: string;
  totpSecret: string;
  otpauthUri: string;
}

/** What a sign-in attempt came to: signed in, or the gateway's error code and what goes with it. */
export type SignInResult =
  | { ok: true }
  | { ok: false; error: 'totp_required' }
  | { ok: false; error: 'totp_enrolment_required'; enrolment: TotpEnrolment }
  | { ok: false; error: string; message: string; retryAfter?: number };

const SignOutDocument = graphql(`
  mutation ConsoleSignOut {
    signOut {
      endedSessions
    }
  }
`);

let session: Session | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

function setSession(next: Session | null): void {
  session = next;
  clearTimeout(refreshTimer);
  if (next) refreshTimer = setTimeout(() => void refresh(), Math.max(5_000, next.expiresAt - Date.now() - 60_000));
  for (const listener of listeners) listener();
}

export const currentSession = (): Session | null => session;

/** The session in a component; re-renders on sign-in, refresh and sign-out. */
export function useSession(): Session | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => session,
  );
}

async function post(path: string, body: Record<string, string>): Promise<{ status: number; body: any }> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => ({})) };
}

function tokensFrom(body: any): Session {
  return {
    accessToken: body.access_token ?? body.accessToken,
    refreshToken: body.refresh_token ?? body.refreshToken,
    sessionId: String(body.session_id ?? body.sessionId),
    expiresAt: Date.now() + Number(body.expires_in ?? body.expiresIn) * 1000,
  };
}

function answer(status: number, body: any): SignInResult {
  if (status === 200) {
    setSession(tokensFrom(body));
    return { ok: true };
  }
  if (body.error === 'totp_required') return { ok: false, error: 'totp_required' };
  if (body.error === 'totp_enrolment_required')
    return {
      ok: false,
      error: 'totp_enrolment_required',
      enrolment: { challengeToken: body.challenge_token, totpSecret: body.totp_secret, otpauthUri: body.otpauth_uri },
    };
  return {
    ok: false,
    error: String(body.error ?? 'unknown'),
    message: String(body.error_description ?? body.message ?? `HTTP ${status}`),
    retryAfter: typeof body.retry_after === 'number' ? body.retry_after : undefined,
  };
}

export async function signIn(loginName: string, password: string, totpCode?: string): Promise<SignInResult> {
  const body: Record<string, string> = { login_name: loginName, password };
  if (totpCode) body.totp_code = totpCode;
  const r = await post('/auth/staff/sign-in', body);
  return answer(r.status, r.body);
}

/** An administrator's first sign-in: the code from the authenticator the secret was just added to. */
export async function confirmTotp(challengeToken: string, totpCode: string): Promise<SignInResult> {
  const r = await post('/auth/staff/totp/confirm', { challenge_token: challengeToken, totp_code: totpCode });
  return answer(r.status, r.body);
}

/** New tokens for the session; false (and signed out) when the refresh token is no longer good. */
export function refresh(): Promise<boolean> {
  const current = session;
  if (!current) return Promise.resolve(false);
  // One refresh at a time: the token rotates, and presenting it twice would end the session.
  refreshing ??= post('/auth/staff/refresh', { refresh_token: current.refreshToken })
    .then((r) => {
      if (r.status === 200) setSession(tokensFrom(r.body));
      else if (r.status === 401) setSession(null);
      return r.status === 200;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** Ends the session at the server (best effort) and forgets the tokens. */
export async function signOut(): Promise<void> {
  const current = session;
  setSession(null);
  if (!current) return;
  await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${current.accessToken}` },
    body: operationBody(SignOutDocument),
  }).catch(() => undefined);
}

export const ssoRedirectUri = () => `${window.location.origin}/console/sso/callback`;

/** Sends the browser to the bank's identity provider; an error code when the bank has none. */
export async function beginSso(bankCode: string): Promise<SignInResult | null> {
  const r = await post('/auth/staff/sso/begin', { bankCode, redirectUri: ssoRedirectUri() });
  if (r.status !== 200) return answer(r.status, r.body);
  window.location.assign(r.body.authorizationUrl);
  return null;
}

/**
 * Whether the bank with this code signs its staff in at its own identity provider (the sign-in page
 * opened as `/console/?bank=<code>` then offers the button). Any failure reads as "no".
 */
export async function ssoAvailable(bankCode: string): Promise<boolean> {
  try {
    const r = await fetch(`/auth/staff/sso/availability?bank=${encodeURIComponent(bankCode)}`);
    if (r.status !== 200) return false;
    return ((await r.json()) as { singleSignOn?: boolean }).singleSignOn === true;
  } catch {
    return false;
  }
}

/** The provider redirected back here: trade the callback for tokens. */
export async function completeSso(callbackUrl: string): Promise<SignInResult> {
  const r = await post('/auth/staff/sso/complete', { callbackUrl });
  return answer(r.status, r.body);
}
