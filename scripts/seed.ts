/** Migrates and seeds every subgraph's database with the demo data set (idempotent). */
import 'reflect-metadata';
import { SUBGRAPH_NAMES } from '../core/config';
import { openDatabase } from '../core/db';
import { SUBGRAPHS } from '../subgraphs';
import { seedSubgraph } from './seed/index';

export async function migrateAndSeedAll(): Promise<void> {
  for (const name of SUBGRAPH_NAMES) {
    const orm = await openDatabase(SUBGRAPHS[name].storage);
    try {
      await seedSubgraph(name, orm);
    } finally {
      await orm.close(true);
    }
  }
}

if (require.main === module) {
  migrateAndSeedAll().then(
    () => console.log('demo data ready'),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
