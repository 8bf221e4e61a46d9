import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ok, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, partnerApp } from '../principals';
import { waitFor } from '../logistics/helpers';
import { customerRef } from '../../scripts/seed/demo-plan';
import { startWebhookReceiver, verifyPerkmallSignature } from '../support/webhook-receiver';
import { assertAccessible, closeDropdowns, launchBrowser, openConsole, screenshot, signInAs } from './browser';

const ENDPOINTS = '{ webhookEndpoints(first: 100) { edges { node { id url eventTypes enabled } } } }';
const RECORD = `mutation($input: RecordBankEventInput!) { recordBankEvent(input: $input) { pointsAwarded } }`;

/**
 * Issue 18: the Webhook 推送 page in a real browser against the real stack and a receiving HTTP
 * server in the test process. The bank admin registers an endpoint choosing its events and sees its
 * secret once (it verifies what arrives), reads the delivery log by status, redelivers by hand and
 * disables the endpoint.
 */
describe('console webhooks', () => {
  let sys: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let admin: Page;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let endpointId: string;
  let secret: string;

  before(async () => {
    receiver = await startWebhookReceiver();
    [sys, browser] = await Promise.all([
      startTestSystem({ env: { PERKMALL_WEBHOOK_BACKOFF_BASE_MS: '400', PERKMALL_WEBHOOK_BACKOFF_CAP_MS: '1000' } }),
      launchBrowser(),
    ]);
    const opened = await openConsole(browser, sys.stack.urls.gateway);
    context = opened.context;
    admin = opened.page;
    await signInAs(admin, 'ljrcb.admin');
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
    await receiver?.stop();
  });

  it('creating an endpoint with chosen events shows its secret once; events arrive signed with it', async () => {
    await admin.getByTestId('menu-webhooks').click();
    await admin.getByTestId('page-webhooks').waitFor();
    await assertAccessible(admin, 'webhooks');
    await admin.getByTestId('create-endpoint').click();
    await admin.getByTestId('endpoint-url').fill(`${receiver.url}/console`);
    await admin.getByTestId('endpoint-description').fill('核心系统');
    await admin.getByRole('checkbox', { name: '订单已退款' }).uncheck();
    await admin.getByRole('checkbox', { name: '积分获得' }).check();
    await assertAccessible(admin, 'create endpoint dialog');
    await admin.getByTestId('create-endpoint-submit').click();
    await admin.getByTestId('shown-webhook-secret').waitFor();
    secret = (await admin.getByTestId('shown-webhook-secret').innerText()).trim();
    assert.match(secret, /^whsec_/);
    await assertAccessible(admin, 'secret shown once');
    await screenshot(admin, 'webhooks-secret');
    await admin.getByTestId('secret-done').click();
    await admin.getByTestId('shown-webhook-secret').waitFor({ state: 'detached' });
    assert.ok(!(await admin.content()).includes(secret), 'the secret is not on the page any more');

    const endpoint = ok(await sys.gql(bankAdmin(1), ENDPOINTS), 'webhookEndpoints').edges.map((e: any) => e.node)[0];
    endpointId = endpoint.id;
    assert.equal(endpoint.url, `${receiver.url}/console`);
    assert.deepEqual(endpoint.eventTypes, ['ORDER_PAID', 'ORDER_DELIVERED', 'POINTS_EARNED']);
    await admin.getByTestId(`toggle-${endpointId}`).waitFor();

    const r = await sys.gql(partnerApp(1), RECORD, {
      input: {
        customerRef: customerRef(1, 7),
        product: 'CREDIT_CARD',
        amountFen: 20_000,
        occurredAt: new Date().toISOString(),
        idempotencyKey: `console-wh-${randomUUID()}`,
      },
    });
    assert.equal(ok(r, 'recordBankEvent').pointsAwarded, 200);
    const [hit] = await receiver.waitFor('POINTS_EARNED', (x) => x.path === '/console');
    assert.equal(hit!.body.type, 'POINTS_EARNED');
    assert.ok(verifyPerkmallSignature(secret, hit!.headers, hit!.rawBody), 'signed with the secret the page showed');
  });

  it('the delivery log shows the delivery by status; 重新推送 sends it again with the same event id', async () => {
    const eventId = receiver.on('/console')[0]!.body.id;
    await waitFor('the delivery recorded as delivered', async () => {
      const r = await sys.gql(
        bankAdmin(1),
        '{ webhookDeliveries(filter: { status: DELIVERED }) { edges { node { eventId } } } }',
      );
      return ok(r, 'webhookDeliveries').edges.some((e: any) => e.node.eventId === eventId);
    });
    // Choosing a status reloads the log with it.
    await admin.locator('[data-testid=status-filter] .ant-select').click();
    await admin
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '已送达' })
      .click();
    await closeDropdowns(admin);
    await admin.getByText(eventId).waitFor();
    await assertAccessible(admin, 'delivery log');
    await screenshot(admin, 'webhooks-log');
    const redeliver = admin.locator('[data-testid^="redeliver-"]').first();
    await redeliver.click();
    const hits = await receiver.waitFor('redelivery', (x) => x.path === '/console' && x.body.id === eventId, 2);
    assert.ok(verifyPerkmallSignature(secret, hits[1]!.headers, hits[1]!.rawBody));
  });

  it('disabling the endpoint stops new deliveries to it', async () => {
    await admin.getByTestId(`toggle-${endpointId}`).click();
    await waitFor('disabled', async () => {
      const e = ok(await sys.gql(bankAdmin(1), ENDPOINTS), 'webhookEndpoints').edges[0].node;
      return e.enabled === false;
    });
    const before = receiver.on('/console').length;
    const r = await sys.gql(partnerApp(1), RECORD, {
      input: {
        customerRef: customerRef(1, 7),
        product: 'CREDIT_CARD',
        amountFen: 10_000,
        occurredAt: new Date().toISOString(),
        idempotencyKey: `console-wh-${randomUUID()}`,
      },
    });
    assert.equal(ok(r, 'recordBankEvent').pointsAwarded, 100);
    await new Promise((res) => setTimeout(res, 4000));
    assert.equal(receiver.on('/console').length, before, 'nothing sent to a disabled endpoint');
  });
});
