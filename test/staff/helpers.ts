import { generate } from 'otplib';
import type { TestSystem } from '../harness';
import { DEMO_STAFF } from '../../scripts/seed/demo-plan';

export const demo = (loginName: string) => DEMO_STAFF.find((m) => m.loginName === loginName)!;

export interface AuthAnswer {
  status: number;
  body: Record<string, any>;
  headers: Headers;
}

/** POSTs JSON to one of the gateway's /auth/staff/* routes. */
export async function auth(
  sys: TestSystem,
  route: 'sign-in' | 'totp/confirm' | 'refresh',
  body: Record<string, string>,
  opts: { userAgent?: string } = {},
): Promise<AuthAnswer> {
  const r = await fetch(`${sys.stack.urls.gateway}/auth/staff/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(opts.userAgent ? { 'user-agent': opts.userAgent } : {}) },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, any>, headers: r.headers };
}

/** The authenticator app's code for a secret, `offsetSteps` 30-second steps from now. */
export function totpCode(secret: string, offsetSteps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
}

/** Signs in a member without TOTP; fails the test unless it worked. */
export async function signIn(
  sys: TestSystem,
  loginName: string,
  password: string,
  opts: { userAgent?: string; totpCode?: string } = {},
): Promise<{ accessToken: string; refreshToken: string; sessionId: string }> {
  const a = await auth(
    sys,
    'sign-in',
    { login_name: loginName, password, ...(opts.totpCode ? { totp_code: opts.totpCode } : {}) },
    opts,
  );
  if (a.status !== 200) throw new Error(`sign-in of ${loginName}: ${a.status} ${JSON.stringify(a.body)}`);
  return { accessToken: a.body.access_token, refreshToken: a.body.refresh_token, sessionId: a.body.session_id };
}

export const ME = '{ me { id loginName displayName role kind status totpEnabled bank { id } supplier { id } } }';

export const CREATE =
  'mutation($i: CreateStaffMemberInput!) { createStaffMember(input: $i) { staffMember { id loginName role kind status totpEnabled } } }';

export const DISABLE =
  'mutation($i: RemoveStaffMemberInput!) { removeStaffMember(input: $i) { staffMember { id status } } }';

/** Polls until the gateway refuses the token (it may trust a session for up to 1 s); returns the ms it took. */
export async function refusedWithin(sys: TestSystem, token: string, ms: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const r = await sys.gql(token, '{ me { id } }');
    if (r.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`token still accepted after ${ms} ms: ${JSON.stringify(r)}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}
