/**
 * Orders to fill (供应商 HANDLE_AFTERSALES): the supplier's paid and partly shipped supplier orders,
 * newest first. Units it cannot fill (out of stock after sale, discontinued) are cancelled with a
 * reason the customer sees: `cancelSupplierOrderLines` refunds exactly those units at once (points
 * and cash, discounts shared out) and shows on the supplier's scorecard. The API checks the
 * permission, the supplier and which units are still unshipped.
 */
import Button from 'antd/es/button';
import Checkbox from 'antd/es/checkbox';
import Form from 'antd/es/form';
import InputNumber from 'antd/es/input-number';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import DecisionInbox from '../../DecisionInbox';
import { graphql } from '../../gql';
import type { ConsoleSupplierOrdersToFillQuery, SupplierOrderStatus } from '../../gql/graphql';
import { useMe } from '../../me';
import { fenToYuan } from '../orders/format';

const SupplierOrdersDocument = graphql(`
  query ConsoleSupplierOrdersToFill($supplierId: ID!, $status: SupplierOrderStatus, $first: Int, $after: String) {
    supplier(id: $supplierId) {
      id
      supplierOrders(status: $status, first: $first, after: $after) {
        edges {
          node {
            id
            status
            createdAt
            lines {
              id
              kind
              title
              quantity
              refundedQuantity
            }
            order {
              id
              refunds {
                id
                supplierOrderId
                cause
                state
                reason
                pointsRefunded
                cashRefundFen
                lines {
                  orderLineId
                  quantity
                }
              }
            }
          }
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  }
`);

const CancelLinesDocument = graphql(`
  mutation ConsoleCancelSupplierOrderLines($input: CancelSupplierOrderLinesInput!) {
    cancelSupplierOrderLines(input: $input) {
      id
      state
      pointsRefunded
      cashRefundFen
    }
  }
`);

type SupplierOrderRow = NonNullable<
  ConsoleSupplierOrdersToFillQuery['supplier']
>['supplierOrders']['edges'][number]['node'];
type Line = SupplierOrderRow['lines'][number];
const STATUSES: SupplierOrderStatus[] = ['PAID', 'PARTIALLY_SHIPPED'];

/** This supplier order's refunds (the order's refunds cover every supplier order of it). */
const refundsOf = (so: SupplierOrderRow) => so.order.refunds.filter((r) => r.supplierOrderId === so.id);

/** Units of each line the supplier cancelled (its SUPPLIER_CANCELLED refunds). */
function cancelledUnits(so: SupplierOrderRow): Map<string, number> {
  const units = new Map<string, number>();
  for (const r of refundsOf(so))
    if (r.cause === 'SUPPLIER_CANCELLED' && r.state === 'APPROVED')
      for (const l of r.lines) units.set(l.orderLineId, (units.get(l.orderLineId) ?? 0) + l.quantity);
  return units;
}

/** Goods still open on the line: the API decides what has shipped, this only bounds the input. */
const openUnits = (l: Line) => (l.kind === 'PHYSICAL' ? l.quantity - l.refundedQuantity : 0);

export default function OrdersToFill() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const supplierId = me.supplier?.id ?? '';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-supplier-orders">
      <Typography.Title level={1}>{t('supplierOrders.title')}</Typography.Title>
      <Typography.Paragraph>{t('supplierOrders.intro')}</Typography.Paragraph>
      <DecisionInbox
        testId="supplier-orders"
        statuses={STATUSES}
        initialStatus="PAID"
        statusLabel={(s) => t(`supplierOrders.statuses.${s}`)}
        statusName={t('supplierOrders.status')}
        document={SupplierOrdersDocument}
        variables={(status, first, after) => ({ supplierId, status, first, after })}
        page={(d) => d.supplier.supplierOrders}
        emptyText={t('supplierOrders.empty')}
        columns={(inbox) => [
          { title: t('supplierOrders.id'), dataIndex: 'id' },
          {
            title: t('supplierOrders.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => time.format(new Date(v)),
          },
          { title: t('supplierOrders.order'), key: 'order', render: (_, so: SupplierOrderRow) => so.order.id },
          {
            title: t('supplierOrders.lines'),
            key: 'lines',
            render: (_, so: SupplierOrderRow) => {
              const cancelled = cancelledUnits(so);
              return (
                <Space orientation="vertical" size={2}>
                  {so.lines.map((l) => (
                    <span key={l.id} data-testid={`line-${l.id}`}>
                      {t('supplierOrders.line', { title: l.title, quantity: l.quantity })}{' '}
                      {(cancelled.get(l.id) ?? 0) > 0 && (
                        <Tag color="red">{t('supplierOrders.cancelledUnits', { units: cancelled.get(l.id) })}</Tag>
                      )}
                    </span>
                  ))}
                </Space>
              );
            },
          },
          {
            title: t('supplierOrders.refunds'),
            key: 'refunds',
            render: (_, so: SupplierOrderRow) => (
              <Space orientation="vertical" size={2} data-testid={`refunds-${so.id}`}>
                {refundsOf(so).map((r) => (
                  <Typography.Text key={r.id}>
                    {t('supplierOrders.refund', {
                      cause: t(`supplierOrders.causes.${r.cause}`),
                      points: r.pointsRefunded,
                      cash: fenToYuan(r.cashRefundFen),
                    })}
                  </Typography.Text>
                ))}
              </Space>
            ),
          },
          {
            title: t('supplierOrders.actions'),
            key: 'actions',
            render: (_, so: SupplierOrderRow) =>
              so.lines.some((l) => openUnits(l) > 0) && (
                <Button
                  danger
                  size="small"
                  data-testid={`cancel-lines-${so.id}`}
                  onClick={() => inbox.open(so, 'cancel')}
                >
                  {t('supplierOrders.cancel')}
                </Button>
              ),
          },
        ]}
        dialogs={{
          cancel: {
            title: t('supplierOrders.cancelTitle'),
            okText: t('supplierOrders.cancelConfirm'),
            danger: true,
            confirmTestId: 'cancel-lines-confirm',
            intro: () => t('supplierOrders.cancelIntro'),
            fields: (so) => (
              <>
                {so.lines
                  .filter((l) => openUnits(l) > 0)
                  .map((l) => (
                    <Form.Item
                      key={l.id}
                      name={`units-${l.id}`}
                      label={t('supplierOrders.unitsOf', { title: l.title, open: openUnits(l) })}
                    >
                      <InputNumber min={0} max={openUnits(l)} precision={0} data-testid={`cancel-units-${l.id}`} />
                    </Form.Item>
                  ))}
                <Form.Item name="restock" valuePropName="checked">
                  <Checkbox data-testid="cancel-restock">{t('supplierOrders.restock')}</Checkbox>
                </Form.Item>
              </>
            ),
            reason: {
              label: t('supplierOrders.reason'),
              rule: t('supplierOrders.reasonRule'),
              testId: 'cancel-reason',
            },
            initialValues: { restock: false },
            submit: async (so, values) => {
              const lines = so.lines
                .map((l) => ({ orderLineId: l.id, quantity: Number(values[`units-${l.id}`] ?? 0) }))
                .filter((l) => l.quantity > 0);
              if (lines.length === 0) throw new ApiError(t('supplierOrders.noUnits'));
              return request(CancelLinesDocument, {
                input: { supplierOrderId: so.id, lines, reason: values.reason, restock: values.restock === true },
              });
            },
            done: t('supplierOrders.cancelled'),
          },
        }}
      />
    </Space>
  );
}
