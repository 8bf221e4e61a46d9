import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, forbidden, notFound } from '../../../core/errors';
import {
  PLATFORM_ROLES,
  SUPPLIER_ROLES_OR_PLATFORM,
  isSupplier,
  requireRoleAndPermission,
  type Principal,
} from '../../../core/identity';
import { forUpdate, inTransaction, selectRows } from '../../../core/sql';
import { CommissionRate } from '../entities/commission';
import { MANAGING_SETTLEMENT } from './access';
import { isCalendarDay } from './local-time';

/** Reading a supplier's commission rates: the supplier its own, the platform any. */
export const READING_COMMISSION = { supplier: 'SEE_SETTLEMENT', platform: 'MANAGE_SETTLEMENT' } as const;

export const MAX_RATE_BP = 10000;

/**
 * The platform's commission on `units` units at `unitPriceFen` (the supplier price) and `rateBp`:
 * ⌊units × price × rate / 10000⌋ — rounded down once per line, so it is monotone in units and the
 * commission given back for r of the n units still delivered is C(n) − C(n − r): what is kept always
 * equals C(units kept) exactly.
 */
export function commissionOf(units: number, unitPriceFen: number, rateBp: number): number {
  if (units <= 0 || rateBp <= 0) return 0;
  return Number((BigInt(units) * BigInt(unitPriceFen) * BigInt(rateBp)) / 10000n);
}

/**
 * The supplier's share of a line's campaign subsidy for `units` of its units, rounded down (like
 * supplierFundedOf): the whole share for all of them, so delivered and refunded shares telescope.
 */
export function coFundedOf(line: { quantity: number; campaignSupplierFundedFen?: number }, units: number): number {
  const total = line.campaignSupplierFundedFen ?? 0;
  if (units >= line.quantity) return total;
  if (units <= 0) return 0;
  return Number((BigInt(total) * BigInt(units)) / BigInt(line.quantity));
}

/** The ids of a category path "/1/7/42/", root first. */
export function categoryIdsOf(path: string | null | undefined): number[] {
  if (!path) return [];
  return path
    .split('/')
    .filter((p) => /^\d+$/.test(p))
    .map(Number);
}

/**
 * The rate that applies to a supplier's line delivered on `day` (YYYY-MM-DD, bank time): the rate of
 * the line's own category valid that day, else of its nearest ancestor that has one, else the
 * supplier's default (category null), else 0 (no rate set: no commission line is written). One
 * statement.
 */
export async function commissionRateFor(
  em: SqlEntityManager,
  supplierId: number,
  categoryPath: string | null | undefined,
  day: string,
): Promise<{ rateBp: number; rateId: number | null }> {
  const path = categoryIdsOf(categoryPath);
  const rows = await selectRows<{ id: number; category_id: number | null; rate_bp: number }>(
    em,
    `SELECT id, category_id, rate_bp FROM commission_rate
     WHERE supplier_id = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)
       AND (category_id IS NULL${path.length ? ` OR category_id IN (${path.map(() => '?').join(', ')})` : ''})`,
    [supplierId, day, day, ...path],
  );
  let best: { depth: number; rateBp: number; rateId: number } | null = null;
  for (const r of rows) {
    const depth = r.category_id == null ? -1 : path.indexOf(Number(r.category_id));
    if (!best || depth > best.depth) best = { depth, rateBp: Number(r.rate_bp), rateId: Number(r.id) };
  }
  return best ? { rateBp: best.rateBp, rateId: best.rateId } : { rateBp: 0, rateId: null };
}

export interface SetCommissionRateRequest {
  supplierId: string;
  categoryId?: string | null;
  rateBp: number;
  validFrom: string;
  validTo?: string | null;
}

const positiveId = (v: string | null | undefined): number | null => {
  if (v == null) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : NaN;
};

/** Commission rates: the platform sets and ends them; a supplier reads its own. */
export class CommissionRates {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async list(supplierId: string): Promise<CommissionRate[]> {
    requireRoleAndPermission(this.principal, SUPPLIER_ROLES_OR_PLATFORM, READING_COMMISSION);
    const id = positiveId(supplierId);
    if (id == null || Number.isNaN(id)) throw badInput('supplierId must be a supplier id.');
    if (isSupplier(this.principal) && this.principal.supplierId !== String(id))
      throw forbidden('A supplier reads only its own commission rates.');
    return this.em.find(
      CommissionRate,
      { supplierId: id },
      { orderBy: { categoryId: 'ASC', validFrom: 'ASC', id: 'ASC' }, limit: 1000 },
    );
  }

