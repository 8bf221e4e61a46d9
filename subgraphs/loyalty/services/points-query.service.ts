import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, notFound } from '../../../core/errors';
import {
  PLATFORM_ROLES,
  bankScopeOf,
  isCustomer,
  isSupplier,
  isUnscoped,
  requireRoleAndPermission,
  type Principal,
} from '../../../core/identity';
import { assertVisible } from '../../../core/tenancy';
import { selectRows } from '../../../core/sql';
import { LedgerEntryType } from '../entities/ledger-entry';
import type { PointsAccount } from '../entities/points-account';

/**
 * Who may read a customer's points: the customer, their bank's staff and apps, the platform. The
 * customer's bank is the account's, or — for a customer without an account yet — the one tenants
 * knows (`bankOfCustomer`, asked only then, batched per request); a customer tenants does not
 * know is NOT_FOUND for bank-scoped callers, like another bank's.
 */
export async function assertCanReadPoints(
  principal: Principal,
  customerId: string,
  account: PointsAccount | null,
  bankOfCustomer: (customerId: string) => Promise<number | null>,
): Promise<void> {
  if (isUnscoped(principal)) return;
  // Settled without asking tenants: a supplier, or another customer, sees no such customer.
  if (isSupplier(principal) || (isCustomer(principal) && principal.customerId !== customerId))
    throw notFound('Customer', customerId);
  const bankId = account ? account.bankId : await bankOfCustomer(customerId);
  assertVisible(principal, bankId === null ? null : { bankId, customerId }, 'Customer', customerId);
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
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, points]) => ({ points, on: new Date(`${day}T00:00:00.000Z`) }));
}

export class PointsQueryService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /** `statement`'s arguments must make a period. */
  checkPeriod(from: Date, to: Date): void {
    if (!(from < to)) throw badInput('`from` must be before `to`.');
  }

  /** Opening and closing available points and what moved them in [from, to), for many accounts in one statement. */
  async statements(accountIds: number[], from: Date, to: Date): Promise<Map<number, PointsStatement>> {
    this.checkPeriod(from, to);
    const empty = (): PointsStatement => ({
      from,
      to,
      opening: 0,
      earned: 0,
      spent: 0,
      refunded: 0,
      expired: 0,
      adjusted: 0,
      closing: 0,
    });
    const out = new Map<number, PointsStatement>(accountIds.map((id) => [id, empty()]));
    if (accountIds.length === 0) return out;
    const rows = await selectRows<{
      account_id: number;
      type: string;
      prior_sum: number | string;
      period_sum: number | string;
    }>(
      this.em,
      `SELECT account_id, type,
              SUM(CASE WHEN occurred_at < ? THEN amount ELSE 0 END) AS prior_sum,
              SUM(CASE WHEN occurred_at >= ? AND occurred_at < ? THEN amount ELSE 0 END) AS period_sum
         FROM points_ledger_entry WHERE account_id IN (${accountIds.map(() => '?').join(', ')}) AND track = 'REDEEMABLE' GROUP BY account_id, type`,
      [from, from, to, ...accountIds],
    );
    for (const r of rows) {
      const s = out.get(Number(r.account_id));
      if (!s) continue;
      const before = Number(r.prior_sum);
      const within = Number(r.period_sum);
      s.opening += before;
      s.closing += before + within;
      switch (r.type) {
        case LedgerEntryType.EARN:
          s.earned += within;
          break;
        // HOLD takes points out of "available"; RELEASE brings them back: net is what was spent.
        case LedgerEntryType.HOLD:
        case LedgerEntryType.RELEASE:
          s.spent -= within;
          break;
        case LedgerEntryType.REFUND:
          s.refunded += within;
          break;
        case LedgerEntryType.EXPIRE:
          s.expired -= within;
          break;
        case LedgerEntryType.ADJUST:
          s.adjusted += within;
          break;
        default:
          break;
      }
    }
    return out;
  }

  /** An empty statement, for a customer without an account. */
  emptyStatement(from: Date, to: Date): PointsStatement {
    this.checkPeriod(from, to);
    return { from, to, opening: 0, earned: 0, spent: 0, refunded: 0, expired: 0, adjusted: 0, closing: 0 };
  }

  /** Recomputes every balance of a bank from its ledger, lots and holds; any difference is drift. */
  async verifyLedger(bankId: number): Promise<{ accountsChecked: number; drift: LedgerDrift[] }> {
    requireRoleAndPermission(this.principal, ['BANK_ADMIN', 'BANK_OPERATOR', ...PLATFORM_ROLES, 'SERVICE'], {
      bank: 'SEE_REPORTS',
      platform: 'SEE_REPORTS',
    });
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
        if (Number(stored) !== Number(fromLedger))
          drift.push({
            customerId: String(r.customer_id),
            field,
            stored: Number(stored),
            fromLedger: Number(fromLedger),
          });
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
