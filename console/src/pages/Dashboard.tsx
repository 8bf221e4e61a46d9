/**
 * The landing page. Bank staff who may see reports get their bank's live sales dashboard (its own
 * chunk, with ECharts, loaded only for them); the platform's staff who may see reports pick the bank
 * first; everyone else sees who is signed in and what they may do.
 */
import { lazy, Suspense, useState } from 'react';
import Alert from 'antd/es/alert';
import Select from 'antd/es/select';
import Card from 'antd/es/card';
import Descriptions from 'antd/es/descriptions';
import Spin from 'antd/es/spin';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../api';
import { currentSession } from '../auth';
import { graphql } from '../gql';
import { useMe } from '../me';

const SalesDashboard = lazy(() => import('./SalesDashboard'));

export default function Dashboard() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.bank && me.permissions.includes('SEE_REPORTS')) {
    return (
      <div data-testid="page-dashboard">
        <Suspense fallback={<Spin aria-label={t('common.loading')} />}>
          <SalesDashboard bankId={me.bank.id} bankName={me.bank.name} timeZone={me.bank.timeZone} />
        </Suspense>
      </div>
    );
  }
  if (!me.bank && !me.supplier && me.permissions.includes('SEE_REPORTS')) return <PlatformSales />;
  return <Welcome />;
}

const BanksDocument = graphql(`
  query ConsoleDashboardBanks {
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

/** The platform reads any bank's dashboard: the bank is picked first (the first one to begin with). */
function PlatformSales() {
  const { t } = useTranslation();
  const { data, error } = useQuery(BanksDocument, {});
  const [picked, setPicked] = useState<string | null>(null);
  const banks = data?.banks.edges.map((e) => e.node) ?? [];
  const bank = banks.find((b) => b.id === picked) ?? banks[0];
  return (
    <div data-testid="page-dashboard">
      <Space style={{ marginBottom: 12 }}>
        <label htmlFor="dashboard-bank">{t('dashboard.bank')}</label>
        <Select
          id="dashboard-bank"
          data-testid="dashboard-bank"
          style={{ minWidth: 260 }}
          showSearch={{ optionFilterProp: 'label' }}
          loading={!data && !error}
          value={bank?.id}
          onChange={setPicked}
          options={banks.map((b) => ({ value: b.id, label: `${b.name} (${b.code})` }))}
        />
      </Space>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} />}
      {data && !bank && <Alert type="info" title={t('dashboard.noBanks')} />}
      {bank && (
        <Suspense fallback={<Spin aria-label={t('common.loading')} />}>
          <SalesDashboard key={bank.id} bankId={bank.id} bankName={bank.name} timeZone={bank.timeZone} />
        </Suspense>
      )}
    </div>
  );
}

function Welcome() {
  const { t } = useTranslation();
  const me = useMe();
  const session = currentSession();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-dashboard">
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('dashboard.welcome', { name: me.displayName })}
      </Typography.Title>
      <Typography.Paragraph>{t('dashboard.intro')}</Typography.Paragraph>
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('dashboard.permissions')}
          </Typography.Title>
        }
      >
        <Space wrap data-testid="permissions">
          {me.permissions.map((p) => (
            <Tag key={p}>{p}</Tag>
          ))}
        </Space>
      </Card>
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('dashboard.session')}
          </Typography.Title>
        }
      >
        <Descriptions
          column={1}
          items={[
            { key: 'login', label: t('signIn.loginName'), children: me.loginName },
            { key: 'role', label: t(`role.${me.role}`), children: me.bank?.code ?? me.supplier?.code ?? '—' },
            { key: 'session', label: 'Session', children: session?.sessionId ?? '—' },
          ]}
        />
      </Card>
    </Space>
  );
}
