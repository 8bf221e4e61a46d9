/**
 * The joins the design contract says the supergraph must serve in one query, each run for a page
 * of 5 and a page of 50 over real orders (placed by checkout, shipped by the supplier, tracked by
 * carrier callbacks, nearly every order a different SKU), counting the SQL statements of every subgraph.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SUBGRAPH_NAMES } from '../../core/config';
import { startTestSystem, type TestSystem } from '../harness';
import { Sku, SkuKind, SkuStatus } from '../../subgraphs/catalog/entities/sku';
import { createListing, setStock, setUpMall } from '../orders/helpers';
import { customer, supplierAdmin } from '../principals';
import { MALL, SHIP, at, fulfilmentOpened, placeOrder, pushEvents, supplierStaff } from '../logistics/helpers';

const ORDERS = 55;
const CUSTOMER_ID = 4;

const CUSTOMER_QUERY = `query($n: Int) { customer { id points { redeemable tier } orders(first: $n) { edges { node { id
  lines { quantity sku { title brand { name } } }
  supplierOrders { status shipments { trackingNumber carrier { name } events { edges { node { status location } } } } } } } } } }`;

const SUPPLIER_QUERY = `query($id: ID!, $n: Int) { supplier(id: $id) { name supplierOrders(status: PAID, first: $n) { edges { node { id
  order { shippingAddress { city } } lines { quantity sku { title } } } } } } }`;

type Counts = Record<string, number>;

describe('the contract queries cost the same statements for 5 and 50 items, in every subgraph', () => {
  let sys: TestSystem;
  let supplierId: number;
  const placed: { supplierOrderId: string; lineId: string; sku: string }[] = [];

  const measure = async (
    as: Parameters<TestSystem['gql']>[0],
    query: string,
    variables: Record<string, unknown>,
  ): Promise<{ data: any; counts: Counts }> => {
    const requestId = randomUUID();
    const r = await sys.gql(as, query, variables, { requestId });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const counts: Counts = {};
    for (const name of SUBGRAPH_NAMES) counts[name] = await sys.statements(name, requestId);
    return { data: r.data, counts };
  };

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    MALL.id = m.mallId;
    supplierId = m.physical.supplierId;
    const skus = await (
      await sys.orm('catalog')
    ).em
      .fork()
      .find(
        Sku,
        { supplierId, kind: SkuKind.PHYSICAL, status: SkuStatus.ACTIVE },
        { orderBy: { id: 'ASC' }, limit: ORDERS },
      );
    assert.ok(skus.length >= 40, `supplier ${supplierId} has ${skus.length} physical SKUs`);
    const listings: { id: string; sku: Sku }[] = [];
    for (const sku of skus) {
      await setStock(sys, sku.id, 10);
      listings.push({
        id: await createListing(sys, { mallId: m.mallId, skuId: String(sku.id), priceMode: 'POINTS', pricePoints: 1 }),
        sku,
      });
    }
    for (let i = 0; i < ORDERS; i++) {
      const l = listings[i % listings.length]!;
      const order = await placeOrder(
        sys,
        CUSTOMER_ID,
        [{ listingId: l.id, quantity: 1 }],
        `contract-${String(i).padStart(4, '0')}`,
      );
      placed.push({ supplierOrderId: order.supplierOrderId, lineId: order.lines[0]!.id, sku: l.sku.title });
    }
  });
  after(async () => {
    await sys?.stop();
  });

  it('supplier { supplierOrders(status: PAID) { order { shippingAddress } lines { sku { title } } } }', async () => {
    const five = await measure(supplierAdmin(supplierId), SUPPLIER_QUERY, { id: String(supplierId), n: 5 });
    const fifty = await measure(supplierAdmin(supplierId), SUPPLIER_QUERY, { id: String(supplierId), n: 50 });
    assert.equal(fifty.data.supplier.supplierOrders.edges.length, 50);
    const titles = new Set(fifty.data.supplier.supplierOrders.edges.map((e: any) => e.node.lines[0].sku.title));
    assert.ok(titles.size >= 40, `distinct SKUs on the page: ${titles.size}`);
    assert.deepEqual(five.counts, fifty.counts);
  });

  it('customer { points orders { lines { sku } supplierOrders { shipments { carrier events } } } }', async () => {
    // Ship every order and have the carrier report two events for each parcel, in one signed callback.
    const events = [];
    for (const [i, p] of placed.entries()) {
      await fulfilmentOpened(sys, p.supplierOrderId);
      const trackingNumber = `SF9${String(i).padStart(9, '0')}`;
      const r = await sys.gql(supplierStaff(supplierId), SHIP, {
        input: { supplierOrderId: p.supplierOrderId, carrierCode: 'SF', trackingNumber },
      });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      events.push({ eventId: `c-${i}-1`, trackingNumber, status: 'PICKED_UP', occurredAt: at(i), location: '深圳' });
      events.push({
        eventId: `c-${i}-2`,
        trackingNumber,
        status: 'IN_TRANSIT',
        occurredAt: at(i + 30),
        location: '杭州',
      });
    }
    for (let i = 0; i < events.length; i += 100) {
      const pushed = await pushEvents(sys, 'SF', events.slice(i, i + 100));
      assert.equal(pushed.status, 200, JSON.stringify(pushed.body));
      assert.ok(pushed.body.results.every((r: any) => r.outcome === 'RECORDED'));
    }

    const five = await measure(customer(1, CUSTOMER_ID), CUSTOMER_QUERY, { n: 5 });
    const fifty = await measure(customer(1, CUSTOMER_ID), CUSTOMER_QUERY, { n: 50 });
    const edges = fifty.data.customer.orders.edges;
    assert.equal(edges.length, 50);
    assert.ok(typeof fifty.data.customer.points.redeemable === 'number');
    for (const { node } of edges) {
      assert.ok(node.lines[0].sku.title && node.lines[0].sku.brand.name);
      const [so] = node.supplierOrders;
      assert.equal(so.shipments.length, 1);
      assert.equal(so.shipments[0].carrier.name, '顺丰速运');
      assert.deepEqual(
        so.shipments[0].events.edges.map((e: any) => e.node.status),
        ['PICKED_UP', 'IN_TRANSIT'],
      );
    }
    assert.ok(new Set(edges.map((e: any) => e.node.lines[0].sku.title)).size >= 40);
    assert.deepEqual(five.counts, fifty.counts);
    for (const name of SUBGRAPH_NAMES)
      assert.ok(
        fifty.counts[name]! <= 8,
        `${name} ran ${fifty.counts[name]} statements: ${JSON.stringify(fifty.counts)}`,
      );
  });
});
