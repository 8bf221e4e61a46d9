import { raw, type SqlEntityManager } from '@mikro-orm/knex';
import { hasRole, isCustomer } from '../../core/identity';
import { byId, groupedBy, numericIds, pagesPerParent } from '../../core/loaders';
import type { Connection } from '../../core/pagination';
import type { SubgraphContext } from '../../core/subgraph';
import { Bank } from './entities/bank';
import { BenefitRuleListing } from './entities/benefit-rule';
import { Campaign, CampaignSegment, CampaignTier } from './entities/campaign';
import { Customer, CustomerTag } from './entities/customer';
import { Listing, ListingSegment, ListingTier, ListingTierPrice, PriceMode } from './entities/listing';
import { Mall } from './entities/mall';
import { CustomerSegment, Segment } from './entities/segment';
import { Tier, TierChange } from './entities/tier';
import { ANONYMOUS_SHOPPER, type Audience } from './services/audience';
import type { TierPriceRow } from './services/tier-pricing';
import { applyEligibility, bestCampaignPrices, campaignPriceSql, type CampaignPriceRow } from './services/eligibility';

/** One clock reading per request, so every field of a response agrees on "now". */
const clocks = new WeakMap<object, Date>();
const audiences = new WeakMap<object, Promise<Audience>>();

export function requestNow(ctx: SubgraphContext): Date {
  let now = clocks.get(ctx.loaders);
  if (!now) {
    now = new Date();
    clocks.set(ctx.loaders, now);
  }
  return now;
}

/** The tenants subgraph's per-request loaders: one SQL statement per kind per request. */
export function tenantsLoaders(ctx: SubgraphContext) {
  return ctx.loaders.memo(tenantsLoaders, () => buildTenantsLoaders(ctx));
}

