import { Logger } from '../core/logger';
import { startGateway } from './server';

const log = new Logger('gateway');
startGateway().then(
  (running) => {
    const shutdown = () =>
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  },
  (e) => {
    log.error('failed to start', { error: e instanceof Error ? e.stack : String(e) });
    process.exit(1);
  },
);
