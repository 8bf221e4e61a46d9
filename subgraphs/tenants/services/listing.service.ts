import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { decodeCursor, keysetAfter, orderByOf, pageSize, toConnection, type Connection, type SortKey } from '../../../core/pagination';
import type { Principal } from '../../../core/identity';
import { Listing, ListingStatus } from '../entities/listing';
import type { Mall } from '../entities/mall';
import { assertSameBank } from './access';

const MALL_ORDER: SortKey[] = [
  { field: 'featuredRank', direction: 'DESC' },
  { field: 'id', direction: 'DESC' },
];

export class ListingService {
  constructor(private readonly em: EntityManager, private readonly principal: Principal) {}

  /** A page of a mall's listings, featured first; customers and partner apps see only active ones. */
  async listingsOfMall(mall: Mall, first?: number | null, after?: string | null): Promise<Connection<Listing>> {
    assertSameBank(this.principal, mall.bank.id, 'Mall', mall.id);
    const limit = pageSize(first);
    const where: FilterQuery<Listing>[] = [{ mall: mall.id }];
    if (this.principal.role === 'CUSTOMER' || this.principal.role === 'PARTNER_APP') where.push({ status: ListingStatus.ACTIVE });
    if (after) where.push(keysetAfter(MALL_ORDER, decodeCursor(after, 2)) as FilterQuery<Listing>);
    const rows = await this.em.find(Listing, { $and: where }, { orderBy: orderByOf(MALL_ORDER), limit: limit + 1 });
    return toConnection(rows, limit, (l) => [l.featuredRank, l.id], Boolean(after));
  }
}
