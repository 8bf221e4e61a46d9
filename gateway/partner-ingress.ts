/**
 * Partner ingress: a supplier's partner API posts asynchronous perk-issue results to
 * `POST /partners/<SUPPLIER_ID>/callbacks`; the gateway passes them to logistics unchanged
 * (gateway/signed-ingress.ts), which checks the HMAC over the raw body with that supplier's secret
 * (subgraphs/logistics/resolvers/partner-callback.route.ts).
 */
import type { RouteHandler } from '../core/http';
import type { Logger } from '../core/logger';
import { signedIngressRoute } from './signed-ingress';

export function partnerIngressRoute(log: Logger): RouteHandler {
  return signedIngressRoute(
    {
      path: /^\/partners\/([1-9]\d{0,9})\/callbacks$/,
      usage: 'Partners post to /partners/<SUPPLIER_ID>/callbacks.',
      // A callback is one small result document (logistics takes at most 64 KiB).
      maxBodyBytes: 64 * 1024,
      tooLargeAdvice: 'send one result per callback',
      headers: ['content-type', 'x-perkmall-timestamp', 'x-perkmall-signature'],
      target: (supplierId) => `/partners/${supplierId}/callbacks`,
      what: 'partner callback',
      unavailable: 'Deliveries are temporarily unavailable; nothing was recorded. Send the callback again shortly.',
    },
    log,
  );
}
