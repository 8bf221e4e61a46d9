import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, supplierAdmin } from '../principals';
import { demo } from '../staff/helpers';
import { assertAccessible, closeDropdowns, launchBrowser, openConsole, screenshot } from './browser';
import { curateFromPool } from './steps/curation';

const BULK_PRODUCTS = `mutation($input: BulkUpsertProductsInput!) { bulkUpsertProducts(input: $input) { created { id } } }`;
const BULK_SKUS = `mutation($input: BulkUpsertSkusInput!) { bulkUpsertSkus(input: $input) { created { id code } } }`;
const MALLS = '{ bank { malls { id } } }';
const LISTINGS = `query($mallId: ID!, $skuIds: [ID!]!) { mall(id: $mallId) { listings(first: 100, filter: { skuIds: $skuIds }) {
  edges { node { id status priceMode pricePoints priceFen sku { id supplierPriceFen } } } } } }`;
const SET_POLICY = `mutation($input: SetApprovalPolicyInput!) { setApprovalPolicy(input: $input) { bankId } }`;
const APPROVAL = `query($id: ID!) { approvalRequest(id: $id) { id kind status makerNote } }`;
const LISTING = `query($mallId: ID!, $skuIds: [ID!]!) { mall(id: $mallId) { listings(first: 1, filter: { skuIds: $skuIds }) {
  edges { node { id status priceMode pricePoints priceFen } } } } }`;

/** SKUs the test puts in the pool: 640 in stock and 20 without, under 生活 › 杯壶 (category 8). */
const IN_STOCK = 640;
const NO_STOCK = 20;
const WORD = '选品测试';
const code = (i: number) => `CUR-S${String(i).padStart(4, '0')}`;
/** The spec value that makes each SKU's title unique (titles are the product's plus the specs'). */
const tag = (i: number) => `N${String(i).padStart(4, '0')}`;

interface ListingRow {
  id: string;
  status: string;
  priceMode: string;
  pricePoints: number;
  priceFen: number;
  sku: { id: string; supplierPriceFen: number };
}

/**
 * Issue 16: the Mall curation page in a real browser against the real stack — a bank operator with
 * CURATE_LISTINGS searches the pool, previews, adds singly and in bulk (more than one createListings
 * call of 500), sees below-cost warnings, and re-prices and pauses listings in bulk.
 */
