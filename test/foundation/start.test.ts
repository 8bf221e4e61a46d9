import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR, SUBGRAPH_NAMES } from '../../core/config';
import { freePort } from '../../scripts/stack';
import { componentArgs } from '../../scripts/services-build';
import { CLIENT_AUDIENCE, ISSUER, loadKeyPair, signToken } from '../../core/identity';
import { openDatabase } from '../../core/db';
import { SUBGRAPHS } from '../../subgraphs';
import { Customer } from '../../subgraphs/tenants/entities/customer';
import { Supplier } from '../../subgraphs/catalog/entities/supplier';
import { BANKS, CUSTOMERS_PER_BANK, SUPPLIERS } from '../../scripts/seed/demo-plan';

/** Every `npm start` this file launched, so a failing test still stops them (or the runner would wait forever). */
const launched = new Set<import('node:child_process').ChildProcess>();

/** Runs `npm start` (as the script it calls) on an empty data dir with no database configured. */
async function runStart(dataDir: string, ports: Record<string, number>) {
  const env: NodeJS.ProcessEnv = { ...process.env, PERKMALL_DATA_DIR: dataDir, PERKMALL_LOG_LEVEL: 'warn' };
  for (const key of Object.keys(env))
    if (
      /^PERKMALL_(DATABASE_URL|DB_PREFIX|KEYS_DIR|DEBUG_ENDPOINTS)$/.test(key) ||
      (/_URL$/.test(key) && key.startsWith('PERKMALL_'))
    )
      delete env[key];
  for (const [name, port] of Object.entries(ports)) env[`PERKMALL_${name.toUpperCase()}_PORT`] = String(port);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'scripts', 'start.ts')], {
    cwd: ROOT_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  launched.add(child);
  child.once('exit', () => launched.delete(child));
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    // Both timers end on every path: one left running keeps this file's process (and the run) alive.
    const timer = setTimeout(() => {
      clearInterval(check);
      reject(new Error(`npm start did not come up:\n${output}`));
    }, 180_000);
    const check = setInterval(() => {
      if (output.includes('Press Ctrl-C to stop')) {
        clearTimeout(timer);
        clearInterval(check);
        resolve();
      }
      if (child.exitCode !== null) {
        clearTimeout(timer);
        clearInterval(check);
        reject(new Error(`npm start exited ${child.exitCode}:\n${output}`));
      }
    }, 100);
  });
  return {
    pid: child.pid!,
    output: () => output,
    async stop(): Promise<number | null> {
      const exited = new Promise<number | null>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`npm start did not stop within 30 s of Ctrl-C:\n${output.slice(-3000)}`));
        }, 30_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
      });
      child.kill('SIGINT');
      return exited;
    },
  };
}

/** The pid of the process `parent` started to run `script` (from /proc: no ps needed). */
function childRunning(parent: number, script: string): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent && fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(script)) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

async function portsInUse(ports: number[]): Promise<number[]> {
  const busy: number[] = [];
  for (const p of ports) {
    try {
      await fetch(`http://127.0.0.1:${p}/health`, { signal: AbortSignal.timeout(500) });
      busy.push(p);
    } catch {
      // refused: nothing listens any more
    }
  }
  return busy;
}

/**
 * `npm start` on the ports given; if another test file's process took one of them between picking
 * and binding (npm start then refuses: "answered by another process" / "port taken"), again on fresh
 * ports, at most three times. `ports` is updated in place.
 */
async function runStartOnFreePorts(dataDir: string, ports: Record<string, number>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runStart(dataDir, ports);
    } catch (e) {
      const taken = e instanceof Error && /answered by another process|port taken|EADDRINUSE/.test(e.message);
      if (!taken || attempt >= 3) throw e;
      for (const name of Object.keys(ports)) ports[name] = await freePort();
    }
  }
}

