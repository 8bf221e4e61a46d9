/**
 * The shared pool: search with filters (category tree, brand, supplier, price band, kind, in stock),
 * keyset pages, a preview drawer, and adding to the mall singly or in bulk (the rows chosen, or every
 * SKU matching the filter).
 */
import { useEffect, useMemo, useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Checkbox from 'antd/es/checkbox';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import TreeSelect from 'antd/es/tree-select';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { request, useQuery } from '../../api';
import type { ConsoleCurationPoolQuery, PoolSort, SkuKind, SkuPoolFilter } from '../../gql/graphql';
import { AddOneDialog, BulkAddDialog, type PoolPick } from './AddDialogs';
import { MAX_ALL_MATCHING } from './batch';
import type { CurationBank } from './fields';
import {
  CurationBrandsDocument,
  CurationCategoriesDocument,
  CurationPoolDocument,
  CurationSuppliersDocument,
} from './operations';
import { yuan } from './pricing';
import { SkuPreview } from './SkuPreview';

type PoolSku = ConsoleCurationPoolQuery['poolSkus']['edges'][number]['node'];
const PAGE_SIZE = 20;

interface FilterForm {
  text?: string;
  categoryId?: string;
  brandIds?: string[];
  supplierIds?: string[];
  minYuan?: number | null;
  maxYuan?: number | null;
  kind?: SkuKind;
  inStockOnly?: boolean;
  sort?: PoolSort;
}

interface TreeNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf?: boolean;
}

function toFilter(v: FilterForm): SkuPoolFilter {
  const f: SkuPoolFilter = {};
  if (v.text?.trim()) f.text = v.text.trim();
  if (v.categoryId) f.categoryId = v.categoryId;
  if (v.brandIds?.length) f.brandIds = v.brandIds;
  if (v.supplierIds?.length) f.supplierIds = v.supplierIds;
  if (v.minYuan != null) f.minSupplierPriceFen = Math.round(v.minYuan * 100);
  if (v.maxYuan != null) f.maxSupplierPriceFen = Math.round(v.maxYuan * 100);
  if (v.kind) f.kind = v.kind;
  if (v.inStockOnly) f.inStockOnly = true;
  return f;
}

