/**
 * The discount pipeline of checkout (integers only: fen, whole points, basis points). Checkout prices
 * each line at its tier/base price, then a live campaign price, and then, in this order:
 *
 * 1. QUOTA units: each unit of a listing a live QUOTA rule covers, while the customer has units left
 *    in the rule's current period (bank's time zone), gets the rule's discount (floor(unit × bp ÷
 *    10000) per unit, on points and fen alike; 10000 = free). Where several quota rules cover a line,
 *    the one with the largest discount is used first (ties: the oldest rule); one line uses at most one rule.
 * 2. THRESHOLD (满X减Y) on what is left after quotas: the one rule giving the most value per order
 *    (ties: the oldest); Y for every full X (repeatable) or Y once (not). See ThresholdBasis for CASH,
 *    POINTS and BOTH. A threshold never takes more than the amount it counts.
 * 3. PERCENT_OFF on the cash left after the threshold: floor(cash × bp ÷ 10000), at most capFen; the
 *    one rule giving the most. It stacks on the threshold (it sees the cash after it).
 * 4. VOUCHER: the one voucher the customer picked, on the cash left after the percent off
 *    (`voucherDiscountFen`: nothing below its minimum spend), never more than its budget has left;
 *    split across the lines like the order-level discounts above.
 * 5. Points the customer applies to cash (orders, at checkout) work on the net amounts.
 *
 * FREE_SHIPPING: any live one sets the quote's freeShipping.
 *
 * Order-level discounts (threshold, percent) are split across lines in proportion to each line's
 * amount in that currency at that step, by largest remainder: the lines' shares sum to the order's
 * discount exactly, and no line gets more than its amount.
 */
import { BenefitFunding, BenefitKind, QuotaPeriod, ThresholdBasis } from '../entities/benefit-rule';
import { VoucherKind } from '../entities/voucher';

export type DiscountSource = 'QUOTA' | 'THRESHOLD' | 'PERCENT_OFF' | 'VOUCHER';

export interface PipelineLine {
  listingId: number;
  quantity: number;
  unitFen: number;
  unitPoints: number;
}

export interface LiveRule {
  id: number;
  kind: BenefitKind;
  fundedBy: BenefitFunding;
  bankShareBp: number;
  thresholdBasis: ThresholdBasis | null;
  thresholdAmount: number | null;
  discountAmount: number | null;
  repeatable: boolean;
  percentBp: number | null;
  capFen: number | null;
  quotaUnits: number | null;
  quotaPeriod: QuotaPeriod | null;
  quotaDiscountBp: number | null;
  /** QUOTA: the listings it covers. */
  listingIds: number[];
  /** QUOTA: units the customer used in the current period. */
  used: number;
  /** QUOTA: the current period's key. */
  periodKey: string | null;
}

export interface LineDiscount {
  source: DiscountSource;
  ruleId: number;
  fen: number;
  points: number;
  fundedBy: BenefitFunding;
  bankShareBp: number;
}

export interface LineBenefits {
  discountFen: number;
  discountPoints: number;
  discounts: LineDiscount[];
  quota: { ruleId: number; units: number; periodKey: string } | null;
}

export interface PipelineResult {
  lines: LineBenefits[];
  freeShipping: boolean;
  /** What the voucher took off the order, in fen (0: none given, or it did not apply). */
  voucherFen: number;
  /** The cash the voucher was measured against (after steps 1–3), for the customer's error message. */
  cashBeforeVoucherFen: number;
}

export interface VoucherTerms {
  kind: VoucherKind;
  value: number;
  capFen: number | null;
  minSpendFen: number;
}

/** The voucher the customer picked, as the pipeline needs it. */
export interface VoucherOffer extends VoucherTerms {
  id: number;
  fundedBy: BenefitFunding;
  bankShareBp: number;
  /** budget − spent when priced: the discount never takes more (the reservation re-checks it). */
  budgetLeftFen: number;
}

