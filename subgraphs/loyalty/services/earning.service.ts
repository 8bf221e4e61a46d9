import type { SqlEntityManager } from '@mikro-orm/knex';
import { MAX_BALANCE } from '../../../core/input-rules';
import { AppError, badInput, conflict } from '../../../core/errors';
import { enqueueEvent } from '../../../core/outbox';
import {
  affectedRows,
  asDate,
  forUpdate,
  inTransaction,
  insertIgnoringDuplicates,
  selectRows,
} from '../../../core/sql';
import { BankEvent, BankEventType } from '../entities/bank-event';
import { EarnRule, EarnRuleKind, EarnRuleStatus, PayoutSchedule } from '../entities/earn-rule';
import { LedgerEntryType, PointsTrack } from '../entities/ledger-entry';
import { PointsAccount } from '../entities/points-account';
import { announceEntry, PointsLedger, TIER_POINTS_CHANGED } from './ledger';
import type { TenantsClient } from './tenants-client';

export interface BankEventInput {
  bankId: number;
  customerRef: string;
  product: string;
  amountFen: number;
  merchantCategory?: string | null;
  occurredAt: Date;
  idempotencyKey: string;
  /** EARN (default) or REVERSAL of the event whose idempotency key is `reversesKey`. */
  type?: BankEventType;
  reversesKey?: string | null;
}

export interface BankEventOutcome {
  eventId: number;
  duplicate: boolean;
  pointsAwarded: number;
  tierPointsAwarded: number;
  /** Points promised in later monthly installments. */
  pointsScheduled: number;
  /** REVERSAL: unpaid installments cancelled. */
  pointsCancelled: number;
  /** REVERSAL: paid points debited again (rules with clawBackPaidOnReversal). */
  pointsClawedBack: number;
  /** REVERSAL: paid points that could not be debited because the balance no longer held them. */
  pointsUnrecovered: number;
}

/** What became of one event of a batch: recorded, a replay of one recorded before, or refused (nothing written). */
export type BankEventRowOutcome =
  | ({ status: 'ACCEPTED' | 'DUPLICATE' } & BankEventOutcome)
  | { status: 'REJECTED'; column: string; message: string; code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' };

/** The columns of a bank event file, also the names per-row problems use. */
export const EVENT_COLUMNS = {
  eventId: 'event_id',
  customerRef: 'customer_ref',
  product: 'product',
  amountFen: 'amount_fen',
  merchantCategory: 'merchant_category',
  occurredAt: 'occurred_at',
  type: 'type',
  reversesEventId: 'reverses_event_id',
} as const;

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

/** The problems of one event, by file column; empty when it is well-formed. */
export function eventProblems(input: BankEventInput): { column: string; message: string }[] {
  const problems = [];
  if (!input.idempotencyKey.trim() || input.idempotencyKey.length > 128)
    problems.push({ column: EVENT_COLUMNS.eventId, message: 'is required (at most 128 characters)' });
  if (!input.customerRef.trim() || input.customerRef.length > 64)
    problems.push({ column: EVENT_COLUMNS.customerRef, message: 'is required (at most 64 characters)' });
  if (!/^[A-Z0-9_]{1,64}$/.test(input.product))
    problems.push({
      column: EVENT_COLUMNS.product,
      message: 'must be an upper-case product code like TIME_DEPOSIT_1Y',
    });
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen < 0)
    problems.push({ column: EVENT_COLUMNS.amountFen, message: 'must be a non-negative whole number of fen' });
  if (input.merchantCategory && input.merchantCategory.length > 16)
    problems.push({ column: EVENT_COLUMNS.merchantCategory, message: 'must be at most 16 characters' });
  if (Number.isNaN(input.occurredAt.getTime()))
    problems.push({ column: EVENT_COLUMNS.occurredAt, message: 'must be an ISO-8601 date-time' });
  if ((input.type ?? BankEventType.EARN) === BankEventType.REVERSAL) {
    if (!input.reversesKey?.trim() || input.reversesKey.length > 128)
      problems.push({ column: EVENT_COLUMNS.reversesEventId, message: 'is required for a REVERSAL' });
    else if (input.reversesKey === input.idempotencyKey)
      problems.push({ column: EVENT_COLUMNS.reversesEventId, message: 'must name another event' });
  } else if (input.reversesKey)
    problems.push({ column: EVENT_COLUMNS.reversesEventId, message: 'only a REVERSAL names an event it reverses' });
  return problems;
}