  async set(req: SetCommissionRateRequest): Promise<CommissionRate> {
    requireRoleAndPermission(this.principal, PLATFORM_ROLES, MANAGING_SETTLEMENT);
    const problems: { field: string; message: string }[] = [];
    const supplierId = positiveId(req.supplierId);
    if (supplierId == null || Number.isNaN(supplierId))
      problems.push({ field: 'supplierId', message: 'must be a supplier id.' });
    const categoryId = positiveId(req.categoryId);
    if (Number.isNaN(categoryId))
      problems.push({ field: 'categoryId', message: "must be a category id, or omitted for the supplier's default." });
    if (!Number.isInteger(req.rateBp) || req.rateBp < 0 || req.rateBp > MAX_RATE_BP)
      problems.push({ field: 'rateBp', message: 'must be 0 to 10000 basis points (500 = 5%).' });
    if (!isCalendarDay(req.validFrom)) problems.push({ field: 'validFrom', message: 'must be a date, YYYY-MM-DD.' });
    if (req.validTo != null && !isCalendarDay(req.validTo))
      problems.push({ field: 'validTo', message: 'must be a date, YYYY-MM-DD, or omitted (open-ended).' });
    else if (req.validTo != null && isCalendarDay(req.validFrom) && req.validTo < req.validFrom)
      problems.push({ field: 'validTo', message: 'must be on or after validFrom.' });
    if (problems.length) throw badInput('The commission rate is not valid.', problems);
    return inTransaction(this.em, async (tx) => {
      // Locks the supplier × category's rates (and the gap a new one would go in), so two
      // overlapping rates set at once cannot both pass the check.
      const overlapping = await selectRows<{ id: number }>(
        tx,
        `SELECT id FROM commission_rate WHERE supplier_id = ? AND ${categoryId == null ? 'category_id IS NULL' : 'category_id = ?'}
           AND (valid_to IS NULL OR valid_to >= ?)${req.validTo != null ? ' AND valid_from <= ?' : ''}${forUpdate(tx)}`,
        [
          supplierId,
          ...(categoryId == null ? [] : [categoryId]),
          req.validFrom,
          ...(req.validTo != null ? [req.validTo] : []),
        ],
      );
      if (overlapping.length)
        throw conflict(
          `Rate ${overlapping.map((r) => r.id).join(', ')} of supplier ${supplierId} for ${categoryId == null ? 'its default' : `category ${categoryId}`} is valid during ${req.validFrom}…${req.validTo ?? 'open-ended'}: end it first (endCommissionRate) or choose other dates.`,
        );
      const rate = tx.create(CommissionRate, {
        supplierId: supplierId!,
        categoryId,
        rateBp: req.rateBp,
        validFrom: req.validFrom,
        validTo: req.validTo ?? null,
        createdBy: this.principal.sub,
        createdAt: new Date(),
      });
      await tx.flush();
      return rate;
    });
  }

  /** Ends a rate on `validTo` (its last day): only shortens it, never before its first day. */
  async end(id: string, validTo: string): Promise<CommissionRate> {
    requireRoleAndPermission(this.principal, PLATFORM_ROLES, MANAGING_SETTLEMENT);
    if (!isCalendarDay(validTo))
      throw badInput('validTo must be a date, YYYY-MM-DD.', [{ field: 'validTo', message: 'YYYY-MM-DD' }]);
    const rateId = positiveId(id);
    if (rateId == null || Number.isNaN(rateId)) throw notFound('Commission rate', id);
    return inTransaction(this.em, async (tx) => {
      await selectRows(tx, `SELECT id FROM commission_rate WHERE id = ?${forUpdate(tx)}`, [rateId]);
      const rate = await tx.findOne(CommissionRate, rateId, { refresh: true });
      if (!rate) throw notFound('Commission rate', id);
      if (validTo < rate.validFrom)
        throw badInput(`validTo must be on or after the rate's first day, ${rate.validFrom}.`, [
          { field: 'validTo', message: `on or after ${rate.validFrom}` },
        ]);
      if (rate.validTo != null && validTo > rate.validTo)
        throw badInput(
          `The rate already ends on ${rate.validTo}; ending it later would extend it — set a new rate instead.`,
          [{ field: 'validTo', message: `on or before ${rate.validTo}` }],
        );
      rate.validTo = validTo;
      await tx.flush();
      return rate;
    });
  }
}
