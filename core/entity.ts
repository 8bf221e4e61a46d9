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

function exposed(options: ExposeAs, extra: { nullable?: boolean } = {}): { description?: string; nullable?: boolean } {
  return {
    ...(extra.nullable ? { nullable: true } : {}),
    ...(typeof options.field === 'string' ? { description: options.field } : {}),
  };
}

function compose(
  column: PropertyDecorator,
  field: PropertyDecorator | null,
): (target: object, propertyName: string) => void {
  // The order decorators stacked above a property run in: the field first, then the column.
  return (target, propertyName) => {
    field?.(target, propertyName);
    column(target, propertyName);
  };
}

function graphqlField(returns: () => unknown, options: ExposeAs, nullable = false): PropertyDecorator | null {
  if (options.field === undefined) return null;
  const decorate = Field(returns as () => typeof ID, exposed(options, { nullable })) as PropertyDecorator;
  return decorate;
}

/** The auto-increment integer primary key (an `ID` in GraphQL). */
export function IdKey(options: ExposeAs = {}): PropertyDecorator {
  return compose(
    PrimaryKey({ type: 'integer', autoincrement: true }) as PropertyDecorator,
    graphqlField(() => ID, options),
  );
}

const now = (): Date => new Date();

/**
 * When the row was created. Pair it with `createdAt: Date = new Date()` so the value is there
 * before the flush (cursors and payloads read it); `onCreate` only fills a value left empty.
 */
export function CreatedAt(options: ExposeAs = {}): PropertyDecorator {
  return compose(
    Property({ type: 'datetime', onCreate: now }) as PropertyDecorator,
    graphqlField(() => Date, options),
  );
}

/**
 * When the row last changed through the ORM (`onUpdate` sets it on every flushed change; a raw
 * UPDATE must set `updated_at` itself).
 */
export function UpdatedAt(options: ExposeAs = {}): PropertyDecorator {
  return compose(
    Property({ type: 'datetime', onCreate: now, onUpdate: now }) as PropertyDecorator,
    graphqlField(() => Date, options),
  );
}

/**
 * A column holding a TypeScript string enum (registered with type-graphql's `registerEnumType`
 * next to the enum), stored as a VARCHAR of `length`.
 */
export function EnumColumn(
  items: () => Record<string, string>,
  options: ExposeAs & { length: number; nullable?: boolean },
): PropertyDecorator {
  const { length, nullable } = options;
  return compose(
    Enum({ items, type: 'string', length, ...(nullable ? { nullable: true } : {}) }) as PropertyDecorator,
    graphqlField(items, options, nullable),
  );
}