const FIELD_OF_COLUMN: Record<string, string> = {
  event_id: 'idempotencyKey',
  customer_ref: 'customerRef',
  amount_fen: 'amountFen',
  merchant_category: 'merchantCategory',
  occurred_at: 'occurredAt',
  reverses_event_id: 'reversesEventId',
};

/** One event as it will be written, with everything read before the transaction. */
interface Prepared {
  index: number;
  input: BankEventInput;
  customerId: number;
  rules: EarnRule[];
}

/**
 * Turns a bank's core-banking events into points under its earn rules — one event from the partner
 * API or a batch of rows from an uploaded file, through the same code. Replaying an event (same
 * bank + idempotency key) awards nothing again; a rule's budget is reserved with a conditional
 * UPDATE before anything is credited, so concurrent events can never overspend it. A batch is
 * written with a few multi-row statements; when one of its events is refused by the ledger (a
 * balance cap) the batch is run again event by event, each in a savepoint, so only that event is.
 */
export class EarningService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly tenants: TenantsClient,
  ) {}

  /** One event (partner API): refused events are errors; a replay answers what the first one did. */
  async recordBankEvent(input: BankEventInput): Promise<BankEventOutcome> {
    const problems = eventProblems(input);
    if (problems.length)
      throw badInput(
        `Invalid bank event: ${problems.map((p) => `${FIELD_OF_COLUMN[p.column] ?? p.column} ${p.message}`).join('; ')}.`,
        problems.map((p) => ({ field: FIELD_OF_COLUMN[p.column] ?? p.column, message: p.message })),
      );
    const replay = await this.em
      .fork()
      .findOne(BankEvent, { bankId: input.bankId, idempotencyKey: input.idempotencyKey });
    if (replay) return outcomeOf(replay, true);
    const [outcome] = await this.recordBankEvents(input.bankId, [input], undefined, { announce: true });
    if (outcome!.status === 'REJECTED') {
      const field = FIELD_OF_COLUMN[outcome!.column] ?? outcome!.column;
      if (outcome!.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', outcome!.message);
      if (outcome!.code === 'CONFLICT') throw conflict(outcome!.message);
      throw badInput(`Invalid bank event: ${field} ${outcome!.message}.`, [{ field, message: outcome!.message }]);
    }
    return outcome!;
  }

  /**
   * A batch of events of one bank, in order. Reads (customers, rules, segments) happen first, then
   * one transaction writes them all; `inSameTransaction` runs in it too (a file's checkpoint), so
   * the batch and whatever records it commit together or not at all.
   */
  async recordBankEvents(
    bankId: number,
    inputs: BankEventInput[],
    inSameTransaction?: (tx: SqlEntityManager, outcomes: BankEventRowOutcome[]) => Promise<void>,
    opts: { announce?: boolean } = {},
  ): Promise<BankEventRowOutcome[]> {
    const outcomes: (BankEventRowOutcome | undefined)[] = inputs.map((input) => {
      const [p] = eventProblems(input);
      return p ? { status: 'REJECTED', code: 'BAD_USER_INPUT', ...p } : undefined;
    });
    const valid = inputs.map((input, index) => ({ input, index })).filter(({ index }) => !outcomes[index]);
    const customers = await this.tenants.customerIdsByRefs(
      bankId,
      valid.map((v) => v.input.customerRef),
    );
    const rules = await this.em
      .fork()
      .find(EarnRule, { bankId, status: EarnRuleStatus.ACTIVE }, { orderBy: { id: 'ASC' } });
    const prepared: Prepared[] = [];
    for (const { input, index } of valid) {
      const customerId = customers.get(input.customerRef);
      if (customerId === undefined) {
        outcomes[index] = {
          status: 'REJECTED',
          code: 'NOT_FOUND',
          column: EVENT_COLUMNS.customerRef,
          message: `no customer of this bank has the reference ${input.customerRef}`,
        };
        continue;
      }
      const inWindow =
        (input.type ?? BankEventType.EARN) === BankEventType.EARN
          ? rules.filter(
              (r) =>
                r.product === input.product &&
                (!r.windowStart || r.windowStart <= input.occurredAt) &&
                (!r.windowEnd || input.occurredAt < r.windowEnd),
            )
          : [];
      prepared.push({ index, input, customerId, rules: inWindow });
    }
    const segmentIds = [
      ...new Set(prepared.flatMap((p) => p.rules.map((r) => r.segmentId).filter((s): s is number => s != null))),
    ];
    if (segmentIds.length) {
      const members = await this.tenants.segmentsOfMany(
        prepared.filter((p) => p.rules.some((r) => r.segmentId != null)).map((p) => p.customerId),
        segmentIds,
      );
      for (const p of prepared)
        p.rules = p.rules.filter((r) => r.segmentId == null || members.get(p.customerId)?.has(r.segmentId));
    }

    await inTransaction(this.em, async (tx) => {
      let written: Map<number, BankEventRowOutcome>;
      try {
        written = await inTransaction(tx, (sp) => this.write(sp, bankId, prepared, opts.announce ?? false));
      } catch (e) {
        if (!(e instanceof AppError) || prepared.length <= 1) throw e;
        // One event is refused by the ledger: run them one by one so only that one is.
        written = new Map();
        for (const p of prepared) {
          try {
            const one = await inTransaction(tx, (sp) => this.write(sp, bankId, [p], opts.announce ?? false));
            for (const [k, v] of one) written.set(k, v);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            written.set(p.index, {
              status: 'REJECTED',
              code: 'CONFLICT',
              column: EVENT_COLUMNS.amountFen,
              message: err.message,
            });
          }
        }
      }
      for (const [index, outcome] of written) outcomes[index] = outcome;
      if (inSameTransaction) await inSameTransaction(tx, outcomes as BankEventRowOutcome[]);
    });
    return outcomes as BankEventRowOutcome[];
  }

  /** Writes prepared events: replays and conflicts first, then the new EARN events in bulk, then reversals in order. */
  private async write(
    tx: SqlEntityManager,
    bankId: number,
    prepared: Prepared[],
    announce: boolean,
  ): Promise<Map<number, BankEventRowOutcome>> {
    const out = new Map<number, BankEventRowOutcome>();
    if (prepared.length === 0) return out;
    const keys = [...new Set(prepared.map((p) => p.input.idempotencyKey))];
    const existing = new Map((await recordedEvents(tx, bankId, keys)).map((e) => [e.idempotencyKey, e]));
    const seen = new Map<string, Prepared>();
    const fresh: Prepared[] = [];
    for (const p of prepared) {
      const before = existing.get(p.input.idempotencyKey);
      const earlier = seen.get(p.input.idempotencyKey);
      if (before) {
        out.set(p.index, sameEvent(before, p) ? { status: 'DUPLICATE', ...outcomeOf(before, true) } : differs(p));
      } else if (earlier) {
        // Decided once the earlier row is written: a replay of it, or a clash.
        out.set(
          p.index,
          sameContent(earlier, p) ? { status: 'DUPLICATE', ...blankOutcome(), duplicate: true } : differs(p),
        );
      } else {
        seen.set(p.input.idempotencyKey, p);
        fresh.push(p);
      }
    }
    const earns = fresh.filter((p) => (p.input.type ?? BankEventType.EARN) === BankEventType.EARN);
    const earned = await this.writeEarns(tx, bankId, earns, announce);
    for (const [index, o] of earned) out.set(index, o);
    for (const p of fresh) {
      if ((p.input.type ?? BankEventType.EARN) !== BankEventType.REVERSAL) continue;
      out.set(p.index, await this.reverse(tx, bankId, p));
    }
    // In-batch replays answer with the event their first row recorded.
    for (const p of prepared) {
      const o = out.get(p.index);
      const first = seen.get(p.input.idempotencyKey);
      if (o?.status === 'DUPLICATE' && first && first !== p) {
        const firstOutcome = out.get(first.index);
        if (firstOutcome && firstOutcome.status !== 'REJECTED')
          out.set(p.index, { ...firstOutcome, status: 'DUPLICATE', duplicate: true });
        else out.set(p.index, firstOutcome ?? differs(p));
      }
    }
    return out;
  }

  /** New EARN events in a few multi-row statements: events, accounts, budgets, ledger entries, lots, installments. */
  private async writeEarns(
    tx: SqlEntityManager,
    bankId: number,
    earns: Prepared[],
    announce: boolean,
  ): Promise<Map<number, BankEventRowOutcome>> {
    const out = new Map<number, BankEventRowOutcome>();
    if (earns.length === 0) return out;
    const platform = tx.getPlatform();
    const date = (d: Date) => platform.processDateProperty(d);
    const now = new Date();
    // Budgets: capped rules event by event (in row order), uncapped ones in one UPDATE each.
    const uncapped = new Map<number, number>();
    const plans = [];
    for (const p of earns) {
      const pays: { rule: EarnRule; parts: number[] }[] = [];
      for (const rule of p.rules) {
        const points = pointsFor(rule, p.input.amountFen, p.input.merchantCategory);
        if (points <= 0) continue;
        if (rule.budgetTotal == null) uncapped.set(rule.id, (uncapped.get(rule.id) ?? 0) + points);
        else {
          const reserved = await affectedRows(
            tx,
            'UPDATE earn_rule SET budget_used = budget_used + ? WHERE id = ? AND (budget_total IS NULL OR budget_used + ? <= budget_total)',
            [points, rule.id, points],
          );
          if (reserved !== 1) continue; // budget exhausted: this rule pays nothing for this event
        }
        pays.push({
          rule,
          parts: rule.payout === PayoutSchedule.MONTHLY ? installmentsOf(points, rule.installments) : [points],
        });
      }
      plans.push({ p, pays });
    }
    for (const [ruleId, points] of uncapped)
      await affectedRows(tx, 'UPDATE earn_rule SET budget_used = budget_used + ? WHERE id = ?', [points, ruleId]);

    // The events claim their keys before any points move (a concurrent writer of the same key fails here).
    const eventRows = plans.map(({ p, pays }) => {
      const now1 = (track: PointsTrack) =>
        pays.filter((x) => x.rule.track === track).reduce((s, x) => s + x.parts[0]!, 0);
      return {
        bank_id: bankId,
        customer_id: p.customerId,
        product: p.input.product,
        amount_fen: String(p.input.amountFen),
        merchant_category: p.input.merchantCategory || null,
        occurred_at: date(p.input.occurredAt),
        idempotency_key: p.input.idempotencyKey,
        type: BankEventType.EARN,
        points_awarded: now1(PointsTrack.REDEEMABLE),
        tier_points_awarded: now1(PointsTrack.TIER),
        created_at: date(now),
      };
    });
    await insertRows(tx, 'bank_event', eventRows);
    const ids = new Map(
      (
        await selectRows<{ id: number; idempotency_key: string }>(
          tx,
          `SELECT id, idempotency_key FROM bank_event WHERE bank_id = ? AND idempotency_key IN (${eventRows.map(() => '?').join(', ')})`,
          [bankId, ...eventRows.map((r) => r.idempotency_key)],
        )
      ).map((r) => [r.idempotency_key, Number(r.id)]),
    );

    // Accounts, created on first use.
    const customerIds = [...new Set(plans.filter((x) => x.pays.length).map((x) => x.p.customerId))];
    const accounts = new Map<number, number>();
    if (customerIds.length) {
      await insertIgnoringDuplicates(
        tx,
        'points_account',
        customerIds.map((c) => ({
          bank_id: bankId,
          customer_id: c,
          redeemable: 0,
          held: 0,
          tier_points: 0,
          created_at: date(now),
        })),
        ['customer_id'],
      );
      for (const r of await selectRows<{ id: number; customer_id: number }>(
        tx,
        `SELECT id, customer_id FROM points_account WHERE customer_id IN (${customerIds.map(() => '?').join(', ')})`,
        customerIds,
      ))
        accounts.set(Number(r.customer_id), Number(r.id));
    }

    // The first installment (or the whole) now, on the rule's track; the rest scheduled.
    const entries: Record<string, unknown>[] = [];
    const lots = new Map<string, { accountId: number; amount: number; earnedAt: Date; expiresAt: Date | null }>();
    const payouts: Record<string, unknown>[] = [];
    const redeemable = new Map<number, number>();
    const tier = new Map<number, number>();
    for (const [i, { p, pays }] of plans.entries()) {
      const eventId = ids.get(p.input.idempotencyKey)!;
      const accountId = accounts.get(p.customerId)!;
      let scheduled = 0;
      for (const { rule, parts } of pays) {
        const first = parts[0]!;
        if (first > 0) {
          const key = `earn:event:${eventId}:rule:${rule.id}:1`;
          entries.push({
            account_id: accountId,
            bank_id: bankId,
            type: LedgerEntryType.EARN,
            track: rule.track,
            amount: first,
            held_delta: 0,
            source: `rule:${rule.id} event:${eventId}`,
            idempotency_key: key,
            reason: null,
            occurred_at: date(p.input.occurredAt),
            created_at: date(now),
          });
          if (announce)
            announceEntry(
              tx,
              { id: accountId, bankId, customerId: p.customerId },
              {
                type: LedgerEntryType.EARN,
                track: rule.track,
                amount: first,
                source: `rule:${rule.id} event:${eventId}`,
                idempotencyKey: key,
                occurredAt: p.input.occurredAt,
              },
            );
          const bucket = rule.track === PointsTrack.TIER ? tier : redeemable;
          bucket.set(accountId, (bucket.get(accountId) ?? 0) + first);
          if (rule.track !== PointsTrack.TIER)
            lots.set(key, {
              accountId,
              amount: first,
              earnedAt: p.input.occurredAt,
              expiresAt: expiryFor(rule, p.input.occurredAt),
            });
        }
        parts.slice(1).forEach((points, i) => {
          if (points <= 0) return;
          scheduled += points;
          payouts.push({
            event_id: eventId,
            rule_id: rule.id,
            account_id: accountId,
            installment: i + 2,
            points,
            due_at: date(addMonthsUtc(p.input.occurredAt, i + 1)),
          });
        });
      }
      const row = eventRows[i]!; // made from plans, in the same order
      out.set(p.index, {
        status: 'ACCEPTED',
        eventId,
        duplicate: false,
        pointsAwarded: row.points_awarded,
        tierPointsAwarded: row.tier_points_awarded,
        pointsScheduled: scheduled,
        pointsCancelled: 0,
        pointsClawedBack: 0,
        pointsUnrecovered: 0,
      });
    }
    await this.applyToAccounts(tx, redeemable, tier);
    await insertRows(tx, 'points_ledger_entry', entries);
    if (lots.size) {
      const keys = [...lots.keys()];
      const entryIds = await selectRows<{ id: number; idempotency_key: string }>(
        tx,
        `SELECT id, idempotency_key FROM points_ledger_entry WHERE idempotency_key IN (${keys.map(() => '?').join(', ')})`,
        keys,
      );
      await insertRows(
        tx,
        'points_lot',
        entryIds.map((e) => {
          const lot = lots.get(e.idempotency_key)!;
          return {
            account_id: lot.accountId,
            amount: lot.amount,
            remaining: lot.amount,
            earned_at: date(lot.earnedAt),
            expires_at: lot.expiresAt ? date(lot.expiresAt) : null,
            entry_id: Number(e.id),
          };
        }),
      );
    }
    await insertRows(tx, 'scheduled_payout', payouts);
    // Tenants owns tier thresholds; it learns the new totals through the outbox, at least once.
    const byAccount = new Map([...accounts].map(([c, a]) => [a, c]));
    for (const accountId of tier.keys())
      enqueueEvent(tx, TIER_POINTS_CHANGED, { customerId: byAccount.get(accountId), accountId });
    await tx.flush();
    return out;
  }

  /** Adds each account's points in one conditional UPDATE; refuses (CONFLICT) when one would pass the cap. */
  private async applyToAccounts(tx: SqlEntityManager, redeemable: Map<number, number>, tier: Map<number, number>) {
    const ids = [...new Set([...redeemable.keys(), ...tier.keys()])];
    if (ids.length === 0) return;
    const caseOf = (m: Map<number, number>) => {
      const listed = ids.filter((id) => m.get(id));
      if (!listed.length) return { sql: '0', params: [] as number[] };
      return {
        sql: `(CASE id ${listed.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END)`,
        params: listed.flatMap((id) => [id, m.get(id)!]),
      };
    };
    const r = caseOf(redeemable);
    const t = caseOf(tier);
    const changed = await affectedRows(
      tx,
      `UPDATE points_account SET redeemable = redeemable + ${r.sql}, tier_points = tier_points + ${t.sql}
       WHERE id IN (${ids.map(() => '?').join(', ')}) AND redeemable + held + ${r.sql} <= ? AND tier_points + ${t.sql} <= ?`,
      [...r.params, ...t.params, ...ids, ...r.params, MAX_BALANCE, ...t.params, MAX_BALANCE],
    );
    if (changed !== ids.length)
      throw conflict(
        `This would take the customer's points beyond ${MAX_BALANCE.toLocaleString('en-US')}; nothing was added.`,
      );
  }

  /**
   * A REVERSAL: cancels the event's installments not yet paid (their budget returns to the rule)
   * and, for each rule with `clawBackPaidOnReversal`, debits what the rule already paid for it —
   * redeemable points down to what is available (the rest is recorded as unrecovered), tier points
   * down to zero. At most one reversal per event (a unique key).
   */
  private async reverse(tx: SqlEntityManager, bankId: number, p: Prepared): Promise<BankEventRowOutcome> {
    const reversesKey = p.input.reversesKey!;
    const original = await tx.findOne(BankEvent, { bankId, idempotencyKey: reversesKey }, { refresh: true });
    const reject = (code: 'NOT_FOUND' | 'CONFLICT' | 'BAD_USER_INPUT', column: string, message: string) =>
      ({ status: 'REJECTED', code, column, message }) as const;
    if (!original)
      return reject('NOT_FOUND', EVENT_COLUMNS.reversesEventId, `no earlier event ${reversesKey} of this bank`);
    if (original.type === BankEventType.REVERSAL)
      return reject('BAD_USER_INPUT', EVENT_COLUMNS.reversesEventId, `event ${reversesKey} is itself a reversal`);
    if (original.customerId !== p.customerId)
      return reject('BAD_USER_INPUT', EVENT_COLUMNS.customerRef, `is not the customer of event ${reversesKey}`);
    const already = await tx.findOne(BankEvent, { reversesEventId: original.id });
    if (already)
      return reject(
        'CONFLICT',
        EVENT_COLUMNS.reversesEventId,
        `event ${reversesKey} was already reversed by event ${already.idempotencyKey}`,
      );

    const now = new Date();
    const event = tx.create(BankEvent, {
      bankId,
      customerId: p.customerId,
      product: p.input.product,
      amountFen: String(p.input.amountFen),
      merchantCategory: p.input.merchantCategory || null,
      occurredAt: p.input.occurredAt,
      idempotencyKey: p.input.idempotencyKey,
      type: BankEventType.REVERSAL,
      reversesEventId: original.id,
      pointsAwarded: 0,
      tierPointsAwarded: 0,
      pointsCancelled: 0,
      pointsClawedBack: 0,
      pointsUnrecovered: 0,
      createdAt: now,
    });
    await tx.persistAndFlush(event); // claims the reversal (both unique keys) before any points move

    // Unpaid installments: locked, then cancelled (the payout sweep claims only uncancelled ones).
    const unpaid = await selectRows<{ id: number; rule_id: number; points: number }>(
      tx,
      `SELECT id, rule_id, points FROM scheduled_payout WHERE event_id = ? AND paid_at IS NULL AND cancelled_at IS NULL${forUpdate(tx)}`,
      [original.id],
    );
    if (unpaid.length) {
      await affectedRows(
        tx,
        `UPDATE scheduled_payout SET cancelled_at = ? WHERE id IN (${unpaid.map(() => '?').join(', ')}) AND paid_at IS NULL AND cancelled_at IS NULL`,
        [now, ...unpaid.map((u) => u.id)],
      );
      const back = new Map<number, number>();
      for (const u of unpaid) back.set(Number(u.rule_id), (back.get(Number(u.rule_id)) ?? 0) + Number(u.points));
      for (const [ruleId, points] of back)
        await affectedRows(
          tx,
          'UPDATE earn_rule SET budget_used = CASE WHEN budget_used >= ? THEN budget_used - ? ELSE 0 END WHERE id = ?',
          [points, points, ruleId],
        );
      event.pointsCancelled = unpaid.reduce((s, u) => s + Number(u.points), 0);
    }

    // Paid points, per rule that claws them back (locking read: the newest committed payments).
    const paid = await selectRows<{ account_id: number; track: PointsTrack; source: string; amount: number }>(
      tx,
      `SELECT account_id, track, source, amount FROM points_ledger_entry WHERE idempotency_key LIKE ? AND type = 'EARN'${forUpdate(tx)}`,
      [`earn:event:${original.id}:rule:%`],
    );
    if (paid.length) {
      const ruleIds = [...new Set(paid.map((e) => Number(/^rule:(\d+)/.exec(e.source)?.[1])))];
      const clawing = new Set(
        (await tx.find(EarnRule, { id: { $in: ruleIds }, clawBackPaidOnReversal: true })).map((r) => r.id),
      );
      const due = { redeemable: 0, tier: 0 };
      let accountId = 0;
      for (const e of paid) {
        if (!clawing.has(Number(/^rule:(\d+)/.exec(e.source)?.[1]))) continue;
        accountId = Number(e.account_id);
        if (e.track === PointsTrack.TIER) due.tier += Number(e.amount);
        else due.redeemable += Number(e.amount);
      }
      if (accountId) {
        const ledger = new PointsLedger(tx);
        const balance = await ledger.lockAccount(accountId);
        const account = await tx.findOneOrFail(PointsAccount, accountId);
        const source = `reversal event:${event.id} of event:${original.id}`;
        const takeRedeemable = Math.min(due.redeemable, Number(balance.redeemable));
        if (takeRedeemable > 0)
          await ledger.debit(
            account,
            {
              type: LedgerEntryType.ADJUST,
              track: PointsTrack.REDEEMABLE,
              amount: -takeRedeemable,
              source,
              idempotencyKey: `reversal:event:${event.id}:redeemable`,
              occurredAt: p.input.occurredAt,
              reason: `Bank reversed event ${original.idempotencyKey}`,
            },
            false,
          );
        const takeTier = Math.min(due.tier, Number(balance.tier_points));
        if (takeTier > 0)
          await ledger.addTierPoints(account, {
            type: LedgerEntryType.ADJUST,
            track: PointsTrack.TIER,
            amount: -takeTier,
            source,
            idempotencyKey: `reversal:event:${event.id}:tier`,
            occurredAt: p.input.occurredAt,
            reason: `Bank reversed event ${original.idempotencyKey}`,
          });
        event.pointsClawedBack = takeRedeemable + takeTier;
        event.pointsUnrecovered = due.redeemable - takeRedeemable + (due.tier - takeTier);
      }
    }
    await tx.flush();
    return { status: 'ACCEPTED', ...outcomeOf(event, false) };
  }

  /** Credits one payment of a rule on the rule's track (the installment sweep). */
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
}

