/**
 * The generic adapter: the signed-HTTP protocol of docs/partner-delivery-protocol.md.
 *
 *   POST {baseUrl}/issue                    → 200 DELIVERED | 200 FAILED | 202 PENDING
 *   GET  {baseUrl}/issue/{idempotencyKey}   → 200 (DELIVERED | FAILED | PENDING) | 404 NOT_FOUND
 *   POST {callbackUrl}                      ← the partner's asynchronous result, signed the same way
 *
 * What an answer means for the delivery job: only the partner's explicit word is definite. A 2xx
 * with a result is that result; a 4xx refusal of an issue request is FAILED (the partner will not
 * issue it: retrying cannot help); anything that leaves the outcome open — the time limit passing,
 * a refused connection, a 5xx, 408/425/429, a redirect, an unreadable body — is UNKNOWN, so the job
 * queries before it sends the request again.
 */
import { destinationProblem, readAnswerBounded } from '../../../../core/outbound-http';
import type {
  CallbackReading,
  IssuedVoucher,
  PartnerDeliveryAdapter,
  PartnerDeliveryStrategy,
  PartnerEndpointConfig,
  PerkIssueOutcome,
  PerkIssueRequest,
} from './adapter';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, checkSignature, signedHeaders } from './signing';

/** Idempotency keys travel in URLs: letters, digits and `._:-`, at most 100. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,100}$/;
/** A partner's answer is a small JSON document; more than this is not read. */
const MAX_ANSWER_BYTES = 64 * 1024;
const MAX_PARTNER_REF = 100;
const MAX_REASON = 500;
const MAX_CODE = 500;
const MAX_LINK = 2000;
/** Statuses that refuse for now, not for good: the request may be sent again later. */
const TRANSIENT_4XX = new Set([408, 425, 429]);

type QueryOutcome = PerkIssueOutcome | { kind: 'NOT_FOUND' };

class SignedHttpAdapter implements PartnerDeliveryAdapter {
  private readonly base: string;

  constructor(private readonly config: PartnerEndpointConfig) {
    this.base = config.baseUrl.replace(/\/+$/, '');
  }

  async issue(req: PerkIssueRequest): Promise<PerkIssueOutcome> {
    if (!IDEMPOTENCY_KEY.test(req.idempotencyKey))
      return { kind: 'FAILED', reason: `Idempotency key "${req.idempotencyKey}" is not of the protocol's form.` };
    const body = JSON.stringify({
      idempotencyKey: req.idempotencyKey,
      productCode: req.productCode,
      mode: req.mode,
      account: req.account ?? null,
      orderRef: req.orderRef,
      callbackUrl: req.callbackUrl ?? null,
    });
    const answer = await this.call('POST', '/issue', body, body);
    if ('error' in answer) return { kind: 'UNKNOWN', error: answer.error };
    const { status, json } = answer;
    if (status === 200) return resultOf(json) ?? malformed(status);
    if (status === 202) return { kind: 'PENDING', ...partnerRefOf(json) };
    if (status >= 400 && status < 500 && !TRANSIENT_4XX.has(status))
      return { kind: 'FAILED', reason: reasonOf(json) ?? `The partner refused the request (HTTP ${status}).` };
    return { kind: 'UNKNOWN', error: `The partner answered HTTP ${status}${detail(json)}.` };
  }

