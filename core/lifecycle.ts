import type http from 'node:http';
import { intFromEnv } from './config';
import { sendJson, type RouteHandler } from './http';
import type { Logger } from './logger';

/**
 * Probes and graceful shutdown, the same for every process (issue 21, safe replicas).
 *
 * - `/livez`: the process is alive and its event loop answers (200 while draining too: restarting a
 *   draining process would cut the requests it is finishing).
 * - `/readyz`: it should be sent traffic: not draining, and (subgraphs) its database answers; 503
 *   otherwise. `/health` stays as it was.
 * - On SIGTERM: readiness turns 503 at once; the process keeps serving for
 *   `PERKMALL_SHUTDOWN_DELAY_MS` (default 0; under Kubernetes a few seconds, while endpoints stop
 *   routing to it), then stops accepting connections and waits up to `PERKMALL_DRAIN_TIMEOUT_MS`
 *   (default 10 s) for in-flight requests, answering each with `Connection: close` so callers move
 *   their kept-alive sockets elsewhere. The caller then stops background tasks (leases released) and
 *   closes the pool.
 */
export class ServingState {
  draining = false;
  private inFlight = 0;

  constructor(private readonly log: Logger) {}

  /** Counts the server's in-flight requests; runs before the routes, so it may still set headers. */
  watch(server: http.Server): void {
    server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
      this.inFlight += 1;
      if (this.draining) res.setHeader('connection', 'close');
      res.once('close', () => (this.inFlight -= 1));
    });
  }

  /** `/livez` and `/readyz`; `ready` checks what the process depends on (its database). */
  probeRoutes(ready: () => Promise<boolean> = async () => true): Record<string, RouteHandler> {
    return {
      '/livez': async (_req, res) => sendJson(res, 200, { status: 'alive' }),
      '/readyz': async (_req, res) => {
        if (this.draining) return sendJson(res, 503, { status: 'draining' });
        let ok: boolean;
        try {
          ok = await ready();
        } catch {
          ok = false;
        }
        sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'unavailable' });
      },
    };
  }

  /** Readiness off, the shutdown delay, then no new connections and in-flight requests finished (bounded). */
  async drain(
    server: http.Server,
    opts: { delayMs?: number; timeoutMs?: number } = {},
  ): Promise<{ unfinished: number }> {
    const delayMs = opts.delayMs ?? intFromEnv('PERKMALL_SHUTDOWN_DELAY_MS', 0);
    const timeoutMs = opts.timeoutMs ?? intFromEnv('PERKMALL_DRAIN_TIMEOUT_MS', 10_000);
    this.draining = true;
    if (delayMs > 0) {
      this.log.info('draining: not ready, still serving', { delayMs });
      await new Promise((r) => setTimeout(r, delayMs));
    }
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      server.closeIdleConnections();
    }
    const unfinished = this.inFlight;
    if (unfinished > 0) this.log.warn('drain timed out; cutting requests still running', { unfinished, timeoutMs });
    server.closeAllConnections();
    await closed;
    return { unfinished };
  }
}

/** SIGTERM/SIGINT run `stop` once, then exit; a second signal exits at once. */
export function exitOnSignals(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info('stopping', { signal });
    stop().then(
      () => process.exit(0),
      (e) => {
        log.error('unclean stop', { error: e instanceof Error ? e.stack : String(e) });
        // The logger writes asynchronously: let the line out before the process ends.
        process.exitCode = 1;
        setTimeout(() => process.exit(1), 200);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
