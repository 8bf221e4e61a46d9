import { runSubgraphMain } from '../../core/subgraph';
import { tenantsSubgraph } from './schema';

runSubgraphMain(tenantsSubgraph);
