import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { startTestSystem, type TestSystem } from '../harness';
import type { SubgraphName } from '../../core/config';
import { setBalance } from '../loyalty/helpers';
import { ADDRESS, bankAdmin, createListing, customer, setStock, setUpMall } from '../orders/helpers';
import manifest from '../../codegen/persisted-operations.json';

/**
 * A real OTLP/HTTP receiver in a process of its own: it takes the JSON the processes' exporters
 * POST to /v1/traces and answers GET /spans with every span received so far, flattened.
 */
const RECEIVER = `
const http = require('node:http');
const spans = [];
const value = (v) => v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue;
const attrs = (list) => Object.fromEntries((list ?? []).map((a) => [a.key, value(a.value)]));
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'POST' && req.url === '/v1/traces') {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const rs of body.resourceSpans ?? []) {
        const service = attrs(rs.resource?.attributes)['service.name'];
        for (const ss of rs.scopeSpans ?? [])
          for (const s of ss.spans ?? [])
            spans.push({ service, traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || undefined,
              name: s.name, attributes: attrs(s.attributes) });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    } else if (req.url === '/spans') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(spans));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log(String(server.address().port)));
`;

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

function publishedBody(name: string): string {
  const op = manifest.operations.find((o) => o.name === name);
  assert.ok(op, `${name} is a published operation`);
  return op.body;
}

