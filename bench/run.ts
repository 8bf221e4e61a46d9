/**
 * `npm run bench [-- name ...]`: runs the named benchmarks and records their results in
 * bench/RESULTS.md. Without names it runs every benchmark except those that export
 * `onlyWhenNamed`. Never part of `npm test`. pool-search loads 2,000,000 SKUs (a few minutes with
 * LOAD DATA) unless an earlier run kept its schema (PERKMALL_BENCH_KEEP=1): then it pages through
 * that one, at the scale it finds. Helpers shared by several benchmarks live in bench/support/ (not benchmarks themselves).
 */
import fs from 'node:fs';
import path from 'node:path';

async function main(): Promise<void> {
  const available = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && !['run.ts', 'results.ts'].includes(f))
    .map((f) => f.replace(/\.ts$/, ''));
  const wanted = process.argv.slice(2);
  for (const name of wanted)
    if (!available.includes(name)) throw new Error(`Unknown benchmark ${name}; have: ${available.join(', ')}`);
  for (const name of wanted.length ? wanted : available) {
    const mod = (await import(path.join(__dirname, `${name}.ts`))) as { run(): Promise<void>; onlyWhenNamed?: boolean };
    if (!wanted.length && mod.onlyWhenNamed) {
      console.log(`skipping ${name} (run it by name: npm run bench -- ${name})`);
      continue;
    }
    await mod.run();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
