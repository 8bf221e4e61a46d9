import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import type { Principal } from '../../core/identity';
import { customer, markShipped, platform, pointsOf, stockOf } from './helpers';
import { bankAdmin, bankOperator, supplierStaff } from '../principals';
import { SHIP, placeOpenedOrder, setUpParcelMall, supplierOrderStatus, waitFor } from '../logistics/helpers';

const CANCEL = `mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { id status cancelledBy
  refunds { cause requestedBy pointsRefunded } } }`;
const REQUEST = 'mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id state cause requestedBy reason } }';
const ADDRESS_CHANGE = `mutation($i: ChangeShippingAddressInput!) { changeShippingAddress(input: $i) { id
  shippingAddress { recipient phone province city district detail } shippingAddressChangedBy shippingAddressChangedAt } }`;
const WITHDRAW = 'mutation($i: WithdrawUnshippedUnitsInput!) { withdrawUnshippedUnits(input: $i) { id } }';
const ORDER = `query($id: ID!) { order(id: $id) { id status cancelledBy shippingAddressChangedBy
  shippingAddress { recipient detail } refunds { cause requestedBy } } }`;
const TRAIL = `query($f: AuditTrailFilterInput) { auditTrail(filter: $f, first: 100) { edges { node {
  actorRole actorId onBehalfOfCustomerId bankId operation targetType changes { field after } } } } }`;

const NEW_ADDRESS = {
  recipient: '李四',
  phone: '13900000000',
  province: '江苏省',
  city: '南京市',
  district: '玄武区',
  detail: '中山路 8 号',
};