function buildTenantsLoaders(ctx: SubgraphContext) {
  const { em, loaders } = ctx;
  const sql = em as SqlEntityManager;
  const self = {
    bank: loaders.one('Bank', byId(em, Bank, {}, { plain: true })),
    mall: loaders.one('Mall', byId(em, Mall, {}, { plain: true })),
    listing: loaders.one('Listing', byId(em, Listing, {}, { plain: true })),
    customer: loaders.one('Customer', byId(em, Customer, {}, { plain: true })),
    tier: loaders.one('Tier', byId(em, Tier, {}, { plain: true })),
    /** Customers by `JSON.stringify([bankId, externalRef])` (the unique key): one statement per request. */
    customerByRef: loaders.one<Customer>('CustomerByRef', async (keys) => {
      const pairs = keys.map((k) => JSON.parse(k) as [number, string]);
      const out = new Map<string, Customer>();
      if (pairs.length === 0) return out;
      const rows = await em.find(
        Customer,
        { $or: pairs.map(([bankId, externalRef]) => ({ bankId, externalRef })) },
        { orderBy: { id: 'ASC' } },
      );
      for (const c of rows) out.set(JSON.stringify([c.bankId, c.externalRef]), c);
      return out;
    }),
    segment: loaders.one('Segment', byId(em, Segment, {}, { plain: true })),
    campaign: loaders.one('Campaign', byId(em, Campaign)),
    listingsOfBenefitRule: loaders.many(
      'ListingsOfBenefitRule',
      groupedBy(em, BenefitRuleListing, 'ruleId', { orderBy: { listingId: 'ASC' } }),
    ),
    /** A page of tier changes per customer, newest first (`pageKey`): one statement for every customer of a request. */
    tierChangesOfCustomer: loaders.one<Connection<TierChange>>(
      'TierChangesOfCustomer',
      pagesPerParent(sql, TierChange, {
        parentField: 'customerId',
        order: [{ field: 'id', direction: 'DESC' }],
        cursorOf: (c) => [c.id],
      }),
    ),
    tiersOfBank: loaders.many('TiersOfBank', groupedBy(em, Tier, 'bankId', { orderBy: { rank: 'ASC' } })),
    malls: loaders.many('MallsOfBank', async (keys) => {
      const rows = await em.find(Mall, { bank: { $in: numericIds(keys) } }, { orderBy: { id: 'ASC' } });
      const out = new Map<string, Mall[]>();
      for (const m of rows) out.set(String(m.bank.id), [...(out.get(String(m.bank.id)) ?? []), m]);
      return out;
    }),
    segmentIdsOfCustomer: loaders.many('SegmentIdsOfCustomer', async (keys) => {
      const rows = await groupedBy(em, CustomerSegment, 'customerId', { orderBy: { segmentId: 'ASC' } })(keys);
      return new Map([...rows].map(([k, list]) => [k, list.map((r) => r.segmentId)]));
    }),
    segmentMemberCount: loaders.one('SegmentMemberCount', async (keys) => {
      const ids = numericIds(keys);
      const out = new Map<string, number>(ids.map((id) => [String(id), 0]));
      if (ids.length === 0) return out;
      const rows = await sql
        .createQueryBuilder(CustomerSegment, 'cs')
        .select(['cs.segment_id', raw('count(*) as n')])
        .where({ segmentId: { $in: ids } })
        .groupBy('cs.segment_id')
        .execute<{ segment_id: number; n: number | string }[]>('all', false);
      for (const r of rows) out.set(String(r.segment_id), Number(r.n));
      return out;
    }),
    tierIdsOfCampaign: loaders.many('TierIdsOfCampaign', async (keys) => {
      const rows = await groupedBy(em, CampaignTier, 'campaignId', { orderBy: { tierId: 'ASC' } })(keys);
      return new Map([...rows].map(([k, list]) => [k, list.map((r) => r.tierId)]));
    }),
    segmentIdsOfCampaign: loaders.many('SegmentIdsOfCampaign', async (keys) => {
      const rows = await groupedBy(em, CampaignSegment, 'campaignId', { orderBy: { segmentId: 'ASC' } })(keys);
      return new Map([...rows].map(([k, list]) => [k, list.map((r) => r.segmentId)]));
    }),
    tagsOfCustomer: loaders.many('TagsOfCustomer', async (keys) => {
      const rows = await groupedBy(em, CustomerTag, 'customerId', { orderBy: { tag: 'ASC' } })(keys);
      return new Map([...rows].map(([k, list]) => [k, list.map((r) => r.tag)]));
    }),
    tierIdsOfListing: loaders.many('TierIdsOfListing', async (keys) => {
      const rows = await groupedBy(em, ListingTier, 'listingId', { orderBy: { tierId: 'ASC' } })(keys);
      return new Map([...rows].map(([k, list]) => [k, list.map((r) => r.tierId)]));
    }),
    segmentIdsOfListing: loaders.many('SegmentIdsOfListing', async (keys) => {
      const rows = await groupedBy(em, ListingSegment, 'listingId', { orderBy: { segmentId: 'ASC' } })(keys);
      return new Map([...rows].map(([k, list]) => [k, list.map((r) => r.segmentId)]));
    }),

    /** Who is looking (see Audience); computed once per request. */
    audience(): Promise<Audience> {
      let a = audiences.get(loaders);
      if (!a) {
        a = (async (): Promise<Audience> => {
          const p = ctx.principal;
          if (hasRole(p, 'PARTNER_APP')) return ANONYMOUS_SHOPPER;
          if (!isCustomer(p)) return { kind: 'STAFF' };
          const customer = await self.customer.load(p.customerId!);
          if (!customer || String(customer.bankId) !== p.bankId) return ANONYMOUS_SHOPPER;
          const segmentIds = await self.segmentIdsOfCustomer.load(customer.id);
          return { kind: 'SHOPPER', customerId: customer.id, tierId: customer.tierId ?? null, segmentIds };
        })();
        audiences.set(loaders, a);
      }
      return a;
    },

    /**
     * Listings by id as this caller may see them: staff get any of their bank's (the tenancy check
     * is the caller's), shoppers only those eligible now — the same rule as the mall page.
     */
    visibleListing: loaders.one('VisibleListing', async (keys) => {
      const ids = numericIds(keys);
      if (ids.length === 0) return new Map<string, Listing>();
      const audience = await self.audience();
      let rows: Listing[];
      if (audience.kind === 'STAFF') {
        rows = await em.find(Listing, { id: { $in: ids } });
      } else {
        const qb = sql.createQueryBuilder(Listing, 'l').where({ id: { $in: ids } });
        applyEligibility(qb, audience, requestNow(ctx), em.getPlatform());
        rows = await qb.getResultList();
      }
      return new Map(rows.map((l) => [String(l.id), l]));
    }),

    /** Every tier price of each listing (staff views), by tier id. */
    tierPricesOfListing: loaders.many(
      'TierPricesOfListing',
      groupedBy(em, ListingTierPrice, 'listingId', { orderBy: { tierId: 'ASC' } }),
    ),

    /**
     * The caller's own tier price of each listing, or nothing: only a shopper with a tier has one
     * (staff and shoppers without a tier cost no statement). One statement for any number of listings.
     */
    tierPrice: loaders.one('TierPrice', async (keys) => {
      const ids = numericIds(keys);
      const out = new Map<string, TierPriceRow>();
      const audience = await self.audience();
      if (ids.length === 0 || audience.kind !== 'SHOPPER' || audience.tierId === null) return out;
      const rows = (await sql.execute(
        `select p.listing_id, p.tier_id, p.price_mode, p.price_points, p.price_fen, b.points_per_yuan
         from listing_tier_price p join bank b on b.id = p.bank_id
         where p.tier_id = ? and p.listing_id in (${ids.map(() => '?').join(', ')})`,
        [audience.tierId, ...ids],
      )) as Record<string, unknown>[];
      for (const r of rows)
        out.set(String(r.listing_id), {
          listingId: Number(r.listing_id),
          tierId: Number(r.tier_id),
          priceMode: r.price_mode as PriceMode,
          pricePoints: Number(r.price_points),
          priceFen: Number(r.price_fen),
          pointsPerYuan: Number(r.points_per_yuan),
        });
      return out;
    }),

    /** The live campaign price of each listing for this caller, or nothing. */
    campaignPrice: loaders.one('CampaignPrice', async (keys) => {
      const ids = numericIds(keys);
      if (ids.length === 0) return new Map<string, CampaignPriceRow>();
      const audience = await self.audience();
      const segmentIds = audience.kind === 'SHOPPER' ? audience.segmentIds : [];
      const tierId = audience.kind === 'SHOPPER' ? audience.tierId : null;
      const q = campaignPriceSql(ids, segmentIds, tierId, requestNow(ctx), em.getPlatform());
      const rows = (await sql.execute(q.sql, q.params)) as Record<string, unknown>[];
      return new Map([...bestCampaignPrices(rows)].map(([k, v]) => [String(k), v]));
    }),
  };
  return self;
}
