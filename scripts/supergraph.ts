import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { lexicographicSortSchema, parse, printSchema } from 'graphql';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from '../core/config';
import { subgraphSdl } from '../core/subgraph';
import { SUBGRAPHS } from '../subgraphs';

/**
 * Builds every subgraph's schema in-process and composes them. The URLs written into the
 * supergraph are the default local ports; the gateway overrides them from configuration.
 */
export async function composeSupergraph(): Promise<string> {
  const services = [];
  for (const name of SUBGRAPH_NAMES) {
    const sdl = await subgraphSdl(SUBGRAPHS[name]);
    services.push({ name, url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`, typeDefs: parse(sdl) });
  }
  const result = composeServices(services);
  if (result.errors?.length) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl!;
}

/** The public API as clients see it (no federation machinery, no @inaccessible fields). */
export function apiSchemaOf(supergraphSdl: string): string {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return printSchema(lexicographicSortSchema(api));
}
