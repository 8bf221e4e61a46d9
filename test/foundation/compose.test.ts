import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { apiSchemaOf, composeSupergraph } from '../../scripts/supergraph';
import { SUPERGRAPH_PATH } from '../../gateway/server';
import path from 'node:path';
import { API_SCHEMA_PATH, composedFiles, subgraphSchemaPath } from '../../scripts/compose';
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

  it('matches the committed codegen/subgraphs schemas service operations are checked against', async () => {
    const files = new Map(await composedFiles());
    for (const name of SUBGRAPH_NAMES) {
      const file = subgraphSchemaPath(name);
      assert.ok(files.has(file), `${name} schema is written by compose`);
      assert.ok(fs.existsSync(file), `${path.relative(process.cwd(), file)} is committed`);
      assert.equal(
        fs.readFileSync(file, 'utf8'),
        files.get(file),
        `codegen/subgraphs/${name}.graphql is stale: run \`npm run compose\``,
      );
    }
    // They hold what only services may call, which the public schema leaves out.
    assert.match(fs.readFileSync(subgraphSchemaPath('tenants'), 'utf8'), /authenticatePartnerApp\(/);
    assert.match(fs.readFileSync(subgraphSchemaPath('catalog'), 'utf8'), /curationSkusByIds\(/);
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
