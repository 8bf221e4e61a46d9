import DataLoader from 'dataloader';
import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';

/**
 * Per-request DataLoaders. Every resolver that fetches entities asks this registry for a loader,
 * so all references to one entity type in a request become one SQL statement. Keys are strings on
 * the wire (`_entities` sends ids as strings, duplicates included); loaders normalise and dedupe.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  /** A loader mapping each key to at most one value. */
  one<V>(name: string, batch: (keys: readonly string[]) => Promise<Map<string, V>>): DataLoader<string | number, V | null> {
    return this.register(name, async (keys) => {
      const found = await batch(keys);
      return keys.map((k) => found.get(k) ?? null);
    }) as DataLoader<string | number, V | null>;
  }

  /** A loader mapping each key to a list (children of a parent), one statement for all parents. */
  many<V>(name: string, batch: (keys: readonly string[]) => Promise<Map<string, V[]>>): DataLoader<string | number, V[]> {
    return this.register(name, async (keys) => {
      const found = await batch(keys);
      return keys.map((k) => found.get(k) ?? []);
    }) as DataLoader<string | number, V[]>;
  }

  private register(name: string, batch: (keys: readonly string[]) => Promise<unknown[]>): DataLoader<string | number, unknown> {
    let loader = this.loaders.get(name);
    if (!loader) {
      // DataLoader hands the batch the keys as given (numbers or strings); normalise once here.
      loader = new DataLoader<string, unknown>((keys) => batch(keys.map(String)), { cacheKeyFn: String, maxBatchSize: 1000 });
      this.loaders.set(name, loader);
    }
    return loader as unknown as DataLoader<string | number, unknown>;
  }
}

/** Batch function: entities by primary key (numeric ids), keyed by the id as a string. */
export function byId<T extends { id: number }>(em: EntityManager, entity: EntityName<T>, extraWhere: FilterQuery<T> = {} as FilterQuery<T>) {
  return async (keys: readonly string[]): Promise<Map<string, T>> => {
    const ids = numericIds(keys);
    if (ids.length === 0) return new Map();
    const rows = await em.find(entity, { $and: [{ id: { $in: ids } }, extraWhere] } as FilterQuery<T>);
    return new Map(rows.map((r) => [String(r.id), r]));
  };
}

/** Batch function: rows grouped by a foreign-key column, in the given order. */
export function groupedBy<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  field: keyof T & string,
  opts: { where?: FilterQuery<T>; orderBy?: Record<string, 'ASC' | 'DESC'> } = {},
) {
  return async (keys: readonly string[]): Promise<Map<string, T[]>> => {
    const ids = numericIds(keys);
    const out = new Map<string, T[]>();
    if (ids.length === 0) return out;
    const rows = await em.find(entity, { $and: [{ [field]: { $in: ids } }, opts.where ?? {}] } as FilterQuery<T>, {
      orderBy: (opts.orderBy ?? { id: 'ASC' }) as never,
    });
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
