/**
 * Supplier simulator: a small HTTP server that plays a supplier's partner API, speaking the signed
 * protocol of docs/partner-delivery-protocol.md on its own (node:http and node:crypto only; it
 * imports nothing from Perkmall, so it checks the protocol as an outside implementer would).
 *
 *   node --import tsx scripts/supplier-simulator.ts [--port 4010] [--secret S] [--state file.json]
 *   env: SUPPLIER_SIM_PORT, SUPPLIER_SIM_HOST (127.0.0.1), SUPPLIER_SIM_SECRET, SUPPLIER_SIM_STATE_FILE
 *
 * Protocol side:
 *   POST /issue                   issue once per idempotencyKey; a repeated key gets the first result
 *   GET  /issue/<idempotencyKey>  what became of it; 404 {"status":"NOT_FOUND"} when never seen
 * Control side (for tests and demos; unauthenticated, so bind it to 127.0.0.1):
 *   POST /control/behaviour  { match: { productCode?, account? }, behaviour, delayMs?, reason?, times? }
 *        behaviour: succeed | fail | timeout | late | twice | error
 *          succeed  200 DELIVERED (PARTNER_ISSUED with a voucher code, link and expiry)
 *          fail     200 FAILED with `reason`
 *          timeout  records DELIVERED but answers after `delayMs` (left out: never answers)
 *          late     202 PENDING, then after `delayMs` (default 500) DELIVERED and a signed callback
 *          twice    like late, but the callback is sent twice
 *          error    500, nothing issued
 *        the newest matching rule wins; `times` limits how often it applies; no rule: succeed
 *   GET  /control/requests   every /issue request received, in order (duplicates included)
 *   GET  /control/issued     every result, by idempotency key, with how often it was issued
 *   POST /control/reset      forget rules, requests and results
 *   POST /control/secret     { secret }: the shared secret Perkmall generated for the endpoint
 *   GET  /health
 * With a state file, results (and requests) survive a restart: the "partner down for a minute" test
 * stops the process and starts it again, and earlier keys must still be answered.
 */
import fs from 'node:fs';
import http from 'node:http';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

type Behaviour = 'succeed' | 'fail' | 'timeout' | 'late' | 'twice' | 'error';
const BEHAVIOURS: Behaviour[] = ['succeed', 'fail', 'timeout', 'late', 'twice', 'error'];

interface Rule {
  match: { productCode?: string; account?: string };
  behaviour: Behaviour;
  delayMs?: number;
  reason?: string;
  times?: number;
}

interface IssueRequest {
  idempotencyKey: string;
  productCode: string;
  mode: 'DIRECT_TOPUP' | 'PARTNER_ISSUED';
  account: string | null;
  orderRef: string;
  callbackUrl: string | null;
}

interface Result {
  status: 'DELIVERED' | 'FAILED' | 'PENDING';
  partnerRef: string;
  voucher?: { code: string; link: string; expiresAt: string } | null;
  reason?: string;
}

interface Issued {
  request: IssueRequest;
  result: Result;
  /** How many times the product was actually issued for this key (the protocol promises ≤ 1). */
  issuedCount: number;
  issuedAt: string;
  callbacksSent: number;
  /** What the receiver answered to the last callback that arrived (its JSON). */
  lastCallbackAnswer?: unknown;
  /** A late result still to be called back: when, and how many callbacks. */
  pendingUntil?: string;
  callbacks?: number;
}

interface State {
  /** Set through /control/secret (the supplier configuring the secret Perkmall generated); else the start secret. */
  secret?: string;
  rules: Rule[];
  requests: (IssueRequest & { at: string; duplicate: boolean; behaviour: Behaviour | 'replay' })[];
  issued: Record<string, Issued>;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(arg('port') ?? process.env.SUPPLIER_SIM_PORT ?? 4010);
const host = arg('host') ?? process.env.SUPPLIER_SIM_HOST ?? '127.0.0.1';
const startSecret = arg('secret') ?? process.env.SUPPLIER_SIM_SECRET ?? 'demo-partner-secret-change-me';
const stateFile = arg('state') ?? process.env.SUPPLIER_SIM_STATE_FILE;
const REPLAY_WINDOW_SECONDS = 300;

let state: State = { rules: [], requests: [], issued: {} };
if (stateFile && fs.existsSync(stateFile)) state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as State;

function save(): void {
  if (!stateFile) return;
  const tmp = `${stateFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, stateFile);
}

// ---- the protocol's signature (docs/partner-delivery-protocol.md, "Signing") ----

function sign(timestamp: number, payload: string | Buffer): string {
  return createHmac('sha256', state.secret ?? startSecret)
    .update(`${timestamp}.`)
    .update(payload)
    .digest('hex');
}

function verify(req: http.IncomingMessage, payload: string | Buffer): boolean {
  const ts = String(req.headers['x-perkmall-timestamp'] ?? '');
  const sig = String(req.headers['x-perkmall-signature'] ?? '');
  if (!/^\d{1,12}$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > REPLAY_WINDOW_SECONDS) return false;
  const expected = Buffer.from(sign(Number(ts), payload), 'hex');
  return sig.split(',').some((part) => {
    const m = /^\s*v1=([0-9a-f]{64})\s*$/i.exec(part);
    return m !== null && timingSafeEqual(Buffer.from(m[1]!, 'hex'), expected);
  });
}

// ---- helpers ----

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 256 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function ruleFor(request: IssueRequest): Rule | null {
  for (let i = state.rules.length - 1; i >= 0; i--) {
    const rule = state.rules[i]!;
    const { productCode, account } = rule.match;
    if (productCode !== undefined && productCode !== request.productCode) continue;
    if (account !== undefined && account !== request.account) continue;
    if (rule.times !== undefined) {
      rule.times -= 1;
      if (rule.times <= 0) state.rules.splice(i, 1);
    }
    return rule;
  }
  return null;
}

function delivered(request: IssueRequest): Result {
  const partnerRef = `SIM-${randomBytes(6).toString('hex').toUpperCase()}`;
  const voucher =
    request.mode === 'PARTNER_ISSUED'
      ? {
          code: `V-${randomBytes(5).toString('hex').toUpperCase()}`,
          link: `https://partner.example/redeem/${partnerRef}`,
          expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
        }
      : null;
  return { status: 'DELIVERED', partnerRef, voucher };
}

