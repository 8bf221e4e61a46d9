/**
 * 发货 (supplier SHIP_ORDERS): the supplier's orders to ship, by status, when placed and order number
 * (`supplierOrders(filter)`), keyset paged; what is left of each line (ordered − shipped −
 * withdrawn); the pick list of EVERY order the filter matches, summed by the server
 * (`supplierPickList`: units per SKU, at most 500 SKUs, CSV and print); ship with a carrier and tracking number, all or some units of each line
 * (`shipSupplierOrder`: a partial shipment leaves the rest to ship); the parcels already sent; and
 * the packing slip as a PDF made by the server (`supplierOrderPackingSlip`).
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import DatePicker from 'antd/es/date-picker';
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
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { csvText, download, downloadBase64 } from '../../csv';
import { graphql } from '../../gql';
import type {
  ConsoleShippingOrdersQuery,
  ConsoleSupplierPickListQuery,
  PickListFilterInput,
  SupplierOrderFilterInput,
  SupplierOrderStatus,
} from '../../gql/graphql';
import { useMe } from '../../me';
import { Pager, useCursorPages } from '../../paging';

const ShippingOrdersDocument = graphql(`
  query ConsoleShippingOrders($supplierId: ID!, $filter: SupplierOrderFilterInput, $first: Int, $after: String) {
    supplier(id: $supplierId) {
      id
      supplierOrders(filter: $filter, first: $first, after: $after) {
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

const PickListDocument = graphql(`
  query ConsoleSupplierPickList($supplierId: ID!, $filter: PickListFilterInput) {
    supplierPickList(supplierId: $supplierId, filter: $filter) {
      skus
      units
      orders
      truncated
      lines {
        sku {
          id
          code
        }
        title
        units
        orders
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
type PickList = ConsoleSupplierPickListQuery['supplierPickList'];
/** TO_SHIP: both statuses with units left (nothing shipped yet, and partly shipped). */
type View = SupplierOrderStatus | 'TO_SHIP';
const VIEWS: View[] = ['PAID', 'PARTIALLY_SHIPPED', 'TO_SHIP', 'SHIPPED'];
const STATUSES_OF: Record<string, SupplierOrderStatus[]> = { TO_SHIP: ['PAID', 'PARTIALLY_SHIPPED'] };
const left = (l: Line) => Math.max(0, l.quantity - l.shippedQuantity - l.withdrawnQuantity);

interface FilterForm {
  orderId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}
interface Filter {
  orderId?: string;
  from?: string;
  to?: string;
}

function toFilter(v: FilterForm): Filter {
  const f: Filter = {};
  if (v.orderId?.trim()) f.orderId = v.orderId.trim();
  if (v.range?.[0]) f.from = v.range[0].startOf('day').toISOString();
  if (v.range?.[1]) f.to = v.range[1].add(1, 'day').startOf('day').toISOString();
  return f;
}

/** The same orders in logistics' words: PAID is OPEN there; SHIPPED has nothing left to pick. */
function pickFilter(view: View, f: Filter): PickListFilterInput {
  return {
    status: view === 'PAID' ? 'OPEN' : view === 'PARTIALLY_SHIPPED' ? 'PARTIALLY_SHIPPED' : null,
    placedFrom: f.from ?? null,
    placedTo: f.to ?? null,
    orderId: f.orderId ?? null,
  };
}

