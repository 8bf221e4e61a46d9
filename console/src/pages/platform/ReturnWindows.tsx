/**
 * Category return windows (退货期限, platform MANAGE_SUPPLIERS): the shared category tree, a level at a
 * time (`categoryLevel(parentId)`: the first 100 when a category is opened, the next 100 with "load
 * more"; category-levels.tsx), with each category's return window —
 * days after delivery within which its goods may be returned, 0 for none, or the platform default —
 * and `setCategoryReturnPolicy` to change it. Later orders take the new window; a window is not
 * inherited by subcategories (catalog README).
 */
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Radio from 'antd/es/radio';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import { graphql } from '../../gql';
import type { ConsoleReturnWindowLevelQuery } from '../../gql/graphql';
import { LoadMore, ROOT, isMore, levelPagesOf, useCategoryLevels, type TreeRow } from './category-levels';

const LevelDocument = graphql(`
  query ConsoleReturnWindowLevel($parentId: ID, $first: Int, $after: String) {
    categoryLevel(parentId: $parentId, first: $first, after: $after) {
      edges {
        node {
          id
          name
          path
          returnDays
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const SetReturnPolicyDocument = graphql(`
  mutation ConsoleSetCategoryReturnPolicy($input: SetCategoryReturnPolicyInput!) {
    setCategoryReturnPolicy(input: $input) {
      category {
        id
        returnDays
      }
    }
  }
`);

type Category = ConsoleReturnWindowLevelQuery['categoryLevel']['edges'][number]['node'];
/** A row of the tree: children not yet loaded are an empty list, so the row can still be opened. */
type Row = TreeRow<Category>;
type Policy = 'DEFAULT' | 'NONE' | 'DAYS';

const levelPage = levelPagesOf(LevelDocument);

export default function ReturnWindows() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { error, load, update, tree, asked, rootLoading } = useCategoryLevels<Category>(levelPage);
  const [editing, setEditing] = useState<Category | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ policy: Policy; days?: number }>();
  const policy = Form.useWatch('policy', form);
  useEffect(() => void load(ROOT), [load]);
  const loadMore = useCallback((parent: string) => void load(parent, true), [load]);

  const save = async ({ policy: p, days }: { policy: Policy; days?: number }) => {
    if (!editing) return;
    setSaving(true);
    try {
      const returnDays = p === 'DEFAULT' ? null : p === 'NONE' ? 0 : (days ?? 0);
      const { setCategoryReturnPolicy: saved } = await request(SetReturnPolicyDocument, {
        input: { categoryId: editing.id, returnDays },
      });
      // Only its own row changes: the table shows each category's own setting (a subcategory without
      // one inherits its nearest ancestor's when an order is placed, which the page does not repeat).
      update((c) => (c.id === saved.category.id ? { ...c, returnDays: saved.category.returnDays } : c));
      void message.success(t('returnWindows.saved', { name: editing.name }));
      setEditing(null);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const windowOf = (days: number | null | undefined) =>
    days == null ? (
      <Tag>{t('returnWindows.default')}</Tag>
    ) : days === 0 ? (
      <Tag color="red">{t('returnWindows.none')}</Tag>
    ) : (
      t('returnWindows.days', { count: days })
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-return-windows">
      <Typography.Title level={1}>{t('returnWindows.title')}</Typography.Title>
      <Typography.Paragraph>{t('returnWindows.intro')}</Typography.Paragraph>
      {error && <Alert type="error" title={t('common.error', { message: error })} role="alert" />}
      <Table<Row>
        rowKey="id"
        loading={rootLoading && !error}
        pagination={false}
        dataSource={tree(ROOT) ?? []}
        data-testid="categories-table"
        onRow={(c) => ({ 'data-testid': `category-${c.id}` }) as HTMLAttributes<HTMLElement>}
        expandable={{
          rowExpandable: (c) => !isMore(c),
          onExpand: (expanded, c) => {
            if (expanded && !isMore(c) && !asked(c.id)) void load(c.id);
          },
        }}
        columns={[
          {
            title: t('returnWindows.category'),
            key: 'name',
            render: (_, c) => (isMore(c) ? <LoadMore row={c} onLoad={loadMore} /> : c.name),
          },
          { title: t('returnWindows.id'), key: 'id', render: (_, c) => (isMore(c) ? null : c.id) },
          {
            title: t('returnWindows.window'),
            key: 'window',
            render: (_, c) =>
              isMore(c) ? null : <span data-testid={`return-days-${c.id}`}>{windowOf(c.returnDays)}</span>,
          },
          {
            title: t('returnWindows.actions'),
            key: 'actions',
            render: (_, c) =>
              isMore(c) ? null : (
                <Button
                  size="small"
                  data-testid={`edit-return-${c.id}`}
                  aria-label={t('returnWindows.editLabel', { name: c.name })}
                  onClick={() => setEditing(c)}
                >
                  {t('returnWindows.edit')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing && t('returnWindows.editTitle', { name: editing.name })}
        okText={t('returnWindows.save')}
        okButtonProps={{ loading: saving, 'data-testid': 'return-policy-confirm' }}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {editing && (
          <Form
            form={form}
            layout="vertical"
            preserve={false}
            onFinish={save}
            initialValues={{
              policy: editing.returnDays == null ? 'DEFAULT' : editing.returnDays === 0 ? 'NONE' : 'DAYS',
              days: editing.returnDays || 7,
            }}
          >
            <Form.Item name="policy" label={t('returnWindows.policy')}>
              <Radio.Group data-testid="return-policy">
                <Space orientation="vertical">
                  <Radio value="DEFAULT">{t('returnWindows.default')}</Radio>
                  <Radio value="NONE">{t('returnWindows.none')}</Radio>
                  <Radio value="DAYS">{t('returnWindows.withinDays')}</Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
            {policy === 'DAYS' && (
              <Form.Item
                name="days"
                label={t('returnWindows.daysLabel')}
                rules={[{ required: true, type: 'integer', min: 1, max: 365, message: t('returnWindows.daysRule') }]}
              >
                <InputNumber min={1} max={365} precision={0} data-testid="return-days-input" />
              </Form.Item>
            )}
          </Form>
        )}
      </Modal>
    </Space>
  );
}
