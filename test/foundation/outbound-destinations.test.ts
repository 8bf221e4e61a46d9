/**
 * Addresses other people register for Perkmall to call (a bank's webhook endpoints, a supplier's
 * delivery API) cannot point its processes at its own network when private destinations are
 * refused (production's default): refused when registered, and again right before each request.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, ok, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, supplierAdmin } from '../principals';
import { destinationProblem, isNonPublicAddress, outboundUrlProblem } from '../../core/outbound-http';

const CREATE_WEBHOOK = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
  webhookEndpoint { id url } } }`;
const WEBHOOKS = `query { webhookEndpoints { edges { node { id url } } } }`;
const CONFIGURE_PARTNER = `mutation($i: ConfigurePartnerEndpointInput!) { configurePartnerEndpoint(input: $i) {
  partnerEndpoint { id baseUrl } } }`;
const PARTNER = `query { partnerEndpoint { id baseUrl } }`;

/** Runs `fn` with PERKMALL_OUTBOUND_ALLOW_PRIVATE set to `value` in this process. */
async function withPrivate<T>(value: '0' | '1', fn: () => Promise<T> | T): Promise<T> {
  const before = process.env.PERKMALL_OUTBOUND_ALLOW_PRIVATE;
  process.env.PERKMALL_OUTBOUND_ALLOW_PRIVATE = value;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.PERKMALL_OUTBOUND_ALLOW_PRIVATE;
    else process.env.PERKMALL_OUTBOUND_ALLOW_PRIVATE = before;
  }
}

describe('outbound destinations', () => {
  it('classifies loopback, private, link-local, carrier-grade NAT, mapped and multicast addresses as non-public', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
    ])
      assert.equal(isNonPublicAddress(a), true, a);
    for (const a of ['8.8.8.8', '203.0.114.7', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])
      assert.equal(isNonPublicAddress(a), false, a);
  });

  it('refuses literal private hosts only when private destinations are refused, and a name resolving to loopback before a request', async () => {
    const opts = { maxLength: 500, allowQuery: true };
    await withPrivate('0', async () => {
      assert.match(outboundUrlProblem('http://127.0.0.1:4002/graphql', opts) ?? '', /public address/);
      assert.match(outboundUrlProblem('https://[::1]/hook', opts) ?? '', /public address/);
      assert.match(outboundUrlProblem('https://localhost/hook', opts) ?? '', /public address/);
      assert.equal(outboundUrlProblem('https://hooks.bank.example/perkmall', opts), null);
      // "localhost" resolves through the system's resolver to a loopback address: refused before sending.
      assert.match((await destinationProblem('http://localhost:9/')) ?? '', /non-public address/);
      assert.match((await destinationProblem('http://169.254.169.254/latest/meta-data')) ?? '', /non-public/);
    });
    await withPrivate('1', async () => {
      assert.equal(outboundUrlProblem('http://127.0.0.1:4002/graphql', opts), null);
      assert.equal(await destinationProblem('http://localhost:9/'), null);
    });
    assert.match(outboundUrlProblem('https://u:p@hooks.bank.example/', opts) ?? '', /user name/);
    assert.match(outboundUrlProblem('ftp://hooks.bank.example/', opts) ?? '', /https/);
    assert.match(
      outboundUrlProblem('https://api.partner.example/x?a=1', { maxLength: 500, allowQuery: false }) ?? '',
      /query string/,
    );
  });

  describe('through the API, with private destinations refused', () => {
    let sys: TestSystem;
    before(async () => {
      sys = await startTestSystem({ env: { PERKMALL_OUTBOUND_ALLOW_PRIVATE: '0' } });
    });
    after(async () => sys?.stop());

    it('a bank cannot register a webhook endpoint on an internal address, and nothing is stored', async () => {
      const before = ok(await sys.gql(bankAdmin(1), WEBHOOKS, {}), 'webhookEndpoints').edges.length;
      for (const url of [
        `${sys.stack.urls.tenants}/graphql`,
        'http://10.0.0.8/hook',
        'http://169.254.169.254/latest',
        'http://localhost:3306/',
      ]) {
        const r = await sys.gql(bankAdmin(1), CREATE_WEBHOOK, { input: { url, eventTypes: ['ORDER_PAID'] } });
        assert.equal(errorCode(r), 'BAD_USER_INPUT', url);
        assert.match(r.errors![0]!.message, /public address/, url);
        assert.deepEqual(
          (r.errors![0]!.extensions as { problems?: { field: string }[] }).problems?.map((p) => p.field),
          ['url'],
        );
      }
      assert.equal(ok(await sys.gql(bankAdmin(1), WEBHOOKS, {}), 'webhookEndpoints').edges.length, before);
    });

    it('a supplier cannot point its delivery API at an internal address, and nothing is stored', async () => {
      const before = ok(await sys.gql(supplierAdmin(3), PARTNER, {}), 'partnerEndpoint');
      const r = await sys.gql(supplierAdmin(3), CONFIGURE_PARTNER, {
        i: { baseUrl: `${sys.stack.urls.orders}`, timeoutMs: 2000 },
      });
      assert.equal(errorCode(r), 'BAD_USER_INPUT');
      assert.match(r.errors![0]!.message, /public address/);
      assert.deepEqual(ok(await sys.gql(supplierAdmin(3), PARTNER, {}), 'partnerEndpoint'), before);
    });
  });
});
