import assert from 'node:assert/strict';
import type { TestSystem } from '../harness';
import { Fulfilment } from '../../subgraphs/logistics/entities/fulfilment';
import { signCallback } from '../../subgraphs/logistics/services/tracking.service';
import { ADDRESS, CHECKOUT, createListing, customer, partnerApp, setStock, setUpMall } from '../orders/helpers';

export const supplierStaff = (supplierId: number) => ({
  role: 'SUPPLIER_STAFF' as const,
  sub: `staff-${supplierId}`,
  supplierId: String(supplierId),
});
export const serviceCaller = { role: 'SERVICE' as const, sub: 'orders' };

export const SHIP = `mutation($input: ShipSupplierOrderInput!) { shipSupplierOrder(input: $input) {
  shipment { id trackingNumber status carrier { code } lines { orderLineId quantity } }
  fulfilment { status lines { orderLineId quantity shippedQuantity } } } }`;

export const ORDER_SHIPMENTS = `query($id: ID!) { order(id: $id) { id supplierOrders { id status
  shipments { id trackingNumber status deliveredAt events { edges { node { status location occurredAt carrierEventId } } } } } } }`;

/** Polls until `check` returns a value (not undefined/null/false), or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface PlacedOrder {
  orderId: string;
  supplierOrderId: string;
  lines: { id: string; quantity: number }[];
}

/**
 * Places an order through the real checkout: points are paid at once; cash (if any) is confirmed by
 * the bank's partner app, as a payment would be. The order is PAID.
 */
export async function placeOrder(
  sys: TestSystem,
  customerId: number,
  lines: { listingId: string; quantity: number }[],
  key: string,
): Promise<PlacedOrder> {
  const r = await sys.gql(customer(1, customerId), CHECKOUT, {
    input: { mallId: MALL.id, lines, shippingAddress: ADDRESS, idempotencyKey: key },
  });
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  const order = r.data!.checkout.order;
  if (order.status === 'PENDING_PAYMENT') {
    const paid = await sys.gql(
      partnerApp(1),
      'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }',
      { i: { orderId: order.id, paymentRef: `PAY-${key}`, amountFen: order.cashFen } },
    );
    assert.equal(paid.errors, undefined, JSON.stringify(paid.errors));
    assert.equal(paid.data!.confirmPayment.status, 'PAID');
  } else assert.ok(['PAID', 'COMPLETED'].includes(order.status), order.status);
  return { orderId: order.id, supplierOrderId: order.supplierOrders[0].id, lines: order.lines };
}

/** A paid order (as `placeOrder`) once orders' outbox relay has opened its fulfilment in logistics. */
export async function placeOpenedOrder(
  sys: TestSystem,
  customerId: number,
  lines: { listingId: string; quantity: number }[],
  key: string,
): Promise<PlacedOrder> {
  const order = await placeOrder(sys, customerId, lines, key);
  await fulfilmentOpened(sys, order.supplierOrderId);
  return order;
}

/** The mall the order helpers use (set by each test file's `before`). */
export const MALL = { id: '' };

/**
 * Sets up the demo mall (MALL) with a physical SKU in stock and places one paid order of one unit,
 * waiting until its fulfilment is open: the starting point of tests about a parcel.
 */
export async function placeParcelOrder(
  sys: TestSystem,
  key: string,
): Promise<{ mall: Awaited<ReturnType<typeof setUpMall>>; order: PlacedOrder }> {
  const { mall, listing } = await setUpParcelMall(sys, { priceMode: 'POINTS', pricePoints: 100 }, 10);
  const order = await placeOpenedOrder(sys, 1, [{ listingId: listing, quantity: 1 }], key);
  return { mall, order };
}

/**
 * The demo mall (sets `MALL`) selling its physical SKU, with `stock` units, at `price`: where the
 * parcel tests start.
 */
export async function setUpParcelMall(
  sys: TestSystem,
  price: { priceMode: string; pricePoints?: number; priceFen?: number },
  stock = 100,
): Promise<{ mall: Awaited<ReturnType<typeof setUpMall>>; listing: string; skuId: number; supplierId: number }> {
  const mall = await setUpMall(sys);
  MALL.id = mall.mallId;
  await setStock(sys, mall.physical.id, stock);
  const listing = await createListing(sys, { mallId: mall.mallId, skuId: String(mall.physical.id), ...price });
  return { mall, listing, skuId: mall.physical.id, supplierId: mall.physical.supplierId };
}

/** Waits until orders' outbox relay has opened the fulfilment in logistics. */
export async function fulfilmentOpened(sys: TestSystem, supplierOrderId: string): Promise<Fulfilment> {
  const orm = await sys.orm('logistics');
  return waitFor(`fulfilment of supplier order ${supplierOrderId}`, () =>
    orm.em.fork().findOne(Fulfilment, { supplierOrderId: Number(supplierOrderId) }),
  );
}

/** Orders' view of a supplier order's status (as the platform). */
export async function supplierOrderStatus(sys: TestSystem, orderId: string, supplierOrderId: string): Promise<string> {
  const r = await sys.gql(
    { role: 'PLATFORM_ADMIN', sub: 'p' },
    'query($id: ID!) { order(id: $id) { supplierOrders { id status } } }',
    { id: orderId },
  );
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data!.order.supplierOrders.find((so: { id: string }) => so.id === supplierOrderId).status;
}

export function secretOf(carrierCode: string): string {
  return `dev-callback-secret-${carrierCode.toLowerCase()}`;
}

export interface CallbackEvent {
  eventId: string;
  trackingNumber: string;
  status: string;
  occurredAt: string;
  location?: string;
}

/** POSTs a carrier callback over real HTTP to the logistics process; signs it with the carrier's secret unless told otherwise. */
export async function pushEvents(
  sys: TestSystem,
  carrierCode: string,
  events: CallbackEvent[] | string,
  opts: { signature?: string | null; secret?: string } = {},
): Promise<{ status: number; body: any }> {
  const raw = typeof events === 'string' ? events : JSON.stringify({ events });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature =
    opts.signature === undefined ? signCallback(opts.secret ?? secretOf(carrierCode), raw) : opts.signature;
  if (signature !== null) headers['x-perkmall-signature'] = signature;
  const r = await fetch(`${sys.stack.urls.logistics}/carriers/${carrierCode}/events`, {
    method: 'POST',
    headers,
    body: raw,
  });
  return { status: r.status, body: await r.json() };
}

export function at(minutes: number): string {
  return new Date(Date.UTC(2026, 10, 20, 8, 0, 0) + minutes * 60_000).toISOString();
}
