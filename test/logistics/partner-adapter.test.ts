/**
 * The generic signed-HTTP partner adapter against the supplier simulator, a separate process over
 * real HTTP: results, refusals, time limits, idempotency, the partner being down, and late answers
 * by signed callback through the gateway to logistics.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { startTestSystem, type TestSystem } from '../harness';
import { supplierAdmin } from '../principals';
import { startSupplierSimulator, type SupplierSimulator } from '../support/supplier-simulator';
import {
  partnerAdapterFor,
  partnerDeliveryStrategyNames,
  registerPartnerDeliveryStrategy,
  verifyPartnerCallback,
  type PartnerDeliveryAdapter,
  type PartnerEndpointConfig,
  type PerkIssueRequest,
} from '../../subgraphs/logistics/services/partner-delivery/adapter';
import { signedHeaders } from '../../subgraphs/logistics/services/partner-delivery/signing';
import { PartnerEndpointService } from '../../subgraphs/logistics/services/partner-endpoint.service';

const CONFIGURE = `mutation($i: ConfigurePartnerEndpointInput!) { configurePartnerEndpoint(input: $i) {
  secret partnerEndpoint { id callbackUrl } } }`;
const TIMEOUT_MS = 800;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('signed-HTTP partner adapter against the supplier simulator', () => {
  let sys: TestSystem;
  let sim: SupplierSimulator;
  let config: PartnerEndpointConfig;
  let adapter: PartnerDeliveryAdapter;
  let callbackUrl: string;
  let n = 0;

  const request = (over: Partial<PerkIssueRequest> = {}): PerkIssueRequest => ({
    idempotencyKey: `pm-${9000 + ++n}-0`,
    productCode: 'IQIYI-VIP-1M',
    mode: 'DIRECT_TOPUP',
    account: '13800000000',
    orderRef: String(n),
    callbackUrl,
    ...over,
  });
  const issuedFor = async (key: string) => (await sim.issued()).find((i) => i.idempotencyKey === key);

  before(async () => {
    sys = await startTestSystem();
    sim = await startSupplierSimulator();
    const r = await sys.gql(supplierAdmin(1), CONFIGURE, { i: { baseUrl: sim.url, timeoutMs: TIMEOUT_MS } });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    callbackUrl = r.data!.configurePartnerEndpoint.partnerEndpoint.callbackUrl;
    assert.equal(callbackUrl, `${sys.stack.urls.gateway}/partners/1/callbacks`);
    // The supplier configures the secret it was shown at its end.
    await sim.setSecret(r.data!.configurePartnerEndpoint.secret);
    // What the delivery job gets: the secret unsealed from logistics' database.
    const found = await new PartnerEndpointService(
      (await sys.orm('logistics')).em.fork() as SqlEntityManager,
    ).configFor(1);
    assert.ok(found);
    config = found;
    adapter = partnerAdapterFor(config);
  });
  after(async () => {
    await sim?.dispose();
    await sys?.stop();
  });

  it('a top-up the partner accepts is DELIVERED with its reference; a partner-issued voucher comes back with its code', async () => {
    const topUp = request();
    const outcome = await adapter.issue(topUp);
    assert.equal(outcome.kind, 'DELIVERED', JSON.stringify(outcome));
    const issued = await issuedFor(topUp.idempotencyKey);
    assert.equal(outcome.kind === 'DELIVERED' && outcome.partnerRef, issued?.partnerRef);
    assert.equal(outcome.kind === 'DELIVERED' && outcome.voucher, null);

    const voucher = await adapter.issue(request({ mode: 'PARTNER_ISSUED', account: null, productCode: 'LUCKIN-20' }));
    assert.equal(voucher.kind, 'DELIVERED');
    assert.match(voucher.kind === 'DELIVERED' ? (voucher.voucher?.code ?? '') : '', /^V-[0-9A-F]{10}$/);
    assert.match(voucher.kind === 'DELIVERED' ? (voucher.voucher?.link ?? '') : '', /^https:\/\/partner\.example\//);

    // The partner received the request as the protocol describes it.
    const seen = (await sim.requests()).find((q) => q.idempotencyKey === topUp.idempotencyKey);
    assert.deepEqual(seen && [seen.productCode, seen.mode, seen.account, seen.orderRef, seen.callbackUrl], [
      topUp.productCode,
      'DIRECT_TOPUP',
      '13800000000',
      topUp.orderRef,
      callbackUrl,
    ]);
  });

  it("a definite refusal is FAILED with the partner's reason, and nothing is issued", async () => {
    await sim.script({ match: { account: '13900000009' }, behaviour: 'fail', reason: '充值账号不存在' });
    const req = request({ account: '13900000009' });
    assert.deepEqual(await adapter.issue(req), { kind: 'FAILED', reason: '充值账号不存在' });
    assert.equal((await issuedFor(req.idempotencyKey))?.issuedCount, 0);
    // Asked again, the partner gives the same definite answer.
    assert.deepEqual(await adapter.query(req.idempotencyKey), { kind: 'FAILED', reason: '充值账号不存在' });
  });

  it('no answer within the time limit is UNKNOWN; the query then finds it DELIVERED, issued once', async () => {
    await sim.script({ match: { productCode: 'SLOW-1M' }, behaviour: 'timeout' });
    const req = request({ productCode: 'SLOW-1M' });
    const started = Date.now();
    const outcome = await adapter.issue(req);
    const took = Date.now() - started;
    assert.equal(outcome.kind, 'UNKNOWN', JSON.stringify(outcome));
    assert.match(outcome.kind === 'UNKNOWN' ? outcome.error : '', /within 800 ms/);
    assert.ok(took >= TIMEOUT_MS - 50 && took < TIMEOUT_MS + 3000, `gave up after ${took} ms`);
    const queried = await adapter.query(req.idempotencyKey);
    const issued = await issuedFor(req.idempotencyKey);
    assert.equal(queried.kind, 'DELIVERED');
    assert.equal(queried.kind === 'DELIVERED' && queried.partnerRef, issued?.partnerRef);
    assert.equal(issued?.issuedCount, 1);
  });

  it('the same idempotency key sent twice: the partner issues once and both answers carry one reference', async () => {
    const req = request({ mode: 'PARTNER_ISSUED', account: null, productCode: 'DIDI-30' });
    const [first, second] = await Promise.all([adapter.issue(req), adapter.issue(req)]);
    const third = await adapter.issue(req);
    for (const o of [first, second, third]) assert.equal(o.kind, 'DELIVERED');
    const refs = new Set([first, second, third].map((o) => (o.kind === 'DELIVERED' ? o.partnerRef : null)));
    assert.equal(refs.size, 1);
    assert.deepEqual(
      (first.kind === 'DELIVERED' && first.voucher) || null,
      (third.kind === 'DELIVERED' && third.voucher) || null,
    );
    const received = (await sim.requests()).filter((q) => q.idempotencyKey === req.idempotencyKey);
    assert.equal(received.length, 3);
    assert.equal(received.filter((q) => !q.duplicate).length, 1);
    assert.equal((await issuedFor(req.idempotencyKey))?.issuedCount, 1);
  });

  it('a key the partner never saw is NOT_FOUND when queried', async () => {
    assert.deepEqual(await adapter.query('pm-77777-0'), { kind: 'NOT_FOUND' });
  });

  it('a 5xx is UNKNOWN; a request signed with the wrong secret is refused (FAILED) and its query says nothing (UNKNOWN)', async () => {
    await sim.script({ match: { productCode: 'BROKEN' }, behaviour: 'error', times: 1 });
    const req = request({ productCode: 'BROKEN' });
    const outcome = await adapter.issue(req);
    assert.equal(outcome.kind, 'UNKNOWN');
    assert.match(outcome.kind === 'UNKNOWN' ? outcome.error : '', /HTTP 500/);
    assert.equal(await issuedFor(req.idempotencyKey), undefined);

    const wrong = partnerAdapterFor({ ...config, secret: 'not-the-shared-secret' });
    const refused = await wrong.issue(request());
    assert.equal(refused.kind, 'FAILED');
    assert.equal((await wrong.query(req.idempotencyKey)).kind, 'UNKNOWN');
  });

  it('the partner down: UNKNOWN; after it restarts, queries still answer for keys it issued before', async () => {
    const before = request();
    const first = await adapter.issue(before);
    assert.equal(first.kind, 'DELIVERED');
    await sim.stop();
    const during = request();
    const down = await adapter.issue(during);
    assert.equal(down.kind, 'UNKNOWN');
    assert.match(down.kind === 'UNKNOWN' ? down.error : '', /could not be reached/);
    assert.equal((await adapter.query(before.idempotencyKey)).kind, 'UNKNOWN');

    await sim.restart();
    const again = await adapter.query(before.idempotencyKey);
    assert.equal(again.kind === 'DELIVERED' && again.partnerRef, first.kind === 'DELIVERED' && first.partnerRef);
    // The request sent while it was down never arrived: safe to send again, and then it is issued.
    assert.deepEqual(await adapter.query(during.idempotencyKey), { kind: 'NOT_FOUND' });
    assert.equal((await adapter.issue(during)).kind, 'DELIVERED');
  });

  it("a late answer is PENDING; the partner's signed callback then reaches logistics through the gateway", async () => {
    await sim.script({ match: { productCode: 'LATE-1M' }, behaviour: 'late', delayMs: 300 });
    const req = request({ productCode: 'LATE-1M' });
    const outcome = await adapter.issue(req);
    assert.equal(outcome.kind, 'PENDING');
    assert.equal((await adapter.query(req.idempotencyKey)).kind, 'PENDING');
    // The simulator counts a callback as sent only on a 2xx: logistics verified it and ran the hook.
    const done = await until('the callback', async () => {
      const i = await issuedFor(req.idempotencyKey);
      return i && i.callbacksSent === 1 ? i : null;
    });
    assert.equal(done.status, 'DELIVERED');
    assert.equal(done.issuedCount, 1);
    // Logistics' answer carries what the delivery job's hook (onPartnerCallback) said.
    const answer = done.lastCallbackAnswer as { received: boolean; idempotencyKey: string; applied: unknown };
    assert.equal(answer.received, true);
    assert.equal(answer.idempotencyKey, req.idempotencyKey);
    assert.equal(typeof answer.applied, 'boolean');
    const queried = await adapter.query(req.idempotencyKey);
    assert.equal(queried.kind === 'DELIVERED' && queried.partnerRef, outcome.kind === 'PENDING' && outcome.partnerRef);
  });

  it('a partner that answers twice: both signed callbacks are accepted, and the unit is issued once', async () => {
    await sim.script({ match: { productCode: 'TWICE-1M' }, behaviour: 'twice', delayMs: 200 });
    const req = request({ productCode: 'TWICE-1M' });
    assert.equal((await adapter.issue(req)).kind, 'PENDING');
    const done = await until('two callbacks', async () => {
      const i = await issuedFor(req.idempotencyKey);
      return i && i.callbacksSent === 2 ? i : null;
    });
    assert.equal(done.issuedCount, 1);
  });

  it('callbacks that are not authentic are 401 at the gateway; a signed but unreadable one is 400', async () => {
    const body = JSON.stringify({ idempotencyKey: 'pm-1-0', status: 'DELIVERED', partnerRef: 'X-1' });
    const post = async (path: string, raw: string, headers: Record<string, string>) => {
      const r = await fetch(`${sys.stack.urls.gateway}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: raw,
      });
      return { status: r.status, body: (await r.json()) as { error?: string; applied?: boolean } };
    };
    const good = signedHeaders(config.secret, body);
    assert.equal((await post('/partners/1/callbacks', body, good)).status, 200);
    const cases: [string, string, string, Record<string, string>][] = [
      ['unsigned', '/partners/1/callbacks', body, {}],
      ['wrong secret', '/partners/1/callbacks', body, signedHeaders('another-secret', body)],
      ['body changed', '/partners/1/callbacks', body.replace('X-1', 'X-2'), good],
      ['stale (6 min old)', '/partners/1/callbacks', body, signedHeaders(config.secret, body, Date.now() - 360_000)],
      ['another supplier', '/partners/3/callbacks', body, good],
    ];
    for (const [label, path, raw, headers] of cases) {
      const r = await post(path, raw, headers);
      assert.equal(r.status, 401, `${label}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error, 'UNAUTHENTICATED', label);
    }
    const unreadable = JSON.stringify({ idempotencyKey: 'pm-1-0', status: 'MAYBE' });
    const r = await post('/partners/1/callbacks', unreadable, signedHeaders(config.secret, unreadable));
    assert.equal(r.status, 400, JSON.stringify(r.body));
  });
});

describe('partner delivery strategies', () => {
  const base = { supplierId: 9, baseUrl: 'http://127.0.0.1:9', secret: 's'.repeat(32), timeoutMs: 1000 };

  it('a strategy registered from its own module is chosen by name, callbacks included; an unknown name throws', async () => {
    const issued: string[] = [];
    registerPartnerDeliveryStrategy({
      name: 'test-ledger',
      create: () => ({
        issue: async (req) => {
          issued.push(req.idempotencyKey);
          return { kind: 'DELIVERED', partnerRef: `L-${req.idempotencyKey}` };
        },
        query: async () => ({ kind: 'NOT_FOUND' }),
      }),
      readCallback: (_config, raw) => ({
        ok: true,
        callback: { idempotencyKey: raw.toString(), outcome: { kind: 'FAILED', reason: 'ledger says no' } },
      }),
    });
    assert.ok(partnerDeliveryStrategyNames().includes('signed-http'));
    assert.ok(partnerDeliveryStrategyNames().includes('test-ledger'));
    const adapter = partnerAdapterFor({ ...base, adapter: 'test-ledger' });
    const outcome = await adapter.issue({
      idempotencyKey: 'pm-1-0',
      productCode: 'P',
      mode: 'DIRECT_TOPUP',
      account: '1',
      orderRef: '1',
    });
    assert.deepEqual(outcome, { kind: 'DELIVERED', partnerRef: 'L-pm-1-0' });
    assert.deepEqual(issued, ['pm-1-0']);
    assert.deepEqual(verifyPartnerCallback({ ...base, adapter: 'test-ledger' }, Buffer.from('pm-2-0'), {}), {
      idempotencyKey: 'pm-2-0',
      outcome: { kind: 'FAILED', reason: 'ledger says no' },
    });
    // The signed-HTTP default refuses the same unsigned callback.
    assert.equal(verifyPartnerCallback({ ...base, adapter: 'signed-http' }, Buffer.from('pm-2-0'), {}), null);
    assert.throws(() => partnerAdapterFor({ ...base, adapter: 'no-such-adapter' }), /No partner delivery adapter/);
  });
});
