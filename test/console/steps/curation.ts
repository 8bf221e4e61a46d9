/**
 * A reusable step of the console journey: on a signed-in console page of a bank operator with
 * CURATE_LISTINGS, open Mall curation, find a pool SKU by its title's words and add it to the bank's
 * first mall at a points (or points + cash) price. Returns the new listing's id.
 */
import type { Page } from 'playwright-core';

export async function curateFromPool(
  page: Page,
  opts: { search: string; pointsPrice: number; cashPriceFen?: number },
): Promise<{ listingId: string }> {
  await page.getByTestId('menu-curation').click();
  await page.getByTestId('page-curation').waitFor();
  await page.getByTestId('tab-pool').click();
  // Start from an empty filter, then look for the words.
  await page.getByTestId('pool-reset').click();
  await page.getByTestId('pool-text').fill(opts.search);
  await page.getByTestId('pool-search').click();
  // A row whose title holds every word searched for (the pool matches words, not the phrase).
  let row = page.locator('[data-testid=pool-table] tbody tr.ant-table-row');
  for (const word of opts.search.split(/\s+/).filter(Boolean)) row = row.filter({ hasText: word });
  row = row.first();
  await row.waitFor();
  await row.locator('[data-testid^=add-]').click();
  const mode = opts.cashPriceFen ? 'POINTS_PLUS_CASH' : 'POINTS';
  await page.locator(`[data-testid=price-mode] label:has(input[value="${mode}"])`).click();
  await page.getByTestId('price-points').fill(String(opts.pointsPrice));
  if (opts.cashPriceFen) await page.getByTestId('price-cash').fill((opts.cashPriceFen / 100).toFixed(2));
  await page.getByTestId('add-submit').click();
  const created = page.getByTestId('created-listing');
  await created.waitFor({ timeout: 15_000 });
  const listingId = await created.getAttribute('data-listing-id');
  if (!listingId) throw new Error('the curation page showed no listing id');
  await page.getByTestId('add-close').click();
  await created.waitFor({ state: 'detached' });
  return { listingId };
}
