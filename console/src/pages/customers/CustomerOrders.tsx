/** A customer's orders (orders subgraph), newest first, keyset paged. */
import Alert from 'antd/es/alert';
import Card from 'antd/es/card';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleCustomerOrdersQuery } from '../../gql/graphql';
import { Pager, useCursorPages } from '../../paging';

const OrdersDocument = graphql(`
  query ConsoleCustomerOrders($id: ID!, $first: Int, $after: String) {
    customer(id: $id) {
      id
      orders(first: $first, after: $after) {
        edges {
          node {
            id
            status
            totalPoints
            cashFen
            createdAt
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

type Order = ConsoleCustomerOrdersQuery['customer']['orders']['edges'][number]['node'];

export default function CustomerOrders({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages();
  const { data, error, loading } = useQuery(OrdersDocument, { id: customerId, first: 10, after: pages.after });
  const orders = data?.customer.orders;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const num = new Intl.NumberFormat(i18n.language);
  const yuan = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <Card title={t('customers.orders')} data-testid="customer-orders">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
        <Table<Order>
          rowKey="id"
          size="small"
          loading={loading}
          pagination={false}
          dataSource={orders?.edges.map((e) => e.node) ?? []}
          locale={{ emptyText: <Typography.Text>{t('customers.ordersEmpty')}</Typography.Text> }}
          columns={[
            { title: t('customers.order'), dataIndex: 'id' },
            {
              title: t('customers.createdAt'),
              dataIndex: 'createdAt',
              render: (v: string) => time.format(new Date(v)),
            },
            {
              title: t('customers.status'),
              dataIndex: 'status',
              render: (v: string) => t(`customers.orderStatuses.${v}`),
            },
            { title: t('customers.totalPoints'), dataIndex: 'totalPoints', render: (v: number) => num.format(v) },
            { title: t('customers.cash'), dataIndex: 'cashFen', render: (v: number) => yuan.format(v / 100) },
          ]}
        />
        <Pager
          pages={pages}
          hasNextPage={orders?.pageInfo.hasNextPage}
          endCursor={orders?.pageInfo.endCursor}
          loading={loading}
          testId="orders"
        />
      </Space>
    </Card>
  );
}
