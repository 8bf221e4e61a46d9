import { AsyncResource } from 'node:async_hooks';
import { backgroundTasksEnabled } from './config';
import type { Logger } from './logger';
import { observeBackgroundRun } from './metrics';

/** Periodic work a process does beside serving requests (outbox relay, sweeps). */
export interface BackgroundTask {
  name: string;
  intervalMs: number;
  run(): Promise<void>;
  /** Asks a long run to end early (at its next safe point) when the process stops. */
  stop?(): void;
  /** Subscribes to early wake-ups (e.g. the outbox relay when an event is enqueued); returns the unsubscribe. */
  onWake?(wake: () => void): () => void;
  /** The job lease it runs under (core/job-lease.ts), if only one replica at a time may run it. */
  lease?: string;
  /** Gives the lease up once the task has stopped (graceful shutdown). */
  release?(): Promise<void>;
}

/**
 * Runs each task every `intervalMs`, never overlapping itself; a failing run is logged and the next
 * one tries again. `PERKMALL_BACKGROUND=0` turns them off (the same work stays reachable on demand).
 */
export function startBackgroundTasks(
  tasks: BackgroundTask[],
  log: Logger,
): (opts?: { timeoutMs?: number }) => Promise<void> {
  if (!backgroundTasksEnabled() || tasks.length === 0) return async () => undefined;
  let stopped = false;
  const running = new Set<Promise<void>>();
  const stops = tasks.map((task) => {
    let busy = false;
    let again = false;
    const run = (woken: boolean) => {
      if (stopped) return;
      if (busy) {
        // A wake-up during a run asks for one more pass (its event may have missed this one); ticks just skip.
        if (woken) again = true;
        return;
      }
      busy = true;
      const started = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
      const p = task
        .run()
        .then(
          () => observeBackgroundRun(task.name, true, seconds()),
          (e) => {
            observeBackgroundRun(task.name, false, seconds());
            log.error('background task failed', { task: task.name, error: e instanceof Error ? e.stack : String(e) });
          },
        )
        .finally(() => {
          busy = false;
          running.delete(p);
          if (again) {
            again = false;
            run(true);
          }
        });
      running.add(p);
    };
    const timer = setInterval(() => run(false), task.intervalMs);
    // Bound here, outside any request: a wake-up comes from inside one (an event enqueued by a
    // mutation), and the run must not inherit its context (statement counts, request transaction, audit).
    const unsubscribe = task.onWake?.(AsyncResource.bind(() => run(true)));
    return () => {
      clearInterval(timer);
      unsubscribe?.();
    };
  });
  /**
   * Stops ticking, asks running tasks to end at their next safe point and waits for them (at most
   * `timeoutMs`), then releases their leases. A run still going at the timeout keeps its lease,
   * which expires: its work is idempotent, so whoever takes the lease next finishes it.
   */
  return async ({ timeoutMs = 20_000 } = {}) => {
    stopped = true;
    stops.forEach((stop) => stop());
    for (const task of tasks) task.stop?.();
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      Promise.all(running).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!finished) {
      log.warn('background tasks still running at shutdown; their leases will expire', {
        tasks: tasks.filter((t) => t.lease).map((t) => t.lease),
      });
      return;
    }
    // Only now, with no run left: another replica may take each lease on its next tick.
    for (const task of tasks) await task.release?.().catch(() => undefined);
  };
}
