import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput } from '../../../core/errors';
import { requireRole, type Principal } from '../../../core/identity';
import { numericIds } from '../../../core/loaders';
import { affectedRows, placeholders } from '../../../core/sql';
import { CatalogClient } from './catalog-client';
import { rewriteSkuFacts } from './sku-search-facts';

const MAX_SKUS = 1000;

/**
 * Keeps `listing.sku_on_sale` (and the mall search's copy of the SKU's facts) in step with the catalog. The catalog's event names only the SKUs;
 * the current status is read back from the catalog, so late, repeated or reordered deliveries all
 * end in the catalog's present state. A SKU the catalog no longer knows counts as off sale.
 */
export class SkuAvailabilityService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    private readonly catalog = new CatalogClient(),
  ) {}

  async refresh(skuIds: string[]): Promise<number> {
    requireRole(this.principal, 'SERVICE');
    const ids = numericIds(skuIds);
    if (ids.length === 0 || ids.length > MAX_SKUS || ids.length !== new Set(skuIds).size) {
      throw badInput(`Pass 1 to ${MAX_SKUS} distinct SKU ids.`, [
        { field: 'skuIds', message: `1 to ${MAX_SKUS} distinct positive ids` },
      ]);
    }
    const current = await this.catalog.byIds(ids);
    const onSale = ids.filter((id) => current.get(id)?.status === 'ACTIVE');
    const offSale = ids.filter((id) => current.get(id)?.status !== 'ACTIVE');
    let changed = 0;
    // Two set-based updates, whatever the number of listings (a SKU may be listed in every mall).
    if (onSale.length)
      changed += await affectedRows(
        this.em,
        `UPDATE listing SET sku_on_sale = ? WHERE sku_id IN (${placeholders(onSale.length)}) AND sku_on_sale = ?`,
        [true, ...onSale, false],
      );
    if (offSale.length)
      changed += await affectedRows(
        this.em,
        `UPDATE listing SET sku_on_sale = ? WHERE sku_id IN (${placeholders(offSale.length)}) AND sku_on_sale = ?`,
        [false, ...offSale, true],
      );
    // The mall search's copy of title, brand, category and stock (services/sku-search-facts.ts).
    await rewriteSkuFacts(this.em, [...current.values()]);
    return changed;
  }
}
