/**
 * The supplier scorecard (供应商评分): supplier orders paid, the supplier's cancellations of units it
 * could not fill and every approved refund, per UTC day or month (`supplierScorecard`; the supplier
 * itself with SEE_SETTLEMENT, the platform with SEE_REPORTS picking the supplier; banks cannot ask).
 * A chart, its table and a CSV export of the table, like the sales dashboard.
 */
import { useMemo, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Col from 'antd/es/col';
import DatePicker from 'antd/es/date-picker';
import Row from 'antd/es/row';
import Segmented from 'antd/es/segmented';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Statistic from 'antd/es/statistic';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { EChartsCoreOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api';
import { csvText, download } from '../../csv';
import { graphql } from '../../gql';
import type { ConsoleSupplierScorecardQuery, ScorecardGranularity } from '../../gql/graphql';
import { useMe } from '../../me';
import EChart from '../EChart';
import { fenToYuan } from '../orders/format';

// One document: the operation first (the safelist test reads the `query Name` it starts with), then
// the fragment its whole range and each period share.
const ScorecardDocument = graphql(`
  query ConsoleSupplierScorecard($input: SupplierScorecardInput!) {
    supplierScorecard(input: $input) {
      supplierId
      fromDay
      toDay
      total {
        ...ConsoleScorecardFigures
      }
      periods {
        ...ConsoleScorecardFigures
      }
    }
  }

  fragment ConsoleScorecardFigures on SupplierScorecardPeriod {
    periodStart
    supplierOrders
    cancellations
    supplierOrdersWithCancellations
    cancelledLines
    cancelledUnits
    cancelRateBp
    refunds
    refundedUnits
    refundedPoints
    refundedCashFen
  }
`);

const SuppliersDocument = graphql(`
  query ConsoleScorecardSuppliers {
    suppliers(first: 100) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
  }
`);

type Period = ConsoleSupplierScorecardQuery['supplierScorecard']['periods'][number];
const DAY = 'YYYY-MM-DD';

/** The last 30 UTC days, today included (the API counts UTC days). */
function lastMonth(): [string, string] {
  const today = new Date().toISOString().slice(0, 10);
  return [dayjs(today).subtract(29, 'day').format(DAY), today];
}

/** The supplier's own scorecard, or the platform's pick of a supplier. */
export default function Scorecard() {
  const me = useMe();
  if (me.supplier) return <SupplierScorecard supplierId={me.supplier.id} supplierName={me.supplier.name} />;
  return <PickSupplier />;
}

function PickSupplier() {
  const { t } = useTranslation();
  const { data, error } = useQuery(SuppliersDocument, {});
  const [picked, setPicked] = useState<string | null>(null);
  const suppliers = data?.suppliers.edges.map((e) => e.node) ?? [];
  const supplier = suppliers.find((s) => s.id === picked) ?? suppliers[0];
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <label htmlFor="scorecard-supplier">{t('scorecard.supplier')}</label>
        <Select
          id="scorecard-supplier"
          data-testid="scorecard-supplier"
          style={{ minWidth: 260 }}
          showSearch={{ optionFilterProp: 'label' }}
          loading={!data && !error}
          value={supplier?.id}
          onChange={setPicked}
          options={suppliers.map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }))}
        />
      </Space>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      {supplier && <SupplierScorecard key={supplier.id} supplierId={supplier.id} supplierName={supplier.name} />}
      {data && !supplier && <Alert type="info" title={t('scorecard.noSuppliers')} />}
    </div>
  );
}

