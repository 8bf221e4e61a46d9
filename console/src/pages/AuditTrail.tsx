/**
 * The audit trail: every change staff and partner apps made, newest first, filtered by operation,
 * target type, actor and time, paged by the API's keyset cursors (previous pages are the cursors
 * already seen, kept on a stack).
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import DatePicker from 'antd/es/date-picker';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../api';
import { graphql } from '../gql';
import type { AuditTrailFilterInput, ConsoleAuditTrailQuery } from '../gql/graphql';

const AuditTrailDocument = graphql(`
  query ConsoleAuditTrail($filter: AuditTrailFilterInput, $first: Int, $after: String) {
    auditTrail(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          occurredAt
          actorId
          actorRole
          operation
          action
          targetType
          targetId
          subgraph
          requestId
          changes {
            field
            before
            after
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

type Entry = ConsoleAuditTrailQuery['auditTrail']['edges'][number]['node'];
const PAGE_SIZE = 20;
const ACTION_COLOURS = { CREATE: 'green', UPDATE: 'blue', DELETE: 'red' } as const;

interface FilterForm {
  operation?: string;
  targetType?: string;
  actorId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilter(v: FilterForm): AuditTrailFilterInput {
  const filter: AuditTrailFilterInput = {};
  if (v.operation?.trim()) filter.operation = v.operation.trim();
  if (v.targetType?.trim()) filter.targetType = v.targetType.trim();
  if (v.actorId?.trim()) filter.actorId = v.actorId.trim();
  if (v.range?.[0]) filter.from = v.range[0].startOf('day').toISOString();
  if (v.range?.[1]) filter.to = v.range[1].endOf('day').toISOString();
  return filter;
}

export default function AuditTrail() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<FilterForm>();
  const [filter, setFilter] = useState<AuditTrailFilterInput>({});
  /** Cursors of the pages before this one; the current page starts after the last. */
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const { data, error, loading } = useQuery(AuditTrailDocument, { filter, first: PAGE_SIZE, after });
  const page = data?.auditTrail;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });

  const search = (v: FilterForm) => {
    setFilter(toFilter(v));
    setCursors([null]);
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-audit">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('audit.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('audit.intro')}</Typography.Paragraph>
      </div>
      <Card>
        <Form form={form} layout="inline" onFinish={search} aria-label={t('audit.search')}>
          <Form.Item name="operation" label={t('audit.operation')}>
            <Input placeholder={t('audit.filterOperation')} maxLength={100} data-testid="filter-operation" />
          </Form.Item>
          <Form.Item name="targetType" label={t('audit.target')}>
            <Input placeholder={t('audit.filterTargetType')} maxLength={100} data-testid="filter-target-type" />
          </Form.Item>
          <Form.Item name="actorId" label={t('audit.actor')}>
            <Input placeholder={t('audit.filterActor')} maxLength={100} data-testid="filter-actor" />
          </Form.Item>
          <Form.Item name="range" label={t('audit.filterRange')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="audit-search">
              {t('audit.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                search({});
              }}
            >
              {t('audit.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<Entry>
        rowKey="id"
        size="middle"
        loading={loading}
        pagination={false}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('audit.empty') }}
        data-testid="audit-table"
        expandable={{
          rowExpandable: (entry) => entry.changes.length > 0,
          expandedRowRender: (entry) => (
            <Table
              rowKey="field"
              size="small"
              pagination={false}
              dataSource={entry.changes}
              columns={[
                { title: t('audit.field'), dataIndex: 'field' },
                {
                  title: t('audit.before'),
                  dataIndex: 'before',
                  render: (v: string | null) => <code>{v ?? '—'}</code>,
                },
                { title: t('audit.after'), dataIndex: 'after', render: (v: string | null) => <code>{v ?? '—'}</code> },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('audit.occurredAt'), dataIndex: 'occurredAt', render: (v: string) => time.format(new Date(v)) },
          {
            title: t('audit.actor'),
            key: 'actor',
            render: (_, e) => (
              <span>
                {e.actorId}{' '}
                <Typography.Text type="secondary">
                  ({t(`role.${e.actorRole}`, { defaultValue: e.actorRole })})
                </Typography.Text>
              </span>
            ),
          },
          { title: t('audit.operation'), dataIndex: 'operation', render: (v: string) => <code>{v}</code> },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (v: Entry['action']) => <Tag color={ACTION_COLOURS[v]}>{t(`audit.${v}`)}</Tag>,
          },
          {
            title: t('audit.target'),
            key: 'target',
            render: (_, e) => `${e.targetType}${e.targetId ? ` #${e.targetId}` : ''}`,
          },
          { title: t('audit.subgraph'), dataIndex: 'subgraph' },
        ]}
      />
      <Space>
        <Button
          disabled={cursors.length <= 1 || loading}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          data-testid="audit-previous"
        >
          {t('audit.previous')}
        </Button>
        <Typography.Text data-testid="audit-page">{t('audit.page', { page: cursors.length })}</Typography.Text>
        <Button
          disabled={!page?.pageInfo.hasNextPage || loading}
          onClick={() => page?.pageInfo.endCursor && setCursors((c) => [...c, page.pageInfo.endCursor!])}
          data-testid="audit-next"
        >
          {t('audit.next')}
        </Button>
      </Space>
    </Space>
  );
}
