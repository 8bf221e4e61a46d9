import type { SqlEntityManager } from '@mikro-orm/knex';
import { MAX_BALANCE } from '../../../core/input-rules';
import { conflict } from '../../../core/errors';
import { enqueueEvent } from '../../../core/outbox';
import { notifyBank, type BankNotificationType } from '../../../core/bank-notifications';
import { createHash } from 'node:crypto';
import { affectedRows, forUpdate, insertIgnoringDuplicates, isMySql, selectRows } from '../../../core/sql';
import { PointsAccount } from '../entities/points-account';
import { LedgerEntryType, PointsLedgerEntry, PointsTrack } from '../entities/ledger-entry';
import { PointsLot } from '../entities/points-lot';
import { HoldState, type PointsHold } from '../entities/points-hold';

/** Outbox topic: an account's tier points changed. */
export const TIER_POINTS_CHANGED = 'loyalty.tier-points-changed';

export interface EntrySpec {
  type: LedgerEntryType;
  track: PointsTrack;
  amount: number;
  heldDelta?: number;
  source: string;
  idempotencyKey: string;
  occurredAt?: Date;
  reason?: string | null;
}

/**
 * The only code that changes balances. Every method runs inside the caller's transaction and
 * pairs an immutable ledger entry with a conditional UPDATE of the account, so the balance never
 * goes negative and always equals the ledger. Lock order, everywhere: account row, then its lots.
 */
export class PointsLedger {
  constructor(readonly em: SqlEntityManager) {}

  findEntry(idempotencyKey: string): Promise<PointsLedgerEntry | null> {
    return this.em.findOne(PointsLedgerEntry, { idempotencyKey });
  }

  /** The account, created on first use (concurrent creators: the unique key keeps one). */
  async ensureAccount(bankId: number, customerId: number): Promise<PointsAccount> {
    const existing = await this.em.findOne(PointsAccount, { customerId });
    if (existing) return existing;
    const row = {
      bank_id: bankId,
      customer_id: customerId,
      redeemable: 0,
      held: 0,
      tier_points: 0,
      created_at: this.em.getPlatform().processDateProperty(new Date()),
    };
    await insertIgnoringDuplicates(this.em, 'points_account', [row], ['customer_id']);
    return this.em.findOneOrFail(PointsAccount, { customerId }, { refresh: true });
  }

  /** Takes the account's row lock before any lot is read or changed. */
  async lockAccount(accountId: number): Promise<{ redeemable: number; held: number; tier_points: number }> {
    const [row] = await selectRows<{ redeemable: number; held: number; tier_points: number }>(
      this.em,
      `SELECT redeemable, held, tier_points FROM points_account WHERE id = ?${forUpdate(this.em)}`,
      [accountId],
    );
    if (!row) throw new Error(`points account ${accountId} vanished`);
    return row;
  }

  private record(
    account: Pick<PointsAccount, 'id' | 'bankId'> & { customerId?: number },
    spec: EntrySpec,
  ): PointsLedgerEntry {
    const entry = this.em.create(PointsLedgerEntry, {
      accountId: account.id,
      bankId: account.bankId,
      type: spec.type,
      track: spec.track,
      amount: spec.amount,
      heldDelta: spec.heldDelta ?? 0,
      source: spec.source,
      idempotencyKey: spec.idempotencyKey,
      reason: spec.reason ?? null,
      occurredAt: spec.occurredAt ?? new Date(),
      createdAt: new Date(),
    });
    this.em.persist(entry);
    announceEntry(this.em, account, spec);
    return entry;
  }

  /** Adds redeemable points as a new lot (EARN, REFUND of lot-less points, positive ADJUST). */
  async credit(account: PointsAccount, spec: EntrySpec, expiresAt: Date | null): Promise<PointsLedgerEntry> {
    if (spec.amount <= 0) throw new Error('credit needs a positive amount');
    const credited = await affectedRows(
      this.em,
      'UPDATE points_account SET redeemable = redeemable + ? WHERE id = ? AND redeemable + held + ? <= ?',
      [spec.amount, account.id, spec.amount, MAX_BALANCE],
    );
    if (credited !== 1)
      throw conflict(
        `This would take the customer's points beyond ${MAX_BALANCE.toLocaleString('en-US')}; nothing was added.`,
      );
    const entry = this.record(account, spec);
    await this.em.flush();
    this.em.persist(
      this.em.create(PointsLot, {
        accountId: account.id,
        amount: spec.amount,
        remaining: spec.amount,
        earnedAt: spec.occurredAt ?? new Date(),
        expiresAt,
        entryId: entry.id,
      }),
    );
    await this.em.flush();
    return entry;
  }

