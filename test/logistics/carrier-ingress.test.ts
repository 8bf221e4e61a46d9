import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../harness';
import { Shipment } from '../../subgraphs/logistics/entities/shipment';
import { TrackingEvent } from '../../subgraphs/logistics/entities/tracking-event';
import { signCallback } from '../../subgraphs/logistics/services/tracking.service';
import { SHIP, at, placeParcelOrder, secretOf, supplierStaff, type CallbackEvent } from './helpers';

describe('carriers reach logistics through the gateway', () => {
  let sys: TestSystem;
  let shipmentId: string;

  /** POSTs to the gateway's public origin (not the logistics process). */
  const viaGateway = async (path: string, raw: string | Buffer, signature: string | null, init: RequestInit = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== null) headers['x-perkmall-signature'] = signature;
    const r = await fetch(`${sys.stack.urls.gateway}${path}`, { method: 'POST', headers, body: raw, ...init });
    return { status: r.status, body: (await r.json()) as any };
  };
  const direct = async (path: string, raw: string, signature: string | null) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== null) headers['x-perkmall-signature'] = signature;
    const r = await fetch(`${sys.stack.urls.logistics}${path}`, { method: 'POST', headers, body: raw });
    return { status: r.status, body: (await r.json()) as any };
  };
  const eventsOf = async (id: string) =>
    (await sys.orm('logistics')).em.fork().find(TrackingEvent, { shipmentId: Number(id) }, { orderBy: { id: 'asc' } });

  before(async () => {
    sys = await startTestSystem();
    const { mall: m, order } = await placeParcelOrder(sys, 'ingress-order-0001');
    const r = await sys.gql(supplierStaff(m.physical.supplierId), SHIP, {
      input: { supplierOrderId: order.supplierOrderId, carrierCode: 'SF', trackingNumber: 'SF3000000001' },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    shipmentId = r.data!.shipSupplierOrder.shipment.id;
  });
  after(async () => {
    await sys?.stop();
  });

  it('passes a signed callback to logistics byte for byte: recorded, and the shipment moves', async () => {
    // Non-ASCII text and unusual spacing: a gateway that re-serialised the JSON would break the HMAC.
    const events: CallbackEvent[] = [
      {
        eventId: 'gw-e1',
        trackingNumber: 'SF3000000001',
        status: 'PICKED_UP',
        occurredAt: at(0),
        location: '杭州 转运中心',
      },
    ];
    const raw = `{ "events" :${JSON.stringify(events, null, 3)}\n}`;
    const r = await viaGateway('/carriers/SF/events', raw, signCallback(secretOf('SF'), raw));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.results, [{ eventId: 'gw-e1', outcome: 'RECORDED' }]);
    const recorded = await eventsOf(shipmentId);
    assert.deepEqual(
      recorded.map((e) => [e.carrierEventId, e.location]),
      [['gw-e1', '杭州 转运中心']],
    );
    assert.equal(
      (await (await sys.orm('logistics')).em.fork().findOneOrFail(Shipment, Number(shipmentId))).status,
      'PICKED_UP',
    );
    // A replay through the gateway is a duplicate, as it is on logistics.
    assert.deepEqual((await viaGateway('/carriers/SF/events', raw, signCallback(secretOf('SF'), raw))).body.results, [
      { eventId: 'gw-e1', outcome: 'DUPLICATE' },
    ]);
  });

  it('refuses badly signed and malformed callbacks with the status and body logistics gives, recording nothing', async () => {
    const raw = JSON.stringify({
      events: [{ eventId: 'gw-bad', trackingNumber: 'SF3000000001', status: 'IN_TRANSIT', occurredAt: at(5) }],
    });
    const malformed = JSON.stringify({
      events: [{ eventId: 'gw-m', trackingNumber: 'SF3000000001', status: 'TELEPORTED', occurredAt: at(6) }],
    });
    const cases: [string, string, string | null][] = [
      ['/carriers/SF/events', raw, null],
      ['/carriers/SF/events', raw, signCallback(secretOf('ZTO'), raw)],
      ['/carriers/SF/events', raw, signCallback(secretOf('SF'), raw + ' ')],
      ['/carriers/NOPE/events', raw, signCallback(secretOf('NOPE'), raw)],
      ['/carriers/SF/events', malformed, signCallback(secretOf('SF'), malformed)],
    ];
    for (const [path, body, signature] of cases) {
      const gw = await viaGateway(path, body, signature);
      const lg = await direct(path, body, signature);
      assert.ok(gw.status === 401 || gw.status === 400, `${path} ${signature}: ${gw.status}`);
      assert.deepEqual(gw, lg, 'the same answer as logistics itself');
    }
    assert.deepEqual(
      (await eventsOf(shipmentId)).map((e) => e.carrierEventId),
      ['gw-e1'],
    );
  });

  it("refuses a body over the limit with 413 and only serves carriers' events paths", async () => {
    const big = JSON.stringify({
      events: [
        {
          eventId: 'gw-big',
          trackingNumber: 'SF3000000001',
          status: 'IN_TRANSIT',
          occurredAt: at(7),
          description: 'x'.repeat(1_100_000),
        },
      ],
    });
    const tooBig = await viaGateway('/carriers/SF/events', big, signCallback(secretOf('SF'), big));
    assert.equal(tooBig.status, 413);
    assert.match(tooBig.body.message, /at most 1048576 bytes/);
    // Without a Content-Length (chunked), the limit is enforced while reading.
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 12; i++) controller.enqueue(Buffer.alloc(100_000, 0x20));
        controller.close();
      },
    });
    const streamed = await viaGateway('/carriers/SF/events', chunked as never, 'sha256=00', {
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.deepEqual(
      (await eventsOf(shipmentId)).map((e) => e.carrierEventId),
      ['gw-e1'],
    );

    for (const path of [
      '/carriers/SF',
      '/carriers/SF/events/extra',
      '/carriers/%2E%2E/events',
      '/carriers/SF%2F..%2Fhealth/events',
    ]) {
      const r = await fetch(`${sys.stack.urls.gateway}${path}`, { method: 'POST', body: '{}' });
      assert.equal(r.status, 404, path);
    }
    assert.equal((await fetch(`${sys.stack.urls.gateway}/carriers/SF/events`)).status, 405);
  });
});
