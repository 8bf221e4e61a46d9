import { randomUUID } from 'node:crypto';
import { Entity, Index, Property, type MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Logger } from './logger';
import { affectedRows, isMySql, selectRows, skipLocked } from './sql';
import type { BackgroundTask } from './background';
import { countOutboxClaim, countOutboxRelayed } from './metrics';
import { IdKey, CreatedAt } from './entity';
import { AUDIT_TOPIC, ENTRIES_PER_MESSAGE, auditOptions, currentAudit, type AuditBatch, type AuditSink } from './audit';
import { ServiceClient } from './service-client';
import { RecordAuditEntriesDocument } from '../codegen/generated/service/core/staff';
import { RecordBankNotificationsDocument } from '../codegen/generated/service/core/tenants';

/** Outbox topic of bank notifications (core/bank-notifications.ts), delivered to tenants by every relay. */
export const BANK_NOTIFICATION_TOPIC = 'bank.notification';

/**
 * Transactional outbox: an event is a row written in the same transaction as the state change it
 * announces, so neither exists without the other. A relay delivers rows at least once; consumers
 * are idempotent (on a key carried in the payload).
 */
@Entity({ tableName: 'outbox_message' })
@Index({ name: 'outbox_due', properties: ['deliveredAt', 'nextAttemptAt'] })
export class OutboxMessage {
  @IdKey()
  id!: number;

  @Property({ type: 'string', length: 100 })
  topic!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  /** Set when a producer must never emit the same event twice (e.g. "order 7 paid"). */
  @Property({ type: 'string', length: 190, nullable: true, unique: true })
  dedupeKey?: string | null;

