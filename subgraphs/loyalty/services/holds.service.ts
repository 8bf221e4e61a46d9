import type { SqlEntityManager } from '@mikro-orm/knex';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AppError, badInput, conflict, notFound } from '../../../core/errors';
import { affectedRows, inTransaction, isMySql } from '../../../core/sql';
import { PointsAccount } from '../entities/points-account';
import { HoldState, PointsHold, PointsHoldAllocation } from '../entities/points-hold';
import { LedgerEntryType, PointsTrack } from '../entities/ledger-entry';
import { PointsLedger } from './ledger';

export interface HoldOutcome {
  orderId: string;
  state: HoldState;
  amount: number;
  refunded: number;
}

/** The first try at a hold met an earlier hold of the order, or a refusal a retry must not get. */
class MaybeHeldBefore extends Error {}

const outcome = (h: PointsHold): HoldOutcome => ({
  orderId: h.orderId,
  state: h.state,
  amount: h.amount,
  refunded: h.refunded,
});

/**
 * Checkout's use of points (service credential only). Each step is idempotent on the order id:
 * repeating a step returns the state it already reached and changes nothing.
 */
export class PointsHoldService {
  constructor(private readonly em: SqlEntityManager) {}

  async hold(orderId: string, bankId: number, customerId: number, amount: number): Promise<HoldOutcome> {
    if (!Number.isSafeInteger(amount) || amount <= 0)
      throw badInput('amount must be a positive whole number of points.');
    // The usual case is a first hold: made without looking for an earlier one first. The order's
    // unique keys (its ledger entry, its hold) catch a retry or a tombstone, and a refusal may be a
    // retry too: both roll back and the checked path below answers, as it always did.
    try {
      return await inTransaction(this.em, async (tx) => {
        try {
          return await this.makeHold(tx, orderId, bankId, customerId, amount);
        } catch (e) {
          if (
            e instanceof UniqueConstraintViolationException ||
            (e instanceof AppError && e.extensions.code === 'CONFLICT')
          )
            throw new MaybeHeldBefore();
          throw e;
        }
      });
    } catch (e) {
      if (!(e instanceof MaybeHeldBefore)) throw e;
    }
    return inTransaction(this.em, async (tx) => {
      const existing = await tx.findOne(PointsHold, { orderId });
      if (existing) {
        if (existing.accountId === 0) throw conflict(`Order ${orderId} was abandoned; its points cannot be held.`);
        if (existing.customerId !== customerId || existing.amount !== amount)
          throw conflict(`Order ${orderId} already holds ${existing.amount} points of another customer or amount.`);
        return outcome(existing);
      }
      return this.makeHold(tx, orderId, bankId, customerId, amount);
    });
  }

  /** Debits the customer's lots into held points and records the hold and where its points came from. */
  private async makeHold(
    tx: SqlEntityManager,
    orderId: string,
    bankId: number,
    customerId: number,
    amount: number,
  ): Promise<HoldOutcome> {
    const { accountId, consumed } = await new PointsLedger(tx).holdForCustomer(bankId, customerId, {
      type: LedgerEntryType.HOLD,
      track: PointsTrack.REDEEMABLE,
      amount: -amount,
      heldDelta: amount,
      source: `order:${orderId}`,
      idempotencyKey: `hold:${orderId}`,
    });
    // The ledger entry and the hold go in with one flush; the allocations, which name the hold, after it.
    const hold = tx.create(PointsHold, {
      orderId,
      accountId,
      bankId,
      customerId,
      amount,
      state: HoldState.HELD,
      refunded: 0,
      createdAt: new Date(),
    });
    await tx.persistAndFlush(hold);
    for (const c of consumed)
      tx.persist(tx.create(PointsHoldAllocation, { holdId: hold.id, lotId: c.lotId, amount: c.amount, returned: 0 }));
    await tx.flush();
    return outcome(hold);
  }

  async capture(orderId: string): Promise<HoldOutcome> {
    return inTransaction(this.em, async (tx) => {
      const spec = {
        type: LedgerEntryType.CAPTURE,
        track: PointsTrack.REDEEMABLE,
        amount: 0,
        source: `order:${orderId}`,
        idempotencyKey: `capture:${orderId}`,
      };
      if (isMySql(tx)) {
        // The usual case in three statements: the hold as it stands, one UPDATE of the hold and its
        // account together, the ledger entry. Anything else (a retry, a release first) is answered below.
        const row = await tx.findOne(PointsHold, { orderId });
        if (!row) throw notFound('Points hold for order', orderId);
        if (
          row.state === HoldState.HELD &&
          (await new PointsLedger(tx).captureHeld(row, { ...spec, heldDelta: -row.amount }))
        )
          return { ...outcome(row), state: HoldState.CAPTURED };
      }
      const hold = await this.transition(tx, orderId, HoldState.CAPTURED);
      if (hold.moved) {
        // The hold names its account and bank (the account's, checked when it was made): no read of the account.
        await new PointsLedger(tx).settleHeld(
          { id: hold.row.accountId, bankId: hold.row.bankId },
          { ...spec, heldDelta: -hold.row.amount },
          false,
        );
      }
      return outcome(hold.row);
    });
  }

