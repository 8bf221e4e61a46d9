/** JetStream helpers for tests that run events on NATS (test/harness.ts `events: 'nats'`). */
import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import { streamName } from '../core/event-transport';

export async function withJetStream<T>(
  url: string,
  work: (jsm: JetStreamManager, nc: NatsConnection) => Promise<T>,
): Promise<T> {
  const nc = await connect({ servers: url });
  try {
    return await work(await nc.jetstreamManager(), nc);
  } finally {
    await nc.close();
  }
}

/** Removes a test system's stream (and with it its consumers). */
export async function deleteEventStream(url: string, prefix: string): Promise<void> {
  await withJetStream(url, async (jsm) => {
    await jsm.streams.delete(streamName(prefix)).catch(() => false);
  });
}
