import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { Supplier } from '../../subgraphs/catalog/entities/supplier';
import { bankOperator, customer, ok, platformAdmin, supplierAdmin } from './helpers';
import { bankAdmin, partnerApp } from '../principals';

const SUPPLIERS = `query($first: Int, $after: String) {
  suppliers(first: $first, after: $after) { edges { cursor node { id code name } } pageInfo { hasNextPage endCursor } } }`;

interface Page {
  suppliers: {
    edges: { node: { id: string; code: string; name: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** The pool's supplier filter needs the suppliers' names: `suppliers`, keyset-paged by name, for those who search the pool. */
describe('catalog: suppliers list for the pool filter', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
    // 40 more suppliers, some sharing a name, so paging by (name, id) is exercised across ties.
    const em = (await sys.orm('catalog')).em.fork();
    for (let i = 0; i < 40; i++)
      em.create(Supplier, {
        code: `LIST-${i}`,
        name: `测试供应商 ${String(i % 15).padStart(2, '0')}`,
        createdAt: new Date(),
      });
    await em.flush();
  });
  after(async () => {
    await sys?.stop();
  });

  it('bank staff and the platform page through every supplier by name then id, each once', async () => {
    const em = (await sys.orm('catalog')).em.fork();
    const all = await em.find(Supplier, {}, { orderBy: { name: 'ASC', id: 'ASC' } });
    assert.ok(all.length >= 43);
    for (const who of [bankOperator, bankAdmin(2), platformAdmin]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Page = ok<Page>(await sys.gql(who, SUPPLIERS, { first: 10, after }));
        seen.push(...page.suppliers.edges.map((e) => e.node.id));
        if (!page.suppliers.pageInfo.hasNextPage) break;
        after = page.suppliers.pageInfo.endCursor;
      }
      assert.deepEqual(
        seen,
        all.map((s) => String(s.id)),
      );
    }
  });

  it('runs the same SQL statements for a page of 5 and of 100', async () => {
    const counts: number[] = [];
    for (const first of [5, 100]) {
      const requestId = randomUUID();
      const page = ok<Page>(await sys.gql(bankOperator, SUPPLIERS, { first }, { requestId }));
      assert.equal(page.suppliers.edges.length, Math.min(first, 43));
      counts.push(await sys.statements('catalog', requestId));
    }
    assert.equal(counts[0], counts[1]);
    assert.ok(counts[1]! <= 1, `ran ${counts[1]}`);
  });

  it('is refused to suppliers, customers and partner apps (FORBIDDEN), and a bad page size is BAD_USER_INPUT', async () => {
    for (const who of [supplierAdmin('1'), customer, partnerApp(1)])
      assert.equal(errorCode(await sys.gql(who, SUPPLIERS, { first: 5 })), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(bankOperator, SUPPLIERS, { first: 0 })), 'BAD_USER_INPUT');
    assert.equal(
      errorCode(await sys.gql(bankOperator, SUPPLIERS, { first: 5, after: 'not-a-cursor' })),
      'BAD_USER_INPUT',
    );
  });
});
