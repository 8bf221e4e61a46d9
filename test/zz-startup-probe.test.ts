import { it } from 'node:test';
import fs from 'node:fs';
import { startTestSystem } from './harness';

function childCpu(): Record<string, number> {
  const out: Record<string, number> = {};
  const kids = fs.readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  for (const k of kids) {
    try {
      const cmd = fs.readFileSync(`/proc/${k}/cmdline`, 'utf8').split('\0').join(' ');
      const st = fs.readFileSync(`/proc/${k}/stat`, 'utf8').split(') ')[1]!.split(' ');
      const ticks = Number(st[11]) + Number(st[12]);
      out[cmd.slice(-40)] = ticks / 100;
    } catch {}
  }
  return out;
}

it('startup probe', async () => {
  const t0 = Date.now();
  const c0 = process.cpuUsage();
  const sys = await startTestSystem();
  const t1 = Date.now();
  const c = process.cpuUsage(c0);
  console.log('wall', (t1 - t0) / 1000, 'self cpu', (c.user + c.system) / 1e6, JSON.stringify(childCpu()));
  await sys.stop();
});
