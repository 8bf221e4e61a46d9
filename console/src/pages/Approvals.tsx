/**
 * The approvals inbox (maker-checker): requests the person may decide or made, newest first, by
 * status; approve, or reject with a reason. The API decides who may decide what (never the maker).
 */
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { request } from '../api';
import DecisionInbox from '../DecisionInbox';
import { graphql } from '../gql';
import type { ApprovalStatus, ConsoleApprovalsQuery } from '../gql/graphql';

const ApprovalsDocument = graphql(`
  query ConsoleApprovals($filter: ApprovalRequestFilter, $first: Int, $after: String) {
    approvalRequests(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          kind
          status
          summary
          makerSub
          makerNote
          checkerSub
          checkerNote
          createdAt
          expiresAt
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const ApproveDocument = graphql(`
  mutation ConsoleApproveRequest($input: ApproveRequestInput!) {
    approveRequest(input: $input) {
      id
      status
    }
  }
`);

const RejectDocument = graphql(`
  mutation ConsoleRejectRequest($input: RejectRequestInput!) {
    rejectRequest(input: $input) {
      id
      status
    }
  }
`);

type Approval = ConsoleApprovalsQuery['approvalRequests']['edges'][number]['node'];
const STATUSES: ApprovalStatus[] = ['PENDING', 'APPROVED', 'APPLIED', 'REJECTED', 'FAILED', 'EXPIRED', 'WITHDRAWN'];
/** Tag colours whose text passes 4.5:1 (antd's gold and orange do not). */
const STATUS_COLOURS: Partial<Record<ApprovalStatus, string>> = {
  PENDING: 'blue',
  APPLIED: 'green',
  REJECTED: 'red',
  FAILED: 'red',
};

export default function Approvals() {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-approvals">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('approvals.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('approvals.intro')}</Typography.Paragraph>
      </div>
      <DecisionInbox
        testId="approvals"
        statuses={STATUSES}
        initialStatus="PENDING"
        statusLabel={(s) => t(`approvals.statuses.${s}`)}
        statusName={t('approvals.status')}
        document={ApprovalsDocument}
        variables={(status, first, after) => ({ filter: { status }, first, after })}
        page={(d) => d.approvalRequests}
        emptyText={t('approvals.empty')}
        columns={(inbox) => [
          { title: t('approvals.createdAt'), dataIndex: 'createdAt', render: (v: string) => time.format(new Date(v)) },
          { title: t('approvals.kind'), dataIndex: 'kind', render: (v: string) => t(`approvals.kinds.${v}`) },
          {
            title: t('approvals.summary'),
            key: 'summary',
            render: (_, a: Approval) => (
              <Space orientation="vertical" size={0}>
                <span>{a.summary}</span>
                <Typography.Text type="secondary">
                  {a.makerSub}: {a.makerNote}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('approvals.status'),
            dataIndex: 'status',
            render: (v: ApprovalStatus) => <Tag color={STATUS_COLOURS[v]}>{t(`approvals.statuses.${v}`)}</Tag>,
          },
          {
            title: t('approvals.actions'),
            key: 'actions',
            render: (_, a: Approval) =>
              a.status === 'PENDING' ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    loading={inbox.busy === a.id}
                    data-testid={`approve-${a.id}`}
                    onClick={() =>
                      inbox.decide(
                        a,
                        () => request(ApproveDocument, { input: { approvalRequestId: a.id } }),
                        t('approvals.approved'),
                      )
                    }
                  >
                    {t('approvals.approve')}
                  </Button>
                  <Button danger size="small" data-testid={`reject-${a.id}`} onClick={() => inbox.open(a, 'reject')}>
                    {t('approvals.reject')}
                  </Button>
                </Space>
              ) : (
                (a.checkerNote ?? '')
              ),
          },
        ]}
        dialogs={{
          reject: {
            title: t('approvals.rejectTitle'),
            okText: t('approvals.reject'),
            danger: true,
            confirmTestId: 'reject-confirm',
            reason: { label: t('approvals.reason'), rule: t('approvals.reasonRule'), testId: 'reject-reason' },
            submit: (a, { reason }) => request(RejectDocument, { input: { approvalRequestId: a.id, reason } }),
            done: t('approvals.rejected'),
          },
        }}
      />
    </Space>
  );
}
