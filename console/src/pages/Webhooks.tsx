/**
 * Webhooks to the bank's systems (issue 18): endpoints (create with the secret shown once, events,
 * enable/disable, rotate, delete, a test PING) and the delivery log (by status, keyset pages) with
 * 重新推送 (redeliver) on each delivery.
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
import type {
  ConsoleWebhookDeliveriesQuery,
  ConsoleWebhookEndpointsQuery,
  WebhookDeliveryStatus,
  WebhookEventType,
} from '../gql/graphql';
import CreateEndpointModal from './webhooks/CreateEndpointModal';
import ShownOnceModal from '../ShownOnceModal';

const EndpointsDocument = graphql(`
  query ConsoleWebhookEndpoints {
    webhookEndpoints(first: 100) {
      edges {
        node {
          id
          url
          description
          eventTypes
          enabled
          createdAt
          secretRotatedAt
        }
      }
    }
  }
`);

const DeliveriesDocument = graphql(`
  query ConsoleWebhookDeliveries($filter: WebhookDeliveryFilter, $first: Int, $after: String) {
    webhookDeliveries(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          webhookEndpointId
          eventId
          eventType
          status
          attempts
          nextAttemptAt
          lastStatusCode
          lastError
          deliveredAt
          createdAt
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const UpdateDocument = graphql(`
  mutation ConsoleUpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      webhookEndpoint {
        id
        enabled
      }
    }
  }
`);

const RotateDocument = graphql(`
  mutation ConsoleRotateWebhookEndpointSecret($input: WebhookEndpointRefInput!) {
    rotateWebhookEndpointSecret(input: $input) {
      secret
      webhookEndpoint {
        id
        url
      }
    }
  }
`);

const DeleteDocument = graphql(`
  mutation ConsoleDeleteWebhookEndpoint($input: WebhookEndpointRefInput!) {
    deleteWebhookEndpoint(input: $input) {
      webhookEndpointId
    }
  }
`);

const TestDocument = graphql(`
  mutation ConsoleSendTestWebhook($input: WebhookEndpointRefInput!) {
    sendTestWebhook(input: $input) {
      delivered
      statusCode
      error
    }
  }
`);

const RedeliverDocument = graphql(`
  mutation ConsoleRedeliverWebhook($input: RedeliverWebhookInput!) {
    redeliverWebhook(input: $input) {
      webhookDelivery {
        id
        status
      }
    }
  }
`);

type EndpointRow = ConsoleWebhookEndpointsQuery['webhookEndpoints']['edges'][number]['node'];
type DeliveryRow = ConsoleWebhookDeliveriesQuery['webhookDeliveries']['edges'][number]['node'];
const PAGE_SIZE = 20;
const STATUS_COLOR: Record<WebhookDeliveryStatus, string | undefined> = {
  PENDING: undefined,
  DELIVERED: 'geekblue',
  FAILED: 'red',
};

export default function Webhooks() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [status, setStatus] = useState<WebhookDeliveryStatus | 'ALL'>('ALL');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const endpoints = useQuery(EndpointsDocument, {});
  const after = cursors[cursors.length - 1];
  const deliveries = useQuery(DeliveriesDocument, {
    filter: status === 'ALL' ? null : { status },
    first: PAGE_SIZE,
    after,
  });
  const page = deliveries.data?.webhookDeliveries;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  const urlOf = new Map(endpoints.data?.webhookEndpoints.edges.map((e) => [e.node.id, e.node.url]) ?? []);

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      endpoints.reload();
      deliveries.reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const test = async (endpoint: EndpointRow) => {
    try {
      const r = await request(TestDocument, { input: { webhookEndpointId: endpoint.id } });
      const a = r.sendTestWebhook;
      if (a.delivered) void message.success(t('webhooks.testOk', { status: a.statusCode }));
      else void message.error(t('webhooks.testFailed', { error: a.error ?? `HTTP ${a.statusCode}` }));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-webhooks">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('webhooks.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('webhooks.intro')}</Typography.Paragraph>
      </div>
      <Space>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="create-endpoint">
          {t('webhooks.create')}
        </Button>
      </Space>
      {endpoints.error && (
        <Alert type="error" title={t('common.error', { message: endpoints.error.message })} role="alert" />
      )}
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('webhooks.endpoints')}
      </Typography.Title>
      <Table<EndpointRow>
        rowKey="id"
        size="middle"
        loading={endpoints.loading}
        pagination={false}
        dataSource={endpoints.data?.webhookEndpoints.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('webhooks.empty') }}
        data-testid="endpoints-table"
        columns={[
          {
            title: t('webhooks.url'),
            key: 'url',
            render: (_, e) => (
              <Space orientation="vertical" size={0}>
                <code>{e.url}</code>
                {e.description && <Typography.Text type="secondary">{e.description}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('webhooks.eventTypes'),
            dataIndex: 'eventTypes',
            render: (types: WebhookEventType[]) => (
              <Space size={[0, 4]} wrap>
                {types.map((ty) => (
                  <Tag key={ty}>{t(`webhooks.eventNames.${ty}`)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('webhooks.state'),
            dataIndex: 'enabled',
            render: (enabled: boolean) =>
              enabled ? (
                <Tag color="geekblue">{t('webhooks.enabled')}</Tag>
              ) : (
                <Tag color="red">{t('webhooks.disabled')}</Tag>
              ),
          },
          {
            title: t('webhooks.actions'),
            key: 'actions',
            render: (_, e) => (
              <Space wrap>
                <Button
                  size="small"
                  data-testid={`toggle-${e.id}`}
                  onClick={() =>
                    void run(
                      () => request(UpdateDocument, { input: { webhookEndpointId: e.id, enabled: !e.enabled } }),
                      e.enabled ? t('webhooks.disabledDone') : t('webhooks.enabledDone'),
                    )
                  }
                >
                  {e.enabled ? t('webhooks.disable') : t('webhooks.enable')}
                </Button>
                <Button size="small" data-testid={`test-${e.id}`} onClick={() => void test(e)}>
                  {t('webhooks.test')}
                </Button>
                <Popconfirm
                  title={t('webhooks.rotateConfirm')}
                  okText={t('webhooks.rotateOk')}
                  cancelText={t('webhooks.cancel')}
                  okButtonProps={{ 'data-testid': 'rotate-confirm' }}
                  onConfirm={async () => {
                    try {
                      const r = await request(RotateDocument, { input: { webhookEndpointId: e.id } });
                      setSecret({
                        url: r.rotateWebhookEndpointSecret.webhookEndpoint.url,
                        secret: r.rotateWebhookEndpointSecret.secret,
                      });
                      endpoints.reload();
                    } catch (err) {
                      void message.error(err instanceof ApiError ? err.message : String(err));
                    }
                  }}
                >
                  <Button size="small" data-testid={`rotate-${e.id}`}>
                    {t('webhooks.rotate')}
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title={t('webhooks.deleteConfirm')}
                  okText={t('webhooks.deleteOk')}
                  cancelText={t('webhooks.cancel')}
                  okButtonProps={{ danger: true, 'data-testid': 'delete-confirm' }}
                  onConfirm={() =>
                    run(() => request(DeleteDocument, { input: { webhookEndpointId: e.id } }), t('webhooks.deleted'))
                  }
                >
                  <Button size="small" danger data-testid={`delete-${e.id}`}>
                    {t('webhooks.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('webhooks.deliveries')}
      </Typography.Title>
      <Space data-testid="status-filter">
        <Select<WebhookDeliveryStatus | 'ALL'>
          aria-label={t('webhooks.statusFilter')}
          value={status}
          style={{ width: 160 }}
          onChange={(v) => {
            setStatus(v);
            setCursors([null]);
          }}
          options={[
            { value: 'ALL', label: t('webhooks.allStatuses') },
            ...(['PENDING', 'DELIVERED', 'FAILED'] as const).map((s) => ({
              value: s,
              label: t(`webhooks.statuses.${s}`),
            })),
          ]}
        />
      </Space>
      {deliveries.error && (
        <Alert type="error" title={t('common.error', { message: deliveries.error.message })} role="alert" />
      )}
      <Table<DeliveryRow>
        rowKey="id"
        size="middle"
        loading={deliveries.loading}
        pagination={false}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('webhooks.noDeliveries') }}
        data-testid="deliveries-table"
        columns={[
          { title: t('webhooks.time'), dataIndex: 'createdAt', render: (v: string) => time.format(new Date(v)) },
          {
            title: t('webhooks.event'),
            key: 'event',
            render: (_, d) => (
              <Space orientation="vertical" size={0}>
                <span>{t(`webhooks.eventNames.${d.eventType}`)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {d.eventId}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('webhooks.endpoint'),
            dataIndex: 'webhookEndpointId',
            render: (id: string) => <code>{urlOf.get(id) ?? id}</code>,
          },
          {
            title: t('webhooks.status'),
            dataIndex: 'status',
            render: (s: WebhookDeliveryStatus, d) => (
              <Tag color={STATUS_COLOR[s]} data-testid={`delivery-status-${d.id}`}>
                {t(`webhooks.statuses.${s}`)}
              </Tag>
            ),
          },
          { title: t('webhooks.attempts'), dataIndex: 'attempts' },
          {
            title: t('webhooks.lastResult'),
            key: 'last',
            render: (_, d) =>
              d.lastError ? (
                <Typography.Text type="danger">{d.lastError}</Typography.Text>
              ) : d.lastStatusCode ? (
                `HTTP ${d.lastStatusCode}`
              ) : (
                ''
              ),
          },
          {
            title: t('webhooks.actions'),
            key: 'actions',
            render: (_, d) => (
              <Button
                size="small"
                data-testid={`redeliver-${d.id}`}
                onClick={() =>
                  void run(
                    () => request(RedeliverDocument, { input: { webhookDeliveryId: d.id } }),
                    t('webhooks.redelivered'),
                  )
                }
              >
                {t('webhooks.redeliver')}
              </Button>
            ),
          },
        ]}
      />
      <Space>
        <Button disabled={cursors.length <= 1 || deliveries.loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('webhooks.previous')}
        </Button>
        <Button
          disabled={!page?.pageInfo.hasNextPage || deliveries.loading}
          onClick={() => page?.pageInfo.endCursor && setCursors((c) => [...c, page.pageInfo.endCursor!])}
        >
          {t('webhooks.next')}
        </Button>
      </Space>
      <CreateEndpointModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(shown) => {
          setCreating(false);
          setSecret(shown);
          endpoints.reload();
        }}
      />
      <ShownOnceModal
        open={secret !== null}
        title={t('webhooks.secretTitle')}
        warning={t('webhooks.secretWarning')}
        doneText={t('webhooks.done')}
        onClose={() => setSecret(null)}
      >
        {secret && (
          <>
            <Typography.Paragraph>
              <code>{secret.url}</code>
            </Typography.Paragraph>
            <Typography.Text
              code
              copyable={{ tooltips: false, text: secret.secret }}
              data-testid="shown-webhook-secret"
            >
              {secret.secret}
            </Typography.Text>
          </>
        )}
      </ShownOnceModal>
    </Space>
  );
}
