/**
 * Reusable browser steps for the console's 员工管理 Staff and 我的账户 My account pages
 * (test/console/staff.test.ts): find a member, act on their row, read a link shown once, and
 * change one's own password.
 */
import type { Page } from 'playwright-core';

/** The open popconfirm's OK button (closed ones stay in the page, hidden). */
const openConfirm = (page: Page) => page.locator('.ant-popover:not(.ant-popover-hidden) [data-testid=confirm-ok]');

/** Opens Staff from the menu and narrows the list to a login name (or part of a name). */
export async function findStaff(page: Page, search: string): Promise<void> {
  if (!(await page.getByTestId('page-staff').isVisible())) {
    await page.getByTestId('menu-staff').click();
    await page.getByTestId('page-staff').waitFor();
  }
  await page.getByTestId('staff-search').fill(search);
  await page.getByTestId('staff-find').click();
}

/** Clicks a row's action that asks for confirmation (reset password, reset TOTP, remove) and confirms it. */
export async function confirmRowAction(
  page: Page,
  action: 'reset-password' | 'reset-totp' | 'remove',
  loginName: string,
): Promise<void> {
  await page.getByTestId(`staff-${action}-${loginName}`).click();
  await openConfirm(page).click();
}

/** The link a "shown once" dialog shows (reset or invitation); the dialog stays open. */
export async function shownLink(page: Page): Promise<string> {
  const link = page.getByTestId('shown-link');
  await link.waitFor();
  return (await link.innerText()).trim();
}

/** Closes a "shown once" dialog and waits until its content left the page. */
export async function closeShownOnce(page: Page): Promise<void> {
  await page.getByTestId('secret-done').click();
  await page.getByTestId('shown-link').waitFor({ state: 'detached' });
}

/** On the sign-in page: a password-only sign-in (operators), landing on the dashboard. */
export async function signInWithPassword(page: Page, loginName: string, password: string): Promise<void> {
  await page.getByTestId('login-name').fill(loginName);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('page-dashboard').waitFor();
}

/** Opens My account and submits the change-password form (it does not wait for the answer). */
export async function submitPasswordChange(page: Page, current: string, next: string): Promise<void> {
  if (!(await page.getByTestId('page-account').isVisible())) {
    await page.getByTestId('menu-account').click();
    await page.getByTestId('page-account').waitFor();
  }
  await page.getByTestId('current-password').fill(current);
  await page.getByTestId('new-password').fill(next);
  await page.getByTestId('repeat-password').fill(next);
  await page.getByTestId('change-password').click();
}
