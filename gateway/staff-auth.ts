import type http from 'node:http';
import { AppError } from '../core/errors';
import { HttpError, sendJson } from '../core/http';
import type { Principal } from '../core/identity';
import type { Logger } from '../core/logger';
import { ServiceClient, SubgraphUnavailableError } from '../core/service-client';
import {
  ActiveStaffSessionsDocument,
  ConfirmStaffTotpEnrolmentDocument,
  RefreshStaffSessionDocument,
  SignInStaffDocument,
  type StaffSignInAnswerFragment,
} from '../codegen/generated/service/gateway/staff';
import { formProblem, parseForm } from './auth';
import { sendOAuthRateLimited, type EdgeRateLimits } from './rate-limits';

/** How stale the gateway's knowledge of a staff session may be: an ended session is refused within this. */
export const SESSION_CHECK_MS = 1000;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;
/** Longest accepted value per field of the staff sign-in routes (the staff subgraph's own input limit is 200). */
const FIELD_LIMITS: Record<string, number> = { password: 200, refresh_token: 200, challenge_token: 200 };

/** Nobody can say whether a staff token's session is alive: the request is refused, not the token (503). */
export class StaffSessionsUnavailable extends Error {
  constructor() {
    super('Staff sessions cannot be checked right now, so staff tokens are not accepted; retry shortly.');
  }
}

/**
 * Staff sign-in at the edge: the HTTP routes people (and the console) use to sign in, and the
 * check that refuses access tokens of ended sessions. The staff subgraph decides everything; the
 * gateway adds the client's address and user agent, the per-address rate limit, and HTTP answers.
 *
 * - `POST /auth/staff/sign-in` `{ login_name, password, totp_code? }`
 * - `POST /auth/staff/totp/confirm` `{ challenge_token, totp_code }` (an admin's first sign-in; the
 *   answer adds `recovery_codes`, shown once). `totp_code` at sign-in may be a recovery code.
 * - `POST /auth/staff/refresh` `{ refresh_token }`
 * Bodies are JSON or form-encoded. Success is `200 { access_token, token_type, expires_in,
 * refresh_token, session_id }`; failures are OAuth-style `{ error, error_description }`.
 */
export class StaffAuth {
  private readonly staff = new ServiceClient('gateway', 'gateway');
  /** sessionId → whether it was active when last asked, and when. */
  private readonly known = new Map<string, { active: boolean; at: number }>();
  /** One question to staff at a time per batch: requests arriving meanwhile wait for its answer. */
  private waiting = new Map<string, ((active: boolean | Error) => void)[]>();
  private scheduled = false;

  constructor(
    private readonly log: Logger,
    private readonly limits?: EdgeRateLimits,
  ) {}

  /**
   * Refuses a staff token whose session has ended (signed out, refresh token reused, member
   * disabled). Tokens without a sessionId (partner apps, customers, dev tokens) pass untouched.
   * An answer is reused for at most SESSION_CHECK_MS; concurrent checks share one call to staff.
   */
  async assertSessionActive(principal: Principal): Promise<void> {
    const sessionId = principal.sessionId;
    if (!sessionId) return;
    const now = Date.now();
    const hit = this.known.get(sessionId);
    const active = hit && now - hit.at < SESSION_CHECK_MS ? hit.active : await this.ask(sessionId);
    if (!active)
      throw new AppError('UNAUTHENTICATED', 'This session has ended (signed out or disabled): sign in again.');
  }

  private ask(sessionId: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(sessionId) ?? [];
      list.push((r) => (r instanceof Error ? reject(r) : resolve(r)));
      this.waiting.set(sessionId, list);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Asks staff about every session waiting, in one call. */
  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    this.scheduled = false;
    const ids = [...batch.keys()];
    try {
      const { activeStaffSessions } = await this.staff.request('staff', ActiveStaffSessionsDocument, {
        sessionIds: ids,
      });
      const active = new Set(activeStaffSessions);
      const at = Date.now();
      if (this.known.size > 50_000) this.known.clear();
      for (const id of ids) {
        this.known.set(id, { active: active.has(id), at });
        for (const settle of batch.get(id)!) settle(active.has(id));
      }
    } catch (e) {
      // Fail closed: a staff token is not honoured while nobody can say its session is alive.
      if (!(e instanceof SubgraphUnavailableError)) this.log.error('staff session check failed', { error: String(e) });
      const error = new StaffSessionsUnavailable();
      for (const settles of batch.values()) for (const settle of settles) settle(error);
    }
  }

