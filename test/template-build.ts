/**
 * Makes the test databases' template (test/template.ts): opens, migrates and seeds every subgraph's
 * database with the prefix and keys dir in this process's environment. Run by scripts/test.ts.
 */
import 'reflect-metadata';
import { SUBGRAPH_NAMES } from '../core/config';
import { generateKeyFiles, type KeyName } from '../core/identity';
import { openDatabase } from '../core/db';
import { SUBGRAPHS } from '../subgraphs';
import { seedSubgraph } from '../scripts/seed/index';

async function main(): Promise<void> {
  for (const name of ['auth', 'gateway', 'service'] as KeyName[])
    generateKeyFiles(process.env.PERKMALL_KEYS_DIR!, name);
  // In order, as test/harness.ts seeds: a subgraph's seed may read what an earlier one made.
  for (const name of SUBGRAPH_NAMES) {
    const orm = await openDatabase(SUBGRAPHS[name].storage);
    try {
      await seedSubgraph(name, orm);
    } finally {
      await orm.close();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
