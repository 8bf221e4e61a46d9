/**
 * Suppliers' shipping fees (issue 17, for FREE_SHIPPING): each supplier order holding physical goods
 * is charged its supplier's fee once, in cash, unless its goods reach the supplier's free-shipping
 * threshold; virtual goods ship nothing. The fee comes back only when the whole supplier order is
 * refunded before it ships. Suppliers set their own terms; another supplier's are NOT_FOUND.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import { Sku, SkuKind, SkuStatus } from '../../subgraphs/catalog/entities/sku';
import { Supplier } from '../../subgraphs/catalog/entities/supplier';
import { ADDRESS, createListing, customer, markShipped, partnerApp, setStock, setUpMall } from './helpers';
import { supplierAdmin, supplierStaff } from '../principals';

const SET_SHIPPING = `mutation($i: SetSupplierShippingInput!) { setSupplierShipping(input: $i) {
  supplier { id shippingFeeFen freeShippingOverFen } } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { order { id status cashFen shippingFen } } }`;
const ORDER = `query($id: ID!) { order(id: $id) { id status cashFen shippingFen
  supplierOrders { id status shippingFen } refunds { supplierOrderId cashRefundFen shippingRefundFen state } } }`;
const PAY = 'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }';
const CANCEL = 'mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { status } }';
const REQUEST = 'mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id } }';
const DECIDE = 'mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state cashRefundFen shippingRefundFen } }';

const FEE_A = 1_000;
const FEE_B = 800;
const FEE_V = 600;
const OVER_A = 50_000;
const PRICE_A = 10_000;
const PRICE_B = 5_000;
const PRICE_V = 3_000;

describe("suppliers' shipping fees", () => {
  let sys: TestSystem;
  let mallId: string;
  let supplierA: number;
  let supplierB: number;
  let supplierV: number;
  let listingA: string;
  let listingB: string;
  let listingV: string;

  const ok = <T = any>(r: GraphQLResult, field: string): T => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data![field] as T;
  };

  const checkout = (lines: [string, number][], customerId = 8) =>
    sys.gql(customer(1, customerId), CHECKOUT, {
      input: {
        mallId,
        lines: lines.map(([listingId, quantity]) => ({ listingId, quantity })),
        shippingAddress: ADDRESS,
        idempotencyKey: `ship-${randomUUID()}`,
      },
    });

  const pay = async (order: { id: string; cashFen: number }) =>
    assert.equal(
      ok<any>(
        await sys.gql(partnerApp(1), PAY, {
          i: { orderId: order.id, paymentRef: `SHIP-${randomUUID()}`, amountFen: order.cashFen },
        }),
        'confirmPayment',
      ).status,
      'PAID',
    );

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    supplierV = m.virtual.supplierId;
    const catalog = (await sys.orm('catalog')).em.fork();
    const physical = await catalog.find(
      Sku,
      { kind: SkuKind.PHYSICAL, status: SkuStatus.ACTIVE, supplierId: { $ne: supplierV } },
      { orderBy: { id: 'ASC' } },
    );
    const a = physical[0]!;
    const b = physical.find((s) => s.supplierId !== a.supplierId)!;
    assert.ok(b, 'two suppliers of goods besides the card supplier');
    supplierA = a.supplierId;
    supplierB = b.supplierId;
    await setStock(sys, a.id, 100);
    await setStock(sys, b.id, 100);
    await setStock(sys, m.virtual.id, 20);
    listingA = await createListing(sys, { mallId, skuId: String(a.id), priceMode: 'CASH', priceFen: PRICE_A });
    listingB = await createListing(sys, { mallId, skuId: String(b.id), priceMode: 'CASH', priceFen: PRICE_B });
    listingV = await createListing(sys, { mallId, skuId: String(m.virtual.id), priceMode: 'CASH', priceFen: PRICE_V });
    for (const [supplierId, fee, over] of [
      [supplierA, FEE_A, OVER_A],
      [supplierB, FEE_B, null],
      [supplierV, FEE_V, null],
    ] as const) {
      const r = await sys.gql(supplierAdmin(supplierId), SET_SHIPPING, {
        i: { shippingFeeFen: fee, freeShippingOverFen: over },
      });
      assert.deepEqual(ok<any>(r, 'setSupplierShipping').supplier, {
        id: String(supplierId),
        shippingFeeFen: fee,
        freeShippingOverFen: over,
      });
    }
  });
  after(async () => {
    await sys?.stop();
  });

  /** The order's supplier orders by supplier, read back with their fees. */
  async function feesBySupplier(orderId: string): Promise<Map<number, { id: string; shippingFen: number }>> {
    const em = (await sys.orm('orders')).em.fork();
    const rows = (await em
      .getConnection()
      .execute('SELECT id, supplier_id, shipping_fen FROM supplier_order WHERE order_id = ?', [Number(orderId)])) as {
      id: number;
      supplier_id: number;
      shipping_fen: number;
    }[];
    return new Map(rows.map((r) => [Number(r.supplier_id), { id: String(r.id), shippingFen: Number(r.shipping_fen) }]));
  }

  it('only supplier admins set their own shipping terms, within bounds', async () => {
    assert.equal(
      errorCode(await sys.gql(supplierStaff(supplierA), SET_SHIPPING, { i: { shippingFeeFen: 1 } })),
      'FORBIDDEN',
    );
    assert.equal(
      errorCode(
        await sys.gql(supplierAdmin(supplierB), SET_SHIPPING, {
          i: { supplierId: String(supplierA), shippingFeeFen: 1 },
        }),
      ),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(supplierAdmin(supplierA), SET_SHIPPING, { i: { shippingFeeFen: 50_001 } })),
      'BAD_USER_INPUT',
    );
    const em = (await sys.orm('catalog')).em.fork();
    const a = await em.findOneOrFail(Supplier, supplierA);
    assert.deepEqual([a.shippingFeeFen, Number(a.freeShippingOverFen)], [FEE_A, OVER_A]);
  });

  it('charges each supplier order with physical goods its fee once, in cash; a virtual-only one nothing', async () => {
    const order = ok<any>(
      await checkout([
        [listingA, 2],
        [listingB, 1],
        [listingV, 1],
      ]),
      'checkout',
    ).order;
    const goods = 2 * PRICE_A + PRICE_B + PRICE_V;
    assert.deepEqual([order.shippingFen, order.cashFen], [FEE_A + FEE_B, goods + FEE_A + FEE_B]);
    const fees = await feesBySupplier(order.id);
    assert.deepEqual(
      [fees.get(supplierA)!.shippingFen, fees.get(supplierB)!.shippingFen, fees.get(supplierV)!.shippingFen],
      [FEE_A, FEE_B, 0],
    );
    const shown = ok<any>(await sys.gql(customer(1, 8), ORDER, { id: order.id }), 'order');
    assert.deepEqual(
      shown.supplierOrders.map((so: any) => so.shippingFen).sort((x: number, y: number) => x - y),
      [0, FEE_B, FEE_A],
    );
  });

  it("waives a supplier's fee when its goods in the order reach the threshold", async () => {
    const order = ok<any>(
      await checkout([
        [listingA, OVER_A / PRICE_A],
        [listingB, 1],
      ]),
      'checkout',
    ).order;
    assert.deepEqual([order.shippingFen, order.cashFen], [FEE_B, OVER_A + PRICE_B + FEE_B]);
    assert.equal((await feesBySupplier(order.id)).get(supplierA)!.shippingFen, 0);
  });

  it('refunds the fee with a whole supplier order cancelled before shipment, not with a refund after shipment', async () => {
    // Cancelled before shipment: every supplier order's goods and fee come back.
    const cancelled = ok<any>(
      await checkout([
        [listingA, 1],
        [listingB, 1],
      ]),
      'checkout',
    ).order;
    await pay(cancelled);
    assert.equal(
      ok<any>(await sys.gql(customer(1, 8), CANCEL, { i: { orderId: cancelled.id } }), 'cancelOrder').status,
      'CANCELLED',
    );
    const back = ok<any>(await sys.gql(customer(1, 8), ORDER, { id: cancelled.id }), 'order');
    assert.deepEqual(
      back.refunds.map((r: any) => r.shippingRefundFen).sort((x: number, y: number) => x - y),
      [FEE_B, FEE_A],
    );
    assert.equal(
      back.refunds.reduce((s: number, r: any) => s + r.cashRefundFen, 0),
      cancelled.cashFen,
      'everything paid comes back',
    );

    // Shipped, then refunded one unit and then the other: goods back, the fee kept.
    const shipped = ok<any>(await checkout([[listingA, 2]]), 'checkout').order;
    await pay(shipped);
    const so = (await feesBySupplier(shipped.id)).get(supplierA)!;
    await markShipped(sys, Number(so.id));
    const line = (
      await (
        await sys.orm('orders')
      ).em
        .fork()
        .getConnection()
        .execute('SELECT id FROM order_line WHERE order_id = ?', [Number(shipped.id)])
    )[0] as { id: number };
    let refunded = 0;
    for (let i = 0; i < 2; i++) {
      const req = ok<any>(
        await sys.gql(customer(1, 8), REQUEST, {
          i: { supplierOrderId: so.id, lines: [{ orderLineId: String(line.id), quantity: 1 }], reason: '不想要了' },
        }),
        'requestRefund',
      );
      const d = ok<any>(
        await sys.gql(supplierAdmin(supplierA), DECIDE, { i: { refundId: req.id, approve: true } }),
        'decideRefund',
      );
      assert.equal(d.shippingRefundFen, 0);
      refunded += d.cashRefundFen;
    }
    assert.equal(refunded, 2 * PRICE_A, 'the goods come back; the fee for the shipped parcel stays');
    assert.equal(shipped.cashFen, 2 * PRICE_A + FEE_A);
  });
});
