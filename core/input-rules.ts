import {
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  GraphQLString,
  Kind,
  type GraphQLInputType,
  type GraphQLResolveInfo,
  type ValueNode,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { badInput, InputError, type FieldProblem } from './errors';

/**
 * What the API accepts, declared once for every subgraph.
 *
 * Amounts: three input scalars bound every points and fen value a client may send, so a sum of
 * them can never pass 2^53 (JavaScript's exact integers) nor a BIGINT column:
 * - `FenAmount`: 0 … 10^12 fen (10 billion CNY) — one price, payment or banking event.
 * - `PointsAmount`: 0 … 10^10 points — one operation's points (a hold, a price, a budget).
 * - `PointsChange`: −10^10 … 10^10 points — a signed correction.
 * Balances and totals are stored in BIGINT columns and leave the API as `SafeInt` (graphql-scalars),
 * which serialises every integer up to 2^53 − 1; ledger credits refuse to take a balance beyond
 * `MAX_BALANCE` (10^15), so 2^53 is never reached.
 *
 * Text: every String and ID input, anywhere in the arguments (input objects and lists included), is
 * checked before a resolver runs: at most `DEFAULT_TEXT.max` characters (IDs `ID_TEXT.max`) and no
 * control characters (NUL included). A field that needs another limit, or several lines, says so
 * with `@Text({ max, multiline })` beside its `@Field`. Refusals are BAD_USER_INPUT naming the
 * argument path and the limit.
 *
 * Lists: every list a client sends has at most `DEFAULT_MAX_ITEMS` elements unless its field says
 * `@Text({ …, maxItems })` (code uploads); services keep their own tighter caps. Calls between
 * subgraphs (SERVICE) are not held to it: their lists are bounded by the client request they serve.
 */

export const MAX_FEN = 1_000_000_000_000; // 10^12
export const MAX_POINTS = 10_000_000_000; // 10^10
/** Ceiling of any stored points balance; far below 2^53 ≈ 9.007 × 10^15. */
export const MAX_BALANCE = 1_000_000_000_000_000; // 10^15

function integerScalar(
  name: string,
  min: number,
  max: number,
  what: string,
  description: string,
): GraphQLScalarType<number, number> {
  const refuse = (): never => {
    throw new InputError(
      `${name} must be a whole number of ${what} from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`,
    );
  };
  const check = (value: unknown): number => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) return refuse();
    return value;
  };
  return new GraphQLScalarType<number, number>({
    name,
    description,
    serialize: (value) => check(typeof value === 'bigint' || typeof value === 'string' ? Number(value) : value),
    parseValue: check,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.INT) return refuse();
      // Literal digits may be longer than any double: compare exactly.
      const big = BigInt(ast.value);
      if (big < BigInt(min) || big > BigInt(max)) return refuse();
      return Number(big);
    },
  });
}

export const FenAmount = integerScalar(
  'FenAmount',
  0,
  MAX_FEN,
  'fen',
  'An amount of money in fen (CNY cents), 0 to 10^12 (10 billion CNY).',
);
export const PointsAmount = integerScalar(
  'PointsAmount',
  0,
  MAX_POINTS,
  'points',
  'A number of points for one operation, 0 to 10^10.',
);
export const PointsChange = integerScalar(
  'PointsChange',
  -MAX_POINTS,
  MAX_POINTS,
  'points',
  'A signed change of points, −10^10 to 10^10.',
);

export interface TextRule {
  /** Most characters (UTF-16 code units, as JavaScript counts them). */
  max: number;
  /** Allows line breaks (\n) and tabs (\t); every other control character is still refused. */
  multiline?: boolean;
  /** For a list field: most elements (default `DEFAULT_MAX_ITEMS`). */
  maxItems?: number;
}

/** Any list a client sends: the biggest bulk call (1,000 rows) fits. */
export const DEFAULT_MAX_ITEMS = 1000;

/** Any String input that declares nothing else: one line, short. */
export const DEFAULT_TEXT: TextRule = { max: 200 };
/** ID inputs: our ids are numbers or short keys. */
export const ID_TEXT: TextRule = { max: 100 };

const declared = new Map<Function, Map<string, TextRule>>();

/** Declares the limit of a String input field (or of each element of a [String] field). */
export function Text(rule: TextRule): PropertyDecorator {
  return (target, key) => {
    const ctor = (target as { constructor: Function }).constructor;
    if (!declared.has(ctor)) declared.set(ctor, new Map());
    declared.get(ctor)!.set(String(key), rule);
  };
}

