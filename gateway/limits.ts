/**
 * Operation limits at the gateway, checked before the query planner sees a document:
 * - tokens: graphql-js's own `maxTokens` parse option (the parser stops counting at the limit);
 * - depth (fragments flattened), aliases and directives: @escape.tech/graphql-armor validation
 *   rules (Apollo caches a validated document, so a repeated query pays for them once);
 * - cost: graphql-query-complexity with our estimator, per request because it needs the
 *   variables (`first: $n`). Connections multiply their selection by `first` (or its default 20).
 * Every refusal is BAD_USER_INPUT with `extensions.limit` naming the limit, and never echoes
 * schema suggestions.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isLeafType,
  parse,
  visit,
  type DocumentNode,
  type OperationDefinitionNode,
  type GraphQLFormattedError,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { isProduction, operationLimitsEnabled, positiveIntFromEnv } from '../core/config';
import { AppError } from '../core/errors';
import type http from 'node:http';
import { DEFAULT_MAX_BODY_BYTES, HttpError, sendGraphQLError, type BodyReader } from '../core/http';
import { PLATFORM_ROLES, type Principal, type Role } from '../core/identity';

export interface OperationLimits {
  /** False only for benchmarks (PERKMALL_OPERATION_LIMITS=off). */
  enabled: boolean;
  depth: number;
  aliases: number;
  tokens: number;
  directives: number;
  cost: number;
}

/** Connections page 20 items unless `first` says otherwise (CONVENTIONS: default 20, cap 100). */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Fields that cost more than one node each: what they make a subgraph do per call (an unbounded
 * LIKE search, aggregate reports). Scalars cost nothing; every other object field costs 1.
 */
export const FIELD_WEIGHTS: Record<string, number> = {
  'Query.poolSkus': 10,
  'Query.salesReport': 50,
  'Query.salesDashboard': 50,
  'Query.salesDashboardCsv': 50,
  'Query.settlementStatements': 20,
  'Query.exportSettlement': 50,
  'Mutation.curateListings': 100,
};

export function operationLimitsFromEnv(): OperationLimits {
  const enabled = operationLimitsEnabled();
  if (!enabled && isProduction())
    throw new Error('PERKMALL_OPERATION_LIMITS=off is for benchmarks; it is refused in production');
  return {
    enabled,
    depth: positiveIntFromEnv('PERKMALL_LIMIT_DEPTH', 12),
    aliases: positiveIntFromEnv('PERKMALL_LIMIT_ALIASES', 20),
    tokens: positiveIntFromEnv('PERKMALL_LIMIT_TOKENS', 2000),
    directives: positiveIntFromEnv('PERKMALL_LIMIT_DIRECTIVES', 20),
    cost: positiveIntFromEnv('PERKMALL_LIMIT_COST', 10_000),
  };
}

const BAD_REQUEST_HTTP = { status: 400, headers: new Map<string, string>() };

export function limitError(limit: string, message: string): AppError {
  return new AppError('BAD_USER_INPUT', message, { limit, http: BAD_REQUEST_HTTP });
}

/** Armor reports "Syntax Error: Query depth limit of 12 exceeded, found 40."; we report it plainly, as ours. */
function reportAs(limit: string, advice: string) {
  return (ctx: ValidationContext | null, error: GraphQLError) => {
    const message = `${error.message.replace(/^Syntax Error:\s*/, '')} ${advice}`;
    ctx?.reportError(limitError(limit, message));
  };
}

