import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { parse, type OperationDefinitionNode } from 'graphql';
import { startTestSystem, type TestSystem } from '../harness';
import { demoPartnerApp } from '../../scripts/seed/demo-plan';
import { EdgeRateLimits, RateLimited, rateLimitSettings } from '../../gateway/rate-limits';
import { Logger } from '../../core/logger';
import type { Principal } from '../../core/identity';

const REDIS_URL = process.env.PERKMALL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const customerOf = (customerId: number, partnerAppId: string): Principal => ({
  role: 'CUSTOMER',
  sub: `customer:${customerId}`,
  bankId: '1',
  customerId: String(customerId),
  partnerAppId,
});
const CHECKOUT_TWICE = `mutation($a: CheckoutInput!, $b: CheckoutInput!) { one: checkout(input: $a) { order { id } } two: checkout(input: $b) { order { id } } }`;
const REVEAL_BY_FRAGMENT = `mutation($i: RevealVirtualCardInput!) { ...Reveal } fragment Reveal on Mutation { revealVirtualCard(input: $i) { code } }`;
const checkoutInput = () => ({
  mallId: '999999',
  lines: [{ listingId: '999999', quantity: 1 }],
  idempotencyKey: randomUUID(),
});

/** The limiter on its own, on each store: the same rules whichever backs it. */
for (const backend of ['memory', 'redis'] as const) {
  describe(`rate limit rules on ${backend}`, () => {
    let limits: EdgeRateLimits;
    before(async () => {
      limits = await EdgeRateLimits.create(
        new Logger('test', 'error'),
        rateLimitSettings({
          PERKMALL_REDIS_URL: backend === 'redis' ? REDIS_URL : undefined,
          PERKMALL_RATE_LIMIT_PREFIX: `perkmall:rl:unit-${randomBytes(4).toString('hex')}`,
          PERKMALL_RATE_LIMIT_GRAPHQL: '3/2',
          PERKMALL_RATE_LIMIT_GRAPHQL_APP: '5/2',
          PERKMALL_RATE_LIMIT_CHECKOUT: '2/2',
          PERKMALL_RATE_LIMIT_OAUTH_CLIENT_FAILURES: '2/60',
          PERKMALL_RATE_LIMIT_OAUTH_IP_FAILURES: '7/60',
          PERKMALL_RATE_LIMIT_OAUTH_IP: '5/60',
          PERKMALL_RATE_LIMIT_OAUTH_LOCKOUT: '1/4',
        }),
      );
      assert.equal(limits.backend, backend);
    });
    after(async () => {
      await limits?.close();
    });

    it('throttles one principal without throttling another, and lets it back after the window', async () => {
      const a = customerOf(1, 'app-a');
      const b = customerOf(2, 'app-b');
      for (let i = 0; i < 3; i++) assert.equal(await limits.admitOperation(a), null);
      const refused = await limits.admitOperation(a);
      assert.ok(refused instanceof RateLimited);
      assert.ok(refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 2);
      assert.equal(await limits.admitOperation(b), null);
      await sleep(refused.retryAfterSeconds * 1000 + 100);
      assert.equal(await limits.admitOperation(a), null);
    });

    it('counts every customer of a partner app against the app', async () => {
      const app = `app-${randomUUID()}`;
      for (let c = 10; c < 15; c++) assert.equal(await limits.admitOperation(customerOf(c, app)), null);
      assert.ok(
        (await limits.admitOperation(customerOf(15, app))) instanceof RateLimited,
        'sixth operation of the app',
      );
      assert.equal(await limits.admitOperation(customerOf(15, `other-${app}`)), null);
    });

    it('counts aliased and fragment-spread checkouts one by one', async () => {
      const doc = parse(
        'mutation { a: checkout(input: $x) { order { id } } ...F } fragment F on Mutation { b: checkout(input: $y) { order { id } } }',
        { noLocation: true },
      );
      const op = doc.definitions[0] as OperationDefinitionNode;
      const p = customerOf(30, `app-${randomUUID()}`);
      assert.equal(await limits.admitSensitiveFields(p, doc, op), null);
      assert.ok((await limits.admitSensitiveFields(p, doc, op)) instanceof RateLimited, 'a third and fourth checkout');
      const query = parse('{ a: checkout }');
      assert.equal(
        await limits.admitSensitiveFields(p, query, query.definitions[0] as OperationDefinitionNode),
        null,
        'queries are not mutations',
      );
    });

    it('limits token requests per address, and locks out an address guessing across many client_ids', async () => {
      const ip = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      for (let i = 0; i < 5; i++) assert.equal(await limits.admitTokenRequest(ip), null);
      assert.ok((await limits.admitTokenRequest(ip)) instanceof RateLimited);
      assert.equal(await limits.admitTokenRequest(`${ip}1`), null, 'another address');

      const guesser = `10.2.${Math.floor(Math.random() * 250)}.1`;
      const clients = Array.from({ length: 5 }, () => `client-${randomUUID()}`);
      // 2 wrong secrets each for three clients (each then locked), one more for a fourth: 7 from one address.
      for (const client of [
        clients[0]!,
        clients[0]!,
        clients[1]!,
        clients[1]!,
        clients[2]!,
        clients[2]!,
        clients[3]!,
      ]) {
        const a = await limits.beginClientAuthentication(client, guesser);
        assert.ok(!(a instanceof RateLimited));
        await limits.failedClientAuthentication(a);
      }
      const refused = await limits.beginClientAuthentication(clients[4]!, guesser);
      assert.ok(
        refused instanceof RateLimited && /this address/.test(refused.message),
        'a fresh client_id from the guessing address',
      );
      assert.ok(
        !((await limits.beginClientAuthentication(clients[4]!, '10.3.0.1')) instanceof RateLimited),
        'the same client_id from elsewhere',
      );
    });

    it('locks a client out before its secret is checked, doubles the lockout, and forgets it after a sign-in', async () => {
      const client = `client-${randomUUID()}`;
      const attempt = async () => {
        const a = await limits.beginClientAuthentication(client, '10.0.0.1');
        if (a instanceof RateLimited) return a;
        await limits.failedClientAuthentication(a);
        return null;
      };
      assert.equal(await attempt(), null);
      assert.equal(await attempt(), null);
      const first = await limits.beginClientAuthentication(client, '10.0.0.1');
      assert.ok(first instanceof RateLimited && first.retryAfterSeconds === 1);
      await sleep(1100);
      assert.equal(await attempt(), null);
      assert.equal(await attempt(), null);
      const second = await limits.beginClientAuthentication(client, '10.0.0.1');
      assert.ok(second instanceof RateLimited && second.retryAfterSeconds === 2, 'doubled');
      await sleep(2100);
      const ok = await limits.beginClientAuthentication(client, '10.0.0.1');
      assert.ok(!(ok instanceof RateLimited));
      await limits.succeededClientAuthentication(ok);
      assert.equal(await attempt(), null);
      assert.equal(await attempt(), null);
      const again = await limits.beginClientAuthentication(client, '10.0.0.1');
      assert.ok(
        again instanceof RateLimited && again.retryAfterSeconds === 1,
        'back to the first lockout after a sign-in',
      );
    });
  });
}

