import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import { ADDRESS, CHECKOUT, bankAdmin } from '../orders/helpers';
import { setBalance } from '../loyalty/helpers';
import { waitFor } from '../logistics/helpers';
import { supplierAdmin } from '../principals';
import { demoPartnerApp } from '../../scripts/seed/demo-plan';
import { Customer } from '../../subgraphs/tenants/entities/customer';
import { assertAccessible, dashboardFigure, launchBrowser, openConsole, screenshot, signInAs } from './browser';
import { curateFromPool } from './steps/curation';
import { launchMidAutumnCampaign } from './steps/campaigns';
import { approveLatestRequest, requestPointsAdjustment } from './steps/points';

const WORD = `旅程${randomUUID().slice(0, 6)}`;
const SEGMENT = '车主';
const POINTS_PRICE = 3000;
const CAMPAIGN_POINTS_PRICE = 2400;
const ADJUSTMENT = 5000;

const BULK_PRODUCTS = `mutation($input: BulkUpsertProductsInput!) { bulkUpsertProducts(input: $input) { created { id } } }`;
const BULK_SKUS = `mutation($input: BulkUpsertSkusInput!) { bulkUpsertSkus(input: $input) { created { id } } }`;
const SET_POLICY = `mutation($input: SetApprovalPolicyInput!) { setApprovalPolicy(input: $input) { bankId } }`;
const LISTING = `query($id: ID!) { listing(id: $id) { id pricePoints status sku { id title } mall { id } } }`;
const CAMPAIGN = `query($id: ID!) { campaign(id: $id) { status template startsAt targetSegments { name }
  items(first: 10) { edges { node { pricePoints listing { id } } } } } }`;
const TOTALS = `query($i: SalesDashboardInput!) { salesDashboard(input: $i) { totals { orders } } }`;
const BALANCE = `query($id: ID!) { customer(id: $id) { points { redeemable } } }`;
const REQUESTS = `query { approvalRequests(filter: { kind: POINTS_ADJUSTMENT }, first: 5) {
  edges { node { status makerSub checkerSub pointsAdjustment { amount reason } } } } }`;

const figure = dashboardFigure;

/**
 * Issue 16's journey, end to end in a real browser against the real stack: a bank admin signs in
 * with TOTP, curates a new SKU from the pool into the mall, takes a segment-targeted Mid-Autumn
 * campaign from the template to scheduled, a customer buys the listing through the partner API, the
 * admin's open dashboard counts the order without a reload, and a points adjustment the admin asks
 * for is applied only once a second operator approves it.
 */
