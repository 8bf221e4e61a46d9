import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, notFound, type FieldProblem } from '../../../core/errors';
import { requireRoleAndPermission, type Principal } from '../../../core/identity';
import { shareLockMode } from '../../../core/sql';
import type { Connection } from '../../../core/pagination';
import { Bank } from '../entities/bank';
import { Listing, ListingSegment, ListingStatus, ListingTier, PriceMode } from '../entities/listing';
import { Mall } from '../entities/mall';
import { Segment } from '../entities/segment';
import { Tier } from '../entities/tier';
import { assertCurator, assertSameBank, CURATION, CURATOR_ROLES, idOf } from './access';
import type { Audience } from './audience';
import { approvalGate } from './approvals';
import { CatalogClient } from './catalog-client';
import { ListingSort, MallSearch, type ListingFacets, type ListingFilterValues, type PriceUnit } from './mall-search';
import { unboundedFreeTierPrices } from './free-perks';
import { isBelowCost, priceProblem, priceValue, type Price } from './pricing';
import { addSkuTerms, listingFactsOf } from './sku-search-facts';
import type { CurationSku } from './catalog-client';
import { resolvePriceGuard } from './price-guard.service';

export interface PriceWarning {
  listingId: number | null;
  skuId: number;
  supplierPriceFen: number;
  message: string;
}

export interface ListingChanges {
  priceMode?: PriceMode | null;
  pricePoints?: number | null;
  priceFen?: number | null;
  status?: ListingStatus | null;
  featuredRank?: number | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  purchaseLimitPerCustomer?: number | null;
  visibleTierIds?: string[] | null;
  targetSegmentIds?: string[] | null;
}

export const MAX_RESTRICTION_IDS = 50;
/** Listings one createListings call may create (a bank's curated price list is a few hundred SKUs). */
export const MAX_LISTINGS_PER_CALL = 500;

export function belowCostWarning(
  listingId: number | null,
  skuId: number,
  supplierPriceFen: number,
  price: Price,
  pointsPerYuan: number,
): PriceWarning {
  return {
    listingId,
    skuId,
    supplierPriceFen,
    message: `Price (${price.points} points + ${price.fen} fen at ${pointsPerYuan} points/CNY) is below the supplier price of ${supplierPriceFen} fen.`,
  };
}