function SupplierScorecard(props: { supplierId: string; supplierName: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [range, setRange] = useState<[string, string]>(lastMonth);
  const [granularity, setGranularity] = useState<ScorecardGranularity>('DAY');
  const { data, dataVariables, error, loading } = useQuery(ScorecardDocument, {
    input: { supplierId: props.supplierId, fromDay: range[0], toDay: range[1], granularity },
  });
  const card = data?.supplierScorecard;
  // The periods on screen are labelled as they were asked for: a switch to months keeps showing the
  // days (not days labelled as months) until the months arrive.
  const shownGranularity = dataVariables?.input.granularity ?? granularity;
  const count = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);
  const share = useMemo(
    () => new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 2 }),
    [i18n.language],
  );
  const rate = (bp: number | null | undefined) => (bp == null ? '—' : share.format(bp / 10000));
  const label = (p: Period) => p.periodStart.slice(0, shownGranularity === 'MONTH' ? 7 : 10);

  /** The table's columns, in the CSV too: its header, and each figure as the table shows it. */
  const figures: { key: string; title: string; value: (p: Period) => string | number }[] = [
    { key: 'supplierOrders', title: t('scorecard.supplierOrders'), value: (p) => p.supplierOrders },
    { key: 'cancellations', title: t('scorecard.cancellations'), value: (p) => p.cancellations },
    {
      key: 'hit',
      title: t('scorecard.supplierOrdersWithCancellations'),
      value: (p) => p.supplierOrdersWithCancellations,
    },
    { key: 'cancelledLines', title: t('scorecard.cancelledLines'), value: (p) => p.cancelledLines },
    { key: 'cancelledUnits', title: t('scorecard.cancelledUnits'), value: (p) => p.cancelledUnits },
    { key: 'cancelRate', title: t('scorecard.cancelRate'), value: (p) => rate(p.cancelRateBp) },
    { key: 'refunds', title: t('scorecard.refunds'), value: (p) => p.refunds },
    { key: 'refundedUnits', title: t('scorecard.refundedUnits'), value: (p) => p.refundedUnits },
    { key: 'refundedPoints', title: t('scorecard.refundedPoints'), value: (p) => p.refundedPoints },
    { key: 'refundedCash', title: t('scorecard.refundedCash'), value: (p) => fenToYuan(p.refundedCashFen) },
  ];

  const option = useMemo<EChartsCoreOption | null>(
    () =>
      card
        ? {
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 48, right: 56, top: 36, bottom: 32 },
            xAxis: { type: 'category', data: card.periods.map(label) },
            yAxis: [
              { type: 'value', minInterval: 1 },
              { type: 'value', axisLabel: { formatter: (v: number) => `${v}%` } },
            ],
            series: [
              { name: t('scorecard.supplierOrders'), type: 'bar', data: card.periods.map((p) => p.supplierOrders) },
              {
                name: t('scorecard.supplierOrdersWithCancellations'),
                type: 'bar',
                data: card.periods.map((p) => p.supplierOrdersWithCancellations),
              },
              {
                name: t('scorecard.cancelRate'),
                type: 'line',
                yAxisIndex: 1,
                data: card.periods.map((p) => (p.cancelRateBp == null ? null : p.cancelRateBp / 100)),
              },
            ],
          }
        : null,
    [card, t, shownGranularity],
  );

  const exportCsv = () => {
    if (!card) return;
    const csv = csvText(
      [t('scorecard.period'), ...figures.map((f) => f.title)],
      card.periods.map((p) => [label(p), ...figures.map((f) => f.value(p))]),
    );
    download(csv, `scorecard-${props.supplierId}-${card.fromDay}-${card.toDay}-${shownGranularity.toLowerCase()}.csv`);
    void message.success(t('scorecard.exported', { rows: card.periods.length }));
  };

  const cards = card
    ? [
        {
          key: 'supplier-orders',
          title: t('scorecard.supplierOrders'),
          value: count.format(card.total.supplierOrders),
        },
        { key: 'cancellations', title: t('scorecard.cancellations'), value: count.format(card.total.cancellations) },
        {
          key: 'cancelled-units',
          title: t('scorecard.cancelledUnits'),
          value: count.format(card.total.cancelledUnits),
        },
        { key: 'cancel-rate', title: t('scorecard.cancelRate'), value: rate(card.total.cancelRateBp) },
        { key: 'refunds', title: t('scorecard.refunds'), value: count.format(card.total.refunds) },
        {
          key: 'refunded-cash',
          title: t('scorecard.refundedCash'),
          value: `¥${fenToYuan(card.total.refundedCashFen)}`,
        },
      ]
    : [];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-scorecard">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('scorecard.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('scorecard.intro', { supplier: props.supplierName })}</Typography.Paragraph>
      </div>
      <Card>
        <Space wrap size="large" align="center">
          <Space>
            <span id="scorecard-range-label">{t('scorecard.range')}</span>
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(range[0]), dayjs(range[1])]}
              onChange={(v: [Dayjs | null, Dayjs | null] | null) => {
                if (v?.[0] && v[1]) setRange([v[0].format(DAY), v[1].format(DAY)]);
              }}
              aria-labelledby="scorecard-range-label"
              data-testid="scorecard-range"
            />
          </Space>
          <Space>
            <span id="scorecard-granularity-label">{t('scorecard.granularity')}</span>
            <Segmented<ScorecardGranularity>
              value={granularity}
              onChange={setGranularity}
              aria-labelledby="scorecard-granularity-label"
              data-testid="scorecard-granularity"
              options={(['DAY', 'MONTH'] as const).map((g) => ({ value: g, label: t(`scorecard.${g}`) }))}
            />
          </Space>
        </Space>
      </Card>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      {card && option && (
        <>
          <Row gutter={[16, 16]}>
            {cards.map((c) => (
              <Col key={c.key} xs={24} sm={12} lg={4}>
                <Card size="small">
                  <div data-testid={`scorecard-total-${c.key}`}>
                    <Statistic title={c.title} value={c.value} />
                  </div>
                </Card>
              </Col>
            ))}
          </Row>
          <Card
            title={
              <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                {t('scorecard.seriesTitle')}
              </Typography.Title>
            }
            extra={
              <Button
                icon={<DownloadOutlined />}
                onClick={exportCsv}
                aria-label={t('scorecard.exportLabel')}
                data-testid="csv-scorecard"
              >
                {t('sales.exportCsv')}
              </Button>
            }
          >
            <EChart option={option} label={t('scorecard.chart')} testId="chart-scorecard" />
            <Table<Period>
              size="small"
              pagination={false}
              loading={loading}
              rowKey="periodStart"
              dataSource={card.periods}
              data-testid="table-scorecard"
              scroll={{ x: true }}
              columns={[
                { title: t('scorecard.period'), key: 'period', render: (_, p) => label(p) },
                ...figures.map((f) => ({
                  title: f.title,
                  key: f.key,
                  align: 'right' as const,
                  render: (_: unknown, p: Period) =>
                    typeof f.value(p) === 'number' ? count.format(f.value(p) as number) : f.value(p),
                })),
              ]}
            />
          </Card>
        </>
      )}
      {!card && !error && <Card loading />}
    </Space>
  );
}