function answer(res: http.ServerResponse, result: Result): void {
  send(res, result.status === 'PENDING' ? 202 : 200, result);
}

/** Posts the result to the callback URL, signed; retried a few times when it does not arrive. */
async function callBack(key: string): Promise<void> {
  const issued = state.issued[key];
  if (!issued?.request.callbackUrl) return;
  const body = JSON.stringify({ idempotencyKey: key, ...issued.result });
  for (let attempt = 0; attempt < 5; attempt++) {
    const ts = Math.floor(Date.now() / 1000);
    try {
      const r = await fetch(issued.request.callbackUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-perkmall-timestamp': String(ts),
          'x-perkmall-signature': `v1=${sign(ts, body)}`,
        },
        body,
        signal: AbortSignal.timeout(5000),
      });
      if (r.ok) {
        issued.lastCallbackAnswer = await r.json().catch(() => null);
        issued.callbacksSent += 1;
        save();
        return;
      }
      if (r.status >= 400 && r.status < 500 && r.status !== 429) {
        console.error(`callback for ${key} refused: ${r.status} ${await r.text()}`);
        return;
      }
    } catch {
      // not reachable now; try again
    }
    await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
  }
}

/** A late result: after its delay the partner finishes issuing and calls back (`callbacks` times). */
function scheduleLate(key: string): void {
  const issued = state.issued[key];
  if (!issued?.pendingUntil) return;
  const wait = Math.max(0, Date.parse(issued.pendingUntil) - Date.now());
  setTimeout(async () => {
    const now = state.issued[key];
    if (!now || now.result.status !== 'PENDING') return;
    now.result = { ...delivered(now.request), partnerRef: now.result.partnerRef };
    now.issuedCount += 1;
    delete now.pendingUntil;
    save();
    for (let i = 0; i < (now.callbacks ?? 1); i++) await callBack(key);
  }, wait).unref();
}

function parseIssue(body: Buffer): IssueRequest | string {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'body is not JSON';
  }
  const str = (v: unknown) => typeof v === 'string' && v.length > 0;
  if (!str(json.idempotencyKey) || !/^[A-Za-z0-9._:-]{1,100}$/.test(json.idempotencyKey as string))
    return 'idempotencyKey is required (1–100 of A-Za-z0-9._:-)';
  if (!str(json.productCode)) return 'productCode is required';
  if (json.mode !== 'DIRECT_TOPUP' && json.mode !== 'PARTNER_ISSUED')
    return 'mode must be DIRECT_TOPUP or PARTNER_ISSUED';
  if (json.mode === 'DIRECT_TOPUP' && !str(json.account)) return 'account is required for DIRECT_TOPUP';
  if (!str(json.orderRef)) return 'orderRef is required';
  return {
    idempotencyKey: json.idempotencyKey as string,
    productCode: json.productCode as string,
    mode: json.mode,
    account: str(json.account) ? (json.account as string) : null,
    orderRef: json.orderRef as string,
    callbackUrl: str(json.callbackUrl) ? (json.callbackUrl as string) : null,
  };
}

