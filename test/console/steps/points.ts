/**
 * Reusable browser steps for points adjustments through maker-checker (the console's Customers and
 * Approvals pages), for test/console/customers.test.ts and the end-to-end journey.
 */
import type { Page } from 'playwright-core';

/**
 * On a signed-in page whose person may adjust points: opens Customers, looks the customer up by the
 * bank's reference and submits an adjustment of `points` (redeemable). Resolves once the customer
 * page shows it: pending among the customer's adjustments awaiting a second person when the bank's
 * policy holds it, otherwise in the ledger.
 */
export async function requestPointsAdjustment(
  page: Page,
  opts: { customerRef: string; points: number; reason: string },
): Promise<void> {
  await page.getByTestId('menu-customers').click();
  await page.getByTestId('page-customers').waitFor();
  await page.getByTestId('customer-ref').fill(opts.customerRef);
  await page.getByTestId('customer-search').click();
  await page.getByTestId('customer-view').waitFor();
  await page.getByText(opts.customerRef, { exact: true }).first().waitFor();
  await page.getByTestId('adjust-amount').fill(String(opts.points));
  await page.getByTestId('adjust-reason').fill(opts.reason);
  await page.getByTestId('adjust-submit').click();
  await page
    .locator('[data-testid=pending-adjustments], [data-testid=customer-ledger]')
    .filter({ hasText: opts.reason })
    .first()
    .waitFor();
}

/**
 * On a signed-in page whose person may decide points adjustments (not the maker): opens Approvals
 * and approves the newest pending request. Resolves once it has left the pending list.
 */
export async function approveLatestRequest(page: Page): Promise<void> {
  await page.getByTestId('menu-approvals').click();
  await page.getByTestId('page-approvals').waitFor();
  const approve = page.locator('[data-testid=approvals-table] [data-testid^="approve-"]').first();
  await approve.waitFor();
  const testId = await approve.getAttribute('data-testid');
  await approve.click();
  await page.getByTestId(testId!).waitFor({ state: 'detached' });
}
