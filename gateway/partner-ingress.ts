/**
 * Partner ingress: a supplier's partner API posts asynchronous perk-issue results to the gateway's
 * public origin, `POST /partners/<SUPPLIER_ID>/callbacks`, and the gateway passes them to logistics
 * unchanged — raw body bytes and the timestamp and signature headers — because logistics checks the
 * HMAC over exactly those bytes with that supplier's secret
 * (subgraphs/logistics/resolvers/partner-callback.route.ts). Logistics' answer (200, 400, 401) comes
 * back as it is. Like the carrier ingress, the gateway only bounds the body and refuses other paths.
 */
import type http from 'node:http';
import { subgraphUrl } from '../core/config';
import { REQUEST_ID_HEADER, sendJson, type RouteHandler } from '../core/http';
import type { Logger } from '../core/logger';
import { requestContext } from '../core/request-context';
import { readRaw } from './carrier-ingress';

const CALLBACK_PATH = /^\/partners\/([1-9]\d{0,9})\/callbacks$/;
/** A callback is one small result document (logistics takes at most 64 KiB). */
const MAX_BODY_BYTES = 64 * 1024;
const FORWARD_TIMEOUT_MS = 10_000;
const FORWARDED = ['content-type', 'x-perkmall-timestamp', 'x-perkmall-signature'];

function tooLarge(res: http.ServerResponse, req: http.IncomingMessage): void {
  sendJson(
    res,
    413,
    { error: 'PAYLOAD_TOO_LARGE', message: `A partner callback body may be at most ${MAX_BODY_BYTES} bytes.` },
    { connection: 'close' },
  );
  req.resume();
}

export function partnerIngressRoute(log: Logger): RouteHandler {
  const logisticsOrigin = new URL(subgraphUrl('logistics')).origin;
  const handler: RouteHandler = async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const match = CALLBACK_PATH.exec(path);
    if (!match)
      return sendJson(res, 404, {
        error: 'NOT_FOUND',
        message: `No route ${path}. Partners post to /partners/<SUPPLIER_ID>/callbacks.`,
      });
    if (req.method !== 'POST')
      return sendJson(res, 405, { error: 'METHOD_NOT_ALLOWED', message: 'Use POST.' }, { allow: 'POST' });
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return tooLarge(res, req);
    const body = await readRaw(req, MAX_BODY_BYTES);
    if (!body) return tooLarge(res, req);

    const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestContext.getStore()?.requestId ?? '' };
    for (const name of FORWARDED) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    let answer: Response;
    try {
      answer = await fetch(`${logisticsOrigin}/partners/${match[1]}/callbacks`, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      });
    } catch (e) {
      log.warn('partner callback not delivered: logistics unavailable', {
        supplierId: match[1],
        error: e instanceof Error ? e.message : String(e),
      });
      return sendJson(
        res,
        503,
        {
          error: 'SERVICE_UNAVAILABLE',
          message: 'Deliveries are temporarily unavailable; nothing was recorded. Send the callback again shortly.',
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
