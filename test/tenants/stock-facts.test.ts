import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../harness';
import { Mall } from '../../subgraphs/tenants/entities/mall';
import { Listing } from '../../subgraphs/tenants/entities/listing';
import { ADDRESS, CANCEL, CHECKOUT, PAY, setStock, setUpMall } from '../orders/helpers';
import { bankAdmin, customer, partnerApp, supplierAdmin } from '../principals';
import { waitFor } from '../logistics/helpers';

/**
 * Issue 22: a listing's "in stock" copy follows the catalog when the SKU's stock (or card pool)
 * crosses zero — bought out, released by a cancelled order, restocked, codes uploaded — in every
 * mall that lists it, and an older read never overwrites a newer one.
 */
const IN_STOCK = `query($m: ID!, $skus: [ID!]) { mall(id: $m) { listings(first: 10, filter: { skuIds: $skus, inStockOnly: true }) { edges { node { id } } } } }`;
const ADJUST = 'mutation($i: AdjustStockInput!) { adjustStock(input: $i) { stock { available } } }';
const UPLOAD = 'mutation($i: UploadCodesInput!) { uploadCodes(input: $i) { inserted } }';
const REFRESH = 'mutation($ids: [ID!]!) { refreshSkuAvailability(skuIds: $ids) }';
const LISTING = 'mutation($input: CreateListingInput!) { createListing(input: $input) { listing { id } } }';

