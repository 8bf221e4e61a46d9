/**
 * Request bodies at the gateway (issue 11, reproduction 4): 1 MiB by default, a larger allowance
 * only for bulk mutations from roles that have them, and the caller authenticated from the headers
 * before a byte of the body is read.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { errorCode, startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import { bankAdmin, customer } from '../principals';
import { bodyLimitsFromEnv } from '../../gateway/limits';

const MiB = 1024 * 1024;
const LIMITS = bodyLimitsFromEnv();

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
  ms: number;
  /** Bytes of the body the client had written when the answer arrived. */
  sentWhenAnswered: number;
}

/**
 * POSTs with a declared (or chunked) body, writing it slowly in 64 KiB pieces, and resolves on the
 * answer: a server that reads the body before answering cannot answer while it is still unsent.
 */
function slowPost(
  url: string,
  headers: Record<string, string>,
  total: number,
  opts: { declareLength: boolean; pauseMs?: number },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let sent = 0;
    let answered = false;
    const req = http.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...headers,
        ...(opts.declareLength ? { 'content-length': String(total) } : {}),
      },
    });
    req.on('response', (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          body: text ? JSON.parse(text) : null,
          ms: performance.now() - t0,
          sentWhenAnswered,
        });
        req.destroy();
      });
    });
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const piece = Buffer.alloc(64 * 1024, 0x20);
    const write = () => {
      if (answered || req.destroyed) return;
      if (sent >= total) return void req.end();
      const n = Math.min(piece.length, total - sent);
      sent += n;
      req.write(piece.subarray(0, n));
      setTimeout(write, opts.pauseMs ?? 20);
    };
    req.flushHeaders();
    setTimeout(write, opts.pauseMs ?? 20);
  });
}

describe('request bodies at the gateway', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  const post = async (
    as: Parameters<TestSystem['token']>[0],
    payload: unknown,
  ): Promise<{ status: number; body: GraphQLResult }> => {
    const r = await fetch(sys.stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await sys.token(as)}` },
      body: JSON.stringify(payload),
    });
    return { status: r.status, body: (await r.json()) as GraphQLResult };
  };

  it('without a bearer token, or with a bad one, the answer is 401 before the 10 MB body is sent', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
      const r = await slowPost(sys.stack.gatewayUrl, headers, 10 * MiB, { declareLength: true, pauseMs: 50 });
      assert.equal(r.status, 401);
      assert.equal(r.body.errors[0].extensions.code, 'UNAUTHENTICATED');
      assert.ok(r.sentWhenAnswered < MiB, `answered after ${r.sentWhenAnswered} bytes`);
      assert.equal(r.headers.connection, 'close');
    }
  });

  it('a 10 MB body with a valid token is refused with 413 from its declared length, before it is sent', async () => {
    const token = await sys.token(customer(1, 1));
    const r = await slowPost(sys.stack.gatewayUrl, { authorization: `Bearer ${token}` }, 10 * MiB, {
      declareLength: true,
      pauseMs: 50,
    });
    assert.equal(r.status, 413);
    assert.equal(r.body.errors[0].extensions.code, 'BAD_USER_INPUT');
    assert.match(r.body.errors[0].message, new RegExp(`larger than ${LIMITS.standard} bytes`));
    assert.ok(r.sentWhenAnswered < MiB, `answered after ${r.sentWhenAnswered} bytes`);
    assert.ok(r.ms < 1000, `${r.ms} ms`);
  });

  it('a chunked 10 MB body (no declared length) is refused once it passes 1 MiB, not read to the end', async () => {
    const token = await sys.token(customer(1, 1));
    const r = await slowPost(sys.stack.gatewayUrl, { authorization: `Bearer ${token}` }, 10 * MiB, {
      declareLength: false,
      pauseMs: 2,
    });
    assert.equal(r.status, 413);
    assert.equal(r.body.errors[0].extensions.code, 'BAD_USER_INPUT');
    assert.ok(r.sentWhenAnswered < 3 * MiB, `answered after ${r.sentWhenAnswered} bytes`);
  });

  it('a bulk mutation over 1 MiB from a bank admin passes the body limit; the same size as a query, or from a customer, does not', async () => {
    // 1,200 rows padded past 1 MiB: the body is accepted and the subgraph answers about the rows.
    const customers = Array.from({ length: 1200 }, (_, i) => ({ externalRef: `BULK-${i}`, city: '杭'.repeat(400) }));
    const bulk = {
      query: 'mutation($input: UpsertCustomersInput!) { upsertCustomers(input: $input) { created updated } }',
      variables: { input: { bankId: '1', customers } },
    };
    assert.ok(Buffer.byteLength(JSON.stringify(bulk)) > LIMITS.standard);
    const accepted = await post(bankAdmin(1), bulk);
    assert.notEqual(accepted.status, 413, JSON.stringify(accepted.body).slice(0, 300));
    assert.equal(errorCode(accepted.body), 'BAD_USER_INPUT');
    assert.doesNotMatch(accepted.body.errors![0]!.message, /Request body/);

    const query = {
      query: 'query($pad: String) { bank { name } }',
      variables: { pad: 'x'.repeat(LIMITS.standard + 10) },
    };
    const refused = await post(bankAdmin(1), query);
    assert.equal(refused.status, 413);
    assert.equal(errorCode(refused.body), 'BAD_USER_INPUT');
    assert.match(refused.body.errors![0]!.message, /Bulk mutations/);

    const fromCustomer = await post(customer(1, 1), bulk);
    assert.equal(fromCustomer.status, 413);
  });

  it('an ordinary request right after a refused one is served on a fresh connection', async () => {
    const r = await post(customer(1, 1), { query: '{ customer { id } }' });
    assert.equal(r.body.errors, undefined, JSON.stringify(r.body.errors));
    assert.equal(r.body.data!.customer.id, '1');
  });
});