function armorRules(limits: OperationLimits): ValidationRule[] {
  const common = { propagateOnRejection: false, exposeLimits: true };
  const { validationRules } = new ApolloArmor({
    maxDepth: {
      ...common,
      n: limits.depth,
      flattenFragments: true,
      onReject: [reportAs('depth', 'Ask for fewer nested levels.')],
    },
    maxAliases: {
      ...common,
      n: limits.aliases,
      onReject: [reportAs('aliases', 'Use fewer aliases, or page through a connection.')],
    },
    maxDirectives: { ...common, n: limits.directives, onReject: [reportAs('directives', 'Use fewer directives.')] },
    // Tokens are limited by graphql-js's parser itself (one parse, not two); suggestions by the formatter.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return validationRules as ValidationRule[];
}

/**
 * The cost of a field is its weight plus its selection's cost, times `first` (or the default page
 * size) on a paginated field. Lists without `first` (an order's lines, its supplier orders, a
 * category level) are short by construction and count once; the depth limit bounds their nesting.
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const weight = FIELD_WEIGHTS[`${type.name}.${field.name}`] ?? (isLeafType(getNamedType(field.type)) ? 0 : 1);
  const paginated = field.args.some((a) => a.name === 'first');
  if (!paginated) return weight + childComplexity;
  const first = typeof args.first === 'number' ? Math.max(0, args.first) : DEFAULT_PAGE_SIZE;
  return weight + first * childComplexity;
};

/**
 * The cost of an operation depends on its document and on the values of the variables it uses as
 * `first` or in a directive (`@include(if: $x)`); nothing else the estimator reads comes from
 * variables. So it is computed once per document and such values: the profile (bench/profile.ts)
 * showed getComplexity's walk at ~8 % of the gateway's CPU per checkout, paid on every request. Keyed
 * by Apollo's cached DocumentNode (a WeakMap: an evicted document takes its costs with it), at most
 * MAX_COSTS_PER_DOCUMENT value combinations each. PERKMALL_COST_CACHE=off turns it off (benchmarks' A/B).
 */
class CostCache {
  private readonly byDocument = new WeakMap<
    DocumentNode,
    { variables: Map<string, string[]>; costs: Map<string, number> }
  >();

  get(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): number | undefined {
    const entry = this.byDocument.get(document);
    return entry?.costs.get(this.key(entry.variables, operation, variables));
  }

  set(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    cost: number,
  ): void {
    let entry = this.byDocument.get(document);
    if (!entry) {
      entry = { variables: costVariables(document), costs: new Map() };
      this.byDocument.set(document, entry);
    }
    if (entry.costs.size < MAX_COSTS_PER_DOCUMENT)
      entry.costs.set(this.key(entry.variables, operation, variables), cost);
  }

  private key(
    byOperation: Map<string, string[]>,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ) {
    const name = operation.name?.value ?? '';
    return `${name}\u0000${JSON.stringify((byOperation.get(name) ?? []).map((v) => variables[v] ?? null))}`;
  }
}

const MAX_COSTS_PER_DOCUMENT = 200;

/** Per operation of a document: the variables whose values the cost depends on (`first: $n`, directive arguments). */
function costVariables(document: DocumentNode): Map<string, string[]> {
  const used = new Set<string>();
  let inDirective = 0;
  visit(document, {
    Directive: { enter: () => void inDirective++, leave: () => void inDirective-- },
    Argument(node) {
      if (node.value.kind === Kind.VARIABLE && (inDirective > 0 || node.name.value === 'first'))
        used.add(node.value.name.value);
    },
    Variable(node) {
      if (inDirective > 0) used.add(node.name.value);
    },
  });
  // Fragments can be shared by operations, so every operation keys on every such variable it declares.
  const out = new Map<string, string[]>();
  for (const d of document.definitions)
    if (d.kind === Kind.OPERATION_DEFINITION)
      out.set(
        d.name?.value ?? '',
        (d.variableDefinitions ?? [])
          .map((v) => v.variable.name.value)
          .filter((v) => used.has(v))
          .sort(),
      );
  return out;
}

const costCache = process.env.PERKMALL_COST_CACHE === 'off' ? null : new CostCache();

/** Cost limit, and a clear refusal for an operationName the document does not contain. */
function operationPlugin(limits: OperationLimits | null): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) {
            throw new AppError(
              'BAD_USER_INPUT',
              request.operationName
                ? `The document has no operation named "${request.operationName.slice(0, 100)}".`
                : 'The document has several operations: say which one in operationName.',
              { http: BAD_REQUEST_HTTP },
            );
          }
          if (!limits) return;
          let cost: number;
          try {
            const variables = request.variables ?? {};
            const cached = costCache?.get(document, operation, variables);
            if (cached === undefined) {
              cost = getComplexity({
                schema,
                query: document,
                operationName: request.operationName ?? undefined,
                variables,
                estimators: [costEstimator],
              });
              costCache?.set(document, operation, variables, cost);
            } else {
              // The cost is known; the variables still have to fit their types, as getComplexity checks.
              const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
              if (errors?.length) throw errors[0];
              cost = cached;
            }
          } catch (e) {
            // Variables that do not fit their types (execution would refuse them too).
            throw new AppError(
              'BAD_USER_INPUT',
              e instanceof GraphQLError ? e.message : 'The variables do not fit the operation.',
              { http: BAD_REQUEST_HTTP },
            );
          }
          if (cost > limits.cost) {
            throw limitError(
              'cost',
              `Query cost ${cost} exceeds the limit of ${limits.cost} (each object counts once, times \`first\` on connections; default ${DEFAULT_PAGE_SIZE}). Ask for smaller pages or fewer nested connections.`,
            );
          }
        },
      };
    },
  };
}

/** What ApolloServer needs to enforce the limits (spread into its config). */
export function operationLimitOptions(limits: OperationLimits): {
  validationRules: ValidationRule[];
  parseOptions: { maxTokens?: number };
  plugins: ApolloServerPlugin<BaseContext>[];
} {
  if (!limits.enabled) return { validationRules: [], parseOptions: {}, plugins: [operationPlugin(null)] };
  return {
    validationRules: armorRules(limits),
    parseOptions: { maxTokens: limits.tokens },
    plugins: [operationPlugin(limits)],
  };
}

/** Apollo's refusals of a malformed persisted-query request carry no code (they would be masked as INTERNAL). */
const PERSISTED_QUERY_REQUEST_ERRORS = new Set([
  'provided sha does not match query',
  'Unsupported persisted query version',
]);

