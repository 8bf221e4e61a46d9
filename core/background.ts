import { backgroundTasksEnabled } from './config';
import type { Logger } from './logger';

/** Periodic work a process does beside serving requests (outbox relay, sweeps). */
export interface BackgroundTask {
  name: string;
  intervalMs: number;
  run(): Promise<void>;
  /** Asks a long run to end early (at its next safe point) when the process stops. */
  stop?(): void;
}

/**
 * Runs each task every `intervalMs`, never overlapping itself; a failing run is logged and the next
 * one tries again. `PERKMALL_BACKGROUND=0` turns them off (the same work stays reachable on demand).
 */
export function startBackgroundTasks(tasks: BackgroundTask[], log: Logger): () => Promise<void> {
  if (!backgroundTasksEnabled() || tasks.length === 0) return async () => {};
  let stopped = false;
  const running = new Set<Promise<void>>();
  const timers = tasks.map((task) => {
    let busy = false;
    return setInterval(() => {
      if (busy || stopped) return;
      busy = true;
      const p = task
        .run()
        .catch((e) =>
          log.error('background task failed', { task: task.name, error: e instanceof Error ? e.stack : String(e) }),
        )
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    }, task.intervalMs);
  });
  return async () => {
    stopped = true;
    timers.forEach(clearInterval);
    for (const task of tasks) task.stop?.();
    await Promise.all(running);
  };
}
