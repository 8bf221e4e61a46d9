/**
 * The customer's live QUOTA benefits (`Customer.benefitQuotas`, SERVE_CUSTOMERS): per rule, the
 * current period, units used of those allowed and when the period ends (the bank's time zone).
 */
import Alert from 'antd/es/alert';
import Card from 'antd/es/card';
import Table from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleCustomerBenefitQuotasQuery } from '../../gql/graphql';

const QuotasDocument = graphql(`
  query ConsoleCustomerBenefitQuotas($id: ID!) {
    customer(id: $id) {
      id
      benefitQuotas {
        benefitRule {
          id
          name
          quotaPeriod
        }
        periodKey
        periodEndsAt
        unitsAllowed
        used
        left
      }
    }
  }
`);

type Quota = ConsoleCustomerBenefitQuotasQuery['customer']['benefitQuotas'][number];

export default function BenefitQuotas({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const { data, error, loading } = useQuery(QuotasDocument, { id: customerId });
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Card title={t('customers.quotas')} data-testid="customer-quotas">
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<Quota>
        rowKey={(q) => q.benefitRule.id}
        size="small"
        loading={loading}
        pagination={false}
        dataSource={data?.customer.benefitQuotas ?? []}
        locale={{ emptyText: t('customers.noQuotas') }}
        columns={[
          { title: t('customers.quotaRule'), key: 'rule', render: (_: unknown, q: Quota) => q.benefitRule.name },
          { title: t('customers.quotaPeriod'), dataIndex: 'periodKey' },
          {
            title: t('customers.quotaUsed'),
            key: 'used',
            render: (_: unknown, q: Quota) => (
              <span data-testid={`quota-used-${q.benefitRule.id}`}>{`${q.used} / ${q.unitsAllowed}`}</span>
            ),
          },
          {
            title: t('customers.quotaEnds'),
            key: 'ends',
            render: (_: unknown, q: Quota) => time.format(new Date(q.periodEndsAt)),
          },
        ]}
      />
    </Card>
  );
}
