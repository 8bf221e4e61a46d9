/**
 * Benefit rules of the bank (RUN_CAMPAIGNS): a keyset-paged list, create and edit in one form
 * (the kind decides which terms it asks for), switch a rule on or off; a QUOTA rule's use per customer
 * this period (benefits/QuotaUses.tsx).
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Checkbox from 'antd/es/checkbox';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Switch from 'antd/es/switch';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../api';
import { graphql } from '../gql';
import type { BenefitKind, ConsoleBenefitRulesQuery } from '../gql/graphql';
import { Pager, useCursorPages } from '../paging';
import QuotaUses from './benefits/QuotaUses';

const RulesDocument = graphql(`
  query ConsoleBenefitRules($first: Int, $after: String) {
    benefitRules(first: $first, after: $after) {
      edges {
        node {
          id
          name
          kind
          enabled
          startsAt
          endsAt
          fundedBy
          bankShareBp
          targetTierId
          targetSegmentId
          thresholdBasis
          thresholdAmount
          discountAmount
          repeatable
          percentBp
          capFen
          quotaUnits
          quotaPeriod
          quotaDiscountBp
          listingIds
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const CreateDocument = graphql(`
  mutation ConsoleCreateBenefitRule($input: CreateBenefitRuleInput!) {
    createBenefitRule(input: $input) {
      benefitRule {
        id
      }
    }
  }
`);

const UpdateDocument = graphql(`
  mutation ConsoleUpdateBenefitRule($input: UpdateBenefitRuleInput!) {
    updateBenefitRule(input: $input) {
      benefitRule {
        id
        enabled
      }
    }
  }
`);

type Rule = ConsoleBenefitRulesQuery['benefitRules']['edges'][number]['node'];
const KINDS: BenefitKind[] = ['THRESHOLD', 'PERCENT_OFF', 'FREE_SHIPPING', 'QUOTA'] as BenefitKind[];

/** A datetime-local value (the browser's zone) from an ISO instant, and back. */
const toLocal = (iso: string | null | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocal = (v: string | undefined) => (v ? new Date(v).toISOString() : null);

export default function BenefitRules() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const pages = useCursorPages();
  const { data, error, loading, reload } = useQuery(RulesDocument, { first: 20, after: pages.after });
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [usesOf, setUsesOf] = useState<string | null>(null);
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as BenefitKind | undefined;
  const page = data?.benefitRules;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  const terms = (r: Rule) => {
    switch (r.kind) {
      case 'THRESHOLD':
        return `${r.thresholdBasis} ${r.thresholdAmount} → −${r.discountAmount}${r.repeatable ? ' ×n' : ''}`;
      case 'PERCENT_OFF':
        return `${(r.percentBp ?? 0) / 100}% ≤ ${r.capFen}`;
      case 'QUOTA':
        return `${r.quotaUnits} / ${r.quotaPeriod} · ${(r.quotaDiscountBp ?? 0) / 100}% · #${r.listingIds.join(', #')}`;
      default:
        return '';
    }
  };

  const open = (rule: Rule | 'new') => {
    form.resetFields();
    if (rule !== 'new')
      form.setFieldsValue({
        ...rule,
        startsAt: toLocal(rule.startsAt),
        endsAt: toLocal(rule.endsAt),
        listingIds: rule.listingIds,
      });
    else form.setFieldsValue({ kind: 'THRESHOLD', fundedBy: 'BANK', startsAt: toLocal(new Date().toISOString()) });
    setEditing(rule);
  };

  const save = async () => {
    const v = await form.validateFields();
    const numbers = (keys: string[]) =>
      Object.fromEntries(keys.filter((k) => v[k] != null && v[k] !== '').map((k) => [k, Number(v[k])]));
    const terms = {
      ...numbers([
        'bankShareBp',
        'thresholdAmount',
        'discountAmount',
        'percentBp',
        'capFen',
        'quotaUnits',
        'quotaDiscountBp',
      ]),
      ...(v.kind === 'THRESHOLD' ? { thresholdBasis: v.thresholdBasis, repeatable: Boolean(v.repeatable) } : {}),
      ...(v.kind === 'QUOTA' ? { quotaPeriod: v.quotaPeriod, listingIds: (v.listingIds ?? []).map(String) } : {}),
      targetTierId: v.targetTierId || null,
      targetSegmentId: v.targetSegmentId || null,
      endsAt: fromLocal(v.endsAt),
    };
    try {
      if (editing === 'new')
        await request(CreateDocument, {
          input: {
            name: v.name,
            kind: v.kind,
            fundedBy: v.fundedBy,
            startsAt: fromLocal(v.startsAt)!,
            ...terms,
          },
        });
      else if (editing)
        await request(UpdateDocument, {
          input: {
            benefitRuleId: editing.id,
            name: v.name,
            fundedBy: v.fundedBy,
            startsAt: fromLocal(v.startsAt),
            ...terms,
          },
        });
      void message.success(t('benefits.saved'));
      setEditing(null);
      reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const toggle = async (rule: Rule, enabled: boolean) => {
    try {
      await request(UpdateDocument, { input: { benefitRuleId: rule.id, enabled } });
      reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-benefits">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('benefits.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('benefits.intro')}</Typography.Paragraph>
      </div>
      <Space>
        <Button type="primary" onClick={() => open('new')} data-testid="create-rule">
          {t('benefits.create')}
        </Button>
      </Space>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<Rule>
        rowKey="id"
        size="middle"
        loading={loading}
        pagination={false}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('benefits.empty') }}
        data-testid="rules-table"
        columns={[
          { title: t('benefits.name'), dataIndex: 'name' },
          {
            title: t('benefits.kind'),
            dataIndex: 'kind',
            render: (k: BenefitKind) => <Tag color="geekblue">{t(`benefits.kinds.${k}`)}</Tag>,
          },
          { title: t('benefits.terms'), key: 'terms', render: (_: unknown, r: Rule) => terms(r) },
          {
            title: t('benefits.fundedBy'),
            dataIndex: 'fundedBy',
            render: (f: string, r: Rule) =>
              `${t(`benefits.funders.${f}`)}${f === 'SHARED' ? ` ${r.bankShareBp / 100}%` : ''}`,
          },
          {
            title: t('benefits.window'),
            key: 'window',
            render: (_: unknown, r: Rule) =>
              `${time.format(new Date(r.startsAt))} – ${r.endsAt ? time.format(new Date(r.endsAt)) : t('benefits.open')}`,
          },
          {
            title: t('benefits.enabled'),
            dataIndex: 'enabled',
            render: (on: boolean, r: Rule) => (
              <Switch
                checked={on}
                onChange={(v) => void toggle(r, v)}
                aria-label={`${t('benefits.enabled')} ${r.name}`}
              />
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, r: Rule) => (
              <Space>
                <Button size="small" onClick={() => open(r)} data-testid={`edit-rule-${r.id}`}>
                  {t('benefits.edit')}
                </Button>
                {r.kind === 'QUOTA' && (
                  <Button size="small" onClick={() => setUsesOf(r.id)} data-testid={`rule-uses-${r.id}`}>
                    {t('benefits.uses')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Pager
        pages={pages}
        hasNextPage={page?.pageInfo.hasNextPage}
        endCursor={page?.pageInfo.endCursor}
        loading={loading}
        testId="rules"
      />
      {usesOf && <QuotaUses ruleId={usesOf} onClose={() => setUsesOf(null)} />}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('benefits.create') : t('benefits.edit')}
        okText={t('benefits.save')}
        cancelText={t('benefits.cancel')}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        okButtonProps={{ 'data-testid': 'save-rule' } as never}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" data-testid="rule-form">
          <Form.Item name="name" label={t('benefits.name')} rules={[{ required: true, max: 120 }]}>
            <Input maxLength={120} data-testid="rule-name" />
          </Form.Item>
          <Form.Item name="kind" label={t('benefits.kind')} rules={[{ required: true }]}>
            <Select
              disabled={editing !== 'new'}
              data-testid="rule-kind"
              options={KINDS.map((k) => ({ value: k, label: t(`benefits.kinds.${k}`) }))}
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="startsAt" label={t('benefits.startsAt')} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="endsAt" label={t('benefits.endsAt')}>
              <Input type="datetime-local" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="targetTierId" label={t('benefits.targetTierId')}>
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="targetSegmentId" label={t('benefits.targetSegmentId')}>
              <Input maxLength={20} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="fundedBy" label={t('benefits.fundedBy')} rules={[{ required: true }]}>
              <Select
                style={{ minWidth: 120 }}
                options={['BANK', 'SUPPLIER', 'SHARED'].map((f) => ({ value: f, label: t(`benefits.funders.${f}`) }))}
              />
            </Form.Item>
            <Form.Item name="bankShareBp" label={t('benefits.bankShareBp')}>
              <InputNumber min={0} max={10000} precision={0} />
            </Form.Item>
          </Space>
          {kind === 'THRESHOLD' && (
            <>
              <Form.Item name="thresholdBasis" label={t('benefits.thresholdBasis')} rules={[{ required: true }]}>
                <Select options={['CASH', 'POINTS', 'BOTH'].map((b) => ({ value: b, label: b }))} />
              </Form.Item>
              <Space wrap>
                <Form.Item name="thresholdAmount" label={t('benefits.thresholdAmount')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={1_000_000_000} precision={0} data-testid="rule-x" />
                </Form.Item>
                <Form.Item name="discountAmount" label={t('benefits.discountAmount')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={1_000_000_000} precision={0} data-testid="rule-y" />
                </Form.Item>
              </Space>
              <Form.Item name="repeatable" valuePropName="checked">
                <Checkbox>{t('benefits.repeatable')}</Checkbox>
              </Form.Item>
            </>
          )}
          {kind === 'PERCENT_OFF' && (
            <Space wrap>
              <Form.Item name="percentBp" label={t('benefits.percentBp')} rules={[{ required: true }]}>
                <InputNumber min={1} max={10000} precision={0} />
              </Form.Item>
              <Form.Item name="capFen" label={t('benefits.capFen')} rules={[{ required: true }]}>
                <InputNumber min={1} max={1_000_000_000} precision={0} />
              </Form.Item>
            </Space>
          )}
          {kind === 'QUOTA' && (
            <>
              <Space wrap>
                <Form.Item name="quotaUnits" label={t('benefits.quotaUnits')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={1000} precision={0} />
                </Form.Item>
                <Form.Item name="quotaPeriod" label={t('benefits.quotaPeriod')} rules={[{ required: true }]}>
                  <Select
                    style={{ minWidth: 120 }}
                    options={['MONTH', 'QUARTER', 'YEAR'].map((p) => ({ value: p, label: p }))}
                  />
                </Form.Item>
                <Form.Item name="quotaDiscountBp" label={t('benefits.quotaDiscountBp')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={10000} precision={0} />
                </Form.Item>
              </Space>
              <Form.Item name="listingIds" label={t('benefits.listingIds')} rules={[{ required: true }]}>
                <Select mode="tags" maxCount={100} tokenSeparators={[',', ' ']} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
