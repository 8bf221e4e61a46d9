import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { ISSUER } from '../../core/identity';
import { customerRef, demoPartnerApp } from '../../scripts/seed/demo-plan';

const SKU_QUERY = { query: '{ sku(id: 1) { id title } }' };
const ENTITIES_QUERY = { query: '{ _entities(representations: [{__typename: "Sku", id: "1"}]) { ... on Sku { title } } }' };

describe('subgraphs verify the identity the gateway signs', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  it('accepts a gateway-signed identity for its own audience (also on _entities)', async () => {
    const token = await sys.identityToken({ role: 'PLATFORM_ADMIN', sub: 'p' }, 'catalog');
    const direct = await sys.subgraphRaw('catalog', SKU_QUERY, { 'x-perkmall-identity': token });
    assert.equal(direct.status, 200);
    assert.equal(direct.body.data!.sku.id, '1');
    const entities = await sys.subgraphRaw('catalog', ENTITIES_QUERY, { 'x-perkmall-identity': token });
    assert.equal(entities.body.data!._entities[0].title.length > 0, true);
  });

  it('refuses a request with no identity token, including _entities', async () => {
    for (const body of [SKU_QUERY, ENTITIES_QUERY]) {
      const r = await sys.subgraphRaw('catalog', body);
      assert.equal(r.status, 401);
      assert.equal(errorCode(r.body), 'UNAUTHENTICATED');
      assert.equal(r.body.data, undefined);
    }
  });

  it('ignores bare x-user-* headers', async () => {
    const r = await sys.subgraphRaw('catalog', SKU_QUERY, { 'x-user-id': '1', 'x-user-role': 'PLATFORM_ADMIN', 'x-bank-id': '1' });
    assert.equal(r.status, 401);
    assert.equal(errorCode(r.body), 'UNAUTHENTICATED');
  });

  it('refuses a token signed by another key, even with the right claims', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = await new SignJWT({ role: 'PLATFORM_ADMIN' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('attacker')
      .setIssuer(ISSUER.gateway)
      .setAudience('catalog')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(privateKey);
    const r = await sys.subgraphRaw('catalog', SKU_QUERY, { 'x-perkmall-identity': forged });
    assert.equal(r.status, 401);
    assert.equal(errorCode(r.body), 'UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const expired = await sys.identityToken({ role: 'PLATFORM_ADMIN', sub: 'p' }, 'catalog', { ttlSeconds: -10 });
    const r = await sys.subgraphRaw('catalog', SKU_QUERY, { 'x-perkmall-identity': expired });
    assert.equal(r.status, 401);
    assert.match(r.body.errors![0]!.message, /expired/i);
  });

  it('refuses a token minted for another subgraph', async () => {
    const forTenants = await sys.identityToken({ role: 'PLATFORM_ADMIN', sub: 'p' }, 'tenants');
    const r = await sys.subgraphRaw('catalog', SKU_QUERY, { 'x-perkmall-identity': forTenants });
    assert.equal(r.status, 401);
    assert.equal(errorCode(r.body), 'UNAUTHENTICATED');
  });

  it('lets a service key assert only SERVICE, never a customer or an admin', async () => {
    const asAdmin = await sys.identityToken({ role: 'PLATFORM_ADMIN', sub: 'orders' }, 'catalog', { key: 'service' });
    const r = await sys.subgraphRaw('catalog', SKU_QUERY, { 'x-perkmall-identity': asAdmin });
    assert.equal(r.status, 401);
    const asService = await sys.identityToken({ role: 'SERVICE', sub: 'orders' }, 'catalog', { key: 'service' });
    assert.equal((await sys.subgraphRaw('catalog', SKU_QUERY, { 'x-perkmall-identity': asService })).status, 200);
  });

  it('refuses a client token at the gateway when it is signed by another key or is not a bearer token', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = await new SignJWT({ role: 'PLATFORM_ADMIN' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('attacker')
      .setIssuer(ISSUER.auth)
      .setAudience('perkmall-api')
      .setExpirationTime('60s')
      .sign(privateKey);
    assert.equal(errorCode(await sys.gql(forged, SKU_QUERY.query)), 'UNAUTHENTICATED');
    const r = await fetch(sys.stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Basic abc' }, body: JSON.stringify(SKU_QUERY) });
    assert.equal(r.status, 401);
    // a gateway identity token is not a client token either
    const identity = await sys.identityToken({ role: 'PLATFORM_ADMIN', sub: 'p' }, 'catalog');
    assert.equal(errorCode(await sys.gql(identity, SKU_QUERY.query)), 'UNAUTHENTICATED');
  });
});

describe('partner apps exchange credentials for tokens', () => {
  let sys: TestSystem;
  const oauth = (params: Record<string, string>) =>
    fetch(`${sys.stack.urls.gateway}/oauth/token`, { method: 'POST', body: new URLSearchParams(params) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));

  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  it('issues a partner-app token for the right secret and refuses a wrong one', async () => {
    const app = demoPartnerApp(1);
    const ok = await oauth({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.token_type, 'Bearer');
    assert.ok(ok.body.expires_in > 0 && ok.body.expires_in <= 3600);
    const wrong = await oauth({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: 'guess' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error, 'invalid_client');
    const unknown = await oauth({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' });
    assert.equal(unknown.status, 401);
  });

  it("exchanges its token for a token of its own bank's customer, who then sees their own data", async () => {
    const app = demoPartnerApp(1);
    const appToken = (await oauth({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret })).body.access_token;
    const exchanged = await oauth({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: appToken,
      customer_ref: customerRef(1, 3),
    });
    assert.equal(exchanged.status, 200);
    const me = await sys.gql(exchanged.body.access_token, '{ customer { id externalRef } }');
    assert.equal(me.errors, undefined);
    assert.equal(me.data!.customer.externalRef, customerRef(1, 3));
    assert.equal(me.data!.customer.id, '3');
    // and nobody else's
    const other = await sys.gql(exchanged.body.access_token, '{ customer(id: 4) { id } }');
    assert.equal(errorCode(other), 'NOT_FOUND');
  });

  it("can never obtain a token for another bank's customer", async () => {
    const app = demoPartnerApp(1);
    const appToken = (await oauth({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret })).body.access_token;
    const r = await oauth({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: appToken,
      customer_ref: customerRef(2, 1),
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.error, 'invalid_grant');
    assert.equal(r.body.access_token, undefined);
  });

  it('does not accept a customer or admin token as the subject of an exchange', async () => {
    const customerToken = await sys.token({ role: 'CUSTOMER', sub: 'c', bankId: '1', customerId: '1', partnerAppId: '1' });
    const r = await oauth({ grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token: customerToken, customer_ref: customerRef(1, 2) });
    assert.equal(r.status, 401);
    assert.equal(r.body.access_token, undefined);
  });

  it('hides internal service operations from the public API', async () => {
    const res = await sys.gql({ role: 'PLATFORM_ADMIN', sub: 'p' }, 'mutation { authenticatePartnerApp(clientId: "x", clientSecret: "y") { bankId } }');
    assert.equal(errorCode(res), 'GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a service-only operation called straight on the subgraph with a non-service identity', async () => {
    const token = await sys.identityToken({ role: 'BANK_ADMIN', sub: 'b', bankId: '1' }, 'tenants');
    const r = await sys.subgraphRaw('tenants', { query: 'query { customerForPartnerApp(bankId: 2, customerRef: "QHCB-C0001") { id } }' }, { 'x-perkmall-identity': token });
    assert.equal(errorCode(r.body), 'FORBIDDEN');
  });
});
