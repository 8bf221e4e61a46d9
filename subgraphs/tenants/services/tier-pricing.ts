/**
 * The documented price order for a shopper: the listing's base price, replaced by the shopper's
 * tier price when the listing has one for their tier, replaced in turn by a live campaign price
 * only when that is cheaper than what the shopper would otherwise pay. A campaign's subsidy is
 * measured against that price (the tier price where there is one), never against the base price.
 * Browsing (`Listing.effectivePrice`) and checkout (`priceCheckout`) both pick through here.
 */
import type { PriceMode } from '../entities/listing';
import type { Price } from './pricing';

export interface TierPriceRow {
  listingId: number;
  tierId: number;
  priceMode: PriceMode;
  pricePoints: number;
  priceFen: number;
  /** The bank's points per CNY (to compare prices' values). */
  pointsPerYuan: number;
}

/** A price's value in fen × pointsPerYuan (exact, for comparisons). */
export function scaledValue(price: Pick<Price, 'points' | 'fen'>, pointsPerYuan: number): bigint {
  return BigInt(price.points) * 100n + BigInt(price.fen) * BigInt(pointsPerYuan);
}

/** True when `campaign` is worth strictly less than `before` for the customer. */
export function campaignBeats(
  before: Pick<Price, 'points' | 'fen'>,
  campaign: Pick<Price, 'points' | 'fen'>,
  pointsPerYuan: number,
): boolean {
  return scaledValue(campaign, pointsPerYuan) < scaledValue(before, pointsPerYuan);
}

/** What the shopper pays before campaigns: their tier price where the listing has one, else the base price. */
export function priceBeforeCampaign(
  listing: { priceMode: PriceMode; pricePoints: number; priceFen: number },
  tier: Pick<TierPriceRow, 'priceMode' | 'pricePoints' | 'priceFen'> | null | undefined,
): Price {
  return tier
    ? { priceMode: tier.priceMode, points: tier.pricePoints, fen: tier.priceFen }
    : { priceMode: listing.priceMode, points: listing.pricePoints, fen: listing.priceFen };
}
