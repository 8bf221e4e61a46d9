/**
 * The persisted-operation safelist: the operations published in codegen/operations, as
 * `npm run codegen` writes them to codegen/persisted-operations.json (SHA-256 of the printed
 * document → its text).
 * - Any client may send `extensions.persistedQuery.sha256Hash` (Apollo APQ shape) of a published
 *   operation without its text: the manifest answers Apollo's persisted-query lookup first.
 * - A caller whose token says `safelistOnly` (a partner app so marked, and customers acting through
 *   it) may run only published operations, sent by hash or in full (checked by the hash of the text
 *   as sent, or of its canonical print, so formatting does not matter). Anything else is FORBIDDEN.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { print } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ROOT_DIR } from '../core/config';
import { AppError } from '../core/errors';
import type { Principal } from '../core/identity';

export const SAFELIST_PATH = path.join(ROOT_DIR, 'codegen', 'persisted-operations.json');
const APQ_PREFIX = 'apq:';
/** Operations other clients register through APQ, kept in memory (oldest dropped first). */
const MAX_REGISTERED = 1000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What Apollo Server needs of a persisted-query cache (structurally its KeyValueCache). */
interface PersistedQueryCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

export class OperationSafelist {
  private readonly registered = new Map<string, string>();

  constructor(private readonly bodies: ReadonlyMap<string, string>) {}

  static load(file = SAFELIST_PATH): OperationSafelist {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { operations: { id: string; body: string }[] };
    const bodies = new Map<string, string>();
    for (const op of manifest.operations) {
      if (sha256(op.body) !== op.id)
        throw new Error(`${file}: ${op.id} is not the SHA-256 of its body; run npm run codegen`);
      bodies.set(op.id, op.body);
    }
    return new OperationSafelist(bodies);
  }

  get size(): number {
    return this.bodies.size;
  }

  /** Apollo's persisted-query store: published operations first, then what clients registered. */
  persistedQueryCache(): PersistedQueryCache {
    return {
      get: async (key) => {
        const hash = key.startsWith(APQ_PREFIX) ? key.slice(APQ_PREFIX.length) : key;
        return this.bodies.get(hash) ?? this.registered.get(key);
      },
      set: async (key, value) => {
        if (this.registered.size >= MAX_REGISTERED) this.registered.delete(this.registered.keys().next().value!);
        this.registered.set(key, value);
      },
      delete: async (key) => this.registered.delete(key),
    };
  }

  /** Refuses anything unpublished from a safelist-only caller, before the query planner sees it. */
  plugin(): ApolloServerPlugin<{ principal: Principal }> {
    return {
      requestDidStart: async ({ contextValue }) => {
        if (!contextValue.principal?.safelistOnly) return;
        return {
          didResolveOperation: async ({ queryHash, document }) => {
            if (this.bodies.has(queryHash) || this.bodies.has(sha256(print(document)))) return;
            throw new AppError(
              'FORBIDDEN',
              'This partner app may run only the published operations (codegen/persisted-operations.json); this operation is not one of them. Send a published operation, or its sha256Hash in extensions.persistedQuery.',
              { reason: 'OPERATION_NOT_SAFELISTED', http: { status: 403, headers: new Map<string, string>() } },
            );
          },
        };
      },
    };
  }
}
