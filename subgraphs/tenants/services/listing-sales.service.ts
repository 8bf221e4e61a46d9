import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput } from '../../../core/errors';
import { requireRole, type Principal } from '../../../core/identity';
import { affectedRows, forUpdate, inTransaction, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import { idOf } from './access';

export interface ListingUnits {
  listingId: string;
  quantity: number;
}

const MAX_LINES = 100;

/** Units by listing id (numeric), from 1–100 lines of 1–100,000 units each. */
function unitsByListing(lines: ListingUnits[]): Map<number, number> {
  if (lines.length < 1 || lines.length > MAX_LINES) throw badInput(`Pass 1 to ${MAX_LINES} lines.`);
  const units = new Map<number, number>();
  for (const l of lines) {
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > 100_000)
      throw badInput('Each quantity must be 1 to 100000.');
    const id = idOf('Listing', l.listingId);
    units.set(id, (units.get(id) ?? 0) + l.quantity);
  }
  return units;
}

/** Adds (or, negative, takes off, never below zero) units to listings' sales counts in one statement. */
async function addSales(em: SqlEntityManager, units: Map<number, number>): Promise<void> {
  const rows = [...units].filter(([, n]) => n !== 0);
  if (!rows.length) return;
  const delta = `CASE id ${rows.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END`;
  await affectedRows(
    em,
    `UPDATE listing SET sales_count = CASE WHEN sales_count + ${delta} < 0 THEN 0 ELSE sales_count + ${delta} END WHERE id IN (${rows.map(() => '?').join(', ')})`,
    [...rows.flat(), ...rows.flat(), ...rows.map(([id]) => id)],
  );
}

/**
 * Best-selling order for the mall search: orders announces each paid order once
 * (`orders.listing-sales`, from the confirmation's transaction) and each refund of units once
 * (`orders.listing-refund`, from the refund's booking); the units are added to (taken off)
 * `listing.sales_count` here, once per order (the `listing_sales_order` key) and once per refund
 * (`listing_sales_refund`). A refund delivered before its order's sales waits in its row
 * (`pending_units`) and the sales are then counted net of it, so the order of deliveries never
 * changes the result.
 */
export class ListingSalesService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /** Adds the order's units; false when the order was recorded before (a repeated delivery). */
  async record(orderId: string, lines: ListingUnits[]): Promise<boolean> {
    requireRole(this.principal, 'SERVICE');
    const order = idOf('Order', orderId);
    const units = unitsByListing(lines);
    return inTransaction(this.em, async (em) => {
      const fresh = await insertIgnoringDuplicates(
        em,
        'listing_sales_order',
        [{ order_id: order, recorded_at: em.getPlatform().processDateProperty(new Date()) }],
        ['order_id'],
      );
      if (!fresh) return false;
      // Refunds of this order that came first (the key just inserted makes later ones apply directly).
      const pending = await selectRows<{ refund_id: number; pending_units: string }>(
        em,
        'SELECT refund_id, pending_units FROM listing_sales_refund WHERE order_id = ? AND pending_units IS NOT NULL',
        [order],
      );
      const net = new Map(units);
      for (const p of pending)
        for (const [id, n] of JSON.parse(p.pending_units) as [number, number][]) net.set(id, (net.get(id) ?? 0) - n);
      if (pending.length)
        await affectedRows(em, 'UPDATE listing_sales_refund SET pending_units = NULL WHERE order_id = ?', [order]);
      await addSales(em, net);
      return true;
    });
  }

  /**
   * Takes a refund's units off its order's listings (never below zero); false when the refund was
   * recorded before (a repeated delivery).
   */
  async recordRefund(refundId: string, orderId: string, lines: ListingUnits[]): Promise<boolean> {
    requireRole(this.principal, 'SERVICE');
    const refund = idOf('Refund', refundId);
    const order = idOf('Order', orderId);
    const units = unitsByListing(lines);
    return inTransaction(this.em, async (em) => {
      // The order's sales key, locked (a gap lock when absent): a concurrent recording of its sales
      // waits for this refund, then sees it pending; or this waits for that, then applies directly.
      const counted =
        (await selectRows(em, `SELECT order_id FROM listing_sales_order WHERE order_id = ?${forUpdate(em)}`, [order]))
          .length > 0;
      const fresh = await insertIgnoringDuplicates(
        em,
        'listing_sales_refund',
        [
          {
            refund_id: refund,
            order_id: order,
            pending_units: counted ? null : JSON.stringify([...units]),
            recorded_at: em.getPlatform().processDateProperty(new Date()),
          },
        ],
        ['refund_id'],
      );
      if (!fresh) return false;
      if (counted) await addSales(em, new Map([...units].map(([id, n]) => [id, -n])));
      return true;
    });
  }
}
