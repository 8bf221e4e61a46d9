import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { Fulfilment, FulfilmentLine, FulfilmentStatus } from '../../subgraphs/logistics/entities/fulfilment';
import { SupplierOrder } from '../../subgraphs/orders/entities/supplier-order';
import { bankAdmin, customer } from '../orders/helpers';
import {
  SHIP,
  placeOpenedOrder,
  setUpParcelMall,
  supplierOrderStatus,
  supplierStaff,
  waitFor,
  type PlacedOrder,
} from './helpers';

const ORDERS = `query($id: ID!, $filter: SupplierOrderFilterInput, $first: Int, $after: String) {
  supplier(id: $id) { supplierOrders(filter: $filter, first: $first, after: $after) {
    edges { node { id status createdAt order { id } } } pageInfo { hasNextPage endCursor } } } }`;
const PICK = `query($id: ID!, $filter: PickListFilterInput, $first: Int) {
  supplierPickList(supplierId: $id, filter: $filter, first: $first) {
    skus units orders truncated lines { sku { id } title units orders } } }`;
const PICK_WITH_CODES = `query($id: ID!, $filter: PickListFilterInput) { supplierPickList(supplierId: $id, filter: $filter) { lines { sku { id code } units orders } } }`;

const day = (d: number) => new Date(Date.UTC(2026, 10, d, 3, 0, 0));

