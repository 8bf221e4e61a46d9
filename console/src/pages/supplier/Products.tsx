/**
 * 商品与 SKU (supplier MANAGE_CATALOG): the supplier's SKUs, newest first, keyset paged (`Supplier.skus`,
 * an index range on the 2M-SKU pool); on/off sale from the list (`updateSku(status)`); the SKU
 * editor drawer: specs, supplier and list price (yuan; the API lets only supplier admins change
 * prices), weight, barcode, status, and its product's title and images by URL (`updateProduct`);
 * new products (`createProduct`: code, title, authorised brand, category) and new SKUs (`createSku`).
 * The API's `problems` are shown next to the fields they name. Above the SKUs, the product list with
 * filters and the product attribute editor (`ProductList`).
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
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Switch from 'antd/es/switch';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { NameValueList } from './NameValueList';
import { CategoriesDocument, CategoryCascader } from './CategoryCascader';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleSupplierSkusQuery } from '../../gql/graphql';
import { useMe } from '../../me';
import { Pager, useCursorPages } from '../../paging';
import { fenToYuan } from '../orders/format';
import { ProductList } from './ProductList';

const SupplierSkusDocument = graphql(`
  query ConsoleSupplierSkus($supplierId: ID!, $first: Int, $after: String) {
    supplier(id: $supplierId) {
      id
      skus(first: $first, after: $after) {
        edges {
          node {
            id
            code
            title
            kind
            status
            supplierPriceFen
            listPriceFen
            weightGrams
            barcode
            specs {
              name
              value
            }
            stock {
              available
            }
            product {
              id
              code
              title
              images
            }
          }
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  }
`);

const UpdateSkuDocument = graphql(`
  mutation ConsoleUpdateSku($input: UpdateSkuInput!) {
    updateSku(input: $input) {
      sku {
        id
        status
        supplierPriceFen
        listPriceFen
      }
    }
  }
`);

const CreateSkuDocument = graphql(`
  mutation ConsoleCreateSku($input: CreateSkuInput!) {
    createSku(input: $input) {
      sku {
        id
        code
      }
    }
  }
`);

const UpdateProductDocument = graphql(`
  mutation ConsoleUpdateProduct($input: UpdateProductInput!) {
    updateProduct(input: $input) {
      product {
        id
        title
        images
      }
    }
  }
`);

const CreateProductDocument = graphql(`
  mutation ConsoleCreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      product {
        id
        code
      }
    }
  }
`);

const BrandsDocument = graphql(`
  query ConsoleAuthorizedBrands($supplierId: ID!) {
    authorizedBrands(supplierId: $supplierId, first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

type SkuRow = NonNullable<ConsoleSupplierSkusQuery['supplier']>['skus']['edges'][number]['node'];

const yuanToFen = (v: unknown) => (v === null || v === undefined || v === '' ? undefined : Math.round(Number(v) * 100));
/** Image URLs, one a line. */
const urls = (v: unknown) =>
  String(v ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The API's problems as form errors on the fields they name (`input.specs` → specs). */
function showProblems(form: ReturnType<typeof Form.useForm>[0], e: unknown, fields: string[]): string | null {
  if (!(e instanceof ApiError)) return String(e);
  const named = e.problems
    .map((p) => ({ name: p.field.replace(/^input\./, '').replace(/Fen$/, 'Yuan'), errors: [p.message] }))
    .filter((p) => fields.includes(p.name));
  form.setFields(named);
  return named.length === e.problems.length && named.length > 0 ? null : e.message;
}

export default function Products() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const supplierId = me.supplier?.id ?? '';
  const pages = useCursorPages();
  const { data, error, loading, reload } = useQuery(SupplierSkusDocument, {
    supplierId,
    first: 20,
    after: pages.after,
  });
  const [editing, setEditing] = useState<SkuRow | 'new' | null>(null);
  const [creatingProduct, setCreatingProduct] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [skuForm] = Form.useForm();
  const [productForm] = Form.useForm();
  const brands = useQuery(BrandsDocument, { supplierId });
  const topCategories = useQuery(CategoriesDocument, { parentId: null });
  const [productsVersion, setProductsVersion] = useState(0);
  const rows = data?.supplier.skus.edges.map((e) => e.node) ?? [];

  async function setOnSale(sku: SkuRow, on: boolean) {
    try {
      await request(UpdateSkuDocument, { input: { skuId: sku.id, status: on ? 'ACTIVE' : 'INACTIVE' } });
      void message.success(t(on ? 'supplierProducts.nowOn' : 'supplierProducts.nowOff', { code: sku.code }));
      reload();
    } catch (e) {
      void message.error(t('common.error', { message: e instanceof Error ? e.message : String(e) }));
    }
  }

  function openEditor(sku: SkuRow | 'new') {
    setProblem(null);
    skuForm.resetFields();
    if (sku !== 'new')
      skuForm.setFieldsValue({
        supplierPriceYuan:
          sku.supplierPriceFen === null || sku.supplierPriceFen === undefined ? undefined : sku.supplierPriceFen / 100,
        listPriceYuan: sku.listPriceFen / 100,
        weightGrams: sku.weightGrams,
        barcode: sku.barcode ?? '',
        onSale: sku.status === 'ACTIVE',
        specs: sku.specs.map((s) => ({ name: s.name, value: s.value })),
        productTitle: sku.product.title,
        images: sku.product.images.join('\n'),
      });
    else skuForm.setFieldsValue({ onSale: true, specs: [] });
    setEditing(sku);
  }

  async function saveSku(v: Record<string, unknown>) {
    setBusy(true);
    setProblem(null);
    const specs = ((v.specs as { name?: string; value?: string }[] | undefined) ?? [])
      .filter((s) => s?.name || s?.value)
      .map((s) => ({ name: String(s.name ?? '').trim(), value: String(s.value ?? '').trim() }));
    try {
      if (editing === 'new') {
        await request(CreateSkuDocument, {
          input: {
            code: String(v.code ?? '').trim(),
            productCode: String(v.productCode ?? '').trim(),
            specs,
            supplierPriceFen: yuanToFen(v.supplierPriceYuan),
            listPriceFen: yuanToFen(v.listPriceYuan),
            weightGrams: v.weightGrams === undefined || v.weightGrams === null ? undefined : Number(v.weightGrams),
            barcode: v.barcode ? String(v.barcode) : undefined,
            initialStock: v.initialStock === undefined || v.initialStock === null ? undefined : Number(v.initialStock),
            status: v.onSale === false ? 'INACTIVE' : 'ACTIVE',
          },
        });
      } else if (editing) {
        const sku = editing;
        const supplierPriceFen = yuanToFen(v.supplierPriceYuan);
        const listPriceFen = yuanToFen(v.listPriceYuan);
        await request(UpdateSkuDocument, {
          input: {
            skuId: sku.id,
            specs,
            // Only what changed: staff may save the rest without touching prices.
            ...(supplierPriceFen !== undefined && supplierPriceFen !== sku.supplierPriceFen
              ? { supplierPriceFen }
              : {}),
            ...(listPriceFen !== undefined && listPriceFen !== sku.listPriceFen ? { listPriceFen } : {}),
            weightGrams: v.weightGrams === undefined || v.weightGrams === null ? undefined : Number(v.weightGrams),
            ...(v.barcode ? { barcode: String(v.barcode) } : {}),
            status: v.onSale === false ? 'INACTIVE' : 'ACTIVE',
          },
        });
        const images = urls(v.images);
        const title = String(v.productTitle ?? '').trim();
        if (title !== sku.product.title || images.join('\n') !== sku.product.images.join('\n'))
          await request(UpdateProductDocument, { input: { productId: sku.product.id, title, images } });
      }
      void message.success(t('supplierProducts.saved'));
      setEditing(null);
      reload();
    } catch (e) {
      setProblem(
        showProblems(skuForm, e, [
          'code',
          'productCode',
          'specs',
          'supplierPriceYuan',
          'listPriceYuan',
          'weightGrams',
          'barcode',
          'images',
          'title',
        ]),
      );
    } finally {
      setBusy(false);
    }
  }

  async function saveProduct(v: Record<string, unknown>) {
    setBusy(true);
    setProblem(null);
    try {
      const path = (v.category as string[] | undefined) ?? [];
      await request(CreateProductDocument, {
        input: {
          code: String(v.code ?? '').trim(),
          title: String(v.title ?? '').trim(),
          brandId: String(v.brandId),
          categoryId: String(path[path.length - 1] ?? ''),
          images: urls(v.images),
          description: v.description ? String(v.description) : undefined,
        },
      });
      void message.success(t('supplierProducts.productCreated'));
      setCreatingProduct(false);
      setProductsVersion((n) => n + 1);
    } catch (e) {
      setProblem(showProblems(productForm, e, ['code', 'title', 'brandId', 'images', 'description']));
    } finally {
      setBusy(false);
    }
  }

  const isNew = editing === 'new';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-supplier-products">
      <Typography.Title level={1}>{t('supplierProducts.title')}</Typography.Title>
      <Typography.Paragraph>{t('supplierProducts.intro')}</Typography.Paragraph>
      <Space wrap>
        <Button
          data-testid="new-product"
          onClick={() => {
            setProblem(null);
            productForm.resetFields();
            setCreatingProduct(true);
          }}
        >
          {t('supplierProducts.newProduct')}
        </Button>
        <Button type="primary" data-testid="new-sku" onClick={() => openEditor('new')}>
          {t('supplierProducts.newSku')}
        </Button>
      </Space>
      <ProductList
        brands={(brands.data?.authorizedBrands.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.name }))}
        topCategories={(topCategories.data?.categories ?? []).map((c) => ({ value: c.id, label: c.name }))}
        version={productsVersion}
      />
      <Typography.Title level={2}>{t('supplierProducts.skuList')}</Typography.Title>
      {error && <Alert type="error" title={t('common.error', { message: error.message })} />}
      <Table<SkuRow>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={false}
        onRow={(s) => ({ 'data-testid': `sku-row-${s.code}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('supplierProducts.code'), dataIndex: 'code' },
          { title: t('supplierProducts.sku'), dataIndex: 'title' },
          {
            title: t('supplierProducts.kind'),
            dataIndex: 'kind',
            render: (k: string) => <Tag>{t(`supplierProducts.kinds.${k}`)}</Tag>,
          },
          {
            title: t('supplierProducts.supplierPrice'),
            key: 'sp',
            render: (_, s) => (
              <span data-testid={`sku-price-${s.code}`}>
                {s.supplierPriceFen === null || s.supplierPriceFen === undefined
                  ? '—'
                  : `¥${fenToYuan(s.supplierPriceFen)}`}
              </span>
            ),
          },
          { title: t('supplierProducts.listPrice'), key: 'lp', render: (_, s) => `¥${fenToYuan(s.listPriceFen)}` },
          { title: t('supplierProducts.available'), key: 'av', render: (_, s) => s.stock.available },
          {
            title: t('supplierProducts.onSale'),
            key: 'status',
            render: (_, s) => (
              <Switch
                checked={s.status === 'ACTIVE'}
                aria-label={t('supplierProducts.onSaleOf', { code: s.code })}
                data-testid={`sku-on-sale-${s.code}`}
                onChange={(on) => void setOnSale(s, on)}
              />
            ),
          },
          {
            title: t('supplierProducts.actions'),
            key: 'actions',
            render: (_, s) => (
              <Button size="small" data-testid={`edit-sku-${s.code}`} onClick={() => openEditor(s)}>
                {t('supplierProducts.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Pager
        pages={pages}
        hasNextPage={data?.supplier.skus.pageInfo.hasNextPage}
        endCursor={data?.supplier.skus.pageInfo.endCursor}
        loading={loading}
        testId="skus"
      />
      <Drawer
        open={editing !== null}
        size="large"
        title={isNew ? t('supplierProducts.newSku') : t('supplierProducts.editTitle', { code: editing?.code })}
        onClose={() => setEditing(null)}
        destroyOnHidden
        extra={
          <Button type="primary" loading={busy} data-testid="sku-save" onClick={() => skuForm.submit()}>
            {t('supplierProducts.save')}
          </Button>
        }
      >
        <Form form={skuForm} layout="vertical" onFinish={(v) => void saveSku(v as Record<string, unknown>)}>
          {isNew && (
            <>
              <Form.Item name="code" label={t('supplierProducts.code')} rules={[{ required: true, max: 64 }]}>
                <Input data-testid="sku-code" />
              </Form.Item>
              <Form.Item name="productCode" label={t('supplierProducts.productCode')} rules={[{ required: true }]}>
                <Input data-testid="sku-product-code" />
              </Form.Item>
              <Form.Item name="initialStock" label={t('supplierProducts.initialStock')}>
                <InputNumber min={0} precision={0} data-testid="sku-initial-stock" />
              </Form.Item>
            </>
          )}
          {!isNew && (
            <>
              <Form.Item
                name="productTitle"
                label={t('supplierProducts.productTitle')}
                rules={[{ required: true, max: 200 }]}
              >
                <Input data-testid="product-title" />
              </Form.Item>
              <Form.Item name="images" label={t('supplierProducts.images')} extra={t('supplierProducts.imagesHint')}>
                <Input.TextArea rows={3} data-testid="product-images" />
              </Form.Item>
            </>
          )}
          <Form.Item name="supplierPriceYuan" label={t('supplierProducts.supplierPriceYuan')}>
            <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="sku-supplier-price" />
          </Form.Item>
          <Form.Item name="listPriceYuan" label={t('supplierProducts.listPriceYuan')}>
            <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="sku-list-price" />
          </Form.Item>
          <Form.Item name="weightGrams" label={t('supplierProducts.weight')}>
            <InputNumber min={0} precision={0} data-testid="sku-weight" />
          </Form.Item>
          <Form.Item name="barcode" label={t('supplierProducts.barcode')}>
            <Input data-testid="sku-barcode" />
          </Form.Item>
          <Form.Item name="onSale" label={t('supplierProducts.onSale')} valuePropName="checked">
            <Switch data-testid="sku-editor-on-sale" />
          </Form.Item>
          <Typography.Text strong>{t('supplierProducts.specs')}</Typography.Text>
          <NameValueList
            name="specs"
            kind="spec"
            labels={{
              name: t('supplierProducts.specName'),
              value: t('supplierProducts.specValue'),
              remove: t('supplierProducts.removeSpec'),
              add: t('supplierProducts.addSpec'),
            }}
          />
          {problem && <Alert type="error" title={problem} data-testid="sku-problem" />}
        </Form>
      </Drawer>
      <Modal
        open={creatingProduct}
        title={t('supplierProducts.newProduct')}
        okText={t('supplierProducts.save')}
        okButtonProps={{ loading: busy, 'data-testid': 'product-save' } as never}
        onOk={() => productForm.submit()}
        onCancel={() => setCreatingProduct(false)}
        destroyOnHidden
      >
        <Form form={productForm} layout="vertical" onFinish={(v) => void saveProduct(v as Record<string, unknown>)}>
          <Form.Item name="code" label={t('supplierProducts.productCode')} rules={[{ required: true, max: 64 }]}>
            <Input data-testid="new-product-code" />
          </Form.Item>
          <Form.Item name="title" label={t('supplierProducts.productTitle')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="new-product-title" />
          </Form.Item>
          <Form.Item name="brandId" label={t('supplierProducts.brand')} rules={[{ required: true }]}>
            <Select
              data-testid="new-product-brand"
              options={(brands.data?.authorizedBrands.edges ?? []).map((e) => ({
                value: e.node.id,
                label: e.node.name,
              }))}
            />
          </Form.Item>
          <Form.Item name="category" label={t('supplierProducts.category')} rules={[{ required: true }]}>
            <CategoryCascader data-testid="new-product-category" />
          </Form.Item>
          <Form.Item name="images" label={t('supplierProducts.images')} extra={t('supplierProducts.imagesHint')}>
            <Input.TextArea rows={3} data-testid="new-product-images" />
          </Form.Item>
          <Form.Item name="description" label={t('supplierProducts.description')}>
            <Input.TextArea rows={4} />
          </Form.Item>
          {problem && <Alert type="error" title={problem} />}
        </Form>
      </Modal>
    </Space>
  );
}
