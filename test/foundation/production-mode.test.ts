/**
 * Production mode at the gateway (issue 11, reproduction 6): with NODE_ENV=production there is no
 * introspection (unless PERKMALL_INTROSPECTION=1 asks for it) and no "Did you mean …" suggestion
 * in any error. Each gateway here is a real extra process in front of the test system's subgraphs,
 * using the same key files (production only refuses to *generate* missing keys).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startGatewayProcess, startSubgraphProcess, type ExtraGateway } from '../gateway-process';
import { IDENTITY_HEADER } from '../../core/identity';
import { errorCode, startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import { bankAdmin } from '../principals';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPE_INTROSPECTION = '{ __type(name: "Query") { name } }';
const MISSPELT_FIELD = '{ bank { nmae } }';
const MISSPELT_ENUM = '{ bankOrders(bankId: "1", status: PAI) { edges { node { id } } } }';
const MISSPELT_ENUM_VARIABLE =
  'query($s: OrderStatus) { bankOrders(bankId: "1", status: $s) { edges { node { id } } } }';

describe('production mode at the gateway', () => {
  let sys: TestSystem;
  let production: ExtraGateway;
  let productionWithIntrospection: ExtraGateway;

  const ask = async (url: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult> => {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await sys.token(bankAdmin(1))}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await r.json()) as GraphQLResult;
  };

  before(async () => {
    sys = await startTestSystem();
    [production, productionWithIntrospection] = await Promise.all([
      startGatewayProcess(sys, { NODE_ENV: 'production' }),
      startGatewayProcess(sys, { NODE_ENV: 'production', PERKMALL_INTROSPECTION: '1' }),
    ]);
  });
  after(async () => {
    await Promise.all([production?.stop(), productionWithIntrospection?.stop()]);
    await sys?.stop();
  });

  it('outside production the gateway introspects and suggests (what production turns off)', async () => {
    const schema = await ask(sys.stack.gatewayUrl, INTROSPECTION);
    assert.equal(schema.data?.__schema.queryType.name, 'Query');
    const misspelt = await ask(sys.stack.gatewayUrl, MISSPELT_FIELD);
    assert.match(misspelt.errors![0]!.message, /Did you mean "name"\?/);
  });

  it('in production, __schema and __type are refused as FORBIDDEN without naming Apollo settings', async () => {
    for (const query of [INTROSPECTION, TYPE_INTROSPECTION]) {
      const r = await ask(production.url, query);
      assert.equal(r.data, undefined);
      assert.equal(errorCode(r), 'FORBIDDEN', JSON.stringify(r));
      assert.match(r.errors![0]!.message, /Introspection is turned off/);
      assert.doesNotMatch(r.errors![0]!.message, /Apollo|introspection: true/);
    }
    // __typename is not introspection.
    const typename = await ask(production.url, '{ __typename }');
    assert.deepEqual(typename.data, { __typename: 'Query' });
  });

  it('in production, no error suggests a field or enum value, in the document or in variables', async () => {
    const field = await ask(production.url, MISSPELT_FIELD);
    assert.equal(errorCode(field), 'GRAPHQL_VALIDATION_FAILED');
    assert.match(field.errors![0]!.message, /Cannot query field "nmae" on type "Bank"/);
    const literal = await ask(production.url, MISSPELT_ENUM);
    const variable = await ask(production.url, MISSPELT_ENUM_VARIABLE, { s: 'PAI' });
    for (const r of [field, literal, variable]) {
      assert.ok(r.errors?.length, JSON.stringify(r));
      for (const e of r.errors!) assert.doesNotMatch(e.message, /Did you mean|PAID|"name"/, e.message);
    }
  });

  it('in production, ordinary queries are served as usual', async () => {
    const r = await ask(production.url, '{ bank { name } }');
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.ok(r.data!.bank.name);
  });

  it('PERKMALL_INTROSPECTION=1 turns introspection on in production; suggestions stay off', async () => {
    const schema = await ask(productionWithIntrospection.url, INTROSPECTION);
    assert.equal(schema.errors, undefined, JSON.stringify(schema.errors));
    assert.equal(schema.data!.__schema.queryType.name, 'Query');
    const misspelt = await ask(productionWithIntrospection.url, MISSPELT_FIELD);
    assert.doesNotMatch(misspelt.errors![0]!.message, /Did you mean/);
  });
});

describe('production mode in a subgraph', () => {
  let sys: TestSystem;

  before(async () => {
    sys = await startTestSystem({ seed: false });
  });
  after(async () => {
    await sys?.stop();
  });

  it('refuses introspection to a caller holding a valid identity token, and suggests nothing; queries still run', async () => {
    // A second tenants process on the system's database, in production mode.
    const tenants = await startSubgraphProcess(sys, 'tenants', { NODE_ENV: 'production' });
    try {
      const ask = async (query: string): Promise<GraphQLResult> => {
        const r = await fetch(tenants.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [IDENTITY_HEADER]: await sys.identityToken(bankAdmin(1), 'tenants'),
          },
          body: JSON.stringify({ query }),
        });
        return (await r.json()) as GraphQLResult;
      };
      const schema = await ask(INTROSPECTION);
      assert.equal(schema.data ?? undefined, undefined);
      assert.ok(schema.errors?.length, 'introspection refused');
      const misspelt = await ask('{ bank { nmae } }');
      assert.ok(misspelt.errors?.length);
      assert.doesNotMatch(misspelt.errors![0]!.message, /Did you mean/);
      const plain = await ask('{ __typename }');
      assert.equal(plain.errors, undefined, JSON.stringify(plain.errors));
    } finally {
      await tenants.stop();
    }
  });
});
