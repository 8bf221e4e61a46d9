import type { SqlEntityManager } from '@mikro-orm/knex';
import type { FilterQuery } from '@mikro-orm/core';
import { badInput, notFound, type FieldProblem } from '../../../core/errors';
import {
  PLATFORM_ROLES,
  bankScopeOf,
  requireRole,
  requireRoleAndPermission,
  type Principal,
  type StaffPermissions,
} from '../../../core/identity';
import {
  decodeCursor,
  keysetAfter,
  orderByOf,
  pageSize,
  toConnection,
  type Connection,
  type SortKey,
} from '../../../core/pagination';
import { inTransaction } from '../../../core/sql';
import { EarnRule, EarnRuleKind, EarnRuleStatus, PayoutSchedule } from '../entities/earn-rule';
import { LedgerEntryType, PointsTrack } from '../entities/ledger-entry';
import { PointsAccount } from '../entities/points-account';
import { PointsLedger } from './ledger';
import { TenantsClient } from './tenants-client';
import { ApprovalGate, policyFromStaff } from '../../../core/approval-gate';
import { ApprovalPolicyDocument } from '../../../codegen/generated/service/loyalty/staff';

export interface EarnRuleDraft {
  bankId: number;
  name: string;
  kind: EarnRuleKind;
  track: PointsTrack;
  product: string;
  segmentId?: number | null;
  windowStart?: Date | null;
  windowEnd?: Date | null;
  rateBasisPoints?: number | null;
  pointsPerYuan?: number | null;
  excludedMerchantCategories?: string[] | null;
  payout?: PayoutSchedule | null;
  installments?: number | null;
  budgetTotal?: number | null;
  validityDays?: number | null;
  clawBackPaidOnReversal?: boolean | null;
}

const NEWEST_FIRST: SortKey[] = [{ field: 'id', direction: 'DESC' }];

export function validateRule(d: EarnRuleDraft): FieldProblem[] {
  const p: FieldProblem[] = [];
  const int = (v: number | null | undefined) => v === null || v === undefined || Number.isSafeInteger(v);
  if (d.name.trim().length < 2 || d.name.length > 200)
    p.push({ field: 'name', message: 'must be 2 to 200 characters' });
  if (!/^[A-Z0-9_]{1,64}$/.test(d.product))
    p.push({ field: 'product', message: 'must be an upper-case product code like TIME_DEPOSIT_1Y' });
  if (
    d.kind === EarnRuleKind.PRODUCT_RATE &&
    !(int(d.rateBasisPoints) && (d.rateBasisPoints ?? 0) > 0 && (d.rateBasisPoints ?? 0) <= 100_000)
  )
    p.push({ field: 'rateBasisPoints', message: 'must be 1..100000 for a PRODUCT_RATE rule (20 = 0.2%)' });
  if (
    d.kind === EarnRuleKind.CARD_SPEND &&
    !(int(d.pointsPerYuan) && (d.pointsPerYuan ?? 0) > 0 && (d.pointsPerYuan ?? 0) <= 1000)
  )
    p.push({ field: 'pointsPerYuan', message: 'must be 1..1000 for a CARD_SPEND rule' });
  if (d.windowStart && d.windowEnd && !(d.windowStart < d.windowEnd))
    p.push({ field: 'windowEnd', message: 'must be after windowStart' });
  if (
    d.payout === PayoutSchedule.MONTHLY &&
    !(int(d.installments) && (d.installments ?? 0) >= 2 && (d.installments ?? 0) <= 60)
  )
    p.push({ field: 'installments', message: 'must be 2..60 for a MONTHLY payout' });
  if (d.budgetTotal !== null && d.budgetTotal !== undefined && !(int(d.budgetTotal) && d.budgetTotal > 0))
    p.push({ field: 'budgetTotal', message: 'must be a positive whole number of points' });
  if (
    d.validityDays !== null &&
    d.validityDays !== undefined &&
    !(int(d.validityDays) && d.validityDays > 0 && d.validityDays <= 3650)
  )
    p.push({ field: 'validityDays', message: 'must be 1..3650 days' });
  if (d.track === PointsTrack.TIER && d.validityDays)
    p.push({ field: 'validityDays', message: 'tier points do not expire' });
  return p;
}

/** Bank staff manage their bank's earn rules and make manual adjustments. */
/** Earn rules are campaign work; the platform acting for a bank administers tenants. */
export const EARN_RULES: StaffPermissions = { bank: 'RUN_CAMPAIGNS', platform: 'MANAGE_TENANTS' };
/** Manual points corrections, and events that earn points, change a customer's balance. */
export const POINTS_ADJUSTMENT: StaffPermissions = { bank: 'ADJUST_POINTS', platform: 'MANAGE_TENANTS' };
const approvalPolicyOf = policyFromStaff('loyalty', ApprovalPolicyDocument);

