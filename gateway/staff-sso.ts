/**
 * Staff single sign-on at the edge. People are not signed in yet, so these are plain HTTP routes
 * (not /graphql, which needs a bearer token); the gateway calls the staff subgraph's internal
 * mutations with its service credential:
 *
 * - `POST /auth/staff/sso/begin` `{ bankId | bankCode, redirectUri, loginHint? }` → `{ authorizationUrl, expiresAt }`:
 *   send the browser to `authorizationUrl` (the bank's identity provider).
 * - `POST /auth/staff/sso/complete` `{ callbackUrl }` (the address the provider redirected to, as it
 *   arrived) or `{ state, code, iss? }` → `{ accessToken, refreshToken, expiresIn, sessionId, staffMemberId }`.
 *
 * - `GET /auth/staff/sso/availability?bank=<code>` → `{ bankCode, singleSignOn }`: whether the sign-in
 *   page opened as a bank's own (`/console/?bank=<code>`) offers that bank's single sign-on button.
 *
 * Errors are `{ error: <code>, message }` with 400/401/403/404 for BAD_USER_INPUT, UNAUTHENTICATED,
 * FORBIDDEN and NOT_FOUND, 503 when staff cannot be reached. Both count against the per-address
 * limit of the token endpoint.
 */
import type http from 'node:http';
import { AppError } from '../core/errors';
import { HttpError, sendJson, type RouteHandler } from '../core/http';
import { ServiceClient, SubgraphUnavailableError } from '../core/service-client';
import {
  BeginSsoSignInDocument,
  CompleteSsoSignInDocument,
  SsoAvailabilityDocument,
} from '../codegen/generated/service/gateway/staff';
import type { EdgeRateLimits } from './rate-limits';

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

function jsonBody(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new AppError('BAD_USER_INPUT', 'Send a JSON object (content-type: application/json).');
}

/** A string field or null; anything else is the caller's mistake. */
function text(body: Record<string, unknown>, field: string, required = false): string | null {
  const value = body[field];
  if (value == null && !required) return null;
  if (typeof value !== 'string' || !value)
    throw new AppError('BAD_USER_INPUT', `${field} must be a non-empty string.`, {
      problems: [{ field, message: 'must be a non-empty string' }],
    });
  return value;
}

export function staffSsoRoute(limits?: EdgeRateLimits): RouteHandler {
  const staff = new ServiceClient('gateway', 'gateway');
  return async (req: http.IncomingMessage, res: http.ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const availability = path === '/auth/staff/sso/availability';
    if (path !== '/auth/staff/sso/begin' && path !== '/auth/staff/sso/complete' && !availability)
      throw new HttpError(
        404,
        `No route ${path}. Use /auth/staff/sso/begin, /auth/staff/sso/complete or /auth/staff/sso/availability.`,
      );
    if (req.method !== (availability ? 'GET' : 'POST'))
      throw new HttpError(405, `Use ${availability ? 'GET' : 'POST'}.`);
    const noStore = { 'cache-control': 'no-store' };
    const ip = limits?.clientIp(req) ?? 'unknown';
    const refused = await limits?.admitTokenRequest(ip);
    if (refused)
      return sendJson(
        res,
        429,
        { error: 'RATE_LIMITED', message: `${refused.message} Retry after ${refused.retryAfterSeconds} s.` },
        { ...noStore, 'retry-after': String(refused.retryAfterSeconds) },
      );
    try {
      if (availability) {
        const bankCode = url.searchParams.get('bank');
        if (!bankCode)
          throw new AppError('BAD_USER_INPUT', 'Name the bank: ?bank=<its code>.', {
            problems: [{ field: 'bank', message: 'required' }],
          });
        const { ssoAvailability } = await staff.request('staff', SsoAvailabilityDocument, { bankCode });
        return sendJson(res, 200, ssoAvailability, noStore);
      }
      const body = jsonBody(raw);
      if (path.endsWith('/begin')) {
        const { beginSsoSignIn } = await staff.request('staff', BeginSsoSignInDocument, {
          input: {
            bankId: text(body, 'bankId'),
            bankCode: text(body, 'bankCode'),
            redirectUri: text(body, 'redirectUri', true)!,
            loginHint: text(body, 'loginHint'),
          },
        });
        return sendJson(res, 200, beginSsoSignIn, noStore);
      }
      const { completeSsoSignIn } = await staff.request('staff', CompleteSsoSignInDocument, {
        input: {
          callbackUrl: text(body, 'callbackUrl'),
          state: text(body, 'state'),
          code: text(body, 'code'),
          iss: text(body, 'iss'),
          ipAddress: ip.slice(0, 64),
          userAgent: (req.headers['user-agent'] ?? '').slice(0, 200) || null,
        },
      });
      return sendJson(res, 200, { tokenType: 'Bearer', ...completeSsoSignIn }, noStore);
    } catch (e) {
      if (e instanceof SubgraphUnavailableError)
        return sendJson(res, 503, { error: 'SERVICE_UNAVAILABLE', message: 'Sign-in is unavailable; retry shortly.' });
      if (e instanceof AppError) {
        const code = String(e.extensions.code);
        return sendJson(res, STATUS[code] ?? 502, { error: code, message: e.message }, noStore);
      }
      throw e;
    }
  };
}
