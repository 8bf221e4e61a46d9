import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, notFound, type FieldProblem } from '../../../core/errors';
import { requireStaffPermission, type Principal } from '../../../core/identity';
import {
  decodeCursor,
  keysetAfter,
  orderByOf,
  pageSize,
  toConnection,
  type Connection,
  type SortKey,
} from '../../../core/pagination';
import { affectedRows, forUpdate, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import { Segment } from '../entities/segment';
import { Tier } from '../entities/tier';
import { Customer } from '../entities/customer';
import { BenefitFunding } from '../entities/benefit-rule';
import { Voucher, VoucherKind, VoucherRedemptionState, VoucherState } from '../entities/voucher';
export { voucherDiscountFen, type VoucherTerms } from './benefits';
import { actingBankId, CAMPAIGNS, CURATOR_ROLES, findOwned, idOf } from './access';

/** The largest budget one voucher may have, in fen (100 million CNY). */
export const MAX_VOUCHER_BUDGET_FEN = 10_000_000_000;
/** The most a voucher can take off one order, in fen (1 million CNY). */
export const MAX_VOUCHER_DISCOUNT_FEN = 100_000_000;
export const MAX_VOUCHER_USES_PER_CUSTOMER = 100;
/** The longest a voucher may run: a year and a day. */
const MAX_WINDOW_MS = 366 * 86_400_000;
const VOUCHER_ORDER: SortKey[] = [{ field: 'id', direction: 'DESC' }];

export interface IssueVoucherInput {
  bankId?: string | null;
  name: string;
  kind: VoucherKind;
  amountOffFen?: number | null;
  percentOffBp?: number | null;
  capFen?: number | null;
  minSpendFen: number;
  startsAt: Date;
  endsAt: Date;
  perCustomerLimit: number;
  budgetFen: number;
  fundedBy: BenefitFunding;
  bankShareBp?: number | null;
  tierId?: string | null;
  segmentId?: string | null;
  customerId?: string | null;
}

/** A voucher a customer may use now, and how many more times. */
export interface CustomerVoucherRow {
  voucher: Voucher;
  usesLeft: number;
}

/**
 * Vouchers a bank issues (bank staff with RUN_CAMPAIGNS, the platform with MANAGE_TENANTS) and the
 * vouchers a customer holds. Issuing is one row, however large the audience; the budget and each
 * customer's uses are consumed by VoucherRedemptions with conditional UPDATEs.
 */
export class VoucherService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
  ) {}

  async issue(input: IssueVoucherInput, now = new Date()): Promise<Voucher> {
    const bankId = actingBankId(this.principal, input.bankId, CURATOR_ROLES, CAMPAIGNS);
    const problems: FieldProblem[] = [];
    const name = input.name.trim();
    if (name.length < 1 || name.length > 100) problems.push({ field: 'name', message: '1 to 100 characters' });
    let value: number;
    let capFen: number | null = null;
    if (input.kind === VoucherKind.AMOUNT_OFF) {
      value = input.amountOffFen ?? 0;
      if (!Number.isSafeInteger(value) || value < 1 || value > MAX_VOUCHER_DISCOUNT_FEN)
        problems.push({ field: 'amountOffFen', message: `AMOUNT_OFF needs 1 to ${MAX_VOUCHER_DISCOUNT_FEN} fen` });
      if (input.percentOffBp != null || input.capFen != null)
        problems.push({ field: 'percentOffBp', message: 'only for PERCENT_OFF (with capFen)' });
    } else {
      value = input.percentOffBp ?? 0;
      if (!Number.isInteger(value) || value < 1 || value > 10000)
        problems.push({ field: 'percentOffBp', message: 'PERCENT_OFF needs 1 to 10000 basis points' });
      capFen = input.capFen ?? null;
      if (capFen !== null && (!Number.isSafeInteger(capFen) || capFen < 1 || capFen > MAX_VOUCHER_DISCOUNT_FEN))
        problems.push({ field: 'capFen', message: `1 to ${MAX_VOUCHER_DISCOUNT_FEN} fen, or omit for no cap` });
      if (input.amountOffFen != null) problems.push({ field: 'amountOffFen', message: 'only for AMOUNT_OFF' });
    }
    if (!Number.isSafeInteger(input.minSpendFen) || input.minSpendFen < 0 || input.minSpendFen > MAX_VOUCHER_BUDGET_FEN)
      problems.push({ field: 'minSpendFen', message: `0 to ${MAX_VOUCHER_BUDGET_FEN} fen` });
    if (input.kind === VoucherKind.AMOUNT_OFF && value > 0 && input.minSpendFen > 0 && value > input.minSpendFen)
      problems.push({ field: 'amountOffFen', message: 'may not exceed the minimum spend' });
    if (!(input.endsAt > input.startsAt)) problems.push({ field: 'endsAt', message: 'must be after startsAt' });
    else if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_WINDOW_MS)
      problems.push({ field: 'endsAt', message: 'a voucher runs at most 366 days' });
    if (!(input.endsAt > now)) problems.push({ field: 'endsAt', message: 'is already past' });
    if (
      !Number.isInteger(input.perCustomerLimit) ||
      input.perCustomerLimit < 1 ||
      input.perCustomerLimit > MAX_VOUCHER_USES_PER_CUSTOMER
    )
      problems.push({ field: 'perCustomerLimit', message: `1 to ${MAX_VOUCHER_USES_PER_CUSTOMER}` });
    if (!Number.isSafeInteger(input.budgetFen) || input.budgetFen < 1 || input.budgetFen > MAX_VOUCHER_BUDGET_FEN)
      problems.push({ field: 'budgetFen', message: `1 to ${MAX_VOUCHER_BUDGET_FEN} fen` });
    const bankShareBp =
      input.fundedBy === BenefitFunding.BANK
        ? 10000
        : input.fundedBy === BenefitFunding.SUPPLIER
          ? 0
          : input.bankShareBp;
    if (input.fundedBy === BenefitFunding.SHARED) {
      if (bankShareBp == null || !Number.isInteger(bankShareBp) || bankShareBp < 1 || bankShareBp > 9999)
        problems.push({ field: 'bankShareBp', message: "SHARED needs the bank's share, 1 to 9999 basis points" });
    } else if (input.bankShareBp != null) problems.push({ field: 'bankShareBp', message: 'only for SHARED' });
    const audience = [input.tierId, input.segmentId, input.customerId].filter((a) => a != null);
    if (audience.length !== 1)
      problems.push({ field: 'tierId', message: 'give exactly one of tierId, segmentId or customerId' });
    if (problems.length)
      throw badInput(
        `The voucher is not valid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`,
        problems,
      );

    // The audience must be the bank's own: another bank's tier, segment or customer is NOT_FOUND.
    let tierId: number | null = null;
    let segmentId: number | null = null;
    let customerId: number | null = null;
    if (input.tierId != null) {
      tierId = idOf('Tier', input.tierId);
      const t = await this.em.findOne(Tier, { id: tierId }, { fields: ['bankId'] });
      if (!t || t.bankId !== bankId) throw notFound('Tier', input.tierId);
    } else if (input.segmentId != null) {
      segmentId = idOf('Segment', input.segmentId);
      const s = await this.em.findOne(Segment, { id: segmentId }, { fields: ['bankId'] });
      if (!s || s.bankId !== bankId) throw notFound('Segment', input.segmentId);
    } else {
      customerId = idOf('Customer', input.customerId!);
      const c = await this.em.findOne(Customer, { id: customerId }, { fields: ['bankId'] });
      if (!c || c.bankId !== bankId) throw notFound('Customer', input.customerId!);
    }
    const voucher = this.em.create(Voucher, {
      bankId,
      name,
      kind: input.kind,
      value,
      capFen,
      minSpendFen: input.minSpendFen,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      perCustomerLimit: input.perCustomerLimit,
      tierId,
      segmentId,
      customerId,
      budgetFen: input.budgetFen,
      fundedBy: input.fundedBy,
      bankShareBp: bankShareBp!,
    });
    await this.em.persistAndFlush(voucher);
    return voucher;
  }

  /** ACTIVE → STOPPED: no new order may use it; orders made keep their discount. */
  async stop(voucherId: string, now = new Date()): Promise<Voucher> {
    requireStaffPermission(this.principal, CAMPAIGNS);
    const voucher = await this.own(voucherId);
    if (voucher.state === VoucherState.STOPPED) return voucher;
    await this.em.nativeUpdate(Voucher, { id: voucher.id }, { state: VoucherState.STOPPED, updatedAt: now });
    voucher.state = VoucherState.STOPPED;
    voucher.updatedAt = now;
    return voucher;
  }

  /** A voucher of the caller's bank (staff; another bank's is NOT_FOUND). */
  own(voucherId: string): Promise<Voucher> {
    return findOwned(this.em, Voucher, this.principal, 'Voucher', voucherId);
  }

  /** The bank's vouchers, newest first, by keyset pages. */
  async ofBank(bankIdArg: string | null | undefined, first?: number | null, after?: string | null) {
    const bankId = actingBankId(this.principal, bankIdArg, CURATOR_ROLES);
    const limit = pageSize(first);
    const where: Record<string, unknown>[] = [{ bankId }];
    if (after) where.push(keysetAfter(VOUCHER_ORDER, decodeCursor(after, 1)));
    const rows = await this.em.find(Voucher, { $and: where } as never, {
      orderBy: orderByOf(VOUCHER_ORDER),
      limit: limit + 1,
    });
    return toConnection(rows, limit, (v) => [v.id], Boolean(after)) as Connection<Voucher>;
  }
}

