import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../harness';
import {
  ADDRESS,
  CHECKOUT,
  createListing,
  customer,
  partnerApp,
  platform,
  setStock,
  setUpMall,
} from '../orders/helpers';
import { fulfilmentOpened } from '../logistics/helpers';
import { Sku, SkuKind, SkuStatus } from '../../subgraphs/catalog/entities/sku';
import { assertAccessible, launchBrowser, openConsole, screenshot, signInAs } from './browser';

const ORDER = `query($id: ID!) { order(id: $id) { refunds { cause state requestedBy reason pointsRefunded cashRefundFen
  lines { orderLineId quantity } } supplierOrders { status lines { id refundedQuantity } } } }`;
const SCORECARD = `query($i: SupplierScorecardInput!) { supplierScorecard(input: $i) {
  total { supplierOrders cancellations cancelledUnits refunds } } }`;
const CATEGORIES = 'query($p: ID) { categories(parentId: $p) { id name returnDays } }';

/** fenToYuan as the console shows cash. */
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const utcDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Issue 22 in the console: 鲸选优品 (supplier 1) cancels one of three lines it cannot fill from its
 * orders to fill, sees exactly that line cancelled and its refund, and the cancellation on its
 * scorecard (chart, table, CSV); the platform sets category return windows on the category tree.
 * One test system for the file; each admin signs in once.
 */
