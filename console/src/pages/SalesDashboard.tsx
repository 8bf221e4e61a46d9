/**
 * The bank's live sales dashboard (issue 16): headline figures, the series, top listings, sales by
 * tier and by campaign, each chart with its table and a CSV export. Days are the bank's days in its
 * time zone. Live: polls `salesDashboardVersion` every 3 s (2 SQL statements) and fetches the
 * dashboard again only when the version differs from the one shown.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Col from 'antd/es/col';
import DatePicker from 'antd/es/date-picker';
import Row from 'antd/es/row';
import Segmented from 'antd/es/segmented';
import Space from 'antd/es/space';
import Statistic from 'antd/es/statistic';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import message from 'antd/es/message';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { EChartsCoreOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../api';
import { graphql } from '../gql';
import type {
  ConsoleSalesDashboardQuery,
  ReportGranularity,
  SalesDashboardInput,
  SalesDashboardTable,
} from '../gql/graphql';
import { csvText, download } from '../csv';
import EChart from './EChart';

const SalesDashboardDocument = graphql(`
  query ConsoleSalesDashboard($input: SalesDashboardInput!) {
    salesDashboard(input: $input) {
      asOf
      version
      timeZone
      fromDay
      toDay
      granularity
      totals {
        orders
        gmvCashFen
        gmvPointsValueFen
        gmvFen
        pointsRedeemed
        refunds
        activeCustomers
        pointsShareBp
      }
      series {
        periodStart
        label
        orders
        gmvCashFen
        gmvPointsValueFen
        gmvFen
        pointsRedeemed
        refunds
      }
      topListings {
        listing {
          id
        }
        titleAsSold
        quantity
        cashFen
        pointsValueFen
        points
      }
      byTier {
        tierId
        tier {
          name
        }
        orders
        gmvCashFen
        gmvPointsValueFen
        gmvFen
        pointsRedeemed
      }
      byCampaign {
        campaignId
        campaign {
          name
        }
        orders
        quantity
        cashFen
        pointsValueFen
        points
      }
      points {
        earned
        redeemed
        expired
        redemptionRateBp
        series {
          periodStart
          label
          earned
          redeemed
          expired
        }
      }
    }
  }
`);

const SalesDashboardVersionDocument = graphql(`
  query ConsoleSalesDashboardVersion($input: SalesDashboardRangeInput!) {
    salesDashboardVersion(input: $input)
  }
`);

const SalesDashboardCsvDocument = graphql(`
  query ConsoleSalesDashboardCsv($input: SalesDashboardInput!, $table: SalesDashboardTable!, $language: CsvLanguage!) {
    salesDashboardCsv(input: $input, table: $table, language: $language) {
      fileName
      contentType
      rows
      csv
    }
  }
`);

type Dashboard = ConsoleSalesDashboardQuery['salesDashboard'];
const POLL_MS = 3000;
const DAY = 'YYYY-MM-DD';

/** Today in the bank's time zone, YYYY-MM-DD (en-CA formats dates that way). */
export function bankToday(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The last 7 of the bank's days, today included. */
function lastWeek(timeZone: string): [string, string] {
  const today = bankToday(timeZone);
  return [dayjs(today).subtract(6, 'day').format(DAY), today];
}

function useMoney(language: string) {
  return useMemo(() => {
    const yuan = new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' });
    const count = new Intl.NumberFormat(language);
    const share = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 2 });
    return {
      /** Fen (integers from the API) shown as yuan with two decimals. */
      yuan: (fen: number) => yuan.format(fen / 100),
      count: (n: number) => count.format(n),
      bp: (bp: number | null | undefined) => (bp == null ? '—' : share.format(bp / 10000)),
    };
  }, [language]);
}

/**
 * The points series as CSV, made here: its figures come from loyalty, beside orders' own tables
 * (which orders exports).
 */
export function pointsCsv(
  rows: { label: string; earned: number; redeemed: number; expired: number }[],
  header: string[],
) {
  return csvText(
    header,
    rows.map((r) => [r.label, r.earned, r.redeemed, r.expired]),
  );
}

