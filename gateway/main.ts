import { Logger } from '../core/logger';
import { startGateway } from './server';
import { exitOnSignals } from '../core/lifecycle';

const log = new Logger('gateway');
startGateway().then(
  (running) => exitOnSignals(log, () => running.stop()),
  (e) => {
    log.error('failed to start', { error: e instanceof Error ? e.stack : String(e) });
    process.exit(1);
  },
);
