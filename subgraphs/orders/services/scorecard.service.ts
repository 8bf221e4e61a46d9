import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, notFound, type FieldProblem } from '../../../core/errors';
import {
  requireRoleAndPermission,
  supplierScopeOf,
  SUPPLIER_ROLES_OR_PLATFORM,
  type Principal,
} from '../../../core/identity';
import { addDays, daysBetween, isCalendarDay } from '../../../core/local-time';
import { Refund, RefundCause, RefundState } from '../entities/refund';
import { SupplierDayReport } from '../entities/report';
import { REPORTS } from './access';

/** UTC days (a supplier serves banks in several zones, like `supplierSales`) or calendar months. */
export type ScorecardBucket = 'DAY' | 'MONTH';

export interface ScorecardPeriod {
  periodStart: Date;
  supplierOrders: number;
  cancellations: number;
  supplierOrdersWithCancellations: number;
  cancelledLines: number;
  cancelledUnits: number;
  /** Null when no supplier order was paid in the period. */
  cancelRateBp: number | null;
  refunds: number;
  refundedUnits: number;
  refundedPoints: number;
  refundedCashFen: number;
}

export interface Scorecard {
  supplierId: number;
  fromDay: string;
  toDay: string;
  total: ScorecardPeriod;
  periods: ScorecardPeriod[];
}

/** Longest range, in days (both ends included). */
export const MAX_SCORECARD_DAYS = 366;
/** Approved refunds one scorecard reads at most; a supplier with more in the range narrows it. */
const MAX_REFUNDS = 50_000;

/**
 * A supplier's scorecard: how reliably it fills what it sold. Per UTC day or month of the range:
 * supplier orders paid (report_supplier_day), its own cancellations of units it could not fill
 * (refunds with cause SUPPLIER_CANCELLED: how many, lines, units, and supplier orders hit), the
 * cancel rate (supplier orders with a cancellation ÷ supplier orders paid, in basis points, each
 * counted in the period it happened in — as marketplaces measure a seller's cancel rate), and every
 * approved refund of its supplier orders (count, units, points, cash). For the supplier itself
 * (SEE_SETTLEMENT) and the platform (SEE_REPORTS); another supplier's is NOT_FOUND.
 */
export class SupplierScorecardService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async scorecard(supplierId: number, fromDay: string, toDay: string, bucket: ScorecardBucket): Promise<Scorecard> {
    requireRoleAndPermission(
      this.principal,
      SUPPLIER_ROLES_OR_PLATFORM,
      REPORTS,
      'A supplier reads its own scorecard; the platform reads every supplier’s',
    );
    const scope = supplierScopeOf(this.principal);
    if (scope !== null && scope !== String(supplierId)) throw notFound('Supplier', supplierId);
    const problems: FieldProblem[] = [];
    if (!isCalendarDay(fromDay)) problems.push({ field: 'input.fromDay', message: 'must be a date YYYY-MM-DD' });
    if (!isCalendarDay(toDay)) problems.push({ field: 'input.toDay', message: 'must be a date YYYY-MM-DD' });
    if (problems.length) throw badInput('The date range is not valid.', problems);
    const days = daysBetween(fromDay, toDay) + 1;
    if (days < 1)
      throw badInput('`fromDay` must be on or before `toDay`.', [{ field: 'input.toDay', message: 'before fromDay' }]);
    if (days > MAX_SCORECARD_DAYS)
      throw badInput(`A scorecard covers at most ${MAX_SCORECARD_DAYS} days.`, [
        { field: 'input.toDay', message: `at most ${MAX_SCORECARD_DAYS} days after fromDay` },
      ]);

    const keyOf = (day: string) => (bucket === 'MONTH' ? day.slice(0, 7) : day);
    const periods = new Map<string, ScorecardPeriod & { hit: Set<number> }>();
    for (let d = fromDay; d <= toDay; d = addDays(d, 1)) {
      const k = keyOf(d);
      if (!periods.has(k))
        periods.set(k, { ...empty(new Date(`${bucket === 'MONTH' ? `${k}-01` : k}T00:00:00Z`)), hit: new Set() });
    }
    const dayRows = await this.em.find(
      SupplierDayReport,
      { supplierId, day: { $gte: fromDay, $lte: toDay } },
      { fields: ['day', 'orders'] },
    );
    for (const r of dayRows) periods.get(keyOf(r.day))!.supplierOrders += r.orders;

    const rows = await this.em.find(
      Refund,
      {
        supplierId,
        state: RefundState.APPROVED,
        decidedAt: { $gte: new Date(`${fromDay}T00:00:00Z`), $lt: new Date(`${addDays(toDay, 1)}T00:00:00Z`) },
      },
      {
        fields: ['supplierOrderId', 'cause', 'lines', 'pointsRefunded', 'cashRefundFen', 'decidedAt'],
        limit: MAX_REFUNDS + 1,
      },
    );
    if (rows.length > MAX_REFUNDS)
      throw badInput(`More than ${MAX_REFUNDS} refunds in this range; ask for a shorter one.`, [
        { field: 'input.toDay', message: 'range too busy' },
      ]);
    for (const r of rows) {
      const p = periods.get(keyOf(r.decidedAt!.toISOString().slice(0, 10)));
      if (!p) continue;
      const units = r.lines.reduce((sum, l) => sum + l.quantity, 0);
      p.refunds += 1;
      p.refundedUnits += units;
      p.refundedPoints += r.pointsRefunded;
      p.refundedCashFen += r.cashRefundFen;
      if (r.cause === RefundCause.SUPPLIER_CANCELLED) {
        p.cancellations += 1;
        p.cancelledLines += r.lines.length;
        p.cancelledUnits += units;
        p.hit.add(r.supplierOrderId);
      }
    }
    const list = [...periods.values()].map(({ hit, ...p }) => ({
      ...p,
      supplierOrdersWithCancellations: hit.size,
      cancelRateBp: rate(hit.size, p.supplierOrders),
    }));
    const allHit = new Set([...periods.values()].flatMap((p) => [...p.hit]));
    const total = list.reduce(
      (t, p) => ({
        ...t,
        supplierOrders: t.supplierOrders + p.supplierOrders,
        cancellations: t.cancellations + p.cancellations,
        cancelledLines: t.cancelledLines + p.cancelledLines,
        cancelledUnits: t.cancelledUnits + p.cancelledUnits,
        refunds: t.refunds + p.refunds,
        refundedUnits: t.refundedUnits + p.refundedUnits,
        refundedPoints: t.refundedPoints + p.refundedPoints,
        refundedCashFen: t.refundedCashFen + p.refundedCashFen,
      }),
      empty(new Date(`${fromDay}T00:00:00Z`)),
    );
    total.supplierOrdersWithCancellations = allHit.size;
    total.cancelRateBp = rate(allHit.size, total.supplierOrders);
    return { supplierId, fromDay, toDay, total, periods: list };
  }
}

function empty(periodStart: Date): ScorecardPeriod {
  return {
    periodStart,
    supplierOrders: 0,
    cancellations: 0,
    supplierOrdersWithCancellations: 0,
    cancelledLines: 0,
    cancelledUnits: 0,
    cancelRateBp: null,
    refunds: 0,
    refundedUnits: 0,
    refundedPoints: 0,
    refundedCashFen: 0,
  };
}

/** Basis points, rounded down (at most 10,000); null when nothing was sold in the period. */
function rate(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.min(10_000, Math.floor((part * 10_000) / whole));
}
