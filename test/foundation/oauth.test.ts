import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestSystem, type TestSystem } from '../harness';
import { customerRef, demoPartnerApp } from '../../scripts/seed/demo-plan';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
/** Every character percent-encoded: only a server that form-decodes the Basic credentials accepts it. */
const percentEncodeAll = (s: string) =>
  [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('/oauth/token: client authentication, input checks and lockout (in-memory limits)', () => {
  let sys: TestSystem;
  const oauth = async (
    params: Record<string, string>,
    headers: Record<string, string> = {},
    requestId: string = randomUUID(),
  ) => {
    const r = await fetch(`${sys.stack.urls.gateway}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams(params),
      headers: { 'x-request-id': requestId, ...headers },
    });
    return {
      status: r.status,
      retryAfter: r.headers.get('retry-after'),
      wwwAuthenticate: r.headers.get('www-authenticate'),
      body: (await r.json()) as Record<string, any>,
    };
  };

  before(async () => {
    sys = await startTestSystem({
      env: {
        // No PERKMALL_REDIS_URL: the embedded default counts in memory.
        PERKMALL_RATE_LIMIT_OAUTH_CLIENT_FAILURES: '3/60',
        PERKMALL_RATE_LIMIT_OAUTH_IP_FAILURES: '1000/60',
        PERKMALL_RATE_LIMIT_OAUTH_LOCKOUT: '2/8',
      },
    });
  });
  after(async () => {
    await sys?.stop();
  });

  it('accepts HTTP Basic client authentication with form-urlencoded credentials (RFC 6749 §2.3.1)', async () => {
    const app = demoPartnerApp(1);
    const ok = await oauth(
      { grant_type: 'client_credentials' },
      { authorization: basic(percentEncodeAll(app.clientId), percentEncodeAll(app.clientSecret)) },
    );
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.ok(ok.body.access_token);
    const r = await sys.gql(ok.body.access_token, '{ __typename }');
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));

    const wrong = await oauth({ grant_type: 'client_credentials' }, { authorization: basic(app.clientId, 'guess') });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error, 'invalid_client');
    assert.match(wrong.wwwAuthenticate ?? '', /^Basic/);
  });

  it('refuses Basic and body credentials together, and malformed Basic credentials, as invalid_request', async () => {
    const app = demoPartnerApp(2);
    const both = await oauth(
      { grant_type: 'client_credentials', client_secret: app.clientSecret },
      { authorization: basic(app.clientId, app.clientSecret) },
    );
    assert.equal(both.status, 400);
    assert.equal(both.body.error, 'invalid_request');
    assert.match(both.body.error_description, /one way/);
    for (const header of [
      'Basic !!!notbase64',
      `Basic ${Buffer.from('only-an-id').toString('base64')}`,
      basic('%ZZ', 'x'),
      basic(app.clientId, 'x%00'),
    ]) {
      const r = await oauth({ grant_type: 'client_credentials' }, { authorization: header });
      assert.equal(r.status, 400, `${header}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error, 'invalid_request');
      assert.equal(r.body.access_token, undefined);
    }
  });

  it('answers 400 invalid_request, not 500, for NUL and other control characters in any field, form or JSON', async () => {
    const app = demoPartnerApp(1);
    const appToken = (
      await oauth({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret })
    ).body.access_token as string;
    const cases: [Record<string, string>, string][] = [
      [
        { grant_type: TOKEN_EXCHANGE, subject_token: appToken, customer_ref: `${customerRef(1, 1)}\u0000` },
        'customer_ref',
      ],
      [{ grant_type: TOKEN_EXCHANGE, subject_token: appToken, customer_ref: 'LJRCB\u001b[2J' }, 'customer_ref'],
      [
        { grant_type: 'client_credentials', client_id: `${app.clientId}\u0000`, client_secret: app.clientSecret },
        'client_id',
      ],
      [{ grant_type: 'client_credentials', client_id: app.clientId, client_secret: 'x\u007f' }, 'client_secret'],
    ];
    for (const [params, field] of cases) {
      const form = await oauth(params);
      assert.equal(form.status, 400, JSON.stringify(form.body));
      assert.equal(form.body.error, 'invalid_request');
      assert.match(form.body.error_description, new RegExp(`${field} contains a control character`));
      const json = await fetch(`${sys.stack.urls.gateway}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
      });
      assert.equal(json.status, 400);
      assert.equal(((await json.json()) as any).error, 'invalid_request');
    }
    const long = await oauth({ grant_type: TOKEN_EXCHANGE, subject_token: appToken, customer_ref: 'C'.repeat(5000) });
    assert.equal(long.status, 400);
    assert.match(long.body.error_description, /customer_ref is longer than/);
    // The same exchange without the NUL works, so the refusals above are about the character.
    const ok = await oauth({ grant_type: TOKEN_EXCHANGE, subject_token: appToken, customer_ref: customerRef(1, 1) });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
  });

  it('tells a caller exchanging a customer token to exchange the partner app token instead', async () => {
    const app = demoPartnerApp(1);
    const appToken = (
      await oauth({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret })
    ).body.access_token as string;
    const customerToken = (
      await oauth({ grant_type: TOKEN_EXCHANGE, subject_token: appToken, customer_ref: customerRef(1, 1) })
    ).body.access_token as string;
    const r = await oauth({
      grant_type: TOKEN_EXCHANGE,
      subject_token: customerToken,
      customer_ref: customerRef(1, 2),
    });
    assert.equal(r.status, 401);
    assert.equal(r.body.error, 'invalid_grant');
    assert.match(r.body.error_description, /customer token/);
    assert.match(r.body.error_description, /client_credentials/);
    assert.doesNotMatch(r.body.error_description, /Issuer may not assert/);
    assert.equal(r.body.access_token, undefined);
  });

  it('answers 503 while tenants cannot check secrets, without counting those attempts against the client', async () => {
    const app = demoPartnerApp(1);
    await sys.stack.stopComponent('tenants');
    try {
      for (let i = 0; i < 4; i++) {
        const r = await oauth({
          grant_type: 'client_credentials',
          client_id: app.clientId,
          client_secret: app.clientSecret,
        });
        assert.equal(r.status, 503, JSON.stringify(r.body));
        assert.equal(r.body.error, 'temporarily_unavailable');
        assert.equal(r.retryAfter, '5');
      }
    } finally {
      await sys.stack.startComponent('tenants');
    }
    const ok = await oauth({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
    });
    assert.equal(ok.status, 200, 'four unjudged attempts did not lock the client out');
  });

  it('locks a client_id out after 3 wrong secrets without checking more, with Retry-After, doubling the next lockout; another client is unaffected', async () => {
    const app = demoPartnerApp(1);
    const other = demoPartnerApp(2);
    const wrong = (requestId?: string) =>
      oauth({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: 'guess' }, {}, requestId);
    for (let i = 0; i < 3; i++) assert.equal((await wrong()).status, 401);

    // Locked: even the right secret is refused, and tenants is not asked (no scrypt, no SQL).
    const requestId = randomUUID();
    const locked = await oauth(
      { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret },
      {},
      requestId,
    );
    assert.equal(locked.status, 429, JSON.stringify(locked.body));
    assert.equal(locked.body.error, 'slow_down');
    assert.ok(Number(locked.retryAfter) >= 1 && Number(locked.retryAfter) <= 2, `Retry-After ${locked.retryAfter}`);
    assert.equal(await sys.statements('tenants', requestId), 0);
    assert.equal(
      (await oauth({ grant_type: 'client_credentials', client_id: other.clientId, client_secret: other.clientSecret }))
        .status,
      200,
    );

    // After the 2 s lockout: three more failures lock it again, now for 4 s.
    await new Promise((r) => setTimeout(r, 2100));
    for (let i = 0; i < 3; i++) assert.equal((await wrong()).status, 401);
    const second = await wrong();
    assert.equal(second.status, 429);
    assert.ok(Number(second.retryAfter) >= 3 && Number(second.retryAfter) <= 4, `Retry-After ${second.retryAfter}`);
    await new Promise((r) => setTimeout(r, 2100));
    assert.equal((await wrong()).status, 429, 'still locked halfway through the doubled lockout');
    await new Promise((r) => setTimeout(r, 2000));

    // Once it ends the right secret works, and a successful sign-in forgets the failures and lockouts:
    // two wrong secrets after it do not lock, and a third locks for the first duration again.
    assert.equal(
      (await oauth({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }))
        .status,
      200,
    );
    assert.equal((await wrong()).status, 401);
    assert.equal((await wrong()).status, 401);
    assert.equal(
      (await oauth({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }))
        .status,
      200,
    );
    for (let i = 0; i < 3; i++) assert.equal((await wrong()).status, 401);
    const fresh = await wrong();
    assert.equal(fresh.status, 429);
    assert.ok(Number(fresh.retryAfter) <= 2, `first-lockout duration again, Retry-After ${fresh.retryAfter}`);
  });

  it('checks at most the allowed number of secrets when 20 wrong ones arrive at once', async () => {
    const app = demoPartnerApp(2);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        oauth({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: 'guess' }),
      ),
    );
    assert.equal(results.filter((r) => r.status === 401).length, 3);
    assert.equal(results.filter((r) => r.status === 429).length, 17);
  });
});