/** A multi-row INSERT (nothing when there are no rows); chunks of 1,000 rows. */
async function insertRows(tx: SqlEntityManager, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000);
    const columns = Object.keys(part[0]!);
    await affectedRows(
      tx,
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
      part.flatMap((r) => columns.map((c) => r[c])),
    );
  }
}

function sameContent(a: Prepared, b: Prepared): boolean {
  return (
    a.customerId === b.customerId &&
    a.input.product === b.input.product &&
    a.input.amountFen === b.input.amountFen &&
    (a.input.merchantCategory || null) === (b.input.merchantCategory || null) &&
    a.input.occurredAt.getTime() === b.input.occurredAt.getTime() &&
    (a.input.type ?? BankEventType.EARN) === (b.input.type ?? BankEventType.EARN) &&
    (a.input.reversesKey || null) === (b.input.reversesKey || null)
  );
}

/** What a replay is compared with and answered from. */
type RecordedEvent = Pick<
  BankEvent,
  | 'id'
  | 'customerId'
  | 'product'
  | 'amountFen'
  | 'merchantCategory'
  | 'occurredAt'
  | 'idempotencyKey'
  | 'type'
  | 'pointsAwarded'
  | 'tierPointsAwarded'
  | 'pointsCancelled'
  | 'pointsClawedBack'
  | 'pointsUnrecovered'