describe('mall listings follow their SKU in and out of stock', () => {
  let sys: TestSystem;
  let mall1: string;
  let mall2: string;
  let physical: { id: number; supplierId: number };
  let card: { id: number; supplierId: number; kindId: number };
  const listings: Record<string, { mall1: string; mall2?: string }> = {};
  let keys = 0;

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mall1 = m.mallId;
    physical = { id: m.physical.id, supplierId: m.physical.supplierId };
    card = { id: m.virtual.id, supplierId: m.virtual.supplierId, kindId: m.virtual.virtualCardKindId! };
    const tenants = (await sys.orm('tenants')).em.fork();
    const other = tenants.create(Mall, { bank: 2, name: '第二家银行的商城', createdAt: new Date() } as never);
    await tenants.flush();
    mall2 = String((other as Mall).id);
    await setStock(sys, physical.id, 2);
    await setStock(sys, card.id, 1);
    const list = async (bank: number, mallId: string, skuId: number) => {
      const r = await sys.gql(bankAdmin(bank), LISTING, {
        input: { mallId, skuId: String(skuId), priceMode: 'CASH', pricePoints: 0, priceFen: 1000 },
      });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      return r.data!.createListing.listing.id as string;
    };
    listings.physical = { mall1: await list(1, mall1, physical.id), mall2: await list(2, mall2, physical.id) };
    listings.card = { mall1: await list(1, mall1, card.id) };
  });
  after(async () => {
    await sys?.stop();
  });

  const shown = async (who: Parameters<TestSystem['gql']>[0], mallId: string, skuId: number) => {
    const r = await sys.gql(who, IN_STOCK, { m: mallId, skus: [String(skuId)] });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.mall.listings.edges.length === 1;
  };
  /** Polls both banks' in-stock searches (each bank's own customer) until they show `want`. */
  const bothMallsShow = (skuId: number, want: boolean, what: string) =>
    waitFor(
      what,
      async () =>
        (await shown(customer(1, 4), mall1, skuId)) === want && (await shown(customer(2, 23), mall2, skuId)) === want,
      8_000,
    );
  const buy = async (listingId: string, quantity: number) => {
    const r = await sys.gql(customer(1, 4), CHECKOUT, {
      input: {
        mallId: mall1,
        lines: [{ listingId, quantity }],
        shippingAddress: ADDRESS,
        idempotencyKey: `stock-facts-${++keys}`,
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.checkout.order as { id: string; cashFen: number };
  };

  it('the last units taken at checkout hide it from in-stock searches of both banks’ malls; a cancelled order brings it back', async () => {
    assert.ok(await shown(customer(1, 4), mall1, physical.id));
    assert.ok(await shown(customer(2, 23), mall2, physical.id));
    const order = await buy(listings.physical!.mall1, 2);
    await bothMallsShow(physical.id, false, 'both malls to stop showing the bought-out SKU');

    // The unpaid order is cancelled: its reservation is released, the units are on sale again.
    const c = await sys.gql(customer(1, 4), CANCEL, { i: { orderId: order.id } });
    assert.equal(c.errors, undefined, JSON.stringify(c.errors));
    await bothMallsShow(physical.id, true, 'the released units to bring it back');
  });

  it('a paid order that takes the last units keeps it out until the supplier restocks', async () => {
    const order = await buy(listings.physical!.mall1, 2);
    const paid = await sys.gql(partnerApp(1), PAY, {
      i: { orderId: order.id, paymentRef: `stock-facts-pay-${keys}`, amountFen: order.cashFen },
    });
    assert.equal(paid.errors, undefined, JSON.stringify(paid.errors));
    await bothMallsShow(physical.id, false, 'the sold-out SKU to leave the in-stock searches');
    const restock = await sys.gql(supplierAdmin(physical.supplierId), ADJUST, {
      i: { skuId: String(physical.id), mode: 'DELTA', quantity: 5, reason: '补货' },
    });
    assert.equal(restock.errors, undefined, JSON.stringify(restock.errors));
    await bothMallsShow(physical.id, true, 'the restocked SKU to come back');
    // A move that does not cross zero announces nothing new (the copy simply stays in stock).
    const more = await sys.gql(supplierAdmin(physical.supplierId), ADJUST, {
      i: { skuId: String(physical.id), mode: 'DELTA', quantity: -1, reason: '盘点' },
    });
    assert.equal(more.errors, undefined, JSON.stringify(more.errors));
    assert.ok(await shown(customer(1, 4), mall1, physical.id));
  });

  it('a card SKU leaves when a purchase empties its code pool and returns when codes are uploaded', async () => {
    assert.ok(await shown(customer(1, 4), mall1, card.id));
    const order = await buy(listings.card!.mall1, 1);
    await waitFor(
      'the card SKU with an empty pool to leave',
      async () => !(await shown(customer(1, 4), mall1, card.id)),
      8_000,
    );
    const paid = await sys.gql(partnerApp(1), PAY, {
      i: { orderId: order.id, paymentRef: `stock-facts-pay-${keys}`, amountFen: order.cashFen },
    });
    assert.equal(paid.errors, undefined, JSON.stringify(paid.errors));
    const up = await sys.gql(supplierAdmin(card.supplierId), UPLOAD, {
      i: {
        virtualCardKindId: String(card.kindId),
        codes: [`STOCK-FACTS-${Date.now()}-1`, `STOCK-FACTS-${Date.now()}-2`],
      },
    });
    assert.equal(up.errors, undefined, JSON.stringify(up.errors));
    assert.equal(up.data!.uploadCodes.inserted, 2);
    await waitFor('the refilled card SKU to come back', () => shown(customer(1, 4), mall1, card.id), 8_000);
  });

  it('an older read never overwrites a newer copy: the copy keeps the catalog’s version of the fact', async () => {
    const em = (await sys.orm('tenants')).em.fork();
    const id = Number(listings.physical!.mall1);
    const before = await em.findOneOrFail(Listing, id);
    assert.equal(before.inStock, true);
    assert.ok(before.inStockVersion >= 4, `four crossings so far, version ${before.inStockVersion}`);
    // Pretend a newer announcement (out of stock) was applied; the catalog's present read is older.
    await em.nativeUpdate(Listing, { id }, { inStock: false, inStockVersion: before.inStockVersion + 1 });
    const r = await sys.asService('tenants', REFRESH, { ids: [String(physical.id)] });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const kept = await em.fork().findOneOrFail(Listing, id);
    assert.equal(kept.inStock, false, 'the older read left the newer copy alone');
    // The same read at its own version (a repeated delivery) rewrites it.
    await em.nativeUpdate(Listing, { id }, { inStock: false, inStockVersion: before.inStockVersion });
    await sys.asService('tenants', REFRESH, { ids: [String(physical.id)] });
    assert.equal((await em.fork().findOneOrFail(Listing, id)).inStock, true);
  });
});
