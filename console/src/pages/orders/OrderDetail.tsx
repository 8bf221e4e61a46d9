/**
 * One order in a drawer: payment (points + cash), the address (masked by the API for staff without
 * SEE_CUSTOMER_DATA), one card per supplier order with its lines and shipments, card codes delivered
 * (never the code itself), perk units delivered by partners or the bank (their state) and refunds.
 */
import Alert from 'antd/es/alert';
import Card from 'antd/es/card';
import Descriptions from 'antd/es/descriptions';
import Drawer from 'antd/es/drawer';
import Empty from 'antd/es/empty';
import Space from 'antd/es/space';
import Spin from 'antd/es/spin';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api';
import { useMe } from '../../me';
import ActForCustomer from './ActForCustomer';
import { graphql } from '../../gql';
import type { ConsoleOrderQuery, OrderStatus, RefundState } from '../../gql/graphql';
import { ORDER_STATUS_COLOURS, PERK_STATE_COLOURS, REFUND_STATE_COLOURS, fenToYuan } from './format';

const OrderDocument = graphql(`
  query ConsoleOrder($id: ID!) {
    order(id: $id) {
      id
      status
      createdAt
      paidAt
      paymentRef
      failureReason
      cancelledBy
      shippingAddressChangedBy
      totalPoints
      cashFen
      pointsAppliedToCash
      pointsValueFen
      customer {
        id
        externalRef
      }
      shippingAddress {
        recipient
        phone
        province
        city
        district
        detail
        postalCode
      }
      supplierOrders {
        id
        status
        supplier {
          id
          name
        }
        lines {
          id
          title
          kind
          quantity
          refundedQuantity
          unitFen
          unitPoints
        }
        shipments {
          id
          trackingNumber
          status
          shippedAt
          deliveredAt
          carrier {
            id
            name
          }
        }
      }
      virtualDeliveries {
        id
        orderLineId
        deliveredAt
        expiresAt
        revealCount
      }
      perkDeliveries {
        id
        orderLineId
        unitIndex
        mode
        state
        failureReason
        settledAt
      }
      refunds {
        id
        state
        cause
        requestedBy
        supplierOrderId
        reason
        rejectionReason
        pointsRefunded
        cashRefundFen
        createdAt
        decidedAt
      }
    }
  }
`);

type OrderView = ConsoleOrderQuery['order'];
type SupplierOrderView = OrderView['supplierOrders'][number];

function SupplierOrderCard({ so }: { so: SupplierOrderView }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <Card
      size="small"
      data-testid={`supplier-order-${so.id}`}
      title={
        <Space>
          <span>{t('orders.supplierOrder', { supplier: so.supplier.name, id: so.id })}</span>
          <Tag>{t(`orders.soStatuses.${so.status}`)}</Tag>
        </Space>
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={so.lines}
        columns={[
          { title: t('orders.line'), dataIndex: 'title' },
          { title: t('orders.kind'), dataIndex: 'kind', render: (k: string) => t(`orders.kinds.${k}`) },
          { title: t('orders.quantity'), dataIndex: 'quantity' },
          { title: t('orders.refunded'), dataIndex: 'refundedQuantity' },
          {
            title: t('orders.unitPrice'),
            key: 'price',
            render: (_, l) =>
              `${t('orders.points', { points: l.unitPoints.toLocaleString(i18n.language) })} + ¥${fenToYuan(l.unitFen)}`,
          },
        ]}
      />
      {/* Card codes are delivered at payment: a supplier order of codes only has nothing to ship. */}
      {so.lines.every((l) => l.kind === 'VIRTUAL') ? null : (
        <Typography.Title level={4} style={{ fontSize: 14, marginTop: 12 }}>
          {t('orders.shipments')}
        </Typography.Title>
      )}
      {so.lines.every((l) => l.kind === 'VIRTUAL') ? null : so.shipments.length === 0 ? (
        <Typography.Text type="secondary">{t('orders.noShipments')}</Typography.Text>
      ) : (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={so.shipments}
          columns={[
            { title: t('orders.carrier'), key: 'carrier', render: (_, s) => s.carrier.name },
            { title: t('orders.tracking'), dataIndex: 'trackingNumber', render: (v: string) => <code>{v}</code> },
            {
              title: t('orders.status'),
              dataIndex: 'status',
              render: (v: string) => t(`orders.shipmentStatuses.${v}`),
            },
            { title: t('orders.shippedAt'), dataIndex: 'shippedAt', render: (v: string) => time.format(new Date(v)) },
          ]}
        />
      )}
    </Card>
  );
}

