/** The discount pipeline's arithmetic (subgraphs/tenants/services/benefits.ts), without a database. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyBenefits,
  periodKeyOf,
  splitExactly,
  thresholdDiscount,
  type LiveRule,
} from '../../subgraphs/tenants/services/benefits';
import {
  BenefitFunding,
  BenefitKind,
  QuotaPeriod,
  ThresholdBasis,
} from '../../subgraphs/tenants/entities/benefit-rule';

const base: LiveRule = {
  id: 1,
  kind: BenefitKind.THRESHOLD,
  fundedBy: BenefitFunding.BANK,
  bankShareBp: 10000,
  thresholdBasis: null,
  thresholdAmount: null,
  discountAmount: null,
  repeatable: false,
  percentBp: null,
  capFen: null,
  quotaUnits: null,
  quotaPeriod: null,
  quotaDiscountBp: null,
  listingIds: [],
  used: 0,
  periodKey: null,
};
const threshold = (id: number, basis: ThresholdBasis, x: number, y: number, repeatable = true): LiveRule => ({
  ...base,
  id,
  thresholdBasis: basis,
  thresholdAmount: x,
  discountAmount: y,
  repeatable,
});

describe('benefit pipeline arithmetic', () => {
  it('splits by largest remainder: shares sum exactly and never exceed a line', () => {
    assert.deepEqual(splitExactly(2000, [13333, 11667]), [1067, 933]);
    assert.deepEqual(splitExactly(2, [1, 1, 1]), [1, 1, 0]);
    for (let t = 0; t <= 300; t += 7) {
      const w = [101, 3, 57, 0, 139];
      const s = splitExactly(t, w);
      assert.equal(
        s.reduce((a, b) => a + b, 0),
        t,
      );
      s.forEach((v, i) => assert.ok(v <= w[i]!));
    }
  });

  it('thresholds on cash, on points (points-priced part) and on both', () => {
    assert.deepEqual(thresholdDiscount(threshold(1, ThresholdBasis.CASH, 10000, 1000), 25000, 0, 100), {
      fen: 2000,
      points: 0,
    });
    assert.deepEqual(thresholdDiscount(threshold(1, ThresholdBasis.CASH, 10000, 1000, false), 25000, 0, 100), {
      fen: 1000,
      points: 0,
    });
    assert.deepEqual(thresholdDiscount(threshold(1, ThresholdBasis.POINTS, 1000, 100), 5000, 2500, 100), {
      fen: 0,
      points: 200,
    });
    // BOTH: 30 CNY cash + 9000 points (90 CNY at 100/CNY) = 120 CNY → 10 CNY off, all from cash.
    assert.deepEqual(thresholdDiscount(threshold(1, ThresholdBasis.BOTH, 10000, 1000), 3000, 9000, 100), {
      fen: 1000,
      points: 0,
    });
    // Cash 5 CNY only: 5 off cash, the other 5 CNY as 500 points.
    assert.deepEqual(thresholdDiscount(threshold(1, ThresholdBasis.BOTH, 10000, 1000), 500, 9600, 100), {
      fen: 500,
      points: 500,
    });
  });

  it('quota, then the best threshold, then a capped percent off, each on what the step before left', () => {
    const lines = [
      { listingId: 10, quantity: 2, unitFen: 5000, unitPoints: 0 },
      { listingId: 11, quantity: 1, unitFen: 20000, unitPoints: 0 },
    ];
    const quota: LiveRule = {
      ...base,
      id: 5,
      kind: BenefitKind.QUOTA,
      quotaUnits: 3,
      used: 2,
      quotaPeriod: QuotaPeriod.MONTH,
      quotaDiscountBp: 10000,
      listingIds: [10],
      periodKey: '2026-12',
    };
    const pct: LiveRule = { ...base, id: 7, kind: BenefitKind.PERCENT_OFF, percentBp: 1000, capFen: 300 };
    const r = applyBenefits(
      lines,
      [
        threshold(2, ThresholdBasis.CASH, 10000, 500),
        threshold(3, ThresholdBasis.CASH, 10000, 1000, false),
        quota,
        pct,
      ],
      100,
    );
    // One quota unit left: 5000 off line 0 → 25000 left; 满100减5 ×2 = 1000 ties 满100减10 once: the older (2) wins.
    assert.deepEqual(r.lines[0]!.quota, { ruleId: 5, units: 1, periodKey: '2026-12' });
    assert.deepEqual(
      r.lines.map((l) => l.discounts.map((d) => [d.source, d.ruleId, d.fen])),
      [
        [
          ['QUOTA', 5, 5000],
          ['THRESHOLD', 2, 200],
          ['PERCENT_OFF', 7, 60],
        ],
        [
          ['THRESHOLD', 2, 800],
          ['PERCENT_OFF', 7, 240],
        ],
      ],
    );
    assert.equal(r.freeShipping, false);
    assert.equal(applyBenefits(lines, [{ ...base, kind: BenefitKind.FREE_SHIPPING }], 100).freeShipping, true);
  });

  it('period keys follow the bank’s calendar', () => {
    const tz = 'Asia/Shanghai';
    assert.equal(periodKeyOf(QuotaPeriod.MONTH, new Date('2026-11-30T15:59:59Z'), tz), '2026-11');
    assert.equal(periodKeyOf(QuotaPeriod.MONTH, new Date('2026-11-30T16:00:00Z'), tz), '2026-12');
    assert.equal(periodKeyOf(QuotaPeriod.QUARTER, new Date('2026-09-30T16:00:00Z'), tz), '2026-Q4');
    assert.equal(periodKeyOf(QuotaPeriod.YEAR, new Date('2026-12-31T16:00:00Z'), tz), '2027');
  });
});
