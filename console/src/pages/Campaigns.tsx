/**
 * The bank's campaigns (RUN_CAMPAIGNS): the mall's campaigns newest first, keyset-paged, with status,
 * window, budget, spend and units sold; a wizard from festival template to scheduled campaign
 * (campaigns/CampaignWizard.tsx); one campaign's live figures (campaigns/CampaignDetail.tsx).
 * `?new` opens the wizard, `?campaign=<id>` a campaign, so both survive a reload.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../api';
import { graphql } from '../gql';
import type { ConsoleCampaignsQuery } from '../gql/graphql';
import { useMe } from '../me';
import CampaignDetail from './campaigns/CampaignDetail';
import CampaignWizard from './campaigns/CampaignWizard';
import { formatters } from './campaigns/format';
import { STATUS_COLOURS } from './campaigns/status';

const BankDocument = graphql(`
  query ConsoleCampaignBank($bankId: ID) {
    bank(id: $bankId) {
      id
      timeZone
      malls {
        id
        name
      }
      tiers {
        id
        name
      }
      segments(first: 100) {
        edges {
          node {
            id
            name
            memberCount
          }
        }
      }
    }
  }
`);

const CampaignsDocument = graphql(`
  query ConsoleCampaigns($mallId: ID!, $first: Int, $after: String) {
    mall(id: $mallId) {
      id
      campaigns(first: $first, after: $after) {
        edges {
          cursor
          node {
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
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

type CampaignRow = ConsoleCampaignsQuery['mall']['campaigns']['edges'][number]['node'];
const PAGE_SIZE = 20;

export default function Campaigns() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const bankQuery = useQuery(BankDocument, { bankId: me.bank?.id ?? null });
  const bank = bankQuery.data?.bank;
  const [mallChoice, setMallChoice] = useState<string | null>(null);
  const mallId = mallChoice ?? bank?.malls[0]?.id ?? null;
  const timeZone = bank?.timeZone ?? me.bank?.timeZone ?? 'Asia/Shanghai';
  const fmt = formatters(i18n.language, timeZone);
  const campaignId = params.get('campaign');
  const creating = params.has('new');

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-campaigns">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('campaigns.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('campaigns.intro')}</Typography.Paragraph>
      </div>
      {bankQuery.error && (
        <Alert type="error" title={t('common.error', { message: bankQuery.error.message })} role="alert" />
      )}
      <Space wrap>
        {(creating || campaignId) && (
          <Button onClick={() => setParams({})} data-testid="campaigns-back">
            {t('campaigns.back')}
          </Button>
        )}
        {bank && bank.malls.length > 1 && !creating && !campaignId && (
          <Select
            aria-label={t('campaigns.mall')}
            value={mallId}
            style={{ width: 220 }}
            onChange={(v: string) => setMallChoice(v)}
            options={bank.malls.map((m) => ({ value: m.id, label: m.name }))}
          />
        )}
        {!creating && !campaignId && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!mallId}
            onClick={() => setParams({ new: '' })}
            data-testid="campaign-create"
          >
            {t('campaigns.create')}
          </Button>
        )}
      </Space>
      {creating && bank && mallId && (
        <CampaignWizard
          mallId={mallId}
          bank={{
            id: bank.id,
            timeZone,
            tiers: bank.tiers,
            segments: bank.segments.edges.map((e) => e.node),
          }}
          onOpen={(id) => setParams({ campaign: id })}
        />
      )}
      {campaignId && <CampaignDetail campaignId={campaignId} timeZone={timeZone} />}
      {!creating && !campaignId && mallId && (
        <CampaignList mallId={mallId} fmt={fmt} onOpen={(id) => setParams({ campaign: id })} key={mallId} />
      )}
    </Space>
  );
}

function CampaignList({
  mallId,
  fmt,
  onOpen,
}: {
  mallId: string;
  fmt: ReturnType<typeof formatters>;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  /** Cursors of the pages before this one; the current page starts after the last. */
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const { data, error, loading } = useQuery(CampaignsDocument, { mallId, first: PAGE_SIZE, after });
  const page = data?.mall.campaigns;
  const money = (fen: number | null) => (fen == null ? t('campaigns.noCap') : fmt.yuan(fen));

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<CampaignRow>
        rowKey="id"
        size="middle"
        loading={loading}
        pagination={false}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('campaigns.empty') }}
        data-testid="campaigns-table"
        columns={[
          {
            title: t('campaigns.columns.name'),
            key: 'name',
            render: (_, c) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(c.id)} data-testid={`campaign-${c.id}`}>
                {c.name}
              </Button>
            ),
          },
          {
            title: t('campaigns.columns.status'),
            dataIndex: 'status',
            render: (s: CampaignRow['status']) => <Tag color={STATUS_COLOURS[s]}>{t(`campaigns.status.${s}`)}</Tag>,
          },
          {
            title: t('campaigns.columns.window'),
            key: 'window',
            render: (_, c) => fmt.window(c.startsAt, c.endsAt),
          },
          { title: t('campaigns.columns.budget'), dataIndex: 'budgetFen', render: money },
          { title: t('campaigns.columns.spent'), dataIndex: 'spentFen', render: (v: number) => fmt.yuan(v) },
          { title: t('campaigns.columns.remaining'), dataIndex: 'remainingFen', render: money },
          { title: t('campaigns.columns.unitsSold'), dataIndex: 'unitsSold', render: (v: number) => fmt.count(v) },
        ]}
      />
      <Space>
        <Button
          disabled={cursors.length <= 1 || loading}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          data-testid="campaigns-previous"
        >
          {t('campaigns.previous')}
        </Button>
        <Typography.Text data-testid="campaigns-page">{t('campaigns.page', { page: cursors.length })}</Typography.Text>
        <Button
          disabled={!page?.pageInfo.hasNextPage || loading}
          onClick={() => page?.pageInfo.endCursor && setCursors((c) => [...c, page.pageInfo.endCursor!])}
          data-testid="campaigns-next"
        >
          {t('campaigns.next')}
        </Button>
      </Space>
    </Space>
  );
}