describe('shipping filters and the server-side pick list', () => {
  let sys: TestSystem;
  let supplierId: number;
  let skuId: number;
  const orders: PlacedOrder[] = [];
  /** Fixture fulfilments (logistics only) placed in 2020: 150 orders over 10 SKUs. */
  const BULK = 150;
  const bulkUnits = new Map<number, { units: number; orders: number }>();
  let bulkOrderId = 0;

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpParcelMall(sys, { priceMode: 'POINTS', pricePoints: 1 }, 1000);
    supplierId = m.supplierId;
    skuId = m.skuId;
    // Five paid orders of 2..6 units, placed (as far as both subgraphs know) on 2 to 6 November.
    for (let i = 0; i < 5; i++)
      orders.push(
        await placeOpenedOrder(sys, 1, [{ listingId: m.listing, quantity: i + 2 }], `pick-${i}-${randomUUID()}`),
      );
    const oem = (await sys.orm('orders')).em.fork();
    const lem = (await sys.orm('logistics')).em.fork();
    for (const [i, o] of orders.entries()) {
      await oem.nativeUpdate(SupplierOrder, { id: Number(o.supplierOrderId) }, { createdAt: day(i + 2) });
      await lem.nativeUpdate(Fulfilment, { supplierOrderId: Number(o.supplierOrderId) }, { placedAt: day(i + 2) });
    }
    // The first ships 1 of its 2 units: PARTIALLY_SHIPPED in both subgraphs.
    const shipped = await sys.gql(supplierStaff(supplierId), SHIP, {
      input: {
        supplierOrderId: orders[0]!.supplierOrderId,
        carrierCode: 'sf',
        trackingNumber: 'SF7700000001',
        lines: [{ orderLineId: orders[0]!.lines[0]!.id, quantity: 1 }],
      },
    });
    assert.equal(shipped.errors, undefined, JSON.stringify(shipped.errors));
    await waitFor('orders to follow the partial shipment', async () =>
      (await supplierOrderStatus(sys, orders[0]!.orderId, orders[0]!.supplierOrderId)) === 'PARTIALLY_SHIPPED'
        ? true
        : null,
    );
    // 150 fixture fulfilments of the same supplier in 2020, each with two lines of 10 SKUs.
    bulkOrderId = 9_000_000;
    for (let i = 0; i < BULK; i++) {
      const f = lem.create(Fulfilment, {
        supplierOrderId: 8_000_000 + i,
        orderId: bulkOrderId + i,
        bankId: 1,
        customerId: 1,
        supplierId,
        status: i % 3 === 0 ? FulfilmentStatus.PARTIALLY_SHIPPED : FulfilmentStatus.OPEN,
        openedAt: new Date(Date.UTC(2020, 0, 1 + (i % 28))),
        placedAt: new Date(Date.UTC(2020, 0, 1 + (i % 28))),
      });
      await lem.flush();
      for (const k of [0, 1]) {
        const sku = 700_000 + ((i + k * 3) % 10);
        const quantity = 1 + ((i + k) % 4);
        const shippedQuantity = i % 3 === 0 && k === 0 ? 1 : 0;
        lem.create(FulfilmentLine, {
          fulfilmentId: f.id,
          orderLineId: 7_000_000 + i * 2 + k,
          skuId: sku,
          title: `Fixture ${sku}`,
          quantity,
          shippedQuantity,
          withdrawnQuantity: 0,
        });
        const left = quantity - shippedQuantity;
        if (left > 0) {
          const b = bulkUnits.get(sku) ?? { units: 0, orders: 0 };
          b.units += left;
          b.orders += 1;
          bulkUnits.set(sku, b);
        }
      }
    }
    await lem.flush();
  });
  after(async () => {
    await sys?.stop();
  });

  it('supplierOrders narrows by statuses and when placed, keyset paged one at a time', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: { data?: any; errors?: unknown } = await sys.gql(supplierStaff(supplierId), ORDERS, {
        id: String(supplierId),
        filter: {
          statuses: ['PAID', 'PARTIALLY_SHIPPED'],
          createdFrom: day(3).toISOString(),
          createdTo: day(6).toISOString(),
        },
        first: 1,
        after,
      });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      const c = r.data!.supplier.supplierOrders;
      assert.ok(c.edges.length <= 1);
      ids.push(...c.edges.map((e: any) => e.node.id));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    // Placed on 3, 4 and 5 November (6 November is the end, not included), newest first.
    assert.deepEqual(
      ids,
      [orders[3]!, orders[2]!, orders[1]!].map((o) => o.supplierOrderId),
    );

    const partly = await sys.gql(supplierStaff(supplierId), ORDERS, {
      id: String(supplierId),
      filter: { statuses: ['PARTIALLY_SHIPPED'] },
    });
    assert.deepEqual(
      partly.data!.supplier.supplierOrders.edges.map((e: any) => e.node.id),
      [orders[0]!.supplierOrderId],
    );
    const byNumber = await sys.gql(supplierStaff(supplierId), ORDERS, {
      id: String(supplierId),
      filter: { orderId: ` ${orders[4]!.orderId} ` },
    });
    assert.deepEqual(
      byNumber.data!.supplier.supplierOrders.edges.map((e: any) => [e.node.id, e.node.order.id]),
      [[orders[4]!.supplierOrderId, orders[4]!.orderId]],
    );
  });

  it('the pick list sums the units still to ship over every matching order, not one page', async () => {
    const r = await sys.gql(supplierStaff(supplierId), PICK, {
      id: String(supplierId),
      filter: { placedFrom: day(1).toISOString(), placedTo: day(10).toISOString() },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    // 2 − 1 shipped, then 3 + 4 + 5 + 6 units of the one SKU over five orders.
    assert.deepEqual(r.data!.supplierPickList, {
      skus: 1,
      units: 19,
      orders: 5,
      truncated: false,
      lines: [{ sku: { id: String(skuId) }, title: r.data!.supplierPickList.lines[0].title, units: 19, orders: 5 }],
    });
    const partly = await sys.gql(supplierStaff(supplierId), PICK, {
      id: String(supplierId),
      filter: { status: 'PARTIALLY_SHIPPED', placedFrom: day(1).toISOString() },
    });
    assert.equal(partly.errors, undefined, JSON.stringify(partly.errors));
    assert.deepEqual(
      partly.data!.supplierPickList.lines.map((l: any) => [l.units, l.orders]),
      [[1, 1]],
    );
    const one = await sys.gql(supplierStaff(supplierId), PICK, {
      id: String(supplierId),
      filter: { orderId: orders[2]!.orderId },
    });
    assert.deepEqual(
      one.data!.supplierPickList.lines.map((l: any) => [l.units, l.orders]),
      [[4, 1]],
    );
    const codes = await sys.gql(supplierStaff(supplierId), PICK_WITH_CODES, {
      id: String(supplierId),
      filter: { placedFrom: day(1).toISOString() },
    });
    assert.equal(codes.errors, undefined, JSON.stringify(codes.errors));
    const line = codes.data!.supplierPickList.lines.find((l: any) => l.sku.id === String(skuId));
    assert.ok(line && typeof line.sku.code === 'string' && line.sku.code.length > 0, JSON.stringify(codes.data));
  });

  it('over 150 fixture orders: SKUs by units, capped by `first` with `truncated`', async () => {
    const expected = [...bulkUnits.entries()]
      .map(([sku, b]) => ({ sku: String(sku), ...b }))
      .sort((a, b) => b.units - a.units || Number(a.sku) - Number(b.sku));
    const filter = { placedFrom: '2020-01-01T00:00:00Z', placedTo: '2020-02-01T00:00:00Z' };
    const r = await sys.gql(supplierStaff(supplierId), PICK, { id: String(supplierId), filter, first: 4 });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const p = r.data!.supplierPickList;
    assert.equal(p.skus, 10);
    assert.equal(p.orders, BULK);
    assert.equal(
      p.units,
      expected.reduce((s, e) => s + e.units, 0),
    );
    assert.equal(p.truncated, true);
    assert.deepEqual(
      p.lines.map((l: any) => ({ sku: l.sku.id, units: l.units, orders: l.orders })),
      expected.slice(0, 4),
    );
    const all = await sys.gql(supplierStaff(supplierId), PICK, { id: String(supplierId), filter, first: 10 });
    assert.equal(all.data!.supplierPickList.truncated, false);
    assert.equal(all.data!.supplierPickList.lines.length, 10);
  });

  it('SQL statements in logistics stay flat: one order or 150 orders', async () => {
    const counts: number[] = [];
    for (const filter of [
      { orderId: String(bulkOrderId) },
      { placedFrom: '2020-01-01T00:00:00Z', placedTo: '2020-02-01T00:00:00Z' },
    ]) {
      const id = randomUUID();
      const r = await sys.gql(supplierStaff(supplierId), PICK, { id: String(supplierId), filter }, { requestId: id });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      assert.ok(r.data!.supplierPickList.orders >= 1);
      counts.push(await sys.statements('logistics', id));
    }
    assert.equal(counts[0], counts[1], `statements for 1 and 150 orders: ${counts.join(', ')}`);
    assert.ok(counts[1]! <= 2, `statements: ${counts[1]}`);
  });

  it('another supplier sees neither the list nor the pick list; customers and banks are refused', async () => {
    const other = supplierStaff(supplierId + 1000);
    assert.equal(errorCode(await sys.gql(other, PICK, { id: String(supplierId) })), 'NOT_FOUND');
    const list = await sys.gql(other, ORDERS, { id: String(supplierId), filter: { statuses: ['PAID'] } });
    assert.ok(['NOT_FOUND', 'FORBIDDEN'].includes(errorCode(list)!), JSON.stringify(list));
    // Its own (empty) pick list is empty, not someone else's.
    const own = await sys.gql(other, PICK, { id: String(supplierId + 1000) });
    assert.equal(own.errors, undefined, JSON.stringify(own.errors));
    assert.deepEqual(own.data!.supplierPickList, { skus: 0, units: 0, orders: 0, truncated: false, lines: [] });
    assert.equal(errorCode(await sys.gql(customer(1, 1), PICK, { id: String(supplierId) })), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(bankAdmin(1), PICK, { id: String(supplierId) })), 'FORBIDDEN');
  });

  it('refuses bad ranges, order numbers, status lists and sizes with BAD_USER_INPUT', async () => {
    const as = supplierStaff(supplierId);
    const id = String(supplierId);
    for (const filter of [
      { createdFrom: day(5).toISOString(), createdTo: day(5).toISOString() },
      { createdFrom: day(6).toISOString(), createdTo: day(5).toISOString() },
      { orderId: '12a' },
      { orderId: '0' },
      { orderId: '1'.repeat(21) },
      { statuses: [] },
    ]) {
      const r = await sys.gql(as, ORDERS, { id, filter });
      assert.equal(errorCode(r), 'BAD_USER_INPUT', JSON.stringify(filter));
    }
    for (const [filter, first] of [
      [{ placedFrom: day(6).toISOString(), placedTo: day(5).toISOString() }, null],
      [{ orderId: '-3' }, null],
      [{ orderId: 'x'.repeat(21) }, null],
      [null, 0],
      [null, 501],
    ] as const) {
      const r = await sys.gql(as, PICK, { id, filter, first });
      assert.equal(errorCode(r), 'BAD_USER_INPUT', JSON.stringify({ filter, first }));
    }
  });
});
