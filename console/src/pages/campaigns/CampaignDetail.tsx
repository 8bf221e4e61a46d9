/**
 * One campaign with its live figures: units sold, spent against the budget (tenants, updated in
 * the checkout's transaction) and, for people with SEE_REPORTS, its GMV and orders from the sales
 * dashboard's byCampaign over the campaign's days. Both are read again every 5 seconds.
 */
import { useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Descriptions from 'antd/es/descriptions';
import Popconfirm from 'antd/es/popconfirm';
import Progress from 'antd/es/progress';
import Space from 'antd/es/space';
import Statistic from 'antd/es/statistic';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';
import { useMe } from '../../me';
import { dayIn, formatters } from './format';
import { STATUS_COLOURS } from './status';

const CampaignDocument = graphql(`
  query ConsoleCampaign($id: ID!) {
    campaign(id: $id) {
      id
      name
      template
      status
      startsAt
      endsAt
      budgetFen
      spentFen
      remainingFen
      unitsSold
      mall {
        id
      }
      targetSegments {
        id
        name
      }
      targetTiers {
        id
        name
      }
      items(first: 100) {
        edges {
          node {
            priceMode
            pricePoints
            priceFen
            unitSubsidyFen
            listing {
              id
              priceMode
              pricePoints
              priceFen
              sku {
                id
                title
              }
            }
          }
        }
      }
    }
  }
`);

const CampaignSalesDocument = graphql(`
  query ConsoleCampaignSales($input: SalesDashboardInput!) {
    salesDashboard(input: $input) {
      version
      byCampaign {
        campaignId
        orders
        quantity
        cashFen
        pointsValueFen
      }
    }
  }
`);

const CancelDocument = graphql(`
  mutation ConsoleCancelCampaign($input: CancelCampaignInput!) {
    cancelCampaign(input: $input) {
      campaign {
        id
        status
      }
    }
  }
`);

const POLL_MS = 5000;
/** The dashboard's longest DAY range; a longer campaign shows its first 731 days' sales. */
const MAX_DAYS = 731;

export default function CampaignDetail({ campaignId, timeZone }: { campaignId: string; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const fmt = formatters(i18n.language, timeZone);
  const { data, error, reload } = useQuery(CampaignDocument, { id: campaignId });
  const c = data?.campaign;
  const seesReports = me.permissions.includes('SEE_REPORTS') && Boolean(me.bank);
  const [sales, setSales] = useState<{ orders: number; gmvFen: number } | null>(null);

  useEffect(() => {
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);

  // The campaign's days in the bank's time zone, read with the campaign figures.
  const fromDay = c ? dayIn(new Date(c.startsAt), timeZone) : null;
  const lastDay = c ? dayIn(new Date(new Date(c.endsAt).getTime() - 1), timeZone) : null;
  const toDay =
    fromDay && lastDay
      ? [lastDay, dayIn(new Date(new Date(c!.startsAt).getTime() + (MAX_DAYS - 1) * 86_400_000), timeZone)].sort()[0]!
      : null;
  useEffect(() => {
    if (!seesReports || !fromDay || !toDay || !me.bank || !c) return;
    let live = true;
    request(CampaignSalesDocument, { input: { bankId: me.bank.id, mallId: c.mall.id, fromDay, toDay } }).then(
      (d) => {
        if (!live) return;
        const row = d.salesDashboard.byCampaign.find((r) => r.campaignId === campaignId);
        setSales({ orders: row?.orders ?? 0, gmvFen: (row?.cashFen ?? 0) + (row?.pointsValueFen ?? 0) });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // Refetched with each poll of the campaign (its spentFen moves with every sale).
  }, [seesReports, fromDay, toDay, me.bank, c, campaignId]);

  const cancel = async () => {
    try {
      await request(CancelDocument, { input: { campaignId } });
      void message.success(t('campaigns.detail.cancelled'));
      reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  if (error) return <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />;
  if (!c) return <Typography.Text>{t('common.loading')}</Typography.Text>;
  const items = c.items.edges.map((e) => e.node);
  const spentShare = c.budgetFen ? c.spentFen / c.budgetFen : 0;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="campaign-detail">
      <Space align="center" wrap>
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }} data-testid="campaign-detail-name">
          {c.name}
        </Typography.Title>
        <Tag color={STATUS_COLOURS[c.status]} data-testid="campaign-detail-status">
          {t(`campaigns.status.${c.status}`)}
        </Tag>
        {(c.status === 'DRAFT' || c.status === 'SCHEDULED' || c.status === 'LIVE') && (
          <Popconfirm title={t('campaigns.detail.cancelConfirm')} onConfirm={() => void cancel()}>
            <Button danger data-testid="campaign-cancel">
              {t('campaigns.detail.cancel')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <Card
        title={t('campaigns.detail.figures')}
        extra={<Typography.Text type="secondary">{t('campaigns.detail.refreshed')}</Typography.Text>}
      >
        <Space size="large" wrap>
          <Statistic
            title={t('campaigns.columns.unitsSold')}
            value={fmt.count(c.unitsSold)}
            data-testid="figure-units"
          />
          <Statistic title={t('campaigns.columns.spent')} value={fmt.yuan(c.spentFen)} data-testid="figure-spent" />
          <Statistic
            title={t('campaigns.columns.budget')}
            value={c.budgetFen == null ? t('campaigns.noCap') : fmt.yuan(c.budgetFen)}
            data-testid="figure-budget"
          />
          <Statistic
            title={t('campaigns.columns.remaining')}
            value={c.remainingFen == null ? '—' : fmt.yuan(c.remainingFen)}
            data-testid="figure-remaining"
          />
          {sales && (
            <Statistic title={t('campaigns.detail.gmv')} value={fmt.yuan(sales.gmvFen)} data-testid="figure-gmv" />
          )}
          {sales && (
            <Statistic
              title={t('campaigns.detail.orders')}
              value={fmt.count(sales.orders)}
              data-testid="figure-orders"
            />
          )}
        </Space>
        {c.budgetFen != null && (
          <Progress
            percent={Math.round(spentShare * 1000) / 10}
            aria-label={t('campaigns.columns.spent')}
            style={{ marginTop: 16 }}
          />
        )}
      </Card>
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('campaigns.columns.window')}>{fmt.window(c.startsAt, c.endsAt)}</Descriptions.Item>
        <Descriptions.Item label={t('campaigns.wizard.steps.template')}>
          {t(`campaigns.template.${c.template}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('campaigns.wizard.segments')}>
          <span data-testid="campaign-detail-segments">
            {c.targetSegments.length ? c.targetSegments.map((s) => s.name).join('、') : t('campaigns.detail.everyone')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('campaigns.wizard.tiers')}>
          {c.targetTiers.length ? c.targetTiers.map((s) => s.name).join('、') : t('campaigns.detail.everyTier')}
        </Descriptions.Item>
      </Descriptions>
      <Table
        rowKey={(item) => item.listing.id}
        size="small"
        title={() => t('campaigns.detail.items')}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={items}
        columns={[
          { title: t('campaigns.wizard.listing'), key: 'title', render: (_, i) => i.listing.sku.title },
          {
            title: t('campaigns.wizard.basePrice'),
            key: 'base',
            render: (_, i) => fmt.price(i.listing, t('campaigns.points')),
          },
          {
            title: t('campaigns.wizard.campaignPrice'),
            key: 'campaign',
            render: (_, i) => fmt.price(i, t('campaigns.points')),
          },
          { title: t('campaigns.wizard.unitSubsidy'), key: 'subsidy', render: (_, i) => fmt.yuan(i.unitSubsidyFen) },
        ]}
      />
    </Space>
  );
}
