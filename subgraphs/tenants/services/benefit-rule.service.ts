import type { EntityManager } from '@mikro-orm/core';
import { badInput, notFound, type FieldProblem } from '../../../core/errors';
import type { Principal } from '../../../core/identity';
import {
  decodeCursor,
  keysetAfter,
  orderByOf,
  pageSize,
  toConnection,
  type Connection,
  type SortKey,
} from '../../../core/pagination';
import {
  BenefitFunding,
  BenefitKind,
  BenefitRule,
  BenefitRuleListing,
  QuotaPeriod,
  ThresholdBasis,
} from '../entities/benefit-rule';
import { Listing } from '../entities/listing';
import { Segment } from '../entities/segment';
import { Tier } from '../entities/tier';
import { actingBankId, CAMPAIGNS, CURATOR_ROLES, findOwned, idOf } from './access';
import { requireRoleAndPermission } from '../../../core/identity';

export const MAX_QUOTA_LISTINGS = 100;
const MAX_AMOUNT = 1_000_000_000;
const ORDER: SortKey[] = [{ field: 'id', direction: 'DESC' }];

export interface BenefitRuleFields {
  name?: string | null;
  enabled?: boolean | null;
  targetTierId?: string | null;
  targetSegmentId?: string | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  fundedBy?: BenefitFunding | null;
  bankShareBp?: number | null;
  thresholdBasis?: ThresholdBasis | null;
  thresholdAmount?: number | null;
  discountAmount?: number | null;
  repeatable?: boolean | null;
  percentBp?: number | null;
  capFen?: number | null;
  quotaUnits?: number | null;
  quotaPeriod?: QuotaPeriod | null;
  quotaDiscountBp?: number | null;
  listingIds?: string[] | null;
}

/**
 * Benefit rules: bank staff with the campaign permission (RUN_CAMPAIGNS; the platform with
 * MANAGE_TENANTS) create, change and list their bank's rules; another bank's rule is NOT_FOUND.
 */
