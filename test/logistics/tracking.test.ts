import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../harness';
import { Shipment } from '../../subgraphs/logistics/entities/shipment';
import { TrackingEvent } from '../../subgraphs/logistics/entities/tracking-event';
import { signCallback } from '../../subgraphs/logistics/services/tracking.service';
import { bankAdmin, createListing, customer, setStock, setUpMall } from '../orders/helpers';
import {
  MALL,
  ORDER_SHIPMENTS,
  SHIP,
  at,
  fulfilmentOpened,
  placeOrder,
  pushEvents,
  supplierOrderStatus,
  supplierStaff,
  waitFor,
  type PlacedOrder,
} from './helpers';

const STATEMENTS = `query($s: ID!) { settlementStatements(bankId: "1", supplierId: $s) { edges { node { id totalFen
  lines(first: 100) { edges { node { orderId orderLineId quantity amountFen kind } } } } } } }`;

describe('carrier tracking callbacks', () => {
  let sys: TestSystem;
  let supplierId: number;
  let supplierPriceFen: number;
  let order: PlacedOrder;
  let firstShipment: string;
  let secondShipment: string;

  const eventCount = async () => (await sys.orm('logistics')).em.fork().count(TrackingEvent, {});
  const shipmentOf = async (id: string) => (await sys.orm('logistics')).em.fork().findOneOrFail(Shipment, Number(id));
  const settlementFor = async (orderId: string) => {
    const r = await sys.gql(bankAdmin(1), STATEMENTS, { s: String(supplierId) });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const statements = r.data!.settlementStatements.edges.map((e: any) => e.node);
    const lines = statements
      .flatMap((s: any) => s.lines.edges.map((e: any) => e.node))
      .filter((l: any) => l.orderId === orderId);
    const total = statements.reduce((sum: number, s: any) => sum + s.totalFen, 0);
    return { lines, total };
  };

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    MALL.id = m.mallId;
    supplierId = m.physical.supplierId;
    supplierPriceFen = m.physical.supplierPriceFen;
    await setStock(sys, m.physical.id, 100);
    const listing = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(m.physical.id),
      priceMode: 'POINTS',
      pricePoints: 100,
    });
    order = await placeOrder(sys, 1, [{ listingId: listing, quantity: 3 }], 'track-order-0001');
    await fulfilmentOpened(sys, order.supplierOrderId);
    const ship = async (carrierCode: string, trackingNumber: string, quantity: number) => {
      const r = await sys.gql(supplierStaff(supplierId), SHIP, {
        input: {
          supplierOrderId: order.supplierOrderId,
          carrierCode,
          trackingNumber,
          lines: [{ orderLineId: order.lines[0]!.id, quantity }],
        },
      });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      return r.data!.shipSupplierOrder.shipment.id as string;
    };
    firstShipment = await ship('SF', 'SF1000000001', 2);
    secondShipment = await ship('ZTO', 'ZTO200000002', 1);
  });
  after(async () => {
    await sys?.stop();
  });

  it('refuses a callback with a missing or bad signature (401) and records nothing', async () => {
    const events = [{ eventId: 'sf-e1', trackingNumber: 'SF1000000001', status: 'PICKED_UP', occurredAt: at(0) }];
    const refused = [
      await pushEvents(sys, 'SF', events, { signature: null }), // missing
      await pushEvents(sys, 'SF', events, { signature: 'sha256=' + '0'.repeat(64) }), // wrong
      await pushEvents(sys, 'SF', events, { secret: 'dev-callback-secret-zto' }), // another carrier's secret
      await pushEvents(sys, 'SF', events, { signature: 'sha256=nothex' }), // malformed
      await pushEvents(sys, 'SF', events, {
        signature: await pushEventsSignature('SF', [{ ...events[0]!, status: 'DELIVERED' }]),
      }), // signed another body
      await pushEvents(sys, 'NOPE', events, { secret: 'dev-callback-secret-nope' }), // unknown carrier
    ];
    for (const r of refused) {
      assert.equal(r.status, 401, JSON.stringify(r.body));
      assert.equal(r.body.error, 'UNAUTHENTICATED');
    }
    assert.equal(await eventCount(), 0);
    assert.equal((await shipmentOf(firstShipment)).status, 'LABEL_CREATED');
  });

  it('refuses a malformed body (400) even when signed, recording nothing; unknown tracking numbers are reported, not recorded', async () => {
    const bad = await pushEvents(sys, 'SF', [
      { eventId: 'sf-x1', trackingNumber: 'SF1000000001', status: 'PICKED_UP', occurredAt: at(0) },
      { eventId: 'sf-x2', trackingNumber: 'SF1000000001', status: 'TELEPORTED', occurredAt: at(1) },
    ]);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.problems[0].index, 1);
    assert.equal((await pushEvents(sys, 'SF', '{not json')).status, 400);
    const unknown = await pushEvents(sys, 'SF', [
      { eventId: 'sf-u1', trackingNumber: 'SF9999999999', status: 'PICKED_UP', occurredAt: at(0) },
    ]);
    assert.equal(unknown.status, 200);
    assert.deepEqual(unknown.body.results, [{ eventId: 'sf-u1', outcome: 'UNKNOWN_SHIPMENT' }]);
    assert.equal(await eventCount(), 0);
  });

  it('records a replayed event once', async () => {
    const e = {
      eventId: 'sf-e1',
      trackingNumber: 'SF1000000001',
      status: 'PICKED_UP',
      occurredAt: at(0),
      location: '杭州转运中心',
    };
    const first = await pushEvents(sys, 'SF', [e]);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(first.body.results, [{ eventId: 'sf-e1', outcome: 'RECORDED' }]);
    const replays = await Promise.all([pushEvents(sys, 'SF', [e]), pushEvents(sys, 'SF', [e, e])]);
    for (const r of replays)
      assert.ok(
        r.body.results.every((x: any) => x.outcome === 'DUPLICATE'),
        JSON.stringify(r.body),
      );
    assert.equal(await eventCount(), 1);
    assert.equal((await shipmentOf(firstShipment)).status, 'PICKED_UP');
  });

  it('never moves the status backwards when events arrive out of order; EXCEPTION shows only while it is the newest news', async () => {
    const sf = (eventId: string, status: string, minutes: number) => ({
      eventId,
      trackingNumber: 'SF1000000001',
      status,
      occurredAt: at(minutes),
    });
    await pushEvents(sys, 'SF', [sf('sf-e3', 'OUT_FOR_DELIVERY', 30)]);
    assert.equal((await shipmentOf(firstShipment)).status, 'OUT_FOR_DELIVERY');
    // Late arrivals from earlier in the journey are history, not status.
    const late = await pushEvents(sys, 'SF', [sf('sf-e2', 'IN_TRANSIT', 10), sf('sf-e0', 'PICKED_UP', 1)]);
    assert.ok(late.body.results.every((x: any) => x.outcome === 'RECORDED'));
    assert.equal((await shipmentOf(firstShipment)).status, 'OUT_FOR_DELIVERY');
    // An exception older than the current status does not show; a newer one does; newer progress clears it, forward only.
    await pushEvents(sys, 'SF', [sf('sf-x-old', 'EXCEPTION', 20)]);
    assert.equal((await shipmentOf(firstShipment)).status, 'OUT_FOR_DELIVERY');
    await pushEvents(sys, 'SF', [sf('sf-x-new', 'EXCEPTION', 40)]);
    assert.equal((await shipmentOf(firstShipment)).status, 'EXCEPTION');
    await pushEvents(sys, 'SF', [sf('sf-e4', 'IN_TRANSIT', 50)]);
    assert.equal((await shipmentOf(firstShipment)).status, 'OUT_FOR_DELIVERY');
    // The customer sees the whole history in the order it happened.
    const r = await sys.gql(customer(1, 1), ORDER_SHIPMENTS, { id: order.orderId });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const shipment = r.data!.order.supplierOrders[0].shipments.find((s: any) => s.id === firstShipment);
    assert.deepEqual(
      shipment.events.edges.map((e: any) => e.node.carrierEventId),
      ['sf-e1', 'sf-e0', 'sf-e2', 'sf-x-old', 'sf-e3', 'sf-x-new', 'sf-e4'],
    );
    assert.equal(shipment.events.edges[0].node.location, '杭州转运中心');
  });

  it('makes a supplier order eligible for settlement in orders once every unit is shipped and every shipment delivered', async () => {
    const expected = 3 * supplierPriceFen;
    await waitFor(
      'SHIPPED in orders',
      async () => (await supplierOrderStatus(sys, order.orderId, order.supplierOrderId)) === 'SHIPPED',
    );
    const before = await settlementFor(order.orderId);
    assert.deepEqual(before.lines, []);

    // One of two parcels delivered: not yet.
    const d1 = await pushEvents(sys, 'SF', [
      { eventId: 'sf-d', trackingNumber: 'SF1000000001', status: 'DELIVERED', occurredAt: at(60) },
    ]);
    assert.equal(d1.body.results[0].outcome, 'RECORDED');
    assert.equal((await shipmentOf(firstShipment)).status, 'DELIVERED');
    await new Promise((r) => setTimeout(r, 2500)); // two relay passes
    assert.equal(await supplierOrderStatus(sys, order.orderId, order.supplierOrderId), 'SHIPPED');
    assert.deepEqual((await settlementFor(order.orderId)).lines, []);

    // The second parcel, delivered out of order (DELIVERED before its earlier scans).
    await pushEvents(sys, 'ZTO', [
      { eventId: 'zto-d', trackingNumber: 'ZTO200000002', status: 'DELIVERED', occurredAt: at(90) },
    ]);
    await pushEvents(sys, 'ZTO', [
      { eventId: 'zto-p', trackingNumber: 'ZTO200000002', status: 'IN_TRANSIT', occurredAt: at(70) },
    ]);
    assert.equal((await shipmentOf(secondShipment)).status, 'DELIVERED');
    await waitFor(
      'DELIVERED in orders',
      async () => (await supplierOrderStatus(sys, order.orderId, order.supplierOrderId)) === 'DELIVERED',
    );
    const after = await settlementFor(order.orderId);
    assert.equal(after.lines.length, 1);
    assert.equal(after.lines[0].amountFen, expected);
    assert.equal(after.lines[0].quantity, 3);
    assert.equal(after.total - before.total, expected);

    // Replays of the deliveries change nothing anywhere.
    const replay = await pushEvents(sys, 'ZTO', [
      { eventId: 'zto-d', trackingNumber: 'ZTO200000002', status: 'DELIVERED', occurredAt: at(90) },
    ]);
    assert.equal(replay.body.results[0].outcome, 'DUPLICATE');
    await new Promise((r) => setTimeout(r, 1500));
    const again = await settlementFor(order.orderId);
    assert.equal(again.total, after.total);
    assert.equal(again.lines.length, 1);
  });
});

async function pushEventsSignature(code: string, events: object[]): Promise<string> {
  return signCallback(`dev-callback-secret-${code.toLowerCase()}`, JSON.stringify({ events }));
}
