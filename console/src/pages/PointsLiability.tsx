/**
 * Points liability (积分负债) for a bank's finance team: the redeemable points its customers hold
 * (available + held by unpaid orders) valued at the bank's points value, the points expiring within
 * 30/60/90 days, and the monthly movements in the bank's time zone (`pointsLiability`, loyalty;
 * bank staff with SEE_REPORTS, the platform picking the bank). Exports: CSV and XLSX made by the
 * server (`pointsLiabilityExport`), the same figures.
 */
import { useMemo, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Col from 'antd/es/col';
import DatePicker from 'antd/es/date-picker';
import Row from 'antd/es/row';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Statistic from 'antd/es/statistic';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { EChartsCoreOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { request, useQuery } from '../api';
import { downloadBase64 } from '../csv';
import { graphql } from '../gql';
import type { ConsolePointsLiabilityQuery, PointsLiabilityFileFormat } from '../gql/graphql';
import { useMe } from '../me';
import EChart from './EChart';
import { fenToYuan } from './orders/format';

const LiabilityDocument = graphql(`
  query ConsolePointsLiability($input: PointsLiabilityInput!) {
    pointsLiability(input: $input) {
      bankId
      asOf
      timeZone
      pointsPerYuan
      availablePoints
      heldPoints
      outstandingPoints
      liabilityFen
      overduePoints
      expiring {
        withinDays
        points
        liabilityFen
      }
      months {
        month
        opening
        earned
        redeemed
        refunded
        expired
        adjusted
        closing
        closingLiabilityFen
      }
    }
  }
`);

const ExportDocument = graphql(`
  query ConsolePointsLiabilityExport(
    $input: PointsLiabilityInput!
    $format: PointsLiabilityFileFormat!
    $language: CsvLanguage
  ) {
    pointsLiabilityExport(input: $input, format: $format, language: $language) {
      fileName
      contentType
      base64
    }
  }
`);

const BanksDocument = graphql(`
  query ConsoleLiabilityBanks {
    banks(first: 100) {
      edges {
        node {
          id
          code
          name
          timeZone
        }
      }
    }
  }
`);

type Month = ConsolePointsLiabilityQuery['pointsLiability']['months'][number];
const MONTH = 'YYYY-MM';

/** The current month in the bank's time zone (the API's months are the bank's). */
function monthIn(zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit' }).formatToParts(
    new Date(),
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}`;
}

/** Bank staff see their own bank; the platform picks one. */
export default function PointsLiability() {
  const me = useMe();
  if (me.bank) return <BankLiability bankId={me.bank.id} bankName={me.bank.name} timeZone={me.bank.timeZone} />;
  return <PickBank />;
}

function PickBank() {
  const { t } = useTranslation();
  const { data, error } = useQuery(BanksDocument, {});
  const [picked, setPicked] = useState<string | null>(null);
  const banks = data?.banks.edges.map((e) => e.node) ?? [];
  const bank = banks.find((b) => b.id === picked) ?? banks[0];
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <label htmlFor="liability-bank">{t('pointsLiability.bank')}</label>
        <Select
          id="liability-bank"
          data-testid="liability-bank"
          style={{ minWidth: 260 }}
          showSearch={{ optionFilterProp: 'label' }}
          loading={!data && !error}
          value={bank?.id}
          onChange={setPicked}
          options={banks.map((b) => ({ value: b.id, label: `${b.name} (${b.code})` }))}
        />
      </Space>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      {data && !bank && <Alert type="info" title={t('pointsLiability.noBanks')} />}
      {bank && <BankLiability key={bank.id} bankId={bank.id} bankName={bank.name} timeZone={bank.timeZone} />}
    </div>
  );
}

function BankLiability(props: { bankId: string; bankName: string; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [range, setRange] = useState<[string, string]>(() => {
    const now = monthIn(props.timeZone);
    return [dayjs(`${now}-01`).subtract(11, 'month').format(MONTH), now];
  });
  const input = { bankId: props.bankId, fromMonth: range[0], toMonth: range[1] };
  const { data, error, loading } = useQuery(LiabilityDocument, { input });
  const [exporting, setExporting] = useState<PointsLiabilityFileFormat | null>(null);
  const report = data?.pointsLiability;
  const count = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);

  const figures: { key: string; title: string; value: (m: Month) => number; fen?: boolean }[] = [
    { key: 'opening', title: t('pointsLiability.opening'), value: (m) => m.opening },
    { key: 'earned', title: t('pointsLiability.earned'), value: (m) => m.earned },
    { key: 'redeemed', title: t('pointsLiability.redeemed'), value: (m) => m.redeemed },
    { key: 'refunded', title: t('pointsLiability.refunded'), value: (m) => m.refunded },
    { key: 'expired', title: t('pointsLiability.expired'), value: (m) => m.expired },
    { key: 'adjusted', title: t('pointsLiability.adjusted'), value: (m) => m.adjusted },
    { key: 'closing', title: t('pointsLiability.closing'), value: (m) => m.closing },
    {
      key: 'closingLiability',
      title: t('pointsLiability.closingLiability'),
      value: (m) => m.closingLiabilityFen,
      fen: true,
    },
  ];

  const option = useMemo<EChartsCoreOption | null>(
    () =>
      report
        ? {
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 64, right: 72, top: 36, bottom: 32 },
            xAxis: { type: 'category', data: report.months.map((m) => m.month) },
            yAxis: [{ type: 'value' }, { type: 'value' }],
            series: [
              { name: t('pointsLiability.earned'), type: 'bar', data: report.months.map((m) => m.earned) },
              { name: t('pointsLiability.redeemed'), type: 'bar', data: report.months.map((m) => m.redeemed) },
              { name: t('pointsLiability.expired'), type: 'bar', data: report.months.map((m) => m.expired) },
              {
                name: t('pointsLiability.closing'),
                type: 'line',
                yAxisIndex: 1,
                data: report.months.map((m) => m.closing),
              },
            ],
          }
        : null,
    [report, t],
  );

  const exportFile = async (format: PointsLiabilityFileFormat) => {
    setExporting(format);
    try {
      const r = await request(ExportDocument, {
        input,
        format,
        language: i18n.language.startsWith('zh') ? 'ZH_CN' : 'EN',
      });
      const f = r.pointsLiabilityExport;
      downloadBase64(f.base64, f.fileName, f.contentType);
      void message.success(t('pointsLiability.exported', { file: f.fileName }));
    } catch (e) {
      void message.error(t('common.error', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setExporting(null);
    }
  };

  const cards = report
    ? [
        { key: 'outstanding', title: t('pointsLiability.outstanding'), value: count.format(report.outstandingPoints) },
        { key: 'liability', title: t('pointsLiability.liability'), value: `¥${fenToYuan(report.liabilityFen)}` },
        { key: 'available', title: t('pointsLiability.available'), value: count.format(report.availablePoints) },
        { key: 'held', title: t('pointsLiability.held'), value: count.format(report.heldPoints) },
        ...report.expiring.map((b) => ({
          key: `expiring-${b.withinDays}`,
          title: t('pointsLiability.expiring', { days: b.withinDays }),
          value: count.format(b.points),
        })),
        { key: 'overdue', title: t('pointsLiability.overdue'), value: count.format(report.overduePoints) },
      ]
    : [];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-points-liability">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('pointsLiability.title')}
        </Typography.Title>
        <Typography.Paragraph>
          {t('pointsLiability.intro', {
            bank: props.bankName,
            rate: report?.pointsPerYuan ?? '…',
            zone: props.timeZone,
          })}
        </Typography.Paragraph>
      </div>
      <Card>
        <Space wrap size="large" align="center">
          <Space>
            <span id="liability-range-label">{t('pointsLiability.range')}</span>
            <DatePicker.RangePicker
              picker="month"
              allowClear={false}
              value={[dayjs(`${range[0]}-01`), dayjs(`${range[1]}-01`)]}
              disabledDate={(d: Dayjs) => d.format(MONTH) > monthIn(props.timeZone)}
              onChange={(v: [Dayjs | null, Dayjs | null] | null) => {
                if (v?.[0] && v[1]) setRange([v[0].format(MONTH), v[1].format(MONTH)]);
              }}
              aria-labelledby="liability-range-label"
              data-testid="liability-range"
            />
          </Space>
          {report && (
            <Typography.Text data-testid="liability-as-of">
              {t('pointsLiability.asOf', { at: dayjs(report.asOf).format('YYYY-MM-DD HH:mm') })}
            </Typography.Text>
          )}
          <Space>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void exportFile('CSV')}
              loading={exporting === 'CSV'}
              disabled={!report}
              aria-label={t('pointsLiability.exportCsvLabel')}
              data-testid="liability-export-csv"
            >
              {t('pointsLiability.exportCsv')}
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              onClick={() => void exportFile('XLSX')}
              loading={exporting === 'XLSX'}
              disabled={!report}
              aria-label={t('pointsLiability.exportXlsxLabel')}
              data-testid="liability-export-xlsx"
            >
              {t('pointsLiability.exportXlsx')}
            </Button>
          </Space>
        </Space>
      </Card>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      {report && option && (
        <>
          <Row gutter={[16, 16]}>
            {cards.map((c) => (
              <Col key={c.key} xs={24} sm={12} lg={6}>
                <Card size="small">
                  <div data-testid={`liability-${c.key}`}>
                    <Statistic title={c.title} value={c.value} />
                  </div>
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary">{t('pointsLiability.expiringHint')}</Typography.Text>
          <Card
            title={
              <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                {t('pointsLiability.movementsTitle')}
              </Typography.Title>
            }
          >
            <EChart option={option} label={t('pointsLiability.chart')} testId="chart-liability" />
            <Table<Month>
              size="small"
              pagination={false}
              loading={loading}
              rowKey="month"
              dataSource={report.months}
              data-testid="table-liability"
              scroll={{ x: true }}
              columns={[
                { title: t('pointsLiability.month'), key: 'month', dataIndex: 'month' },
                ...figures.map((f) => ({
                  title: f.title,
                  key: f.key,
                  align: 'right' as const,
                  render: (_: unknown, m: Month) => (f.fen ? fenToYuan(f.value(m)) : count.format(f.value(m))),
                })),
              ]}
            />
          </Card>
        </>
      )}
      {!report && !error && <Card loading />}
    </Space>
  );
}