/** A request-shape error Apollo raised without a client code, as BAD_USER_INPUT; else null. */
export function requestShapeError(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  if (!PERSISTED_QUERY_REQUEST_ERRORS.has(formatted.message)) return null;
  const message =
    formatted.message === 'provided sha does not match query'
      ? 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent.'
      : 'Only persisted-query version 1 is supported.';
  return { message, extensions: { code: 'BAD_USER_INPUT' } };
}

const SUGGESTION = / ?Did you mean [^?]*\?/g;
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

/**
 * Gateway-only touches on an already formatted error: the parser's token limit and malformed
 * requests become BAD_USER_INPUT, disabled introspection FORBIDDEN, and in production no message
 * suggests schema names (graphql-js's "Did you mean …?" in validation and variable coercion).
 */
export function refineClientError(
  formatted: GraphQLFormattedError,
  opts: { hideSuggestions: boolean },
): GraphQLFormattedError {
  let result = formatted;
  const tokens = TOKEN_LIMIT.exec(formatted.message);
  if (tokens) {
    result = {
      message: `The document has more than ${tokens[1]} tokens. Send a smaller operation.`,
      extensions: { code: 'BAD_USER_INPUT', limit: 'tokens' },
    };
  } else if (formatted.extensions?.validationErrorCode === 'INTROSPECTION_DISABLED') {
    // Apollo's own message tells how to configure Apollo; a client needs to know where the schema is.
    result = {
      message: 'Introspection is turned off on this server; the public schema is published as schema.graphql.',
      locations: formatted.locations,
      extensions: { code: 'FORBIDDEN' },
    };
  } else if (formatted.extensions?.code === 'BAD_REQUEST') {
    result = { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
  }
  if (opts.hideSuggestions) {
    const message = result.message.replace(SUGGESTION, '');
    if (message !== result.message) result = { ...result, message };
  }
  return result;
}

// ---- request bodies ----

/** Mutations that take up to 1,000 rows (5,000 card codes) in one call, and the roles that may call them. */
export const BULK_MUTATIONS = new Set([
  'bulkUpsertSkus',
  'bulkUpsertProducts',
  'startSkuImport',
  'upsertCustomers',
  'uploadCodes',
  'deactivateSkus',
  // A supplier's bill for reconciliation: up to 3,000,000 bytes, base64 (subgraphs/orders/services/supplier-bill.ts).
  'reconcileSupplierBill',
]);
const BULK_ROLES = new Set<Role>([...PLATFORM_ROLES, 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF', 'BANK_ADMIN', 'PARTNER_APP']);

export interface BodyLimits {
  /** Every GraphQL request (PERKMALL_MAX_BODY_BYTES, default 1 MiB). */
  standard: number;
  /** A bulk mutation from a role that may call one (PERKMALL_MAX_BULK_BODY_BYTES, default 4 MiB). */
  bulk: number;
}

export function bodyLimitsFromEnv(): BodyLimits {
  return {
    standard: positiveIntFromEnv('PERKMALL_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES),
    bulk: positiveIntFromEnv('PERKMALL_MAX_BULK_BODY_BYTES', 4 * 1024 * 1024),
  };
}

/** How much this caller may send before we know what it sends: the bulk allowance only for roles with bulk mutations. */
export function bodyLimitFor(principal: Principal, limits: BodyLimits): number {
  return BULK_ROLES.has(principal.role) ? Math.max(limits.bulk, limits.standard) : limits.standard;
}

/**
 * A body above the standard limit is accepted only when it is one mutation whose every root field
 * is a bulk mutation. The document is parsed under the token limit, so this check stays cheap.
 */
export function isBulkMutationRequest(body: string, maxTokens: number): boolean {
  let request: { query?: unknown; operationName?: unknown };
  try {
    request = JSON.parse(body) as typeof request;
  } catch {
    return false;
  }
  if (!request || typeof request.query !== 'string') return false;
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens });
  } catch {
    return false;
  }
  const operation = getOperationAST(
    document,
    typeof request.operationName === 'string' ? request.operationName : undefined,
  );
  if (!operation || operation.operation !== 'mutation') return false;
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && BULK_MUTATIONS.has(s.name.value));
}

/**
 * The body of a GraphQL request from an authenticated caller, within its limit; null when a 413
 * has been sent instead (GraphQL-shaped, BAD_USER_INPUT).
 */
export async function readGraphQLBody(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  readBody: BodyReader,
  principal: Principal,
  limits: BodyLimits,
  maxTokens: number,
): Promise<string | null> {
  const refuse = (max: number, bulk: boolean) => {
    const hint = bulk ? '' : ` Bulk mutations (${[...BULK_MUTATIONS].join(', ')}) may send up to ${limits.bulk} bytes.`;
    sendGraphQLError(res, 413, 'BAD_USER_INPUT', `Request body is larger than ${max} bytes.${hint}`);
    return null;
  };
  const max = bodyLimitFor(principal, limits);
  let body: string;
  try {
    body = await readBody(max);
  } catch (e) {
    if (e instanceof HttpError && e.status === 413) return refuse(max, max > limits.standard);
    throw e;
  }
  if (Buffer.byteLength(body) > limits.standard && !isBulkMutationRequest(body, maxTokens))
    return refuse(limits.standard, false);
  return body;
}
