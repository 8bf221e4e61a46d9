import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors';
import { Text } from './input-rules';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Relay page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether another page follows this one.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether this page was reached with a cursor.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass as `after` for the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size: default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Opaque cursor from a previous page.' })
  @Text({ max: 2000 }) // a title-sorted cursor carries the title, base64url-encoded
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** A Relay connection type named `<name>Connection` with edges `<name>Edge`. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string, description?: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page.` })
  class EdgeType {
    @Field(() => String, { description: 'Opaque position of this edge.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: description ?? `A page of ${name} items.` })
  class ConnectionClass implements Connection<T> {
    @Field(() => [EdgeType], { description: 'The items of this page.' })
    edges!: Edge<T>[];

    @Field(() => PageInfo, { description: 'Where this page sits.' })
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1) throw badInput('`first` must be a positive integer.');
  return Math.min(first, MAX_PAGE_SIZE);
}

export type CursorValue = string | number | null;

/** Checks page arguments up front (BAD_USER_INPUT), before they become a loader key. */
export function validPage(page: { first?: number | null; after?: string | null }, arity: number): void {
  pageSize(page.first);
  if (page.after) decodeCursor(page.after, arity);
}

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Decodes a cursor produced for a sort with `arity` keys; anything else is the caller's mistake. */
export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through
  }
  throw badInput('`after` is not a cursor from this list (or the sort changed); start again without it.');
}

export interface SortKey {
  /** Entity property name. */
  field: string;
  direction: 'ASC' | 'DESC';
}

/**
 * The keyset condition "strictly after this cursor" for a sort of one value column plus a unique
 * tie-breaker. Written in the expanded form `a <= ? AND (a < ? OR id < ?)` because MariaDB does not
 * optimise the row-value form `(a, id) < (?, ?)` (full index scan at 2M rows).
 */
export function keysetAfter(keys: SortKey[], values: CursorValue[]): Record<string, unknown> {
  if (keys.length === 1) {
    const [k] = keys;
    return { [k!.field]: { [k!.direction === 'ASC' ? '$gt' : '$lt']: values[0] } };
  }
  if (keys.length !== 2) throw new Error('keysetAfter supports one value column plus a tie-breaker');
  const [a, b] = keys as [SortKey, SortKey];
  const strictA = a.direction === 'ASC' ? '$gt' : '$lt';
  const looseA = a.direction === 'ASC' ? '$gte' : '$lte';
  const strictB = b.direction === 'ASC' ? '$gt' : '$lt';
  return {
    $and: [
      { [a.field]: { [looseA]: values[0] } },
      { $or: [{ [a.field]: { [strictA]: values[0] } }, { [b.field]: { [strictB]: values[1] } }] },
    ],
  };
}

export function orderByOf(keys: SortKey[]): Record<string, 'ASC' | 'DESC'> {
  return Object.fromEntries(keys.map((k) => [k.field, k.direction]));
}

/** Turns `limit + 1` fetched rows into a page. */
export function toConnection<T>(
  rows: T[],
  limit: number,
  cursorOf: (row: T) => CursorValue[],
  hadCursor: boolean,
): Connection<T> {
  const hasNextPage = rows.length > limit;
  const page = hasNextPage ? rows.slice(0, limit) : rows;
  const edges = page.map((node) => ({ node, cursor: encodeCursor(cursorOf(node)) }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
