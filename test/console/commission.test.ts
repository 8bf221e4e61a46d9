import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ok, startTestSystem, type TestSystem } from '../harness';
import { ADDRESS, CHECKOUT, createListing, customer, setStock, setUpMall } from '../orders/helpers';
import { waitFor } from '../logistics/helpers';
import { platform } from '../principals';
import { assertAccessible, closeDropdowns, launchBrowser, openConsole, screenshot, signInAs } from './browser';

const RATES = 'query($s: ID!) { commissionRates(supplierId: $s) { id categoryId rateBp validFrom validTo } }';
const EXPOSURE =
  'query { advanceExposure(bankId: "1") { exposureFen heldCount terms { enabled exposureCapFen repaymentTermDays } } }';

/**
 * Issue 19: the platform's settlement pages in a real browser — commission rates (佣金费率: a
 * supplier's rates, adding the supplier's default, ending it) and advance payment (垫资: a bank's
 * terms, its exposure against the cap, a payout held over the cap and released when the cap rises).
 */
describe('console commission rates and advance payment (platform)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let supplierId: string;
  let mallId: string;
  let listing: string;

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    const m = await setUpMall(sys);
    mallId = m.mallId;
    await setStock(sys, m.physical.id, 10);
    listing = await createListing(sys, { mallId, skuId: String(m.physical.id), priceMode: 'POINTS', pricePoints: 200 });
    const opened = await openConsole(browser, sys.stack.urls.gateway);
    context = opened.context;
    page = opened.page;
    // A page that fails to render says why in the test's output.
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') console.error('console error:', m.text());
    });
    await signInAs(page, 'platform.admin');
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  /** Opens the page afresh through the menu (a reload would sign the session out: its token lives in memory). */
  async function reopen(menu: string, testId: string) {
    await page.getByTestId('menu-dashboard').click();
    await page.getByTestId('page-dashboard').waitFor();
    await page.getByTestId(`menu-${menu}`).click();
    await page.getByTestId(testId).waitFor();
  }

  it('lists a supplier’s rates, adds its default rate and ends it', async () => {
    await page.getByTestId('menu-commission-rates').click();
    await page
      .getByTestId('page-commission')
      .waitFor()
      .catch(async (e: unknown) => {
        await screenshot(page, 'commission-rates-failed');
        console.error(await page.locator('body').innerText());
        throw e;
      });
    // The page opens on the first supplier: give it a category rate through the API, then open it again.
    await waitFor(
      'a supplier chosen',
      async () => (await page.getByTestId('commission-supplier').innerText()).trim() !== '',
    );
    const suppliers = ok<any>(
      await sys.gql(platform, '{ suppliers(first: 100) { edges { node { id name } } } }'),
      'suppliers',
    );
    supplierId = suppliers.edges[0].node.id;
    ok(
      await sys.gql(platform, 'mutation($i: SetCommissionRateInput!) { setCommissionRate(input: $i) { id } }', {
        i: { supplierId, categoryId: '1', rateBp: 650, validFrom: '2026-01-01' },
      }),
      'setCommissionRate',
    );
    await reopen('commission-rates', 'page-commission');
    await page.getByTestId('commission-table').getByText('6.50%').waitFor();

    await page.getByTestId('commission-add').click();
    await page.getByTestId('commission-rate').fill('4.5');
    await page.getByTestId('commission-from').fill('2026-01-01');
    await assertAccessible(page, 'the add-a-rate dialog');
    await page.getByTestId('commission-confirm').click();
    await page.getByTestId('commission-table').getByText('4.50%').waitFor();
    const rates = ok<any[]>(await sys.gql(platform, RATES, { s: supplierId }), 'commissionRates');
    const added = rates.find((r) => r.categoryId == null)!;
    assert.deepEqual([added.rateBp, added.validFrom, added.validTo], [450, '2026-01-01', null]);
    await assertAccessible(page, 'the commission rates page');
    await screenshot(page, 'commission-rates');

    // An overlapping default is refused with the API's words; nothing is added.
    await page.getByTestId('commission-add').click();
    await page.getByTestId('commission-rate').fill('3');
    await page.getByTestId('commission-from').fill('2026-06-01');
    await page.getByTestId('commission-confirm').click();
    await page.getByText(/end it first/).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(ok<any[]>(await sys.gql(platform, RATES, { s: supplierId }), 'commissionRates').length, 2);

    await page.getByTestId(`end-rate-${added.id}`).click();
    await page.getByTestId('end-date').fill('2026-12-31');
    await page.getByTestId('end-confirm').click();
    await page.getByTestId(`rate-${added.id}`).getByText('2026-12-31').waitFor();
    const ended = ok<any[]>(await sys.gql(platform, RATES, { s: supplierId }), 'commissionRates').find(
      (r) => r.id === added.id,
    )!;
    assert.equal(ended.validTo, '2026-12-31');
  });

  it('sets a bank’s advance terms, shows a payout held over the cap and releases it when the cap rises', async () => {
    await page.getByTestId('menu-advance-payment').click();
    await page.getByTestId('page-advance').waitFor();
    // Banks come oldest first: bank 1 is chosen.
    await waitFor('a bank chosen', async () => (await page.getByTestId('advance-bank').innerText()).trim() !== '');
    await closeDropdowns(page);
    await page.getByTestId('advance-figures').waitFor(); // the bank's terms are in the form
    // Advance mode on with no room: the next delivery is held.
    await page.getByTestId('advance-enabled').click();
    await page.getByTestId('advance-cap').fill('0');
    await page.getByTestId('advance-term').fill('20');
    await page.getByTestId('advance-save').click();
    await waitFor('terms saved', async () => {
      const x = ok<any[]>(await sys.gql(platform, EXPOSURE), 'advanceExposure')[0];
      return x.terms?.enabled === true && x.terms.repaymentTermDays === 20;
    });
    const o = ok<any>(
      await sys.gql(customer(1, 5), CHECKOUT, {
        input: {
          mallId,
          lines: [{ listingId: listing, quantity: 1 }],
          shippingAddress: ADDRESS,
          idempotencyKey: `adv-${randomUUID()}`,
        },
      }),
      'checkout',
    ).order;
    const d = await sys.asService(
      'orders',
      'mutation($id: ID!, $at: DateTime!) { recordSupplierOrderProgress(supplierOrderId: $id, status: DELIVERED, at: $at) { status } }',
      { id: o.supplierOrders[0].id, at: new Date().toISOString() },
    );
    assert.equal(d.errors, undefined, JSON.stringify(d.errors));
    assert.equal(ok<any[]>(await sys.gql(platform, EXPOSURE), 'advanceExposure')[0].heldCount, 1);
    await reopen('advance-payment', 'page-advance');
    await page.getByTestId('advance-figures').waitFor();
    await waitFor(
      'the held payout listed',
      async () => (await page.getByTestId('advance-held-table').locator('tbody tr.ant-table-row').count()) === 1,
    );
    await assertAccessible(page, 'the advance payment page with a held payout');
    await screenshot(page, 'advance-payment-held');
    // A cap with room: saving releases it, and the gauge shows the exposure.
    await page.getByTestId('advance-cap').fill('100000');
    await page.getByTestId('advance-save').click();
    await waitFor(
      'released',
      async () => ok<any[]>(await sys.gql(platform, EXPOSURE), 'advanceExposure')[0].heldCount === 0,
    );
    await waitFor(
      'no held payout listed',
      async () => (await page.getByTestId('advance-held-table').locator('tbody tr.ant-table-row').count()) === 0,
    );
    const x = ok<any[]>(await sys.gql(platform, EXPOSURE), 'advanceExposure')[0];
    assert.ok(x.exposureFen > 0);
    assert.equal(x.terms.exposureCapFen, 10_000_000);
    assert.match(
      await page.getByTestId('advance-exposure').innerText(),
      new RegExp(`${(x.exposureFen / 100).toFixed(2)}`),
    );
    await assertAccessible(page, 'the advance payment page');
    await screenshot(page, 'advance-payment');
  });
});
