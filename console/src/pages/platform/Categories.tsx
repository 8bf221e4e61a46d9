/**
 * The category tree (品类管理, platform MANAGE_SUPPLIERS): a level at a time as in ReturnWindows
 * (`categoryLevel(parentId)`, read 100 at a time by keyset cursor when a category is opened), adding a top-level category or a child
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

const LevelDocument = graphql(`
  query ConsolePlatformCategoryLevel($parentId: ID, $after: String) {
    categoryLevel(parentId: $parentId, first: 100, after: $after) {
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
/** A level is read 100 at a time by keyset cursor (`categoryLevel`), at most this many pages. */
const MAX_LEVEL_PAGES = 50;
type TreeRow = Category & { children?: TreeRow[] };
const ROOT = 'root';

export default function Categories() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [levels, setLevels] = useState<Record<string, Category[]>>({});
  const [expanded, setExpanded] = useState<readonly React.Key[]>([]);
  const [error, setError] = useState<string | null>(null);
  /** The parent a new category goes under (ROOT for the top level), or the category being renamed. */
  const [adding, setAdding] = useState<{ id: string; name: string; rename?: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const load = useCallback(async (parent: string) => {
    try {
      const categories: Category[] = [];
      let after: string | null = null;
      for (let i = 0; i < MAX_LEVEL_PAGES; i++) {
        const { categoryLevel }: ConsolePlatformCategoryLevelQuery = await request(LevelDocument, {
          parentId: parent === ROOT ? null : parent,
          after,
        });
        categories.push(...categoryLevel.edges.map((e) => e.node));
        if (!categoryLevel.pageInfo.hasNextPage) break;
        after = categoryLevel.pageInfo.endCursor ?? null;
      }
      setLevels((l) => ({ ...l, [parent]: categories }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, []);
  useEffect(() => void load(ROOT), [load]);

  const tree = (parent: string): TreeRow[] | undefined =>
    levels[parent]?.map((c) => {
      const children = levels[c.id];
      return { ...c, children: children === undefined ? [] : children.length ? tree(c.id) : undefined };
    });

  const save = async ({ name }: { name: string }) => {
    if (!adding) return;
    setSaving(true);
    try {
      if (adding.rename) {
        const { renameCategory } = await request(RenameCategoryDocument, {
          input: { categoryId: adding.id, name: name.trim() },
        });
        const renamed = renameCategory.category;
        setLevels((l) =>
          Object.fromEntries(
            Object.entries(l).map(([k, cs]) => [
              k,
              cs.map((c) => (c.id === renamed.id ? { ...c, name: renamed.name } : c)),
            ]),
          ),
        );
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
      <Table<TreeRow>
        rowKey="id"
        loading={levels[ROOT] === undefined && !error}
        pagination={false}
        dataSource={tree(ROOT) ?? []}
        data-testid="category-tree"
        onRow={(c) => ({ 'data-testid': `category-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys),
          onExpand: (open, c) => {
            if (open && levels[c.id] === undefined) void load(c.id);
          },
        }}
        columns={[
          { title: t('categories.name'), dataIndex: 'name' },
          { title: t('categories.id'), dataIndex: 'id' },
          { title: t('categories.path'), dataIndex: 'path' },
          {
            title: t('categories.actions'),
            key: 'actions',
            render: (_, c) => (
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
