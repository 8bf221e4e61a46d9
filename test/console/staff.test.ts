import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, platform } from '../principals';
import { demo } from '../staff/helpers';
import { assertAccessible, closeDropdowns, launchBrowser, openConsole, screenshot, signInAs } from './browser';
import {
  closeShownOnce,
  confirmRowAction,
  findStaff,
  shownLink,
  signInWithPassword,
  submitPasswordChange,
} from './steps/staff';

const PASSWORD = 'Correct-Horse-42-Battery';
const RESET_PASSWORD = 'Quiet-Lantern-77-River';
const NEW_PASSWORD = 'Amber-Meadow-58-Falcon';
const CREATE = `mutation($i: CreateStaffMemberInput!) { createStaffMember(input: $i) { staffMember { id } } }`;
const MEMBER = `query($s: String) { staffMembers(search: $s, first: 5) { edges { node { id loginName status totpEnabled permissionGroups { code } } } } }`;

/**
 * Issue 15: the Staff and My account pages in a real browser against the real stack. The bank
 * admin finds a member, changes their groups, issues a password reset link (shown once; it works
 * at /auth/staff/reset-password), resets another's authenticator, removes them, and invites
 * someone; an operator changes their own password (a wrong current one is shown on its field);
 * the admin regenerates their recovery codes (shown once).
 */
