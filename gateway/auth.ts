import type http from 'node:http';
import { AppError, unauthenticated } from '../core/errors';
import { HttpError, sendJson } from '../core/http';
import { CLIENT_AUDIENCE, ISSUER, loadKeyPair, signToken, verifyToken, type Principal, type Role } from '../core/identity';
import { ServiceClient } from '../core/service-client';

/** Roles a client access token may carry; SERVICE is internal only. */
const CLIENT_ROLES: Role[] = ['PLATFORM_ADMIN', 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF', 'BANK_ADMIN', 'BANK_OPERATOR', 'PARTNER_APP', 'CUSTOMER'];
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

  async principalOf(req: http.IncomingMessage): Promise<Principal> {
    const header = req.headers.authorization;
    if (!header) throw unauthenticated('Send `Authorization: Bearer <access token>`.');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated('Authorization header must be `Bearer <access token>`.');
    return verifyToken(match[1]!, CLIENT_AUDIENCE, [{ issuer: ISSUER.auth, key: this.authKeys.publicKey, roles: CLIENT_ROLES }]);
  }

  private async issue(principal: Principal, ttlSeconds: number): Promise<string> {
    if (!this.authKeys.privateKey) throw new Error('The gateway needs the auth private key to issue tokens.');
    return signToken(principal, { key: this.authKeys.privateKey, issuer: ISSUER.auth, audience: CLIENT_AUDIENCE, ttlSeconds });
  }

  /**
   * POST /oauth/token
   * - `grant_type=client_credentials` with `client_id`, `client_secret`: a partner-app token.
   * - `grant_type=urn:ietf:params:oauth:grant-type:token-exchange` with `subject_token` (a partner-app
   *   token) and `customer_ref` (the bank's own customer reference): a customer token for a customer
   *   of that app's bank, never of another bank.
   */
  async tokenEndpoint(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST.');
    const params = parseForm(req, body);
    const oauthError = (status: number, error: string, description: string) =>
      sendJson(res, status, { error, error_description: description }, { 'cache-control': 'no-store' });
    try {
      if (params.grant_type === 'client_credentials') {
        if (!params.client_id || !params.client_secret) return oauthError(400, 'invalid_request', 'client_id and client_secret are required.');
        const { authenticatePartnerApp: app } = await this.tenants.request<{
          authenticatePartnerApp: { partnerAppId: string; bankId: string; safelistOnly: boolean } | null;
        }>(
          'tenants',
          'mutation($clientId: String!, $secret: String!) { authenticatePartnerApp(clientId: $clientId, clientSecret: $secret) { partnerAppId bankId safelistOnly } }',
          { clientId: params.client_id, secret: params.client_secret },
        );
        if (!app) return oauthError(401, 'invalid_client', 'Unknown client or wrong secret.');
        const token = await this.issue(
          { role: 'PARTNER_APP', sub: `partner-app:${app.partnerAppId}`, bankId: app.bankId, partnerAppId: app.partnerAppId, ...safelistClaim(app.safelistOnly) },
          PARTNER_TOKEN_TTL_SECONDS,
        );
        return sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: PARTNER_TOKEN_TTL_SECONDS }, { 'cache-control': 'no-store' });
      }
      if (params.grant_type === TOKEN_EXCHANGE) {
        if (!params.subject_token || !params.customer_ref) return oauthError(400, 'invalid_request', 'subject_token and customer_ref are required.');
        let app: Principal;
        try {
          app = await verifyToken(params.subject_token, CLIENT_AUDIENCE, [
            { issuer: ISSUER.auth, key: this.authKeys.publicKey, roles: ['PARTNER_APP'] },
          ]);
        } catch (e) {
          return oauthError(401, 'invalid_grant', e instanceof Error ? e.message : 'Invalid subject token.');
        }
        // The lookup is confined to the app's own bank: another bank's reference finds nothing.
        const { customerForPartnerApp: customer } = await this.tenants.request<{ customerForPartnerApp: { id: string } | null }>(
          'tenants',
          'query($bankId: ID!, $ref: String!) { customerForPartnerApp(bankId: $bankId, customerRef: $ref) { id } }',
          { bankId: app.bankId, ref: params.customer_ref },
        );
        if (!customer) return oauthError(400, 'invalid_grant', `No customer with reference ${params.customer_ref} at this bank.`);
        const token = await this.issue(
          { role: 'CUSTOMER', sub: `customer:${customer.id}`, bankId: app.bankId, customerId: customer.id, partnerAppId: app.partnerAppId, ...safelistClaim(app.safelistOnly) },
          CUSTOMER_TOKEN_TTL_SECONDS,
        );
        return sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: CUSTOMER_TOKEN_TTL_SECONDS, issued_token_type: 'urn:ietf:params:oauth:token-type:access_token' }, { 'cache-control': 'no-store' });
      }
      return oauthError(400, 'unsupported_grant_type', `Use client_credentials or ${TOKEN_EXCHANGE}.`);
    } catch (e) {
      if (e instanceof AppError) return oauthError(400, 'invalid_request', e.message);
      throw e;
    }
  }
}

/** A safelisted app's tokens, and its customers' tokens, say so (the gateway enforces it: gateway/safelist.ts). */
function safelistClaim(safelistOnly: boolean | undefined): Pick<Principal, 'safelistOnly'> {
  return safelistOnly ? { safelistOnly: true } : {};
}

function parseForm(req: http.IncomingMessage, body: string): Record<string, string | undefined> {
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
    } catch {
      throw new HttpError(400, 'Body is not valid JSON.');
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}
