import { badInput } from '../../../core/errors';
import type { Order } from '../entities/order';
import type { OrderLine } from '../entities/order-line';
import type { RefundLineQuantity } from '../entities/refund';
import type { CheckoutQuote } from './ports';

export interface OrderTotals {
  /** Points for points-priced parts plus points applied to cash. */
  totalPoints: number;
  /** Cash the customer still pays. */
  cashFen: number;
  pointsAppliedToCash: number;
  /** Value of all points paid, at the bank's points value (rounded down). */
  pointsValueFen: number;
  /** Suppliers' shipping fees within cashFen (0 before `withShipping`). */
  shippingFen: number;
}

/** The largest points or fen total one order may have (the columns are BIGINT since issue 11; the cap stays a business limit). */
export const MAX_ORDER_AMOUNT = 2_147_483_647;

type QuoteTerms = Pick<CheckoutQuote, 'pointsPerYuan' | 'maxPointsShareBp'> & {
  lines: Pick<
    CheckoutQuote['lines'][number],
    'priceMode' | 'quantity' | 'unitPoints' | 'unitFen' | 'discountFen' | 'discountPoints'
  >[];
};

type Amounts = { quantity: number; unitFen: number; unitPoints: number; discountFen?: number; discountPoints?: number };

/** A line's cash after its benefit discounts (what the order charges for it before points applied to cash). */
export const netFen = (l: Amounts): number => l.unitFen * l.quantity - (l.discountFen ?? 0);
/** A line's points after its benefit discounts. */
export const netPoints = (l: Amounts): number => l.unitPoints * l.quantity - (l.discountPoints ?? 0);

/**
 * The net cash and points of `units` of a line: the whole net for all units, else its share rounded
 * down (monotone in units), so the shares of a fully refunded line are exactly its net.
 */
export function netOfUnits(l: Amounts, units: number): { fen: number; points: number } {
  if (units >= l.quantity) return { fen: netFen(l), points: netPoints(l) };
  return { fen: mulDiv(netFen(l), units, l.quantity), points: mulDiv(netPoints(l), units, l.quantity) };
}

/**
 * The bank's cap on the points share, for one order. The cap governs what is priced with cash
 * (CASH and POINTS_PLUS_CASH lines, the same lines tenants checks listing prices against; a POINTS
 * line is a pure redemption and has no cash to share): over those lines together,
 *
 *   value(points) ÷ (value(points) + cash) ≤ maxPointsShareBp ÷ 10000,
 *
 * with value(points) = points × 100 ÷ pointsPerYuan fen. Points applied to cash move value from the
 * cash to the points side, so the order's value stays the same and the fen they may cover is
 *
 *   ⌊(cap × (P × 100 + F × ppy) − 10000 × P × 100) ÷ (10000 × ppy)⌋, within 0 … F,
 *
 * (P = the lines' own points, F = their cash), rounded down to what whole points can buy in whole
 * fen: the bank's favour, never above the cap. Lines already over the cap (a cap lowered after they
 * were listed) allow none, but are not refused: their prices are the bank's own.
 */
export function maxCoverableFen(quote: QuoteTerms): { fen: number; points: number } {
  const ppy = BigInt(quote.pointsPerYuan);
  let points = 0n;
  let cash = 0n;
  for (const l of quote.lines) {
    if (l.priceMode === 'POINTS') continue;
    points += BigInt(netPoints(l));
    cash += BigInt(netFen(l));
  }
  const room = BigInt(quote.maxPointsShareBp) * (points * 100n + cash * ppy) - 10000n * points * 100n;
  let fen = room <= 0n ? 0n : room / (10000n * ppy);
  if (fen > cash) fen = cash;
  // Whole points buying whole fen: fen in steps of 100 ÷ gcd(ppy, 100).
  const step = BigInt(100 / gcd(quote.pointsPerYuan, 100));
  fen -= fen % step;
  return { fen: Number(fen), points: Number((fen * ppy) / 100n) };
}

/**
 * Totals of a quote when the customer applies `pointsToUse` points to the cash parts: at most
 * what `maxCoverableFen` allows, and whole fen.
 */
export function totalsOf(quote: QuoteTerms, pointsToUse: number): OrderTotals {
  const fixedPoints = quote.lines.reduce((s, l) => s + netPoints(l), 0);
  const cashFen = quote.lines.reduce((s, l) => s + netFen(l), 0);
  if (!Number.isSafeInteger(pointsToUse) || pointsToUse < 0)
    throw badInput('pointsToUse must be a whole number of points, 0 or more.', [
      { field: 'pointsToUse', message: 'must be ≥ 0' },
    ]);
  // points × 100 / pointsPerYuan fen, exactly
  if ((pointsToUse * 100) % quote.pointsPerYuan !== 0) {
    throw badInput(
      `pointsToUse must buy whole fen: use a multiple of ${quote.pointsPerYuan / gcd(quote.pointsPerYuan, 100)} points.`,
      [{ field: 'pointsToUse', message: 'not a whole number of fen' }],
    );
  }
  const coveredFen = (pointsToUse * 100) / quote.pointsPerYuan;
  const max = maxCoverableFen(quote);
  if (coveredFen > max.fen) {
    const cap = `${quote.maxPointsShareBp / 100}%`;
    throw badInput(
      `Points may pay at most ${cap} of the value of this order's cash-priced lines (points in their prices included): apply at most ${max.points} points (${max.fen} fen).`,
      [{ field: 'pointsToUse', message: `at most ${max.points}` }],
    );
  }
  const totalPoints = fixedPoints + pointsToUse;
  // One order stays below 2^31 points and fen: far above any real basket, and sums of many stay exact.
  if (fixedPoints > MAX_ORDER_AMOUNT || cashFen > MAX_ORDER_AMOUNT || totalPoints > MAX_ORDER_AMOUNT) {
    throw badInput(`An order may total at most ${MAX_ORDER_AMOUNT} points and ${MAX_ORDER_AMOUNT} fen: split it.`, [
      { field: 'lines', message: 'order too large' },
    ]);
  }
  return {
    totalPoints,
    cashFen: cashFen - coveredFen,
    pointsAppliedToCash: pointsToUse,
    pointsValueFen: Math.floor((totalPoints * 100) / quote.pointsPerYuan),
    shippingFen: 0,
  };
}

