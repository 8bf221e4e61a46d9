/**
 * Price arithmetic, integers only: points are whole numbers, cash is fen, shares and markups are
 * basis points (10000 = 100%). Every division says how it rounds.
 */
import { PriceMode } from '../entities/listing';

export interface BankPricing {
  /** Points worth 1 CNY (100 fen). */
  pointsPerYuan: number;
  /** Largest share of a price that points may cover, in basis points. */
  maxPointsShareBp: number;
}

export interface Price {
  priceMode: PriceMode;
  points: number;
  fen: number;
}

export interface PricingRule {
  mode: PriceMode;
  /** Price = supplier price × markupBp / 10000 (e.g. 11500 = cost + 15%). */
  markupBp: number;
  /** POINTS_PLUS_CASH only: share of the price paid in points, capped at the bank's maximum. */
  pointsShareBp?: number | null;
}

const BP = 10000n;

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/** Points worth `fen`, rounded up (the bank never gives value away by rounding). */
export function pointsForFen(fen: number, bank: BankPricing): number {
  return Number(ceilDiv(BigInt(fen) * BigInt(bank.pointsPerYuan), 100n));
}

/**
 * A price from the bank's rule over what it pays the supplier:
 * - POINTS: points = ceil(supplier fen × markup ÷ 10000 × pointsPerYuan ÷ 100)
 * - CASH: fen = ceil(supplier fen × markup ÷ 10000)
 * - POINTS_PLUS_CASH: total fen = ceil(supplier fen × markup ÷ 10000); the points part covers
 *   floor(total × min(share, cap) ÷ 10000) fen, converted with floor so its value never exceeds the
 *   cap; the cash part is the rest of the total.
 */
export function priceFromRule(supplierPriceFen: number, rule: PricingRule, bank: BankPricing): Price {
  const totalFen = ceilDiv(BigInt(supplierPriceFen) * BigInt(rule.markupBp), BP);
  switch (rule.mode) {
    case PriceMode.POINTS:
      return {
        priceMode: PriceMode.POINTS,
        points: Number(ceilDiv(totalFen * BigInt(bank.pointsPerYuan), 100n)),
        fen: 0,
      };
    case PriceMode.CASH:
      return { priceMode: PriceMode.CASH, points: 0, fen: Number(totalFen) };
    case PriceMode.POINTS_PLUS_CASH: {
      const share = BigInt(Math.min(rule.pointsShareBp ?? bank.maxPointsShareBp, bank.maxPointsShareBp));
      const pointsFen = (totalFen * share) / BP;
      const points = (pointsFen * BigInt(bank.pointsPerYuan)) / 100n;
      return { priceMode: PriceMode.POINTS_PLUS_CASH, points: Number(points), fen: Number(totalFen - pointsFen) };
    }
  }
}

/**
 * Whether the points part of a price stays within the bank's cap on the points share:
 * value(points) ÷ (value(points) + fen) ≤ cap, with value(points) = points × 100 ÷ pointsPerYuan fen.
 * Multiplied out: 10000 × points × 100 ≤ cap × (points × 100 + fen × pointsPerYuan).
 * The cap governs prices that include cash; a pure points redemption (POINTS) has no cash price.
 */
export function pointsShareWithinCap(price: Price, bank: BankPricing): boolean {
  if (price.priceMode !== PriceMode.POINTS_PLUS_CASH) return true;
  const pointsValue = BigInt(price.points) * 100n;
  const total = pointsValue + BigInt(price.fen) * BigInt(bank.pointsPerYuan);
  return BP * pointsValue <= BigInt(bank.maxPointsShareBp) * total;
}

/**
 * The price's value on the bank's exact integer scale, points × 100 + fen × pointsPerYuan (its value
 * in fen × pointsPerYuan): `listing.price_value`, which the mall search sorts and bands by.
 */
export function priceValue(price: Pick<Price, 'points' | 'fen'>, bank: Pick<BankPricing, 'pointsPerYuan'>): number {
  return price.points * 100 + price.fen * bank.pointsPerYuan;
}

/** The price's value in fen × pointsPerYuan (exact integer, for comparisons). */
function scaledValue(price: Price, bank: BankPricing): bigint {
  return BigInt(price.points) * 100n + BigInt(price.fen) * BigInt(bank.pointsPerYuan);
}

/** True when the price is worth less than what the bank pays the supplier. */
export function isBelowCost(price: Price, supplierPriceFen: number, bank: BankPricing): boolean {
  return scaledValue(price, bank) < BigInt(supplierPriceFen) * BigInt(bank.pointsPerYuan);
}

/**
 * The price guard's rule (issue 22): true when the price is worth less than the supplier price plus
 * the bank's minimum margin over it — value(price) × 10000 < supplier fen × (10000 + minMarginBp),
 * points valued at the bank's points per CNY, all in exact integers. With 0 it is `isBelowCost`.
 */
export function breaksMarginRule(
  price: Price,
  supplierPriceFen: number,
  bank: BankPricing & { priceGuardMinMarginBp: number },
): boolean {
  return (
    scaledValue(price, bank) * BP <
    BigInt(supplierPriceFen) * BigInt(bank.pointsPerYuan) * (BP + BigInt(bank.priceGuardMinMarginBp))
  );
}

/** What is wrong with a price, or null: the mode decides which parts must be set. */
export function priceProblem(price: Price, bank: BankPricing): string | null {
  const { points, fen } = price;
  if (!Number.isSafeInteger(points) || !Number.isSafeInteger(fen) || points < 0 || fen < 0)
    return 'points and fen must be non-negative integers.';
  if (points > 1_000_000_000 || fen > 1_000_000_000) return 'price is unreasonably large.';
  switch (price.priceMode) {
    case PriceMode.POINTS:
      if (points < 1 || fen !== 0) return 'a POINTS price needs points ≥ 1 and fen = 0.';
      return null;
    case PriceMode.CASH:
      if (fen < 1 || points !== 0) return 'a CASH price needs fen ≥ 1 and points = 0.';
      return null;
    case PriceMode.POINTS_PLUS_CASH:
      if (points < 1 || fen < 1) return 'a POINTS_PLUS_CASH price needs points ≥ 1 and fen ≥ 1.';
      if (!pointsShareWithinCap(price, bank)) {
        return `points may cover at most ${bank.maxPointsShareBp / 100}% of the price at this bank (${bank.pointsPerYuan} points = 1 CNY).`;
      }
      return null;
  }
}

/** A campaign discount: both parts × (10000 − discount) ÷ 10000, rounded up, never below 1 where set. */
export function discounted(price: Price, discountBp: number): Price {
  const keep = BigInt(10000 - discountBp);
  const apply = (v: number) => (v === 0 ? 0 : Math.max(1, Number(ceilDiv(BigInt(v) * keep, BP))));
  return { priceMode: price.priceMode, points: apply(price.points), fen: apply(price.fen) };
}

/**
 * What one unit at `campaign` price costs the bank against `base`, in fen: the difference of the two
 * prices' values, points valued at the bank's points per CNY, rounded up (a budget never counts less
 * than was given away); 0 when the campaign price is not cheaper.
 */
export function campaignSubsidyFen(base: Price, campaign: Price, bank: Pick<BankPricing, 'pointsPerYuan'>): number {
  const full = BigInt(base.points) * 100n + BigInt(base.fen) * BigInt(bank.pointsPerYuan);
  const paid = BigInt(campaign.points) * 100n + BigInt(campaign.fen) * BigInt(bank.pointsPerYuan);
  return full > paid ? Number(ceilDiv(full - paid, BigInt(bank.pointsPerYuan))) : 0;
}
