/**
 * The category tree (品类管理, platform MANAGE_SUPPLIERS): a level at a time as in ReturnWindows
 * (`categoryLevel(parentId)`: the first 100 when a category is opened, the next 100 with "load more";
 * category-levels.tsx), adding a top-level category or a child
 * (`createCategory`, at most 8 deep), and renaming one (`renameCategory`: only the name changes; its
 * id stays in its descendants' paths and in products). There is no delete.
 */
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import { graphql } from '../../gql';
import type { ConsolePlatformCategoryLevelQuery } from '../../gql/graphql';
import { LoadMore, ROOT, isMore, levelPagesOf, useCategoryLevels, type TreeRow } from './category-levels';

const LevelDocument = graphql(`
  query ConsolePlatformCategoryLevel($parentId: ID, $first: Int, $after: String) {
    categoryLevel(parentId: $parentId, first: $first, after: $after) {
      edges {
        node {
          id
          name
          path
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const RenameCategoryDocument = graphql(`
  mutation ConsolePlatformRenameCategory($input: RenameCategoryInput!) {
    renameCategory(input: $input) {
      category {
        id
        name
      }
    }
  }
`);

const CreateCategoryDocument = graphql(`
  mutation ConsolePlatformCreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) {
      category {
        id
        name
        path
      }
    }
  }
`);

type Category = ConsolePlatformCategoryLevelQuery['categoryLevel']['edges'][number]['node'];
type Row = TreeRow<Category>;

const levelPage = levelPagesOf(LevelDocument);

export default function Categories() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { error, load, update, tree, asked, rootLoading } = useCategoryLevels<Category>(levelPage);
  const [expanded, setExpanded] = useState<readonly React.Key[]>([]);
  /** The parent a new category goes under (ROOT for the top level), or the category being renamed. */
  const [adding, setAdding] = useState<{ id: string; name: string; rename?: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  useEffect(() => void load(ROOT), [load]);
  const loadMore = useCallback((parent: string) => void load(parent, true), [load]);

  const save = async ({ name }: { name: string }) => {
    if (!adding) return;
    setSaving(true);
    try {
      if (adding.rename) {
        const { renameCategory } = await request(RenameCategoryDocument, {
          input: { categoryId: adding.id, name: name.trim() },
        });
        const renamed = renameCategory.category;
        update((c) => (c.id === renamed.id ? { ...c, name: renamed.name } : c));
        void message.success(t('categories.renamed', { name: renamed.name }));
        setAdding(null);
        return;
      }
      const { createCategory } = await request(CreateCategoryDocument, {
        input: { name: name.trim(), parentCategoryId: adding.id === ROOT ? null : adding.id },
      });
      await load(adding.id);
      if (adding.id !== ROOT) setExpanded((keys) => (keys.includes(adding.id) ? keys : [...keys, adding.id]));
      void message.success(t('categories.created', { name: createCategory.category.name }));
      setAdding(null);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-categories">
      <Typography.Title level={1}>{t('categories.title')}</Typography.Title>
      <Typography.Paragraph>{t('categories.intro')}</Typography.Paragraph>
      {error && <Alert type="error" title={t('common.error', { message: error })} role="alert" />}
      <Space>
        <Button
          type="primary"
          data-testid="add-top-category"
          onClick={() => setAdding({ id: ROOT, name: t('categories.top') })}
        >
          {t('categories.addTop')}
        </Button>
      </Space>
      <Table<Row>
        rowKey="id"
        loading={rootLoading && !error}
        pagination={false}
        dataSource={tree(ROOT) ?? []}
        data-testid="category-tree"
        onRow={(c) => ({ 'data-testid': `category-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys),
          rowExpandable: (c) => !isMore(c),
          onExpand: (open, c) => {
            if (open && !isMore(c) && !asked(c.id)) void load(c.id);
          },
        }}
        columns={[
          {
            title: t('categories.name'),
            key: 'name',
            render: (_, c) => (isMore(c) ? <LoadMore row={c} onLoad={loadMore} /> : c.name),
          },
          { title: t('categories.id'), key: 'id', render: (_, c) => (isMore(c) ? null : c.id) },
          { title: t('categories.path'), key: 'path', render: (_, c) => (isMore(c) ? null : c.path) },
          {
            title: t('categories.actions'),
            key: 'actions',
            render: (_, c) =>
              isMore(c) ? null : (
                <Space>
                  <Button
                    size="small"
                    data-testid={`add-child-${c.id}`}
                    aria-label={t('categories.addChildLabel', { name: c.name })}
                    onClick={() => setAdding({ id: c.id, name: c.name })}
                  >
                    {t('categories.addChild')}
                  </Button>
                  <Button
                    size="small"
                    data-testid={`rename-category-${c.id}`}
                    aria-label={t('categories.renameLabel', { name: c.name })}
                    onClick={() => setAdding({ id: c.id, name: c.name, rename: true })}
                  >
                    {t('categories.rename')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={adding !== null}
        title={
          adding && (adding.id === ROOT ? t('categories.addTop') : t('categories.addChildTitle', { name: adding.name }))
        }
        okText={t('categories.save')}
        okButtonProps={{ loading: saving, 'data-testid': 'category-save' }}
        onCancel={() => setAdding(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={save}
          initialValues={adding?.rename ? { name: adding.name } : {}}
        >
          <Form.Item
            name="name"
            label={t('categories.name')}
            rules={[{ required: true, whitespace: true, max: 120, message: t('categories.nameRule') }]}
          >
            <Input maxLength={120} data-testid="category-name" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
