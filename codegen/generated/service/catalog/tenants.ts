/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type RefreshSkuAvailabilityMutationVariables = Exact<{
  skuIds: Array<string> | string;
}>;


export type RefreshSkuAvailabilityMutation = { refreshSkuAvailability: number };

export type GuardListingPricesMutationVariables = Exact<{
  skuIds: Array<string> | string;
  priceChangeKey: string;
}>;


export type GuardListingPricesMutation = { guardListingPrices: number };

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

export const RefreshSkuAvailabilityDocument = new TypedDocumentString(`
    mutation RefreshSkuAvailability($skuIds: [ID!]!) {
  refreshSkuAvailability(skuIds: $skuIds)
}
    `) as unknown as TypedDocumentString<RefreshSkuAvailabilityMutation, RefreshSkuAvailabilityMutationVariables>;
export const GuardListingPricesDocument = new TypedDocumentString(`
    mutation GuardListingPrices($skuIds: [ID!]!, $priceChangeKey: String!) {
  guardListingPrices(skuIds: $skuIds, priceChangeKey: $priceChangeKey)
}
    `) as unknown as TypedDocumentString<GuardListingPricesMutation, GuardListingPricesMutationVariables>;