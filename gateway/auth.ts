import type http from 'node:http';
import { AppError, unauthenticated } from '../core/errors';
import { HttpError, sendJson } from '../core/http';
import {
  CLIENT_AUDIENCE,
  hasRole,
  isCustomer,
  ISSUER,
  loadKeyPair,
  signToken,
  ROLES,
  verifyToken,
  type Principal,
  type Role,
} from '../core/identity';
import { ServiceClient, SubgraphUnavailableError } from '../core/service-client';
import {
  AuthenticatePartnerAppDocument,
  CustomerForPartnerAppDocument,
} from '../codegen/generated/service/gateway/tenants';
import { sendOAuthRateLimited, RateLimited, type EdgeRateLimits } from './rate-limits';

/** Roles a client access token may carry; SERVICE is internal only. */
const CLIENT_ROLES: Role[] = ROLES.filter((r) => r !== 'SERVICE');
export const PARTNER_TOKEN_TTL_SECONDS = 15 * 60;
export const CUSTOMER_TOKEN_TTL_SECONDS = 15 * 60;
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/**
 * Client authentication at the edge: bearer access tokens (people's JWTs, partner-app and customer
 * tokens) and the OAuth token endpoint where partner apps trade credentials for tokens.
 */
export class EdgeAuth {
  private readonly authKeys = loadKeyPair('auth');
  private readonly tenants = new ServiceClient('gateway', 'gateway');

  constructor(private readonly limits?: EdgeRateLimits) {}

  async principalOf(req: http.IncomingMessage): Promise<Principal> {
    const header = req.headers.authorization;
    if (!header) throw unauthenticated('Send `Authorization: Bearer <access token>`.');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated('Authorization header must be `Bearer <access token>`.');
    return verifyToken(match[1]!, CLIENT_AUDIENCE, [
      { issuer: ISSUER.auth, key: this.authKeys.publicKey, roles: CLIENT_ROLES },
    ]);
  }

  private async issue(principal: Principal, ttlSeconds: number): Promise<string> {
    if (!this.authKeys.privateKey) throw new Error('The gateway needs the auth private key to issue tokens.');
    return signToken(principal, {
      key: this.authKeys.privateKey,
      issuer: ISSUER.auth,
      audience: CLIENT_AUDIENCE,
      ttlSeconds,
    });
  }

  /**
   * POST /oauth/token
   * - `grant_type=client_credentials`: a partner-app token. The client authenticates with HTTP Basic
   *   (RFC 6749 §2.3.1: `Authorization: Basic base64(urlencode(client_id):urlencode(client_secret))`)
   *   or with `client_id` and `client_secret` in the body, not both.
   * - `grant_type=urn:ietf:params:oauth:grant-type:token-exchange` with `subject_token` (a partner-app
   *   token) and `customer_ref` (the bank's own customer reference): a customer token for a customer
   *   of that app's bank, never of another bank.
   * Rate limits (./rate-limits.ts) apply per address and, before any secret is checked, per client.
   */
  async tokenEndpoint(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST.');
    const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}) =>
      sendJson(res, status, { error, error_description: description }, { 'cache-control': 'no-store', ...headers });
    const ip = this.limits?.clientIp(req) ?? 'unknown';
    const admitted = await this.limits?.admitTokenRequest(ip);
    if (admitted) return sendOAuthRateLimited(res, admitted);

    const params = parseForm(req, body);
    const problem = formProblem(params);
    if (problem) return oauthError(400, 'invalid_request', problem);
    let basic: { clientId: string; secret: string } | null;
    try {
      basic = basicCredentials(req);
    } catch (e) {
      return oauthError(400, 'invalid_request', (e as Error).message);
    }
    try {
      if (params.grant_type === 'client_credentials') {
        if (
          basic &&
          (params.client_secret !== undefined ||
            (params.client_id !== undefined && params.client_id !== basic.clientId))
        ) {
          return oauthError(
            400,
            'invalid_request',
            'Authenticate the client one way: HTTP Basic or client_id/client_secret in the body, not both.',
          );
        }
        const clientId = basic?.clientId ?? params.client_id;
        const secret = basic?.secret ?? params.client_secret;
        if (!clientId || !secret)
          return oauthError(
            400,
            'invalid_request',
            'client_id and client_secret are required (in the body or as HTTP Basic credentials).',
          );
        const attempt = (await this.limits?.beginClientAuthentication(clientId, ip)) ?? { consumed: [] };
        if (attempt instanceof RateLimited) return sendOAuthRateLimited(res, attempt);
        let app: { partnerAppId: string; bankId: string; safelistOnly: boolean } | null;
        try {
          ({ authenticatePartnerApp: app } = await this.tenants.request('tenants', AuthenticatePartnerAppDocument, {
            clientId,
            clientSecret: secret,
          }));
        } catch (e) {
          // The secret was never judged (tenants unreachable): the attempt must not count against the client.
          await this.limits?.abandonClientAuthentication(attempt);
          throw e;
        }
        if (!app) {
          await this.limits?.failedClientAuthentication(attempt);
          return oauthError(
            401,
            'invalid_client',
            'Unknown client or wrong secret.',
            basic ? { 'www-authenticate': 'Basic realm="perkmall"' } : {},
          );
        }
        await this.limits?.succeededClientAuthentication(attempt);
        const token = await this.issue(
          {
            role: 'PARTNER_APP',
            sub: `partner-app:${app.partnerAppId}`,
            bankId: app.bankId,
            partnerAppId: app.partnerAppId,
            ...safelistClaim(app.safelistOnly),
          },
          PARTNER_TOKEN_TTL_SECONDS,
        );
        return sendJson(
          res,
          200,
          { access_token: token, token_type: 'Bearer', expires_in: PARTNER_TOKEN_TTL_SECONDS },
          { 'cache-control': 'no-store' },
        );
      }
      if (params.grant_type === TOKEN_EXCHANGE) {
        if (!params.subject_token || !params.customer_ref)
          return oauthError(400, 'invalid_request', 'subject_token and customer_ref are required.');
        let app: Principal;
        try {
          // Any client token verifies here, so a token of the wrong kind gets a message saying which kind to send.
          app = await verifyToken(params.subject_token, CLIENT_AUDIENCE, [
            { issuer: ISSUER.auth, key: this.authKeys.publicKey, roles: CLIENT_ROLES },
          ]);
        } catch (e) {
          return oauthError(401, 'invalid_grant', e instanceof Error ? e.message : 'Invalid subject token.');
        }
        if (!hasRole(app, 'PARTNER_APP')) {
          return oauthError(
            401,
            'invalid_grant',
            isCustomer(app)
              ? "subject_token is a customer token, which cannot be exchanged: send your partner app's own token (from grant_type=client_credentials) as subject_token with the customer_ref. The customer token you have is already the one to call /graphql with."
              : `subject_token is a ${app.role} token: send your partner app's own token (from grant_type=client_credentials).`,
          );
        }
        // The lookup is confined to the app's own bank: another bank's reference finds nothing.
        const { customerForPartnerApp: customer } = await this.tenants.request(
          'tenants',
          CustomerForPartnerAppDocument,
          {
            bankId: app.bankId!, // partner-app tokens are issued with their bank (client_credentials above)
            customerRef: params.customer_ref,
          },
        );
        if (!customer)
          return oauthError(400, 'invalid_grant', `No customer with reference ${params.customer_ref} at this bank.`);
        const token = await this.issue(
          {
            role: 'CUSTOMER',
            sub: `customer:${customer.id}`,
            bankId: app.bankId,
            customerId: customer.id,
            partnerAppId: app.partnerAppId,
            ...safelistClaim(app.safelistOnly),
          },
          CUSTOMER_TOKEN_TTL_SECONDS,
        );
        return sendJson(
          res,
          200,
          {
            access_token: token,
            token_type: 'Bearer',
            expires_in: CUSTOMER_TOKEN_TTL_SECONDS,
            issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
          },
          { 'cache-control': 'no-store' },
        );
      }
      return oauthError(400, 'unsupported_grant_type', `Use client_credentials or ${TOKEN_EXCHANGE}.`);
    } catch (e) {
      if (e instanceof AppError) return oauthError(400, 'invalid_request', e.message);
      if (e instanceof SubgraphUnavailableError) {
        return oauthError(
          503,
          'temporarily_unavailable',
          'Tokens cannot be issued right now; nothing was checked. Retry shortly.',
          { 'retry-after': '5' },
        );
      }
      throw e;
    }
  }
}

