/**
 * Partner apps of the bank: list (keyset pages), create (the secret shown once, with a copy button;
 * a request for approval instead where the bank's policy holds new apps for a second person),
 * rotate the secret (shown once), revoke (confirmed), scopes and the safelist switch.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Popconfirm from 'antd/es/popconfirm';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../api';
import { graphql } from '../gql';
import type { ConsolePartnerAppsQuery, PartnerAppScope } from '../gql/graphql';
import CreateAppModal from './partner-apps/CreateAppModal';
import RotateSecretModal from './partner-apps/RotateSecretModal';
import ScopesModal from './partner-apps/ScopesModal';
import SecretModal, { type ShownSecret } from './partner-apps/SecretModal';

const PartnerAppsDocument = graphql(`
  query ConsolePartnerApps($first: Int, $after: String) {
    partnerApps(first: $first, after: $after) {
      edges {
        node {
          id
          name
          clientId
          active
          scopes
          safelistOnly
          createdAt
          secretRotatedAt
          previousSecretExpiresAt
          revokedAt
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const RevokeDocument = graphql(`
  mutation ConsoleRevokePartnerApp($input: RevokePartnerAppInput!) {
    revokePartnerApp(input: $input) {
      partnerApp {
        id
        active
      }
    }
  }
`);

const SafelistDocument = graphql(`
  mutation ConsoleSetPartnerAppSafelist($input: SetPartnerAppSafelistInput!) {
    setPartnerAppSafelist(input: $input) {
      partnerAppId
      safelistOnly
    }
  }
`);

export type PartnerAppRow = ConsolePartnerAppsQuery['partnerApps']['edges'][number]['node'];
const PAGE_SIZE = 20;

export default function PartnerApps() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [creating, setCreating] = useState(false);
  const [rotating, setRotating] = useState<PartnerAppRow | null>(null);
  const [scoping, setScoping] = useState<PartnerAppRow | null>(null);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const after = cursors[cursors.length - 1];
  const { data, error, loading, reload } = useQuery(PartnerAppsDocument, { first: PAGE_SIZE, after });
  const page = data?.partnerApps;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-partner-apps">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('partnerApps.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('partnerApps.intro')}</Typography.Paragraph>
      </div>
      <Space>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="create-app">
          {t('partnerApps.create')}
        </Button>
      </Space>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<PartnerAppRow>
        rowKey="id"
        size="middle"
        loading={loading}
        pagination={false}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('partnerApps.empty') }}
        data-testid="apps-table"
        columns={[
          { title: t('partnerApps.name'), dataIndex: 'name' },
          { title: t('partnerApps.clientId'), dataIndex: 'clientId', render: (v: string) => <code>{v}</code> },
          {
            title: t('partnerApps.state'),
            dataIndex: 'active',
            render: (active: boolean) =>
              active ? (
                <Tag color="geekblue">{t('partnerApps.active')}</Tag>
              ) : (
                <Tag color="red">{t('partnerApps.revoked')}</Tag>
              ),
          },
          {
            title: t('partnerApps.scopes'),
            dataIndex: 'scopes',
            render: (scopes: PartnerAppScope[]) => (
              <Space size={[0, 4]} wrap>
                {scopes.map((s) => (
                  <Tag key={s}>{s}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('partnerApps.safelist'),
            key: 'safelist',
            render: (_, app) => (
              <Select<'on' | 'off'>
                size="small"
                aria-label={`${t('partnerApps.safelist')} ${app.name}`}
                value={app.safelistOnly ? 'on' : 'off'}
                disabled={!app.active}
                style={{ width: 80 }}
                options={[
                  { value: 'on', label: t('partnerApps.safelistOn') },
                  { value: 'off', label: t('partnerApps.safelistOff') },
                ]}
                onChange={(v) =>
                  void run(
                    () => request(SafelistDocument, { input: { partnerAppId: app.id, safelistOnly: v === 'on' } }),
                    t('partnerApps.safelistSaved'),
                  )
                }
              />
            ),
          },
          {
            title: t('partnerApps.rotatedAt'),
            key: 'rotated',
            render: (_, app) => (
              <Space orientation="vertical" size={0}>
                <span>{time.format(new Date(app.secretRotatedAt ?? app.createdAt))}</span>
                {app.previousSecretExpiresAt && new Date(app.previousSecretExpiresAt) > new Date() && (
                  <Typography.Text type="secondary">
                    {t('partnerApps.previousUntil', { time: time.format(new Date(app.previousSecretExpiresAt)) })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('partnerApps.actions'),
            key: 'actions',
            render: (_, app) =>
              app.active ? (
                <Space wrap>
                  <Button size="small" onClick={() => setRotating(app)} data-testid={`rotate-${app.id}`}>
                    {t('partnerApps.rotate')}
                  </Button>
                  <Button size="small" onClick={() => setScoping(app)} data-testid={`scopes-${app.id}`}>
                    {t('partnerApps.editScopes')}
                  </Button>
                  <Popconfirm
                    title={t('partnerApps.revokeConfirm', { name: app.name })}
                    okText={t('partnerApps.revokeOk')}
                    cancelText={t('partnerApps.cancel')}
                    okButtonProps={{ danger: true, 'data-testid': 'revoke-confirm' }}
                    onConfirm={() =>
                      run(
                        () => request(RevokeDocument, { input: { partnerAppId: app.id } }),
                        t('partnerApps.revokedDone'),
                      )
                    }
                  >
                    <Button size="small" danger data-testid={`revoke-${app.id}`}>
                      {t('partnerApps.revoke')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : app.revokedAt ? (
                time.format(new Date(app.revokedAt))
              ) : (
                ''
              ),
          },
        ]}
      />
      <Space>
        <Button disabled={cursors.length <= 1 || loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('partnerApps.previous')}
        </Button>
        <Button
          disabled={!page?.pageInfo.hasNextPage || loading}
          onClick={() => page?.pageInfo.endCursor && setCursors((c) => [...c, page.pageInfo.endCursor!])}
        >
          {t('partnerApps.next')}
        </Button>
      </Space>
      <CreateAppModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(shown) => {
          setCreating(false);
          setSecret(shown);
          reload();
        }}
      />
      <RotateSecretModal
        app={rotating}
        onClose={() => setRotating(null)}
        onRotated={(shown) => {
          setRotating(null);
          setSecret(shown);
          reload();
        }}
      />
      <ScopesModal
        app={scoping}
        onClose={() => setScoping(null)}
        onSaved={() => {
          setScoping(null);
          void message.success(t('partnerApps.scopesSaved'));
          reload();
        }}
      />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </Space>
  );
}
