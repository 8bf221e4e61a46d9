import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { isProduction, switchFromEnv } from './config';

/**
 * Requests Perkmall sends to addresses other people chose (a bank's webhook endpoints, a supplier's
 * delivery API). Whoever registers such an address must not be able to point our processes at our
 * own network — the subgraphs, the database, a cloud metadata service — so in production a
 * destination that is or resolves to a loopback, private, link-local or otherwise non-public address
 * is refused, when it is registered and again before every request (its DNS may have changed).
 * Development and the test suite talk to 127.0.0.1: PERKMALL_OUTBOUND_ALLOW_PRIVATE=1 (the default
 * outside production) allows it.
 */
export function privateDestinationsAllowed(): boolean {
  return switchFromEnv('PERKMALL_OUTBOUND_ALLOW_PRIVATE', !isProduction());
}

const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  NON_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NON_PUBLIC.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address (v4, v6 or v4-mapped v6) is anything but a public unicast address. */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return NON_PUBLIC.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Why a URL someone registers cannot be an outbound destination, or null when it can: an absolute
 * http(s) URL within `maxLength`, https in production, no user name or password, no fragment (and
 * no query string unless `allowQuery`), and in production no literal non-public IP address.
 */
export function outboundUrlProblem(raw: string, opts: { maxLength: number; allowQuery: boolean }): string | null {
  const value = raw.trim();
  if (value.length === 0 || value.length > opts.maxLength) return `must be 1 to ${opts.maxLength} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not an absolute URL (https://…)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must start with https:// or http://';
  if (isProduction() && url.protocol !== 'https:' && process.env.PERKMALL_OUTBOUND_ALLOW_HTTP !== '1')
    return 'must use https in production';
  if (url.username || url.password) return 'may not carry a user name or password';
  if (url.hash) return 'may not have a #fragment';
  if (!opts.allowQuery && url.search) return 'may not carry a query string';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!privateDestinationsAllowed() && (host === 'localhost' || (isIP(host) !== 0 && isNonPublicAddress(host))))
    return 'must be a public address (not loopback, private or link-local)';
  return null;
}

/**
 * Null when `url` may be requested now; otherwise why not: in production its host must resolve
 * only to public addresses. Checked right before a request, so a name re-pointed at an internal
 * address after registration is refused too.
 */
export async function destinationProblem(url: string): Promise<string | null> {
  if (privateDestinationsAllowed()) return null;
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return 'the destination is not a URL';
  }
  let addresses: string[];
  try {
    addresses = isIP(host) !== 0 ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return `the destination's host ${host} does not resolve`;
  }
  return addresses.length === 0 || addresses.some(isNonPublicAddress)
    ? `the destination's host ${host} resolves to a non-public address; refused`
    : null;
}

/**
 * Reads at most `maxBytes` of an answer's body as UTF-8: the text read and whether more was left
 * unread (then the rest is cancelled, so a huge or endless answer costs nothing more).
 */
export async function readAnswerBounded(
  response: Response,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        chunks.push(value.subarray(0, value.byteLength - (size - maxBytes)));
        truncated = true;
        break;
      }
      chunks.push(value);
    }
  } finally {
    if (truncated) await reader.cancel().catch(() => undefined);
    else reader.releaseLock();
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}
