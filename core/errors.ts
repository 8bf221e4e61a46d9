import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The only error codes clients ever see. */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL';

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

/**
 * Thrown by input scalars (core/input-rules.ts) for a value out of range or malformed. graphql-js
 * wraps it with the argument path; `formatError` answers it as BAD_USER_INPUT.
 */
export class InputError extends Error {
  override name = 'InputError';
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
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  // A value a scalar refused (ours, or graphql-scalars' DateTime and friends, which throw TypeError)
  // is the caller's mistake, whether it came as a variable or as a literal (a validation error).
  if (
    original instanceof InputError ||
    (original instanceof TypeError && error instanceof GraphQLError && isInputCoercion(error)) ||
    (code === 'GRAPHQL_VALIDATION_FAILED' && isLiteralValueError(formatted.message))
  ) {
    const problem = problemOf(formatted.message);
    return {
      message: formatted.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'BAD_USER_INPUT', ...(problem ? { problems: [problem] } : {}) },
    };
  }
  if (original instanceof AppError || (code && CLIENT_CODES.has(code))) {
    const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
    // An AppError reported during validation (an operation limit) keeps its own code, not Apollo's
    // GRAPHQL_VALIDATION_FAILED wrapper's.
    if (original instanceof AppError && original !== error) Object.assign(extensions, withoutHttp(original.extensions));
    // A variable graphql-js refused: name the field the way services do.
    const problem = extensions.code === 'BAD_USER_INPUT' && !extensions.problems ? problemOf(formatted.message) : null;
    if (problem) extensions.problems = [problem];
    return { ...formatted, extensions };
  }
  // type-graphql's argument validation and graphql-js's variable coercion problems are the caller's fault.
  const name = (original as { name?: string } | undefined)?.name;
  if (name === 'ArgumentValidationError' || code === 'BAD_USER_INPUT') {
    return {
      message: formatted.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }
  onInternal?.(error);
  return {
    message: 'Internal error. It has been logged; please retry or contact support with the request id.',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL' },
  };
}

/** graphql-js's messages when a variable or literal does not fit its input type. */
function isInputCoercion(error: GraphQLError): boolean {
  return /^(Variable "\$[^"]+" got invalid value|Expected value of type|Expected type)/.test(error.message);
}

/** A literal argument a scalar refused ("DateTime cannot represent …", "Int cannot represent …"): a bad value, not a bad query. */
function isLiteralValueError(message: string): boolean {
  return /^(Expected value of type|[A-Za-z]+ cannot represent )/.test(message);
}

/**
 * The field a refused variable names (`… at "input.rows[37].listPriceFen"; …`), as a problem like
 * the services report: the row index of a bulk input and the field within it.
 */
function problemOf(message: string): FieldProblem | null {
  const at = /got invalid value .*? at "([^"]+)"; (?:Expected type "[^"]+"\. )?(.*)$/s.exec(message);
  if (!at) return null;
  const [, path, reason] = at as unknown as [string, string, string];
  const row = /^(?:[^.[]+)(?:\.[^.[]+)*\[(\d+)\]\.(.+)$/.exec(path);
  if (row) return { index: Number(row[1]), field: row[2]!, message: reason };
  return { field: path, message: reason };
}
