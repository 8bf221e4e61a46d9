import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import { bankOperator, customer } from '../principals';
import { ADDRESS, createListing, setStock, setUpMall } from '../orders/helpers';
import { customerRef } from '../../scripts/seed/demo-plan';
import { assertAccessible, closeDropdowns, launchBrowser, openConsole, screenshot, signInAs } from './browser';

const VOUCHERS = `{ vouchers(first: 20) { edges { node { id name kind amountOffFen minSpendFen budgetFen perCustomerLimit
  state fundedBy tier { id } } } } }`;
const CREATE_RULE = `mutation($i: CreateBenefitRuleInput!) { createBenefitRule(input: $i) { benefitRule { id } } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { order { id cashFen } } }`;

/** The demo customer the operator looks up (bank 1's third), who uses one unit of a monthly quota. */
const CUSTOMER_ID = 3;
const REF = customerRef(1, CUSTOMER_ID);

/**
 * Issue 17: the 优惠券 page — an operator issues a voucher through the form (the API refuses one field
 * first, shown beside it), sees it listed and stops it; and sees a customer's quota use on the
 * customer detail and on the benefit rule.
 */
describe('console vouchers and quota use', () => {
  let sys: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ruleId: string;

  const ok = <T = any>(r: GraphQLResult, field: string): T => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data![field] as T;
  };

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    // A monthly lounge pass of 2 for everyone, and one used through a real checkout.
    const m = await setUpMall(sys);
    await setStock(sys, m.physical.id, 50);
    const pass = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(m.physical.id),
      priceMode: 'CASH',
      pricePoints: 0,
      priceFen: 5_000,
    });
    const created = await sys.gql(bankOperator(1), CREATE_RULE, {
      i: {
        name: '每月贵宾厅',
        kind: 'QUOTA',
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        fundedBy: 'BANK',
        quotaUnits: 2,
        quotaPeriod: 'MONTH',
        quotaDiscountBp: 10_000,
        listingIds: [pass],
      },
    });
    ruleId = ok<any>(created, 'createBenefitRule').benefitRule.id;
    const order = await sys.gql(customer(1, CUSTOMER_ID), CHECKOUT, {
      input: {
        mallId: m.mallId,
        lines: [{ listingId: pass, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: `console-quota-${randomUUID()}`,
      },
    });
    assert.equal(ok<any>(order, 'checkout').order.cashFen, 0, 'the pass was free');

    ({ context, page } = await openConsole(browser, sys.stack.urls.gateway));
    await signInAs(page, 'ljrcb.operator');
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  it('an operator issues a 满200减50 voucher to a tier (the refused amount shown on its field first), sees it listed and stops it', async () => {
    await page.getByTestId('menu-vouchers').click();
    await page.getByTestId('page-vouchers').waitFor();
    await page.getByTestId('issue-voucher').click();
    await page.getByTestId('voucher-name').fill('金卡满200减50');
    await page.getByTestId('voucher-amount').fill('5000');
    // The minimum spend below the amount: the form lets it through, the API refuses amountOffFen.
    await page.getByTestId('voucher-min-spend').fill('3000');
    await page.getByTestId('voucher-budget').fill('1000000');
    await page.getByTestId('voucher-limit').fill('2');
    await page.getByTestId('voucher-tier').click();
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    const tierName = (await option.first().getAttribute('title'))!;
    await option.first().click();
    await closeDropdowns(page);
    await page.getByTestId('save-voucher').click();
    const refused = page.getByTestId('voucher-form').locator('.ant-form-item-has-error');
    await refused.getByText('may not exceed the minimum spend').waitFor();
    assert.equal(await refused.count(), 1, 'one field refused');
    assert.ok((await refused.locator('label').innerText()).includes('立减'), 'shown on the amount field');
    assert.equal((await sys.gql(bankOperator(1), VOUCHERS)).data!.vouchers.edges.length, 0, 'nothing issued');
    await assertAccessible(page, 'voucher form with a refused field');
    await screenshot(page, 'voucher-form-refused');

    await page.getByTestId('voucher-min-spend').fill('20000');
    await page.getByTestId('save-voucher').click();
    await page.getByTestId('vouchers-table').getByText('金卡满200减50').waitFor();
    const listed = ok<any>(await sys.gql(bankOperator(1), VOUCHERS), 'vouchers').edges.map((e: any) => e.node);
    assert.equal(listed.length, 1);
    const v = listed[0];
    assert.deepEqual(
      [v.name, v.kind, v.amountOffFen, v.minSpendFen, v.budgetFen, v.perCustomerLimit, v.state, v.fundedBy],
      ['金卡满200减50', 'AMOUNT_OFF', 5000, 20000, 1000000, 2, 'ACTIVE', 'BANK'],
    );
    assert.ok(v.tier?.id, 'for a tier');
    const row = page.getByTestId(`voucher-${v.id}`);
    assert.ok((await row.innerText()).includes(tierName), 'the audience is shown');
    assert.match(await page.getByTestId(`voucher-budget-${v.id}`).innerText(), /0\.00.*10,000\.00/);
    await assertAccessible(page, 'vouchers list');
    await screenshot(page, 'vouchers');

    await page.getByTestId(`stop-voucher-${v.id}`).click();
    await page.getByTestId(`stop-confirm-${v.id}`).click();
    await page.getByTestId(`voucher-state-${v.id}`).getByText('已停用').waitFor();
    const stopped = ok<any>(await sys.gql(bankOperator(1), VOUCHERS), 'vouchers').edges[0].node;
    assert.equal(stopped.state, 'STOPPED');
    assert.equal(await page.getByTestId(`stop-voucher-${v.id}`).count(), 0, 'no stop button on a stopped voucher');
  });

  it('the customer detail shows the quota used this period (1 / 2), and the rule’s use lists the customer', async () => {
    await page.getByTestId('menu-customers').click();
    await page.getByTestId('page-customers').waitFor();
    await page.getByTestId('customer-ref').fill(REF);
    await page.getByTestId('customer-search').click();
    await page.getByTestId(`quota-used-${ruleId}`).getByText('1 / 2').waitFor();
    assert.ok((await page.getByTestId('customer-quotas').innerText()).includes('每月贵宾厅'));
    await assertAccessible(page, 'customer quota use');
    await screenshot(page, 'customer-quotas');

    await page.getByTestId('menu-benefits').click();
    await page.getByTestId('page-benefits').waitFor();
    await page.getByTestId(`rule-uses-${ruleId}`).click();
    const uses = page.getByTestId('quota-uses');
    await uses.getByText(REF).waitFor();
    assert.ok((await uses.innerText()).includes('1 / 2'));
    await assertAccessible(page, 'quota uses of a rule');
    await screenshot(page, 'benefit-rule-quota-uses');
  });
});
