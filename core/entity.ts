import { Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID } from 'type-graphql';

/**
 * The columns every entity declares the same way — the auto-increment id, createdAt, updatedAt and
 * string enum columns — written once as composite decorators (each applies the MikroORM column and,
 * when asked, the type-graphql field). Decorators rather than a base class: a property keeps its
 * place in its class, so neither the generated tables nor the GraphQL field order change, and an
 * entity that is deliberately different (an append-only ledger without updatedAt, a composite key)
 * takes only the pieces that fit.
 *
 * `field` exposes the property in the GraphQL schema: a string is the field's description, `true`
 * exposes it without one; left out, the column stays internal.
 */
export interface ExposeAs {
  field?: string | true;
}

type PropertyDecorator = (target: object, propertyName: string) => void;

/** The MikroORM column plus, when `field` is given, the type-graphql field, as one decorator. */
function column(
  mapping: PropertyDecorator,
  returns: () => object,
  { field }: ExposeAs,
  nullable = false,
): PropertyDecorator {
  const graphql =
    field === undefined
      ? null
      : (Field(returns, {
          ...(nullable ? { nullable: true } : {}),
          ...(typeof field === 'string' ? { description: field } : {}),
        }) as PropertyDecorator);
  // Stacked decorators run bottom-up; this keeps the order of `@Property` above `@Field`.
  return (target, propertyName) => {
    graphql?.(target, propertyName);
    mapping(target, propertyName);
  };
}

/** The auto-increment integer primary key (an `ID` in GraphQL). */
export function IdKey(options: ExposeAs = {}): PropertyDecorator {
  return column(PrimaryKey({ type: 'integer', autoincrement: true }), () => ID, options);
}

const now = (): Date => new Date();

/**
 * When the row was created. Pair it with `createdAt: Date = new Date()` so the value is there
 * before the flush (cursors and payloads read it); `onCreate` only fills a value left empty.
 */
export function CreatedAt(options: ExposeAs = {}): PropertyDecorator {
  return column(Property({ type: 'datetime', onCreate: now }), () => Date, options);
}

/**
 * When the row last changed through the ORM (`onUpdate` sets it on every flushed change; a raw
 * UPDATE must set `updated_at` itself).
 */
export function UpdatedAt(options: ExposeAs = {}): PropertyDecorator {
  return column(Property({ type: 'datetime', onCreate: now, onUpdate: now }), () => Date, options);
}

/**
 * A column holding a TypeScript string enum (registered with type-graphql's `registerEnumType`
 * next to the enum): a MariaDB ENUM, a SQLite text column with a check of the values.
 */
export function EnumColumn(
  items: () => Record<string, string>,
  options: ExposeAs & { length: number; nullable?: boolean },
): PropertyDecorator {
  const { length, nullable = false } = options;
  return column(
    Enum({ items, type: 'string', length, ...(nullable ? { nullable: true } : {}) }),
    items,
    options,
    nullable,
  );
}
