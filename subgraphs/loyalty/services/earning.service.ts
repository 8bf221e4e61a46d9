import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, notFound } from '../../../core/errors';
import { affectedRows, inTransaction } from '../../../core/sql';
import { BankEvent, ScheduledPayout } from '../entities/bank-event';
import { EarnRule, EarnRuleKind, EarnRuleStatus, PayoutSchedule } from '../entities/earn-rule';
import { LedgerEntryType, PointsTrack } from '../entities/ledger-entry';
import type { PointsAccount } from '../entities/points-account';
import { PointsLedger } from './ledger';
import type { TenantsClient } from './tenants-client';

export interface BankEventInput {
  bankId: number;
  customerRef: string;
  product: string;
  amountFen: number;
  merchantCategory?: string | null;
  occurredAt: Date;
  idempotencyKey: string;
}

export interface BankEventOutcome {
  eventId: number;
  duplicate: boolean;
  pointsAwarded: number;
  tierPointsAwarded: number;
  /** Points promised in later monthly installments. */
  pointsScheduled: number;
}

/** Points a rule gives for an event, in whole points, rounding down. */
export function pointsFor(
  rule: Pick<EarnRule, 'kind' | 'rateBasisPoints' | 'pointsPerYuan' | 'excludedMerchantCategories'>,
  amountFen: number,
  merchantCategory?: string | null,
): number {
  if (amountFen <= 0) return 0;
  if (rule.kind === EarnRuleKind.CARD_SPEND) {
    if (merchantCategory && rule.excludedMerchantCategories.includes(merchantCategory)) return 0;
    return Math.floor((amountFen * rule.pointsPerYuan) / 100);
  }
  // amount in CNY × basis points / 10000, kept in integers: fen × bp / 1,000,000.
  return Number((BigInt(amountFen) * BigInt(rule.rateBasisPoints)) / 1_000_000n);
}

/** Equal monthly installments; the first ones absorb the remainder so the total is exact. */
export function installmentsOf(total: number, count: number): number[] {
  const base = Math.floor(total / count);
  const extra = total - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
}

