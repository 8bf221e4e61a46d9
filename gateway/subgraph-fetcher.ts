import http from 'node:http';
import https from 'node:https';
import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { injectTraceContext } from '../core/telemetry';

/**
 * The gateway's subgraph fetches through node:http with kept-alive sockets, instead of Node's fetch:
 * undici's web streams, abort signals and header objects were ~27 % of the gateway's CPU in the
 * benchmark's profile (core/service-client.ts does the same for saga calls). Only the part of the
 * fetch interface RemoteGraphQLDataSource uses is here: status, headers, json()/text().
 *
 * Failures keep the shape fetch gave them: a request that gets no answer rejects (the data source
 * then reports the subgraph unavailable, gateway/degraded.ts), and an answer cut off mid-body fails
 * its json()/text(), with the status known.
 */
export interface SubgraphFetcherOptions {
  /** Concurrent connections to the subgraph; further requests queue for a free socket. */
  maxSockets: number;
  /** An answer larger than this fails as a cut-off answer would. */
  maxResponseBytes: number;
  /**
   * Socket silence before a request is given up: what undici's headers and body timeouts were
   * (300 s each), so a slow subgraph is waited for exactly as long as before.
   */
  timeoutMs: number;
}

export function subgraphFetcher(options: SubgraphFetcherOptions): Fetcher {
  // Idle sockets are closed after 30 s, well before the subgraphs' 65 s keep-alive timeout
  // (core/http.ts); Node's agent also honours a shorter `Keep-Alive: timeout` the server sends.
  const agentOptions: http.AgentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets,
    scheduling: 'lifo',
    timeout: 30_000,
  };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

  return (url: string, init?: FetcherRequestInit): Promise<FetcherResponse> => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const body = init?.body;
    const headers: Record<string, string | number> = { ...init?.headers };
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    // The subgraph continues the trace under Apollo's `gateway.fetch` span (no-op with tracing off).
    injectTraceContext(headers);
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        target,
        { method: init?.method ?? 'GET', agent: secure ? agents.https : agents.http, headers },
        (res) => resolve(new SubgraphResponse(url, res, options.maxResponseBytes)),
      );
      req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
      // Before the answer's head this rejects the fetch; after it, the body's own listener reports it.
      req.on('error', reject);
      // No retry on a reset kept-alive socket: fetch did not retry a POST either, and a mutation must
      // not run twice. Sockets are retired before the subgraph's keep-alive timeout, so none is stale.
      req.end(body);
    });
  };
}

class SubgraphResponse implements FetcherResponse {
  readonly redirected = false;
  readonly status: number;
  readonly statusText: string;
  readonly headers: FetcherHeaders;
  private readonly body: Promise<Buffer>;
  private used = false;

  constructor(
    readonly url: string,
    res: http.IncomingMessage,
    maxBytes: number,
  ) {
    this.status = res.statusCode ?? 0;
    this.statusText = res.statusMessage ?? '';
    this.headers = new ResponseHeaders(res.headers);
    // Read at once (as fetch buffers its stream), so a kept-alive socket is freed whether or not the
    // body is asked for.
    this.body = new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          res.destroy();
          reject(new Error(`The subgraph's answer is larger than ${maxBytes} bytes.`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve(Buffer.concat(chunks, size)));
      res.on('error', reject);
      res.on('close', () => {
        if (!res.complete) reject(new Error('The subgraph closed the connection before its answer was complete.'));
      });
    });
    // A body nobody reads must not fail the process as an unhandled rejection.
    this.body.catch(() => undefined);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  private consume(): Promise<Buffer> {
    if (this.used) return Promise.reject(new TypeError('Body is unusable: body has already been read'));
    this.used = true;
    return this.body;
  }

  async text(): Promise<string> {
    return (await this.consume()).toString('utf8');
  }

  async json(): Promise<any> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.consume();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    throw new Error('Subgraph responses are read once and not cloned.');
  }
}

/** The read side of fetch's Headers over node's lower-cased header object. */
class ResponseHeaders implements FetcherHeaders {
  constructor(private readonly raw: http.IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  append(): void {
    throw new Error('Response headers are read-only.');
  }

  set(): void {
    throw new Error('Response headers are read-only.');
  }

  delete(): void {
    throw new Error('Response headers are read-only.');
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw).sort()) yield [name, this.get(name)!];
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}
