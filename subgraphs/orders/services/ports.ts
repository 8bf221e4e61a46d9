import { ServiceClient } from '../../../core/service-client';
import {
  AllocateCodesDocument,
  CommitReservationDocument,
  ReleaseCodesDocument,
  ReleaseReservationDocument,
  ReserveStockDocument,
  RestockDocument,
  SkuFactsDocument,
  type AllocateCodesMutation,
  type ReservationFragment,
  type SkuFactsQuery,
} from '../../../codegen/generated/service/orders/catalog';
import {
  CancelFulfilmentsDocument,
  WithdrawFulfilmentUnitsDocument,
  type CancelFulfilmentsInput,
  type WithdrawFulfilmentUnitsInput,
} from '../../../codegen/generated/service/orders/logistics';
import {
  CapturePointsDocument,
  HoldPointsDocument,
  RefundPointsDocument,
  ReleasePointsDocument,
  type HoldFragment,
} from '../../../codegen/generated/service/orders/loyalty';
import {
  CustomerIdByRefDocument,
  PriceCheckoutDocument,
  ReleaseCampaignBudgetDocument,
  ReserveCampaignBudgetDocument,
  ReturnCampaignBudgetDocument,
  type PriceCheckoutQuery,
} from '../../../codegen/generated/service/orders/tenants';

// The shapes other subgraphs answer with are generated from their schemas (operations in ../operations,
// `npm run codegen`): a field renamed at the callee fails the typecheck here, not a saga at run time.

/** The checkout quote from tenants (prices at the current time, campaign applied; the bank's IANA time zone). */
export type CheckoutQuote = PriceCheckoutQuery['priceCheckout'];

export type SkuFacts = SkuFactsQuery['curationSkusByIds'][number];

export type ReservationResult = ReservationFragment;

export type IssuedCardCode = AllocateCodesMutation['allocateCodes']['codes'][number];

/** The supplier orders of one order that logistics is to stop from shipping. */
export type FulfilmentCancellation = CancelFulfilmentsInput;

export type HoldResult = HoldFragment;

/**
 * Everything the orders saga asks of other subgraphs, in one place. Each call is idempotent on the
 * order id at the other end. Failures come back as AppError (a definite answer: CONFLICT, NOT_FOUND,
 * BAD_USER_INPUT) or SubgraphUnavailableError (no answer: retry later, assume nothing).
 */
export interface SagaPorts {
  priceCheckout(
    mallId: string,
    customerId: string,
    lines: { listingId: string; quantity: number }[],
    voucherId?: string | null,
    /** Also what each of the customer's vouchers would take off (the preview). */
    withVoucherOptions?: boolean,
  ): Promise<CheckoutQuote>;
  skuFacts(skuIds: string[]): Promise<SkuFacts[]>;
  reserveStock(orderId: string, lines: { skuId: string; quantity: number }[]): Promise<ReservationResult>;
  commitReservation(orderId: string): Promise<ReservationResult>;
  releaseReservation(orderId: string): Promise<ReservationResult>;
  allocateCodes(orderId: string, lines: { skuId: string; quantity: number }[]): Promise<IssuedCardCode[]>;
  /** Withdraws an order's codes (back to the pool when they were never delivered); later allocations are refused. */
  releaseCodes(orderId: string, returnToPool: boolean): Promise<number>;
  holdPoints(orderId: string, bankId: string, customerId: string, amount: number): Promise<HoldResult>;
  capturePoints(orderId: string): Promise<HoldResult>;
  releasePoints(orderId: string): Promise<HoldResult>;
  refundPoints(orderId: string, amount: number, refundId: string): Promise<HoldResult>;
  restock(orderId: string, refundId: string, lines: { skuId: string; quantity: number }[]): Promise<void>;
  /** Logistics stops the supplier orders from shipping (all or none); CONFLICT once any has shipped. */
  cancelFulfilments(order: FulfilmentCancellation): Promise<number>;
  /**
   * Logistics withdraws units that have not shipped (all of them when `lines` is omitted), idempotent on
   * `withdrawalKey`; CONFLICT when fewer are unshipped. It reports the withdrawal through its outbox too.
   */
  withdrawFulfilmentUnits(
    input: WithdrawFulfilmentUnitsInput,
  ): Promise<{ lines: { orderLineId: string; quantity: number }[]; status: string }>;
  /** A bank's customer by the bank's own reference (null: none at that bank). */
  customerIdByRef(bankId: string, customerRef: string): Promise<string | null>;
  /**
   * Takes the subsidy of the order's campaign lines from their budgets, its quota units and its
   * voucher's use and discount: RESERVED, or RELEASED if given back first; CONFLICT when any ran out.
   */
  reserveCampaignBudget(
    orderId: string,
    lines: CampaignBudgetLine[],
    customerId?: string,
    quotas?: BenefitQuotaLine[],
    voucher?: VoucherUse | null,
  ): Promise<string>;
  /** Gives back all the campaign subsidy, quota units and voucher the order holds (a tombstone when none). */
  releaseCampaignBudget(orderId: string): Promise<string>;
  /** Gives back the subsidy and quota units of refunded units and their voucher share, once per refund. */
  returnCampaignBudget(
    orderId: string,
    refundId: string,
    lines: { listingId: string; quantity: number }[],
    voucherFen?: number,
  ): Promise<void>;
}

export interface VoucherUse {
  voucherId: string;
  discountFen: number;
}

