import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ok, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, supplierAdmin } from '../principals';
import { Listing } from '../../subgraphs/tenants/entities/listing';
import { Sku, SkuKind, SkuStatus } from '../../subgraphs/catalog/entities/sku';
import { assertAccessible, closeDropdowns, launchBrowser, openConsole, screenshot, signInAs } from './browser';

const MALLS = '{ bank { malls { id } } }';
const UPDATE_BANK = `mutation($input: UpdateBankInput!) { updateBank(input: $input) { bank { id } } }`;
const CREATE_LISTING = `mutation($input: CreateListingInput!) { createListing(input: $input) { listing { id } } }`;
const UPDATE_SKU = `mutation($input: UpdateSkuInput!) { updateSku(input: $input) { sku { id } } }`;
const LISTING = `query($id: ID!) { listing(id: $id) { id status priceGuard { state } } }`;

/**
 * Issue 22: the listings the price guard paused show on the curation page's listings tab under the
 * "价格保护" filter, marked; the operator resumes one there and the mark is gone.
 */
describe('console price guard', () => {
  let sys: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let listingId: string;

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    const mallId = ok(await sys.gql(bankAdmin(1), MALLS), 'bank').malls[0].id as string;
    const tenants = (await sys.orm('tenants')).em.fork();
    const listed = new Set((await tenants.find(Listing, { mall: Number(mallId) })).map((l) => l.skuId));
    const catalog = (await sys.orm('catalog')).em.fork();
    const skus = await catalog.find(
      Sku,
      { kind: SkuKind.PHYSICAL, status: SkuStatus.ACTIVE, supplierPriceFen: { $gte: 1000 } },
      { orderBy: { id: 'ASC' }, limit: 200 },
    );
    const sku = skus.find((s) => !listed.has(s.id))!;
    assert.ok(sku, 'a SKU the mall does not list yet');
    ok(await sys.gql(bankAdmin(1), UPDATE_BANK, { input: { priceGuardAction: 'PAUSE' } }), 'updateBank');
    listingId = ok(
      await sys.gql(bankAdmin(1), CREATE_LISTING, {
        input: {
          mallId,
          skuId: String(sku.id),
          priceMode: 'CASH',
          pricePoints: 0,
          priceFen: sku.supplierPriceFen + 50,
        },
      }),
      'createListing',
    ).listing.id;
    const cost = sku.supplierPriceFen + 200;
    ok(
      await sys.gql(supplierAdmin(sku.supplierId), UPDATE_SKU, {
        input: { skuId: String(sku.id), supplierPriceFen: cost, listPriceFen: Math.max(sku.listPriceFen, cost) },
      }),
      'updateSku',
    );
    // The catalog's relay hands the change to tenants (about a second).
    const until = Date.now() + 20_000;
    while (ok(await sys.gql(bankAdmin(1), LISTING, { id: listingId }), 'listing').priceGuard?.state !== 'PAUSED') {
      assert.ok(Date.now() < until, 'the guard paused the listing within 20 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  it('the price-guard filter shows the paused listing marked; resuming it there clears the mark', async () => {
    ({ context, page } = await openConsole(browser, sys.stack.urls.gateway));
    await signInAs(page, 'ljrcb.operator');
    await page.getByTestId('menu-curation').click();
    await page.getByTestId('page-curation').waitFor();
    await page.getByTestId('tab-listings').click();
    const rows = page.locator('[data-testid=listings-table] tbody tr.ant-table-row');
    await rows.first().waitFor();
    await page.getByTestId('listings-price-guard').click();
    await page.locator('.ant-select-item-option', { hasText: '仅看价格保护标记' }).click();
    await closeDropdowns(page);
    const tag = page.getByTestId(`listing-price-guard-${listingId}`);
    await tag.waitFor();
    assert.match(await tag.innerText(), /价格保护：已自动暂停/);
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
    assert.deepEqual(shown, [listingId], 'only the marked listing is shown');
    await assertAccessible(page, 'curation: price guard filter');
    await screenshot(page, 'curation-price-guard');

    await page.locator(`tr[data-row-key="${listingId}"] input[type=checkbox]`).check();
    await page.getByTestId('listings-resume').click();
    await page.getByTestId('listings-summary').waitFor();
    assert.equal(await page.getByTestId('listings-summary').getAttribute('data-updated'), '1');
    await page.getByTestId('listings-change-close').click();
    const l = ok(await sys.gql(bankAdmin(1), LISTING, { id: listingId }), 'listing');
    assert.equal(l.status, 'ACTIVE');
    assert.equal(l.priceGuard, null);
    await page.getByText('本商城还没有上架商品').waitFor();
    assert.equal(await rows.count(), 0, 'nothing marked any more');
  });
});
