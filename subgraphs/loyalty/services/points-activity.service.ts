import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, notFound } from '../../../core/errors';
import { bankScopeOf, requireRoleAndPermission, type Principal } from '../../../core/identity';
import { ceilHour, instantOf, periodsOf, validateDays, type ReportGranularity } from '../../../core/report-periods';
import { isMySql, selectRows } from '../../../core/sql';

export interface PointsFigures {
  earned: number;
  redeemed: number;
  expired: number;
}

export interface PointsActivityData extends PointsFigures {
  redemptionRateBp: number | null;
  series: (PointsFigures & { periodStart: Date; label: string })[];
}

/** Which dashboard: the key orders gives the gateway for `SalesDashboard`. */
export interface DashboardKey {
  bankId: string;
  fromDay: string;
  toDay: string;
  granularity: ReportGranularity;
  timeZone: string;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length <= 64;
  } catch {
    return false;
  }
}

/**
 * Redeemable points a bank's customers earned (rules: EARN), redeemed (mall orders captured, net of
 * points refunded) and lost to expiry, per period of the bank's dashboard — one aggregate over the
 * ledger by UTC hour (index bank_id, occurred_at), bucketed here. Manual adjustments are in none.
 */
export class PointsActivityService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async forDashboard(key: DashboardKey): Promise<PointsActivityData> {
    requireRoleAndPermission(this.principal, ['BANK_ADMIN', 'BANK_OPERATOR', 'PLATFORM_ADMIN'], {
      bank: 'SEE_REPORTS',
      platform: 'SEE_REPORTS',
    });
    const bankId = Number(key.bankId);
    const scope = bankScopeOf(this.principal);
    if (!Number.isSafeInteger(bankId) || (scope !== null && scope !== String(bankId)))
      throw notFound('Bank', key.bankId);
    validateDays(key.fromDay, key.toDay, key.granularity);
    if (!isTimeZone(key.timeZone)) throw badInput(`${key.timeZone.slice(0, 64)} is not an IANA time zone.`);
    const { periods, keyOf, keyOfPeriod, start, end } = periodsOf(
      key.fromDay,
      key.toDay,
      key.granularity,
      key.timeZone,
    );
    // Whole UTC hours as a number, in each dialect (SQLite keeps DATETIME as epoch milliseconds).
    const hourOf = isMySql(this.em)
      ? 'FLOOR(UNIX_TIMESTAMP(occurred_at) / 3600)'
      : 'CAST(occurred_at / 3600000 AS INTEGER)';
    const p = this.em.getPlatform();
    const rows = await selectRows<{
      h: unknown;
      earned: unknown;
      captured: unknown;
      refunded: unknown;
      expired: unknown;
    }>(
      this.em,
      `SELECT ${hourOf} AS h,
              SUM(CASE WHEN type = 'EARN' THEN amount ELSE 0 END) AS earned,
              SUM(CASE WHEN type = 'CAPTURE' THEN -held_delta ELSE 0 END) AS captured,
              SUM(CASE WHEN type = 'REFUND' THEN amount ELSE 0 END) AS refunded,
              SUM(CASE WHEN type = 'EXPIRE' THEN -amount ELSE 0 END) AS expired
       FROM points_ledger_entry
       WHERE bank_id = ? AND occurred_at >= ? AND occurred_at < ? AND track = 'REDEEMABLE'
         AND type IN ('EARN', 'CAPTURE', 'REFUND', 'EXPIRE')
       GROUP BY ${hourOf}`,
      [
        bankId,
        p.processDateProperty(new Date(ceilHour(start.getTime()))),
        p.processDateProperty(new Date(ceilHour(end.getTime()))),
      ],
    );
    const series = periods.map((x) => ({ ...x, earned: 0, redeemed: 0, expired: 0 }));
    const byKey = new Map(series.map((s) => [keyOfPeriod(s), s]));
    const totals: PointsFigures = { earned: 0, redeemed: 0, expired: 0 };
    for (const r of rows) {
      const f = {
        earned: Number(r.earned ?? 0),
        redeemed: Number(r.captured ?? 0) - Number(r.refunded ?? 0),
        expired: Number(r.expired ?? 0),
      };
      const s = byKey.get(keyOf(instantOf(Number(r.h) * 3_600_000)));
      for (const target of s ? [s, totals] : [totals]) {
        target.earned += f.earned;
        target.redeemed += f.redeemed;
        target.expired += f.expired;
      }
    }
    const rate = totals.earned > 0 ? Math.floor((Math.max(0, totals.redeemed) * 10_000) / totals.earned) : null;
    return { ...totals, redemptionRateBp: rate, series };
  }
}
