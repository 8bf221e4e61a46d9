import { runSubgraphMain } from '../../core/subgraph';
import { staffSubgraph } from './schema';

runSubgraphMain(staffSubgraph);
