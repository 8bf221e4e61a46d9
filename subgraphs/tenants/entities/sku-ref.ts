import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The catalog's Sku, referenced by id; the catalog subgraph resolves its fields. */
@ObjectType('Sku', { description: 'A pool SKU (owned by the catalog).' })
@Directive('@key(fields: "id", resolvable: false)')
export class SkuRef {
  @Field(() => ID)
  id!: string;
}
