/**
 * Carrier ingress: carriers push tracking events to `POST /carriers/<CODE>/events`; the gateway
 * passes them to logistics unchanged (gateway/signed-ingress.ts), which checks the HMAC over the raw
 * body (subgraphs/logistics/resolvers/carrier-callback.route.ts).
 */
import { positiveIntFromEnv } from '../core/config';
import type { RouteHandler } from '../core/http';
import type { Logger } from '../core/logger';
import { signedIngressRoute } from './signed-ingress';

/** The header logistics checks (`sha256=<hex HMAC-SHA256 of the raw body>`). */
export const CARRIER_SIGNATURE_HEADER = 'x-perkmall-signature';
/** A callback carries at most 100 events; 1 MB is far above that and matches the gateway's default. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export function carrierMaxBodyBytes(): number {
  return positiveIntFromEnv('PERKMALL_CARRIER_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES);
}

export function carrierIngressRoute(log: Logger): RouteHandler {
  return signedIngressRoute(
    {
      path: /^\/carriers\/([A-Za-z0-9_-]{1,32})\/events$/,
      usage: 'Carriers post to /carriers/<CODE>/events.',
      maxBodyBytes: carrierMaxBodyBytes(),
      tooLargeAdvice: 'send fewer events per callback',
      headers: ['content-type', CARRIER_SIGNATURE_HEADER],
      target: (code) => `/carriers/${code}/events`,
      what: 'carrier callback',
      unavailable: 'Tracking is temporarily unavailable; nothing was recorded. Send the events again shortly.',
    },
    log,
  );
}
