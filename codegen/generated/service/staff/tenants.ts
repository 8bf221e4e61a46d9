/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** An approved campaign launch (internal). */
export type ApplyApprovedCampaignLaunchInput = {
  /** The approval request. */
  approvalRequestId: string;
  /** The bank the request was made in. */
  bankId: string;
  /** The budget the checker approved (null: no cap). */
  budgetFen?: number | null | undefined;
  campaignId: string;
  /** Who asked for it (their token subject). */
  makerSub: string;
};

/** An approved below-cost listing price (internal). */
export type ApplyApprovedListingPriceInput = {
  /** The approval request. */
  approvalRequestId: string;
  /** The bank the request was made in. */
  bankId: string;
  listingId: string;
  /** Who asked for it (their token subject). */
  makerSub: string;
  priceFen?: number | null | undefined;
  priceMode?: PriceMode | null | undefined;
  pricePoints?: number | null | undefined;
};

/** An approved listing's tier prices, some below cost (internal). */
export type ApplyApprovedListingTierPricesInput = {
  /** The approval request. */
  approvalRequestId: string;
  /** The bank the request was made in. */
  bankId: string;
  listingId: string;
  /** Who asked for it (their token subject). */
  makerSub: string;
  /** The tier prices the checker approved, at most 20. */
  prices: Array<TierPriceInput>;
};

/** An approved partner app (internal). */
export type ApplyApprovedPartnerAppInput = {
  /** The approval request. */
  approvalRequestId: string;
  /** The bank the request was made in. */
  bankId: string;
  /** Who asked for it (their token subject). */
  makerSub: string;
  name: string;
  safelistOnly?: boolean | null | undefined;
};

/** How a listing is paid for: points only, cash only (fen), or points plus cash. */
export type PriceMode =
  | 'CASH'
  | 'POINTS'
  | 'POINTS_PLUS_CASH';

/** One tier's price for a listing. */
export type TierPriceInput = {
  /** Cash part, in fen. */
  priceFen: number;
  /** How the tier price is paid. */
  priceMode: PriceMode;
  /** Points part (0 with 0 fen: free, for listings with a purchase limit or a QUOTA benefit rule covering them). */
  pricePoints: number;
  /** A tier of the listing's bank. */
  tierId: string;
};

export type SsoBankQueryVariables = Exact<{
  bankId: string;
}>;


export type SsoBankQuery = { bank: { id: string, code: string } };

export type ListingBankQueryVariables = Exact<{
  id: string;
}>;


export type ListingBankQuery = { listing: { id: string, mall: { bank: { id: string } } } };

export type ApplyApprovedListingPriceMutationVariables = Exact<{
  input: ApplyApprovedListingPriceInput;
}>;


export type ApplyApprovedListingPriceMutation = { applyApprovedListingPrice: { id: string } };

export type ApplyApprovedListingTierPricesMutationVariables = Exact<{
  input: ApplyApprovedListingTierPricesInput;
}>;


export type ApplyApprovedListingTierPricesMutation = { applyApprovedListingTierPrices: { id: string } };

export type ApplyApprovedCampaignLaunchMutationVariables = Exact<{
  input: ApplyApprovedCampaignLaunchInput;
}>;


export type ApplyApprovedCampaignLaunchMutation = { applyApprovedCampaignLaunch: { id: string } };

export type ApplyApprovedPartnerAppMutationVariables = Exact<{
  input: ApplyApprovedPartnerAppInput;
}>;


export type ApplyApprovedPartnerAppMutation = { applyApprovedPartnerApp: { id: string, clientId: string } };

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

export const SsoBankDocument = new TypedDocumentString(`
    query SsoBank($bankId: ID!) {
  bank(id: $bankId) {
    id
    code
  }
}
    `) as unknown as TypedDocumentString<SsoBankQuery, SsoBankQueryVariables>;
export const ListingBankDocument = new TypedDocumentString(`
    query ListingBank($id: ID!) {
  listing(id: $id) {
    id
    mall {
      bank {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ListingBankQuery, ListingBankQueryVariables>;
export const ApplyApprovedListingPriceDocument = new TypedDocumentString(`
    mutation ApplyApprovedListingPrice($input: ApplyApprovedListingPriceInput!) {
  applyApprovedListingPrice(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ApplyApprovedListingPriceMutation, ApplyApprovedListingPriceMutationVariables>;
export const ApplyApprovedListingTierPricesDocument = new TypedDocumentString(`
    mutation ApplyApprovedListingTierPrices($input: ApplyApprovedListingTierPricesInput!) {
  applyApprovedListingTierPrices(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ApplyApprovedListingTierPricesMutation, ApplyApprovedListingTierPricesMutationVariables>;
export const ApplyApprovedCampaignLaunchDocument = new TypedDocumentString(`
    mutation ApplyApprovedCampaignLaunch($input: ApplyApprovedCampaignLaunchInput!) {
  applyApprovedCampaignLaunch(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ApplyApprovedCampaignLaunchMutation, ApplyApprovedCampaignLaunchMutationVariables>;
export const ApplyApprovedPartnerAppDocument = new TypedDocumentString(`
    mutation ApplyApprovedPartnerApp($input: ApplyApprovedPartnerAppInput!) {
  applyApprovedPartnerApp(input: $input) {
    id
    clientId
  }
}
    `) as unknown as TypedDocumentString<ApplyApprovedPartnerAppMutation, ApplyApprovedPartnerAppMutationVariables>;