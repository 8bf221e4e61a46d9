import { registerEnumType } from 'type-graphql';
import { EntityRef } from '../../../core/entity-ref';

/** The catalog's Sku, referenced by id; the catalog subgraph resolves its fields. */
export const SkuRef = EntityRef('Sku', { resolvable: false, description: 'A pool SKU (owned by the catalog).' });
export type SkuRef = InstanceType<typeof SkuRef>;

/** The catalog's SkuKind, as a pool filter value (same name and values as the catalog's enum). */
export enum SkuKind {
  PHYSICAL = 'PHYSICAL',
  VIRTUAL = 'VIRTUAL',
}
registerEnumType(SkuKind, { name: 'SkuKind', description: 'Physical goods ship; virtual cards are issued as codes.' });
