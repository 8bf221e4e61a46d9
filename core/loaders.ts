import DataLoader from 'dataloader';
import {
  ReferenceKind,
  type EntityManager,
  type EntityMetadata,
  type EntityName,
  type FilterQuery,
} from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  decodeCursor,
  keysetAfter,
  orderByOf,
  pageSize,
  toConnection,
  type Connection,
  type CursorValue,
  type SortKey,
} from './pagination';

/**
 * Per-request DataLoaders. Every resolver that fetches entities asks this registry for a loader,
 * so all references to one entity type in a request become one SQL statement. Keys are strings on
 * the wire (`_entities` sends ids as strings, duplicates included); loaders normalise and dedupe.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();
  private readonly sets = new Map<unknown, unknown>();

  /**
   * A subgraph's set of loaders, built once per request: resolvers ask for it on every field, and
   * building it anew each time allocated a dozen closures per field (GC on large pages).
   */
  memo<T>(key: unknown, build: () => T): T {
    let set = this.sets.get(key) as T | undefined;
    if (set === undefined) {
      set = build();
      this.sets.set(key, set);
    }
    return set;
  }

  /** A loader mapping each key to at most one value. */
  one<V>(
    name: string,
    batch: (keys: readonly string[]) => Promise<Map<string, V>>,
  ): DataLoader<string | number, V | null> {
    return this.register(name, async (keys) => {
      const found = await batch(keys);
      return keys.map((k) => found.get(k) ?? null);
    }) as DataLoader<string | number, V | null>;
  }

  /** A loader mapping each key to a list (children of a parent), one statement for all parents. */
  many<V>(
    name: string,
    batch: (keys: readonly string[]) => Promise<Map<string, V[]>>,
  ): DataLoader<string | number, V[]> {
    return this.register(name, async (keys) => {
      const found = await batch(keys);
      return keys.map((k) => found.get(k) ?? []);
    }) as DataLoader<string | number, V[]>;
  }

  private register(
    name: string,
    batch: (keys: readonly string[]) => Promise<unknown[]>,
  ): DataLoader<string | number, unknown> {
    let loader = this.loaders.get(name);
    if (!loader) {
      // DataLoader hands the batch the keys as given (numbers or strings); normalise once here.
      loader = new DataLoader<string, unknown>((keys) => batch(keys.map(String)), {
        cacheKeyFn: String,
        maxBatchSize: 1000,
      });
      this.loaders.set(name, loader);
    }
    return loader as unknown as DataLoader<string | number, unknown>;
  }
}

/**
 * EntityManagers of requests that are queries: nothing they load is ever written, so loaders that
 * opt in (`{ plain: true }`) read plain rows instead of tracked entities (see `plainRows`).
 */
const readOnlyEms = new WeakSet<object>();

/** Marks the EntityManager of a query request (core/subgraph.ts does, once the operation is known). */
export function markReadOnly(em: EntityManager): void {
  readOnlyEms.add(em);
}

export function isReadOnly(em: EntityManager): boolean {
  return readOnlyEms.has(em);
}

type RowConverter = (row: Record<string, unknown>) => void;
const converters = new WeakMap<EntityMetadata, RowConverter>();

/** How a row mapped to property names becomes what the entity would hold (references as `{ id }`). */
function converterOf(em: EntityManager, meta: EntityMetadata): RowConverter {
  let convert = converters.get(meta);
  if (!convert) {
    const platform = em.getPlatform();
    const steps: RowConverter[] = [];
    for (const prop of meta.props) {
      const name = prop.name;
      if (prop.kind === ReferenceKind.MANY_TO_ONE) {
        steps.push((row) => {
          const id = row[name];
          row[name] = id === null || id === undefined ? null : { id };
        });
      } else if (prop.kind === ReferenceKind.SCALAR && prop.customType) {
        const type = prop.customType;
        steps.push((row) => {
          const value = row[name];
          if (value !== null && value !== undefined) row[name] = type.convertToJSValue(value, platform);
        });
      } else if (prop.kind === ReferenceKind.SCALAR && prop.runtimeType === 'boolean') {
        steps.push((row) => {
          const value = row[name];
          if (value !== null && value !== undefined && typeof value !== 'boolean') row[name] = Boolean(Number(value));
        });
      }
    }
    const prototype = meta.prototype as object;
    convert = (row) => {
      for (const step of steps) step(row);
      // An instance of the entity class without running its constructor: type-graphql hands a
      // field resolver's root through `convertToType`, which builds a new entity (constructor,
      // MikroORM's property setters, a WrappedEntity) from every root that is not one — per field,
      // per object. Own data properties were set first, so none of the prototype's setters runs.
      Object.setPrototypeOf(row, prototype);
    };
    converters.set(meta, convert);
  }
  return convert;
}

