/**
 * 发货 (supplier SHIP_ORDERS): the supplier's orders to ship, by status, keyset paged; what is left
 * of each line (ordered − shipped − withdrawn); a pick list of the page's orders (units per SKU,
 * CSV); ship with a carrier and tracking number, all or some units of each line
 * (`shipSupplierOrder`: a partial shipment leaves the rest to ship); the parcels already sent; and
 * the packing slip as a PDF made by the server (`supplierOrderPackingSlip`).
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Segmented from 'antd/es/segmented';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { csvText, download, downloadBase64 } from '../../csv';
import { graphql } from '../../gql';
import type { ConsoleShippingOrdersQuery, SupplierOrderStatus } from '../../gql/graphql';
import { useMe } from '../../me';
import { Pager, useCursorPages } from '../../paging';

const ShippingOrdersDocument = graphql(`
  query ConsoleShippingOrders($supplierId: ID!, $status: SupplierOrderStatus, $first: Int, $after: String) {
    supplier(id: $supplierId) {
      id
      supplierOrders(status: $status, first: $first, after: $after) {
        edges {
          node {
            id
            status
            createdAt
            order {
              id
              shippingAddress {
                recipient
                phone
                province
                city
                district
                detail
              }
            }
            fulfilment {
              id
              status
              lines {
                orderLineId
                title
                quantity
                shippedQuantity
                withdrawnQuantity
                sku {
                  id
                  code
                }
              }
            }
            shipments {
              id
              trackingNumber
              status
              carrier {
                code
                name
              }
              lines {
                orderLineId
                quantity
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

const CarriersDocument = graphql(`
  query ConsoleShippingCarriers {
    carriers {
      code
      name
    }
  }
`);

const ShipDocument = graphql(`
  mutation ConsoleShipSupplierOrder($input: ShipSupplierOrderInput!) {
    shipSupplierOrder(input: $input) {
      shipment {
        id
        trackingNumber
      }
      fulfilment {
        id
        status
      }
    }
  }
`);

const PackingSlipDocument = graphql(`
  query ConsolePackingSlip($supplierOrderId: ID!) {
    supplierOrderPackingSlip(supplierOrderId: $supplierOrderId) {
      fileName
      contentBase64
    }
  }
`);

type Row = NonNullable<ConsoleShippingOrdersQuery['supplier']>['supplierOrders']['edges'][number]['node'];
type Line = NonNullable<Row['fulfilment']>['lines'][number];
const STATUSES: SupplierOrderStatus[] = ['PAID', 'PARTIALLY_SHIPPED', 'SHIPPED'];
const left = (l: Line) => Math.max(0, l.quantity - l.shippedQuantity - l.withdrawnQuantity);

export default function Shipping() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const [status, setStatus] = useState<SupplierOrderStatus>('PAID');
  const pages = useCursorPages();
  const { data, error, loading, reload } = useQuery(ShippingOrdersDocument, {
    supplierId: me.supplier?.id ?? '',
    status,
    first: 20,
    after: pages.after,
  });
  const carriers = useQuery(CarriersDocument, {});
  const [shipping, setShipping] = useState<Row | null>(null);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm();
  const rows = data?.supplier.supplierOrders.edges.map((e) => e.node) ?? [];

  const pickList = (() => {
    const bySku = new Map<string, { code: string; title: string; units: number; orders: Set<string> }>();
    for (const so of rows)
      for (const l of so.fulfilment?.lines ?? []) {
        if (left(l) === 0) continue;
        const p = bySku.get(l.sku.id) ?? { code: l.sku.code, title: l.title, units: 0, orders: new Set<string>() };
        p.units += left(l);
        p.orders.add(so.id);
        bySku.set(l.sku.id, p);
      }
    return [...bySku.entries()]
      .map(([skuId, p]) => ({ skuId, code: p.code, title: p.title, units: p.units, orders: [...p.orders].join(' ') }))
      .sort((a, b) => a.code.localeCompare(b.code));
  })();

  async function packingSlip(so: Row) {
    try {
      const r = await request(PackingSlipDocument, { supplierOrderId: so.id });
      downloadBase64(r.supplierOrderPackingSlip.contentBase64, r.supplierOrderPackingSlip.fileName, 'application/pdf');
    } catch (e) {
      void message.error(t('common.error', { message: e instanceof Error ? e.message : String(e) }));
    }
  }

  async function ship(values: Record<string, unknown>) {
    if (!shipping?.fulfilment) return;
    const lines = shipping.fulfilment.lines
      .map((l) => ({ orderLineId: l.orderLineId, quantity: Number(values[`units-${l.orderLineId}`] ?? 0) }))
      .filter((l) => l.quantity > 0);
    if (lines.length === 0) {
      setProblem(t('shipping.noUnits'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await request(ShipDocument, {
        input: {
          supplierOrderId: shipping.id,
          carrierCode: String(values.carrierCode),
          trackingNumber: String(values.trackingNumber).trim(),
          lines,
        },
      });
      void message.success(t('shipping.shipped', { id: shipping.id }));
      setShipping(null);
      reload();
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-shipping">
      <Typography.Title level={1}>{t('shipping.title')}</Typography.Title>
      <Typography.Paragraph>{t('shipping.intro')}</Typography.Paragraph>
      <Space wrap>
        <Segmented<SupplierOrderStatus>
          aria-label={t('shipping.status')}
          value={status}
          options={STATUSES.map((s) => ({ value: s, label: t(`shipping.statuses.${s}`) }))}
          onChange={(v) => {
            setStatus(v);
            pages.reset();
          }}
          data-testid="shipping-status"
        />
        <Button onClick={() => setPicking(true)} disabled={pickList.length === 0} data-testid="pick-list">
          {t('shipping.pickList')}
        </Button>
      </Space>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} />}
      <Table<Row>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={false}
        onRow={(so) => ({ 'data-testid': `ship-row-${so.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('shipping.id'), dataIndex: 'id' },
          { title: t('shipping.createdAt'), dataIndex: 'createdAt', render: (v: string) => time.format(new Date(v)) },
          {
            title: t('shipping.shipTo'),
            key: 'to',
            render: (_, so) => {
              const a = so.order.shippingAddress;
              return a ? `${a.recipient} ${a.phone} ${a.province}${a.city}${a.district}${a.detail}` : '—';
            },
          },
          {
            title: t('shipping.lines'),
            key: 'lines',
            render: (_, so) => (
              <Space orientation="vertical" size={2}>
                {(so.fulfilment?.lines ?? []).map((l) => (
                  <span key={l.orderLineId} data-testid={`ship-line-${l.orderLineId}`}>
                    {t('shipping.line', {
                      title: l.title,
                      quantity: l.quantity,
                      shipped: l.shippedQuantity,
                      left: left(l),
                    })}
                  </span>
                ))}
              </Space>
            ),
          },
          {
            title: t('shipping.parcels'),
            key: 'parcels',
            render: (_, so) => (
              <Space orientation="vertical" size={2} data-testid={`parcels-${so.id}`}>
                {so.shipments.map((s) => (
                  <span key={s.id}>
                    <Tag>{s.carrier.name}</Tag>
                    {s.trackingNumber} · {t('shipping.units', { units: s.lines.reduce((n, l) => n + l.quantity, 0) })}
                  </span>
                ))}
              </Space>
            ),
          },
          {
            title: t('shipping.actions'),
            key: 'actions',
            render: (_, so) => (
              <Space wrap>
                {(so.fulfilment?.lines ?? []).some((l) => left(l) > 0) && (
                  <Button
                    type="primary"
                    size="small"
                    data-testid={`ship-${so.id}`}
                    onClick={() => {
                      setProblem(null);
                      form.resetFields();
                      form.setFieldsValue(
                        Object.fromEntries(
                          (so.fulfilment?.lines ?? []).map((l) => [`units-${l.orderLineId}`, left(l)]),
                        ),
                      );
                      setShipping(so);
                    }}
                  >
                    {t('shipping.ship')}
                  </Button>
                )}
                <Button size="small" data-testid={`packing-slip-${so.id}`} onClick={() => void packingSlip(so)}>
                  {t('shipping.packingSlip')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Pager
        pages={pages}
        hasNextPage={data?.supplier.supplierOrders.pageInfo.hasNextPage}
        endCursor={data?.supplier.supplierOrders.pageInfo.endCursor}
        loading={loading}
        testId="shipping"
      />
      <Modal
        open={!!shipping}
        title={t('shipping.shipTitle', { id: shipping?.id })}
        okText={t('shipping.shipConfirm')}
        okButtonProps={{ loading: busy, 'data-testid': 'ship-confirm' } as never}
        onOk={() => form.submit()}
        onCancel={() => setShipping(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void ship(v as Record<string, unknown>)}>
          <Form.Item
            name="carrierCode"
            label={t('shipping.carrier')}
            rules={[{ required: true, message: t('shipping.carrierRule') }]}
          >
            <Select
              data-testid="ship-carrier"
              options={(carriers.data?.carriers ?? []).map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
            />
          </Form.Item>
          <Form.Item
            name="trackingNumber"
            label={t('shipping.tracking')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9-]{4,40}$/, message: t('shipping.trackingRule') }]}
          >
            <Input data-testid="ship-tracking" autoComplete="off" />
          </Form.Item>
          <Typography.Paragraph>{t('shipping.unitsIntro')}</Typography.Paragraph>
          {(shipping?.fulfilment?.lines ?? [])
            .filter((l) => left(l) > 0)
            .map((l) => (
              <Form.Item
                key={l.orderLineId}
                name={`units-${l.orderLineId}`}
                label={t('shipping.unitsOf', { title: l.title, left: left(l) })}
              >
                <InputNumber min={0} max={left(l)} precision={0} data-testid={`ship-units-${l.orderLineId}`} />
              </Form.Item>
            ))}
          {problem && <Alert type="error" title={problem} data-testid="ship-problem" />}
        </Form>
      </Modal>
      <Modal
        open={picking}
        title={t('shipping.pickListTitle')}
        onCancel={() => setPicking(false)}
        footer={[
          <Button
            key="csv"
            data-testid="pick-list-csv"
            onClick={() =>
              download(
                csvText(
                  [t('shipping.skuCode'), t('shipping.item'), t('shipping.unitsToPick'), t('shipping.orders')],
                  pickList.map((p) => [p.code, p.title, p.units, p.orders]),
                ),
                'pick-list.csv',
              )
            }
          >
            CSV
          </Button>,
          <Button key="close" type="primary" onClick={() => setPicking(false)}>
            {t('shipping.close')}
          </Button>,
        ]}
      >
        <Typography.Paragraph>{t('shipping.pickListIntro')}</Typography.Paragraph>
        <Table
          data-testid="pick-list-table"
          rowKey="skuId"
          size="small"
          pagination={false}
          dataSource={pickList}
          columns={[
            { title: t('shipping.skuCode'), dataIndex: 'code' },
            { title: t('shipping.item'), dataIndex: 'title' },
            { title: t('shipping.unitsToPick'), dataIndex: 'units' },
            { title: t('shipping.orders'), dataIndex: 'orders' },
          ]}
        />
      </Modal>
    </Space>
  );
}
