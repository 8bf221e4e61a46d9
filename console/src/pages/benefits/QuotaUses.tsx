/**
 * A QUOTA rule's use per customer in its current period (`BenefitRule.quotaUses`, keyset pages):
 * who used how many of the units allowed, and when the period ends (the bank's time zone).
 */
import Alert from 'antd/es/alert';
import Modal from 'antd/es/modal';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleBenefitRuleQuotaUsesQuery } from '../../gql/graphql';
import { Pager, useCursorPages } from '../../paging';

const QuotaUsesDocument = graphql(`
  query ConsoleBenefitRuleQuotaUses($id: ID!, $first: Int, $after: String) {
    benefitRule(id: $id) {
      id
      name
      quotaUnits
      currentPeriodKey
      currentPeriodEndsAt
      quotaUses(first: $first, after: $after) {
        edges {
          node {
            customer {
              id
              externalRef
            }
            used
            unitsAllowed
            left
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

type Use = ConsoleBenefitRuleQuotaUsesQuery['benefitRule']['quotaUses']['edges'][number]['node'];

export default function QuotaUses({ ruleId, onClose }: { ruleId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages();
  const { data, error, loading } = useQuery(QuotaUsesDocument, { id: ruleId, first: 20, after: pages.after });
  const rule = data?.benefitRule;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Modal
      open
      title={rule ? t('benefits.usesTitle', { name: rule.name }) : t('benefits.uses')}
      onCancel={onClose}
      footer={null}
      width={640}
    >
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="quota-uses">
        {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
        {rule?.currentPeriodKey && (
          <Typography.Text data-testid="quota-period">
            {t('benefits.period', {
              key: rule.currentPeriodKey,
              end: rule.currentPeriodEndsAt ? time.format(new Date(rule.currentPeriodEndsAt)) : '',
            })}
          </Typography.Text>
        )}
        <Table<Use>
          rowKey={(u) => u.customer.id}
          size="small"
          loading={loading}
          pagination={false}
          dataSource={rule?.quotaUses.edges.map((e) => e.node) ?? []}
          locale={{ emptyText: t('benefits.noUses') }}
          columns={[
            { title: t('benefits.customer'), key: 'customer', render: (_: unknown, u: Use) => u.customer.externalRef },
            {
              title: t('benefits.usedOf'),
              key: 'used',
              render: (_: unknown, u: Use) => `${u.used} / ${u.unitsAllowed}`,
            },
            { title: t('benefits.left'), dataIndex: 'left' },
          ]}
        />
        <Pager
          pages={pages}
          hasNextPage={rule?.quotaUses.pageInfo.hasNextPage}
          endCursor={rule?.quotaUses.pageInfo.endCursor}
          loading={loading}
          testId="quota-uses"
        />
      </Space>
    </Modal>
  );
}