  async query(idempotencyKey: string): Promise<QueryOutcome> {
    if (!IDEMPOTENCY_KEY.test(idempotencyKey))
      return { kind: 'UNKNOWN', error: `Idempotency key "${idempotencyKey}" is not of the protocol's form.` };
    const answer = await this.call('GET', `/issue/${encodeURIComponent(idempotencyKey)}`, undefined, idempotencyKey);
    if ('error' in answer) return { kind: 'UNKNOWN', error: answer.error };
    const { status, json } = answer;
    if (status === 200) return resultOf(json) ?? malformed(status);
    if (status === 202) return { kind: 'PENDING', ...partnerRefOf(json) };
    // Only the protocol's own 404 proves the partner never saw the key; a proxy's or a wrong path's
    // 404 page does not, and neither does any other refusal of the question.
    if (status === 404 && isRecord(json) && json.status === 'NOT_FOUND') return { kind: 'NOT_FOUND' };
    return { kind: 'UNKNOWN', error: `The partner answered the query with HTTP ${status}${detail(json)}.` };
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    signed: string,
  ): Promise<{ status: number; json: unknown } | { error: string }> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...signedHeaders(this.config.secret, signed),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    // In production a partner's host must still resolve to public addresses only (core/outbound-http.ts).
    const refused = await destinationProblem(this.base);
    if (refused) return { error: `The partner's address was not called: ${refused}.` };
    const signal = AbortSignal.timeout(this.config.timeoutMs);
    try {
      // Never follow a redirect: the signed request goes to the configured partner and nowhere else.
      const res = await fetch(`${this.base}${path}`, { method, headers, body, signal, redirect: 'manual' });
      const { text, truncated } = await readAnswerBounded(res, MAX_ANSWER_BYTES);
      if (truncated) return { error: `The partner's answer (HTTP ${res.status}) exceeded ${MAX_ANSWER_BYTES} bytes.` };
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      return { status: res.status, json };
    } catch (e) {
      if (signal.aborted) return { error: `No answer from the partner within ${this.config.timeoutMs} ms.` };
      const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
      return { error: `The partner could not be reached (${e instanceof Error ? e.message : String(e)}${cause}).` };
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shortString(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.length >= 1 && value.length <= max ? value : null;
}

function partnerRefOf(json: unknown): { partnerRef?: string } {
  const ref = isRecord(json) ? shortString(json.partnerRef, MAX_PARTNER_REF) : null;
  return ref ? { partnerRef: ref } : {};
}

function reasonOf(json: unknown): string | null {
  if (!isRecord(json)) return null;
  const reason = json.reason ?? json.message;
  return typeof reason === 'string' && reason.trim() ? reason.trim().slice(0, MAX_REASON) : null;
}

function detail(json: unknown): string {
  const reason = reasonOf(json);
  return reason ? `: ${reason}` : '';
}

function malformed(status: number): PerkIssueOutcome {
  return {
    kind: 'UNKNOWN',
    error: `The partner's answer (HTTP ${status}) is not a result of the protocol (status DELIVERED with partnerRef, FAILED with reason, or PENDING).`,
  };
}

function voucherOf(value: unknown): IssuedVoucher | null | undefined {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) return undefined;
  const voucher: IssuedVoucher = {};
  for (const [field, max] of [
    ['code', MAX_CODE],
    ['link', MAX_LINK],
  ] as const) {
    const v = value[field];
    if (v === undefined || v === null) continue;
    if (!shortString(v, max)) return undefined;
    voucher[field] = v as string;
  }
  if (voucher.link && !/^https?:\/\//i.test(voucher.link)) return undefined;
  if (value.expiresAt !== undefined && value.expiresAt !== null) {
    if (typeof value.expiresAt !== 'string' || Number.isNaN(Date.parse(value.expiresAt))) return undefined;
    voucher.expiresAt = new Date(value.expiresAt).toISOString();
  }
  return voucher;
}

/** A result document (`{ status, partnerRef, voucher, reason }`), or null when it is not one. */
export function resultOf(json: unknown): PerkIssueOutcome | null {
  if (!isRecord(json)) return null;
  switch (json.status) {
    case 'DELIVERED': {
      const partnerRef = shortString(json.partnerRef, MAX_PARTNER_REF);
      const voucher = voucherOf(json.voucher);
      if (!partnerRef || voucher === undefined) return null;
      return { kind: 'DELIVERED', partnerRef, voucher };
    }
    case 'FAILED':
      return { kind: 'FAILED', reason: reasonOf(json) ?? 'The partner refused without giving a reason.' };
    case 'PENDING':
      return { kind: 'PENDING', ...partnerRefOf(json) };
    default:
      return null;
  }
}

/** A callback: signature and replay window first, then the body `{ idempotencyKey, status, … }`. */
function readCallback(
  config: PartnerEndpointConfig,
  rawBody: Buffer,
  headers: Record<string, string | undefined>,
): CallbackReading {
  const check = checkSignature(config.secret, rawBody, headers[TIMESTAMP_HEADER], headers[SIGNATURE_HEADER]);
  if (check === 'MISSING')
    return { ok: false, status: 401, message: `Send ${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER} (v1=<hex>).` };
  if (check === 'STALE')
    return {
      ok: false,
      status: 401,
      message: `${TIMESTAMP_HEADER} is more than 5 minutes from our clock; sign with the current Unix time in seconds.`,
    };
  if (check === 'BAD_SIGNATURE')
    return {
      ok: false,
      status: 401,
      message: `${SIGNATURE_HEADER} does not match: HMAC-SHA256 of "<timestamp>.<raw body>" with the endpoint's secret.`,
    };
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, status: 400, message: 'The callback body is not JSON.' };
  }
  const key = isRecord(json) ? json.idempotencyKey : undefined;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))
    return {
      ok: false,
      status: 400,
      message: 'idempotencyKey must be the key of the issue request (1–100 of A-Za-z0-9._:-).',
    };
  const outcome = resultOf(json);
  if (!outcome)
    return {
      ok: false,
      status: 400,
      message:
        'status must be DELIVERED (with partnerRef and an optional voucher { code, link, expiresAt }), FAILED (with reason) or PENDING.',
    };
  return { ok: true, callback: { idempotencyKey: key, outcome } };
}

export const signedHttpStrategy: PartnerDeliveryStrategy = {
  name: 'signed-http',
  create: (config) => new SignedHttpAdapter(config),
  readCallback,
};
