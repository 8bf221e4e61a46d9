/**
 * The one definition of "this shopper may buy this listing now", as SQL over `listing l`, used by
 * the mall page, listing lookups, `_entities` and checkout pricing alike. Everything is a parameter
 * (tier id, segment ids, now), so a page is one indexed keyset query, never an in-memory filter.
 */
import type { QueryBuilder } from '@mikro-orm/knex';
import type { Platform } from '@mikro-orm/core';
import { ListingStatus, type Listing } from '../entities/listing';
import type { Audience } from './audience';
import { placeholders } from '../../../core/sql';

/**
 * The rule as one SQL condition over `listing l`, with its parameters. Written as SQL rather than as
 * query-builder criteria: it runs on every mall page and every checkout, and building criteria
 * objects into SQL cost tenants about a tenth of its CPU there (bench/RESULTS.md, "profiles").
 */
export function eligibilitySql(
  audience: Extract<Audience, { kind: 'SHOPPER' }>,
  now: Date,
  platform: Platform,
): { sql: string; params: unknown[] } {
  const at = platform.processDateProperty(now);
  const parts = [
    'l.status = ?',
    'l.sku_on_sale = 1',
    '(l.starts_at is null or l.starts_at <= ?)',
    '(l.ends_at is null or l.ends_at > ?)',
  ];
  const params: unknown[] = [ListingStatus.ACTIVE, at, at];
  if (audience.tierId === null) parts.push('l.tier_restricted = 0');
  else {
    parts.push(
      '(l.tier_restricted = 0 or exists (select 1 from listing_tier lt where lt.listing_id = l.id and lt.tier_id = ?))',
    );
    params.push(audience.tierId);
  }
  if (audience.segmentIds.length === 0) parts.push('l.segment_restricted = 0');
  else {
    parts.push(
      `(l.segment_restricted = 0 or exists (select 1 from listing_segment ls where ls.listing_id = l.id and ls.segment_id in (${placeholders(audience.segmentIds.length)})))`,
    );
    params.push(...audience.segmentIds);
  }
  return { sql: parts.join(' and '), params };
}

/** Narrows a query builder over `listing l` to what the shopper may buy now (see `eligibilitySql`). */
export function applyEligibility(
  qb: QueryBuilder<Listing>,
  audience: Extract<Audience, { kind: 'SHOPPER' }>,
  now: Date,
  platform: Platform,
): void {
  const { sql, params } = eligibilitySql(audience, now, platform);
  qb.andWhere(sql, params);
}

export interface CampaignPriceRow {
  listingId: number;
  campaignId: number;
  priceMode: string;
  pricePoints: number;
  priceFen: number;
}

/**
 * The live campaign price of each listing for this audience at `now`: campaigns SCHEDULED and inside
 * their window, untargeted or targeting one of the shopper's segments, and open to every tier or
 * to the shopper's tier (staff see campaigns targeting neither).
 * Where several apply, the cheapest for the customer wins (value = points×100 + fen×pointsPerYuan),
 * then the newest campaign. One statement for any number of listings.
 */
export function campaignPriceSql(
  listingIds: number[],
  segmentIds: number[],
  tierId: number | null,
  now: Date,
  platform: Platform,
): { sql: string; params: unknown[] } {
  const at = platform.processDateProperty(now);
  const segmentClause = segmentIds.length
    ? ` or exists (select 1 from campaign_segment cs where cs.campaign_id = c.id and cs.segment_id in (${placeholders(segmentIds.length)}))`
    : '';
  const tierClause =
    tierId === null ? '' : ' or exists (select 1 from campaign_tier ct where ct.campaign_id = c.id and ct.tier_id = ?)';
  const sql =
    'select cl.listing_id as listing_id, cl.campaign_id as campaign_id, cl.price_mode as price_mode, cl.price_points as price_points, ' +
    'cl.price_fen as price_fen, b.points_per_yuan as points_per_yuan, c.budget_fen - c.spent_fen as budget_left_fen, ' +
    'c.supplier_share_bp as supplier_share_bp ' +
    'from campaign_listing cl join campaign c on c.id = cl.campaign_id join bank b on b.id = c.bank_id ' +
    `where cl.listing_id in (${placeholders(listingIds.length)}) and c.state = 'SCHEDULED' and c.starts_at <= ? and c.ends_at > ? ` +
    // An exhausted budget ends the campaign price for new checkouts (and browsing); checkout also
    // drops a price whose line needs more than is left (budget_left_fen is null without a budget).
    'and (c.budget_fen is null or c.spent_fen < c.budget_fen) ' +
    `and (c.segment_restricted = 0${segmentClause}) ` +
    `and (c.tier_restricted = 0${tierClause})`;
  return { sql, params: [...listingIds, at, at, ...segmentIds, ...(tierId === null ? [] : [tierId])] };
}

/** Picks, per listing, the cheapest applicable campaign row (ties: the newest campaign). */
export function bestCampaignPrices(rows: Record<string, unknown>[]): Map<number, CampaignPriceRow> {
  const best = new Map<number, { row: CampaignPriceRow; value: number }>();
  for (const r of rows) {
    const row: CampaignPriceRow = {
      listingId: Number(r.listing_id),
      campaignId: Number(r.campaign_id),
      priceMode: String(r.price_mode),
      pricePoints: Number(r.price_points),
      priceFen: Number(r.price_fen),
    };
    const value = row.pricePoints * 100 + row.priceFen * Number(r.points_per_yuan);
    const current = best.get(row.listingId);
    if (!current || value < current.value || (value === current.value && row.campaignId > current.row.campaignId)) {
      best.set(row.listingId, { row, value });
    }
  }
  return new Map([...best].map(([k, v]) => [k, v.row]));
}
