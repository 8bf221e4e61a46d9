/**
 * Each subgraph protects itself against a caller holding a valid identity token (issue 11): it caps
 * `_entities` representations per request, the size of its answer and the depth of a document,
 * whatever the gateway would have let through.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IDENTITY_HEADER } from '../../core/identity';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { customer, platform } from '../principals';

const MAX_REPRESENTATIONS = 300;
const MAX_RESPONSE_BYTES = 20_000;

describe('subgraphs protect themselves', () => {
  let sys: TestSystem;
  before(async () => {
    // Small limits for this file's processes, so the test need not send or receive megabytes.
    process.env.PERKMALL_SUBGRAPH_MAX_REPRESENTATIONS = String(MAX_REPRESENTATIONS);
    process.env.PERKMALL_SUBGRAPH_MAX_RESPONSE_BYTES = String(MAX_RESPONSE_BYTES);
    sys = await startTestSystem();
  });
  after(async () => {
    delete process.env.PERKMALL_SUBGRAPH_MAX_REPRESENTATIONS;
    delete process.env.PERKMALL_SUBGRAPH_MAX_RESPONSE_BYTES;
    await sys?.stop();
  });

  const asPlatform = async (name: 'catalog' | 'orders') => ({
    [IDENTITY_HEADER]: await sys.identityToken(platform, name),
  });
  const skus = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Sku', id: String((i % 50) + 1) }));
  const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Sku { id } } }';

  it(`_entities with more than ${MAX_REPRESENTATIONS} representations is refused before resolving any`, async () => {
    const ok = await sys.subgraphRaw(
      'catalog',
      { query: ENTITIES, variables: { r: skus(MAX_REPRESENTATIONS) } },
      await asPlatform('catalog'),
    );
    assert.equal(ok.body.errors, undefined, JSON.stringify(ok.body.errors));
    assert.equal(ok.body.data!._entities.length, MAX_REPRESENTATIONS);

    const requestId = `reps-${Date.now()}`;
    const tooMany = await sys.subgraphRaw(
      'catalog',
      { query: ENTITIES, variables: { r: skus(MAX_REPRESENTATIONS + 1) } },
      { ...(await asPlatform('catalog')), 'x-request-id': requestId },
    );
    // Subgraphs answer GraphQL errors with 200 so the gateway passes their codes on (core/http.ts).
    assert.equal(tooMany.status, 200);
    assert.equal(tooMany.body.data, undefined);
    assert.equal(errorCode(tooMany.body), 'BAD_USER_INPUT');
    assert.equal(tooMany.body.errors![0]!.extensions!.limit, 'representations');
    assert.equal(await sys.statements('catalog', requestId), 0);
  });

  it('representations written inline, or split over aliased _entities fields and fragments, count the same', async () => {
    const inline = JSON.stringify(skus(MAX_REPRESENTATIONS + 1)).replace(/"(__typename|id)":/g, '$1:');
    const r1 = await sys.subgraphRaw(
      'catalog',
      { query: `{ _entities(representations: ${inline}) { ... on Sku { id } } }` },
      await asPlatform('catalog'),
    );
    assert.equal(errorCode(r1.body), 'BAD_USER_INPUT');
    const half = Math.ceil((MAX_REPRESENTATIONS + 1) / 2);
    const split = `query($a: [_Any!]!, $b: [_Any!]!) { x: _entities(representations: $a) { ... on Sku { id } } ...F }
      fragment F on Query { y: _entities(representations: $b) { ... on Sku { id } } }`;
    const r2 = await sys.subgraphRaw(
      'catalog',
      { query: split, variables: { a: skus(half), b: skus(half) } },
      await asPlatform('catalog'),
    );
    assert.equal(errorCode(r2.body), 'BAD_USER_INPUT');
    assert.equal(r2.body.errors![0]!.extensions!.limit, 'representations');
  });

  it(`an answer over ${MAX_RESPONSE_BYTES} bytes is replaced by a BAD_USER_INPUT error`, async () => {
    const big = await sys.subgraphRaw(
      'catalog',
      {
        query:
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Sku { id title code specs { name value } } } }',
        variables: { r: skus(MAX_REPRESENTATIONS) },
      },
      await asPlatform('catalog'),
    );
    assert.equal(big.body.data, null);
    assert.equal(errorCode(big.body), 'BAD_USER_INPUT');
    assert.equal(big.body.errors![0]!.extensions!.limit, 'responseBytes');
    assert.match(big.body.errors![0]!.message, new RegExp(`larger than ${MAX_RESPONSE_BYTES} bytes`));
  });

  it('a 40-level cyclic document sent straight to orders with a customer identity token is refused by depth', async () => {
    let inner = 'id';
    for (let level = 40; level > 1; level--)
      inner = level % 2 === 0 ? `supplierOrders { id ${inner} }` : `order { id ${inner} }`;
    // The fastest of three tries is what a refusal costs (the others add whatever else the machine was doing).
    const tries: number[] = [];
    let r!: Awaited<ReturnType<typeof sys.subgraphRaw>>;
    for (let i = 0; i < 3; i++) {
      const headers = { [IDENTITY_HEADER]: await sys.identityToken(customer(1, 1), 'orders') };
      const t0 = performance.now();
      r = await sys.subgraphRaw('orders', { query: `{ order(id: "1") { id ${inner} } }` }, headers);
      tries.push(performance.now() - t0);
    }
    assert.equal(r.status, 200);
    assert.equal(r.body.data, undefined);
    assert.equal(errorCode(r.body), 'BAD_USER_INPUT');
    assert.equal(r.body.errors![0]!.extensions!.limit, 'depth');
    assert.ok(Math.min(...tries) < 200, `refusals took ${tries.map((t) => t.toFixed(1)).join(', ')} ms`);
  });

  it('a subgraph answers 401 to a big body without an identity token', async () => {
    const r = await fetch(`${sys.stack.urls.catalog}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    assert.equal(r.status, 401);
    assert.equal(((await r.json()) as any).errors[0].extensions.code, 'UNAUTHENTICATED');
  });
});
