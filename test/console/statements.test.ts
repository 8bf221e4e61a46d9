import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../harness';
import { ADDRESS, CHECKOUT, createListing, customer, setStock, setUpMall } from '../orders/helpers';
import { setBalance } from '../loyalty/helpers';
import { platform } from '../principals';
import { Sku, SkuKind, SkuStatus } from '../../subgraphs/catalog/entities/sku';
import { SettlementLine, SettlementStatement } from '../../subgraphs/orders/entities/settlement';
import { localMonth, startOfNamedDay } from '../../subgraphs/orders/services/local-time';
import { assertAccessible, launchBrowser, openConsole, screenshot, signInAs } from './browser';

const GET = `query($id: ID!) { settlementStatement(id: $id) { status totalFen paidFen figures { adjustmentsFen outstandingFen }
  disputes { id lineId reason resolvedAt resolutionLineId } payments { reference amountFen } } }`;

/**
 * Issue 19: a settlement statement through the console, by its three sides in three browsers.
 * Last month's deliveries of 鲸选优品 (supplier 1) to 临江农商银行 (bank 1) are issued; the supplier's
 * admin disputes one line with a reason; the platform's admin answers it with an adjustment line and
 * issues it again; the supplier confirms; the bank's finance operator records a partial payment.
 */
describe('console statements (supplier, platform, bank)', () => {
  let sys: TestSystem;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let statementId: string;
  let lineId: string;

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    const m = await setUpMall(sys);
    const catalog = (await sys.orm('catalog')).em.fork();
    const sku = await catalog.findOneOrFail(
      Sku,
      { kind: SkuKind.PHYSICAL, status: SkuStatus.ACTIVE, supplierId: 1 },
      { orderBy: { id: 'ASC' } },
    );
    await setStock(sys, sku.id, 10);
    const listing = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(sku.id),
      priceMode: 'POINTS',
      pricePoints: 300,
    });
    // Two orders delivered on the 10th of last month (Shanghai).
    const current = localMonth(new Date(), 'Asia/Shanghai');
    const [y, mo] = current.split('-').map(Number) as [number, number];
    const previous = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
    const deliveredAt = new Date(startOfNamedDay(`${previous}-10`, 'Asia/Shanghai').getTime() + 3_600_000);
    for (const [i, c] of [13, 14].entries()) {
      await setBalance(sys, 1, c, 10_000, `console-stmt-${c}`);
      const r = await sys.gql(customer(1, c), CHECKOUT, {
        input: {
          mallId: m.mallId,
          lines: [{ listingId: listing, quantity: i + 1 }],
          shippingAddress: ADDRESS,
          idempotencyKey: `cs-${randomUUID()}`,
        },
      });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      for (const status of ['SHIPPED', 'DELIVERED']) {
        const d = await sys.asService(
          'orders',
          `mutation($id: ID!, $at: DateTime!) { recordSupplierOrderProgress(supplierOrderId: $id, status: ${status}, at: $at) { status } }`,
          { id: r.data!.checkout.order.supplierOrders[0].id, at: deliveredAt.toISOString() },
        );
        assert.equal(d.errors, undefined, JSON.stringify(d.errors));
      }
    }
    const orders = (await sys.orm('orders')).em.fork();
    const statement = await orders.findOneOrFail(SettlementStatement, { bankId: 1, supplierId: 1, period: previous });
    statementId = String(statement.id);
    lineId = String(
      (await orders.findOneOrFail(SettlementLine, { statementId: statement.id }, { orderBy: { id: 'ASC' } })).id,
    );
    const issued = await sys.gql(platform, 'mutation($id: ID!) { issueStatement(statementId: $id) { status } }', {
      id: statementId,
    });
    assert.equal(issued.errors, undefined, JSON.stringify(issued.errors));
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  async function signedIn(loginName: string): Promise<Page> {
    const opened = await openConsole(browser, sys.stack.urls.gateway);
    contexts.push(opened.context);
    await signInAs(opened.page, loginName);
    return opened.page;
  }

  async function openStatement(page: Page): Promise<void> {
    await page.getByTestId('menu-statements').click();
    await page.getByTestId('page-statements').waitFor();
    await page.getByTestId(`open-statement-${statementId}`).click();
    await page.getByTestId('statement-tabs').waitFor();
  }

  const status = (page: Page) => page.getByTestId('statement-status').innerText();
  const waitStatus = (page: Page, text: string) =>
    page.getByTestId('statement-status').filter({ hasText: text }).waitFor();
  const api = async () => {
    const r = await sys.gql(platform, GET, { id: statementId });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.settlementStatement;
  };

  it('the supplier disputes a line; the platform adjusts it and issues again; the supplier confirms; the bank pays part', async () => {
    // The supplier disputes one line with a reason.
    const supplier = await signedIn('jingxuan.admin');
    await openStatement(supplier);
    assert.equal(await status(supplier), '已出具');
    await supplier.getByRole('tab', { name: '明细' }).click();
    await supplier.getByRole('checkbox', { name: `行 ${lineId}` }).check();
    await supplier.getByTestId('statement-dispute').click();
    await supplier.getByTestId('statement-dialog-reason').fill('数量与签收单不符');
    await assertAccessible(supplier, 'dispute dialog');
    await supplier.getByTestId('statement-dialog-ok').click();
    await supplier.getByTestId('statement-dialog-ok').waitFor({ state: 'detached' });
    await supplier.getByRole('tab', { name: '汇总' }).click();
    await waitStatus(supplier, '有异议');
    const disputed = await api();
    assert.equal(disputed.status, 'DISPUTED');
    assert.deepEqual(
      disputed.disputes.map((d: any) => [d.lineId, d.reason]),
      [[lineId, '数量与签收单不符']],
    );
    await assertAccessible(supplier, 'disputed statement');
    await screenshot(supplier, 'statement-disputed');

    // The platform answers with an adjustment of −1.50 CNY on that line, then issues it again.
    const admin = await signedIn('platform.admin');
    await openStatement(admin);
    await admin.getByRole('tab', { name: '异议' }).click();
    await admin.getByTestId(`dispute-adjust-${disputed.disputes[0].id}`).click();
    await admin.getByTestId('statement-adjust-amount').fill('-1.50');
    await admin.getByTestId('statement-adjust-note').fill('按签收单少 1 件的差价');
    await assertAccessible(admin, 'adjust dialog');
    await admin.getByTestId('statement-dialog-ok').click();
    await admin.getByTestId('statement-dialog-ok').waitFor({ state: 'detached' });
    await admin.getByRole('tab', { name: '汇总' }).click();
    await admin.getByTestId('statement-reissue').click();
    await waitStatus(admin, '已出具');
    const adjusted = await api();
    assert.equal(adjusted.status, 'ISSUED');
    assert.equal(adjusted.figures.adjustmentsFen, -150);
    assert.ok(adjusted.disputes[0].resolvedAt && adjusted.disputes[0].resolutionLineId);
    await assertAccessible(admin, 'reissued statement');

    // The supplier confirms (a fresh look at the statement: the drawer reads it again when opened).
    await supplier.keyboard.press('Escape');
    await supplier.getByTestId('statement-tabs').waitFor({ state: 'detached' });
    await supplier.getByTestId(`open-statement-${statementId}`).click();
    await supplier.getByTestId('statement-confirm').click();
    await waitStatus(supplier, '已确认');
    assert.equal((await api()).status, 'CONFIRMED');

    // The bank's finance operator records a partial payment.
    const bank = await signedIn('ljrcb.operator');
    await openStatement(bank);
    await bank.getByTestId('statement-pay').click();
    await bank.getByTestId('statement-pay-reference').fill('LJRCB-2026-0001');
    await bank.getByTestId('statement-pay-amount').fill('1.00');
    await assertAccessible(bank, 'payment dialog');
    await bank.getByTestId('statement-dialog-ok').click();
    await bank.getByTestId('statement-dialog-ok').waitFor({ state: 'detached' });
    await bank.getByRole('tab', { name: '付款' }).click();
    await bank.getByTestId('statement-payments').getByText('LJRCB-2026-0001').waitFor();
    const paid = await api();
    assert.equal(paid.status, 'CONFIRMED');
    assert.equal(paid.paidFen, 100);
    assert.equal(paid.figures.outstandingFen, paid.totalFen - 100);
    assert.deepEqual(paid.payments, [{ reference: 'LJRCB-2026-0001', amountFen: 100 }]);
    await assertAccessible(bank, 'payments tab');
    await screenshot(bank, 'statement-paid');

    // The ageing tab shows what is still owed.
    await bank.keyboard.press('Escape');
    await bank.getByTestId('statement-tabs').waitFor({ state: 'detached' });
    await bank.getByRole('tab', { name: '账龄' }).click();
    await bank
      .getByTestId('statements-ageing-table')
      .getByText(((paid.totalFen - 100) / 100).toFixed(2))
      .first()
      .waitFor();
    await assertAccessible(bank, 'ageing');
    await screenshot(bank, 'statements-ageing');
  });
});
