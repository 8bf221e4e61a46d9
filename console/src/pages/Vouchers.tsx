/**
 * Vouchers of the bank (RUN_CAMPAIGNS, as issueVoucher and stopVoucher want): a keyset-paged list
 * with budget, spent, uses, state, window and audience; an issue form (amount or percent off, minimum
 * spend, window, uses per customer, budget, funding, audience = one tier, segment or customer) that
 * shows the API's field problems beside their fields; stop with a confirmation.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Popconfirm from 'antd/es/popconfirm';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../api';
import { graphql } from '../gql';
import type { ConsoleVouchersQuery, VoucherKind } from '../gql/graphql';
import { Pager, useCursorPages } from '../paging';

const VouchersDocument = graphql(`
  query ConsoleVouchers($first: Int, $after: String) {
    vouchers(first: $first, after: $after) {
      edges {
        node {
          id
          name
          kind
          amountOffFen
          percentOffBp
          capFen
          minSpendFen
          startsAt
          endsAt
          perCustomerLimit
          budgetFen
          spentFen
          remainingFen
          usedCount
          fundedBy
          bankShareBp
          state
          tier {
            id
            name
          }
          segment {
            id
            name
          }
          customerId
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const AudienceDocument = graphql(`
  query ConsoleVoucherAudience {
    bank {
      id
      tiers {
        id
        name
      }
      segments(first: 100) {
        edges {
          node {
            id
            name
          }
        }
      }
    }
  }
`);

const CustomerIdDocument = graphql(`
  query ConsoleVoucherCustomer($ref: String!) {
    customerByRef(externalRef: $ref) {
      id
    }
  }
`);

const IssueDocument = graphql(`
  mutation ConsoleIssueVoucher($input: IssueVoucherInput!) {
    issueVoucher(input: $input) {
      voucher {
        id
      }
    }
  }
`);

const StopDocument = graphql(`
  mutation ConsoleStopVoucher($input: StopVoucherInput!) {
    stopVoucher(input: $input) {
      voucher {
        id
        state
      }
    }
  }
`);

type Voucher = ConsoleVouchersQuery['vouchers']['edges'][number]['node'];
type Audience = 'TIER' | 'SEGMENT' | 'CUSTOMER';
/** The form's own field for each input the API may name in a problem. */
const FORM_FIELDS = [
  'name',
  'kind',
  'amountOffFen',
  'percentOffBp',
  'capFen',
  'minSpendFen',
  'startsAt',
  'endsAt',
  'perCustomerLimit',
  'budgetFen',
  'fundedBy',
  'bankShareBp',
];

/** A datetime-local value (the browser's zone) from an instant, and back. */
const toLocal = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const fromLocal = (v: string) => new Date(v).toISOString();

