/**
 * A reusable browser step: an operator with RUN_CAMPAIGNS, signed in on `page`, takes a Mid-Autumn
 * campaign from the template to scheduled on the Campaigns page — the template's name and window as
 * the API computes them, the listings found by title words (all matching selected) with one
 * listing's campaign price in points, one segment as the audience, the preview, then the launch.
 * Where the bank's approval policy holds the launch, it submits the request and reports
 * `waitingForApproval` (a second person approves it in Approvals).
 */
import type { Page } from 'playwright-core';
import { closeDropdowns } from '../browser';

export interface LaunchMidAutumnOptions {
  segmentName: string;
  listingTitle: string;
  campaignPointsPrice: number;
  /** The subsidy budget in yuan (default 5,000). */
  budgetYuan?: number;
  /** Called once each wizard step is shown (and on the result): accessibility checks, screenshots. */
  onStep?: (step: 'list' | 'template' | 'listings' | 'audience' | 'preview' | 'launch' | 'result') => Promise<void>;
}

export interface LaunchMidAutumnResult {
  campaignId: string;
  /** True when the bank's policy held the launch and the step submitted it for approval. */
  waitingForApproval: boolean;
  /** Clicks and fills the operator made. */
  interactions: number;
}

export async function launchMidAutumnCampaign(
  page: Page,
  opts: LaunchMidAutumnOptions,
): Promise<LaunchMidAutumnResult> {
  let interactions = 0;
  const act = async (action: () => Promise<unknown>) => {
    interactions += 1;
    await action();
  };
  const onStep = opts.onStep ?? (async () => undefined);

  await act(() => page.getByTestId('menu-campaigns').click());
  await page.getByTestId('campaigns-table').waitFor();
  await onStep('list');
  await act(() => page.getByTestId('campaign-create').click());

  // 1. Template: name and window come prefilled from the API.
  await page.getByTestId('step-template').waitFor();
  await act(() => page.getByTestId('template-MID_AUTUMN').click());
  await page.getByTestId('template-summary').waitFor();
  await onStep('template');
  await act(() => page.getByTestId('campaign-budget').fill(String(opts.budgetYuan ?? 5000)));
  await act(() => page.getByTestId('wizard-next').click());

  // 2. Listings: by title words, all matching selected, one campaign price in points.
  await page.getByTestId('step-listings').waitFor();
  await act(() => page.getByTestId('listing-search').fill(opts.listingTitle));
  await act(() => page.getByTestId('listing-find').click());
  await act(() => page.getByTestId('listing-select-all').click());
  const row = page.locator('[data-testid=selected-listings] tr', { hasText: opts.listingTitle }).first();
  await act(() => row.getByTestId('campaign-points').fill(String(opts.campaignPointsPrice)));
  await onStep('listings');
  await act(() => page.getByTestId('wizard-next').click());

  // 3. Audience: one segment.
  await page.getByTestId('step-audience').waitFor();
  await act(() => page.locator('[data-testid=step-audience] .ant-select').first().click());
  await act(() =>
    page
      .locator('.ant-select-item-option', { hasText: new RegExp(`^${escapeRegExp(opts.segmentName)}（`) })
      .first()
      .click(),
  );
  await closeDropdowns(page); // not an operator's choice, so not counted
  await onStep('audience');
  await act(() => page.getByTestId('wizard-next').click());

  // 4. Preview: audience size, expected cost against the budget, the customer's view.
  await page.getByTestId('customer-view').waitFor();
  await onStep('preview');
  await act(() => page.getByTestId('wizard-next').click());

  // 5. Launch.
  await page.getByTestId('step-launch').waitFor();
  await onStep('launch');
  await act(() => page.getByTestId('campaign-launch').click());
  const outcome = page.getByTestId('launch-scheduled').or(page.getByTestId('launch-held'));
  await outcome.waitFor();
  let waitingForApproval = false;
  if (await page.getByTestId('launch-held').isVisible()) {
    await act(() => page.getByTestId('approval-submit').click());
    await page.getByTestId('launch-waiting').waitFor();
    waitingForApproval = true;
  }
  const campaignId = await page.getByTestId('step-launch').getAttribute('data-campaign-id');
  if (!campaignId) throw new Error('the launch step names no campaign');
  await onStep('result');
  return { campaignId, waitingForApproval, interactions };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
