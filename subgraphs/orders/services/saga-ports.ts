import { countedSagaSteps } from '../../../core/metrics';
import { RemoteSagaPorts, type SagaPorts } from './ports';

let ports: SagaPorts | undefined;

/** The saga's connection to the other subgraphs (one per process; it holds a signing key). */
export function sagaPorts(): SagaPorts {
  // Each step counted and timed by name and outcome (perkmall_saga_steps_total).
  ports ??= countedSagaSteps(new RemoteSagaPorts());
  return ports;
}
