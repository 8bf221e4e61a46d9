import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { Sku } from '../../subgraphs/catalog/entities/sku';
import { Listing } from '../../subgraphs/tenants/entities/listing';
import { Brand } from '../../subgraphs/catalog/entities/brand';

const bankAdmin1 = { role: 'BANK_ADMIN' as const, sub: 'u1', bankId: '1' };

const MALL_QUERY = `query($first: Int) {
  mall(id: 1) {
    name
    listings(first: $first) {
      edges { node { id pricePoints sku { id title brand { name } stock { available } supplier { name } } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

describe('federated queries through the gateway', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  it('joins tenants listings with catalog SKUs, brands, stock and suppliers, matching each database', async () => {
    const res = await sys.gql(bankAdmin1, MALL_QUERY, { first: 10 });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const edges = res.data!.mall.listings.edges as { node: any }[];
    assert.equal(edges.length, 10);
    const tenantsEm = (await sys.orm('tenants')).em.fork();
    const catalogEm = (await sys.orm('catalog')).em.fork();
    for (const { node } of edges) {
      const listing = await tenantsEm.findOneOrFail(Listing, Number(node.id));
      assert.equal(String(listing.skuId), node.sku.id);
      assert.equal(listing.pricePoints, node.pricePoints);
      const sku = await catalogEm.findOneOrFail(Sku, listing.skuId);
      assert.equal(node.sku.title, sku.title);
      const brand = await catalogEm.findOneOrFail(Brand, sku.brandId);
      assert.equal(node.sku.brand.name, brand.name);
    }
  });

  it('pages with stable cursors: two pages of 5 equal the first 10', async () => {
    const ten = await sys.gql(bankAdmin1, MALL_QUERY, { first: 10 });
    const page1 = await sys.gql(bankAdmin1, MALL_QUERY, { first: 5 });
    const cursor = page1.data!.mall.listings.pageInfo.endCursor;
    const page2 = await sys.gql(
      bankAdmin1,
      MALL_QUERY.replace('listings(first: $first)', 'listings(first: $first, after: $after)').replace(
        'query($first: Int)',
        'query($first: Int, $after: String)',
      ),
      { first: 5, after: cursor },
    );
    const ids = (r: any) => r.data.mall.listings.edges.map((e: any) => e.node.id);
    assert.deepEqual([...ids(page1), ...ids(page2)], ids(ten));
  });

  it('runs the same number of SQL statements per subgraph for a page of 5 and a page of 50', async () => {
    const counts: Record<number, Record<string, number>> = {};
    for (const first of [5, 50]) {
      const requestId = randomUUID();
      const res = await sys.gql(bankAdmin1, MALL_QUERY, { first }, { requestId });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.equal(res.data!.mall.listings.edges.length, first);
      counts[first] = {
        tenants: await sys.statements('tenants', requestId),
        catalog: await sys.statements('catalog', requestId),
      };
    }
    // Bounded and independent of page size: mall + listings in tenants; in catalog the SKUs with their
    // brand, stock and supplier in one statement (core/loaders.ts plainRowsWith).
    assert.deepEqual(counts[5], counts[50]);
    assert.ok(counts[50]!.tenants >= 1 && counts[50]!.tenants <= 3, `tenants ran ${counts[50]!.tenants}`);
    assert.equal(counts[50]!.catalog, 1, `catalog ran ${counts[50]!.catalog}`);
  });

  it('resolves 50 Sku references from _entities in one SQL statement', async () => {
    const token = await sys.identityToken({ role: 'PLATFORM_ADMIN', sub: 'p' }, 'catalog');
    const requestId = randomUUID();
    const representations = Array.from({ length: 50 }, (_, i) => ({ __typename: 'Sku', id: String((i % 25) + 1) }));
    const res = await sys.subgraphRaw(
      'catalog',
      {
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Sku { id title } } }',
        variables: { r: representations },
      },
      { 'x-perkmall-identity': token, 'x-request-id': requestId },
    );
    assert.equal(res.status, 200);
    const entities = res.body.data!._entities as { id: string }[];
    assert.equal(entities.length, 50);
    assert.deepEqual(
      entities.map((e) => e.id),
      representations.map((r) => r.id),
    );
    assert.equal(await sys.statements('catalog', requestId), 1);
  });

  it("hides another bank's mall as NOT_FOUND and refuses a request without a token", async () => {
    const other = await sys.gql({ role: 'BANK_OPERATOR', sub: 'u2', bankId: '2' }, MALL_QUERY, { first: 1 });
    assert.equal(errorCode(other), 'NOT_FOUND');
    const anonymous = await sys.gql(null, MALL_QUERY, { first: 1 });
    assert.equal(errorCode(anonymous), 'UNAUTHENTICATED');
  });

  it('rejects a bad page size with BAD_USER_INPUT and a malformed cursor likewise', async () => {
    assert.equal(errorCode(await sys.gql(bankAdmin1, MALL_QUERY, { first: 0 })), 'BAD_USER_INPUT');
    const bad = await sys.gql(bankAdmin1, '{ mall(id: 1) { listings(after: "nope") { edges { cursor } } } }');
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    assert.doesNotMatch(JSON.stringify(bad), /stack|select|SQL/i);
  });
});