export class BenefitRuleService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
  ) {}

  async create(input: BenefitRuleFields & { bankId?: string | null; kind: BenefitKind }): Promise<BenefitRule> {
    const bankId = actingBankId(this.principal, input.bankId, CURATOR_ROLES, CAMPAIGNS);
    const rule = this.em.create(BenefitRule, {
      bankId,
      kind: input.kind,
      name: '',
      startsAt: new Date(),
      fundedBy: BenefitFunding.BANK,
    });
    const listingIds = await this.apply(rule, input, true);
    await this.em.flush();
    if (listingIds) await this.setListings(rule, listingIds);
    return rule;
  }

  async update(benefitRuleId: string, input: BenefitRuleFields): Promise<BenefitRule> {
    requireRoleAndPermission(this.principal, CURATOR_ROLES, CAMPAIGNS);
    const rule = await this.own(benefitRuleId);
    const listingIds = await this.apply(rule, input, false);
    rule.updatedAt = new Date();
    await this.em.flush();
    if (listingIds) await this.setListings(rule, listingIds);
    return rule;
  }

  own(benefitRuleId: string): Promise<BenefitRule> {
    return findOwned(this.em, BenefitRule, this.principal, 'BenefitRule', benefitRuleId);
  }

  async list(bankIdArg: string | null | undefined, first?: number | null, after?: string | null) {
    const bankId = actingBankId(this.principal, bankIdArg, CURATOR_ROLES, CAMPAIGNS);
    const limit = pageSize(first);
    const where: Record<string, unknown>[] = [{ bankId }];
    if (after) where.push(keysetAfter(ORDER, decodeCursor(after, 1)));
    const rows = await this.em.find(BenefitRule, { $and: where } as never, {
      orderBy: orderByOf(ORDER),
      limit: limit + 1,
    });
    return toConnection(rows, limit, (r) => [r.id], Boolean(after)) as Connection<BenefitRule>;
  }

  /** Copies the given fields onto the rule and checks the whole; returns new listing ids (QUOTA) to store. */
  private async apply(rule: BenefitRule, input: BenefitRuleFields, fresh: boolean): Promise<number[] | null> {
    const problems: FieldProblem[] = [];
    const has = (k: keyof BenefitRuleFields) => input[k] !== undefined && (fresh ? input[k] !== null : true);
    if (input.name != null) rule.name = input.name.trim();
    if (input.enabled != null) rule.enabled = input.enabled;
    if (input.startsAt != null) rule.startsAt = input.startsAt;
    if (has('endsAt')) rule.endsAt = input.endsAt ?? null;
    if (input.fundedBy != null) rule.fundedBy = input.fundedBy;
    if (has('bankShareBp')) rule.bankShareBp = input.bankShareBp ?? 10000;
    if (rule.fundedBy === BenefitFunding.BANK) rule.bankShareBp = 10000;
    if (rule.fundedBy === BenefitFunding.SUPPLIER) rule.bankShareBp = 0;
    if (has('thresholdBasis')) rule.thresholdBasis = input.thresholdBasis ?? null;
    if (has('thresholdAmount')) rule.thresholdAmount = input.thresholdAmount ?? null;
    if (has('discountAmount')) rule.discountAmount = input.discountAmount ?? null;
    if (input.repeatable != null) rule.repeatable = input.repeatable;
    if (has('percentBp')) rule.percentBp = input.percentBp ?? null;
    if (has('capFen')) rule.capFen = input.capFen ?? null;
    if (has('quotaUnits')) rule.quotaUnits = input.quotaUnits ?? null;
    if (has('quotaPeriod')) rule.quotaPeriod = input.quotaPeriod ?? null;
    if (has('quotaDiscountBp')) rule.quotaDiscountBp = input.quotaDiscountBp ?? null;

    if (rule.name.length < 1 || rule.name.length > 120)
      problems.push({ field: 'name', message: 'must be 1–120 characters.' });
    if (rule.endsAt && rule.endsAt <= rule.startsAt)
      problems.push({ field: 'endsAt', message: 'must be after startsAt.' });
    const bp = (v: number | null | undefined, min = 0) => v != null && Number.isInteger(v) && v >= min && v <= 10000;
    if (rule.fundedBy === BenefitFunding.SHARED && !bp(rule.bankShareBp))
      problems.push({ field: 'bankShareBp', message: 'SHARED needs the bank’s share, 0–10000 basis points.' });
    const amount = (v: number | null | undefined) => v != null && Number.isSafeInteger(v) && v >= 1 && v <= MAX_AMOUNT;
    switch (rule.kind) {
      case BenefitKind.THRESHOLD:
        if (!rule.thresholdBasis)
          problems.push({ field: 'thresholdBasis', message: 'THRESHOLD needs CASH, POINTS or BOTH.' });
        if (!amount(rule.thresholdAmount))
          problems.push({ field: 'thresholdAmount', message: `THRESHOLD needs X, 1 to ${MAX_AMOUNT}.` });
        if (
          !amount(rule.discountAmount) ||
          (rule.thresholdAmount != null && rule.discountAmount! > rule.thresholdAmount)
        )
          problems.push({ field: 'discountAmount', message: 'THRESHOLD needs Y, at least 1 and at most X.' });
        break;
      case BenefitKind.PERCENT_OFF:
        if (!bp(rule.percentBp, 1))
          problems.push({ field: 'percentBp', message: 'PERCENT_OFF needs 1–10000 basis points.' });
        if (!amount(rule.capFen))
          problems.push({ field: 'capFen', message: `PERCENT_OFF needs a cap, 1 to ${MAX_AMOUNT} fen.` });
        break;
      case BenefitKind.QUOTA:
        if (
          rule.quotaUnits == null ||
          !Number.isInteger(rule.quotaUnits) ||
          rule.quotaUnits < 1 ||
          rule.quotaUnits > 1000
        )
          problems.push({ field: 'quotaUnits', message: 'QUOTA needs 1–1000 units per period.' });
        if (!rule.quotaPeriod) problems.push({ field: 'quotaPeriod', message: 'QUOTA needs MONTH, QUARTER or YEAR.' });
        if (!bp(rule.quotaDiscountBp, 1))
          problems.push({
            field: 'quotaDiscountBp',
            message: 'QUOTA needs a discount of 1–10000 basis points (10000 = free).',
          });
        if (fresh && !input.listingIds?.length)
          problems.push({ field: 'listingIds', message: `QUOTA needs 1–${MAX_QUOTA_LISTINGS} listings.` });
        break;
      case BenefitKind.FREE_SHIPPING:
        break;
    }
    if (input.listingIds != null && rule.kind !== BenefitKind.QUOTA)
      problems.push({ field: 'listingIds', message: 'only QUOTA rules list listings.' });
    if (input.listingIds && (input.listingIds.length < 1 || input.listingIds.length > MAX_QUOTA_LISTINGS))
      problems.push({ field: 'listingIds', message: `1–${MAX_QUOTA_LISTINGS} listings.` });
    if (problems.length) throw badInput(problems.map((p) => `${p.field}: ${p.message}`).join(' '), problems);

    // Targets and listings must be the rule's bank's own: another bank's is NOT_FOUND.
    if (has('targetTierId')) {
      rule.tierId = input.targetTierId ? idOf('Tier', input.targetTierId) : null;
      if (rule.tierId && !(await this.em.count(Tier, { id: rule.tierId, bankId: rule.bankId })))
        throw notFound('Tier', input.targetTierId!);
    }
    if (has('targetSegmentId')) {
      rule.segmentId = input.targetSegmentId ? idOf('Segment', input.targetSegmentId) : null;
      if (rule.segmentId && !(await this.em.count(Segment, { id: rule.segmentId, bankId: rule.bankId })))
        throw notFound('Segment', input.targetSegmentId!);
    }
    if (!input.listingIds) return null;
    const ids = [...new Set(input.listingIds.map((id) => idOf('Listing', id)))];
    const own = await this.em.count(Listing, { id: { $in: ids }, bankId: rule.bankId });
    if (own !== ids.length) throw notFound('Listing', input.listingIds.join(','));
    return ids;
  }

  private async setListings(rule: BenefitRule, ids: number[]): Promise<void> {
    await this.em.nativeDelete(BenefitRuleListing, { ruleId: rule.id });
    await this.em.insertMany(
      BenefitRuleListing,
      ids.map((listingId) => ({ ruleId: rule.id, listingId })),
    );
  }
}
