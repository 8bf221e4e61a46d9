import type {
  ConsumerConfig,
  ConsumerMessages,
  JetStreamClient,
  JetStreamManager,
  JsMsg,
  NatsConnection,
  StreamConfig,
} from 'nats';
import { intFromEnv, natsPrefix, natsUrl, positiveIntFromEnv, type SubgraphName } from './config';
import type { Logger } from './logger';
import type { OutboxMessage, OutboxPublisher } from './outbox';
import { injectEventFault } from './faults';
import { lazyModule } from './lazy-module';
import { countConsumedBatch, countConsumerRestart } from './metrics';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (core/lazy-module.ts): only with PERKMALL_NATS_URL
const nats = lazyModule(() => require('nats') as typeof import('nats'));

/**
 * Events on NATS JetStream (README "Events on NATS JetStream"). With `PERKMALL_NATS_URL` set, every
 * outbox relay publishes its due rows to one durable stream (subject `<prefix>.<topic>`) instead of
 * calling the consumer over HTTP, and each subgraph pulls the topics it consumes through durable
 * consumers named `<subgraph>__<topic>`, which its replicas share. The handler a consumer runs is the
 * one the HTTP relay calls (subgraphs/events.ts): delivery is at least once on both transports,
 * and every consumer is idempotent on a key in the payload.
 */

/** Hands several events of one topic to their consumer in one go (one transaction): all or none. */
export type EventBatchHandler = (payloads: Record<string, unknown>[]) => Promise<void>;

/**
 * Hands one event's payload to its consumer; the same function serves the HTTP relay and JetStream.
 * With `batch` (see `batchedHandler`) a JetStream consumer hands it whatever has arrived at once.
 */
export type EventHandler = ((payload: Record<string, unknown>) => Promise<void>) & { batch?: EventBatchHandler };

/** Most messages a batch handler gets at once (and the messages such a consumer pulls ahead). */
const MAX_CONSUMED_BATCH = 100;

/** A handler that a JetStream consumer may also call with every message it holds (bank notifications). */
export function batchedHandler(
  one: (payload: Record<string, unknown>) => Promise<void>,
  batch: EventBatchHandler,
): EventHandler {
  return Object.assign(one, { batch });
}

/** What travels on the stream: the outbox row, named by its producer. */
export interface EventEnvelope {
  producer: string;
  id: number;
  topic: string;
  createdAt: string;
  payload: Record<string, unknown>;
}

export interface EventTransportSettings {
  url: string;
  prefix: string;
  /** How long a delivered message may go unacknowledged before JetStream delivers it again. */
  ackWaitMs: number;
  /** Deliveries of one message before it is set aside as poison (dead letter). */
  maxDeliver: number;
  /** JetStream drops a second publish with the same message id within this window. */
  duplicateWindowMs: number;
  /** How long the stream keeps messages (consumed or not). */
  maxAgeMs: number;
}

export function eventTransportSettings(): EventTransportSettings | null {
  const url = natsUrl();
  if (!url) return null;
  return {
    url,
    prefix: natsPrefix(),
    ackWaitMs: positiveIntFromEnv('PERKMALL_NATS_ACK_WAIT_MS', 30_000),
    maxDeliver: intFromEnv('PERKMALL_NATS_MAX_DELIVER', 50, 2),
    duplicateWindowMs: positiveIntFromEnv('PERKMALL_NATS_DUPLICATE_WINDOW_MS', 15 * 60_000),
    maxAgeMs: positiveIntFromEnv('PERKMALL_NATS_MAX_AGE_MS', 7 * 24 * 3600_000),
  };
}

/** The stream holding every topic's events (and the dead letters) of one prefix. */
export function streamName(prefix: string): string {
  return `${prefix.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}_EVENTS`;
}

export function subjectOf(prefix: string, topic: string): string {
  return `${prefix}.${topic}`;
}

/** Poison messages land here (in the same stream), with the error, for an operator to replay. */
export function deadLetterSubjectOf(prefix: string, topic: string): string {
  return `${prefix}.dead.${topic}`;
}

