/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Physical goods ship; virtual cards are issued as codes. */
export type SkuKind =
  | 'PHYSICAL'
  | 'VIRTUAL';

/** What to look for in the shared pool. Every field narrows the result; omitted fields do not. */
export type SkuPoolFilter = {
  /** Any of these brands. */
  brandIds?: Array<string> | null | undefined;
  /** This category and all its descendants. */
  categoryId?: string | null | undefined;
  /** Only SKUs with available stock. */
  inStockOnly?: boolean | null | undefined;
  /** Physical or virtual only. */
  kind?: SkuKind | null | undefined;
  /** Supplier price at most this (fen). */
  maxSupplierPriceFen?: number | null | undefined;
  /** Supplier price at least this (fen). */
  minSupplierPriceFen?: number | null | undefined;
  /** Any of these suppliers. */
  supplierIds?: Array<string> | null | undefined;
  /** Words that must all appear in the title. */
  text?: string | null | undefined;
};

/** Whether banks may sell the SKU. */
export type SkuStatus =
  | 'ACTIVE'
  | 'INACTIVE';

export type CurationSkuFactsFragment = { id: string, supplierId: string, supplierPriceFen: number, listPriceFen: number, kind: SkuKind, status: SkuStatus, title: string, brandId: string | null, categoryPath: string | null, inStock: boolean | null, stockVersion: number | null };

export type CurationSkusQueryVariables = Exact<{
  filter: SkuPoolFilter;
  afterId?: string | null | undefined;
  limit: number;
}>;


export type CurationSkusQuery = { curationSkus: Array<{ id: string, supplierId: string, supplierPriceFen: number, listPriceFen: number, kind: SkuKind, status: SkuStatus, title: string, brandId: string | null, categoryPath: string | null, inStock: boolean | null, stockVersion: number | null }> };

export type CurationSkusByIdsQueryVariables = Exact<{
  ids: Array<string> | string;
}>;


export type CurationSkusByIdsQuery = { curationSkusByIds: Array<{ id: string, supplierId: string, supplierPriceFen: number, listPriceFen: number, kind: SkuKind, status: SkuStatus, title: string, brandId: string | null, categoryPath: string | null, inStock: boolean | null, stockVersion: number | null }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const CurationSkuFactsFragmentDoc = new TypedDocumentString(`
    fragment CurationSkuFacts on CurationSku {
  id
  supplierId
  supplierPriceFen
  listPriceFen
  kind
  status
  title
  brandId
  categoryPath
  inStock
  stockVersion
}
    `, {"fragmentName":"CurationSkuFacts"}) as unknown as TypedDocumentString<CurationSkuFactsFragment, unknown>;
export const CurationSkusDocument = new TypedDocumentString(`
    query CurationSkus($filter: SkuPoolFilter!, $afterId: ID, $limit: Int!) {
  curationSkus(filter: $filter, afterId: $afterId, limit: $limit) {
    ...CurationSkuFacts
  }
}
    fragment CurationSkuFacts on CurationSku {
  id
  supplierId
  supplierPriceFen
  listPriceFen
  kind
  status
  title
  brandId
  categoryPath
  inStock
  stockVersion
}`) as unknown as TypedDocumentString<CurationSkusQuery, CurationSkusQueryVariables>;
export const CurationSkusByIdsDocument = new TypedDocumentString(`
    query CurationSkusByIds($ids: [ID!]!) {
  curationSkusByIds(ids: $ids) {
    ...CurationSkuFacts
  }
}
    fragment CurationSkuFacts on CurationSku {
  id
  supplierId
  supplierPriceFen
  listPriceFen
  kind
  status
  title
  brandId
  categoryPath
  inStock
  stockVersion
}`) as unknown as TypedDocumentString<CurationSkusByIdsQuery, CurationSkusByIdsQueryVariables>;