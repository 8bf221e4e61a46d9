/**
 * A node:test reporter that records how long each test file took (the sum of its top-level suites
 * and tests, hooks included) as JSON: { "test/x.test.ts": ms }. scripts/test.ts passes it beside the
 * TAP reporter on full runs, and starts the longest files first on the next run (test/durations.json).
 */
import path from 'node:path';
import process from 'node:process';

export default async function* durations(source) {
  const byFile = {};
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { nesting, file, details } = event.data;
    if (nesting !== 0 || !file) continue;
    const key = path.relative(process.cwd(), file).split(path.sep).join('/');
    byFile[key] = Math.round((byFile[key] ?? 0) + (details?.duration_ms ?? 0));
  }
  const sorted = Object.fromEntries(Object.entries(byFile).sort(([a], [b]) => a.localeCompare(b)));
  yield `${JSON.stringify(sorted, null, 2)}\n`;
}
