/**
 * Partner endpoints (logistics): who may configure and read a supplier's delivery API, input rules,
 * the shared secret shown once and kept sealed, rotation with an overlap for callbacks, and what the
 * delivery job reads (`configFor`).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { errorCode, ok, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, platform, supplierAdmin, supplierStaff } from '../principals';
import { PartnerEndpoint } from '../../subgraphs/logistics/entities/partner-endpoint';
import { PartnerEndpointService } from '../../subgraphs/logistics/services/partner-endpoint.service';
import { signedHeaders } from '../../subgraphs/logistics/services/partner-delivery/signing';
import { DEMO_PARTNER_ENDPOINT } from '../../scripts/seed/demo-plan';

const CONFIGURE = `mutation($i: ConfigurePartnerEndpointInput!) { configurePartnerEndpoint(input: $i) {
  secret partnerEndpoint { id adapter baseUrl timeoutMs enabled secretSet callbackUrl supplier { id } } } }`;
const ROTATE = `mutation($i: RotatePartnerEndpointSecretInput!) { rotatePartnerEndpointSecret(input: $i) {
  secret partnerEndpoint { id secretSet previousSecretUntil } } }`;
const READ = `query($s: ID) { partnerEndpoint(supplierId: $s) { id baseUrl timeoutMs enabled secretSet supplier { id } } }`;

describe('partner endpoints', () => {
  let sys: TestSystem;
  let secret: string;
  const rows = async () => (await sys.orm('logistics')).em.fork().find(PartnerEndpoint, {}, { orderBy: { id: 'asc' } });
  const service = async () => new PartnerEndpointService((await sys.orm('logistics')).em.fork() as SqlEntityManager);
  const callback = async (supplierId: number, withSecret: string) => {
    const body = JSON.stringify({ idempotencyKey: 'pm-5-0', status: 'FAILED', reason: 'test' });
    const r = await fetch(`${sys.stack.urls.gateway}/partners/${supplierId}/callbacks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedHeaders(withSecret, body) },
      body,
    });
    await r.arrayBuffer();
    return r.status;
  };

  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  it('a supplier admin configures its endpoint; the generated secret is returned once and stored sealed', async () => {
    const created = ok(
      await sys.gql(supplierAdmin(1), CONFIGURE, { i: { baseUrl: 'https://api.partner.example/perkmall/' } }),
      'configurePartnerEndpoint',
    );
    secret = created.secret;
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(
      { ...created.partnerEndpoint, id: undefined },
      {
        id: undefined,
        adapter: 'signed-http',
        baseUrl: 'https://api.partner.example/perkmall',
        timeoutMs: 5000,
        enabled: true,
        secretSet: true,
        callbackUrl: `${sys.stack.urls.gateway}/partners/1/callbacks`,
        supplier: { id: '1' },
      },
    );
    const stored = (await rows()).find((r) => r.supplierId === 1)!;
    assert.match(stored.secretSealed, /^v1\./);
    assert.ok(!stored.secretSealed.includes(secret));
    // What the delivery job reads: the same secret, unsealed.
    assert.deepEqual(await (await service()).configFor(1), {
      supplierId: 1,
      adapter: 'signed-http',
      baseUrl: 'https://api.partner.example/perkmall',
      secret,
      timeoutMs: 5000,
    });
  });

  it('the secret is never returned again: changes answer secret null, and no field of the type holds it', async () => {
    const changed = ok(
      await sys.gql(supplierAdmin(1), CONFIGURE, { i: { timeoutMs: 12000, enabled: false } }),
      'configurePartnerEndpoint',
    );
    assert.equal(changed.secret, null);
    assert.equal(changed.partnerEndpoint.baseUrl, 'https://api.partner.example/perkmall');
    assert.equal(changed.partnerEndpoint.timeoutMs, 12000);
    const type = await sys.gql(platform, '{ __type(name: "PartnerEndpoint") { fields { name } } }');
    const fields = (type.data!.__type as { fields: { name: string }[] }).fields.map((f) => f.name);
    assert.ok(fields.includes('secretSet'));
    assert.deepEqual(
      fields.filter((f) => /secret/i.test(f)),
      ['previousSecretUntil', 'secretSet'].filter((f) => fields.includes(f)),
    );
    // Switched off: the delivery job gets nothing to call, but callbacks for earlier requests still count.
    assert.equal(await (await service()).configFor(1), null);
    assert.equal(await callback(1, secret), 200);
    ok(
      await sys.gql(supplierAdmin(1), CONFIGURE, { i: { enabled: true, timeoutMs: 5000 } }),
      'configurePartnerEndpoint',
    );
  });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const before = await rows();
    const cases: [Record<string, unknown>, string][] = [
      [{ supplierId: null, baseUrl: 'ftp://partner.example' }, 'baseUrl'],
      [{ baseUrl: `https://partner.example/${'a'.repeat(490)}` }, 'baseUrl'],
      [{ baseUrl: 'https://user:pw@partner.example' }, 'baseUrl'],
      [{ baseUrl: 'not a url' }, 'baseUrl'],
      [{ timeoutMs: 100 }, 'timeoutMs'],
      [{ timeoutMs: 30001 }, 'timeoutMs'],
      [{ adapter: 'carrier-pigeon' }, 'adapter'],
    ];
    for (const [input, field] of cases) {
      const r = await sys.gql(supplierAdmin(1), CONFIGURE, { i: input });
      assert.equal(errorCode(r), 'BAD_USER_INPUT', JSON.stringify(input));
      const problems = r.errors![0]!.extensions!.problems as { field: string }[] | undefined;
      assert.ok(
        problems?.some((p) => p.field === field) || r.errors![0]!.message.includes(field),
        `${JSON.stringify(input)}: ${JSON.stringify(r.errors)}`,
      );
    }
    // A supplier without an endpoint must give its base URL the first time.
    const first = await sys.gql(supplierAdmin(3), CONFIGURE, { i: { timeoutMs: 2000 } });
    assert.equal(errorCode(first), 'BAD_USER_INPUT');
    assert.match(first.errors![0]!.message, /baseUrl is required/);
    assert.deepEqual(await rows(), before);
  });

  it("only that supplier and the platform see an endpoint; another supplier's is NOT_FOUND", async () => {
    assert.equal(ok(await sys.gql(supplierAdmin(1), READ, {}), 'partnerEndpoint').supplier.id, '1');
    assert.equal(ok(await sys.gql(supplierStaff(1), READ, {}), 'partnerEndpoint').secretSet, true);
    assert.equal(ok(await sys.gql(platform, READ, { s: '1' }), 'partnerEndpoint').supplier.id, '1');
    // Supplier 3 has none configured: null for itself, NOT_FOUND when it names supplier 1.
    assert.equal(ok(await sys.gql(supplierAdmin(3), READ, {}), 'partnerEndpoint'), null);
    assert.equal(errorCode(await sys.gql(supplierAdmin(3), READ, { s: '1' })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankAdmin(1), READ, { s: '1' })), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(platform, READ, {})), 'BAD_USER_INPUT');
  });

  it("only the supplier's admin or the platform configures it; another supplier naming it gets NOT_FOUND", async () => {
    const before = await rows();
    const tries: [Parameters<TestSystem['gql']>[0], Record<string, unknown>, string][] = [
      [supplierStaff(1), { baseUrl: 'https://evil.example' }, 'FORBIDDEN'],
      [bankAdmin(1), { supplierId: '1', baseUrl: 'https://evil.example' }, 'FORBIDDEN'],
      [supplierAdmin(3), { supplierId: '1', baseUrl: 'https://evil.example' }, 'NOT_FOUND'],
      [platform, { baseUrl: 'https://evil.example' }, 'BAD_USER_INPUT'],
    ];
    for (const [as, input, code] of tries) {
      assert.equal(errorCode(await sys.gql(as, CONFIGURE, { i: input })), code, JSON.stringify(input));
      assert.equal(errorCode(await sys.gql(as, ROTATE, { i: { supplierId: input.supplierId } })), code);
    }
    assert.deepEqual(await rows(), before);
    // The platform configures any supplier's, and gets the new secret once.
    const made = ok(
      await sys.gql(platform, CONFIGURE, { i: { supplierId: '3', baseUrl: 'http://127.0.0.1:9/partner' } }),
      'configurePartnerEndpoint',
    );
    assert.equal(made.partnerEndpoint.supplier.id, '3');
    assert.match(made.secret, /^[A-Za-z0-9_-]{43}$/);
  });

  it('rotation returns a new secret once; callbacks signed with the old one work during the overlap, not after', async () => {
    const rotated = ok(
      await sys.gql(supplierAdmin(1), ROTATE, { i: { overlapHours: 1 } }),
      'rotatePartnerEndpointSecret',
    );
    assert.notEqual(rotated.secret, secret);
    assert.ok(rotated.partnerEndpoint.previousSecretUntil);
    assert.equal((await (await service()).configFor(1))?.secret, rotated.secret);
    assert.equal(await callback(1, rotated.secret), 200);
    assert.equal(await callback(1, secret), 200);
    const leaked = ok(
      await sys.gql(supplierAdmin(1), ROTATE, { i: { overlapHours: 0 } }),
      'rotatePartnerEndpointSecret',
    );
    assert.equal(leaked.partnerEndpoint.previousSecretUntil, null);
    assert.equal(await callback(1, rotated.secret), 401);
    assert.equal(await callback(1, leaked.secret), 200);
    assert.equal(errorCode(await sys.gql(supplierAdmin(1), ROTATE, { i: { overlapHours: 169 } })), 'BAD_USER_INPUT');
  });

  it("the demo seed configured supplier 2's endpoint at the simulator with the dev secret", async () => {
    const config = await (await service()).configFor(DEMO_PARTNER_ENDPOINT.supplierId);
    assert.equal(config?.baseUrl, DEMO_PARTNER_ENDPOINT.baseUrl);
    assert.equal(config?.secret, DEMO_PARTNER_ENDPOINT.secret);
  });
});