const escapeHtml = (v: string | number) =>
  String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export default function Shipping() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const [view, setView] = useState<View>('PAID');
  const [filter, setFilter] = useState<Filter>({});
  const [filterForm] = Form.useForm<FilterForm>();
  const pages = useCursorPages();
  const orderFilter: SupplierOrderFilterInput = {
    statuses: STATUSES_OF[view] ?? [view as SupplierOrderStatus],
    createdFrom: filter.from ?? null,
    createdTo: filter.to ?? null,
    orderId: filter.orderId ?? null,
  };
  const { data, error, loading, reload } = useQuery(ShippingOrdersDocument, {
    supplierId: me.supplier?.id ?? '',
    filter: orderFilter,
    first: 20,
    after: pages.after,
  });
  const carriers = useQuery(CarriersDocument, {});
  const [shipping, setShipping] = useState<Row | null>(null);
  const [picking, setPicking] = useState(false);
  const [pickList, setPickList] = useState<PickList | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm();
  const rows = data?.supplier.supplierOrders.edges.map((e) => e.node) ?? [];

  async function openPickList() {
    setPicking(true);
    setPickList(null);
    setPickError(null);
    try {
      const r = await request(PickListDocument, {
        supplierId: me.supplier?.id ?? '',
        filter: pickFilter(view, filter),
      });
      setPickList(r.supplierPickList);
    } catch (e) {
      setPickError(e instanceof Error ? e.message : String(e));
    }
  }

  const pickHeader = [t('shipping.skuCode'), t('shipping.item'), t('shipping.unitsToPick'), t('shipping.orders')];
  const pickRows = (p: PickList) => p.lines.map((l) => [l.sku.code, l.title, l.units, l.orders]);

  function printPickList(p: PickList) {
    const w = window.open('', '_blank');
    if (!w) return;
    const cells = (r: (string | number)[], tag: string) => r.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('');
    w.document.write(
      `<!doctype html><html lang="${escapeHtml(i18n.language)}"><meta charset="utf-8"><title>${escapeHtml(t('shipping.pickListTitle'))}</title>` +
        `<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}</style>` +
        `<h1>${escapeHtml(t('shipping.pickListTitle'))}</h1><p>${escapeHtml(t('shipping.pickTotals', { skus: p.skus, units: p.units, orders: p.orders }))}</p>` +
        `<table><thead><tr>${cells(pickHeader, 'th')}</tr></thead><tbody>${pickRows(p)
          .map((r) => `<tr>${cells(r, 'td')}</tr>`)
          .join('')}</tbody></table>`,
    );
    w.document.close();
    w.focus();
    w.print();
  }

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
        <Segmented<View>
          aria-label={t('shipping.status')}
          value={view}
          options={VIEWS.map((s) => ({ value: s, label: t(`shipping.statuses.${s}`) }))}
          onChange={(v) => {
            setView(v);
            pages.reset();
          }}
          data-testid="shipping-status"
        />
        <Button onClick={() => void openPickList()} disabled={view === 'SHIPPED'} data-testid="pick-list">
          {t('shipping.pickList')}
        </Button>
      </Space>
      <Form
        form={filterForm}
        layout="inline"
        aria-label={t('shipping.filters')}
        onFinish={(v) => {
          setFilter(toFilter(v));
          pages.reset();
        }}
      >
        <Form.Item
          name="orderId"
          label={t('shipping.orderId')}
          rules={[{ pattern: /^[1-9][0-9]{0,14}$/, message: t('shipping.orderIdRule') }]}
        >
          <Input maxLength={15} allowClear style={{ width: 140 }} data-testid="shipping-filter-order" />
        </Form.Item>
        <Form.Item name="range" label={t('shipping.placed')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="shipping-filter-range" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="shipping-search">
            {t('shipping.search')}
          </Button>
          <Button
            onClick={() => {
              filterForm.resetFields();
              setFilter({});
              pages.reset();
            }}
          >
            {t('shipping.reset')}
          </Button>
        </Space>
      </Form>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} />}
      <Table<Row>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={false}
        onRow={(so) => ({ 'data-testid': `ship-row-${so.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('shipping.id'), dataIndex: 'id' },
          { title: t('shipping.orderId'), key: 'order', render: (_, so) => so.order.id },
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
        width={760}
        title={t('shipping.pickListTitle')}
        onCancel={() => setPicking(false)}
        footer={[
          <Button
            key="csv"
            data-testid="pick-list-csv"
            disabled={!pickList}
            onClick={() => pickList && download(csvText(pickHeader, pickRows(pickList)), 'pick-list.csv')}
          >
            CSV
          </Button>,
          <Button
            key="print"
            data-testid="pick-list-print"
            disabled={!pickList}
            onClick={() => pickList && printPickList(pickList)}
          >
            {t('shipping.print')}
          </Button>,
          <Button key="close" type="primary" onClick={() => setPicking(false)}>
            {t('shipping.close')}
          </Button>,
        ]}
      >
        <Typography.Paragraph>{t('shipping.pickListIntro')}</Typography.Paragraph>
        {pickError && <Alert type="error" title={t('common.error', { message: pickError })} />}
        {pickList && (
          <Typography.Paragraph data-testid="pick-list-totals">
            {t('shipping.pickTotals', { skus: pickList.skus, units: pickList.units, orders: pickList.orders })}
          </Typography.Paragraph>
        )}
        {pickList?.truncated && (
          <Alert
            type="warning"
            title={t('shipping.pickTruncated', { shown: pickList.lines.length, skus: pickList.skus })}
            data-testid="pick-list-truncated"
          />
        )}
        <Table
          data-testid="pick-list-table"
          rowKey={(l) => l.sku.id}
          size="small"
          loading={!pickList && !pickError}
          pagination={false}
          scroll={{ y: 400 }}
          dataSource={pickList?.lines ?? []}
          columns={[
            { title: t('shipping.skuCode'), key: 'code', render: (_, l) => l.sku.code },
            { title: t('shipping.item'), dataIndex: 'title' },
            { title: t('shipping.unitsToPick'), dataIndex: 'units' },
            { title: t('shipping.orders'), dataIndex: 'orders' },
          ]}
        />
      </Modal>
    </Space>
  );
}
