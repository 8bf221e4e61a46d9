/**
 * Orders and after-sales: the bank's orders, found by customer reference, order number, status and
 * date (keyset pages, previous pages kept as a stack of cursors); one order opens in a drawer with its
 * split per supplier; the refund requests tab approves or rejects what customers asked for.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import DatePicker from 'antd/es/date-picker';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tabs from 'antd/es/tabs';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../api';
import { graphql } from '../gql';
import type { BankOrderFilterInput, ConsoleBankOrdersQuery, OrderStatus } from '../gql/graphql';
import { useMe } from '../me';
import OrderDetail from './orders/OrderDetail';
import RefundsInbox from './orders/RefundsInbox';
import { ORDER_STATUS_COLOURS, fenToYuan } from './orders/format';

const BankOrdersDocument = graphql(`
  query ConsoleBankOrders($bankId: ID!, $filter: BankOrderFilterInput, $first: Int, $after: String) {
    bankOrders(bankId: $bankId, filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          status
          createdAt
          totalPoints
          cashFen
          customer {
            id
            externalRef
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

type OrderRow = ConsoleBankOrdersQuery['bankOrders']['edges'][number]['node'];
const PAGE_SIZE = 20;
const STATUSES: OrderStatus[] = ['PENDING_PAYMENT', 'PAID', 'COMPLETED', 'CANCELLED', 'PENDING', 'FAILED'];

interface FilterForm {
  customerRef?: string;
  orderId?: string;
  status?: OrderStatus;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilter(v: FilterForm): BankOrderFilterInput {
  const filter: BankOrderFilterInput = {};
  if (v.customerRef?.trim()) filter.customerRef = v.customerRef.trim();
  if (v.orderId?.trim()) filter.orderId = v.orderId.trim();
  if (v.status) filter.status = v.status;
  if (v.range?.[0]) filter.placedFrom = v.range[0].startOf('day').toISOString();
  if (v.range?.[1]) filter.placedTo = v.range[1].add(1, 'day').startOf('day').toISOString();
  return filter;
}

function OrderList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<FilterForm>();
  const [filter, setFilter] = useState<BankOrderFilterInput>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const bankId = me.bank?.id ?? '';
  const { data, error, loading } = useQuery(BankOrdersDocument, { bankId, filter, first: PAGE_SIZE, after });
  const page = data?.bankOrders;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  const search = (v: FilterForm) => {
    setFilter(toFilter(v));
    setCursors([null]);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Form form={form} layout="inline" onFinish={search} aria-label={t('orders.searchForm')}>
          <Form.Item
            name="customerRef"
            label={t('orders.customerRef')}
            rules={[{ pattern: /^[A-Za-z0-9_.:-]{1,64}$/, message: t('orders.customerRefRule') }]}
          >
            <Input maxLength={64} allowClear data-testid="filter-customer-ref" />
          </Form.Item>
          <Form.Item
            name="orderId"
            label={t('orders.orderId')}
            rules={[{ pattern: /^[1-9][0-9]{0,15}$/, message: t('orders.orderIdRule') }]}
          >
            <Input maxLength={16} allowClear style={{ width: 120 }} data-testid="filter-order-id" />
          </Form.Item>
          <Form.Item name="status" label={t('orders.status')}>
            <Select<OrderStatus>
              allowClear
              aria-label={t('orders.status')}
              style={{ width: 140 }}
              options={STATUSES.map((s) => ({ value: s, label: t(`orders.statuses.${s}`) }))}
              data-testid="filter-status"
            />
          </Form.Item>
          <Form.Item name="range" label={t('orders.placed')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="orders-search">
              {t('orders.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                search({});
              }}
            >
              {t('orders.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<OrderRow>
        rowKey="id"
        size="middle"
        loading={loading}
        pagination={false}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('orders.empty') }}
        data-testid="orders-table"
        columns={[
          {
            title: t('orders.orderId'),
            dataIndex: 'id',
            render: (id: string) => (
              <Button type="link" onClick={() => onOpen(id)} data-testid={`open-order-${id}`}>
                {id}
              </Button>
            ),
          },
          { title: t('orders.createdAt'), dataIndex: 'createdAt', render: (v: string) => time.format(new Date(v)) },
          { title: t('orders.customer'), key: 'customer', render: (_, o) => o.customer.externalRef },
          {
            title: t('orders.status'),
            dataIndex: 'status',
            render: (v: OrderStatus) => <Tag color={ORDER_STATUS_COLOURS[v]}>{t(`orders.statuses.${v}`)}</Tag>,
          },
          {
            title: t('orders.payment'),
            key: 'payment',
            render: (_, o) => (
              <span>
                {t('orders.points', { points: o.totalPoints.toLocaleString(i18n.language) })} +{' '}
                {t('orders.cash', { yuan: fenToYuan(o.cashFen) })}
              </span>
            ),
          },
        ]}
      />
      <Space>
        <Button
          disabled={cursors.length <= 1 || loading}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          data-testid="orders-previous"
        >
          {t('orders.previous')}
        </Button>
        <Typography.Text data-testid="orders-page">{t('orders.page', { page: cursors.length })}</Typography.Text>
        <Button
          disabled={!page?.pageInfo.hasNextPage || loading}
          onClick={() => page?.pageInfo.endCursor && setCursors((c) => [...c, page.pageInfo.endCursor!])}
          data-testid="orders-next"
        >
          {t('orders.next')}
        </Button>
      </Space>
    </Space>
  );
}

export default function Orders() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-orders">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('orders.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('orders.intro')}</Typography.Paragraph>
      </div>
      <Tabs
        data-testid="orders-tabs"
        items={[
          { key: 'orders', label: t('orders.tabOrders'), children: <OrderList onOpen={setOpen} /> },
          { key: 'refunds', label: t('orders.tabRefunds'), children: <RefundsInbox onOpenOrder={setOpen} /> },
        ]}
      />
      <OrderDetail orderId={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
