/**
 * Composes the supergraph from the subgraphs' own SDL and writes supergraph.graphql (what the
 * gateway serves) and schema.graphql (the public API, for client developers and codegen):
 *   npm run compose            write both files
 *   npm run compose -- --check fail when a committed file is stale
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../core/config';
import { SUPERGRAPH_PATH } from '../gateway/server';
import { apiSchemaOf, composeSupergraph } from './supergraph';

export const API_SCHEMA_PATH = path.join(ROOT_DIR, 'schema.graphql');

async function main(): Promise<void> {
  const supergraph = await composeSupergraph();
  const files: [string, string][] = [
    [SUPERGRAPH_PATH, supergraph],
    [API_SCHEMA_PATH, apiSchemaOf(supergraph)],
  ];
  if (process.argv.includes('--check')) {
    const stale = files.filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text);
    if (stale.length) {
      console.error(`${stale.map(([f]) => path.basename(f)).join(', ')} stale: run \`npm run compose\` and commit.`);
      process.exit(1);
    }
    console.log('supergraph.graphql and schema.graphql are up to date.');
    return;
  }
  for (const [file, text] of files) fs.writeFileSync(file, text);
  console.log(`wrote ${files.map(([f]) => path.basename(f)).join(', ')}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
