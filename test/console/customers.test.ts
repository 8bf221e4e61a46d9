import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../harness';
import { bankAdmin } from '../principals';
import { demo, totpCode } from '../staff/helpers';
import { waitFor } from '../logistics/helpers';
import { customerRef, tierId } from '../../scripts/seed/demo-plan';
import { TierChange, TierChangeReason } from '../../subgraphs/tenants/entities/tier';
import { assertAccessible as axeCheck, launchBrowser, openConsole, screenshot } from './browser';
import { approveLatestRequest, requestPointsAdjustment } from './steps/points';

const SET_POLICY = `mutation($input: SetApprovalPolicyInput!) { setApprovalPolicy(input: $input) { bankId } }`;
const BALANCE = `query($id: ID!) { customer(id: $id) { points { redeemable } } }`;
const REQUESTS = `query { approvalRequests(filter: { kind: POINTS_ADJUSTMENT }, first: 20) {
  edges { node { id status makerSub checkerSub pointsAdjustment { customerId amount reason } } } } }`;
const TIERS = `query { bank(id: "1") { tiers { id name rank minTierPoints benefits } } }`;
const SEGMENTS = `query { bank(id: "1") { segments(first: 100) { edges { node { id name memberCount rules { minAssetBand tagsAny } } } } } }`;

/**
 * axe on the page at rest: the pointer moved off the button it just clicked (antd's hover colour of a
 * primary button is lighter than its resting one, and a test's pointer stays where it clicked).
 */
async function assertAccessible(page: Page, what: string): Promise<void> {
  await page.mouse.move(0, 0);
  await axeCheck(page, what);
}

/** The demo customer the operators look up (bank 1's third customer). */
const CUSTOMER_ID = '3';
const REF = customerRef(1, 3);
const ADJUSTMENT = 5000;
const REASON = '快递丢件补偿（控制台测试）';

/**
 * Issue 16: the Customers and points page and the Tiers and segments editor in a real browser
 * (Debian's chromium) against the real stack. Bank 1 holds points adjustments above 1,000 points for
 * a second person: operator A (ljrcb.operator) asks, operator B (ljrcb.checker) approves.
 */
