/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Who pays a discount: the bank, the supplier, or both (the bank's share in basis points). */
export type BenefitFunding =
  | 'BANK'
  | 'SHARED'
  | 'SUPPLIER';

/** Internal (orders): quota units one order line uses. */
export type BenefitQuotaLineInput = {
  /** The listing. */
  listingId: string;
  /** The period the quote counted them in ('2026-11', '2026-Q4', '2026'). */
  periodKey: string;
  /** The QUOTA rule. */
  ruleId: string;
  /** Units of the quota used. */
  units: number;
};

/** Internal (orders): one order line sold at a campaign price. */
export type CampaignBudgetLineInput = {
  /** The campaign whose price applied. */
  campaignId: string;
  /** The listing. */
  listingId: string;
  /** Units. */
  quantity: number;
  /** Subsidy per unit in fen, as priceCheckout quoted it. */
  unitSubsidyFen: number;
};

/** Internal (orders): units of an order line refunded. */
export type CampaignBudgetReturnLineInput = {
  /** The listing. */
  listingId: string;
  /** Units refunded. */
  quantity: number;
};

/** Internal (orders): units of one listing in a paid order or a refund. */
export type ListingUnitsInput = {
  /** The listing. */
  listingId: string;
  /** Units paid for (or refunded). */
  quantity: number;
};

/** Internal (orders): one line to price. */
export type PriceLineInput = {
  /** The listing. */
  listingId: string;
  /** Units. */
  quantity: number;
};

/** How a listing is paid for: points only, cash only (fen), or points plus cash. */
export type PriceMode =
  | 'CASH'
  | 'POINTS'
  | 'POINTS_PLUS_CASH';

/** Internal (orders): the voucher an order used. */
export type VoucherUseInput = {
  /** What it took off the order, as priceCheckout quoted it. */
  discountFen: number;
  /** The voucher. */
  voucherId: string;
};

export type PriceCheckoutQueryVariables = Exact<{
  mallId: string;
  customerId: string;
  lines: Array<PriceLineInput> | PriceLineInput;
  voucherId?: string | null | undefined;
  withVoucherOptions: boolean;
}>;


export type PriceCheckoutQuery = { priceCheckout: { bankId: string, pointsPerYuan: number, maxPointsShareBp: number, timeZone: string, tierId: string | null, freeShipping: boolean, voucherId: string | null, voucherDiscountFen: number, lines: Array<{ listingId: string, skuId: string, quantity: number, priceMode: PriceMode, unitPoints: number, unitFen: number, purchaseLimitPerCustomer: number | null, campaignId: string | null, campaignSubsidyFen: number, campaignSupplierFundedFen: number, discountFen: number, discountPoints: number, quotaRuleId: string | null, quotaUnits: number, quotaPeriodKey: string | null, discounts: Array<{ source: string, ruleId: string, fen: number, points: number, fundedBy: BenefitFunding, bankShareBp: number }> }>, discounts: Array<{ source: string, ruleId: string, fen: number, points: number, fundedBy: BenefitFunding, bankShareBp: number }>, voucherOptions?: Array<{ voucherId: string, name: string, discountFen: number, minSpendFen: number, usesLeft: number, endsAt: string }> } };

export type QuotedDiscountPartsFragment = { source: string, ruleId: string, fen: number, points: number, fundedBy: BenefitFunding, bankShareBp: number };

export type ReserveCampaignBudgetMutationVariables = Exact<{
  orderId: string;
  lines: Array<CampaignBudgetLineInput> | CampaignBudgetLineInput;
  customerId?: string | null | undefined;
  quotas?: Array<BenefitQuotaLineInput> | BenefitQuotaLineInput | null | undefined;
  voucher?: VoucherUseInput | null | undefined;
}>;


export type ReserveCampaignBudgetMutation = { reserveCampaignBudget: string };

export type ReleaseCampaignBudgetMutationVariables = Exact<{
  orderId: string;
}>;


export type ReleaseCampaignBudgetMutation = { releaseCampaignBudget: string };

export type ReturnCampaignBudgetMutationVariables = Exact<{
  orderId: string;
  returnKey: string;
  lines: Array<CampaignBudgetReturnLineInput> | CampaignBudgetReturnLineInput;
  voucherFen?: number | null | undefined;
}>;


export type ReturnCampaignBudgetMutation = { returnCampaignBudget: boolean };

export type CustomerIdByRefQueryVariables = Exact<{
  bankId: string;
  customerRef: string;
}>;


export type CustomerIdByRefQuery = { customerForPartnerApp: { id: string } | null };

export type RecordListingSalesMutationVariables = Exact<{
  orderId: string;
  lines: Array<ListingUnitsInput> | ListingUnitsInput;
}>;


export type RecordListingSalesMutation = { recordListingSales: boolean };

export type RecordListingRefundMutationVariables = Exact<{
  refundId: string;
  orderId: string;
  lines: Array<ListingUnitsInput> | ListingUnitsInput;
}>;


export type RecordListingRefundMutation = { recordListingRefund: boolean };

export type SettlementBankNameQueryVariables = Exact<{
  id?: string | null | undefined;
}>;


export type SettlementBankNameQuery = { bank: { name: string } };

export type BankSettlementTermsQueryVariables = Exact<{
  bankId: string;
}>;


export type BankSettlementTermsQuery = { bank: { id: string, timeZone: string, settlementTermDays: number } };

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
export const QuotedDiscountPartsFragmentDoc = new TypedDocumentString(`
    fragment QuotedDiscountParts on QuotedDiscount {
  source
  ruleId
  fen
  points
  fundedBy
  bankShareBp
}
    `, {"fragmentName":"QuotedDiscountParts"}) as unknown as TypedDocumentString<QuotedDiscountPartsFragment, unknown>;
export const PriceCheckoutDocument = new TypedDocumentString(`
    query PriceCheckout($mallId: ID!, $customerId: ID!, $lines: [PriceLineInput!]!, $voucherId: ID, $withVoucherOptions: Boolean!) {
  priceCheckout(
    mallId: $mallId
    customerId: $customerId
    lines: $lines
    voucherId: $voucherId
    withVoucherOptions: $withVoucherOptions
  ) {
    bankId
    pointsPerYuan
    maxPointsShareBp
    timeZone
    tierId
    freeShipping
    lines {
      listingId
      skuId
      quantity
      priceMode
      unitPoints
      unitFen
      purchaseLimitPerCustomer
      campaignId
      campaignSubsidyFen
      campaignSupplierFundedFen
      discountFen
      discountPoints
      discounts {
        ...QuotedDiscountParts
      }
      quotaRuleId
      quotaUnits
      quotaPeriodKey
    }
    discounts {
      ...QuotedDiscountParts
    }
    voucherId
    voucherDiscountFen
    voucherOptions @include(if: $withVoucherOptions) {
      voucherId
      name
      discountFen
      minSpendFen
      usesLeft
      endsAt
    }
  }
}
    fragment QuotedDiscountParts on QuotedDiscount {
  source
  ruleId
  fen
  points
  fundedBy
  bankShareBp
}`) as unknown as TypedDocumentString<PriceCheckoutQuery, PriceCheckoutQueryVariables>;
export const ReserveCampaignBudgetDocument = new TypedDocumentString(`
    mutation ReserveCampaignBudget($orderId: ID!, $lines: [CampaignBudgetLineInput!]!, $customerId: ID, $quotas: [BenefitQuotaLineInput!], $voucher: VoucherUseInput) {
  reserveCampaignBudget(
    orderId: $orderId
    lines: $lines
    customerId: $customerId
    quotas: $quotas
    voucher: $voucher
  )
}
    `) as unknown as TypedDocumentString<ReserveCampaignBudgetMutation, ReserveCampaignBudgetMutationVariables>;
export const ReleaseCampaignBudgetDocument = new TypedDocumentString(`
    mutation ReleaseCampaignBudget($orderId: ID!) {
  releaseCampaignBudget(orderId: $orderId)
}
    `) as unknown as TypedDocumentString<ReleaseCampaignBudgetMutation, ReleaseCampaignBudgetMutationVariables>;
export const ReturnCampaignBudgetDocument = new TypedDocumentString(`
    mutation ReturnCampaignBudget($orderId: ID!, $returnKey: String!, $lines: [CampaignBudgetReturnLineInput!]!, $voucherFen: FenAmount) {
  returnCampaignBudget(
    orderId: $orderId
    returnKey: $returnKey
    lines: $lines
    voucherFen: $voucherFen
  )
}
    `) as unknown as TypedDocumentString<ReturnCampaignBudgetMutation, ReturnCampaignBudgetMutationVariables>;
export const CustomerIdByRefDocument = new TypedDocumentString(`
    query CustomerIdByRef($bankId: ID!, $customerRef: String!) {
  customerForPartnerApp(bankId: $bankId, customerRef: $customerRef) {
    id
  }
}
    `) as unknown as TypedDocumentString<CustomerIdByRefQuery, CustomerIdByRefQueryVariables>;
export const RecordListingSalesDocument = new TypedDocumentString(`
    mutation RecordListingSales($orderId: ID!, $lines: [ListingUnitsInput!]!) {
  recordListingSales(orderId: $orderId, lines: $lines)
}
    `) as unknown as TypedDocumentString<RecordListingSalesMutation, RecordListingSalesMutationVariables>;
export const RecordListingRefundDocument = new TypedDocumentString(`
    mutation RecordListingRefund($refundId: ID!, $orderId: ID!, $lines: [ListingUnitsInput!]!) {
  recordListingRefund(refundId: $refundId, orderId: $orderId, lines: $lines)
}
    `) as unknown as TypedDocumentString<RecordListingRefundMutation, RecordListingRefundMutationVariables>;
export const SettlementBankNameDocument = new TypedDocumentString(`
    query SettlementBankName($id: ID) {
  bank(id: $id) {
    name
  }
}
    `) as unknown as TypedDocumentString<SettlementBankNameQuery, SettlementBankNameQueryVariables>;
export const BankSettlementTermsDocument = new TypedDocumentString(`
    query BankSettlementTerms($bankId: ID!) {
  bank(id: $bankId) {
    id
    timeZone
    settlementTermDays
  }
}
    `) as unknown as TypedDocumentString<BankSettlementTermsQuery, BankSettlementTermsQueryVariables>;