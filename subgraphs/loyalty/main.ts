import { runSubgraphMain } from '../../core/subgraph';
import { loyaltySubgraph } from './schema';

runSubgraphMain(loyaltySubgraph);