/**
 * Rows as plain objects shaped like the entity (property names, the same JS values, a many-to-one
 * as `{ id }`), neither hydrated into tracked entities nor put in the identity map: on read paths
 * that was most of the per-object cost (entity factory, property propagation, change-tracking
 * snapshots, and the garbage they leave). Only for what nothing writes.
 */
export async function plainRows<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  opts: { orderBy?: Record<string, 'ASC' | 'DESC'>; limit?: number } = {},
): Promise<T[]> {
  const qb = (em as SqlEntityManager).createQueryBuilder(entity).select('*').where(where);
  if (opts.orderBy) qb.orderBy(opts.orderBy as never);
  if (opts.limit !== undefined) qb.limit(opts.limit);
  return plainResults(em, entity, qb);
}

/** A query builder's rows as plain objects shaped like its entity (see `plainRows`). */
export async function plainResults<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  qb: { execute<R>(method: 'all', mapResults: boolean): Promise<R> },
): Promise<T[]> {
  const rows = await qb.execute<Record<string, unknown>[]>('all', true);
  const convert = converterOf(em, em.getMetadata().get(entity));
  for (const row of rows) convert(row);
  return rows as T[];
}

/** A to-one row read in the same statement as the rows that point to it (`plainRowsWith`). */
export interface JoinedRead {
  entity: EntityName<object>;
  /** The parent's property equal to `to` of the joined row. */
  from: string;
  /** The joined entity's property (default `id`). */
  to?: string;
  /** Lazy formulas of the joined entity to read as well (they see it under its own alias). */
  formulas?: string[];
}

interface SelectPart {
  alias: string;
  meta: EntityMetadata;
  columns: string;
}

/** Column list of one entity under an alias: every persisted column, each named `<alias>__<column>`. */
function selectPart(em: EntityManager, entity: EntityName<object>, alias: string, formulas: string[] = []): SelectPart {
  const platform = em.getPlatform();
  const meta = em.getMetadata().get(entity);
  const q = (name: string) => platform.quoteIdentifier(name);
  const cols: string[] = [];
  for (const prop of meta.props) {
    const field = prop.fieldNames?.[0];
    if (!field || prop.fieldNames.length !== 1) continue;
    if (prop.formula) {
      if (formulas.includes(prop.name))
        cols.push(`${prop.formula(q(alias) as never, {} as never)} as ${q(`${alias}__${field}`)}`);
      continue;
    }
    if (prop.persist === false) continue;
    if (prop.kind !== ReferenceKind.SCALAR && prop.kind !== ReferenceKind.MANY_TO_ONE) continue;
    cols.push(`${q(alias)}.${q(field)} as ${q(`${alias}__${field}`)}`);
  }
  return { alias, meta, columns: cols.join(', ') };
}

const columnOf = (meta: EntityMetadata, prop: string): string => {
  const column = meta.properties[prop]?.fieldNames?.[0];
  if (!column) throw new Error(`${meta.className}.${prop} is not a column`);
  return column;
};

/** The statement of a `plainRowsWith` shape, built once (values are bound per call). */
interface Shape {
  sql: string;
  parts: SelectPart[];
  /** Result column → [part, column of that part], learnt from the first row. */
  columns?: [string, number, string][];
}
const shapesByEntity = new WeakMap<object, Map<string, Shape>>();

/** What `plainRowsWith` reads. */
export interface RowsWith<T> {
  /** Values of `by` to read. */
  ids: readonly number[];
  /** The property the ids are matched against (default `id`). */
  by?: keyof T & string;
  /** Equality conditions on further properties of the main rows. */
  where?: Record<string, string | number>;
  orderBy?: Record<string, 'ASC' | 'DESC'>;
  /** To-one rows to read in the same statement (LEFT JOINs). */
  joins?: JoinedRead[];
}

