/**
 * Restart policy for the processes `npm start` runs (scripts/stack.ts): a component that exits on
 * its own is started again after a backoff that doubles with each crash in a row (100 ms, 200 ms,
 * 400 ms … up to 30 s) and starts over once the component has stayed up for a minute. Every crash is
 * logged with the component, its exit code or signal, and when it comes back.
 */
import { Logger } from '../core/logger';

export interface RestartPolicyOptions {
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Up this long, a component's earlier crashes no longer lengthen the backoff. */
  stableAfterMs?: number;
}

/** "exit code 1", "signal SIGKILL", or "out of memory (exit code 134)"-style wording for the log. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `signal ${signal}${signal === 'SIGKILL' ? ' (killed, e.g. by the OOM killer or kill -9)' : ''}`;
  if (code === 134) return 'exit code 134 (aborted; a V8 heap out of memory ends this way)';
  return `exit code ${code}`;
}

export class Supervisor {
  private readonly crashes = new Map<string, { inARow: number; startedAt: number }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly stableAfterMs: number;

  constructor(
    private readonly log = new Logger('supervisor'),
    opts: RestartPolicyOptions = {},
  ) {
    this.firstDelayMs = opts.firstDelayMs ?? 100;
    this.maxDelayMs = opts.maxDelayMs ?? 30_000;
    this.stableAfterMs = opts.stableAfterMs ?? 60_000;
  }

  /** A component (re)started. */
  started(name: string): void {
    const entry = this.crashes.get(name);
    this.crashes.set(name, { inARow: entry?.inARow ?? 0, startedAt: Date.now() });
  }

  /** The delay before the next restart of a component that just crashed. */
  nextDelayMs(name: string): number {
    const entry = this.crashes.get(name) ?? { inARow: 0, startedAt: Date.now() };
    const inARow = Date.now() - entry.startedAt >= this.stableAfterMs ? 1 : entry.inARow + 1;
    this.crashes.set(name, { ...entry, inARow });
    return Math.min(this.maxDelayMs, this.firstDelayMs * 2 ** Math.min(20, inARow - 1));
  }

  /**
   * A component exited without being asked to: log why and start it again after the backoff.
   * `restart` resolves once the component is healthy, or rejects if it died before that (its own
   * exit then comes back here, with a longer delay).
   */
  crashed(name: string, code: number | null, signal: NodeJS.Signals | null, restart: () => Promise<void>): void {
    if (this.stopped) return;
    const delayMs = this.nextDelayMs(name);
    const restarts = this.crashes.get(name)!.inARow;
    this.log.error(`${name} exited unexpectedly (${describeExit(code, signal)}); restarting in ${delayMs} ms`, {
      component: name,
      exitCode: code,
      signal,
      restartInMs: delayMs,
      crashesInARow: restarts,
    });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopped) return;
      const began = Date.now();
      restart().then(
        () =>
          this.log.warn(
            `${name} is answering again (restart after ${describeExit(code, signal)} took ${Date.now() - began + delayMs} ms)`,
            { component: name },
          ),
        (e) =>
          this.log.error(`${name} failed to come back`, {
            component: name,
            error: e instanceof Error ? e.message : String(e),
          }),
      );
    }, delayMs);
    this.timers.add(timer);
  }

  /** No more restarts (shutting down). */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
