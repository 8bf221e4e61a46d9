import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, notFound, type FieldProblem } from '../../../core/errors';
import { placeholders, selectRows } from '../../../core/sql';
import { PriceMode } from '../entities/listing';
import { idOf } from './access';
import { bestCampaignPrices, campaignPriceSql, eligibilitySql } from './eligibility';
import { campaignSubsidyFen, type Price } from './pricing';
import {
  applyBenefits,
  periodKeyOf,
  voucherDiscountFen,
  type LineDiscount,
  type LiveRule,
  type VoucherOffer,
} from './benefits';
import { usableVouchers } from './voucher.service';
import { BenefitFunding, BenefitKind, QuotaPeriod, ThresholdBasis } from '../entities/benefit-rule';
import { campaignBeats, priceBeforeCampaign } from './tier-pricing';
import { assertFreePerksWithinQuota } from './free-perks';

export const MAX_CHECKOUT_LINES = 100;
export const MAX_LINE_QUANTITY = 999;

/** The most vouchers a checkout preview prices against the basket (the best ones). */
const MAX_VOUCHER_OPTIONS = 50;

/** ¥12.34 from fen, for messages. */
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

export interface QuoteLine {
  listingId: number;
  skuId: number;
  quantity: number;
  priceMode: PriceMode;
  unitPoints: number;
  unitFen: number;
  purchaseLimitPerCustomer: number | null;
  campaignId: number | null;
  /** What one unit at the campaign price takes from the campaign's budget, in fen (0 without one). */
  campaignSubsidyFen: number;
  /** The supplier's share of the whole line's campaign subsidy (co-funding), fen rounded down; 0 without one. */
  campaignSupplierFundedFen: number;
  /** The customer's tier whose own price applied (null: base price, or a campaign price beat it). */
  tierId: number | null;
  /** Benefit discounts on the whole line (quota, threshold share, percent share): fen and points. */
  discountFen: number;
  discountPoints: number;
  discounts: (LineDiscount & { listingId: number })[];
  /** The QUOTA rule whose units this line uses (null: none), how many, and in which period. */
  quotaRuleId: number | null;
  quotaUnits: number;
  quotaPeriodKey: string | null;
}

export interface QuoteDiscount {
  source: string;
  ruleId: number;
  fen: number;
  points: number;
  fundedBy: BenefitFunding;
  bankShareBp: number;
}

export interface Quote {
  mallId: number;
  customerId: number;
  bankId: number;
  pointsPerYuan: number;
  maxPointsShareBp: number;
  /** The bank's IANA time zone; orders buckets this order's report days and settlement month in it. */
  timeZone: string;
  /** The customer's tier now (null: none); orders reports sales by it. */
  tierId: number | null;
  pricedAt: Date;
  lines: QuoteLine[];
  totalPoints: number;
  totalFen: number;
  /** The discounts of the order, one per source and rule (the lines' shares summed). */
  discounts: QuoteDiscount[];
  /** A live FREE_SHIPPING rule applies: orders charges no shipping fee. */
  freeShipping: boolean;
  /** The voucher the customer picked (null: none) and what it took off, in fen. */
  voucherId: number | null;
  voucherDiscountFen: number;
  /** When asked for: each voucher the customer may use now and what it would take off this basket. */
  voucherOptions: VoucherOption[];
}

export interface VoucherOption {
  voucherId: number;
  name: string;
  /** 0: the basket's cash after other discounts is below minSpendFen. */
  discountFen: number;
  minSpendFen: number;
  usesLeft: number;
  endsAt: Date;
}

/**
 * Prices a checkout for the orders saga, at `now`, with exactly the rules customers browse by:
 * each listing in this mall, of the customer's bank, ACTIVE, inside its schedule, visible to the
 * customer's tier and segments. The price order (subgraphs/tenants/services/tier-pricing.ts): the
 * customer's tier price where the listing has one, else the base price; then a live campaign's
 * price only where it is cheaper than that, its subsidy measured against it. A line that fails any of this is
 * BAD_USER_INPUT naming the listing (by line index); nothing is priced partially.
 */
export class CheckoutService {
  constructor(private readonly em: EntityManager) {}

