import { ServiceClient } from '../../../core/service-client';
import {
  ApplyTierPointsDocument,
  CustomerBanksDocument,
  CustomerByRefDocument,
  CustomersByRefsDocument,
  LiabilityBankTermsDocument,
  SegmentMembershipsDocument,
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

  /** The bank's customers with these references (1,000 per call), by reference; unknown ones are absent. */
  async customerIdsByRefs(bankId: number, customerRefs: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const refs = [...new Set(customerRefs)];
    for (let i = 0; i < refs.length; i += 1000) {
      const data = await this.client.request('tenants', CustomersByRefsDocument, {
        bankId: String(bankId),
        customerRefs: refs.slice(i, i + 1000),
      });
      for (const m of data.customersByRefs) out.set(m.customerRef, Number(m.customerId));
    }
    return out;
  }

  /** For each of these customers, which of `segmentIds` they belong to now (absent: none). */
  async segmentsOfMany(customerIds: number[], segmentIds: number[]): Promise<Map<number, Set<number>>> {
    const out = new Map<number, Set<number>>();
    if (segmentIds.length === 0) return out;
    const ids = [...new Set(customerIds)];
    for (let i = 0; i < ids.length; i += 1000) {
      const data = await this.client.request('tenants', SegmentMembershipsDocument, {
        customerIds: ids.slice(i, i + 1000).map(String),
        segmentIds: segmentIds.map(String),
      });
      for (const p of data.segmentMemberships) {
        const c = Number(p.customerId);
        if (!out.has(c)) out.set(c, new Set());
        out.get(c)!.add(Number(p.segmentId));
      }
    }
    return out;
  }

  /** The bank of each customer that exists (tenants owns customers; unknown ids are absent). */
  async banksOf(customerIds: number[]): Promise<Map<number, number>> {
    if (customerIds.length === 0) return new Map();
    const data = await this.client.request('tenants', CustomerBanksDocument, { customerIds: customerIds.map(String) });
    return new Map(data.customerBanks.map((c) => [Number(c.customerId), Number(c.bankId)]));
  }

  /** What a point of the bank is worth (points per CNY) and its time zone; tenants owns both. */
  async bankTerms(bankId: number): Promise<{ pointsPerYuan: number; timeZone: string }> {
    const data = await this.client.request('tenants', LiabilityBankTermsDocument, { bankId: String(bankId) });
    return { pointsPerYuan: data.bank.pointsPerYuan, timeZone: data.bank.timeZone };
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
