import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../harness';
import { reconciliationStatement } from '../orders/reconciliation-fixture';
import { assertAccessible, closeDropdowns, launchBrowser, openConsole, screenshot, signInAs } from './browser';

/** The supplier's October bill: 900003 left out, 900004 billed at 50.15 instead of 50.05. */
const BILL = [
  '订单号,SKU编码,数量,金额(元)',
  '900001,SKU-A,2,246.90',
  '900002,SKU-B,2,195.98',
  '900004,SKU-C,5,50.15',
  '900005,SKU-D,1,0.88',
].join('\r\n');

/**
 * Issue 19's reconciliation in the console: 鲸选优品 (supplier 1) picks its October statement with
 * 临江农商银行, uploads its own bill as CSV and sees exactly the two differences; a bill with a bad
 * row is refused with the row and column named; the bank's operator reads the same run.
 */
describe('console reconciliation', () => {
  let sys: TestSystem;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let supplier: Page;

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    await reconciliationStatement(sys);
    const opened = await openConsole(browser, sys.stack.urls.gateway);
    contexts.push(opened.context);
    supplier = opened.page;
    await signInAs(supplier, 'jingxuan.admin');
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  async function pickOctober(page: Page) {
    await page.getByTestId('reconciliation-statement').click();
    await page.locator('.ant-select-item-option', { hasText: '2026-10 · 银行 1 · 供应商 1 ·' }).click();
    await closeDropdowns(page);
  }

  async function upload(page: Page, name: string, text: string) {
    await page
      .locator('input[type=file]')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + text) });
  }

  const card = async (page: Page, key: string) =>
    (await page.getByTestId(`reconciliation-card-${key}`).locator('.ant-statistic-content').innerText()).trim();

  it('the supplier uploads its bill and sees exactly the two differences', async () => {
    await supplier.getByTestId('menu-reconciliation').click();
    await supplier.getByTestId('page-reconciliation').waitFor();
    await pickOctober(supplier);
    await assertAccessible(supplier, 'reconciliation before an upload');

    await upload(supplier, 'bill-2026-10.csv', BILL);
    await supplier.getByTestId('reconciliation-result').getByText('bill-2026-10.csv').waitFor();
    assert.equal(await card(supplier, 'matched'), '3');
    assert.equal(await card(supplier, 'amount-differences'), '1');
    assert.equal(await card(supplier, 'missing-on-bill'), '1');
    assert.equal(await card(supplier, 'missing-in-perkmall'), '0');
    assert.equal(await card(supplier, 'difference'), '¥-499.90');
    const differences = supplier.getByTestId('reconciliation-amount-differences').locator('tbody tr.ant-table-row');
    assert.equal(await differences.count(), 1);
    assert.match(await differences.innerText(), /900004[\s\S]*50\.05[\s\S]*50\.15[\s\S]*0\.10/);
    const missing = supplier.getByTestId('reconciliation-missing-on-bill').locator('tbody tr.ant-table-row');
    assert.equal(await missing.count(), 1);
    assert.match(await missing.innerText(), /900003[\s\S]*500\.00/);
    await supplier.getByTestId('reconciliation-runs').getByText('bill-2026-10.csv').waitFor();
    await assertAccessible(supplier, 'reconciliation result');
    await screenshot(supplier, 'reconciliation');
  });

  it('a bill with a bad row is refused with its row and column, and no run is added', async () => {
    await upload(supplier, 'bad.csv', '订单号,数量,金额\n900001,2,246.905\n');
    const refused = supplier.getByTestId('reconciliation-refused');
    await refused.waitFor();
    assert.match(await refused.innerText(), /Row 2, 金额 \/ amount: "246\.905" has 3 decimals/);
    assert.equal(await supplier.getByTestId('reconciliation-runs').locator('tbody tr.ant-table-row').count(), 1);
    await assertAccessible(supplier, 'reconciliation refused');
  });

  it("the bank's operator reads the same run", async () => {
    const opened = await openConsole(browser, sys.stack.urls.gateway);
    contexts.push(opened.context);
    const bank = opened.page;
    await signInAs(bank, 'ljrcb.operator');
    await bank.getByTestId('menu-reconciliation').click();
    await bank.getByTestId('page-reconciliation').waitFor();
    await pickOctober(bank);
    assert.equal(await bank.getByTestId('reconciliation-upload').count(), 0, 'banks do not upload bills');
    await bank.getByTestId('reconciliation-result').getByText('bill-2026-10.csv').waitFor();
    assert.equal(await card(bank, 'amount-differences'), '1');
    assert.equal(await card(bank, 'missing-on-bill'), '1');
    await assertAccessible(bank, 'reconciliation as the bank');
  });
});
