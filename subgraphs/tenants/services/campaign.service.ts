import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, notFound, type FieldProblem } from '../../../core/errors';
import { requireRoleAndPermission, type Principal } from '../../../core/identity';
import {
  decodeCursor,
  keysetAfter,
  orderByOf,
  pageSize,
  toConnection,
  type Connection,
  type SortKey,
} from '../../../core/pagination';
import { Bank } from '../entities/bank';
import {
  Campaign,
  CampaignListing,
  CampaignSegment,
  CampaignState,
  CampaignStatus,
  CampaignTemplate,
  CampaignTier,
} from '../entities/campaign';
import { Customer } from '../entities/customer';
import { Tier } from '../entities/tier';
import { Listing, PriceMode } from '../entities/listing';
import { Segment } from '../entities/segment';
import { actingBankId, CAMPAIGNS, CURATOR_ROLES, findOwned, idOf } from './access';
import { approvalGate } from './approvals';
import { campaignStatus, defaultWindow, TEMPLATES } from './campaign-rules';
import { CatalogClient } from './catalog-client';
import { belowCostWarning, ListingService, type PriceWarning } from './listing.service';
import { discounted, isBelowCost, priceProblem } from './pricing';
import { placeholders } from '../../../core/sql';

export const MAX_CAMPAIGN_LISTINGS = 1000;
/** Segments or tiers one campaign may target (a bank has at most 20 tiers). */
export const MAX_CAMPAIGN_TARGETS = 20;
/** The largest campaign budget: 100 million CNY, in fen (a national bank's festival subsidy fits). */
export const MAX_CAMPAIGN_BUDGET_FEN = 10_000_000_000;
const CAMPAIGN_ORDER: SortKey[] = [{ field: 'id', direction: 'DESC' }];
const ITEM_ORDER: SortKey[] = [{ field: 'listingId', direction: 'ASC' }];

export interface CampaignPriceOverride {
  listingId: string;
  priceMode?: PriceMode | null;
  pricePoints: number;
  priceFen: number;
}

export interface CreateCampaignRequest {
  mallId: string;
  template: CampaignTemplate;
  name?: string | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  discountBp?: number | null;
  listingIds: string[];
  prices?: CampaignPriceOverride[] | null;
  targetSegmentIds?: string[] | null;
  targetTierIds?: string[] | null;
  /** The subsidy the bank funds, in fen; null: no cap (see Campaign.budgetFen). */
  budgetFen?: number | null;
  /** The suppliers' share of the subsidy, basis points (0..10000; null/0: the bank funds it all). */
  supplierShareBp?: number | null;
}

export interface TemplateDefaults {
  template: CampaignTemplate;
  name: string;
  startsAt: Date | null;
  endsAt: Date | null;
  days: number;
  discountBp: number;
}

