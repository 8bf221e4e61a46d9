import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict } from '../../../core/errors';
import { affectedRows, forUpdate, insertIgnoringDuplicates, selectRows, upsertAdding } from '../../../core/sql';
import { CampaignBudgetHoldState } from '../entities/campaign';
import { VoucherRedemptions } from './voucher.service';

/**
 * Campaign budgets: what the bank is willing to fund of a campaign, in fen.
 *
 * The unit of spend is the subsidy a customer gets, valued in fen: (listing base price − campaign
 * price) per unit, points valued at the bank's points per CNY (`campaignSubsidyFen`, rounded up),
 * times the quantity. One figure whatever the price modes, because that is what the bank pays for.
 *
 * When it is spent: at checkout, not at payment. Orders calls `reserve` as the first step of the
 * checkout saga, right after pricing, with a conditional `UPDATE campaign SET spent_fen = spent_fen
 * + ? WHERE … spent_fen + ? <= budget_fen`. Reserving at confirmation would be too late: the
 * customer was already promised the campaign price, so every order awaiting payment could push the
 * campaign past its budget (an unbounded overspend). Reserving at checkout means `spentFen` can
 * never pass `budgetFen`: of two concurrent checkouts for the last units, the one whose UPDATE runs
 * second fails (its order fails with CONFLICT, nothing charged) and the customer's next checkout is
 * priced without the campaign. The price of this is that orders awaiting payment count as spent
 * until they are paid, cancelled or time out (then `release` gives the subsidy back).
 *
 * Every call is idempotent: `reserve` and `release` on the order id (campaign_budget_hold, with a
 * RELEASED tombstone when a release comes first), `giveBack` on the refund's key.
 */
export interface BudgetLine {
  campaignId: number;
  listingId: number;
  quantity: number;
  unitSubsidyFen: number;
}

export const MAX_BUDGET_LINES = 100;

/**
 * Quota units of a benefit rule one order line uses (the QUOTA kind, see benefits.ts). Reserved with
 * the campaign budget in the same call and hold (one round trip per checkout): per (rule, customer,
 * period) a conditional `UPDATE benefit_quota_use SET used = used + n WHERE used + n <= quota`, so
 * concurrent checkouts never use one unit twice; released and given back with the order.
 */
export interface QuotaLine {
  ruleId: number;
  listingId: number;
  customerId: number;
  units: number;
  periodKey: string;
}

/** The voucher an order used and what it took off (see VoucherRedemptions): held with the rest. */
export interface VoucherLine {
  voucherId: number;
  customerId: number;
  discountFen: number;
}

export class CampaignBudgetService {
  constructor(private readonly em: SqlEntityManager) {}

