import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { apiSchemaOf, composeSupergraph } from '../../scripts/supergraph';
import { SUPERGRAPH_PATH } from '../../gateway/server';
import { API_SCHEMA_PATH } from '../../scripts/compose';
import { subgraphSdl } from '../../core/subgraph';
import { SUBGRAPHS } from '../../subgraphs';
import { SUBGRAPH_NAMES } from '../../core/config';

describe('supergraph composition', () => {
  it('composes without errors and matches the committed supergraph.graphql and schema.graphql', async () => {
    const supergraph = await composeSupergraph(); // throws on composition errors
    assert.equal(
      fs.readFileSync(SUPERGRAPH_PATH, 'utf8'),
      supergraph,
      'supergraph.graphql is stale: run `npm run compose`',
    );
    assert.equal(
      fs.readFileSync(API_SCHEMA_PATH, 'utf8'),
      apiSchemaOf(supergraph),
      'schema.graphql is stale: run `npm run compose`',
    );
  });

  it('builds every subgraph as a Federation 2 subgraph with keyed entities', async () => {
    for (const name of SUBGRAPH_NAMES) {
      const sdl = await subgraphSdl(SUBGRAPHS[name]);
      assert.match(
        sdl,
        /@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/,
        `${name} links federation v2`,
      );
    }
    assert.match(await subgraphSdl(SUBGRAPHS.catalog), /type Sku @key\(fields: "id"\)/);
  });

  it('keeps internal operations out of the public API schema', () => {
    const api = fs.readFileSync(API_SCHEMA_PATH, 'utf8');
    assert.doesNotMatch(api, /authenticatePartnerApp|customerForPartnerApp/);
    assert.doesNotMatch(api, /join__|@link/);
  });
});