export class ListingService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
    private readonly catalog = new CatalogClient(),
  ) {}

  /**
   * A page of a mall's listings (featured first unless another sort is asked for). Staff see every
   * listing (optionally by status); shoppers only what they may buy now — tier, segments, schedule,
   * ACTIVE — in the same SQL page. Text, category, brand, price band and stock filters: services/mall-search.ts.
   */
  async listingsOfMall(
    mall: Mall,
    audience: Audience,
    now: Date,
    first?: number | null,
    after?: string | null,
    filter: ListingFilterValues = {},
    sort: ListingSort = ListingSort.FEATURED,
  ): Promise<Connection<Listing>> {
    assertSameBank(this.principal, mall.bank.id, 'Mall', mall.id);
    return new MallSearch(this.em as SqlEntityManager).page(mall, audience, now, filter, sort, first, after);
  }

  /** Counts by category, brand and price band of the listings a filter finds (services/mall-search.ts). */
  async facetsOfMall(
    mall: Mall,
    audience: Audience,
    now: Date,
    filter: ListingFilterValues = {},
    priceUnit?: PriceUnit | null,
  ): Promise<ListingFacets> {
    assertSameBank(this.principal, mall.bank.id, 'Mall', mall.id);
    return new MallSearch(this.em as SqlEntityManager).facets(mall, audience, now, filter, priceUnit);
  }

  /** Adds one pool SKU to a mall (the SKU must be ACTIVE in the catalog). */
  async create(
    mallId: string,
    skuId: string,
    changes: ListingChanges,
  ): Promise<{ listing: Listing; warnings: PriceWarning[] }> {
    requireRoleAndPermission(this.principal, CURATOR_ROLES, CURATION);
    const mall = await this.mallForCurator(mallId);
    const sku = (await this.catalog.byIds([idOf('Sku', skuId)])).get(Number(skuId));
    if (!sku || sku.status !== 'ACTIVE') throw notFound('Sku', skuId);
    const bank = await this.em.findOneOrFail(Bank, mall.bank.id);
    return this.em.transactional(async (em) => {
      if (await em.count(Listing, { mall: mall.id, skuId: Number(skuId) }))
        throw badInput(`SKU ${skuId} is already listed in mall ${mall.id}; update that listing instead.`, [
          { field: 'skuId', message: 'already listed' },
        ]);
      const listing = this.newListing(em, mall.id, bank.id, sku, changes.priceMode);
      const problems = await this.apply(em, listing, bank, changes, true);
      if (problems.length) throw badInput('The listing is not valid.', problems);
      await em.flush();
      await addSkuTerms(em as SqlEntityManager, [sku]);
      await this.writeRestrictions(em, listing, changes);
      const price = { priceMode: listing.priceMode, points: listing.pricePoints, fen: listing.priceFen };
      const warnings = isBelowCost(price, sku.supplierPriceFen, bank)
        ? [belowCostWarning(listing.id, listing.skuId, sku.supplierPriceFen, price, bank.pointsPerYuan)]
        : [];
      if (warnings.length) await approvalGate(this.principal).listingBelowCost(bank.id);
      return { listing, warnings };
    });
  }

  /** A listing not yet priced: `apply` sets its terms from the curator's changes. */
  private newListing(
    em: EntityManager,
    mallId: number,
    bankId: number,
    sku: CurationSku,
    priceMode: PriceMode | null | undefined,
  ): Listing {
    return em.create(Listing, {
      mall: mallId,
      bankId,
      skuId: Number(sku.id),
      ...listingFactsOf(sku),
      priceMode: priceMode ?? PriceMode.POINTS,
      pricePoints: 0,
      priceFen: 0,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
  }

  /**
   * Adds several hand-picked pool SKUs to one mall, each on its own terms (a bank importing its
   * curated price list): all or nothing, with one catalog lookup and one policy check for the lot.
   * The listings are created in the order given.
   */
  async createMany(
    mallId: string,
    rows: (ListingChanges & { skuId: string })[],
  ): Promise<{ listings: Listing[]; warnings: PriceWarning[] }> {
    requireRoleAndPermission(this.principal, CURATOR_ROLES, CURATION);
    if (rows.length < 1 || rows.length > MAX_LISTINGS_PER_CALL)
      throw badInput(`Send 1 to ${MAX_LISTINGS_PER_CALL} listings per call.`, [
        { field: 'listings', message: `1–${MAX_LISTINGS_PER_CALL} rows` },
      ]);
    const mall = await this.mallForCurator(mallId);
    const skuIds = rows.map((r) => idOf('Sku', r.skuId));
    const repeated = skuIds.findIndex((id, i) => skuIds.indexOf(id) !== i);
    if (repeated >= 0)
      throw badInput(`SKU ${rows[repeated]!.skuId} appears twice; list each SKU once.`, [
        { field: `listings.${repeated}.skuId`, message: 'repeated' },
      ]);
    const skus = await this.catalog.byIds(skuIds);
    const missing = skuIds.findIndex((id) => skus.get(id)?.status !== 'ACTIVE');
    if (missing >= 0) throw notFound('Sku', rows[missing]!.skuId);
    const bank = await this.em.findOneOrFail(Bank, mall.bank.id);
    return this.em.transactional(async (em) => {
      const listed = await em.find(Listing, { mall: mall.id, skuId: { $in: skuIds } }, { fields: ['skuId'] });
      if (listed.length)
        throw badInput(
          `SKU ${listed.map((l) => l.skuId).join(', ')} is already listed in mall ${mall.id}; update those listings instead.`,
          [{ field: 'listings', message: 'already listed' }],
        );
      const listings: Listing[] = [];
      const problems: FieldProblem[] = [];
      for (const [index, { skuId, ...changes }] of rows.entries()) {
        const listing = this.newListing(em, mall.id, bank.id, skus.get(Number(skuId))!, changes.priceMode);
        for (const p of await this.apply(em, listing, bank, changes, true))
          problems.push({ ...p, field: `listings.${index}.${p.field}` });
        listings.push(listing);
      }
      if (problems.length) throw badInput('Some listings are not valid; none was created.', problems);
      await em.flush();
      await addSkuTerms(em as SqlEntityManager, [...skus.values()]);
      for (const [index, listing] of listings.entries()) await this.writeRestrictions(em, listing, rows[index]!);
      const warnings = listings.flatMap((listing) => {
        const price = { priceMode: listing.priceMode, points: listing.pricePoints, fen: listing.priceFen };
        const cost = skus.get(listing.skuId)!.supplierPriceFen;
        return isBelowCost(price, cost, bank)
          ? [belowCostWarning(listing.id, listing.skuId, cost, price, bank.pointsPerYuan)]
          : [];
      });
      if (warnings.length) await approvalGate(this.principal).listingBelowCost(bank.id);
      return { listings, warnings };
    });
  }

  async update(listingId: string, changes: ListingChanges): Promise<{ listing: Listing; warnings: PriceWarning[] }> {
    requireRoleAndPermission(this.principal, CURATOR_ROLES, CURATION);
    const id = idOf('Listing', listingId);
    const found = await this.em.findOne(Listing, id);
    if (!found) throw notFound('Listing', listingId);
    assertCurator(this.principal, CURATOR_ROLES, found.bankId, 'Listing', listingId);
    const bank = await this.em.findOneOrFail(Bank, found.bankId);
    const priceChanged = changes.priceMode != null || changes.pricePoints != null || changes.priceFen != null;
    const sku = priceChanged ? (await this.catalog.byIds([found.skuId])).get(found.skuId) : undefined;
    return this.em.transactional(async (em) => {
      const listing = await em.findOneOrFail(Listing, id);
      const problems = await this.apply(em, listing, bank, changes, false);
      if (problems.length) throw badInput('The listing change is not valid.', problems);
      resolvePriceGuard(listing, bank, {
        resumed: changes.status === ListingStatus.ACTIVE,
        supplierPriceFen: sku?.supplierPriceFen ?? null,
      });
      await em.flush();
      await this.writeRestrictions(em, listing, changes);
      const price = { priceMode: listing.priceMode, points: listing.pricePoints, fen: listing.priceFen };
      const warnings =
        sku && isBelowCost(price, sku.supplierPriceFen, bank)
          ? [belowCostWarning(listing.id, listing.skuId, sku.supplierPriceFen, price, bank.pointsPerYuan)]
          : [];
      if (warnings.length) await approvalGate(this.principal).listingBelowCost(bank.id);
      return { listing, warnings };
    });
  }

  async mallForCurator(mallId: string): Promise<Mall> {
    const mall = await this.em.findOne(Mall, idOf('Mall', mallId));
    if (!mall) throw notFound('Mall', mallId);
    assertCurator(this.principal, CURATOR_ROLES, mall.bank.id, 'Mall', mallId);
    return mall;
  }

  /** Applies the given changes (undefined = keep; null = clear where clearing means something). */
  private async apply(
    em: EntityManager,
    listing: Listing,
    bank: Bank,
    c: ListingChanges,
    creating: boolean,
  ): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    if (c.priceMode != null) listing.priceMode = c.priceMode;
    if (c.pricePoints != null) listing.pricePoints = c.pricePoints;
    if (c.priceFen != null) listing.priceFen = c.priceFen;
    if (creating || c.priceMode != null || c.pricePoints != null || c.priceFen != null) {
      const problem = priceProblem(
        { priceMode: listing.priceMode, points: listing.pricePoints, fen: listing.priceFen },
        bank,
      );
      if (problem) problems.push({ field: 'price', message: problem });
      listing.priceValue = priceValue({ points: listing.pricePoints, fen: listing.priceFen }, bank);
    }
    if (c.status != null) listing.status = c.status;
    if (c.featuredRank != null) {
      if (!Number.isInteger(c.featuredRank) || c.featuredRank < 0 || c.featuredRank > 1000)
        problems.push({ field: 'featuredRank', message: 'must be 0 to 1000.' });
      listing.featuredRank = c.featuredRank;
    }
    if (c.startsAt !== undefined) listing.startsAt = c.startsAt;
    if (c.endsAt !== undefined) listing.endsAt = c.endsAt;
    if (listing.startsAt && listing.endsAt && listing.endsAt.getTime() <= listing.startsAt.getTime())
      problems.push({ field: 'endsAt', message: 'must be after startsAt.' });
    if (c.purchaseLimitPerCustomer !== undefined) {
      if (
        c.purchaseLimitPerCustomer !== null &&
        (!Number.isInteger(c.purchaseLimitPerCustomer) ||
          c.purchaseLimitPerCustomer < 1 ||
          c.purchaseLimitPerCustomer > 10000)
      ) {
        problems.push({ field: 'purchaseLimitPerCustomer', message: 'must be 1 to 10000, or null for no limit.' });
      }
      // A free tier price needs a bound: the limit, or a QUOTA rule for that tier (services/free-perks.ts).
      const unbounded =
        c.purchaseLimitPerCustomer === null && !creating
          ? await unboundedFreeTierPrices(em as SqlEntityManager, listing.id, new Date())
          : [];
      if (unbounded.length)
        problems.push({
          field: 'purchaseLimitPerCustomer',
          message: `the listing has a free tier price (tier ${unbounded.join(', ')}) that no QUOTA benefit rule bounds, so it needs the purchase limit; change that tier price or add a QUOTA rule first.`,
        });
      listing.purchaseLimitPerCustomer = c.purchaseLimitPerCustomer;
    }
    if (c.visibleTierIds != null) {
      const ids = await this.ownIds(em, Tier, listing.bankId, c.visibleTierIds, 'visibleTierIds', problems);
      listing.tierRestricted = ids.length > 0;
    }
    if (c.targetSegmentIds != null) {
      const ids = await this.ownIds(em, Segment, listing.bankId, c.targetSegmentIds, 'targetSegmentIds', problems);
      listing.segmentRestricted = ids.length > 0;
    }
    return problems;
  }

  /** Ids of the bank's own tiers or segments; anything else is a problem naming the id. */
  private async ownIds(
    em: EntityManager,
    entity: typeof Tier | typeof Segment,
    bankId: number,
    given: string[],
    field: string,
    problems: FieldProblem[],
  ): Promise<number[]> {
    if (given.length > MAX_RESTRICTION_IDS) {
      problems.push({ field, message: `at most ${MAX_RESTRICTION_IDS} ids.` });
      return [];
    }
    const ids = [...new Set(given.map((g) => Number(g)))];
    const valid = ids.filter((n) => Number.isSafeInteger(n) && n > 0);
    // Tiers are read with a share lock, so a concurrent deleteTier cannot leave a restriction to a deleted tier.
    const lockMode = entity === Tier ? shareLockMode(em as SqlEntityManager) : undefined;
    const lock = lockMode ? { lockMode } : {};
    const found = valid.length ? await em.find(entity as typeof Tier, { id: { $in: valid }, bankId }, lock) : [];
    const ok = new Set(found.map((f) => f.id));
    for (const id of ids)
      if (!ok.has(id)) problems.push({ field, message: `${entity === Tier ? 'Tier' : 'Segment'} ${id} not found.` });
    return [...ok];
  }

  private async writeRestrictions(em: EntityManager, listing: Listing, c: ListingChanges): Promise<void> {
    if (c.visibleTierIds != null) {
      await em.nativeDelete(ListingTier, { listingId: listing.id });
      const ids = [...new Set(c.visibleTierIds.map(Number))];
      if (ids.length)
        await em.insertMany(
          ListingTier,
          ids.map((tierId) => ({ listingId: listing.id, tierId })),
        );
    }
    if (c.targetSegmentIds != null) {
      await em.nativeDelete(ListingSegment, { listingId: listing.id });
      const ids = [...new Set(c.targetSegmentIds.map(Number))];
      if (ids.length)
        await em.insertMany(
          ListingSegment,
          ids.map((segmentId) => ({ listingId: listing.id, segmentId })),
        );
    }
  }
}
