import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, notFound, type FieldProblem } from '../../../core/errors';
import { Bank } from '../entities/bank';
import { Customer } from '../entities/customer';
import { Listing, PriceMode } from '../entities/listing';
import { Mall } from '../entities/mall';
import { CustomerSegment } from '../entities/segment';
import { idOf } from './access';
import { applyEligibility, bestCampaignPrices, campaignPriceSql } from './eligibility';

export const MAX_CHECKOUT_LINES = 100;
export const MAX_LINE_QUANTITY = 999;

export interface QuoteLine {
  listingId: number;
  skuId: number;
  quantity: number;
  priceMode: PriceMode;
  unitPoints: number;
  unitFen: number;
  purchaseLimitPerCustomer: number | null;
  campaignId: number | null;
}

export interface Quote {
  mallId: number;
  customerId: number;
  bankId: number;
  pointsPerYuan: number;
  maxPointsShareBp: number;
  /** The bank's IANA time zone; orders buckets this order's report days and settlement month in it. */
  timeZone: string;
  pricedAt: Date;
  lines: QuoteLine[];
  totalPoints: number;
  totalFen: number;
}

/**
 * Prices a checkout for the orders saga, at `now`, with exactly the rules customers browse by:
 * each listing in this mall, of the customer's bank, ACTIVE, inside its schedule, visible to the
 * customer's tier and segments; a live campaign's price applies. A line that fails any of this is
 * BAD_USER_INPUT naming the listing (by line index); nothing is priced partially.
 */
export class CheckoutService {
  constructor(private readonly em: EntityManager) {}

  async quote(
    mallId: string,
    customerId: string,
    lines: { listingId: string; quantity: number }[],
    now = new Date(),
  ): Promise<Quote> {
    if (lines.length === 0 || lines.length > MAX_CHECKOUT_LINES)
      throw badInput(`Give 1 to ${MAX_CHECKOUT_LINES} lines.`, [
        { field: 'lines', message: `1–${MAX_CHECKOUT_LINES}` },
      ]);
    // The mall with its bank in one statement (the customer must be of that bank).
    const mall = await this.em.findOne(Mall, idOf('Mall', mallId), { populate: ['bank'], strategy: 'joined' });
    if (!mall) throw notFound('Mall', mallId);
    const customer = await this.em.findOne(Customer, idOf('Customer', customerId));
    if (!customer || customer.bankId !== mall.bank.id) throw notFound('Customer', customerId);
    const bank: Bank = mall.bank.getEntity();

    const problems: FieldProblem[] = [];
    const seen = new Map<number, number>();
    lines.forEach((line, index) => {
      const id = Number(line.listingId);
      if (!Number.isSafeInteger(id) || id < 1)
        problems.push({ index, field: 'listingId', message: `Listing ${line.listingId} does not exist.` });
      else if (seen.has(id))
        problems.push({
          index,
          field: 'listingId',
          message: `Listing ${id} repeats line ${seen.get(id)}; merge the quantities.`,
        });
      else seen.set(id, index);
      if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_LINE_QUANTITY)
        problems.push({ index, field: 'quantity', message: `must be 1 to ${MAX_LINE_QUANTITY}.` });
    });
    if (problems.length) throw badInput('The checkout lines are not valid.', problems);

    const segmentIds = (await this.em.find(CustomerSegment, { customerId: customer.id })).map((s) => s.segmentId);
    const sql = this.em as SqlEntityManager;
    const qb = sql
      .createQueryBuilder(Listing, 'l')
      .where({ id: { $in: [...seen.keys()] }, mall: mall.id, bankId: bank.id });
    applyEligibility(
      qb,
      { kind: 'SHOPPER', customerId: customer.id, tierId: customer.tierId ?? null, segmentIds },
      now,
    );
    const eligible = new Map((await qb.getResultList()).map((l) => [l.id, l]));
    lines.forEach((line, index) => {
      const id = Number(line.listingId);
      const l = eligible.get(id);
      if (!l)
        problems.push({
          index,
          field: 'listingId',
          message: `Listing ${id} is not available to this customer in mall ${mall.id} now (missing, paused, outside its schedule, or not for their tier/segments).`,
        });
      else if (l.purchaseLimitPerCustomer != null && line.quantity > l.purchaseLimitPerCustomer) {
        problems.push({
          index,
          field: 'quantity',
          message: `Listing ${id} allows at most ${l.purchaseLimitPerCustomer} per customer.`,
        });
      }
    });
    if (problems.length) throw badInput(problems.map((p) => p.message).join(' '), problems);

    const q = campaignPriceSql([...eligible.keys()], segmentIds, now, this.em.getPlatform());
    const campaign = bestCampaignPrices((await sql.execute(q.sql, q.params)) as Record<string, unknown>[]);
    const quoted: QuoteLine[] = lines.map((line) => {
      const l = eligible.get(Number(line.listingId))!;
      const c = campaign.get(l.id);
      return {
        listingId: l.id,
        skuId: l.skuId,
        quantity: line.quantity,
        priceMode: (c?.priceMode as PriceMode | undefined) ?? l.priceMode,
        unitPoints: c ? c.pricePoints : l.pricePoints,
        unitFen: c ? c.priceFen : l.priceFen,
        purchaseLimitPerCustomer: l.purchaseLimitPerCustomer ?? null,
        campaignId: c?.campaignId ?? null,
      };
    });
    return {
      mallId: mall.id,
      customerId: customer.id,
      bankId: bank.id,
      pointsPerYuan: bank.pointsPerYuan,
      maxPointsShareBp: bank.maxPointsShareBp,
      timeZone: bank.timeZone,
      pricedAt: now,
      lines: quoted,
      totalPoints: quoted.reduce((s, l) => s + l.unitPoints * l.quantity, 0),
      totalFen: quoted.reduce((s, l) => s + l.unitFen * l.quantity, 0),
    };
  }
}
