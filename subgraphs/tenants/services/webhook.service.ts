import { destinationProblem, outboundUrlProblem, readAnswerBounded } from '../../../core/outbound-http';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  BANK_NOTIFICATION_TYPES,
  type BankNotification,
  type BankNotificationType,
} from '../../../core/bank-notifications';
import { intFromEnv, positiveIntFromEnv } from '../../../core/config';
import { badInput, notFound } from '../../../core/errors';
import { bankScopeOf, type Principal } from '../../../core/identity';
import type { Logger } from '../../../core/logger';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../core/pagination';
import { SealedBox, deriveKey, loadMasterKey } from '../../../core/sealed-box';
import { affectedRows, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import { Bank } from '../entities/bank';
import { Customer } from '../entities/customer';
import { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint, eventTypesOf } from '../entities/webhook';
import { idOf, requireBankAdministration } from './access';

/** Most endpoints one bank may register. */
export const MAX_ENDPOINTS_PER_BANK = 10;
export const MAX_URL_LENGTH = 500;

/** Settings, read from the environment when used (tests shorten them). */
export function webhookSettings() {
  return {
    /** How long one attempt may take before it counts as failed. */
    timeoutMs: positiveIntFromEnv('PERKMALL_WEBHOOK_TIMEOUT_MS', 10_000),
    /** First retry after this; each further one doubles, up to the cap. */
    backoffBaseMs: positiveIntFromEnv('PERKMALL_WEBHOOK_BACKOFF_BASE_MS', 30_000),
    backoffCapMs: positiveIntFromEnv('PERKMALL_WEBHOOK_BACKOFF_CAP_MS', 3_600_000),
    /** Retries stop (FAILED) this long after a delivery was created or redelivered by hand. */
    retryWindowMs: positiveIntFromEnv('PERKMALL_WEBHOOK_RETRY_WINDOW_MS', 86_400_000),
    /** How often the dispatcher looks for due deliveries. */
    intervalMs: positiveIntFromEnv('PERKMALL_WEBHOOK_INTERVAL_MS', 1000),
    /** Deliveries sent at once by one process. */
    concurrency: intFromEnv('PERKMALL_WEBHOOK_CONCURRENCY', 8, 1),
  };
}

/** Bytes of an answer read (for the delivery log); the rest is never read. */
const MAX_RESPONSE_BYTES = 1024;

// ---- secrets ----

/**
 * Seals endpoints' signing secrets at rest with `PERKMALL_WEBHOOK_SECRET_KEY` (32 bytes, base64 or
 * hex; a dev key is generated outside production), each bound to its bank and endpoint.
 */
export class WebhookSecrets {
  private readonly box: SealedBox;

  constructor(master: Buffer = loadMasterKey('PERKMALL_WEBHOOK_SECRET_KEY', 'webhook-secret.key')) {
    this.box = new SealedBox(deriveKey(master, 'perkmall/webhook/signing-secret'));
  }

  static generate(): string {
    return `whsec_${randomBytes(32).toString('base64url')}`;
  }

  seal(endpoint: Pick<WebhookEndpoint, 'id' | 'bankId'>, secret: string): string {
    return this.box.seal(secret, `webhook:${endpoint.bankId}:${endpoint.id}`);
  }

  open(endpoint: Pick<WebhookEndpoint, 'id' | 'bankId' | 'secretSealed'>): string {
    return this.box.open(endpoint.secretSealed, `webhook:${endpoint.bankId}:${endpoint.id}`);
  }
}

let sharedSecrets: WebhookSecrets | undefined;
export function webhookSecrets(): WebhookSecrets {
  sharedSecrets ??= new WebhookSecrets();
  return sharedSecrets;
}

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>` (README: "Webhooks to bank systems"). */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The event id every endpoint and every attempt of one notification share. */
export function webhookEventId(bankId: number, key: string): string {
  return `evt_${createHash('sha256').update(`${bankId}:${key}`).digest('hex').slice(0, 32)}`;
}

// ---- input checks ----

export function checkedUrl(raw: string): string {
  const problem = outboundUrlProblem(raw, { maxLength: MAX_URL_LENGTH, allowQuery: true });
  if (problem) throw badInput(`url ${problem}.`, [{ field: 'url', message: problem }]);
  return raw.trim();
}

export function checkedEventTypes(types: readonly string[]): BankNotificationType[] {
  const unknown = types.filter((t) => !(BANK_NOTIFICATION_TYPES as readonly string[]).includes(t));
  const duplicates = types.length !== new Set(types).size;
  if (types.length === 0 || types.length > BANK_NOTIFICATION_TYPES.length || unknown.length || duplicates)
    throw badInput(`eventTypes must be 1 to ${BANK_NOTIFICATION_TYPES.length} distinct event types.`, [
      {
        field: 'eventTypes',
        message: unknown.length
          ? `unknown: ${unknown.slice(0, 5).join(', ')}`
          : duplicates
            ? 'listed twice'
            : types.length === 0
              ? 'empty'
              : `at most ${BANK_NOTIFICATION_TYPES.length}`,
      },
    ]);
  return BANK_NOTIFICATION_TYPES.filter((t) => types.includes(t));
}

function checkedDescription(raw: string | null | undefined): string | null {
  const d = raw?.trim() ?? '';
  if (d.length > 200)
    throw badInput('description must be at most 200 characters.', [{ field: 'description', message: 'at most 200' }]);
  return d.length ? d : null;
}

// ---- intake: notifications from every subgraph's relay ----

/**
 * Fans notifications out to the enabled endpoints of their banks that chose their type: one
 * delivery per endpoint and event, idempotent on (endpoint, event id), in the caller's transaction.
 * A bank with no such endpoint costs one read and no write. Returns the deliveries created.
 */
export async function recordBankNotifications(
  em: SqlEntityManager,
  notifications: readonly BankNotification[],
  settings = webhookSettings(),
): Promise<number> {
  if (notifications.length === 0) return 0;
  const bankIds = [...new Set(notifications.map((n) => n.bankId))];
  const endpoints = await em.find(
    WebhookEndpoint,
    { bankId: { $in: bankIds }, enabled: true },
    { fields: ['id', 'bankId', 'eventTypeList'] },
  );
  if (endpoints.length === 0) return 0;
  const wanted = notifications.filter((n) =>
    endpoints.some((e) => e.bankId === n.bankId && eventTypesOf(e).includes(n.type)),
  );
  if (wanted.length === 0) return 0;
  // The bank knows its customers by its own reference: added to the data of every event naming one.
  const customerIds = [
    ...new Set(wanted.map((n) => Number(n.data.customerId)).filter((id) => Number.isSafeInteger(id) && id > 0)),
  ];
  const refs = new Map(
    customerIds.length
      ? (await em.find(Customer, { id: { $in: customerIds } }, { fields: ['id', 'bankId', 'externalRef'] })).map(
          (c) => [`${c.bankId}:${c.id}`, c.externalRef],
        )
      : [],
  );
  const now = new Date();
  const platform = em.getPlatform();
  const rows: Record<string, unknown>[] = [];
  for (const n of wanted) {
    const eventId = webhookEventId(n.bankId, n.key);
    const customerRef = refs.get(`${n.bankId}:${Number(n.data.customerId)}`);
    const payload = JSON.stringify({
      id: eventId,
      type: n.type,
      occurredAt: n.occurredAt,
      bankId: String(n.bankId),
      data: customerRef === undefined ? n.data : { ...n.data, customerRef },
    });
    for (const e of endpoints) {
      if (e.bankId !== n.bankId || !eventTypesOf(e).includes(n.type)) continue;
      rows.push({
        bank_id: n.bankId,
        endpoint_id: e.id,
        event_id: eventId,
        event_type: n.type,
        payload,
        status: WebhookDeliveryStatus.PENDING,
        attempts: 0,
        next_attempt_at: platform.processDateProperty(now),
        give_up_at: platform.processDateProperty(new Date(now.getTime() + settings.retryWindowMs)),
        created_at: platform.processDateProperty(now),
      });
    }
  }
  return rows.length ? insertIgnoringDuplicates(em, 'webhook_delivery', rows, ['endpoint_id', 'event_id']) : 0;
}

// ---- administration ----

export interface DeliveryFilter {
  webhookEndpointId?: string | null;
  status?: WebhookDeliveryStatus | null;
  eventType?: BankNotificationType | null;
}

/**
 * A bank's webhook endpoints and deliveries, for the signed identity: bank admins with
 * MANAGE_PARTNER_APPS (the bank's integration credentials) on their own bank's (another bank's is
 * NOT_FOUND), the platform (MANAGE_TENANTS) on any.
 */
export class WebhookAdministration {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /** The bank the caller is confined to: its own, or null for the platform. */
  private scope(): number | null {
    requireBankAdministration(this.principal, 'MANAGE_PARTNER_APPS');
    const scope = bankScopeOf(this.principal);
    return scope === null ? null : Number(scope);
  }

  private bankFor(given: string | null | undefined): number | null {
    const own = this.scope();
    if (own !== null) {
      if (given && given !== String(own)) throw notFound('Bank', given);
      return own;
    }
    return given ? idOf('Bank', given) : null;
  }

  async endpoints(
    bankId: string | null,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<WebhookEndpoint>> {
    const bank = this.bankFor(bankId);
    const limit = pageSize(first);
    const where: Record<string, unknown> = bank === null ? {} : { bankId: bank };
    if (after) where.id = { $gt: Number(decodeCursor(after, 1)[0]) };
    const rows = await this.em.find(WebhookEndpoint, where, { orderBy: { id: 'ASC' }, limit: limit + 1 });
    return toConnection(rows, limit, (e) => [e.id], Boolean(after));
  }

  async endpoint(id: string | number): Promise<WebhookEndpoint> {
    const own = this.scope();
    const endpointId = idOf('Webhook endpoint', id);
    const endpoint = await this.em.findOne(WebhookEndpoint, { id: endpointId });
    if (!endpoint || (own !== null && endpoint.bankId !== own)) throw notFound('Webhook endpoint', id);
    return endpoint;
  }

  async create(input: {
    bankId?: string | null;
    url: string;
    eventTypes: readonly string[];
    description?: string | null;
    enabled?: boolean | null;
  }): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const own = this.scope();
    let bankId: number;
    if (own !== null) {
      if (input.bankId && input.bankId !== String(own)) throw notFound('Bank', input.bankId);
      bankId = own;
    } else {
      if (!input.bankId)
        throw badInput('bankId is required for platform operators.', [{ field: 'bankId', message: 'required' }]);
      bankId = idOf('Bank', input.bankId);
    }
    const url = checkedUrl(input.url);
    const eventTypeList = checkedEventTypes(input.eventTypes).join(',');
    const description = checkedDescription(input.description);
    if ((await this.em.count(Bank, { id: bankId })) === 0) throw notFound('Bank', bankId);
    if ((await this.em.count(WebhookEndpoint, { bankId })) >= MAX_ENDPOINTS_PER_BANK)
      throw badInput(`A bank may register at most ${MAX_ENDPOINTS_PER_BANK} webhook endpoints; delete one first.`, [
        { field: 'url', message: `at most ${MAX_ENDPOINTS_PER_BANK} endpoints` },
      ]);
    const secret = WebhookSecrets.generate();
    const endpoint = this.em.create(WebhookEndpoint, {
      bankId,
      url,
      eventTypeList,
      description,
      enabled: input.enabled ?? true,
      secretSealed: 'pending',
    });
    await this.em.flush();
    // The sealed secret is bound to the endpoint's id, known once it is inserted.
    endpoint.secretSealed = webhookSecrets().seal(endpoint, secret);
    await this.em.flush();
    return { endpoint, secret };
  }

  async update(input: {
    webhookEndpointId: string;
    url?: string | null;
    eventTypes?: readonly string[] | null;
    description?: string | null;
    enabled?: boolean | null;
  }): Promise<WebhookEndpoint> {
    this.scope(); // the role and permission before anything else is looked at
    const url = input.url != null ? checkedUrl(input.url) : null;
    const types = input.eventTypes != null ? checkedEventTypes(input.eventTypes).join(',') : null;
    const description = input.description !== undefined ? checkedDescription(input.description) : undefined;
    const endpoint = await this.endpoint(input.webhookEndpointId);
    if (url !== null) endpoint.url = url;
    if (types !== null) endpoint.eventTypeList = types;
    if (description !== undefined) endpoint.description = description;
    if (input.enabled != null) endpoint.enabled = input.enabled;
    await this.em.flush();
    return endpoint;
  }

  async rotateSecret(id: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const endpoint = await this.endpoint(id);
    const secret = WebhookSecrets.generate();
    endpoint.secretSealed = webhookSecrets().seal(endpoint, secret);
    endpoint.secretRotatedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    await this.em.flush();
    return { endpoint, secret };
  }

  /** Deletes the endpoint and its delivery log; nothing more is sent to it. */
  async delete(id: string): Promise<string> {
    const endpoint = await this.endpoint(id);
    await affectedRows(this.em, 'DELETE FROM webhook_delivery WHERE endpoint_id = ?', [endpoint.id]);
    this.em.remove(endpoint);
    await this.em.flush();
    return String(endpoint.id);
  }

  /** Newest first. */
  async deliveries(
    bankId: string | null,
    filter: DeliveryFilter,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<WebhookDelivery>> {
    const bank = this.bankFor(bankId);
    const limit = pageSize(first);
    const where: Record<string, unknown> = bank === null ? {} : { bankId: bank };
    if (filter.webhookEndpointId) {
      const endpoint = await this.endpoint(filter.webhookEndpointId);
      where.endpointId = endpoint.id;
    }
    if (filter.status) where.status = filter.status;
    if (filter.eventType) where.eventType = filter.eventType;
    if (after) where.id = { $lt: Number(decodeCursor(after, 1)[0]) };
    const rows = await this.em.find(WebhookDelivery, where, { orderBy: { id: 'DESC' }, limit: limit + 1 });
    return toConnection(rows, limit, (d) => [d.id], Boolean(after));
  }

  async delivery(id: string): Promise<WebhookDelivery> {
    const own = this.scope();
    const deliveryId = idOf('Webhook delivery', id);
    const delivery = await this.em.findOne(WebhookDelivery, { id: deliveryId });
    if (!delivery || (own !== null && delivery.bankId !== own)) throw notFound('Webhook delivery', id);
    return delivery;
  }

  /** Sends it again with the same event id: PENDING and due now, with a fresh day of retries. */
  async redeliver(id: string, settings = webhookSettings()): Promise<WebhookDelivery> {
    const delivery = await this.delivery(id);
    const now = new Date();
    delivery.status = WebhookDeliveryStatus.PENDING;
    delivery.nextAttemptAt = now;
    delivery.giveUpAt = new Date(now.getTime() + settings.retryWindowMs);
    await this.em.flush();
    return delivery;
  }

  /** Sends a PING event to the endpoint now and says how it answered (nothing is stored). */
  async sendTest(id: string): Promise<AttemptResult & { eventId: string }> {
    const endpoint = await this.endpoint(id);
    const eventId = `evt_test_${randomBytes(12).toString('hex')}`;
    const body = JSON.stringify({
      id: eventId,
      type: 'PING',
      occurredAt: new Date().toISOString(),
      bankId: String(endpoint.bankId),
      data: { webhookEndpointId: String(endpoint.id) },
    });
    const result = await postWebhook(
      endpoint.url,
      webhookSecrets().open(endpoint),
      eventId,
      body,
      webhookSettings().timeoutMs,
    );
    return { ...result, eventId };
  }
}

// ---- sending ----

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/**
 * One signed POST. Redirects are never followed (a 3xx is a failure), at most
 * MAX_RESPONSE_BYTES of the answer are read, and the whole attempt is bounded by `timeoutMs`.
 */
export async function postWebhook(
  url: string,
  secret: string,
  eventId: string,
  body: string,
  timeoutMs: number,
): Promise<AttemptResult> {
  // In production the endpoint's host must still resolve to public addresses only (core/outbound-http.ts).
  const refused = await destinationProblem(url);
  if (refused) return { ok: false, statusCode: null, error: refused.slice(0, 500) };
  const timestamp = Math.floor(Date.now() / 1000);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: controller.signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Perkmall-Webhooks/1',
        'x-perkmall-event-id': eventId,
        'x-perkmall-timestamp': String(timestamp),
        'x-perkmall-signature': webhookSignature(secret, timestamp, body),
      },
      body,
    });
    const excerpt = (await readAnswerBounded(response, MAX_RESPONSE_BYTES)).text.replace(/\s+/g, ' ').trim();
    if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status, error: null };
    const why =
      response.status >= 300 && response.status < 400
        ? `redirect to ${response.headers.get('location') ?? '?'} not followed`
        : `HTTP ${response.status}`;
    return { ok: false, statusCode: response.status, error: `${why}${excerpt ? `: ${excerpt}` : ''}`.slice(0, 500) };
  } catch (e) {
    const error = controller.signal.aborted
      ? `timed out after ${timeoutMs} ms`
      : e instanceof Error
        ? `${e.message}${e.cause instanceof Error ? `: ${e.cause.message}` : ''}`
        : String(e);
    return { ok: false, statusCode: null, error: error.slice(0, 500) };
  } finally {
    clearTimeout(timer);
  }
}

/** Backoff before attempt `attempts + 1`: base · 2^(attempts − 1), capped. */
export function backoffMs(attempts: number, settings: { backoffBaseMs: number; backoffCapMs: number }): number {
  return Math.min(settings.backoffCapMs, settings.backoffBaseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
}

/**
 * Sends due deliveries. Every replica may run it: a delivery is claimed with a conditional UPDATE
 * (status PENDING, no live claim) before it is sent, and its outcome is written only under that
 * claim, so two processes never send one delivery at the same time; a crashed sender's claim
 * expires after the timeout and a margin, and the delivery is sent again (at least once).
 */
export class WebhookDispatcher {
  private readonly owner = randomUUID();

  constructor(
    private readonly em: SqlEntityManager,
    private readonly log: Logger,
    private readonly settings = webhookSettings(),
  ) {}

  /** One pass: returns how many deliveries were attempted. */
  async runOnce(batchSize = 50): Promise<number> {
    const em = this.em.fork();
    const now = new Date();
    const due = await selectRows<{ id: number }>(
      em,
      `SELECT d.id FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
       WHERE d.status = ? AND d.next_attempt_at <= ? AND e.enabled = ? AND (d.claimed_until IS NULL OR d.claimed_until < ?)
       ORDER BY d.next_attempt_at, d.id LIMIT ?`,
      [WebhookDeliveryStatus.PENDING, now, true, now, batchSize],
    );
    if (due.length === 0) return 0;
    const claimedUntil = new Date(Date.now() + this.settings.timeoutMs + 30_000);
    const claimed: number[] = [];
    for (const { id } of due) {
      const n = await affectedRows(
        em,
        'UPDATE webhook_delivery SET claimed_until = ?, claim_token = ? WHERE id = ? AND status = ? AND (claimed_until IS NULL OR claimed_until < ?)',
        [claimedUntil, this.owner, id, WebhookDeliveryStatus.PENDING, new Date()],
      );
      if (n === 1) claimed.push(id);
    }
    if (claimed.length === 0) return 0;
    const deliveries = await em.find(WebhookDelivery, { id: { $in: claimed } }, { orderBy: { id: 'ASC' } });
    const endpoints = new Map(
      (await em.find(WebhookEndpoint, { id: { $in: [...new Set(deliveries.map((d) => d.endpointId))] } })).map((e) => [
        e.id,
        e,
      ]),
    );
    let next = 0;
    const worker = async () => {
      while (next < deliveries.length) {
        const d = deliveries[next++]!;
        await this.attempt(em, d, endpoints.get(d.endpointId) ?? null);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, deliveries.length) }, worker));
    return deliveries.length;
  }

  private async attempt(em: SqlEntityManager, d: WebhookDelivery, endpoint: WebhookEndpoint | null): Promise<void> {
    let result: AttemptResult;
    if (!endpoint) result = { ok: false, statusCode: null, error: 'endpoint deleted' };
    else {
      let secret: string | null;
      try {
        secret = webhookSecrets().open(endpoint);
      } catch {
        secret = null;
      }
      result = secret
        ? await postWebhook(endpoint.url, secret, d.eventId, d.payload, this.settings.timeoutMs)
        : {
            ok: false,
            statusCode: null,
            error: 'signing secret cannot be opened (wrong PERKMALL_WEBHOOK_SECRET_KEY?)',
          };
    }
    const now = new Date();
    if (result.ok) {
      await affectedRows(
        em,
        'UPDATE webhook_delivery SET status = ?, attempts = attempts + 1, delivered_at = ?, last_status_code = ?, last_error = NULL, claimed_until = NULL, claim_token = NULL WHERE id = ? AND claim_token = ?',
        [WebhookDeliveryStatus.DELIVERED, now, result.statusCode, d.id, this.owner],
      );
      return;
    }
    const attempts = d.attempts + 1;
    // DATETIME keeps whole seconds: rounded up, so no retry comes sooner than its backoff.
    const nextAt = new Date(Math.ceil((now.getTime() + backoffMs(attempts, this.settings)) / 1000) * 1000);
    const gaveUp = nextAt.getTime() > d.giveUpAt.getTime();
    await affectedRows(
      em,
      'UPDATE webhook_delivery SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_status_code = ?, last_error = ?, claimed_until = NULL, claim_token = NULL WHERE id = ? AND claim_token = ?',
      [
        gaveUp ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING,
        nextAt,
        result.statusCode,
        result.error,
        d.id,
        this.owner,
      ],
    );
    this.log.warn('webhook delivery failed', {
      webhookDeliveryId: d.id,
      attempts,
      statusCode: result.statusCode,
      error: result.error,
      gaveUp,
    });
  }

  task(): { name: string; intervalMs: number; run: () => Promise<void> } {
    return {
      name: 'webhook-dispatcher',
      intervalMs: this.settings.intervalMs,
      run: async () => void (await this.runOnce()),
    };
  }
}
