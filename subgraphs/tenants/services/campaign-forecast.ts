/**
 * A campaign's expected cost (issue 17: "the campaign preview shows audience size and an expected
 * cost … against a budget"). Integers only, BigInt inside:
 *
 * - audience: the customers the campaign's targeting reaches now (`campaignAudienceSize`'s count);
 * - per listing, the subsidy one unit takes at today's base price (`CampaignItem.unitSubsidyFen`);
 * - expected units = floor(audience × uptakeBp × units per customer ÷ 10000), where units per
 *   customer is the listing's purchase limit per customer, or 1 without one;
 * - expected cost = expected units × unit subsidy, summed over the listings;
 * - worst case = audience × purchase limit × unit subsidy (everyone buys up to their limit); null,
 *   unbounded, when a listing that costs anything has no purchase limit;
 * - `exceedsRemainingBudget`: the expected cost is above what the budget has left (never with no cap).
 *
 * Amounts beyond 2^53 − 1 fen (about 90 trillion CNY) are reported as 2^53 − 1 (`saturated`), so
 * the GraphQL SafeInt fields never overflow; comparisons use the exact values.
 */
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput } from '../../../core/errors';
import { requireRoleAndPermission, type Principal } from '../../../core/identity';
import { selectRows } from '../../../core/sql';
import type { Campaign } from '../entities/campaign';
import { Bank } from '../entities/bank';
import { PriceMode } from '../entities/listing';
import { assertCurator, CAMPAIGNS, CURATOR_ROLES } from './access';
import { CampaignService } from './campaign.service';
import { campaignSubsidyFen } from './pricing';

export const DEFAULT_UPTAKE_BP = 1000;
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

export interface ForecastListingInput {
  listingId: number;
  unitSubsidyFen: number;
  purchaseLimitPerCustomer: number | null;
}

export interface ListingForecast extends ForecastListingInput {
  expectedUnits: number;
  expectedCostFen: number;
  /** null: no purchase limit, so no upper bound. */
  worstCaseCostFen: number | null;
}

export interface CostForecast {
  uptakeBp: number;
  audienceSize: number;
  expectedUnits: number;
  expectedCostFen: number;
  worstCaseCostFen: number | null;
  budgetFen: number | null;
  remainingFen: number | null;
  exceedsRemainingBudget: boolean;
  /** Some amount was above 2^53 − 1 and is reported as that. */
  saturated: boolean;
  listings: ListingForecast[];
}

/** What is wrong with an uptake, or null. */
export function uptakeProblem(uptakeBp: number): string | null {
  return Number.isInteger(uptakeBp) && uptakeBp >= 1 && uptakeBp <= 10000
    ? null
    : 'must be 1 to 10000 basis points (10000 = every customer of the audience buys).';
}

/** The forecast from its inputs (pure; see the module comment). */
export function forecastCost(
  audienceSize: number,
  uptakeBp: number,
  listings: ForecastListingInput[],
  budget: { budgetFen: number | null; spentFen: number },
): CostForecast {
  let saturated = false;
  const out = (v: bigint): number => {
    if (v > MAX) {
      saturated = true;
      return Number.MAX_SAFE_INTEGER;
    }
    return Number(v);
  };
  const audience = BigInt(audienceSize);
  let units = 0n;
  let cost = 0n;
  let worst: bigint | null = 0n;
  const rows = listings.map((l) => {
    const subsidy = BigInt(l.unitSubsidyFen);
    const perCustomer = BigInt(l.purchaseLimitPerCustomer ?? 1);
    const u = (audience * BigInt(uptakeBp) * perCustomer) / 10000n;
    const c = u * subsidy;
    const w = l.purchaseLimitPerCustomer == null ? (subsidy === 0n ? 0n : null) : audience * perCustomer * subsidy;
    units += u;
    cost += c;
    worst = worst == null || w == null ? null : worst + w;
    return {
      ...l,
      expectedUnits: out(u),
      expectedCostFen: out(c),
      worstCaseCostFen: w == null ? null : out(w),
    };
  });
  const remaining = budget.budgetFen == null ? null : Math.max(0, budget.budgetFen - budget.spentFen);
  return {
    uptakeBp,
    audienceSize,
    expectedUnits: out(units),
    expectedCostFen: out(cost),
    worstCaseCostFen: worst == null ? null : out(worst),
    budgetFen: budget.budgetFen,
    remainingFen: remaining,
    exceedsRemainingBudget: remaining != null && cost > BigInt(remaining),
    saturated,
    listings: rows,
  };
}

/** Reads what the forecast needs: the campaign's listings with their base prices and limits (one statement). */
export class CampaignForecastService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async forecast(
    campaign: Campaign,
    uptakeBp: number,
    target: { segmentIds: number[]; tierIds: number[] },
  ): Promise<CostForecast> {
    requireRoleAndPermission(this.principal, CURATOR_ROLES, CAMPAIGNS);
    assertCurator(this.principal, CURATOR_ROLES, campaign.bankId, 'Campaign', campaign.id);
    const problem = uptakeProblem(uptakeBp);
    if (problem) throw badInput(`uptakeBp ${problem}`, [{ field: 'uptakeBp', message: problem }]);
    const bank = await this.em.findOneOrFail(Bank, campaign.bankId);
    const rows = await selectRows<Record<string, unknown>>(
      this.em,
      `SELECT cl.listing_id, cl.price_mode, cl.price_points, cl.price_fen,
              l.price_mode AS l_price_mode, l.price_points AS l_price_points, l.price_fen AS l_price_fen,
              l.purchase_limit_per_customer
       FROM campaign_listing cl JOIN listing l ON l.id = cl.listing_id
       WHERE cl.campaign_id = ? ORDER BY cl.listing_id`,
      [campaign.id],
    );
    // The same count as campaignAudienceSize: who the targeting reaches now.
    const audience = await new CampaignService(this.em, this.principal).countAudience(
      campaign.bankId,
      target.segmentIds,
      target.tierIds,
    );
    const listings = rows.map((r) => ({
      listingId: Number(r.listing_id),
      unitSubsidyFen: campaignSubsidyFen(
        { priceMode: r.l_price_mode as PriceMode, points: Number(r.l_price_points), fen: Number(r.l_price_fen) },
        { priceMode: r.price_mode as PriceMode, points: Number(r.price_points), fen: Number(r.price_fen) },
        bank,
      ),
      purchaseLimitPerCustomer: r.purchase_limit_per_customer == null ? null : Number(r.purchase_limit_per_customer),
    }));
    return forecastCost(audience, uptakeBp, listings, {
      budgetFen: campaign.budgetFen ?? null,
      spentFen: campaign.spentFen,
    });
  }
}