describe('console staff and my account', () => {
  let sys: TestSystem;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: Page;
  let gateway: string;

  /** Opens a one-time link's console page in a fresh browser (no session), sets the password and submits. */
  const redeemLink = async (at: string, kind: 'reset' | 'invitation', password: string): Promise<Page> => {
    const opened = await openConsole(browser, gateway, at);
    contexts.push(opened.context);
    const page = opened.page;
    await page.getByTestId(`page-${kind}-link`).waitFor();
    await page.getByTestId('credential-password').fill(password);
    await page.getByTestId('credential-repeat').fill(password);
    await assertAccessible(page, `${kind} link page`);
    await screenshot(page, `${kind}-link`);
    await page.getByTestId('credential-submit').click();
    return page;
  };
  const post = async (route: string, body: Record<string, string>) => {
    const r = await fetch(`${gateway}/auth/staff/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Record<string, any> };
  };
  const member = async (loginName: string) => {
    const r = await sys.gql(bankAdmin(1), MEMBER, { s: loginName });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return (r.data!.staffMembers.edges as any[]).map((e) => e.node).find((m) => m.loginName === loginName);
  };

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    gateway = sys.stack.urls.gateway;
    for (const [loginName, displayName] of [
      ['console.staff1', '陈 一'],
      ['console.staff2', '周 二'],
    ])
      assert.equal(
        (
          await sys.gql(platform, CREATE, {
            i: { role: 'BANK_OPERATOR', bankId: '1', loginName, displayName, password: PASSWORD },
          })
        ).errors,
        undefined,
      );
    const opened = await openConsole(browser, gateway);
    contexts.push(opened.context);
    admin = opened.page;
    await signInAs(admin, 'ljrcb.admin');
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  it('the admin lists the bank’s staff, changes a member’s groups and issues a reset link that works once', async () => {
    await findStaff(admin, 'console.');
    await admin.getByTestId('staff-row-console.staff1').waitFor();
    await admin.getByTestId('staff-row-console.staff2').waitFor();
    // The unfiltered first page holds these rows too: wait for the search's answer to replace it.
    await admin.getByText('ljrcb.operator', { exact: true }).waitFor({ state: 'detached' });
    assert.equal(await admin.getByText('ljrcb.operator', { exact: true }).count(), 0, 'the search narrowed the list');
    await assertAccessible(admin, 'staff list');
    await screenshot(admin, 'staff');

    // Groups: add 财务 (FINANCE).
    await admin.getByTestId('staff-groups-console.staff1').click();
    await admin.getByTestId('groups-select').click();
    await admin
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="财务"]')
      .click();
    await closeDropdowns(admin);
    await assertAccessible(admin, 'groups dialog');
    await admin.getByTestId('groups-save').click();
    await admin.getByTestId('groups-save').waitFor({ state: 'detached' });
    await admin.getByTestId('staff-row-console.staff1').locator('xpath=ancestor::tr').getByText('财务').waitFor();
    assert.deepEqual(
      (await member('console.staff1')).permissionGroups.map((g: any) => g.code),
      ['FINANCE'],
    );

    // A password reset link, shown once with a copy button.
    await confirmRowAction(admin, 'reset-password', 'console.staff1');
    const url = await shownLink(admin);
    assert.match(url, /\/console\/reset-password#token=[\w-]{40,}$/);
    await assertAccessible(admin, 'reset link shown once');
    await screenshot(admin, 'staff-reset-link');
    await closeShownOnce(admin);
    assert.ok(!(await admin.content()).includes(url), 'the link is not on the page any more');
    const token = new URL(url).hash.replace(/^#token=/, '');
    // The member opens the link, signed in nowhere, and sets a password on the console's page.
    const link = await redeemLink(`reset-password${new URL(url).hash}`, 'reset', RESET_PASSWORD);
    await link.getByTestId('credential-done').waitFor();
    await screenshot(link, 'reset-password-link-done');
    // Once only: the same link again is refused, on the page and at the route.
    await link.reload();
    await link.getByTestId('credential-password').fill(NEW_PASSWORD);
    await link.getByTestId('credential-repeat').fill(NEW_PASSWORD);
    await link.getByTestId('credential-submit').click();
    await link.getByTestId('credential-error').waitFor();
    assert.equal((await post('reset-password', { token, password: NEW_PASSWORD })).status, 409, 'once only');
    const signedIn = await post('sign-in', { login_name: 'console.staff1', password: RESET_PASSWORD });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
  });

  it('the admin resets a member’s authenticator, removes them, and invites someone with a link shown once', async () => {
    await findStaff(admin, 'console.staff2');
    await confirmRowAction(admin, 'reset-totp', 'console.staff2');
    await admin.locator('.ant-message').getByText('周 二').waitFor();
    const enrol = await post('sign-in', { login_name: 'console.staff2', password: PASSWORD });
    assert.equal(enrol.status, 403, 'the next sign-in enrols an authenticator');
    assert.equal(enrol.body.error, 'totp_enrolment_required');

    await confirmRowAction(admin, 'remove', 'console.staff2');
    await admin.getByTestId('staff-remove-console.staff2').waitFor({ state: 'detached' });
    assert.equal((await member('console.staff2')).status, 'DISABLED');

    await admin.getByTestId('staff-invite').click();
    await admin.getByTestId('invite-name').fill('林 三');
    await admin.getByTestId('invite-login').fill('console.staff3');
    await assertAccessible(admin, 'invite dialog');
    await admin.getByTestId('invite-submit').click();
    const invitation = await shownLink(admin);
    assert.match(invitation, /\/console\/accept-invitation#token=/);
    await closeShownOnce(admin);
    const accepted = await redeemLink(`accept-invitation${new URL(invitation).hash}`, 'invitation', PASSWORD);
    await accepted.getByTestId('credential-done').getByText('console.staff3').waitFor();
    await findStaff(admin, 'console.staff3');
    await admin.getByTestId('staff-row-console.staff3').waitFor();
  });

  it('an operator changes their own password in My account; a wrong current password is shown on its field', async () => {
    const opened = await openConsole(browser, gateway);
    contexts.push(opened.context);
    const op = opened.page;
    await signInWithPassword(op, 'console.staff1', RESET_PASSWORD);
    assert.equal(await op.getByTestId('menu-staff').count(), 0, 'no Staff page without MANAGE_STAFF');
    await submitPasswordChange(op, 'Not-The-Password-1', NEW_PASSWORD);
    await op.locator('#currentPassword_help, .ant-form-item-explain-error').first().waitFor();
    await assertAccessible(op, 'my account with a refused change');
    await screenshot(op, 'my-account');
    assert.equal((await post('sign-in', { login_name: 'console.staff1', password: NEW_PASSWORD })).status, 401);

    await submitPasswordChange(op, RESET_PASSWORD, NEW_PASSWORD);
    await op.locator('.ant-message-success').waitFor();
    assert.equal((await post('sign-in', { login_name: 'console.staff1', password: NEW_PASSWORD })).status, 200);
    assert.equal((await post('sign-in', { login_name: 'console.staff1', password: RESET_PASSWORD })).status, 401);
  });

  it('the admin regenerates their recovery codes: ten, shown once', async () => {
    await admin.getByTestId('menu-account').click();
    await admin.getByTestId('page-account').waitFor();
    await admin.getByTestId('codes-password').fill(demo('ljrcb.admin').password);
    await admin.getByTestId('regenerate-codes').click();
    const list = admin.getByTestId('shown-codes');
    await list.waitFor();
    const codes = (await list.locator('li').allInnerTexts()).map((c) => c.trim());
    assert.equal(codes.length, 10);
    for (const c of codes) assert.match(c, /^[0-9a-z]{5}-[0-9a-z]{5}$/);
    await assertAccessible(admin, 'recovery codes shown once');
    await screenshot(admin, 'my-account-recovery-codes');
    await admin.getByTestId('secret-done').click();
    await list.waitFor({ state: 'detached' });
    await admin.getByTestId('codes-left').filter({ hasText: '10' }).waitFor();
    // One of them signs the admin in instead of the authenticator.
    const a = demo('ljrcb.admin');
    const byCode = await post('sign-in', { login_name: a.loginName, password: a.password, totp_code: codes[3]! });
    assert.equal(byCode.status, 200, JSON.stringify(byCode.body));
  });
});