export interface BenefitQuotaLine {
  ruleId: string;
  listingId: string;
  units: number;
  periodKey: string;
}

export interface CampaignBudgetLine {
  campaignId: string;
  listingId: string;
  quantity: number;
  unitSubsidyFen: number;
}

export class RemoteSagaPorts implements SagaPorts {
  constructor(private readonly client = new ServiceClient('service', 'orders')) {}

  async priceCheckout(
    mallId: string,
    customerId: string,
    lines: { listingId: string; quantity: number }[],
    voucherId: string | null = null,
    withVoucherOptions = false,
  ): Promise<CheckoutQuote> {
    const data = await this.client.request('tenants', PriceCheckoutDocument, {
      mallId,
      customerId,
      // Only what pricing needs (a checkout line also carries e.g. the recipient account).
      lines: lines.map((l) => ({ listingId: l.listingId, quantity: l.quantity })),
      withVoucherOptions,
      ...(voucherId ? { voucherId } : {}),
    });
    return data.priceCheckout;
  }

  async customerIdByRef(bankId: string, customerRef: string): Promise<string | null> {
    const data = await this.client.request('tenants', CustomerIdByRefDocument, { bankId, customerRef });
    return data.customerForPartnerApp?.id ?? null;
  }

  async skuFacts(skuIds: string[]): Promise<SkuFacts[]> {
    const data = await this.client.request('catalog', SkuFactsDocument, { ids: skuIds });
    return data.curationSkusByIds;
  }

  async reserveStock(orderId: string, lines: { skuId: string; quantity: number }[]): Promise<ReservationResult> {
    const data = await this.client.request('catalog', ReserveStockDocument, { input: { orderId, lines } });
    return data.reserveStock;
  }

  async commitReservation(orderId: string): Promise<ReservationResult> {
    const data = await this.client.request('catalog', CommitReservationDocument, { input: { orderId } });
    return data.commitReservation;
  }

  async releaseReservation(orderId: string): Promise<ReservationResult> {
    const data = await this.client.request('catalog', ReleaseReservationDocument, { input: { orderId } });
    return data.releaseReservation;
  }

  async allocateCodes(orderId: string, lines: { skuId: string; quantity: number }[]): Promise<IssuedCardCode[]> {
    const data = await this.client.request('catalog', AllocateCodesDocument, { input: { orderId, lines } });
    return data.allocateCodes.codes;
  }

  async releaseCodes(orderId: string, returnToPool: boolean): Promise<number> {
    const data = await this.client.request('catalog', ReleaseCodesDocument, { input: { orderId, returnToPool } });
    return data.releaseCodes.released;
  }

  async holdPoints(orderId: string, bankId: string, customerId: string, amount: number): Promise<HoldResult> {
    const data = await this.client.request('loyalty', HoldPointsDocument, { orderId, bankId, customerId, amount });
    return data.holdPoints;
  }

  async capturePoints(orderId: string): Promise<HoldResult> {
    return (await this.client.request('loyalty', CapturePointsDocument, { orderId })).capturePoints;
  }

  async releasePoints(orderId: string): Promise<HoldResult> {
    return (await this.client.request('loyalty', ReleasePointsDocument, { orderId })).releasePoints;
  }

  async refundPoints(orderId: string, amount: number, refundId: string): Promise<HoldResult> {
    const data = await this.client.request('loyalty', RefundPointsDocument, { orderId, amount, refundId });
    return data.refundPoints;
  }

  async restock(orderId: string, refundId: string, lines: { skuId: string; quantity: number }[]): Promise<void> {
    await this.client.request('catalog', RestockDocument, { input: { orderId, refundId, lines } });
  }

  async cancelFulfilments(order: FulfilmentCancellation): Promise<number> {
    const data = await this.client.request('logistics', CancelFulfilmentsDocument, { input: order });
    return data.cancelFulfilments.cancelled;
  }

  async withdrawFulfilmentUnits(
    input: WithdrawFulfilmentUnitsInput,
  ): Promise<{ lines: { orderLineId: string; quantity: number }[]; status: string }> {
    const data = await this.client.request('logistics', WithdrawFulfilmentUnitsDocument, { input });
    return data.withdrawFulfilmentUnits;
  }

  async reserveCampaignBudget(
    orderId: string,
    lines: CampaignBudgetLine[],
    customerId?: string,
    quotas: BenefitQuotaLine[] = [],
    voucher: VoucherUse | null = null,
  ): Promise<string> {
    const data = await this.client.request('tenants', ReserveCampaignBudgetDocument, {
      orderId,
      lines,
      ...(quotas.length || voucher ? { customerId } : {}),
      ...(quotas.length ? { quotas } : {}),
      ...(voucher ? { voucher } : {}),
    });
    return data.reserveCampaignBudget;
  }

  async releaseCampaignBudget(orderId: string): Promise<string> {
    return (await this.client.request('tenants', ReleaseCampaignBudgetDocument, { orderId })).releaseCampaignBudget;
  }

  async returnCampaignBudget(
    orderId: string,
    refundId: string,
    lines: { listingId: string; quantity: number }[],
    voucherFen = 0,
  ): Promise<void> {
    await this.client.request('tenants', ReturnCampaignBudgetDocument, {
      orderId,
      returnKey: `refund-${refundId}`,
      lines,
      ...(voucherFen > 0 ? { voucherFen } : {}),
    });
  }
}