export default function Vouchers() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const pages = useCursorPages();
  const { data, error, loading, reload } = useQuery(VouchersDocument, { first: 20, after: pages.after });
  const [issuing, setIssuing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as VoucherKind | undefined;
  const fundedBy = Form.useWatch('fundedBy', form) as string | undefined;
  const audience = Form.useWatch('audience', form) as Audience | undefined;
  const page = data?.vouchers;
  const yuan = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'CNY' });
  const fen = (v: number) => yuan.format(v / 100);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  const terms = (v: Voucher) =>
    v.kind === 'AMOUNT_OFF'
      ? t('vouchers.amountTerms', { amount: fen(v.amountOffFen ?? 0), min: fen(v.minSpendFen) })
      : t('vouchers.percentTerms', {
          percent: (v.percentOffBp ?? 0) / 100,
          cap: v.capFen != null ? fen(v.capFen) : t('vouchers.noCap'),
          min: fen(v.minSpendFen),
        });
  const audienceOf = (v: Voucher) =>
    v.tier
      ? t('vouchers.forTier', { name: v.tier.name })
      : v.segment
        ? t('vouchers.forSegment', { name: v.segment.name })
        : t('vouchers.forCustomer', { id: v.customerId });

  const open = () => {
    form.resetFields();
    const now = new Date();
    form.setFieldsValue({
      kind: 'AMOUNT_OFF',
      fundedBy: 'BANK',
      audience: 'TIER',
      perCustomerLimit: 1,
      minSpendFen: 0,
      startsAt: toLocal(now),
      endsAt: toLocal(new Date(now.getTime() + 30 * 86_400_000)),
    });
    setIssuing(true);
  };

  /** Puts the API's field problems beside their fields; those naming no field of the form go to the audience. */
  const showProblems = (e: ApiError) => {
    const audienceField = audience === 'SEGMENT' ? 'segmentId' : audience === 'CUSTOMER' ? 'customerRef' : 'tierId';
    const byField = new Map<string, string[]>();
    for (const p of e.problems) {
      const name = FORM_FIELDS.includes(p.field) ? p.field : audienceField;
      byField.set(name, [...(byField.get(name) ?? []), p.message]);
    }
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  };

  const issue = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      let customerId: string | null = null;
      if (v.audience === 'CUSTOMER') {
        try {
          customerId = (await request(CustomerIdDocument, { ref: String(v.customerRef).trim() })).customerByRef.id;
        } catch (e) {
          if (e instanceof ApiError && e.code === 'NOT_FOUND') {
            form.setFields([{ name: 'customerRef', errors: [t('vouchers.noSuchCustomer')] }]);
            return;
          }
          throw e;
        }
      }
      const num = (x: unknown) => (x === null || x === undefined || x === '' ? null : Number(x));
      await request(IssueDocument, {
        input: {
          name: v.name,
          kind: v.kind,
          amountOffFen: v.kind === 'AMOUNT_OFF' ? num(v.amountOffFen) : null,
          percentOffBp: v.kind === 'PERCENT_OFF' ? num(v.percentOffBp) : null,
          capFen: v.kind === 'PERCENT_OFF' ? num(v.capFen) : null,
          minSpendFen: Number(v.minSpendFen ?? 0),
          startsAt: fromLocal(v.startsAt),
          endsAt: fromLocal(v.endsAt),
          perCustomerLimit: Number(v.perCustomerLimit),
          budgetFen: Number(v.budgetFen),
          fundedBy: v.fundedBy,
          bankShareBp: v.fundedBy === 'SHARED' ? num(v.bankShareBp) : null,
          tierId: v.audience === 'TIER' ? v.tierId : null,
          segmentId: v.audience === 'SEGMENT' ? v.segmentId : null,
          customerId,
        },
      });
      void message.success(t('vouchers.issued'));
      setIssuing(false);
      reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'BAD_USER_INPUT' && e.problems.length) showProblems(e);
      else void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const stop = async (v: Voucher) => {
    try {
      await request(StopDocument, { input: { voucherId: v.id } });
      void message.success(t('vouchers.stopped'));
      reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-vouchers">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('vouchers.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('vouchers.intro')}</Typography.Paragraph>
      </div>
      <Space>
        <Button type="primary" onClick={open} data-testid="issue-voucher">
          {t('vouchers.issue')}
        </Button>
      </Space>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<Voucher>
        rowKey="id"
        size="middle"
        loading={loading}
        pagination={false}
        scroll={{ x: true }}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('vouchers.empty') }}
        data-testid="vouchers-table"
        onRow={(v) => ({ 'data-testid': `voucher-${v.id}` }) as never}
        columns={[
          { title: t('vouchers.name'), dataIndex: 'name' },
          { title: t('vouchers.terms'), key: 'terms', render: (_: unknown, v: Voucher) => terms(v) },
          { title: t('vouchers.audience'), key: 'audience', render: (_: unknown, v: Voucher) => audienceOf(v) },
          {
            title: t('vouchers.window'),
            key: 'window',
            render: (_: unknown, v: Voucher) =>
              `${time.format(new Date(v.startsAt))} – ${time.format(new Date(v.endsAt))}`,
          },
          {
            title: t('vouchers.budget'),
            key: 'budget',
            render: (_: unknown, v: Voucher) => (
              <span data-testid={`voucher-budget-${v.id}`}>
                {t('vouchers.spentOf', { spent: fen(v.spentFen), budget: fen(v.budgetFen) })}
              </span>
            ),
          },
          {
            title: t('vouchers.used'),
            key: 'used',
            render: (_: unknown, v: Voucher) =>
              t('vouchers.usedTimes', { count: v.usedCount, limit: v.perCustomerLimit }),
          },
          {
            title: t('vouchers.fundedBy'),
            dataIndex: 'fundedBy',
            render: (f: string, v: Voucher) =>
              `${t(`vouchers.funders.${f}`)}${f === 'SHARED' ? ` ${v.bankShareBp / 100}%` : ''}`,
          },
          {
            title: t('vouchers.state'),
            key: 'state',
            render: (_: unknown, v: Voucher) => {
              const shown = v.state === 'STOPPED' ? 'STOPPED' : new Date(v.endsAt) <= new Date() ? 'ENDED' : 'ACTIVE';
              return (
                <Tag
                  color={shown === 'ACTIVE' ? 'geekblue' : shown === 'STOPPED' ? 'red' : 'default'}
                  data-testid={`voucher-state-${v.id}`}
                >
                  {t(`vouchers.states.${shown}`)}
                </Tag>
              );
            },
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, v: Voucher) =>
              v.state === 'ACTIVE' ? (
                <Popconfirm
                  title={t('vouchers.stopConfirm', { name: v.name })}
                  okText={t('vouchers.stop')}
                  cancelText={t('vouchers.cancel')}
                  okButtonProps={{ danger: true, 'data-testid': `stop-confirm-${v.id}` } as never}
                  onConfirm={() => stop(v)}
                >
                  <Button size="small" danger data-testid={`stop-voucher-${v.id}`}>
                    {t('vouchers.stop')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Pager
        pages={pages}
        hasNextPage={page?.pageInfo.hasNextPage}
        endCursor={page?.pageInfo.endCursor}
        loading={loading}
        testId="vouchers"
      />
      <Modal
        open={issuing}
        title={t('vouchers.issue')}
        okText={t('vouchers.save')}
        cancelText={t('vouchers.cancel')}
        onOk={() => void issue()}
        onCancel={() => setIssuing(false)}
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'save-voucher' } as never}
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" data-testid="voucher-form">
          <Form.Item name="name" label={t('vouchers.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input maxLength={100} data-testid="voucher-name" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="kind" label={t('vouchers.kind')} rules={[{ required: true }]}>
              <Select
                style={{ minWidth: 160 }}
                data-testid="voucher-kind"
                options={(['AMOUNT_OFF', 'PERCENT_OFF'] as const).map((k) => ({
                  value: k,
                  label: t(`vouchers.kinds.${k}`),
                }))}
              />
            </Form.Item>
            {kind === 'PERCENT_OFF' ? (
              <>
                <Form.Item name="percentOffBp" label={t('vouchers.percentOffBp')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={10000} precision={0} data-testid="voucher-percent" />
                </Form.Item>
                <Form.Item name="capFen" label={t('vouchers.capFen')}>
                  <InputNumber min={1} max={100_000_000} precision={0} data-testid="voucher-cap" />
                </Form.Item>
              </>
            ) : (
              <Form.Item name="amountOffFen" label={t('vouchers.amountOffFen')} rules={[{ required: true }]}>
                <InputNumber min={1} max={100_000_000} precision={0} data-testid="voucher-amount" />
              </Form.Item>
            )}
            <Form.Item name="minSpendFen" label={t('vouchers.minSpendFen')} rules={[{ required: true }]}>
              <InputNumber min={0} max={10_000_000_000} precision={0} data-testid="voucher-min-spend" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="startsAt" label={t('vouchers.startsAt')} rules={[{ required: true }]}>
              <Input type="datetime-local" data-testid="voucher-starts" />
            </Form.Item>
            <Form.Item name="endsAt" label={t('vouchers.endsAt')} rules={[{ required: true }]}>
              <Input type="datetime-local" data-testid="voucher-ends" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="perCustomerLimit" label={t('vouchers.perCustomerLimit')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100} precision={0} data-testid="voucher-limit" />
            </Form.Item>
            <Form.Item name="budgetFen" label={t('vouchers.budgetFen')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10_000_000_000} precision={0} data-testid="voucher-budget" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="fundedBy" label={t('vouchers.fundedBy')} rules={[{ required: true }]}>
              <Select
                style={{ minWidth: 120 }}
                options={['BANK', 'SUPPLIER', 'SHARED'].map((f) => ({ value: f, label: t(`vouchers.funders.${f}`) }))}
              />
            </Form.Item>
            {fundedBy === 'SHARED' && (
              <Form.Item name="bankShareBp" label={t('vouchers.bankShareBp')} rules={[{ required: true }]}>
                <InputNumber min={1} max={9999} precision={0} data-testid="voucher-bank-share" />
              </Form.Item>
            )}
          </Space>
          <Space wrap align="start">
            <Form.Item name="audience" label={t('vouchers.audience')} rules={[{ required: true }]}>
              <Select
                style={{ minWidth: 120 }}
                data-testid="voucher-audience"
                options={(['TIER', 'SEGMENT', 'CUSTOMER'] as const).map((a) => ({
                  value: a,
                  label: t(`vouchers.audiences.${a}`),
                }))}
              />
            </Form.Item>
            <AudienceField audience={audience ?? 'TIER'} />
          </Space>
        </Form>
      </Modal>
    </Space>
  );
}

/** The one audience the voucher is for: a tier or segment of the bank, or a customer by the bank's reference. */
function AudienceField({ audience }: { audience: Audience }) {
  const { t } = useTranslation();
  const { data } = useQuery(AudienceDocument);
  if (audience === 'CUSTOMER')
    return (
      <Form.Item
        name="customerRef"
        label={t('vouchers.customerRef')}
        rules={[{ required: true, whitespace: true, max: 64 }]}
      >
        <Input maxLength={64} style={{ width: 200 }} data-testid="voucher-customer" />
      </Form.Item>
    );
  if (audience === 'SEGMENT')
    return (
      <Form.Item name="segmentId" label={t('vouchers.segment')} rules={[{ required: true }]}>
        <Select
          style={{ minWidth: 200 }}
          data-testid="voucher-segment"
          options={data?.bank.segments.edges.map((e) => ({ value: e.node.id, label: e.node.name })) ?? []}
        />
      </Form.Item>
    );
  return (
    <Form.Item name="tierId" label={t('vouchers.tier')} rules={[{ required: true }]}>
      <Select
        style={{ minWidth: 200 }}
        data-testid="voucher-tier"
        options={data?.bank.tiers.map((tier) => ({ value: tier.id, label: tier.name })) ?? []}
      />
    </Form.Item>
  );
}
