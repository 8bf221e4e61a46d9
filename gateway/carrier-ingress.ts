/**
 * Carrier ingress: carriers push tracking events to the gateway's public origin,
 * `POST /carriers/<CODE>/events`, and the gateway passes them to the logistics process unchanged —
 * the raw body bytes and the signature header — because logistics checks the HMAC over exactly those
 * bytes (subgraphs/logistics/resolvers/carrier-callback.route.ts). Logistics' answer (200, 400, 401)
 * comes back as it is. The gateway only bounds the body and refuses paths that are not a carrier's
 * events endpoint, so nothing else on the private logistics process is reachable this way.
 */
import type http from 'node:http';
import { positiveIntFromEnv, subgraphUrl } from '../core/config';
import { REQUEST_ID_HEADER, sendJson, type RouteHandler } from '../core/http';
import type { Logger } from '../core/logger';
import { requestContext } from '../core/request-context';

/** The header logistics checks (`sha256=<hex HMAC-SHA256 of the raw body>`). */
export const CARRIER_SIGNATURE_HEADER = 'x-perkmall-signature';
const EVENTS_PATH = /^\/carriers\/([A-Za-z0-9_-]{1,32})\/events$/;
/** A callback carries at most 100 events; 1 MB is far above that and matches the gateway's default. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const FORWARD_TIMEOUT_MS = 10_000;

export function carrierMaxBodyBytes(): number {
  return positiveIntFromEnv('PERKMALL_CARRIER_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES);
}

function tooLarge(res: http.ServerResponse, req: http.IncomingMessage, limit: number): void {
  // Answer, then drop the connection rather than read the rest of an oversized body.
  sendJson(
    res,
    413,
    {
      error: 'PAYLOAD_TOO_LARGE',
      message: `A carrier callback body may be at most ${limit} bytes; send fewer events per callback.`,
    },
    { connection: 'close' },
  );
  req.resume();
}

/**
 * The body as bytes, or null when it passes the limit. Past the limit the rest is read and dropped
 * (so the sender gets the 413 rather than a reset connection), up to 8× the limit; beyond that the
 * connection is cut.
 */
export function readRaw(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > 8 * limit) req.destroy();
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => resolve(null));
  });
}

export function carrierIngressRoute(log: Logger): RouteHandler {
  const logisticsOrigin = new URL(subgraphUrl('logistics')).origin;
  const limit = carrierMaxBodyBytes();
  const handler: RouteHandler = async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const match = EVENTS_PATH.exec(path);
    if (!match)
      return sendJson(res, 404, {
        error: 'NOT_FOUND',
        message: `No route ${path}. Carriers post to /carriers/<CODE>/events.`,
      });
    if (req.method !== 'POST')
      return sendJson(res, 405, { error: 'METHOD_NOT_ALLOWED', message: 'Use POST.' }, { allow: 'POST' });
    if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge(res, req, limit);
    const body = await readRaw(req, limit);
    if (!body) return tooLarge(res, req, limit);

    const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestContext.getStore()?.requestId ?? '' };
    for (const name of ['content-type', CARRIER_SIGNATURE_HEADER]) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    let answer: Response;
    try {
      answer = await fetch(`${logisticsOrigin}/carriers/${match[1]}/events`, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      });
    } catch (e) {
      log.warn('carrier callback not delivered: logistics unavailable', {
        carrier: match[1],
        error: e instanceof Error ? e.message : String(e),
      });
      return sendJson(
        res,
        503,
        {
          error: 'SERVICE_UNAVAILABLE',
          message: 'Tracking is temporarily unavailable; nothing was recorded. Send the events again shortly.',
        },
        { 'retry-after': '5' },
      );
    }
    const payload = Buffer.from(await answer.arrayBuffer());
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json; charset=utf-8',
      'content-length': payload.length,
    });
    res.end(payload);
  };
  handler.streamsBody = true;
  return handler;
}
