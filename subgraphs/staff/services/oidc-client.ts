import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { isProduction } from '../../../core/config';
import { AppError } from '../../../core/errors';
import { SealedBox, deriveKey, loadMasterKey } from '../../../core/sealed-box';

/**
 * Plain-http identity providers, for tests and local development only (PERKMALL_SSO_ALLOW_HTTP=1);
 * never in production, whatever the setting says.
 */
export function ssoAllowsHttp(): boolean {
  return !isProduction() && process.env.PERKMALL_SSO_ALLOW_HTTP === '1';
}

/** How long a discovered configuration (endpoints, keys) is reused before it is read again. */
const DISCOVERY_TTL_MS = 10 * 60_000;
const cached = new Map<string, { config: oidc.Configuration; until: number }>();

/** The identity provider could not be reached or answered nonsense: nothing the person can fix. */
export class IdentityProviderUnavailable extends Error {
  override name = 'IdentityProviderUnavailable';
}

/**
 * The openid-client configuration of a connection: discovery (`<issuer>/.well-known/openid-configuration`,
 * issuer checked to match) and client authentication, `client_secret_basic` unless the provider
 * supports only `client_secret_post`. Cached per issuer, client and secret for a few minutes.
 */
export async function oidcConfiguration(
  issuerUrl: string,
  clientId: string,
  clientSecret: string,
): Promise<oidc.Configuration> {
  const key = [issuerUrl, clientId, createHash('sha256').update(clientSecret).digest('hex')].join('\n');
  const hit = cached.get(key);
  if (hit && hit.until > Date.now()) return hit.config;
  let config: oidc.Configuration;
  try {
    config = await oidc.discovery(new URL(issuerUrl), clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
      execute: ssoAllowsHttp() ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
  } catch (e) {
    throw new IdentityProviderUnavailable(
      `The identity provider at ${issuerUrl} could not be discovered (${(e as Error).message}).`,
    );
  }
  const methods = config.serverMetadata().token_endpoint_auth_methods_supported;
  if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) {
    config = new oidc.Configuration(config.serverMetadata(), clientId, undefined, oidc.ClientSecretPost(clientSecret));
    if (ssoAllowsHttp()) oidc.allowInsecureRequests(config);
  }
  if (cached.size > 1000) cached.clear();
  cached.set(key, { config, until: Date.now() + DISCOVERY_TTL_MS });
  return config;
}

/** An unreachable identity provider, as the client sees it: retry later, or the administrator checks it. */
export const providerUnavailable = (e: IdentityProviderUnavailable) =>
  new AppError('INTERNAL', `${e.message} Try again in a moment; if it persists, ask your bank’s administrator.`);

/**
 * SSO secrets at rest: client secrets (bound to their bank) and PKCE verifiers (bound to their
 * sign-in attempt), sealed with `PERKMALL_STAFF_SECRET_KEY` (a dev key is generated outside production).
 */
export class SsoSecrets {
  private readonly box: SealedBox;

  constructor(master: Buffer = loadMasterKey('PERKMALL_STAFF_SECRET_KEY', 'staff-secret.key')) {
    this.box = new SealedBox(deriveKey(master, 'perkmall/staff/sso'));
  }

  sealClientSecret(bankId: number, secret: string): string {
    return this.box.seal(secret, `sso-client-secret:bank:${bankId}`);
  }

  openClientSecret(bankId: number, sealed: string): string {
    return this.box.open(sealed, `sso-client-secret:bank:${bankId}`);
  }

  sealVerifier(stateHash: string, verifier: string): string {
    return this.box.seal(verifier, `sso-pkce:${stateHash}`);
  }

  openVerifier(stateHash: string, sealed: string): string {
    return this.box.open(sealed, `sso-pkce:${stateHash}`);
  }
}
