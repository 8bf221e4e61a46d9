/**
 * Composes the supergraph from the subgraphs' own SDL and writes supergraph.graphql:
 *   npm run compose            write the file
 *   npm run compose -- --check fail when the committed file is stale
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { composeSupergraph } from './supergraph';
import { SUPERGRAPH_PATH } from '../gateway/server';

async function main(): Promise<void> {
  const supergraph = await composeSupergraph();
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(SUPERGRAPH_PATH) ? fs.readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
    if (committed !== supergraph) {
      console.error('supergraph.graphql is stale: run `npm run compose` and commit it.');
      process.exit(1);
    }
    console.log('supergraph.graphql is up to date.');
    return;
  }
  fs.writeFileSync(SUPERGRAPH_PATH, supergraph);
  console.log(`wrote ${SUPERGRAPH_PATH}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