/** One durable consumer per consuming subgraph and topic: its replicas share the work. */
export function consumerName(subgraph: string, topic: string): string {
  return `${subgraph}__${topic.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * The row's id across every subgraph and database: a reset database reuses row ids, so the row's
 * creation time is part of it (a retried publish of the same row keeps the same id).
 */
export function messageIdOf(producer: string, message: Pick<OutboxMessage, 'id' | 'createdAt'>): string {
  return `${producer}:${message.id}:${new Date(message.createdAt).getTime()}`;
}

const codec = lazyModule(() => nats().JSONCodec<EventEnvelope>());

/** Creates the stream, or brings an existing one to this configuration; safe for every process to run at start. */
export async function ensureStream(jsm: JetStreamManager, settings: EventTransportSettings): Promise<void> {
  const config: Partial<StreamConfig> & { name: string } = {
    name: streamName(settings.prefix),
    subjects: [`${settings.prefix}.>`],
    retention: nats().RetentionPolicy.Limits,
    storage: nats().StorageType.File,
    discard: nats().DiscardPolicy.Old,
    max_age: nats().nanos(settings.maxAgeMs),
    duplicate_window: nats().nanos(settings.duplicateWindowMs),
  };
  try {
    await jsm.streams.add(config);
  } catch {
    // Already there with another configuration (or another process created it meanwhile).
    await jsm.streams.update(config.name, config);
  }
}

async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  config: Partial<ConsumerConfig> & { durable_name: string },
): Promise<void> {
  try {
    await jsm.consumers.add(stream, config);
  } catch {
    await jsm.consumers.update(stream, config.durable_name, config);
  }
}

/** Most publishes of one relay awaiting JetStream's acknowledgement at once (PERKMALL_NATS_PUBLISH_IN_FLIGHT). */
export function publishInFlight(): number {
  return positiveIntFromEnv('PERKMALL_NATS_PUBLISH_IN_FLIGHT', 32);
}

/** Publishes outbox rows to JetStream: the relay marks a row delivered once the stream has acknowledged it. */
class JetStreamPublisher implements OutboxPublisher {
  readonly transport = 'jetstream' as const;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly settings: EventTransportSettings,
    private readonly producer: string,
    private readonly log: Logger,
  ) {}

  async publish(message: OutboxMessage): Promise<void> {
    const envelope: EventEnvelope = {
      producer: this.producer,
      id: message.id,
      topic: message.topic,
      createdAt: new Date(message.createdAt).toISOString(),
      payload: message.payload,
    };
    await this.js.publish(subjectOf(this.settings.prefix, message.topic), codec().encode(envelope), {
      msgID: messageIdOf(this.producer, message),
      timeout: 5000,
    });
  }

  /**
   * Publishes a claimed batch pipelined on the one connection: up to `publishInFlight()` publishes
   * wait for their acknowledgements at once (JetStream takes one message per publish; the message id
   * makes a repeat harmless). Returns each row's error, or null once the stream has it.
   */
  async publishAll(messages: OutboxMessage[]): Promise<(Error | null)[]> {
    const results: (Error | null)[] = new Array<Error | null>(messages.length).fill(null);
    let next = 0;
    const worker = async () => {
      while (next < messages.length) {
        const i = next++;
        try {
          await this.publish(messages[i]!);
        } catch (e) {
          results[i] = e instanceof Error ? e : new Error(String(e));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(publishInFlight(), messages.length) }, worker));
    // The stream is gone (deleted by an operator): bring it back for the retry, as a consumer's restart would.
    if (results.some((e) => e && /no responders|stream not found|503/i.test(e.message)))
      await ensureStream(this.jsm, this.settings).catch((e) =>
        this.log.warn('event stream could not be created again', { error: String(e) }),
      );
    return results;
  }
}

/** Restart delays of a consumer loop that ended on its own: 250 ms doubling, at most 30 s. */
const RESTART_BASE_MS = 250;
const RESTART_MAX_MS = 30_000;
/** A loop that ran this long before it ended starts its backoff afresh. */
const RESTART_RESET_AFTER_MS = 60_000;

/**
 * Pulls one topic for one subgraph, one message at a time, acknowledging each after its handler
 * committed (a handler with `batch`: every message it holds at once). The pull loop is supervised: when it ends without a stop (the durable consumer or the
 * stream was deleted, the subscription failed, an iterator error), it is logged, counted
 * (`perkmall_event_consumer_restarts_total`) and started again after a backoff, recreating the
 * stream and the durable consumer if they are gone. A recreated consumer starts at the beginning of
 * the stream (its acknowledgements went with it): the handlers are idempotent, so the effect stays once.
 */
class TopicConsumer {
  private messages: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;
  private stopped = false;
  private wakeFromBackoff: (() => void) | null = null;

  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly settings: EventTransportSettings,
    private readonly subgraph: SubgraphName,
    private readonly topic: string,
    private readonly handler: EventHandler,
    private readonly log: Logger,
  ) {}

  get name(): string {
    return consumerName(this.subgraph, this.topic);
  }

  async start(jsm: JetStreamManager): Promise<void> {
    await this.open(jsm); // the first start fails loudly: a subgraph that cannot consume does not start
    this.loop = this.supervise(jsm);
  }

  /** Makes sure the durable consumer exists and starts pulling from it. */
  private async open(jsm: JetStreamManager): Promise<void> {
    const stream = streamName(this.settings.prefix);
    await ensureConsumer(jsm, stream, {
      durable_name: this.name,
      filter_subject: subjectOf(this.settings.prefix, this.topic),
      ack_policy: nats().AckPolicy.Explicit,
      deliver_policy: nats().DeliverPolicy.All,
      ack_wait: nats().nanos(this.settings.ackWaitMs),
      max_deliver: this.settings.maxDeliver,
      // Handled one at a time per process: a few pulled ahead, so their ack wait does not run out in the queue.
      max_ack_pending: 1000,
    });
    const consumer = await this.js.consumers.get(stream, this.name);
    // A deleted consumer or stream ends the iterator (with an error) instead of being polled for
    // ever: the supervisor below then recreates it. A pull lasts 10 s, its idle heartbeats come every
    // 5 s: missing ones make the client look the consumer up, which notices one deleted while idle.
    this.messages = await consumer.consume({
      // A batch handler gets what has arrived: a batch is pulled at a time (refilled at three quarters).
      max_messages: this.handler.batch ? MAX_CONSUMED_BATCH : 4,
      abort_on_missing_resource: true,
      expires: 10_000,
    });
  }

  private async supervise(jsm: JetStreamManager): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const began = Date.now();
      let error: unknown = null;
      try {
        if (!this.messages) await this.open(jsm);
        // Stopped while it opened: the pull just made is stopped below.
        if (!this.stopped) await this.consumeAll(this.messages!);
      } catch (e) {
        error = e;
      }
      this.messages?.stop();
      this.messages = null;
      if (this.stopped) return;
      failures = Date.now() - began > RESTART_RESET_AFTER_MS ? 1 : failures + 1;
      const delayMs = Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** Math.min(failures - 1, 10));
      this.log.error('event consumer stopped; starting it again', {
        consumer: this.name,
        error: error ? String(error) : 'the message iterator ended',
        attempt: failures,
        delayMs,
      });
      countConsumerRestart(this.name);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        this.wakeFromBackoff = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeFromBackoff = null;
      if (this.stopped) return;
      // The stream may be gone too (an operator deleted it): every process may create it.
      await ensureStream(jsm, this.settings).catch((e) =>
        this.log.warn('event stream could not be created again', { consumer: this.name, error: String(e) }),
      );
    }
  }

  /** Handles messages until the iterator ends (a stop, or an error it throws). */
  private async consumeAll(messages: ConsumerMessages): Promise<void> {
    if (this.handler.batch) return this.consumeBatches(messages, this.handler.batch);
    for await (const m of messages) {
      if (this.stopped) return; // not acknowledged: JetStream delivers it again (here or to a replica)
      await this.handle(m);
    }
  }

  /**
   * Reads every message as it arrives into a queue and hands the queue (up to a batch) to the batch
   * handler whenever the previous call is done: a burst becomes a few calls. Queued messages are
   * kept (`working()`) so their ack wait does not run out while they wait their turn. Ends when the
   * iterator does; its error is thrown.
   */
  private async consumeBatches(messages: ConsumerMessages, handleBatch: EventBatchHandler): Promise<void> {
    const queue: JsMsg[] = [];
    let ended = false;
    let failure: unknown = null;
    const wake: { arrived: (() => void) | null } = { arrived: null };
    const reader = (async () => {
      try {
        for await (const m of messages) {
          queue.push(m);
          wake.arrived?.();
        }
      } catch (e) {
        failure = e;
      } finally {
        ended = true;
        wake.arrived?.();
      }
    })();
    const heartbeat = setInterval(
      () => queue.forEach((m) => m.working()),
      Math.max(250, Math.floor(this.settings.ackWaitMs / 3)),
    );
    try {
      for (;;) {
        if (this.stopped) break; // queued messages are not acknowledged: JetStream delivers them again
        if (!queue.length) {
          if (ended) break;
          await new Promise<void>((resolve) => (wake.arrived = resolve));
          wake.arrived = null;
          continue;
        }
        await this.handleBatch(queue.splice(0, MAX_CONSUMED_BATCH), handleBatch);
      }
    } finally {
      clearInterval(heartbeat);
      messages.stop();
      await reader;
    }
    if (failure) throw failure;
  }

  /**
   * One call of the batch handler for every decodable message, acknowledged together once it
   * committed. A batch that fails is handled again message by message, so one bad message is
   * retried (and at last set aside) alone instead of holding the others back.
   */
  private async handleBatch(batch: JsMsg[], handleBatch: EventBatchHandler): Promise<void> {
    const decoded: { m: JsMsg; envelope: EventEnvelope }[] = [];
    for (const m of batch) {
      try {
        decoded.push({ m, envelope: codec().decode(m.data) });
      } catch (e) {
        await this.deadLetter(m, `undecodable message: ${String(e)}`, m.info.deliveryCount);
      }
    }
    if (!decoded.length) return;
    const heartbeat = setInterval(
      () => decoded.forEach(({ m }) => m.working()),
      Math.max(250, Math.floor(this.settings.ackWaitMs / 3)),
    );
    try {
      await handleBatch(decoded.map(({ envelope }) => envelope.payload));
    } catch (e) {
      clearInterval(heartbeat);
      this.log.warn('event batch failed; handling its messages one by one', {
        consumer: this.name,
        batch: decoded.length,
        error: (e instanceof Error ? e.message : String(e)).slice(0, 500),
      });
      for (const { m } of decoded) await this.handle(m);
      return;
    }
    clearInterval(heartbeat);
    countConsumedBatch(this.name, decoded.length);
    injectEventFault(this.topic);
    await Promise.all(
      decoded.map(({ m }) =>
        m
          .ackAck()
          .catch((e) => this.log.warn('event acknowledgement failed', { consumer: this.name, error: String(e) })),
      ),
    );
  }

  private async handle(m: JsMsg): Promise<void> {
    const deliveries = m.info.deliveryCount;
    let envelope: EventEnvelope;
    try {
      envelope = codec().decode(m.data);
    } catch (e) {
      await this.deadLetter(m, `undecodable message: ${String(e)}`, deliveries);
      return;
    }
    // A long handler keeps its message: JetStream would otherwise deliver it again after the ack wait.
    const heartbeat = setInterval(() => m.working(), Math.max(250, Math.floor(this.settings.ackWaitMs / 3)));
    try {
      await this.handler(envelope.payload);
    } catch (e) {
      clearInterval(heartbeat);
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      if (deliveries >= this.settings.maxDeliver) {
        await this.deadLetter(m, error, deliveries);
        return;
      }
      // Backoff like the HTTP relay's, shorter: 1 s, 2 s, 4 s … at most a minute.
      const delay = Math.min(60_000, 1000 * 2 ** Math.min(deliveries - 1, 6));
      this.log.warn('event handling failed; JetStream will deliver it again', {
        consumer: this.name,
        msgId: m.headers?.get('Nats-Msg-Id'),
        deliveries,
        delayMs: delay,
        error,
      });
      m.nak(delay);
      return;
    }
    clearInterval(heartbeat);
    // Test-only crash point: the handler committed, the acknowledgement is not sent (core/faults.ts).
    injectEventFault(this.topic);
    await m.ackAck().catch((e) =>
      // The ack was lost: the message comes again, and the idempotent handler makes that a no-op.
      this.log.warn('event acknowledgement failed', { consumer: this.name, error: String(e) }),
    );
  }

  /** Sets a poison message aside on the dead-letter subject and stops its redelivery. */
  private async deadLetter(m: JsMsg, error: string, deliveries: number): Promise<void> {
    const msgId = m.headers?.get('Nats-Msg-Id') ?? `seq:${m.seq}`;
    this.log.error('event set aside after failed deliveries (dead letter)', {
      consumer: this.name,
      msgId,
      deliveries,
      error,
    });
    const h = nats().headers();
    h.set('Perkmall-Consumer', this.name);
    h.set('Perkmall-Error', error.replace(/[\r\n]+/g, ' '));
    h.set('Perkmall-Deliveries', String(deliveries));
    try {
      await this.js.publish(deadLetterSubjectOf(this.settings.prefix, this.topic), m.data, {
        msgID: `dead:${this.name}:${msgId}`,
        headers: h,
      });
      m.term();
    } catch (e) {
      // Not set aside: leave it to JetStream (it stops after max deliveries); the log above keeps the record.
      this.log.error('dead letter could not be published', { consumer: this.name, msgId, error: String(e) });
      m.term();
    }
  }

  /** Stops pulling; the message in hand finishes (and is acknowledged) first. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.messages?.stop();
    this.wakeFromBackoff?.();
    await this.loop;
  }
}

/** A process's JetStream link: the relay's publisher and the subgraph's consumers. */
export class EventTransport {
  private readonly consumers: TopicConsumer[] = [];

  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    readonly settings: EventTransportSettings,
    private readonly subgraph: SubgraphName,
    private readonly log: Logger,
  ) {}

  static async connect(settings: EventTransportSettings, subgraph: SubgraphName, log: Logger): Promise<EventTransport> {
    const nc = await nats().connect({ servers: settings.url, name: `perkmall-${subgraph}`, maxReconnectAttempts: -1 });
    const jsm = await nc.jetstreamManager();
    await ensureStream(jsm, settings);
    return new EventTransport(nc, jsm, settings, subgraph, log);
  }

  publisher(): OutboxPublisher {
    return new JetStreamPublisher(this.nc.jetstream(), this.jsm, this.settings, this.subgraph, this.log);
  }

  /** Starts one durable pull consumer per topic this subgraph consumes. */
  async consume(handlers: Record<string, EventHandler>): Promise<void> {
    for (const [topic, handler] of Object.entries(handlers)) {
      const consumer = new TopicConsumer(
        this.nc,
        this.nc.jetstream(),
        this.settings,
        this.subgraph,
        topic,
        handler,
        this.log,
      );
      await consumer.start(this.jsm);
      this.consumers.push(consumer);
    }
    this.log.info('consuming events from JetStream', { consumers: this.consumers.map((c) => c.name) });
  }

  /** Graceful stop: consumers finish the message in hand and stop pulling. */
  async stopConsuming(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
  }

  /** Flushes what is published and closes the connection. */
  async close(): Promise<void> {
    await this.stopConsuming();
    await this.nc.drain().catch(() => undefined);
  }
}
