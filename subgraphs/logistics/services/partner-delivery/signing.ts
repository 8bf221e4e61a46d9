import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of the partner delivery protocol (docs/partner-delivery-protocol.md), both ways:
 * HMAC-SHA256 with the supplier's shared secret over `<timestamp>.<payload>`, where the timestamp
 * is Unix seconds and the payload is the raw request body (or, for a request without a body, the
 * idempotency key it names). Sent as `X-Perkmall-Timestamp: <seconds>` and
 * `X-Perkmall-Signature: v1=<lowercase hex>`; a receiver refuses a timestamp more than five minutes
 * away from its own clock, so a captured request cannot be replayed later.
 */
export const TIMESTAMP_HEADER = 'x-perkmall-timestamp';
export const SIGNATURE_HEADER = 'x-perkmall-signature';
export const REPLAY_WINDOW_SECONDS = 300;

export function signPayload(secret: string, timestamp: number, payload: Buffer | string): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(payload);
  return `v1=${mac.digest('hex')}`;
}

/** The two headers for a payload signed now. */
export function signedHeaders(secret: string, payload: Buffer | string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signPayload(secret, timestamp, payload) };
}

export type SignatureCheck = 'OK' | 'MISSING' | 'STALE' | 'BAD_SIGNATURE';

/**
 * Checks the headers against the payload: the timestamp must be within the replay window and one
 * of the `v1=` signatures (a sender may list several, comma-separated, while rotating secrets) must
 * match, compared in constant time.
 */
export function checkSignature(
  secret: string,
  payload: Buffer | string,
  timestampHeader: string | undefined,
  signatureHeader: string | undefined,
  now = Date.now(),
): SignatureCheck {
  if (!timestampHeader || !signatureHeader) return 'MISSING';
  if (!/^\d{1,12}$/.test(timestampHeader)) return 'STALE';
  const timestamp = Number(timestampHeader);
  if (Math.abs(now / 1000 - timestamp) > REPLAY_WINDOW_SECONDS) return 'STALE';
  const expected = Buffer.from(signPayload(secret, timestamp, payload).slice(3), 'hex');
  for (const part of signatureHeader.split(',')) {
    const match = /^\s*v1=([0-9a-fA-F]{64})\s*$/.exec(part);
    if (match && timingSafeEqual(Buffer.from(match[1]!, 'hex'), expected)) return 'OK';
  }
  return 'BAD_SIGNATURE';
}
