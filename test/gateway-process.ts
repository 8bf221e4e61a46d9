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

/**
 * Any Node entry beside a test system, with its environment plus `env` and a free port in
 * `portVariable`; resolves once GET `healthPath` answers 200 and `isItself` accepts the body.
 */
export async function startNodeProcess(
  sys: TestSystem,
  opts: {
    label: string;
    entry: string;
    env: Record<string, string>;
    portVariable: string;
    healthPath: string;
    isItself?: (body: string) => boolean;
  },
): Promise<ExtraProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', opts.entry], {
    cwd: ROOT_DIR,
    env: { ...sys.stack.env, ...opts.env, [opts.portVariable]: String(port) },
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
    if (child.exitCode !== null) throw new Error(`${opts.label} exited ${child.exitCode}: ${stderr}`);
    try {
      const r = await fetch(`${base}${opts.healthPath}`, { signal: AbortSignal.timeout(1000) });
      if (r.ok && (opts.isItself?.(await r.text()) ?? true)) return { url: `${base}/graphql`, pid: child.pid!, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await stop();
  throw new Error(`${opts.label} not healthy: ${stderr}`);
}

function startExtraProcess(
  sys: TestSystem,
  name: SubgraphName | 'gateway',
  env: Record<string, string>,
): Promise<ExtraProcess> {
  // Healthy *as itself*: the gateway reports its subgraphs, a subgraph its own name.
  const isItself = (text: string) => {
    const body = JSON.parse(text) as { subgraphs?: unknown; subgraph?: string };
    return name === 'gateway' ? body.subgraphs !== undefined : body.subgraph === name;
  };
  return startNodeProcess(sys, {
    label: name,
    entry:
      name === 'gateway'
        ? path.join(ROOT_DIR, 'gateway', 'main.ts')
        : path.join(ROOT_DIR, 'subgraphs', name, 'main.ts'),
    env,
    portVariable: `PERKMALL_${name.toUpperCase()}_PORT`,
    healthPath: '/health',
    isItself,
  });
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
