import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { Fulfilment } from '../../subgraphs/logistics/entities/fulfilment';
import { Shipment } from '../../subgraphs/logistics/entities/shipment';
import { Order } from '../../subgraphs/orders/entities/order';
import { Refund } from '../../subgraphs/orders/entities/refund';
import { SupplierOrder } from '../../subgraphs/orders/entities/supplier-order';
import { ADDRESS, CHECKOUT, assertLedgerClean, createListing, pointsOf, stockOf } from '../orders/helpers';
import { customer } from '../principals';
import { MALL, SHIP, fulfilmentOpened, placeOpenedOrder, setUpParcelMall, supplierStaff, waitFor } from './helpers';

const CANCEL = 'mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { status supplierOrders { status } } }';
const CANCEL_FULFILMENTS = 'mutation($i: CancelFulfilmentsInput!) { cancelFulfilments(input: $i) { cancelled } }';

describe('cancelling a paid order before shipment', () => {
  let sys: TestSystem;
  let listing: string;
  let virtualListing: string;
  let skuId: number;
  let supplierId: number;

  before(async () => {
    sys = await startTestSystem();
    const { mall: m, ...parcels } = await setUpParcelMall(sys, { priceMode: 'POINTS', pricePoints: 300 });
    ({ listing, skuId, supplierId } = parcels);
    virtualListing = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(m.virtual.id),
      priceMode: 'POINTS',
      pricePoints: 50,
    });
  });
  after(async () => {
    await sys?.stop();
  });

  const ordersEm = async () => (await sys.orm('orders')).em.fork();
  const logisticsEm = async () => (await sys.orm('logistics')).em.fork();
  const logisticsOutboxDelivered = async () => {
    const rows = await (
      await logisticsEm()
    )
      .getConnection()
      .execute<{ n: number }[]>('SELECT COUNT(*) AS n FROM outbox_message WHERE delivered_at IS NULL');
    return Number(rows[0]!.n) === 0;
  };

  it('stops the fulfilment, refunds the points, restocks, and the supplier can no longer ship it', async () => {
    const points = await pointsOf(sys, 11);
    const stock = await stockOf(sys, skuId);
    const order = await placeOpenedOrder(sys, 11, [{ listingId: listing, quantity: 2 }], 'cancel-before-ship-1');
    assert.equal((await pointsOf(sys, 11)).redeemable, points.redeemable - 600);

    const c = await sys.gql(customer(1, 11), CANCEL, { i: { orderId: order.orderId, reason: 'changed my mind' } });
    assert.equal(c.errors, undefined, JSON.stringify(c.errors));
    assert.deepEqual(c.data!.cancelOrder, { status: 'CANCELLED', supplierOrders: [{ status: 'CANCELLED' }] });
    assert.equal((await pointsOf(sys, 11)).redeemable, points.redeemable);
    assert.deepEqual(await stockOf(sys, skuId), stock);
    const f = await (await logisticsEm()).findOneOrFail(Fulfilment, { supplierOrderId: Number(order.supplierOrderId) });
    assert.equal(f.status, 'CANCELLED');
    assert.ok(f.cancelledAt instanceof Date);

    const ship = await sys.gql(supplierStaff(supplierId), SHIP, {
      input: { supplierOrderId: order.supplierOrderId, carrierCode: 'SF', trackingNumber: 'SF7000000001' },
    });
    assert.equal(errorCode(ship), 'CONFLICT');
    assert.match(ship.errors![0]!.message, /cancelled/);
    assert.equal(await (await logisticsEm()).count(Shipment, { supplierOrderId: Number(order.supplierOrderId) }), 0);

    // Logistics also reports the cancellation through its outbox; that second delivery refunds nothing twice.
    await waitFor('logistics outbox delivered', logisticsOutboxDelivered);
    assert.equal(await (await ordersEm()).count(Refund, { orderId: Number(order.orderId) }), 1);
    assert.equal((await pointsOf(sys, 11)).redeemable, points.redeemable);
    assert.equal(errorCode(await sys.gql(customer(1, 11), CANCEL, { i: { orderId: order.orderId } })), 'CONFLICT');
    await assertLedgerClean(sys);
  });

  it('a mixed order cancels its goods and keeps its delivered card codes; one with only codes is refunded, not cancelled', async () => {
    const points = await pointsOf(sys, 16);
    const stock = await stockOf(sys, skuId);
    const r = await sys.gql(customer(1, 16), CHECKOUT, {
      input: {
        mallId: MALL.id,
        lines: [
          { listingId: listing, quantity: 1 },
          { listingId: virtualListing, quantity: 1 },
        ],
        shippingAddress: ADDRESS,
        idempotencyKey: 'cancel-mixed-1',
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const order = r.data!.checkout.order;
    assert.equal(order.cardCodes.length, 1);
    const physicalSo = order.supplierOrders.find((so: { status: string }) => so.status === 'PAID').id;
    await fulfilmentOpened(sys, physicalSo);

    const c = await sys.gql(customer(1, 16), CANCEL, { i: { orderId: order.id, reason: '实物不要了' } });
    assert.equal(c.errors, undefined, JSON.stringify(c.errors));
    assert.equal(c.data!.cancelOrder.status, 'COMPLETED');
    assert.deepEqual(c.data!.cancelOrder.supplierOrders.map((so: { status: string }) => so.status).sort(), [
      'CANCELLED',
      'DELIVERED',
    ]);
    assert.equal(
      (await pointsOf(sys, 16)).redeemable,
      points.redeemable - 50,
      'the goods (300) come back; the card (50) stays paid',
    );
    assert.deepEqual(await stockOf(sys, skuId), stock);
    assert.equal(
      (await (await logisticsEm()).findOneOrFail(Fulfilment, { supplierOrderId: Number(physicalSo) })).status,
      'CANCELLED',
    );

    const codesOnly = await sys.gql(customer(1, 16), CHECKOUT, {
      input: {
        mallId: MALL.id,
        lines: [{ listingId: virtualListing, quantity: 1 }],
        idempotencyKey: 'cancel-codes-only-1',
      },
    });
    const refused = await sys.gql(customer(1, 16), CANCEL, { i: { orderId: codesOnly.data!.checkout.order.id } });
    assert.equal(errorCode(refused), 'CONFLICT');
    await assertLedgerClean(sys);
  });

  it('refuses once any unit has shipped, and changes nothing anywhere', async () => {
    const order = await placeOpenedOrder(sys, 12, [{ listingId: listing, quantity: 3 }], 'cancel-after-ship-1');
    const shipped = await sys.gql(supplierStaff(supplierId), SHIP, {
      input: {
        supplierOrderId: order.supplierOrderId,
        carrierCode: 'SF',
        trackingNumber: 'SF7000000002',
        lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }],
      },
    });
    assert.equal(shipped.errors, undefined, JSON.stringify(shipped.errors));
    await waitFor(
      'orders sees the partial shipment',
      async () =>
        (await (await ordersEm()).findOneOrFail(SupplierOrder, Number(order.supplierOrderId))).status ===
        'PARTIALLY_SHIPPED',
    );
    const points = await pointsOf(sys, 12);
    const stock = await stockOf(sys, skuId);

    const c = await sys.gql(customer(1, 12), CANCEL, { i: { orderId: order.orderId } });
    assert.equal(errorCode(c), 'CONFLICT');
    assert.equal((await (await ordersEm()).findOneOrFail(Order, Number(order.orderId))).status, 'PAID');
    assert.equal(
      (await (await logisticsEm()).findOneOrFail(Fulfilment, { supplierOrderId: Number(order.supplierOrderId) }))
        .status,
      'PARTIALLY_SHIPPED',
    );
    assert.equal(await (await ordersEm()).count(Refund, { orderId: Number(order.orderId) }), 0);
    // Nor can the unshipped units be refunded while they may still go out.
    const refund = await sys.gql(
      customer(1, 12),
      'mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id } }',
      {
        i: {
          supplierOrderId: order.supplierOrderId,
          lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }],
          reason: '剩下的不要了',
        },
      },
    );
    assert.equal(errorCode(refund), 'CONFLICT');
    assert.match(refund.errors![0]!.message, /partly shipped/);
    assert.deepEqual(await pointsOf(sys, 12), points);
    assert.deepEqual(await stockOf(sys, skuId), stock);
  });

  it('waits while a paid order is still being confirmed: CONFLICT, nothing cancelled', async () => {
    const order = await placeOpenedOrder(sys, 15, [{ listingId: listing, quantity: 1 }], 'cancel-while-confirming-1');
    // As it is between payment and the end of confirmation.
    await (await ordersEm()).nativeUpdate(Order, { id: Number(order.orderId) }, { confirmed: false });
    const c = await sys.gql(customer(1, 15), CANCEL, { i: { orderId: order.orderId } });
    assert.equal(errorCode(c), 'CONFLICT');
    assert.match(c.errors![0]!.message, /still being confirmed/);
    assert.equal(
      (await (await logisticsEm()).findOneOrFail(Fulfilment, { supplierOrderId: Number(order.supplierOrderId) }))
        .status,
      'OPEN',
    );
    assert.equal(await (await ordersEm()).count(Refund, { orderId: Number(order.orderId) }), 0);
    await (await ordersEm()).nativeUpdate(Order, { id: Number(order.orderId) }, { confirmed: true });
  });

  it('a cancellation that reaches logistics before the paid order does leaves a tombstone: the late event opens nothing', async () => {
    const cancel = {
      orderId: '900001',
      bankId: '1',
      customerId: '13',
      supplierOrders: [{ supplierOrderId: '900002', supplierId: String(supplierId) }],
    };
    const first = await sys.asService('logistics', CANCEL_FULFILMENTS, { i: cancel });
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    assert.equal(first.data!.cancelFulfilments.cancelled, 1);
    assert.equal(
      (await sys.asService('logistics', CANCEL_FULFILMENTS, { i: cancel })).data!.cancelFulfilments.cancelled,
      0,
    );

    const open = await sys.asService(
      'logistics',
      'mutation($i: OpenFulfilmentsInput!) { openFulfilments(input: $i) { opened } }',
      {
        i: {
          ...cancel,
          supplierOrders: [
            {
              supplierOrderId: '900002',
              supplierId: String(supplierId),
              lines: [{ orderLineId: '900003', skuId: String(skuId), quantity: 1, title: 'x' }],
            },
          ],
        },
      },
    );
    assert.equal(open.errors, undefined, JSON.stringify(open.errors));
    assert.equal(open.data!.openFulfilments.opened, 0);
    assert.equal(
      (await (await logisticsEm()).findOneOrFail(Fulfilment, { supplierOrderId: 900002 })).status,
      'CANCELLED',
    );
    // Internal only: a customer cannot cancel fulfilments directly.
    assert.ok((await sys.gql(customer(1, 13), CANCEL_FULFILMENTS, { i: cancel })).errors?.length);
  });

  it('if orders dies after logistics agreed, the outbox event from logistics finishes the refund', async () => {
    const points = await pointsOf(sys, 14);
    const order = await placeOpenedOrder(sys, 14, [{ listingId: listing, quantity: 1 }], 'cancel-orders-died-1');
    // What cancelOrder sends first; here nothing in orders follows it up.
    const r = await sys.asService('logistics', CANCEL_FULFILMENTS, {
      i: {
        orderId: order.orderId,
        bankId: '1',
        customerId: '14',
        supplierOrders: [{ supplierOrderId: order.supplierOrderId, supplierId: String(supplierId) }],
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    await waitFor(
      'orders cancels the order from the logistics event',
      async () => (await (await ordersEm()).findOneOrFail(Order, Number(order.orderId))).status === 'CANCELLED',
    );
    assert.equal(
      (await (await ordersEm()).findOneOrFail(SupplierOrder, Number(order.supplierOrderId))).status,
      'CANCELLED',
    );
    await waitFor('points back', async () => (await pointsOf(sys, 14)).redeemable === points.redeemable);
    await assertLedgerClean(sys);
  });
});
