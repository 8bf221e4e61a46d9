import { ServiceClient } from '../../../core/service-client';
import {
  CurationSkusByIdsDocument,
  CurationSkusDocument,
  type CurationSkuFactsFragment,
  type SkuPoolFilter,
} from '../../../codegen/generated/service/tenants/catalog';

/** What tenants learns about a pool SKU from the catalog (SERVICE-only catalog queries). */
export type CurationSku = CurationSkuFactsFragment;

/** The catalog's pool filter, as tenants passes it on. */
export type SkuPoolFilterInput = SkuPoolFilter;
export const CURATION_PAGE = 5000;

/** The one place tenants talks to the catalog subgraph. */
export class CatalogClient {
  constructor(private readonly client = new ServiceClient('service', 'tenants')) {}

  /** One page of ACTIVE pool SKUs matching the filter, id ascending, after `afterId`. */
  async curationPage(
    filter: SkuPoolFilterInput,
    afterId: string | null,
    limit = CURATION_PAGE,
  ): Promise<CurationSku[]> {
    const data = await this.client.request('catalog', CurationSkusDocument, { filter, afterId, limit });
    return data.curationSkus;
  }

  /** SKUs by id (any status), for cost checks; unknown ids are simply absent. */
  async byIds(ids: number[]): Promise<Map<number, CurationSku>> {
    if (ids.length === 0) return new Map();
    const data = await this.client.request('catalog', CurationSkusByIdsDocument, {
      ids: [...new Set(ids)].map(String),
    });
    return new Map(data.curationSkusByIds.map((s) => [Number(s.id), s]));
  }
}
