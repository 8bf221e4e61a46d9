/**
 * Returns (退货): the supplier's (HANDLE_AFTERSALES) and the bank's customer service's (SERVE_CUSTOMERS)
 * return requests, newest first, by status. Authorise or refuse a request (a refusal needs a reason);
 * a supplier inspects what came back: accept (the units are refunded, or an exchange waits for its
 * replacement) or reject with a reason and photo URLs, and ships an exchange's replacement.
 * The API checks the permissions and the tenant.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Segmented from 'antd/es/segmented';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../api';
import { graphql } from '../gql';
import type { ConsoleReturnRequestsQuery, ReturnStatus } from '../gql/graphql';
import { useMe } from '../me';

const ReturnRequestsDocument = graphql(`
  query ConsoleReturnRequests($filter: ReturnFilterInput, $first: Int, $after: String) {
    returnRequests(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          orderId
          supplierOrderId
          kind
          status
          reason
          units
          createdAt
          returnTrackingNumber
          refusalReason
          rejectionReason
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const DecideReturnDocument = graphql(`
  mutation ConsoleDecideReturn($input: DecideReturnInput!) {
    decideReturn(input: $input) {
      id
      status
    }
  }
`);

const InspectReturnDocument = graphql(`
  mutation ConsoleInspectReturn($input: InspectReturnInput!) {
    inspectReturn(input: $input) {
      id
      status
    }
  }
`);

type ReturnRow = ConsoleReturnRequestsQuery['returnRequests']['edges'][number]['node'];
const PAGE_SIZE = 20;
const STATUSES: ReturnStatus[] = ['REQUESTED', 'IN_TRANSIT', 'RECEIVED', 'REFUNDED', 'REJECTED', 'REFUSED'];
const COLOURS: Partial<Record<ReturnStatus, string>> = {
  REQUESTED: 'blue',
  AUTHORISED: 'geekblue',
  IN_TRANSIT: 'geekblue',
  RECEIVED: 'blue',
  REFUNDED: 'geekblue',
  REJECTED: 'red',
  REFUSED: 'red',
};

type Refusing = { row: ReturnRow; mode: 'refuse' | 'reject' };

export default function Returns() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const inspects = me.permissions.includes('HANDLE_AFTERSALES');
  const [status, setStatus] = useState<ReturnStatus>('REQUESTED');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [refusing, setRefusing] = useState<Refusing | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string; photoUrls?: string }>();
  const after = cursors[cursors.length - 1];
  const { data, error, loading, reload } = useQuery(ReturnRequestsDocument, {
    filter: { status },
    first: PAGE_SIZE,
    after,
  });
  const page = data?.returnRequests;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      void message.success(done);
      reload();
      return true;
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-returns">
      <Typography.Title level={1}>{t('returns.title')}</Typography.Title>
      <Typography.Paragraph>{t('returns.intro')}</Typography.Paragraph>
      <Segmented<ReturnStatus>
        aria-label={t('returns.status')}
        value={status}
        onChange={(s) => {
          setStatus(s);
          setCursors([null]);
        }}
        options={STATUSES.map((s) => ({ value: s, label: t(`returns.statuses.${s}`) }))}
        data-testid="returns-status"
      />
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<ReturnRow>
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('returns.empty') }}
        data-testid="returns-table"
        columns={[
          { title: t('returns.id'), dataIndex: 'id' },
          { title: t('returns.requestedAt'), dataIndex: 'createdAt', render: (v: string) => time.format(new Date(v)) },
          { title: t('returns.order'), dataIndex: 'orderId' },
          { title: t('returns.kind'), dataIndex: 'kind', render: (v: string) => t(`returns.kinds.${v}`) },
          { title: t('returns.units'), dataIndex: 'units' },
          { title: t('returns.reason'), dataIndex: 'reason' },
          {
            title: t('returns.status'),
            dataIndex: 'status',
            render: (v: ReturnStatus, r) => (
              <Space orientation="vertical" size={0}>
                <Tag color={COLOURS[v] ?? 'default'}>{t(`returns.statuses.${v}`)}</Tag>
                {r.returnTrackingNumber && <Typography.Text>{r.returnTrackingNumber}</Typography.Text>}
                {(r.refusalReason ?? r.rejectionReason) && (
                  <Typography.Text>{r.refusalReason ?? r.rejectionReason}</Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('returns.actions'),
            key: 'actions',
            render: (_, r) =>
              r.status === 'REQUESTED' ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    loading={busy}
                    data-testid={`authorise-return-${r.id}`}
                    onClick={() =>
                      void run(
                        () => request(DecideReturnDocument, { input: { returnRequestId: r.id, authorise: true } }),
                        t('returns.authorised'),
                      )
                    }
                  >
                    {t('returns.authorise')}
                  </Button>
                  <Button
                    danger
                    size="small"
                    data-testid={`refuse-return-${r.id}`}
                    onClick={() => setRefusing({ row: r, mode: 'refuse' })}
                  >
                    {t('returns.refuse')}
                  </Button>
                </Space>
              ) : r.status === 'RECEIVED' && inspects ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    loading={busy}
                    data-testid={`accept-return-${r.id}`}
                    onClick={() =>
                      void run(
                        () =>
                          request(InspectReturnDocument, {
                            input: { returnRequestId: r.id, accept: true, restock: true },
                          }),
                        t('returns.accepted'),
                      )
                    }
                  >
                    {t('returns.accept')}
                  </Button>
                  <Button
                    danger
                    size="small"
                    data-testid={`reject-return-${r.id}`}
                    onClick={() => setRefusing({ row: r, mode: 'reject' })}
                  >
                    {t('returns.reject')}
                  </Button>
                </Space>
              ) : (
                ''
              ),
          },
        ]}
      />
      <Space>
        <Button disabled={cursors.length <= 1 || loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('returns.previous')}
        </Button>
        <Button
          disabled={!page?.pageInfo.hasNextPage || loading}
          onClick={() => page?.pageInfo.endCursor && setCursors((c) => [...c, page.pageInfo.endCursor!])}
        >
          {t('returns.next')}
        </Button>
      </Space>
      <Modal
        open={refusing !== null}
        title={refusing?.mode === 'reject' ? t('returns.rejectTitle') : t('returns.refuseTitle')}
        okText={refusing?.mode === 'reject' ? t('returns.reject') : t('returns.refuse')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'refuse-return-confirm' }}
        onCancel={() => setRefusing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={async ({ reason, photoUrls }) => {
            if (!refusing) return;
            const id = refusing.row.id;
            const ok =
              refusing.mode === 'refuse'
                ? await run(
                    () =>
                      request(DecideReturnDocument, {
                        input: { returnRequestId: id, authorise: false, reason: reason.trim() },
                      }),
                    t('returns.refused'),
                  )
                : await run(
                    () =>
                      request(InspectReturnDocument, {
                        input: {
                          returnRequestId: id,
                          accept: false,
                          reason: reason.trim(),
                          photoUrls: (photoUrls ?? '')
                            .split(/\s+/)
                            .map((u) => u.trim())
                            .filter(Boolean),
                        },
                      }),
                    t('returns.rejected'),
                  );
            if (ok) setRefusing(null);
          }}
        >
          <Form.Item
            name="reason"
            label={t('returns.reasonLabel')}
            rules={[
              { required: true, whitespace: true, message: t('returns.reasonRule') },
              { min: 4, max: 500, message: t('returns.reasonRule') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="return-refuse-reason" />
          </Form.Item>
          {refusing?.mode === 'reject' && (
            <Form.Item
              name="photoUrls"
              label={t('returns.photosLabel')}
              rules={[{ required: true, whitespace: true, message: t('returns.photosRule') }]}
            >
              <Input.TextArea rows={2} data-testid="return-reject-photos" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
