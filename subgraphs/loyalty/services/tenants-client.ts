import { ServiceClient } from '../../../core/service-client';
import {
  ApplyTierPointsDocument,
  CustomerBanksDocument,
  CustomerByRefDocument,
  SegmentMembershipDocument,
  type ApplyTierPointsMutation,
} from '../../../codegen/generated/service/loyalty/tenants';

/** What loyalty asks the tenants subgraph (which owns customers, segments and tiers). */
export class TenantsClient {
  constructor(private readonly client = new ServiceClient('service', 'loyalty')) {}

  async customerIdByRef(bankId: number, customerRef: string): Promise<number | null> {
    const data = await this.client.request('tenants', CustomerByRefDocument, { bankId: String(bankId), customerRef });
    return data.customerForPartnerApp ? Number(data.customerForPartnerApp.id) : null;
  }

  /** The bank of each customer that exists (tenants owns customers; unknown ids are absent). */
  async banksOf(customerIds: number[]): Promise<Map<number, number>> {
    if (customerIds.length === 0) return new Map();
    const data = await this.client.request('tenants', CustomerBanksDocument, { customerIds: customerIds.map(String) });
    return new Map(data.customerBanks.map((c) => [Number(c.customerId), Number(c.bankId)]));
  }

  /** The subset of `segmentIds` the customer belongs to now. */
  async segmentsOf(customerId: number, segmentIds: number[]): Promise<Set<number>> {
    if (segmentIds.length === 0) return new Set();
    const data = await this.client.request('tenants', SegmentMembershipDocument, {
      customerId: String(customerId),
      segmentIds: segmentIds.map(String),
    });
    return new Set(data.segmentMembership.map(Number));
  }

  /**
   * Tenants owns tier thresholds: it decides the tier for these tier points and records it, unless
   * it has already applied a newer `version` (then it answers with the tier it holds and that version).
   */
  async applyTierPoints(
    customerId: number,
    tierPoints: number,
    version: number,
  ): Promise<ApplyTierPointsMutation['applyTierPoints']> {
    const data = await this.client.request('tenants', ApplyTierPointsDocument, {
      customerId: String(customerId),
      tierPoints,
      tierPointsVersion: String(version),
    });
    return data.applyTierPoints;
  }
}
