/**
 * Who is looking at a mall decides what it shows. Staff (bank, platform, services) see every
 * listing; shoppers — customers, and partner apps browsing without a customer — see only what is
 * buyable now for their tier and segments.
 */
export type Audience =
  { kind: 'STAFF' } | { kind: 'SHOPPER'; customerId: number | null; tierId: number | null; segmentIds: number[] };

export const ANONYMOUS_SHOPPER: Audience = { kind: 'SHOPPER', customerId: null, tierId: null, segmentIds: [] };
