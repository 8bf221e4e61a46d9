/**
 * The supplier's products (商品), newest first, keyset paged (`supplierProducts`): filtered by words
 * in the title or code, brand, category (with its descendants) and sale status, each with its SKU
 * count and how many are on sale (one DataLoader statement for the page). The product editor drawer
 * changes the title, brand (among the supplier's authorised brands), category, description, image
 * URLs and attributes (`updateProduct`; problems next to their fields) and lists the product's SKUs.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Drawer from 'antd/es/drawer';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { NameValueList } from './NameValueList';
import { CategoryCascader } from './CategoryCascader';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleSupplierProductsQuery, ProductSaleStatus } from '../../gql/graphql';
import { Pager, useCursorPages, useReloadOn } from '../../paging';

const SupplierProductsDocument = graphql(`
  query ConsoleSupplierProducts($filter: ProductFilter, $first: Int, $after: String) {
    supplierProducts(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          code
          title
          description
          images
          attributes {
            name
            value
          }
          brand {
            id
            name
          }
          category {
            id
            name
          }
          skuCount
          skusOnSale
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const ProductSkusDocument = graphql(`
  query ConsoleProductSkus($id: ID!) {
    product(id: $id) {
      id
      skus {
        id
        code
        title
        status
        stock {
          available
        }
      }
    }
  }
`);

const SaveProductDocument = graphql(`
  mutation ConsoleSaveProduct($input: UpdateProductInput!) {
    updateProduct(input: $input) {
      product {
        id
        title
      }
    }
  }
`);

type ProductRow = ConsoleSupplierProductsQuery['supplierProducts']['edges'][number]['node'];

const FIELDS = ['title', 'brandId', 'category', 'description', 'images', 'attributes'];

export function ProductList({
  brands,
  topCategories,
  version,
}: {
  brands: { value: string; label: string }[];
  topCategories: { value: string; label: string }[];
  /** Bumped by the page after it creates a product. */
  version: number;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pages = useCursorPages();
  const [text, setText] = useState('');
  const [brandId, setBrandId] = useState<string | undefined>();
  const [categoryId, setCategoryId] = useState<string | undefined>();
  const [status, setStatus] = useState<ProductSaleStatus | undefined>();
  const filter = { text: text || undefined, brandId, categoryId, status };
  const { data, error, loading, reload } = useQuery(SupplierProductsDocument, {
    filter,
    first: 20,
    after: pages.after,
  });
  useReloadOn(version, reload);
  const [editing, setEditing] = useState<ProductRow | null>(null);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const rows = data?.supplierProducts.edges.map((e) => e.node) ?? [];

  function open(p: ProductRow) {
    setProblem(null);
    form.resetFields();
    form.setFieldsValue({
      title: p.title,
      brandId: p.brand.id,
      description: p.description,
      images: p.images.join('\n'),
      attributes: p.attributes.map((a) => ({ name: a.name, value: a.value })),
    });
    setEditing(p);
  }

  async function save(v: Record<string, unknown>) {
    if (!editing) return;
    setBusy(true);
    setProblem(null);
    const path = (v.category as string[] | undefined) ?? [];
    const attributes = ((v.attributes as { name?: string; value?: string }[] | undefined) ?? [])
      .filter((a) => a?.name || a?.value)
      .map((a) => ({ name: String(a.name ?? '').trim(), value: String(a.value ?? '').trim() }));
    try {
      await request(SaveProductDocument, {
        input: {
          productId: editing.id,
          title: String(v.title ?? '').trim(),
          brandId: String(v.brandId),
          ...(path.length ? { categoryId: String(path[path.length - 1]) } : {}),
          description: String(v.description ?? ''),
          images: String(v.images ?? '')
            .split(/\r?\n/)
            .map((s) => s.trim())
            .filter(Boolean),
          attributes,
        },
      });
      void message.success(t('supplierProducts.saved'));
      setEditing(null);
      reload();
    } catch (e) {
      if (!(e instanceof ApiError)) setProblem(String(e));
      else {
        const named = e.problems
          .map((p) => ({ name: p.field.replace(/^input\./, '').replace(/Id$/, 'Id'), errors: [p.message] }))
          .map((p) => (p.name === 'categoryId' ? { ...p, name: 'category' } : p))
          .filter((p) => FIELDS.includes(p.name));
        form.setFields(named);
        setProblem(named.length === e.problems.length && named.length > 0 ? null : e.message);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="product-list">
      <Typography.Title level={2}>{t('supplierProducts.products')}</Typography.Title>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('supplierProducts.searchProducts')}
          aria-label={t('supplierProducts.searchProducts')}
          data-testid="products-text"
          style={{ width: 240 }}
          onSearch={(v) => {
            setText(v.trim());
            pages.reset();
          }}
        />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('supplierProducts.brand')}
          aria-label={t('supplierProducts.brand')}
          data-testid="products-brand"
          options={brands}
          value={brandId}
          onChange={(v: string | undefined) => {
            setBrandId(v);
            pages.reset();
          }}
        />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('supplierProducts.category')}
          aria-label={t('supplierProducts.category')}
          data-testid="products-category"
          options={topCategories}
          value={categoryId}
          onChange={(v: string | undefined) => {
            setCategoryId(v);
            pages.reset();
          }}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('supplierProducts.saleStatus')}
          aria-label={t('supplierProducts.saleStatus')}
          data-testid="products-status"
          value={status}
          options={(['ON_SALE', 'OFF_SALE'] as const).map((s) => ({
            value: s,
            label: t(`supplierProducts.saleStatuses.${s}`),
          }))}
          onChange={(v: ProductSaleStatus | undefined) => {
            setStatus(v);
            pages.reset();
          }}
        />
      </Space>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} />}
      <Table<ProductRow>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={false}
        onRow={(p) => ({ 'data-testid': `product-row-${p.code}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('supplierProducts.productCode'), dataIndex: 'code' },
          { title: t('supplierProducts.productTitle'), dataIndex: 'title' },
          { title: t('supplierProducts.brand'), key: 'brand', render: (_, p) => p.brand.name },
          { title: t('supplierProducts.category'), key: 'category', render: (_, p) => p.category.name },
          {
            title: t('supplierProducts.skuCount'),
            key: 'skus',
            render: (_, p) => <span data-testid={`product-skus-${p.code}`}>{p.skuCount}</span>,
          },
          {
            title: t('supplierProducts.onSaleCount'),
            key: 'onSale',
            render: (_, p) => <span data-testid={`product-on-sale-${p.code}`}>{p.skusOnSale}</span>,
          },
          {
            title: t('supplierProducts.actions'),
            key: 'actions',
            render: (_, p) => (
              <Button size="small" data-testid={`edit-product-${p.code}`} onClick={() => open(p)}>
                {t('supplierProducts.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Pager
        pages={pages}
        hasNextPage={data?.supplierProducts.pageInfo.hasNextPage}
        endCursor={data?.supplierProducts.pageInfo.endCursor}
        loading={loading}
        testId="products"
      />
      <Drawer
        open={editing !== null}
        size="large"
        title={t('supplierProducts.editProduct', { code: editing?.code })}
        onClose={() => setEditing(null)}
        destroyOnHidden
        extra={
          <Button type="primary" loading={busy} data-testid="product-editor-save" onClick={() => form.submit()}>
            {t('supplierProducts.save')}
          </Button>
        }
      >
        <Form form={form} layout="vertical" onFinish={(v) => void save(v as Record<string, unknown>)}>
          <Form.Item name="title" label={t('supplierProducts.productTitle')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="product-editor-title" />
          </Form.Item>
          <Form.Item name="brandId" label={t('supplierProducts.brand')} rules={[{ required: true }]}>
            <Select data-testid="product-editor-brand" options={brands} />
          </Form.Item>
          <Form.Item
            name="category"
            label={t('supplierProducts.category')}
            extra={t('supplierProducts.categoryNow', { name: editing?.category.name ?? '' })}
          >
            <CategoryCascader data-testid="product-editor-category" />
          </Form.Item>
          <Form.Item name="description" label={t('supplierProducts.description')}>
            <Input.TextArea rows={4} data-testid="product-editor-description" />
          </Form.Item>
          <Form.Item name="images" label={t('supplierProducts.images')} extra={t('supplierProducts.imagesHint')}>
            <Input.TextArea rows={3} data-testid="product-editor-images" />
          </Form.Item>
          <Typography.Text strong>{t('supplierProducts.attributes')}</Typography.Text>
          <NameValueList
            name="attributes"
            kind="attribute"
            labels={{
              name: t('supplierProducts.attributeName'),
              value: t('supplierProducts.attributeValue'),
              remove: t('supplierProducts.removeAttribute'),
              add: t('supplierProducts.addAttribute'),
            }}
          />
          {problem && <Alert type="error" title={problem} data-testid="product-editor-problem" />}
        </Form>
        <Typography.Title level={3}>{t('supplierProducts.productSkus')}</Typography.Title>
        {editing && <ProductSkus productId={editing.id} />}
      </Drawer>
    </Space>
  );
}

/** The product's SKUs in the editor (a product has a few dozen at most: one bounded list). */
function ProductSkus({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const skus = useQuery(ProductSkusDocument, { id: productId });
  return (
    <Table
      rowKey="id"
      size="small"
      data-testid="product-editor-skus"
      loading={skus.loading}
      pagination={false}
      dataSource={skus.data?.product.skus ?? []}
      onRow={(s) => ({ 'data-testid': `product-sku-${s.code}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('supplierProducts.code'), dataIndex: 'code' },
        { title: t('supplierProducts.sku'), dataIndex: 'title' },
        {
          title: t('supplierProducts.onSale'),
          key: 'status',
          render: (_, s) => (
            <Tag color={s.status === 'ACTIVE' ? 'green' : undefined}>
              {t(`supplierProducts.saleStatuses.${s.status === 'ACTIVE' ? 'ON_SALE' : 'OFF_SALE'}`)}
            </Tag>
          ),
        },
        { title: t('supplierProducts.available'), key: 'av', render: (_, s) => s.stock.available },
      ]}
    />
  );
}