describe('console supplier after-sales and return windows', () => {
  let sys: TestSystem;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let supplier: Page;
  let orderId: string;
  let supplierOrderId: string;
  let lines: { id: string; quantity: number }[];
  const scorecardInput = { supplierId: '1', fromDay: utcDay(-29), toDay: utcDay(), granularity: 'DAY' };
  let cancellationsBefore: number;

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    const m = await setUpMall(sys);
    const catalog = (await sys.orm('catalog')).em.fork();
    const skus = await catalog.find(
      Sku,
      { kind: SkuKind.PHYSICAL, status: SkuStatus.ACTIVE, supplierId: 1 },
      { orderBy: { id: 'ASC' }, limit: 3 },
    );
    assert.equal(skus.length, 3, 'three goods of supplier 1');
    const listings: string[] = [];
    for (const [i, sku] of skus.entries()) {
      await setStock(sys, sku.id, 20);
      listings.push(
        await createListing(sys, {
          mallId: m.mallId,
          skuId: String(sku.id),
          priceMode: 'POINTS_PLUS_CASH',
          pricePoints: 100 * (i + 1),
          priceFen: 1000 + 1111 * i,
        }),
      );
    }
    const r = await sys.gql(customer(1, 7), CHECKOUT, {
      input: {
        mallId: m.mallId,
        lines: listings.map((listingId, i) => ({ listingId, quantity: i + 1 })),
        shippingAddress: ADDRESS,
        idempotencyKey: `console-supplier-cancel-${Date.now()}`,
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const order = r.data!.checkout.order;
    const paid = await sys.gql(
      partnerApp(1),
      'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }',
      { i: { orderId: order.id, paymentRef: `PAY-${order.id}`, amountFen: order.cashFen } },
    );
    assert.equal(paid.errors, undefined, JSON.stringify(paid.errors));
    orderId = order.id;
    supplierOrderId = order.supplierOrders[0].id;
    lines = order.lines;
    assert.equal(lines.length, 3);
    await fulfilmentOpened(sys, supplierOrderId);
    const card = await sys.gql(platform, SCORECARD, { i: scorecardInput });
    assert.equal(card.errors, undefined, JSON.stringify(card.errors));
    cancellationsBefore = card.data!.supplierScorecard.total.cancellations;

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

  it('the supplier cancels one of three lines with a reason: the page shows that line cancelled and its refund', async () => {
    assert.equal(await supplier.getByTestId('menu-return-windows').count(), 0, 'return windows are the platform’s');
    await supplier.getByTestId('menu-supplier-orders').click();
    await supplier.getByTestId('page-supplier-orders').waitFor();
    await supplier.getByTestId(`cancel-lines-${supplierOrderId}`).waitFor();
    await assertAccessible(supplier, 'orders to fill');

    const cancelled = lines[1]!; // 2 units; one of them cannot be filled
    await supplier.getByTestId(`cancel-lines-${supplierOrderId}`).click();
    await supplier.getByTestId(`cancel-units-${cancelled.id}`).fill('1');
    await supplier.getByTestId('cancel-reason').fill('厂家停产，无法发货');
    await assertAccessible(supplier, 'cancel dialog');
    await screenshot(supplier, 'supplier-cancel-lines');
    await supplier.getByTestId('cancel-lines-confirm').click();
    await supplier.getByTestId(`line-${cancelled.id}`).getByText('已取消 1 件').waitFor();

    // Exactly that unit was refunded, as the supplier's cancellation; the order still ships the rest.
    const o = (await sys.gql(platform, ORDER, { id: orderId })).data!.order;
    assert.equal(o.refunds.length, 1);
    const refund = o.refunds[0];
    assert.deepEqual(
      [refund.cause, refund.state, refund.requestedBy, refund.reason, refund.lines],
      [
        'SUPPLIER_CANCELLED',
        'APPROVED',
        'SUPPLIER',
        '厂家停产，无法发货',
        [{ orderLineId: cancelled.id, quantity: 1 }],
      ],
    );
    assert.ok(refund.pointsRefunded > 0 && refund.cashRefundFen > 0, 'points and cash back');
    assert.deepEqual(
      o.supplierOrders[0].lines.map((l: { refundedQuantity: number }) => l.refundedQuantity),
      [0, 1, 0],
    );
    assert.equal(o.supplierOrders[0].status, 'PAID');
    for (const other of [lines[0]!, lines[2]!])
      assert.equal(await supplier.getByTestId(`line-${other.id}`).getByText('已取消').count(), 0);
    assert.equal(
      (await supplier.getByTestId(`refunds-${supplierOrderId}`).innerText()).trim(),
      `供应商取消：${refund.pointsRefunded} 积分 + ¥${yuan(refund.cashRefundFen)}`,
    );
    await assertAccessible(supplier, 'orders to fill after the cancellation');
    await screenshot(supplier, 'supplier-orders-cancelled');
  });

  it('the scorecard shows the cancellation in its figures, table and CSV', async () => {
    await supplier.getByTestId('menu-scorecard').click();
    await supplier.getByTestId('page-scorecard').waitFor();
    await supplier.getByTestId('chart-scorecard').waitFor();
    const total = async (key: string) =>
      Number(
        (await supplier.getByTestId(`scorecard-total-${key}`).locator('.ant-statistic-content').innerText()).replace(
          /[^\d.]/g,
          '',
        ),
      );
    assert.equal(await total('cancellations'), cancellationsBefore + 1);
    const api = (await sys.gql(platform, SCORECARD, { i: scorecardInput })).data!.supplierScorecard.total;
    assert.equal(api.cancellations, cancellationsBefore + 1);
    assert.equal(await total('cancelled-units'), api.cancelledUnits);
    assert.equal(await total('supplier-orders'), api.supplierOrders);
    const today = supplier.getByTestId('table-scorecard').locator('tr', { hasText: utcDay() });
    assert.ok((await today.innerText()).split('\t').length > 5, 'today has its row');
    await assertAccessible(supplier, 'scorecard');
    await screenshot(supplier, 'supplier-scorecard');

    const [download] = await Promise.all([
      supplier.waitForEvent('download'),
      supplier.getByTestId('csv-scorecard').click(),
    ]);
    assert.match(download.suggestedFilename(), /^scorecard-1-.*\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const rows = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    assert.equal(rows.length, 1 + 30, 'a header and one row per day');
    assert.match(rows[0]!, /^时段,付款订单,取消次数,/);
    const todayRow = rows.find((r) => r.startsWith(`${utcDay()},`))!.split(',');
    assert.ok(Number(todayRow[2]) >= 1, 'today’s cancellations in the CSV');

    await supplier.getByTestId('scorecard-granularity').getByText('按月').click();
    // The month's own row ("2026-12", not a day of it: until the monthly figures arrive the daily rows show).
    await supplier
      .getByTestId('table-scorecard')
      .locator('tr', { hasText: new RegExp(`${utcDay().slice(0, 7)}(?!-\\d)`) })
      .waitFor();
  });

  it('the platform sees the category tree with return windows (a level of 101: 100, then the rest on "load more") and sets one to none and another to 15 days', async () => {
    const top = (await sys.gql(platform, CATEGORIES, {})).data!.categories as { id: string; name: string }[];
    assert.ok(top.length > 0);
    let parent = top[0]!;
    let children: { id: string; name: string }[] = [];
    for (const c of top) {
      children = (await sys.gql(platform, CATEGORIES, { p: c.id })).data!.categories;
      parent = c;
      if (children.length > 0) break;
    }
    assert.ok(children.length > 0, 'a top category with subcategories');
    const child = children[0]!;
    // A level of 101: the first 100 through categoryLevel (by id), the 101st after "load more".
    const CREATE = 'mutation($i: CreateCategoryInput!) { createCategory(input: $i) { category { id } } }';
    const made = async (i: Record<string, unknown>) => {
      const r = await sys.gql(platform, CREATE, { i });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      return r.data!.createCategory.category.id as string;
    };
    const big = await made({ name: '退货分页测试' });
    const kids: string[] = [];
    for (let i = 1; i <= 101; i++) kids.push(await made({ name: `退货分页 ${i}`, parentCategoryId: big }));

    const opened = await openConsole(browser, sys.stack.urls.gateway);
    contexts.push(opened.context);
    const admin = opened.page;
    await signInAs(admin, 'platform.admin');
    assert.equal(await admin.getByTestId('menu-supplier-orders').count(), 0, 'orders to fill are the supplier’s');
    await admin.getByTestId('menu-return-windows').click();
    await admin.getByTestId('page-return-windows').waitFor();
    await admin.getByTestId(`category-${parent.id}`).locator('.ant-table-row-expand-icon').click();
    await admin.getByTestId(`category-${child.id}`).waitFor();
    await admin.getByTestId(`category-${big}`).locator('.ant-table-row-expand-icon').click();
    await admin.getByTestId(`category-${kids[99]}`).waitFor();
    assert.equal(await admin.getByTestId(`category-${kids[100]}`).count(), 0);
    await admin.getByTestId(`load-more-${big}`).click();
    await admin.getByTestId(`category-${kids[100]}`).waitFor();
    await admin.getByTestId(`load-more-${big}`).waitFor({ state: 'detached' });
    await admin.getByTestId(`category-${big}`).locator('.ant-table-row-expand-icon').click();

    await admin.getByTestId(`edit-return-${child.id}`).click();
    await admin.getByTestId('return-policy').getByText('不可退货').click();
    await assertAccessible(admin, 'return window dialog');
    await admin.getByTestId('return-policy-confirm').click();
    await admin.getByTestId(`return-days-${child.id}`).getByText('不可退货').waitFor();

    await admin.getByTestId(`edit-return-${parent.id}`).click();
    await admin.getByTestId('return-policy').getByText('签收后若干天内可退').click();
    await admin.getByTestId('return-days-input').fill('15');
    await admin.getByTestId('return-policy-confirm').click();
    await admin.getByTestId(`return-days-${parent.id}`).getByText('15 天').waitFor();
    await admin.getByTestId('return-policy').waitFor({ state: 'detached' }); // the dialog closed

    const days = async (p: string | undefined, id: string) =>
      (
        (await sys.gql(platform, CATEGORIES, { p })).data!.categories as { id: string; returnDays: number | null }[]
      ).find((c) => c.id === id)!.returnDays;
    assert.equal(await days(parent.id, child.id), 0);
    assert.equal(await days(undefined, parent.id), 15);
    await assertAccessible(admin, 'return windows');
    await screenshot(admin, 'return-windows');
  });
});
