import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { startTestSystem, type TestSystem } from '../harness';
import { SettlementStatement, StatementStatus } from '../../subgraphs/orders/entities/settlement';
import { supplierAdmin } from '../principals';
import { assertAccessible, closeDropdowns, launchBrowser, openConsole, screenshot, signInAs } from './browser';

const RECORD = `mutation($s: ID!, $i: RecordStatementInvoiceInput!) { recordStatementInvoice(statementId: $s, input: $i) { invoice { status } } }`;

/** An issued statement of bank 1 (长江农商) and supplier 1 (鲸选优品): `lines` delivered lines of `unitFen`. */
async function statement(
  e: SqlEntityManager,
  period: string,
  status: StatementStatus,
  lines: number,
  unitFen: number,
): Promise<SettlementStatement> {
  const s = e.create(SettlementStatement, {
    bankId: 1,
    supplierId: 1,
    period,
    status,
    totalFen: lines * unitFen,
    issuedAt: new Date(),
    dueOn: '2026-12-31',
  } as never);
  await e.flush();
  await e.getConnection().execute(
    `INSERT INTO settlement_line (statement_id, source_key, kind, order_id, order_line_id, quantity, unit_supplier_price_fen, amount_fen, occurred_at)
     SELECT ?, CONCAT('console-fixture:', ?, ':', seq), 'DELIVERY', seq, seq, 1, ?, ?, NOW() FROM seq_1_to_${lines}`,
    [s.id, s.id, unitFen, unitFen],
  );
  return s;
}

/**
 * Issue 19, the 发票 page in a real browser: the supplier records an invoice whose tax is wrong and
 * sees it flagged (a malformed number is refused beside its field); the platform sees the flagged
 * statement and re-checks it; the bank sees the statement it may reimburse and exports it as CSV.
 */
describe('console invoices (发票)', () => {
  let sys: TestSystem;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let issued: SettlementStatement;
  let confirmed: SettlementStatement;

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    const e = (await sys.orm('orders')).em.fork() as SqlEntityManager;
    // Fixtures: issueStatement/confirmStatement are on another branch; statements written as issued.
    issued = await statement(e, '2026-11', StatementStatus.ISSUED, 4, 25_000);
    confirmed = await statement(e, '2026-10', StatementStatus.CONFIRMED, 2, 56_500);
    const r = await sys.gql(supplierAdmin(1), RECORD, {
      s: String(confirmed.id),
      i: {
        number: '26330000000000000777',
        amountFen: 100_000,
        taxRateBp: 1300,
        taxFen: 13_000,
        issuedOn: '2026-11-05',
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  async function signedIn(login: string): Promise<Page> {
    const opened = await openConsole(browser, sys.stack.urls.gateway);
    contexts.push(opened.context);
    await signInAs(opened.page, login);
    await opened.page.getByTestId('menu-invoices').click();
    await opened.page.getByTestId('page-invoices').waitFor();
    return opened.page;
  }

  it('the supplier records an invoice with a wrong tax amount and sees it flagged; a malformed number is refused beside its field', async () => {
    const page = await signedIn('jingxuan.admin');
    await page.getByTestId('invoice-table').waitFor();
    await page.getByTestId('invoice-number').fill('123');
    await page.getByTestId('invoice-amount').fill('1000.00');
    await page.getByTestId('invoice-tax').fill('120.00');
    await page.locator('#issuedOn').fill('2026-11-20');
    await page.keyboard.press('Enter');
    await closeDropdowns(page);
    await page.getByTestId('invoice-record').click();
    await page.getByText('an invoice number is 8 digits').waitFor();

    await page.getByTestId('invoice-number').fill('26330000000000000001');
    await page.getByTestId('invoice-record').click();
    await page.getByTestId('invoice-table').getByText('26330000000000000001').waitFor();
    await page.getByTestId('invoice-table').getByTestId('flag-TAX_MISMATCH').waitFor();
    await page.getByTestId('statement-flags').getByTestId('flag-TOTAL_MISMATCH').waitFor();
    await page.mouse.move(0, 0);
    await assertAccessible(page, 'supplier invoices');
    await screenshot(page, 'invoices-supplier');
  });

  it('the platform sees the flagged statement and re-checks it', async () => {
    const page = await signedIn('platform.admin');
    await page.getByTestId(`recheck-${issued.id}`).waitFor();
    await page.getByTestId(`recheck-${issued.id}`).click();
    await page.getByText('已重新核对').waitFor();
    await page.mouse.move(0, 0);
    await assertAccessible(page, 'flagged invoices');
    await screenshot(page, 'invoices-platform');
  });

  it('the bank sees what it may reimburse and exports the statement as CSV with its total', async () => {
    const page = await signedIn('ljrcb.admin');
    const table = page.getByTestId('reimbursable-table');
    await table.getByText('26330000000000000777').waitFor();
    assert.equal(await table.getByText('2026-11').count(), 0, 'the flagged statement is not reimbursable');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(`export-statement-${confirmed.id}-csv`).click(),
    ]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    assert.ok(text.startsWith('\uFEFF'));
    assert.match(text, /1130\.00/, 'the total owed, 1,130.00 CNY');
    await page.mouse.move(0, 0);
    await assertAccessible(page, 'reimbursable statements');
    await screenshot(page, 'invoices-bank');
  });
});