export class CampaignService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
    private readonly catalog = new CatalogClient(),
  ) {}

  /**
   * A DRAFT campaign from a festival template: name, window and discount default from the template;
   * every listing gets the discounted base price unless a price is given. Campaign prices obey the
   * same rules as listing prices (mode, cap on the points share); prices below the supplier price
   * come back as warnings.
   */
  async create(
    req: CreateCampaignRequest,
    now = new Date(),
  ): Promise<{ campaign: Campaign; warnings: PriceWarning[] }> {
    requireRoleAndPermission(this.principal, CURATOR_ROLES, CAMPAIGNS);
    const mall = await new ListingService(this.em, this.principal, this.catalog).mallForCurator(req.mallId);
    const bank = await this.em.findOneOrFail(Bank, mall.bank.id);
    const spec = TEMPLATES[req.template];
    const problems: FieldProblem[] = [];
    const name = (req.name ?? spec.name).trim();
    if (name.length < 1 || name.length > 120)
      problems.push({ field: 'name', message: 'must be 1–120 characters (CUSTOM campaigns need one).' });
    // Windows start at midnight in the bank's own time zone.
    const window = defaultWindow(req.template, now, bank.timeZone);
    const startsAt = req.startsAt ?? window?.startsAt ?? null;
    const endsAt =
      req.endsAt ?? (req.startsAt ? new Date(req.startsAt.getTime() + spec.days * 86_400_000) : window?.endsAt) ?? null;
    if (!startsAt) problems.push({ field: 'startsAt', message: 'required for CUSTOM campaigns.' });
    if (!endsAt || (startsAt && endsAt.getTime() <= startsAt.getTime()))
      problems.push({ field: 'endsAt', message: 'must be after startsAt.' });
    const discountBp = req.discountBp ?? spec.discountBp;
    if (!Number.isInteger(discountBp) || discountBp < 0 || discountBp > 9000)
      problems.push({ field: 'discountBp', message: 'must be 0 to 9000 basis points.' });
    const budgetProblem = budgetFenProblem(req.budgetFen);
    if (budgetProblem) problems.push({ field: 'budgetFen', message: budgetProblem });
    const supplierShareBp = req.supplierShareBp ?? 0;
    if (!Number.isInteger(supplierShareBp) || supplierShareBp < 0 || supplierShareBp > 10000)
      problems.push({
        field: 'supplierShareBp',
        message: 'must be 0 to 10000 basis points (the suppliers’ share of the subsidy; 0: the bank funds it all).',
      });
    if (req.listingIds.length === 0 || req.listingIds.length > MAX_CAMPAIGN_LISTINGS)
      problems.push({ field: 'listingIds', message: `give 1 to ${MAX_CAMPAIGN_LISTINGS} listings.` });
    if (problems.length) throw badInput('The campaign is not valid.', problems);

    const ids = [...new Set(req.listingIds.map((id) => Number(id)))];
    const listings = await this.em.find(Listing, {
      id: { $in: ids.filter((n) => Number.isSafeInteger(n) && n > 0) },
      mall: mall.id,
    });
    const byId = new Map(listings.map((l) => [l.id, l]));
    req.listingIds.forEach((id, index) => {
      if (!byId.has(Number(id)))
        problems.push({ index, field: 'listingIds', message: `Listing ${id} is not in mall ${mall.id}.` });
    });
    const overrides = new Map<number, CampaignPriceOverride>();
    (req.prices ?? []).forEach((p, index) => {
      if (!byId.has(Number(p.listingId)))
        problems.push({ index, field: 'prices.listingId', message: `Listing ${p.listingId} is not in this campaign.` });
      overrides.set(Number(p.listingId), p);
    });
    const segmentIds = [...new Set((req.targetSegmentIds ?? []).map(Number))];
    const tierIds = [...new Set((req.targetTierIds ?? []).map(Number))];
    if (segmentIds.length > MAX_CAMPAIGN_TARGETS)
      throw badInput(`Target at most ${MAX_CAMPAIGN_TARGETS} segments.`, [
        { field: 'targetSegmentIds', message: `at most ${MAX_CAMPAIGN_TARGETS}` },
      ]);
    if (tierIds.length > MAX_CAMPAIGN_TARGETS)
      throw badInput(`Target at most ${MAX_CAMPAIGN_TARGETS} tiers.`, [
        { field: 'targetTierIds', message: `at most ${MAX_CAMPAIGN_TARGETS}` },
      ]);
    if (tierIds.length) {
      const found = new Set(
        (
          await this.em.find(Tier, {
            id: { $in: tierIds.filter((n) => Number.isSafeInteger(n) && n > 0) },
            bankId: bank.id,
          })
        ).map((t) => t.id),
      );
      for (const id of tierIds)
        if (!found.has(id)) problems.push({ field: 'targetTierIds', message: `Tier ${id} not found.` });
    }
    if (segmentIds.length) {
      const found = new Set(
        (
          await this.em.find(Segment, {
            id: { $in: segmentIds.filter((n) => Number.isSafeInteger(n) && n > 0) },
            bankId: bank.id,
          })
        ).map((s) => s.id),
      );
      for (const id of segmentIds)
        if (!found.has(id)) problems.push({ field: 'targetSegmentIds', message: `Segment ${id} not found.` });
    }
    const items = [...byId.values()].map((l) => {
      const o = overrides.get(l.id);
      const price = o
        ? { priceMode: o.priceMode ?? l.priceMode, points: o.pricePoints, fen: o.priceFen }
        : discounted({ priceMode: l.priceMode, points: l.pricePoints, fen: l.priceFen }, discountBp);
      const problem = priceProblem(price, bank);
      if (problem) problems.push({ field: 'prices', message: `Listing ${l.id}: ${problem}` });
      return { listing: l, price };
    });
    if (problems.length) throw badInput('The campaign is not valid.', problems);

    const skus = await this.catalog.byIds(items.map((i) => i.listing.skuId));
    const warnings: PriceWarning[] = [];
    for (const { listing, price } of items) {
      const sku = skus.get(listing.skuId);
      if (sku && isBelowCost(price, sku.supplierPriceFen, bank))
        warnings.push(belowCostWarning(listing.id, listing.skuId, sku.supplierPriceFen, price, bank.pointsPerYuan));
    }
    const campaign = await this.em.transactional(async (em) => {
      const c = em.create(Campaign, {
        bankId: bank.id,
        mallId: mall.id,
        name,
        template: req.template,
        startsAt: startsAt!,
        endsAt: endsAt!,
        state: CampaignState.DRAFT,
        segmentRestricted: segmentIds.length > 0,
        tierRestricted: tierIds.length > 0,
        budgetFen: req.budgetFen ?? null,
        supplierShareBp,
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      await em.insertMany(
        CampaignListing,
        items.map(({ listing, price }) => ({
          campaignId: c.id,
          listingId: listing.id,
          priceMode: price.priceMode,
          pricePoints: price.points,
          priceFen: price.fen,
        })),
      );
      if (segmentIds.length)
        await em.insertMany(
          CampaignSegment,
          segmentIds.map((segmentId) => ({ campaignId: c.id, segmentId })),
        );
      if (tierIds.length)
        await em.insertMany(
          CampaignTier,
          tierIds.map((tierId) => ({ campaignId: c.id, tierId })),
        );
      return c;
    });
    return { campaign, warnings };
  }

  /** DRAFT → SCHEDULED. From then on the clock decides LIVE and ENDED; nothing else has to run. */
  async schedule(campaignId: string, now = new Date()): Promise<Campaign> {
    requireRoleAndPermission(this.principal, CURATOR_ROLES, CAMPAIGNS);
    const campaign = await this.own(campaignId);
    if (campaign.state !== CampaignState.DRAFT)
      throw conflict(`Campaign ${campaignId} is ${this.status(campaign, now)}; only a DRAFT can be scheduled.`);
    if (campaign.endsAt.getTime() <= now.getTime())
      throw badInput('The campaign window has already ended; change the dates first.', [
        { field: 'endsAt', message: 'in the past' },
      ]);
    // The bank's policy compares the campaign's budget with its threshold (no budget: above any).
    await approvalGate(this.principal).campaignLaunch(campaign.bankId, campaign.budgetFen ?? null);
    const changed = await this.em.nativeUpdate(
      Campaign,
      { id: campaign.id, state: CampaignState.DRAFT },
      { state: CampaignState.SCHEDULED, updatedAt: now },
    );
    if (changed !== 1) throw conflict(`Campaign ${campaignId} changed meanwhile; reload it.`);
    campaign.state = CampaignState.SCHEDULED;
    return campaign;
  }

  /**
   * Sets the budget. A DRAFT takes any budget (its launch is checked against the bank's threshold
   * then); a launched campaign's budget may only come down, never below what is already spent, so
   * no launched campaign ever grows past what its launch was approved with.
   */
  async setBudget(campaignId: string, budgetFen: number | null, now = new Date()): Promise<Campaign> {
    requireRoleAndPermission(this.principal, CURATOR_ROLES, CAMPAIGNS);
    const campaign = await this.own(campaignId);
    const problem = budgetFenProblem(budgetFen);
    if (problem) throw badInput(`budgetFen ${problem}`, [{ field: 'budgetFen', message: problem }]);
    const status = this.status(campaign, now);
    if (status === CampaignStatus.ENDED || status === CampaignStatus.CANCELLED)
      throw conflict(`Campaign ${campaignId} is ${status}; its budget no longer matters.`);
    let changed: number;
    if (campaign.state === CampaignState.DRAFT) {
      changed = await this.em.nativeUpdate(
        Campaign,
        { id: campaign.id, state: CampaignState.DRAFT },
        { budgetFen, updatedAt: now },
      );
    } else {
      const current = campaign.budgetFen ?? null;
      if (budgetFen === null || (current !== null && budgetFen > current))
        throw conflict(
          `Campaign ${campaignId} is launched: its budget can only be lowered (now ${current === null ? 'no cap' : `${current} fen`}). Launch a new campaign for more.`,
        );
      // Never below what orders have already taken (a conditional update: checkouts run meanwhile).
      changed = await this.em.nativeUpdate(
        Campaign,
        {
          id: campaign.id,
          state: campaign.state,
          spentFen: { $lte: budgetFen },
          ...(current === null ? { budgetFen: null } : { budgetFen: { $gte: budgetFen } }),
        },
        { budgetFen, updatedAt: now },
      );
      if (changed !== 1) {
        const fresh = await this.em.findOneOrFail(Campaign, campaign.id, { refresh: true });
        if (fresh.spentFen > budgetFen)
          throw conflict(
            `Campaign ${campaignId} has already spent ${fresh.spentFen} fen; the budget cannot go below that.`,
          );
      }
    }
    if (changed !== 1) throw conflict(`Campaign ${campaignId} changed meanwhile; reload it.`);
    return this.em.findOneOrFail(Campaign, campaign.id, { refresh: true });
  }

  async cancel(campaignId: string, now = new Date()): Promise<Campaign> {
    requireRoleAndPermission(this.principal, CURATOR_ROLES, CAMPAIGNS);
    const campaign = await this.own(campaignId);
    const status = this.status(campaign, now);
    if (status === CampaignStatus.ENDED || status === CampaignStatus.CANCELLED)
      throw conflict(`Campaign ${campaignId} is ${status}.`);
    // Only from the state we checked, and only while the window is still open: a concurrent cancel
    // (or schedule) that got there first changes no row here, and the caller hears CONFLICT.
    const changed = await this.em.nativeUpdate(
      Campaign,
      { id: campaign.id, state: campaign.state, endsAt: { $gt: now } },
      { state: CampaignState.CANCELLED, updatedAt: now },
    );
    if (changed !== 1) throw conflict(`Campaign ${campaignId} changed meanwhile; reload it.`);
    campaign.state = CampaignState.CANCELLED;
    return campaign;
  }

  status(c: Campaign, now: Date): CampaignStatus {
    return campaignStatus(c.state, c.startsAt, c.endsAt, now);
  }

  own(campaignId: string): Promise<Campaign> {
    return findOwned(this.em, Campaign, this.principal, 'Campaign', campaignId);
  }

  async ofMall(mallId: number, first?: number | null, after?: string | null): Promise<Connection<Campaign>> {
    const limit = pageSize(first);
    const where: Record<string, unknown>[] = [{ mallId }];
    if (after) where.push(keysetAfter(CAMPAIGN_ORDER, decodeCursor(after, 1)));
    const rows = await this.em.find(Campaign, { $and: where } as never, {
      orderBy: orderByOf(CAMPAIGN_ORDER),
      limit: limit + 1,
    });
    return toConnection(rows, limit, (c) => [c.id], Boolean(after));
  }

  /**
   * How many of the bank's customers a campaign targeting these segments and tiers reaches now (the
   * preview): members of any of the segments (every customer when none) holding any of the tiers
   * (any tier, or none, when none). One COUNT over indexed columns (customer_segment by segment,
   * customer by bank and tier).
   */
  async audienceSizeFor(
    bankIdArg: string | null | undefined,
    segmentIdsArg: string[],
    tierIdsArg: string[],
  ): Promise<number> {
    const bankId = actingBankId(this.principal, bankIdArg, CURATOR_ROLES, CAMPAIGNS);
    if (segmentIdsArg.length > MAX_CAMPAIGN_TARGETS || tierIdsArg.length > MAX_CAMPAIGN_TARGETS)
      throw badInput(`Give at most ${MAX_CAMPAIGN_TARGETS} segments and ${MAX_CAMPAIGN_TARGETS} tiers.`, [
        { field: 'targetSegmentIds', message: `at most ${MAX_CAMPAIGN_TARGETS}` },
      ]);
    const segmentIds = [...new Set(segmentIdsArg.map((id) => idOf('Segment', id)))];
    const tierIds = [...new Set(tierIdsArg.map((id) => idOf('Tier', id)))];
    // Another bank's segment or tier is NOT_FOUND, like any foreign object.
    if (segmentIds.length) {
      const own = await this.em.count(Segment, { id: { $in: segmentIds }, bankId });
      if (own !== segmentIds.length) throw notFound('Segment', segmentIdsArg.join(','));
    }
    if (tierIds.length) {
      const own = await this.em.count(Tier, { id: { $in: tierIds }, bankId });
      if (own !== tierIds.length) throw notFound('Tier', tierIdsArg.join(','));
    }
    return this.countAudience(bankId, segmentIds, tierIds);
  }

  async countAudience(bankId: number, segmentIds: number[], tierIds: number[]): Promise<number> {
    if (segmentIds.length === 0)
      return this.em.count(Customer, tierIds.length ? { bankId, tierId: { $in: tierIds } } : { bankId });
    // Segments belong to one bank, so their members are that bank's customers.
    const tierJoin = tierIds.length
      ? ` join customer c on c.id = cs.customer_id and c.bank_id = ? and c.tier_id in (${placeholders(tierIds.length)})`
      : '';
    const [row] = (await (this.em as SqlEntityManager).execute(
      `select count(distinct cs.customer_id) as n from customer_segment cs${tierJoin} where cs.segment_id in (${placeholders(segmentIds.length)})`,
      [...(tierIds.length ? [bankId, ...tierIds] : []), ...segmentIds],
    )) as { n: number | string }[];
    return Number(row?.n ?? 0);
  }

  /**
   * Every template with what createCampaign would fill in today: its name, its next festival window
   * (midnight to midnight in the bank's time zone, from the Chinese calendar) and its discount.
   */
  async templates(bankIdArg: string | null | undefined, now = new Date()): Promise<TemplateDefaults[]> {
    const bankId = actingBankId(this.principal, bankIdArg, CURATOR_ROLES, CAMPAIGNS);
    const bank = await this.em.findOne(Bank, bankId);
    if (!bank) throw notFound('Bank', bankId);
    return Object.values(CampaignTemplate).map((template) => {
      const spec = TEMPLATES[template];
      const window = defaultWindow(template, now, bank.timeZone);
      return {
        template,
        name: spec.name,
        startsAt: window?.startsAt ?? null,
        endsAt: window?.endsAt ?? null,
        days: spec.days,
        discountBp: spec.discountBp,
      };
    });
  }

  /** The campaign's listings and prices — the preview operators check before scheduling. */
  async items(campaign: Campaign, first?: number | null, after?: string | null): Promise<Connection<CampaignListing>> {
    const limit = pageSize(first);
    const where: Record<string, unknown>[] = [{ campaignId: campaign.id }];
    if (after) where.push(keysetAfter(ITEM_ORDER, decodeCursor(after, 1)));
    const rows = await this.em.find(CampaignListing, { $and: where } as never, {
      orderBy: orderByOf(ITEM_ORDER),
      limit: limit + 1,
    });
    return toConnection(rows, limit, (i) => [i.listingId], Boolean(after));
  }
}

/** What is wrong with a budget, or null (null itself means no cap and is allowed). */
function budgetFenProblem(budgetFen: number | null | undefined): string | null {
  if (budgetFen == null) return null;
  if (!Number.isSafeInteger(budgetFen) || budgetFen < 1 || budgetFen > MAX_CAMPAIGN_BUDGET_FEN)
    return `must be whole fen, 1 to ${MAX_CAMPAIGN_BUDGET_FEN.toLocaleString('en')} (100 million CNY).`;
  return null;
}
