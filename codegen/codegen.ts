import fs from 'node:fs';
import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

const ROOT = path.join(__dirname, '..');

/** How our scalars and enums look in TypeScript, for client and service operations alike. */
const TYPES = {
  enumsAsTypes: true,
  scalars: {
    DateTime: 'string',
    ID: 'string',
    SafeInt: 'number',
    FenAmount: 'number',
    PointsAmount: 'number',
    PointsChange: 'number',
  },
  avoidOptionals: { field: true },
  skipTypename: true,
};

/**
 * Service-to-service operations: `<caller>/operations/<callee>.graphql` (caller is a subgraph or the
 * gateway), checked against the callee's whole schema (codegen/subgraphs/<callee>.graphql, written by
 * `npm run compose`; `core/operations` for calls every subgraph makes alike), so a field renamed or removed at the callee fails `npm run codegen`, and the
 * committed types then fail `npm run typecheck` at the caller. Each operation becomes a typed document
 * string for `ServiceClient.request`.
 */
function serviceOperations(): CodegenConfig['generates'] {
  const callers = [
    ...fs.readdirSync(path.join(ROOT, 'subgraphs')).map((name) => `subgraphs/${name}`),
    'gateway',
    // Calls every subgraph makes the same way (the audit trail's relay delivery), written once.
    'core',
  ].filter((dir) => fs.existsSync(path.join(ROOT, dir, 'operations')));
  const outputs: CodegenConfig['generates'] = {};
  for (const caller of callers.sort()) {
    const files = fs
      .readdirSync(path.join(ROOT, caller, 'operations'))
      .filter((f) => f.endsWith('.graphql'))
      .sort();
    for (const file of files) {
      const callee = path.basename(file, '.graphql');
      outputs[`codegen/generated/service/${path.basename(caller)}/${callee}.ts`] = {
        schema: `codegen/subgraphs/${callee}.graphql`,
        documents: `${caller}/operations/${file}`,
        plugins: ['typescript-operations', 'typed-document-node'],
        // Plain strings: sent as they are, never re-printed from an AST per call.
        config: { ...TYPES, documentMode: 'string' },
      };
    }
  }
  return outputs;
}

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    /**
     * Typed operations for clients of the public API (partner apps, operator consoles, our tests).
     * The schema is the composed public API (`npm run compose` writes schema.graphql).
     */
    'codegen/generated/graphql.ts': {
      schema: 'schema.graphql',
      documents: 'codegen/operations/**/*.graphql',
      plugins: ['typescript-operations'],
      config: TYPES,
    },
    /**
     * The operator console's operations (`graphql(...)` calls in console/src), typed by the client
     * preset. Its persisted-documents.json feeds the persisted-operation manifest
     * (scripts/persisted-operations.ts), so the console's operations are published like the others.
     */
    'console/src/gql/': {
      schema: 'schema.graphql',
      documents: ['console/src/**/*.{ts,tsx}', '!console/src/gql/**'],
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { hashAlgorithm: 'sha256', mode: 'replaceDocumentWithHash' },
      },
      // Plain strings in the browser bundle: no graphql-js parser or printer is shipped to it.
      config: { ...TYPES, documentMode: 'string', useTypeImports: true },
    },
    ...serviceOperations(),
  },
};

export default config;