  /**
   * Takes redeemable points out of "available" (into "held" for a HOLD, or gone for a negative
   * ADJUST), consuming lots first-expiring-first. Refuses, changing nothing, when the balance is short.
   */
  async debit(
    account: PointsAccount,
    spec: EntrySpec,
    intoHeld: boolean,
  ): Promise<{ entry: PointsLedgerEntry; consumed: { lotId: number; amount: number }[] }> {
    const n = -spec.amount;
    if (n <= 0) throw new Error('debit needs a negative amount');
    const changed = await affectedRows(
      this.em,
      `UPDATE points_account SET redeemable = redeemable - ?${intoHeld ? ', held = held + ?' : ''} WHERE id = ? AND redeemable >= ?`,
      intoHeld ? [n, n, account.id, n] : [n, account.id, n],
    );
    if (changed !== 1) throw conflict(`Not enough redeemable points: ${n} needed.`);
    // The UPDATE holds the account's row lock; locking reads see the latest lots.
    const lots = await selectRows<{ id: number; remaining: number }>(
      this.em,
      `SELECT id, remaining FROM points_lot WHERE account_id = ? AND remaining > 0 ORDER BY expires_at IS NULL, expires_at, id${forUpdate(this.em)}`,
      [account.id],
    );
    const consumed = await this.consumeLots(account.id, lots, n);
    const entry = this.record(account, spec);
    await this.em.flush();
    return { entry, consumed };
  }

  /**
   * A HOLD of the customer's redeemable points, without reading the account first: the conditional
   * UPDATE finds it by customer (and bank) and takes its row lock, the locking read of its lots
   * names it. Lots are consumed first-expiring-first, as `debit` does. Refuses, changing nothing,
   * when the customer has no account of this bank or too few points.
   */
  async holdForCustomer(
    bankId: number,
    customerId: number,
    spec: EntrySpec,
  ): Promise<{ accountId: number; consumed: { lotId: number; amount: number }[] }> {
    const n = spec.heldDelta ?? 0;
    if (n <= 0 || spec.amount !== -n) throw new Error('a hold moves a positive amount into held');
    if (isMySql(this.em)) return this.holdLocked(bankId, customerId, n, spec);
    const changed = await affectedRows(
      this.em,
      'UPDATE points_account SET redeemable = redeemable - ?, held = held + ? WHERE customer_id = ? AND bank_id = ? AND redeemable >= ?',
      [n, n, customerId, bankId, n],
    );
    if (changed !== 1) throw conflict(`Not enough redeemable points: ${n} needed.`);
    // The UPDATE holds the account's row lock; locking reads see the latest lots.
    const lots = await selectRows<{ id: number; remaining: number; account_id: number }>(
      this.em,
      `SELECT l.id, l.remaining, l.account_id FROM points_lot l JOIN points_account a ON a.id = l.account_id
       WHERE a.customer_id = ? AND l.remaining > 0 ORDER BY l.expires_at IS NULL, l.expires_at, l.id${forUpdate(this.em)}`,
      [customerId],
    );
    if (lots.length === 0) throw new Error(`customer ${customerId}: no lots hold the ${n} points — ledger drift`);
    const accountId = Number(lots[0]!.account_id);
    const consumed = await this.consumeLots(accountId, lots, n);
    this.record({ id: accountId, bankId }, spec);
    return { accountId, consumed };
  }

