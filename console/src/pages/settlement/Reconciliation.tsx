/**
 * 对账 / Reconciliation: a supplier uploads its own bill (CSV or XLSX) for a statement and sees what
 * matched and what differs, order by order (`reconcileSupplierBill`); the statement's bank and the
 * platform read the same runs later (`statementReconciliations`). The platform may upload for a
 * supplier (MANAGE_SETTLEMENT). A bill with unreadable rows is refused whole: the rows and columns
 * are listed so the clerk can fix the file.
 */
import { useMemo, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Col from 'antd/es/col';
import Row from 'antd/es/row';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Statistic from 'antd/es/statistic';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import Upload from 'antd/es/upload';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery, type FieldProblem } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleReconciliationRunFragment, ConsoleReconciliationRunSummaryFragment } from '../../gql/graphql';
import { useMe } from '../../me';
import { fenToYuan } from '../orders/format';

/** The API's limit (subgraphs/orders/services/supplier-bill.ts), checked here before sending. */
const MAX_BILL_BYTES = 3_000_000;

const StatementsDocument = graphql(`
  query ConsoleReconciliationStatements {
    settlementStatements(first: 100) {
      edges {
        node {
          id
          bankId
          supplierId
          period
          status
          totalFen
        }
      }
    }
  }
`);

const RunsDocument = graphql(`
  query ConsoleStatementReconciliations($statementId: ID!) {
    statementReconciliations(statementId: $statementId) {
      ...ConsoleReconciliationRunSummary
    }
  }

  fragment ConsoleReconciliationRunSummary on StatementReconciliation {
    id
    statementId
    filename
    uploadedBy
    createdAt
    billRowCount
    ourQuantity
    theirQuantity
    ourTotalFen
    theirTotalFen
    differenceFen
    matchedCount
    amountDifferenceCount
    missingOnSupplierBillCount
    missingInPerkmallCount
  }
`);

// One run with its lists (a list of runs carries only their figures: a run's lists may be long).
const RunDocument = graphql(`
  query ConsoleStatementReconciliation($statementReconciliationId: ID!) {
    statementReconciliation(statementReconciliationId: $statementReconciliationId) {
      ...ConsoleReconciliationRun
    }
  }

  fragment ConsoleReconciliationRun on StatementReconciliation {
    ...ConsoleReconciliationRunSummary
    amountDifferences {
      ...ConsoleReconciliationEntry
    }
    missingOnSupplierBill {
      ...ConsoleReconciliationEntry
    }
    missingInPerkmall {
      ...ConsoleReconciliationEntry
    }
  }

  fragment ConsoleReconciliationEntry on ReconciliationEntry {
    orderReference
    supplierOrderId
    ourQuantity
    ourAmountFen
    theirQuantity
    theirAmountFen
    amountDifferenceFen
    quantityDifference
    billRows
  }
`);

const ReconcileDocument = graphql(`
  mutation ConsoleReconcileSupplierBill($statementId: ID!, $file: SupplierBillFileInput!) {
    reconcileSupplierBill(statementId: $statementId, file: $file) {
      id
    }
  }
`);

type Run = ConsoleReconciliationRunFragment;
type RunSummary = ConsoleReconciliationRunSummaryFragment;
type Entry = Run['amountDifferences'][number];

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export default function Reconciliation() {
  const { t } = useTranslation();
  const me = useMe();
  const { data, error } = useQuery(StatementsDocument, {});
  const [picked, setPicked] = useState<string | null>(null);
  const statements = useMemo(
    () =>
      [...(data?.settlementStatements.edges.map((e) => e.node) ?? [])].sort(
        (a, b) => b.period.localeCompare(a.period) || Number(b.id) - Number(a.id),
      ),
    [data],
  );
  const statement = statements.find((s) => s.id === picked) ?? statements[0];
  const mayUpload =
    (me.kind === 'SUPPLIER' && me.permissions.includes('SEE_SETTLEMENT')) ||
    (me.kind === 'PLATFORM' && me.permissions.includes('MANAGE_SETTLEMENT'));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-reconciliation">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('reconciliation.title')}
        </Typography.Title>
        <Typography.Paragraph>
          {t(mayUpload ? 'reconciliation.introSupplier' : 'reconciliation.introReader')}
        </Typography.Paragraph>
      </div>
      <Space>
        <label htmlFor="reconciliation-statement">{t('reconciliation.statement')}</label>
        <Select
          id="reconciliation-statement"
          data-testid="reconciliation-statement"
          style={{ minWidth: 360 }}
          loading={!data && !error}
          value={statement?.id}
          onChange={setPicked}
          options={statements.map((s) => ({
            value: s.id,
            label: t('reconciliation.statementLabel', {
              period: s.period,
              bank: s.bankId,
              supplier: s.supplierId,
              total: fenToYuan(s.totalFen),
              status: s.status,
            }),
          }))}
        />
      </Space>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      {data && !statement && <Alert type="info" title={t('reconciliation.noStatements')} />}
      {statement && <StatementRuns key={statement.id} statementId={statement.id} mayUpload={mayUpload} />}
    </Space>
  );
}

