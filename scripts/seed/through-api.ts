import { AsyncLocalStorage } from 'node:async_hooks';
import { execute, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { TransactionContext, type EntityManager, type MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { SubgraphName } from '../../core/config';
import { openDatabase } from '../../core/db';
import type { Principal } from '../../core/identity';
import { NO_POLICY, withPolicies } from '../../core/approval-gate';
import { LoaderRegistry } from '../../core/loaders';
import { Logger } from '../../core/logger';
import { RequestTransaction } from '../../core/request-transaction';
import { withInProcessPeers, type PeerAnswer } from '../../core/service-client';
import { buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '../../core/subgraph';
import { SUBGRAPHS } from '../../subgraphs';

/** The platform operator the demo seed acts as when it onboards banks, malls, brands and suppliers. */
export const SEED_OPERATOR: Principal = { role: 'PLATFORM_ADMIN', sub: 'seed:demo-onboarding' };

/** A demo bank's admin, for what a bank does for itself (tiers, segments, earn rules, listings, …). */
export function seedBankAdmin(bankId: number): Principal {
  return { role: 'BANK_ADMIN', sub: `seed:bank-${bankId}-admin`, bankId: String(bankId) };
}

/** A demo supplier's admin, for what a supplier does for itself (products, SKUs, card codes, …). */
export function seedSupplierAdmin(supplierId: number): Principal {
  return { role: 'SUPPLIER_ADMIN', sub: `seed:supplier-${supplierId}-admin`, supplierId: String(supplierId) };
}

/** Loyalty, for what it reports to tenants (each customer's tier points). */
export const SEED_LOYALTY: Principal = { role: 'SERVICE', sub: 'loyalty' };

const schemas = new Map<string, Promise<GraphQLSchema>>();
/** The seed sends the same few operations many times: each is parsed once. */
const documents = new Map<string, DocumentNode>();

function documentOf(text: string): DocumentNode {
  let doc = documents.get(text);
  if (!doc) documents.set(text, (doc = parse(text)));
  return doc;
}

/** The operation being run, while the seed runs one (test/foundation/seed-through-api.test.ts reads it). */
const running = new AsyncLocalStorage<string>();

/** The seed operation the caller is inside, if any: writes outside one are the seed's own. */
export function currentSeedOperation(): string | undefined {
  return running.getStore();
}

function schemaOf(def: SubgraphDefinition): Promise<GraphQLSchema> {
  let schema = schemas.get(def.name);
  if (!schema) {
    schema = buildFederatedSchema(def);
    schemas.set(def.name, schema);
  }
  return schema;
}

function contextOf(def: SubgraphDefinition, em: SqlEntityManager, principal: Principal): SubgraphContext {
  return {
    principal,
    em,
    loaders: new LoaderRegistry(),
    requestId: 'seed',
    log: new Logger(def.name),
    // Inactive: the seed's own transaction is the request transaction; forks stay inside it.
    transaction: new RequestTransaction(em, { uniqueRetried: false, number: 1 }),
  };
}

/** Databases of the peers the seed's operations asked (the seed's own database is its caller's). */
const peerDatabases = new Map<SubgraphName, Promise<MikroORM>>();

/**
 * Service calls an operation makes to another subgraph (tenants asking the catalog about the SKUs
 * it lists, say), answered in this process from that subgraph's already seeded database, since no
 * subgraph is up while the seed runs.
 */
async function answerInProcess(
  target: SubgraphName,
  query: string,
  variables: unknown,
  principal: Principal,
): Promise<PeerAnswer> {
  const def = SUBGRAPHS[target];
  let orm = peerDatabases.get(target);
  if (!orm) peerDatabases.set(target, (orm = openDatabase(def.storage, { migrate: false })));
  // Not resolved through the context: inside the seed's transaction MikroORM would fork the seeded
  // subgraph's em (both are named "default"), whichever ORM is asked.
  const em = (await orm).em.fork({ disableContextResolution: true }) as SqlEntityManager;
  const schema = await schemaOf(def);
  // Out of the caller's transaction context, for the same reason: forks taken inside must be this
  // database's.
  const result = await TransactionContext.create(em, () =>
    execute({
      schema,
      document: documentOf(query),
      variableValues: variables as Record<string, unknown>,
      contextValue: contextOf(def, em, principal),
    }),
  );
  return { data: result.data, errors: result.errors?.map((e) => ({ message: e.message, extensions: e.extensions })) };
}

/** Closes the peer databases the seed opened. */
export async function closeSeedPeers(): Promise<void> {
  const open = [...peerDatabases.values()];
  peerDatabases.clear();
  for (const orm of open) await (await orm).close(true);
}

/**
 * Runs one of a subgraph's own GraphQL operations in this process, on the seed's transaction: the
 * same schema, input rules, resolvers, permission checks and services a platform operator's request
 * goes through, without needing the processes up (the seed runs before they start). Any error
 * fails the seed, which rolls the whole subgraph's seed back. It acts as `as`: the platform by
 * default, or the bank, supplier or service whose own operation it is.
 */
export async function seedThroughApi<T = Record<string, unknown>>(
  def: SubgraphDefinition,
  em: EntityManager,
  operation: string,
  variables: Record<string, unknown>,
  as: Principal = SEED_OPERATOR,
): Promise<T> {
  const schema = await schemaOf(def);
  // A fork per operation, inside the seed's transaction (the request transaction wraps its em's methods).
  const sqlEm = (em as SqlEntityManager).fork({ keepTransactionContext: true }) as SqlEntityManager;
  const contextValue = contextOf(def, sqlEm, as);
  // The demo banks have set no maker-checker policy (staff, which keeps policies, is seeded last
  // and not running): nothing the seed does waits for a second person.
  const result = await withPolicies(
    async () => NO_POLICY,
    () =>
      withInProcessPeers(answerInProcess, async () =>
        running.run(operation, () =>
          execute({ schema, document: documentOf(operation), variableValues: variables, contextValue }),
        ),
      ),
  );
  if (result.errors?.length)
    throw new Error(
      `seed: ${def.name} refused ${operation.slice(0, 60)}…: ${result.errors.map((e) => e.message).join('; ')}`,
    );
  return result.data as T;
}
