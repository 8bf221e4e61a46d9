import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { Fulfilment, FulfilmentLine } from '../../subgraphs/logistics/entities/fulfilment';
import { Shipment } from '../../subgraphs/logistics/entities/shipment';
import { bankAdmin, createListing, customer, platform, setStock, setUpMall } from '../orders/helpers';
import {
  MALL,
  ORDER_SHIPMENTS,
  SHIP,
  at,
  fulfilmentOpened,
  placeOrder,
  pushEvents,
  serviceCaller,
  supplierOrderStatus,
  supplierStaff,
  waitFor,
  type PlacedOrder,
} from './helpers';

const SHIPMENTS_OF_SUPPLIER_ORDERS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on SupplierOrder { id shipments { id trackingNumber } fulfilment { status } } } }`;

const CONTRACT = `query($first: Int) { customer { id orders(first: $first) { edges { node { id supplierOrders { id status
  shipments { id trackingNumber status carrier { code name } lines { orderLineId quantity } events { edges { node { status occurredAt location } } } } } } } } } }`;

describe('fulfilment and shipping', () => {
  let sys: TestSystem;
  let listing: string;
  let supplierId: number;
  let otherSupplierId: number;
  let order: PlacedOrder;
  let firstShipment: string;

  const direct = async (
    as: object,
    query: string,
    variables: Record<string, unknown>,
    key: 'gateway' | 'service' = 'gateway',
    requestId = randomUUID(),
  ) => {
    const token = await sys.identityToken(as as never, 'logistics', { key });
    return sys.subgraphRaw(
      'logistics',
      { query, variables },
      { 'x-perkmall-identity': token, 'x-request-id': requestId },
    );
  };
  const shipmentsOfSupplierOrder = async (id: string) =>
    (await sys.orm('logistics')).em.fork().count(Shipment, { supplierOrderId: Number(id) });

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    MALL.id = m.mallId;
    supplierId = m.physical.supplierId;
    otherSupplierId = m.physical2.supplierId !== supplierId ? m.physical2.supplierId : supplierId + 1;
    await setStock(sys, m.physical.id, 1000);
    listing = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(m.physical.id),
      priceMode: 'POINTS',
      pricePoints: 1,
    });
    order = await placeOrder(sys, 1, [{ listingId: listing, quantity: 3 }], 'ship-order-0001');
  });
  after(async () => {
    await sys?.stop();
  });

  it('opens one fulfilment per paid physical supplier order through the orders outbox; a redelivery opens nothing', async () => {
    const f = await fulfilmentOpened(sys, order.supplierOrderId);
    assert.equal(f.status, 'OPEN');
    assert.equal(String(f.orderId), order.orderId);
    assert.equal(f.supplierId, supplierId);
    assert.equal(f.customerId, 1);
    const lines = await (await sys.orm('logistics')).em.fork().find(FulfilmentLine, { fulfilmentId: f.id });
    assert.deepEqual(
      lines.map((l) => [String(l.orderLineId), l.quantity, l.shippedQuantity]),
      [[order.lines[0]!.id, 3, 0]],
    );

    const input = {
      orderId: order.orderId,
      bankId: '1',
      customerId: '1',
      supplierOrders: [
        {
          supplierOrderId: order.supplierOrderId,
          supplierId: String(supplierId),
          lines: [{ orderLineId: order.lines[0]!.id, skuId: '1', quantity: 3, title: 'x' }],
        },
      ],
    };
    const OPEN = 'mutation($i: OpenFulfilmentsInput!) { openFulfilments(input: $i) { opened } }';
    const again = await direct(serviceCaller, OPEN, { i: input }, 'service');
    assert.equal(again.body.errors, undefined, JSON.stringify(again.body.errors));
    assert.equal(again.body.data!.openFulfilments.opened, 0);
    assert.equal(
      await (
        await sys.orm('logistics')
      ).em
        .fork()
        .count(Fulfilment, { supplierOrderId: Number(order.supplierOrderId) }),
      1,
    );
    // Internal: not in the public API, and refused to anyone but a service.
    assert.ok((await sys.gql(platform, OPEN, { i: input })).errors?.length);
    assert.equal(errorCode((await direct(customer(1, 1), OPEN, { i: input })).body), 'FORBIDDEN');
  });

  it('ships part, then the rest: orders follows PARTIALLY_SHIPPED then SHIPPED; the same tracking number again returns the same shipment', async () => {
    const lineId = order.lines[0]!.id;
    const ship = (input: Record<string, unknown>, as: object = supplierStaff(supplierId)) =>
      sys.gql(as as never, SHIP, { input: { supplierOrderId: order.supplierOrderId, ...input } });

    const first = await ship({
      carrierCode: 'sf',
      trackingNumber: 'SF3000000001',
      lines: [{ orderLineId: lineId, quantity: 1 }],
    });
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    const payload = first.data!.shipSupplierOrder;
    firstShipment = payload.shipment.id;
    assert.equal(payload.shipment.status, 'LABEL_CREATED');
    assert.equal(payload.shipment.carrier.code, 'SF');
    assert.deepEqual(payload.shipment.lines, [{ orderLineId: lineId, quantity: 1 }]);
    assert.equal(payload.fulfilment.status, 'PARTIALLY_SHIPPED');
    assert.deepEqual(payload.fulfilment.lines, [{ orderLineId: lineId, quantity: 3, shippedQuantity: 1 }]);

    const retry = await ship({
      carrierCode: 'SF',
      trackingNumber: 'SF3000000001',
      lines: [{ orderLineId: lineId, quantity: 1 }],
    });
    assert.equal(retry.data!.shipSupplierOrder.shipment.id, firstShipment);
    assert.equal(retry.data!.shipSupplierOrder.fulfilment.lines[0].shippedQuantity, 1);
    assert.equal(
      errorCode(
        await ship({
          carrierCode: 'SF',
          trackingNumber: 'SF3000000001',
          lines: [{ orderLineId: lineId, quantity: 2 }],
        }),
      ),
      'CONFLICT',
    );

    // Bad input ships nothing.
    for (const bad of [
      { carrierCode: 'SF', trackingNumber: 'SF3000000009', lines: [{ orderLineId: lineId, quantity: 3 }] }, // only 2 left
      { carrierCode: 'SF', trackingNumber: 'SF3000000009', lines: [{ orderLineId: lineId, quantity: 0 }] },
      { carrierCode: 'SF', trackingNumber: 'SF3000000009', lines: [{ orderLineId: '999999', quantity: 1 }] }, // not this order's line
      {
        carrierCode: 'SF',
        trackingNumber: 'SF3000000009',
        lines: [
          { orderLineId: lineId, quantity: 1 },
          { orderLineId: lineId, quantity: 1 },
        ],
      },
      { carrierCode: 'DHL', trackingNumber: 'SF3000000009' }, // unknown carrier
      { carrierCode: 'SF', trackingNumber: 'no spaces allowed' },
    ]) {
      assert.equal(errorCode(await ship(bad)), 'BAD_USER_INPUT', JSON.stringify(bad));
    }
    assert.equal(await shipmentsOfSupplierOrder(order.supplierOrderId), 1);
    await waitFor(
      'PARTIALLY_SHIPPED in orders',
      async () => (await supplierOrderStatus(sys, order.orderId, order.supplierOrderId)) === 'PARTIALLY_SHIPPED',
    );

    const rest = await ship({ carrierCode: 'JD', trackingNumber: 'JD3000000002' });
    assert.equal(rest.errors, undefined, JSON.stringify(rest.errors));
    assert.deepEqual(rest.data!.shipSupplierOrder.shipment.lines, [{ orderLineId: lineId, quantity: 2 }]);
    assert.equal(rest.data!.shipSupplierOrder.fulfilment.status, 'SHIPPED');
    assert.equal(errorCode(await ship({ carrierCode: 'JD', trackingNumber: 'JD3000000003' })), 'CONFLICT');
    await waitFor(
      'SHIPPED in orders',
      async () => (await supplierOrderStatus(sys, order.orderId, order.supplierOrderId)) === 'SHIPPED',
    );
  });

  it('never ships more units than ordered under concurrent requests', async () => {
    const o = await placeOrder(sys, 2, [{ listingId: listing, quantity: 4 }], 'ship-order-0002');
    await fulfilmentOpened(sys, o.supplierOrderId);
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        sys.gql(supplierStaff(supplierId), SHIP, {
          input: {
            supplierOrderId: o.supplierOrderId,
            carrierCode: 'ZTO',
            trackingNumber: `ZTO40000000${i}`,
            lines: [{ orderLineId: o.lines[0]!.id, quantity: 1 }],
          },
        }),
      ),
    );
    const ok = attempts.filter((r) => !r.errors);
    assert.equal(
      ok.length,
      4,
      JSON.stringify(
        attempts
          .filter((r) => r.errors)
          .map((r) => r.errors![0]!.message)
          .slice(0, 2),
      ),
    );
    assert.ok(attempts.filter((r) => r.errors).every((r) => ['BAD_USER_INPUT', 'CONFLICT'].includes(errorCode(r)!)));
    const em = (await sys.orm('logistics')).em.fork();
    const f = await em.findOneOrFail(Fulfilment, { supplierOrderId: Number(o.supplierOrderId) });
    assert.equal(f.status, 'SHIPPED');
    assert.equal((await em.findOneOrFail(FulfilmentLine, { fulfilmentId: f.id })).shippedQuantity, 4);
    assert.equal(await shipmentsOfSupplierOrder(o.supplierOrderId), 4);
  });

  it("refuses supplier A shipping or seeing supplier B's order (NOT_FOUND) and bank staff shipping at all", async () => {
    const o = await placeOrder(sys, 1, [{ listingId: listing, quantity: 1 }], 'ship-order-0003');
    await fulfilmentOpened(sys, o.supplierOrderId);
    const input = { supplierOrderId: o.supplierOrderId, carrierCode: 'SF', trackingNumber: 'SF5000000001' };
    assert.equal(errorCode(await sys.gql(supplierStaff(otherSupplierId), SHIP, { input })), 'NOT_FOUND');
    assert.equal(
      errorCode(
        await sys.gql({ role: 'SUPPLIER_ADMIN', sub: 'a', supplierId: String(otherSupplierId) }, SHIP, { input }),
      ),
      'NOT_FOUND',
    );
    assert.equal(errorCode(await sys.gql(bankAdmin(1), SHIP, { input })), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(customer(1, 1), SHIP, { input })), 'FORBIDDEN');
    assert.equal(await shipmentsOfSupplierOrder(o.supplierOrderId), 0);
    assert.equal(
      (
        await (
          await sys.orm('logistics')
        ).em
          .fork()
          .findOneOrFail(Fulfilment, { supplierOrderId: Number(o.supplierOrderId) })
      ).status,
      'OPEN',
    );

    // Nor can it see B's shipments, directly or through the SupplierOrder entity.
    assert.equal(
      errorCode(
        await sys.gql(supplierStaff(otherSupplierId), 'query($id: ID!) { shipment(id: $id) { id } }', {
          id: firstShipment,
        }),
      ),
      'NOT_FOUND',
    );
    const refs = { r: [{ __typename: 'SupplierOrder', id: order.supplierOrderId }] };
    const theirs = await direct(supplierStaff(otherSupplierId), SHIPMENTS_OF_SUPPLIER_ORDERS, refs);
    assert.deepEqual(theirs.body.data!._entities[0].shipments, []);
    assert.equal(theirs.body.data!._entities[0].fulfilment, null);
    const own = await direct(supplierStaff(supplierId), SHIPMENTS_OF_SUPPLIER_ORDERS, refs);
    assert.equal(own.body.data!._entities[0].shipments.length, 2);
  });

  it("shows a customer their own shipments and never another customer's; bank staff see only their bank's", async () => {
    const mine = await sys.gql(customer(1, 1), ORDER_SHIPMENTS, { id: order.orderId });
    assert.equal(mine.errors, undefined, JSON.stringify(mine.errors));
    assert.deepEqual(mine.data!.order.supplierOrders[0].shipments.map((s: any) => s.trackingNumber).sort(), [
      'JD3000000002',
      'SF3000000001',
    ]);

    const q = 'query($id: ID!) { shipment(id: $id) { id trackingNumber } }';
    assert.equal((await sys.gql(customer(1, 1), q, { id: firstShipment })).data!.shipment.id, firstShipment);
    assert.equal(errorCode(await sys.gql(customer(1, 2), q, { id: firstShipment })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(customer(2, 1), q, { id: firstShipment })), 'NOT_FOUND'); // same customer id, other bank
    assert.equal(errorCode(await sys.gql(bankAdmin(2), q, { id: firstShipment })), 'NOT_FOUND');
    assert.equal((await sys.gql(bankAdmin(1), q, { id: firstShipment })).data!.shipment.id, firstShipment);
    const refs = { r: [{ __typename: 'SupplierOrder', id: order.supplierOrderId }] };
    assert.deepEqual(
      (await direct(customer(1, 2), SHIPMENTS_OF_SUPPLIER_ORDERS, refs)).body.data!._entities[0].shipments,
      [],
    );
    const shipmentRef = await direct(
      customer(1, 2),
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Shipment { id } } }',
      { r: [{ __typename: 'Shipment', id: firstShipment }] },
    );
    assert.deepEqual(shipmentRef.body.data!._entities, [null]);
  });

  it('serves customer { orders { supplierOrders { shipments { events } } } } with the same SQL statements for 5 and 50 orders', async () => {
    const customerId = 7;
    const placed: PlacedOrder[] = [];
    for (let i = 0; i < 50; i += 5) {
      placed.push(
        ...(await Promise.all(
          Array.from({ length: 5 }, (_, j) =>
            placeOrder(sys, customerId, [{ listingId: listing, quantity: 1 }], `bounded-${i + j}-xxxxxx`),
          ),
        )),
      );
    }
    for (const o of placed) await fulfilmentOpened(sys, o.supplierOrderId);
    for (let i = 0; i < placed.length; i += 5) {
      await Promise.all(
        placed.slice(i, i + 5).map((o, j) =>
          sys
            .gql(supplierStaff(supplierId), SHIP, {
              input: {
                supplierOrderId: o.supplierOrderId,
                carrierCode: 'YTO',
                trackingNumber: `YTO6${String(i + j).padStart(8, '0')}`,
              },
            })
            .then((r) => assert.equal(r.errors, undefined, JSON.stringify(r.errors))),
        ),
      );
    }
    const events = placed.flatMap((_, i) => [
      {
        eventId: `yto-p-${i}`,
        trackingNumber: `YTO6${String(i).padStart(8, '0')}`,
        status: 'PICKED_UP',
        occurredAt: at(i),
        location: '上海',
      },
      {
        eventId: `yto-t-${i}`,
        trackingNumber: `YTO6${String(i).padStart(8, '0')}`,
        status: 'IN_TRANSIT',
        occurredAt: at(i + 60),
      },
    ]);
    const pushed = await pushEvents(sys, 'YTO', events);
    assert.ok(
      pushed.body.results.every((r: any) => r.outcome === 'RECORDED'),
      JSON.stringify(pushed.body).slice(0, 300),
    );

    const counts: Record<number, Record<string, number>> = {};
    for (const first of [5, 50]) {
      const requestId = randomUUID();
      const r = await sys.gql(customer(1, customerId), CONTRACT, { first }, { requestId });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      const orders = r.data!.customer.orders.edges;
      assert.equal(orders.length, first);
      for (const { node } of orders) {
        const [shipment] = node.supplierOrders[0].shipments;
        assert.equal(shipment.status, 'IN_TRANSIT');
        assert.equal(shipment.carrier.code, 'YTO');
        assert.deepEqual(
          shipment.events.edges.map((e: any) => e.node.status),
          ['PICKED_UP', 'IN_TRANSIT'],
        );
      }
      counts[first] = {
        orders: await sys.statements('orders', requestId),
        logistics: await sys.statements('logistics', requestId),
      };
    }
    assert.deepEqual(counts[5], counts[50]);
    // shipments, carriers, shipment lines, tracking events: one statement each.
    assert.ok(counts[50]!.logistics <= 4, `logistics ran ${counts[50]!.logistics}`);
  });
});
