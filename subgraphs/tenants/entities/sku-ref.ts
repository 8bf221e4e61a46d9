import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** The catalog's Sku, referenced by id; the catalog subgraph resolves its fields. */
@ObjectType('Sku', { description: 'A pool SKU (owned by the catalog).' })
@Directive('@key(fields: "id", resolvable: false)')
export class SkuRef {
  @Field(() => ID, { description: 'Unique id.' })
  id!: string;
}

/** The catalog's SkuKind, as a pool filter value (same name and values as the catalog's enum). */
export enum SkuKind {
  PHYSICAL = 'PHYSICAL',
  VIRTUAL = 'VIRTUAL',
}
registerEnumType(SkuKind, { name: 'SkuKind', description: 'Physical goods ship; virtual cards are issued as codes.' });
