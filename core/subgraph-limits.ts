/**
 * A subgraph protects itself: it must not trust that only our gateway calls it, and calls it well.
 * Whoever holds a valid identity token (a leaked one, a bug in a sibling) could send a 40-level
 * cycle or a million `_entities` representations straight to it. So every subgraph, before
 * executing, refuses documents deeper than the gateway could ever send (armor's depth rule), and
 * requests with too many `_entities` representations; and it refuses to send an oversized answer.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  Kind,
  type ValidationContext,
  type GraphQLError,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { AppError } from './errors';
import { positiveIntFromEnv } from './config';

export interface SubgraphLimits {
  /** `_entities` representations per request, all `_entities` fields together. */
  representations: number;
  /** Serialized answer size. */
  responseBytes: number;
  /** Request body size (a bulk mutation forwarded by the gateway must fit). */
  bodyBytes: number;
  /** Document depth: the gateway's own limit plus room for `_entities` and the planner's wrappers. */
  depth: number;
  /** Parser tokens: the planner expands a client's document, so this is generous. */
  tokens: number;
}

export function subgraphLimitsFromEnv(): SubgraphLimits {
  return {
    representations: positiveIntFromEnv('PERKMALL_SUBGRAPH_MAX_REPRESENTATIONS', 5_000),
    responseBytes: positiveIntFromEnv('PERKMALL_SUBGRAPH_MAX_RESPONSE_BYTES', 8 * 1024 * 1024),
    bodyBytes: positiveIntFromEnv('PERKMALL_SUBGRAPH_MAX_BODY_BYTES', 8 * 1024 * 1024),
    depth: positiveIntFromEnv('PERKMALL_SUBGRAPH_MAX_DEPTH', positiveIntFromEnv('PERKMALL_LIMIT_DEPTH', 12) + 4),
    tokens: positiveIntFromEnv('PERKMALL_SUBGRAPH_MAX_TOKENS', 50_000),
  };
}

const BAD_REQUEST_HTTP = { status: 400, headers: new Map<string, string>() };

export function subgraphDepthRule(limits: SubgraphLimits): ValidationRule[] {
  const { validationRules } = new ApolloArmor({
    maxDepth: {
      n: limits.depth,
      flattenFragments: true,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [
        (ctx: ValidationContext | null, error: GraphQLError) =>
          ctx?.reportError(
            new AppError('BAD_USER_INPUT', error.message.replace(/^Syntax Error:\s*/, ''), {
              limit: 'depth',
              http: BAD_REQUEST_HTTP,
            }),
          ),
      ],
    },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return validationRules as ValidationRule[];
}

function listLength(value: ValueNode, variables: Record<string, unknown>): number {
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return Array.isArray(given) ? given.length : given === undefined || given === null ? 0 : 1;
  }
  return value.kind === Kind.LIST ? value.values.length : 1;
}

/** Counts `_entities` representations before anything resolves them. */
export function representationCapPlugin(limits: SubgraphLimits): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document }) {
          if (!operation) return;
          const fragments = new Map<string, SelectionSetNode>();
          for (const d of document.definitions)
            if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
          let count = 0;
          // Root fields, through fragments too (each fragment once: it cannot nest a root field twice).
          const seen = new Set<string>();
          const visit = (set: SelectionSetNode) => {
            for (const selection of set.selections) {
              if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
              else if (selection.kind === Kind.FRAGMENT_SPREAD) {
                const fragment = fragments.get(selection.name.value);
                if (fragment && !seen.has(selection.name.value)) {
                  seen.add(selection.name.value);
                  visit(fragment);
                }
              } else if (selection.name.value === '_entities') {
                const arg = selection.arguments?.find((a) => a.name.value === 'representations');
                if (arg) count += listLength(arg.value, request.variables ?? {});
              }
            }
          };
          visit(operation.selectionSet);
          if (count > limits.representations) {
            throw new AppError(
              'BAD_USER_INPUT',
              `Too many entity representations: ${count}, at most ${limits.representations} per request.`,
              {
                limit: 'representations',
                http: BAD_REQUEST_HTTP,
              },
            );
          }
        },
      };
    },
  };
}

/** The error a subgraph answers instead of a body over its size limit. */
export function oversizedResponse(limits: SubgraphLimits): string {
  return JSON.stringify({
    data: null,
    errors: [
      {
        message: `The answer would be larger than ${limits.responseBytes} bytes. Ask for fewer items or fewer nested levels.`,
        extensions: { code: 'BAD_USER_INPUT', limit: 'responseBytes' },
      },
    ],
  });
}
