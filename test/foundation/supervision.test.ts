import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '../../core/logger';
import { Supervisor, describeExit } from '../../scripts/supervisor';

/** Captures what the supervisor logs, instead of writing it. */
class MemoryLogger extends Logger {
  lines: string[] = [];
  constructor() {
    super('supervisor', 'debug');
  }
  override error(msg: string): void {
    this.lines.push(msg);
  }
  override warn(msg: string): void {
    this.lines.push(msg);
  }
}

describe('the supervisor npm start uses (the kill -9 test is in start.test.ts)', () => {
  it('doubles the backoff for crashes in a row, up to the ceiling, and starts over after a stable run', async () => {
    const s = new Supervisor(new MemoryLogger(), { firstDelayMs: 100, maxDelayMs: 500, stableAfterMs: 50 });
    s.started('orders');
    assert.deepEqual(
      [1, 2, 3, 4, 5].map(() => s.nextDelayMs('orders')),
      [100, 200, 400, 500, 500],
    );
    assert.equal(s.nextDelayMs('catalog'), 100, 'per component');
    s.started('orders');
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(s.nextDelayMs('orders'), 100, 'up longer than stableAfterMs: the streak is over');
  });

  it('restarts a crashed component after the delay, logging which and why, and not at all once stopped', async () => {
    const log = new MemoryLogger();
    const s = new Supervisor(log, { firstDelayMs: 20 });
    const restarts: string[] = [];
    s.crashed('orders', null, 'SIGKILL', async () => void restarts.push('orders'));
    assert.equal(restarts.length, 0, 'not before the backoff');
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(restarts, ['orders']);
    assert.match(log.lines[0]!, /^orders exited unexpectedly \(signal SIGKILL.*\); restarting in 20 ms$/);
    assert.match(log.lines[1]!, /^orders is answering again/);

    s.crashed('catalog', 1, null, async () => void restarts.push('catalog'));
    s.stop();
    s.crashed('tenants', 1, null, async () => void restarts.push('tenants'));
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(restarts, ['orders'], 'a pending restart is cancelled by stop, and none is scheduled after');
  });

  it('says why a process ended', () => {
    assert.equal(describeExit(1, null), 'exit code 1');
    assert.match(describeExit(134, null), /out of memory/);
    assert.match(describeExit(null, 'SIGKILL'), /^signal SIGKILL/);
  });
});
