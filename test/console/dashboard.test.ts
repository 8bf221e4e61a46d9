import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../harness';
import { ADDRESS, CHECKOUT, bankAdmin, createListing, customer, setStock, setUpMall } from '../orders/helpers';
import { platform as platformPrincipal } from '../principals';
import { addDays, localDay } from '../../subgraphs/orders/services/local-time';
import { waitFor } from '../logistics/helpers';
import { assertAccessible, dashboardFigure, launchBrowser, openConsole, screenshot, signInAs } from './browser';

const TOTALS = `query($i: SalesDashboardInput!) { salesDashboard(input: $i) { version totals { orders gmvCashFen } } }`;

const figure = dashboardFigure;

/**
 * Issue 16, part 1: the live sales dashboard in a real browser against the real stack. A sale made
 * through the partner API (a customer's checkout, the bank confirming the cash payment) moves the
 * page's figures without a reload, through the 3 s version poll.
 */
describe('console sales dashboard', () => {
  let sys: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let admin: Page;
  let mallId: string;
  let listingId: string;
  // The page's default range: the last 7 of the bank's days (Asia/Shanghai), today included.
  const today = localDay(new Date(), 'Asia/Shanghai');
  const range = { bankId: '1', fromDay: addDays(today, -6), toDay: today };

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    const m = await setUpMall(sys);
    mallId = m.mallId;
    await setStock(sys, m.physical.id, 100);
    listingId = await createListing(sys, { mallId, skuId: String(m.physical.id), priceMode: 'CASH', priceFen: 2350 });
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  async function totals() {
    const r = await sys.gql(bankAdmin(1), TOTALS, { i: range });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.salesDashboard as { version: string; totals: { orders: number; gmvCashFen: number } };
  }

  /** A customer of bank 1 buys through the partner API; the bank confirms the cash payment. */
  async function buy(quantity: number): Promise<void> {
    const c = await sys.gql(customer(1, 3), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId, quantity }],
        shippingAddress: ADDRESS,
        idempotencyKey: `console-dash-${randomUUID()}`,
      },
    });
    assert.equal(c.errors, undefined, JSON.stringify(c.errors));
    const o = c.data!.checkout.order;
    assert.equal(o.status, 'PENDING_PAYMENT');
    const p = await sys.gql(
      bankAdmin(1),
      'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }',
      {
        i: { orderId: o.id, paymentRef: `console-dash-pay-${o.id}`, amountFen: o.cashFen },
      },
    );
    assert.equal(p.errors, undefined, JSON.stringify(p.errors));
    assert.equal(p.data!.confirmPayment.status, 'PAID');
  }

  it('a bank admin signs in and the dashboard shows the API’s figures for the last 7 days', async () => {
    ({ context, page: admin } = await openConsole(browser, sys.stack.urls.gateway));
    await signInAs(admin, 'ljrcb.admin');
    await admin.getByTestId('sales-dashboard').waitFor();
    await admin.getByTestId('total-orders').waitFor();
    const api = await totals();
    assert.equal(await figure(admin, 'orders'), api.totals.orders);
    assert.equal(await figure(admin, 'gmv-cash'), api.totals.gmvCashFen / 100);
    // Default range: 7 days of the bank's calendar, one row per day.
    assert.equal(await admin.locator('[data-testid=table-series] tbody tr.ant-table-row').count(), 7);
    assert.match(await admin.getByTestId('table-series').innerText(), new RegExp(today));
    assert.equal(await admin.getByTestId('chart-series').locator('canvas').count(), 1, 'the series chart is drawn');
  });

  it('a sale through the partner API moves orders and GMV on the open page within 5 s, without a reload', async () => {
    const ordersBefore = await figure(admin, 'orders');
    const cashBefore = await figure(admin, 'gmv-cash');
    // Survives only if the page is not reloaded.
    await admin.evaluate(() => ((globalThis as unknown as { marker: string }).marker = 'still here'));
    await buy(2);
    const bought = Date.now();
    await waitFor('the orders figure to move', async () => (await figure(admin, 'orders')) === ordersBefore + 1, 5000);
    assert.ok(Date.now() - bought <= 5000);
    assert.equal(await figure(admin, 'orders'), ordersBefore + 1);
    assert.equal(Math.round((await figure(admin, 'gmv-cash')) * 100), Math.round(cashBefore * 100) + 2 * 2350);
    assert.equal(
      await admin.evaluate(() => (globalThis as unknown as { marker?: string }).marker),
      'still here',
      'no reload',
    );
    const api = await totals();
    assert.equal(await figure(admin, 'orders'), api.totals.orders);
    // The sold listing leads the top listings with its 2 units.
    const top = admin.locator('[data-testid=table-top-listings] tbody tr.ant-table-row').first();
    assert.equal(await top.getAttribute('data-row-key'), listingId);
    assert.match(await top.innerText(), /\b2\b/);
    await assertAccessible(admin, 'sales dashboard');
    await screenshot(admin, 'sales-dashboard');
  });

  it('exports the series as CSV through a download, switches to hourly buckets and to English', async () => {
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('csv-series').click()]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    assert.equal(lines.length, 1 + 7, 'a header and one row per day');
    assert.ok(
      lines.some((l) => l.startsWith(today)),
      'today is a row',
    );

    // The points chart has its table and CSV too (made in the browser from loyalty's figures).
    assert.equal(await admin.locator('[data-testid=table-points] tbody tr.ant-table-row').count(), 7);
    const [points] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('csv-points').click()]);
    const pointsLines = fs
      .readFileSync((await points.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    assert.deepEqual(pointsLines[0]!.split(','), ['时段', '获得积分', '兑换积分', '过期积分']);
    assert.equal(pointsLines.length, 1 + 7);
    assert.ok(
      pointsLines.slice(1).every((l) => /^\d{4}-\d{2}-\d{2},\d+,\d+,\d+$/.test(l)),
      pointsLines.join('\n'),
    );

    await admin.getByTestId('sales-granularity').getByText('按小时').click();
    const hourRows = admin.locator('[data-testid=table-series] tbody tr.ant-table-row');
    await waitFor('hourly rows', async () => (await hourRows.count()) === 7 * 24);
    assert.match(await admin.getByTestId('table-series').innerText(), new RegExp(`${today} 00:00`));
    assert.equal(await figure(admin, 'orders'), (await totals()).totals.orders, 'the same totals by the hour');
    await screenshot(admin, 'sales-dashboard-hourly');
    // In English: the same figures under English headings, amounts still yuan.
    await admin.getByTestId('language-switch').click();
    await admin.getByText('English', { exact: true }).click();
    await admin.getByRole('heading', { name: 'Sales dashboard' }).waitFor();
    assert.match(await admin.getByTestId('total-gmv-cash').innerText(), /GMV cash\s+(CN)?¥[\d,]+\.\d{2}/);
    assert.equal(await figure(admin, 'orders'), (await totals()).totals.orders);
  });

  it('the platform’s admin picks a bank and reads that bank’s dashboard', async () => {
    const { context: platformContext, page } = await openConsole(browser, sys.stack.urls.gateway);
    try {
      await signInAs(page, 'platform.admin');
      // The first bank to begin with: bank 1's figures, the same as its own staff see.
      await page.getByTestId('dashboard-bank').waitFor();
      await page.getByTestId('total-orders').waitFor();
      assert.match(await page.getByTestId('dashboard-bank').innerText(), /LJRCB/);
      await waitFor('bank 1 orders', async () => (await figure(page, 'orders')) === (await totals()).totals.orders);
      assert.ok((await totals()).totals.orders > 0, 'bank 1 has sales (the tests above made them)');
      await assertAccessible(page, 'the platform’s dashboard with its bank picker');
      // Another bank: its own figures (none of bank 1's sales).
      await page.getByTestId('dashboard-bank').click();
      await page.keyboard.type('QHCB');
      await page.keyboard.press('Enter');
      await waitFor('bank 2 on the page', async () =>
        /QHCB/.test(await page.getByTestId('dashboard-bank').innerText()),
      );
      const bank2 = await sys.gql(platformPrincipal, TOTALS, { i: { ...range, bankId: '2' } });
      assert.equal(bank2.errors, undefined, JSON.stringify(bank2.errors));
      await waitFor(
        'bank 2 orders',
        async () => (await figure(page, 'orders')) === bank2.data!.salesDashboard.totals.orders,
      );
      assert.notEqual(bank2.data!.salesDashboard.totals.orders, (await totals()).totals.orders);
      await screenshot(page, 'sales-dashboard-platform');
    } finally {
      await platformContext.close();
    }
  });
});