  @CreatedAt()
  createdAt: Date = new Date();

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property({ type: 'datetime' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  claimedUntil?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError?: string | null;
}

// Outbox rows are plumbing: the change they announce is what the audit trail records.
auditOptions(OutboxMessage, { skip: true });

/**
 * The audit trail's default sink (core/audit.ts): a request's entries become outbox messages in its
 * own transaction (several when a bulk change has many), delivered to staff by the relay.
 */
export const outboxAuditSink: AuditSink = async (em, batch) => {
  const now = new Date();
  const rows: Partial<OutboxMessage>[] = [];
  for (let i = 0; i < batch.entries.length; i += ENTRIES_PER_MESSAGE) {
    const payload: AuditBatch = { ...batch, entries: batch.entries.slice(i, i + ENTRIES_PER_MESSAGE) };
    rows.push({
      topic: AUDIT_TOPIC,
      payload: payload as unknown as Record<string, unknown>,
      dedupeKey: null,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
    });
  }
  await em.insertMany(OutboxMessage, rows);
};

/**
 * Flushes a unit that announces events, with the audit entries of its transaction so far
 * (core/audit.ts) as further outbox rows of the same flush: one multi-row INSERT carries both, where
 * writing the entries at commit would cost a statement of its own. Call it as the unit's last write;
 * entries of what this flush itself writes besides outbox rows are still written at commit.
 */
export async function flushWithAudit(em: SqlEntityManager): Promise<void> {
  const recorder = currentAudit();
  const transaction = em.getTransactionContext();
  const batch = recorder && transaction ? recorder.takeBatch(transaction) : null;
  if (batch) {
    for (let i = 0; i < batch.entries.length; i += ENTRIES_PER_MESSAGE) {
      const payload: AuditBatch = { ...batch, entries: batch.entries.slice(i, i + ENTRIES_PER_MESSAGE) };
      enqueueEvent(em, AUDIT_TOPIC, payload as unknown as Record<string, unknown>);
    }
  }
  await em.flush();
}

/** Hands a batch of audit entries to the staff subgraph, which stores each (batch id, seq) once. */
export function auditDelivery(caller: string): (payload: Record<string, unknown>) => Promise<void> {
  const deliver = deliverAuditBatch(caller);
  return async (payload) => deliver(payload as unknown as AuditBatch);
}

function deliverAuditBatch(caller: string): (batch: AuditBatch) => Promise<void> {
  const staff = new ServiceClient('service', caller);
  return async (batch) => {
    await staff.request('staff', RecordAuditEntriesDocument, {
      input: {
        batchId: batch.batchId,
        subgraph: batch.subgraph,
        requestId: batch.requestId,
        operation: batch.operation,
        actorRole: batch.actorRole,
        actorId: batch.actorId,
        partnerAppId: batch.partnerAppId,
        onBehalfOfCustomerId: batch.onBehalfOfCustomerId ?? null,
        occurredAt: batch.occurredAt,
        entries: batch.entries.map((e) => ({
          seq: e.seq,
          action: e.action,
          targetType: e.targetType,
          targetId: e.targetId,
          changes: JSON.stringify(e.changes),
          bankId: e.bankId,
          supplierId: e.supplierId,
          statement: e.statement,
        })),
      },
    });
  };
}

/**
 * Hands bank notifications (core/bank-notifications.ts) to tenants, up to 100 in one call (its
 * limit), which fans each out to the bank's webhook endpoints once per event (idempotent on the key).
 */
function bankNotificationDelivery(caller: string): OutboxBatchHandler {
  const tenants = new ServiceClient('service', caller);
  return async (messages) => {
    await tenants.request('tenants', RecordBankNotificationsDocument, {
      input: {
        notifications: messages.map(({ payload }) => {
          const n = payload as { type: string; bankId: number; key: string; data: unknown; occurredAt: string };
          return {
            type: n.type as never,
            bankId: String(n.bankId),
            key: n.key,
            data: JSON.stringify(n.data ?? {}),
            occurredAt: n.occurredAt,
          };
        }),
      },
    });
  };
}

/** Adds an event to the caller's unit of work; it commits (or not) with the caller's transaction. */
export function enqueueEvent(
  em: SqlEntityManager,
  topic: string,
  payload: Record<string, unknown>,
  dedupeKey?: string,
): OutboxMessage {
  const message = em.create(OutboxMessage, {
    topic,
    payload,
    dedupeKey: dedupeKey ?? null,
    createdAt: new Date(),
    attempts: 0,
    nextAttemptAt: new Date(),
  });
  em.persist(message);
  wakeRelaysSoon();
  return message;
}

/**
 * This process's relays, woken shortly after an event is enqueued rather than at their next tick:
 * a saga's next step then waits milliseconds, not up to a second. The enqueueing transaction may
 * not have committed by the first wake; the second catches most of the rest, the tick the others.
 */
const relayWakers = new Set<() => void>();
const WAKE_DELAYS_MS = [25, 250];
const pendingWakes = new Set<number>();

function wakeRelaysSoon(): void {
  if (relayWakers.size === 0) return;
  for (const delay of WAKE_DELAYS_MS) {
    if (pendingWakes.has(delay)) continue; // one wake per delay covers every event enqueued meanwhile
    pendingWakes.add(delay);
    setTimeout(() => {
      pendingWakes.delete(delay);
      for (const wake of relayWakers) wake();
    }, delay).unref();
  }
}

export type OutboxHandler = (payload: Record<string, unknown>, message: OutboxMessage) => Promise<void>;
/** Delivers several messages of one topic in one call; they succeed or are retried together. */
export type OutboxBatchHandler = (messages: OutboxMessage[]) => Promise<void>;

/**
 * Where relays send due rows instead of calling their handlers: JetStream (core/event-transport.ts)
 * when PERKMALL_NATS_URL is set, whose consumers then run those handlers in the consuming subgraph.
 */
export interface OutboxPublisher {
  /** Resolves once the row is durably accepted (then it counts as delivered); throws to retry with backoff. */
  publish(message: OutboxMessage): Promise<void>;
  /**
   * Publishes a claimed batch, pipelined (bounded acknowledgements in flight): each row's error, or
   * null once it is durably accepted. The relay marks the accepted ones delivered in one statement.
   */
  publishAll(messages: OutboxMessage[]): Promise<(Error | null)[]>;
}

let outboxPublisher: OutboxPublisher | null = null;

/** Set once by the process at start (core/subgraph.ts); null restores the HTTP relay. */
export function publishOutboxThrough(publisher: OutboxPublisher | null): void {
  outboxPublisher = publisher;
}

/** Most messages one batch handler call carries (tenants' recordBankNotifications takes 100). */
const MAX_BATCH = 100;

const CLAIM_MS = 60_000;
/** Messages claimed per statement pair: delivered within seconds, far inside CLAIM_MS. */
const CLAIM_CHUNK = 20;
/**
 * On JetStream a claim takes a whole pass's rows at once: they are published pipelined (a
 * publish is acknowledged in milliseconds, not a consumer's handling time), so 100 rows are on
 * the stream long before their claim runs out.
 */
const PUBLISH_CLAIM = 100;
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Delivers due messages. Several relays (replicas) may run: each claims messages before handling
 * them (see `claim`), so a message is handled by one relay at a time; a crashed relay's claim
 * simply expires (60 s) and another relay delivers the message again (consumers are idempotent).
 */
export class OutboxRelay {
  private readonly owner = randomUUID();
  private readonly handlers: Record<string, OutboxHandler>;
  private readonly batchHandlers: Record<string, OutboxBatchHandler> = {};

  /**
   * Every relay also carries the audit trail's messages to staff (core/audit.ts) and bank
   * notifications to tenants (core/bank-notifications.ts); `handlers` may replace either.
   */
  constructor(
    private readonly orm: MikroORM,
    handlers: Record<string, OutboxHandler>,
    private readonly log: Logger,
  ) {
    this.handlers = { [AUDIT_TOPIC]: auditDelivery(log.service), ...handlers };
    // Bank notifications travel in batches: a purchase announces several, a busy mall many per pass.
    if (!handlers[BANK_NOTIFICATION_TOPIC])
      this.batchHandlers[BANK_NOTIFICATION_TOPIC] = bankNotificationDelivery(log.service);
  }

  /**
   * Claims up to `limit` due messages for this relay (`claimed_until` set), oldest first. On
   * MariaDB/MySQL a locking read skips rows another relay is claiming this instant (`FOR UPDATE SKIP
   * LOCKED`), so replicas take disjoint messages in two statements without waiting on each other.
   * SQLite has no SKIP LOCKED (and one writer at a time): each candidate is claimed by a
   * conditional UPDATE, and a relay that loses one to another just moves on.
   */
  private async claim(em: SqlEntityManager, limit: number): Promise<number[]> {
    const due = 'delivered_at IS NULL AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)';
    if (isMySql(em)) {
      return em.transactional(async (tx) => {
        const now = new Date();
        const rows = await selectRows<{ id: number }>(
          tx as SqlEntityManager,
          // skipLocked: on TiDB a plain FOR UPDATE that waits (it parses SKIP LOCKED but takes no lock).
          `SELECT id FROM outbox_message WHERE ${due} ORDER BY id LIMIT ? FOR UPDATE${skipLocked(tx as SqlEntityManager)}`,
          [now, now, limit],
        );
        const ids = rows.map((r) => Number(r.id));
        if (ids.length)
          await affectedRows(
            tx as SqlEntityManager,
            `UPDATE outbox_message SET claimed_until = ? WHERE id IN (${ids.map(() => '?').join(', ')})`,
            [new Date(Date.now() + CLAIM_MS), ...ids],
          );
        return ids;
      });
    }
    const now = new Date();
    const candidates = await selectRows<{ id: number }>(
      em,
      `SELECT id FROM outbox_message WHERE ${due} ORDER BY id LIMIT ?`,
      [now, now, limit],
    );
    const ids: number[] = [];
    for (const { id } of candidates) {
      const claimed = await affectedRows(em, `UPDATE outbox_message SET claimed_until = ? WHERE id = ? AND ${due}`, [
        new Date(Date.now() + CLAIM_MS),
        id,
        new Date(),
        new Date(),
      ]);
      if (claimed === 1) ids.push(Number(id)); // else another relay has it
    }
    return ids;
  }

  /** One pass: returns how many messages were delivered. */
  async runOnce(batchSize = 100): Promise<number> {
    const publisher = outboxPublisher;
    if (publisher) return this.publishOnce(publisher, batchSize);
    const em = this.orm.em.fork() as SqlEntityManager;
    let delivered = 0;
    const batches = new Map<string, OutboxMessage[]>();
    // Claimed a few at a time, just before delivery, so a slow consumer cannot outlast the claims.
    for (let seen = 0; seen < batchSize;) {
      const ids = await this.claim(em, Math.min(CLAIM_CHUNK, batchSize - seen));
      if (ids.length) countOutboxClaim('http');
      seen += ids.length;
      const messages = ids.length
        ? await em.find(OutboxMessage, { id: { $in: ids } }, { orderBy: { id: 'ASC' }, refresh: true })
        : [];
      for (const message of messages) {
        if (this.batchHandlers[message.topic]) {
          const batch = batches.get(message.topic) ?? [];
          batches.set(message.topic, batch);
          batch.push(message);
          if (batch.length === MAX_BATCH) {
            delivered += await this.deliver(em, batch, () => this.batchHandlers[message.topic]!(batch));
            batches.delete(message.topic);
          }
          continue;
        }
        const handler = this.handlers[message.topic];
        delivered += await this.deliver(em, [message], async () => {
          if (!handler) throw new Error(`no handler for topic ${message.topic}`);
          await handler(message.payload, message);
        });
      }
      if (ids.length < CLAIM_CHUNK) break;
    }
    for (const [topic, batch] of batches)
      delivered += await this.deliver(em, batch, () => this.batchHandlers[topic]!(batch));
    em.clear();
    return delivered;
  }

  /**
   * JetStream mode (core/event-transport.ts): the stream takes every topic, consumers do the rest.
   * One claim takes the pass's due rows (bank notifications of a busy mall, audit batches, saga
   * events alike), they are published pipelined with bounded acknowledgements in flight, and one
   * UPDATE marks every acknowledged row delivered; a refused row is retried alone with backoff (its
   * message id makes a repeat that did reach the stream a no-op).
   */
  private async publishOnce(publisher: OutboxPublisher, batchSize: number): Promise<number> {
    const em = this.orm.em.fork() as SqlEntityManager;
    let delivered = 0;
    for (let seen = 0; seen < batchSize;) {
      const ids = await this.claim(em, Math.min(PUBLISH_CLAIM, batchSize - seen));
      if (!ids.length) break;
      countOutboxClaim('jetstream');
      seen += ids.length;
      const messages = await em.find(OutboxMessage, { id: { $in: ids } }, { orderBy: { id: 'ASC' }, refresh: true });
      const results = await publisher.publishAll(messages);
      const accepted = messages.filter((_, i) => !results[i]);
      if (accepted.length) delivered += await this.deliver(em, accepted, async () => undefined, 'jetstream');
      for (const [i, message] of messages.entries()) {
        const error = results[i];
        if (error)
          await this.deliver(
            em,
            [message],
            async () => {
              throw error;
            },
            'jetstream',
          );
      }
      if (ids.length < PUBLISH_CLAIM) break;
    }
    em.clear();
    return delivered;
  }

  /** Runs one delivery of claimed messages: marks them delivered, or schedules each one's retry with backoff. */
  private async deliver(
    em: SqlEntityManager,
    messages: OutboxMessage[],
    send: () => Promise<void>,
    transport: 'http' | 'jetstream' = 'http',
  ): Promise<number> {
    const ids = messages.map((m) => m.id);
    try {
      await send();
      await affectedRows(
        em,
        `UPDATE outbox_message SET delivered_at = ?, claimed_until = NULL, attempts = attempts + 1, last_error = NULL WHERE id IN (${ids.map(() => '?').join(', ')})`,
        [new Date(), ...ids],
      );
      countOutboxRelayed(transport, 'delivered', messages.length);
      return messages.length;
    } catch (e) {
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      for (const message of messages) {
        const attempts = message.attempts + 1;
        const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 10));
        await affectedRows(
          em,
          'UPDATE outbox_message SET attempts = ?, next_attempt_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?',
          [attempts, new Date(Date.now() + backoff), error, message.id],
        );
        this.log.warn('outbox delivery failed; will retry', {
          topic: message.topic,
          messageId: message.id,
          attempts,
          error,
          owner: this.owner,
          batch: messages.length,
        });
      }
      countOutboxRelayed(transport, 'retry', messages.length);
      return 0;
    }
  }

  task(intervalMs = 1000): BackgroundTask {
    return {
      name: 'outbox-relay',
      intervalMs,
      run: async () => void (await this.runOnce()),
      onWake: (wake) => {
        relayWakers.add(wake);
        return () => relayWakers.delete(wake);
      },
    };
  }
}