export default function OrderDetail({ orderId, onClose }: { orderId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={orderId !== null}
      onClose={onClose}
      size={860}
      title={orderId ? t('orders.detailTitle', { id: orderId }) : ''}
      closable={{ 'aria-label': t('orders.close') }}
      destroyOnHidden
    >
      {orderId && <OrderBody id={orderId} />}
    </Drawer>
  );
}

function OrderBody({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { data, error, loading, reload } = useQuery(OrderDocument, { id });
  const me = useMe();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  if (error) return <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />;
  if (!data) return <Spin aria-label={t('common.loading')} />;
  const o = data.order;
  const a = o.shippingAddress;
  const titleOfLine = new Map(o.supplierOrders.flatMap((so) => so.lines.map((l) => [l.id, l.title] as const)));
  return (
    // Focusable, so keyboard users can scroll the drawer (it holds no other focusable element).
    <div tabIndex={0} role="region" aria-label={t('orders.detailTitle', { id: o.id })}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="order-detail">
        <Descriptions
          bordered
          size="small"
          column={2}
          items={[
            {
              key: 'status',
              label: t('orders.status'),
              children: (
                <Tag color={ORDER_STATUS_COLOURS[o.status as OrderStatus]}>{t(`orders.statuses.${o.status}`)}</Tag>
              ),
            },
            { key: 'customer', label: t('orders.customer'), children: o.customer.externalRef },
            { key: 'created', label: t('orders.createdAt'), children: time.format(new Date(o.createdAt)) },
            { key: 'paid', label: t('orders.paidAt'), children: o.paidAt ? time.format(new Date(o.paidAt)) : '—' },
            {
              key: 'payment',
              label: t('orders.payment'),
              span: 2,
              children: (
                <Space orientation="vertical" size={0} data-testid="order-payment">
                  <span>
                    {t('orders.points', { points: o.totalPoints.toLocaleString(i18n.language) })} +{' '}
                    {t('orders.cash', { yuan: fenToYuan(o.cashFen) })}
                  </span>
                  <Typography.Text type="secondary">
                    {t('orders.pointsToCash', { points: o.pointsAppliedToCash })} ·{' '}
                    {t('orders.pointsValue', { yuan: fenToYuan(o.pointsValueFen) })}
                  </Typography.Text>
                </Space>
              ),
            },
            { key: 'ref', label: t('orders.paymentRef'), children: o.paymentRef ?? '—' },
            ...(o.failureReason
              ? [{ key: 'failure', label: t('orders.failureReason'), children: o.failureReason }]
              : []),
            ...(o.cancelledBy
              ? [
                  {
                    key: 'cancelledBy',
                    label: t('orders.cancelledBy'),
                    children: <Tag data-testid="order-cancelled-by">{t(`orders.actedBy.${o.cancelledBy}`)}</Tag>,
                  },
                ]
              : []),
            ...(o.shippingAddressChangedBy
              ? [
                  {
                    key: 'addressChangedBy',
                    label: t('orders.addressChangedBy'),
                    children: (
                      <Tag data-testid="order-address-changed-by">
                        {t(`orders.actedBy.${o.shippingAddressChangedBy}`)}
                      </Tag>
                    ),
                  },
                ]
              : []),
            {
              key: 'address',
              label: t('orders.address'),
              span: 2,
              children: a ? (
                <span data-testid="order-address">{`${a.recipient} ${a.phone} · ${a.province}${a.city}${a.district} ${a.detail}`}</span>
              ) : (
                t('orders.noAddress')
              ),
            },
          ]}
        />
        {me.kind === 'BANK' && !loading && <ActForCustomer order={o} onDone={reload} />}
        <Typography.Title level={3} style={{ fontSize: 16 }}>
          {t('orders.supplierOrders', { count: o.supplierOrders.length })}
        </Typography.Title>
        {o.supplierOrders.map((so) => (
          <SupplierOrderCard key={so.id} so={so} />
        ))}
        {o.virtualDeliveries.length > 0 && (
          <>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('orders.virtualDeliveries')}
            </Typography.Title>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={o.virtualDeliveries}
              data-testid="virtual-deliveries"
              columns={[
                {
                  title: t('orders.line'),
                  key: 'line',
                  render: (_, d) => titleOfLine.get(d.orderLineId) ?? d.orderLineId,
                },
                { title: t('orders.codeMasked'), key: 'code', render: () => <code>••••••••</code> },
                {
                  title: t('orders.deliveredAt'),
                  dataIndex: 'deliveredAt',
                  render: (v: string) => time.format(new Date(v)),
                },
                {
                  title: t('orders.expiresAt'),
                  dataIndex: 'expiresAt',
                  render: (v: string | null) => (v ? time.format(new Date(v)) : '—'),
                },
                {
                  title: t('orders.status'),
                  dataIndex: 'revealCount',
                  render: (n: number) => (n > 0 ? t('orders.revealed', { count: n }) : t('orders.notRevealed')),
                },
              ]}
            />
          </>
        )}
        {o.perkDeliveries.length > 0 && (
          <>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('orders.perkDeliveries')}
            </Typography.Title>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={o.perkDeliveries}
              data-testid="perk-deliveries"
              columns={[
                {
                  title: t('orders.line'),
                  key: 'line',
                  render: (_, d) => titleOfLine.get(d.orderLineId) ?? d.orderLineId,
                },
                {
                  title: t('orders.perkUnit'),
                  key: 'unit',
                  render: (_, d) => t('orders.unitNo', { n: d.unitIndex + 1 }),
                },
                {
                  title: t('orders.deliveryMode'),
                  dataIndex: 'mode',
                  render: (m: string) => t(`orders.deliveryModes.${m}`),
                },
                {
                  title: t('orders.status'),
                  dataIndex: 'state',
                  render: (s: string) => (
                    <Tag color={PERK_STATE_COLOURS[s]} data-testid="perk-state">
                      {t(`orders.perkStates.${s}`)}
                    </Tag>
                  ),
                },
                {
                  title: t('orders.failureReason'),
                  dataIndex: 'failureReason',
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('orders.settledAt'),
                  dataIndex: 'settledAt',
                  render: (v: string | null) => (v ? time.format(new Date(v)) : '—'),
                },
              ]}
            />
          </>
        )}
        <Typography.Title level={3} style={{ fontSize: 16 }}>
          {t('orders.refunds')}
        </Typography.Title>
        {o.refunds.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.noRefunds')} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={o.refunds}
            data-testid="order-refunds"
            columns={[
              { title: t('orders.refundId'), dataIndex: 'id' },
              {
                title: t('orders.refundState'),
                dataIndex: 'state',
                render: (v: RefundState) => <Tag color={REFUND_STATE_COLOURS[v]}>{t(`orders.refundStates.${v}`)}</Tag>,
              },
              {
                title: t('orders.refundCause'),
                dataIndex: 'cause',
                render: (v: string) => t(`orders.causes.${v}`),
              },
              {
                title: t('orders.requestedBy'),
                dataIndex: 'requestedBy',
                render: (v: string) => <Tag data-testid="refund-requested-by">{t(`orders.actedBy.${v}`)}</Tag>,
              },
              { title: t('orders.reason'), dataIndex: 'reason' },
              {
                title: t('orders.rejectionReason'),
                dataIndex: 'rejectionReason',
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('orders.refundAmount'),
                key: 'amount',
                render: (_, r) =>
                  `${t('orders.points', { points: r.pointsRefunded })} + ¥${fenToYuan(r.cashRefundFen)}`,
              },
            ]}
          />
        )}
      </Space>
    </div>
  );
}
