import { describe, it } from 'node:test';
import { AsyncLocalStorage } from 'node:async_hooks';
import assert from 'node:assert/strict';
import { startBackgroundTasks, type BackgroundTask } from '../../core/background';
import { Logger } from '../../core/logger';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A task whose runs take `runMs` and are counted; `wake` is what the scheduler subscribed. */
function countingTask(runMs: number): { task: BackgroundTask; runs: () => number; wake: () => void } {
  let runs = 0;
  let wake: () => void = () => assert.fail('not subscribed');
  return {
    task: {
      name: 'counting',
      intervalMs: 60_000, // never ticks within a test: every run below comes from a wake-up
      run: async () => {
        runs += 1;
        await sleep(runMs);
      },
      onWake: (w) => {
        wake = w;
        return () => (wake = () => {});
      },
    },
    runs: () => runs,
    wake: () => wake(),
  };
}

describe('background tasks woken early (the outbox relay after an event is enqueued)', () => {
  it('a wake-up runs the task at once instead of at its next tick', async () => {
    const t = countingTask(0);
    const stop = startBackgroundTasks([t.task], new Logger('test', 'silent'));
    try {
      t.wake();
      await sleep(50);
      assert.equal(t.runs(), 1);
    } finally {
      await stop();
    }
  });

  it('wake-ups during a run ask for exactly one more pass, never overlapping runs', async () => {
    const t = countingTask(150);
    const stop = startBackgroundTasks([t.task], new Logger('test', 'silent'));
    try {
      t.wake();
      await sleep(30);
      t.wake();
      t.wake();
      t.wake();
      await sleep(500);
      assert.equal(t.runs(), 2);
    } finally {
      await stop();
    }
  });

  it("a wake-up from inside a request runs the task outside that request's context", async () => {
    const request = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    let wake: () => void = () => assert.fail('not subscribed');
    const stop = startBackgroundTasks(
      [
        {
          name: 'context',
          intervalMs: 60_000,
          run: async () => void seen.push(request.getStore()),
          onWake: (w) => {
            wake = w;
            return () => {};
          },
        },
      ],
      new Logger('test', 'silent'),
    );
    try {
      request.run('request-1', () => setTimeout(() => wake(), 5));
      await sleep(50);
      assert.deepEqual(seen, [undefined]);
    } finally {
      await stop();
    }
  });

  it('after stopping, a wake-up runs nothing', async () => {
    const t = countingTask(0);
    const stop = startBackgroundTasks([t.task], new Logger('test', 'silent'));
    await stop();
    t.wake();
    await sleep(50);
    assert.equal(t.runs(), 0);
  });
});
