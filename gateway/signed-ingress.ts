/**
 * Signed ingress: outside parties that sign what they send (carriers' tracking events, partners'
 * perk results) post to the gateway's public origin and the gateway passes the request on to the
 * private logistics process unchanged — the raw body bytes and the signature headers — because
 * logistics checks the HMAC over exactly those bytes. Logistics' answer (200, 400, 401) comes back
 * as it is. The gateway only bounds the body and refuses every other path, so nothing else on the
 * private process is reachable this way.
 */
import type http from 'node:http';
import { subgraphUrl } from '../core/config';
import { readRawBody, REQUEST_ID_HEADER, sendJson, type RouteHandler } from '../core/http';
import type { Logger } from '../core/logger';
import { requestContext } from '../core/request-context';

const FORWARD_TIMEOUT_MS = 10_000;

export interface SignedIngress {
  /** The public path; its first group is passed on (a carrier code, a supplier id). */
  path: RegExp;
  /** How a sender should post, for the 404 answer, e.g. "Carriers post to /carriers/<CODE>/events." */
  usage: string;
  maxBodyBytes: number;
  /** What the 413 says beyond the limit, e.g. "send fewer events per callback". */
  tooLargeAdvice: string;
  /** Headers passed on besides the request id (the signature, its timestamp, the content type). */
  headers: readonly string[];
  /** The logistics path for the matched group. */
  target: (group: string) => string;
  /** For the log: what a request is, e.g. "carrier callback". */
  what: string;
  /** The 503 message when logistics cannot be reached (nothing was recorded). */
  unavailable: string;
}

function tooLarge(res: http.ServerResponse, req: http.IncomingMessage, ingress: SignedIngress): void {
  // Answer, then drop the connection rather than read the rest of an oversized body.
  sendJson(
    res,
    413,
    {
      error: 'PAYLOAD_TOO_LARGE',
      message: `A ${ingress.what} body may be at most ${ingress.maxBodyBytes} bytes; ${ingress.tooLargeAdvice}.`,
    },
    { connection: 'close' },
  );
  req.resume();
}

export function signedIngressRoute(ingress: SignedIngress, log: Logger): RouteHandler {
  const logisticsOrigin = new URL(subgraphUrl('logistics')).origin;
  const handler: RouteHandler = async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const match = ingress.path.exec(path);
    if (!match) return sendJson(res, 404, { error: 'NOT_FOUND', message: `No route ${path}. ${ingress.usage}` });
    if (req.method !== 'POST')
      return sendJson(res, 405, { error: 'METHOD_NOT_ALLOWED', message: 'Use POST.' }, { allow: 'POST' });
    if (Number(req.headers['content-length'] ?? 0) > ingress.maxBodyBytes) return tooLarge(res, req, ingress);
    const body = await readRawBody(req, ingress.maxBodyBytes, 8);
    if (!body) return tooLarge(res, req, ingress);

    const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestContext.getStore()?.requestId ?? '' };
    for (const name of ingress.headers) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    let answer: Response;
    try {
      answer = await fetch(`${logisticsOrigin}${ingress.target(match[1]!)}`, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      });
    } catch (e) {
      log.warn(`${ingress.what} not delivered: logistics unavailable`, {
        sender: match[1],
        error: e instanceof Error ? e.message : String(e),
      });
      return sendJson(res, 503, { error: 'SERVICE_UNAVAILABLE', message: ingress.unavailable }, { 'retry-after': '5' });
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
