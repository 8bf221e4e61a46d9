import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, forbidden, notFound, type FieldProblem } from '../../../core/errors';
import type { Principal } from '../../../core/identity';
import { Supplier } from '../entities/supplier';
import { canChangePrices, EDIT_CATALOG, writeScope } from './visibility';

/** The highest shipping fee a supplier may charge per order: 500 CNY. */
export const MAX_SHIPPING_FEE_FEN = 50_000;
/** The highest free-shipping threshold: 1,000,000 CNY. */
export const MAX_FREE_SHIPPING_OVER_FEN = 100_000_000;

/**
 * A supplier's shipping terms: a fee per order of its physical goods, waived above a threshold.
 * Orders reads them through the SKU facts at checkout (subgraphs/orders/services/shipping.ts).
 */
export class ShippingFeeService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /** Sets the fee and threshold (supplier admins, or the platform naming the supplier): a price decision. */
  async set(
    supplierId: string | null | undefined,
    shippingFeeFen: number,
    freeShippingOverFen: number | null,
  ): Promise<Supplier> {
    const id = writeScope(this.principal, supplierId, EDIT_CATALOG);
    if (!canChangePrices(this.principal))
      throw forbidden('Supplier staff may not change the shipping fee; ask a supplier admin.');
    const problems: FieldProblem[] = [];
    if (!Number.isSafeInteger(shippingFeeFen) || shippingFeeFen < 0 || shippingFeeFen > MAX_SHIPPING_FEE_FEN)
      problems.push({ field: 'shippingFeeFen', message: `must be 0 to ${MAX_SHIPPING_FEE_FEN} fen.` });
    if (
      freeShippingOverFen != null &&
      (!Number.isSafeInteger(freeShippingOverFen) ||
        freeShippingOverFen < 1 ||
        freeShippingOverFen > MAX_FREE_SHIPPING_OVER_FEN)
    )
      problems.push({
        field: 'freeShippingOverFen',
        message: `must be 1 to ${MAX_FREE_SHIPPING_OVER_FEN} fen, or null for no threshold.`,
      });
    if (problems.length)
      throw badInput(`Shipping terms not valid: ${problems.map((p) => `${p.field} ${p.message}`).join(' ')}`, problems);
    const supplier = await this.em.findOne(Supplier, id);
    if (!supplier) throw notFound('Supplier', id);
    supplier.shippingFeeFen = shippingFeeFen;
    supplier.freeShippingOverFen = freeShippingOverFen;
    await this.em.flush();
    return supplier;
  }
}
