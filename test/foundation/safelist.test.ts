/**
 * The persisted-operation safelist (issue 11, production mode): a partner app marked safelistOnly —
 * its own tokens and the customer tokens obtained through it — runs only the operations published
 * in codegen/operations, sent in full or by `extensions.persistedQuery.sha256Hash`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import path from 'node:path';
import { ROOT_DIR } from '../../core/config';
import {
  CONSOLE_DOCUMENTS_PATH,
  MANIFEST_PATH,
  buildManifest,
  manifestText,
  sha256,
} from '../../scripts/persisted-operations';
import { customerRef } from '../../scripts/seed/demo-plan';
import { defaultSafelistOnly } from '../../subgraphs/tenants/services/partner-app.service';
import { errorCode, startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import { bankAdmin, customer } from '../principals';

const manifest = buildManifest();
const published = (name: string) => manifest.operations.find((o) => o.name === name)!;
const UNLISTED = '{ mall(id: "1") { name } }';

const CREATE_APP =
  'mutation($input: CreatePartnerAppInput!) { createPartnerApp(input: $input) { partnerAppId clientId clientSecret safelistOnly } }';
const SET_SAFELIST =
  'mutation($input: SetPartnerAppSafelistInput!) { setPartnerAppSafelist(input: $input) { partnerAppId safelistOnly } }';

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('the published-operations manifest', () => {
  it('is what `npm run codegen` writes now: one entry per operation, keyed by the SHA-256 of its body', () => {
    assert.equal(
      fs.readFileSync(MANIFEST_PATH, 'utf8'),
      manifestText(manifest),
      'codegen/persisted-operations.json is stale: run `npm run codegen`',
    );
    const files = fs.readdirSync(path.join(ROOT_DIR, 'codegen', 'operations')).filter((f) => f.endsWith('.graphql'));
    const declared = files.flatMap((f) =>
      [
        ...fs
          .readFileSync(path.join(ROOT_DIR, 'codegen', 'operations', f), 'utf8')
          .matchAll(/^(?:query|mutation) (\w+)/gm),
      ].map((m) => m[1]),
    );
    // The operator console's operations, as codegen's client preset collected them from console/src.
    const consoleDeclared = Object.values(
      JSON.parse(fs.readFileSync(CONSOLE_DOCUMENTS_PATH, 'utf8')) as Record<string, string>,
    ).flatMap((text) =>
      // Parsed, not matched: a document's fragments may be printed before its operation.
      parse(text)
        .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
        .map((d) => d.name?.value),
    );
    assert.ok(consoleDeclared.includes('ConsoleMe'), 'the console publishes its operations');
    assert.deepEqual(manifest.operations.map((o) => o.name).sort(), [...declared, ...consoleDeclared].sort());
    for (const op of manifest.operations) assert.equal(op.id, sha256(op.body));
  });

  it('apps that never chose are safelisted in production and free elsewhere, unless PERKMALL_PARTNER_SAFELIST_DEFAULT says', () => {
    const saved = { env: process.env.NODE_ENV, explicit: process.env.PERKMALL_PARTNER_SAFELIST_DEFAULT };
    try {
      delete process.env.PERKMALL_PARTNER_SAFELIST_DEFAULT;
      process.env.NODE_ENV = 'production';
      assert.equal(defaultSafelistOnly(), true);
      process.env.NODE_ENV = 'test';
      assert.equal(defaultSafelistOnly(), false);
      process.env.PERKMALL_PARTNER_SAFELIST_DEFAULT = '1';
      assert.equal(defaultSafelistOnly(), true);
    } finally {
      process.env.NODE_ENV = saved.env;
      if (saved.explicit === undefined) delete process.env.PERKMALL_PARTNER_SAFELIST_DEFAULT;
      else process.env.PERKMALL_PARTNER_SAFELIST_DEFAULT = saved.explicit;
    }
  });
});

describe('safelist-only partner apps', () => {
  let sys: TestSystem;
  let app: { partnerAppId: string; clientId: string; clientSecret: string; safelistOnly: boolean };

  const oauth = async (params: Record<string, string>) => {
    const r = await fetch(`${sys.stack.urls.gateway}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams(params),
    });
    const body = (await r.json()) as Record<string, any>;
    assert.equal(r.status, 200, JSON.stringify(body));
    return body.access_token as string;
  };
  const appToken = () =>
    oauth({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret });
  const customerToken = async () =>
    oauth({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: await appToken(),
      customer_ref: customerRef(1, 1),
    });

  const send = async (
    token: string,
    body: Record<string, unknown>,
  ): Promise<{ status: number; body: GraphQLResult }> => {
    const r = await fetch(sys.stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as GraphQLResult };
  };
  const byHash = (hash: string, variables: Record<string, unknown> = {}) => ({
    variables,
    extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
  });
  const assertNotSafelisted = (r: { status: number; body: GraphQLResult }) => {
    assert.equal(r.status, 403, JSON.stringify(r.body));
    assert.equal(errorCode(r.body), 'FORBIDDEN');
    assert.equal(r.body.errors![0]!.extensions!.reason, 'OPERATION_NOT_SAFELISTED');
    assert.match(r.body.errors![0]!.message, /only the published operations/);
    assert.equal(r.body.data, undefined);
  };

  before(async () => {
    sys = await startTestSystem();
    const created = await sys.gql(bankAdmin(1), CREATE_APP, {
      input: { bankId: '1', name: 'Safelisted app', safelistOnly: true },
    });
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    app = created.data!.createPartnerApp;
  });
  after(async () => {
    await sys?.stop();
  });

  it('its partner token carries safelistOnly, and so does a customer token obtained through it', async () => {
    assert.equal(app.safelistOnly, true);
    assert.equal(claims(await appToken()).safelistOnly, true);
    assert.equal(claims(await customerToken()).safelistOnly, true);
  });

  it('runs a published operation sent in full, reformatted, or by hash alone', async () => {
    const token = await appToken();
    const mall = published('MallListings');
    const variables = { mallId: '1', first: 2 };
    const full = await send(token, { query: mall.body, variables });
    assert.equal(full.body.errors, undefined, JSON.stringify(full.body.errors));
    assert.equal(full.body.data!.mall.listings.edges.length, 2);
    const asWritten = fs.readFileSync(path.join(ROOT_DIR, 'codegen', 'operations', 'mall.graphql'), 'utf8');
    assert.notEqual(asWritten, mall.body);
    const reformatted = await send(token, { query: asWritten, variables });
    assert.equal(reformatted.body.errors, undefined, JSON.stringify(reformatted.body.errors));
    const hashed = await send(token, byHash(mall.id, variables));
    assert.equal(hashed.body.errors, undefined, JSON.stringify(hashed.body.errors));
    assert.deepEqual(hashed.body.data, full.body.data);
  });

  it('refuses an unpublished operation as FORBIDDEN, and does not let it be registered by hash', async () => {
    const token = await appToken();
    assertNotSafelisted(await send(token, { query: UNLISTED }));
    // Apollo's APQ protocol: an unknown hash first, then hash and text — still not published.
    const hash = sha256(UNLISTED);
    const unknown = await send(token, byHash(hash));
    assert.equal(errorCode(unknown.body), 'PERSISTED_QUERY_NOT_FOUND');
    assertNotSafelisted(await send(token, { query: UNLISTED, ...byHash(hash) }));
    assert.equal(errorCode((await send(token, byHash(hash))).body), 'PERSISTED_QUERY_NOT_FOUND');
  });

  it('a customer acting through the app runs published operations only', async () => {
    const token = await customerToken();
    const account = await send(token, { query: published('MyAccount').body, variables: { first: 1 } });
    assert.equal(account.body.errors, undefined, JSON.stringify(account.body.errors));
    assert.equal(account.body.data!.customer.externalRef, customerRef(1, 1));
    assertNotSafelisted(await send(token, { query: '{ customer { id externalRef } }' }));
  });

  it('other callers may run anything, and may also send a published operation by hash', async () => {
    const token = await sys.token(bankAdmin(1));
    const free = await send(token, { query: UNLISTED });
    assert.equal(free.body.errors, undefined, JSON.stringify(free.body.errors));
    const hashed = await send(token, byHash(published('MallListings').id, { mallId: '1', first: 1 }));
    assert.equal(hashed.body.errors, undefined, JSON.stringify(hashed.body.errors));
  });

  it('its bank admin frees the app; tokens issued afterwards run any operation', async () => {
    const foreign = await sys.gql(bankAdmin(2), SET_SAFELIST, {
      input: { partnerAppId: app.partnerAppId, safelistOnly: false },
    });
    assert.equal(errorCode(foreign), 'NOT_FOUND');
    const asCustomer = await sys.gql(customer(1, 1), SET_SAFELIST, {
      input: { partnerAppId: app.partnerAppId, safelistOnly: false },
    });
    assert.equal(errorCode(asCustomer), 'FORBIDDEN');

    const before = await appToken();
    const freed = await sys.gql(bankAdmin(1), SET_SAFELIST, {
      input: { partnerAppId: app.partnerAppId, safelistOnly: false },
    });
    assert.equal(freed.errors, undefined, JSON.stringify(freed.errors));
    assert.deepEqual(freed.data!.setPartnerAppSafelist, { partnerAppId: app.partnerAppId, safelistOnly: false });
    const after = await appToken();
    assert.equal(claims(after).safelistOnly, undefined);
    const r = await send(after, { query: UNLISTED });
    assert.equal(r.body.errors, undefined, JSON.stringify(r.body.errors));
    // A token issued before the change keeps its claim until it expires.
    assertNotSafelisted(await send(before, { query: UNLISTED }));

    const back = await sys.gql(bankAdmin(1), SET_SAFELIST, {
      input: { partnerAppId: app.partnerAppId, safelistOnly: true },
    });
    assert.equal(back.data!.setPartnerAppSafelist.safelistOnly, true);
    assertNotSafelisted(await send(await appToken(), { query: UNLISTED }));
  });

  it('an app created without a choice follows the deployment default (off outside production)', async () => {
    const created = await sys.gql(bankAdmin(1), CREATE_APP, { input: { bankId: '1', name: 'Default app' } });
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    assert.equal(created.data!.createPartnerApp.safelistOnly, false);
  });
});
