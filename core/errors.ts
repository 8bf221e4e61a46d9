import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The only error codes clients ever see. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INTERNAL';

export interface FieldProblem {
  /** Row index in a bulk input, when the problem belongs to one row. */
  index?: number;
  field: string;
  message: string;
}

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const badInput = (message: string, problems?: FieldProblem[]) =>
  new AppError('BAD_USER_INPUT', message, problems ? { problems } : {});
export const unauthenticated = (message = 'Authentication required: send a valid bearer token.') =>
  new AppError('UNAUTHENTICATED', message);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
export const notFound = (what: string, id?: string | number) =>
  new AppError('NOT_FOUND', id === undefined ? `${what} not found.` : `${what} ${id} not found.`);
export const conflict = (message: string) => new AppError('CONFLICT', message);

const CLIENT_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  // Only ever produced deliberately (a subgraph's masked error or an AppError saying "retry").
  'INTERNAL',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  // The edge's own refusals: a rate limit (HTTP 429) and a subgraph that cannot be reached.
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
]);

function withoutHttp(extensions: Record<string, unknown>): Record<string, unknown> {
  const { http: _http, ...rest } = extensions;
  return rest;
}

/**
 * Apollo `formatError`: errors we raised on purpose pass through; anything else (a driver error, a
 * bug) becomes a masked INTERNAL error, so no stack trace or SQL ever reaches a client. Argument
 * validation by GraphQL itself becomes BAD_USER_INPUT.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onInternal?: (error: unknown) => void,
): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  const original = error instanceof GraphQLError ? error.originalError ?? error : error;
  if (original instanceof AppError || (code && CLIENT_CODES.has(code))) {
    const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
    // An AppError reported during validation (an operation limit) keeps its own code, not Apollo's
    // GRAPHQL_VALIDATION_FAILED wrapper's.
    if (original instanceof AppError && original !== error) Object.assign(extensions, withoutHttp(original.extensions));
    return { ...formatted, extensions };
  }
  // type-graphql's argument validation and graphql-js's variable coercion problems are the caller's fault.
  const name = (original as { name?: string } | undefined)?.name;
  if (name === 'ArgumentValidationError' || code === 'BAD_USER_INPUT') {
    return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
  }
  onInternal?.(error);
  return {
    message: 'Internal error. It has been logged; please retry or contact support with the request id.',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL' },
  };
}
