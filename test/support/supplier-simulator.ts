/**
 * The supplier simulator (scripts/supplier-simulator.ts) as a separate process for tests: real HTTP,
 * a fixed port for its whole life (so a partner endpoint configured with its URL keeps working across
 * a restart) and a state file (so a restarted simulator still answers queries for earlier keys).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT_DIR } from '../../core/config';
import { freePort } from '../../scripts/stack';

export type SimulatorBehaviour = 'succeed' | 'fail' | 'timeout' | 'late' | 'twice' | 'error';

export interface SimulatorRule {
  match?: { productCode?: string; account?: string };
  behaviour: SimulatorBehaviour;
  delayMs?: number;
  reason?: string;
  times?: number;
}

export interface SimulatorRequest {
  idempotencyKey: string;
  productCode: string;
  mode: string;
  account: string | null;
  orderRef: string;
  callbackUrl: string | null;
  at: string;
  duplicate: boolean;
  behaviour: string;
}

export interface SimulatorIssued {
  idempotencyKey: string;
  status: string;
  partnerRef: string;
  issuedCount: number;
  callbacksSent: number;
  /** The receiver's JSON answer to the last callback that arrived. */
  lastCallbackAnswer: unknown;
}

export interface SupplierSimulator {
  /** The partner API root (the endpoint's baseUrl). */
  url: string;
  pid(): number | undefined;
  /** Stops the process (the partner is down); its state file stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same state. */
  restart(): Promise<void>;
  /** Adds a behaviour rule (the newest matching rule wins). */
  script(rule: SimulatorRule): Promise<void>;
  requests(): Promise<SimulatorRequest[]>;
  issued(): Promise<SimulatorIssued[]>;
  reset(): Promise<void>;
  /** Configures the shared secret (the one configurePartnerEndpoint returned); kept across restarts. */
  setSecret(secret: string): Promise<void>;
  /** Stops it and removes its state. */
  dispose(): Promise<void>;
}

export async function startSupplierSimulator(
  opts: { secret?: string; env?: Record<string, string> } = {},
): Promise<SupplierSimulator> {
  const port = await freePort();
  const secret = opts.secret ?? 'test-partner-secret';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-sim-'));
  const stateFile = path.join(dir, 'state.json');
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let stderr = '';

  const start = async () => {
    stderr = '';
    child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'scripts', 'supplier-simulator.ts')], {
      cwd: ROOT_DIR,
      env: {
        ...process.env,
        ...opts.env,
        SUPPLIER_SIM_PORT: String(port),
        SUPPLIER_SIM_SECRET: secret,
        SUPPLIER_SIM_STATE_FILE: stateFile,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`supplier simulator exited ${child.exitCode}: ${stderr}`);
      try {
        const r = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
        if (r.ok && ((await r.json()) as { simulator?: string }).simulator === 'supplier') return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`supplier simulator not healthy: ${stderr}`);
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
      c.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      c.kill('SIGTERM');
    });
  const control = async <T>(method: 'GET' | 'POST', p: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${url}/control/${p}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`simulator ${p}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };

  await start();
  return {
    url,
    pid: () => child?.pid,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    script: async (rule) => {
      await control('POST', 'behaviour', { match: {}, ...rule });
    },
    requests: async () => (await control<{ requests: SimulatorRequest[] }>('GET', 'requests')).requests,
    issued: async () => (await control<{ issued: SimulatorIssued[] }>('GET', 'issued')).issued,
    reset: async () => {
      await control('POST', 'reset', {});
    },
    setSecret: async (s) => {
      await control('POST', 'secret', { secret: s });
    },
    dispose: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