export class EarnRulesService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    private readonly tenants = new TenantsClient(),
  ) {}

  private assertBank(bankId: number): void {
    const scope = bankScopeOf(this.principal);
    if (scope !== null && scope !== String(bankId)) throw notFound('Bank', bankId);
  }

  async create(draft: EarnRuleDraft): Promise<EarnRule> {
    requireRoleAndPermission(this.principal, ['BANK_ADMIN', ...PLATFORM_ROLES], EARN_RULES);
    this.assertBank(draft.bankId);
    const problems = validateRule(draft);
    if (problems.length)
      throw badInput(`Earn rule not valid: ${problems.map((x) => `${x.field} ${x.message}`).join('; ')}.`, problems);
    const rule = this.em.create(EarnRule, {
      bankId: draft.bankId,
      name: draft.name.trim(),
      kind: draft.kind,
      track: draft.track,
      product: draft.product,
      segmentId: draft.segmentId ?? null,
      windowStart: draft.windowStart ?? null,
      windowEnd: draft.windowEnd ?? null,
      rateBasisPoints: draft.kind === EarnRuleKind.PRODUCT_RATE ? (draft.rateBasisPoints ?? 0) : 0,
      pointsPerYuan: draft.kind === EarnRuleKind.CARD_SPEND ? (draft.pointsPerYuan ?? 0) : 0,
      excludedMerchantCategories: draft.excludedMerchantCategories ?? [],
      payout: draft.payout ?? PayoutSchedule.IMMEDIATE,
      installments: draft.payout === PayoutSchedule.MONTHLY ? (draft.installments ?? 1) : 1,
      budgetTotal: draft.budgetTotal ?? null,
      budgetUsed: 0,
      validityDays: draft.validityDays ?? null,
      clawBackPaidOnReversal: draft.clawBackPaidOnReversal ?? false,
      status: EarnRuleStatus.ACTIVE,
      createdAt: new Date(),
    });
    await this.em.persistAndFlush(rule);
    return rule;
  }

  async setStatus(ruleId: number, status: EarnRuleStatus): Promise<EarnRule> {
    requireRoleAndPermission(this.principal, ['BANK_ADMIN', ...PLATFORM_ROLES], EARN_RULES);
    const rule = await this.em.findOne(EarnRule, ruleId);
    if (!rule) throw notFound('Earn rule', ruleId);
    this.assertBank(rule.bankId);
    rule.status = status;
    await this.em.flush();
    return rule;
  }

  async list(bankId: number, first?: number | null, after?: string | null): Promise<Connection<EarnRule>> {
    requireRole(this.principal, 'BANK_ADMIN', 'BANK_OPERATOR', ...PLATFORM_ROLES);
    this.assertBank(bankId);
    const limit = pageSize(first);
    const where: FilterQuery<EarnRule>[] = [{ bankId }];
    if (after) where.push(keysetAfter(NEWEST_FIRST, decodeCursor(after, 1)) as FilterQuery<EarnRule>);
    const rows = await this.em.find(EarnRule, { $and: where }, { orderBy: orderByOf(NEWEST_FIRST), limit: limit + 1 });
    return toConnection(rows, limit, (r) => [r.id], Boolean(after));
  }

  /**
   * A manual correction by bank staff: positive amounts become a lot (expiring after
   * `validityDays`, if given), negative ones are taken first-expiring-first and cannot overdraw.
   */
  async adjust(input: {
    customerId: number;
    track: PointsTrack;
    amount: number;
    reason: string;
    idempotencyKey: string;
    validityDays?: number | null;
  }) {
    requireRoleAndPermission(this.principal, ['BANK_ADMIN', 'BANK_OPERATOR', ...PLATFORM_ROLES], POINTS_ADJUSTMENT);
    const problems: FieldProblem[] = [];
    if (!Number.isSafeInteger(input.amount) || input.amount === 0)
      problems.push({ field: 'amount', message: 'must be a non-zero whole number of points' });
    if (input.reason.trim().length < 4)
      problems.push({ field: 'reason', message: 'explain the adjustment (at least 4 characters)' });
    if (!input.idempotencyKey.trim()) problems.push({ field: 'idempotencyKey', message: 'is required' });
    if (problems.length)
      throw badInput(`Adjustment not valid: ${problems.map((x) => `${x.field} ${x.message}`).join('; ')}.`, problems);
    if (!Number.isSafeInteger(input.customerId) || input.customerId < 1) throw notFound('Customer', input.customerId);
    // A customer without an account yet gets one, at the bank tenants knows them by.
    const known = await this.em.fork().findOne(PointsAccount, { customerId: input.customerId });
    let bankId = known?.bankId;
    if (bankId === undefined) {
      bankId = (await this.tenants.banksOf([input.customerId])).get(input.customerId);
      if (bankId === undefined) throw notFound('Customer', input.customerId);
    }
    this.assertBank(bankId);
    await new ApprovalGate(this.principal, approvalPolicyOf).pointsAdjustment(bankId, input.amount);
    const customersBank = bankId;
    return inTransaction(this.em, async (tx) => {
      const ledger = new PointsLedger(tx);
      const account = await ledger.ensureAccount(customersBank, input.customerId);
      this.assertBank(account.bankId);
      const key = `adjust:${account.bankId}:${input.idempotencyKey}`;
      const previous = await ledger.findEntry(key);
      if (previous) return previous;
      const spec = {
        type: LedgerEntryType.ADJUST,
        track: input.track,
        amount: input.amount,
        source: `staff:${this.principal.sub}`,
        idempotencyKey: key,
        reason: input.reason.trim(),
      };
      if (input.track === PointsTrack.TIER) return ledger.addTierPoints(account, spec);
      if (input.amount > 0)
        return ledger.credit(
          account,
          spec,
          input.validityDays ? new Date(Date.now() + input.validityDays * 86_400_000) : null,
        );
      return (await ledger.debit(account, spec, false)).entry;
    });
  }
}
