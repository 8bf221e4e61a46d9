import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../harness';
import { ADDRESS, CHECKOUT, createListing, customer, setStock, setUpMall } from '../orders/helpers';
import { pushEvents, waitFor } from '../logistics/helpers';
import { supplierStaff } from '../principals';
import { Sku, SkuKind, SkuStatus } from '../../subgraphs/catalog/entities/sku';
import { assertAccessible, launchBrowser, openConsole, screenshot, signInAs } from './browser';

const REQUEST = 'mutation($i: RequestReturnInput!) { requestReturn(input: $i) { id } }';
const GET = 'query($id: ID!) { returnRequest(id: $id) { status refusalReason refund { pointsRefunded } } }';

/**
 * Issue 22: the supplier's returns page in a real browser. Customers ask to return delivered goods of
 * 鲸选优品 (supplier 1); its admin authorises one and refuses the other with a reason; the authorised
 * parcel comes back through the carrier's callback, and the admin accepts it on inspection (refunded).
 */
describe('console returns (supplier)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let admin: Page;
  const ids: string[] = [];
  let mallId: string;
  let listing: string;

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
    mallId = m.mallId;
    listing = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(sku.id),
      priceMode: 'POINTS',
      pricePoints: 200,
    });
    for (const c of [11, 12]) ids.push(await requestedReturn(c, 'REFUND'));
    const opened = await openConsole(browser, sys.stack.urls.gateway);
    context = opened.context;
    admin = opened.page;
    await signInAs(admin, 'jingxuan.admin');
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  const ok = async (who: Parameters<TestSystem['gql']>[0], query: string, vars: Record<string, unknown>) => {
    const r = await sys.gql(who, query, vars);
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!;
  };

  /** A one-unit order delivered just now, and the customer's request to return it. */
  async function requestedReturn(customerId: number, kind: 'REFUND' | 'EXCHANGE'): Promise<string> {
    const o = (
      await ok(customer(1, customerId), CHECKOUT, {
        input: {
          mallId,
          lines: [{ listingId: listing, quantity: 1 }],
          shippingAddress: ADDRESS,
          idempotencyKey: `cr-${randomUUID()}`,
        },
      })
    ).checkout.order;
    for (const status of ['SHIPPED', 'DELIVERED']) {
      const d = await sys.asService(
        'orders',
        `mutation($id: ID!, $at: DateTime!) { recordSupplierOrderProgress(supplierOrderId: $id, status: ${status}, at: $at) { status } }`,
        { id: o.supplierOrders[0].id, at: new Date().toISOString() },
      );
      assert.equal(d.errors, undefined, JSON.stringify(d.errors));
    }
    return (
      await ok(customer(1, customerId), REQUEST, {
        i: {
          supplierOrderId: o.supplierOrders[0].id,
          lines: [{ orderLineId: o.lines[0].id, quantity: 1 }],
          kind,
          reason: kind === 'REFUND' ? '颜色与图片不符' : '尺码不合适',
        },
      })
    ).requestReturn.id as string;
  }

  it('the supplier authorises one return, refuses the other with a reason, and accepts the parcel that came back', async () => {
    const [authoriseId, refuseId] = ids as [string, string];
    await admin.getByTestId('menu-returns').click();
    await admin.getByTestId('page-returns').waitFor();
    await admin.getByTestId(`authorise-return-${authoriseId}`).waitFor();
    await admin.getByTestId(`refuse-return-${refuseId}`).waitFor();
    await admin.mouse.move(0, 0);
    await assertAccessible(admin, 'returns list');
    await screenshot(admin, 'returns');

    await admin.getByTestId(`authorise-return-${authoriseId}`).click();
    await admin.getByTestId(`authorise-return-${authoriseId}`).waitFor({ state: 'detached' });
    assert.equal((await sys.gql(customer(1, 11), GET, { id: authoriseId })).data!.returnRequest.status, 'AUTHORISED');

    await admin.getByTestId(`refuse-return-${refuseId}`).click();
    await admin.getByTestId('return-refuse-reason').fill('商品已拆封使用，不符合退货条件');
    await assertAccessible(admin, 'refuse dialog');
    await admin.getByTestId('refuse-return-confirm').click();
    await admin.getByTestId(`refuse-return-${refuseId}`).waitFor({ state: 'detached' });
    const refused = (await sys.gql(customer(1, 12), GET, { id: refuseId })).data!.returnRequest;
    assert.deepEqual([refused.status, refused.refusalReason], ['REFUSED', '商品已拆封使用，不符合退货条件']);

    // The customer sends the parcel back; the carrier reports it delivered to the supplier.
    const tracking = `SFR${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const sent = await sys.gql(
      customer(1, 11),
      'mutation($i: SubmitReturnParcelInput!) { submitReturnParcel(input: $i) { status } }',
      {
        i: { returnRequestId: authoriseId, carrierCode: 'SF', trackingNumber: tracking },
      },
    );
    assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));
    await pushEvents(sys, 'SF', [
      { eventId: `${tracking}-1`, trackingNumber: tracking, status: 'DELIVERED', occurredAt: new Date().toISOString() },
    ]);
    await waitFor(
      'the parcel received',
      async () => (await sys.gql(customer(1, 11), GET, { id: authoriseId })).data!.returnRequest.status === 'RECEIVED',
    );
    await admin.getByTestId('returns-status').getByText('待验货').click();
    await admin.getByTestId(`accept-return-${authoriseId}`).click();
    await admin.getByTestId(`accept-return-${authoriseId}`).waitFor({ state: 'detached' });
    const done = (await sys.gql(customer(1, 11), GET, { id: authoriseId })).data!.returnRequest;
    assert.equal(done.status, 'REFUNDED');
    assert.equal(done.refund.pointsRefunded, 200);
    await admin.getByTestId('returns-status').getByText('已退款').click();
    await admin.getByText(tracking).waitFor();
    await assertAccessible(admin, 'refunded returns');
    await screenshot(admin, 'returns-refunded');
  });

  /** A delivered order of one unit whose exchange came back and was accepted on inspection (through the API). */
  async function acceptedExchange(customerId: number): Promise<string> {
    const id = await requestedReturn(customerId, 'EXCHANGE');
    await ok(supplierStaff(1), 'mutation($i: DecideReturnInput!) { decideReturn(input: $i) { id } }', {
      i: { returnRequestId: id, authorise: true },
    });
    const tracking = `SFX${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    await ok(
      customer(1, customerId),
      'mutation($i: SubmitReturnParcelInput!) { submitReturnParcel(input: $i) { id } }',
      {
        i: { returnRequestId: id, carrierCode: 'SF', trackingNumber: tracking },
      },
    );
    await pushEvents(sys, 'SF', [
      { eventId: `${tracking}-1`, trackingNumber: tracking, status: 'DELIVERED', occurredAt: new Date().toISOString() },
    ]);
    await waitFor(
      'the exchange parcel received',
      async () => (await sys.gql(customer(1, customerId), GET, { id })).data!.returnRequest.status === 'RECEIVED',
    );
    await ok(supplierStaff(1), 'mutation($i: InspectReturnInput!) { inspectReturn(input: $i) { id } }', {
      i: { returnRequestId: id, accept: true },
    });
    return id;
  }

  it('accepted exchanges: the supplier ships one replacement, and refunds the other instead', async () => {
    const [shipId, refundId] = [await acceptedExchange(13), await acceptedExchange(14)];
    await admin.getByTestId('returns-status').getByText('待发换货').click();
    await admin.getByTestId(`ship-replacement-${shipId}`).click();
    await admin.getByTestId('replacement-tracking').fill('SF1234567890');
    await assertAccessible(admin, 'ship replacement dialog');
    await admin.getByTestId('ship-replacement-confirm').click();
    await admin.getByTestId(`ship-replacement-${shipId}`).waitFor({ state: 'detached' });
    assert.equal(
      (await sys.gql(customer(1, 13), GET, { id: shipId })).data!.returnRequest.status,
      'REPLACEMENT_SHIPPED',
    );

    await admin.getByTestId(`refund-instead-${refundId}`).click();
    await admin.getByTestId('refund-instead-note').fill('该款已售罄，无法换货');
    await assertAccessible(admin, 'refund instead dialog');
    await admin.getByTestId('refund-instead-confirm').click();
    await admin.getByTestId(`refund-instead-${refundId}`).waitFor({ state: 'detached' });
    const refunded = (await sys.gql(customer(1, 14), GET, { id: refundId })).data!.returnRequest;
    assert.equal(refunded.status, 'REFUNDED');
    assert.equal(refunded.refund.pointsRefunded, 200, 'the unit’s points are back');
    await admin.getByTestId('returns-status').getByText('换货已发出').click();
    // The only replacement shipped: its row, first cell the return's number.
    const rows = admin.getByTestId('page-returns').locator('tbody tr.ant-table-row');
    await rows.first().locator('td').first().getByText(shipId, { exact: true }).waitFor();
    assert.equal(await rows.count(), 1);
    await assertAccessible(admin, 'replacements shipped');
    await screenshot(admin, 'returns-replacement-shipped');
  });
});
