import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RESULTS = path.join(__dirname, 'RESULTS.md');

/** Replaces (or adds) one benchmark's section in bench/RESULTS.md, stamped with date and machine. */
export function recordResult(name: string, title: string, body: string): void {
  const existing = fs.existsSync(RESULTS)
    ? fs.readFileSync(RESULTS, 'utf8')
    : '# Benchmark results\n\nWritten by `npm run bench`; numbers are from the machine named in each section.\n';
  const section = `<!-- ${name} -->\n## ${title}\n\n${new Date().toISOString()} · node ${process.version} · ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'} at ${cpuMhz()} MHz)\n\n${body}\n<!-- /${name} -->\n`;
  const pattern = new RegExp(`<!-- ${name} -->[\\s\\S]*?<!-- /${name} -->\\n`);
  fs.writeFileSync(RESULTS, pattern.test(existing) ? existing.replace(pattern, section) : `${existing}\n${section}`);
  console.log(section);
}

/** The body of one section as the last run recorded it in bench/RESULTS.md ('' when there is none). */
export function recordedSection(name: string): string {
  const text = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '';
  return new RegExp(`<!-- ${name} -->([\\s\\S]*?)<!-- /${name} -->`).exec(text)?.[1] ?? '';
}

/** The clock: os.cpus() says 0 where the machine has no cpufreq (a VM); /proc/cpuinfo still names it. */
function cpuMhz(): string {
  const speed = os.cpus()[0]?.speed;
  if (speed) return String(speed);
  try {
    const line = /^cpu MHz\s*:\s*([\d.]+)/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (line) return String(Math.round(Number(line[1])));
  } catch {
    // not Linux
  }
  return '?';
}
