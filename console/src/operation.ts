import type { TypedDocumentString } from './gql/graphql';

/**
 * What names an operation in a request: only its hash. Every console operation is published in the
 * gateway's manifest (scripts/persisted-operations.ts), so its text never ships in the bundle.
 */
export function operationBody<R, V>(document: TypedDocumentString<R, V>, variables?: V): string {
  const hash = (document.__meta__ as { hash?: string } | undefined)?.hash;
  if (!hash) throw new Error('A console operation without its persisted hash: run npm run codegen.');
  return JSON.stringify({
    variables: variables ?? {},
    extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } },
  });
}
