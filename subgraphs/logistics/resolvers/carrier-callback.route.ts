import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { AppError } from '../../../core/errors';
import { HttpError, sendJson, type RouteHandler } from '../../../core/http';
import type { Logger } from '../../../core/logger';
import { CarrierCallbacks, SIGNATURE_HEADER, parseCallback } from '../services/tracking.service';

const PATH = /^\/carriers\/([A-Za-z0-9_-]{1,32})\/events$/;

/**
 * `POST /carriers/<code>/events`: a carrier pushes tracking events, signed with its own secret
 * (`x-perkmall-signature: sha256=<hex HMAC-SHA256 of the raw body>`). A missing or wrong signature
 * is 401 and nothing is read further or written; a malformed body is 400 and nothing is written.
 * Otherwise 200 with each event's outcome: RECORDED, DUPLICATE (a replay) or UNKNOWN_SHIPMENT
 * (no shipment with that tracking number yet; send it again later).
 */
export function carrierCallbackRoutes(orm: MikroORM, log: Logger): Record<string, RouteHandler> {
  return {
    '/carriers/*': async (req, res, body) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const match = PATH.exec(path);
      if (!match) throw new HttpError(404, `No route ${path}.`, 'NOT_FOUND');
      if (req.method !== 'POST') throw new HttpError(405, 'Use POST.', 'METHOD_NOT_ALLOWED');
      const callbacks = new CarrierCallbacks(orm.em.fork() as SqlEntityManager);
      const header = req.headers[SIGNATURE_HEADER];
      const carrier = await callbacks.authenticate(match[1]!, body, Array.isArray(header) ? header[0] : header);
      if (!carrier) {
        log.warn('carrier callback refused: bad signature', { carrier: match[1] });
        sendJson(res, 401, {
          error: 'UNAUTHENTICATED',
          message: `Missing or invalid ${SIGNATURE_HEADER} for carrier ${match[1]}.`,
        });
        return;
      }
      let events;
      try {
        events = parseCallback(body);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        sendJson(res, 400, { error: 'BAD_USER_INPUT', message: e.message, problems: e.extensions.problems ?? [] });
        return;
      }
      sendJson(res, 200, { results: await callbacks.record(carrier, events) });
    },
  };
}
