import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../harness';
import { bankOperator } from '../principals';
import { assertAccessible, launchBrowser, openConsole, screenshot, signInAs } from './browser';

const RULES =
  '{ benefitRules(first: 10) { edges { node { id name kind enabled thresholdAmount discountAmount repeatable } } } }';

/** Issue 17: the benefit rules page — an operator creates a 满100减10 rule and switches it off. */
describe('console benefit rules', () => {
  let sys: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    ({ context, page } = await openConsole(browser, sys.stack.urls.gateway));
    await signInAs(page, 'ljrcb.operator');
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  it('an operator creates a repeatable 满100减10 rule in the form, sees it listed, and switches it off', async () => {
    await page.getByTestId('menu-benefits').click();
    await page.getByTestId('page-benefits').waitFor();
    await page.getByTestId('create-rule').click();
    await page.getByTestId('rule-name').fill('金卡满100减10');
    await page.getByLabel(/满减基准|Counts/).click();
    await page.locator('.ant-select-item-option[title="CASH"]').click();
    await page.getByTestId('rule-x').fill('10000');
    await page.getByTestId('rule-y').fill('1000');
    await page.getByRole('checkbox').check();
    await assertAccessible(page, 'benefit rule form');
    await page.getByTestId('save-rule').click();
    await page.getByTestId('rules-table').getByText('金卡满100减10').waitFor();
    const r = await sys.gql(bankOperator(1), RULES);
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const rule = r.data!.benefitRules.edges[0].node;
    assert.deepEqual(
      [rule.name, rule.kind, rule.enabled, rule.thresholdAmount, rule.discountAmount, rule.repeatable],
      ['金卡满100减10', 'THRESHOLD', true, 10000, 1000, true],
    );
    await assertAccessible(page, 'benefit rules');
    await screenshot(page, 'benefit-rules');
    await page.getByRole('switch').first().click();
    for (let i = 0; i < 50; i++) {
      const now = await sys.gql(bankOperator(1), RULES);
      if (now.data!.benefitRules.edges[0].node.enabled === false) return;
      await new Promise((res) => setTimeout(res, 100));
    }
    assert.fail('the switch turned the rule off');
  });
});
