import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { Fulfilment, FulfilmentLine } from '../../subgraphs/logistics/entities/fulfilment';
import { Refund } from '../../subgraphs/orders/entities/refund';
import { SettlementLine } from '../../subgraphs/orders/entities/settlement';
import { customer, pointsOf, stockOf } from '../orders/helpers';
import { bankOperator, supplierStaff } from '../principals';
import { SHIP, placeOpenedOrder, pushEvents, setUpParcelMall, supplierOrderStatus, waitFor } from './helpers';

const WITHDRAW = `mutation($i: WithdrawUnshippedUnitsInput!) { withdrawUnshippedUnits(input: $i) {
  id state cause requestedBy restock pointsRefunded cashRefundFen shippingRefundFen lines { orderLineId quantity } } }`;
const ORDER = 'query($id: ID!) { order(id: $id) { id status refunds { cause requestedBy } } }';

describe('withdrawing the unshipped units of a partly shipped order', () => {
  let sys: TestSystem;
  let listing: string;
  let skuId: number;
  let supplierId: number;

  before(async () => {
    sys = await startTestSystem();
    ({ listing, skuId, supplierId } = await setUpParcelMall(sys, {
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: 300,
      priceFen: 1500,
    }));
  });
  after(async () => {
    await sys?.stop();
  });

  /** A paid order of `quantity` units (points and cash), `shipNow` of them in a parcel. */
  async function partlyShipped(customerId: number, quantity: number, shipNow: number, key: string) {
    const order = await placeOpenedOrder(sys, customerId, [{ listingId: listing, quantity }], key);
    const supplierOrderId = order.supplierOrderId;
    const lineId = order.lines[0]!.id;
    const trackingNumber = `SF83${String(customerId).padStart(8, '0')}`;
    const shipped = await sys.gql(supplierStaff(supplierId), SHIP, {
      input: {
        supplierOrderId,
        carrierCode: 'SF',
        trackingNumber,
        lines: [{ orderLineId: lineId, quantity: shipNow }],
      },
    });
    assert.equal(shipped.errors, undefined, JSON.stringify(shipped.errors));
    await waitFor(
      'orders hears it partly shipped',
      async () => (await supplierOrderStatus(sys, order.orderId, supplierOrderId)) === 'PARTIALLY_SHIPPED',
    );
    return { orderId: order.orderId, supplierOrderId, lineId, trackingNumber };
  }

  const deliver = (trackingNumber: string, eventId: string) =>
    pushEvents(sys, 'SF', [{ eventId, trackingNumber, status: 'DELIVERED', occurredAt: new Date().toISOString() }]);

  it('the customer withdraws the rest: exactly those units are refunded and restocked, the shipped one still delivers and settles alone', async () => {
    const o = await partlyShipped(17, 3, 1, 'withdraw-rest-1');
    const points = await pointsOf(sys, 17);
    const stock = await stockOf(sys, skuId);
    const r = await sys.gql(customer(1, 17), WITHDRAW, {
      i: { supplierOrderId: o.supplierOrderId, reason: '剩下的不要了' },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.deepEqual(
      { ...r.data!.withdrawUnshippedUnits, id: undefined },
      {
        id: undefined,
        state: 'APPROVED',
        cause: 'WITHDRAWN',
        requestedBy: 'CUSTOMER',
        restock: true,
        pointsRefunded: 600,
        cashRefundFen: 3000,
        shippingRefundFen: 0,
        lines: [{ orderLineId: o.lineId, quantity: 2 }],
      },
    );
    assert.equal((await pointsOf(sys, 17)).redeemable, points.redeemable + 600);
    assert.deepEqual(await stockOf(sys, skuId), { ...stock, available: stock.available + 2 });

    // Logistics: nothing is left to ship; the supplier cannot send the withdrawn units.
    const logistics = (await sys.orm('logistics')).em;
    const fl = await logistics.fork().findOneOrFail(FulfilmentLine, { orderLineId: Number(o.lineId) });
    assert.deepEqual([fl.quantity, fl.shippedQuantity, fl.withdrawnQuantity], [3, 1, 2]);
    const more = await sys.gql(supplierStaff(supplierId), SHIP, {
      input: { supplierOrderId: o.supplierOrderId, carrierCode: 'SF', trackingNumber: 'SF8399999999' },
    });
    assert.equal(errorCode(more), 'CONFLICT');
    await waitFor(
      'orders hears nothing is left to ship',
      async () => (await supplierOrderStatus(sys, o.orderId, o.supplierOrderId)) === 'SHIPPED',
    );

    // The parcel still arrives: the supplier order is delivered, the order complete, one unit settled.
    const d = await deliver(o.trackingNumber, 'withdraw-rest-delivered');
    assert.equal(d.status, 200, JSON.stringify(d.body));
    await waitFor(
      'supplier order delivered',
      async () => (await supplierOrderStatus(sys, o.orderId, o.supplierOrderId)) === 'DELIVERED',
    );
    const seen = await sys.gql(customer(1, 17), ORDER, { id: o.orderId });
    assert.deepEqual(seen.data!.order, {
      id: o.orderId,
      status: 'COMPLETED',
      refunds: [{ cause: 'WITHDRAWN', requestedBy: 'CUSTOMER' }],
    });
    const orders = (await sys.orm('orders')).em;
    const settled = await orders.fork().find(SettlementLine, { orderId: Number(o.orderId) });
    assert.deepEqual(
      settled.map((l) => [l.kind, l.quantity]),
      [['DELIVERY', 1]],
    );
    assert.equal(await orders.fork().count(Refund, { orderId: Number(o.orderId) }), 1);
  });

  it('an agent withdraws some of the unshipped units for the customer; more than logistics has unshipped changes nothing', async () => {
    const o = await partlyShipped(18, 4, 1, 'withdraw-some-1');
    const one = await sys.gql(bankOperator(1), WITHDRAW, {
      i: {
        supplierOrderId: o.supplierOrderId,
        lines: [{ orderLineId: o.lineId, quantity: 1 }],
        reason: '客户来电：少要一件',
      },
    });
    assert.equal(one.errors, undefined, JSON.stringify(one.errors));
    assert.equal(one.data!.withdrawUnshippedUnits.requestedBy, 'CUSTOMER_SERVICE');
    assert.equal(one.data!.withdrawUnshippedUnits.pointsRefunded, 300);
    assert.equal(one.data!.withdrawUnshippedUnits.cashRefundFen, 1500);
    const points = await pointsOf(sys, 18);
    const tooMany = await sys.gql(customer(1, 18), WITHDRAW, {
      i: { supplierOrderId: o.supplierOrderId, lines: [{ orderLineId: o.lineId, quantity: 3 }], reason: '都不要了' },
    });
    assert.equal(errorCode(tooMany), 'CONFLICT');
    assert.match(tooMany.errors![0]!.message, /only 2 unit/);
    assert.equal((await pointsOf(sys, 18)).redeemable, points.redeemable);
    const fl = await (
      await sys.orm('logistics')
    ).em
      .fork()
      .findOneOrFail(FulfilmentLine, { orderLineId: Number(o.lineId) });
    assert.deepEqual([fl.shippedQuantity, fl.withdrawnQuantity], [1, 1]);
    // The two left still ship.
    const rest = await sys.gql(supplierStaff(supplierId), SHIP, {
      input: { supplierOrderId: o.supplierOrderId, carrierCode: 'SF', trackingNumber: 'SF8300000118' },
    });
    assert.equal(rest.errors, undefined, JSON.stringify(rest.errors));
    assert.deepEqual(rest.data!.shipSupplierOrder.shipment.lines, [{ orderLineId: o.lineId, quantity: 2 }]);
  });

  it('withdrawing after the shipped parcel was delivered completes the order; with everything shipped there is nothing to withdraw', async () => {
    const o = await partlyShipped(19, 2, 1, 'withdraw-after-delivery-1');
    const d = await deliver(o.trackingNumber, 'withdraw-after-delivery');
    assert.equal(d.status, 200, JSON.stringify(d.body));
    const r = await sys.gql(customer(1, 19), WITHDRAW, {
      i: { supplierOrderId: o.supplierOrderId, reason: '第二件不要了' },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const f = await (
      await sys.orm('logistics')
    ).em
      .fork()
      .findOneOrFail(Fulfilment, { supplierOrderId: Number(o.supplierOrderId) });
    assert.equal(f.status, 'DELIVERED');
    await waitFor(
      'supplier order delivered',
      async () => (await supplierOrderStatus(sys, o.orderId, o.supplierOrderId)) === 'DELIVERED',
    );
    const settled = await (await sys.orm('orders')).em.fork().find(SettlementLine, { orderId: Number(o.orderId) });
    assert.equal(
      settled.reduce((n, l) => n + (l.kind === 'REFUND' ? -l.quantity : l.quantity), 0),
      1,
      'one unit owed to the supplier',
    );
    const again = await sys.gql(customer(1, 19), WITHDRAW, {
      i: { supplierOrderId: o.supplierOrderId, reason: '再来一次' },
    });
    assert.equal(errorCode(again), 'CONFLICT');
  });
});