let byTypeName: Map<string, Map<string, TextRule>> | null = null;
let byArgName: Map<string, TextRule> | null = null;

/** Rules declared on `@ArgsType` classes (e.g. PageArgs.after), by argument name. */
function rulesByArgName(): Map<string, TextRule> {
  if (byArgName) return byArgName;
  const map = new Map<string, TextRule>();
  for (const args of getMetadataStorage().argumentTypes)
    for (const [name, rule] of declared.get(args.target) ?? []) map.set(name, rule);
  byArgName = map;
  return map;
}

/** Rules by GraphQL input type name (type-graphql may name a type apart from its class). */
function rulesByTypeName(): Map<string, Map<string, TextRule>> {
  if (byTypeName) return byTypeName;
  const map = new Map<string, Map<string, TextRule>>();
  for (const input of getMetadataStorage().inputTypes) {
    // An input class inherits its parent's fields, and their rules.
    const rules = new Map<string, TextRule>();
    const chain: Function[] = [];
    for (
      let c: Function | null = input.target;
      c && c !== Function.prototype;
      c = Object.getPrototypeOf(c) as Function | null
    )
      chain.unshift(c);
    for (const c of chain) for (const [field, rule] of declared.get(c) ?? []) rules.set(field, rule);
    if (rules.size) map.set(input.name, rules);
  }
  byTypeName = map;
  return map;
}

// Control characters are exactly what these refuse.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B-\u001F\u007F]/;

function checkText(value: string, rule: TextRule, path: string, problems: FieldProblem[]): void {
  if (value.length > rule.max) {
    problems.push({ field: path, message: `is too long: at most ${rule.max} characters (got ${value.length})` });
  } else if ((rule.multiline ? CONTROL_BUT_LINES : CONTROL).test(value)) {
    problems.push({
      field: path,
      message: rule.multiline
        ? 'may not contain control characters (line breaks and tabs are allowed)'
        : 'may not contain control characters or line breaks',
    });
  }
}

function walk(
  value: unknown,
  type: GraphQLInputType,
  path: string,
  rule: TextRule | undefined,
  problems: FieldProblem[],
  capLists: boolean,
): void {
  if (value === null || value === undefined || problems.length >= 20) return;
  if (type instanceof GraphQLNonNull) return walk(value, type.ofType, path, rule, problems, capLists);
  if (type instanceof GraphQLList) {
    if (!Array.isArray(value)) return walk(value, type.ofType, path, rule, problems, capLists);
    const maxItems = rule?.maxItems ?? DEFAULT_MAX_ITEMS;
    if (capLists && value.length > maxItems) {
      problems.push({
        field: path,
        message: `has too many items: at most ${maxItems} (got ${value.length}); split the request`,
      });
      return;
    }
    value.forEach((v, i) => walk(v, type.ofType, `${path}[${i}]`, rule, problems, capLists));
    return;
  }
  if (type instanceof GraphQLInputObjectType) {
    const rules = rulesByTypeName().get(type.name);
    for (const [name, field] of Object.entries(type.getFields())) {
      walk(
        (value as Record<string, unknown>)[name],
        field.type,
        `${path}.${name}`,
        rules?.get(name),
        problems,
        capLists,
      );
    }
    return;
  }
  if (typeof value !== 'string') return;
  if (type === GraphQLString || type.name === 'String') checkText(value, rule ?? DEFAULT_TEXT, path, problems);
  else if (type === GraphQLID || type.name === 'ID') checkText(value, rule ?? ID_TEXT, path, problems);
}

const checked = new WeakSet<object>();

/**
 * type-graphql's `validateFn`: runs once per resolver call (for its first argument) and checks all
 * of the field's arguments against the schema, so the message can name the path.
 */
export function validateInputs(
  _value: unknown,
  _type: unknown,
  data: { args: Record<string, unknown>; info: GraphQLResolveInfo; context?: { principal?: { role?: string } } },
): void {
  if (checked.has(data.args)) return;
  checked.add(data.args);
  const field = data.info.parentType.getFields()[data.info.fieldName];
  if (!field) return;
  const problems: FieldProblem[] = [];
  const capLists = data.context?.principal?.role !== 'SERVICE';
  for (const arg of field.args)
    walk(data.args[arg.name], arg.type, arg.name, rulesByArgName().get(arg.name), problems, capLists);
  if (problems.length) {
    throw badInput(
      `Invalid input: ${problems
        .slice(0, 5)
        .map((p) => `${p.field} ${p.message}`)
        .join('; ')}.`,
      problems,
    );
  }
}