  /**
   * The hold on MySQL/MariaDB in two statements before the entry: a locking read of the account and
   * its lots (account row first, then its lots, the lock order everywhere), then one UPDATE of the
   * account and every lot it takes from, each guarded as the one-row UPDATEs are.
   */
  private async holdLocked(
    bankId: number,
    customerId: number,
    n: number,
    spec: EntrySpec,
  ): Promise<{ accountId: number; consumed: { lotId: number; amount: number }[] }> {
    const rows = await selectRows<{
      account_id: number;
      bank_id: number;
      redeemable: number;
      id: number | null;
      remaining: number | null;
    }>(
      this.em,
      `SELECT a.id AS account_id, a.bank_id, a.redeemable, l.id, l.remaining
       FROM points_account a LEFT JOIN points_lot l ON l.account_id = a.id AND l.remaining > 0
       WHERE a.customer_id = ?
       ORDER BY l.expires_at IS NULL, l.expires_at, l.id FOR UPDATE`,
      [customerId],
    );
    const account = rows[0];
    if (!account || Number(account.bank_id) !== bankId || Number(account.redeemable) < n)
      throw conflict(`Not enough redeemable points: ${n} needed.`);
    const accountId = Number(account.account_id);
    const consumed: { lotId: number; amount: number }[] = [];
    let left = n;
    for (const lot of rows) {
      if (left === 0 || lot.id == null) break;
      const take = Math.min(Number(lot.remaining), left);
      consumed.push({ lotId: Number(lot.id), amount: take });
      left -= take;
    }
    if (left !== 0) throw new Error(`account ${accountId}: lots hold ${n - left} of ${n} points — ledger drift`);
    const take = `CASE l.id ${consumed.map(() => 'WHEN ? THEN ?').join(' ')} END`;
    const takeParams = consumed.flatMap((c) => [c.lotId, c.amount]);
    // Each matched row is changed once, however many lots the account row is joined with. The
    // balance was read under this transaction's lock, so it needs no guard here (a guard on a row
    // joined more than once could be evaluated after that row's own change); each lot is joined once.
    const changed = await affectedRows(
      this.em,
      `UPDATE points_account a STRAIGHT_JOIN points_lot l ON l.account_id = a.id
       SET a.redeemable = a.redeemable - ?, a.held = a.held + ?, l.remaining = l.remaining - ${take}
       WHERE a.id = ? AND l.id IN (${consumed.map(() => '?').join(', ')}) AND l.remaining >= ${take}`,
      [n, n, ...takeParams, accountId, ...consumed.map((c) => c.lotId), ...takeParams],
    );
    if (changed !== 1 + consumed.length)
      throw new Error(
        `account ${accountId}: the hold changed ${changed} rows under its locks, not ${1 + consumed.length}`,
      );
    this.record({ id: accountId, bankId }, spec);
    return { accountId, consumed };
  }

  /** Takes `n` points out of `lots` (in the order given, already locked), one conditional UPDATE per lot touched. */
  private async consumeLots(
    accountId: number,
    lots: { id: number; remaining: number }[],
    n: number,
  ): Promise<{ lotId: number; amount: number }[]> {
    const consumed: { lotId: number; amount: number }[] = [];
    let left = n;
    for (const lot of lots) {
      if (left === 0) break;
      const take = Math.min(Number(lot.remaining), left);
      const ok = await affectedRows(
        this.em,
        'UPDATE points_lot SET remaining = remaining - ? WHERE id = ? AND remaining >= ?',
        [take, lot.id, take],
      );
      if (ok !== 1) throw new Error(`lot ${lot.id} changed under its account lock`);
      consumed.push({ lotId: lot.id, amount: take });
      left -= take;
    }
    if (left !== 0) throw new Error(`account ${accountId}: lots hold ${n - left} of ${n} points — ledger drift`);
    return consumed;
  }

  /**
   * CAPTURE of a HELD hold on MySQL/MariaDB: one UPDATE flips the hold and takes its points out of
   * the account's held points (hold row first, then the account, as `transition` + `settleHeld` do),
   * then the ledger entry. False, changing nothing, when the hold is no longer HELD (or, a drift the
   * caller reports, the account holds fewer points).
   */
  async captureHeld(
    hold: Pick<PointsHold, 'id' | 'accountId' | 'bankId' | 'amount'>,
    spec: EntrySpec,
  ): Promise<boolean> {
    const changed = await affectedRows(
      this.em,
      `UPDATE points_hold h STRAIGHT_JOIN points_account a ON a.id = h.account_id
       SET h.state = ?, h.settled_at = ?, a.held = a.held - h.amount
       WHERE h.id = ? AND h.state = ? AND a.held >= h.amount`,
      [HoldState.CAPTURED, new Date(), hold.id, HoldState.HELD],
    );
    if (changed === 0) return false;
    if (changed !== 2) throw new Error(`hold ${hold.id}: capture changed ${changed} rows`);
    this.record({ id: hold.accountId, bankId: hold.bankId }, spec);
    await this.em.flush();
    return true;
  }

  /** Moves held points out (CAPTURE) or back to available (RELEASE); lots are the caller's business. */
  async settleHeld(
    account: Pick<PointsAccount, 'id' | 'bankId'>,
    spec: EntrySpec,
    backToAvailable: boolean,
  ): Promise<PointsLedgerEntry> {
    const n = -(spec.heldDelta ?? 0);
    const changed = await affectedRows(
      this.em,
      `UPDATE points_account SET held = held - ?${backToAvailable ? ', redeemable = redeemable + ?' : ''} WHERE id = ? AND held >= ?`,
      backToAvailable ? [n, n, account.id, n] : [n, account.id, n],
    );
    if (changed !== 1) throw new Error(`account ${account.id} holds fewer than ${n} points — ledger drift`);
    const entry = this.record(account, spec);
    await this.em.flush();
    return entry;
  }

