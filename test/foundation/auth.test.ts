import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { spawnSync } from 'node:child_process';
import { startTestSystem, errorCode, type GraphQLResult, type TestSystem } from '../harness';
import { ROOT_DIR, SUBGRAPH_NAMES } from '../../core/config';
import { ISSUER, loadKeyPair, signToken } from '../../core/identity';
import { PartnerApp } from '../../subgraphs/tenants/entities/partner-app';
import { verifySecret } from '../../subgraphs/tenants/services/partner-app.service';
import { mintDevToken } from '../../scripts/token';
import { customerRef, demoPartnerApp } from '../../scripts/seed/demo-plan';

const SKU_QUERY = { query: '{ sku(id: 1) { id title } }' };
const ENTITIES_QUERY = {
  query: '{ _entities(representations: [{__typename: "Sku", id: "1"}]) { ... on Sku { title } } }',
};

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

  // Every subgraph authenticates before it parses the query, so `{ __typename }` stands for any operation.
  const ANY = { query: '{ __typename }' };
  const forged = (audience: string, issuer: string) => {
    const { privateKey } = generateKeyPairSync('ed25519');
    return new SignJWT({ role: 'PLATFORM_ADMIN' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('attacker')
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(privateKey);
  };
  const refused = (r: { status: number; body: GraphQLResult }, what: string) => {
    assert.equal(r.status, 401, what);
    assert.equal(errorCode(r.body), 'UNAUTHENTICATED', what);
    assert.equal(r.body.data, undefined, what);
  };

  for (const name of SUBGRAPH_NAMES) {
    describe(`the ${name} subgraph`, () => {
      it('accepts a gateway-signed identity for its own audience', async () => {
        const r = await sys.subgraphRaw(name, ANY, {
          'x-perkmall-identity': await sys.identityToken({ role: 'PLATFORM_ADMIN', sub: 'p' }, name),
        });
        assert.equal(r.status, 200);
        assert.equal(r.body.data!.__typename, 'Query');
      });

      it('refuses a request with no identity token', async () => {
        refused(await sys.subgraphRaw(name, ANY), 'no token');
      });

      it('ignores bare x-user-* headers', async () => {
        refused(
          await sys.subgraphRaw(name, ANY, {
            'x-user-id': '1',
            'x-user-role': 'PLATFORM_ADMIN',
            'x-bank-id': '1',
            'x-supplier-id': '1',
          }),
          'bare headers',
        );
      });

      it('refuses a token signed by another key, even with the right claims', async () => {
        refused(
          await sys.subgraphRaw(name, ANY, { 'x-perkmall-identity': await forged(name, ISSUER.gateway) }),
          'gateway issuer, foreign key',
        );
        refused(
          await sys.subgraphRaw(name, ANY, { 'x-perkmall-identity': await forged(name, ISSUER.service) }),
          'service issuer, foreign key',
        );
      });

      it('refuses an expired token as UNAUTHENTICATED', async () => {
        const expired = await sys.identityToken({ role: 'PLATFORM_ADMIN', sub: 'p' }, name, { ttlSeconds: -10 });
        const r = await sys.subgraphRaw(name, ANY, { 'x-perkmall-identity': expired });
        refused(r, 'expired');
        assert.match(r.body.errors![0]!.message, /expired/i);
      });

      it('refuses a token minted for another subgraph', async () => {
        const other = SUBGRAPH_NAMES.find((n) => n !== name)!;
        refused(
          await sys.subgraphRaw(name, ANY, {
            'x-perkmall-identity': await sys.identityToken({ role: 'PLATFORM_ADMIN', sub: 'p' }, other),
          }),
          `audience ${other}`,
        );
      });

      it('refuses a client access token (issuer auth) sent straight to it, for any audience', async () => {
        const client = await sys.token({ role: 'PLATFORM_ADMIN', sub: 'p' });
        refused(await sys.subgraphRaw(name, ANY, { 'x-perkmall-identity': client }), 'client token as identity');
        refused(await sys.subgraphRaw(name, ANY, { authorization: `Bearer ${client}` }), 'client token as bearer');
        // Even signed by the auth key for this very audience: the auth issuer is not trusted by subgraphs.
        const authKey = loadKeyPair('auth', { needPrivate: true }).privateKey!;
        const aimed = await signToken(
          { role: 'PLATFORM_ADMIN', sub: 'p' },
          { key: authKey, issuer: ISSUER.auth, audience: name, ttlSeconds: 60 },
        );
        refused(
          await sys.subgraphRaw(name, ANY, { 'x-perkmall-identity': aimed }),
          'auth-signed token for this audience',
        );
      });
    });
  }

  it('refuses _entities without an identity token too', async () => {
    refused(await sys.subgraphRaw('catalog', ENTITIES_QUERY), '_entities');
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
    const r = await fetch(sys.stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify(SKU_QUERY),
    });
    assert.equal(r.status, 401);
    // a gateway identity token is not a client token either
    const identity = await sys.identityToken({ role: 'PLATFORM_ADMIN', sub: 'p' }, 'catalog');
    assert.equal(errorCode(await sys.gql(identity, SKU_QUERY.query)), 'UNAUTHENTICATED');
  });
});

