import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, notFound, type FieldProblem } from '../../../core/errors';
import { requireRoleAndPermission, type Principal } from '../../../core/identity';
import { forUpdate, inTransaction, selectRows, shareLock } from '../../../core/sql';
import { Bank } from '../entities/bank';
import { Listing, ListingTierPrice, PriceMode } from '../entities/listing';
import { assertCurator, CURATION, CURATOR_ROLES, idOf } from './access';
import { approvalGate } from './approvals';
import { CatalogClient } from './catalog-client';
import { belowCostWarning, type PriceWarning } from './listing.service';
import { isBelowCost, priceProblem, type BankPricing, type Price } from './pricing';
import { isFree, quotaBounds, quotaCoveredTiers } from './free-perks';

/** Tier prices one listing may carry (a bank's ladder has a handful of tiers). */
export const MAX_TIER_PRICES = 20;

export interface TierPriceInput {
  tierId: string;
  priceMode: PriceMode;
  pricePoints: number;
  priceFen: number;
}

/**
 * What is wrong with a tier price, or null: the base price's rules (`priceProblem`), except that a
 * tier price may be free (0 points, 0 fen) — a tier perk — as long as something bounds what one
 * customer may take: the listing's `purchaseLimitPerCustomer`, or a QUOTA benefit rule covering the
 * listing for that tier or for everyone (`quotaBound`; checkout enforces it, services/free-perks.ts).
 */
export function tierPriceProblem(
  price: Price,
  bank: BankPricing,
  listing: Pick<Listing, 'purchaseLimitPerCustomer'>,
  quotaBound = false,
) {
  if (isFree(price))
    return listing.purchaseLimitPerCustomer == null && !quotaBound
      ? 'a free tier price (0 points and 0 fen) needs a bound: a purchase limit per customer on the listing (purchaseLimitPerCustomer), or an enabled QUOTA benefit rule listing it for this tier or for everyone (createBenefitRule).'
      : null;
  return priceProblem(price, bank);
}

/** Per-tier prices of listings, set by the bank's curators (the same permission as a listing's price). */
export class TierPriceService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    private readonly catalog = new CatalogClient(),
  ) {}

  /**
   * Replaces the listing's tier prices with `prices` (an empty list clears them): all or nothing.
   * Each tier must be one of the listing's bank; the tiers are read with a share lock, as listing
   * restrictions are, so a concurrent deleteTier cannot leave a price for a deleted tier.
   */
  async set(
    listingId: string,
    prices: TierPriceInput[],
  ): Promise<{ listing: Listing; tierPrices: ListingTierPrice[]; warnings: PriceWarning[] }> {
    requireRoleAndPermission(this.principal, CURATOR_ROLES, CURATION);
    const id = idOf('Listing', listingId);
    const found = await this.em.findOne(Listing, id);
    if (!found) throw notFound('Listing', listingId);
    assertCurator(this.principal, CURATOR_ROLES, found.bankId, 'Listing', listingId);
    if (prices.length > MAX_TIER_PRICES)
      throw badInput(`A listing has at most ${MAX_TIER_PRICES} tier prices.`, [
        { field: 'prices', message: `at most ${MAX_TIER_PRICES}` },
      ]);
    const bank = await this.em.findOneOrFail(Bank, found.bankId);
    const sku = prices.length ? (await this.catalog.byIds([found.skuId])).get(found.skuId) : undefined;
    const result = await inTransaction(this.em, async (em) => {
      // The listing row is locked: a concurrent updateListing cannot drop the purchase limit a free price needs.
      // (A QUOTA rule is not locked: checkout enforces the quota bound against the live rules anyway.)
      const [row] = await selectRows<{ id: number; purchase_limit_per_customer: number | null }>(
        em,
        `SELECT id, purchase_limit_per_customer FROM listing WHERE id = ?${forUpdate(em)}`,
        [id],
      );
      if (!row) throw notFound('Listing', listingId);
      const limit = row.purchase_limit_per_customer == null ? null : Number(row.purchase_limit_per_customer);
      const problems: FieldProblem[] = [];
      const tierIds = prices.map((p) => Number(p.tierId));
      const wanted = tierIds.filter((t) => Number.isSafeInteger(t) && t > 0);
      const lock = shareLock(em);
      const own = wanted.length
        ? await selectRows<{ id: number }>(
            em,
            `SELECT id FROM tier WHERE bank_id = ? AND id IN (${wanted.map(() => '?').join(', ')})${lock}`,
            [found.bankId, ...wanted],
          )
        : [];
      const ownIds = new Set(own.map((t) => Number(t.id)));
      // Free prices on a listing without a purchase limit need a QUOTA rule (one statement, only then).
      const covered =
        limit == null && prices.some((p) => isFree({ points: p.pricePoints, fen: p.priceFen }))
          ? await quotaCoveredTiers(em, found.bankId, id, new Date())
          : new Set<number | null>();
      prices.forEach((p, index) => {
        const tierId = tierIds[index]!;
        if (!ownIds.has(tierId))
          problems.push({ index, field: 'tierId', message: `Tier ${p.tierId} not found at this bank.` });
        else if (tierIds.indexOf(tierId) !== index)
          problems.push({
            index,
            field: 'tierId',
            message: `Tier ${p.tierId} appears twice; give one price per tier.`,
          });
        const problem = tierPriceProblem(
          { priceMode: p.priceMode, points: p.pricePoints, fen: p.priceFen },
          bank,
          {
            purchaseLimitPerCustomer: limit,
          },
          quotaBounds(covered, tierId),
        );
        if (problem) problems.push({ index, field: 'price', message: problem });
      });
      if (problems.length)
        throw badInput(
          `The tier prices are not valid; none was changed: ${problems.map((p) => `prices.${p.index} ${p.field}: ${p.message}`).join(' ')}`,
          problems,
        );
      await em.nativeDelete(ListingTierPrice, { listingId: id });
      const rows = prices.map((p) => ({
        listingId: id,
        tierId: Number(p.tierId),
        bankId: found.bankId,
        priceMode: p.priceMode,
        pricePoints: p.pricePoints,
        priceFen: p.priceFen,
        updatedAt: new Date(),
      }));
      if (rows.length) await em.insertMany(ListingTierPrice, rows);
      const warnings = sku
        ? rows
            .map((r) => ({ priceMode: r.priceMode, points: r.pricePoints, fen: r.priceFen }))
            .filter((price) => isBelowCost(price, sku.supplierPriceFen, bank))
            .map((price) => belowCostWarning(id, found.skuId, sku.supplierPriceFen, price, bank.pointsPerYuan))
        : [];
      // A below-cost tier price (a free perk included) waits for a second person where the bank's policy says so.
      if (warnings.length) await approvalGate(this.principal).listingBelowCost(bank.id, 'listingTierPrices');
      return { tierPrices: rows.map((r) => Object.assign(new ListingTierPrice(), r)), warnings };
    });
    return { listing: found, ...result };
  }
}
