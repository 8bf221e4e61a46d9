import { runSubgraphMain } from '../../core/subgraph';
import { catalogSubgraph } from './schema';

runSubgraphMain(catalogSubgraph);