/** Prometheus text → the value of the first series of `metric` whose labels include all of `labels`. */
function sample(text: string, metric: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`) && !line.startsWith(`${metric} `)) continue;
    const labelText = /\{(.*)\}/.exec(line)?.[1] ?? '';
    if (Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('observability: metrics, traces and logs', () => {
  let sys: TestSystem;
  let receiver: ChildProcess;
  let receiverUrl: string;
  const stdout: Record<string, string> = {};

  before(async () => {
    receiver = spawn(process.execPath, ['-e', RECEIVER], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<string>((resolve) =>
      receiver.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())),
    );
    receiverUrl = `http://127.0.0.1:${port}`;
    sys = await startTestSystem({
      env: {
        PERKMALL_OTLP_ENDPOINT: receiverUrl,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        PERKMALL_LOG_LEVEL: 'info',
      },
      stdout: (component, text) => (stdout[component] = (stdout[component] ?? '') + text),
    });
  });
  after(async () => {
    await sys?.stop();
    receiver?.kill();
  });

  /** Runs `query` through the gateway in a trace the test chose; returns its trace id and request id. */
  async function traced(as: Parameters<TestSystem['token']>[0], query: string, variables: Record<string, unknown>) {
    const traceId = randomBytes(16).toString('hex');
    const requestId = randomUUID();
    const r = await fetch(sys.stack.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await sys.token(as)}`,
        'x-request-id': requestId,
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await r.json()) as { data?: any; errors?: unknown[] };
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return { traceId, requestId, data: body.data };
  }

  /** The spans of `traceId` once `ready` holds for them (the exporters send in batches). */
  async function spansOf(traceId: string, ready: (spans: ReceivedSpan[]) => boolean): Promise<ReceivedSpan[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const all = (await (await fetch(`${receiverUrl}/spans`)).json()) as ReceivedSpan[];
      const spans = all.filter((s) => s.traceId === traceId);
      if (ready(spans) || Date.now() > deadline) return spans;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function scrape(component: SubgraphName | 'gateway', headers: Record<string, string> = {}) {
    return fetch(`${sys.stack.urls[component]}/metrics`, { headers });
  }

  it('counts a published operation at the gateway and at each subgraph it reached, with SQL per request, pool and outbox figures', async () => {
    await traced(bankAdmin(1), publishedBody('MallListings'), { mallId: '1', first: 5 });
    const gateway = await (await scrape('gateway')).text();
    assert.ok(
      (sample(gateway, 'perkmall_graphql_requests_total', { operation: 'MallListings', service: 'gateway' }) ?? 0) >= 1,
      'the gateway counts MallListings',
    );
    assert.ok(sample(gateway, 'perkmall_graphql_request_duration_seconds_count', { operation: 'MallListings' })! >= 1);
    assert.ok(sample(gateway, 'process_cpu_user_seconds_total', {}) !== undefined, 'default process metrics');
    for (const name of ['tenants', 'catalog'] as const) {
      const text = await (await scrape(name)).text();
      assert.ok(
        (sample(text, 'perkmall_graphql_requests_total', { operation: 'MallListings', service: name }) ?? 0) >= 1,
        `${name} counts the gateway's fetches under MallListings`,
      );
      const sqlSum = sample(text, 'perkmall_sql_statements_per_request_sum', { operation: 'MallListings' });
      assert.ok(sqlSum !== undefined && sqlSum > 0, `${name} counted the request's SQL statements`);
      assert.ok((sample(text, 'perkmall_sql_statements_total', {}) ?? 0) > 0);
      assert.ok(sample(text, 'perkmall_db_pool_connections', { state: 'free' }) !== undefined, 'pool use');
      assert.ok(sample(text, 'perkmall_outbox_pending_messages', {}) !== undefined, 'outbox backlog');
      assert.ok(sample(text, 'perkmall_outbox_oldest_pending_age_seconds', {}) !== undefined, 'outbox lag');
    }
  });

  it('labels an unpublished operation name "other", so a client cannot grow the label set', async () => {
    const name = `Made${randomBytes(4).toString('hex')}`;
    await traced(bankAdmin(1), `query ${name} { mall(id: 1) { id } }`, {});
    const gateway = await (await scrape('gateway')).text();
    assert.ok(!gateway.includes(name));
    assert.ok((sample(gateway, 'perkmall_graphql_requests_total', { operation: 'other' }) ?? 0) >= 1);
  });

  it("refuses the gateway's /metrics to a forwarded (public) request and answers loopback", async () => {
    const forwarded = await scrape('gateway', { 'x-forwarded-for': '203.0.113.9' });
    assert.equal(forwarded.status, 404);
    assert.equal((await scrape('gateway')).status, 200);
  });

  it('one trace holds the gateway’s spans and each touched subgraph’s request and SQL spans; logs carry its id', async () => {
    const { traceId, requestId } = await traced(bankAdmin(1), publishedBody('MallListings'), { mallId: '1', first: 5 });
    const touched = (spans: ReceivedSpan[]) =>
      new Set(spans.filter((s) => s.name === 'gateway.fetch').map((s) => String(s.attributes.service)));
    const isRoot = (s: ReceivedSpan) => s.service === 'gateway' && s.name.startsWith('graphql query MallListings');
    // Each process exports in its own batches: wait until every part has arrived.
    const spans = await spansOf(traceId, (s) => {
      const t = touched(s);
      return (
        s.some(isRoot) &&
        t.size > 0 &&
        [...t].every(
          (name) =>
            s.some((x) => x.service === name && x.name.startsWith('sql ')) &&
            s.some((x) => x.service === name && x.attributes['url.path'] === '/graphql'),
        )
      );
    });
    const subgraphs = touched(spans);
    assert.ok(subgraphs.has('tenants') && subgraphs.has('catalog'), `fetches: ${[...subgraphs].join(', ')}`);
    const root = spans.find(isRoot);
    assert.ok(root, `the gateway's request span: ${spans.map((s) => `${s.service}:${s.name}`).join(', ')}`);
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    for (const name of subgraphs) {
      const server = spans.filter((s) => s.service === name && s.attributes['url.path'] === '/graphql');
      assert.ok(server.length > 0, `${name} has a request span in the trace`);
      for (const s of server)
        assert.equal(byId.get(s.parentSpanId!)?.name, 'gateway.fetch', `${name}'s request continues a gateway fetch`);
      const sql = spans.filter((s) => s.service === name && s.name.startsWith('sql '));
      assert.ok(sql.length > 0, `${name} has SQL spans`);
      for (const s of sql) assert.ok(!/'\d/.test(String(s.attributes['db.query.text'])), 'no values in SQL text');
    }
    for (const component of ['gateway', 'tenants'] as const) {
      const lines = (stdout[component] ?? '')
        .split('\n')
        .filter((l) => l.includes(requestId))
        .map((l) => JSON.parse(l) as { requestId?: string; traceId?: string; msg: string });
      assert.ok(lines.length > 0, `${component} logged the request`);
      for (const l of lines) assert.equal(l.traceId, traceId, `${component}: ${l.msg} carries the trace id`);
    }
  });

  it('a purchase’s trace follows the saga from orders into catalog, loyalty and tenants; its steps are counted', async () => {
    const m = await setUpMall(sys);
    await setStock(sys, m.physical.id, 10);
    const listingId = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(m.physical.id),
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: 300,
      priceFen: 1500,
    });
    await setBalance(sys, 1, 5, 100_000, `observability-${randomUUID()}`);
    const { traceId } = await traced(customer(1, 5), publishedBody('Checkout'), {
      input: {
        mallId: m.mallId,
        lines: [{ listingId, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: `obs-${randomUUID()}`,
      },
    });
    const peers = ['catalog', 'loyalty', 'tenants'];
    const spans = await spansOf(traceId, (s) =>
      peers.every(
        (p) =>
          s.some((x) => x.service === p && x.attributes['url.path'] === '/graphql') &&
          s.some((x) => x.service === 'orders' && x.name.startsWith(`call ${p} `)),
      ),
    );
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    for (const peer of peers) {
      const server = spans.find((s) => s.service === peer && s.attributes['url.path'] === '/graphql');
      assert.ok(server, `${peer} served a saga step in the purchase's trace`);
      const parent = byId.get(server.parentSpanId!);
      assert.equal(parent?.service, 'orders', `${peer}'s step continues orders' call span`);
      assert.ok(parent.name.startsWith(`call ${peer} `), parent.name);
    }
    const orders = await (await scrape('orders')).text();
    assert.ok((sample(orders, 'perkmall_saga_steps_total', { step: 'reserveStock', outcome: 'ok' }) ?? 0) >= 1);
    assert.ok((sample(orders, 'perkmall_saga_steps_total', { step: 'holdPoints', outcome: 'ok' }) ?? 0) >= 1);
    assert.ok((sample(orders, 'perkmall_graphql_requests_total', { operation: 'Checkout' }) ?? 0) >= 1);
    assert.ok(
      (sample(orders, 'perkmall_background_runs_total', { task: 'outbox-relay', outcome: 'ok' }) ?? 0) >= 1,
      'background passes counted',
    );
  });
});
