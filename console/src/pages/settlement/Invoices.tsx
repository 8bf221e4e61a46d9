/**
 * 发票 / Invoices of settlement statements (issue 19). The supplier records the VAT invoices of an
 * issued statement and sees the platform's check (TAX_MISMATCH, TOTAL_MISMATCH); the platform lists
 * flagged statements and re-checks them; the bank lists what it may reimburse. Exports through
 * ExportButtons (CSV, XLSX, the statement PDF).
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import DatePicker from 'antd/es/date-picker';
import Descriptions from 'antd/es/descriptions';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleStatementInvoicesQuery } from '../../gql/graphql';
import { useMe } from '../../me';
import { Pager, useCursorPages } from '../../paging';
import { fenToYuan } from '../orders/format';
import ExportButtons from './ExportButtons';

const StatementsDocument = graphql(`
  query ConsoleInvoiceStatements {
    settlementStatements(first: 100) {
      edges {
        node {
          id
          bankId
          period
          status
          totalFen
        }
      }
    }
  }
`);

graphql(`
  fragment ConsoleStatementInvoicesParts on StatementInvoices {
    statement {
      id
      bankId
      supplierId
      period
      status
    }
    totalFen
    invoicedFen
    differenceFen
    flags
    reimbursable
    checkedAt
    invoices {
      id
      number
      code
      amountFen
      taxRateBp
      taxFen
      totalFen
      expectedTaxFen
      issuedOn
      status
      flags
      voidReason
    }
  }
`);

const StatementInvoicesDocument = graphql(`
  query ConsoleStatementInvoices($statementId: ID!) {
    statementInvoices(statementId: $statementId) {
      ...ConsoleStatementInvoicesParts
    }
  }
`);

const RecordDocument = graphql(`
  mutation ConsoleRecordStatementInvoice($statementId: ID!, $input: RecordStatementInvoiceInput!) {
    recordStatementInvoice(statementId: $statementId, input: $input) {
      invoice {
        id
        status
      }
    }
  }
`);

const VoidDocument = graphql(`
  mutation ConsoleVoidStatementInvoice($input: VoidStatementInvoiceInput!) {
    voidStatementInvoice(input: $input) {
      flags
    }
  }
`);

const CheckDocument = graphql(`
  mutation ConsoleCheckStatementInvoices($statementId: ID!) {
    checkStatementInvoices(statementId: $statementId) {
      flags
    }
  }
`);

const FlaggedDocument = graphql(`
  query ConsoleFlaggedInvoiceStatements($after: String) {
    flaggedInvoiceStatements(first: 20, after: $after) {
      edges {
        node {
          ...ConsoleStatementInvoicesParts
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const ReimbursableDocument = graphql(`
  query ConsoleReimbursableStatements($after: String) {
    reimbursableStatements(first: 20, after: $after) {
      edges {
        node {
          ...ConsoleStatementInvoicesParts
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type Checked = ConsoleStatementInvoicesQuery['statementInvoices'];
type Invoice = Checked['invoices'][number];

const RATES = [0, 100, 150, 300, 500, 600, 900, 1000, 1100, 1300, 1600, 1700];
const FORM_FIELDS = ['number', 'code', 'amountFen', 'taxRateBp', 'taxFen', 'issuedOn'];

/** "123.45" yuan as 12345 fen, by string arithmetic (no floats); null when it is not an amount. */
export function yuanToFen(text: string): number | null {
  const m = /^\s*(\d{1,10})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function FlagTags({ flags }: { flags: readonly string[] }) {
  const { t } = useTranslation();
  if (flags.length === 0) return <Tag color="geekblue">{t('invoices.noFlags')}</Tag>;
  return (
    <>
      {flags.map((f) => (
        <Tag key={f} color="red" data-testid={`flag-${f}`}>
          {t(`invoices.flag.${f}`)}
        </Tag>
      ))}
    </>
  );
}

/** The invoices of one statement: the check's figures and every invoice. */
function InvoiceTable(props: { checked: Checked; onVoid?: (i: Invoice) => void }) {
  const { t } = useTranslation();
  const c = props.checked;
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('invoices.totalOwed')}>{fenToYuan(c.totalFen)}</Descriptions.Item>
        <Descriptions.Item label={t('invoices.invoiced')}>{fenToYuan(c.invoicedFen)}</Descriptions.Item>
        <Descriptions.Item label={t('invoices.difference')}>{fenToYuan(c.differenceFen)}</Descriptions.Item>
        <Descriptions.Item label={t('invoices.check')}>
          <span data-testid="statement-flags">
            <FlagTags flags={c.flags} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('invoices.reimbursable')}>
          {c.reimbursable ? t('invoices.yes') : t('invoices.no')}
        </Descriptions.Item>
      </Descriptions>
      <Table<Invoice>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={c.invoices}
        data-testid="invoice-table"
        locale={{ emptyText: t('invoices.none') }}
        columns={[
          { title: t('invoices.code'), dataIndex: 'code', render: (v: string) => v || '—' },
          { title: t('invoices.number'), dataIndex: 'number' },
          { title: t('invoices.issuedOn'), dataIndex: 'issuedOn' },
          { title: t('invoices.amount'), align: 'right', render: (_, i) => fenToYuan(i.amountFen) },
          { title: t('invoices.rate'), align: 'right', render: (_, i) => `${i.taxRateBp / 100}%` },
          {
            title: t('invoices.tax'),
            align: 'right',
            render: (_, i) =>
              i.flags.length
                ? `${fenToYuan(i.taxFen)} (${t('invoices.expected')} ${fenToYuan(i.expectedTaxFen)})`
                : fenToYuan(i.taxFen),
          },
          { title: t('invoices.total'), align: 'right', render: (_, i) => fenToYuan(i.totalFen) },
          {
            title: t('invoices.status'),
            render: (_, i) => (
              <Space size={4} wrap>
                <Tag color={i.status === 'VALID' ? 'geekblue' : i.status === 'FLAGGED' ? 'red' : 'default'}>
                  {t(`invoices.statusName.${i.status}`)}
                </Tag>
                {i.status !== 'VOIDED' && i.flags.length > 0 && <FlagTags flags={i.flags} />}
                {i.voidReason && <Typography.Text type="secondary">{i.voidReason}</Typography.Text>}
              </Space>
            ),
          },
          ...(props.onVoid
            ? [
                {
                  title: t('invoices.actions'),
                  render: (_: unknown, i: Invoice) =>
                    i.status !== 'VOIDED' && (
                      <Button size="small" danger onClick={() => props.onVoid!(i)} data-testid={`void-${i.number}`}>
                        {t('invoices.void')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

export default function Invoices() {
  const me = useMe();
  const { t } = useTranslation();
  return (
    <div data-testid="page-invoices">
      <Typography.Title level={3}>{t('invoices.title')}</Typography.Title>
      {me.supplier ? <SupplierInvoices /> : me.bank ? <Reimbursable /> : <Flagged />}
    </div>
  );
}

/** The supplier: pick a statement, record its invoices, see the check. */
function SupplierInvoices() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const statements = useQuery(StatementsDocument, {});
  const issued = (statements.data?.settlementStatements.edges.map((e) => e.node) ?? []).filter(
    (s) => s.status !== 'DRAFT',
  );
  const [picked, setPicked] = useState<string | null>(null);
  const statementId = picked ?? issued[0]?.id ?? null;
  const invoices = useQuery(StatementInvoicesDocument, { statementId: statementId ?? '0' });
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [voiding, setVoiding] = useState<Invoice | null>(null);
  const [reason, setReason] = useState('');
  const checked = statementId ? (invoices.data?.statementInvoices as Checked | undefined) : undefined;

  const record = async () => {
    const v = (await form.validateFields()) as Record<string, string | number | Dayjs>;
    const amountFen = yuanToFen(String(v.amount));
    const taxFen = yuanToFen(String(v.tax));
    if (amountFen === null || taxFen === null) {
      form.setFields([
        ...(amountFen === null ? [{ name: 'amount', errors: [t('invoices.notAmount')] }] : []),
        ...(taxFen === null ? [{ name: 'tax', errors: [t('invoices.notAmount')] }] : []),
      ]);
      return;
    }
    setSaving(true);
    try {
      const r = await request(RecordDocument, {
        statementId: statementId!,
        input: {
          number: String(v.number),
          code: v.code ? String(v.code) : null,
          amountFen,
          taxRateBp: Number(v.taxRateBp),
          taxFen,
          issuedOn: (v.issuedOn as Dayjs).format('YYYY-MM-DD'),
        },
      });
      void message.success(t(`invoices.recorded.${r.recordStatementInvoice.invoice.status}`));
      form.resetFields(['number', 'code', 'amount', 'tax']);
      invoices.reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'BAD_USER_INPUT' && e.problems.length) {
        const byField = new Map<string, string[]>();
        for (const p of e.problems) {
          const field = p.field.replace(/^input\./, '');
          const name =
            field === 'amountFen'
              ? 'amount'
              : field === 'taxFen'
                ? 'tax'
                : FORM_FIELDS.includes(field)
                  ? field
                  : 'number';
          byField.set(name, [...(byField.get(name) ?? []), p.message]);
        }
        form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      } else void message.error(t('common.error', { message: (e as Error).message }));
    } finally {
      setSaving(false);
    }
  };

  const doVoid = async () => {
    if (!voiding) return;
    try {
      await request(VoidDocument, { input: { settlementInvoiceId: voiding.id, reason } });
      setVoiding(null);
      setReason('');
      invoices.reload();
    } catch (e) {
      void message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph type="secondary">{t('invoices.supplierIntro')}</Typography.Paragraph>
      {statements.error && (
        <Alert type="error" role="alert" title={t('common.error', { message: statements.error.message })} />
      )}
      <Space wrap>
        <label htmlFor="invoice-statement">{t('invoices.statement')}</label>
        <Select
          id="invoice-statement"
          data-testid="invoice-statement"
          style={{ minWidth: 320 }}
          loading={statements.loading}
          value={statementId ?? undefined}
          onChange={setPicked}
          notFoundContent={t('invoices.noStatements')}
          options={issued.map((s) => ({
            value: s.id,
            label: `${s.period} · #${s.id} · ${t(`invoices.statementStatus.${s.status}`)} · ${fenToYuan(s.totalFen)}`,
          }))}
        />
        {statementId && (
          <>
            <Typography.Text type="secondary">{t('invoices.kind.STATEMENT')}</Typography.Text>
            <ExportButtons kind="STATEMENT" statementId={statementId} testId="statement" />
            <Typography.Text type="secondary">{t('invoices.kind.INVOICES')}</Typography.Text>
            <ExportButtons kind="INVOICES" statementId={statementId} testId="invoices" />
          </>
        )}
      </Space>
      {statementId && (
        <Card title={t('invoices.record')} size="small">
          <Form form={form} layout="inline" initialValues={{ taxRateBp: 1300 }} onFinish={() => void record()}>
            <Form.Item
              name="number"
              label={t('invoices.number')}
              rules={[{ required: true, message: t('invoices.required') }]}
            >
              <Input data-testid="invoice-number" placeholder={t('invoices.numberHint')} maxLength={20} />
            </Form.Item>
            <Form.Item name="code" label={t('invoices.code')}>
              <Input data-testid="invoice-code" placeholder={t('invoices.codeHint')} maxLength={12} />
            </Form.Item>
            <Form.Item
              name="amount"
              label={t('invoices.amount')}
              rules={[{ required: true, message: t('invoices.required') }]}
            >
              <Input data-testid="invoice-amount" inputMode="decimal" style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="taxRateBp" label={t('invoices.rate')}>
              <Select
                data-testid="invoice-rate"
                style={{ width: 100 }}
                options={RATES.map((r) => ({ value: r, label: `${r / 100}%` }))}
              />
            </Form.Item>
            <Form.Item
              name="tax"
              label={t('invoices.tax')}
              rules={[{ required: true, message: t('invoices.required') }]}
            >
              <Input data-testid="invoice-tax" inputMode="decimal" style={{ width: 120 }} />
            </Form.Item>
            <Form.Item
              name="issuedOn"
              label={t('invoices.issuedOn')}
              rules={[{ required: true, message: t('invoices.required') }]}
            >
              <DatePicker data-testid="invoice-issued-on" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="invoice-record">
                {t('invoices.recordButton')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      {invoices.error && statementId && (
        <Alert type="error" role="alert" title={t('common.error', { message: invoices.error.message })} />
      )}
      {checked && (
        <Card
          title={t('invoices.ofStatement', { period: checked.statement.period, id: checked.statement.id })}
          size="small"
        >
          <InvoiceTable checked={checked} onVoid={setVoiding} />
        </Card>
      )}
      <Modal
        open={voiding !== null}
        title={t('invoices.voidTitle', { number: voiding?.number ?? '' })}
        onOk={() => void doVoid()}
        okButtonProps={{ disabled: reason.trim().length < 2, danger: true }}
        onCancel={() => setVoiding(null)}
      >
        <label htmlFor="void-reason">{t('invoices.voidReason')}</label>
        <Input id="void-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
      </Modal>
    </Space>
  );
}

/** A page of statements with their invoices (the platform's flagged list, the bank's reimbursable one). */
function StatementList(props: {
  rows: Checked[];
  loading: boolean;
  testId: string;
  action?: (c: Checked) => React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Table<Checked>
      size="small"
      rowKey={(c) => c.statement.id}
      loading={props.loading}
      pagination={false}
      dataSource={props.rows}
      data-testid={props.testId}
      locale={{ emptyText: t('invoices.noneListed') }}
      expandable={{ expandedRowRender: (c) => <InvoiceTable checked={c} /> }}
      columns={[
        { title: t('invoices.statement'), render: (_, c) => `#${c.statement.id}` },
        { title: t('invoices.period'), render: (_, c) => c.statement.period },
        { title: t('invoices.bank'), render: (_, c) => c.statement.bankId },
        { title: t('invoices.supplier'), render: (_, c) => c.statement.supplierId },
        { title: t('invoices.totalOwed'), align: 'right', render: (_, c) => fenToYuan(c.totalFen) },
        { title: t('invoices.invoiced'), align: 'right', render: (_, c) => fenToYuan(c.invoicedFen) },
        {
          title: t('invoices.numbers'),
          render: (_, c) =>
            c.invoices
              .filter((i) => i.status !== 'VOIDED')
              .map((i) => `${i.code ? `${i.code}-` : ''}${i.number} (${fenToYuan(i.totalFen)})`)
              .join(', '),
        },
        { title: t('invoices.check'), render: (_, c) => <FlagTags flags={c.flags} /> },
        {
          title: t('invoices.actions'),
          render: (_, c) => (
            <Space wrap>
              {props.action?.(c)}
              <ExportButtons kind="STATEMENT" statementId={c.statement.id} testId={`statement-${c.statement.id}`} />
            </Space>
          ),
        },
      ]}
    />
  );
}

function Flagged() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pages = useCursorPages();
  const { data, error, loading, reload } = useQuery(FlaggedDocument, { after: pages.after });
  const conn = data?.flaggedInvoiceStatements;
  const recheck = async (c: Checked) => {
    try {
      const r = await request(CheckDocument, { statementId: c.statement.id });
      void message.success(
        t('invoices.rechecked', {
          flags: r.checkStatementInvoices.flags.map((f) => t(`invoices.flag.${f}`)).join('、') || t('invoices.noFlags'),
        }),
      );
      reload();
    } catch (e) {
      void message.error(t('common.error', { message: (e as Error).message }));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('invoices.platformIntro')}</Typography.Paragraph>
      {error && <Alert type="error" role="alert" title={t('common.error', { message: error.message })} />}
      <StatementList
        rows={(conn?.edges.map((e) => e.node) ?? []) as Checked[]}
        loading={loading}
        testId="flagged-table"
        action={(c) => (
          <Button size="small" onClick={() => void recheck(c)} data-testid={`recheck-${c.statement.id}`}>
            {t('invoices.recheck')}
          </Button>
        )}
      />
      <Pager
        pages={pages}
        hasNextPage={conn?.pageInfo.hasNextPage}
        endCursor={conn?.pageInfo.endCursor}
        loading={loading}
        testId="flagged"
      />
    </Space>
  );
}

function Reimbursable() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const { data, error, loading } = useQuery(ReimbursableDocument, { after: pages.after });
  const conn = data?.reimbursableStatements;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('invoices.bankIntro')}</Typography.Paragraph>
      {error && <Alert type="error" role="alert" title={t('common.error', { message: error.message })} />}
      <StatementList
        rows={(conn?.edges.map((e) => e.node) ?? []) as Checked[]}
        loading={loading}
        testId="reimbursable-table"
      />
      <Pager
        pages={pages}
        hasNextPage={conn?.pageInfo.hasNextPage}
        endCursor={conn?.pageInfo.endCursor}
        loading={loading}
        testId="reimbursable"
      />
    </Space>
  );
}

/** A statement's invoices and their check, read-only (a tab of the statement drawer). */
export function StatementInvoicesTab({ statementId }: { statementId: string }) {
  const { t } = useTranslation();
  const invoices = useQuery(StatementInvoicesDocument, { statementId });
  const checked = invoices.data?.statementInvoices as Checked | undefined;
  if (invoices.error) return <Alert type="error" title={invoices.error.message} />;
  return checked ? <InvoiceTable checked={checked} /> : <Typography.Text>{t('common.loading')}</Typography.Text>;
}
