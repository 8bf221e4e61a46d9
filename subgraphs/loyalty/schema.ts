import type { SubgraphDefinition } from '../../core/subgraph';
import { CustomerWithPoints } from './entities/customer-points';
import { PointsAccount } from './entities/points-account';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
import { CustomerPointsResolver } from './resolvers/customer-points.resolver';

export const loyaltySubgraph: SubgraphDefinition = {
  name: 'loyalty',
  storage: {
    name: 'loyalty',
    entities: [PointsAccount],
    migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  },
  resolvers: [CustomerPointsResolver],
  orphanedTypes: [CustomerWithPoints],
  referenceResolvers: {
    // Visibility is checked where the points are read, with the account's bank at hand.
    Customer: (ref) => ({ id: ref.id }),
  },
};