describe('partner apps exchange credentials for tokens', () => {
  let sys: TestSystem;
  const oauth = (params: Record<string, string>) =>
    fetch(`${sys.stack.urls.gateway}/oauth/token`, { method: 'POST', body: new URLSearchParams(params) }).then(
      async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }),
    );

  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  it('issues a partner-app token for the right secret and refuses a wrong one', async () => {
    const app = demoPartnerApp(1);
    const ok = await oauth({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
    });
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
    const appToken = (
      await oauth({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret })
    ).body.access_token;
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
    const appToken = (
      await oauth({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret })
    ).body.access_token;
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
    const customerToken = await sys.token({
      role: 'CUSTOMER',
      sub: 'c',
      bankId: '1',
      customerId: '1',
      partnerAppId: '1',
    });
    const r = await oauth({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: customerToken,
      customer_ref: customerRef(1, 2),
    });
    assert.equal(r.status, 401);
    assert.equal(r.body.access_token, undefined);
  });

  it('stores a new partner app secret only as a scrypt hash, and the secret works once shown', async () => {
    const created = await sys.gql(
      { role: 'BANK_ADMIN', sub: 'b1', bankId: '1' },
      'mutation { createPartnerApp(input: { bankId: "1", name: "Hash check app" }) { partnerAppId clientId clientSecret } }',
    );
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    const { partnerAppId, clientId, clientSecret } = created.data!.createPartnerApp;
    assert.ok(clientSecret.length >= 24);
    const em = (await sys.orm('tenants')).em.fork();
    const row = await em.findOneOrFail(PartnerApp, { id: Number(partnerAppId) });
    assert.match(row.secretHash, /^scrypt\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]{40,}$/);
    assert.equal(await verifySecret(clientSecret, row.secretHash), true);
    assert.equal(await verifySecret(`${clientSecret}x`, row.secretHash), false);
    // The secret is in no column of the row, in any form we'd recognise.
    const raw = (
      await em.getConnection().execute('SELECT * FROM partner_app WHERE id = ?', [Number(partnerAppId)])
    )[0] as Record<string, unknown>;
    const rawText = JSON.stringify(raw);
    for (const form of [
      clientSecret,
      Buffer.from(clientSecret).toString('base64'),
      Buffer.from(clientSecret).toString('hex'),
    ])
      assert.ok(!rawText.includes(form), 'secret stored in the row');
    const token = await oauth({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    assert.equal(token.status, 200);
  });

  it('`npm run token` mints a token the gateway accepts, as the principal it names', async () => {
    // The CLI itself, as a developer runs it (same keys as the running system).
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/token.ts', '--role', 'CUSTOMER', '--bank', '1', '--customer', '3'],
      { encoding: 'utf8', env: process.env, cwd: ROOT_DIR },
    );
    assert.equal(cli.status, 0, cli.stderr);
    const me = await sys.gql(cli.stdout.trim(), '{ customer { id } }');
    assert.equal(me.errors, undefined, JSON.stringify(me.errors));
    assert.equal(me.data!.customer.id, '3');
    // A role without its scope is refused by the CLI rather than minted.
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/token.ts', '--role', 'BANK_ADMIN'], {
      encoding: 'utf8',
      env: process.env,
      cwd: ROOT_DIR,
    });
    assert.notEqual(bad.status, 0);
    assert.equal(bad.stdout.trim(), '');
    // And its function, as the start script uses it for demo tokens.
    const supplier = await mintDevToken({ role: 'SUPPLIER_ADMIN', sub: 'dev', supplierId: '2' }, 60);
    const own = await sys.gql(supplier, '{ supplier(id: 2) { skus(first: 1) { edges { node { id } } } } }');
    assert.equal(own.errors, undefined, JSON.stringify(own.errors));
    assert.equal(
      errorCode(await sys.gql(supplier, '{ supplier(id: 1) { skus(first: 1) { edges { node { id } } } } }')),
      'NOT_FOUND',
    );
  });

  it('hides internal service operations from the public API', async () => {
    const res = await sys.gql(
      { role: 'PLATFORM_ADMIN', sub: 'p' },
      'mutation { authenticatePartnerApp(clientId: "x", clientSecret: "y") { bankId } }',
    );
    assert.equal(errorCode(res), 'GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a service-only operation called straight on the subgraph with a non-service identity', async () => {
    const token = await sys.identityToken({ role: 'BANK_ADMIN', sub: 'b', bankId: '1' }, 'tenants');
    const r = await sys.subgraphRaw(
      'tenants',
      { query: 'query { customerForPartnerApp(bankId: 2, customerRef: "QHCB-C0001") { id } }' },
      { 'x-perkmall-identity': token },
    );
    assert.equal(errorCode(r.body), 'FORBIDDEN');
  });
});
