/**
 * The marketplace dashboard (平台经营看板, platform SEE_REPORTS): over a range of UTC days, orders and
 * GMV (cash + points value) of every bank (`marketplaceSales`), GMV by bank (`marketplaceGmvByBank`)
 * and sales at supplier price by supplier (`marketplaceSalesBySupplier`), both keyset paged; and the
 * shared pool's health now (`poolHealth`: SKUs on sale, out of stock, card pools running dry) with
 * the dry pools themselves (`virtualCardKinds(depletingOnly: true)`, keyset paged).
 */
import { useMemo, useState } from 'react';
import Alert from 'antd/es/alert';
import Card from 'antd/es/card';
import Col from 'antd/es/col';
import DatePicker from 'antd/es/date-picker';
import Row from 'antd/es/row';
import Space from 'antd/es/space';
import Statistic from 'antd/es/statistic';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import dayjs, { type Dayjs } from 'dayjs';
import type { EChartsCoreOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api';
import { graphql } from '../../gql';
import { Pager, useCursorPages } from '../../paging';
import EChart from '../EChart';
import { fenToYuan } from '../orders/format';

const TotalsDocument = graphql(`
  query ConsoleMarketplaceTotals($input: MarketplaceSalesInput!) {
    marketplaceSales(input: $input) {
      fromDay
      toDay
      orders
      gmvCashFen
      gmvPointsValueFen
      gmvFen
      supplierSalesFen
    }
    poolHealth {
      skusOnSale
      outOfStock
      cardPoolsRunningDry
      cardPoolsEmpty
      computedAt
    }
  }
`);

const ByBankDocument = graphql(`
  query ConsoleMarketplaceByBank($input: MarketplaceSalesInput!, $first: Int, $after: String) {
    marketplaceGmvByBank(input: $input, first: $first, after: $after) {
      edges {
        node {
          bankId
          bank {
            id
            name
            code
          }
          orders
          gmvCashFen
          gmvPointsValueFen
          gmvFen
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const BySupplierDocument = graphql(`
  query ConsoleMarketplaceBySupplier($input: MarketplaceSalesInput!, $first: Int, $after: String) {
    marketplaceSalesBySupplier(input: $input, first: $first, after: $after) {
      edges {
        node {
          supplierId
          supplier {
            id
            name
            code
          }
          orders
          units
          salesFen
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const DryPoolsDocument = graphql(`
  query ConsoleMarketplaceDryPools($first: Int, $after: String) {
    virtualCardKinds(depletingOnly: true, first: $first, after: $after) {
      edges {
        node {
          id
          name
          faceValueFen
          lowPoolThreshold
          pool {
            available
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const DAY = 'YYYY-MM-DD';

/** The last 30 UTC days, today included (the report rows are UTC hours and days). */
function lastMonth(): [string, string] {
  const today = new Date().toISOString().slice(0, 10);
  return [dayjs(today).subtract(29, 'day').format(DAY), today];
}

function Figure({ testId, title, value, fen }: { testId: string; title: string; value: number; fen?: boolean }) {
  return (
    <Card size="small" data-testid={testId} data-value={value}>
      <Statistic title={title} value={fen ? fenToYuan(value) : value} prefix={fen ? '¥' : undefined} />
    </Card>
  );
}

export default function MarketplaceDashboard() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[string, string]>(lastMonth);
  const input = { fromDay: range[0], toDay: range[1] };
  const bankPages = useCursorPages();
  const supplierPages = useCursorPages();
  const poolPages = useCursorPages();
  const totals = useQuery(TotalsDocument, { input });
  const byBank = useQuery(ByBankDocument, { input, first: 20, after: bankPages.after });
  const bySupplier = useQuery(BySupplierDocument, { input, first: 20, after: supplierPages.after });
  const dry = useQuery(DryPoolsDocument, { first: 20, after: poolPages.after });
  const banks = useMemo(() => byBank.data?.marketplaceGmvByBank.edges.map((e) => e.node) ?? [], [byBank.data]);
  const suppliers = bySupplier.data?.marketplaceSalesBySupplier.edges.map((e) => e.node) ?? [];
  const s = totals.data?.marketplaceSales;
  const h = totals.data?.poolHealth;
  const error = totals.error ?? byBank.error ?? bySupplier.error ?? dry.error;

  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 64, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: banks.map((b) => b.bank.name ?? b.bankId) },
      yAxis: { type: 'value' },
      series: [
        { name: t('marketplace.gmvCash'), type: 'bar', stack: 'gmv', data: banks.map((b) => b.gmvCashFen / 100) },
        {
          name: t('marketplace.gmvPoints'),
          type: 'bar',
          stack: 'gmv',
          data: banks.map((b) => b.gmvPointsValueFen / 100),
        },
      ],
    }),
    [banks, t],
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-marketplace">
      <Typography.Title level={1}>{t('marketplace.title')}</Typography.Title>
      <Typography.Paragraph>{t('marketplace.intro')}</Typography.Paragraph>
      <Space>
        <span id="marketplace-range-label">{t('marketplace.range')}</span>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v: [Dayjs | null, Dayjs | null] | null) => {
            if (v?.[0] && v[1]) {
              setRange([v[0].format(DAY), v[1].format(DAY)]);
              bankPages.reset();
              supplierPages.reset();
            }
          }}
          aria-labelledby="marketplace-range-label"
          data-testid="marketplace-range"
        />
      </Space>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      {s && (
        <Row gutter={[16, 16]} data-testid="marketplace-totals">
          <Col xs={12} md={6}>
            <Figure testId="total-orders" title={t('marketplace.orders')} value={s.orders} />
          </Col>
          <Col xs={12} md={6}>
            <Figure testId="total-gmv" title={t('marketplace.gmv')} value={s.gmvFen} fen />
          </Col>
          <Col xs={12} md={6}>
            <Figure testId="total-gmv-cash" title={t('marketplace.gmvCash')} value={s.gmvCashFen} fen />
          </Col>
          <Col xs={12} md={6}>
            <Figure
              testId="total-supplier-sales"
              title={t('marketplace.supplierSales')}
              value={s.supplierSalesFen}
              fen
            />
          </Col>
        </Row>
      )}
      <Typography.Title level={2}>{t('marketplace.poolHealth')}</Typography.Title>
      {h && (
        <Typography.Text type="secondary" data-testid="pool-health-as-of">
          {t('marketplace.poolHealthAsOf', { at: new Date(h.computedAt as string).toLocaleString() })}
        </Typography.Text>
      )}
      {h && (
        <Row gutter={[16, 16]} data-testid="pool-health">
          <Col xs={12} md={6}>
            <Figure testId="pool-on-sale" title={t('marketplace.skusOnSale')} value={h.skusOnSale} />
          </Col>
          <Col xs={12} md={6}>
            <Figure testId="pool-out-of-stock" title={t('marketplace.outOfStock')} value={h.outOfStock} />
          </Col>
          <Col xs={12} md={6}>
            <Figure testId="pool-running-dry" title={t('marketplace.poolsRunningDry')} value={h.cardPoolsRunningDry} />
          </Col>
          <Col xs={12} md={6}>
            <Figure testId="pool-empty" title={t('marketplace.poolsEmpty')} value={h.cardPoolsEmpty} />
          </Col>
        </Row>
      )}
      <Typography.Title level={2}>{t('marketplace.byBank')}</Typography.Title>
      {banks.length > 0 && <EChart option={option} label={t('marketplace.byBankChart')} testId="chart-by-bank" />}
      <Table
        rowKey="bankId"
        size="small"
        loading={byBank.loading}
        pagination={false}
        dataSource={banks}
        data-testid="by-bank-table"
        columns={[
          { title: t('marketplace.bank'), key: 'bank', render: (_, b) => `${b.bank.name} (${b.bank.code})` },
          { title: t('marketplace.orders'), dataIndex: 'orders' },
          { title: t('marketplace.gmvCash'), key: 'cash', render: (_, b) => fenToYuan(b.gmvCashFen) },
          { title: t('marketplace.gmvPoints'), key: 'points', render: (_, b) => fenToYuan(b.gmvPointsValueFen) },
          {
            title: t('marketplace.gmv'),
            key: 'gmv',
            render: (_, b) => <span data-testid={`bank-gmv-${b.bankId}`}>{fenToYuan(b.gmvFen)}</span>,
          },
        ]}
      />
      <Pager
        pages={bankPages}
        hasNextPage={byBank.data?.marketplaceGmvByBank.pageInfo.hasNextPage}
        endCursor={byBank.data?.marketplaceGmvByBank.pageInfo.endCursor}
        loading={byBank.loading}
        testId="by-bank"
      />
      <Typography.Title level={2}>{t('marketplace.bySupplier')}</Typography.Title>
      <Table
        rowKey="supplierId"
        size="small"
        loading={bySupplier.loading}
        pagination={false}
        dataSource={suppliers}
        data-testid="by-supplier-table"
        columns={[
          {
            title: t('marketplace.supplier'),
            key: 'supplier',
            render: (_, r) => `${r.supplier.name} (${r.supplier.code})`,
          },
          { title: t('marketplace.supplierOrders'), dataIndex: 'orders' },
          { title: t('marketplace.units'), dataIndex: 'units' },
          {
            title: t('marketplace.supplierSales'),
            key: 'sales',
            render: (_, r) => <span data-testid={`supplier-sales-${r.supplierId}`}>{fenToYuan(r.salesFen)}</span>,
          },
        ]}
      />
      <Pager
        pages={supplierPages}
        hasNextPage={bySupplier.data?.marketplaceSalesBySupplier.pageInfo.hasNextPage}
        endCursor={bySupplier.data?.marketplaceSalesBySupplier.pageInfo.endCursor}
        loading={bySupplier.loading}
        testId="by-supplier"
      />
      <Typography.Title level={2}>{t('marketplace.dryPools')}</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        loading={dry.loading}
        pagination={false}
        dataSource={dry.data?.virtualCardKinds.edges.map((e) => e.node) ?? []}
        data-testid="dry-pools-table"
        columns={[
          { title: t('marketplace.cardKind'), dataIndex: 'name' },
          { title: t('marketplace.faceValue'), key: 'face', render: (_, k) => fenToYuan(k.faceValueFen) },
          { title: t('marketplace.codesLeft'), key: 'left', render: (_, k) => k.pool.available },
          { title: t('marketplace.threshold'), dataIndex: 'lowPoolThreshold' },
        ]}
      />
      <Pager
        pages={poolPages}
        hasNextPage={dry.data?.virtualCardKinds.pageInfo.hasNextPage}
        endCursor={dry.data?.virtualCardKinds.pageInfo.endCursor}
        loading={dry.loading}
        testId="dry-pools"
      />
    </Space>
  );
}
