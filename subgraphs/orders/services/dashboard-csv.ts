import { registerEnumType } from 'type-graphql';
import type { SalesDashboardData } from './dashboard.service';

/** The tables of the dashboard, each exportable as CSV. */
export enum SalesDashboardTable {
  TOTALS = 'TOTALS',
  SERIES = 'SERIES',
  TOP_LISTINGS = 'TOP_LISTINGS',
  BY_TIER = 'BY_TIER',
  BY_CAMPAIGN = 'BY_CAMPAIGN',
}
registerEnumType(SalesDashboardTable, {
  name: 'SalesDashboardTable',
  description: 'A table of the sales dashboard (each chart has one).',
});

/** The language of a CSV's header row (the data are the same). */
export enum CsvLanguage {
  ZH_CN = 'ZH_CN',
  EN = 'EN',
}
registerEnumType(CsvLanguage, { name: 'CsvLanguage', description: "The language of a CSV export's header row." });

type Cell = string | number | null;
interface Column<T> {
  en: string;
  zh: string;
  value: (row: T) => Cell;
  /** Free text from outside the bank (titles): guarded against spreadsheet formulas. */
  text?: boolean;
}

/** Fen as yuan with two decimals, by integer arithmetic (no float rounding): -1234 → "-12.34". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. Text that
 * a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading apostrophe (OWASP
 * "CSV injection"); numbers are written as they are.
 */
export function csvField(v: Cell, text = false): string {
  if (v === null) return '';
  let s = String(v);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function table<T>(columns: Column<T>[], rows: T[], language: CsvLanguage): { csv: string; rows: number } {
  const header = columns.map((c) => csvField(language === CsvLanguage.EN ? c.en : c.zh)).join(',');
  const lines = rows.map((r) => columns.map((c) => csvField(c.value(r), c.text)).join(','));
  // A BOM, so Excel opens the UTF-8 file as UTF-8 (Chinese titles), and CRLF as RFC 4180 says.
  return { csv: `\uFEFF${[header, ...lines].join('\r\n')}\r\n`, rows: rows.length };
}

interface Money {
  gmvCashFen: number;
  gmvPointsValueFen: number;
}

function moneyColumns<T extends Money>(): Column<T>[] {
  return [
    { en: 'gmv_cash_fen', zh: '现金GMV(分)', value: (r) => r.gmvCashFen },
    { en: 'gmv_cash_yuan', zh: '现金GMV(元)', value: (r) => yuan(r.gmvCashFen) },
    { en: 'gmv_points_value_fen', zh: '积分价值GMV(分)', value: (r) => r.gmvPointsValueFen },
    { en: 'gmv_points_value_yuan', zh: '积分价值GMV(元)', value: (r) => yuan(r.gmvPointsValueFen) },
    { en: 'gmv_total_yuan', zh: '总GMV(元)', value: (r) => yuan(r.gmvCashFen + r.gmvPointsValueFen) },
  ];
}

type Figures = SalesDashboardData['totals'];
type Row = SalesDashboardData['series'][number];

function salesColumns<T extends Omit<Figures, 'activeCustomers'>>(): Column<T>[] {
  return [
    { en: 'orders', zh: '订单数', value: (r) => r.orders },
    ...moneyColumns<T>(),
    { en: 'points_redeemed', zh: '兑换积分', value: (r) => r.pointsRedeemed },
    { en: 'refunds', zh: '退款笔数', value: (r) => r.refunds },
    { en: 'refunded_cash_fen', zh: '退款现金(分)', value: (r) => r.refundedCashFen },
    { en: 'refunded_cash_yuan', zh: '退款现金(元)', value: (r) => yuan(r.refundedCashFen) },
    { en: 'refunded_points_value_fen', zh: '退回积分价值(分)', value: (r) => r.refundedPointsValueFen },
    { en: 'refunded_points_value_yuan', zh: '退回积分价值(元)', value: (r) => yuan(r.refundedPointsValueFen) },
  ];
}

/** A dashboard table as CSV text: integers in fen and points, plus the same amounts formatted in yuan. */
export function dashboardCsv(
  d: SalesDashboardData,
  which: SalesDashboardTable,
  language: CsvLanguage,
): { csv: string; rows: number; fileName: string } {
  const q = d.query;
  const fileName = `sales-${q.bankId}${q.mallId ? `-mall${q.mallId}` : ''}-${which.toLowerCase().replace(/_/g, '-')}-${q.fromDay}-${q.toDay}.csv`;
  const t = (() => {
    switch (which) {
      case SalesDashboardTable.TOTALS:
        return table<Figures>(
          [
            { en: 'from_day', zh: '开始日期', value: () => q.fromDay },
            { en: 'to_day', zh: '结束日期', value: () => q.toDay },
            { en: 'time_zone', zh: '时区', value: () => d.timeZone },
            ...salesColumns<Figures>(),
            { en: 'active_customers', zh: '活跃客户数', value: (r) => r.activeCustomers },
          ],
          [d.totals],
          language,
        );
      case SalesDashboardTable.SERIES:
        return table<Row>(
          [
            { en: 'period', zh: '时段', value: (r) => r.label },
            { en: 'period_start_utc', zh: '时段开始(UTC)', value: (r) => r.periodStart.toISOString() },
            ...salesColumns<Row>(),
          ],
          d.series,
          language,
        );
      case SalesDashboardTable.TOP_LISTINGS:
        return table(
          [
            { en: 'rank', zh: '排名', value: (r) => d.topListings.indexOf(r) + 1 },
            { en: 'listing_id', zh: '商品ID', value: (r) => r.listingId },
            { en: 'title', zh: '商品名称', value: (r) => r.title, text: true },
            { en: 'units', zh: '销量', value: (r) => r.quantity },
            ...moneyColumns<Money>().map((c) => ({
              ...c,
              value: (r: (typeof d.topListings)[number]) =>
                c.value({ gmvCashFen: r.cashFen, gmvPointsValueFen: r.pointsValueFen }),
            })),
            { en: 'points', zh: '积分', value: (r) => r.points },
          ],
          d.topListings,
          language,
        );
      case SalesDashboardTable.BY_TIER:
        return table(
          [{ en: 'tier_id', zh: '等级ID', value: (r) => r.tierId }, ...salesColumns<(typeof d.byTier)[number]>()],
          d.byTier,
          language,
        );
      case SalesDashboardTable.BY_CAMPAIGN:
        return table(
          [
            { en: 'campaign_id', zh: '活动ID', value: (r) => r.campaignId },
            { en: 'orders', zh: '订单数', value: (r) => r.orders },
            { en: 'units', zh: '销量', value: (r) => r.quantity },
            ...moneyColumns<Money>().map((c) => ({
              ...c,
              value: (r: (typeof d.byCampaign)[number]) =>
                c.value({ gmvCashFen: r.cashFen, gmvPointsValueFen: r.pointsValueFen }),
            })),
            { en: 'points', zh: '积分', value: (r) => r.points },
          ],
          d.byCampaign,
          language,
        );
    }
  })();
  return { ...t, fileName };
}
