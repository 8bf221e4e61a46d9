/**
 * Refund requests of the bank's customers, newest first, by state: approve (optionally restocking
 * the goods) or reject with a reason the customer sees. The API checks SERVE_CUSTOMERS and the bank.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Checkbox from 'antd/es/checkbox';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Segmented from 'antd/es/segmented';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleRefundsQuery, RefundState } from '../../gql/graphql';
import { REFUND_STATE_COLOURS, fenToYuan } from './format';

const RefundsDocument = graphql(`
  query ConsoleRefunds($filter: RefundFilterInput, $first: Int, $after: String) {
    refunds(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          orderId
          supplierOrderId
          state
          reason
          rejectionReason
          createdAt
          decidedAt
          pointsRefunded
          cashRefundFen
          lines {
            orderLineId
            quantity
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const DecideRefundDocument = graphql(`
  mutation ConsoleDecideRefund($input: DecideRefundInput!) {
    decideRefund(input: $input) {
      id
      state
      rejectionReason
    }
  }
`);

type RefundRow = ConsoleRefundsQuery['refunds']['edges'][number]['node'];
const PAGE_SIZE = 20;
const STATES: RefundState[] = ['REQUESTED', 'APPROVED', 'REJECTED'];

export default function RefundsInbox({ onOpenOrder }: { onOpenOrder: (orderId: string) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [state, setState] = useState<RefundState>('REQUESTED');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [approving, setApproving] = useState<RefundRow | null>(null);
  const [restock, setRestock] = useState(false);
  const [rejecting, setRejecting] = useState<RefundRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const after = cursors[cursors.length - 1];
  const { data, error, loading, reload } = useQuery(RefundsDocument, { filter: { state }, first: PAGE_SIZE, after });
  const page = data?.refunds;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  const decide = async (input: { refundId: string; approve: boolean; restock?: boolean; reason?: string }) => {
    setBusy(true);
    try {
      await request(DecideRefundDocument, { input });
      void message.success(input.approve ? t('orders.approved') : t('orders.rejected'));
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
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="refunds-inbox">
      <Typography.Paragraph>{t('orders.refundsIntro')}</Typography.Paragraph>
      <Segmented<RefundState>
        aria-label={t('orders.refundState')}
        value={state}
        onChange={(s) => {
          setState(s);
          setCursors([null]);
        }}
        options={STATES.map((s) => ({ value: s, label: t(`orders.refundStates.${s}`) }))}
        data-testid="refunds-state"
      />
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<RefundRow>
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('orders.noRefundRequests') }}
        data-testid="refunds-table"
        columns={[
          { title: t('orders.requestedAt'), dataIndex: 'createdAt', render: (v: string) => time.format(new Date(v)) },
          {
            title: t('orders.order'),
            dataIndex: 'orderId',
            render: (id: string) => (
              <Button type="link" onClick={() => onOpenOrder(id)} data-testid={`refund-order-${id}`}>
                {id}
              </Button>
            ),
          },
          {
            title: t('orders.lines'),
            key: 'lines',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                {r.lines.map((l) => (
                  <span key={l.orderLineId}>{t('orders.lineOf', { line: l.orderLineId, quantity: l.quantity })}</span>
                ))}
              </Space>
            ),
          },
          { title: t('orders.reason'), dataIndex: 'reason' },
          {
            title: t('orders.refundState'),
            dataIndex: 'state',
            render: (v: RefundState, r) => (
              <Space orientation="vertical" size={0}>
                <Tag color={REFUND_STATE_COLOURS[v]}>{t(`orders.refundStates.${v}`)}</Tag>
                {v === 'APPROVED' && (
                  <Typography.Text type="secondary">
                    {t('orders.points', { points: r.pointsRefunded })} + ¥{fenToYuan(r.cashRefundFen)}
                  </Typography.Text>
                )}
                {r.rejectionReason && <Typography.Text type="secondary">{r.rejectionReason}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('orders.actions'),
            key: 'actions',
            render: (_, r) =>
              r.state === 'REQUESTED' ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    data-testid={`approve-refund-${r.id}`}
                    onClick={() => {
                      setRestock(false);
                      setApproving(r);
                    }}
                  >
                    {t('orders.approve')}
                  </Button>
                  <Button danger size="small" data-testid={`reject-refund-${r.id}`} onClick={() => setRejecting(r)}>
                    {t('orders.reject')}
                  </Button>
                </Space>
              ) : r.decidedAt ? (
                time.format(new Date(r.decidedAt))
              ) : (
                ''
              ),
          },
        ]}
      />
      <Space>
        <Button disabled={cursors.length <= 1 || loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('orders.previous')}
        </Button>
        <Button
          disabled={!page?.pageInfo.hasNextPage || loading}
          onClick={() => page?.pageInfo.endCursor && setCursors((c) => [...c, page.pageInfo.endCursor!])}
        >
          {t('orders.next')}
        </Button>
      </Space>
      <Modal
        open={approving !== null}
        title={t('orders.approve')}
        okText={t('orders.approve')}
        okButtonProps={{ loading: busy, 'data-testid': 'approve-refund-confirm' }}
        onCancel={() => setApproving(null)}
        onOk={async () => {
          if (!approving) return;
          if (await decide({ refundId: approving.id, approve: true, restock })) setApproving(null);
        }}
        destroyOnHidden
      >
        <Space orientation="vertical">
          <span>{approving && t('orders.approveConfirm', { id: approving.id })}</span>
          <Checkbox checked={restock} onChange={(e) => setRestock(e.target.checked)} data-testid="approve-restock">
            {t('orders.restock')}
          </Checkbox>
        </Space>
      </Modal>
      <Modal
        open={rejecting !== null}
        title={t('orders.rejectTitle')}
        okText={t('orders.reject')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'reject-refund-confirm' }}
        onCancel={() => setRejecting(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={async ({ reason }) => {
            if (!rejecting) return;
            if (await decide({ refundId: rejecting.id, approve: false, reason: reason.trim() })) setRejecting(null);
          }}
        >
          <Form.Item
            name="reason"
            label={t('orders.rejectReason')}
            rules={[
              { required: true, whitespace: true, message: t('orders.reasonRule') },
              { min: 4, max: 500, message: t('orders.reasonRule') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="refund-reject-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