describe('console mall curation', () => {
  let sys: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let mallId: string;
  /** The test's SKU ids by index. */
  const skuIds: string[] = [];
  /** The test's listings after the bulk add, newest first (ids never change; prices are read afresh). */
  let listed: ListingRow[] = [];
  let singleListingId: string;

  const listingsOf = async (ids: string[]): Promise<ListingRow[]> => {
    const out: ListingRow[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const r = await sys.gql(bankAdmin(1), LISTINGS, { mallId, skuIds: ids.slice(i, i + 100) });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      out.push(...r.data!.mall.listings.edges.map((e: { node: ListingRow }) => e.node));
    }
    return out;
  };
  const listingOfSku = async (skuId: string) => {
    const r = await sys.gql(bankAdmin(1), LISTING, { mallId, skuIds: [skuId] });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.mall.listings.edges[0]?.node as Omit<ListingRow, 'sku'> | undefined;
  };
  const poolRows = () => page.locator('[data-testid=pool-table] tbody tr.ant-table-row');

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    const malls = await sys.gql(bankAdmin(1), MALLS);
    mallId = malls.data!.bank.malls[0].id;
    const supplier = supplierAdmin(1);
    const products = Array.from({ length: 10 }, (_, p) => ({
      code: `CUR-P${p}`,
      title: `${WORD} 保温壶 P${p}`,
      brandId: '12',
      categoryId: '8',
      attributes: [{ name: '材质', value: '不锈钢' }],
    }));
    const made = await sys.gql(supplier, BULK_PRODUCTS, { input: { rows: products } });
    assert.equal(made.errors, undefined, JSON.stringify(made.errors));
    const rows = Array.from({ length: IN_STOCK + NO_STOCK }, (_, i) => ({
      code: code(i),
      productCode: `CUR-P${i % 10}`,
      specs: [{ name: '编号', value: tag(i) }],
      supplierPriceFen: 5000 + i,
      listPriceFen: 8000 + i,
      initialStock: i < IN_STOCK ? 5 : 0,
    }));
    const skus = await sys.gql(supplier, BULK_SKUS, { input: { rows } });
    assert.equal(skus.errors, undefined, JSON.stringify(skus.errors));
    const byCode = new Map<string, string>(
      skus.data!.bulkUpsertSkus.created.map((s: { id: string; code: string }) => [s.code, s.id]),
    );
    for (let i = 0; i < rows.length; i++) skuIds.push(byCode.get(code(i))!);
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  it('a bank operator (password only) signs in and opens Mall curation from the menu', async () => {
    const member = demo('ljrcb.operator');
    ({ context, page } = await openConsole(browser, sys.stack.urls.gateway));
    await page.getByTestId('login-name').fill(member.loginName);
    await page.getByTestId('password').fill(member.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('menu-curation').click();
    await page.getByTestId('page-curation').waitFor();
    await poolRows().first().waitFor();
    await assertAccessible(page, 'curation: the pool');
    await screenshot(page, 'curation-pool');
  });

  it('searches the pool by words, a category of the tree (生活, with its 杯壶) and in stock only: only in-stock SKUs of it', async () => {
    await page.getByTestId('pool-text').fill(WORD);
    await page.getByTestId('pool-category').click();
    await page.locator('.ant-select-tree-treenode', { hasText: '生活' }).first().click();
    await page.getByTestId('pool-in-stock').check();
    await page.getByTestId('pool-search').click();
    // Newest first: the test's last in-stock SKU leads; those without stock are not shown.
    await page.locator('[data-testid=pool-table] tbody tr.ant-table-row', { hasText: tag(IN_STOCK - 1) }).waitFor();
    const texts = await poolRows().allInnerTexts();
    assert.equal(texts.length, 20);
    assert.ok(texts.every((t) => t.includes(WORD) && t.includes('杯壶')));
    assert.ok(!texts.some((t) => t.includes(tag(IN_STOCK))), 'a SKU without stock is not shown');
    // Keyset paging: the next page continues where this one ended.
    await page.getByTestId('pool-next').click();
    await page.locator('[data-testid=pool-table] tbody tr.ant-table-row', { hasText: tag(IN_STOCK - 21) }).waitFor();
    await page.getByTestId('pool-previous').click();
    await page.locator('[data-testid=pool-table] tbody tr.ant-table-row', { hasText: tag(IN_STOCK - 1) }).waitFor();
    await assertAccessible(page, 'curation: the pool filtered');
    await screenshot(page, 'curation-pool-filtered');
  });

  it('previews a SKU: title, supplier, cost and stock', async () => {
    const id = skuIds[IN_STOCK - 1]!;
    await page.getByTestId(`preview-${id}`).click();
    await page.getByTestId('sku-preview-title').waitFor();
    const text = await page.getByTestId('sku-preview').innerText();
    assert.match(text, new RegExp(tag(IN_STOCK - 1)));
    assert.match(text, /鲸选优品/);
    assert.equal(
      await page.getByTestId('sku-preview-cost').innerText(),
      `¥${((5000 + IN_STOCK - 1) / 100).toFixed(2)}`,
    );
    assert.match(text, /可售 5/);
    await assertAccessible(page, 'curation: SKU preview');
    await screenshot(page, 'curation-preview');
    await page.keyboard.press('Escape');
    await page.getByTestId('sku-preview').waitFor({ state: 'detached' });
  });

  it('adds one SKU singly at a points + cash price (the journey step), and the API holds that price', async () => {
    ({ listingId: singleListingId } = await curateFromPool(page, {
      search: `${WORD} ${tag(0)}`,
      pointsPrice: 3000,
      cashPriceFen: 4050,
    }));
    const listing = await listingOfSku(skuIds[0]!);
    assert.deepEqual(
      listing && [listing.id, listing.status, listing.priceMode, listing.pricePoints, listing.priceFen],
      [singleListingId, 'ACTIVE', 'POINTS_PLUS_CASH', 3000, 4050],
    );
  });

  it('shows the below-cost warning while pricing under cost, and the API’s warning once added', async () => {
    await page.getByTestId('pool-text').fill(`${WORD} ${tag(1)}`);
    await page.getByTestId('pool-search').click();
    await page
      .locator('[data-testid=pool-table] tbody tr.ant-table-row', { hasText: tag(1) })
      .first()
      .waitFor();
    await page.getByTestId(`add-${skuIds[1]}`).click();
    // 100 points = ¥1 at this bank, far under the ¥50.01 the bank pays the supplier.
    await page.getByTestId('price-points').fill('100');
    await page.getByTestId('below-cost-preview').waitFor();
    await assertAccessible(page, 'curation: below-cost price');
    await screenshot(page, 'curation-below-cost');
    await page.getByTestId('add-submit').click();
    await page.getByTestId('below-cost-warning').waitFor();
    assert.match(await page.getByTestId('below-cost-warning').innerText(), new RegExp(`#${skuIds[1]}`));
    await page.getByTestId('add-close').click();
    const listing = await listingOfSku(skuIds[1]!);
    assert.deepEqual(listing && [listing.priceMode, listing.pricePoints], ['POINTS', 100]);
  });

  it('bulk-adds every in-stock SKU matching the filter (over 600, so two createListings calls); the progress reaches done and the two listed already are named', async () => {
    await page.getByTestId('pool-reset').click();
    await page.getByTestId('pool-text').fill(WORD);
    await page.getByTestId('pool-in-stock').check();
    await page.getByTestId('pool-search').click();
    await page.locator('[data-testid=pool-table] tbody tr.ant-table-row', { hasText: tag(IN_STOCK - 1) }).waitFor();
    await page.getByTestId('pool-select-all-matching').click();
    await page.getByTestId('pool-bulk-add').click();
    await page.getByTestId('bulk-markup').fill('120');
    await page.getByTestId('bulk-submit').click();
    await page.getByTestId('bulk-summary').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('bulk-progress').innerText(), `已处理 ${IN_STOCK - 2} / ${IN_STOCK - 2}`);
    const summary = page.getByTestId('bulk-summary');
    assert.equal(await summary.getAttribute('data-created'), String(IN_STOCK - 2));
    assert.equal(await summary.getAttribute('data-refused'), '2');
    const refusals = await page.getByTestId('refusals').innerText();
    assert.match(refusals, new RegExp(`#${skuIds[0]} .*已在本商城上架`));
    assert.match(refusals, new RegExp(`#${skuIds[1]} .*已在本商城上架`));
    await assertAccessible(page, 'curation: bulk add done');
    await screenshot(page, 'curation-bulk-added');
    await page.getByTestId('bulk-close').click();

    const listings = await listingsOf(skuIds);
    listed = [...listings].sort((a, b) => Number(b.id) - Number(a.id));
    assert.equal(listings.length, IN_STOCK, 'every in-stock SKU is listed, none without stock');
    const bulk = listings.filter((l) => l.sku.id !== skuIds[0] && l.sku.id !== skuIds[1]);
    // Points at cost + 20%: ceil(cost × 1.2) fen at 100 points per CNY = that many points.
    assert.ok(
      bulk.every(
        (l) =>
          l.status === 'ACTIVE' &&
          l.priceMode === 'POINTS' &&
          l.pricePoints === Math.ceil((l.sku.supplierPriceFen * 12) / 10),
      ),
    );
  });

  it('bulk re-prices (+10%) and then pauses listings chosen on the listings tab; the API holds both', async () => {
    await page.getByTestId('tab-listings').click();
    const rows = page.locator('[data-testid=listings-table] tbody tr.ant-table-row');
    await rows.first().waitFor();
    await assertAccessible(page, 'curation: listings');
    await screenshot(page, 'curation-listings');
    // The three newest of the test's listings (the mall's featured demo listings come first on the page).
    const chosen = listed.slice(0, 3);
    const chosenIds = chosen.map((l) => l.id);
    // Only the chosen ones are read back through the API (the rest: once, after the pause).
    const chosenSkus = chosen.map((l) => l.sku.id);
    for (const id of chosenIds) await page.locator(`tr[data-row-key="${id}"] input[type=checkbox]`).check();
    assert.equal(await page.getByTestId('listings-selected').innerText(), '已选 3 项');
    const before = new Map((await listingsOf(chosenSkus)).map((l) => [l.id, l]));
    await page.getByTestId('listings-reprice').click();
    await page.getByTestId('reprice-percent').fill('10');
    await page.getByTestId('reprice-submit').click();
    await page.getByTestId('listings-summary').waitFor();
    assert.equal(await page.getByTestId('listings-progress').innerText(), '已处理 3 / 3');
    assert.equal(await page.getByTestId('listings-summary').getAttribute('data-updated'), '3');
    await assertAccessible(page, 'curation: re-priced');
    await screenshot(page, 'curation-repriced');
    await page.getByTestId('listings-change-close').click();
    let after = new Map((await listingsOf(chosenSkus)).map((l) => [l.id, l]));
    for (const id of chosenIds) {
      const b = before.get(id)!;
      const a = after.get(id)!;
      assert.deepEqual(
        [a.pricePoints, a.priceFen],
        [b.pricePoints && Math.ceil((b.pricePoints * 11) / 10), b.priceFen && Math.ceil((b.priceFen * 11) / 10)],
        `listing ${id} is 10% dearer`,
      );
    }

    await rows.first().waitFor();
    for (const id of chosenIds) await page.locator(`tr[data-row-key="${id}"] input[type=checkbox]`).check();
    await page.getByTestId('listings-pause').click();
    await page.getByTestId('listings-summary').waitFor();
    assert.equal(await page.getByTestId('listings-summary').getAttribute('data-updated'), '3');
    await page.getByTestId('listings-change-close').click();
    after = new Map((await listingsOf(skuIds)).map((l) => [l.id, l]));
    assert.deepEqual(
      chosenIds.map((id) => after.get(id)!.status),
      ['PAUSED', 'PAUSED', 'PAUSED'],
    );
    const others = [...after.values()].filter((l) => !chosenIds.includes(l.id));
    assert.ok(
      others.every((l) => l.status === 'ACTIVE'),
      'listings not chosen stay active',
    );
    // The tab shows them paused.
    await page.getByTestId('listings-status').click();
    await page.locator('.ant-select-item-option', { hasText: '已暂停' }).click();
    await closeDropdowns(page);
    for (const id of chosenIds) await page.locator(`tr[data-row-key="${id}"]`).waitFor();
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
    assert.ok(
      shown.every((id) => id !== null && after.get(id)?.status !== 'ACTIVE'),
      'only paused listings are shown',
    );
    await assertAccessible(page, 'curation: paused listings');
    await screenshot(page, 'curation-paused');
  });

  it('sets a gold price on a listing in the listings tab and sees it in the table; the API holds it', async () => {
    const tiers = await sys.gql(bankAdmin(1), '{ bank { tiers { id name } } }');
    const gold = tiers.data!.bank.tiers.find((x: { name: string }) => x.name === '金卡').id as string;
    // The newest of the test's listings (paused above, so shown under the status filter).
    const target = listed[0]!;
    await page.getByTestId(`tier-prices-${target.id}`).click();
    await page.locator(`[data-testid=tier-mode-${gold}] label:has(input[value="CASH"])`).click();
    await page.getByTestId(`tier-cash-${gold}`).fill('60');
    await assertAccessible(page, 'curation: tier prices');
    await screenshot(page, 'curation-tier-prices');
    await page.getByTestId('tier-prices-submit').click();
    await page.getByTestId(`listing-tier-prices-${target.id}`).filter({ hasText: '金卡 ¥60.00' }).waitFor();
    const held = await sys.gql(
      bankAdmin(1),
      'query($id: ID!) { listing(id: $id) { tierPrices { tierId priceMode priceFen } } }',
      {
        id: target.id,
      },
    );
    assert.deepEqual(held.data!.listing.tierPrices, [{ tierId: gold, priceMode: 'CASH', priceFen: 6000 }]);
  });

  it('where the bank wants a second person for below-cost prices, adding and re-pricing under cost go to the approvals inbox', async () => {
    const policy = await sys.gql(bankAdmin(1), SET_POLICY, { input: { bankId: '1', listingBelowCost: true } });
    assert.equal(policy.errors, undefined, JSON.stringify(policy.errors));
    // Adding: the listing waits paused at cost, its below-cost price asked for.
    await page.getByTestId('tab-pool').click();
    await page.getByTestId('pool-reset').click();
    await page.getByTestId('pool-text').fill(`${WORD} ${tag(IN_STOCK)}`);
    await page.getByTestId('pool-search').click();
    await page.locator('[data-testid=pool-table] tbody tr.ant-table-row', { hasText: tag(IN_STOCK) }).waitFor();
    await page.getByTestId(`add-${skuIds[IN_STOCK]}`).click();
    await page.getByTestId('price-points').fill('100');
    await page.getByTestId('below-cost-preview').waitFor();
    await page.getByTestId('add-submit').click();
    const sent = page.getByTestId('sent-for-approval');
    await sent.waitFor();
    await assertAccessible(page, 'curation: sent for approval');
    await screenshot(page, 'curation-sent-for-approval');
    const requestId = (await sent.innerText()).match(/#(\d+)/)![1]!;
    await page.getByTestId('add-close').click();
    const waiting = await listingOfSku(skuIds[IN_STOCK]!);
    assert.deepEqual(waiting && [waiting.status, waiting.priceMode, waiting.pricePoints, waiting.priceFen], [
      'PAUSED',
      'CASH',
      0,
      5000 + IN_STOCK,
    ]);
    const asked = await sys.gql(bankAdmin(1), APPROVAL, { id: requestId });
    assert.equal(asked.errors, undefined, JSON.stringify(asked.errors));
    assert.equal(asked.data!.approvalRequest.status, 'PENDING');

    // Re-pricing one listing under cost: sent for approval, its price unchanged meanwhile.
    await page.getByTestId('tab-listings').click();
    // The newest listing of the bulk add (on the first page, after the mall's featured ones).
    const target = listed[0]!;
    const priced = (await listingOfSku(target.sku.id))!; // as re-priced by the tests above
    await page.locator(`tr[data-row-key="${target.id}"] input[type=checkbox]`).check();
    await page.getByTestId('listings-reprice').click();
    await page.locator('[data-testid=reprice-how] label:has(input[value="set"])').click();
    await page.getByTestId('price-points').fill('1');
    await page.getByTestId('reprice-below-cost-preview').waitFor();
    await page.getByTestId('reprice-submit').click();
    await page.getByTestId('listings-summary').waitFor();
    await page.getByTestId('sent-for-approval').waitFor();
    assert.equal(await page.getByTestId('listings-summary').getAttribute('data-updated'), '0');
    await page.getByTestId('listings-change-close').click();
    const unchanged = (await listingOfSku(target.sku.id))!;
    assert.deepEqual([unchanged.priceMode, unchanged.pricePoints], [priced.priceMode, priced.pricePoints]);
  });

  it('where the bank wants a second person, a below-cost tier price goes to the approvals inbox, which shows its tier and price', async () => {
    // The bank's below-cost policy is on (the test above). The listing of the gold-price test.
    const tiers = await sys.gql(bankAdmin(1), '{ bank { tiers { id name } } }');
    const gold = tiers.data!.bank.tiers.find((x: { name: string }) => x.name === '金卡').id as string;
    const target = listed[0]!;
    const TIER_PRICES = 'query($id: ID!) { listing(id: $id) { tierPrices { tierId priceMode priceFen } } }';
    const before = (await sys.gql(bankAdmin(1), TIER_PRICES, { id: target.id })).data!.listing.tierPrices;
    await page.getByTestId('tab-listings').click();
    await page.getByTestId(`tier-prices-${target.id}`).click();
    await page.locator(`[data-testid=tier-mode-${gold}] label:has(input[value="CASH"])`).click();
    await page.getByTestId(`tier-cash-${gold}`).fill('0.01');
    await page.getByTestId('tier-prices-submit').click();
    const sent = page.getByTestId('tier-prices-sent');
    await sent.waitFor();
    await assertAccessible(page, 'curation: tier prices sent for approval');
    const requestId = (await sent.innerText()).match(/#(\d+)/)![1]!;
    const asked = await sys.gql(bankAdmin(1), `query($id: ID!) { approvalRequest(id: $id) { kind status summary } }`, {
      id: requestId,
    });
    assert.equal(asked.errors, undefined, JSON.stringify(asked.errors));
    const { kind, status, summary } = asked.data!.approvalRequest;
    assert.deepEqual([kind, status], ['LISTING_BELOW_COST', 'PENDING']);
    assert.match(summary, new RegExp(`tier ${gold} CASH, 0 points, 1 fen`));
    assert.deepEqual(
      (await sys.gql(bankAdmin(1), TIER_PRICES, { id: target.id })).data!.listing.tierPrices,
      before,
      'the tier prices wait for the checker',
    );
    await page.keyboard.press('Escape');
    // The inbox (the maker sees their own request) shows the summary with the tier's price.
    await page.getByTestId('menu-approvals').click();
    await page.getByTestId('page-approvals').waitFor();
    await page.locator('[data-testid=approvals-table] tr', { hasText: `tier ${gold} CASH, 0 points, 1 fen` }).waitFor();
  });
});