/** A safelisted app's tokens, and its customers' tokens, say so (the gateway enforces it: gateway/safelist.ts). */
function safelistClaim(safelistOnly: boolean | undefined): Pick<Principal, 'safelistOnly'> {
  return safelistOnly ? { safelistOnly: true } : {};
}

/** Longest accepted value per form field; anything else is at most MAX_FIELD_LENGTH. */
const FIELD_LIMITS: Record<string, number> = { subject_token: 4096, client_secret: 512 };
const MAX_FIELD_LENGTH = 256;
// C0 controls (NUL included), DEL and C1 controls: never part of an identifier, secret or token.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** Why the form cannot be used (a field with control characters or too long), or null. */
export function formProblem(
  params: Record<string, string | undefined>,
  limits: Record<string, number> = FIELD_LIMITS,
): string | null {
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const field = /^[\w-]{1,40}$/.test(name) ? name : 'a field';
    if (CONTROL_CHARS.test(value))
      return `${field} contains a control character (such as NUL); send printable text only.`;
    if (value.length > (limits[name] ?? MAX_FIELD_LENGTH))
      return `${field} is longer than ${limits[name] ?? MAX_FIELD_LENGTH} characters.`;
  }
  return null;
}

/** RFC 6749 §2.3.1 client credentials from `Authorization: Basic …`, or null when the header is absent or not Basic. */
function basicCredentials(req: http.IncomingMessage): { clientId: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) {
    if (/^Basic\b/i.test(req.headers.authorization ?? ''))
      throw new Error('The Basic credentials are not valid base64.');
    return null;
  }
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0)
    throw new Error('Basic credentials must be client_id:client_secret (each form-urlencoded), base64-encoded.');
  // The form-urlencoding RFC 6749 asks for: '+' is a space, then percent-decoding.
  const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  let clientId: string;
  let secret: string;
  try {
    clientId = formDecode(decoded.slice(0, colon));
    secret = formDecode(decoded.slice(colon + 1));
  } catch {
    throw new Error('Basic credentials are not correctly form-urlencoded.');
  }
  const problem = formProblem({ client_id: clientId, client_secret: secret });
  if (problem) throw new Error(problem);
  if (!clientId || !secret) throw new Error('Basic credentials need both a client_id and a client_secret.');
  return { clientId, secret };
}

export function parseForm(req: http.IncomingMessage, body: string): Record<string, string | undefined> {
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    try {
      const parsed = JSON.parse(body) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
    } catch {
      throw new HttpError(400, 'Body is not a JSON object.');
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}