/**
 * The vouchers each of these customers may use at `now`, in one statement: ACTIVE, inside their
 * window, with budget left, addressed to the customer, their tier or one of their segments, and
 * uses left. For the customer's own list and for checkout (which re-checks in the reservation).
 */
export async function usableVouchers(
  em: SqlEntityManager,
  customerIds: number[],
  now: Date,
  voucherId?: number,
): Promise<Map<number, CustomerVoucherRow[]>> {
  const out = new Map<number, CustomerVoucherRow[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return out;
  const marks = customerIds.map(() => '?').join(',');
  const at = em.getPlatform().processDateProperty(now);
  const rows = await selectRows<Record<string, unknown>>(
    em,
    `SELECT c.id AS holder, COALESCE(u.used, 0) AS used, v.*
     FROM customer c
     JOIN voucher v ON v.bank_id = c.bank_id AND v.state = 'ACTIVE' AND v.starts_at <= ? AND v.ends_at > ?
       AND v.spent_fen < v.budget_fen
       AND (v.customer_id = c.id OR v.tier_id = c.tier_id
            OR v.segment_id IN (SELECT cs.segment_id FROM customer_segment cs WHERE cs.customer_id = c.id))
     LEFT JOIN voucher_use u ON u.voucher_id = v.id AND u.customer_id = c.id
     WHERE c.id IN (${marks})${voucherId ? ' AND v.id = ?' : ''}
     ORDER BY c.id, v.ends_at, v.id`,
    [at, at, ...customerIds, ...(voucherId ? [voucherId] : [])],
  );
  for (const r of rows) {
    const usesLeft = Number(r.per_customer_limit) - Number(r.used);
    if (usesLeft <= 0) continue;
    const voucher = em.map(Voucher, r);
    out.get(Number(r.holder))!.push({ voucher, usesLeft });
  }
  return out;
}

/**
 * An order's use of a voucher, for the orders saga (SERVICE only): reserved with the order,
 * released when it fails or is cancelled, given back in part by refunds. Each is idempotent on the
 * order id (or the refund's key). Reserving takes one of the customer's uses and the discount from
 * the budget with conditional UPDATEs, so of concurrent orders the budget is never overspent and
 * no customer passes their limit: an order that finds either gone fails with CONFLICT, nothing held.
 */
export class VoucherRedemptions {
  constructor(private readonly em: SqlEntityManager) {}

  async reserve(
    orderId: number,
    customerId: number,
    voucherId: number,
    discountFen: number,
    now = new Date(),
  ): Promise<VoucherRedemptionState> {
    if (!Number.isSafeInteger(discountFen) || discountFen < 1 || discountFen > MAX_VOUCHER_DISCOUNT_FEN)
      throw badInput(`A voucher discount is 1 to ${MAX_VOUCHER_DISCOUNT_FEN} fen.`, [
        { field: 'discountFen', message: 'out of range' },
      ]);
    const fresh = await insertIgnoringDuplicates(
      this.em,
      'voucher_redemption',
      [
        {
          order_id: orderId,
          voucher_id: voucherId,
          customer_id: customerId,
          discount_fen: discountFen,
          returned_fen: 0,
          state: VoucherRedemptionState.RESERVED,
          created_at: now,
        },
      ],
      ['order_id'],
    );
    if (fresh !== 1) {
      const [row] = await selectRows<{ state: VoucherRedemptionState }>(
        this.em,
        'SELECT state FROM voucher_redemption WHERE order_id = ?',
        [orderId],
      );
      return row!.state; // a retry (RESERVED) or a release that came first (RELEASED)
    }
    // The voucher's row first: its exclusive lock orders concurrent reservations of one voucher, so
    // the use counter below (whose UPDATE reads the limit from this row) never deadlocks against it.
    const at = this.em.getPlatform().processDateProperty(now);
    const taken = await affectedRows(
      this.em,
      `UPDATE voucher SET spent_fen = spent_fen + ?, used_count = used_count + 1
       WHERE id = ? AND state = 'ACTIVE' AND starts_at <= ? AND ends_at > ? AND spent_fen + ? <= budget_fen`,
      [discountFen, voucherId, at, at, discountFen],
    );
    // The request's transaction rolls back the redemption (and the use) on either refusal.
    if (taken !== 1)
      throw conflict(
        `Voucher ${voucherId} has run out of budget or is no longer usable; nothing was charged. Check out again without it.`,
      );
    await insertIgnoringDuplicates(
      this.em,
      'voucher_use',
      [{ voucher_id: voucherId, customer_id: customerId, used: 0 }],
      ['voucher_id', 'customer_id'],
    );
    const used = await affectedRows(
      this.em,
      `UPDATE voucher_use SET used = used + 1
       WHERE voucher_id = ? AND customer_id = ? AND used < (SELECT v.per_customer_limit FROM voucher v WHERE v.id = ?)`,
      [voucherId, customerId, voucherId],
    );
    if (used !== 1) throw conflict(`Voucher ${voucherId} has no uses left for this customer; nothing was charged.`);
    return VoucherRedemptionState.RESERVED;
  }

  /** Gives the use and what is left of the discount back (failed or cancelled order); a tombstone when none. */
  async release(orderId: number, now = new Date()): Promise<VoucherRedemptionState> {
    const fresh = await insertIgnoringDuplicates(
      this.em,
      'voucher_redemption',
      [
        {
          order_id: orderId,
          discount_fen: 0,
          returned_fen: 0,
          state: VoucherRedemptionState.RELEASED,
          created_at: now,
        },
      ],
      ['order_id'],
    );
    if (fresh === 1) return VoucherRedemptionState.RELEASED;
    const row = await this.locked(orderId);
    if (!row || row.state === VoucherRedemptionState.RELEASED || row.voucher_id == null)
      return VoucherRedemptionState.RELEASED;
    await affectedRows(this.em, 'UPDATE voucher_redemption SET state = ? WHERE order_id = ?', [
      VoucherRedemptionState.RELEASED,
      orderId,
    ]);
    const left = row.discount_fen - row.returned_fen;
    await affectedRows(
      this.em,
      'UPDATE voucher SET spent_fen = spent_fen - ?, used_count = used_count - 1 WHERE id = ? AND spent_fen >= ? AND used_count >= 1',
      [left, row.voucher_id, left],
    );
    await affectedRows(
      this.em,
      'UPDATE voucher_use SET used = used - 1 WHERE voucher_id = ? AND customer_id = ? AND used >= 1',
      [row.voucher_id, row.customer_id],
    );
    return VoucherRedemptionState.RELEASED;
  }

  /**
   * A refund's share of the discount back to the budget, once per `returnKey`, never more than the
   * order took. The use stays used: the order stands.
   */
  async giveBack(orderId: number, returnKey: string, fen: number): Promise<void> {
    if (returnKey.length < 1 || returnKey.length > 100 || !Number.isSafeInteger(fen) || fen < 0)
      throw badInput('A give-back names its key (1–100 characters) and whole fen.', [
        { field: 'fen', message: 'not valid' },
      ]);
    const fresh = await insertIgnoringDuplicates(
      this.em,
      'voucher_return',
      [{ return_key: returnKey, order_id: orderId }],
      ['return_key'],
    );
    if (fresh !== 1) return;
    const row = await this.locked(orderId);
    if (!row || row.state !== VoucherRedemptionState.RESERVED || row.voucher_id == null) return;
    const back = Math.min(fen, row.discount_fen - row.returned_fen);
    if (back <= 0) return;
    await affectedRows(this.em, 'UPDATE voucher_redemption SET returned_fen = returned_fen + ? WHERE order_id = ?', [
      back,
      orderId,
    ]);
    await affectedRows(this.em, 'UPDATE voucher SET spent_fen = spent_fen - ? WHERE id = ? AND spent_fen >= ?', [
      back,
      row.voucher_id,
      back,
    ]);
  }

  private async locked(orderId: number) {
    const [row] = await selectRows<{
      voucher_id: number | null;
      customer_id: number | null;
      discount_fen: number;
      returned_fen: number;
      state: VoucherRedemptionState;
    }>(
      this.em,
      `SELECT voucher_id, customer_id, discount_fen, returned_fen, state FROM voucher_redemption WHERE order_id = ?${forUpdate(this.em)}`,
      [orderId],
    );
    return row
      ? {
          ...row,
          voucher_id: row.voucher_id == null ? null : Number(row.voucher_id),
          customer_id: row.customer_id == null ? null : Number(row.customer_id),
          discount_fen: Number(row.discount_fen),
          returned_fen: Number(row.returned_fen),
        }
      : null;
  }
}
