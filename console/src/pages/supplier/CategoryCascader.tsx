/**
 * The category tree as a Cascader that loads each level when it is opened (the tree is too big to
 * fetch whole). Works as a Form.Item child: it takes and reports the path of ids (value/onChange).
 */
import { useEffect, useState } from 'react';
import Cascader from 'antd/es/cascader';
import { request } from '../../api';
import { graphql } from '../../gql';

export const CategoriesDocument = graphql(`
  query ConsoleProductCategories($parentId: ID) {
    categories(parentId: $parentId) {
      id
      name
    }
  }
`);

interface CategoryOption {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: CategoryOption[];
}

async function loadLevel(parentId: string | null): Promise<CategoryOption[]> {
  const r = await request(CategoriesDocument, { parentId });
  return r.categories.map((c) => ({ value: c.id, label: c.name, isLeaf: false }));
}

export function CategoryCascader({
  id,
  value,
  onChange,
  'data-testid': testId,
}: {
  /** From Form.Item: the id its label points at. */
  id?: string;
  value?: string[];
  onChange?: (path: string[]) => void;
  'data-testid'?: string;
}) {
  const [options, setOptions] = useState<CategoryOption[]>([]);
  useEffect(() => {
    let live = true;
    void loadLevel(null).then((roots) => live && setOptions(roots));
    return () => {
      live = false;
    };
  }, []);
  return (
    <Cascader
      id={id}
      data-testid={testId}
      value={value}
      onChange={(path) => onChange?.((path ?? []).map(String))}
      options={options}
      changeOnSelect
      loadData={(path) => {
        const target = path[path.length - 1] as CategoryOption;
        void loadLevel(target.value).then((children) => {
          target.children = children.length ? children : undefined;
          target.isLeaf = children.length === 0;
          setOptions((o) => [...o]);
        });
      }}
    />
  );
}
