/**
 * Composes the supergraph from the subgraphs' own SDL and writes supergraph.graphql (what the
 * gateway serves), schema.graphql (the public API, for client developers and codegen) and
 * codegen/subgraphs/<name>.graphql (each subgraph's whole schema, SERVICE-only fields included:
 * what service-to-service operations are checked against, see codegen/codegen.ts):
 *   npm run compose            write both files
 *   npm run compose -- --check fail when a committed file is stale
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { ROOT_DIR, SUBGRAPH_NAMES, type SubgraphName } from '../core/config';
import { buildFederatedSchema } from '../core/subgraph';
import { SUPERGRAPH_PATH } from '../gateway/server';
import { SUBGRAPHS } from '../subgraphs';
import { apiSchemaOf, composeSupergraph } from './supergraph';

export const API_SCHEMA_PATH = path.join(ROOT_DIR, 'schema.graphql');
export const SUBGRAPH_SCHEMA_DIR = path.join(ROOT_DIR, 'codegen', 'subgraphs');

export const subgraphSchemaPath = (name: SubgraphName) => path.join(SUBGRAPH_SCHEMA_DIR, `${name}.graphql`);

/**
 * A subgraph's schema as its callers see it: everything it serves, fields hidden from the public API
 * included, printed plainly (no federation directives applied) so codegen can validate against it.
 */
export async function subgraphSchemaText(name: SubgraphName): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildFederatedSchema(SUBGRAPHS[name])))}\n`;
}

/** Every file `npm run compose` writes, with its content now. */
export async function composedFiles(): Promise<[string, string][]> {
  const supergraph = await composeSupergraph();
  const files: [string, string][] = [
    [SUPERGRAPH_PATH, supergraph],
    [API_SCHEMA_PATH, apiSchemaOf(supergraph)],
  ];
  for (const name of SUBGRAPH_NAMES) files.push([subgraphSchemaPath(name), await subgraphSchemaText(name)]);
  return files;
}

async function main(): Promise<void> {
  const files = await composedFiles();
  if (process.argv.includes('--check')) {
    const stale = files.filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text);
    if (stale.length) {
      console.error(`${stale.map(([f]) => path.basename(f)).join(', ')} stale: run \`npm run compose\` and commit.`);
      process.exit(1);
    }
    console.log('supergraph.graphql, schema.graphql and codegen/subgraphs are up to date.');
    return;
  }
  fs.mkdirSync(SUBGRAPH_SCHEMA_DIR, { recursive: true });
  for (const [file, text] of files) fs.writeFileSync(file, text);
  console.log(`wrote ${files.map(([f]) => path.basename(f)).join(', ')}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
