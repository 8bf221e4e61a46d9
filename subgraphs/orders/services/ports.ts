import { ServiceClient } from '../../../core/service-client';

/** The checkout quote from tenants (prices at the current time, campaign applied). */
export interface CheckoutQuote {
  bankId: string;
  pointsPerYuan: number;
  maxPointsShareBp: number;
  /** The bank's IANA time zone, kept on the order for its report days and settlement month. */
  timeZone: string;
  lines: {
    listingId: string;
    skuId: string;
    quantity: number;
    priceMode: 'POINTS' | 'CASH' | 'POINTS_PLUS_CASH';
    unitPoints: number;
    unitFen: number;
    purchaseLimitPerCustomer: number | null;
    campaignId: string | null;
  }[];
}

export interface SkuFacts {
  id: string;
  supplierId: string;
  supplierPriceFen: number;
  kind: 'PHYSICAL' | 'VIRTUAL';
  title: string;
  status: string;
}

export interface ReservationResult {
  lines: { skuId: string; quantity: number; state: 'RESERVED' | 'COMMITTED' | 'RELEASED' }[];
}

export interface IssuedCardCode {
  skuId: string;
  codeId: string;
  expiresAt: string | null;
}

/** The supplier orders of one order that logistics is to stop from shipping. */
export interface FulfilmentCancellation {
  orderId: string;
  bankId: string;
  customerId: string;
  supplierOrders: { supplierOrderId: string; supplierId: string }[];
}

export interface HoldResult {
  state: 'HELD' | 'CAPTURED' | 'RELEASED';
  amount: number;
}

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
}

const RESERVATION_FIELDS = 'lines { skuId quantity state }';

export class RemoteSagaPorts implements SagaPorts {
  constructor(private readonly client = new ServiceClient('service', 'orders')) {}

  async priceCheckout(
    mallId: string,
    customerId: string,
    lines: { listingId: string; quantity: number }[],
  ): Promise<CheckoutQuote> {
    const data = await this.client.request<{ priceCheckout: CheckoutQuote }>(
      'tenants',
      `query($m: ID!, $c: ID!, $l: [PriceLineInput!]!) { priceCheckout(mallId: $m, customerId: $c, lines: $l) {
        bankId pointsPerYuan maxPointsShareBp timeZone
        lines { listingId skuId quantity priceMode unitPoints unitFen purchaseLimitPerCustomer campaignId } } }`,
      { m: mallId, c: customerId, l: lines },
    );
    return data.priceCheckout;
  }

  async skuFacts(skuIds: string[]): Promise<SkuFacts[]> {
    const data = await this.client.request<{ curationSkusByIds: SkuFacts[] }>(
      'catalog',
      'query($ids: [ID!]!) { curationSkusByIds(ids: $ids) { id supplierId supplierPriceFen kind title status } }',
      { ids: skuIds },
    );
    return data.curationSkusByIds;
  }

  async reserveStock(orderId: string, lines: { skuId: string; quantity: number }[]): Promise<ReservationResult> {
    const data = await this.client.request<{ reserveStock: ReservationResult }>(
      'catalog',
      `mutation($i: ReserveStockInput!) { reserveStock(input: $i) { ${RESERVATION_FIELDS} } }`,
      { i: { orderId, lines } },
    );
    return data.reserveStock;
  }

  async commitReservation(orderId: string): Promise<ReservationResult> {
    const data = await this.client.request<{ commitReservation: ReservationResult }>(
      'catalog',
      `mutation($i: OrderReservationInput!) { commitReservation(input: $i) { ${RESERVATION_FIELDS} } }`,
      { i: { orderId } },
    );
    return data.commitReservation;
  }

  async releaseReservation(orderId: string): Promise<ReservationResult> {
    const data = await this.client.request<{ releaseReservation: ReservationResult }>(
      'catalog',
      `mutation($i: OrderReservationInput!) { releaseReservation(input: $i) { ${RESERVATION_FIELDS} } }`,
      { i: { orderId } },
    );
    return data.releaseReservation;
  }

  async allocateCodes(orderId: string, lines: { skuId: string; quantity: number }[]): Promise<IssuedCardCode[]> {
    // The plaintext codes are not requested: they stay in the catalog until the customer reveals one.
    const data = await this.client.request<{ allocateCodes: { codes: IssuedCardCode[] } }>(
      'catalog',
      'mutation($i: AllocateCodesInput!) { allocateCodes(input: $i) { codes { skuId codeId expiresAt } } }',
      { i: { orderId, lines } },
    );
    return data.allocateCodes.codes;
  }

  async releaseCodes(orderId: string, returnToPool: boolean): Promise<number> {
    const data = await this.client.request<{ releaseCodes: { released: number } }>(
      'catalog',
      'mutation($i: ReleaseCodesInput!) { releaseCodes(input: $i) { released } }',
      { i: { orderId, returnToPool } },
    );
    return data.releaseCodes.released;
  }

  private async hold(mutation: string, args: string, vars: Record<string, unknown>): Promise<HoldResult> {
    const data = await this.client.request<Record<string, HoldResult>>(
      'loyalty',
      `mutation(${args}) { result: ${mutation} { state amount } }`,
      vars,
    );
    return data.result!;
  }

  holdPoints(orderId: string, bankId: string, customerId: string, amount: number): Promise<HoldResult> {
    return this.hold(
      'holdPoints(orderId: $o, bankId: $b, customerId: $c, amount: $a)',
      '$o: ID!, $b: ID!, $c: ID!, $a: PointsAmount!',
      { o: orderId, b: bankId, c: customerId, a: amount },
    );
  }

  capturePoints(orderId: string): Promise<HoldResult> {
    return this.hold('capturePoints(orderId: $o)', '$o: ID!', { o: orderId });
  }

  releasePoints(orderId: string): Promise<HoldResult> {
    return this.hold('releasePoints(orderId: $o)', '$o: ID!', { o: orderId });
  }

  refundPoints(orderId: string, amount: number, refundId: string): Promise<HoldResult> {
    return this.hold('refundPoints(orderId: $o, amount: $a, refundId: $r)', '$o: ID!, $a: PointsAmount!, $r: String!', {
      o: orderId,
      a: amount,
      r: refundId,
    });
  }

  async restock(orderId: string, refundId: string, lines: { skuId: string; quantity: number }[]): Promise<void> {
    await this.client.request('catalog', 'mutation($i: RestockInput!) { restock(input: $i) { changed } }', {
      i: { orderId, refundId, lines },
    });
  }

  async cancelFulfilments(order: FulfilmentCancellation): Promise<number> {
    const data = await this.client.request<{ cancelFulfilments: { cancelled: number } }>(
      'logistics',
      'mutation($i: CancelFulfilmentsInput!) { cancelFulfilments(input: $i) { cancelled } }',
      { i: order },
    );
    return data.cancelFulfilments.cancelled;
  }
}
