import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, type FieldProblem } from '../../../core/errors';
import { PLATFORM_ROLES, requireRoleAndPermission, type Principal } from '../../../core/identity';
import { addDays, daysBetween, isCalendarDay } from '../../../core/local-time';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../core/pagination';
import { selectRows } from '../../../core/sql';

/** Longest range, in UTC days (both ends included). */
export const MAX_MARKETPLACE_DAYS = 366;

export interface MarketplaceTotals {
  fromDay: string;
  toDay: string;
  orders: number;
  gmvCashFen: number;
  gmvPointsValueFen: number;
  supplierSalesFen: number;
}

export interface BankGmv {
  bankId: number;
  orders: number;
  gmvCashFen: number;
  gmvPointsValueFen: number;
}

export interface SupplierSales {
  supplierId: number;
  orders: number;
  units: number;
  salesFen: number;
}

/**
 * The marketplace-wide sales figures for the platform (SEE_REPORTS; banks and suppliers are
 * FORBIDDEN): GMV by bank from report_mall_hour (UTC hours; cash and points value net of refunds,
 * orders paid) and sales at supplier price by supplier from report_supplier_day (UTC days). Each
 * answer is one statement over the range's report rows (index `report_mall_hour_hour`,
 * `report_supplier_day_day`), however many orders there were; pages by bank or supplier id.
 * Sums are exact: BIGINT columns summed by MariaDB as DECIMAL, read as strings.
 */
export class MarketplaceSalesService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async totals(fromDay: string, toDay: string): Promise<MarketplaceTotals> {
    const [from, to] = this.range(fromDay, toDay);
    const [banks] = await selectRows<{ orders: string | null; cash: string | null; points: string | null }>(
      this.em,
      'SELECT SUM(orders) AS orders, SUM(gmv_cash_fen) AS cash, SUM(gmv_points_value_fen) AS points FROM report_mall_hour WHERE hour >= ? AND hour < ?',
      [from, to],
    );
    const [suppliers] = await selectRows<{ sales: string | null }>(
      this.em,
      'SELECT SUM(sales_fen) AS sales FROM report_supplier_day WHERE day >= ? AND day <= ?',
      [fromDay, toDay],
    );
    return {
      fromDay,
      toDay,
      orders: exact(banks?.orders),
      gmvCashFen: exact(banks?.cash),
      gmvPointsValueFen: exact(banks?.points),
      supplierSalesFen: exact(suppliers?.sales),
    };
  }

  async byBank(
    fromDay: string,
    toDay: string,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<BankGmv>> {
    const [from, to] = this.range(fromDay, toDay);
    const limit = pageSize(first);
    const afterId = after ? Number(decodeCursor(after, 1)[0]) : 0;
    const rows = await selectRows<{ bank_id: number; orders: string; cash: string; points: string }>(
      this.em,
      `SELECT bank_id, SUM(orders) AS orders, SUM(gmv_cash_fen) AS cash, SUM(gmv_points_value_fen) AS points
         FROM report_mall_hour WHERE hour >= ? AND hour < ? AND bank_id > ?
        GROUP BY bank_id ORDER BY bank_id LIMIT ?`,
      [from, to, afterId, limit + 1],
    );
    return toConnection(
      rows.map((r) => ({
        bankId: Number(r.bank_id),
        orders: exact(r.orders),
        gmvCashFen: exact(r.cash),
        gmvPointsValueFen: exact(r.points),
      })),
      limit,
      (r) => [r.bankId],
      Boolean(after),
    );
  }

  async bySupplier(
    fromDay: string,
    toDay: string,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<SupplierSales>> {
    this.range(fromDay, toDay);
    const limit = pageSize(first);
    const afterId = after ? Number(decodeCursor(after, 1)[0]) : 0;
    const rows = await selectRows<{ supplier_id: number; orders: string; units: string; sales: string }>(
      this.em,
      `SELECT supplier_id, SUM(orders) AS orders, SUM(units) AS units, SUM(sales_fen) AS sales
         FROM report_supplier_day WHERE day >= ? AND day <= ? AND supplier_id > ?
        GROUP BY supplier_id ORDER BY supplier_id LIMIT ?`,
      [fromDay, toDay, afterId, limit + 1],
    );
    return toConnection(
      rows.map((r) => ({
        supplierId: Number(r.supplier_id),
        orders: exact(r.orders),
        units: exact(r.units),
        salesFen: exact(r.sales),
      })),
      limit,
      (r) => [r.supplierId],
      Boolean(after),
    );
  }

  /** The platform only; the range as UTC instants [from, to), as the driver takes them. */
  private range(fromDay: string, toDay: string): [unknown, unknown] {
    requireRoleAndPermission(
      this.principal,
      PLATFORM_ROLES,
      { platform: 'SEE_REPORTS' },
      'Marketplace-wide figures are the platform’s; banks and suppliers read their own reports',
    );
    const problems: FieldProblem[] = [];
    if (!isCalendarDay(fromDay)) problems.push({ field: 'input.fromDay', message: 'must be a date YYYY-MM-DD' });
    if (!isCalendarDay(toDay)) problems.push({ field: 'input.toDay', message: 'must be a date YYYY-MM-DD' });
    if (problems.length) throw badInput('The date range is not valid.', problems);
    const days = daysBetween(fromDay, toDay) + 1;
    if (days < 1)
      throw badInput('`fromDay` must be on or before `toDay`.', [{ field: 'input.toDay', message: 'before fromDay' }]);
    if (days > MAX_MARKETPLACE_DAYS)
      throw badInput(`The range covers at most ${MAX_MARKETPLACE_DAYS} days.`, [
        { field: 'input.toDay', message: `at most ${MAX_MARKETPLACE_DAYS} days after fromDay` },
      ]);
    const p = this.em.getPlatform();
    return [
      p.processDateProperty(new Date(`${fromDay}T00:00:00Z`)),
      p.processDateProperty(new Date(`${addDays(toDay, 1)}T00:00:00Z`)),
    ];
  }
}

/** A SUM read as a string (DECIMAL), as a safe integer. */
function exact(v: string | number | null | undefined): number {
  const n = Number(v ?? 0);
  if (!Number.isSafeInteger(n)) throw new Error(`A sum overflowed a safe integer: ${String(v)}`);
  return n;
}