  async quote(
    mallId: string,
    customerId: string,
    lines: { listingId: string; quantity: number }[],
    now = new Date(),
    voucherId: string | null = null,
    withVoucherOptions = false,
  ): Promise<Quote> {
    if (lines.length === 0 || lines.length > MAX_CHECKOUT_LINES)
      throw badInput(`Give 1 to ${MAX_CHECKOUT_LINES} lines.`, [
        { field: 'lines', message: `1–${MAX_CHECKOUT_LINES}` },
      ]);
    const mallKey = idOf('Mall', mallId);
    const customerKey = idOf('Customer', customerId);
    const sql = this.em as SqlEntityManager;
    // The mall's bank, the customer and their segments in one statement (the customer must be of that bank).
    const [who] = await selectRows<{
      bank_id: number;
      points_per_yuan: number;
      max_points_share_bp: number;
      time_zone: string;
      customer_id: number | null;
      customer_bank_id: number | null;
      tier_id: number | null;
      segment_ids: string | null;
      benefit_rules: number | string;
    }>(
      sql,
      `SELECT b.id AS bank_id, b.points_per_yuan, b.max_points_share_bp, b.time_zone,
              c.id AS customer_id, c.bank_id AS customer_bank_id, c.tier_id,
              (SELECT GROUP_CONCAT(cs.segment_id) FROM customer_segment cs WHERE cs.customer_id = c.id) AS segment_ids,
              (SELECT COUNT(*) FROM benefit_rule r WHERE r.bank_id = b.id AND r.enabled = 1
                 AND (r.ends_at IS NULL OR r.ends_at > ?)) AS benefit_rules
       FROM mall m JOIN bank b ON b.id = m.bank_id LEFT JOIN customer c ON c.id = ?
       WHERE m.id = ?`,
      [this.em.getPlatform().processDateProperty(now), customerKey, mallKey],
    );
    if (!who) throw notFound('Mall', mallId);
    const bankId = Number(who.bank_id);
    if (who.customer_id == null || Number(who.customer_bank_id) !== bankId) throw notFound('Customer', customerId);
    const tierId = who.tier_id == null ? null : Number(who.tier_id);
    const segmentIds = who.segment_ids ? String(who.segment_ids).split(',').map(Number) : [];

    const problems: FieldProblem[] = [];
    const seen = new Map<number, number>();
    lines.forEach((line, index) => {
      const id = Number(line.listingId);
      if (!Number.isSafeInteger(id) || id < 1)
        problems.push({ index, field: 'listingId', message: `Listing ${line.listingId} does not exist.` });
      else if (seen.has(id))
        problems.push({
          index,
          field: 'listingId',
          message: `Listing ${id} repeats line ${seen.get(id)}; merge the quantities.`,
        });
      else seen.set(id, index);
      if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_LINE_QUANTITY)
        problems.push({ index, field: 'quantity', message: `must be 1 to ${MAX_LINE_QUANTITY}.` });
    });
    if (problems.length) throw badInput('The checkout lines are not valid.', problems);

