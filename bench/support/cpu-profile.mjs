/**
 * Loaded with `--import` into every process of a benchmark when PERKMALL_BENCH_PROFILE is set
 * (bench/read-cpu.ts, bench/subgraph-cpu.ts): records a V8 CPU profile from start to exit and writes it to
 * `<dir>/<entry>-<pid>.cpuprofile` (open in Chrome DevTools). Node refuses `--cpu-prof` in
 * NODE_OPTIONS, hence the in-process inspector; its session answers synchronously, so the
 * profile can be written from the exit handler.
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
  let written = false;
  // Written on SIGTERM already: the stack kills a process that takes over 5 s to stop.
  const write = () => {
    if (written) return;
    written = true;
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      const entry = (process.argv[1] ?? 'node').split(path.sep).slice(-2).join('-').replace(/\.ts$/, '');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${entry}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  // SIGUSR2 starts the profile afresh, so a benchmark can leave its setup out (bench/subgraph-cpu.ts).
  process.on('SIGUSR2', () => {
    if (written) return;
    session.post('Profiler.stop', () => session.post('Profiler.start'));
  });
  process.on('SIGTERM', write);
  process.on('exit', write);
}
