import { GraphQLError } from 'graphql';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import type { SubgraphName } from '../core/config';

/**
 * While a subgraph is down the gateway still answers what the others serve: the fields of the
 * missing one are null and this error says which service it is — never the connection error or URL.
 * A subgraph that answered (even with an error) is not "unavailable"; its own errors pass on as usual.
 */
export function subgraphUnavailable(
  subgraph: SubgraphName,
  error: Error,
  response?: FetcherResponse,
): GraphQLError | null {
  if (response && ![502, 503, 504].includes(response.status)) return null;
  if (error instanceof GraphQLError && response === undefined && error.extensions?.code) return null;
  return new GraphQLError(
    `The ${subgraph} service is unavailable right now, so the fields it serves are null. Retry shortly.`,
    {
      extensions: { code: 'SERVICE_UNAVAILABLE', service: subgraph },
    },
  );
}
