import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphFetcher } from '../../gateway/subgraph-fetcher';

/** A stand-in subgraph: answers by path. */
function standIn(): http.Server {
  return http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url === '/echo') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-seen': req.headers['x-identity'] });
        res.end(JSON.stringify({ data: { got: JSON.parse(body), method: req.method } }));
      } else if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: 'x'.repeat(10_000) }));
      } else if (req.url === '/cut') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"data":');
        setTimeout(() => res.destroy(), 20);
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('{}'), 2_000);
      } else {
        res.writeHead(503, 'Service Unavailable', { 'content-type': 'text/plain' });
        res.end('down for maintenance');
      }
    });
  });
}

describe("the gateway's subgraph fetcher (node:http, kept-alive)", () => {
  let server: http.Server;
  let origin: string;
  const fetcher = subgraphFetcher({ maxSockets: 2, maxResponseBytes: 5_000, timeoutMs: 300 });

  before(async () => {
    server = standIn();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends method, headers and body, and reads status, headers and JSON back, on reused sockets', async () => {
    const sockets = new Set<unknown>();
    server.on('connection', (s) => sockets.add(s));
    for (let i = 0; i < 5; i++) {
      const response = await fetcher(`${origin}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-identity': `token-${i}` },
        body: JSON.stringify({ query: '{ a }', n: i }),
      });
      assert.equal(response.status, 200);
      assert.equal(response.ok, true);
      assert.equal(response.headers.get('Content-Type'), 'application/json; charset=utf-8');
      assert.equal(response.headers.get('X-Seen'), `token-${i}`);
      assert.equal(response.headers.get('x-absent'), null);
      assert.deepEqual(await response.json(), { data: { got: { query: '{ a }', n: i }, method: 'POST' } });
      assert.equal(response.bodyUsed, true);
    }
    assert.equal(sockets.size, 1, 'one kept-alive connection for calls one after another');
  });

  it('passes a non-2xx answer on with its status and text, for the data source to judge', async () => {
    const response = await fetcher(`${origin}/down`, { method: 'POST', body: '{}' });
    assert.equal(response.status, 503);
    assert.equal(response.ok, false);
    assert.equal(response.statusText, 'Service Unavailable');
    assert.equal(await response.text(), 'down for maintenance');
  });

  it('fails the body of an answer beyond the size limit, and of one cut off', async () => {
    const big = await fetcher(`${origin}/big`, { method: 'POST', body: '{}' });
    assert.equal(big.status, 200);
    await assert.rejects(big.json(), /larger than 5000 bytes/);
    const cut = await fetcher(`${origin}/cut`, { method: 'POST', body: '{}' });
    assert.equal(cut.status, 200);
    await assert.rejects(cut.json());
  });

  it('rejects when nothing answers: a silent subgraph after the timeout, a closed port at once', async () => {
    await assert.rejects(fetcher(`${origin}/slow`, { method: 'POST', body: '{}' }), /no answer within 300 ms/);
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(fetcher(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' }), {
      code: 'ECONNREFUSED',
    });
  });
});