>;

/**
 * The events already recorded under these keys, read as plain rows: a re-sent file finds all 500 of
 * each batch, and making them managed entities (which the batch's flush then walks) was the largest
 * part of the loyalty CPU of such a batch.
 */
async function recordedEvents(tx: SqlEntityManager, bankId: number, keys: string[]): Promise<RecordedEvent[]> {
  if (keys.length === 0) return [];
  const rows = await selectRows<Record<string, unknown>>(
    tx,
    `SELECT id, customer_id, product, amount_fen, merchant_category, occurred_at, idempotency_key, type, points_awarded,
       tier_points_awarded, points_cancelled, points_clawed_back, points_unrecovered
     FROM bank_event WHERE bank_id = ? AND idempotency_key IN (${keys.map(() => '?').join(', ')})`,
    [bankId, ...keys],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    customerId: Number(r.customer_id),
    product: String(r.product),
    amountFen: String(r.amount_fen),
    merchantCategory: (r.merchant_category as string | null) ?? null,
    occurredAt: asDate(r.occurred_at as Date | string | number),
    idempotencyKey: String(r.idempotency_key),
    type: r.type as BankEventType,
    pointsAwarded: Number(r.points_awarded),
    tierPointsAwarded: Number(r.tier_points_awarded),
    pointsCancelled: Number(r.points_cancelled),
    pointsClawedBack: Number(r.points_clawed_back),
    pointsUnrecovered: Number(r.points_unrecovered),
  }));
}

