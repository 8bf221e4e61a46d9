/**
 * Extra processes beside a running test system, with their own settings (production mode, limits off
 * for a benchmark): a gateway in front of the system's subgraphs, or a second copy of one subgraph on
 * the system's database. They use the system's key files and subgraph URLs.
 */
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT_DIR, type SubgraphName } from '../core/config';
import { freePort } from '../scripts/stack';
import type { TestSystem } from './harness';

export interface ExtraProcess {
  /** Its GraphQL endpoint. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}
export type ExtraGateway = ExtraProcess;

async function startExtraProcess(
  sys: TestSystem,
  name: SubgraphName | 'gateway',
  env: Record<string, string>,
): Promise<ExtraProcess> {
  const port = await freePort();
  const entry =
    name === 'gateway' ? path.join(ROOT_DIR, 'gateway', 'main.ts') : path.join(ROOT_DIR, 'subgraphs', name, 'main.ts');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT_DIR,
    env: { ...sys.stack.env, ...env, [`PERKMALL_${name.toUpperCase()}_PORT`]: String(port) },
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
  // Healthy *as itself*: the gateway reports its subgraphs, a subgraph its own name.
  const isItself = (body: { subgraphs?: unknown; subgraph?: string }) =>
    name === 'gateway' ? body.subgraphs !== undefined : body.subgraph === name;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited ${child.exitCode}: ${stderr}`);
    try {
      const r = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) });
      if (r.ok && isItself((await r.json()) as { subgraphs?: unknown; subgraph?: string }))
        return { url: `${base}/graphql`, pid: child.pid!, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await stop();
  throw new Error(`${name} not healthy: ${stderr}`);
}

export function startGatewayProcess(sys: TestSystem, env: Record<string, string>): Promise<ExtraGateway> {
  return startExtraProcess(sys, 'gateway', env);
}

export function startSubgraphProcess(
  sys: TestSystem,
  name: SubgraphName,
  env: Record<string, string>,
): Promise<ExtraProcess> {
  return startExtraProcess(sys, name, env);
}