function addMonthsUtc(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

export function expiryFor(rule: Pick<EarnRule, 'validityDays'>, earnedAt: Date): Date | null {
  return rule.validityDays ? new Date(earnedAt.getTime() + rule.validityDays * 86_400_000) : null;
}

/**
 * Turns a bank's core-banking event into points under its earn rules. Replaying an event (same
 * bank + idempotency key) awards nothing again; a rule's budget is reserved with a conditional
 * UPDATE before anything is credited, so concurrent events can never overspend it.
 */
export class EarningService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly tenants: TenantsClient,
  ) {}

  async recordBankEvent(input: BankEventInput): Promise<BankEventOutcome> {
    validateEvent(input);
    const replay = await this.em
      .fork()
      .findOne(BankEvent, { bankId: input.bankId, idempotencyKey: input.idempotencyKey });
    if (replay) return outcomeOf(replay, true);

    const customerId = await this.tenants.customerIdByRef(input.bankId, input.customerRef);
    if (customerId === null) throw notFound('Customer with reference', input.customerRef);
    const rules = await this.matchingRules(input, customerId);

    return inTransaction(this.em, async (tx) => {
      const again = await tx.findOne(BankEvent, { bankId: input.bankId, idempotencyKey: input.idempotencyKey });
      if (again) return outcomeOf(again, true);
      const event = tx.create(BankEvent, {
        bankId: input.bankId,
        customerId,
        product: input.product,
        amountFen: String(input.amountFen),
        merchantCategory: input.merchantCategory ?? null,
        occurredAt: input.occurredAt,
        idempotencyKey: input.idempotencyKey,
        pointsAwarded: 0,
        tierPointsAwarded: 0,
        createdAt: new Date(),
      });
      await tx.persistAndFlush(event); // the unique key claims the event before any points move
      const ledger = new PointsLedger(tx);
      const account = await ledger.ensureAccount(input.bankId, customerId);
      let scheduled = 0;
      for (const rule of rules) {
        const points = pointsFor(rule, input.amountFen, input.merchantCategory);
        if (points <= 0) continue;
        const reserved = await affectedRows(
          tx,
          'UPDATE earn_rule SET budget_used = budget_used + ? WHERE id = ? AND (budget_total IS NULL OR budget_used + ? <= budget_total)',
          [points, rule.id, points],
        );
        if (reserved !== 1) continue; // budget exhausted: this rule pays nothing for this event
        const parts = rule.payout === PayoutSchedule.MONTHLY ? installmentsOf(points, rule.installments) : [points];
        // The first installment is paid now; the rest fall due month by month.
        await this.pay(
          ledger,
          account,
          rule,
          parts[0]!,
          `earn:event:${event.id}:rule:${rule.id}:1`,
          input.occurredAt,
          event,
        );
        parts.slice(1).forEach((p, i) => {
          if (p <= 0) return;
          scheduled += p;
          tx.persist(
            tx.create(ScheduledPayout, {
              eventId: event.id,
              ruleId: rule.id,
              accountId: account.id,
              installment: i + 2,
              points: p,
              dueAt: addMonthsUtc(input.occurredAt, i + 1),
            }),
          );
        });
      }
      await tx.flush();
      return { ...outcomeOf(event, false), pointsScheduled: scheduled };
    });
  }

  /** Credits one payment of a rule on the rule's track, and records it on the event. */
  async pay(
    ledger: PointsLedger,
    account: PointsAccount,
    rule: EarnRule,
    points: number,
    key: string,
    at: Date,
    event?: BankEvent,
  ): Promise<void> {
    if (points <= 0) return;
    const source = `rule:${rule.id}${event ? ` event:${event.id}` : ''}`;
    if (rule.track === PointsTrack.TIER) {
      await ledger.addTierPoints(account, {
        type: LedgerEntryType.EARN,
        track: PointsTrack.TIER,
        amount: points,
        source,
        idempotencyKey: key,
        occurredAt: at,
      });
      if (event) event.tierPointsAwarded += points;
    } else {
      await ledger.credit(
        account,
        {
          type: LedgerEntryType.EARN,
          track: PointsTrack.REDEEMABLE,
          amount: points,
          source,
          idempotencyKey: key,
          occurredAt: at,
        },
        expiryFor(rule, at),
      );
      if (event) event.pointsAwarded += points;
    }
  }

  /** Active rules of the bank for this product whose window contains the event and whose segment the customer is in. */
  private async matchingRules(input: BankEventInput, customerId: number): Promise<EarnRule[]> {
    const candidates = await this.em
      .fork()
      .find(
        EarnRule,
        { bankId: input.bankId, product: input.product, status: EarnRuleStatus.ACTIVE },
        { orderBy: { id: 'ASC' } },
      );
    const inWindow = candidates.filter(
      (r) => (!r.windowStart || r.windowStart <= input.occurredAt) && (!r.windowEnd || input.occurredAt < r.windowEnd),
    );
    const segmentIds = [
      ...new Set(inWindow.map((r) => r.segmentId).filter((s): s is number => s !== null && s !== undefined)),
    ];
    const memberOf = await this.tenants.segmentsOf(customerId, segmentIds);
    return inWindow.filter((r) => r.segmentId === null || r.segmentId === undefined || memberOf.has(r.segmentId));
  }
}

function validateEvent(input: BankEventInput): void {
  const problems = [];
  if (!input.customerRef.trim()) problems.push({ field: 'customerRef', message: 'is required' });
  if (!/^[A-Z0-9_]{1,64}$/.test(input.product))
    problems.push({ field: 'product', message: 'must be an upper-case product code like TIME_DEPOSIT_1Y' });
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen < 0)
    problems.push({ field: 'amountFen', message: 'must be a non-negative whole number of fen' });
  if (!input.idempotencyKey.trim() || input.idempotencyKey.length > 128)
    problems.push({ field: 'idempotencyKey', message: 'is required (at most 128 characters)' });
  if (Number.isNaN(input.occurredAt.getTime())) problems.push({ field: 'occurredAt', message: 'must be a date-time' });
  if (problems.length)
    throw badInput(`Invalid bank event: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
}

function outcomeOf(event: BankEvent, duplicate: boolean): BankEventOutcome {
  return {
    eventId: event.id,
    duplicate,
    pointsAwarded: event.pointsAwarded,
    tierPointsAwarded: event.tierPointsAwarded,
    pointsScheduled: 0,
  };
}
