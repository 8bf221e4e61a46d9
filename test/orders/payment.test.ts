import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { Order, OrderStatus } from '../../subgraphs/orders/entities/order';
import { SettlementLine } from '../../subgraphs/orders/entities/settlement';
import { SupplierOrder } from '../../subgraphs/orders/entities/supplier-order';
import { setBalance } from '../loyalty/helpers';
import {
  ADDRESS,
  CHECKOUT,
  assertLedgerClean,
  createListing,
  customer,
  partnerApp,
  pointsOf,
  recover,
  setStock,
  setUpMall,
  stockOf,
} from './helpers';

/** The payment timeout is configurable (PERKMALL_PAYMENT_TIMEOUT_MS); this file runs the orders subgraph with 4 s. */
const TIMEOUT_MS = 4000;
const PAY = 'mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { status paymentDueAt } }';
const PROGRESS =
  'mutation($id: ID!, $s: SupplierOrderStatus!, $at: DateTime!) { recordSupplierOrderProgress(supplierOrderId: $id, status: $s, at: $at) { status deliveredAt } }';

describe('payment deadline and fulfilment progress', () => {
  let sys: TestSystem;
  let mallId: string;
  let sku: number;
  let mixedListing: string;
  let pointsListing: string;

  before(async () => {
    process.env.PERKMALL_PAYMENT_TIMEOUT_MS = String(TIMEOUT_MS);
    // Only this file's explicit sweeps run, so the late payment meets a PENDING_PAYMENT order.
    process.env.PERKMALL_RECOVERY_INTERVAL_MS = String(3_600_000);
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    sku = m.physical2.id;
    mixedListing = await createListing(sys, {
      mallId,
      skuId: String(sku),
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: 300,
      priceFen: 1500,
    });
    pointsListing = await createListing(sys, {
      mallId,
      skuId: String(m.physical.id),
      priceMode: 'POINTS',
      pricePoints: 500,
    });
    await setStock(sys, sku, 20);
    await setStock(sys, m.physical.id, 20);
    for (const c of [1, 2, 3]) await setBalance(sys, 1, c, 10_000, `payment-balance-${c}`);
  });
  after(async () => {
    await sys?.stop();
  });

  const orderRow = async (id: number) => (await sys.orm('orders')).em.fork().findOneOrFail(Order, id);
  const progress = async (supplierOrderId: number, status: string, at = new Date()) => {
    const token = await sys.identityToken({ role: 'SERVICE', sub: 'logistics' }, 'orders', { key: 'service' });
    const r = await sys.subgraphRaw(
      'orders',
      { query: PROGRESS, variables: { id: String(supplierOrderId), s: status, at: at.toISOString() } },
      { 'x-perkmall-identity': token },
    );
    assert.equal(r.body.errors, undefined, JSON.stringify(r.body.errors));
    return r.body.data!.recordSupplierOrderProgress as { status: string; deliveredAt: string | null };
  };

  it('the payment deadline follows the configured timeout, and a payment in time is accepted', async () => {
    const r = await sys.gql(customer(1, 1), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: mixedListing, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'pay-in-time-1',
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const id = Number(r.data!.checkout.order.id);
    const row = await orderRow(id);
    assert.equal(row.status, OrderStatus.PENDING_PAYMENT);
    const wait = row.paymentDueAt!.getTime() - row.createdAt.getTime();
    // datetime columns keep whole seconds
    assert.ok(Math.abs(wait - TIMEOUT_MS) <= 1500, `due ${wait} ms after creation, expected about ${TIMEOUT_MS}`);
    const paid = await sys.gql(partnerApp(1), PAY, {
      input: { orderId: String(id), paymentRef: 'P-in-time-1', amountFen: 1500 },
    });
    assert.equal(paid.errors, undefined, JSON.stringify(paid.errors));
    assert.equal(paid.data!.confirmPayment.status, 'PAID');
    // The same reference again pays nothing twice: for this order it is a retry, for another CONFLICT.
    const retried = await sys.gql(partnerApp(1), PAY, {
      input: { orderId: String(id), paymentRef: 'P-in-time-1', amountFen: 1500 },
    });
    assert.equal(retried.errors, undefined, JSON.stringify(retried.errors));
    assert.equal(retried.data!.confirmPayment.status, 'PAID');
    const other = await sys.gql(customer(1, 3), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: mixedListing, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'pay-in-time-2',
      },
    });
    assert.equal(other.errors, undefined, JSON.stringify(other.errors));
    const otherId = Number(other.data!.checkout.order.id);
    const reused = await sys.gql(partnerApp(1), PAY, {
      input: { orderId: String(otherId), paymentRef: 'P-in-time-1', amountFen: 1500 },
    });
    assert.equal(errorCode(reused), 'CONFLICT', JSON.stringify(reused));
    assert.equal((await orderRow(otherId)).status, OrderStatus.PENDING_PAYMENT);
    // Given back at once, so the sweeps of the next test meet only their own order.
    const cancelled = await sys.gql(
      customer(1, 3),
      'mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { status } }',
      { input: { orderId: String(otherId) } },
    );
    assert.equal(cancelled.errors, undefined, JSON.stringify(cancelled.errors));
    assert.equal(cancelled.data!.cancelOrder.status, 'CANCELLED');
  });

  it('a payment after the deadline is refused with CONFLICT; the sweep then cancels the order and gives everything back', async () => {
    const stock = await stockOf(sys, sku);
    const points = await pointsOf(sys, 2);
    const r = await sys.gql(customer(1, 2), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: mixedListing, quantity: 2 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'pay-too-late-1',
      },
    });
    const id = Number(r.data!.checkout.order.id);
    const due = (await orderRow(id)).paymentDueAt!;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due.getTime() - Date.now()) + 1000));
    const late = await sys.gql(partnerApp(1), PAY, {
      input: { orderId: String(id), paymentRef: 'P-too-late-1', amountFen: 3000 },
    });
    assert.equal(errorCode(late), 'CONFLICT');
    assert.match(late.errors![0]!.message, /past its payment deadline/);
    const row = await orderRow(id);
    assert.equal(row.paymentRef ?? null, null, 'no payment recorded');
    assert.equal(row.status, OrderStatus.PENDING_PAYMENT, 'unchanged until the sweep');
    await recover(sys);
    const cancelled = await orderRow(id);
    assert.equal(cancelled.status, OrderStatus.CANCELLED);
    assert.equal(cancelled.compensated, true);
    assert.equal(cancelled.failureReason, 'not paid in time');
    assert.deepEqual(await stockOf(sys, sku), stock);
    assert.deepEqual(await pointsOf(sys, 2), points);
    // paying the cancelled order is still refused
    assert.equal(
      errorCode(
        await sys.gql(partnerApp(1), PAY, {
          input: { orderId: String(id), paymentRef: 'P-too-late-2', amountFen: 3000 },
        }),
      ),
      'CONFLICT',
    );
    await assertLedgerClean(sys);
  });

  it('SHIPPED (or PARTIALLY_SHIPPED) arriving after DELIVERED changes nothing', async () => {
    const r = await sys.gql(customer(1, 3), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: pointsListing, quantity: 2 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'late-shipped-1',
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const id = Number(r.data!.checkout.order.id);
    const em = (await sys.orm('orders')).em.fork();
    const so = await em.findOneOrFail(SupplierOrder, { orderId: id });
    const deliveredAt = new Date(Date.now() - 60_000);
    deliveredAt.setMilliseconds(0);
    assert.equal((await progress(so.id, 'DELIVERED', deliveredAt)).status, 'DELIVERED');
    const lines = async () =>
      (await (await sys.orm('orders')).em.fork().find(SettlementLine, { orderId: id })).map((l) => [
        l.sourceKey,
        l.amountFen,
      ]);
    const owed = await lines();
    assert.equal(owed.length, 1);
    for (const late of ['SHIPPED', 'PARTIALLY_SHIPPED', 'DELIVERED']) {
      const after = await progress(so.id, late, new Date());
      assert.equal(after.status, 'DELIVERED', `${late} after DELIVERED`);
      assert.equal(new Date(after.deliveredAt!).getTime(), deliveredAt.getTime(), 'delivery time kept');
    }
    assert.deepEqual(await lines(), owed);
    assert.equal((await orderRow(id)).status, OrderStatus.COMPLETED);
  });
});
