import type http from 'node:http';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { HttpError, readRawBody, sendJson, type RouteHandler } from '../../../core/http';
import type { Logger } from '../../../core/logger';
import { readPartnerCallback, type CallbackReading } from '../services/partner-delivery/adapter';
import { PartnerEndpointService } from '../services/partner-endpoint.service';
import { onPartnerCallback } from '../services/perk-delivery.service';

const PATH = /^\/partners\/([1-9]\d{0,9})\/callbacks$/;
/** A callback is one small result document. */
export const PARTNER_CALLBACK_MAX_BYTES = 64 * 1024;

function headersOf(req: http.IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) out[name] = Array.isArray(value) ? value[0] : value;
  return out;
}

/**
 * `POST /partners/<supplierId>/callbacks`: a supplier's partner API posts the asynchronous result
 * of an issue request, signed with the endpoint's shared secret (docs/partner-delivery-protocol.md).
 * Not authentic (no endpoint, missing, wrong or stale signature) is 401 and nothing is read further;
 * signed but unreadable is 400; otherwise the result goes to the delivery job's hook and the answer
 * is 200 `{ received: true, applied }` (applied false: a repeat, or a key we do not know).
 */
export function partnerCallbackRoutes(orm: MikroORM, log: Logger): Record<string, RouteHandler> {
  const handler: RouteHandler = async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const match = PATH.exec(path);
    if (!match)
      throw new HttpError(404, `No route ${path}. Partners post to /partners/<supplierId>/callbacks.`, 'NOT_FOUND');
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST.', 'METHOD_NOT_ALLOWED');
    if (Number(req.headers['content-length'] ?? 0) > PARTNER_CALLBACK_MAX_BYTES)
      return sendJson(
        res,
        413,
        { error: 'PAYLOAD_TOO_LARGE', message: `At most ${PARTNER_CALLBACK_MAX_BYTES} bytes.` },
        { connection: 'close' },
      );
    const body = await readRawBody(req, PARTNER_CALLBACK_MAX_BYTES);
    if (!body)
      return sendJson(
        res,
        413,
        { error: 'PAYLOAD_TOO_LARGE', message: `At most ${PARTNER_CALLBACK_MAX_BYTES} bytes.` },
        { connection: 'close' },
      );
    const supplierId = Number(match[1]);
    const em = orm.em.fork() as SqlEntityManager;
    const configs = await new PartnerEndpointService(em).callbackConfigs(supplierId);
    const headers = headersOf(req);
    let reading: CallbackReading = {
      ok: false,
      status: 401,
      message: `Supplier ${supplierId} has no partner endpoint; nothing is accepted for it.`,
    };
    // The current secret, then (during a rotation's overlap) the previous one.
    for (const config of configs) {
      reading = readPartnerCallback(config, body, headers);
      if (reading.ok || reading.status !== 401) break;
    }
    if (!reading.ok) {
      log.warn('partner callback refused', { supplierId, status: reading.status, reason: reading.message });
      return sendJson(res, reading.status, {
        error: reading.status === 401 ? 'UNAUTHENTICATED' : 'BAD_USER_INPUT',
        message: reading.message,
      });
    }
    const { idempotencyKey, outcome } = reading.callback;
    const { applied } = await onPartnerCallback(em, supplierId, idempotencyKey, outcome);
    log.info('partner callback', { supplierId, idempotencyKey, outcome: outcome.kind, applied });
    sendJson(res, 200, { received: true, idempotencyKey, applied });
  };
  handler.streamsBody = true;
  return { '/partners/*': handler };
}
