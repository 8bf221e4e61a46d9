import { RemoteSagaPorts, type SagaPorts } from './ports';

let ports: SagaPorts | undefined;

/** The saga's connection to the other subgraphs (one per process; it holds a signing key). */
export function sagaPorts(): SagaPorts {
  ports ??= new RemoteSagaPorts();
  return ports;
}