  /**
   * Takes the order's subsidy from its campaigns' budgets, its quota units and its voucher's use and
   * discount, all or nothing (the request's transaction rolls back every part on any refusal).
   */
  async reserve(
    orderId: number,
    lines: BudgetLine[],
    quotas: QuotaLine[] = [],
    voucher: VoucherLine | null = null,
  ): Promise<CampaignBudgetHoldState> {
    checkLines(lines, quotas, voucher != null);
    const fresh = await insertIgnoringDuplicates(
      this.em,
      'campaign_budget_hold',
      [{ order_id: orderId, state: CampaignBudgetHoldState.RESERVED, created_at: new Date() }],
      ['order_id'],
    );
    if (fresh !== 1) return this.holdState(orderId); // a retry: RESERVED, or RELEASED (given back first)
    const byCampaign = new Map<number, { fen: number; units: number }>();
    for (const l of lines) {
      const c = byCampaign.get(l.campaignId) ?? { fen: 0, units: 0 };
      c.fen += l.unitSubsidyFen * l.quantity;
      c.units += l.quantity;
      byCampaign.set(l.campaignId, c);
    }
    // Ascending campaign ids, so two orders touching the same campaigns lock them in the same order.
    for (const [campaignId, { fen, units }] of [...byCampaign].sort((a, b) => a[0] - b[0])) {
      const ok = await affectedRows(
        this.em,
        'UPDATE campaign SET spent_fen = spent_fen + ?, units_sold = units_sold + ? WHERE id = ? AND (budget_fen IS NULL OR spent_fen + ? <= budget_fen)',
        [fen, units, campaignId, fen],
      );
      // The request's transaction rolls back the hold and any campaign already charged.
      if (ok !== 1)
        throw conflict(
          `Campaign ${campaignId} has run out of budget for these units; nothing was charged. Check out again: the listing is now at its usual price.`,
        );
    }
    await this.reserveQuotas(orderId, quotas);
    if (voucher)
      await new VoucherRedemptions(this.em).reserve(
        orderId,
        voucher.customerId,
        voucher.voucherId,
        voucher.discountFen,
      );
    if (lines.length)
      await insertIgnoringDuplicates(
        this.em,
        'campaign_spend',
        lines.map((l) => ({
          order_id: orderId,
          listing_id: l.listingId,
          campaign_id: l.campaignId,
          quantity: l.quantity,
          unit_subsidy_fen: l.unitSubsidyFen,
          returned_quantity: 0,
        })),
        ['order_id', 'listing_id'],
      );
    return CampaignBudgetHoldState.RESERVED;
  }

  /**
   * Gives back everything the order still holds (a failed, cancelled, timed-out or abandoned
   * order). With nothing reserved it leaves a RELEASED tombstone, so a late `reserve` is refused.
   */
  async release(orderId: number): Promise<CampaignBudgetHoldState> {
    const fresh = await insertIgnoringDuplicates(
      this.em,
      'campaign_budget_hold',
      [{ order_id: orderId, state: CampaignBudgetHoldState.RELEASED, created_at: new Date() }],
      ['order_id'],
    );
    if (fresh === 1) return CampaignBudgetHoldState.RELEASED;
    const moved = await affectedRows(
      this.em,
      'UPDATE campaign_budget_hold SET state = ? WHERE order_id = ? AND state = ?',
      [CampaignBudgetHoldState.RELEASED, orderId, CampaignBudgetHoldState.RESERVED],
    );
    if (moved !== 1) return CampaignBudgetHoldState.RELEASED; // released before
    const rows = await this.spendRows(orderId);
    await this.returnUnits(
      orderId,
      rows.map((r) => ({ ...r, units: r.quantity - r.returned_quantity })),
    );
    const quotaRows = await this.quotaRows(orderId);
    await this.returnQuota(
      orderId,
      quotaRows.map((r) => ({ ...r, back: r.units - r.returned_units })),
    );
    await new VoucherRedemptions(this.em).release(orderId);
    return CampaignBudgetHoldState.RELEASED;
  }

  /**
   * Gives back the subsidy and quota units of refunded units, and `voucherFen` (the refund's share
   * of the voucher discount, which orders works out) to the voucher's budget, once per `returnKey`.
   */
  async giveBack(
    orderId: number,
    returnKey: string,
    lines: { listingId: number; quantity: number }[],
    voucherFen = 0,
  ): Promise<void> {
    if (lines.length > MAX_BUDGET_LINES || returnKey.length < 1 || returnKey.length > 100)
      throw badInput('A give-back names its key (1–100 characters) and at most 100 lines.', [
        { field: 'lines', message: `at most ${MAX_BUDGET_LINES}` },
      ]);
    const fresh = await insertIgnoringDuplicates(
      this.em,
      'campaign_budget_return',
      [{ return_key: returnKey, order_id: orderId }],
      ['return_key'],
    );
    if (fresh !== 1) return;
    if (voucherFen > 0) await new VoucherRedemptions(this.em).giveBack(orderId, returnKey, voucherFen);
    const wanted = new Map(lines.map((l) => [l.listingId, l.quantity]));
    const rows = await this.spendRows(orderId);
    // A line already released with the whole order has nothing left to give back.
    await this.returnUnits(
      orderId,
      rows.map((r) => ({
        ...r,
        units: Math.min(wanted.get(Number(r.listing_id)) ?? 0, r.quantity - r.returned_quantity),
      })),
    );
    // Refunded units give their quota back first (a refunded free pass returns the pass).
    const quotaRows = await this.quotaRows(orderId);
    await this.returnQuota(
      orderId,
      quotaRows.map((r) => ({ ...r, back: Math.min(wanted.get(r.listing_id) ?? 0, r.units - r.returned_units) })),
    );
  }

