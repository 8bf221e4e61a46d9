/**
 * Returns (退货): the supplier's (HANDLE_AFTERSALES) and the bank's customer service's (SERVE_CUSTOMERS)
 * return requests, newest first, by status. Authorise or refuse a request (a refusal needs a reason);
 * a supplier inspects what came back: accept (the units are refunded, or an exchange waits for its
 * replacement) or reject with a reason and photo URLs, and ships an exchange's replacement — or, when
 * it cannot (no stock left, discontinued), refunds the exchange instead.
 * The API checks the permissions and the tenant.
 */
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { request } from '../api';
import DecisionInbox from '../DecisionInbox';
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

const ShipReplacementDocument = graphql(`
  mutation ConsoleShipReplacement($input: ShipReplacementInput!) {
    shipReplacement(input: $input) {
      id
      status
    }
  }
`);

const RefundExchangeInsteadDocument = graphql(`
  mutation ConsoleRefundExchangeInstead($input: RefundExchangeInsteadInput!) {
    refundExchangeInstead(input: $input) {
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
const STATUSES: ReturnStatus[] = [
  'REQUESTED',
  'IN_TRANSIT',
  'RECEIVED',
  'ACCEPTED',
  'REPLACEMENT_SHIPPED',
  'EXCHANGED',
  'REFUNDED',
  'REJECTED',
  'REFUSED',
  'WITHDRAWN',
];
const COLOURS: Partial<Record<ReturnStatus, string>> = {
  REQUESTED: 'blue',
  AUTHORISED: 'geekblue',
  IN_TRANSIT: 'geekblue',
  RECEIVED: 'blue',
  REFUNDED: 'geekblue',
  REJECTED: 'red',
  REFUSED: 'red',
};

export default function Returns() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const inspects = me.permissions.includes('HANDLE_AFTERSALES');
  const ships = me.permissions.includes('SHIP_ORDERS');
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-returns">
      <Typography.Title level={1}>{t('returns.title')}</Typography.Title>
      <Typography.Paragraph>{t('returns.intro')}</Typography.Paragraph>
      <DecisionInbox
        testId="returns"
        statuses={STATUSES}
        initialStatus="REQUESTED"
        statusLabel={(s) => t(`returns.statuses.${s}`)}
        statusName={t('returns.status')}
        document={ReturnRequestsDocument}
        variables={(status, first, after) => ({ filter: { status }, first, after })}
        page={(d) => d.returnRequests}
        emptyText={t('returns.empty')}
        columns={(inbox) => [
          { title: t('returns.id'), dataIndex: 'id' },
          { title: t('returns.requestedAt'), dataIndex: 'createdAt', render: (v: string) => time.format(new Date(v)) },
          { title: t('returns.order'), dataIndex: 'orderId' },
          { title: t('returns.kind'), dataIndex: 'kind', render: (v: string) => t(`returns.kinds.${v}`) },
          { title: t('returns.units'), dataIndex: 'units' },
          { title: t('returns.reason'), dataIndex: 'reason' },
          {
            title: t('returns.status'),
            dataIndex: 'status',
            render: (v: ReturnStatus, r: ReturnRow) => (
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
            render: (_, r: ReturnRow) =>
              r.status === 'REQUESTED' ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    loading={inbox.busy === r.id}
                    data-testid={`authorise-return-${r.id}`}
                    onClick={() =>
                      inbox.decide(
                        r,
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
                    onClick={() => inbox.open(r, 'refuse')}
                  >
                    {t('returns.refuse')}
                  </Button>
                </Space>
              ) : r.status === 'RECEIVED' && inspects ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    loading={inbox.busy === r.id}
                    data-testid={`accept-return-${r.id}`}
                    onClick={() =>
                      inbox.decide(
                        r,
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
                    onClick={() => inbox.open(r, 'reject')}
                  >
                    {t('returns.reject')}
                  </Button>
                </Space>
              ) : r.status === 'ACCEPTED' && (ships || inspects) ? (
                // An accepted exchange: ship the replacement, or (no stock left) refund instead.
                <Space>
                  {ships && (
                    <Button
                      type="primary"
                      size="small"
                      data-testid={`ship-replacement-${r.id}`}
                      onClick={() => inbox.open(r, 'ship')}
                    >
                      {t('returns.shipReplacement')}
                    </Button>
                  )}
                  {inspects && (
                    <Button
                      size="small"
                      data-testid={`refund-instead-${r.id}`}
                      onClick={() => inbox.open(r, 'refundInstead')}
                    >
                      {t('returns.refundInstead')}
                    </Button>
                  )}
                </Space>
              ) : (
                ''
              ),
          },
        ]}
        dialogs={{
          ship: {
            title: t('returns.shipTitle'),
            okText: t('returns.shipReplacement'),
            confirmTestId: 'ship-replacement-confirm',
            initialValues: { carrierCode: 'SF' },
            fields: (
              <>
                <Form.Item
                  name="carrierCode"
                  label={t('returns.carrierLabel')}
                  rules={[{ required: true, whitespace: true, max: 32, message: t('returns.carrierRule') }]}
                >
                  <Input data-testid="replacement-carrier" />
                </Form.Item>
                <Form.Item
                  name="trackingNumber"
                  label={t('returns.trackingLabel')}
                  rules={[{ required: true, pattern: /^[A-Za-z0-9-]{4,40}$/, message: t('returns.trackingRule') }]}
                >
                  <Input data-testid="replacement-tracking" />
                </Form.Item>
              </>
            ),
            submit: (r, { carrierCode, trackingNumber }) =>
              request(ShipReplacementDocument, {
                input: {
                  returnRequestId: r.id,
                  carrierCode: String(carrierCode ?? ''),
                  trackingNumber: String(trackingNumber ?? ''),
                },
              }),
            done: t('returns.replacementShipped'),
          },
          refundInstead: {
            title: t('returns.refundInsteadTitle'),
            okText: t('returns.refundInstead'),
            danger: true,
            confirmTestId: 'refund-instead-confirm',
            intro: () => t('returns.refundInsteadIntro'),
            fields: (
              <Form.Item
                name="note"
                label={t('returns.noteLabel')}
                rules={[{ max: 500, message: t('returns.noteRule') }]}
              >
                <Input.TextArea rows={2} data-testid="refund-instead-note" />
              </Form.Item>
            ),
            submit: (r, { note }) =>
              request(RefundExchangeInsteadDocument, {
                input: { returnRequestId: r.id, reason: String(note ?? '').trim() || null },
              }),
            done: t('returns.refundedInstead'),
          },
          refuse: {
            title: t('returns.refuseTitle'),
            okText: t('returns.refuse'),
            danger: true,
            confirmTestId: 'refuse-return-confirm',
            reason: { label: t('returns.reasonLabel'), rule: t('returns.reasonRule'), testId: 'return-refuse-reason' },
            submit: (r, { reason }) =>
              request(DecideReturnDocument, { input: { returnRequestId: r.id, authorise: false, reason } }),
            done: t('returns.refused'),
          },
          reject: {
            title: t('returns.rejectTitle'),
            okText: t('returns.reject'),
            danger: true,
            confirmTestId: 'refuse-return-confirm',
            reason: { label: t('returns.reasonLabel'), rule: t('returns.reasonRule'), testId: 'return-refuse-reason' },
            fields: (
              <Form.Item
                name="photoUrls"
                label={t('returns.photosLabel')}
                rules={[{ required: true, whitespace: true, message: t('returns.photosRule') }]}
              >
                <Input.TextArea rows={2} data-testid="return-reject-photos" />
              </Form.Item>
            ),
            submit: (r, { reason, photoUrls }) =>
              request(InspectReturnDocument, {
                input: {
                  returnRequestId: r.id,
                  accept: false,
                  reason,
                  photoUrls: String(photoUrls ?? '')
                    .split(/\s+/)
                    .filter(Boolean),
                },
              }),
            done: t('returns.rejected'),
          },
        }}
      />
    </Space>
  );
}