  async route(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const error = (
      status: number,
      code: string,
      description: string,
      extra: Record<string, unknown> = {},
      headers: Record<string, string> = {},
    ) =>
      sendJson(
        res,
        status,
        { error: code, error_description: description, ...extra },
        { 'cache-control': 'no-store', ...headers },
      );
    if (!['/auth/staff/sign-in', '/auth/staff/totp/confirm', '/auth/staff/refresh'].includes(path))
      return error(
        404,
        'not_found',
        `No route ${path}: use /auth/staff/sign-in, /auth/staff/totp/confirm or /auth/staff/refresh.`,
      );
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST.');
    const ip = this.limits?.clientIp(req) ?? req.socket.remoteAddress ?? 'unknown';
    const admitted = await this.limits?.admitTokenRequest(ip);
    if (admitted) return sendOAuthRateLimited(res, admitted);

    const params = parseForm(req, body);
    const problem = formProblem(params, FIELD_LIMITS);
    if (problem) return error(400, 'invalid_request', problem);
    // Shown back to the member in their session list: printable text only, as the staff input rules require.
    const userAgent = (req.headers['user-agent'] ?? '').replace(CONTROL_CHARS, ' ').slice(0, 200) || null;
    const device = { ipAddress: ip.slice(0, 64), userAgent };

    let answer: StaffSignInAnswerFragment;
    try {
      if (path === '/auth/staff/sign-in') {
        if (!params.login_name || !params.password)
          return error(400, 'invalid_request', 'login_name and password are required.');
        ({ signInStaff: answer } = await this.staff.request('staff', SignInStaffDocument, {
          input: {
            loginName: params.login_name,
            password: params.password,
            totpCode: params.totp_code || null,
            device,
          },
        }));
      } else if (path === '/auth/staff/totp/confirm') {
        if (!params.challenge_token || !params.totp_code)
          return error(400, 'invalid_request', 'challenge_token and totp_code are required.');
        ({ confirmStaffTotpEnrolment: answer } = await this.staff.request('staff', ConfirmStaffTotpEnrolmentDocument, {
          input: { challengeToken: params.challenge_token, totpCode: params.totp_code, device },
        }));
      } else {
        if (!params.refresh_token) return error(400, 'invalid_request', 'refresh_token is required.');
        ({ refreshStaffSession: answer } = await this.staff.request('staff', RefreshStaffSessionDocument, {
          input: { refreshToken: params.refresh_token },
        }));
      }
    } catch (e) {
      if (e instanceof SubgraphUnavailableError)
        return error(
          503,
          'temporarily_unavailable',
          'Sign-in is unavailable right now; nothing was checked. Retry shortly.',
          {},
          { 'retry-after': '5' },
        );
      if (e instanceof AppError) return error(400, 'invalid_request', e.message);
      throw e;
    }

    switch (answer.outcome) {
      case 'SIGNED_IN': {
        const t = answer.tokens!;
        // A refreshed session is known active at once (no extra check on its first request).
        this.known.set(t.sessionId, { active: true, at: Date.now() });
        return sendJson(
          res,
          200,
          {
            access_token: t.accessToken,
            token_type: 'Bearer',
            expires_in: t.expiresIn,
            refresh_token: t.refreshToken,
            session_id: t.sessionId,
            // Only when an enrolment was just confirmed: the member's recovery codes, shown this once.
            ...(answer.recoveryCodes ? { recovery_codes: answer.recoveryCodes } : {}),
          },
          { 'cache-control': 'no-store' },
        );
      }
      case 'TOTP_REQUIRED':
        return error(
          401,
          'totp_required',
          'Send the 6-digit code from your authenticator app (or one of your recovery codes) as totp_code, with your login name and password.',
        );
      case 'TOTP_ENROLMENT_REQUIRED': {
        const e = answer.enrolment!;
        return error(
          403,
          'totp_enrolment_required',
          'This account signs in with a second factor (administrators always; anyone whose authenticator an administrator reset). Add totp_secret (or otpauth_uri) to an authenticator app, then POST its current code with challenge_token to /auth/staff/totp/confirm within 10 minutes (its answer carries your recovery codes, shown once). The secret is shown only now.',
          { challenge_token: e.challengeToken, totp_secret: e.totpSecret, otpauth_uri: e.otpauthUri },
        );
      }
      case 'LOCKED':
        return error(
          429,
          'locked',
          `Too many failed sign-ins for this login name: try again in ${answer.retryAfterSeconds} s.`,
          { retry_after: answer.retryAfterSeconds },
          { 'retry-after': String(answer.retryAfterSeconds) },
        );
      default:
        if (path === '/auth/staff/refresh')
          return error(
            401,
            'invalid_grant',
            'The refresh token is not valid (used, expired or signed out): sign in again.',
          );
        return error(
          401,
          'invalid_credentials',
          answer.retryAfterSeconds
            ? `Wrong login name, password or code. Further attempts wait ${answer.retryAfterSeconds} s.`
            : 'Wrong login name, password or code.',
          answer.retryAfterSeconds ? { retry_after: answer.retryAfterSeconds } : {},
        );
    }
  }
}
