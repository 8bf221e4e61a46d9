import { ServiceClient } from '../../../core/service-client';

/** What tenants learns about a pool SKU from the catalog (SERVICE-only catalog queries). */
export interface CurationSku {
  id: string;
  supplierId: string;
  supplierPriceFen: number;
  listPriceFen: number;
  kind: 'PHYSICAL' | 'VIRTUAL';
  status: 'ACTIVE' | 'INACTIVE';
  title: string;
}

export interface SkuPoolFilterInput {
  brandIds?: string[] | null;
  categoryId?: string | null;
  supplierIds?: string[] | null;
  minSupplierPriceFen?: number | null;
  maxSupplierPriceFen?: number | null;
  kind?: 'PHYSICAL' | 'VIRTUAL' | null;
  inStockOnly?: boolean | null;
  text?: string | null;
}

const FIELDS = 'id supplierId supplierPriceFen listPriceFen kind status title';
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
    const data = await this.client.request<{ curationSkus: CurationSku[] }>(
      'catalog',
      `query($filter: SkuPoolFilter!, $afterId: ID, $limit: Int!) { curationSkus(filter: $filter, afterId: $afterId, limit: $limit) { ${FIELDS} } }`,
      { filter, afterId, limit },
    );
    return data.curationSkus;
  }

  /** SKUs by id (any status), for cost checks; unknown ids are simply absent. */
  async byIds(ids: number[]): Promise<Map<number, CurationSku>> {
    if (ids.length === 0) return new Map();
    const data = await this.client.request<{ curationSkusByIds: CurationSku[] }>(
      'catalog',
      `query($ids: [ID!]!) { curationSkusByIds(ids: $ids) { ${FIELDS} } }`,
      { ids: [...new Set(ids)].map(String) },
    );
    return new Map(data.curationSkusByIds.map((s) => [Number(s.id), s]));
  }
}