export default function SalesDashboard(props: { bankId: string; bankName: string; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const money = useMoney(i18n.language);
  const [range, setRange] = useState<[string, string]>(() => lastWeek(props.timeZone));
  const [granularity, setGranularity] = useState<ReportGranularity>('DAY');
  const input: SalesDashboardInput = { bankId: props.bankId, fromDay: range[0], toDay: range[1], granularity };
  const { data, error, reload } = useQuery(SalesDashboardDocument, { input });
  const dashboard = data?.salesDashboard;
  const shownVersion = dashboard?.version;

  // Live: a cheap version poll; the full dashboard only when a sale or refund changed it.
  useEffect(() => {
    if (!shownVersion) return;
    let live = true;
    const timer = setInterval(() => {
      if (document.hidden) return; // a background tab asks nothing; the next visible tick catches up
      request(SalesDashboardVersionDocument, {
        input: { bankId: props.bankId, fromDay: range[0], toDay: range[1] },
      }).then(
        (r) => live && r.salesDashboardVersion !== shownVersion && reload(),
        () => undefined, // a missed poll is retried on the next tick
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [shownVersion, props.bankId, range, reload]);

  const [exporting, setExporting] = useState<SalesDashboardTable | null>(null);
  const exportCsv = async (table: SalesDashboardTable) => {
    setExporting(table);
    try {
      const { salesDashboardCsv: csv } = await request(SalesDashboardCsvDocument, {
        input,
        table,
        language: i18n.language === 'en' ? 'EN' : 'ZH_CN',
      });
      download(csv.csv, csv.fileName, csv.contentType);
      void message.success(t('sales.exported', { rows: csv.rows }));
    } catch (e) {
      void message.error(t('common.error', { message: e instanceof ApiError ? e.message : String(e) }));
    } finally {
      setExporting(null);
    }
  };
  const exportButton = (table: SalesDashboardTable, title: string) => (
    <Button
      icon={<DownloadOutlined />}
      loading={exporting === table}
      onClick={() => void exportCsv(table)}
      aria-label={t('sales.exportLabel', { table: title })}
      data-testid={`csv-${table.toLowerCase().replace('_', '-')}`}
    >
      {t('sales.exportCsv')}
    </Button>
  );
  const section = (title: string) => (
    <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
      {title}
    </Typography.Title>
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="sales-dashboard">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('sales.title')}
        </Typography.Title>
        <Typography.Paragraph>
          {t('sales.intro', { bank: props.bankName, timeZone: props.timeZone })}
        </Typography.Paragraph>
      </div>
      <Card>
        <Space wrap size="large" align="center">
          <Space>
            <span id="sales-range-label">{t('sales.range')}</span>
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(range[0]), dayjs(range[1])]}
              onChange={(v: [Dayjs | null, Dayjs | null] | null) => {
                if (v?.[0] && v[1]) setRange([v[0].format(DAY), v[1].format(DAY)]);
              }}
              aria-labelledby="sales-range-label"
              data-testid="sales-range"
            />
          </Space>
          <Space>
            <span id="sales-granularity-label">{t('sales.granularity')}</span>
            <Segmented<ReportGranularity>
              value={granularity}
              onChange={setGranularity}
              aria-labelledby="sales-granularity-label"
              data-testid="sales-granularity"
              options={(['HOUR', 'DAY', 'MONTH'] as const).map((g) => ({
                value: g,
                label: t(`sales.${g}`),
              }))}
            />
          </Space>
          <Tag>{t('sales.live')}</Tag>
          {dashboard && (
            <Typography.Text type="secondary" data-testid="sales-as-of">
              {t('sales.asOf', {
                time: new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium' }).format(new Date(dashboard.asOf)),
              })}
            </Typography.Text>
          )}
        </Space>
      </Card>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      {dashboard && (
        <Figures
          dashboard={dashboard}
          money={money}
          exportButton={exportButton}
          section={section}
          pointsExportButton={
            <Button
              icon={<DownloadOutlined />}
              aria-label={t('sales.exportLabel', { table: t('sales.pointsTitle') })}
              data-testid="csv-points"
              onClick={() => {
                const csv = pointsCsv(dashboard.points.series, [
                  t('sales.period'),
                  t('sales.pointsEarned'),
                  t('sales.pointsRedeemed'),
                  t('sales.pointsExpired'),
                ]);
                download(csv, `points-${props.bankId}-${range[0]}-${range[1]}.csv`);
                void message.success(t('sales.exported', { rows: dashboard.points.series.length }));
              }}
            >
              {t('sales.exportCsv')}
            </Button>
          }
        />
      )}
      {!dashboard && !error && <Card loading />}
    </Space>
  );
}

type Money = ReturnType<typeof useMoney>;

function Figures(props: {
  dashboard: Dashboard;
  money: Money;
  exportButton: (table: SalesDashboardTable, title: string) => ReactNode;
  section: (title: string) => ReactNode;
  pointsExportButton: ReactNode;
}) {
  const { t } = useTranslation();
  const { dashboard: d, money, exportButton, section } = props;
  const cards: { key: string; title: string; value: string }[] = [
    { key: 'gmv-cash', title: t('sales.gmvCash'), value: money.yuan(d.totals.gmvCashFen) },
    { key: 'gmv-points-value', title: t('sales.gmvPointsValue'), value: money.yuan(d.totals.gmvPointsValueFen) },
    { key: 'orders', title: t('sales.orders'), value: money.count(d.totals.orders) },
    { key: 'points-redeemed', title: t('sales.pointsRedeemed'), value: money.count(d.totals.pointsRedeemed) },
    { key: 'points-earned', title: t('sales.pointsEarned'), value: money.count(d.points.earned) },
    { key: 'redemption-rate', title: t('sales.redemptionRate'), value: money.bp(d.points.redemptionRateBp) },
    { key: 'active-customers', title: t('sales.activeCustomers'), value: money.count(d.totals.activeCustomers) },
    { key: 'gmv', title: t('sales.gmv'), value: money.yuan(d.totals.gmvFen) },
  ];
  const yuanAxis = { type: 'value', axisLabel: { formatter: (v: number) => money.count(v) } };
  const toYuan = (fen: number) => fen / 100;
  /** Cash and points value (fen) stacked per category, on the yuan axis: the by-tier and by-campaign charts. */
  const stackedYuanBars = (
    categories: string[],
    cash: [name: string, fen: number[]],
    points: [name: string, fen: number[]],
  ): EChartsCoreOption => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: categories },
    yAxis: yuanAxis,
    series: [cash, points].map(([name, fen]) => ({ name, type: 'bar', stack: 'gmv', data: fen.map(toYuan) })),
  });

  const seriesOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 48, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: d.series.map((b) => b.label) },
      yAxis: [yuanAxis, { type: 'value', minInterval: 1 }],
      series: [
        { name: t('sales.gmvCash'), type: 'bar', stack: 'gmv', data: d.series.map((b) => toYuan(b.gmvCashFen)) },
        {
          name: t('sales.gmvPointsValue'),
          type: 'bar',
          stack: 'gmv',
          data: d.series.map((b) => toYuan(b.gmvPointsValueFen)),
        },
        { name: t('sales.orders'), type: 'line', yAxisIndex: 1, data: d.series.map((b) => b.orders) },
      ],
    }),
    [d, t],
  );
  const pointsOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: d.points.series.map((b) => b.label) },
      yAxis: { type: 'value' },
      series: [
        { name: t('sales.pointsEarned'), type: 'line', data: d.points.series.map((b) => b.earned) },
        { name: t('sales.pointsRedeemed'), type: 'line', data: d.points.series.map((b) => b.redeemed) },
        { name: t('sales.pointsExpired'), type: 'line', data: d.points.series.map((b) => b.expired) },
      ],
    }),
    [d, t],
  );
  const topOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 160, right: 24, top: 12, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: d.topListings.map((l) => l.titleAsSold) },
      series: [{ name: t('sales.quantity'), type: 'bar', data: d.topListings.map((l) => l.quantity) }],
    }),
    [d, t],
  );
  const tierName = (row: Dashboard['byTier'][number]) => row.tier?.name ?? row.tierId ?? t('sales.noTier');
  const campaignName = (row: Dashboard['byCampaign'][number]) =>
    row.campaignId ? (row.campaign?.name ?? row.campaignId) : t('sales.noCampaign');
  const tierOption = useMemo<EChartsCoreOption>(
    () =>
      stackedYuanBars(
        d.byTier.map(tierName),
        [t('sales.gmvCash'), d.byTier.map((r) => r.gmvCashFen)],
        [t('sales.gmvPointsValue'), d.byTier.map((r) => r.gmvPointsValueFen)],
      ),
    [d, t],
  );
  const campaignOption = useMemo<EChartsCoreOption>(
    () =>
      stackedYuanBars(
        d.byCampaign.map(campaignName),
        [t('sales.cash'), d.byCampaign.map((r) => r.cashFen)],
        [t('sales.pointsValue'), d.byCampaign.map((r) => r.pointsValueFen)],
      ),
    [d, t],
  );
  const yuanColumn = <T,>(title: string, fen: (r: T) => number) => ({
    title,
    align: 'right' as const,
    render: (_: unknown, r: T) => money.yuan(fen(r)),
  });
  const countColumn = <T,>(title: string, n: (r: T) => number) => ({
    title,
    align: 'right' as const,
    render: (_: unknown, r: T) => money.count(n(r)),
  });
  const tableProps = {
    size: 'small' as const,
    pagination: false as const,
    locale: { emptyText: <Typography.Text>{t('sales.empty')}</Typography.Text> },
  };

  return (
    <>
      <Row gutter={[16, 16]} data-testid="sales-totals">
        {cards.map((c) => (
          <Col key={c.key} xs={24} sm={12} lg={6}>
            <Card size="small" loading={false}>
              <div data-testid={`total-${c.key}`}>
                <Statistic title={c.title} value={c.value} />
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={section(t('sales.seriesTitle'))} extra={exportButton('SERIES', t('sales.seriesTitle'))}>
        <EChart option={seriesOption} label={t('sales.seriesChart')} testId="chart-series" />
        <Table<Dashboard['series'][number]>
          {...tableProps}
          rowKey="periodStart"
          dataSource={d.series}
          data-testid="table-series"
          columns={[
            { title: t('sales.period'), dataIndex: 'label' },
            countColumn(t('sales.orders'), (r) => r.orders),
            yuanColumn(t('sales.gmvCash'), (r) => r.gmvCashFen),
            yuanColumn(t('sales.gmvPointsValue'), (r) => r.gmvPointsValueFen),
            yuanColumn(t('sales.gmv'), (r) => r.gmvFen),
            countColumn(t('sales.pointsRedeemed'), (r) => r.pointsRedeemed),
            countColumn(t('sales.refunds'), (r) => r.refunds),
          ]}
        />
      </Card>
      <Card title={section(t('sales.pointsTitle'))} extra={props.pointsExportButton}>
        <Row gutter={[16, 16]}>
          <Col xs={24} sm={8}>
            <Statistic title={t('sales.pointsEarned')} value={money.count(d.points.earned)} />
          </Col>
          <Col xs={24} sm={8}>
            <Statistic title={t('sales.pointsRedeemed')} value={money.count(d.points.redeemed)} />
          </Col>
          <Col xs={24} sm={8}>
            <Statistic title={t('sales.pointsExpired')} value={money.count(d.points.expired)} />
          </Col>
        </Row>
        <EChart option={pointsOption} label={t('sales.pointsChart')} testId="chart-points" />
        <Table<Dashboard['points']['series'][number]>
          {...tableProps}
          rowKey="label"
          dataSource={d.points.series}
          data-testid="table-points"
          columns={[
            { title: t('sales.period'), dataIndex: 'label' },
            countColumn(t('sales.pointsEarned'), (r) => r.earned),
            countColumn(t('sales.pointsRedeemed'), (r) => r.redeemed),
            countColumn(t('sales.pointsExpired'), (r) => r.expired),
          ]}
        />
      </Card>
      <Card title={section(t('sales.topTitle'))} extra={exportButton('TOP_LISTINGS', t('sales.topTitle'))}>
        <EChart option={topOption} label={t('sales.topChart')} testId="chart-top-listings" />
        <Table<Dashboard['topListings'][number]>
          {...tableProps}
          rowKey={(r) => r.listing.id}
          dataSource={d.topListings}
          data-testid="table-top-listings"
          columns={[
            { title: t('sales.listing'), dataIndex: 'titleAsSold' },
            countColumn(t('sales.quantity'), (r) => r.quantity),
            yuanColumn(t('sales.cash'), (r) => r.cashFen),
            countColumn(t('sales.points'), (r) => r.points),
            yuanColumn(t('sales.pointsValue'), (r) => r.pointsValueFen),
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={section(t('sales.tierTitle'))} extra={exportButton('BY_TIER', t('sales.tierTitle'))}>
            <EChart option={tierOption} label={t('sales.tierChart')} height={240} testId="chart-by-tier" />
            <Table<Dashboard['byTier'][number]>
              {...tableProps}
              rowKey={(r) => r.tierId ?? 'none'}
              dataSource={d.byTier}
              data-testid="table-by-tier"
              columns={[
                { title: t('sales.tier'), render: (_: unknown, r) => tierName(r) },
                countColumn(t('sales.orders'), (r) => r.orders),
                yuanColumn(t('sales.gmvCash'), (r) => r.gmvCashFen),
                yuanColumn(t('sales.gmvPointsValue'), (r) => r.gmvPointsValueFen),
                countColumn(t('sales.pointsRedeemed'), (r) => r.pointsRedeemed),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={section(t('sales.campaignTitle'))} extra={exportButton('BY_CAMPAIGN', t('sales.campaignTitle'))}>
            <EChart option={campaignOption} label={t('sales.campaignChart')} height={240} testId="chart-by-campaign" />
            <Table<Dashboard['byCampaign'][number]>
              {...tableProps}
              rowKey={(r) => r.campaignId ?? 'none'}
              dataSource={d.byCampaign}
              data-testid="table-by-campaign"
              columns={[
                { title: t('sales.campaign'), render: (_: unknown, r) => campaignName(r) },
                countColumn(t('sales.orders'), (r) => r.orders),
                countColumn(t('sales.quantity'), (r) => r.quantity),
                yuanColumn(t('sales.cash'), (r) => r.cashFen),
                countColumn(t('sales.points'), (r) => r.points),
                yuanColumn(t('sales.pointsValue'), (r) => r.pointsValueFen),
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
