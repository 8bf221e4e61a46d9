/**
 * Commission rates (佣金费率, platform MANAGE_SETTLEMENT): a supplier's rates per category — a rate on
 * a category covers its subcategories that set none; the supplier's default covers the rest — with
 * their validity (days in the bank's time zone). `setCommissionRate` adds one (CONFLICT when it
 * overlaps another of the same category), `endCommissionRate` ends one.
 */
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import TreeSelect from 'antd/es/tree-select';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleCommissionRatesQuery } from '../../gql/graphql';

const SuppliersDocument = graphql(`
  query ConsoleCommissionSuppliers {
    suppliers(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const RatesDocument = graphql(`
  query ConsoleCommissionRates($supplierId: ID!) {
    commissionRates(supplierId: $supplierId) {
      id
      categoryId
      rateBp
      validFrom
      validTo
    }
  }
`);

const CategoryLevelDocument = graphql(`
  query ConsoleCommissionCategories($parentId: ID) {
    categories(parentId: $parentId) {
      id
      name
    }
  }
`);

const SetRateDocument = graphql(`
  mutation ConsoleSetCommissionRate($input: SetCommissionRateInput!) {
    setCommissionRate(input: $input) {
      id
    }
  }
`);

const EndRateDocument = graphql(`
  mutation ConsoleEndCommissionRate($id: ID!, $validTo: String!) {
    endCommissionRate(id: $id, validTo: $validTo) {
      id
      validTo
    }
  }
`);

type Rate = ConsoleCommissionRatesQuery['commissionRates'][number];
interface CategoryNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf?: boolean;
}
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default function CommissionRates() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [suppliers, setSuppliers] = useState<{ id: string; name: string }[]>([]);
  const [supplierId, setSupplierId] = useState<string | null>(null);
  const [rates, setRates] = useState<Rate[] | null>(null);
  const [categories, setCategories] = useState<CategoryNode[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Rate | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ categoryId?: string; ratePercent: number; validFrom: string; validTo?: string }>();
  const [endForm] = Form.useForm<{ validTo: string }>();

  useEffect(() => {
    request(SuppliersDocument)
      .then(({ suppliers: s }) => {
        const list = s.edges.map((e) => e.node);
        setSuppliers(list);
        if (list[0]) setSupplierId(list[0].id);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
    request(CategoryLevelDocument, { parentId: null })
      .then(({ categories: c }) => setCategories(c.map((x) => ({ id: x.id, pId: null, value: x.id, title: x.name }))))
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, []);

  const load = useCallback(async (id: string) => {
    setRates(null);
    try {
      setRates((await request(RatesDocument, { supplierId: id })).commissionRates);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    if (supplierId) void load(supplierId);
  }, [supplierId, load]);

  const loadChildren = async (node: { value?: string | number }) => {
    const parent = String(node.value);
    if (categories.some((c) => c.pId === parent)) return;
    const { categories: c } = await request(CategoryLevelDocument, { parentId: parent });
    setCategories((all) => [
      ...all.map((x) => (x.id === parent && c.length === 0 ? { ...x, isLeaf: true } : x)),
      ...c.map((x) => ({ id: x.id, pId: parent, value: x.id, title: x.name })),
    ]);
  };
  const categoryName = (id: string | null | undefined) =>
    id == null ? null : (categories.find((c) => c.id === id)?.title ?? `#${id}`);

  const add = async (v: { categoryId?: string; ratePercent: number; validFrom: string; validTo?: string }) => {
    if (!supplierId) return;
    setSaving(true);
    try {
      await request(SetRateDocument, {
        input: {
          supplierId,
          categoryId: v.categoryId ?? null,
          rateBp: Math.round(v.ratePercent * 100),
          validFrom: v.validFrom,
          validTo: v.validTo ? v.validTo : null,
        },
      });
      void message.success(t('commission.saved'));
      setAdding(false);
      await load(supplierId);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const end = async ({ validTo }: { validTo: string }) => {
    if (!ending || !supplierId) return;
    setSaving(true);
    try {
      await request(EndRateDocument, { id: ending.id, validTo });
      void message.success(t('commission.ended'));
      setEnding(null);
      await load(supplierId);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const dayRule = { pattern: DAY, message: t('commission.dayRule') };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-commission">
      <Typography.Title level={1}>{t('commission.title')}</Typography.Title>
      <Typography.Paragraph>{t('commission.intro')}</Typography.Paragraph>
      {error && <Alert type="error" title={t('common.error', { message: error })} role="alert" />}
      <Space wrap>
        <label htmlFor="commission-supplier">{t('commission.supplier')}</label>
        <Select
          id="commission-supplier"
          data-testid="commission-supplier"
          style={{ minWidth: 240 }}
          value={supplierId ?? undefined}
          onChange={setSupplierId}
          options={suppliers.map((s) => ({ value: s.id, label: s.name }))}
          aria-label={t('commission.supplier')}
        />
        <Button type="primary" data-testid="commission-add" disabled={!supplierId} onClick={() => setAdding(true)}>
          {t('commission.add')}
        </Button>
      </Space>
      <Table<Rate>
        rowKey="id"
        loading={rates === null && !error && supplierId !== null}
        pagination={false}
        dataSource={rates ?? []}
        data-testid="commission-table"
        onRow={(r) => ({ 'data-testid': `rate-${r.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('commission.category'),
            key: 'category',
            render: (_, r) =>
              r.categoryId == null ? <Tag>{t('commission.default')}</Tag> : categoryName(r.categoryId),
          },
          { title: t('commission.rate'), key: 'rate', render: (_, r) => `${(r.rateBp / 100).toFixed(2)}%` },
          { title: t('commission.validFrom'), dataIndex: 'validFrom' },
          {
            title: t('commission.validTo'),
            key: 'validTo',
            render: (_, r) => r.validTo ?? <Tag>{t('commission.open')}</Tag>,
          },
          {
            title: t('commission.actions'),
            key: 'actions',
            render: (_, r) => (
              <Button
                size="small"
                data-testid={`end-rate-${r.id}`}
                aria-label={t('commission.endLabel', { rate: (r.rateBp / 100).toFixed(2) })}
                onClick={() => setEnding(r)}
              >
                {t('commission.end')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('commission.addTitle')}
        okText={t('commission.save')}
        okButtonProps={{ loading: saving, 'data-testid': 'commission-confirm' }}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} onFinish={add}>
          <Form.Item name="categoryId" label={t('commission.categoryPick')} extra={t('commission.categoryHelp')}>
            <TreeSelect
              data-testid="commission-category"
              allowClear
              treeDataSimpleMode={{ id: 'id', pId: 'pId' }}
              treeData={categories}
              loadData={loadChildren}
            />
          </Form.Item>
          <Form.Item
            name="ratePercent"
            label={t('commission.ratePercent')}
            rules={[{ required: true, type: 'number', min: 0, max: 100, message: t('commission.rateRule') }]}
          >
            <InputNumber min={0} max={100} precision={2} step={0.5} data-testid="commission-rate" />
          </Form.Item>
          <Form.Item name="validFrom" label={t('commission.validFrom')} rules={[{ required: true, ...dayRule }]}>
            <Input placeholder="YYYY-MM-DD" data-testid="commission-from" />
          </Form.Item>
          <Form.Item name="validTo" label={t('commission.validToOptional')} rules={[dayRule]}>
            <Input placeholder="YYYY-MM-DD" data-testid="commission-to" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={ending !== null}
        title={t('commission.endTitle')}
        okText={t('commission.end')}
        okButtonProps={{ loading: saving, 'data-testid': 'end-confirm' }}
        onCancel={() => setEnding(null)}
        onOk={() => endForm.submit()}
        destroyOnHidden
      >
        <Form form={endForm} layout="vertical" preserve={false} onFinish={end}>
          <Form.Item name="validTo" label={t('commission.lastDay')} rules={[{ required: true, ...dayRule }]}>
            <Input placeholder="YYYY-MM-DD" data-testid="end-date" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
