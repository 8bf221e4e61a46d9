import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { notFound } from '../../../core/errors';
import { bankScopeOf, type Principal } from '../../../core/identity';
import { decodeCursor, keysetAfter, orderByOf, pageSize, toConnection, type Connection, type SortKey } from '../../../core/pagination';
import { Order } from '../entities/order';

const NEWEST_FIRST: SortKey[] = [{ field: 'id', direction: 'DESC' }];

export class OrderQueryService {
  constructor(private readonly em: EntityManager, private readonly principal: Principal) {}

  /** A customer sees their own orders; their bank and the platform see them too; nobody else. */
  private scopeFor(customerId: string): FilterQuery<Order> {
    if (this.principal.role === 'CUSTOMER' && this.principal.customerId !== customerId) throw notFound('Customer', customerId);
    const bank = bankScopeOf(this.principal);
    return bank === null ? { customerId: Number(customerId) } : { customerId: Number(customerId), bankId: Number(bank) };
  }

  async ordersOfCustomer(customerId: string, first?: number | null, after?: string | null): Promise<Connection<Order>> {
    const limit = pageSize(first);
    const where: FilterQuery<Order>[] = [this.scopeFor(customerId)];
    if (after) where.push(keysetAfter(NEWEST_FIRST, decodeCursor(after, 1)) as FilterQuery<Order>);
    const rows = await this.em.find(Order, { $and: where }, { orderBy: orderByOf(NEWEST_FIRST), limit: limit + 1 });
    return toConnection(rows, limit, (o) => [o.id], Boolean(after));
  }
}
