import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { JSONCodec, headers as natsHeaders, type JetStreamManager, type NatsConnection } from 'nats';
import { ok, startTestSystem, type TestSystem } from '../harness';
import { withJetStream } from '../jetstream';
import {
  consumerName,
  deadLetterSubjectOf,
  messageIdOf,
  streamName,
  subjectOf,
  type EventEnvelope,
} from '../../core/event-transport';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { selectRows } from '../../core/sql';
import { AUDIT_TOPIC } from '../../core/audit';
import { BANK_NOTIFICATION_TOPIC, OutboxMessage } from '../../core/outbox';
import { ORDER_PAID, LISTING_REFUND } from '../../subgraphs/orders/events';
import { Fulfilment, FulfilmentLine } from '../../subgraphs/logistics/entities/fulfilment';
import { AuditEntry } from '../../subgraphs/staff/entities/audit-entry';
import { WebhookDelivery } from '../../subgraphs/tenants/entities/webhook';
import { bankAdmin, createListing, setStock, setUpMall } from '../orders/helpers';
import { MALL, placeOrder, waitFor } from '../logistics/helpers';
import { startWebhookReceiver } from '../support/webhook-receiver';
import { notifyBank } from '../../core/bank-notifications';

/** A counter's value in a /metrics answer (0 when the series is absent). */
function metric(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const labelText = /\{(.*)\}/.exec(line)?.[1] ?? '';
    if (Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
  secret webhookEndpoint { id } } }`;

/**
 * Events on NATS JetStream (README "Events on NATS JetStream"): the outbox relays publish to the
 * test system's own stream and the consuming subgraphs pull through durable consumers. The
 * event-driven flows of the HTTP relay hold (audit trail, bank notifications, paid orders), a
 * consumer killed between handling and acknowledging gets the message again after its restart
 * with the effect kept once, JetStream drops a second publish of the same outbox row, and a
 * poison message is set aside on the dead-letter subject after its bounded deliveries. A burst of
 * bank notifications is published in a few claims, each row once; a consumer loop whose durable
 * consumer (or whole stream) is deleted under it is started again and goes on consuming.
 */
describe('events on NATS JetStream', () => {
  let sys: TestSystem;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let listing: string;
  let url: string;
  let prefix: string;
  let stream: string;
  const js = <T>(work: (jsm: JetStreamManager, nc: NatsConnection) => Promise<T>) => withJetStream(url, work);

  before(async () => {
    receiver = await startWebhookReceiver();
    // Few deliveries before a message counts as poison, so the dead-letter test takes seconds.
    sys = await startTestSystem({ events: 'nats', env: { PERKMALL_NATS_MAX_DELIVER: '3' } });
    url = sys.stack.env.PERKMALL_NATS_URL!;
    prefix = sys.stack.env.PERKMALL_NATS_PREFIX!;
    stream = streamName(prefix);
    const mall = await setUpMall(sys);
    MALL.id = mall.mallId;
    await setStock(sys, mall.physical.id, 1000);
    listing = await createListing(sys, {
      mallId: mall.mallId,
      skuId: String(mall.physical.id),
      priceMode: 'POINTS',
      pricePoints: 1,
    });
  });
  after(async () => {
    await sys?.stop();
    await receiver?.stop();
  });

  it('carries a paid order to logistics, its audit entries to staff and its bank notification to tenants, each through its durable consumer', async () => {
    const endpoint = ok<{ webhookEndpoint: { id: string } }>(
      await sys.gql(bankAdmin(1), CREATE_ENDPOINT, {
        input: { url: `${receiver.url}/jetstream`, eventTypes: ['ORDER_PAID'], description: 'jetstream test' },
      }),
      'createWebhookEndpoint',
    );
    const order = await placeOrder(sys, 1, [{ listingId: listing, quantity: 2 }], `js-${randomUUID()}`);

    // orders → logistics: the fulfilment opens.
    const logistics = await sys.orm('logistics');
    const f = await waitFor('fulfilment', () =>
      logistics.em.fork().findOne(Fulfilment, { supplierOrderId: Number(order.supplierOrderId) }),
    );
    assert.equal(String(f.orderId), order.orderId);
    // tenants → staff: the endpoint's creation is in the audit trail.
    const staff = await sys.orm('staff');
    await waitFor('audit entry of the webhook endpoint', () =>
      staff.em.fork().findOne(AuditEntry, { targetType: 'WebhookEndpoint', targetId: endpoint.webhookEndpoint.id }),
    );
    // orders → tenants: ORDER_PAID becomes a webhook delivery for the bank's endpoint.
    const tenants = await sys.orm('tenants');
    const delivery = await waitFor('webhook delivery of the paid order', async () =>
      (await tenants.em.fork().find(WebhookDelivery, { endpointId: Number(endpoint.webhookEndpoint.id) })).find(
        (d) => (JSON.parse(d.payload) as { data: { orderId?: unknown } }).data.orderId == order.orderId,
      ),
    );
    assert.equal(delivery.eventType, 'ORDER_PAID');

    // The outbox rows are delivered because JetStream acknowledged them, and every message was consumed.
    const orders = await sys.orm('orders');
    const [row] = await selectRows<{ id: number; created_at: Date; delivered_at: Date | null }>(
      orders.em.fork() as SqlEntityManager,
      'SELECT id, created_at, delivered_at FROM outbox_message WHERE topic = ? ORDER BY id DESC LIMIT 1',
      [ORDER_PAID],
    );
    assert.ok(row?.delivered_at, 'the order-paid row is marked delivered');
    await js(async (jsm) => {
      const msg = await jsm.streams.getMessage(stream, { last_by_subj: subjectOf(prefix, ORDER_PAID) });
      assert.equal(
        msg.header.get('Nats-Msg-Id'),
        messageIdOf('orders', { id: row.id, createdAt: new Date(row.created_at) }),
      );
      for (const [subgraph, topic] of [
        ['logistics', ORDER_PAID],
        ['staff', AUDIT_TOPIC],
        ['tenants', BANK_NOTIFICATION_TOPIC],
      ] as const) {
        const name = consumerName(subgraph, topic);
        await waitFor(`${name} to acknowledge everything`, async () => {
          const info = await jsm.consumers.info(stream, name);
          return info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.stream_seq > 0;
        });
      }
    });
  });

  it('delivers again after the consumer is killed between handling and acknowledging; the fulfilment opens once', async () => {
    const name = consumerName('logistics', ORDER_PAID);
    const subject = subjectOf(prefix, ORDER_PAID);
    const paidOrders = () =>
      js(async (jsm) => (await jsm.streams.info(stream, { subjects_filter: subject })).state.subjects?.[subject] ?? 0);
    const before = await js((jsm) => jsm.consumers.info(stream, name));
    const paidBefore = await paidOrders();
    const armed = await fetch(`${sys.stack.urls.logistics}/debug/event-faults`, {
      method: 'POST',
      body: JSON.stringify({ topic: ORDER_PAID, fault: 'crash-before-ack' }),
    });
    assert.equal(armed.status, 200);

    const order = await placeOrder(sys, 1, [{ listingId: listing, quantity: 3 }], `js-crash-${randomUUID()}`);
    // The handler opened the fulfilment, then the process died before its acknowledgement.
    const logistics = await sys.orm('logistics');
    const opened = await waitFor('fulfilment opened before the crash', () =>
      logistics.em.fork().findOne(Fulfilment, { supplierOrderId: Number(order.supplierOrderId) }),
    );
    await waitFor('logistics to be down', async () => {
      try {
        await fetch(`${sys.stack.urls.logistics}/health`);
        return false;
      } catch {
        return true;
      }
    });
    const down = await js((jsm) => jsm.consumers.info(stream, name));
    assert.ok(down.ack_floor.stream_seq < down.delivered.stream_seq, 'the paid order is delivered, not acknowledged');

    // Started again (stopComponent would wait for an exit that has happened: the process was killed).
    await sys.stack.startComponent('logistics');
    // JetStream delivers it again once the ack wait ran out; the restarted consumer acknowledges it.
    const after = await js((jsm) =>
      waitFor(
        'the redelivered paid order to be acknowledged',
        async () => {
          const info = await jsm.consumers.info(stream, name);
          return info.ack_floor.stream_seq >= down.delivered.stream_seq && info.num_ack_pending === 0 ? info : null;
        },
        30_000,
      ),
    );
    // Deliveries of this consumer against the paid-order messages published meanwhile (one): one more.
    const newMessages = (await paidOrders()) - paidBefore;
    const deliveries = after.delivered.consumer_seq - before.delivered.consumer_seq;
    assert.equal(newMessages, 1);
    assert.ok(deliveries >= 2, `delivered ${deliveries} times for ${newMessages} new message`);
    // Exactly once in effect: one fulfilment, its lines once.
    const em = logistics.em.fork();
    assert.equal(await em.count(Fulfilment, { supplierOrderId: Number(order.supplierOrderId) }), 1);
    const lines = await em.find(FulfilmentLine, { fulfilmentId: opened.id });
    assert.deepEqual(
      lines.map((l) => l.quantity),
      [3],
    );
  });

  it('drops a second publish of the same outbox row (JetStream dedupe on the row id): a relay re-sending it adds nothing', async () => {
    const subject = subjectOf(prefix, ORDER_PAID);
    const count = () =>
      js(async (jsm) => (await jsm.streams.info(stream, { subjects_filter: subject })).state.subjects?.[subject] ?? 0);
    const orders = await sys.orm('orders');
    const [row] = await selectRows<{ id: number }>(
      orders.em.fork() as SqlEntityManager,
      'SELECT id FROM outbox_message WHERE topic = ? AND delivered_at IS NOT NULL ORDER BY id LIMIT 1',
      [ORDER_PAID],
    );
    const stored = await count();
    assert.ok(stored >= 1);
    // As if the relay had crashed after the publish but before marking the row: it publishes the row again.
    await orders.em
      .fork()
      .nativeUpdate(
        OutboxMessage,
        { id: row!.id },
        { deliveredAt: null, claimedUntil: null, nextAttemptAt: new Date() },
      );
    await waitFor('the relay to deliver the row again', async () => {
      const [r] = await selectRows<{ delivered_at: Date | null }>(
        orders.em.fork() as SqlEntityManager,
        'SELECT delivered_at FROM outbox_message WHERE id = ?',
        [row!.id],
      );
      return r?.delivered_at != null;
    });
    assert.equal(await count(), stored, 'the second publish was dropped');

    // The same straight on the stream: the second acknowledgement says duplicate.
    await js(async (_jsm, nc) => {
      const jsc = nc.jetstream();
      const data = JSONCodec<EventEnvelope>().encode({
        producer: 'test',
        id: 1,
        topic: 'test.nothing',
        createdAt: new Date().toISOString(),
        payload: {},
      });
      const msgID = `test:${randomUUID()}`;
      const first = await jsc.publish(subjectOf(prefix, 'test.nothing'), data, { msgID });
      const second = await jsc.publish(subjectOf(prefix, 'test.nothing'), data, { msgID });
      assert.equal(first.duplicate, false);
      assert.equal(second.duplicate, true);
      assert.equal(second.seq, first.seq);
    });
  });

  it('sets a message its consumer always refuses aside on the dead-letter subject after the bounded deliveries', async () => {
    const msgID = `test:poison:${randomUUID()}`;
    const deadSubject = deadLetterSubjectOf(prefix, LISTING_REFUND);
    await js(async (jsm, nc) => {
      const h = natsHeaders();
      h.set('Perkmall-Test', 'poison');
      // A listing refund without lines: tenants refuses it every time (BAD_USER_INPUT).
      await nc.jetstream().publish(
        subjectOf(prefix, LISTING_REFUND),
        JSONCodec<EventEnvelope>().encode({
          producer: 'test',
          id: 2,
          topic: LISTING_REFUND,
          createdAt: new Date().toISOString(),
          payload: { refundId: 'x', orderId: 'y' },
        }),
        { msgID, headers: h },
      );
      const dead = await waitFor(
        'the dead letter',
        async () => {
          try {
            return await jsm.streams.getMessage(stream, { last_by_subj: deadSubject });
          } catch {
            return null;
          }
        },
        30_000,
      );
      assert.equal(dead.header.get('Perkmall-Consumer'), consumerName('tenants', LISTING_REFUND));
      assert.equal(dead.header.get('Perkmall-Deliveries'), '3');
      assert.ok(dead.header.get('Perkmall-Error'));
      const info = await jsm.consumers.info(stream, consumerName('tenants', LISTING_REFUND));
      assert.equal(info.num_ack_pending, 0, 'no longer delivered');
    });
  });
  const scrape = async (component: 'orders' | 'logistics' | 'tenants') =>
    (await fetch(`${sys.stack.urls[component]}/metrics`)).text();

  it('publishes a burst of 150 bank notifications enqueued by orders in one transaction in a few claims, tenants records them in a few batches, the bank gets each once', async (t) => {
    await sys.gql(bankAdmin(1), CREATE_ENDPOINT, {
      input: { url: `${receiver.url}/burst`, eventTypes: ['POINTS_EXPIRED'], description: 'jetstream burst' },
    });
    const subject = subjectOf(prefix, BANK_NOTIFICATION_TOPIC);
    const onStream = () =>
      js(async (jsm) => (await jsm.streams.info(stream, { subjects_filter: subject })).state.subjects?.[subject] ?? 0);
    const streamBefore = await onStream();
    const before = await scrape('orders');
    const tenantsBefore = await scrape('tenants');
    const run = randomUUID().slice(0, 8);
    const em = (await sys.orm('orders')).em.fork() as SqlEntityManager;
    for (let i = 0; i < 150; i++)
      notifyBank(em, { type: 'POINTS_EXPIRED', bankId: 1, key: `js-burst-${run}-${i}`, data: { i, customerId: 6 } });
    await em.flush();

    const hits = await receiver.waitFor('150 notifications at /burst', (x) => x.path === '/burst', 150, 60_000);
    assert.deepEqual(
      [...new Set(hits.map((h) => h.body.data.i as number))].sort((a, b) => a - b),
      Array.from({ length: 150 }, (_, i) => i),
    );
    const after = await scrape('orders');
    const claims =
      metric(after, 'perkmall_outbox_claims_total', { transport: 'jetstream' }) -
      metric(before, 'perkmall_outbox_claims_total', { transport: 'jetstream' });
    const relayed =
      metric(after, 'perkmall_outbox_messages_relayed_total', { transport: 'jetstream', outcome: 'delivered' }) -
      metric(before, 'perkmall_outbox_messages_relayed_total', { transport: 'jetstream', outcome: 'delivered' });
    // 100 rows a claim: two claims carry the burst (a few more if a pass began mid-commit).
    assert.ok(relayed >= 150, `relayed ${relayed}`);
    assert.ok(claims >= 2 && claims <= 6, `${claims} claims for 150 messages`);
    // Each row reached the stream once, and the bank once per notification.
    assert.equal((await onStream()) - streamBefore, 150);
    // Tenants' consumer hands what it holds to one transaction: far fewer batches than notifications.
    const consumer = { consumer: consumerName('tenants', BANK_NOTIFICATION_TOPIC) };
    const tenantsAfter = await scrape('tenants');
    const batches =
      metric(tenantsAfter, 'perkmall_event_batches_total', consumer) -
      metric(tenantsBefore, 'perkmall_event_batches_total', consumer);
    const batched =
      metric(tenantsAfter, 'perkmall_event_batched_messages_total', consumer) -
      metric(tenantsBefore, 'perkmall_event_batched_messages_total', consumer);
    assert.ok(batched >= 150, `${batched} notifications handled in batches`);
    t.diagnostic(
      `${relayed} rows published in ${claims} claims; ${batched} notifications recorded in ${batches} batches`,
    );
    assert.ok(batches >= 2 && batches <= 50, `${batches} batches for 150 notifications`);
    await new Promise((r) => setTimeout(r, 1500)); // a relay and dispatcher pass more: nothing is sent twice
    assert.equal(receiver.on('/burst').length, 150);
    await js(async (jsm) => {
      const info = await jsm.consumers.info(stream, consumerName('tenants', BANK_NOTIFICATION_TOPIC));
      assert.equal(info.num_pending + info.num_ack_pending, 0, 'every notification acknowledged by tenants');
    });
  });

  it('starts a consumer loop again when its durable consumer is deleted under the running subgraph; the next paid order is consumed and none twice', async () => {
    const name = consumerName('logistics', ORDER_PAID);
    const restarts = async () =>
      metric(await scrape('logistics'), 'perkmall_event_consumer_restarts_total', { consumer: name });
    const restartsBefore = await restarts();
    const logistics = await sys.orm('logistics');
    const fulfilmentsBefore = await logistics.em.fork().count(Fulfilment, {});
    await js((jsm) => jsm.consumers.delete(stream, name));

    await waitFor('the consumer loop to restart', async () => (await restarts()) > restartsBefore, 20_000);
    await js((jsm) =>
      waitFor('the durable consumer to exist again', () => jsm.consumers.info(stream, name).catch(() => null)),
    );
    const order = await placeOrder(sys, 1, [{ listingId: listing, quantity: 1 }], `js-deleted-${randomUUID()}`);
    await waitFor(
      'the fulfilment of the order paid after the restart',
      () => logistics.em.fork().findOne(Fulfilment, { supplierOrderId: Number(order.supplierOrderId) }),
      30_000,
    );
    // The recreated consumer starts at the stream's beginning: every earlier paid order comes again
    // and is acknowledged, and the idempotent handler opens nothing twice.
    await js((jsm) =>
      waitFor(
        'the recreated consumer to acknowledge everything',
        async () => {
          const info = await jsm.consumers.info(stream, name);
          return info.num_pending === 0 && info.num_ack_pending === 0;
        },
        30_000,
      ),
    );
    const em = logistics.em.fork();
    assert.equal(await em.count(Fulfilment, {}), fulfilmentsBefore + 1, 'one new fulfilment: the new order');
    const [dupes] = await selectRows<{ n: number }>(
      em as SqlEntityManager,
      'SELECT COUNT(*) AS n FROM (SELECT supplier_order_id FROM fulfilment GROUP BY supplier_order_id HAVING COUNT(*) > 1) d',
    );
    assert.equal(Number(dupes!.n), 0, 'no supplier order has two fulfilments');
  });

  it('recreates the stream and the consumers when the whole stream is deleted; events flow again', async () => {
    const name = consumerName('logistics', ORDER_PAID);
    const restartsBefore = metric(await scrape('logistics'), 'perkmall_event_consumer_restarts_total', {
      consumer: name,
    });
    await js((jsm) => jsm.streams.delete(stream));
    await waitFor(
      'the logistics consumer loop to restart',
      async () =>
        metric(await scrape('logistics'), 'perkmall_event_consumer_restarts_total', { consumer: name }) >
        restartsBefore,
      30_000,
    );
    await js((jsm) =>
      waitFor('the stream and the durable consumer to exist again', () =>
        jsm.consumers.info(stream, name).catch(() => null),
      ),
    );
    const order = await placeOrder(sys, 1, [{ listingId: listing, quantity: 1 }], `js-nostream-${randomUUID()}`);
    const logistics = await sys.orm('logistics');
    await waitFor(
      'the fulfilment of the order paid after the stream came back',
      () => logistics.em.fork().findOne(Fulfilment, { supplierOrderId: Number(order.supplierOrderId) }),
      45_000,
    );
    await js(async (jsm) => {
      const info = await jsm.consumers.info(stream, name);
      assert.ok(info.delivered.stream_seq >= 1);
    });
  });
});
