/**
 * An extra gateway process in front of a running test system's subgraphs, with its own settings
 * (production mode, limits off for a benchmark). It uses the system's key files and subgraph URLs.
 */
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT_DIR } from '../core/config';
import { freePort } from '../scripts/stack';
import type { TestSystem } from './harness';

export interface ExtraGateway {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startGatewayProcess(sys: TestSystem, env: Record<string, string>): Promise<ExtraGateway> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'gateway', 'main.ts')], {
    cwd: ROOT_DIR,
    env: { ...sys.stack.env, ...env, PERKMALL_GATEWAY_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`gateway exited ${child.exitCode}: ${stderr}`);
    try {
      const r = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) });
      if (r.ok && ((await r.json()) as { subgraphs?: unknown }).subgraphs) return { url: `${base}/graphql`, pid: child.pid!, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await stop();
  throw new Error(`gateway not healthy: ${stderr}`);
}