/**
 * What a voucher takes off an order whose cash for goods is `cashFen` (after tier, campaign and
 * benefit discounts): nothing below the minimum spend; AMOUNT_OFF its amount, PERCENT_OFF ⌊cash ×
 * bp ÷ 10000⌋ up to its cap; never more than the cash itself (a voucher cannot make an order pay
 * less than nothing, nor take off points).
 */
export function voucherDiscountFen(v: VoucherTerms, cashFen: number): number {
  if (cashFen <= 0 || cashFen < v.minSpendFen) return 0;
  const off =
    v.kind === VoucherKind.AMOUNT_OFF
      ? v.value
      : Math.min(Number((BigInt(cashFen) * BigInt(v.value)) / 10000n), v.capFen ?? Number.MAX_SAFE_INTEGER);
  return Math.min(off, cashFen);
}

/** Splits `total` over `weights` in proportion, rounding by largest remainder (ties: the earlier line). */
export function splitExactly(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (total <= 0 || sum <= 0) return weights.map(() => 0);
  const T = BigInt(total);
  const W = BigInt(sum);
  const shares = weights.map((w) => (T * BigInt(w)) / W);
  const rests = weights.map((w, i) => ({ i, rest: (T * BigInt(w)) % W }));
  let left = T - shares.reduce((s, v) => s + v, 0n);
  rests.sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const r of rests) {
    if (left <= 0n) break;
    if (r.rest === 0n) continue;
    shares[r.i]! += 1n;
    left -= 1n;
  }
  return shares.map(Number);
}

/** The key of the calendar period `at` falls in, in `timeZone`: '2026-11', '2026-Q4' or '2026'. */
export function periodKeyOf(period: QuotaPeriod, at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric' }).formatToParts(at);
  const year = Number(parts.find((p) => p.type === 'year')!.value);
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  switch (period) {
    case QuotaPeriod.MONTH:
      return `${year}-${String(month).padStart(2, '0')}`;
    case QuotaPeriod.QUARTER:
      return `${year}-Q${Math.ceil(month / 3)}`;
    case QuotaPeriod.YEAR:
      return String(year);
  }
}

const floorBp = (v: number, bp: number) => Number((BigInt(v) * BigInt(bp)) / 10000n);

/** A threshold rule's discount on these amounts: { fen, points }. */
export function thresholdDiscount(
  rule: Pick<LiveRule, 'thresholdBasis' | 'thresholdAmount' | 'discountAmount' | 'repeatable'>,
  cash: number,
  points: number,
  pointsPerYuan: number,
): { fen: number; points: number } {
  const x = rule.thresholdAmount ?? 0;
  const y = rule.discountAmount ?? 0;
  if (x < 1 || y < 1) return { fen: 0, points: 0 };
  const times = (base: number) => (rule.repeatable ? Math.floor(base / x) : base >= x ? 1 : 0);
  switch (rule.thresholdBasis) {
    case ThresholdBasis.CASH:
      return { fen: Math.min(times(cash) * y, cash), points: 0 };
    case ThresholdBasis.POINTS:
      return { fen: 0, points: Math.min(times(points) * y, points) };
    case ThresholdBasis.BOTH: {
      const value = cash + Math.floor((points * 100) / pointsPerYuan);
      const off = Math.min(times(value) * y, value);
      const fen = Math.min(off, cash);
      return { fen, points: Math.min(Math.floor(((off - fen) * pointsPerYuan) / 100), points) };
    }
    default:
      return { fen: 0, points: 0 };
  }
}

