import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** One request the receiver got, with the raw body exactly as sent. */
export interface ReceivedWebhook {
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  body: { id: string; type: string; occurredAt: string; bankId: string; data: Record<string, any> };
  at: number;
  answered: number;
}

/**
 * A bank's system in the test process (real HTTP): records every POST and answers each path with
 * the statuses scripted for it (then 200), or always with `down` while set.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const scripted = new Map<string, number[]>();
  const down = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const status = down.get(path) ?? scripted.get(path)?.shift() ?? 200;
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: ReceivedWebhook['body'];
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = { id: '', type: '', occurredAt: '', bankId: '', data: {} };
      }
      received.push({ path, headers: req.headers, rawBody, body, at: Date.now(), answered: status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    /** The next answers of `path` (then 200 again). */
    script(path: string, statuses: number[]) {
      scripted.set(path, [...statuses]);
    },
    /** Answers every request of `path` with `status` until called with null. */
    setDown(path: string, status: number | null) {
      if (status === null) down.delete(path);
      else down.set(path, status);
    },
    on(path: string) {
      return received.filter((r) => r.path === path);
    },
    async waitFor(
      what: string,
      predicate: (r: ReceivedWebhook) => boolean,
      count = 1,
      timeoutMs = 30_000,
    ): Promise<ReceivedWebhook[]> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const hits = received.filter(predicate);
        if (hits.length >= count) return hits;
        if (Date.now() > until)
          throw new Error(`${what}: ${hits.length} of ${count} within ${timeoutMs} ms; got ${received.length} requests`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The verification recipe of the README ("Webhooks to bank systems"), as a bank would write it:
 * the timestamp within the replay window, then HMAC-SHA256(secret, "<timestamp>.<raw body>")
 * compared in constant time.
 */
export function verifyPerkmallSignature(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  toleranceSeconds = 300,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const timestamp = Number(headers['x-perkmall-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
  const given = String(headers['x-perkmall-signature'] ?? '');
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
