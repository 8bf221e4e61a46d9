import type { SubgraphContext } from '../../core/subgraph';
import { numericIds } from '../../core/loaders';
import { PointsAccount } from './entities/points-account';

export function loyaltyLoaders(ctx: SubgraphContext) {
  const { em, loaders } = ctx;
  return {
    accountByCustomer: loaders.one('PointsAccountByCustomer', async (keys) => {
      const rows = await em.find(PointsAccount, { customerId: { $in: numericIds(keys) } });
      return new Map(rows.map((a) => [String(a.customerId), a]));
    }),
  };
}