describe('the client address the per-IP limits count', () => {
  const request = (forwardedFor: string | undefined) =>
    ({
      headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
      socket: { remoteAddress: '10.0.0.9' },
    }) as never;

  it('is the socket peer unless told to trust a proxy; behind one, the hop the proxy appended, never one the client wrote', async () => {
    const direct = await EdgeRateLimits.create(new Logger('test', 'error'), rateLimitSettings({}));
    const proxied = await EdgeRateLimits.create(
      new Logger('test', 'error'),
      rateLimitSettings({ PERKMALL_TRUST_PROXY: '1' }),
    );
    try {
      assert.equal(
        direct.clientIp(request('203.0.113.7')),
        '10.0.0.9',
        'X-Forwarded-For ignored without a trusted proxy',
      );
      assert.equal(proxied.clientIp(request('203.0.113.7')), '203.0.113.7');
      // A client rotating a forged first hop still lands on the address the proxy saw.
      assert.equal(proxied.clientIp(request('1.2.3.4, 198.51.100.20')), '198.51.100.20');
      assert.equal(proxied.clientIp(request('5.6.7.8,198.51.100.20')), '198.51.100.20');
      assert.equal(proxied.clientIp(request(undefined)), '10.0.0.9');
    } finally {
      await direct.close();
      await proxied.close();
    }
  });
});

describe('rate limits when Redis is unreachable', () => {
  it('start anyway and keep limiting, in memory', async () => {
    const limits = await EdgeRateLimits.create(
      new Logger('test', 'error'),
      rateLimitSettings({
        PERKMALL_REDIS_URL: 'redis://127.0.0.1:1', // nothing listens on port 1
        PERKMALL_RATE_LIMIT_GRAPHQL: '2/60',
      }),
    );
    try {
      const p = customerOf(1, 'app');
      assert.equal(await limits.admitOperation(p), null);
      assert.equal(await limits.admitOperation(p), null);
      assert.ok((await limits.admitOperation(p)) instanceof RateLimited);
    } finally {
      await limits.close();
    }
  });
});

