import { runSubgraphMain } from '../../core/subgraph';
import { logisticsSubgraph } from './schema';

runSubgraphMain(logisticsSubgraph);
