import { execute, parse, type GraphQLSchema } from 'graphql';
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Principal } from '../../core/identity';
import { NO_POLICY, withPolicies } from '../../core/approval-gate';
import { LoaderRegistry } from '../../core/loaders';
import { Logger } from '../../core/logger';
import { RequestTransaction } from '../../core/request-transaction';
import { buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '../../core/subgraph';

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

/** A demo bank's partner app, for what the bank's own app sends (its customers). */
export function seedPartnerApp(bankId: number, partnerAppId: number): Principal {
  return {
    role: 'PARTNER_APP',
    sub: `seed:bank-${bankId}-app`,
    bankId: String(bankId),
    partnerAppId: String(partnerAppId),
  };
}

const schemas = new Map<string, Promise<GraphQLSchema>>();

/**
 * Runs one of a subgraph's own GraphQL operations in this process, on the seed's transaction: the
 * same schema, input rules, resolvers, permission checks and services a platform operator's request
 * goes through, without needing the processes up (the seed runs before they start). Any error
 * fails the seed, which rolls the whole subgraph's seed back. It acts as `as`: the platform by
 * default, or the bank, supplier or partner app whose own operation it is.
 */
export async function seedThroughApi<T = Record<string, unknown>>(
  def: SubgraphDefinition,
  em: EntityManager,
  operation: string,
  variables: Record<string, unknown>,
  as: Principal = SEED_OPERATOR,
): Promise<T> {
  let schema = schemas.get(def.name);
  if (!schema) {
    schema = buildFederatedSchema(def);
    schemas.set(def.name, schema);
  }
  // A fork per operation, inside the seed's transaction (the request transaction wraps its em's methods).
  const sqlEm = (em as SqlEntityManager).fork({ keepTransactionContext: true }) as SqlEntityManager;
  const contextValue: SubgraphContext = {
    principal: as,
    em: sqlEm,
    loaders: new LoaderRegistry(),
    requestId: 'seed',
    log: new Logger(def.name),
    // Inactive: the seed's own transaction is the request transaction; forks stay inside it.
    transaction: new RequestTransaction(sqlEm, { uniqueRetried: false, number: 1 }),
  };
  // The demo banks have set no maker-checker policy (staff, which keeps policies, is seeded last
  // and not running): nothing the seed does waits for a second person.
  const built = await schema;
  const result = await withPolicies(
    async () => NO_POLICY,
    async () => execute({ schema: built, document: parse(operation), variableValues: variables, contextValue }),
  );
  if (result.errors?.length)
    throw new Error(
      `seed: ${def.name} refused ${operation.slice(0, 60)}…: ${result.errors.map((e) => e.message).join('; ')}`,
    );
  return result.data as T;
}
