/**
 * Bank event file uploads at the gateway: `/bank-event-files/<id>` (PUT a chunk at ?offset=n, HEAD
 * or GET the committed offset) and `/bank-event-files/<id>/errors.csv`. The caller is authenticated
 * as for /graphql (access token, staff session, revoked apps, rate limit) before a byte of the body
 * is read; the chunk (at most 8 MiB, the only body buffered) goes to loyalty with an identity token
 * for loyalty, and loyalty's answer (its status, the `upload-offset` header, the CSV stream) comes
 * back as it is. Loyalty decides who may touch which file.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { subgraphUrl } from '../core/config';
import { AppError } from '../core/errors';
import { IDENTITY_HEADER, type Principal, type ReusedTokens } from '../core/identity';
import { readRawBody, REQUEST_ID_HEADER, sendJson, type RouteHandler } from '../core/http';
import type { Logger } from '../core/logger';
import { requestContext } from '../core/request-context';
import type { EdgeAuth } from './auth';
import type { EdgeRateLimits } from './rate-limits';
import type { RevokedPartnerApps } from './revoked-apps';
import type { StaffAuth } from './staff-auth';

const PATH = /^\/bank-event-files\/\d{1,12}(\/errors\.csv)?$/;
/** One chunk (8 MiB, as loyalty's limit) plus nothing: a bigger body is refused before it is read. */
const MAX_CHUNK_BYTES = 8 * 1024 * 1024;
const FORWARD_TIMEOUT_MS = 120_000;

export function bankEventFilesRoute(
  log: Logger,
  deps: {
    edgeAuth: EdgeAuth;
    staffAuth: StaffAuth;
    revokedApps: RevokedPartnerApps;
    rateLimits: EdgeRateLimits;
    identityTokens: ReusedTokens;
  },
): RouteHandler {
  const loyaltyOrigin = new URL(subgraphUrl('loyalty')).origin;
  const handler: RouteHandler = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!PATH.test(url.pathname))
      return sendJson(res, 404, { error: 'NOT_FOUND', message: `No route ${url.pathname}.` });
    let principal: Principal;
    try {
      principal = await deps.edgeAuth.principalOf(req);
      await deps.staffAuth.assertSessionActive(principal);
    } catch (e) {
      return sendJson(res, 401, {
        error: 'UNAUTHENTICATED',
        message: e instanceof AppError ? e.message : 'Invalid access token.',
      });
    }
    if (deps.revokedApps.covers(principal))
      return sendJson(res, 401, { error: 'UNAUTHENTICATED', message: 'This partner app was revoked.' });
    const refused = await deps.rateLimits.admitOperation(principal);
    if (refused)
      return sendJson(
        res,
        429,
        { error: 'RATE_LIMITED', message: `${refused.message} Retry after ${refused.retryAfterSeconds} s.` },
        { 'retry-after': String(refused.retryAfterSeconds) },
      );
    let body: Buffer | undefined;
    if (req.method === 'PUT') {
      if (Number(req.headers['content-length'] ?? 0) > MAX_CHUNK_BYTES)
        return sendJson(
          res,
          413,
          { error: 'PAYLOAD_TOO_LARGE', message: `A chunk may be at most ${MAX_CHUNK_BYTES} bytes.` },
          { connection: 'close' },
        );
      // Past the limit the connection is cut at once: an 8 MiB chunk is not worth draining.
      const raw = await readRawBody(req, MAX_CHUNK_BYTES);
      if (!raw)
        return sendJson(res, 413, {
          error: 'PAYLOAD_TOO_LARGE',
          message: `A chunk may be at most ${MAX_CHUNK_BYTES} bytes.`,
        });
      body = raw;
    }
    const headers: Record<string, string> = {
      [REQUEST_ID_HEADER]: requestContext.getStore()?.requestId ?? '',
      [IDENTITY_HEADER]: await deps.identityTokens.for(principal, 'loyalty'),
      'content-type': 'application/octet-stream',
    };
    let answer: Response;
    try {
      answer = await fetch(`${loyaltyOrigin}${url.pathname}${url.search}`, {
        method: req.method,
        headers,
        body,
        signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      });
    } catch (e) {
      log.warn('bank event file request not delivered: loyalty unavailable', {
        error: e instanceof Error ? e.message : String(e),
      });
      return sendJson(
        res,
        503,
        {
          error: 'SERVICE_UNAVAILABLE',
          message: 'Points are temporarily unavailable; ask for the committed offset (HEAD) and send from there.',
        },
        { 'retry-after': '5' },
      );
    }
    const out: Record<string, string> = {};
    for (const name of ['content-type', 'content-disposition', 'upload-offset', 'upload-length'])
      if (answer.headers.get(name)) out[name] = answer.headers.get(name)!;
    res.writeHead(answer.status, out);
    if (!answer.body || req.method === 'HEAD') {
      res.end();
      return;
    }
    // Streamed (the error CSV may be long); a break on either side ends the response, never the process.
    await pipeline(Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream), res).catch(
      (e: unknown) => {
        log.warn('bank event file response cut', { error: e instanceof Error ? e.message : String(e) });
        res.destroy();
      },
    );
  };
  handler.streamsBody = true;
  return handler;
}
