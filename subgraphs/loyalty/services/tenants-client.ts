import { ServiceClient } from '../../../core/service-client';

/** What loyalty asks the tenants subgraph (which owns customers, segments and tiers). */
export class TenantsClient {
  constructor(private readonly client = new ServiceClient('service', 'loyalty')) {}

  async customerIdByRef(bankId: number, customerRef: string): Promise<number | null> {
    const data = await this.client.request<{ customerForPartnerApp: { id: string } | null }>(
      'tenants',
      'query($bankId: ID!, $ref: String!) { customerForPartnerApp(bankId: $bankId, customerRef: $ref) { id } }',
      { bankId: String(bankId), ref: customerRef },
    );
    return data.customerForPartnerApp ? Number(data.customerForPartnerApp.id) : null;
  }

  /** The bank of each customer that exists (tenants owns customers; unknown ids are absent). */
  async banksOf(customerIds: number[]): Promise<Map<number, number>> {
    if (customerIds.length === 0) return new Map();
    const data = await this.client.request<{ customerBanks: { customerId: string; bankId: string }[] }>(
      'tenants',
      'query($ids: [ID!]!) { customerBanks(customerIds: $ids) { customerId bankId } }',
      { ids: customerIds.map(String) },
    );
    return new Map(data.customerBanks.map((c) => [Number(c.customerId), Number(c.bankId)]));
  }

  /** The subset of `segmentIds` the customer belongs to now. */
  async segmentsOf(customerId: number, segmentIds: number[]): Promise<Set<number>> {
    if (segmentIds.length === 0) return new Set();
    const data = await this.client.request<{ segmentMembership: string[] }>(
      'tenants',
      'query($c: ID!, $s: [ID!]!) { segmentMembership(customerId: $c, segmentIds: $s) }',
      { c: String(customerId), s: segmentIds.map(String) },
    );
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
  ): Promise<{ tierName: string | null; changed: boolean; applied: boolean; tierPointsVersion: string | null }> {
    const data = await this.client.request<{
      applyTierPoints: {
        tierName: string | null;
        changed: boolean;
        applied: boolean;
        tierPointsVersion: string | null;
      };
    }>(
      'tenants',
      'mutation($c: ID!, $p: SafeInt!, $v: ID!) { applyTierPoints(customerId: $c, tierPoints: $p, tierPointsVersion: $v) { tierName changed applied tierPointsVersion } }',
      { c: String(customerId), p: tierPoints, v: String(version) },
    );
    return data.applyTierPoints;
  }
}
