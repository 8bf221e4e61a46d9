/**
 * The approvals inbox (maker-checker): requests the person may decide or made, newest first, by
 * status; approve, or reject with a reason. The API decides who may decide what (never the maker).
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Segmented from 'antd/es/segmented';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../api';
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
const PAGE_SIZE = 20;
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
  const { message } = App.useApp();
  const [status, setStatus] = useState<ApprovalStatus>('PENDING');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [rejecting, setRejecting] = useState<Approval | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const after = cursors[cursors.length - 1];
  const { data, error, loading, reload } = useQuery(ApprovalsDocument, { filter: { status }, first: PAGE_SIZE, after });
  const page = data?.approvalRequests;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  const decide = async (id: string, run: () => Promise<unknown>, done: string) => {
    setBusy(id);
    try {
      await run();
      void message.success(done);
      reload();
      return true;
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
      return false;
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-approvals">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('approvals.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('approvals.intro')}</Typography.Paragraph>
      </div>
      <Segmented<ApprovalStatus>
        aria-label={t('approvals.status')}
        value={status}
        onChange={(s) => {
          setStatus(s);
          setCursors([null]);
        }}
        options={STATUSES.map((s) => ({ value: s, label: t(`approvals.statuses.${s}`) }))}
        data-testid="approvals-status"
      />
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<Approval>
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('approvals.empty') }}
        data-testid="approvals-table"
        columns={[
          { title: t('approvals.createdAt'), dataIndex: 'createdAt', render: (v: string) => time.format(new Date(v)) },
          { title: t('approvals.kind'), dataIndex: 'kind', render: (v: string) => t(`approvals.kinds.${v}`) },
          {
            title: t('approvals.summary'),
            key: 'summary',
            render: (_, a) => (
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
            render: (_, a) =>
              a.status === 'PENDING' ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    loading={busy === a.id}
                    data-testid={`approve-${a.id}`}
                    onClick={() =>
                      void decide(
                        a.id,
                        () => request(ApproveDocument, { input: { approvalRequestId: a.id } }),
                        t('approvals.approved'),
                      )
                    }
                  >
                    {t('approvals.approve')}
                  </Button>
                  <Button danger size="small" data-testid={`reject-${a.id}`} onClick={() => setRejecting(a)}>
                    {t('approvals.reject')}
                  </Button>
                </Space>
              ) : (
                (a.checkerNote ?? '')
              ),
          },
        ]}
      />
      <Space>
        <Button disabled={cursors.length <= 1 || loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('audit.previous')}
        </Button>
        <Button
          disabled={!page?.pageInfo.hasNextPage || loading}
          onClick={() => page?.pageInfo.endCursor && setCursors((c) => [...c, page.pageInfo.endCursor!])}
        >
          {t('audit.next')}
        </Button>
      </Space>
      <Modal
        open={rejecting !== null}
        title={t('approvals.rejectTitle')}
        okText={t('approvals.reject')}
        okButtonProps={{ danger: true, loading: busy !== null, 'data-testid': 'reject-confirm' }}
        onCancel={() => setRejecting(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={async ({ reason }) => {
            if (!rejecting) return;
            const ok = await decide(
              rejecting.id,
              () => request(RejectDocument, { input: { approvalRequestId: rejecting.id, reason: reason.trim() } }),
              t('approvals.rejected'),
            );
            if (ok) setRejecting(null);
          }}
        >
          <Form.Item
            name="reason"
            label={t('approvals.reason')}
            rules={[
              { required: true, whitespace: true, message: t('approvals.reasonRule') },
              { min: 4, max: 500, message: t('approvals.reasonRule') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="reject-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
