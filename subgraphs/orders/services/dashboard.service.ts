import type { SqlEntityManager } from '@mikro-orm/knex';
import { registerEnumType } from 'type-graphql';
import { badInput, notFound } from '../../../core/errors';
import { bankScopeOf, BANK_ROLES_OR_PLATFORM, requireRoleAndPermission, type Principal } from '../../../core/identity';
import { selectRows } from '../../../core/sql';
import { REPORTS } from './access';
import { addDays, DEFAULT_TIME_ZONE, startOfNamedDay } from './local-time';
import {
  ceilHour,
  instantOf,
  MAX_RANGE_DAYS,
  periodsOf,
  ReportGranularity,
  validateDays,
} from '../../../core/report-periods';

export { MAX_RANGE_DAYS, ReportGranularity };

/** What ranks the top listings. */
export enum TopListingsOrder {
  /** Units sold, net of refunds. */
  UNITS = 'UNITS',
  /** Cash plus points value, net of refunds. */
  GMV = 'GMV',
}
registerEnumType(TopListingsOrder, {
  name: 'TopListingsOrder',
  description: 'What ranks the top listings (ties: the other measure, then the listing id).',
});

export const MAX_TOP_LISTINGS = 50;
/** Campaigns in "sales by campaign": the best-selling ones, by GMV. */
export const MAX_CAMPAIGNS = 100;

export interface DashboardQuery {
  bankId: number;
  mallId: number | null;
  fromDay: string;
  toDay: string;
  granularity: ReportGranularity;
  topListings: number;
  topListingsBy: TopListingsOrder;
}

export interface SalesFigures {
  orders: number;
  gmvCashFen: number;
  gmvPointsValueFen: number;
  pointsRedeemed: number;
  refunds: number;
  refundedCashFen: number;
  refundedPointsValueFen: number;
}

export interface DashboardBucket extends SalesFigures {
  periodStart: Date;
  label: string;
}

export interface ListingFigures {
  listingId: number;
  title: string;
  quantity: number;
  cashFen: number;
  pointsValueFen: number;
  points: number;
}

export interface TierFigures extends SalesFigures {
  tierId: number | null;
}

export interface CampaignFigures {
  campaignId: number | null;
  orders: number;
  quantity: number;
  cashFen: number;
  pointsValueFen: number;
  points: number;
}

export interface SalesDashboardData {
  query: DashboardQuery;
  timeZone: string;
  rangeStart: Date;
  rangeEnd: Date;
  version: string;
  totals: SalesFigures & { activeCustomers: number };
  series: DashboardBucket[];
  topListings: ListingFigures[];
  byTier: TierFigures[];
  byCampaign: CampaignFigures[];
}

const ZERO: SalesFigures = {
  orders: 0,
  gmvCashFen: 0,
  gmvPointsValueFen: 0,
  pointsRedeemed: 0,
  refunds: 0,
  refundedCashFen: 0,
  refundedPointsValueFen: 0,
};

/** The mall-hour columns summed per group, in `SalesFigures` order. */
const MALL_HOUR_SUMS = `SUM(orders) AS orders, SUM(gmv_cash_fen) AS cash, SUM(gmv_points_value_fen) AS points_value,
  SUM(points_redeemed) AS points, SUM(refunds) AS refunds, SUM(refunded_cash_fen) AS refunded_cash,
  SUM(refunded_points_value_fen) AS refunded_points_value, SUM(changes) AS changes`;

interface MallHourSums {
  orders: unknown;
  cash: unknown;
  points_value: unknown;
  points: unknown;
  refunds: unknown;
  refunded_cash: unknown;
  refunded_points_value: unknown;
  changes: unknown;
}

function figuresOf(r: MallHourSums): SalesFigures {
  return {
    orders: Number(r.orders ?? 0),
    gmvCashFen: Number(r.cash ?? 0),
    gmvPointsValueFen: Number(r.points_value ?? 0),
    pointsRedeemed: Number(r.points ?? 0),
    refunds: Number(r.refunds ?? 0),
    refundedCashFen: Number(r.refunded_cash ?? 0),
    refundedPointsValueFen: Number(r.refunded_points_value ?? 0),
  };
}

function add(a: SalesFigures, b: SalesFigures): void {
  for (const k of Object.keys(ZERO) as (keyof SalesFigures)[]) a[k] += b[k];
}

