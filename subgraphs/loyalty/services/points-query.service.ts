import type { SqlEntityManager } from '@mikro-orm/knex';
import type { FilterQuery } from '@mikro-orm/core';
import { badInput, notFound } from '../../../core/errors';
import { bankScopeOf, requireRole, type Principal } from '../../../core/identity';
import { decodeCursor, keysetAfter, orderByOf, pageSize, toConnection, type Connection, type SortKey } from '../../../core/pagination';
import { selectRows } from '../../../core/sql';
import { LedgerEntryType, PointsLedgerEntry } from '../entities/ledger-entry';
import type { PointsAccount } from '../entities/points-account';

const NEWEST_FIRST: SortKey[] = [{ field: 'id', direction: 'DESC' }];

/** Who may read a customer's points: the customer, their bank's staff and apps, the platform. */
export function assertCanReadPoints(principal: Principal, customerId: string, account: PointsAccount | null): void {
  if (principal.role === 'CUSTOMER' && principal.customerId !== customerId) throw notFound('Customer', customerId);
  if (principal.role === 'SUPPLIER_ADMIN' || principal.role === 'SUPPLIER_STAFF') throw notFound('Customer', customerId);
  const scope = bankScopeOf(principal);
  if (scope !== null && account && scope !== String(account.bankId)) throw notFound('Customer', customerId);
}

export interface ExpiringPoints {
  points: number;
  on: Date;
}

export interface LedgerDrift {
  customerId: string;
  field: string;
  stored: number;
  fromLedger: number;
}

export interface PointsStatement {
  from: Date;
  to: Date;
  opening: number;
  earned: number;
  spent: number;
  refunded: number;
  expired: number;
  adjusted: number;
  closing: number;
}

/** Groups lots' remaining points by the UTC day they expire. */
export function groupExpiring(lots: { remaining: number; expiresAt: Date }[]): ExpiringPoints[] {
  const byDay = new Map<string, number>();
  for (const lot of lots) {
    const day = lot.expiresAt.toISOString().slice(0, 10);
    byDay.set(day, (byDay.get(day) ?? 0) + lot.remaining);
  }
  return [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, points]) => ({ points, on: new Date(`${day}T00:00:00.000Z`) }));
}

export class PointsQueryService {
  constructor(private readonly em: SqlEntityManager, private readonly principal: Principal) {}

  async history(account: PointsAccount | null, first?: number | null, after?: string | null, types?: LedgerEntryType[] | null): Promise<Connection<PointsLedgerEntry>> {
    const limit = pageSize(first);
    if (!account) return toConnection([], limit, () => [], Boolean(after));
    const where: FilterQuery<PointsLedgerEntry>[] = [{ accountId: account.id }];
    if (types?.length) where.push({ type: { $in: types } });
    if (after) where.push(keysetAfter(NEWEST_FIRST, decodeCursor(after, 1)) as FilterQuery<PointsLedgerEntry>);
    const rows = await this.em.find(PointsLedgerEntry, { $and: where }, { orderBy: orderByOf(NEWEST_FIRST), limit: limit + 1 });
    return toConnection(rows, limit, (e) => [e.id], Boolean(after));
  }

  /** Opening and closing available points and what moved them in [from, to). */
  async statement(account: PointsAccount | null, from: Date, to: Date): Promise<PointsStatement> {
    if (!(from < to)) throw badInput('`from` must be before `to`.');
    const empty = { from, to, opening: 0, earned: 0, spent: 0, refunded: 0, expired: 0, adjusted: 0, closing: 0 };
    if (!account) return empty;
    const rows = await selectRows<{ type: string; prior_sum: number | string; period_sum: number | string }>(
      this.em,
      `SELECT type,
              SUM(CASE WHEN occurred_at < ? THEN amount ELSE 0 END) AS prior_sum,
              SUM(CASE WHEN occurred_at >= ? AND occurred_at < ? THEN amount ELSE 0 END) AS period_sum
         FROM points_ledger_entry WHERE account_id = ? AND track = 'REDEEMABLE' GROUP BY type`,
      [from, from, to, account.id],
    );
    const s = { ...empty };
    for (const r of rows) {
      const before = Number(r.prior_sum);
      const within = Number(r.period_sum);
      s.opening += before;
      s.closing += before + within;
      switch (r.type) {
        case LedgerEntryType.EARN: s.earned += within; break;
        // HOLD takes points out of "available"; RELEASE brings them back: net is what was spent.
        case LedgerEntryType.HOLD: case LedgerEntryType.RELEASE: s.spent -= within; break;
        case LedgerEntryType.REFUND: s.refunded += within; break;
        case LedgerEntryType.EXPIRE: s.expired -= within; break;
        case LedgerEntryType.ADJUST: s.adjusted += within; break;
        default: break;
      }
    }
    return s;
  }

  /** Recomputes every balance of a bank from its ledger, lots and holds; any difference is drift. */
  async verifyLedger(bankId: number): Promise<{ accountsChecked: number; drift: LedgerDrift[] }> {
    requireRole(this.principal, 'BANK_ADMIN', 'BANK_OPERATOR', 'PLATFORM_ADMIN', 'SERVICE');
    const scope = bankScopeOf(this.principal);
    if (scope !== null && scope !== String(bankId)) throw notFound('Bank', bankId);
    const rows = await selectRows<Record<string, number | string>>(
      this.em,
      `SELECT a.customer_id, a.redeemable, a.held, a.tier_points,
         (SELECT COALESCE(SUM(e.amount), 0) FROM points_ledger_entry e WHERE e.account_id = a.id AND e.track = 'REDEEMABLE') AS ledger_available,
         (SELECT COALESCE(SUM(e.held_delta), 0) FROM points_ledger_entry e WHERE e.account_id = a.id AND e.track = 'REDEEMABLE') AS ledger_held,
         (SELECT COALESCE(SUM(e.amount), 0) FROM points_ledger_entry e WHERE e.account_id = a.id AND e.track = 'TIER') AS ledger_tier,
         (SELECT COALESCE(SUM(l.remaining), 0) FROM points_lot l WHERE l.account_id = a.id) AS lots_remaining,
         (SELECT COALESCE(SUM(h.amount), 0) FROM points_hold h WHERE h.account_id = a.id AND h.state = 'HELD') AS holds_open
       FROM points_account a WHERE a.bank_id = ?`,
      [bankId],
    );
    const drift: LedgerDrift[] = [];
    for (const r of rows) {
      const check = (field: string, stored: unknown, fromLedger: unknown) => {
        if (Number(stored) !== Number(fromLedger)) drift.push({ customerId: String(r.customer_id), field, stored: Number(stored), fromLedger: Number(fromLedger) });
      };
      check('redeemable', r.redeemable, r.ledger_available);
      check('held', r.held, r.ledger_held);
      check('tierPoints', r.tier_points, r.ledger_tier);
      check('redeemable vs lots', r.redeemable, r.lots_remaining);
      check('held vs open holds', r.held, r.holds_open);
    }
    return { accountsChecked: rows.length, drift };
  }
}