describe('console journey: an operator’s day', () => {
  let sys: TestSystem;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: Page;
  let listingId: string;
  let customerId: number;
  let customerRef: string;

  const ok = <T = any>(r: GraphQLResult, field: string): T => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data![field] as T;
  };
  const check = async (page: Page, name: string) => {
    await assertAccessible(page, `journey: ${name}`);
    await screenshot(page, `journey-${name}`);
  };
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const ordersToday = async () =>
    ok<any>(await sys.gql(bankAdmin(1), TOTALS, { i: { bankId: '1', fromDay: today, toDay: today } }), 'salesDashboard')
      .totals.orders as number;
  const balance = async () =>
    ok<any>(await sys.gql(bankAdmin(1), BALANCE, { id: String(customerId) }), 'customer').points.redeemable as number;

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    // A supplier has just published a new SKU (in stock) to the shared pool.
    const supplier = supplierAdmin(1);
    ok(
      await sys.gql(supplier, BULK_PRODUCTS, {
        input: { rows: [{ code: 'JOURNEY-P', title: `${WORD} 流心月饼礼盒`, brandId: '12', categoryId: '8' }] },
      }),
      'bulkUpsertProducts',
    );
    ok(
      await sys.gql(supplier, BULK_SKUS, {
        input: {
          rows: [
            {
              code: 'JOURNEY-S',
              productCode: 'JOURNEY-P',
              specs: [{ name: '规格', value: '8枚装' }],
              supplierPriceFen: 9000,
              listPriceFen: 16800,
              initialStock: 50,
            },
          ],
        },
      }),
      'bulkUpsertSkus',
    );
    const tenants = (await sys.orm('tenants')).em.fork();
    const c = await tenants.findOneOrFail(Customer, { bankId: 1 }, { orderBy: { id: 'asc' }, offset: 2 });
    customerId = c.id;
    customerRef = c.externalRef;
    await setBalance(sys, 1, customerId, 20_000, `journey-${WORD}`);
    // The bank wants a second person on points adjustments above 1,000 points.
    ok(
      await sys.gql(bankAdmin(1), SET_POLICY, { input: { bankId: '1', pointsAdjustmentAbove: 1000 } }),
      'setApprovalPolicy',
    );
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  it('a bank admin signs in with password and TOTP and lands on the live dashboard', async () => {
    const opened = await openConsole(browser, sys.stack.urls.gateway);
    contexts.push(opened.context);
    admin = opened.page;
    await signInAs(admin, 'ljrcb.admin');
    await admin.getByTestId('sales-dashboard').waitFor();
    await check(admin, 'dashboard');
  });

  it('curates the new SKU from the pool into the mall at a points price', async () => {
    ({ listingId } = await curateFromPool(admin, { search: WORD, pointsPrice: POINTS_PRICE }));
    const listing = ok<any>(await sys.gql(bankAdmin(1), LISTING, { id: listingId }), 'listing');
    assert.equal(listing.pricePoints, POINTS_PRICE);
    assert.equal(listing.status, 'ACTIVE');
    assert.match(listing.sku.title, new RegExp(WORD));
    await check(admin, 'curation');
  });

  it('takes a Mid-Autumn campaign for one segment from the template to scheduled', async () => {
    const launched = await launchMidAutumnCampaign(admin, {
      segmentName: SEGMENT,
      listingTitle: WORD,
      campaignPointsPrice: CAMPAIGN_POINTS_PRICE,
    });
    assert.equal(launched.waitingForApproval, false, 'this bank does not hold campaign launches');
    assert.ok(launched.interactions < 25, `${launched.interactions} interactions`);
    const campaign = ok<any>(await sys.gql(bankAdmin(1), CAMPAIGN, { id: launched.campaignId }), 'campaign');
    assert.equal(campaign.status, 'SCHEDULED');
    assert.equal(campaign.template, 'MID_AUTUMN');
    assert.deepEqual(
      campaign.targetSegments.map((s: { name: string }) => s.name),
      [SEGMENT],
    );
    assert.deepEqual(
      campaign.items.edges.map((e: any) => [e.node.listing.id, e.node.pricePoints]),
      [[listingId, CAMPAIGN_POINTS_PRICE]],
    );
    await check(admin, 'campaign');
  });

  it('a customer buys the listing through the partner API and the open dashboard counts it without a reload', async () => {
    await admin.getByTestId('menu-dashboard').click();
    await admin.getByTestId('total-orders').waitFor();
    const before = await ordersToday();
    await waitFor('the dashboard shows today’s orders', async () => (await figure(admin, 'orders')) >= before);
    const shownBefore = await figure(admin, 'orders');

    // The partner app's token, a customer token for the bank's reference, then the checkout.
    const app = demoPartnerApp(1);
    const token = async (params: Record<string, string>) => {
      const r = await fetch(`${sys.stack.urls.gateway}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams(params),
      });
      assert.equal(r.status, 200);
      return ((await r.json()) as { access_token: string }).access_token;
    };
    const appToken = await token({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
    });
    const customerToken = await token({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: appToken,
      customer_ref: customerRef,
    });
    const placed = ok<any>(
      await sys.gql(customerToken, CHECKOUT, {
        input: {
          mallId: ok<any>(await sys.gql(bankAdmin(1), LISTING, { id: listingId }), 'listing').mall.id,
          lines: [{ listingId, quantity: 1 }],
          shippingAddress: ADDRESS,
          idempotencyKey: `journey-${WORD}`,
        },
      }),
      'checkout',
    ).order;
    // Points only, before the festival: the base price, paid at once.
    assert.equal(placed.status, 'PAID');
    assert.equal(placed.totalPoints, POINTS_PRICE);

    await waitFor(
      'the open dashboard counts the order',
      async () => (await figure(admin, 'orders')) === shownBefore + 1,
      10_000,
    );
    assert.equal(await ordersToday(), before + 1);
    await screenshot(admin, 'journey-dashboard-after-sale');
  });

  it('a points adjustment the admin asks for waits for a second operator, who approves it', async () => {
    const was = await balance();
    const reason = `中秋客户关怀 ${WORD}`;
    await requestPointsAdjustment(admin, { customerRef, points: ADJUSTMENT, reason });
    await check(admin, 'points-pending');
    assert.equal(await balance(), was, 'nothing moves before the approval');

    const opened = await openConsole(browser, sys.stack.urls.gateway);
    contexts.push(opened.context);
    const checker = opened.page;
    await signInAs(checker, 'ljrcb.checker');
    await approveLatestRequest(checker);
    await check(checker, 'approvals');

    await waitFor('the approved adjustment is applied', async () => (await balance()) === was + ADJUSTMENT);
    const request = ok<any>(await sys.gql(bankAdmin(1), REQUESTS), 'approvalRequests').edges.find(
      (e: any) => e.node.pointsAdjustment?.reason === reason,
    ).node;
    assert.equal(request.status, 'APPLIED');
    assert.equal(request.pointsAdjustment.amount, ADJUSTMENT);
    assert.notEqual(request.checkerSub, request.makerSub, 'maker and checker are two people');
  });
});
