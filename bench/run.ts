/**
 * `npm run bench [-- name ...]`: runs the named benchmarks (default: all) and records their results
 * in bench/RESULTS.md. Benchmarks are never part of `npm test`.
 */
import fs from 'node:fs';
import path from 'node:path';

async function main(): Promise<void> {
  const available = fs.readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !['run.ts', 'results.ts'].includes(f)).map((f) => f.replace(/\.ts$/, ''));
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : available;
  for (const name of names) {
    if (!available.includes(name)) throw new Error(`Unknown benchmark ${name}; have: ${available.join(', ')}`);
    const mod = (await import(path.join(__dirname, `${name}.ts`))) as { run(): Promise<void> };
    await mod.run();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
