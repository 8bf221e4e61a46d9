import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../harness';
import { ADDRESS, CHECKOUT, createListing, setStock, setUpMall } from '../orders/helpers';
import { SHIP, fulfilmentOpened, supplierOrderStatus, supplierStaff, waitFor } from '../logistics/helpers';
import { demoPartnerApp } from '../../scripts/seed/demo-plan';
import { Customer } from '../../subgraphs/tenants/entities/customer';
import { Product } from '../../subgraphs/catalog/entities/product';
import { assertAccessible, launchBrowser, openConsole, screenshot, signInAs } from './browser';

const REQUEST = 'mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id state } }';
const REFUNDS_OF = 'query($id: ID!) { order(id: $id) { refunds { id state rejectionReason pointsRefunded } } }';

/**
 * Issue 16: the orders and after-sales page in a real browser against the real stack. A customer buys
 * through the partner API (the demo partner app's credentials at /oauth/token, a customer token by
 * token exchange), the bank's operator finds the order by the customer's reference, opens it split
 * per supplier, and decides the customer's refund requests.
 */
describe('console orders and after-sales', () => {
  let sys: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let operator: Page;
  let gateway: string;
  let customerRef: string;
  let customerToken: string;
  let orderId: string;
  /** The goods' and the card's supplier orders and lines. */
  let goods: { supplierOrderId: string; lineId: string; supplierId: number };
  let card: { supplierOrderId: string; lineId: string };

  const mallIdOf = { id: '' };
  const token = async (params: Record<string, string>): Promise<{ status: number; body: any }> => {
    const r = await fetch(`${gateway}/oauth/token`, { method: 'POST', body: new URLSearchParams(params) });
    return { status: r.status, body: await r.json() };
  };

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    gateway = sys.stack.urls.gateway;
    const m = await setUpMall(sys);
    mallIdOf.id = m.mallId;
    assert.notEqual(m.physical.supplierId, m.virtual.supplierId, 'goods and card from two suppliers');
    await setStock(sys, m.physical.id, 20);
    await setStock(sys, m.virtual.id, 5);
    const goodsListing = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(m.physical.id),
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: 400,
      priceFen: 1990,
    });
    const cardListing = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(m.virtual.id),
      priceMode: 'POINTS',
      pricePoints: 120,
    });
    const tenants = (await sys.orm('tenants')).em.fork();
    customerRef = (await tenants.findOneOrFail(Customer, 8)).externalRef;

    // The partner app's token, then a customer token for the bank's customer reference.
    const app = demoPartnerApp(1);
    const appToken = await token({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
    });
    assert.equal(appToken.status, 200, JSON.stringify(appToken.body));
    const exchanged = await token({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: appToken.body.access_token,
      customer_ref: customerRef,
    });
    assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
    customerToken = exchanged.body.access_token;

    const c = await sys.gql(customerToken, CHECKOUT, {
      input: {
        mallId: m.mallId,
        lines: [
          { listingId: goodsListing, quantity: 2 },
          { listingId: cardListing, quantity: 1 },
        ],
        shippingAddress: ADDRESS,
        idempotencyKey: `console-orders-${randomUUID()}`,
      },
    });
    assert.equal(c.errors, undefined, JSON.stringify(c.errors));
    const o = c.data!.checkout.order;
    orderId = o.id;
    const paid = await sys.gql(
      appToken.body.access_token,
      'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }',
      { i: { orderId, paymentRef: `console-orders-pay-${orderId}`, amountFen: o.cashFen } },
    );
    assert.equal(paid.errors, undefined, JSON.stringify(paid.errors));
    assert.equal(paid.data!.confirmPayment.status, 'PAID');

    // Where each line went: the platform's view of the order.
    const split = await sys.gql(
      { role: 'PLATFORM_ADMIN', sub: 'p' },
      'query($id: ID!) { order(id: $id) { supplierOrders { id supplier { id } lines { id kind } } } }',
      { id: orderId },
    );
    assert.equal(split.errors, undefined, JSON.stringify(split.errors));
    for (const so of split.data!.order.supplierOrders) {
      const line = so.lines[0];
      if (line.kind === 'PHYSICAL')
        goods = { supplierOrderId: so.id, lineId: line.id, supplierId: Number(so.supplier.id) };
      else card = { supplierOrderId: so.id, lineId: line.id };
    }
    assert.ok(goods && card, 'one supplier order for the goods, one for the card');

    // The goods supplier ships with a tracking number; orders hears of it through logistics' outbox.
    await fulfilmentOpened(sys, goods.supplierOrderId);
    const shipped = await sys.gql(supplierStaff(goods.supplierId), SHIP, {
      input: { supplierOrderId: goods.supplierOrderId, carrierCode: 'SF', trackingNumber: 'SF1600000016' },
    });
    assert.equal(shipped.errors, undefined, JSON.stringify(shipped.errors));
    await waitFor('the goods shipped in orders', async () =>
      ['SHIPPED', 'DELIVERED'].includes(await supplierOrderStatus(sys, orderId, goods.supplierOrderId)),
    );

    const opened = await openConsole(browser, gateway);
    context = opened.context;
    operator = opened.page;
    await signInAs(operator, 'ljrcb.operator');
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  it('the operator finds the order by customer reference and sees it split per supplier, with tracking and the card code hidden', async () => {
    await operator.getByTestId('menu-orders').click();
    await operator.getByTestId('page-orders').waitFor();
    await operator.getByTestId('filter-customer-ref').fill(customerRef);
    await operator.getByTestId('orders-search').click();
    await waitFor('only the customer’s order listed', async () => {
      const rows = await operator.locator('[data-testid=orders-table] tbody tr.ant-table-row').allInnerTexts();
      return rows.length === 1 && rows[0]!.includes(customerRef) && rows[0]!.includes(orderId);
    });
    await operator.mouse.move(0, 0); // not hovering the search button (its hover colour is lighter)
    await assertAccessible(operator, 'orders list');
    await screenshot(operator, 'orders');

    await operator.getByTestId(`open-order-${orderId}`).click();
    await operator.getByTestId('order-detail').waitFor();
    await operator.getByTestId(`supplier-order-${goods.supplierOrderId}`).waitFor();
    await operator.getByTestId(`supplier-order-${card.supplierOrderId}`).waitFor();
    const goodsCard = await operator.getByTestId(`supplier-order-${goods.supplierOrderId}`).innerText();
    assert.match(goodsCard, /SF1600000016/, 'the shipment’s tracking number');
    assert.match(await operator.getByTestId('order-payment').innerText(), /920 积分 \+ 现金 ¥39\.80/);
    const deliveries = await operator.getByTestId('virtual-deliveries').innerText();
    assert.match(deliveries, /••••••••/);
    await assertAccessible(operator, 'order detail');
    await screenshot(operator, 'order-detail');
    await operator.keyboard.press('Escape');
    await operator.getByTestId('order-detail').waitFor({ state: 'detached' });
  });

  it('the customer asks for two refunds; the operator approves one and rejects the other with a reason', async () => {
    const ask = async (target: { supplierOrderId: string; lineId: string }, quantity: number, reason: string) => {
      const r = await sys.gql(customerToken, REQUEST, {
        i: { supplierOrderId: target.supplierOrderId, lines: [{ orderLineId: target.lineId, quantity }], reason },
      });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      return r.data!.requestRefund.id as string;
    };
    const approveId = await ask(goods, 1, '外包装破损');
    const rejectId = await ask(card, 1, '不想要这张卡了');

    await operator.getByRole('tab', { name: '退款申请' }).click();
    await operator.getByTestId(`approve-refund-${approveId}`).waitFor();
    await operator.getByTestId(`reject-refund-${rejectId}`).waitFor();
    await assertAccessible(operator, 'refund requests');
    await screenshot(operator, 'refunds');

    await operator.getByTestId(`approve-refund-${approveId}`).click();
    await operator.getByTestId('approve-refund-confirm').click();
    await operator.getByTestId(`approve-refund-${approveId}`).waitFor({ state: 'detached' });
    const approved = await sys.gql(customerToken, REFUNDS_OF, { id: orderId });
    const a = approved.data!.order.refunds.find((r: { id: string }) => r.id === approveId);
    assert.equal(a.state, 'APPROVED');
    assert.equal(a.pointsRefunded, 400);

    await operator.getByTestId(`reject-refund-${rejectId}`).click();
    await operator.getByTestId('refund-reject-reason').waitFor();
    const rule = operator.getByText('请填写 4–500 字的理由').first();
    for (let attempt = 0; attempt < 3 && !(await rule.isVisible()); attempt++) {
      await operator.getByTestId('reject-refund-confirm').click();
      await rule.waitFor({ timeout: 5000 }).catch(() => undefined);
    }
    await rule.waitFor();
    await operator.getByTestId('refund-reject-reason').fill('卡券已发放且已查看，不支持退款');
    await rule.waitFor({ state: 'detached' });
    await assertAccessible(operator, 'reject refund dialog');
    await screenshot(operator, 'refunds-reject');
    await operator.getByTestId('reject-refund-confirm').click();
    await operator.getByTestId(`reject-refund-${rejectId}`).waitFor({ state: 'detached' });
    const rejected = await sys.gql(customerToken, REFUNDS_OF, { id: orderId });
    const r = rejected.data!.order.refunds.find((x: { id: string }) => x.id === rejectId);
    assert.deepEqual([r.state, r.rejectionReason], ['REJECTED', '卡券已发放且已查看，不支持退款']);

    // The decided refunds show under their states, and on the order.
    await operator.getByTestId('refunds-status').getByText('已拒绝').click();
    await operator.getByText('卡券已发放且已查看，不支持退款').first().waitFor();
    await operator.getByTestId(`refund-order-${orderId}`).first().click();
    await operator.getByTestId('order-refunds').waitFor();
    const onOrder = await operator.getByTestId('order-refunds').innerText();
    assert.match(onOrder, /已同意/);
    assert.match(onOrder, /已拒绝/);
    await screenshot(operator, 'order-detail-refunds');
  });

  it("a financial perk's units show their state in the order detail: one DELIVERED, one still PROCESSING", async () => {
    // 卡券通 (supplier 2) sells a perk the bank's own systems deliver; the bank lists it in the mall.
    const catalog = (await sys.orm('catalog')).em.fork();
    const product = await catalog.findOneOrFail(Product, { supplier: 2 }, { orderBy: { id: 'ASC' } });
    const sku = await sys.gql(
      { role: 'SUPPLIER_ADMIN', sub: 's-2', supplierId: '2' },
      'mutation($i: CreateSkuInput!) { createSku(input: $i) { sku { id } } }',
      {
        i: {
          code: `FEE-WAIVER-${randomUUID().slice(0, 8)}`,
          productId: String(product.id),
          supplierPriceFen: 500,
          listPriceFen: 1000,
          initialStock: 10,
          deliveryMode: 'BANK_SYSTEM',
        },
      },
    );
    assert.equal(sku.errors, undefined, JSON.stringify(sku.errors));
    const listing = await createListing(sys, {
      mallId: mallIdOf.id,
      skuId: sku.data!.createSku.sku.id,
      priceMode: 'POINTS',
      pricePoints: 50,
    });
    const c = await sys.gql(customerToken, CHECKOUT, {
      input: {
        mallId: mallIdOf.id,
        lines: [{ listingId: listing, quantity: 2 }],
        idempotencyKey: `perk-${randomUUID()}`,
      },
    });
    assert.equal(c.errors, undefined, JSON.stringify(c.errors));
    const perkOrderId = c.data!.checkout.order.id;
    const units = await waitFor('the perk units opened', async () => {
      const r = await sys.gql(
        { role: 'BANK_ADMIN', sub: 'a', bankId: '1' },
        'query($id: ID!) { order(id: $id) { perkDeliveries { id unitIndex } } }',
        { id: perkOrderId },
      );
      return r.data?.order.perkDeliveries.length === 2 ? r.data.order.perkDeliveries : null;
    });
    const ack = await sys.gql(
      { role: 'BANK_ADMIN', sub: 'a', bankId: '1' },
      'mutation($i: AcknowledgeFinancialPerkInput!) { acknowledgeFinancialPerk(input: $i) { perkDelivery { state } } }',
      {
        i: { perkDeliveryId: units.find((u: any) => u.unitIndex === 0).id, outcome: 'DELIVERED', reference: 'CORE-77' },
      },
    );
    assert.equal(ack.errors, undefined, JSON.stringify(ack.errors));

    // From the refunds inbox the last test left open: close its order, back to the orders tab.
    await operator.keyboard.press('Escape');
    await operator.getByTestId('order-detail').waitFor({ state: 'detached' });
    await operator.getByRole('tab', { name: '订单' }).click();
    await operator.getByTestId('filter-order-id').fill(perkOrderId);
    await operator.getByTestId('orders-search').click();
    await operator.getByTestId(`open-order-${perkOrderId}`).click();
    await operator.getByTestId('order-detail').waitFor();
    const table = operator.getByTestId('perk-deliveries');
    await table.waitFor();
    const states = await table.getByTestId('perk-state').allInnerTexts();
    assert.deepEqual(states, ['已发放', '发放中']);
    assert.match(await table.innerText(), /银行系统/);
    await assertAccessible(operator, 'order detail with perk units');
    await screenshot(operator, 'order-detail-perks');
    await operator.keyboard.press('Escape');
  });
});
