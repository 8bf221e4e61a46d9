import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../harness';
import { bankAdmin } from '../principals';
import { waitFor } from '../logistics/helpers';
import { assertAccessible, launchBrowser, openConsole, screenshot, signInAs } from './browser';

const APPS = '{ partnerApps(first: 100) { edges { node { id name clientId active scopes } } } }';
const SET_POLICY = `mutation($input: SetApprovalPolicyInput!) { setApprovalPolicy(input: $input) { bankId } }`;
const PENDING = `{ approvalRequests(filter: { status: PENDING }, first: 100) { edges { node { id kind summary makerNote } } } }`;

/**
 * Issue 16: the partner apps page in a real browser against the real stack. The bank admin creates
 * an app and sees its secret once, which works at /oauth/token; rotating refuses the old secret and
 * the new one works; revoking refuses the app; a bank whose policy holds new apps sends them for approval.
 */
describe('console partner apps', () => {
  let sys: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let admin: Page;
  let gateway: string;
  let appId: string;
  let clientId: string;
  let firstSecret: string;
  let secondSecret: string;

  const exchange = async (id: string, secret: string): Promise<number> => {
    const r = await fetch(`${gateway}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret }),
    });
    await r.arrayBuffer();
    return r.status;
  };
  /** The secret the dialog shows once, then closes it; the secret is gone from the page. */
  const takeSecret = async (): Promise<{ clientId: string; clientSecret: string }> => {
    await admin.getByTestId('shown-client-secret').waitFor();
    const shown = {
      clientId: (await admin.getByTestId('shown-client-id').innerText()).trim(),
      clientSecret: (await admin.getByTestId('shown-client-secret').innerText()).trim(),
    };
    assert.ok(shown.clientSecret.length >= 20, 'a long secret');
    return shown;
  };
  const closeSecret = async (secret: string) => {
    await admin.getByTestId('secret-done').click();
    await admin.getByTestId('shown-client-secret').waitFor({ state: 'detached' });
    assert.ok(!(await admin.content()).includes(secret), 'the secret is not on the page any more');
  };

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    gateway = sys.stack.urls.gateway;
    const opened = await openConsole(browser, gateway);
    context = opened.context;
    admin = opened.page;
    await signInAs(admin, 'ljrcb.admin');
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  it('lists the bank’s apps; creating one shows its secret once, and it works at /oauth/token', async () => {
    await admin.getByTestId('menu-partner-apps').click();
    await admin.getByTestId('page-partner-apps').waitFor();
    await admin.getByText('demo-ljrcb-app').waitFor();
    await assertAccessible(admin, 'partner apps');
    await screenshot(admin, 'partner-apps');

    await admin.getByTestId('create-app').click();
    await admin.getByTestId('app-name').fill('手机银行 App');
    await assertAccessible(admin, 'create partner app dialog');
    await admin.getByTestId('create-app-submit').click();
    const shown = await takeSecret();
    await assertAccessible(admin, 'secret shown once');
    await screenshot(admin, 'partner-apps-secret');
    clientId = shown.clientId;
    firstSecret = shown.clientSecret;
    await closeSecret(firstSecret);

    const apps = await sys.gql(bankAdmin(1), APPS);
    const app = apps.data!.partnerApps.edges.map((e: any) => e.node).find((a: any) => a.clientId === clientId);
    assert.ok(app, 'the new app is the bank’s');
    assert.equal(app.name, '手机银行 App');
    appId = app.id;
    await admin.getByTestId(`rotate-${appId}`).waitFor();
    assert.equal(await exchange(clientId, firstSecret), 200);
  });

  it('rotating shows a new secret once: the old one is refused, the new one works', async () => {
    await admin.getByTestId(`rotate-${appId}`).click();
    await admin.getByTestId('overlap-hours').waitFor();
    await admin.getByTestId('rotate-confirm').click();
    const shown = await takeSecret();
    assert.equal(shown.clientId, clientId);
    assert.notEqual(shown.clientSecret, firstSecret);
    secondSecret = shown.clientSecret;
    await closeSecret(secondSecret);
    assert.equal(await exchange(clientId, firstSecret), 401, 'the old secret is refused at once (overlap 0)');
    assert.equal(await exchange(clientId, secondSecret), 200);
  });

  it('scopes are chosen in a dialog and carried by the app', async () => {
    await admin.getByTestId(`scopes-${appId}`).click();
    await admin.getByTestId('scopes-choice').waitFor();
    await admin.getByRole('checkbox', { name: /CUSTOMER_UPSERT/ }).uncheck();
    await admin.getByRole('checkbox', { name: /EARN_EVENTS/ }).uncheck();
    await assertAccessible(admin, 'scopes dialog');
    await admin.getByTestId('scopes-save').click();
    await admin.getByTestId('scopes-choice').waitFor({ state: 'detached' });
    await waitFor('the new scopes', async () => {
      const apps = await sys.gql(bankAdmin(1), APPS);
      const app = apps.data!.partnerApps.edges.find((e: any) => e.node.id === appId).node;
      return JSON.stringify([...app.scopes].sort()) === JSON.stringify(['BROWSE', 'CHECKOUT']);
    });
  });

  it('revoking asks for confirmation; the token endpoint then refuses the app', async () => {
    await admin.getByTestId(`revoke-${appId}`).click();
    await admin.getByTestId('revoke-confirm').waitFor();
    await assertAccessible(admin, 'revoke confirmation');
    await screenshot(admin, 'partner-apps-revoke');
    await admin.getByTestId('revoke-confirm').click();
    await admin.getByTestId(`revoke-${appId}`).waitFor({ state: 'detached' });
    const apps = await sys.gql(bankAdmin(1), APPS);
    assert.equal(apps.data!.partnerApps.edges.find((e: any) => e.node.id === appId).node.active, false);
    assert.equal(await exchange(clientId, secondSecret), 401);
  });

  it('where the bank’s policy holds new apps, the dialog submits the app for approval instead', async () => {
    const policy = await sys.gql(bankAdmin(1), SET_POLICY, { input: { bankId: '1', partnerAppCreation: true } });
    assert.equal(policy.errors, undefined, JSON.stringify(policy.errors));
    const before = (await sys.gql(bankAdmin(1), APPS)).data!.partnerApps.edges.length;
    await admin.getByTestId('create-app').click();
    await admin.getByTestId('app-name').fill('积分联名小程序');
    await admin.getByTestId('create-app-submit').click();
    await admin.getByTestId('approval-needed').waitFor();
    await admin.getByTestId('approval-note').fill('与合作方签约后上线');
    await assertAccessible(admin, 'approval needed');
    await screenshot(admin, 'partner-apps-approval');
    await admin.getByTestId('create-app-submit').click();
    await admin.getByTestId('approval-note').waitFor({ state: 'detached' });
    const pending = await sys.gql(bankAdmin(1), PENDING);
    assert.equal(pending.errors, undefined, JSON.stringify(pending.errors));
    const request = pending
      .data!.approvalRequests.edges.map((e: any) => e.node)
      .find((r: any) => r.makerNote === '与合作方签约后上线');
    assert.ok(request, 'a pending approval request');
    assert.match(request.summary, /积分联名小程序/);
    assert.equal((await sys.gql(bankAdmin(1), APPS)).data!.partnerApps.edges.length, before, 'no app yet');
  });
});