/** Runs the pipeline over lines already at their tier/campaign prices. */
export function applyBenefits(
  lines: PipelineLine[],
  rules: LiveRule[],
  pointsPerYuan: number,
  voucher: VoucherOffer | null = null,
): PipelineResult {
  const out: LineBenefits[] = lines.map(() => ({ discountFen: 0, discountPoints: 0, discounts: [], quota: null }));
  const cash = lines.map((l) => l.unitFen * l.quantity);
  const pts = lines.map((l) => l.unitPoints * l.quantity);
  const add = (
    i: number,
    rule: Pick<LiveRule, 'id' | 'fundedBy' | 'bankShareBp'>,
    source: DiscountSource,
    fen: number,
    points: number,
  ) => {
    if (fen === 0 && points === 0) return;
    const o = out[i]!;
    o.discountFen += fen;
    o.discountPoints += points;
    o.discounts.push({ source, ruleId: rule.id, fen, points, fundedBy: rule.fundedBy, bankShareBp: rule.bankShareBp });
    cash[i]! -= fen;
    pts[i]! -= points;
  };
  const byOldest = (a: LiveRule, b: LiveRule) => a.id - b.id;

  // 1. Quotas
  const quotas = rules
    .filter((r) => r.kind === BenefitKind.QUOTA && r.periodKey)
    .sort((a, b) => (b.quotaDiscountBp ?? 0) - (a.quotaDiscountBp ?? 0) || byOldest(a, b));
  const left = new Map(quotas.map((r) => [r.id, Math.max(0, (r.quotaUnits ?? 0) - r.used)]));
  lines.forEach((l, i) => {
    const rule = quotas.find((r) => left.get(r.id)! > 0 && r.listingIds.includes(l.listingId));
    if (!rule) return;
    const units = Math.min(l.quantity, left.get(rule.id)!);
    left.set(rule.id, left.get(rule.id)! - units);
    const bp = rule.quotaDiscountBp ?? 0;
    add(i, rule, 'QUOTA', floorBp(l.unitFen, bp) * units, floorBp(l.unitPoints, bp) * units);
    out[i]!.quota = { ruleId: rule.id, units, periodKey: rule.periodKey! };
  });

  // 2. The best threshold
  const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
  let best: { rule: LiveRule; fen: number; points: number; value: number } | null = null;
  for (const rule of rules.filter((r) => r.kind === BenefitKind.THRESHOLD).sort(byOldest)) {
    const d = thresholdDiscount(rule, sum(cash), sum(pts), pointsPerYuan);
    const value = d.fen * pointsPerYuan + d.points * 100;
    if (value > 0 && (!best || value > best.value)) best = { rule, ...d, value };
  }
  if (best) {
    const fen = splitExactly(best.fen, cash);
    const points = splitExactly(best.points, pts);
    lines.forEach((_, i) => add(i, best.rule, 'THRESHOLD', fen[i]!, points[i]!));
  }

  // 3. The best percent off, on the cash left
  let bestPct: { rule: LiveRule; fen: number } | null = null;
  for (const rule of rules.filter((r) => r.kind === BenefitKind.PERCENT_OFF).sort(byOldest)) {
    const raw = floorBp(sum(cash), rule.percentBp ?? 0);
    const fen = rule.capFen == null ? raw : Math.min(raw, rule.capFen);
    if (fen > 0 && (!bestPct || fen > bestPct.fen)) bestPct = { rule, fen };
  }
  if (bestPct) {
    const fen = splitExactly(bestPct.fen, cash);
    lines.forEach((_, i) => add(i, bestPct.rule, 'PERCENT_OFF', fen[i]!, 0));
  }

  // 4. The voucher, on the cash left
  const cashBeforeVoucherFen = sum(cash);
  let voucherFen = 0;
  if (voucher) {
    voucherFen = Math.max(0, Math.min(voucherDiscountFen(voucher, cashBeforeVoucherFen), voucher.budgetLeftFen));
    const fen = splitExactly(voucherFen, cash);
    lines.forEach((_, i) => add(i, voucher, 'VOUCHER', fen[i]!, 0));
  }

  return {
    lines: out,
    freeShipping: rules.some((r) => r.kind === BenefitKind.FREE_SHIPPING),
    voucherFen,
    cashBeforeVoucherFen,
  };
}
