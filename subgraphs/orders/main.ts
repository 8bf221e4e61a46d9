import { runSubgraphMain } from '../../core/subgraph';
import { ordersSubgraph } from './schema';

runSubgraphMain(ordersSubgraph);