    // The eligible listings (the rules customers browse by) with the customer's tier price and every
    // live campaign price that applies to each, in one statement: one row per listing and campaign.
    const ids = [...seen.keys()];
    const rule = eligibilitySql(
      { kind: 'SHOPPER', customerId: Number(who.customer_id), tierId, segmentIds },
      now,
      this.em.getPlatform(),
    );
    const campaigns = campaignPriceSql(ids, segmentIds, tierId, now, this.em.getPlatform());
    const rows = await selectRows<Record<string, unknown>>(
      sql,
      `SELECT l.id, l.sku_id, l.price_mode, l.price_points, l.price_fen, l.purchase_limit_per_customer,
              tp.tier_id AS t_tier_id, tp.price_mode AS t_price_mode, tp.price_points AS t_price_points,
              tp.price_fen AS t_price_fen,
              cp.listing_id, cp.campaign_id, cp.price_mode AS c_price_mode, cp.price_points AS c_price_points,
              cp.price_fen AS c_price_fen, cp.points_per_yuan, cp.budget_left_fen, cp.supplier_share_bp
       FROM listing l
       LEFT JOIN listing_tier_price tp ON tp.listing_id = l.id AND tp.tier_id = ?
       LEFT JOIN (${campaigns.sql}) cp ON cp.listing_id = l.id
       WHERE l.id IN (${placeholders(ids.length)}) AND l.mall_id = ? AND l.bank_id = ? AND ${rule.sql}`,
      [tierId ?? 0, ...campaigns.params, ...ids, mallKey, bankId, ...rule.params],
    );
    const eligible = new Map<
      number,
      {
        id: number;
        skuId: number;
        priceMode: PriceMode;
        pricePoints: number;
        priceFen: number;
        purchaseLimitPerCustomer: number | null;
        /** What the customer pays before campaigns: their tier price, else the base price. */
        before: Price;
        tierId: number | null;
      }
    >();
    const ppy = Number(who.points_per_yuan);
    for (const r of rows) {
      const listing = {
        priceMode: r.price_mode as PriceMode,
        pricePoints: Number(r.price_points),
        priceFen: Number(r.price_fen),
      };
      const tier =
        r.t_tier_id == null
          ? null
          : {
              priceMode: r.t_price_mode as PriceMode,
              pricePoints: Number(r.t_price_points),
              priceFen: Number(r.t_price_fen),
            };
      eligible.set(Number(r.id), {
        id: Number(r.id),
        skuId: Number(r.sku_id),
        ...listing,
        purchaseLimitPerCustomer: r.purchase_limit_per_customer == null ? null : Number(r.purchase_limit_per_customer),
        before: priceBeforeCampaign(listing, tier),
        tierId: tier ? Number(r.t_tier_id) : null,
      });
    }
    lines.forEach((line, index) => {
      const id = Number(line.listingId);
      const l = eligible.get(id);
      if (!l)
        problems.push({
          index,
          field: 'listingId',
          message: `Listing ${id} is not available to this customer in mall ${mallKey} now (missing, paused, outside its schedule, or not for their tier/segments).`,
        });
      else if (l.purchaseLimitPerCustomer != null && line.quantity > l.purchaseLimitPerCustomer) {
        problems.push({
          index,
          field: 'quantity',
          message: `Listing ${id} allows at most ${l.purchaseLimitPerCustomer} per customer.`,
        });
      }
    });
    if (problems.length) throw badInput(problems.map((p) => p.message).join(' '), problems);

