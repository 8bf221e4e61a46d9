import { EntityRef } from '../../../core/entity-ref';

/** The catalog's Brand, referenced by id (mall search facets); the catalog resolves its fields. */
export const BrandRef = EntityRef('Brand', { resolvable: false, description: 'A brand (owned by the catalog).' });
export type BrandRef = InstanceType<typeof BrandRef>;
