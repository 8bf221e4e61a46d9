import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, ok, startTestSystem, type TestSystem } from '../harness';
import { ADDRESS, bankAdmin, createListing, customer, partnerApp, setStock, setUpMall } from '../orders/helpers';
import { setBalance } from '../loyalty/helpers';
import { customerRef } from '../../scripts/seed/demo-plan';
import { WebhookEndpoint } from '../../subgraphs/tenants/entities/webhook';
import { notifyBank } from '../../core/bank-notifications';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { startWebhookReceiver, verifyPerkmallSignature } from '../support/webhook-receiver';

const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
  secret webhookEndpoint { id bankId url eventTypes enabled description } } }`;
const UPDATE = `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { webhookEndpoint { id enabled eventTypes } } }`;
const REDELIVER = `mutation($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { webhookDelivery { id status eventId } } }`;
const DELIVERIES = `query($filter: WebhookDeliveryFilter, $first: Int, $after: String) { webhookDeliveries(filter: $filter, first: $first, after: $after) {
  edges { cursor node { id webhookEndpointId bankId eventId eventType status attempts lastStatusCode lastError deliveredAt payload } }
  pageInfo { hasNextPage endCursor } } }`;
const ENDPOINTS = `query($bankId: ID) { webhookEndpoints(bankId: $bankId) { edges { node { id bankId url eventTypes } } } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { order { id status cashFen } } }`;
const PAY = 'mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id status } }';
const RECORD = `mutation($input: RecordBankEventInput!) { recordBankEvent(input: $input) { pointsAwarded } }`;

/** Backoff and windows short enough for a test: retries after 0.4 s, 0.8 s, then every second; FAILED after 25 s. */
const ENV = {
  PERKMALL_WEBHOOK_BACKOFF_BASE_MS: '400',
  PERKMALL_WEBHOOK_BACKOFF_CAP_MS: '1000',
  PERKMALL_WEBHOOK_RETRY_WINDOW_MS: '25000',
  PERKMALL_WEBHOOK_INTERVAL_MS: '200',
  PERKMALL_WEBHOOK_TIMEOUT_MS: '3000',
};

describe('webhooks to bank systems', () => {
  let sys: TestSystem;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let mallId: string;
  let listingId: string;

  before(async () => {
    receiver = await startWebhookReceiver();
    sys = await startTestSystem({ env: ENV });
    const m = await setUpMall(sys);
    mallId = m.mallId;
    await setStock(sys, m.physical.id, 100);
    listingId = await createListing(sys, {
      mallId,
      skuId: String(m.physical.id),
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: 300,
      priceFen: 1500,
    });
    await setBalance(sys, 1, 5, 1_000_000, 'webhooks-balance');
  });
  after(async () => {
    await sys?.stop();
    await receiver?.stop();
  });

  async function createEndpoint(path: string, eventTypes: string[], bankId = 1) {
    const r = await sys.gql(bankAdmin(bankId), CREATE, {
      input: { url: `${receiver.url}${path}`, eventTypes, description: `test ${path}` },
    });
    return ok<{ secret: string; webhookEndpoint: { id: string; eventTypes: string[] } }>(r, 'createWebhookEndpoint');
  }

  async function buy(): Promise<string> {
    const key = randomUUID();
    const c = await sys.gql(customer(1, 5), CHECKOUT, {
      input: { mallId, lines: [{ listingId, quantity: 1 }], shippingAddress: ADDRESS, idempotencyKey: `wh-${key}` },
    });
    const order = ok(c, 'checkout').order;
    const p = await sys.gql(bankAdmin(1), PAY, {
      input: { orderId: order.id, paymentRef: `P-${key}`, amountFen: order.cashFen },
    });
    assert.equal(ok(p, 'confirmPayment').status, 'PAID');
    return order.id as string;
  }

  async function deliveries(as = bankAdmin(1), filter: Record<string, unknown> = {}) {
    const r = await sys.gql(as, DELIVERIES, { filter, first: 100 });
    return ok(r, 'webhookDeliveries').edges.map((e: any) => e.node) as any[];
  }

  async function waitForDelivery(endpointId: string, predicate: (d: any) => boolean, timeoutMs = 30_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = (await deliveries(bankAdmin(1), { webhookEndpointId: endpointId })).find(predicate);
      if (found) return found;
      if (Date.now() > until) throw new Error(`no matching delivery of endpoint ${endpointId} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  let paid: { secret: string; endpointId: string; orderId: string; eventId: string };
  let failing: { endpointId: string };

  it('an order paid reaches the bank signed: the documented recipe verifies it and refuses a stale timestamp or another secret', async () => {
    const a = await createEndpoint('/a', ['ORDER_PAID', 'POINTS_SPENT']);
    assert.match(a.secret, /^whsec_/);
    // Only chosen events: this one wants tier changes, not orders.
    await createEndpoint('/b', ['TIER_CHANGED']);
    // One that keeps failing, for the retry window and redelivery tests below.
    receiver.setDown('/e', 500);
    const e = await createEndpoint('/e', ['ORDER_PAID']);
    failing = { endpointId: e.webhookEndpoint.id };

    const orderId = await buy();
    const [hit] = await receiver.waitFor(
      'ORDER_PAID at /a',
      (r) => r.path === '/a' && r.body.type === 'ORDER_PAID' && r.body.data.orderId === orderId,
    );
    assert.equal(hit!.headers['content-type'], 'application/json');
    assert.equal(hit!.headers['x-perkmall-event-id'], hit!.body.id);
    assert.equal(hit!.body.bankId, '1');
    assert.equal(hit!.body.data.customerId, '5');
    assert.equal(hit!.body.data.customerRef, customerRef(1, 5), 'the bank’s own customer reference is added');
    assert.equal(hit!.body.data.totalPoints, 300);
    assert.ok(verifyPerkmallSignature(a.secret, hit!.headers, hit!.rawBody), 'signature verifies');
    const stale = Math.floor(Date.now() / 1000) + 600;
    assert.equal(verifyPerkmallSignature(a.secret, hit!.headers, hit!.rawBody, 300, stale), false, 'stale refused');
    assert.equal(verifyPerkmallSignature('whsec_other', hit!.headers, hit!.rawBody), false, 'other secret refused');
    assert.equal(
      verifyPerkmallSignature(a.secret, hit!.headers, hit!.rawBody.replace('"ORDER_PAID"', '"ORDER_REFUNDED"')),
      false,
      'a changed body is refused',
    );
    // The points captured for it come as POINTS_SPENT.
    const [spent] = await receiver.waitFor(
      'POINTS_SPENT at /a',
      (r) => r.path === '/a' && r.body.type === 'POINTS_SPENT' && r.body.data.orderId === orderId,
    );
    assert.equal(spent!.body.data.points, 300);
    assert.notEqual(spent!.body.id, hit!.body.id);
    paid = { secret: a.secret, endpointId: a.webhookEndpoint.id, orderId, eventId: hit!.body.id };

    // The secret is sealed at rest, never stored as given.
    const stored = await (
      await sys.orm('tenants')
    ).em
      .fork()
      .findOneOrFail(WebhookEndpoint, Number(a.webhookEndpoint.id));
    assert.match(stored.secretSealed, /^v1\./);
    assert.ok(!stored.secretSealed.includes(a.secret.slice(6)));
  });

  it('only the event types an endpoint chose are delivered to it', async () => {
    const all = await deliveries();
    const b = (await sys.gql(bankAdmin(1), ENDPOINTS, {})).data!.webhookEndpoints.edges.find((x: any) =>
      x.node.url.endsWith('/b'),
    );
    assert.equal(
      all.filter((d) => d.webhookEndpointId === b.node.id).length,
      0,
      'nothing for the TIER_CHANGED endpoint',
    );
    assert.deepEqual(receiver.on('/b'), []);
    const types = new Set(all.filter((d) => d.webhookEndpointId === paid.endpointId).map((d) => d.eventType));
    assert.deepEqual([...types].sort(), ['ORDER_PAID', 'POINTS_SPENT']);
    assert.deepEqual([...new Set(receiver.on('/a').map((r) => r.body.type))].sort(), ['ORDER_PAID', 'POINTS_SPENT']);
  });

  it('a points earned event from loyalty reaches the bank; answered 500 twice, it is retried with backoff and delivered, the attempts logged', async () => {
    const c = await createEndpoint('/c', ['POINTS_EARNED']);
    receiver.script('/c', [500, 500]);
    const key = `wh-earn-${randomUUID()}`;
    const r = await sys.gql(partnerApp(1), RECORD, {
      input: {
        customerRef: customerRef(1, 6),
        product: 'CREDIT_CARD',
        amountFen: 50_000,
        occurredAt: new Date().toISOString(),
        idempotencyKey: key,
      },
    });
    assert.equal(ok(r, 'recordBankEvent').pointsAwarded, 500);
    const hits = await receiver.waitFor('three attempts at /c', (x) => x.path === '/c', 3);
    assert.deepEqual(
      hits.map((h) => h.answered),
      [500, 500, 200],
    );
    assert.equal(new Set(hits.map((h) => h.headers['x-perkmall-event-id'])).size, 1, 'one event id for every attempt');
    assert.equal(new Set(hits.map((h) => h.rawBody)).size, 1, 'the same body every time');
    assert.ok(hits[1]!.at - hits[0]!.at >= 300, `backoff before the first retry (${hits[1]!.at - hits[0]!.at} ms)`);
    assert.equal(hits[2]!.body.type, 'POINTS_EARNED');
    assert.equal(hits[2]!.body.data.points, 500);
    assert.equal(hits[2]!.body.data.customerRef, customerRef(1, 6));
    for (const h of hits) assert.ok(verifyPerkmallSignature(c.secret, h.headers, h.rawBody));
    const d = await waitForDelivery(c.webhookEndpoint.id, (x) => x.status === 'DELIVERED');
    assert.equal(d.attempts, 3);
    assert.equal(d.lastStatusCode, 200);
    assert.equal(d.lastError, null);
    assert.ok(d.deliveredAt);
    assert.equal(JSON.parse(d.payload).id, hits[0]!.body.id);
  });

  it('a burst of 150 notifications enqueued by orders in one transaction reaches the bank once each', async () => {
    await createEndpoint('/burst', ['POINTS_EXPIRED']);
    const run = randomUUID().slice(0, 8);
    const em = (await sys.orm('orders')).em.fork() as SqlEntityManager;
    for (let i = 0; i < 150; i++)
      notifyBank(em, { type: 'POINTS_EXPIRED', bankId: 1, key: `burst-${run}-${i}`, data: { i, customerId: 6 } });
    await em.flush();
    const hits = await receiver.waitFor('150 notifications at /burst', (x) => x.path === '/burst', 150);
    assert.deepEqual(
      [...new Set(hits.map((h) => h.body.data.i as number))].sort((a, b) => a - b),
      Array.from({ length: 150 }, (_, i) => i),
    );
    await new Promise((r) => setTimeout(r, 1500)); // a relay pass more: nothing is sent twice
    assert.equal(receiver.on('/burst').length, 150);
  });

  it('no delivery is lost across a restart of the sending process (tenants)', async () => {
    receiver.setDown('/d', 503);
    const d = await createEndpoint('/d', ['ORDER_PAID']);
    const orderId = await buy();
    await receiver.waitFor('a refused attempt at /d', (r) => r.path === '/d' && r.body.data.orderId === orderId);
    const pending = await waitForDelivery(d.webhookEndpoint.id, (x) => x.status === 'PENDING' && x.attempts >= 1);
    assert.match(pending.lastError, /HTTP 503/);
    await sys.stack.stopComponent('tenants');
    const before = receiver.on('/d').length;
    receiver.setDown('/d', null);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(receiver.on('/d').length, before, 'nothing is sent while tenants is down');
    await sys.stack.startComponent('tenants');
    const [arrived] = await receiver.waitFor(
      'delivery after the restart',
      (r) => r.path === '/d' && r.answered === 200,
    );
    assert.equal(arrived!.body.data.orderId, orderId);
    assert.ok(
      verifyPerkmallSignature(d.secret, arrived!.headers, arrived!.rawBody),
      'the sealed secret survived the restart',
    );
    const done = await waitForDelivery(d.webhookEndpoint.id, (x) => x.status === 'DELIVERED');
    assert.equal(done.eventId, arrived!.body.id);
  });

  it('a delivery refused for its whole retry window is FAILED; redelivered by hand it is sent again with the same event id', async () => {
    const failed = await waitForDelivery(failing.endpointId, (x) => x.status === 'FAILED', 60_000);
    assert.ok(failed.attempts >= 3, `retried before giving up (${failed.attempts} attempts)`);
    assert.equal(failed.lastStatusCode, 500);
    assert.equal(failed.eventId, paid.eventId, 'every endpoint gets the same event id for one event');
    receiver.setDown('/e', null);
    const r = await sys.gql(bankAdmin(1), REDELIVER, { input: { webhookDeliveryId: failed.id } });
    assert.equal(ok(r, 'redeliverWebhook').webhookDelivery.status, 'PENDING');
    const [again] = await receiver.waitFor('redelivery at /e', (x) => x.path === '/e' && x.answered === 200);
    assert.equal(again!.headers['x-perkmall-event-id'], paid.eventId);
    assert.equal(again!.body.data.orderId, paid.orderId);
    await waitForDelivery(failing.endpointId, (x) => x.id === failed.id && x.status === 'DELIVERED');

    // A delivered one may be sent again too (the bank lost it on its side).
    const a = (await deliveries(bankAdmin(1), { webhookEndpointId: paid.endpointId, eventType: 'ORDER_PAID' })).find(
      (x) => x.eventId === paid.eventId,
    );
    const count = receiver.on('/a').filter((x) => x.body.id === paid.eventId).length;
    ok(await sys.gql(bankAdmin(1), REDELIVER, { input: { webhookDeliveryId: a.id } }), 'redeliverWebhook');
    const hits = await receiver.waitFor(
      'redelivery at /a',
      (x) => x.path === '/a' && x.body.id === paid.eventId,
      count + 1,
    );
    assert.ok(verifyPerkmallSignature(paid.secret, hits.at(-1)!.headers, hits.at(-1)!.rawBody));
  });

  it('the delivery log filters by status and type and pages by cursor', async () => {
    const delivered = await deliveries(bankAdmin(1), { status: 'DELIVERED' });
    assert.ok(delivered.length >= 4 && delivered.every((d) => d.status === 'DELIVERED'));
    const spent = await deliveries(bankAdmin(1), { eventType: 'POINTS_SPENT' });
    assert.ok(spent.length >= 1 && spent.every((d) => d.eventType === 'POINTS_SPENT'));
    const first = ok(await sys.gql(bankAdmin(1), DELIVERIES, { first: 2 }), 'webhookDeliveries');
    assert.equal(first.edges.length, 2);
    assert.equal(first.pageInfo.hasNextPage, true);
    const second = ok(
      await sys.gql(bankAdmin(1), DELIVERIES, { first: 2, after: first.pageInfo.endCursor }),
      'webhookDeliveries',
    );
    assert.ok(Number(second.edges[0].node.id) < Number(first.edges[1].node.id), 'newest first, no overlap');
  });

  it("another bank sees none of bank 1's endpoints or deliveries and cannot change or redeliver them (NOT_FOUND)", async () => {
    const other = bankAdmin(2);
    assert.deepEqual(ok(await sys.gql(other, ENDPOINTS, {}), 'webhookEndpoints').edges, []);
    assert.equal(errorCode(await sys.gql(other, ENDPOINTS, { bankId: '1' })), 'NOT_FOUND');
    assert.deepEqual(await deliveries(other), []);
    assert.equal(
      errorCode(await sys.gql(other, DELIVERIES, { filter: { webhookEndpointId: paid.endpointId } })),
      'NOT_FOUND',
    );
    const mine = await deliveries();
    const r = await sys.gql(other, REDELIVER, { input: { webhookDeliveryId: mine[0].id } });
    assert.equal(errorCode(r), 'NOT_FOUND');
    const u = await sys.gql(other, UPDATE, { input: { webhookEndpointId: paid.endpointId, enabled: false } });
    assert.equal(errorCode(u), 'NOT_FOUND');
    const rot = await sys.gql(
      other,
      'mutation($input: WebhookEndpointRefInput!) { rotateWebhookEndpointSecret(input: $input) { secret } }',
      { input: { webhookEndpointId: paid.endpointId } },
    );
    assert.equal(errorCode(rot), 'NOT_FOUND');
    // Customers and partner apps are not bank administrators.
    assert.equal(errorCode(await sys.gql(customer(1, 5), ENDPOINTS, {})), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(partnerApp(1), DELIVERIES, {})), 'FORBIDDEN');
    // The platform sees every bank's.
    const all = ok(
      await sys.gql({ role: 'PLATFORM_ADMIN', sub: 'platform' }, ENDPOINTS, { bankId: '1' }),
      'webhookEndpoints',
    );
    assert.ok(all.edges.length >= 4);
  });

  it('a bad URL, too many or repeated event types are BAD_USER_INPUT and create nothing', async () => {
    const before = ok(await sys.gql(bankAdmin(1), ENDPOINTS, {}), 'webhookEndpoints').edges.length;
    const bad = async (input: Record<string, unknown>) =>
      errorCode(
        await sys.gql(bankAdmin(1), CREATE, {
          input: { url: `${receiver.url}/x`, eventTypes: ['ORDER_PAID'], ...input },
        }),
      );
    assert.equal(await bad({ url: 'ftp://bank.example/hook' }), 'BAD_USER_INPUT');
    assert.equal(await bad({ url: 'not a url' }), 'BAD_USER_INPUT');
    assert.equal(await bad({ url: 'https://user:pw@bank.example/hook' }), 'BAD_USER_INPUT');
    assert.equal(await bad({ url: `https://bank.example/${'a'.repeat(500)}` }), 'BAD_USER_INPUT');
    const ten = [
      'ORDER_PAID',
      'ORDER_DELIVERED',
      'ORDER_REFUNDED',
      'POINTS_EARNED',
      'POINTS_SPENT',
      'POINTS_EXPIRED',
      'TIER_CHANGED',
      'PERK_ISSUED',
      'FINANCIAL_PERK_REQUESTED',
      'ORDER_PAID',
    ];
    assert.equal(await bad({ eventTypes: ten }), 'BAD_USER_INPUT');
    assert.equal(await bad({ eventTypes: ['ORDER_PAID', 'ORDER_PAID'] }), 'BAD_USER_INPUT');
    assert.equal(await bad({ eventTypes: [] }), 'BAD_USER_INPUT');
    const after = ok(await sys.gql(bankAdmin(1), ENDPOINTS, {}), 'webhookEndpoints').edges.length;
    assert.equal(after, before);
  });

  it('a test PING is signed like any event and reports how the endpoint answered', async () => {
    const r = await sys.gql(
      bankAdmin(1),
      'mutation($input: WebhookEndpointRefInput!) { sendTestWebhook(input: $input) { delivered statusCode error eventId } }',
      { input: { webhookEndpointId: paid.endpointId } },
    );
    const answer = ok(r, 'sendTestWebhook');
    assert.equal(answer.delivered, true);
    assert.equal(answer.statusCode, 200);
    const ping = receiver.on('/a').find((x) => x.body.id === answer.eventId);
    assert.equal(ping?.body.type, 'PING');
    assert.ok(verifyPerkmallSignature(paid.secret, ping!.headers, ping!.rawBody));
  });
});
