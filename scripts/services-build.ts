/**
 * The processes `npm start` and the tests spawn run from one esbuild bundle per component
 * (`.build/services/<name>.cjs`, packages left in node_modules) instead of through tsx's loader.
 * On Node 20 tsx resolves and transforms every module through loader hooks on another thread; a
 * subgraph imports a few hundred of them, so a restart after a crash spent most of its time there
 * (orders: 4.5–5 s to ready through tsx on a busy 2-core machine, 1.7–2.3 s from its bundle; the
 * supervisor's promise is back within 5 s). esbuild is what tsx transforms with, so the code that
 * runs is the same: decorators without emitted metadata, the same target.
 *
 * Built when missing or older than a source (core/, gateway/, subgraphs/, codegen/generated/service,
 * the lockfile); written to a temporary file and renamed, so test files starting stacks side by
 * side never read half a bundle. PERKMALL_FROM_SOURCE=1 runs the components through tsx instead.
 */
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR, SUBGRAPH_NAMES } from '../core/config';
import type { Component } from './stack';

export const SERVICES_BUILD_DIR = path.join(ROOT_DIR, '.build', 'services');
const SOURCES = ['core', 'gateway', 'subgraphs', path.join('codegen', 'generated', 'service'), 'package-lock.json'];

export function sourceEntryOf(name: Component): string {
  return name === 'gateway'
    ? path.join(ROOT_DIR, 'gateway', 'main.ts')
    : path.join(ROOT_DIR, 'subgraphs', name, 'main.ts');
}

export function bundleOf(name: Component): string {
  return path.join(SERVICES_BUILD_DIR, `${name}.cjs`);
}

function newestSourceMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return /\.(ts|json)$/.test(p) ? stat.mtimeMs : 0;
  return Math.max(0, ...fs.readdirSync(p).map((e) => newestSourceMtime(path.join(p, e))));
}

function components(): Component[] {
  return [...SUBGRAPH_NAMES, 'gateway'];
}

export function servicesAreStale(): boolean {
  const built = Math.min(
    ...components().map((c) => (fs.existsSync(bundleOf(c)) ? fs.statSync(bundleOf(c)).mtimeMs : 0)),
  );
  if (!built) return true;
  return Math.max(...SOURCES.map((s) => newestSourceMtime(path.join(ROOT_DIR, s)))) > built;
}

/** Bundles every component (about a second for all seven). */
export function buildServices(): void {
  fs.mkdirSync(SERVICES_BUILD_DIR, { recursive: true });
  for (const name of components()) {
    const out = bundleOf(name);
    const tmp = `${out}.${process.pid}.tmp`;
    buildSync({
      entryPoints: [sourceEntryOf(name)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      tsconfig: path.join(ROOT_DIR, 'tsconfig.json'),
      // Stack traces in the logs point at the TypeScript sources (node runs with --enable-source-maps).
      sourcemap: 'inline',
      sourcesContent: false,
      keepNames: true,
      outfile: tmp,
      logLevel: 'error',
    });
    fs.renameSync(tmp, out);
  }
}

/** Builds the bundles when stale; returns whether it built. */
export function ensureServicesBuilt(): boolean {
  if (process.env.PERKMALL_FROM_SOURCE === '1' || !servicesAreStale()) return false;
  buildServices();
  return true;
}

/**
 * The node arguments that run a component: its bundle, or its source through tsx. Source maps are on
 * unless PERKMALL_SOURCE_MAPS=0: with them node reads and parses the bundle's map and every package's
 * .map file as each module loads, about a fifth of a process's startup CPU (1.29 s → 1.03 s for
 * loyalty), which the tests (some 90 systems of 7 processes per run, and restarts) turn off.
 */
export function componentArgs(name: Component, env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.PERKMALL_FROM_SOURCE === '1') return ['--import', 'tsx', sourceEntryOf(name)];
  return [...bundleFlags(env), bundleOf(name)];
}

function bundleFlags(env: NodeJS.ProcessEnv): string[] {
  const resolveCache = env.PERKMALL_RESOLVE_CACHE
    ? ['--require', path.join(ROOT_DIR, 'scripts', 'resolve-cache.cjs')]
    : [];
  return [...(env.PERKMALL_SOURCE_MAPS === '0' ? [] : ['--enable-source-maps']), ...resolveCache];
}

/**
 * The node arguments of a warm spare (scripts/warm-spare.cjs) that can become any component run from
 * its bundle; none when the components run from source.
 */
export function spareArgs(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  if (env.PERKMALL_FROM_SOURCE === '1') return undefined;
  return [...bundleFlags(env), path.join(ROOT_DIR, 'scripts', 'warm-spare.cjs'), SERVICES_BUILD_DIR];
}

/**
 * The file of `require` resolutions the test systems' processes share (scripts/resolve-cache.cjs),
 * named after what they depend on: the installed packages (the lockfile) and the bundles.
 */
export function resolveCacheFile(): string {
  ensureServicesBuilt();
  const stamp = ['package-lock.json', ...components().map((c) => bundleOf(c))]
    .map((f) => {
      const st = fs.statSync(path.resolve(ROOT_DIR, f));
      return `${st.size}:${st.mtimeMs}`;
    })
    .join(',');
  const hash = createHash('sha1').update(stamp).digest('hex').slice(0, 16);
  return path.join(ROOT_DIR, '.build', `resolve-cache-${hash}.json`);
}