describe('the gateway with rate limits on Redis', () => {
  let sys: TestSystem;
  const post = async (as: Principal, query: string, variables: Record<string, unknown> = {}) => {
    const r = await fetch(sys.stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await sys.token(as)}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: r.status, retryAfter: r.headers.get('retry-after'), body: (await r.json()) as any };
  };

  before(async () => {
    sys = await startTestSystem({
      env: {
        PERKMALL_REDIS_URL: REDIS_URL,
        PERKMALL_RATE_LIMIT_GRAPHQL: '5/3',
        PERKMALL_RATE_LIMIT_GRAPHQL_APP: '8/3',
        PERKMALL_RATE_LIMIT_CHECKOUT: '2/3',
        PERKMALL_RATE_LIMIT_CARD_REVEAL: '1/3',
        PERKMALL_RATE_LIMIT_OAUTH_CLIENT_FAILURES: '2/60',
        PERKMALL_RATE_LIMIT_OAUTH_LOCKOUT: '2/8',
      },
    });
  });
  after(async () => {
    await sys?.stop();
  });

  it('answers 429 with Retry-After to one principal over its limit, not to another, and again after the window', async () => {
    const a: Principal = { role: 'BANK_ADMIN', sub: 'rl-admin-a', bankId: '1' };
    const b: Principal = { role: 'BANK_ADMIN', sub: 'rl-admin-b', bankId: '1' };
    for (let i = 0; i < 5; i++) assert.equal((await post(a, '{ __typename }')).status, 200);
    const refused = await post(a, '{ __typename }');
    assert.equal(refused.status, 429);
    assert.equal(refused.body.errors[0].extensions.code, 'RATE_LIMITED');
    const wait = Number(refused.retryAfter);
    assert.ok(wait >= 1 && wait <= 3, `Retry-After ${refused.retryAfter}`);
    assert.equal(refused.body.errors[0].extensions.retryAfterSeconds, wait);
    assert.equal((await post(b, '{ __typename }')).status, 200);
    await sleep(wait * 1000 + 100);
    assert.equal((await post(a, '{ __typename }')).status, 200);
  });

  it('counts all customers of a partner app together, and not another app', async () => {
    for (let c = 1; c <= 4; c++) {
      for (let i = 0; i < 2; i++) assert.equal((await post(customerOf(c, '1'), '{ __typename }')).status, 200);
    }
    const refused = await post(customerOf(5, '1'), '{ __typename }');
    assert.equal(refused.status, 429, 'the ninth operation of app 1, from a customer with none of its own');
    assert.match(refused.body.errors[0].message, /partner app/);
    assert.equal((await post(customerOf(5, '2'), '{ __typename }')).status, 200);
  });

  it('limits checkouts and card reveals more strictly, counting aliases and fragments, while other operations still run', async () => {
    const c = customerOf(11, 'rl-app-strict');
    const twice = await post(c, CHECKOUT_TWICE, { a: checkoutInput(), b: checkoutInput() });
    assert.equal(twice.status, 200);
    assert.notEqual(
      twice.body.errors?.[0]?.extensions?.code,
      'RATE_LIMITED',
      'two checkouts are within the limit (they fail on the unknown mall)',
    );
    const third = await post(c, 'mutation($a: CheckoutInput!) { checkout(input: $a) { order { id } } }', {
      a: checkoutInput(),
    });
    assert.equal(third.status, 429);
    assert.equal(third.body.errors[0].extensions.code, 'RATE_LIMITED');
    assert.match(third.body.errors[0].message, /checkouts/);
    assert.ok(Number(third.retryAfter) >= 1);
    assert.equal((await post(c, '{ __typename }')).status, 200, 'other operations of the same customer run');
    assert.notEqual(
      (await post(customerOf(12, 'rl-app-strict'), CHECKOUT_TWICE, { a: checkoutInput(), b: checkoutInput() })).status,
      429,
      'another customer checks out',
    );

    const reveal = await post(c, REVEAL_BY_FRAGMENT, { i: { virtualDeliveryId: '999999' } });
    assert.equal(reveal.status, 200);
    const revealAgain = await post(c, REVEAL_BY_FRAGMENT, { i: { virtualDeliveryId: '999999' } });
    assert.equal(revealAgain.status, 429);
    assert.match(revealAgain.body.errors[0].message, /card reveals/);
  });

  it('locks out a client_id after wrong secrets, in Redis, with Retry-After', async () => {
    const app = demoPartnerApp(2);
    const token = (secret: string) =>
      fetch(`${sys.stack.urls.gateway}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: secret }),
      });
    assert.equal((await token('guess')).status, 401);
    assert.equal((await token('guess')).status, 401);
    const locked = await token(app.clientSecret);
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.headers.get('retry-after')) >= 1);
    // The counters are in Redis, under this system's own prefix.
    const { Redis } = await import('ioredis');
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`perkmall:rl:${sys.prefix}:oauthClientFailures:*`);
      assert.deepEqual(keys, [`perkmall:rl:${sys.prefix}:oauthClientFailures:${app.clientId}`]);
    } finally {
      redis.disconnect();
    }
    await sleep(2100);
    assert.equal((await token(app.clientSecret)).status, 200);
  });
});
