/**
 * A real OpenID Connect provider (oidc-provider) for the SSO tests, in a process of its own on
 * 127.0.0.1, like a bank's identity provider would be. One static confidential client, test accounts
 * with a `groups` claim, and a tiny interaction that signs in the account named in `login_hint`
 * (no password form to scrape): the rest is the provider's own authorization-code flow with PKCE.
 *
 * Environment: OIDC_TEST_PORT, OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET, OIDC_TEST_REDIRECT_URIS
 * (comma-separated). `POST /test/accounts` with `{ id, name?, email?, groups }` adds or changes an
 * account (a person moved between groups at the bank); `GET /test/health` answers once it is up.
 */
import http from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import type { Account, ProviderContext } from 'oidc-provider';

interface TestAccount {
  id: string;
  name?: string;
  email?: string;
  groups: string[];
}

const port = Number(process.env.OIDC_TEST_PORT);
const issuer = `http://127.0.0.1:${port}`;
const clientId = process.env.OIDC_TEST_CLIENT_ID ?? 'perkmall';
const clientSecret = process.env.OIDC_TEST_CLIENT_SECRET ?? 'test-secret-change-me';
const redirectUris = (process.env.OIDC_TEST_REDIRECT_URIS ?? 'http://127.0.0.1:9/sso/callback').split(',');

const accounts = new Map<string, TestAccount>();
for (const a of [
  { id: 'olivia', name: 'Olivia Operator', email: 'olivia@bank.example', groups: ['perkmall-operators'] },
  { id: 'adam', name: 'Adam Admin', email: 'adam@bank.example', groups: ['perkmall-admins'] },
  { id: 'nobody', name: 'No Body', email: 'nobody@bank.example', groups: ['canteen-committee'] },
])
  accounts.set(a.id, a);

async function main(): Promise<void> {
  // ESM-only package; a dynamic import keeps this file CommonJS like the rest of the tests.
  const { default: Provider } = await import('oidc-provider');
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-1', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['oidc-test-cookie-key-not-a-secret'] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
      groups: ['groups'],
    },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, id: string): Promise<Account | undefined> {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          const now = accounts.get(id) ?? account;
          return { sub: id, name: now.name, preferred_username: id, email: now.email, groups: now.groups };
        },
      };
    },
    // A first-party client: consent is implied, so the only interaction is the sign-in.
    async loadExistingGrant(ctx: ProviderContext) {
      const { Grant } = ctx.oidc.provider;
      const grant = new Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile email groups');
      await grant.save();
      return grant;
    },
  });

  const providerHandler = provider.callback();
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', issuer);
      if (url.pathname === '/test/health') return void res.end('oidc-test-provider');
      if (url.pathname === '/test/accounts' && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += String(chunk);
        const a = JSON.parse(body) as TestAccount;
        accounts.set(a.id, { ...accounts.get(a.id), ...a });
        return void res.end('{}');
      }
      if (url.pathname.startsWith('/interaction/')) {
        // Signs in whoever login_hint names (an unknown name is the user cancelling); without a hint,
        // OIDC_TEST_DEFAULT_LOGIN (the person at the browser in the console's test).
        const details = await provider.interactionDetails(req, res);
        const hint =
          typeof details.params.login_hint === 'string'
            ? details.params.login_hint
            : (process.env.OIDC_TEST_DEFAULT_LOGIN ?? '');
        const result = accounts.has(hint)
          ? { login: { accountId: hint } }
          : { error: 'access_denied', error_description: 'unknown test account' };
        return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      }
      return providerHandler(req, res);
    })().catch((e: unknown) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  });
  server.listen(port, '127.0.0.1');
}

void main();
