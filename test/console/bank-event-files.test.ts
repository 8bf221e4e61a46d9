import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../harness';
import { bankAdmin } from '../principals';
import { customerRef } from '../../scripts/seed/demo-plan';
import { waitFor } from '../logistics/helpers';
import { assertAccessible, launchBrowser, openConsole, screenshot, signInAs } from './browser';

const FILES = '{ bankEventFiles(first: 100) { edges { node { id fileName status rowsAccepted rowsRejected } } } }';

/**
 * Issue 18: the 积分事件文件 page in a real browser against the real stack. The bank admin uploads
 * a CSV (in chunks: the page is told to use small ones here through the file's size), sees it
 * processed with its counts, opens the refused rows and downloads them as CSV.
 */
describe('console bank event files', () => {
  let sys: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let admin: Page;
  let dir: string;

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    const opened = await openConsole(browser, sys.stack.urls.gateway);
    context = opened.context;
    admin = opened.page;
    await signInAs(admin, 'ljrcb.admin');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-files-'));
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a CSV, shows the file processed with its counts, its refused rows, and downloads them as CSV', async () => {
    const t = new Date(Date.now() - 86_400_000).toISOString();
    const lines = ['event_id,customer_ref,product,amount_fen,merchant_category,occurred_at,type,reverses_event_id'];
    for (let i = 0; i < 300; i++)
      lines.push(`console-${i},${customerRef(1, (i % 20) + 1)},CREDIT_CARD,${1000 + i},,${t},EARN,`);
    lines.push(`console-bad-1,${customerRef(1, 1)},CREDIT_CARD,abc,,${t},EARN,`); // row 302
    lines.push(`console-bad-2,NOBODY-9,CREDIT_CARD,100,,${t},EARN,`); // row 303
    const file = path.join(dir, '20261130-events.csv');
    fs.writeFileSync(file, lines.join('\n') + '\n');

    await admin.getByTestId('menu-bank-event-files').click();
    await admin.getByTestId('page-bank-event-files').waitFor();
    await assertAccessible(admin, 'bank event files, empty');
    await admin.getByTestId('file-input').setInputFiles(file);

    let id = '';
    await waitFor('the file is processed', async () => {
      const r = await sys.gql(bankAdmin(1), FILES);
      const f = r.data?.bankEventFiles.edges
        .map((e: any) => e.node)
        .find((n: any) => n.fileName === '20261130-events.csv');
      if (f) id = f.id;
      return f?.status === 'DONE';
    });
    const r = await sys.gql(bankAdmin(1), FILES);
    const f = r.data!.bankEventFiles.edges.map((e: any) => e.node).find((n: any) => n.id === id);
    assert.equal(f.rowsAccepted, 300);
    assert.equal(f.rowsRejected, 2);

    await admin.getByTestId('refresh-files').click();
    await admin.getByTestId(`status-${id}`).getByText('已完成').waitFor();
    assert.equal((await admin.getByTestId(`rejected-${id}`).innerText()).trim(), '2');
    await assertAccessible(admin, 'bank event files, one processed');
    await screenshot(admin, 'bank-event-files');

    await admin.getByTestId(`errors-${id}`).click();
    const table = admin.getByTestId('errors-table');
    await table.getByText('302').waitFor();
    await table.getByText('amount_fen').waitFor();
    await table.getByText('303').waitFor();
    await table.getByText('customer_ref').waitFor();
    await assertAccessible(admin, 'refused rows');
    await screenshot(admin, 'bank-event-files-errors');
    await admin.keyboard.press('Escape');
    await table.waitFor({ state: 'detached' });

    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId(`download-${id}`).click()]);
    const saved = path.join(dir, 'errors.csv');
    await download.saveAs(saved);
    const csv = fs
      .readFileSync(saved, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    assert.equal(csv[0], 'row_number,column,message');
    assert.match(csv[1]!, /^302,amount_fen,/);
    assert.match(csv[2]!, /^303,customer_ref,/);
  });

  it("another bank's admin does not see the file", async () => {
    const mine = await sys.gql(bankAdmin(1), FILES);
    const theirs = await sys.gql(bankAdmin(2), FILES);
    assert.ok(mine.data!.bankEventFiles.edges.length > 0);
    assert.equal(theirs.data!.bankEventFiles.edges.length, 0);
  });
});
