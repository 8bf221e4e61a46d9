/**
 * Writes codegen/persisted-operations.json: every operation in codegen/operations and the operator
 * console's (console/src, collected by codegen's client preset into console/src/gql/persisted-documents.json), with the
 * fragments it uses, printed canonically and keyed by the SHA-256 of that text (the Apollo
 * persisted-query manifest format). Safelisted partner apps may run only these operations; any
 * client may send `extensions.persistedQuery.sha256Hash` instead of their text.
 * Runs after `graphql-codegen` in `npm run codegen`; deterministic, so a test can check it is current.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import {
  Kind,
  parse,
  print,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { ROOT_DIR } from '../core/config';

export const OPERATIONS_DIR = path.join(ROOT_DIR, 'codegen', 'operations');
/** The console's operations as GraphQL Code Generator's client preset writes them (hash → document text). */
export const CONSOLE_DOCUMENTS_PATH = path.join(ROOT_DIR, 'console', 'src', 'gql', 'persisted-documents.json');
export const MANIFEST_PATH = path.join(ROOT_DIR, 'codegen', 'persisted-operations.json');

export interface PersistedOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedOperation[];
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The published sources: each .graphql file of `dir`, then each console document (client preset
 * output). A console document is published verbatim: the console sends only its hash, which the
 * client preset took of exactly that text.
 */
function sources(dir: string, consoleDocuments: string): { file: string; text: string; verbatim: boolean }[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), 'utf8'), verbatim: false }));
  if (!fs.existsSync(consoleDocuments)) return files;
  const documents = JSON.parse(fs.readFileSync(consoleDocuments, 'utf8')) as Record<string, string>;
  const consoleFiles = Object.values(documents)
    .sort()
    .map((text) => ({ file: path.relative(ROOT_DIR, consoleDocuments), text, verbatim: true }));
  return [...files, ...consoleFiles];
}

export function buildManifest(dir = OPERATIONS_DIR, consoleDocuments = CONSOLE_DOCUMENTS_PATH): PersistedQueryManifest {
  const operations: OperationDefinitionNode[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  const verbatim = new Map<OperationDefinitionNode, string>();
  for (const { file, text, verbatim: asGiven } of sources(dir, consoleDocuments)) {
    for (const definition of parse(text, { noLocation: true }).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) {
        if (!definition.name) throw new Error(`${file}: every published operation needs a name`);
        operations.push(definition);
        if (asGiven) verbatim.set(definition, text);
      } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        fragments.set(definition.name.value, definition);
      }
    }
  }
  const used = (node: OperationDefinitionNode | FragmentDefinitionNode, seen = new Set<string>()): Set<string> => {
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (seen.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`Unknown fragment ${name}`);
        seen.add(name);
        used(fragment, seen);
      },
    });
    return seen;
  };
  const entries = operations.map((operation) => {
    const document: DocumentNode = {
      kind: Kind.DOCUMENT,
      definitions: [operation, ...[...used(operation)].sort().map((name) => fragments.get(name)!)],
    };
    const body = verbatim.get(operation) ?? print(document);
    return { id: sha256(body), name: operation.name!.value, type: operation.operation, body };
  });
  const names = new Set<string>();
  for (const e of entries) {
    if (names.has(e.name)) throw new Error(`Operation name ${e.name} is used twice`);
    names.add(e.name);
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: entries };
}

export function manifestText(manifest: PersistedQueryManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

if (require.main === module) {
  const manifest = buildManifest();
  fs.writeFileSync(MANIFEST_PATH, manifestText(manifest));
  console.log(`wrote ${path.relative(ROOT_DIR, MANIFEST_PATH)}: ${manifest.operations.length} operations`);
}
