import type { SubgraphDefinition } from '../../core/subgraph';
import { Carrier } from './entities/carrier';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
import { CarrierResolver } from './resolvers/carrier.resolver';

export const logisticsSubgraph: SubgraphDefinition = {
  name: 'logistics',
  storage: {
    name: 'logistics',
    entities: [Carrier],
    migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  },
  resolvers: [CarrierResolver],
  referenceResolvers: {},
};