  private async reserveQuotas(orderId: number, quotas: QuotaLine[]): Promise<void> {
    if (!quotas.length) return;
    const byCounter = new Map<string, { q: QuotaLine; units: number }>();
    for (const q of quotas) {
      const key = `${q.ruleId}:${q.customerId}:${q.periodKey}`;
      const c = byCounter.get(key) ?? { q, units: 0 };
      c.units += q.units;
      byCounter.set(key, c);
    }
    const counters = [...byCounter.values()].sort((a, b) => a.q.ruleId - b.q.ruleId);
    // Creates missing counters and takes each counter's exclusive lock at once (an INSERT IGNORE would
    // take a shared lock first, and concurrent checkouts upgrading it deadlock); then the guard.
    await upsertAdding(
      this.em,
      'benefit_quota_use',
      counters.map(({ q }) => ({ rule_id: q.ruleId, customer_id: q.customerId, period_key: q.periodKey, used: 0 })),
      ['rule_id', 'customer_id', 'period_key'],
      ['used'],
    );
    for (const { q, units } of counters) {
      const ok = await affectedRows(
        this.em,
        'UPDATE benefit_quota_use SET used = used + ? WHERE rule_id = ? AND customer_id = ? AND period_key = ? AND used + ? <= (SELECT quota_units FROM benefit_rule WHERE id = ?)',
        [units, q.ruleId, q.customerId, q.periodKey, units, q.ruleId],
      );
      if (ok !== 1)
        throw conflict(
          `The quota of benefit rule ${q.ruleId} for ${q.periodKey} is used up; nothing was charged. Check out again: the items are now at their usual price.`,
        );
    }
    await insertIgnoringDuplicates(
      this.em,
      'benefit_quota_spend',
      quotas.map((q) => ({
        order_id: orderId,
        listing_id: q.listingId,
        rule_id: q.ruleId,
        customer_id: q.customerId,
        period_key: q.periodKey,
        units: q.units,
        returned_units: 0,
      })),
      ['order_id', 'listing_id'],
    );
  }

  private async quotaRows(orderId: number) {
    const rows = await selectRows<Record<string, unknown>>(
      this.em,
      `SELECT listing_id, rule_id, customer_id, period_key, units, returned_units FROM benefit_quota_spend WHERE order_id = ? ORDER BY listing_id${forUpdate(this.em)}`,
      [orderId],
    );
    return rows.map((r) => ({
      listing_id: Number(r.listing_id),
      rule_id: Number(r.rule_id),
      customer_id: Number(r.customer_id),
      period_key: String(r.period_key),
      units: Number(r.units),
      returned_units: Number(r.returned_units),
    }));
  }

  private async returnQuota(
    orderId: number,
    rows: { listing_id: number; rule_id: number; customer_id: number; period_key: string; back: number }[],
  ): Promise<void> {
    for (const r of rows) {
      if (r.back <= 0) continue;
      await affectedRows(
        this.em,
        'UPDATE benefit_quota_spend SET returned_units = returned_units + ? WHERE order_id = ? AND listing_id = ?',
        [r.back, orderId, r.listing_id],
      );
      await affectedRows(
        this.em,
        'UPDATE benefit_quota_use SET used = used - ? WHERE rule_id = ? AND customer_id = ? AND period_key = ? AND used >= ?',
        [r.back, r.rule_id, r.customer_id, r.period_key, r.back],
      );
    }
  }