function sameEvent(e: RecordedEvent, p: Prepared): boolean {
  return (
    e.customerId === p.customerId &&
    e.product === p.input.product &&
    Number(e.amountFen) === p.input.amountFen &&
    (e.merchantCategory || null) === (p.input.merchantCategory || null) &&
    Math.floor(e.occurredAt.getTime() / 1000) === Math.floor(p.input.occurredAt.getTime() / 1000) &&
    e.type === (p.input.type ?? BankEventType.EARN)
  );
}

function differs(p: Prepared): BankEventRowOutcome {
  return {
    status: 'REJECTED',
    code: 'CONFLICT',
    column: EVENT_COLUMNS.eventId,
    message: `event ${p.input.idempotencyKey} was already recorded with different content`,
  };
}

function blankOutcome(): BankEventOutcome {
  return {
    eventId: 0,
    duplicate: false,
    pointsAwarded: 0,
    tierPointsAwarded: 0,
    pointsScheduled: 0,
    pointsCancelled: 0,
    pointsClawedBack: 0,
    pointsUnrecovered: 0,
  };
}

function outcomeOf(event: RecordedEvent, duplicate: boolean): BankEventOutcome {
  return {
    eventId: event.id,
    duplicate,
    pointsAwarded: event.pointsAwarded,
    tierPointsAwarded: event.tierPointsAwarded,
    pointsScheduled: 0,
    pointsCancelled: event.pointsCancelled,
    pointsClawedBack: event.pointsClawedBack,
    pointsUnrecovered: event.pointsUnrecovered,
  };
}
