import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { ADDRESS, CHECKOUT, PAY, createListing, markShipped, setStock, setUpMall } from '../orders/helpers';
import { bankAdmin, customer, partnerApp, supplierAdmin } from '../principals';
import { waitFor } from '../logistics/helpers';

/**
 * Issue 22: the mall's best-selling count is units sold less units refunded — each refund once,
 * whatever the order or number of deliveries, never below zero.
 */
const BEST_SELLING = `query($m: ID!) { mall(id: $m) { listings(first: 10, sort: BEST_SELLING) { edges { node { id salesCount } } } } }`;
const REQUEST = 'mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id state } }';
const DECIDE = 'mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state } }';
const RECORD_SALES = 'mutation($o: ID!, $l: [ListingUnitsInput!]!) { recordListingSales(orderId: $o, lines: $l) }';
const RECORD_REFUND =
  'mutation($r: ID!, $o: ID!, $l: [ListingUnitsInput!]!) { recordListingRefund(refundId: $r, orderId: $o, lines: $l) }';

describe('refunds take their units off the best-selling count', () => {
  let sys: TestSystem;
  let mallId: string;
  let bought: string;
  let other: string;
  let supplierId: number;

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    supplierId = m.physical.supplierId;
    await setStock(sys, m.physical.id, 20);
    await setStock(sys, m.physical2.id, 20);
    bought = await createListing(sys, {
      mallId,
      skuId: String(m.physical.id),
      priceMode: 'CASH',
      pricePoints: 0,
      priceFen: 1000,
    });
    // Created after, so it sorts first among equal counts (BEST_SELLING breaks ties by id, newest first).
    other = await createListing(sys, {
      mallId,
      skuId: String(m.physical2.id),
      priceMode: 'CASH',
      pricePoints: 0,
      priceFen: 1000,
    });
  });
  after(async () => {
    await sys?.stop();
  });

  const ranking = async () => {
    const r = await sys.gql(customer(1, 6), BEST_SELLING, { m: mallId });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.mall.listings.edges.map((e: any) => [e.node.id, e.node.salesCount]);
  };
  const service = async (query: string, variables: Record<string, unknown>) => {
    const r = await sys.asService('tenants', query, variables);
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return Object.values(r.data!)[0];
  };

  it('buy 3, refund 1: the listing counts 2 and falls behind a listing that sold 2; a redelivery changes nothing', async () => {
    // The other listing sold 2 (recorded as orders would announce it).
    assert.equal(await service(RECORD_SALES, { o: '9000001', l: [{ listingId: other, quantity: 2 }] }), true);
    const co = await sys.gql(customer(1, 6), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: bought, quantity: 3 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'sales-refund-0001',
      },
    });
    assert.equal(co.errors, undefined, JSON.stringify(co.errors));
    const order = co.data!.checkout.order;
    const paid = await sys.gql(partnerApp(1), PAY, {
      i: { orderId: order.id, paymentRef: 'SALES-REFUND-PAY-1', amountFen: order.cashFen },
    });
    assert.equal(paid.errors, undefined, JSON.stringify(paid.errors));
    await waitFor('the paid order to count 3', async () => (await ranking())[0]?.[1] === 3);
    assert.deepEqual(await ranking(), [
      [bought, 3],
      [other, 2],
    ]);

    const supplierOrderId = order.supplierOrders[0].id;
    await markShipped(sys, Number(supplierOrderId));
    const req = await sys.gql(customer(1, 6), REQUEST, {
      i: { supplierOrderId, lines: [{ orderLineId: order.lines[0].id, quantity: 1 }], reason: '多买了一个' },
    });
    assert.equal(req.errors, undefined, JSON.stringify(req.errors));
    const refundId = req.data!.requestRefund.id as string;
    const d = await sys.gql(supplierAdmin(supplierId), DECIDE, { i: { refundId, approve: true } });
    assert.equal(d.errors, undefined, JSON.stringify(d.errors));
    await waitFor('the refund to take 1 off', async () =>
      (await ranking()).some(([id, n]: any) => id === bought && n === 2),
    );
    assert.deepEqual(await ranking(), [
      [other, 2],
      [bought, 2],
    ]);

    // The relay delivers again (at least once): recorded before, nothing changes.
    assert.equal(
      await service(RECORD_REFUND, { r: refundId, o: order.id, l: [{ listingId: bought, quantity: 1 }] }),
      false,
    );
    assert.deepEqual(await ranking(), [
      [other, 2],
      [bought, 2],
    ]);
  });

  it('a refund delivered before its order’s sales is counted when they come; a count never goes below zero', async () => {
    assert.equal(
      await service(RECORD_REFUND, { r: '9100001', o: '9000002', l: [{ listingId: other, quantity: 1 }] }),
      true,
    );
    assert.deepEqual(await ranking(), [
      [other, 2],
      [bought, 2],
    ]);
    assert.equal(await service(RECORD_SALES, { o: '9000002', l: [{ listingId: other, quantity: 4 }] }), true);
    assert.deepEqual(await ranking(), [
      [other, 5],
      [bought, 2],
    ]);
    // More refunded than counted (an order counted before the refunds were): zero, not negative.
    assert.equal(
      await service(RECORD_REFUND, { r: '9100002', o: '9000002', l: [{ listingId: other, quantity: 9 }] }),
      true,
    );
    assert.deepEqual(await ranking(), [
      [bought, 2],
      [other, 0],
    ]);
  });

  it('only services record refunds: a bank admin is refused, and bad input is BAD_USER_INPUT', async () => {
    const vars = { r: '9100003', o: '9000003', l: [{ listingId: other, quantity: 1 }] };
    assert.ok((await sys.gql(bankAdmin(1), RECORD_REFUND, vars)).errors?.length, 'not in the public API');
    const token = await sys.identityToken(bankAdmin(2), 'tenants');
    const direct = await sys.subgraphRaw(
      'tenants',
      { query: RECORD_REFUND, variables: vars },
      { 'x-perkmall-identity': token },
    );
    assert.equal(errorCode(direct.body), 'FORBIDDEN');
    const bad = await sys.asService('tenants', RECORD_REFUND, { ...vars, l: [{ listingId: other, quantity: 0 }] });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    assert.deepEqual(await ranking(), [
      [bought, 2],
      [other, 0],
    ]);
  });
});
