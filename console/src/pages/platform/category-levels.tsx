/**
 * The category tree a level at a time, for the platform's Categories and Return windows pages: each
 * level is read through `categoryLevel(parentId, first: 100, after)` (keyset) when its parent is
 * opened, one page of 100 at first and the next page with "load more" at the end of the level, so a
 * large tree never loads more than the person opens.
 */
import { useCallback, useRef, useState } from 'react';
import Button from 'antd/es/button';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import type { TypedDocumentString } from '../../gql/graphql';

export const ROOT = 'root';
export const LEVEL_PAGE = 100;

export interface LevelPage<C> {
  nodes: C[];
  endCursor: string | null;
  hasNextPage: boolean;
}

interface Level<C> extends LevelPage<C> {
  loading: boolean;
}

/** A row of the tree table: a category (children not yet loaded are [], so it can be opened) or "load more". */
export type TreeRow<C> = (C & { children?: TreeRow<C>[]; moreOf?: undefined }) | MoreRow;
export interface MoreRow {
  id: string;
  /** The parent (ROOT for the top level) whose next page this row loads. */
  moreOf: string;
  shown: number;
  loading: boolean;
}

/** A `categoryLevel` query (each page asks for the fields it shows), read a page at a time. */
type LevelQuery<C> = TypedDocumentString<
  { categoryLevel: { edges: { node: C }[]; pageInfo: { endCursor?: string | null; hasNextPage: boolean } } },
  { parentId?: string | null; first?: number | null; after?: string | null }
>;

export function levelPagesOf<C>(document: LevelQuery<C>) {
  return async (parentId: string | null, after: string | null): Promise<LevelPage<C>> => {
    const { categoryLevel } = await request(document, { parentId, first: LEVEL_PAGE, after });
    return {
      nodes: categoryLevel.edges.map((e) => e.node),
      endCursor: categoryLevel.pageInfo.endCursor ?? null,
      hasNextPage: categoryLevel.pageInfo.hasNextPage,
    };
  };
}

export const isMore = <C,>(r: TreeRow<C>): r is MoreRow => (r as MoreRow).moreOf !== undefined;

export function useCategoryLevels<C extends { id: string }>(
  fetchPage: (parentId: string | null, after: string | null) => Promise<LevelPage<C>>,
) {
  const [levels, setLevels] = useState<Record<string, Level<C>>>({});
  const [error, setError] = useState<string | null>(null);
  /** The levels as last rendered, for the cursor of the next page. */
  const current = useRef(levels);
  current.current = levels;

  /** Reads the first page of a level (again), or with `more` the next page after what is shown. */
  const load = useCallback(
    async (parent: string, more = false) => {
      const after = more ? (current.current[parent]?.endCursor ?? null) : null;
      setLevels((l) => ({
        ...l,
        [parent]: { ...(l[parent] ?? { nodes: [], endCursor: null, hasNextPage: false }), loading: true },
      }));
      try {
        const page = await fetchPage(parent === ROOT ? null : parent, after);
        setLevels((l) => ({
          ...l,
          [parent]: {
            nodes: more ? [...(l[parent]?.nodes ?? []), ...page.nodes] : page.nodes,
            endCursor: page.endCursor,
            hasNextPage: page.hasNextPage,
            loading: false,
          },
        }));
      } catch (e) {
        setError(e instanceof ApiError ? e.message : String(e));
        setLevels((l) => ({ ...l, [parent]: { ...l[parent]!, loading: false } }));
      }
    },
    [fetchPage],
  );

  /** Changes the categories shown (e.g. after a rename) wherever they are. */
  const update = useCallback((change: (c: C) => C) => {
    setLevels((l) =>
      Object.fromEntries(Object.entries(l).map(([k, level]) => [k, { ...level, nodes: level.nodes.map(change) }])),
    );
  }, []);

  const tree = (parent: string): TreeRow<C>[] | undefined => {
    const level = levels[parent];
    if (!level || (level.loading && level.nodes.length === 0)) return undefined;
    const rows: TreeRow<C>[] = level.nodes.map((c) => {
      const children = levels[c.id];
      const loaded = children && !(children.loading && children.nodes.length === 0);
      return { ...c, children: !loaded ? [] : children.nodes.length ? tree(c.id) : undefined };
    });
    if (level.hasNextPage)
      rows.push({ id: `more:${parent}`, moreOf: parent, shown: level.nodes.length, loading: level.loading });
    return rows;
  };

  return {
    levels,
    error,
    load,
    update,
    tree,
    /** Whether a category's level was ever asked for (so opening it again reads nothing). */
    asked: (id: string) => levels[id] !== undefined,
    rootLoading: levels[ROOT] === undefined || (levels[ROOT].loading && levels[ROOT].nodes.length === 0),
  };
}

/** The "load more" button of a level's last row. */
export function LoadMore({ row, onLoad }: { row: MoreRow; onLoad: (parent: string) => void }) {
  const { t } = useTranslation();
  return (
    <Button
      size="small"
      loading={row.loading}
      onClick={() => onLoad(row.moreOf)}
      data-testid={`load-more-${row.moreOf}`}
    >
      {t('common.loadMore', { shown: row.shown })}
    </Button>
  );
}
