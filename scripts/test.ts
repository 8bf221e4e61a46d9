/**
 * `npm test`: makes sure MariaDB answers (installing it from apt where it is absent), then runs every
 * test file with node's test runner through tsx. Extra arguments select files:
 *   npm test -- test/foundation/auth.test.ts
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../core/config';
import { ensureMariaDb } from '../test/mariadb';
import { ensureConsoleBuilt } from './console';
import { ensureServicesBuilt } from './services-build';
import { buildTemplate, dropTemplate, templateEnv } from '../test/template';

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return testFiles(p);
    return e.name.endsWith('.test.ts') ? [path.relative(ROOT_DIR, p)] : [];
  });
}

/** Where the last full run left each file's duration, and the committed copy runs are scheduled by. */
const DURATIONS_RECORDED = path.join(ROOT_DIR, '.build', 'test-durations.json');
const DURATIONS = path.join(ROOT_DIR, 'test', 'durations.json');

/**
 * Longest files first (known from test/durations.json; files not in it count as the longest, new
 * files tend to be big): with two files at a time, a long file started last would run alone at the end.
 */
function longestFirst(files: string[]): string[] {
  let known: Record<string, number> = {};
  try {
    known = JSON.parse(fs.readFileSync(DURATIONS, 'utf8')) as Record<string, number>;
  } catch {
    // no record yet: alphabetical
  }
  const ms = (f: string) => known[f.split(path.sep).join('/')] ?? Number.MAX_SAFE_INTEGER;
  return [...files].sort((a, b) => ms(b) - ms(a) || a.localeCompare(b));
}

async function main(): Promise<void> {
  await ensureMariaDb();
  // The gateway serves the console's build to the browser tests (and npm start's test): built once
  // here, only when a source changed, so test files never build it side by side.
  ensureConsoleBuilt({ quiet: true });
  // Likewise the components' bundles, which every test file's stack runs (scripts/services-build.ts).
  ensureServicesBuilt();
  const selected = process.argv.slice(2);
  const files = selected.length ? selected : longestFirst(testFiles(path.join(ROOT_DIR, 'test')));
  // A full run records each file's duration (copy it to test/durations.json when files change a lot).
  const record = selected.length
    ? []
    : [
        '--test-reporter=tap',
        '--test-reporter-destination=stdout',
        `--test-reporter=${path.join(ROOT_DIR, 'scripts', 'test-durations-reporter.mjs')}`,
        `--test-reporter-destination=${DURATIONS_RECORDED}`,
      ];
  if (record.length) fs.mkdirSync(path.dirname(DURATIONS_RECORDED), { recursive: true });
  // Every test file's system copies one migrated and seeded set of databases (test/template.ts).
  const template = await buildTemplate();
  let status: number;
  try {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        `--test-concurrency=${process.env.PERKMALL_TEST_CONCURRENCY ?? 2}`,
        ...record,
        ...files,
      ],
      { stdio: 'inherit', cwd: ROOT_DIR, env: { ...process.env, ...templateEnv(template) } },
    );
    status = r.status ?? 1;
  } finally {
    await dropTemplate(template);
  }
  process.exit(status);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
