import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';

/**
 * The query planner sends one `_entities` representation per place an entity occurs in the result:
 * fifty orders of one SKU become fifty identical `{__typename: "Sku", id: "7"}`, and the subgraph
 * resolves and serialises the same SKU fifty times. Collapsed, each distinct representation is
 * sent once; `expand` puts the answer back in the planner's order (each place its own copy, as if
 * the subgraph had answered every one), errors included.
 */
export interface CollapsedRepresentations {
  /** The distinct representations, in first-seen order. */
  unique: unknown[];
  /** For each representation the planner asked for, its index in `unique`. */
  slots: number[];
}

/** Null when there is nothing to collapse (no duplicates): the request goes out as it was. */
export function collapseRepresentations(representations: unknown): CollapsedRepresentations | null {
  if (!Array.isArray(representations) || representations.length < 2) return null;
  const index = new Map<string, number>();
  const unique: unknown[] = [];
  const slots: number[] = new Array(representations.length);
  for (let i = 0; i < representations.length; i++) {
    const key = JSON.stringify(representations[i]);
    let slot = index.get(key);
    if (slot === undefined) {
      slot = unique.length;
      index.set(key, slot);
      unique.push(representations[i]);
    }
    slots[i] = slot;
  }
  return unique.length === representations.length ? null : { unique, slots };
}

/** A deep copy of a JSON value, so each place in the gateway's result merges into its own objects. */
function copyJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyJson) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = copyJson((value as Record<string, unknown>)[key]);
    return out as T;
  }
  return value;
}

/** The subgraph's answer to the distinct representations, laid out for every representation asked. */
export function expandEntities(response: GatewayGraphQLResponse, collapsed: CollapsedRepresentations): void {
  const { slots } = collapsed;
  const entities = (response.data as { _entities?: unknown } | null | undefined)?._entities;
  if (Array.isArray(entities) && entities.length === collapsed.unique.length) {
    const used = new Array<boolean>(entities.length).fill(false);
    response.data = {
      ...response.data,
      _entities: slots.map((slot) => {
        if (!used[slot]) {
          used[slot] = true;
          return entities[slot];
        }
        return copyJson(entities[slot]);
      }),
    };
  }
  if (response.errors?.length) {
    const bySlot = new Map<number, number[]>();
    slots.forEach((slot, i) => bySlot.set(slot, [...(bySlot.get(slot) ?? []), i]));
    response.errors = response.errors.flatMap((error) => {
      const path = error.path;
      if (!path || path[0] !== '_entities' || typeof path[1] !== 'number') return [error];
      const places = bySlot.get(path[1]) ?? [];
      return places.map((place) => ({ ...error, path: ['_entities', place, ...path.slice(2)] }));
    });
  }
}