  /** Puts points back into existing lots (release, refund); the account must already be locked. */
  async returnToLots(
    account: PointsAccount,
    spec: EntrySpec,
    returns: { lotId: number; amount: number }[],
  ): Promise<PointsLedgerEntry> {
    for (const r of returns) {
      await affectedRows(this.em, 'UPDATE points_lot SET remaining = remaining + ? WHERE id = ?', [r.amount, r.lotId]);
    }
    if (spec.type === LedgerEntryType.REFUND) {
      await affectedRows(this.em, 'UPDATE points_account SET redeemable = redeemable + ? WHERE id = ?', [
        spec.amount,
        account.id,
      ]);
      const entry = this.record(account, spec);
      await this.em.flush();
      return entry;
    }
    return this.settleHeld(account, spec, true);
  }

  /** Tier points only ever accumulate (or are corrected by ADJUST); they are never spent. */
  async addTierPoints(account: PointsAccount, spec: EntrySpec): Promise<PointsLedgerEntry> {
    const changed = await affectedRows(
      this.em,
      'UPDATE points_account SET tier_points = tier_points + ? WHERE id = ? AND tier_points + ? BETWEEN 0 AND ?',
      [spec.amount, account.id, spec.amount, MAX_BALANCE],
    );
    if (changed !== 1) throw conflict(`Tier points must stay between 0 and ${MAX_BALANCE.toLocaleString('en-US')}.`);
    // Tenants owns tier thresholds; it learns the new total through the outbox, at least once.
    enqueueEvent(this.em, TIER_POINTS_CHANGED, { customerId: account.customerId, accountId: account.id });
    const entry = this.record(account, spec);
    await this.em.flush();
    return entry;
  }

  /**
   * Expires what is left in one lot. The lot may have expired before and been refilled by a
   * release, so each expiry gets its own numbered key.
   */
  async expireLot(lotId: number, accountId: number): Promise<number> {
    await this.lockAccount(accountId);
    const [lot] = await selectRows<{ remaining: number; expires_at: unknown }>(
      this.em,
      `SELECT remaining, expires_at FROM points_lot WHERE id = ?${forUpdate(this.em)}`,
      [lotId],
    );
    const left = lot?.remaining ?? 0;
    if (left <= 0) return 0;
    await affectedRows(this.em, 'UPDATE points_lot SET remaining = 0 WHERE id = ? AND remaining = ?', [lotId, left]);
    const changed = await affectedRows(
      this.em,
      'UPDATE points_account SET redeemable = redeemable - ? WHERE id = ? AND redeemable >= ?',
      [left, accountId, left],
    );
    if (changed !== 1) throw new Error(`account ${accountId} has less than lot ${lotId} — ledger drift`);
    const account = await this.em.findOneOrFail(PointsAccount, accountId);
    const earlier = await this.em.count(PointsLedgerEntry, { idempotencyKey: { $like: `expire:lot:${lotId}:%` } });
    this.record(account, {
      type: LedgerEntryType.EXPIRE,
      track: PointsTrack.REDEEMABLE,
      amount: -left,
      source: `lot:${lotId}`,
      idempotencyKey: `expire:lot:${lotId}:${earlier + 1}`,
    });
    await this.em.flush();
    return left;
  }
}

/**
 * The bank's webhooks hear of redeemable points earned and expired (core/bank-notifications.ts),
 * in the entry's transaction. Spending is announced by orders with the order's confirmation
 * (POINTS_SPENT), where it is a row of an INSERT the purchase makes anyway. Entries written in bulk
 * (earning.service.ts) call it too.
 */
export function announceEntry(
  em: SqlEntityManager,
  account: Pick<PointsAccount, 'id' | 'bankId'> & { customerId?: number },
  spec: EntrySpec,
): void {
  if (spec.track !== PointsTrack.REDEEMABLE) return;
  const type: BankNotificationType | null =
    spec.type === LedgerEntryType.EARN
      ? 'POINTS_EARNED'
      : spec.type === LedgerEntryType.EXPIRE
        ? 'POINTS_EXPIRED'
        : null;
  if (!type) return;
  const key = createHash('sha256').update(spec.idempotencyKey).digest('hex').slice(0, 40);
  notifyBank(em, {
    type,
    bankId: account.bankId,
    key: `ledger:${key}`,
    occurredAt: spec.occurredAt ?? new Date(),
    data: {
      customerId: account.customerId == null ? null : String(account.customerId),
      pointsAccountId: String(account.id),
      points: Math.abs(spec.amount),
      source: spec.source,
      reason: spec.reason ?? null,
    },
  });
}
