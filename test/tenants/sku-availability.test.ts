import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { Listing } from '../../subgraphs/tenants/entities/listing';
import { ADDRESS, CHECKOUT, createListing, setStock, setUpMall } from '../orders/helpers';
import { bankAdmin, customer, supplierAdmin } from '../principals';
import { waitFor } from '../logistics/helpers';

const MALL_LISTINGS =
  'query($m: ID!, $skus: [ID!]) { mall(id: $m) { listings(first: 10, filter: { skuIds: $skus }) { edges { node { id skuOnSale } } } } }';
const DEACTIVATE = 'mutation($ids: [ID!]!) { deactivateSkus(input: { skuIds: $ids }) { skus { id status } } }';
const REACTIVATE = 'mutation($id: ID!) { updateSku(input: { skuId: $id, status: ACTIVE }) { sku { id status } } }';
const REFRESH = 'mutation($ids: [ID!]!) { refreshSkuAvailability(skuIds: $ids) }';

describe('listings follow the catalog when a supplier takes a SKU off sale', () => {
  let sys: TestSystem;
  let mallId: string;
  let listingId: string;
  let skuId: string;
  let supplierId: number;

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    skuId = String(m.physical.id);
    supplierId = m.physical.supplierId;
    await setStock(sys, m.physical.id, 50);
    listingId = await createListing(sys, { mallId, skuId, priceMode: 'POINTS', pricePoints: 10 });
  });
  after(async () => {
    await sys?.stop();
  });

  const seenBy = async (who: Parameters<TestSystem['gql']>[0]) => {
    const r = await sys.gql(who, MALL_LISTINGS, { m: mallId, skus: [skuId] });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.mall.listings.edges.map((e: any) => e.node);
  };

  it('hides the listing from customers while the SKU is off sale; staff see it flagged; it comes back when the SKU does', async () => {
    assert.deepEqual(await seenBy(customer(1, 21)), [{ id: listingId, skuOnSale: true }]);

    const off = await sys.gql(supplierAdmin(supplierId), DEACTIVATE, { ids: [skuId] });
    assert.equal(off.errors, undefined, JSON.stringify(off.errors));
    await waitFor('the listing to leave the mall', async () => (await seenBy(customer(1, 21))).length === 0);
    assert.deepEqual(await seenBy(bankAdmin(1)), [{ id: listingId, skuOnSale: false }]);
    // Checkout prices only what the customer may buy now.
    const checkout = await sys.gql(customer(1, 21), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'off-sale-checkout-1',
      },
    });
    assert.ok(
      ['NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT'].includes(errorCode(checkout)!),
      JSON.stringify(checkout.errors),
    );

    const on = await sys.gql(supplierAdmin(supplierId), REACTIVATE, { id: skuId });
    assert.equal(on.errors, undefined, JSON.stringify(on.errors));
    await waitFor('the listing to come back', async () => (await seenBy(customer(1, 21))).length === 1);
    assert.deepEqual(await seenBy(bankAdmin(1)), [{ id: listingId, skuOnSale: true }]);
  });

  it('a late or repeated announcement ends in the catalog’s present state, and only services may send one', async () => {
    // The SKU is on sale now; a stale "it changed" replayed twice reads the catalog again and changes nothing.
    for (let i = 0; i < 2; i++) {
      const r = await sys.asService('tenants', REFRESH, { ids: [skuId] });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      assert.equal(r.data!.refreshSkuAvailability, 0);
    }
    const listing = await (await sys.orm('tenants')).em.fork().findOneOrFail(Listing, Number(listingId));
    assert.equal(listing.skuOnSale, true);
    // A SKU the catalog does not know is off sale for every listing of it (none here).
    assert.equal((await sys.asService('tenants', REFRESH, { ids: ['99999999'] })).data!.refreshSkuAvailability, 0);
    assert.equal(errorCode(await sys.asService('tenants', REFRESH, { ids: ['x'] })), 'BAD_USER_INPUT');

    assert.ok((await sys.gql(bankAdmin(1), REFRESH, { ids: [skuId] })).errors?.length, 'not in the public API');
    const token = await sys.identityToken(bankAdmin(1), 'tenants');
    const direct = await sys.subgraphRaw(
      'tenants',
      { query: REFRESH, variables: { ids: [skuId] } },
      { 'x-perkmall-identity': token },
    );
    assert.equal(errorCode(direct.body), 'FORBIDDEN');
  });
});
