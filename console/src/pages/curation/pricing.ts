/**
 * Price arithmetic in the browser, the same integers as the API (subgraphs/tenants/services/pricing.ts):
 * points are whole numbers, cash is fen, shares and markups basis points. The API decides; this only
 * warns before a click and fills in bulk prices.
 */
import type { PriceMode } from '../../gql/graphql';

export interface BankPricing {
  pointsPerYuan: number;
  maxPointsShareBp: number;
}

export interface Price {
  priceMode: PriceMode;
  points: number;
  fen: number;
}

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/** Price = supplier price × markupBp ÷ 10000 in the given mode (the API's curateListings rule). */
export function priceFromRule(
  supplierPriceFen: number,
  rule: { mode: PriceMode; markupBp: number; pointsShareBp?: number | null },
  bank: BankPricing,
): Price {
  const totalFen = ceilDiv(BigInt(supplierPriceFen) * BigInt(rule.markupBp), 10000n);
  if (rule.mode === 'POINTS')
    return { priceMode: 'POINTS', points: Number(ceilDiv(totalFen * BigInt(bank.pointsPerYuan), 100n)), fen: 0 };
  if (rule.mode === 'CASH') return { priceMode: 'CASH', points: 0, fen: Math.max(1, Number(totalFen)) };
  const share = BigInt(Math.min(rule.pointsShareBp ?? bank.maxPointsShareBp, bank.maxPointsShareBp));
  const pointsFen = (totalFen * share) / 10000n;
  const points = (pointsFen * BigInt(bank.pointsPerYuan)) / 100n;
  return {
    priceMode: 'POINTS_PLUS_CASH',
    points: Math.max(1, Number(points)),
    fen: Math.max(1, Number(totalFen - pointsFen)),
  };
}

/** True when the price is worth less than what the bank pays the supplier. */
export function isBelowCost(price: Price, supplierPriceFen: number, bank: BankPricing): boolean {
  const value = BigInt(price.points) * 100n + BigInt(price.fen) * BigInt(bank.pointsPerYuan);
  return value < BigInt(supplierPriceFen) * BigInt(bank.pointsPerYuan);
}

/** A price scaled by ±percent (basis points of change), rounded up, each set part at least 1. */
export function scaled(price: Price, changeBp: number): Price {
  const keep = BigInt(10000 + changeBp);
  const apply = (v: number) => (v === 0 ? 0 : Math.max(1, Number(ceilDiv(BigInt(v) * keep, 10000n))));
  return { priceMode: price.priceMode, points: apply(price.points), fen: apply(price.fen) };
}

export const yuan = (fen: number) => (fen / 100).toFixed(2);

/** "1,200 积分 + ¥12.00" in the page's words. */
export function formatPrice(price: Price, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (price.priceMode === 'POINTS') return t('curation.pricePoints', { points: price.points.toLocaleString() });
  if (price.priceMode === 'CASH') return t('curation.priceCash', { yuan: yuan(price.fen) });
  return t('curation.pricePointsCash', { points: price.points.toLocaleString(), yuan: yuan(price.fen) });
}
