import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput } from '../../../core/errors';
import { requireRole, type Principal } from '../../../core/identity';
import { affectedRows, insertIgnoringDuplicates } from '../../../core/sql';
import { idOf } from './access';

export interface ListingUnits {
  listingId: string;
  quantity: number;
}

const MAX_LINES = 100;

/**
 * Best-selling order for the mall search: orders announces each paid order once
 * (`orders.listing-sales`, from the confirmation's transaction) and the units are added to
 * `listing.sales_count` here, once per order (the `listing_sales_order` key), in two statements.
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
    if (lines.length < 1 || lines.length > MAX_LINES) throw badInput(`Pass 1 to ${MAX_LINES} lines.`);
    const units = new Map<number, number>();
    for (const l of lines) {
      if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > 100_000)
        throw badInput('Each quantity must be 1 to 100000.');
      const id = idOf('Listing', l.listingId);
      units.set(id, (units.get(id) ?? 0) + l.quantity);
    }
    return this.em.transactional(async (tx) => {
      const em = tx as SqlEntityManager;
      const fresh = await insertIgnoringDuplicates(
        em,
        'listing_sales_order',
        [{ order_id: order, recorded_at: new Date() }],
        ['order_id'],
      );
      if (!fresh) return false;
      const rows = [...units];
      await affectedRows(
        em,
        `UPDATE listing SET sales_count = sales_count + CASE id ${rows.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END WHERE id IN (${rows.map(() => '?').join(', ')})`,
        [...rows.flat(), ...rows.map(([id]) => id)],
      );
      return true;
    });
  }
}
