/**
 * Browser harness for the operator console: playwright-core driving Debian's chromium against the
 * gateway of a real test system (test/harness.ts), screenshots under test-output/console/, and an
 * axe-core check that fails on serious or critical violations.
 */
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { ROOT_DIR } from '../../core/config';
import { demo, totpCode } from '../staff/helpers';

export const CHROMIUM = process.env.PERKMALL_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS_DIR = path.join(ROOT_DIR, 'test-output', 'console');

export async function launchBrowser(): Promise<Browser> {
  assert.ok(
    fs.existsSync(CHROMIUM),
    `${CHROMIUM} is missing: apt-get install -y chromium fonts-wqy-microhei (.ci/run does it)`,
  );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh context (no cookies, nothing in memory) with the console open at `path` below /console/. */
export async function openConsole(
  browser: Browser,
  gatewayUrl: string,
  at = '',
): Promise<{ context: BrowserContext; page: Page }> {
  // @axe-core/playwright needs a page of a context made with newContext(), not browser.newPage().
  // Reduced motion, as a person may ask for it: the console then plays no transitions (console/src/motion.ts).
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${gatewayUrl}/console/${at}`);
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Runs axe-core on the page as it rests; fails naming each serious or critical violation and where.
 * "As it rests": a select whose dropdown the test just closed keeps its listbox (rc-select's
 * `<id>_list`, unnamed) until the closing animation ends, which on a busy machine is still running
 * when axe looks, a dialog fades in or out, and a pointer left over a button shows its hover colour.
 * These are moments, not the page: the check waits (briefly) for open listboxes to go and animations
 * to end, and moves the pointer aside.
 */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page
    .waitForFunction(
      // A closed dropdown stays in the DOM with the -hidden class (display: none), where axe skips it.
      `![...document.querySelectorAll('[role="listbox"][id$="_list"]')].some((l) => {
        const popup = l.closest('.ant-select-dropdown, .ant-cascader-dropdown, .ant-select-tree-dropdown');
        return popup && !popup.className.includes('-hidden');
      })`,
      null,
      { timeout: 5_000 },
    )
    .catch(() => undefined); // still open after 5 s: the test left it open, and axe judges it so
  // A dialog that just closed or opened fades (rc-motion's CSS animations): mid-fade its text is
  // translucent, which axe reads as low contrast. Wait for every finite animation to end — and for
  // rc-motion's own phases (`-appear`/`-enter`/`-leave` classes: in the "prepare" phase the element
  // sits at opacity 0 before any animation has started), settled over two frames in a row.
  await page
    .waitForFunction(
      `(() => {
        const busy = document.getAnimations().some((a) => a.playState === 'running' && a.effect && a.effect.getComputedTiming().endTime !== Infinity)
          || document.querySelector('[class*="-appear"], [class*="-enter"], [class*="-leave"]') !== null;
        window.__perkmallRestFrames = busy ? 0 : (window.__perkmallRestFrames || 0) + 1;
        return window.__perkmallRestFrames >= 2;
      })()`,
      null,
      { timeout: 5_000, polling: 'raf' },
    )
    .catch(() => undefined);
  // Toasts (antd's message) fade out on their own timer, whatever the page does: one that starts
  // fading while axe runs reads as low contrast. They are antd's stock colours; axe skips them.
  const { violations } = await new AxeBuilder({ page }).exclude('.ant-message').analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `${what}: accessibility violations`,
  );
}

/**
 * Closes a select's dropdown the test opened and chose from: Escape (again if a busy browser missed
 * it) until no dropdown is open. Not an operator's choice, so journeys that count interactions
 * leave it out.
 */
export async function closeDropdowns(page: Page): Promise<void> {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (let i = 0; i < 3 && (await open.count()) > 0; i++) {
    await page.keyboard.press('Escape');
    await open
      .first()
      .waitFor({ state: 'detached', timeout: 2_000 })
      .catch(() => undefined);
  }
}

/**
 * Signs a demo staff member in on the console's sign-in page (the TOTP code too where they have a
 * second factor) and waits for the page it lands on (the dashboard, or the page the console was opened
 * at). A demo admin's code works once per 30 s window.
 */
export async function signInAs(page: Page, loginName: string, landsOn = 'page-dashboard'): Promise<void> {
  const member = demo(loginName);
  await page.getByTestId('login-name').fill(member.loginName);
  await page.getByTestId('password').fill(member.password);
  await page.getByTestId('sign-in-submit').click();
  if (member.totpSecret) {
    await page.getByTestId('totp-code').fill(await totpCode(member.totpSecret));
    await page.getByTestId('totp-submit').click();
  }
  await page.getByTestId(landsOn).waitFor();
}

/** The figure a headline card of the sales dashboard shows, as a number ("¥1,234.50" → 1234.5). */
export async function dashboardFigure(page: Page, key: string): Promise<number> {
  const text = await page.getByTestId(`total-${key}`).locator('.ant-statistic-content').innerText();
  return Number(text.replace(/[^\d.]/g, ''));
}
