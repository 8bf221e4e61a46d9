import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../harness';
import { customer } from '../orders/helpers';
import { placeParcelOrder, type PlacedOrder } from '../logistics/helpers';

/** Order fields from orders, its supplier orders' fulfilment (nullable) from logistics. */
const ORDER_WITH_FULFILMENT = `query($id: ID!) { order(id: $id) { id status supplierOrders { id status fulfilment { status } } } }`;

describe('the gateway while a subgraph is down', () => {
  let sys: TestSystem;
  let order: PlacedOrder;

  before(async () => {
    sys = await startTestSystem();
    ({ order } = await placeParcelOrder(sys, 'down-order-0001'));
  });
  after(async () => {
    await sys?.stop();
  });

  it("answers the fields of the running subgraphs, nulls the missing one's with a SERVICE_UNAVAILABLE error naming it, and recovers when it is back", async () => {
    const up = await sys.gql(customer(1, 1), ORDER_WITH_FULFILMENT, { id: order.orderId });
    assert.equal(up.errors, undefined, JSON.stringify(up.errors));
    assert.ok(up.data!.order.supplierOrders[0].fulfilment.status);

    await sys.stack.stopComponent('logistics');
    try {
      const down = await sys.gql(customer(1, 1), ORDER_WITH_FULFILMENT, { id: order.orderId });
      assert.equal(down.data!.order.id, order.orderId, 'orders still answers');
      assert.equal(down.data!.order.status, up.data!.order.status);
      assert.equal(down.data!.order.supplierOrders[0].status, up.data!.order.supplierOrders[0].status);
      assert.equal(down.data!.order.supplierOrders[0].fulfilment, null);
      assert.equal(down.errors?.length, 1, JSON.stringify(down.errors));
      const [error] = down.errors!;
      assert.equal(error!.extensions?.code, 'SERVICE_UNAVAILABLE');
      assert.equal(error!.extensions?.service, 'logistics');
      assert.match(error!.message, /logistics service is unavailable/);
      const text = JSON.stringify(down.errors);
      assert.doesNotMatch(text, /ECONNREFUSED|fetch failed|127\.0\.0\.1|http:|stacktrace/i, 'no internals');

      // A query that needs nothing from logistics is not affected at all.
      const other = await sys.gql(customer(1, 1), 'query($id: ID!) { order(id: $id) { id status } }', {
        id: order.orderId,
      });
      assert.equal(other.errors, undefined);
    } finally {
      await sys.stack.startComponent('logistics');
    }
    const again = await sys.gql(customer(1, 1), ORDER_WITH_FULFILMENT, { id: order.orderId });
    assert.equal(again.errors, undefined, JSON.stringify(again.errors));
    assert.deepEqual(again.data, up.data);
  });
});
