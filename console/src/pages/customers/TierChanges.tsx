/** A customer's tier changes, newest first (`Customer.tierChanges`): from, to, which way, why, when; keyset paged. */
import Alert from 'antd/es/alert';
import Card from 'antd/es/card';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleCustomerTierChangesQuery } from '../../gql/graphql';
import { Pager, useCursorPages, useReloadOn } from '../../paging';

const TierChangesDocument = graphql(`
  query ConsoleCustomerTierChanges($id: ID!, $first: Int, $after: String) {
    customer(id: $id) {
      id
      tierChanges(first: $first, after: $after) {
        edges {
          node {
            id
            kind
            reason
            at
            tierPoints
            fromTier {
              id
              name
            }
            toTier {
              id
              name
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

type Change = ConsoleCustomerTierChangesQuery['customer']['tierChanges']['edges'][number]['node'];

export default function TierChanges({ customerId, version }: { customerId: string; version: number }) {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages();
  const { data, error, loading, reload } = useQuery(TierChangesDocument, {
    id: customerId,
    first: 10,
    after: pages.after,
  });
  useReloadOn(version, reload);
  const changes = data?.customer.tierChanges;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const num = new Intl.NumberFormat(i18n.language);
  return (
    <Card title={t('customers.tierChanges')} data-testid="customer-tier-changes">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
        <Table<Change>
          rowKey="id"
          size="small"
          loading={loading}
          pagination={false}
          dataSource={changes?.edges.map((e) => e.node) ?? []}
          locale={{ emptyText: <Typography.Text>{t('customers.tierChangesEmpty')}</Typography.Text> }}
          columns={[
            { title: t('customers.changedAt'), dataIndex: 'at', render: (v: string) => date.format(new Date(v)) },
            {
              title: t('customers.changeKind'),
              dataIndex: 'kind',
              render: (v: string) => <Tag>{t(`customers.changeKinds.${v}`)}</Tag>,
            },
            {
              title: t('customers.fromTier'),
              dataIndex: 'fromTier',
              render: (v: Change['fromTier']) => v?.name ?? t('customers.noTier'),
            },
            {
              title: t('customers.toTier'),
              dataIndex: 'toTier',
              render: (v: Change['toTier']) => v?.name ?? t('customers.noTier'),
            },
            {
              title: t('customers.changeReason'),
              dataIndex: 'reason',
              render: (v: string) => t(`customers.changeReasons.${v}`),
            },
            { title: t('customers.tierPoints'), dataIndex: 'tierPoints', render: (v: number) => num.format(v) },
          ]}
        />
        <Pager
          pages={pages}
          hasNextPage={changes?.pageInfo.hasNextPage}
          endCursor={changes?.pageInfo.endCursor}
          loading={loading}
          testId="tier-changes"
        />
      </Space>
    </Card>
  );
}