/**
 * Rows of `entity` whose `by` is one of `ids` as plain objects shaped like the entity (`plainRows`),
 * each with the to-one rows it points to read in the same statement (LEFT JOINs; a joined row that
 * does not exist is null). The SQL is built once per shape from the metadata, never through the
 * query builder: on read paths building a statement cost as much as running it, and each separate
 * statement (a round trip, a socket write and read) more than a few joined columns. Only for what
 * nothing writes (query requests).
 */
export async function plainRowsWith<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  read: RowsWith<T>,
): Promise<{ row: T; joined: (Record<string, unknown> | null)[] }[]> {
  if (read.ids.length === 0) return [];
  const meta = em.getMetadata().get(entity);
  const where = read.where ?? {};
  const conditions = Object.keys(where).sort();
  const joins = read.joins ?? [];
  const order = Object.entries(read.orderBy ?? {});
  const shapeKey = [
    read.ids.length,
    read.by ?? 'id',
    conditions.join(','),
    order.map(([k, d]) => `${k} ${d}`).join(','),
    joins.map((j) => `${j.from}>${j.to ?? 'id'}:${(j.formulas ?? []).join('+')}`).join(','),
  ].join('|');
  let shapes = shapesByEntity.get(meta);
  if (!shapes) shapesByEntity.set(meta, (shapes = new Map()));
  let shape = shapes.get(shapeKey);
  if (!shape) {
    const platform = em.getPlatform();
    const q = (name: string) => platform.quoteIdentifier(name);
    const t = (prop: string) => `${q('t')}.${q(columnOf(meta, prop))}`;
    const parts = [selectPart(em, entity as EntityName<object>, 't')];
    const from = [`${q(meta.tableName)} ${q('t')}`];
    joins.forEach((j, i) => {
      const part = selectPart(em, j.entity, `j${i}`, j.formulas);
      parts.push(part);
      from.push(
        `left join ${q(part.meta.tableName)} ${q(part.alias)} on ${q(part.alias)}.${q(columnOf(part.meta, j.to ?? 'id'))} = ${t(j.from)}`,
      );
    });
    const filters = [
      `${t(read.by ?? 'id')} in (${read.ids.map(() => '?').join(', ')})`,
      ...conditions.map((c) => `${t(c)} = ?`),
    ];
    const orderBy = order.length
      ? ` order by ${order.map(([k, d]) => `${t(k)} ${d === 'DESC' ? 'desc' : 'asc'}`).join(', ')}`
      : '';
    shape = {
      sql: `select ${parts.map((p) => p.columns).join(', ')} from ${from.join(' ')} where ${filters.join(' and ')}${orderBy}`,
      parts,
    };
    // Shapes vary only with the number of ids (at most the loader's batch size) and the filters.
    if (shapes.size < 2000) shapes.set(shapeKey, shape);
  }
  const raw = await (em as SqlEntityManager).execute<Record<string, unknown>[]>(
    shape.sql,
    [...read.ids, ...conditions.map((c) => where[c]!)] as never[],
    'all',
  );
  if (raw.length === 0) return [];
  const parts = shape.parts;
  const columns = (shape.columns ??= Object.keys(raw[0]!).map((key) => {
    const cut = key.indexOf('__');
    return [key, parts.findIndex((p) => p.alias === key.slice(0, cut)), key.slice(cut + 2)];
  }));
  const comparator = em.getComparator();
  const convert = parts.map((p) => converterOf(em, p.meta));
  const pk = parts.map((p) => `${p.alias}__${columnOf(p.meta, p.meta.primaryKeys[0]!)}`);
  return raw.map((r) => {
    const split = parts.map(() => ({}) as Record<string, unknown>);
    for (const [key, part, column] of columns) split[part]![column] = r[key];
    const mapped = parts.map((p, i) => {
      if (i > 0 && (r[pk[i]!] === null || r[pk[i]!] === undefined)) return null;
      const m = comparator.mapResult(p.meta.className, split[i] as never) as Record<string, unknown>;
      convert[i]!(m);
      return m;
    });
    return { row: mapped[0] as T, joined: mapped.slice(1) };
  });
}

/** A filter that is only equalities on properties with string or number values, as such; else null. */
function equalities(where: unknown): Record<string, string | number> | null {
  if (where === undefined) return {};
  if (typeof where !== 'object' || where === null) return null;
  for (const [k, v] of Object.entries(where))
    if (k.startsWith('$') || (typeof v !== 'string' && typeof v !== 'number')) return null;
  return where as Record<string, string | number>;
}