/**
 * The totals with the suppliers' shipping fees added to the cash due. Points were applied to the
 * goods before (`maxCoverableFen` counts goods only), so no point ever pays for shipping.
 */
export function withShipping(totals: OrderTotals, shippingFen: number): OrderTotals {
  const cashFen = totals.cashFen + shippingFen;
  if (cashFen > MAX_ORDER_AMOUNT)
    throw badInput(`An order may total at most ${MAX_ORDER_AMOUNT} fen with shipping: split it.`, [
      { field: 'lines', message: 'order too large' },
    ]);
  return { ...totals, cashFen, shippingFen };
}

/**
 * The goods part of an order's totals: its cash without the shipping fees. Refund and report
 * shares are shares of the goods; a shipping fee comes back only with its whole supplier order.
 */
export function goodsOf<T extends OrderTotalsPart & { shippingFen: number }>(order: T): OrderTotalsPart {
  return {
    totalPoints: order.totalPoints,
    cashFen: order.cashFen - order.shippingFen,
    pointsAppliedToCash: order.pointsAppliedToCash,
    pointsValueFen: order.pointsValueFen,
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export interface RefundAmounts {
  points: number;
  cashFen: number;
  pointsValueFen: number;
}

type OrderTotalsPart = Pick<Order, 'totalPoints' | 'cashFen' | 'pointsAppliedToCash' | 'pointsValueFen'>;

/**
 * The supplier's share of a line's discounts, in fen: each discount's value (fen, plus points at the
 * bank's points per CNY) times the supplier's part (10000 − bankShareBp basis points), summed exactly
 * and rounded down once. BANK-funded discounts (bankShareBp 10000) add nothing.
 */
export function supplierFundedFen(
  discounts: { fen: number; points: number; bankShareBp: number }[],
  pointsPerYuan: number,
): number {
  const ppy = BigInt(pointsPerYuan);
  let scaled = 0n;
  for (const d of discounts) scaled += (BigInt(d.fen) * ppy + BigInt(d.points) * 100n) * BigInt(10000 - d.bankShareBp);
  return Number(scaled / (ppy * 10000n));
}

/** ⌊a × b / c⌋ for non-negative integers, exact even when a × b passes 2^53. */
export function mulDiv(a: number, b: number, c: number): number {
  if (c <= 0) return 0;
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/**
 * The share of the order's points, cash and points value that belongs to `units` (units per line),
 * rounded down: each line counts at its net amounts (after benefit discounts, `netOfUnits`), and
 * points applied to cash and the cash still paid are shared out in proportion to the net cash of
 * those units. Monotone in `units`, and exactly the order's totals for all units; without points
 * applied to cash, all units of a line are exactly its net.
 */
export function shareOfUnits(
  order: OrderTotalsPart,
  lines: (Pick<OrderLine, 'id' | 'quantity' | 'unitPoints' | 'unitFen'> &
    Partial<Pick<OrderLine, 'discountFen' | 'discountPoints'>>)[],
  units: Map<number, number>,
): RefundAmounts {
  const listCash = lines.reduce((s, l) => s + netFen(l), 0);
  let fixedPoints = 0;
  let cash = 0;
  for (const l of lines) {
    const share = netOfUnits(l, units.get(l.id) ?? 0);
    fixedPoints += share.points;
    cash += share.fen;
  }
  const points = fixedPoints + mulDiv(order.pointsAppliedToCash, cash, listCash);
  return {
    points,
    cashFen: mulDiv(order.cashFen, cash, listCash),
    pointsValueFen: mulDiv(order.pointsValueFen, points, order.totalPoints),
  };
}

/**
 * What refunding some units returns: the share of everything refunded so far (this refund
 * included) minus what earlier refunds returned (`already`). The refund that completes the order
 * returns exactly what is left, so the sum of all refunds equals what was paid, to the point and
 * the fen, and no refund is ever negative. `lines` carry the refunded quantities before this one.
 */
export function refundAmounts(
  order: OrderTotalsPart,
  lines: (Pick<OrderLine, 'id' | 'quantity' | 'unitPoints' | 'unitFen' | 'refundedQuantity'> &
    Partial<Pick<OrderLine, 'discountFen' | 'discountPoints'>>)[],
  refund: RefundLineQuantity[],
  already: RefundAmounts,
): RefundAmounts {
  const after = new Map(lines.map((l) => [l.id, l.refundedQuantity]));
  for (const r of refund) after.set(r.orderLineId, (after.get(r.orderLineId) ?? 0) + r.quantity);
  if (lines.every((l) => after.get(l.id) === l.quantity)) {
    return {
      points: order.totalPoints - already.points,
      cashFen: order.cashFen - already.cashFen,
      pointsValueFen: order.pointsValueFen - already.pointsValueFen,
    };
  }
  const upTo = shareOfUnits(order, lines, after);
  return {
    points: Math.max(0, upTo.points - already.points),
    cashFen: Math.max(0, upTo.cashFen - already.cashFen),
    pointsValueFen: Math.max(0, upTo.pointsValueFen - already.pointsValueFen),
  };
}
