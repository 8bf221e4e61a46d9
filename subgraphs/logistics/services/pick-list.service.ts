import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, notFound } from '../../../core/errors';
import {
  requireRoleAndPermission,
  supplierScopeOf,
  SUPPLIER_ROLES_OR_PLATFORM,
  type Principal,
  type StaffPermissions,
} from '../../../core/identity';
import { selectRows } from '../../../core/sql';
import { FulfilmentStatus } from '../entities/fulfilment';

/** The SKUs a pick list names at most; `truncated` says when there were more. */
export const MAX_PICK_LIST_SKUS = 500;
const PICKERS: StaffPermissions = { supplier: 'SHIP_ORDERS', platform: 'MANAGE_SUPPLIERS' };
/** Only these have units still to ship. */
const TO_SHIP = [FulfilmentStatus.OPEN, FulfilmentStatus.PARTIALLY_SHIPPED];

export interface PickListFilter {
  status?: FulfilmentStatus | null;
  placedFrom?: Date | null;
  placedTo?: Date | null;
  orderId?: string | null;
}

export interface PickListLineRow {
  skuId: number;
  title: string;
  units: number;
  orders: number;
}

export interface PickListResult {
  lines: PickListLineRow[];
  skus: number;
  units: number;
  orders: number;
  truncated: boolean;
}

/**
 * A supplier's pick list: the units still to ship (ordered − shipped − withdrawn) per SKU over every
 * fulfilment the filter matches, however many. Two statements whatever the number of orders: the
 * totals, and the first `first` SKUs by units (most first), both one GROUP BY over the supplier's
 * queue index (supplier, status, …) joined to the lines by their fulfilment index.
 */
export class PickListService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async pickList(supplierId: number, filter: PickListFilter | null, first?: number | null): Promise<PickListResult> {
    requireRoleAndPermission(
      this.principal,
      SUPPLIER_ROLES_OR_PLATFORM,
      PICKERS,
      "Only the supplier's staff (or the platform) see pick lists",
    );
    const scope = supplierScopeOf(this.principal);
    if (!Number.isSafeInteger(supplierId) || supplierId < 1 || (scope !== null && scope !== String(supplierId)))
      throw notFound('Supplier', supplierId);
    const limit = first ?? MAX_PICK_LIST_SKUS;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PICK_LIST_SKUS)
      throw badInput(`first must be 1–${MAX_PICK_LIST_SKUS}.`, [{ field: 'first', message: 'out of range' }]);

    const statuses = filter?.status ? [filter.status] : TO_SHIP;
    const where = [`f.supplier_id = ?`, `f.status IN (${statuses.map(() => '?').join(', ')})`];
    const params: unknown[] = [supplierId, ...statuses];
    const platform = this.em.getPlatform();
    const { placedFrom: from, placedTo: to } = filter ?? {};
    if (from && to && !(from < to))
      throw badInput('placedFrom must be before placedTo.', [{ field: 'placedFrom', message: 'not before placedTo' }]);
    if (from) {
      where.push('f.placed_at >= ?');
      params.push(platform.processDateProperty(from));
    }
    if (to) {
      where.push('f.placed_at < ?');
      params.push(platform.processDateProperty(to));
    }
    const orderId = filter?.orderId?.trim();
    if (orderId) {
      if (!/^[0-9]{1,15}$/.test(orderId) || Number(orderId) < 1)
        throw badInput('An order number is a positive whole number.', [{ field: 'orderId', message: 'not a number' }]);
      where.push('f.order_id = ?');
      params.push(Number(orderId));
    }
    const left = 'fl.quantity - fl.shipped_quantity - fl.withdrawn_quantity';
    const from_ = `FROM fulfilment f JOIN fulfilment_line fl ON fl.fulfilment_id = f.id
      WHERE ${where.join(' AND ')} AND ${left} > 0`;
    const [totals] = await selectRows<{ skus: number | null; units: number | string | null; orders: number | null }>(
      this.em,
      `SELECT COUNT(DISTINCT fl.sku_id) AS skus, SUM(${left}) AS units, COUNT(DISTINCT f.id) AS orders ${from_}`,
      params,
    );
    const skus = Number(totals?.skus ?? 0);
    if (skus === 0) return { lines: [], skus: 0, units: 0, orders: 0, truncated: false };
    const rows = await selectRows<{ sku_id: number; title: string; units: number | string; orders: number }>(
      this.em,
      `SELECT fl.sku_id AS sku_id, MIN(fl.title) AS title, SUM(${left}) AS units, COUNT(DISTINCT f.id) AS orders
       ${from_} GROUP BY fl.sku_id ORDER BY units DESC, sku_id ASC LIMIT ?`,
      [...params, limit],
    );
    return {
      lines: rows.map((r) => ({
        skuId: Number(r.sku_id),
        title: r.title,
        units: Number(r.units),
        orders: Number(r.orders),
      })),
      skus,
      units: Number(totals?.units ?? 0),
      orders: Number(totals?.orders ?? 0),
      truncated: skus > rows.length,
    };
  }
}