/** Options of the generic batch functions. */
export interface ReadOptions {
  /** In query requests, read plain rows (`plainRows`): for loaders whose rows no query writes. */
  plain?: boolean;
}

/** Batch function: entities by primary key (numeric ids), keyed by the id as a string. */
export function byId<T extends { id: number }>(
  em: EntityManager,
  entity: EntityName<T>,
  extraWhere: FilterQuery<T> = {} as FilterQuery<T>,
  opts: ReadOptions = {},
) {
  return async (keys: readonly string[]): Promise<Map<string, T>> => {
    const ids = numericIds(keys);
    if (ids.length === 0) return new Map();
    let rows: T[];
    if (opts.plain && isReadOnly(em)) {
      const simple = equalities(extraWhere);
      rows = simple
        ? (await plainRowsWith(em, entity, { ids, where: simple })).map((r) => r.row)
        : await plainRows(em, entity, { $and: [{ id: { $in: ids } }, extraWhere] } as FilterQuery<T>);
    } else rows = await em.find(entity, { $and: [{ id: { $in: ids } }, extraWhere] } as FilterQuery<T>);
    return new Map(rows.map((r) => [String(r.id), r]));
  };
}

/** Batch function: rows grouped by a foreign-key column, in the given order. */
export function groupedBy<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  field: keyof T & string,
  opts: { where?: FilterQuery<T>; orderBy?: Record<string, 'ASC' | 'DESC'> } & ReadOptions = {},
) {
  return async (keys: readonly string[]): Promise<Map<string, T[]>> => {
    const ids = numericIds(keys);
    const out = new Map<string, T[]>();
    if (ids.length === 0) return out;
    const where = { $and: [{ [field]: { $in: ids } }, opts.where ?? {}] } as FilterQuery<T>;
    const orderBy = opts.orderBy ?? { id: 'ASC' };
    let rows: T[];
    if (opts.plain && isReadOnly(em)) {
      const simple = equalities(opts.where);
      rows = simple
        ? (await plainRowsWith(em, entity, { ids, by: field, where: simple, orderBy })).map((r) => r.row)
        : await plainRows(em, entity, where, { orderBy });
    } else rows = await em.find(entity, where, { orderBy: orderBy as never });
    for (const row of rows) {
      const raw = (row as Record<string, unknown>)[field];
      const key = String(typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : raw);
      const list = out.get(key) ?? [];
      list.push(row);
      out.set(key, list);
    }
    return out;
  };
}

/** Ids that are not positive integers cannot exist; they simply resolve to nothing. */
export function numericIds(keys: readonly (string | number)[]): number[] {
  const ids = new Set<number>();
  for (const k of keys) {
    const n = Number(k);
    if (Number.isSafeInteger(n) && n > 0) ids.add(n);
  }
  return [...ids];
}

/** What a connection field of one parent asks for; part of the loader key. */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

/** A loader of one page of children per parent, keyed by `pageKey`. */
export type PageLoader<T> = DataLoader<string | number, Connection<T> | null>;

/** The loader key of one parent's page: parents asked with the same page arguments share a statement. */
export function pageKey(parentId: string | number, page: PageRequest): string {
  return JSON.stringify([String(parentId), page.first ?? null, page.after ?? null]);
}

/** Parent branches per statement (SQLite caps a compound SELECT at 500 terms). */
const BRANCHES_PER_STATEMENT = 200;

function compareValues(a: unknown, b: unknown): number {
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  if (x === y) return 0;
  if (x === null || x === undefined) return -1;
  if (y === null || y === undefined) return 1;
  return (x as number | string) < (y as number | string) ? -1 : 1;
}

/**
 * Batch function for a connection field on a list of parents (e.g. `Supplier.skus`,
 * `Stock.adjustments`): one page per parent — the first `first + 1` children in a keyset order,
 * strictly after `after` — for up to 200 parents in ONE statement:
 *
 *   SELECT * FROM (SELECT … WHERE parent = ?₁ [AND keyset after] ORDER BY … LIMIT n+1) b0
 *   UNION ALL SELECT * FROM (… parent = ?₂ …) b1 …
 *
 * Each branch is an index range read that stops after n+1 rows, so the cost is bounded by
 * parents × (first + 1) rows however many children a parent has. (A `ROW_NUMBER() OVER (PARTITION
 * BY parent …)` filter would be one branch, but MariaDB numbers every child of every parent before
 * filtering: a supplier with 700k SKUs would be read whole to serve a page of 2.) Keys come from
 * `pageKey`; `first` and `after` must have been validated by the caller (a service), since a throw
 * here would fail every parent of the batch. The sort must end in a unique column; its values
 * should be numbers or dates (rows are re-sorted in memory per parent, by JS comparison).
 */
