import { Directive, Field, ID, ObjectType, type ClassType } from 'type-graphql';

export interface EntityRefShape {
  id: string;
}

/**
 * Another subgraph's entity as this subgraph knows it: only its key. `resolvable: false` when this
 * subgraph merely points at it (a line's `sku`); resolvable (the default) when it contributes
 * fields to it (loyalty's `Customer.points`), in which case its `__resolveReference` returns `{ id }`.
 */
export function EntityRef(
  typeName: string,
  opts: { resolvable?: boolean; description?: string } = {},
): ClassType<EntityRefShape> {
  @ObjectType(typeName, { description: opts.description })
  @Directive(opts.resolvable === false ? '@key(fields: "id", resolvable: false)' : '@key(fields: "id")')
  class Ref implements EntityRefShape {
    @Field(() => ID)
    id!: string;
  }
  return Ref;
}
