/** A customer's points ledger, newest first, keyset paged. */
import Alert from 'antd/es/alert';
import Card from 'antd/es/card';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleCustomerLedgerQuery } from '../../gql/graphql';
import { Pager, useCursorPages, useReloadOn } from '../../paging';

const LedgerDocument = graphql(`
  query ConsoleCustomerLedger($id: ID!, $first: Int, $after: String) {
    customer(id: $id) {
      id
      points {
        history(first: $first, after: $after) {
          edges {
            node {
              id
              type
              track
              amount
              heldDelta
              source
              reason
              occurredAt
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

type Entry = ConsoleCustomerLedgerQuery['customer']['points']['history']['edges'][number]['node'];

export default function LedgerHistory({ customerId, version }: { customerId: string; version: number }) {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages();
  const { data, error, loading, reload } = useQuery(LedgerDocument, { id: customerId, first: 10, after: pages.after });
  useReloadOn(version, reload);
  const history = data?.customer.points.history;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const num = new Intl.NumberFormat(i18n.language, { signDisplay: 'exceptZero' });
  return (
    <Card title={t('customers.ledger')} data-testid="customer-ledger">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
        <Table<Entry>
          rowKey="id"
          size="small"
          loading={loading}
          pagination={false}
          dataSource={history?.edges.map((e) => e.node) ?? []}
          locale={{ emptyText: <Typography.Text>{t('customers.ledgerEmpty')}</Typography.Text> }}
          columns={[
            {
              title: t('customers.occurredAt'),
              dataIndex: 'occurredAt',
              render: (v: string) => time.format(new Date(v)),
            },
            { title: t('customers.type'), dataIndex: 'type', render: (v: string) => t(`customers.types.${v}`) },
            { title: t('customers.track'), dataIndex: 'track', render: (v: string) => t(`customers.tracks.${v}`) },
            { title: t('customers.amount'), dataIndex: 'amount', render: (v: number) => num.format(v) },
            { title: t('customers.held'), dataIndex: 'heldDelta', render: (v: number) => (v ? num.format(v) : '') },
            { title: t('customers.source'), dataIndex: 'source' },
            { title: t('customers.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '' },
          ]}
        />
        <Pager
          pages={pages}
          hasNextPage={history?.pageInfo.hasNextPage}
          endCursor={history?.pageInfo.endCursor}
          loading={loading}
          testId="ledger"
        />
      </Space>
    </Card>
  );
}