export function pagesPerParent<T extends object>(
  em: SqlEntityManager,
  entity: EntityName<T>,
  opts: {
    /** Entity property holding the parent id. */
    parentField: keyof T & string;
    order: SortKey[];
    /** The cursor values of a row (what `after` decodes to). */
    cursorOf: (row: T) => CursorValue[];
    /** Cursor values → values to compare the sort columns with (e.g. epoch ms → Date). */
    afterValues?: (cursor: CursorValue[]) => unknown[];
    where?: FilterQuery<T>;
  },
) {
  return async (keys: readonly string[]): Promise<Map<string, Connection<T>>> => {
    const requests = keys.map((key) => {
      const [parent, first, after] = JSON.parse(key) as [string, number | null, string | null];
      return {
        key,
        parent: numericIds([parent])[0] ?? null,
        limit: pageSize(first),
        after,
        pageArgs: JSON.stringify([first, after]),
      };
    });
    const meta = em.getMetadata().find(entity as never)!;
    const parentColumn = meta.properties[opts.parentField]!.fieldNames[0]!;
    // Parents asked with the same page arguments (the usual case: one field in a list) share a
    // statement, where each parent has exactly one branch, so rows are told apart by parent.
    const groups = new Map<string, (typeof requests)[number][]>();
    for (const r of requests) {
      if (r.parent === null) continue;
      const group = groups.get(r.pageArgs) ?? [];
      group.push(r);
      groups.set(r.pageArgs, group);
    }
    const rowsOf = new Map<string, T[]>();
    for (const group of groups.values()) {
      const { limit, after } = group[0]!;
      const keyset = after
        ? keysetAfter(
            opts.order,
            (opts.afterValues
              ? opts.afterValues(decodeCursor(after, opts.order.length))
              : decodeCursor(after, opts.order.length)) as CursorValue[],
          )
        : null;
      for (let i = 0; i < group.length; i += BRANCHES_PER_STATEMENT) {
        const chunk = group.slice(i, i + BRANCHES_PER_STATEMENT);
        const branches = chunk.map((r, j) => {
          const where: FilterQuery<T>[] = [{ [opts.parentField]: r.parent } as FilterQuery<T>];
          if (opts.where) where.push(opts.where);
          if (keyset) where.push(keyset as FilterQuery<T>);
          const qb = em
            .createQueryBuilder(entity)
            .select('*')
            .where({ $and: where } as FilterQuery<T>)
            .orderBy(orderByOf(opts.order) as never)
            .limit(limit + 1);
          return { sql: `SELECT * FROM (${qb.getQuery()}) b${j}`, params: qb.getParams() };
        });
        const raw = await em.execute<Record<string, unknown>[]>(
          branches.map((b) => b.sql).join(' UNION ALL '),
          branches.flatMap((b) => b.params) as never[],
          'all',
        );
        const byParent = new Map<string, T[]>();
        for (const row of raw) {
          const parent = String(row[parentColumn]);
          const list = byParent.get(parent) ?? [];
          list.push(em.map(entity, row as never) as T);
          byParent.set(parent, list);
        }
        for (const r of chunk) rowsOf.set(r.key, byParent.get(String(r.parent)) ?? []);
      }
    }
    const out = new Map<string, Connection<T>>();
    for (const r of requests) {
      const rows = [...(rowsOf.get(r.key) ?? [])];
      rows.sort((a, b) => {
        for (const k of opts.order) {
          const c = compareValues((a as Record<string, unknown>)[k.field], (b as Record<string, unknown>)[k.field]);
          if (c !== 0) return k.direction === 'ASC' ? c : -c;
        }
        return 0;
      });
      out.set(r.key, toConnection(rows, r.limit, opts.cursorOf, Boolean(r.after)));
    }
    return out;
  };
}
