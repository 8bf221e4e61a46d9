import type { SubgraphName } from '../core/config';
import type { SubgraphDefinition } from '../core/subgraph';
import { catalogSubgraph } from './catalog/schema';
import { logisticsSubgraph } from './logistics/schema';
import { loyaltySubgraph } from './loyalty/schema';
import { ordersSubgraph } from './orders/schema';
import { staffSubgraph } from './staff/schema';
import { tenantsSubgraph } from './tenants/schema';

/** Every subgraph definition, for tools that handle them all (compose, migrations, tests). */
export const SUBGRAPHS: Record<SubgraphName, SubgraphDefinition> = {
  catalog: catalogSubgraph,
  tenants: tenantsSubgraph,
  loyalty: loyaltySubgraph,
  orders: ordersSubgraph,
  logistics: logisticsSubgraph,
  staff: staffSubgraph,
};
