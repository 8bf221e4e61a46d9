import { badInput } from '../../../core/errors';
import type { CheckoutQuote } from './ports';

export interface OrderTotals {
  /** Points for points-priced parts plus points applied to cash. */
  totalPoints: number;
  /** Cash the customer still pays. */
  cashFen: number;
  pointsAppliedToCash: number;
  /** Value of all points paid, at the bank's points value (rounded down). */
  pointsValueFen: number;
}

/**
 * Totals of a quote when the customer applies `pointsToUse` points to the cash parts. Points may
 * cover at most the bank's share of the cash (maxPointsShareBp), and must buy whole fen.
 */
export function totalsOf(quote: Pick<CheckoutQuote, 'lines' | 'pointsPerYuan' | 'maxPointsShareBp'>, pointsToUse: number): OrderTotals {
  const fixedPoints = quote.lines.reduce((s, l) => s + l.unitPoints * l.quantity, 0);
  const cashFen = quote.lines.reduce((s, l) => s + l.unitFen * l.quantity, 0);
  if (!Number.isSafeInteger(pointsToUse) || pointsToUse < 0) throw badInput('pointsToUse must be a whole number of points, 0 or more.', [{ field: 'pointsToUse', message: 'must be ≥ 0' }]);
  // points × 100 / pointsPerYuan fen, exactly
  if ((pointsToUse * 100) % quote.pointsPerYuan !== 0) {
    throw badInput(`pointsToUse must buy whole fen: use a multiple of ${quote.pointsPerYuan / gcd(quote.pointsPerYuan, 100)} points.`, [{ field: 'pointsToUse', message: 'not a whole number of fen' }]);
  }
  const coveredFen = (pointsToUse * 100) / quote.pointsPerYuan;
  const capFen = Math.floor((cashFen * quote.maxPointsShareBp) / 10000);
  if (coveredFen > capFen) {
    const maxPoints = Math.floor((capFen * quote.pointsPerYuan) / 100);
    throw badInput(`Points may cover at most ${capFen} fen of this order's cash price: use at most ${maxPoints} points.`, [{ field: 'pointsToUse', message: `at most ${maxPoints}` }]);
  }
  const totalPoints = fixedPoints + pointsToUse;
  return {
    totalPoints,
    cashFen: cashFen - coveredFen,
    pointsAppliedToCash: pointsToUse,
    pointsValueFen: Math.floor((totalPoints * 100) / quote.pointsPerYuan),
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
