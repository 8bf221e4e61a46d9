/**
 * Single sign-on at a bank's own OpenID Connect provider: a real provider (oidc-provider, in its own
 * process) and the real authorization-code flow with PKCE through it, driven over HTTP the way a
 * browser follows redirects. Group → role/permission mapping, refusals (no mapped group, wrong or
 * replayed state, a redirect URI not on the list) and the connection's tenancy.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type GraphQLResult, type TestSystem } from '../harness';
import { startNodeProcess, type ExtraProcess } from '../gateway-process';
import { bankAdmin, bankOperator, platform } from '../principals';
import { assertAccessible, launchBrowser, openConsole, screenshot } from '../console/browser';
import { SsoConnection } from '../../subgraphs/staff/entities/sso-connection';
import { StaffMember } from '../../subgraphs/staff/entities/staff-member';

const REDIRECT = 'http://127.0.0.1:9/sso/callback';
const CLIENT_ID = 'perkmall-bank-1';
const CLIENT_SECRET = 'bank-1-client-secret-never-shown';

const REGISTER = `mutation($i: RegisterSsoConnectionInput!) { registerSsoConnection(input: $i) { ssoConnection {
  id issuerUrl clientId clientSecretSet scopes groupsClaim redirectUris enabled bank { id }
  groupMappings { groupName role permissions } } } }`;
const CONNECTION = `query($b: ID) { ssoConnection(bankId: $b) { id issuerUrl clientId clientSecretSet
  groupMappings { groupName role permissions } } }`;
const UPDATE = `mutation($i: UpdateSsoConnectionInput!) { updateSsoConnection(input: $i) { ssoConnection { id enabled } } }`;
const BEGIN = `mutation($i: BeginSsoSignInInput!) { beginSsoSignIn(input: $i) { authorizationUrl expiresAt } }`;
const COMPLETE = `mutation($i: CompleteSsoSignInInput!) { completeSsoSignIn(input: $i) {
  accessToken refreshToken expiresIn sessionId staffMemberId } }`;

interface Completed {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  staffMemberId: string;
}

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as {
    role: string;
    bankId?: string;
    permissions?: string[];
    sub: string;
    sessionId?: string;
  };

describe('staff single sign-on (OpenID Connect)', () => {
  let sys: TestSystem;
  let idp: ExtraProcess;
  let issuer: string;
  let connectionId: string;
  let consoleCallback: string;

  /** Follows the provider's redirects as a browser would (cookies carried) until it sends the person back. */
  async function browse(authorizationUrl: string): Promise<string> {
    const jar = new Map<string, string>();
    let next = authorizationUrl;
    for (let hop = 0; hop < 10; hop++) {
      if (next.startsWith(REDIRECT)) return next;
      const r = await fetch(next, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const cookie of r.headers.getSetCookie()) {
        const pair = cookie.split(';')[0]!;
        const eq = pair.indexOf('=');
        jar.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      const location = r.headers.get('location');
      assert.ok(location, `the provider answered ${r.status} without a redirect: ${await r.text()}`);
      next = new URL(location, next).href;
    }
    throw new Error('too many redirects');
  }

  async function begin(loginHint: string, redirectUri = REDIRECT, bankId = '1'): Promise<GraphQLResult> {
    return sys.asService('staff', BEGIN, { i: { bankId, redirectUri, loginHint } });
  }

  /** Begins at Perkmall, signs in at the provider, and returns the callback URL it redirected to. */
  async function callbackFor(loginHint: string): Promise<string> {
    const begun = await begin(loginHint);
    assert.equal(begun.errors, undefined, JSON.stringify(begun.errors));
    return browse(begun.data!.beginSsoSignIn.authorizationUrl as string);
  }

  const complete = (input: Record<string, unknown>) =>
    sys.asService('staff', COMPLETE, { i: { userAgent: 'sso-test', ipAddress: '127.0.0.1', ...input } });

  async function signIn(loginHint: string): Promise<Completed> {
    const done = await complete({ callbackUrl: await callbackFor(loginHint) });
    assert.equal(done.errors, undefined, JSON.stringify(done.errors));
    return done.data!.completeSsoSignIn as Completed;
  }

  const setGroups = (id: string, groups: string[]) =>
    fetch(`${issuer}/test/accounts`, { method: 'POST', body: JSON.stringify({ id, groups }) });

  before(async () => {
    sys = await startTestSystem({ env: { PERKMALL_SSO_ALLOW_HTTP: '1' } });
    consoleCallback = `${sys.stack.urls.gateway}/console/sso/callback`;
    idp = await startNodeProcess(sys, {
      label: 'oidc-provider',
      entry: 'test/support/oidc-provider-process.ts',
      env: {
        OIDC_TEST_CLIENT_ID: CLIENT_ID,
        OIDC_TEST_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_TEST_REDIRECT_URIS: `${REDIRECT},${consoleCallback}`,
        OIDC_TEST_DEFAULT_LOGIN: 'olivia',
      },
      portVariable: 'OIDC_TEST_PORT',
      healthPath: '/test/health',
    });
    issuer = idp.url.replace(/\/graphql$/, '');
    const registered = await sys.gql(bankAdmin(1), REGISTER, {
      i: {
        issuerUrl: issuer,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        scopes: ['openid', 'profile', 'email', 'groups'],
        redirectUris: [REDIRECT, consoleCallback],
        groupMappings: [
          { groupName: 'perkmall-operators', role: 'BANK_OPERATOR', permissions: ['CURATE_LISTINGS', 'SEE_REPORTS'] },
          { groupName: 'perkmall-admins', role: 'BANK_ADMIN' },
        ],
      },
    });
    assert.equal(registered.errors, undefined, JSON.stringify(registered.errors));
    connectionId = registered.data!.registerSsoConnection.ssoConnection.id;
  });
  after(async () => {
    await idp?.stop();
    await sys?.stop();
  });

  it('registers the connection with its mappings and never returns the client secret', async () => {
    const r = await sys.gql(bankAdmin(1), CONNECTION, {});
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const c = r.data!.ssoConnection;
    assert.equal(c.issuerUrl, issuer);
    assert.equal(c.clientSecretSet, true);
    assert.deepEqual(c.groupMappings, [
      { groupName: 'perkmall-operators', role: 'BANK_OPERATOR', permissions: ['CURATE_LISTINGS', 'SEE_REPORTS'] },
      {
        groupName: 'perkmall-admins',
        role: 'BANK_ADMIN',
        permissions: [
          'CURATE_LISTINGS',
          'RUN_CAMPAIGNS',
          'ADJUST_POINTS',
          'SEE_REPORTS',
          'MANAGE_PARTNER_APPS',
          'SEE_CUSTOMER_DATA',
          'SERVE_CUSTOMERS',
          'MANAGE_BANK_SETTINGS',
          'PAY_SUPPLIERS',
          'MANAGE_STAFF',
        ],
      },
    ]);
    // No field of the schema carries it, and it is sealed at rest.
    const asked = await sys.gql(bankAdmin(1), `{ ssoConnection { clientSecret } }`);
    assert.equal(errorCode(asked), 'GRAPHQL_VALIDATION_FAILED');
    assert.ok(!JSON.stringify(r).includes(CLIENT_SECRET));
    const row = await (await sys.orm('staff')).em.fork().findOneOrFail(SsoConnection, { bankId: 1 });
    assert.ok(!row.clientSecretSealed.includes(CLIENT_SECRET));
    // One connection per bank.
    const again = await sys.gql(bankAdmin(1), REGISTER, {
      i: { issuerUrl: issuer, clientId: 'x', clientSecret: 'y', redirectUris: [REDIRECT], groupMappings: [] },
    });
    assert.equal(errorCode(again), 'CONFLICT');
  });

  it('signs an operator-group member in end to end as BANK_OPERATOR with the mapped permissions', async () => {
    await setGroups('olivia', ['perkmall-operators', 'canteen-committee']);
    const first = await signIn('olivia');
    const claims = claimsOf(first.accessToken);
    assert.equal(claims.role, 'BANK_OPERATOR');
    assert.equal(claims.bankId, '1');
    assert.deepEqual(claims.permissions, ['CURATE_LISTINGS', 'SEE_REPORTS']);
    assert.equal(claims.sub, `staff:${first.staffMemberId}`);
    assert.equal(claims.sessionId, first.sessionId);
    const me = await sys.gql(first.accessToken, `{ me { id loginName displayName role bank { id } } }`);
    assert.equal(me.errors, undefined, JSON.stringify(me.errors));
    assert.deepEqual(me.data!.me, {
      id: first.staffMemberId,
      loginName: 'olivia@bank.example',
      displayName: 'Olivia Operator',
      role: 'BANK_OPERATOR',
      bank: { id: '1' },
    });
    // The next sign-in finds the same member by (issuer, subject), in a new SSO session.
    const second = await signIn('olivia');
    assert.equal(second.staffMemberId, first.staffMemberId);
    assert.notEqual(second.sessionId, first.sessionId);
  });

  it('follows the groups at every sign-in: moved to the admin group, then out of every mapped group', async () => {
    await setGroups('adam', ['perkmall-admins']);
    const admin = await signIn('adam');
    assert.equal(claimsOf(admin.accessToken).role, 'BANK_ADMIN');
    assert.ok(claimsOf(admin.accessToken).permissions!.includes('MANAGE_STAFF'));

    await setGroups('adam', ['perkmall-operators']);
    const demoted = await signIn('adam');
    assert.equal(demoted.staffMemberId, admin.staffMemberId);
    assert.equal(claimsOf(demoted.accessToken).role, 'BANK_OPERATOR');
    assert.deepEqual(claimsOf(demoted.accessToken).permissions, ['CURATE_LISTINGS', 'SEE_REPORTS']);

    await setGroups('adam', ['canteen-committee']);
    const removed = await complete({ callbackUrl: await callbackFor('adam') });
    assert.equal(errorCode(removed), 'FORBIDDEN');
    await setGroups('adam', ['perkmall-admins']);
  });

  it('refuses a person in no mapped group with a message that says what to do, creating nobody', async () => {
    const em = (await sys.orm('staff')).em.fork();
    const before = await em.count(StaffMember, {});
    const r = await complete({ callbackUrl: await callbackFor('nobody') });
    assert.equal(errorCode(r), 'FORBIDDEN');
    assert.match(r.errors![0]!.message, /none of your groups gives access/);
    assert.match(r.errors![0]!.message, /canteen-committee/);
    assert.match(r.errors![0]!.message, /administrator/);
    assert.equal(await em.count(StaffMember, {}), before);
  });

  it('refuses a wrong state and a replayed one', async () => {
    const callback = new URL(await callbackFor('olivia'));
    const wrong = await complete({
      state: 'not-the-state-we-sent',
      code: callback.searchParams.get('code'),
      iss: callback.searchParams.get('iss'),
    });
    assert.equal(errorCode(wrong), 'UNAUTHENTICATED');
    assert.match(wrong.errors![0]!.message, /Start signing in again/);

    // The real state and code (sent apart, as a callback page may) work once …
    const ok = await complete({
      state: callback.searchParams.get('state'),
      code: callback.searchParams.get('code'),
      iss: callback.searchParams.get('iss'),
    });
    assert.equal(ok.errors, undefined, JSON.stringify(ok.errors));
    // … and never again.
    const replayed = await complete({ callbackUrl: callback.href });
    assert.equal(errorCode(replayed), 'UNAUTHENTICATED');
    assert.match(replayed.errors![0]!.message, /already completed or has expired/);
  });

  it('refuses a redirect URI that is not on the bank’s list', async () => {
    const r = await begin('olivia', 'https://evil.example/callback');
    assert.equal(errorCode(r), 'BAD_USER_INPUT');
    assert.match(r.errors![0]!.message, /redirectUri is not one of the bank’s registered redirect URIs/);
    // A bank without a connection has no SSO sign-in.
    assert.equal(errorCode(await begin('olivia', REDIRECT, '2')), 'NOT_FOUND');
    const unknownCode = await sys.asService('staff', BEGIN, { i: { bankCode: 'NOPE', redirectUri: REDIRECT } });
    assert.equal(errorCode(unknownCode), 'NOT_FOUND');
  });

  it('signs in through the gateway’s /auth/staff/sso routes, as a browser and console would', async () => {
    const edge = sys.stack.gatewayUrl.replace(/\/graphql$/, '');
    const post = (path: string, body: unknown) =>
      fetch(`${edge}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'console-test' },
        body: JSON.stringify(body),
      });
    // A sign-in page names the bank by its code.
    const begun = await post('/auth/staff/sso/begin', {
      bankCode: 'LJRCB',
      redirectUri: REDIRECT,
      loginHint: 'olivia',
    });
    assert.equal(begun.status, 200);
    const { authorizationUrl } = (await begun.json()) as { authorizationUrl: string };
    assert.ok(authorizationUrl.startsWith(`${issuer}/auth?`));
    const url = new URL(authorizationUrl);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(url.searchParams.get('nonce') && url.searchParams.get('state'));
    const callbackUrl = await browse(authorizationUrl);
    const done = await post('/auth/staff/sso/complete', { callbackUrl });
    assert.equal(done.status, 200);
    const tokens = (await done.json()) as Completed & { tokenType: string };
    assert.equal(tokens.tokenType, 'Bearer');
    const me = await sys.gql(tokens.accessToken, `{ me { role } }`);
    assert.deepEqual(me.data, { me: { role: 'BANK_OPERATOR' } });
    // Refusals keep their meaning as HTTP statuses.
    const replayed = await post('/auth/staff/sso/complete', { callbackUrl });
    assert.equal(replayed.status, 401);
    assert.equal(((await replayed.json()) as { error: string }).error, 'UNAUTHENTICATED');
    const offList = await post('/auth/staff/sso/begin', { bankId: '1', redirectUri: 'https://evil.example/cb' });
    assert.equal(offList.status, 400);
    const notJson = await post('/auth/staff/sso/begin', 'bankId=1');
    assert.equal(notJson.status, 400);
  });

  it('tells a bank’s own sign-in page whether to offer single sign-on (GET /auth/staff/sso/availability)', async () => {
    const edge = sys.stack.urls.gateway;
    const ask = (query: string, init?: RequestInit) => fetch(`${edge}/auth/staff/sso/availability${query}`, init);
    const withIdp = await ask('?bank=LJRCB');
    assert.equal(withIdp.status, 200);
    assert.deepEqual(await withIdp.json(), { bankCode: 'LJRCB', singleSignOn: true });
    // Bank 2 has no connection; an unknown code reads the same (nothing to tell apart).
    for (const code of ['QHCB', 'NO-SUCH-BANK'])
      assert.deepEqual(await (await ask(`?bank=${code}`)).json(), { bankCode: code, singleSignOn: false });
    assert.equal((await ask('')).status, 400);
    const bad = await ask(`?bank=${encodeURIComponent("x' or 1=1 --")}`);
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: string }).error, 'BAD_USER_INPUT');
    assert.equal((await ask(`?bank=${'A'.repeat(41)}`)).status, 400);
    assert.equal((await ask('?bank=LJRCB', { method: 'POST', body: '{}' })).status, 405);
  });

  it('signs a bank operator in from the console’s SSO button, in a real browser, through the provider', async () => {
    const browser = await launchBrowser();
    try {
      // Without the bank in the address the page asks for its code; with it, it offers the bank's button.
      const plain = await openConsole(browser, sys.stack.urls.gateway);
      await plain.page.getByTestId('sso-bank-code').waitFor();
      assert.equal(await plain.page.getByTestId('sso-bank-button').count(), 0);
      await plain.context.close();
      const noIdp = await openConsole(browser, sys.stack.urls.gateway, '?bank=QHCB');
      await noIdp.page.getByTestId('sso-bank-code').waitFor();
      assert.equal(await noIdp.page.getByTestId('sso-bank-button').count(), 0);
      await noIdp.context.close();

      const { context, page } = await openConsole(browser, sys.stack.urls.gateway, '?bank=LJRCB');
      const button = page.getByTestId('sso-bank-button');
      await button.waitFor();
      assert.equal(await page.getByTestId('sso-bank-code').count(), 0);
      await screenshot(page, 'sign-in-sso');
      await assertAccessible(page, 'the sign-in page with the bank’s SSO button');
      await button.click();
      // To the provider (which signs olivia in), back to /console/sso/callback, into the shell.
      await page.getByTestId('menu-dashboard').waitFor({ timeout: 30_000 });
      assert.match(new URL(page.url()).pathname, /^\/console\/?$/, 'back on the landing page');
      assert.match(await page.locator('header').innerText(), /olivia|Olivia/);
      await context.close();
    } finally {
      await browser.close();
    }
  });

  it('keeps the connection from another bank’s admin and from operators', async () => {
    assert.equal(errorCode(await sys.gql(bankAdmin(2), CONNECTION, { b: '1' })), 'NOT_FOUND');
    const own = await sys.gql(bankAdmin(2), CONNECTION, {});
    assert.equal(own.errors, undefined);
    assert.equal(own.data!.ssoConnection, null);
    const edit = await sys.gql(bankAdmin(2), UPDATE, { i: { ssoConnectionId: connectionId, enabled: false } });
    assert.equal(errorCode(edit), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankOperator(1), CONNECTION, {})), 'FORBIDDEN');
    // The platform sees any bank's.
    const seen = await sys.gql(platform, CONNECTION, { b: '1' });
    assert.equal(seen.data!.ssoConnection.id, connectionId);
  });

  it('checks what an administrator registers', async () => {
    const bad = await sys.gql(bankAdmin(2), REGISTER, {
      i: {
        issuerUrl: 'ftp://idp.example',
        clientId: 'c',
        clientSecret: 's',
        redirectUris: ['https://console.bank.example/cb#fragment'],
        groupMappings: [{ groupName: 'g', role: 'SUPPLIER_ADMIN', permissions: ['MANAGE_CATALOG'] }],
      },
    });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    const fields = (bad.errors![0]!.extensions!.problems as { field: string }[]).map((p) => p.field).sort();
    assert.deepEqual(fields, ['issuerUrl', 'permissions', 'redirectUris[0]', 'role']);
    const unreachable = await sys.gql(bankAdmin(2), REGISTER, {
      i: {
        issuerUrl: 'http://127.0.0.1:9/nothing-here',
        clientId: 'c',
        clientSecret: 's',
        redirectUris: [REDIRECT],
        groupMappings: [],
      },
    });
    assert.equal(errorCode(unreachable), 'BAD_USER_INPUT');
    assert.match(unreachable.errors![0]!.message, /could not be discovered/);
    // The bank must exist (platform admins may name any).
    const noBank = await sys.gql(platform, REGISTER, {
      i: {
        bankId: '999',
        issuerUrl: issuer,
        clientId: 'c',
        clientSecret: 's',
        redirectUris: [REDIRECT],
        groupMappings: [],
      },
    });
    assert.equal(errorCode(noBank), 'NOT_FOUND');
  });
});
