import { bankScopeOf, type Principal } from '../../../core/identity';
import { notFound } from '../../../core/errors';
import type { PointsAccount } from '../entities/points-account';
import type { CustomerPoints } from '../entities/customer-points';

/** Balances are visible to the customer themself, their bank's staff and apps, and the platform. */
export function pointsView(principal: Principal, customerId: string, account: PointsAccount | null): CustomerPoints {
  if (principal.role === 'CUSTOMER' && principal.customerId !== customerId) throw notFound('Customer', customerId);
  if (account) {
    const scope = bankScopeOf(principal);
    if (scope !== null && scope !== String(account.bankId)) throw notFound('Customer', customerId);
    return { redeemable: account.redeemable, held: account.held, tierPoints: account.tierPoints };
  }
  return { redeemable: 0, held: 0, tierPoints: 0 };
}