describe('console: customers and points, tiers and segments', () => {
  let sys: TestSystem;
  let browser: Browser;
  let gateway: string;
  const contexts: BrowserContext[] = [];
  let maker: Page;
  let checker: Page;
  let requestId: string;

  const open = async (at = '') => {
    const opened = await openConsole(browser, gateway, at);
    contexts.push(opened.context);
    return opened.page;
  };
  const signInOperator = async (loginName: string) => {
    const member = demo(loginName);
    const page = await open();
    await page.getByTestId('login-name').fill(member.loginName);
    await page.getByTestId('password').fill(member.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('page-dashboard').waitFor();
    return page;
  };
  const balance = async () => {
    const r = await sys.gql(bankAdmin(1), BALANCE, { id: CUSTOMER_ID });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.customer.points.redeemable as number;
  };
  const shownBalance = async (page: Page) =>
    Number((await page.getByTestId('points-redeemable').innerText()).replace(/\D/g, ''));

  before(async () => {
    [sys, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
    gateway = sys.stack.urls.gateway;
    const policy = await sys.gql(bankAdmin(1), SET_POLICY, { input: { bankId: '1', pointsAdjustmentAbove: 1000 } });
    assert.equal(policy.errors, undefined, JSON.stringify(policy.errors));
    // The demo customer's tier history: a first tier, then an upgrade (as applyTierPoints records them).
    const tenants = (await sys.orm('tenants')).em.fork();
    await tenants.insertMany(TierChange, [
      {
        bankId: 1,
        customerId: Number(CUSTOMER_ID),
        fromTierId: null,
        toTierId: tierId(1, 0),
        reason: TierChangeReason.REACHED,
        tierPoints: 100,
        createdAt: new Date('2026-01-05T02:00:00Z'),
      },
      {
        bankId: 1,
        customerId: Number(CUSTOMER_ID),
        fromTierId: tierId(1, 0),
        toTierId: tierId(1, 1),
        reason: TierChangeReason.REACHED,
        tierPoints: 12_345,
        createdAt: new Date('2026-03-09T02:00:00Z'),
      },
    ]);
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await sys?.stop();
  });

  it('operator A looks a demo customer up by reference: tier progress and changes, lots with expiry, ledger, orders', async () => {
    maker = await signInOperator('ljrcb.operator');
    await maker.getByTestId('menu-customers').click();
    await maker.getByTestId('page-customers').waitFor();
    await assertAccessible(maker, 'customers page, empty');
    // An unknown reference says so.
    await maker.getByTestId('customer-ref').fill('LJRCB-C9999');
    await maker.getByTestId('customer-search').click();
    await maker.getByTestId('customer-error').waitFor();
    assert.match(await maker.getByTestId('customer-error').innerText(), /LJRCB-C9999/);

    await maker.getByTestId('customer-ref').fill(REF);
    await maker.getByTestId('customer-search').click();
    await maker.getByTestId('customer-view').waitFor();
    assert.equal(await shownBalance(maker), await balance());
    const progress = await maker.getByTestId('tier-progress-text').innerText();
    assert.match(progress, /距 .+ 还差 [\d,]+ 定级积分|已是最高等级/);
    assert.equal(await maker.locator('[data-testid=tier-progress] [role=progressbar]').count(), 1);
    // From `tierProgress`: this period's tier points and until when the tier is held (or that it is kept).
    assert.match(
      await maker.getByTestId('tier-valid-until').innerText(),
      /本评定期已得 [\d,]+ 定级积分 · (当前等级保级至 .+|当前等级长期有效)/,
    );
    // Tier changes, newest first: the upgrade, then the first tier (before them, what the seed recorded).
    const changeRows = maker.locator('[data-testid=customer-tier-changes] tbody tr.ant-table-row');
    await changeRows.first().waitFor();
    assert.ok((await changeRows.count()) >= 2);
    assert.match(await changeRows.nth(0).innerText(), /升级[\s\S]*12,345/);
    assert.match(await changeRows.nth(1).innerText(), /初次定级[\s\S]*未定级/);
    // The seed gives every customer two opening lots: one expiring within weeks, one at the end of 2027.
    const lotRows = maker.locator('[data-testid=customer-lots] tbody tr.ant-table-row');
    await lotRows.first().waitFor();
    assert.ok((await lotRows.count()) >= 2);
    assert.match(await maker.getByTestId('customer-lots').innerText(), /2027/);
    const ledgerRows = maker.locator('[data-testid=customer-ledger] tbody tr.ant-table-row');
    await ledgerRows.first().waitFor();
    assert.match(await maker.getByTestId('customer-ledger').innerText(), /migration:opening-balance/);
    await maker.getByTestId('customer-orders').waitFor();
    // Operator A holds SEE_CUSTOMER_DATA (customer service): no masking notice.
    assert.equal(await maker.getByTestId('masked-hint').count(), 0);
    await assertAccessible(maker, 'customer page');
    await screenshot(maker, 'customer');
  });

  it('operator A requests an adjustment above the threshold: it waits for approval and the balance stays', async () => {
    const before = await balance();
    await requestPointsAdjustment(maker, { customerRef: REF, points: ADJUSTMENT, reason: REASON });
    const pending = maker.getByTestId('pending-adjustments');
    assert.match(await pending.innerText(), new RegExp(`\\+5,000.*${REASON}`));
    const r = await sys.gql(bankAdmin(1), REQUESTS);
    const mine = r
      .data!.approvalRequests.edges.map((e: any) => e.node)
      .filter((n: any) => n.pointsAdjustment.reason === REASON);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].status, 'PENDING');
    assert.equal(mine[0].makerSub, 'staff:3');
    assert.deepEqual(mine[0].pointsAdjustment, { customerId: CUSTOMER_ID, amount: ADJUSTMENT, reason: REASON });
    requestId = mine[0].id;
    assert.equal(await balance(), before, 'nothing applied before approval');
    await assertAccessible(maker, 'customer page with a pending adjustment');
    await screenshot(maker, 'customer-pending-adjustment');
  });

  it('the maker cannot approve their own request', async () => {
    await maker.getByTestId('menu-approvals').click();
    await maker.getByTestId('page-approvals').waitFor();
    await maker.getByTestId(`approve-${requestId}`).click();
    await maker.locator('.ant-message-error').first().waitFor();
    const r = await sys.gql(bankAdmin(1), REQUESTS);
    const request = r.data!.approvalRequests.edges.find((e: any) => e.node.id === requestId).node;
    assert.equal(request.status, 'PENDING');
    assert.equal(request.checkerSub, null);
  });

  it('operator B approves it in Approvals; the balance moves, in the API and on the page', async () => {
    const before = await balance();
    checker = await signInOperator('ljrcb.checker');
    await approveLatestRequest(checker);
    await waitFor('the adjustment applied', async () => {
      const r = await sys.gql(bankAdmin(1), REQUESTS);
      return r.data!.approvalRequests.edges.find((e: any) => e.node.id === requestId)?.node.status === 'APPLIED';
    });
    const r = await sys.gql(bankAdmin(1), REQUESTS);
    assert.equal(r.data!.approvalRequests.edges.find((e: any) => e.node.id === requestId).node.checkerSub, 'staff:5');
    assert.equal(await balance(), before + ADJUSTMENT);

    // The maker's customer page shows the new balance and no longer the pending request.
    await maker.getByTestId('menu-customers').click();
    await maker.getByTestId('customer-ref').fill(REF);
    await maker.getByTestId('customer-search').click();
    await maker.getByTestId('customer-view').waitFor();
    await waitFor('the new balance on the page', async () => (await shownBalance(maker)) === before + ADJUSTMENT);
    assert.equal(await maker.getByTestId('pending-adjustments').count(), 0);
    await maker.locator('[data-testid=customer-ledger]').getByText(REASON).first().waitFor();

    // Operator B holds no SEE_CUSTOMER_DATA: the same customer with personal data hidden.
    await checker.getByTestId('menu-customers').click();
    await checker.getByTestId('customer-ref').fill(REF);
    await checker.getByTestId('customer-search').click();
    await checker.getByTestId('masked-hint').waitFor();
    assert.equal(await shownBalance(checker), before + ADJUSTMENT);
    await assertAccessible(checker, 'customer page, personal data masked');
    await screenshot(checker, 'customer-masked');
  });

  it('a bank admin creates and edits a tier and a segment in the editor', async () => {
    const member = demo('ljrcb.admin');
    const admin = await open('tiers');
    await admin.getByTestId('login-name').fill(member.loginName);
    await admin.getByTestId('password').fill(member.password);
    await admin.getByTestId('sign-in-submit').click();
    await admin.getByTestId('totp-code').fill(await totpCode(member.totpSecret!));
    await admin.getByTestId('totp-submit').click();
    await admin.getByTestId('page-tiers').waitFor();
    await admin.locator('[data-testid=tiers-table] tbody tr.ant-table-row').first().waitFor();
    await admin.locator('[data-testid=segments-table] tbody tr.ant-table-row').first().waitFor();
    await assertAccessible(admin, 'tiers and segments');
    await screenshot(admin, 'tiers-segments');

    // A new tier at the top of the ladder.
    const existing = (await sys.gql(bankAdmin(1), TIERS)).data!.bank.tiers as { rank: number; minTierPoints: number }[];
    const rank = Math.max(...existing.map((t) => t.rank)) + 1;
    const threshold = Math.max(...existing.map((t) => t.minTierPoints)) + 100_000;
    await admin.getByTestId('tier-new').click();
    await admin.getByTestId('tier-name').fill('黑钻卡');
    await admin.getByTestId('tier-rank').fill(String(rank));
    await admin.getByTestId('tier-threshold').fill(String(threshold));
    await admin.getByTestId('tier-benefits').fill('专属客户经理\n机场贵宾厅');
    await assertAccessible(admin, 'new tier dialog');
    await admin.getByTestId('tier-save').click();
    await admin.getByTestId('tier-save').waitFor({ state: 'hidden' });
    let tiers = (await sys.gql(bankAdmin(1), TIERS)).data!.bank.tiers as any[];
    const created = tiers.find((t) => t.name === '黑钻卡');
    assert.deepEqual(
      { rank: created.rank, minTierPoints: created.minTierPoints, benefits: created.benefits },
      { rank, minTierPoints: threshold, benefits: ['专属客户经理', '机场贵宾厅'] },
    );
    await admin.getByTestId(`tier-edit-${created.id}`).click();
    await admin.getByTestId('tier-name').fill('黑钻尊享卡');
    await admin.getByTestId('tier-rank').fill(String(rank + 2));
    await admin.getByTestId('tier-threshold').fill(String(threshold + 50_000));
    await admin.getByTestId('tier-save').click();
    await admin.getByTestId('tier-save').waitFor({ state: 'hidden' });
    await admin.locator('[data-testid=tiers-table]').getByText('黑钻尊享卡').waitFor();
    tiers = (await sys.gql(bankAdmin(1), TIERS)).data!.bank.tiers as any[];
    const edited = tiers.find((t) => t.id === created.id);
    assert.equal(edited.name, '黑钻尊享卡');
    assert.equal(edited.minTierPoints, threshold + 50_000);
    assert.equal(edited.rank, rank + 2);

    // A segment by tag, then narrowed to asset band 5 and up, with customer 3 added by hand.
    await admin.getByTestId('segment-new').click();
    await admin.getByTestId('segment-name').fill('车主高净值');
    await admin.getByTestId('segment-tags').fill('车主');
    await admin.getByTestId('segment-save').click();
    await admin.getByTestId('segment-save').waitFor({ state: 'hidden' });
    const segment = async () =>
      ((await sys.gql(bankAdmin(1), SEGMENTS)).data!.bank.segments.edges as any[])
        .map((e) => e.node)
        .find((s) => s.name.startsWith('车主高净值'));
    const made = await segment();
    assert.deepEqual(made.rules.tagsAny, ['车主']);
    await admin.getByTestId(`segment-members-${made.id}`).waitFor();
    assert.equal(
      Number((await admin.getByTestId(`segment-members-${made.id}`).innerText()).replace(/\D/g, '')),
      made.memberCount,
    );
    await admin.getByTestId(`segment-edit-${made.id}`).click();
    await admin.getByTestId('segment-name').fill('车主高净值（资产5+）');
    await admin.getByTestId('segment-min-asset').fill('5');
    await admin.getByTestId('segment-add-members').fill(CUSTOMER_ID);
    await assertAccessible(admin, 'edit segment dialog');
    await screenshot(admin, 'segment-edit');
    await admin.getByTestId('segment-save').click();
    await admin.getByTestId('segment-save').waitFor({ state: 'hidden' });
    await admin.locator('[data-testid=segments-table]').getByText('车主高净值（资产5+）').waitFor();
    const changed = await segment();
    assert.equal(changed.name, '车主高净值（资产5+）');
    assert.equal(changed.rules.minAssetBand, 5);
    assert.deepEqual(changed.rules.tagsAny, ['车主']);
    assert.ok(changed.memberCount >= 1, 'customer 3 is a member by hand');
    await waitFor(
      'the member count on the page',
      async () =>
        Number((await admin.getByTestId(`segment-members-${made.id}`).innerText()).replace(/\D/g, '')) ===
        changed.memberCount,
    );
    await assertAccessible(admin, 'tiers and segments after edits');
    await screenshot(admin, 'tiers-segments-edited');
  });
});