async function issue(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await readBody(req);
  if (!verify(req, body)) return send(res, 401, { status: 'FAILED', reason: 'bad or stale signature' });
  const request = parseIssue(body);
  if (typeof request === 'string') return send(res, 400, { status: 'FAILED', reason: request });
  const at = new Date().toISOString();
  const known = state.issued[request.idempotencyKey];
  if (known) {
    // The same request again: the first result, never a second issue.
    state.requests.push({ ...request, at, duplicate: true, behaviour: 'replay' });
    save();
    return answer(res, known.result);
  }
  const rule = ruleFor(request);
  const behaviour = rule?.behaviour ?? 'succeed';
  state.requests.push({ ...request, at, duplicate: false, behaviour });
  const record = (result: Result, issuedCount: number, extra: Partial<Issued> = {}) => {
    state.issued[request.idempotencyKey] = { request, result, issuedCount, issuedAt: at, callbacksSent: 0, ...extra };
    save();
  };
  switch (behaviour) {
    case 'succeed': {
      const result = delivered(request);
      record(result, 1);
      return answer(res, result);
    }
    case 'fail': {
      const result: Result = {
        status: 'FAILED',
        partnerRef: `SIM-${randomBytes(6).toString('hex').toUpperCase()}`,
        reason: rule?.reason ?? 'The account does not exist at the partner.',
      };
      record(result, 0);
      return answer(res, result);
    }
    case 'timeout': {
      // Issued at once, but the answer comes too late (or never): the caller must ask afterwards.
      const result = delivered(request);
      record(result, 1);
      if (rule?.delayMs !== undefined) setTimeout(() => answer(res, result), rule.delayMs).unref();
      return;
    }
    case 'late':
    case 'twice': {
      const result: Result = { status: 'PENDING', partnerRef: `SIM-${randomBytes(6).toString('hex').toUpperCase()}` };
      record(result, 0, {
        pendingUntil: new Date(Date.now() + (rule?.delayMs ?? 500)).toISOString(),
        callbacks: behaviour === 'twice' ? 2 : 1,
      });
      scheduleLate(request.idempotencyKey);
      return answer(res, result);
    }
    case 'error':
      save();
      return send(res, 500, { status: 'ERROR', reason: 'simulated partner failure; nothing was issued' });
  }
}

function query(req: http.IncomingMessage, res: http.ServerResponse, key: string): void {
  if (!verify(req, key)) return send(res, 401, { status: 'FAILED', reason: 'bad or stale signature' });
  const known = state.issued[key];
  if (!known) return send(res, 404, { status: 'NOT_FOUND' });
  send(res, 200, known.result);
}

async function control(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
  if (path === '/control/requests' && req.method === 'GET') return send(res, 200, { requests: state.requests });
  if (path === '/control/issued' && req.method === 'GET')
    return send(res, 200, {
      issued: Object.entries(state.issued).map(([idempotencyKey, i]) => ({
        idempotencyKey,
        status: i.result.status,
        partnerRef: i.result.partnerRef,
        issuedCount: i.issuedCount,
        callbacksSent: i.callbacksSent,
        lastCallbackAnswer: i.lastCallbackAnswer ?? null,
      })),
    });
  if (path === '/control/reset' && req.method === 'POST') {
    state = { secret: state.secret, rules: [], requests: [], issued: {} };
    save();
    return send(res, 200, { reset: true });
  }
  if (path === '/control/secret' && req.method === 'POST') {
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { secret?: unknown };
    if (typeof body.secret !== 'string' || body.secret.length < 16)
      return send(res, 400, { error: 'secret must be a string of at least 16 characters' });
    state.secret = body.secret;
    save();
    return send(res, 200, { secretSet: true });
  }
  if (path === '/control/behaviour' && req.method === 'POST') {
    let rule: Rule;
    try {
      rule = JSON.parse((await readBody(req)).toString('utf8')) as Rule;
    } catch {
      return send(res, 400, { error: 'body is not JSON' });
    }
    if (!BEHAVIOURS.includes(rule.behaviour))
      return send(res, 400, { error: `behaviour must be one of ${BEHAVIOURS.join(', ')}` });
    rule.match ??= {};
    state.rules.push(rule);
    save();
    return send(res, 200, { rules: state.rules });
  }
  send(res, 404, { error: `no control route ${req.method} ${path}` });
}

const server = http.createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const run = async () => {
    if (path === '/health') return send(res, 200, { simulator: 'supplier', status: 'ok' });
    if (path === '/issue' && req.method === 'POST') return issue(req, res);
    const q = /^\/issue\/([^/]+)$/.exec(path);
    if (q && req.method === 'GET') return query(req, res, decodeURIComponent(q[1]!));
    if (path.startsWith('/control/')) return control(req, res, path);
    send(res, 404, { error: `no route ${req.method} ${path}` });
  };
  run().catch((e: unknown) => send(res, 500, { error: e instanceof Error ? e.message : String(e) }));
});

// Late results the previous run had not called back yet.
for (const key of Object.keys(state.issued)) scheduleLate(key);

server.listen(port, host, () => {
  console.log(`Supplier simulator on http://${host}:${port} (state: ${stateFile ?? 'memory only'})`);
});
const stop = () => {
  server.close(() => process.exit(0));
  // Requests held open on purpose (timeout) must not keep a stopped partner alive.
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
