import type http from 'node:http';
import { AppError } from '../core/errors';
import { HttpError, sendJson, type RouteHandler } from '../core/http';
import { ServiceClient, SubgraphUnavailableError } from '../core/service-client';
import { AcceptInvitationDocument, RedeemStaffPasswordResetDocument } from '../codegen/generated/service/gateway/staff';
import { sendOAuthRateLimited, type EdgeRateLimits } from './rate-limits';

const STATUS_OF: Record<string, number> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403 };

/**
 * POST /auth/staff/accept-invitation `{ token, loginName?, password }` (JSON): the invitee has no
 * access token yet, so this is a plain route; the staff subgraph checks the one-time token, creates
 * the member and answers their first tokens (`staffMemberId`, `accessToken`, `expiresIn`,
 * `refreshToken`; no tokens for admins, who sign in and enrol TOTP). Errors are
 * `{ error: <code>, message }` with 400, 404 (unknown link), 409 (used, expired, withdrawn, name taken).
 */
export function acceptInvitationRoute(limits: EdgeRateLimits): RouteHandler {
  const staff = new ServiceClient('gateway', 'gateway');
  return async (req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST.');
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      throw new HttpError(400, 'Send JSON: { "token", "loginName", "password" }.', 'BAD_USER_INPUT');
    }
    const text = (name: string, required: boolean): string | null => {
      const v = input?.[name];
      if (v === undefined || v === null) {
        if (required) throw new HttpError(400, `${name} is required.`, 'BAD_USER_INPUT');
        return null;
      }
      if (typeof v !== 'string') throw new HttpError(400, `${name} must be a string.`, 'BAD_USER_INPUT');
      return v;
    };
    const userAgent = req.headers['user-agent'];
    try {
      const { acceptInvitation: accepted } = await staff.request('staff', AcceptInvitationDocument, {
        input: {
          token: text('token', true)!,
          loginName: text('loginName', false),
          password: text('password', true)!,
          ipAddress: limits.clientIp(req).slice(0, 64),
          userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 500) : null,
        },
      });
      sendJson(
        res,
        200,
        {
          staffMemberId: accepted.staffMember.id,
          loginName: accepted.staffMember.loginName,
          role: accepted.staffMember.role,
          tokenType: accepted.accessToken ? 'Bearer' : null,
          accessToken: accepted.accessToken,
          expiresIn: accepted.expiresIn,
          refreshToken: accepted.refreshToken,
        },
        { 'cache-control': 'no-store' },
      );
    } catch (e) {
      if (e instanceof SubgraphUnavailableError)
        throw new HttpError(503, 'Staff sign-in is unavailable right now; try again shortly.', 'SERVICE_UNAVAILABLE');
      if (e instanceof AppError) {
        const code = String(e.extensions.code);
        throw new HttpError(STATUS_OF[code] ?? 400, e.message, code);
      }
      throw e;
    }
  };
}

/**
 * POST /auth/staff/reset-password `{ token, password }` (JSON): a member redeems the one-time link
 * an administrator issued with `resetStaffMemberPassword` (they may have no working password, so
 * this is a plain route). The staff subgraph checks the token, sets the password, ends every
 * session of the member and clears their lockout; the answer is `{ staffMemberId, loginName,
 * endedSessions }` and the member then signs in at /auth/staff/sign-in. Errors as above: 400 (the
 * password breaks a rule), 404 (unknown link), 409 (used, expired, replaced, member removed).
 */
export function resetPasswordRoute(limits: EdgeRateLimits): RouteHandler {
  const staff = new ServiceClient('gateway', 'gateway');
  return async (req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST.');
    // Each redemption costs an argon2 hash: counted like a token request per client address.
    const refused = await limits.admitTokenRequest(limits.clientIp(req));
    if (refused) return sendOAuthRateLimited(res, refused);
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      throw new HttpError(400, 'Send JSON: { "token", "password" }.', 'BAD_USER_INPUT');
    }
    const text = (name: string): string => {
      const v = input?.[name];
      if (v === undefined || v === null) throw new HttpError(400, `${name} is required.`, 'BAD_USER_INPUT');
      if (typeof v !== 'string') throw new HttpError(400, `${name} must be a string.`, 'BAD_USER_INPUT');
      if (v.length > 200) throw new HttpError(400, `${name} is too long (at most 200 characters).`, 'BAD_USER_INPUT');
      return v;
    };
    try {
      const { redeemStaffPasswordReset: redeemed } = await staff.request('staff', RedeemStaffPasswordResetDocument, {
        input: { token: text('token'), password: text('password') },
      });
      sendJson(
        res,
        200,
        {
          staffMemberId: redeemed.staffMember.id,
          loginName: redeemed.staffMember.loginName,
          endedSessions: redeemed.endedSessions,
        },
        { 'cache-control': 'no-store' },
      );
    } catch (e) {
      if (e instanceof SubgraphUnavailableError)
        throw new HttpError(
          503,
          'Password reset is unavailable right now; nothing was changed. Try again shortly.',
          'SERVICE_UNAVAILABLE',
        );
      if (e instanceof AppError) {
        const code = String(e.extensions.code);
        throw new HttpError(STATUS_OF[code] ?? 400, e.message, code);
      }
      throw e;
    }
  };
}
