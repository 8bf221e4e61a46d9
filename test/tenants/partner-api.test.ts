/** The partner API banks' core systems use: bulk customer upserts keyed on the bank's reference. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { Customer, CustomerTag } from '../../subgraphs/tenants/entities/customer';
import { CustomerSegment, Segment } from '../../subgraphs/tenants/entities/segment';

const app1 = { role: 'PARTNER_APP' as const, sub: 'partner-app:1', bankId: '1', partnerAppId: '1' };
const app2 = { role: 'PARTNER_APP' as const, sub: 'partner-app:2', bankId: '2', partnerAppId: '2' };
const operator1 = { role: 'BANK_OPERATOR' as const, sub: 'op-1', bankId: '1' };
const admin1 = { role: 'BANK_ADMIN' as const, sub: 'admin-1', bankId: '1' };
const UPSERT =
  'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { created updated customers { index created customer { id externalRef city assetBand tags } } } }';

const rows = (n: number, extra: (i: number) => Record<string, unknown> = () => ({})) =>
  Array.from({ length: n }, (_, i) => ({
    externalRef: `CORE-${String(i).padStart(5, '0')}`,
    gender: i % 2 ? 'MALE' : 'FEMALE',
    birthYear: 1970 + (i % 40),
    city: i % 3 === 0 ? '杭州' : '上海',
    assetBand: i % 10,
    ...extra(i),
  }));

describe('partner API: bulk customer upsert', () => {
  let sys: TestSystem;
  let richHangzhou: number;
  before(async () => {
    sys = await startTestSystem();
    const em = (await sys.orm('tenants')).em.fork();
    richHangzhou = (await em.findOneOrFail(Segment, { bankId: 1, name: '杭州高净值客户' })).id; // 杭州 and asset band ≥ 3
  });
  after(async () => {
    await sys?.stop();
  });

  it('upserts 1,000 customers in one call, idempotently, with segment membership following', async () => {
    const first = await sys.gql(app1, UPSERT, { i: { customers: rows(1000) } });
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    assert.deepEqual([first.data!.upsertCustomers.created, first.data!.upsertCustomers.updated], [1000, 0]);
    const em = (await sys.orm('tenants')).em.fork();
    assert.equal(await em.count(Customer, { bankId: 1, externalRef: { $like: 'CORE-%' } }), 1000);
    const expectedMembers = rows(1000).filter((r) => r.city === '杭州' && (r.assetBand as number) >= 3).length;
    const coreIds = (await em.find(Customer, { bankId: 1, externalRef: { $like: 'CORE-%' } })).map((c) => c.id);
    assert.equal(
      await em.count(CustomerSegment, { segmentId: richHangzhou, customerId: { $in: coreIds } }),
      expectedMembers,
    );

    const again = await sys.gql(app1, UPSERT, { i: { customers: rows(1000) } });
    assert.deepEqual([again.data!.upsertCustomers.created, again.data!.upsertCustomers.updated], [0, 1000]);
    assert.deepEqual(
      again.data!.upsertCustomers.customers.map((c: any) => c.customer.id),
      first.data!.upsertCustomers.customers.map((c: any) => c.customer.id),
    );
    assert.equal(await em.fork().count(Customer, { bankId: 1, externalRef: { $like: 'CORE-%' } }), 1000);
    assert.equal(
      await em.fork().count(CustomerSegment, { segmentId: richHangzhou, customerId: { $in: coreIds } }),
      expectedMembers,
    );
  });

  it('two identical batches of 500 new customers sent at once both succeed and create each customer once', async () => {
    const batch = Array.from({ length: 500 }, (_, i) => ({
      externalRef: `TWIN-${String(i).padStart(4, '0')}`,
      city: i % 2 ? '杭州' : '上海',
      assetBand: i % 10,
      tags: i % 5 === 0 ? ['车主'] : [],
    }));
    const [a, b] = await Promise.all([
      sys.gql(app1, UPSERT, { i: { customers: batch } }),
      sys.gql(app1, UPSERT, { i: { customers: batch } }),
    ]);
    assert.equal(a.errors, undefined, JSON.stringify(a.errors));
    assert.equal(b.errors, undefined, JSON.stringify(b.errors));
    // One call created them, the other found them and updated them (nothing counted twice).
    assert.deepEqual([a.data!.upsertCustomers, b.data!.upsertCustomers].map((p) => [p.created, p.updated]).sort(), [
      [0, 500],
      [500, 0],
    ]);
    const ids = (r: typeof a) => r.data!.upsertCustomers.customers.map((c: any) => c.customer.id);
    assert.deepEqual(ids(a), ids(b));
    const em = (await sys.orm('tenants')).em.fork();
    const stored = await em.find(Customer, { bankId: 1, externalRef: { $like: 'TWIN-%' } });
    assert.equal(stored.length, 500);
    const storedIds = stored.map((c) => c.id);
    const carOwners = (await em.findOneOrFail(Segment, { bankId: 1, name: '车主' })).id;
    const members = async (segmentId: number) =>
      (await em.fork().find(CustomerSegment, { segmentId, customerId: { $in: storedIds } })).length;
    assert.equal(await members(richHangzhou), batch.filter((r) => r.city === '杭州' && r.assetBand >= 3).length);
    assert.equal(await members(carOwners), 100);
    assert.equal(await em.fork().count(CustomerTag, { customerId: { $in: storedIds } }), 100);
  });

  it('updates only the attributes given; tags replace; membership moves with the attributes', async () => {
    const res = await sys.gql(app1, UPSERT, {
      i: { customers: [{ externalRef: 'CORE-00001', city: '杭州', tags: ['车主', '新客'] }] },
    });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const c = res.data!.upsertCustomers.customers[0].customer;
    assert.deepEqual([c.city, c.assetBand, c.tags], ['杭州', 1, ['新客', '车主']]); // asset band 1 kept from before
    const em = (await sys.orm('tenants')).em.fork();
    const segs = async () =>
      (await em.fork().find(CustomerSegment, { customerId: Number(c.id) })).map((s) => s.segmentId).sort();
    const carOwners = (await em.findOneOrFail(Segment, { bankId: 1, name: '车主' })).id;
    assert.deepEqual(await segs(), [carOwners]);
    await sys.gql(app1, UPSERT, { i: { customers: [{ externalRef: 'CORE-00001', assetBand: 5, tags: [] }] } });
    assert.deepEqual(await segs(), [richHangzhou]);
    assert.equal(await em.fork().count(CustomerTag, { customerId: Number(c.id) }), 0);
    // Staff see the memberships on the customer; the partner app does not.
    const asStaff = await sys.gql(admin1, 'query($id: ID!) { customer(id: $id) { segments { name } } }', { id: c.id });
    assert.deepEqual(asStaff.data!.customer.segments, [{ name: '杭州高净值客户' }]);
    const asApp = await sys.gql(app1, 'query($id: ID!) { customer(id: $id) { segments { name } } }', { id: c.id });
    assert.equal(asApp.data!.customer.segments, null);
  });

  it('rejects a batch with bad rows by index and field, writing nothing', async () => {
    const res = await sys.gql(app1, UPSERT, {
      i: {
        customers: [
          { externalRef: 'NEW-OK' },
          { externalRef: 'bad ref' },
          { externalRef: 'NEW-OK' },
          { externalRef: 'NEW-3', birthYear: 1850, assetBand: 11 },
        ],
      },
    });
    assert.equal(errorCode(res), 'BAD_USER_INPUT');
    const problems = res.errors![0]!.extensions!.problems as { index: number; field: string }[];
    assert.deepEqual(
      problems.map((p) => `${p.index}:${p.field}`),
      ['1:externalRef', '2:externalRef', '3:birthYear', '3:assetBand'],
    );
    const em = (await sys.orm('tenants')).em.fork();
    assert.equal(await em.count(Customer, { externalRef: { $in: ['NEW-OK', 'NEW-3'] } }), 0);
    const tooMany = await sys.gql(app1, UPSERT, { i: { customers: rows(1001) } });
    assert.equal(errorCode(tooMany), 'BAD_USER_INPUT');
  });

  it("keeps each partner app to its own bank's customers, and bank operators out", async () => {
    // The same reference at bank 2 is a different customer; bank 1's stays as it was.
    const res = await sys.gql(app2, UPSERT, { i: { customers: [{ externalRef: 'CORE-00002', city: '北京' }] } });
    assert.deepEqual(
      [res.data!.upsertCustomers.created, res.data!.upsertCustomers.customers[0].customer.city],
      [1, '北京'],
    );
    const em = (await sys.orm('tenants')).em.fork();
    assert.equal((await em.findOneOrFail(Customer, { bankId: 1, externalRef: 'CORE-00002' })).city, '上海');
    assert.equal(
      errorCode(
        await sys.gql(app2, UPSERT, { i: { bankId: '1', customers: [{ externalRef: 'CORE-00002', city: '北京' }] } }),
      ),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(operator1, UPSERT, { i: { customers: [{ externalRef: 'X-1' }] } })),
      'FORBIDDEN',
    );
    const bank1Customer = await em.findOneOrFail(Customer, { bankId: 1, externalRef: 'CORE-00002' });
    assert.equal(
      errorCode(await sys.gql(app2, 'query($id: ID!) { customer(id: $id) { id } }', { id: String(bank1Customer.id) })),
      'NOT_FOUND',
    );
  });

  it('lets a customer token be issued for an upserted customer through the gateway', async () => {
    const tokenRes = await fetch(`${sys.stack.urls.gateway}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'demo-ljrcb-app',
        client_secret: 'demo-secret-1-change-me',
      }),
    });
    const appToken = ((await tokenRes.json()) as { access_token: string }).access_token;
    const exchange = await fetch(`${sys.stack.urls.gateway}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: appToken,
        customer_ref: 'CORE-00003',
      }),
    });
    assert.equal(exchange.status, 200);
    const customerToken = ((await exchange.json()) as { access_token: string }).access_token;
    const me = await sys.gql(customerToken, '{ customer { externalRef tier { name } } }');
    assert.deepEqual(me.data!.customer, { externalRef: 'CORE-00003', tier: null });
  });
});
