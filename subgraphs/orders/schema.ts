import type { SubgraphDefinition } from '../../core/subgraph';
import { CustomerWithOrders } from './entities/customer-orders';
import { Order } from './entities/order';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
import { CustomerOrdersResolver } from './resolvers/customer-orders.resolver';

export const ordersSubgraph: SubgraphDefinition = {
  name: 'orders',
  storage: {
    name: 'orders',
    entities: [Order],
    migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  },
  resolvers: [CustomerOrdersResolver],
  orphanedTypes: [CustomerWithOrders],
  referenceResolvers: {
    Customer: (ref) => ({ id: ref.id }),
  },
};
