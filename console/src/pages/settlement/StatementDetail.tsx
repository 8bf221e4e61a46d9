/**
 * One settlement statement in a drawer, as tabs: its figures (each the sum of its lines) and the
 * actions of the caller's side, its lines (paged; each traced to its order, refund or corrected line),
 * its disputes and its payments. Other settlement parts (invoices, exports, reconciliation) add their
 * tabs through `extraTabs.tsx`.
 *
 * Who may do what (the API checks it again): the platform (MANAGE_SETTLEMENT) issues, adds adjustment
 * lines, answers disputes and issues again; the statement's supplier (SEE_SETTLEMENT) confirms it or
 * disputes selected lines with a reason; the bank (PAY_SUPPLIERS), or the platform for it, records
 * payments.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Descriptions from 'antd/es/descriptions';
import Drawer from 'antd/es/drawer';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Spin from 'antd/es/spin';
import Table from 'antd/es/table';
import Tabs, { type TabsProps } from 'antd/es/tabs';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleSettlementStatementQuery, ConsoleStatementLinesQuery } from '../../gql/graphql';
import { useMe } from '../../me';
import { Pager, useCursorPages, useReloadOn } from '../../paging';
import { fenToYuan } from '../orders/format';
import OrderDetail from '../orders/OrderDetail';
import { statementExtraTabs } from './extraTabs';
import { yuanToFen } from './money';
import { STATEMENT_COLOURS } from './Statements';

const StatementDocument = graphql(`
  query ConsoleSettlementStatement($id: ID!) {
    settlementStatement(id: $id) {
      id
      period
      bankId
      supplierId
      status
      totalFen
      commissionFen
      paidFen
      issuedAt
      dueOn
      confirmedAt
      settledAt
      figures {
        deliveredFen
        refundedFen
        supplierDiscountsFen
        coFundingFen
        adjustmentsFen
        totalOwedFen
        commissionFen
        supplierReceivesFen
        paidFen
        outstandingFen
        lineCount
      }
      payments {
        id
        reference
        paidOn
        amountFen
        recordedAt
      }
      disputes {
        id
        lineId
        reason
        raisedAt
        resolvedAt
        resolutionLineId
        rejectReason
      }
    }
  }
`);

const LinesDocument = graphql(`
  query ConsoleStatementLines($id: ID!, $first: Int, $after: String) {
    settlementStatement(id: $id) {
      id
      lines(first: $first, after: $after) {
        edges {
          node {
            id
            kind
            orderId
            orderLineId
            quantity
            amountFen
            refundId
            adjustsLineId
            note
            occurredAt
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const IssueDocument = graphql(`
  mutation ConsoleIssueStatement($statementId: ID!) {
    issueStatement(statementId: $statementId) {
      id
      status
    }
  }
`);
const ReissueDocument = graphql(`
  mutation ConsoleReissueStatement($statementId: ID!) {
    reissueStatement(statementId: $statementId) {
      id
      status
    }
  }
`);
const ConfirmDocument = graphql(`
  mutation ConsoleConfirmStatement($statementId: ID!) {
    confirmStatement(statementId: $statementId) {
      id
      status
    }
  }
`);
const DisputeDocument = graphql(`
  mutation ConsoleDisputeStatementLines($statementId: ID!, $lines: [DisputedLineInput!]!) {
    disputeStatementLines(statementId: $statementId, lines: $lines) {
      id
      status
    }
  }
`);
const AdjustDocument = graphql(`
  mutation ConsoleAdjustStatement($statementId: ID!, $input: AdjustStatementInput!) {
    adjustStatement(statementId: $statementId, input: $input) {
      id
      status
    }
  }
`);
const RejectDocument = graphql(`
  mutation ConsoleRejectStatementDispute($input: RejectStatementDisputeInput!) {
    rejectStatementDispute(input: $input) {
      id
      status
    }
  }
`);
const PayDocument = graphql(`
  mutation ConsoleRecordStatementPayment($statementId: ID!, $input: StatementPaymentInput!) {
    recordStatementPayment(statementId: $statementId, input: $input) {
      id
      status
    }
  }
`);

export type StatementView = NonNullable<ConsoleSettlementStatementQuery['settlementStatement']>;
type LineRow = NonNullable<ConsoleStatementLinesQuery['settlementStatement']>['lines']['edges'][number]['node'];
type DisputeRow = StatementView['disputes'][number];
type Dialog =
  | { kind: 'dispute'; lineIds: string[] }
  | { kind: 'adjust'; lineId: string | null }
  | { kind: 'reject'; disputeId: string }
  | { kind: 'pay' };

const FIGURES = [
  'deliveredFen',
  'refundedFen',
  'supplierDiscountsFen',
  'coFundingFen',
  'adjustmentsFen',
  'totalOwedFen',
  'commissionFen',
  'supplierReceivesFen',
  'paidFen',
  'outstandingFen',
] as const;
const LINES_PAGE = 20;

export default function StatementDetail({
  statementId,
  onClose,
  onChanged,
}: {
  statementId: string | null;
  onClose: () => void;
  onChanged?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={statementId !== null}
      onClose={onClose}
      size={960}
      title={statementId ? `${t('statements.title')} ${statementId}` : ''}
      closable={{ 'aria-label': t('statements.close') }}
      destroyOnHidden
    >
      {statementId && <StatementBody id={statementId} onChanged={onChanged} />}
    </Drawer>
  );
}

function StatementBody({ id, onChanged }: { id: string; onChanged?: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { data, error, reload } = useQuery(StatementDocument, { id });
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState(false);
  const [openOrder, setOpenOrder] = useState<string | null>(null);
  const [form] = Form.useForm<Record<string, string>>();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  if (error) return <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />;
  const s = data?.settlementStatement;
  if (!s) return <Spin aria-label={t('common.loading')} />;

  const perms = me.permissions;
  const platformManages = me.kind === 'PLATFORM' && perms.includes('MANAGE_SETTLEMENT');
  const supplierSide = me.kind === 'SUPPLIER' && perms.includes('SEE_SETTLEMENT');
  const pays = (me.kind === 'BANK' && perms.includes('PAY_SUPPLIERS')) || platformManages;
  const owed = ['ISSUED', 'DISPUTED', 'CONFIRMED'].includes(s.status);

  const act = async (send: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await send();
      void message.success(done);
      setDialog(null);
      reload();
      setVersion((v) => v + 1);
      onChanged?.();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = (values: Record<string, string>) => {
    if (!dialog) return;
    if (dialog.kind === 'dispute')
      void act(
        () =>
          request(DisputeDocument, {
            statementId: s.id,
            lines: dialog.lineIds.map((lineId) => ({ settlementLineId: lineId, reason: values.reason ?? '' })),
          }),
        t('statements.disputeSent'),
      );
    else if (dialog.kind === 'adjust')
      void act(
        () =>
          request(AdjustDocument, {
            statementId: s.id,
            input: {
              amountFen: yuanToFen(values.amount ?? '') ?? 0,
              note: values.note ?? '',
              adjustsSettlementLineId: values.lineId && values.lineId !== 'NONE' ? values.lineId : null,
            },
          }),
        t('statements.adjusted'),
      );
    else if (dialog.kind === 'reject')
      void act(
        () =>
          request(RejectDocument, { input: { settlementDisputeId: dialog.disputeId, reason: values.reason ?? '' } }),
        t('statements.rejected'),
      );
    else
      void act(
        () =>
          request(PayDocument, {
            statementId: s.id,
            input: {
              reference: values.reference ?? '',
              paidOn: values.paidOn ?? '',
              amountFen: yuanToFen(values.amount ?? '') ?? 0,
            },
          }),
        t('statements.paidOk'),
      );
  };

  const openDisputes = s.disputes.filter((d) => !d.resolvedAt);
  const actions = (
    <Space wrap>
      {platformManages && s.status === 'DRAFT' && (
        <Button
          type="primary"
          loading={busy}
          data-testid="statement-issue"
          onClick={() => void act(() => request(IssueDocument, { statementId: s.id }), t('statements.issued'))}
        >
          {t('statements.issue')}
        </Button>
      )}
      {platformManages && s.status === 'DISPUTED' && (
        <Button
          type="primary"
          loading={busy}
          disabled={openDisputes.length > 0}
          data-testid="statement-reissue"
          onClick={() => void act(() => request(ReissueDocument, { statementId: s.id }), t('statements.reissued'))}
        >
          {t('statements.reissue')}
        </Button>
      )}
      {platformManages && (s.status === 'ISSUED' || s.status === 'DISPUTED') && (
        <Button data-testid="statement-adjust" onClick={() => setDialog({ kind: 'adjust', lineId: null })}>
          {t('statements.adjust')}
        </Button>
      )}
      {supplierSide && s.status === 'ISSUED' && (
        <Button
          type="primary"
          loading={busy}
          data-testid="statement-confirm"
          onClick={() => void act(() => request(ConfirmDocument, { statementId: s.id }), t('statements.confirmed'))}
        >
          {t('statements.confirm')}
        </Button>
      )}
      {pays && owed && s.figures.outstandingFen > 0 && (
        <Button type="primary" data-testid="statement-pay" onClick={() => setDialog({ kind: 'pay' })}>
          {t('statements.pay')}
        </Button>
      )}
    </Space>
  );

  const tabs: TabsProps['items'] = [
    {
      key: 'figures',
      label: t('statements.tabFigures'),
      children: (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space>
            <Tag color={STATEMENT_COLOURS[s.status]} data-testid="statement-status">
              {t(`statements.statuses.${s.status}`)}
            </Tag>
            <Typography.Text>
              {t('statements.period')} {s.period} · {t('statements.bank')} {s.bankId} · {t('statements.supplier')}{' '}
              {s.supplierId}
            </Typography.Text>
          </Space>
          {actions}
          <Descriptions bordered size="small" column={2} data-testid="statement-figures">
            {FIGURES.map((f) => (
              <Descriptions.Item key={f} label={t(`statements.figures.${f}`)}>
                <span data-testid={`figure-${f}`}>{fenToYuan(s.figures[f])}</span>
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('statements.figures.lineCount')}>{s.figures.lineCount}</Descriptions.Item>
            <Descriptions.Item label={t('statements.dueOn')}>{s.dueOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('statements.issuedAt')}>
              {s.issuedAt ? time.format(new Date(s.issuedAt)) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('statements.confirmedAt')}>
              {s.confirmedAt ? time.format(new Date(s.confirmedAt)) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('statements.settledAt')}>
              {s.settledAt ? time.format(new Date(s.settledAt)) : '—'}
            </Descriptions.Item>
          </Descriptions>
        </Space>
      ),
    },
    {
      key: 'lines',
      label: t('statements.tabLines'),
      children: (
        <LinesTab
          statement={s}
          version={version}
          canDispute={supplierSide && s.status === 'ISSUED'}
          onDispute={(lineIds) => setDialog({ kind: 'dispute', lineIds })}
          onOpenOrder={setOpenOrder}
        />
      ),
    },
    {
      key: 'disputes',
      label: t('statements.tabDisputes'),
      children: (
        <Table<DisputeRow>
          rowKey="id"
          pagination={false}
          data-testid="statement-disputes"
          dataSource={s.disputes}
          locale={{ emptyText: t('statements.noDisputes') }}
          columns={[
            { title: t('statements.line'), dataIndex: 'lineId' },
            { title: t('statements.reason'), dataIndex: 'reason' },
            {
              title: t('statements.raisedAt'),
              dataIndex: 'raisedAt',
              render: (v: string) => time.format(new Date(v)),
            },
            {
              title: t('statements.answer'),
              key: 'answer',
              render: (_, d) =>
                !d.resolvedAt ? (
                  platformManages && s.status === 'DISPUTED' ? (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        data-testid={`dispute-adjust-${d.id}`}
                        onClick={() => setDialog({ kind: 'adjust', lineId: d.lineId })}
                      >
                        {t('statements.adjust')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        data-testid={`dispute-reject-${d.id}`}
                        onClick={() => setDialog({ kind: 'reject', disputeId: d.id })}
                      >
                        {t('statements.reject')}
                      </Button>
                    </Space>
                  ) : (
                    <Tag color="red">{t('statements.open_')}</Tag>
                  )
                ) : d.resolutionLineId ? (
                  t('statements.answeredByAdjustment', { id: d.resolutionLineId })
                ) : (
                  t('statements.answeredByRejection', { reason: d.rejectReason ?? '' })
                ),
            },
          ]}
        />
      ),
    },
    {
      key: 'payments',
      label: t('statements.tabPayments'),
      children: (
        <Table
          rowKey="id"
          pagination={false}
          data-testid="statement-payments"
          dataSource={s.payments}
          locale={{ emptyText: t('statements.noPayments') }}
          columns={[
            { title: t('statements.reference'), dataIndex: 'reference' },
            { title: t('statements.paidOn'), dataIndex: 'paidOn' },
            {
              title: t('statements.amount'),
              dataIndex: 'amountFen',
              align: 'right',
              render: (v: number) => fenToYuan(v),
            },
          ]}
        />
      ),
    },
    ...statementExtraTabs(s),
  ];

  const dialogTitle =
    dialog?.kind === 'dispute'
      ? t('statements.disputeTitle')
      : dialog?.kind === 'adjust'
        ? t('statements.adjustTitle')
        : dialog?.kind === 'reject'
          ? t('statements.rejectTitle')
          : t('statements.payTitle');
  const required = [{ required: true, whitespace: true, message: t('statements.required') }];
  const money = [...required, { pattern: /^-?\d{1,10}(\.\d{1,2})?$/, message: t('statements.amountRule') }];

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('statements.detailTitle', { id: s.id, period: s.period })}
      </Typography.Title>
      <Tabs data-testid="statement-tabs" items={tabs} />
      <Modal
        open={dialog !== null}
        title={dialogTitle}
        okText={dialogTitle}
        okButtonProps={{ loading: busy, 'data-testid': 'statement-dialog-ok' } as never}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {dialog && (
          <Form
            form={form}
            layout="vertical"
            preserve={false}
            onFinish={submit}
            initialValues={
              dialog.kind === 'adjust'
                ? { lineId: dialog.lineId ?? 'NONE' }
                : dialog.kind === 'pay'
                  ? { paidOn: new Date().toISOString().slice(0, 10) }
                  : {}
            }
          >
            {(dialog.kind === 'dispute' || dialog.kind === 'reject') && (
              <Form.Item
                name="reason"
                label={dialog.kind === 'dispute' ? t('statements.disputeReason') : t('statements.rejectReason')}
                rules={required}
              >
                <Input.TextArea rows={3} maxLength={500} showCount data-testid="statement-dialog-reason" />
              </Form.Item>
            )}
            {dialog.kind === 'adjust' && (
              <>
                <Form.Item name="lineId" label={t('statements.adjustLine')}>
                  <Select
                    data-testid="statement-adjust-line"
                    options={[
                      { value: 'NONE', label: t('statements.adjustLineNone') },
                      ...s.disputes.map((d) => ({ value: d.lineId, label: `${t('statements.line')} ${d.lineId}` })),
                    ]}
                  />
                </Form.Item>
                <Form.Item name="amount" label={t('statements.adjustAmount')} rules={money}>
                  <Input inputMode="decimal" data-testid="statement-adjust-amount" />
                </Form.Item>
                <Form.Item name="note" label={t('statements.adjustNote')} rules={required}>
                  <Input.TextArea rows={2} maxLength={500} showCount data-testid="statement-adjust-note" />
                </Form.Item>
              </>
            )}
            {dialog.kind === 'pay' && (
              <>
                <Form.Item name="reference" label={t('statements.payReference')} rules={required}>
                  <Input maxLength={64} data-testid="statement-pay-reference" />
                </Form.Item>
                <Form.Item
                  name="paidOn"
                  label={t('statements.payDate')}
                  rules={[...required, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}
                >
                  <Input data-testid="statement-pay-date" />
                </Form.Item>
                <Form.Item name="amount" label={t('statements.payAmount')} rules={money}>
                  <Input inputMode="decimal" data-testid="statement-pay-amount" />
                </Form.Item>
              </>
            )}
          </Form>
        )}
      </Modal>
      <OrderDetail orderId={openOrder} onClose={() => setOpenOrder(null)} />
    </>
  );
}

function LinesTab({
  statement,
  version,
  canDispute,
  onDispute,
  onOpenOrder,
}: {
  statement: StatementView;
  version: number;
  canDispute: boolean;
  onDispute: (lineIds: string[]) => void;
  onOpenOrder: (orderId: string) => void;
}) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [selected, setSelected] = useState<string[]>([]);
  const { data, error, loading, reload } = useQuery(LinesDocument, {
    id: statement.id,
    first: LINES_PAGE,
    after: pages.after,
  });
  useReloadOn(version, reload);
  const page = data?.settlementStatement?.lines;
  const disputed = new Set(statement.disputes.filter((d) => !d.resolvedAt).map((d) => d.lineId));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {canDispute && (
        <Button
          danger
          disabled={selected.length === 0}
          data-testid="statement-dispute"
          onClick={() => onDispute(selected)}
        >
          {t('statements.dispute', { count: selected.length })}
        </Button>
      )}
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<LineRow>
        rowKey="id"
        loading={loading}
        pagination={false}
        data-testid="statement-lines"
        dataSource={page?.edges.map((e) => e.node) ?? []}
        rowSelection={
          canDispute
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (r) => ({ 'aria-label': `${t('statements.line')} ${r.id}` }) as never,
              }
            : undefined
        }
        columns={[
          { title: t('statements.line'), dataIndex: 'id' },
          {
            title: t('statements.kind'),
            dataIndex: 'kind',
            render: (k: string, r) => (
              <Space size={4}>
                {t(`statements.kinds.${k}`)}
                {disputed.has(r.id) && <Tag color="red">{t('statements.open_')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('statements.order'),
            dataIndex: 'orderId',
            render: (v: string) =>
              v && v !== '0' ? (
                <Button
                  type="link"
                  size="small"
                  data-testid={`line-order-${v}`}
                  aria-label={t('statements.openOrder', { id: v })}
                  onClick={() => onOpenOrder(v)}
                >
                  {v}
                </Button>
              ) : (
                '—'
              ),
          },
          { title: t('statements.quantity'), dataIndex: 'quantity', align: 'right' },
          {
            title: t('statements.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => fenToYuan(v),
          },
          { title: t('statements.refund'), dataIndex: 'refundId', render: (v: string | null) => v ?? '' },
          {
            title: t('statements.note'),
            dataIndex: 'note',
            render: (v: string | null, r) =>
              [r.adjustsLineId ? `→ ${t('statements.line')} ${r.adjustsLineId}` : '', v ?? '']
                .filter(Boolean)
                .join(' '),
          },
        ]}
      />
      <Pager
        pages={pages}
        hasNextPage={page?.pageInfo.hasNextPage}
        endCursor={page?.pageInfo.endCursor}
        loading={loading}
        testId="statement-lines"
      />
    </Space>
  );
}
