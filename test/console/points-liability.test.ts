import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../harness';
import { bankOperator, partnerApp } from '../principals';
import { localMonth } from '../../core/local-time';
import { waitFor } from '../logistics/helpers';
import { assertAccessible, closeDropdowns, launchBrowser, openConsole, screenshot, signInAs } from './browser';

const Q = `query($input: PointsLiabilityInput!) { pointsLiability(input: $input) {
  outstandingPoints liabilityFen heldPoints expiring { withinDays points } months { month closing earned } } }`;

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The number a summary card shows ("1,234" → 1234, "¥12.34" → 12.34). */
async function card(page: Page, key: string): Promise<number> {
  const text = await page.getByTestId(`liability-${key}`).locator('.ant-statistic-content').innerText();
  return Number(text.replace(/[^\d.-]/g, ''));
}

/**
 * Issue 19, points liability: a bank's finance operator opens 积分负债 in a real browser and sees the
 * API's figures, the monthly table and chart, and downloads the CSV and XLSX with the same totals.
 */
describe('console points liability', () => {
  let sys: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const thisMonth = localMonth(new Date(), 'Asia/Shanghai');
  const input = { bankId: '1', fromMonth: addMonths(thisMonth, -11), toMonth: thisMonth };

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    // Some earning this month, so the latest month moves.
    const r = await sys.gql(
      partnerApp(1),
      'mutation($input: RecordBankEventInput!) { recordBankEvent(input: $input) { pointsAwarded } }',
      {
        input: {
          customerRef: 'LJRCB-C0001',
          product: 'CREDIT_CARD',
          amountFen: 88_800,
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
          idempotencyKey: 'console-liability-1',
        },
      },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  async function api() {
    const r = await sys.gql(bankOperator(1), Q, { input });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.pointsLiability as {
      outstandingPoints: number;
      liabilityFen: number;
      heldPoints: number;
      expiring: { withinDays: number; points: number }[];
      months: { month: string; closing: number; earned: number }[];
    };
  }

  it("a bank's finance operator sees the API's liability, expiry bands and 12 months of movements", async () => {
    ({ context, page } = await openConsole(browser, sys.stack.urls.gateway, 'points-liability'));
    await signInAs(page, 'ljrcb.operator', 'page-points-liability');
    await page.getByTestId('menu-points-liability').waitFor();
    await page.getByTestId('liability-outstanding').waitFor();
    const figures = await api();
    assert.ok(figures.outstandingPoints > 0);
    assert.equal(await card(page, 'outstanding'), figures.outstandingPoints);
    assert.equal(Math.round((await card(page, 'liability')) * 100), figures.liabilityFen);
    assert.equal(await card(page, 'held'), figures.heldPoints);
    for (const band of figures.expiring) assert.equal(await card(page, `expiring-${band.withinDays}`), band.points);
    const rows = page.locator('[data-testid=table-liability] tbody tr.ant-table-row');
    assert.equal(await rows.count(), 12);
    assert.equal(await rows.last().getAttribute('data-row-key'), thisMonth);
    assert.match(await rows.last().innerText(), new RegExp(figures.outstandingPoints.toLocaleString('zh-CN')));
    assert.equal(await page.getByTestId('chart-liability').locator('canvas').count(), 1, 'the chart is drawn');
    await assertAccessible(page, 'points liability');
    await screenshot(page, 'points-liability');
  });

  it('downloads the CSV and the XLSX, whose totals are the figures on the page', async () => {
    const figures = await api();
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('liability-export-csv').click(),
    ]);
    assert.match(csvDownload.suggestedFilename(), /^points-liability-bank1-.*\.csv$/);
    const csv = fs.readFileSync((await csvDownload.path())!, 'utf8').replace(/^\uFEFF/, '');
    const outstanding = csv.split('\r\n').find((l) => l.startsWith('outstanding_points,'));
    assert.equal(Number(outstanding!.split(',').at(-1)), figures.outstandingPoints);
    assert.ok(csv.includes('未兑付积分'), 'labels in the page language');

    const [xlsxDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('liability-export-xlsx').click(),
    ]);
    assert.match(xlsxDownload.suggestedFilename(), /\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await xlsxDownload.path())!);
    let liabilityFen: unknown = null;
    book.getWorksheet('汇总')!.eachRow((row) => {
      if (row.getCell(1).value === 'liability_fen') liabilityFen = row.getCell(3).value;
    });
    assert.equal(liabilityFen, figures.liabilityFen);
    const monthly = book.getWorksheet('月度变动')!;
    assert.equal(monthly.rowCount, 1 + 12);
    assert.equal(monthly.getRow(13).getCell(8).value, figures.outstandingPoints);
  });

  it('in English the page shows the same figures under English headings', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Points liability' }).waitFor();
    assert.equal(await card(page, 'outstanding'), (await api()).outstandingPoints);
    await assertAccessible(page, 'points liability in English');
  });

  it("the platform's admin picks a bank and reads that bank's liability, at its own points value", async () => {
    const { context: platformContext, page: p } = await openConsole(
      browser,
      sys.stack.urls.gateway,
      'points-liability',
    );
    try {
      await signInAs(p, 'platform.admin', 'page-points-liability');
      await p.getByTestId('liability-outstanding').waitFor();
      assert.equal(await card(p, 'outstanding'), (await api()).outstandingPoints, 'bank 1 to begin with');
      await p.getByTestId('liability-bank').click();
      await p.keyboard.type('QHCB');
      await p.keyboard.press('Enter');
      await closeDropdowns(p);
      const r = await sys.gql(bankOperator(2), Q, { input: { ...input, bankId: '2' } });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      const bank2 = r.data!.pointsLiability as { outstandingPoints: number; liabilityFen: number };
      await waitFor('bank 2 on the page', async () => (await card(p, 'outstanding')) === bank2.outstandingPoints);
      // 200 points per CNY: the liability is half the points in fen.
      assert.equal(Math.round((await card(p, 'liability')) * 100), bank2.liabilityFen);
      assert.equal(bank2.liabilityFen, Math.floor(bank2.outstandingPoints / 2));
      await assertAccessible(p, "the platform's points liability with its bank picker");
      await screenshot(p, 'points-liability-platform');
    } finally {
      await platformContext.close();
    }
  });
});