  async release(orderId: string): Promise<HoldOutcome> {
    return inTransaction(this.em, async (tx) => {
      const hold = await this.transition(tx, orderId, HoldState.RELEASED);
      if (hold.moved) {
        const account = await tx.findOneOrFail(PointsAccount, hold.row.accountId);
        const ledger = new PointsLedger(tx);
        await ledger.lockAccount(account.id);
        const returns = await this.takeBack(tx, hold.row.id, hold.row.amount);
        await ledger.returnToLots(
          account,
          {
            type: LedgerEntryType.RELEASE,
            track: PointsTrack.REDEEMABLE,
            amount: hold.row.amount,
            heldDelta: -hold.row.amount,
            source: `order:${orderId}`,
            idempotencyKey: `release:${orderId}`,
          },
          returns,
        );
      }
      return outcome(hold.row);
    });
  }

  /**
   * Returns points of a captured order (after-sales). Idempotent on `refundId`; the total refunded
   * never exceeds what was captured. Points go back into the lots they were spent from.
   */
  async refund(orderId: string, amount: number, refundId: string): Promise<HoldOutcome> {
    if (!Number.isSafeInteger(amount) || amount <= 0)
      throw badInput('amount must be a positive whole number of points.');
    if (!refundId.trim()) throw badInput('refundId is required.');
    return inTransaction(this.em, async (tx) => {
      const ledger = new PointsLedger(tx);
      const key = `refund:${orderId}:${refundId}`;
      const hold = await tx.findOne(PointsHold, { orderId });
      if (!hold) throw notFound('Points hold for order', orderId);
      const previous = await ledger.findEntry(key);
      if (previous) {
        if (previous.amount !== amount)
          throw conflict(`Refund ${refundId} of order ${orderId} was already made for ${previous.amount} points.`);
        return outcome(hold);
      }
      const changed = await affectedRows(
        tx,
        "UPDATE points_hold SET refunded = refunded + ? WHERE order_id = ? AND state = 'CAPTURED' AND refunded + ? <= amount",
        [amount, orderId, amount],
      );
      if (changed !== 1) {
        throw conflict(
          hold.state !== HoldState.CAPTURED
            ? `Order ${orderId} points are ${hold.state}; only captured points can be refunded.`
            : `Refund exceeds the points paid: ${hold.amount - hold.refunded} left to refund.`,
        );
      }
      const account = await tx.findOneOrFail(PointsAccount, hold.accountId);
      await ledger.lockAccount(account.id);
      const returns = await this.takeBack(tx, hold.id, amount);
      await ledger.returnToLots(
        account,
        {
          type: LedgerEntryType.REFUND,
          track: PointsTrack.REDEEMABLE,
          amount,
          source: `order:${orderId}`,
          idempotencyKey: key,
        },
        returns,
      );
      const fresh = await tx.findOneOrFail(PointsHold, hold.id, { refresh: true });
      return outcome(fresh);
    });
  }

  /** HELD → target, by conditional UPDATE; `moved` says whether this call made the change. */
  private async transition(tx: SqlEntityManager, orderId: string, target: HoldState.CAPTURED | HoldState.RELEASED) {
    const moved = await affectedRows(
      tx,
      "UPDATE points_hold SET state = ?, settled_at = ? WHERE order_id = ? AND state = 'HELD'",
      [target, new Date(), orderId],
    );
    let row = await tx.findOne(PointsHold, { orderId }, { refresh: true });
    if (!row && target === HoldState.RELEASED) {
      // Releasing an order that never held points leaves a tombstone, so a hold arriving late (a
      // slow request racing the recovery sweep) cannot take points for an abandoned order.
      row = tx.create(PointsHold, {
        orderId,
        accountId: 0,
        bankId: 0,
        customerId: 0,
        amount: 0,
        state: HoldState.RELEASED,
        refunded: 0,
        createdAt: new Date(),
        settledAt: new Date(),
      });
      await tx.persistAndFlush(row);
      return { moved: false, row };
    }
    if (!row) throw notFound('Points hold for order', orderId);
    if (!moved && row.state !== target) throw conflict(`Order ${orderId} points are already ${row.state}.`);
    return { moved: moved === 1, row };
  }

  /** Marks up to `amount` of a hold's allocations as returned, latest-expiring lots last. */
  private async takeBack(
    tx: SqlEntityManager,
    holdId: number,
    amount: number,
  ): Promise<{ lotId: number; amount: number }[]> {
    const allocations = await tx.find(PointsHoldAllocation, { holdId }, { orderBy: { id: 'ASC' } });
    const returns: { lotId: number; amount: number }[] = [];
    let left = amount;
    for (const a of allocations) {
      if (left === 0) break;
      const give = Math.min(a.amount - a.returned, left);
      if (give <= 0) continue;
      const ok = await affectedRows(
        tx,
        'UPDATE points_hold_allocation SET returned = returned + ? WHERE id = ? AND returned + ? <= amount',
        [give, a.id, give],
      );
      if (ok !== 1) throw new Error(`allocation ${a.id} changed concurrently`);
      returns.push({ lotId: a.lotId, amount: give });
      left -= give;
    }
    if (left !== 0) throw new Error(`hold ${holdId}: cannot return ${amount} points to its lots`);
    return returns;
  }
}