describe("a bank's customer service acts for its customer", () => {
  let sys: TestSystem;
  let listing: string;
  let skuId: number;
  let supplierId: number;

  before(async () => {
    sys = await startTestSystem();
    ({ listing, skuId, supplierId } = await setUpParcelMall(sys, { priceMode: 'POINTS', pricePoints: 300 }));
  });
  after(async () => {
    await sys?.stop();
  });

  /** The audit entries of one request, once staff has them (the platform reads them). */
  async function trailOf(requestId: string) {
    return waitFor(`audit entries of request ${requestId}`, async () => {
      const r = await sys.gql(platform, TRAIL, { f: { requestId } });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      const nodes = r.data!.auditTrail.edges.map((e: { node: unknown }) => e.node);
      return nodes.length
        ? (nodes as { actorId: string; onBehalfOfCustomerId: string | null; targetType: string }[])
        : null;
    });
  }

  it('an agent cancels a paid order for the customer: refunded, the customer sees customer service did it, the audit names both', async () => {
    const points = await pointsOf(sys, 12);
    const stock = await stockOf(sys, skuId);
    const order = await placeOpenedOrder(sys, 12, [{ listingId: listing, quantity: 2 }], 'agent-cancel-1');
    const requestId = randomUUID();
    const r = await sys.gql(
      bankOperator(1),
      CANCEL,
      { i: { orderId: order.orderId, reason: '客户来电取消' } },
      { requestId },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.deepEqual(r.data!.cancelOrder, {
      id: order.orderId,
      status: 'CANCELLED',
      cancelledBy: 'CUSTOMER_SERVICE',
      refunds: [{ cause: 'CUSTOMER', requestedBy: 'CUSTOMER_SERVICE', pointsRefunded: 600 }],
    });
    assert.equal((await pointsOf(sys, 12)).redeemable, points.redeemable);
    assert.deepEqual(await stockOf(sys, skuId), stock);

    const seen = await sys.gql(customer(1, 12), ORDER, { id: order.orderId });
    assert.equal(seen.data!.order.cancelledBy, 'CUSTOMER_SERVICE');
    assert.deepEqual(seen.data!.order.refunds, [{ cause: 'CUSTOMER', requestedBy: 'CUSTOMER_SERVICE' }]);

    const entries = await trailOf(requestId);
    assert.ok(
      entries.some((e) => e.targetType === 'Refund'),
      JSON.stringify(entries),
    );
    for (const e of entries) {
      assert.equal(e.actorId, 'operator-1', 'the agent');
      assert.equal(e.onBehalfOfCustomerId, '12', 'the customer');
    }
  });

  it('an agent asks for a refund of shipped goods for the customer; the supplier sees it came from customer service', async () => {
    const order = await placeOpenedOrder(sys, 13, [{ listingId: listing, quantity: 1 }], 'agent-refund-1');
    await markShipped(sys, Number(order.supplierOrderId), 'DELIVERED');
    const requestId = randomUUID();
    const r = await sys.gql(
      bankOperator(1),
      REQUEST,
      {
        i: {
          supplierOrderId: order.supplierOrderId,
          lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }],
          reason: '客户来电：外壳破损',
        },
      },
      { requestId },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.deepEqual(
      { ...r.data!.requestRefund, id: undefined },
      {
        id: undefined,
        state: 'REQUESTED',
        cause: 'CUSTOMER',
        requestedBy: 'CUSTOMER_SERVICE',
        reason: '客户来电：外壳破损',
      },
    );
    const forSupplier = await sys.gql(supplierStaff(supplierId), ORDER, { id: order.orderId });
    assert.deepEqual(forSupplier.data!.order.refunds, [{ cause: 'CUSTOMER', requestedBy: 'CUSTOMER_SERVICE' }]);
    const entries = await trailOf(requestId);
    assert.deepEqual(
      entries.map((e) => [e.actorId, e.onBehalfOfCustomerId, e.targetType]),
      [['operator-1', '13', 'Refund']],
    );
  });

  it('the customer or an agent changes the address before shipment; once goods have shipped it is a CONFLICT', async () => {
    const order = await placeOpenedOrder(sys, 14, [{ listingId: listing, quantity: 2 }], 'address-change-1');
    const byCustomer = await sys.gql(customer(1, 14), ADDRESS_CHANGE, {
      i: { orderId: order.orderId, shippingAddress: { ...NEW_ADDRESS, detail: '中山路 9 号' } },
    });
    assert.equal(byCustomer.errors, undefined, JSON.stringify(byCustomer.errors));
    assert.equal(byCustomer.data!.changeShippingAddress.shippingAddressChangedBy, 'CUSTOMER');
    const requestId = randomUUID();
    const byAgent = await sys.gql(
      bankOperator(1),
      ADDRESS_CHANGE,
      { i: { orderId: order.orderId, shippingAddress: NEW_ADDRESS } },
      { requestId },
    );
    assert.equal(byAgent.errors, undefined, JSON.stringify(byAgent.errors));
    assert.equal(byAgent.data!.changeShippingAddress.shippingAddressChangedBy, 'CUSTOMER_SERVICE');
    // The trail names the agent and the customer, and says the address changed without keeping it.
    const [entry, ...more] = (await trailOf(requestId)) as unknown as {
      actorId: string;
      onBehalfOfCustomerId: string;
      targetType: string;
      changes: { field: string; after: string | null }[];
    }[];
    assert.equal(more.length, 0);
    assert.deepEqual([entry!.actorId, entry!.onBehalfOfCustomerId, entry!.targetType], ['operator-1', '14', 'Order']);
    const address = entry!.changes.find((c) => c.field === 'shippingAddress');
    assert.ok(address, JSON.stringify(entry!.changes));
    assert.doesNotMatch(JSON.stringify(entry!.changes), /李四|13900000000|中山路/);
    // The supplier (who ships) reads the new address.
    const forSupplier = await sys.gql(supplierStaff(supplierId), ORDER, { id: order.orderId });
    assert.deepEqual(forSupplier.data!.order.shippingAddress, { recipient: '李四', detail: '中山路 8 号' });

    const bad = await sys.gql(customer(1, 14), ADDRESS_CHANGE, {
      i: { orderId: order.orderId, shippingAddress: { ...NEW_ADDRESS, phone: 'call me' } },
    });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');

    const shipped = await sys.gql(supplierStaff(supplierId), SHIP, {
      input: {
        supplierOrderId: order.supplierOrderId,
        carrierCode: 'SF',
        trackingNumber: 'SF8200000001',
        lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }],
      },
    });
    assert.equal(shipped.errors, undefined, JSON.stringify(shipped.errors));
    await waitFor(
      'orders hears the parcel left',
      async () => (await supplierOrderStatus(sys, order.orderId, order.supplierOrderId)) === 'PARTIALLY_SHIPPED',
    );
    for (const who of [customer(1, 14), bankOperator(1)]) {
      const late = await sys.gql(who, ADDRESS_CHANGE, {
        i: { orderId: order.orderId, shippingAddress: ADDRESS_AFTER },
      });
      assert.equal(errorCode(late), 'CONFLICT');
      assert.match(late.errors![0]!.message, /shipped/);
    }
    const now = await sys.gql(platform, ORDER, { id: order.orderId });
    assert.equal(now.data!.order.shippingAddress.detail, '中山路 8 号', 'unchanged');
  });

  it("another bank's agent, a customer of another bank, another customer and a supplier are refused every operation", async () => {
    const order = await placeOpenedOrder(sys, 15, [{ listingId: listing, quantity: 2 }], 'on-behalf-refusals-1');
    const calls: [string, Record<string, unknown>][] = [
      [CANCEL, { i: { orderId: order.orderId, reason: '取消' } }],
      [
        REQUEST,
        {
          i: {
            supplierOrderId: order.supplierOrderId,
            lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }],
            reason: '不想要了',
          },
        },
      ],
      [ADDRESS_CHANGE, { i: { orderId: order.orderId, shippingAddress: NEW_ADDRESS } }],
      [WITHDRAW, { i: { supplierOrderId: order.supplierOrderId, reason: '不想要了' } }],
    ];
    const lacking: Principal = { ...bankOperator(1), permissions: ['SEE_REPORTS'] };
    const expected: [Principal, string][] = [
      [bankOperator(2), 'NOT_FOUND'],
      [bankAdmin(2), 'NOT_FOUND'],
      [customer(2, 21), 'NOT_FOUND'],
      [customer(1, 16), 'NOT_FOUND'],
      [supplierStaff(supplierId), 'FORBIDDEN'],
      [lacking, 'FORBIDDEN'],
    ];
    for (const [query, variables] of calls)
      for (const [who, code] of expected)
        assert.equal(
          errorCode(await sys.gql(who, query, variables)),
          code,
          `${who.role} ${who.sub}: ${query.slice(0, 40)}`,
        );
    const untouched = await sys.gql(platform, ORDER, { id: order.orderId });
    assert.equal(untouched.data!.order.status, 'PAID');
    assert.equal(untouched.data!.order.shippingAddressChangedBy, null);
    assert.deepEqual(untouched.data!.order.refunds, []);
  });
});

const ADDRESS_AFTER = { ...NEW_ADDRESS, detail: '太晚了 1 号' };
