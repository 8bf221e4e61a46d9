/**
 * Refund requests of the bank's customers, newest first, by state: approve (optionally restocking
 * the goods) or reject with a reason the customer sees. The API checks SERVE_CUSTOMERS and the bank.
 */
import Button from 'antd/es/button';
import Checkbox from 'antd/es/checkbox';
import Form from 'antd/es/form';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { request } from '../../api';
import DecisionInbox from '../../DecisionInbox';
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
const STATES: RefundState[] = ['REQUESTED', 'APPROVED', 'REJECTED'];

export default function RefundsInbox({ onOpenOrder }: { onOpenOrder: (orderId: string) => void }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const decide = (input: { refundId: string; approve: boolean; restock?: boolean; reason?: string }) =>
    request(DecideRefundDocument, { input });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="refunds-inbox">
      <Typography.Paragraph>{t('orders.refundsIntro')}</Typography.Paragraph>
      <DecisionInbox
        testId="refunds"
        statuses={STATES}
        initialStatus="REQUESTED"
        statusLabel={(s) => t(`orders.refundStates.${s}`)}
        statusName={t('orders.refundState')}
        document={RefundsDocument}
        variables={(state, first, after) => ({ filter: { state }, first, after })}
        page={(d) => d.refunds}
        emptyText={t('orders.noRefundRequests')}
        columns={(inbox) => [
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
            render: (_, r: RefundRow) => (
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
            render: (v: RefundState, r: RefundRow) => (
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
            render: (_, r: RefundRow) =>
              r.state === 'REQUESTED' ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    data-testid={`approve-refund-${r.id}`}
                    onClick={() => inbox.open(r, 'approve')}
                  >
                    {t('orders.approve')}
                  </Button>
                  <Button
                    danger
                    size="small"
                    data-testid={`reject-refund-${r.id}`}
                    onClick={() => inbox.open(r, 'reject')}
                  >
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
        dialogs={{
          approve: {
            title: t('orders.approve'),
            okText: t('orders.approve'),
            confirmTestId: 'approve-refund-confirm',
            intro: (r) => t('orders.approveConfirm', { id: r.id }),
            initialValues: { restock: false },
            fields: (
              <Form.Item name="restock" valuePropName="checked">
                <Checkbox data-testid="approve-restock">{t('orders.restock')}</Checkbox>
              </Form.Item>
            ),
            submit: (r, values) => decide({ refundId: r.id, approve: true, restock: values.restock === true }),
            done: t('orders.approved'),
          },
          reject: {
            title: t('orders.rejectTitle'),
            okText: t('orders.reject'),
            danger: true,
            confirmTestId: 'reject-refund-confirm',
            reason: { label: t('orders.rejectReason'), rule: t('orders.reasonRule'), testId: 'refund-reject-reason' },
            submit: (r, { reason }) => decide({ refundId: r.id, approve: false, reason }),
            done: t('orders.rejected'),
          },
        }}
      />
    </Space>
  );
}
