/**
 * How a supplier's perks are issued through its own API (issue 18): a strategy interface in the
 * style of Vendure's config strategies. Each supplier with API delivery has a `PartnerEndpoint`
 * naming an adapter; `partnerAdapterFor` builds it from the registry below. The built-in
 * `signed-http` adapter speaks the documented protocol (docs/partner-delivery-protocol.md); a
 * supplier with its own API gets a strategy of its own, registered with
 * `registerPartnerDeliveryStrategy` from its own module, without touching this file or the delivery
 * job that calls it.
 */
import { signedHttpStrategy } from './signed-http';

export type ApiDeliveryMode = 'DIRECT_TOPUP' | 'PARTNER_ISSUED';

export interface PerkIssueRequest {
  /** One per order line unit: `pm-<orderLineId>-<unitIndex>`. The partner issues at most once per key. */
  idempotencyKey: string;
  /** The partner's product code (Sku.partnerProductCode). */
  productCode: string;
  mode: ApiDeliveryMode;
  /** DIRECT_TOPUP: the customer's account at the partner. */
  account?: string | null;
  /** Our order id (for the partner's bill). */
  orderRef: string;
  /** Where the partner may post an asynchronous result. */
  callbackUrl?: string | null;
}

export interface IssuedVoucher {
  code?: string | null;
  link?: string | null;
  expiresAt?: string | null;
}

export type PerkIssueOutcome =
  | { kind: 'DELIVERED'; partnerRef: string; voucher?: IssuedVoucher | null }
  /** A definite refusal by the partner: retrying cannot help. */
  | { kind: 'FAILED'; reason: string }
  /** Accepted; the result comes by callback or query. */
  | { kind: 'PENDING'; partnerRef?: string }
  /** Timeout / network / 5xx: query before re-sending. */
  | { kind: 'UNKNOWN'; error: string };

export interface PartnerDeliveryAdapter {
  issue(req: PerkIssueRequest): Promise<PerkIssueOutcome>;
  /** Asks the partner what became of a request; NOT_FOUND = the partner never saw it (safe to re-send). */
  query(idempotencyKey: string): Promise<PerkIssueOutcome | { kind: 'NOT_FOUND' }>;
}

export interface PartnerEndpointConfig {
  supplierId: number;
  adapter: string;
  baseUrl: string;
  secret: string;
  timeoutMs: number;
}

/** A verified asynchronous result from a partner. */
export interface PartnerCallback {
  idempotencyKey: string;
  outcome: PerkIssueOutcome;
}

/** What checking a callback found: the result, or why it is refused (401 not authentic, 400 unreadable). */
export type CallbackReading =
  { ok: true; callback: PartnerCallback } | { ok: false; status: 400 | 401; message: string };

export interface PartnerDeliveryStrategy {
  readonly name: string;
  create(config: PartnerEndpointConfig): PartnerDeliveryAdapter;
  /**
   * Checks and reads a callback the partner posted (raw bytes + lower-case headers). Left out, the
   * signed-HTTP protocol's callback format and signature apply.
   */
  readCallback?(
    config: PartnerEndpointConfig,
    rawBody: Buffer,
    headers: Record<string, string | undefined>,
  ): CallbackReading;
}

const strategies = new Map<string, PartnerDeliveryStrategy>([[signedHttpStrategy.name, signedHttpStrategy]]);

/** The adapter every endpoint gets unless it names another. */
export const DEFAULT_PARTNER_ADAPTER = signedHttpStrategy.name;

/** Adds (or, for the same name, replaces) a strategy; call it once at start-up from the strategy's module. */
export function registerPartnerDeliveryStrategy(strategy: PartnerDeliveryStrategy): void {
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(strategy.name))
    throw new Error(`Partner delivery strategy name "${strategy.name}" must be 1–40 lower-case letters, digits or -.`);
  strategies.set(strategy.name, strategy);
}

/** The names an endpoint may choose from. */
export function partnerDeliveryStrategyNames(): string[] {
  return [...strategies.keys()].sort();
}

function strategyFor(name: string): PartnerDeliveryStrategy {
  const strategy = strategies.get(name);
  if (!strategy)
    throw new Error(
      `No partner delivery adapter named "${name}"; known: ${partnerDeliveryStrategyNames().join(', ')}.`,
    );
  return strategy;
}

/** Chooses the adapter by config.adapter ('signed-http' is the built-in default); unknown name throws. */
export function partnerAdapterFor(config: PartnerEndpointConfig): PartnerDeliveryAdapter {
  return strategyFor(config.adapter || DEFAULT_PARTNER_ADAPTER).create(config);
}

/** Checks a callback with the supplier's adapter, saying why when it is refused. */
export function readPartnerCallback(
  config: PartnerEndpointConfig,
  rawBody: Buffer,
  headers: Record<string, string | undefined>,
): CallbackReading {
  const strategy = strategyFor(config.adapter || DEFAULT_PARTNER_ADAPTER);
  return (strategy.readCallback ?? signedHttpStrategy.readCallback!)(config, rawBody, headers);
}

/** Verifies a signed callback body (raw bytes + headers) with the supplier's secret; null when invalid. */
export function verifyPartnerCallback(
  config: PartnerEndpointConfig,
  rawBody: Buffer,
  headers: Record<string, string | undefined>,
): PartnerCallback | null {
  const reading = readPartnerCallback(config, rawBody, headers);
  return reading.ok ? reading.callback : null;
}
