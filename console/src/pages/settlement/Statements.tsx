/**
 * Settlement statements (结算单): the bank's (SEE_REPORTS or PAY_SUPPLIERS), the supplier's
 * (SEE_SETTLEMENT) or every one for the platform (SEE_REPORTS or MANAGE_SETTLEMENT), newest month
 * first, by status and month; a statement opens in a drawer (StatementDetail) with its figures, lines,
 * disputes, payments and the actions of the caller's side. A second tab is the ageing of what is owed.
 * The API checks the permissions and the tenant.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tabs from 'antd/es/tabs';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { useMe } from '../../me';
import { graphql } from '../../gql';
import type { ConsoleSettlementStatementsQuery, SettlementStatus } from '../../gql/graphql';
import { Pager, useCursorPages, useReloadOn } from '../../paging';
import { fenToYuan } from '../orders/format';
import Ageing from './Ageing';
import StatementDetail from './StatementDetail';

const StatementsDocument = graphql(`
  query ConsoleSettlementStatements($status: SettlementStatus, $period: String, $first: Int, $after: String) {
    settlementStatements(status: $status, period: $period, first: $first, after: $after) {
      edges {
        node {
          id
          period
          bankId
          supplierId
          status
          totalFen
          paidFen
          dueOn
          figures {
            outstandingFen
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const IssueMonthDocument = graphql(`
  mutation ConsoleIssueStatements($period: String!) {
    issueStatements(period: $period) {
      issued {
        id
      }
      notYetEnded
      remaining
    }
  }
`);

type Row = ConsoleSettlementStatementsQuery['settlementStatements']['edges'][number]['node'];
export const STATEMENT_STATUSES: SettlementStatus[] = ['DRAFT', 'ISSUED', 'DISPUTED', 'CONFIRMED', 'CLOSED'];
/** Tag colours whose text passes 4.5:1 on antd's tag backgrounds. */
export const STATEMENT_COLOURS: Record<SettlementStatus, string> = {
  DRAFT: 'default',
  ISSUED: 'blue',
  DISPUTED: 'red',
  CONFIRMED: 'geekblue',
  CLOSED: 'green',
};
const PAGE = 20;

export default function Statements() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-statements">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('statements.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('statements.intro')}</Typography.Paragraph>
      </div>
      <Tabs
        data-testid="statements-tabs"
        items={[
          {
            key: 'list',
            label: t('statements.tabList'),
            children: <StatementList onOpen={setOpen} version={version} />,
          },
          { key: 'ageing', label: t('statements.tabAgeing'), children: <Ageing /> },
        ]}
      />
      <StatementDetail statementId={open} onClose={() => setOpen(null)} onChanged={() => setVersion((v) => v + 1)} />
    </Space>
  );
}

function StatementList({ onOpen, version }: { onOpen: (id: string) => void; version: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const issues = me.kind === 'PLATFORM' && me.permissions.includes('MANAGE_SETTLEMENT');
  const [issuing, setIssuing] = useState(false);
  const [status, setStatus] = useState<SettlementStatus | null>(null);
  const [period, setPeriod] = useState('');
  const pages = useCursorPages();
  const validPeriod = /^\d{4}-(0[1-9]|1[0-2])$/.test(period) ? period : null;
  const { data, error, loading, reload } = useQuery(StatementsDocument, {
    status,
    period: validPeriod,
    first: PAGE,
    after: pages.after,
  });
  useReloadOn(version, reload);
  const page = data?.settlementStatements;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select<SettlementStatus | 'ALL'>
          aria-label={t('statements.status')}
          data-testid="statements-status"
          style={{ width: 160 }}
          value={status ?? 'ALL'}
          onChange={(v) => {
            setStatus(v === 'ALL' ? null : v);
            pages.reset();
          }}
          options={[
            { value: 'ALL', label: t('statements.allStatuses') },
            ...STATEMENT_STATUSES.map((s) => ({ value: s, label: t(`statements.statuses.${s}`) })),
          ]}
        />
        <Input
          aria-label={t('statements.period')}
          placeholder={t('statements.periodPlaceholder')}
          data-testid="statements-period"
          style={{ width: 160 }}
          value={period}
          allowClear
          onChange={(e) => {
            setPeriod(e.target.value.trim());
            pages.reset();
          }}
        />
        {issues && (
          <Button
            disabled={!validPeriod}
            loading={issuing}
            data-testid="statements-issue-month"
            onClick={() => {
              if (!validPeriod) return;
              setIssuing(true);
              request(IssueMonthDocument, { period: validPeriod })
                .then((r) => {
                  void message.success(
                    t('statements.issuedMonth', {
                      issued: r.issueStatements.issued.length,
                      notYetEnded: r.issueStatements.notYetEnded,
                      remaining: r.issueStatements.remaining,
                    }),
                  );
                  reload();
                })
                .catch((e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e)))
                .finally(() => setIssuing(false));
            }}
          >
            {t('statements.issueMonth')}
          </Button>
        )}
      </Space>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<Row>
        rowKey="id"
        loading={loading}
        pagination={false}
        data-testid="statements-table"
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('statements.empty') }}
        columns={[
          { title: t('statements.id'), dataIndex: 'id' },
          { title: t('statements.period'), dataIndex: 'period' },
          { title: t('statements.bank'), dataIndex: 'bankId' },
          { title: t('statements.supplier'), dataIndex: 'supplierId' },
          {
            title: t('statements.status'),
            dataIndex: 'status',
            render: (s: SettlementStatus) => <Tag color={STATEMENT_COLOURS[s]}>{t(`statements.statuses.${s}`)}</Tag>,
          },
          { title: t('statements.total'), dataIndex: 'totalFen', align: 'right', render: (v: number) => fenToYuan(v) },
          { title: t('statements.paid'), dataIndex: 'paidFen', align: 'right', render: (v: number) => fenToYuan(v) },
          {
            title: t('statements.outstanding'),
            key: 'outstanding',
            align: 'right',
            render: (_, r) => fenToYuan(r.figures.outstandingFen),
          },
          { title: t('statements.dueOn'), dataIndex: 'dueOn', render: (v: string | null) => v ?? '—' },
          {
            title: t('statements.open'),
            key: 'open',
            render: (_, r) => (
              <Button
                size="small"
                data-testid={`open-statement-${r.id}`}
                aria-label={t('statements.openLabel', { id: r.id })}
                onClick={() => onOpen(r.id)}
              >
                {t('statements.open')}
              </Button>
            ),
          },
        ]}
      />
      <Pager
        pages={pages}
        hasNextPage={page?.pageInfo.hasNextPage}
        endCursor={page?.pageInfo.endCursor}
        loading={loading}
        testId="statements"
      />
    </Space>
  );
}