/** The dashboard's buckets: every period of the range (see `periodsOf`), each with zero figures to add to. */
export function bucketsOf(
  fromDay: string,
  toDay: string,
  granularity: ReportGranularity,
  zone: string,
): {
  buckets: DashboardBucket[];
  keyOf: (hour: Date) => string;
  keyOfBucket: (b: DashboardBucket) => string;
  start: Date;
  end: Date;
} {
  const p = periodsOf(fromDay, toDay, granularity, zone);
  return {
    buckets: p.periods.map((x) => ({ ...ZERO, ...x })),
    keyOf: p.keyOf,
    keyOfBucket: p.keyOfPeriod,
    start: p.start,
    end: p.end,
  };
}

/**
 * The bank dashboard: headline figures, a series, top listings, sales by tier and by campaign for
 * whole days of the bank, from the report rows the confirming transaction (and each refund) keeps
 * current — so a sale is in the next read. Six SQL statements whatever the range or N.
 */
export class DashboardService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /** Bank staff with SEE_REPORTS, of their own bank (another bank is NOT_FOUND); the platform any bank. */
  private authorise(bankId: number): void {
    requireRoleAndPermission(this.principal, BANK_ROLES_OR_PLATFORM, REPORTS);
    const scope = bankScopeOf(this.principal);
    if (scope !== null && scope !== String(bankId)) throw notFound('Bank', bankId);
  }

  /** Refuses a range that is malformed, reversed, or longer than its granularity allows. */
  static validate(q: DashboardQuery): void {
    validateDays(q.fromDay, q.toDay, q.granularity);
    if (!Number.isInteger(q.topListings) || q.topListings < 1 || q.topListings > MAX_TOP_LISTINGS)
      throw badInput(`topListings must be 1 to ${MAX_TOP_LISTINGS}.`, [
        { field: 'input.topListings', message: `1 to ${MAX_TOP_LISTINGS}.` },
      ]);
  }

  /**
   * The time zone the bank's report rows were cut in: that of its newest order (each order carries
   * its bank's zone from checkout), one indexed row; Asia/Shanghai before its first order.
   */
  private async zoneOf(bankId: number): Promise<string> {
    const [row] = await selectRows<{ time_zone: string }>(
      this.em,
      'SELECT time_zone FROM customer_order WHERE bank_id = ? ORDER BY id DESC LIMIT 1',
      [bankId],
    );
    return row?.time_zone ?? DEFAULT_TIME_ZONE;
  }

  private hourWhere(q: DashboardQuery, start: Date, end: Date): { sql: string; params: unknown[] } {
    const p = this.em.getPlatform();
    return {
      sql: `bank_id = ?${q.mallId ? ' AND mall_id = ?' : ''} AND hour >= ? AND hour < ?`,
      params: [
        q.bankId,
        ...(q.mallId ? [q.mallId] : []),
        p.processDateProperty(new Date(ceilHour(start.getTime()))),
        p.processDateProperty(new Date(ceilHour(end.getTime()))),
      ],
    };
  }

  async dashboard(q: DashboardQuery): Promise<SalesDashboardData> {
    this.authorise(q.bankId);
    DashboardService.validate(q);
    const zone = await this.zoneOf(q.bankId);
    const { buckets, keyOf, keyOfBucket, start, end } = bucketsOf(q.fromDay, q.toDay, q.granularity, zone);
    const hours = this.hourWhere(q, start, end);

    // Series: one row per UTC hour with sales (at most 26,304 for the longest MONTH range), bucketed here.
    const hourRows = await selectRows<MallHourSums & { hour: unknown }>(
      this.em,
      `SELECT hour, ${MALL_HOUR_SUMS} FROM report_mall_hour WHERE ${hours.sql} GROUP BY hour`,
      hours.params,
    );
    const byKey = new Map(buckets.map((b) => [keyOfBucket(b), b]));
    const totals: SalesFigures = { ...ZERO };
    let changes = 0;
    for (const r of hourRows) {
      const f = figuresOf(r);
      const b = byKey.get(keyOf(instantOf(r.hour)));
      if (b) add(b, f);
      add(totals, f);
      changes += Number(r.changes ?? 0);
    }

    const tierRows = await selectRows<MallHourSums & { tier_id: unknown }>(
      this.em,
      `SELECT tier_id, ${MALL_HOUR_SUMS} FROM report_mall_hour WHERE ${hours.sql} GROUP BY tier_id ORDER BY tier_id`,
      hours.params,
    );
    const byTier = tierRows.map((r) => ({ tierId: Number(r.tier_id) || null, ...figuresOf(r) }));

    const days = {
      sql: `bank_id = ?${q.mallId ? ' AND mall_id = ?' : ''} AND day >= ? AND day <= ?`,
      params: [q.bankId, ...(q.mallId ? [q.mallId] : []), q.fromDay, q.toDay],
    };
    const rank =
      q.topListingsBy === TopListingsOrder.GMV
        ? 'SUM(cash_fen) + SUM(points_value_fen) DESC, SUM(quantity) DESC'
        : 'SUM(quantity) DESC, SUM(cash_fen) + SUM(points_value_fen) DESC';
    // Net of refunds: a listing whose units all came back sold nothing in the range.
    const listingRows = await selectRows<Record<string, unknown>>(
      this.em,
      `SELECT listing_id, MAX(title) AS title, SUM(quantity) AS quantity, SUM(cash_fen) AS cash,
              SUM(points_value_fen) AS points_value, SUM(points) AS points
       FROM report_listing_day WHERE ${days.sql}
       GROUP BY listing_id HAVING SUM(quantity) > 0 ORDER BY ${rank}, listing_id LIMIT ?`,
      [...days.params, q.topListings],
    );
    const topListings = listingRows.map((r) => ({
      listingId: Number(r.listing_id),
      title: String(r.title ?? ''),
      quantity: Number(r.quantity),
      cashFen: Number(r.cash),
      pointsValueFen: Number(r.points_value),
      points: Number(r.points),
    }));

    const campaignRows = await selectRows<Record<string, unknown>>(
      this.em,
      `SELECT campaign_id, SUM(campaign_orders) AS orders, SUM(quantity) AS quantity, SUM(cash_fen) AS cash,
              SUM(points_value_fen) AS points_value, SUM(points) AS points
       FROM report_listing_day WHERE ${days.sql}
       GROUP BY campaign_id ORDER BY SUM(cash_fen) + SUM(points_value_fen) DESC, campaign_id LIMIT ?`,
      [...days.params, MAX_CAMPAIGNS],
    );
    const byCampaign = campaignRows.map((r) => ({
      campaignId: Number(r.campaign_id) || null,
      orders: Number(r.orders),
      quantity: Number(r.quantity),
      cashFen: Number(r.cash),
      pointsValueFen: Number(r.points_value),
      points: Number(r.points),
    }));

    // Customers with a paid order in the range (a distinct count: it cannot be summed from buckets).
    const p = this.em.getPlatform();
    const [active] = await selectRows<{ n: unknown }>(
      this.em,
      `SELECT COUNT(DISTINCT customer_id) AS n FROM customer_order
       WHERE bank_id = ?${q.mallId ? ' AND mall_id = ?' : ''} AND paid_at >= ? AND paid_at < ?`,
      [q.bankId, ...(q.mallId ? [q.mallId] : []), p.processDateProperty(start), p.processDateProperty(end)],
    );

    return {
      query: q,
      timeZone: zone,
      rangeStart: start,
      rangeEnd: end,
      version: versionOf(hourRows.length, changes),
      totals: { ...totals, activeCustomers: Number(active?.n ?? 0) },
      series: buckets,
      topListings,
      byTier,
      byCampaign,
    };
  }

  /**
   * The version of a range's figures: changes whenever a sale or refund lands in it (every one
   * writes the mall's hour row in its own transaction, adding 1 to `changes`). Two statements.
   */
  async version(q: Pick<DashboardQuery, 'bankId' | 'mallId' | 'fromDay' | 'toDay'>): Promise<string> {
    this.authorise(q.bankId);
    DashboardService.validate({
      ...q,
      granularity: ReportGranularity.MONTH,
      topListings: 1,
      topListingsBy: TopListingsOrder.UNITS,
    });
    const zone = await this.zoneOf(q.bankId);
    const start = startOfNamedDay(q.fromDay, zone);
    const end = startOfNamedDay(addDays(q.toDay, 1), zone);
    const hours = this.hourWhere({ ...q } as DashboardQuery, start, end);
    const [r] = await selectRows<{ hours: unknown; changes: unknown }>(
      this.em,
      `SELECT COUNT(DISTINCT hour) AS hours, SUM(changes) AS changes FROM report_mall_hour WHERE ${hours.sql}`,
      hours.params,
    );
    return versionOf(Number(r?.hours ?? 0), Number(r?.changes ?? 0));
  }
}

/** Opaque to clients; only compared for equality. */
function versionOf(hours: number, changes: number): string {
  return `v1.${hours}.${changes}`;
}
