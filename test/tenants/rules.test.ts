/** Pure business rules of the tenants subgraph: pricing, segment rules, campaign timing, tiers, upsert rows. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PriceMode } from '../../subgraphs/tenants/entities/listing';
import { CampaignState, CampaignStatus, CampaignTemplate } from '../../subgraphs/tenants/entities/campaign';
import { Gender } from '../../subgraphs/tenants/entities/customer';
import {
  discounted,
  isBelowCost,
  pointsShareWithinCap,
  priceFromRule,
  priceProblem,
} from '../../subgraphs/tenants/services/pricing';
import { membershipSql, normaliseRules } from '../../subgraphs/tenants/services/segment-rules';
import { campaignStatus, defaultWindow } from '../../subgraphs/tenants/services/campaign-rules';
import { ladderProblems, tierFor } from '../../subgraphs/tenants/services/tier.service';
import { customerRowProblems } from '../../subgraphs/tenants/services/customer.service';
import { bestCampaignPrices } from '../../subgraphs/tenants/services/eligibility';
import { ruleProblems } from '../../subgraphs/tenants/services/curation.service';

const bank1 = { pointsPerYuan: 100, maxPointsShareBp: 10000 };
const bank2 = { pointsPerYuan: 200, maxPointsShareBp: 7000 };

describe('pricing rules (integers only)', () => {
  it('prices points as supplier price × markup ÷ points value, rounding up', () => {
    // 9,999 fen × 1.15 = 11,498.85 fen → 11,499 fen → ×200/100 = 22,998 points.
    assert.deepEqual(priceFromRule(9999, { mode: PriceMode.POINTS, markupBp: 11500 }, bank2), {
      priceMode: PriceMode.POINTS,
      points: 22998,
      fen: 0,
    });
    assert.deepEqual(priceFromRule(9999, { mode: PriceMode.CASH, markupBp: 11500 }, bank2), {
      priceMode: PriceMode.CASH,
      points: 0,
      fen: 11499,
    });
    // 1 fen × 1.0001 rounds up to 2 fen: the bank never loses value by rounding.
    assert.equal(priceFromRule(1, { mode: PriceMode.CASH, markupBp: 10001 }, bank1).fen, 2);
  });

  it('caps the points share of a points + cash price at the bank maximum', () => {
    const p = priceFromRule(10000, { mode: PriceMode.POINTS_PLUS_CASH, markupBp: 10000, pointsShareBp: 9000 }, bank2);
    // Asked 90 %, bank allows 70 %: 7,000 fen in points (14,000 points) + 3,000 fen.
    assert.deepEqual(p, { priceMode: PriceMode.POINTS_PLUS_CASH, points: 14000, fen: 3000 });
    assert.ok(pointsShareWithinCap(p, bank2));
    assert.equal(priceProblem(p, bank2), null);
    // Odd amounts and an awkward points value still never exceed the cap.
    const odd = { pointsPerYuan: 150, maxPointsShareBp: 3333 };
    for (const cost of [1, 7, 99, 101, 12345, 999_999]) {
      const q = priceFromRule(cost, { mode: PriceMode.POINTS_PLUS_CASH, markupBp: 11700 }, odd);
      assert.ok(pointsShareWithinCap(q, odd), `cost ${cost}: ${JSON.stringify(q)}`);
    }
  });

  it('rejects a points + cash price whose points exceed the cap, accepts one exactly at it', () => {
    // 1,400 points = 700 fen at 200 points/CNY; 700 / (700 + 300) = 70 %.
    assert.equal(priceProblem({ priceMode: PriceMode.POINTS_PLUS_CASH, points: 1400, fen: 300 }, bank2), null);
    assert.match(
      priceProblem({ priceMode: PriceMode.POINTS_PLUS_CASH, points: 1402, fen: 300 }, bank2)!,
      /at most 70%/,
    );
    assert.match(priceProblem({ priceMode: PriceMode.POINTS, points: 10, fen: 5 }, bank2)!, /fen = 0/);
    assert.match(priceProblem({ priceMode: PriceMode.CASH, points: 0, fen: 0 }, bank2)!, /fen ≥ 1/);
    assert.match(priceProblem({ priceMode: PriceMode.POINTS, points: 1.5, fen: 0 }, bank2)!, /integers/);
  });

  it('detects prices below the supplier price exactly', () => {
    // 200 points/CNY: 1,999 points = 999.5 fen < 1,000 fen; 2,000 points = 1,000 fen is not below.
    assert.equal(isBelowCost({ priceMode: PriceMode.POINTS, points: 1999, fen: 0 }, 1000, bank2), true);
    assert.equal(isBelowCost({ priceMode: PriceMode.POINTS, points: 2000, fen: 0 }, 1000, bank2), false);
    assert.equal(isBelowCost({ priceMode: PriceMode.POINTS_PLUS_CASH, points: 1000, fen: 499 }, 1000, bank2), true);
  });

  it('discounts campaign prices with rounding up and never to zero', () => {
    assert.deepEqual(discounted({ priceMode: PriceMode.POINTS_PLUS_CASH, points: 999, fen: 1 }, 2000), {
      priceMode: PriceMode.POINTS_PLUS_CASH,
      points: 800,
      fen: 1,
    });
  });

  it('validates pricing rules by field', () => {
    const problems = ruleProblems({ mode: PriceMode.POINTS, markupBp: 0, pointsShareBp: 5000 });
    assert.deepEqual(problems.map((p) => p.field).sort(), ['pricing.markupBp', 'pricing.pointsShareBp']);
  });
});

describe('segment rules', () => {
  it('normalises rules and reports bad criteria by field', () => {
    const ok = normaliseRules({
      genders: [Gender.FEMALE, Gender.FEMALE],
      cities: ['杭州'],
      minAssetBand: 3,
      tagsAny: null,
    });
    assert.deepEqual(ok, { rules: { genders: [Gender.FEMALE], cities: ['杭州'], minAssetBand: 3 }, problems: [] });
    const bad = normaliseRules({
      genders: ['ROBOT'],
      birthYearFrom: 2000,
      birthYearTo: 1990,
      maxAssetBand: 12,
      cities: [],
    });
    assert.deepEqual(bad.problems.map((p) => p.field).sort(), [
      'rules.birthYearTo',
      'rules.cities',
      'rules.genders',
      'rules.maxAssetBand',
    ]);
  });

  it('compiles rules to one SQL condition with parameters, members always included', () => {
    const m = membershipSql(7, { cities: ['杭州', '上海'], minAssetBand: 3, tagsAny: ['车主'] });
    assert.match(
      m.sql,
      /^\(\(c\.city in \(\?, \?\) and c\.asset_band >= \? and exists .*customer_tag.*\) or exists .*segment_member.*\)$/,
    );
    assert.deepEqual(m.params, ['杭州', '上海', 3, '车主', 7]);
    const membersOnly = membershipSql(9, {});
    assert.doesNotMatch(membersOnly.sql, /customer_tag|city/);
    assert.deepEqual(membersOnly.params, [9]);
  });
});

describe('campaign timing', () => {
  const startsAt = new Date('2026-12-11T16:00:00Z');
  const endsAt = new Date('2026-12-12T16:00:00Z');
  it('derives LIVE and ENDED from the clock, never for drafts or cancelled campaigns', () => {
    const at = (iso: string, state = CampaignState.SCHEDULED) => campaignStatus(state, startsAt, endsAt, new Date(iso));
    assert.equal(at('2026-12-11T15:59:59Z'), CampaignStatus.SCHEDULED);
    assert.equal(at('2026-12-11T16:00:00Z'), CampaignStatus.LIVE);
    assert.equal(at('2026-12-12T15:59:59Z'), CampaignStatus.LIVE);
    assert.equal(at('2026-12-12T16:00:00Z'), CampaignStatus.ENDED);
    assert.equal(at('2026-12-12T00:00:00Z', CampaignState.DRAFT), CampaignStatus.DRAFT);
    assert.equal(at('2026-12-12T00:00:00Z', CampaignState.CANCELLED), CampaignStatus.CANCELLED);
  });

  it("defaults a template's window to the next festival day, midnight China time", () => {
    assert.deepEqual(defaultWindow(CampaignTemplate.DOUBLE_TWELVE, new Date('2026-11-24T10:00:00Z')), {
      startsAt,
      endsAt,
    });
    // During the festival day the current window is still the answer; after it, next year's.
    assert.deepEqual(defaultWindow(CampaignTemplate.DOUBLE_TWELVE, new Date('2026-12-12T10:00:00Z')), {
      startsAt,
      endsAt,
    });
    assert.equal(
      defaultWindow(CampaignTemplate.DOUBLE_TWELVE, new Date('2026-12-13T00:00:00Z'))!.startsAt.toISOString(),
      '2027-12-11T16:00:00.000Z',
    );
    assert.equal(defaultWindow(CampaignTemplate.CUSTOM, new Date()), null);
  });

  it('applies the cheapest live campaign price per listing, ties to the newest campaign', () => {
    const best = bestCampaignPrices([
      { listing_id: 1, campaign_id: 1, price_mode: 'POINTS', price_points: 900, price_fen: 0, points_per_yuan: 100 },
      { listing_id: 1, campaign_id: 2, price_mode: 'POINTS', price_points: 800, price_fen: 0, points_per_yuan: 100 },
      { listing_id: 2, campaign_id: 3, price_mode: 'POINTS', price_points: 500, price_fen: 0, points_per_yuan: 100 },
      { listing_id: 2, campaign_id: 4, price_mode: 'POINTS', price_points: 500, price_fen: 0, points_per_yuan: 100 },
    ]);
    assert.equal(best.get(1)!.campaignId, 2);
    assert.equal(best.get(2)!.campaignId, 4);
  });
});

describe('tiers', () => {
  const ladder = [
    { id: 11, rank: 0, minTierPoints: 0 },
    { id: 12, rank: 1, minTierPoints: 10000 },
    { id: 13, rank: 2, minTierPoints: 25000 },
  ];
  it('assigns the highest tier whose threshold is reached', () => {
    assert.equal(tierFor(ladder, 0), 11);
    assert.equal(tierFor(ladder, 9999), 11);
    assert.equal(tierFor(ladder, 10000), 12);
    assert.equal(tierFor(ladder, 1_000_000), 13);
    assert.equal(tierFor(ladder.slice(1), 5), null);
  });
  it('requires thresholds to rise with rank', () => {
    assert.deepEqual(ladderProblems(ladder.map((t) => ({ ...t, name: String(t.id) }))), []);
    assert.equal(
      ladderProblems([
        { name: 'a', rank: 0, minTierPoints: 100 },
        { name: 'b', rank: 1, minTierPoints: 100 },
      ]).length,
      1,
    );
  });
});

describe('customer upsert rows', () => {
  it('reports every bad row by index and field, including duplicate references', () => {
    const problems = customerRowProblems(
      [
        { externalRef: 'OK-1', birthYear: 1990, assetBand: 3, tags: ['车主'] },
        { externalRef: 'has space' },
        { externalRef: 'OK-1' },
        {
          externalRef: 'OK-3',
          birthYear: 1800,
          assetBand: 10,
          city: '',
          tags: Array.from({ length: 21 }, (_, i) => `t${i}`),
        },
      ],
      2026,
    );
    assert.deepEqual(
      problems.map((p) => `${p.index}:${p.field}`),
      ['1:externalRef', '2:externalRef', '3:birthYear', '3:assetBand', '3:city', '3:tags'],
    );
  });
});
