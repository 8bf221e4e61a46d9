/**
 * 库存 (supplier MANAGE_STOCK): the supplier's SKUs with available, held and low-stock, keyset paged
 * (all, or only low stock: `lowStockSkus`); set or change a SKU's stock with a reason
 * (`adjustStock`), and its audit trail — who, when, before → after, why — newest first, keyset paged
 * (`Stock.adjustments`).
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Drawer from 'antd/es/drawer';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Radio from 'antd/es/radio';
import Segmented from 'antd/es/segmented';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleStockSkusQuery, ConsoleStockAdjustmentsQuery } from '../../gql/graphql';
import { useMe } from '../../me';
import { Pager, useCursorPages } from '../../paging';

const StockSkusDocument = graphql(`
  query ConsoleStockSkus($supplierId: ID!, $first: Int, $after: String) {
    supplier(id: $supplierId) {
      id
      skus(first: $first, after: $after) {
        edges {
          node {
            ...ConsoleStockSku
          }
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  }
  fragment ConsoleStockSku on Sku {
    id
    code
    title
    kind
    stock {
      available
      reserved
      lowStock
      lowStockThreshold
      updatedAt
    }
  }
`);

const LowStockDocument = graphql(`
  query ConsoleLowStockSkus($first: Int, $after: String) {
    lowStockSkus(first: $first, after: $after) {
      edges {
        node {
          ...ConsoleStockSku
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const StockAdjustmentsDocument = graphql(`
  query ConsoleStockAdjustments($skuId: ID!, $first: Int, $after: String) {
    sku(id: $skuId) {
      id
      stock {
        adjustments(first: $first, after: $after) {
          edges {
            node {
              id
              createdAt
              actor
              mode
              delta
              availableBefore
              availableAfter
              reason
            }
          }
          pageInfo {
            endCursor
            hasNextPage
          }
        }
      }
    }
  }
`);

const AdjustStockDocument = graphql(`
  mutation ConsoleAdjustStock($input: AdjustStockInput!) {
    adjustStock(input: $input) {
      stock {
        available
      }
      adjustment {
        id
      }
    }
  }
`);

type SkuRow = NonNullable<ConsoleStockSkusQuery['supplier']>['skus']['edges'][number]['node'] & {
  code: string;
  title: string;
  kind: string;
  id: string;
  stock: { available: number; reserved: number; lowStock: boolean; lowStockThreshold: number };
};
type Adjustment = NonNullable<ConsoleStockAdjustmentsQuery['sku']>['stock']['adjustments']['edges'][number]['node'];

function History({ sku }: { sku: SkuRow }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  const pages = useCursorPages();
  const { data, loading, error } = useQuery(StockAdjustmentsDocument, { skuId: sku.id, first: 20, after: pages.after });
  const page = data?.sku.stock.adjustments;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`stock-audit-${sku.id}`}>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} />}
      <Table<Adjustment>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        columns={[
          { title: t('stock.when'), dataIndex: 'createdAt', render: (v: string) => time.format(new Date(v)) },
          { title: t('stock.who'), dataIndex: 'actor' },
          {
            title: t('stock.change'),
            key: 'change',
            render: (_, a) => `${a.availableBefore} → ${a.availableAfter} (${a.delta >= 0 ? '+' : ''}${a.delta})`,
          },
          { title: t('stock.reason'), dataIndex: 'reason' },
        ]}
      />
      <Pager
        pages={pages}
        hasNextPage={page?.pageInfo.hasNextPage}
        endCursor={page?.pageInfo.endCursor}
        loading={loading}
        testId="stock-history"
      />
    </Space>
  );
}

export default function Stock() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [view, setView] = useState<'all' | 'low'>('all');
  const pages = useCursorPages();
  const all = useQuery(StockSkusDocument, { supplierId: me.supplier?.id ?? '', first: 20, after: pages.after });
  const low = useQuery(LowStockDocument, { first: 20, after: pages.after });
  const page = view === 'all' ? all.data?.supplier.skus : low.data?.lowStockSkus;
  const current = view === 'all' ? all : low;
  const rows = (page?.edges.map((e) => e.node) ?? []) as SkuRow[];
  const [adjusting, setAdjusting] = useState<SkuRow | null>(null);
  const [history, setHistory] = useState<SkuRow | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  async function adjust(v: { mode: 'SET' | 'DELTA'; quantity: number; reason: string }) {
    if (!adjusting) return;
    setBusy(true);
    setProblem(null);
    try {
      const r = await request(AdjustStockDocument, {
        input: { skuId: adjusting.id, mode: v.mode, quantity: Number(v.quantity), reason: v.reason.trim() },
      });
      void message.success(t('stock.adjusted', { code: adjusting.code, available: r.adjustStock.stock.available }));
      setAdjusting(null);
      current.reload();
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-stock">
      <Typography.Title level={1}>{t('stock.title')}</Typography.Title>
      <Typography.Paragraph>{t('stock.intro')}</Typography.Paragraph>
      <Segmented<'all' | 'low'>
        aria-label={t('stock.view')}
        value={view}
        options={[
          { value: 'all', label: t('stock.all') },
          { value: 'low', label: t('stock.lowOnly') },
        ]}
        onChange={(v) => {
          setView(v);
          pages.reset();
        }}
        data-testid="stock-view"
      />
      {current.error && <Alert type="error" title={t('common.error', { message: current.error.message })} />}
      <Table<SkuRow>
        rowKey="id"
        loading={current.loading}
        dataSource={rows}
        pagination={false}
        onRow={(s) => ({ 'data-testid': `stock-row-${s.code}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('stock.code'), dataIndex: 'code' },
          { title: t('stock.sku'), dataIndex: 'title' },
          {
            title: t('stock.available'),
            key: 'available',
            render: (_, s) => (
              <Space>
                <span data-testid={`stock-available-${s.code}`}>{s.stock.available}</span>
                {s.stock.lowStock && <Tag color="red">{t('stock.low')}</Tag>}
              </Space>
            ),
          },
          { title: t('stock.reserved'), key: 'reserved', render: (_, s) => s.stock.reserved },
          { title: t('stock.threshold'), key: 'threshold', render: (_, s) => s.stock.lowStockThreshold },
          {
            title: t('stock.actions'),
            key: 'actions',
            render: (_, s) => (
              <Space>
                {s.kind === 'PHYSICAL' && (
                  <Button
                    size="small"
                    data-testid={`adjust-${s.code}`}
                    onClick={() => {
                      setProblem(null);
                      form.resetFields();
                      form.setFieldsValue({ mode: 'SET', quantity: s.stock.available });
                      setAdjusting(s);
                    }}
                  >
                    {t('stock.adjust')}
                  </Button>
                )}
                <Button size="small" data-testid={`history-${s.code}`} onClick={() => setHistory(s)}>
                  {t('stock.history')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Pager
        pages={pages}
        hasNextPage={page?.pageInfo.hasNextPage}
        endCursor={page?.pageInfo.endCursor}
        loading={current.loading}
        testId="stock"
      />
      <Modal
        open={!!adjusting}
        title={t('stock.adjustTitle', { code: adjusting?.code })}
        okText={t('stock.adjustConfirm')}
        okButtonProps={{ loading: busy, 'data-testid': 'adjust-confirm' } as never}
        onOk={() => form.submit()}
        onCancel={() => setAdjusting(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void adjust(v)}>
          <Form.Item name="mode" label={t('stock.mode')}>
            <Radio.Group>
              <Radio value="SET">{t('stock.set')}</Radio>
              <Radio value="DELTA">{t('stock.delta')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="quantity" label={t('stock.quantity')} rules={[{ required: true }]}>
            <InputNumber precision={0} data-testid="adjust-quantity" />
          </Form.Item>
          <Form.Item name="reason" label={t('stock.reason')} rules={[{ required: true, min: 2, max: 500 }]}>
            <Input data-testid="adjust-reason" />
          </Form.Item>
          {problem && <Alert type="error" title={problem} />}
        </Form>
      </Modal>
      <Drawer
        open={!!history}
        size="large"
        title={t('stock.historyTitle', { code: history?.code })}
        onClose={() => setHistory(null)}
        destroyOnHidden
      >
        {history && <History sku={history} />}
      </Drawer>
    </Space>
  );
}
