/**
 * Free tier perks (issue 17: "a free tier perk (price 0 with a quota) is allowed").
 *
 * A tier price of 0 points and 0 fen gives something away, so it must be bounded. Two bounds count:
 * - the listing's `purchaseLimitPerCustomer` (a lifetime count per customer), or
 * - a QUOTA benefit rule of the bank that lists the listing, for that tier or for everyone (no tier,
 *   no segment), enabled and not ended: N units per customer per calendar period.
 *
 * The quota bound is enforced where the money is, at checkout: a line at a free tier price may buy
 * only as many units as the customer has left on a covering QUOTA rule in its current period (the
 * same rule the discount pipeline picks, whose units the order then reserves with a conditional
 * UPDATE — so concurrent checkouts cannot take one unit twice). This holds whenever a live quota
 * rule covers the line, and always when the listing has no purchase limit (then no live rule means
 * 0 units left).
 *
 * Disabling, ending or re-targeting the covering rule is therefore NOT refused: the free price
 * simply stops selling (checkout answers "0 units left") until a rule covers it again. That is the
 * safer of the two choices, because a rule also stops covering on its own when its `endsAt` passes,
 * which no write could refuse.
 */
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, type FieldProblem } from '../../../core/errors';
import { selectRows } from '../../../core/sql';
import { BenefitKind } from '../entities/benefit-rule';
import type { LineBenefits, LiveRule } from './benefits';

/** A free price: nothing to pay, in points or cash. */
export const isFree = (p: { points: number; fen: number }): boolean => p.points === 0 && p.fen === 0;

/**
 * The tiers whose free price on this listing a QUOTA rule bounds now: tier ids of enabled, not-ended
 * QUOTA rules listing it without a segment, and `null` in the set when one is for everyone. One statement.
 */
export async function quotaCoveredTiers(
  em: SqlEntityManager,
  bankId: number,
  listingId: number,
  now: Date,
): Promise<Set<number | null>> {
  const rows = await selectRows<{ tier_id: number | null }>(
    em,
    `SELECT DISTINCT r.tier_id FROM benefit_rule r JOIN benefit_rule_listing rl ON rl.rule_id = r.id
     WHERE rl.listing_id = ? AND r.bank_id = ? AND r.kind = ? AND r.enabled = 1 AND r.segment_id IS NULL
       AND (r.ends_at IS NULL OR r.ends_at > ?)`,
    [listingId, bankId, BenefitKind.QUOTA, em.getPlatform().processDateProperty(now)],
  );
  return new Set(rows.map((r) => (r.tier_id == null ? null : Number(r.tier_id))));
}

/**
 * Tiers of the listing's free tier prices that no QUOTA rule bounds now (what dropping the listing's
 * purchase limit would leave unbounded). One statement.
 */
export async function unboundedFreeTierPrices(em: SqlEntityManager, listingId: number, now: Date): Promise<number[]> {
  const rows = await selectRows<{ tier_id: number }>(
    em,
    `SELECT tp.tier_id FROM listing_tier_price tp
     WHERE tp.listing_id = ? AND tp.price_points = 0 AND tp.price_fen = 0
       AND NOT EXISTS (SELECT 1 FROM benefit_rule r JOIN benefit_rule_listing rl ON rl.rule_id = r.id
         WHERE rl.listing_id = tp.listing_id AND r.bank_id = tp.bank_id AND r.kind = ? AND r.enabled = 1
           AND r.segment_id IS NULL AND (r.tier_id IS NULL OR r.tier_id = tp.tier_id)
           AND (r.ends_at IS NULL OR r.ends_at > ?))
     ORDER BY tp.tier_id`,
    [listingId, BenefitKind.QUOTA, em.getPlatform().processDateProperty(now)],
  );
  return rows.map((r) => Number(r.tier_id));
}

/** True when a free price for `tierId` is bounded by one of `covered` (see quotaCoveredTiers). */
export const quotaBounds = (covered: Set<number | null>, tierId: number): boolean =>
  covered.has(null) || covered.has(tierId);

/** The checkout line facts this check needs. */
export interface FreePerkLine {
  listingId: number;
  quantity: number;
  unitPoints: number;
  unitFen: number;
  /** The tier whose own price applied (null: base or campaign price). */
  tierId: number | null;
  purchaseLimitPerCustomer: number | null;
}

/**
 * Checkout: every line at a free tier price that must be bounded by a quota (no purchase limit, or
 * a live quota rule covers it) buys at most the units its quota has left; otherwise BAD_USER_INPUT
 * naming the listing and the units left, with nothing reserved. `benefits` is the pipeline's result
 * for `lines` (same order), whose `quota.units` is what this line may take from its rule.
 */
export function assertFreePerksWithinQuota(lines: FreePerkLine[], benefits: LineBenefits[], rules: LiveRule[]): void {
  const problems: FieldProblem[] = [];
  lines.forEach((line, index) => {
    if (line.tierId == null || !isFree({ points: line.unitPoints, fen: line.unitFen })) return;
    const covered = rules.some(
      (r) => r.kind === BenefitKind.QUOTA && r.periodKey && r.listingIds.includes(line.listingId),
    );
    if (line.purchaseLimitPerCustomer != null && !covered) return;
    const quota = benefits[index]?.quota ?? null;
    const left = quota?.units ?? 0;
    if (line.quantity <= left) return;
    problems.push({
      index,
      field: 'quantity',
      message:
        left === 0
          ? `Listing ${line.listingId} is a free tier perk and the customer has no units of its quota left this period.`
          : `Listing ${line.listingId} is a free tier perk and the customer has ${left} unit${left === 1 ? '' : 's'} of its quota left this period (rule ${quota!.ruleId}, ${quota!.periodKey}).`,
    });
  });
  if (problems.length) throw badInput(problems.map((p) => p.message).join(' '), problems);
}
