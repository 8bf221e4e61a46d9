/**
 * Builds the operator console (console/, Vite) into console/dist, which the gateway serves at
 * /console. `npm start` and the browser tests build it only when stale (a source newer than the
 * build); every build prints, and holds to a budget, the JavaScript a first visit downloads:
 * the entry script and the chunks it preloads, gzipped (pages load later with import()).
 *   node --import tsx scripts/console.ts             build
 *   node --import tsx scripts/console.ts --if-stale  build only when a source changed
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT_DIR } from '../core/config';

export const CONSOLE_DIR = path.join(ROOT_DIR, 'console');
export const CONSOLE_DIST = path.join(CONSOLE_DIR, 'dist');
/** The budget for the first visit's JavaScript. */
export const INITIAL_JS_BUDGET_BYTES = 400 * 1024;

const SOURCES = ['src', 'index.html', 'vite.config.mts', 'tsconfig.json'];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

/** Whether console/dist is missing or older than any source of the console (or the installed packages). */
export function consoleIsStale(): boolean {
  const built = newestMtime(path.join(CONSOLE_DIST, 'index.html'));
  if (!built) return true;
  const sources = Math.max(
    ...SOURCES.map((s) => newestMtime(path.join(CONSOLE_DIR, s))),
    newestMtime(path.join(ROOT_DIR, 'package-lock.json')),
  );
  return sources > built;
}

/** The scripts a first visit runs or preloads, from the built index.html, with their gzipped sizes. */
export function initialScripts(): { file: string; gzipBytes: number }[] {
  const html = fs.readFileSync(path.join(CONSOLE_DIST, 'index.html'), 'utf8');
  const urls = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  return [...new Set(urls)].map((url) => {
    const file = path.join(CONSOLE_DIST, url.replace(/^\/console\//, ''));
    return { file: path.relative(ROOT_DIR, file), gzipBytes: gzipSync(fs.readFileSync(file)).length };
  });
}

export function buildConsole(opts: { quiet?: boolean } = {}): { ms: number; initialJsGzipBytes: number } {
  const started = Date.now();
  const vite = path.join(ROOT_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', CONSOLE_DIR, '--logLevel', opts.quiet ? 'error' : 'info'], {
    cwd: ROOT_DIR,
    stdio: opts.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  if (r.status !== 0) throw new Error(`vite build of the console failed (exit ${r.status ?? r.signal})`);
  const initialJsGzipBytes = initialScripts().reduce((sum, s) => sum + s.gzipBytes, 0);
  const ms = Date.now() - started;
  console.log(
    `console: built in ${(ms / 1000).toFixed(1)} s; initial JS ${(initialJsGzipBytes / 1024).toFixed(0)} KB gzipped ` +
      `(budget ${INITIAL_JS_BUDGET_BYTES / 1024} KB)`,
  );
  if (initialJsGzipBytes > INITIAL_JS_BUDGET_BYTES)
    throw new Error(
      `The console's initial JS is ${(initialJsGzipBytes / 1024).toFixed(0)} KB gzipped, over the 400 KB budget: load pages with import() (console/src/pages.tsx) and import antd components by path (antd/es/<name>).`,
    );
  return { ms, initialJsGzipBytes };
}

/** Builds the console if a source is newer than the build; true when it built. */
export function ensureConsoleBuilt(opts: { quiet?: boolean } = {}): boolean {
  if (!consoleIsStale()) return false;
  buildConsole(opts);
  return true;
}

if (require.main === module) {
  try {
    if (process.argv.includes('--if-stale')) {
      if (!ensureConsoleBuilt()) console.log('console: up to date');
    } else buildConsole();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