export function StatementRuns(props: { statementId: string; mayUpload: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const runs = useQuery(RunsDocument, { statementId: props.statementId });
  const [shown, setShown] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; problems: FieldProblem[] } | null>(null);
  const time = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }),
    [i18n.language],
  );
  const list = runs.data?.statementReconciliations ?? [];
  const runId = shown ?? list[0]?.id ?? null;

  const upload = async (file: File) => {
    setRefusal(null);
    if (file.size > MAX_BILL_BYTES) {
      void message.error(t('reconciliation.tooBig', { max: (MAX_BILL_BYTES / 1_000_000).toFixed(0) }));
      return;
    }
    setSending(true);
    try {
      const base64 = await readAsBase64(file);
      const r = await request(ReconcileDocument, {
        statementId: props.statementId,
        file: { filename: file.name, base64 },
      });
      setShown(r.reconcileSupplierBill.id);
      void message.success(t('reconciliation.done'));
      runs.reload();
    } catch (e) {
      if (e instanceof ApiError) setRefusal({ message: e.message, problems: e.problems });
      else setRefusal({ message: String(e), problems: [] });
    } finally {
      setSending(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {props.mayUpload && (
        <Card
          title={
            <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
              {t('reconciliation.uploadTitle')}
            </Typography.Title>
          }
        >
          <Typography.Paragraph>{t('reconciliation.uploadHelp')}</Typography.Paragraph>
          <Upload
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            maxCount={1}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={sending} data-testid="reconciliation-upload">
              {t('reconciliation.upload')}
            </Button>
          </Upload>
          {refusal && (
            <Alert
              style={{ marginTop: 12 }}
              type="error"
              role="alert"
              data-testid="reconciliation-refused"
              title={refusal.message}
              description={
                refusal.problems.length > 0 && (
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {refusal.problems.map((p, i) => (
                      <li key={i}>{p.message}</li>
                    ))}
                  </ul>
                )
              }
            />
          )}
        </Card>
      )}
      {runs.error && <Alert type="error" title={t('common.error', { message: runs.error.message })} role="alert" />}
      {runId && <RunResult key={runId} runId={runId} />}
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('reconciliation.runsTitle')}
          </Typography.Title>
        }
      >
        <Table<RunSummary>
          size="small"
          rowKey="id"
          loading={runs.loading}
          dataSource={list}
          pagination={false}
          data-testid="reconciliation-runs"
          locale={{ emptyText: t('reconciliation.noRuns') }}
          scroll={{ x: true }}
          columns={[
            { title: t('reconciliation.when'), key: 'when', render: (_, r) => time.format(new Date(r.createdAt)) },
            { title: t('reconciliation.filename'), dataIndex: 'filename' },
            { title: t('reconciliation.uploadedBy'), dataIndex: 'uploadedBy' },
            { title: t('reconciliation.rows'), dataIndex: 'billRowCount', align: 'right' },
            { title: t('reconciliation.matched'), dataIndex: 'matchedCount', align: 'right' },
            {
              title: t('reconciliation.differences'),
              key: 'differences',
              align: 'right',
              render: (_, r) => r.amountDifferenceCount + r.missingOnSupplierBillCount + r.missingInPerkmallCount,
            },
            {
              title: t('reconciliation.differenceYuan'),
              key: 'difference',
              align: 'right',
              render: (_, r) => fenToYuan(r.differenceFen),
            },
            {
              title: t('reconciliation.actions'),
              key: 'actions',
              render: (_, r) => (
                <Button size="small" onClick={() => setShown(r.id)} disabled={runId === r.id}>
                  {t('reconciliation.show')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function RunResult({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const { data, error } = useQuery(RunDocument, { statementReconciliationId: runId });
  const run = data?.statementReconciliation;
  if (error) return <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />;
  if (!run) return null;
  return <RunFigures run={run} />;
}

function RunFigures({ run }: { run: Run }) {
  const { t } = useTranslation();
  const cards = [
    { key: 'matched', title: t('reconciliation.matched'), value: String(run.matchedCount) },
    {
      key: 'amount-differences',
      title: t('reconciliation.amountDifferences'),
      value: String(run.amountDifferenceCount),
    },
    {
      key: 'missing-on-bill',
      title: t('reconciliation.missingOnSupplierBill'),
      value: String(run.missingOnSupplierBillCount),
    },
    {
      key: 'missing-in-perkmall',
      title: t('reconciliation.missingInPerkmall'),
      value: String(run.missingInPerkmallCount),
    },
    { key: 'our-total', title: t('reconciliation.ourTotal'), value: `¥${fenToYuan(run.ourTotalFen)}` },
    { key: 'their-total', title: t('reconciliation.theirTotal'), value: `¥${fenToYuan(run.theirTotalFen)}` },
    { key: 'difference', title: t('reconciliation.difference'), value: `¥${fenToYuan(run.differenceFen)}` },
  ];
  const yuan = (fen: number | null | undefined) => (fen == null ? '—' : fenToYuan(fen));
  const units = (n: number | null | undefined) => (n == null ? '—' : String(n));
  const tables: { key: string; title: string; rows: Entry[] }[] = [
    { key: 'amount-differences', title: t('reconciliation.amountDifferences'), rows: run.amountDifferences },
    { key: 'missing-on-bill', title: t('reconciliation.missingOnSupplierBill'), rows: run.missingOnSupplierBill },
    { key: 'missing-in-perkmall', title: t('reconciliation.missingInPerkmall'), rows: run.missingInPerkmall },
  ];
  return (
    <Card
      data-testid="reconciliation-result"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('reconciliation.resultTitle', { filename: run.filename })}
        </Typography.Title>
      }
    >
      <Row gutter={[16, 16]}>
        {cards.map((c) => (
          <Col key={c.key} xs={24} sm={12} lg={6} xl={3}>
            <Card size="small">
              <div data-testid={`reconciliation-card-${c.key}`}>
                <Statistic title={c.title} value={c.value} />
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      {tables.map((tab) => (
        <div key={tab.key} style={{ marginTop: 24 }}>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {tab.title} ({tab.rows.length})
          </Typography.Title>
          <Table<Entry>
            size="small"
            rowKey="orderReference"
            dataSource={tab.rows}
            data-testid={`reconciliation-${tab.key}`}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('reconciliation.none') }}
            scroll={{ x: true }}
            columns={[
              { title: t('reconciliation.order'), dataIndex: 'orderReference' },
              { title: t('reconciliation.supplierOrder'), key: 'so', render: (_, e) => e.supplierOrderId ?? '—' },
              {
                title: t('reconciliation.ourQuantity'),
                key: 'oq',
                align: 'right',
                render: (_, e) => units(e.ourQuantity),
              },
              {
                title: t('reconciliation.ourAmount'),
                key: 'oa',
                align: 'right',
                render: (_, e) => yuan(e.ourAmountFen),
              },
              {
                title: t('reconciliation.theirQuantity'),
                key: 'tq',
                align: 'right',
                render: (_, e) => units(e.theirQuantity),
              },
              {
                title: t('reconciliation.theirAmount'),
                key: 'ta',
                align: 'right',
                render: (_, e) => yuan(e.theirAmountFen),
              },
              {
                title: t('reconciliation.amountDifference'),
                key: 'd',
                align: 'right',
                render: (_, e) => fenToYuan(e.amountDifferenceFen),
              },
              { title: t('reconciliation.billRows'), key: 'rows', render: (_, e) => e.billRows.join(', ') || '—' },
            ]}
          />
        </div>
      ))}
    </Card>
  );
}