export function PoolTab({ bank, mallId, onListed }: { bank: CurationBank; mallId: string; onListed: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterForm>();
  const [filter, setFilter] = useState<SkuPoolFilter>({});
  const [sort, setSort] = useState<PoolSort>('NEWEST');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const { data, error, loading } = useQuery(CurationPoolDocument, { filter, sort, first: PAGE_SIZE, after });
  const page = data?.poolSkus;
  const skus = useMemo(() => page?.edges.map((e) => e.node) ?? [], [page]);

  /** Chosen rows across pages, with what the bulk dialog needs of each. */
  const [chosen, setChosen] = useState<Map<string, PoolPick>>(new Map());
  const [allMatching, setAllMatching] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const [adding, setAdding] = useState<PoolSku | null>(null);
  const [bulk, setBulk] = useState(false);

  // Category tree, a level at a time.
  const [tree, setTree] = useState<TreeNode[]>([]);
  useEffect(() => {
    void request(CurationCategoriesDocument, {}).then((d) =>
      setTree(d.categories.map((c) => ({ id: c.id, pId: null, value: c.id, title: c.name }))),
    );
  }, []);
  const loadChildren = async (dataNode: unknown) => {
    const node = dataNode as { id?: string };
    if (!node.id) return;
    const d = await request(CurationCategoriesDocument, { parentId: node.id });
    setTree((old) => {
      const marked = old.map((n) => (n.id === node.id && !d.categories.length ? { ...n, isLeaf: true } : n));
      return [
        ...marked,
        ...d.categories
          .filter((c) => !old.some((n) => n.id === c.id))
          .map((c) => ({ id: c.id, pId: node.id!, value: c.id, title: c.name })),
      ];
    });
  };

  const { data: brandData } = useQuery(CurationBrandsDocument, { first: 100 });
  const { data: supplierData } = useQuery(CurationSuppliersDocument, { first: 100 });

  const search = (v: FilterForm) => {
    setFilter(toFilter(v));
    setSort(v.sort ?? 'NEWEST');
    setCursors([null]);
    setChosen(new Map());
    setAllMatching(false);
  };

  const selectedKeys = allMatching ? skus.map((s) => s.id) : [...chosen.keys()];
  const pickOf = (s: PoolSku): PoolPick => ({ id: s.id, title: s.title, supplierPriceFen: s.supplierPriceFen ?? 0 });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Form
          form={form}
          layout="inline"
          onFinish={search}
          initialValues={{ sort: 'NEWEST' }}
          aria-label={t('curation.searchPool')}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="text" label={t('curation.text')}>
            <Input maxLength={100} allowClear data-testid="pool-text" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="categoryId" label={t('curation.category')}>
            <TreeSelect
              treeDataSimpleMode
              treeData={tree}
              loadData={loadChildren}
              allowClear
              style={{ width: 180 }}
              data-testid="pool-category"
            />
          </Form.Item>
          <Form.Item name="brandIds" label={t('curation.brand')}>
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              style={{ minWidth: 160 }}
              data-testid="pool-brand"
              options={brandData?.brands.edges.map((e) => ({ value: e.node.id, label: e.node.name })) ?? []}
            />
          </Form.Item>
          <Form.Item name="supplierIds" label={t('curation.supplier')}>
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              style={{ minWidth: 160 }}
              data-testid="pool-supplier"
              options={supplierData?.suppliers.edges.map((e) => ({ value: e.node.id, label: e.node.name })) ?? []}
            />
          </Form.Item>
          <Form.Item label={t('curation.priceBand')}>
            <Space.Compact>
              <Form.Item name="minYuan" noStyle>
                <InputNumber
                  min={0}
                  precision={2}
                  aria-label={t('curation.minPrice')}
                  placeholder={t('curation.min')}
                />
              </Form.Item>
              <Form.Item name="maxYuan" noStyle>
                <InputNumber
                  min={0}
                  precision={2}
                  aria-label={t('curation.maxPrice')}
                  placeholder={t('curation.max')}
                />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
          <Form.Item name="kind" label={t('curation.kind')}>
            <Select
              allowClear
              style={{ width: 110 }}
              data-testid="pool-kind"
              options={(['PHYSICAL', 'VIRTUAL'] as const).map((k) => ({
                value: k,
                label: t(`curation.kindName.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="inStockOnly" valuePropName="checked">
            <Checkbox data-testid="pool-in-stock">{t('curation.inStockOnly')}</Checkbox>
          </Form.Item>
          <Form.Item name="sort" label={t('curation.sort')}>
            <Select
              style={{ width: 130 }}
              options={(['NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'TITLE'] as const).map((s) => ({
                value: s,
                label: t(`curation.sortName.${s}`),
              }))}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="pool-search">
              {t('curation.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                search({});
              }}
              data-testid="pool-reset"
            >
              {t('curation.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Space wrap>
        <Typography.Text data-testid="pool-selected">
          {allMatching
            ? t('curation.allMatchingChosen', { max: MAX_ALL_MATCHING.toLocaleString() })
            : t('curation.chosen', { count: chosen.size })}
        </Typography.Text>
        <Button
          onClick={() => {
            setAllMatching(true);
            setChosen(new Map());
          }}
          disabled={allMatching || skus.length === 0}
          data-testid="pool-select-all-matching"
        >
          {t('curation.selectAllMatching')}
        </Button>
        <Button
          onClick={() => {
            setAllMatching(false);
            setChosen(new Map());
          }}
          disabled={!allMatching && chosen.size === 0}
        >
          {t('curation.clearSelection')}
        </Button>
        <Button
          type="primary"
          disabled={!allMatching && chosen.size === 0}
          onClick={() => setBulk(true)}
          data-testid="pool-bulk-add"
        >
          {t('curation.bulkAdd')}
        </Button>
      </Space>
      <Table<PoolSku>
        rowKey="id"
        size="middle"
        loading={loading}
        pagination={false}
        dataSource={skus}
        locale={{ emptyText: t('curation.poolEmpty') }}
        data-testid="pool-table"
        rowSelection={{
          selectedRowKeys: selectedKeys,
          getCheckboxProps: (s) => ({ disabled: allMatching, 'aria-label': t('curation.choose', { title: s.title }) }),
          onChange: (_keys, _rows, info) => {
            if (info.type === 'all' || info.type === 'none' || info.type === 'multiple' || info.type === 'single') {
              setChosen((old) => {
                const next = new Map(old);
                const keys = new Set(_keys.map(String));
                for (const s of skus) {
                  if (keys.has(s.id)) next.set(s.id, pickOf(s));
                  else next.delete(s.id);
                }
                return next;
              });
            }
          },
        }}
        columns={[
          {
            title: t('curation.sku'),
            key: 'title',
            render: (_, s) => (
              <Button type="link" onClick={() => setPreview(s.id)} data-testid={`preview-${s.id}`}>
                {s.title}
              </Button>
            ),
          },
          { title: t('curation.brand'), key: 'brand', render: (_, s) => s.brand.name },
          { title: t('curation.category'), key: 'category', render: (_, s) => s.category.name },
          { title: t('curation.supplier'), key: 'supplier', render: (_, s) => s.supplier.name },
          {
            title: t('curation.kind'),
            dataIndex: 'kind',
            render: (k: SkuKind) => <Tag>{t(`curation.kindName.${k}`)}</Tag>,
          },
          {
            title: t('curation.cost'),
            dataIndex: 'supplierPriceFen',
            align: 'right',
            render: (v: number | null) => (v == null ? '—' : `¥${yuan(v)}`),
          },
          {
            title: t('curation.listPrice'),
            dataIndex: 'listPriceFen',
            align: 'right',
            render: (v: number) => `¥${yuan(v)}`,
          },
          { title: t('curation.stock'), key: 'stock', align: 'right', render: (_, s) => s.stock.available },
          {
            title: t('curation.actions'),
            key: 'actions',
            render: (_, s) => (
              <Button size="small" onClick={() => setAdding(s)} data-testid={`add-${s.id}`}>
                {t('curation.add')}
              </Button>
            ),
          },
        ]}
      />
      <Space>
        <Button
          disabled={cursors.length <= 1 || loading}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          data-testid="pool-previous"
        >
          {t('curation.previous')}
        </Button>
        <Typography.Text data-testid="pool-page">{t('curation.page', { page: cursors.length })}</Typography.Text>
        <Button
          disabled={!page?.pageInfo.hasNextPage || loading}
          onClick={() => page?.pageInfo.endCursor && setCursors((c) => [...c, page.pageInfo.endCursor!])}
          data-testid="pool-next"
        >
          {t('curation.next')}
        </Button>
      </Space>
      <SkuPreview skuId={preview} onClose={() => setPreview(null)} />
      {adding && (
        <AddOneDialog
          bank={bank}
          mallId={mallId}
          sku={pickOf(adding)}
          onClose={(listed) => {
            setAdding(null);
            if (listed) onListed();
          }}
        />
      )}
      {bulk && (
        <BulkAddDialog
          bank={bank}
          mallId={mallId}
          picks={allMatching ? null : [...chosen.values()]}
          filter={filter}
          onClose={(listed) => {
            setBulk(false);
            if (listed) {
              setChosen(new Map());
              setAllMatching(false);
              onListed();
            }
          }}
        />
      )}
    </Space>
  );
}
