/** A customer's open points lots (points left), newest first, with their expiry; keyset paged. */
import Alert from 'antd/es/alert';
import Card from 'antd/es/card';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleCustomerLotsQuery } from '../../gql/graphql';
import { Pager, useCursorPages, useReloadOn } from '../../paging';

const LotsDocument = graphql(`
  query ConsoleCustomerLots($id: ID!, $first: Int, $after: String) {
    customer(id: $id) {
      id
      points {
        lots(first: $first, after: $after) {
          edges {
            node {
              id
              amount
              remaining
              earnedAt
              expiresAt
            }
          }
          pageInfo {
            endCursor
            hasNextPage
          }
        }
      }
    }
  }
`);

type Lot = ConsoleCustomerLotsQuery['customer']['points']['lots']['edges'][number]['node'];

export default function PointsLots({ customerId, version }: { customerId: string; version: number }) {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages();
  const { data, error, loading, reload } = useQuery(LotsDocument, { id: customerId, first: 10, after: pages.after });
  useReloadOn(version, reload);
  const lots = data?.customer.points.lots;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const num = new Intl.NumberFormat(i18n.language);
  return (
    <Card title={t('customers.lots')} data-testid="customer-lots">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
        <Table<Lot>
          rowKey="id"
          size="small"
          loading={loading}
          pagination={false}
          dataSource={lots?.edges.map((e) => e.node) ?? []}
          locale={{ emptyText: <Typography.Text>{t('customers.lotsEmpty')}</Typography.Text> }}
          columns={[
            { title: t('customers.lotRemaining'), dataIndex: 'remaining', render: (v: number) => num.format(v) },
            { title: t('customers.lotAmount'), dataIndex: 'amount', render: (v: number) => num.format(v) },
            { title: t('customers.earnedAt'), dataIndex: 'earnedAt', render: (v: string) => date.format(new Date(v)) },
            {
              title: t('customers.expiresAt'),
              dataIndex: 'expiresAt',
              render: (v: string | null) => (v ? date.format(new Date(v)) : t('customers.never')),
            },
          ]}
        />
        <Pager
          pages={pages}
          hasNextPage={lots?.pageInfo.hasNextPage}
          endCursor={lots?.pageInfo.endCursor}
          loading={loading}
          testId="lots"
        />
      </Space>
    </Card>
  );
}