describe('npm start on a bare machine', () => {
  it(
    'migrates and seeds SQLite, starts seven processes, answers a federated query, restarts a subgraph killed with SIGKILL within 5 s, stops cleanly, and does not reseed',
    { timeout: 600_000 },
    async (t) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-start-'));
      const ports: Record<string, number> = {};
      for (const name of [...SUBGRAPH_NAMES, 'gateway']) ports[name] = await freePort();
      try {
        const first = await runStartOnFreePorts(dataDir, ports);
        assert.match(first.output(), new RegExp(`http://127.0.0.1:${ports.gateway}/graphql`));
        assert.match(first.output(), /BANK_ADMIN/);
        assert.match(
          first.output(),
          /login_name=ljrcb\.admin {2}password=\S+\n\s+TOTP secret [A-Z2-7]+ {2}otpauth:\/\/totp\//,
        );
        assert.match(first.output(), new RegExp(`POST http://127.0.0.1:${ports.gateway}/carriers/<CODE>/events`));
        assert.match(first.output(), /x-perkmall-signature: sha256=/);
        assert.match(first.output(), /SF=dev-callback-secret-sf/);
        // The operator console, built by npm start when stale, is served at the printed address.
        const consoleUrl = `http://127.0.0.1:${ports.gateway}/console/`;
        assert.match(first.output(), new RegExp(`Console: +${consoleUrl}`));
        const consolePage = await fetch(consoleUrl);
        assert.equal(consolePage.status, 200);
        assert.match(await consolePage.text(), /<div id="root">/);
        for (const name of SUBGRAPH_NAMES)
          assert.ok(fs.existsSync(path.join(dataDir, `${name}.db`)), `${name}.db on SQLite`);

        process.env.PERKMALL_KEYS_DIR = path.join(dataDir, 'keys');
        const token = await signToken(
          { role: 'BANK_ADMIN', sub: 't', bankId: '1' },
          {
            key: loadKeyPair('auth', { needPrivate: true }).privateKey!,
            issuer: ISSUER.auth,
            audience: CLIENT_AUDIENCE,
            ttlSeconds: 60,
          },
        );
        const query = async () => {
          const r = await fetch(`http://127.0.0.1:${ports.gateway}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({
              query:
                '{ mall(id: 1) { name listings(first: 100) { edges { node { sku { title supplier { name } } } } } } }',
            }),
            signal: AbortSignal.timeout(30_000),
          });
          return (await r.json()) as any;
        };
        const res = await query();
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        const count = res.data.mall.listings.edges.length;
        assert.ok(count > 0);
        assert.ok(res.data.mall.listings.edges.every((e: any) => e.node.sku.title && e.node.sku.supplier.name));

        // A demo staff member signs in on SQLite too (a wrong password first: the lockout's counting runs there).
        const staffSignIn = (password: string) =>
          fetch(`http://127.0.0.1:${ports.gateway}/auth/staff/sign-in`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ login_name: 'ljrcb.operator', password }),
          });
        assert.equal((await staffSignIn('Not-the-password-1')).status, 401);
        const signedIn = await staffSignIn('Demo-Bank-Operator-2026!');
        assert.equal(signedIn.status, 200);
        const { refresh_token: refreshToken } = (await signedIn.json()) as { refresh_token: string };
        const refreshed = await fetch(`http://127.0.0.1:${ports.gateway}/auth/staff/refresh`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refresh_token: refreshToken }),
        });
        assert.equal(refreshed.status, 200);

        // Supervision: kill the orders process outright; npm start brings it back within 5 s.
        const ordersQuery = async () => {
          const r = await fetch(`http://127.0.0.1:${ports.gateway}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: '{ bankOrders(bankId: "1", first: 1) { edges { node { id } } } }' }),
            signal: AbortSignal.timeout(5_000),
          });
          return (await r.json()) as any;
        };
        assert.equal((await ordersQuery()).errors, undefined);
        const ordersPid = childRunning(first.pid, componentArgs('orders').at(-1)!);
        assert.ok(ordersPid, 'the orders process is a child of npm start');
        const spareReady = async () => {
          const since = Date.now();
          while (!childRunning(first.pid, 'warm spare (ready)') && Date.now() - since < 60_000)
            await new Promise((r) => setTimeout(r, 100));
          return childRunning(first.pid, 'warm spare (ready)');
        };
        const sparePid = await spareReady();
        assert.ok(sparePid, 'npm start keeps a warm spare (scripts/warm-spare.cjs), ready');
        const killedAt = Date.now();
        process.kill(ordersPid, 'SIGKILL');
        while (
          fs.existsSync(`/proc/${ordersPid}`) &&
          !fs.readFileSync(`/proc/${ordersPid}/stat`, 'utf8').includes(') Z ')
        )
          await new Promise((r) => setTimeout(r, 20));
        let back: any;
        while (Date.now() - killedAt < 5_000) {
          back = await ordersQuery().catch(() => undefined);
          if (back && back.errors === undefined) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        const tookMs = Date.now() - killedAt;
        assert.equal(
          back?.errors,
          undefined,
          `orders not answering ${tookMs} ms after SIGKILL: ${JSON.stringify(back?.errors)}\n${first.output().slice(-2000)}`,
        );
        assert.ok(tookMs < 5_000, `back after ${tookMs} ms`);
        t.diagnostic(`orders answered again ${tookMs} ms after SIGKILL`);
        const restartLine = /orders is answering again \(restart after [^)]*\) took \d+ ms\)/.exec(first.output());
        if (restartLine) t.diagnostic(`supervisor: ${restartLine[0]}`);
        assert.match(first.output(), /orders exited unexpectedly \(signal SIGKILL[^)]*\)\); restarting in \d+ ms/);
        // The restart took the warm spare, and a new one gets ready for the next crash.
        assert.equal(childRunning(first.pid, componentArgs('orders').at(-1)!), sparePid, 'the spare became orders');
        const nextSpare = await spareReady();
        assert.ok(nextSpare && nextSpare !== sparePid, 'a new warm spare for the next crash');

        assert.equal(await first.stop(), 0);
        assert.deepEqual(await portsInUse(Object.values(ports)), [], 'every process stopped');

        // Fresh ports: the old ones may have been taken by other test files meanwhile.
        for (const name of [...SUBGRAPH_NAMES, 'gateway']) ports[name] = await freePort();
        const second = await runStartOnFreePorts(dataDir, ports);
        const again = await query();
        assert.equal(again.errors, undefined, JSON.stringify(again.errors));
        assert.equal(again.data.mall.listings.edges.length, count);
        assert.equal(await second.stop(), 0);

        // A second start does not duplicate the seed: read the embedded databases themselves.
        const saved = { url: process.env.PERKMALL_DATABASE_URL, dir: process.env.PERKMALL_DATA_DIR };
        delete process.env.PERKMALL_DATABASE_URL;
        process.env.PERKMALL_DATA_DIR = dataDir;
        try {
          const tenants = await openDatabase(SUBGRAPHS.tenants.storage);
          const catalog = await openDatabase(SUBGRAPHS.catalog.storage);
          assert.equal(await tenants.em.fork().count(Customer, {}), BANKS.length * CUSTOMERS_PER_BANK);
          assert.equal(await catalog.em.fork().count(Supplier, {}), SUPPLIERS.length);
          await tenants.close(true);
          await catalog.close(true);
        } finally {
          if (saved.url) process.env.PERKMALL_DATABASE_URL = saved.url;
          if (saved.dir) process.env.PERKMALL_DATA_DIR = saved.dir;
          else delete process.env.PERKMALL_DATA_DIR;
        }
      } finally {
        // Its own process group: kill npm start and every process it started.
        for (const child of launched) {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        delete process.env.PERKMALL_KEYS_DIR;
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
