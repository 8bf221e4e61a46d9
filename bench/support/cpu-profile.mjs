/**
 * Loaded with `--import` into every process of a benchmark when PERKMALL_BENCH_PROFILE is set
 * (bench/read-cpu.ts, bench/subgraph-cpu.ts, bench/profile.ts): records a V8 CPU profile from start
 * to exit and writes it to `<dir>/<entry>-<pid>.cpuprofile` (open in Chrome DevTools). Node refuses
 * `--cpu-prof` in NODE_OPTIONS, hence the in-process inspector; its session answers synchronously,
 * so the profile can be written from the exit handler.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector';
import process from 'node:process';

const dir = process.env.PERKMALL_BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  let running = true;
  let written = false;
  const entry = (process.argv[1] ?? 'node').split(path.sep).slice(-2).join('-').replace(/\.ts$/, '');
  // Written on SIGTERM already: the stack kills a process that takes over 5 s to stop.
  const write = () => {
    if (written || !running) return;
    written = true;
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${entry}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  // SIGUSR2 ends the profile so far and starts afresh, so a benchmark can leave its setup out
  // (bench/subgraph-cpu.ts). `<dir>/segment` may say more, as `<name> <on|off>`: the profile so far
  // is first written to `<dir>/<name>/<entry>-<pid>.cpuprofile` (one run profiles several workloads
  // apart, bench/profile.ts), and "off" leaves the profiler stopped until the next SIGUSR2 says "on"
  // (so CPU can be measured without the profiler's own cost). "-" as the name discards.
  process.on('SIGUSR2', () => {
    if (written) return;
    let [segment = '-', next = 'on'] = ['-', 'on'];
    try {
      [segment = '-', next = 'on'] = fs.readFileSync(path.join(dir, 'segment'), 'utf8').trim().split(/\s+/);
    } catch {
      // no segment file: discard and start afresh
    }
    const restart = () => {
      running = next !== 'off';
      if (running) session.post('Profiler.start');
    };
    if (!running) return restart();
    session.post('Profiler.stop', (error, result) => {
      if (!error && segment !== '-') {
        fs.mkdirSync(path.join(dir, segment), { recursive: true });
        const file = path.join(dir, segment, `${entry}-${process.pid}.cpuprofile`);
        // Written under another name first, so a reader never sees half a file.
        fs.writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
        fs.renameSync(`${file}.tmp`, file);
      }
      restart();
    });
  });
  process.on('SIGTERM', write);
  process.on('exit', write);
}
