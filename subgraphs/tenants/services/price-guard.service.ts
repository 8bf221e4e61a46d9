import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { notifyBank } from '../../../core/bank-notifications';
import { badInput } from '../../../core/errors';
import { requireRole, type Principal } from '../../../core/identity';
import { numericIds } from '../../../core/loaders';
import { flushWithAudit } from '../../../core/outbox';
import { inTransaction, isMySql } from '../../../core/sql';
import { Bank, PriceGuardAction } from '../entities/bank';
import { Listing, ListingStatus, PriceGuardState } from '../entities/listing';
import { CatalogClient } from './catalog-client';
import { breaksMarginRule, type Price } from './pricing';

const MAX_SKUS = 1000;
const CHANGE_KEY = /^[A-Za-z0-9:_-]{1,64}$/;

/** A listing's base price, as the pricing rules take it. */
export function basePriceOf(listing: Listing): Price {
  return { priceMode: listing.priceMode, points: listing.pricePoints, fen: listing.priceFen };
}

/**
 * The price guard (issue 22). The catalog announces through its outbox that suppliers changed the
 * supplier price of some SKUs (`catalog.sku-supplier-price-changed`, one key per change); its relay
 * calls tenants' internal `guardListingPrices`, which lands here. As for sale status, the event
 * names only the SKUs: the current supplier prices are read back from the catalog, so late,
 * repeated or reordered deliveries all end in the catalog's present state.
 *
 * Every listing of those SKUs, in every bank, is checked against its own bank's rule
 * (`breaksMarginRule`: the base price, points valued at the bank's points per CNY, must be worth the
 * supplier price plus `priceGuardMinMarginBp`):
 * - broken, and the guard has not yet acted at this supplier price: the listing is PAUSED (status
 *   PAUSED, customers no longer see it) or FLAGGED (still on sale) per the bank's
 *   `priceGuardAction` — a listing the guard paused is never downgraded to flagged — and one
 *   `LISTING_PRICE_GUARD` notification goes to the bank, in the same transaction;
 * - broken at the supplier price the guard already acted on (or the bank resumed the listing at):
 *   nothing, so a repeated delivery pauses and notifies once;
 * - kept: a FLAGGED listing's flag is cleared; a PAUSED one stays paused — the bank decides when it
 *   sells again (resume or reprice: `ListingService.update` clears the mark).
 * The listings are read with a locking read, so two deliveries of one event never both act.
 */
export class PriceGuardService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    private readonly catalog = new CatalogClient(),
  ) {}

  /** Returns how many listings the guard marked, re-marked or cleared. */
  async guard(skuIds: string[], priceChangeKey: string): Promise<number> {
    requireRole(this.principal, 'SERVICE');
    const ids = numericIds(skuIds);
    if (ids.length === 0 || ids.length > MAX_SKUS || ids.length !== new Set(skuIds).size)
      throw badInput(`Pass 1 to ${MAX_SKUS} distinct SKU ids.`, [
        { field: 'skuIds', message: `1 to ${MAX_SKUS} distinct positive ids` },
      ]);
    if (!CHANGE_KEY.test(priceChangeKey))
      throw badInput('priceChangeKey must be 1–64 letters, digits, ":", "_" or "-".', [
        { field: 'priceChangeKey', message: '1–64 of [A-Za-z0-9:_-]' },
      ]);
    const current = await this.catalog.byIds(ids);
    const now = new Date();
    return inTransaction(this.em, async (em) => {
      const listings = await em.find(
        Listing,
        { skuId: { $in: ids } },
        { orderBy: { id: 'ASC' }, ...(isMySql(em) ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) },
      );
      if (listings.length === 0) return 0;
      const banks = new Map(
        (await em.find(Bank, { id: { $in: [...new Set(listings.map((l) => l.bankId))] } })).map((b) => [b.id, b]),
      );
      let acted = 0;
      for (const listing of listings) {
        const sku = current.get(listing.skuId);
        const bank = banks.get(listing.bankId);
        if (!sku || !bank) continue; // a SKU the catalog no longer knows is off sale (refreshSkuAvailability)
        const cost = sku.supplierPriceFen;
        if (!breaksMarginRule(basePriceOf(listing), cost, bank)) {
          // The rule holds again: a flag is cleared; a listing the guard paused stays paused.
          if (listing.priceGuard === PriceGuardState.PAUSED) continue;
          if (listing.priceGuard === PriceGuardState.FLAGGED) acted += 1;
          if (listing.priceGuard || listing.priceGuardSupplierPriceFen != null) {
            listing.priceGuard = null;
            listing.priceGuardSupplierPriceFen = null;
            listing.priceGuardAt = null;
          }
          continue;
        }
        // Already acted on at this supplier price (or the bank resumed the listing at it): nothing again.
        if (listing.priceGuardSupplierPriceFen === cost) continue;
        const state =
          listing.priceGuard === PriceGuardState.PAUSED || bank.priceGuardAction === PriceGuardAction.PAUSE
            ? PriceGuardState.PAUSED
            : PriceGuardState.FLAGGED;
        const wasOnSale = listing.status === ListingStatus.ACTIVE;
        if (state === PriceGuardState.PAUSED) listing.status = ListingStatus.PAUSED;
        listing.priceGuard = state;
        listing.priceGuardSupplierPriceFen = cost;
        listing.priceGuardAt = now;
        notifyBank(em, {
          type: 'LISTING_PRICE_GUARD',
          bankId: listing.bankId,
          key: `price-guard:${listing.id}:${priceChangeKey}:${cost}`,
          occurredAt: now,
          data: {
            listingId: String(listing.id),
            mallId: String(listing.mall.id),
            skuId: String(listing.skuId),
            action: state,
            wasOnSale,
            supplierPriceFen: cost,
            priceMode: listing.priceMode,
            pricePoints: listing.pricePoints,
            priceFen: listing.priceFen,
            pointsPerYuan: bank.pointsPerYuan,
            minMarginBp: bank.priceGuardMinMarginBp,
          },
        });
        acted += 1;
      }
      await flushWithAudit(em);
      return acted;
    });
  }
}

/**
 * After an operator's change to a listing (ListingService.update): resuming it, or repricing it so
 * the rule holds again at the current supplier price, resolves the guard's mark. Repricing alone
 * leaves a paused listing paused (resume it too, in the same call if you like).
 */
export function resolvePriceGuard(
  listing: Listing,
  bank: Bank,
  change: { resumed: boolean; supplierPriceFen: number | null },
): void {
  if (!listing.priceGuard) return;
  const repricedWithinRule =
    change.supplierPriceFen !== null && !breaksMarginRule(basePriceOf(listing), change.supplierPriceFen, bank);
  if (change.resumed || repricedWithinRule) {
    // The supplier price the guard acted on stays: the bank has seen it, so a repeated delivery of
    // that change does not act again; the next different supplier price is checked afresh.
    listing.priceGuard = null;
    listing.priceGuardAt = null;
  }
}