  private async holdState(orderId: number): Promise<CampaignBudgetHoldState> {
    const [row] = await selectRows<{ state: CampaignBudgetHoldState }>(
      this.em,
      'SELECT state FROM campaign_budget_hold WHERE order_id = ?',
      [orderId],
    );
    return row!.state;
  }

  /** The order's spend rows, locked: release and give-back of one order run one at a time. */
  private async spendRows(orderId: number) {
    const rows = await selectRows<{
      listing_id: number;
      campaign_id: number;
      quantity: number;
      unit_subsidy_fen: number;
      returned_quantity: number;
    }>(
      this.em,
      `SELECT listing_id, campaign_id, quantity, unit_subsidy_fen, returned_quantity FROM campaign_spend WHERE order_id = ? ORDER BY listing_id${forUpdate(this.em)}`,
      [orderId],
    );
    return rows.map((r) => ({
      listing_id: Number(r.listing_id),
      campaign_id: Number(r.campaign_id),
      quantity: Number(r.quantity),
      unit_subsidy_fen: Number(r.unit_subsidy_fen),
      returned_quantity: Number(r.returned_quantity),
    }));
  }

  private async returnUnits(
    orderId: number,
    rows: { listing_id: number; campaign_id: number; unit_subsidy_fen: number; units: number }[],
  ): Promise<void> {
    const byCampaign = new Map<number, { fen: number; units: number }>();
    for (const r of rows) {
      if (r.units <= 0) continue;
      await affectedRows(
        this.em,
        'UPDATE campaign_spend SET returned_quantity = returned_quantity + ? WHERE order_id = ? AND listing_id = ?',
        [r.units, orderId, r.listing_id],
      );
      const c = byCampaign.get(r.campaign_id) ?? { fen: 0, units: 0 };
      c.fen += r.unit_subsidy_fen * r.units;
      c.units += r.units;
      byCampaign.set(r.campaign_id, c);
    }
    for (const [campaignId, { fen, units }] of [...byCampaign].sort((a, b) => a[0] - b[0]))
      await affectedRows(
        this.em,
        'UPDATE campaign SET spent_fen = spent_fen - ?, units_sold = units_sold - ? WHERE id = ? AND spent_fen >= ? AND units_sold >= ?',
        [fen, units, campaignId, fen, units],
      );
  }
}

function checkLines(lines: BudgetLine[], quotas: QuotaLine[], withVoucher: boolean): void {
  const badQuota =
    quotas.length > MAX_BUDGET_LINES ||
    quotas.some(
      (q) =>
        !Number.isInteger(q.units) ||
        q.units < 1 ||
        q.units > 999 ||
        !/^\d{4}(-\d{2}|-Q[1-4])?$/.test(q.periodKey) ||
        !Number.isSafeInteger(q.customerId) ||
        q.customerId < 1,
    );
  if (badQuota)
    throw badInput(`Give at most ${MAX_BUDGET_LINES} quota lines with 1–999 units, a customer and a period key.`, [
      { field: 'quotas', message: 'not valid' },
    ]);
  const bad =
    lines.length + quotas.length + (withVoucher ? 1 : 0) < 1 ||
    lines.length > MAX_BUDGET_LINES ||
    lines.some(
      (l) =>
        !Number.isSafeInteger(l.campaignId) ||
        !Number.isSafeInteger(l.listingId) ||
        !Number.isInteger(l.quantity) ||
        l.quantity < 1 ||
        l.quantity > 999 ||
        !Number.isSafeInteger(l.unitSubsidyFen) ||
        l.unitSubsidyFen < 0 ||
        l.unitSubsidyFen > 2_000_000_000,
    );
  if (bad)
    throw badInput(`Give 1 to ${MAX_BUDGET_LINES} campaign lines with whole quantities and subsidies.`, [
      { field: 'lines', message: 'not valid' },
    ]);
}