    // A campaign price applies only when it is cheaper than the customer's tier (or base) price, and
    // only while its budget still covers the whole line; the checkout then
    // reserves that subsidy (orders' `reserveCampaignBudget`, a conditional UPDATE) and fails if a
    // concurrent checkout took the rest first — so the campaign never spends beyond its budget.
    const quantities = new Map(lines.map((l) => [Number(l.listingId), l.quantity]));
    const campaignPrice = (r: Record<string, unknown>): Price => ({
      priceMode: r.c_price_mode as PriceMode,
      points: Number(r.c_price_points),
      fen: Number(r.c_price_fen),
    });
    // The subsidy is what the campaign gives away against what this customer would otherwise pay.
    const subsidyOf = (r: Record<string, unknown>) =>
      campaignSubsidyFen(eligible.get(Number(r.id))!.before, campaignPrice(r), { pointsPerYuan: ppy });
    const campaign = bestCampaignPrices(
      rows
        .filter(
          (r) =>
            r.campaign_id != null &&
            campaignBeats(eligible.get(Number(r.id))!.before, campaignPrice(r), ppy) &&
            (r.budget_left_fen == null || subsidyOf(r) * quantities.get(Number(r.id))! <= Number(r.budget_left_fen)),
        )
        .map((r) => ({
          listing_id: r.listing_id,
          campaign_id: r.campaign_id,
          price_mode: r.c_price_mode,
          price_points: r.c_price_points,
          price_fen: r.c_price_fen,
          points_per_yuan: r.points_per_yuan,
        })),
    );
    const subsidies = new Map(
      rows.filter((r) => r.campaign_id != null).map((r) => [`${r.id}:${r.campaign_id}`, subsidyOf(r)]),
    );
    const supplierShares = new Map(
      rows
        .filter((r) => r.campaign_id != null)
        .map((r) => [`${r.id}:${r.campaign_id}`, Number(r.supplier_share_bp ?? 0)]),
    );
    const priced = lines.map((line) => {
      const l = eligible.get(Number(line.listingId))!;
      const c = campaign.get(l.id);
      return {
        listingId: l.id,
        skuId: l.skuId,
        quantity: line.quantity,
        priceMode: (c?.priceMode as PriceMode | undefined) ?? l.before.priceMode,
        unitPoints: c ? c.pricePoints : l.before.points,
        unitFen: c ? c.priceFen : l.before.fen,
        purchaseLimitPerCustomer: l.purchaseLimitPerCustomer ?? null,
        campaignId: c?.campaignId ?? null,
        campaignSubsidyFen: c ? subsidies.get(`${l.id}:${c.campaignId}`)! : 0,
        // Co-funding: the supplier's share of the whole line's subsidy, rounded down once.
        campaignSupplierFundedFen: c
          ? Number(
              (BigInt(subsidies.get(`${l.id}:${c.campaignId}`)!) *
                BigInt(line.quantity) *
                BigInt(supplierShares.get(`${l.id}:${c.campaignId}`)!)) /
                10000n,
            )
          : 0,
        tierId: c ? null : l.tierId,
      };
    });
    const pointsPerYuan = Number(who.points_per_yuan);
    // A bank without enabled rules (the count rides on the first statement) costs no statement here.
    const rules =
      Number(who.benefit_rules) === 0
        ? []
        : await this.liveRules(
            bankId,
            Number(who.customer_id),
            tierId,
            segmentIds,
            [...seen.keys()],
            who.time_zone,
            now,
          );
    const voucher = voucherId == null ? null : await this.voucherOffer(customerKey, voucherId, now);
    const benefits = applyBenefits(priced, rules, pointsPerYuan, voucher);
    // Free tier perks buy no more units than their quota has left (services/free-perks.ts).
    assertFreePerksWithinQuota(priced, benefits.lines, rules);
    if (voucher && benefits.voucherFen === 0) {
      const cash = benefits.cashBeforeVoucherFen;
      throw badInput(
        cash <= 0
          ? `Voucher ${voucherId} takes money off the cash price; this order has no cash to pay. Check out without it.`
          : `Voucher ${voucherId} needs a minimum spend of ${yuan(voucher.minSpendFen)} in cash after other discounts; this order comes to ${yuan(cash)}.`,
        [{ field: 'voucherId', message: 'does not apply to this order' }],
      );
    }
    const quoted: QuoteLine[] = priced.map((l, i) => {
      const b = benefits.lines[i]!;
      return {
        ...l,
        discountFen: b.discountFen,
        discountPoints: b.discountPoints,
        discounts: b.discounts.map((d) => ({ ...d, listingId: l.listingId })),
        quotaRuleId: b.quota?.ruleId ?? null,
        quotaUnits: b.quota?.units ?? 0,
        quotaPeriodKey: b.quota?.periodKey ?? null,
      };
    });
    const byRule = new Map<string, QuoteDiscount>();
    for (const d of quoted.flatMap((l) => l.discounts)) {
      const key = `${d.source}:${d.ruleId}`;
      const sum = byRule.get(key) ?? {
        source: d.source,
        ruleId: d.ruleId,
        fen: 0,
        points: 0,
        fundedBy: d.fundedBy,
        bankShareBp: d.bankShareBp,
      };
      sum.fen += d.fen;
      sum.points += d.points;
      byRule.set(key, sum);
    }
    return {
      mallId: mallKey,
      customerId: customerKey,
      bankId,
      pointsPerYuan: Number(who.points_per_yuan),
      maxPointsShareBp: Number(who.max_points_share_bp),
      timeZone: who.time_zone,
      tierId,
      pricedAt: now,
      lines: quoted,
      totalPoints: quoted.reduce((s, l) => s + l.unitPoints * l.quantity - l.discountPoints, 0),
      totalFen: quoted.reduce((s, l) => s + l.unitFen * l.quantity - l.discountFen, 0),
      discounts: [...byRule.values()],
      freeShipping: benefits.freeShipping,
      voucherId: voucher?.id ?? null,
      voucherDiscountFen: benefits.voucherFen,
      voucherOptions: withVoucherOptions
        ? await this.voucherOptions(customerKey, benefits.cashBeforeVoucherFen, now)
        : [],
    };
  }

  /** The customer's usable vouchers against `cashFen` (after steps 1–3), the largest discount first. */
  private async voucherOptions(customerId: number, cashFen: number, now: Date): Promise<VoucherOption[]> {
    const rows = (await usableVouchers(this.em as SqlEntityManager, [customerId], now)).get(customerId) ?? [];
    return rows
      .map(({ voucher: v, usesLeft }) => ({
        voucherId: v.id,
        name: v.name,
        discountFen: Math.min(voucherDiscountFen(v, cashFen), v.budgetFen - v.spentFen),
        minSpendFen: v.minSpendFen,
        usesLeft,
        endsAt: v.endsAt,
      }))
      .sort(
        (x, y) => y.discountFen - x.discountFen || x.endsAt.getTime() - y.endsAt.getTime() || x.voucherId - y.voucherId,
      )
      .slice(0, MAX_VOUCHER_OPTIONS);
  }

  /** The customer's voucher, if they may use it now (else BAD_USER_INPUT): one statement. */
  private async voucherOffer(customerId: number, voucherId: string, now: Date): Promise<VoucherOffer> {
    const id = /^\d{1,15}$/.test(voucherId) ? Number(voucherId) : 0;
    const found = id ? (await usableVouchers(this.em as SqlEntityManager, [customerId], now, id)).get(customerId) : [];
    const v = found?.[0]?.voucher;
    if (!v)
      throw badInput(
        `Voucher ${voucherId} cannot be used now: it is not yours, has not started or has ended, was stopped, has run out of budget, or you have used it up. See customer.vouchers for the ones you can use.`,
        [{ field: 'voucherId', message: 'is not usable' }],
      );
    return {
      id: v.id,
      kind: v.kind,
      value: v.value,
      capFen: v.capFen ?? null,
      minSpendFen: v.minSpendFen,
      fundedBy: v.fundedBy,
      bankShareBp: v.bankShareBp,
      budgetLeftFen: v.budgetFen - v.spentFen,
    };
  }

  /**
   * The bank's benefit rules live for this customer at `now` (enabled, inside the window, for their
   * tier or one of their segments or everyone), each QUOTA rule with the listings of this checkout it
   * covers and the units the customer used in its current period: one statement.
   */
  private async liveRules(
    bankId: number,
    customerId: number,
    tierId: number | null,
    segmentIds: number[],
    listingIds: number[],
    timeZone: string,
    now: Date,
  ): Promise<LiveRule[]> {
    const at = this.em.getPlatform().processDateProperty(now);
    const keys = [QuotaPeriod.MONTH, QuotaPeriod.QUARTER, QuotaPeriod.YEAR].map((p) => periodKeyOf(p, now, timeZone));
    const rows = await selectRows<Record<string, unknown>>(
      this.em as SqlEntityManager,
      `SELECT r.id, r.kind, r.funded_by, r.bank_share_bp, r.threshold_basis, r.threshold_amount, r.discount_amount,
              r.repeatable, r.percent_bp, r.cap_fen, r.quota_units, r.quota_period, r.quota_discount_bp,
              (SELECT GROUP_CONCAT(rl.listing_id) FROM benefit_rule_listing rl
                WHERE rl.rule_id = r.id AND rl.listing_id IN (${placeholders(listingIds.length)})) AS listing_ids,
              u.used
       FROM benefit_rule r
       LEFT JOIN benefit_quota_use u ON u.rule_id = r.id AND u.customer_id = ?
            AND u.period_key = (CASE r.quota_period WHEN 'MONTH' THEN ? WHEN 'QUARTER' THEN ? ELSE ? END)
       WHERE r.bank_id = ? AND r.enabled = 1 AND r.starts_at <= ? AND (r.ends_at IS NULL OR r.ends_at > ?)
         AND (r.tier_id IS NULL${tierId === null ? '' : ' OR r.tier_id = ?'})
         AND (r.segment_id IS NULL${segmentIds.length ? ` OR r.segment_id IN (${placeholders(segmentIds.length)})` : ''})`,
      [...listingIds, customerId, ...keys, bankId, at, at, ...(tierId === null ? [] : [tierId]), ...segmentIds],
    );
    const num = (v: unknown) => (v == null ? null : Number(v));
    return rows.map((r) => {
      const period = (r.quota_period as QuotaPeriod | null) ?? null;
      return {
        id: Number(r.id),
        kind: r.kind as BenefitKind,
        fundedBy: r.funded_by as BenefitFunding,
        bankShareBp: Number(r.bank_share_bp),
        thresholdBasis: (r.threshold_basis as ThresholdBasis | null) ?? null,
        thresholdAmount: num(r.threshold_amount),
        discountAmount: num(r.discount_amount),
        repeatable: Boolean(Number(r.repeatable)),
        percentBp: num(r.percent_bp),
        capFen: num(r.cap_fen),
        quotaUnits: num(r.quota_units),
        quotaPeriod: period,
        quotaDiscountBp: num(r.quota_discount_bp),
        listingIds: r.listing_ids ? String(r.listing_ids).split(',').map(Number) : [],
        used: Number(r.used ?? 0),
        periodKey: period ? periodKeyOf(period, now, timeZone) : null,
      };
    });
  }
}
