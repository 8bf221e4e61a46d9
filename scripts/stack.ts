/**
 * Runs the whole system as separate processes (six subgraphs and the gateway), as `npm start`
 * does and as the integration tests do. Each process is a real HTTP server; the stack waits for
 * every health endpoint before it resolves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { ROOT_DIR, SUBGRAPH_NAMES, portOf, type SubgraphName } from '../core/config';
import { componentArgs, ensureServicesBuilt } from './services-build';
import { Supervisor } from './supervisor';

export type Component = SubgraphName | 'gateway';

export interface Stack {
  gatewayUrl: string;
  urls: Record<Component, string>;
  env: NodeJS.ProcessEnv;
  /** Stops one component (e.g. to test a subgraph dying) and can start it again. */
  stopComponent(name: Component): Promise<void>;
  startComponent(name: Component): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Waits until the component answers its health check *as itself*: with random ports another test
 * file's process can grab a port between picking and binding it, and its /health would answer too.
 */
async function waitForHealth(name: Component, url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new PortTakenError(`${name} exited with code ${child.exitCode} before it was ready (port taken?)`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (r.status < 500) {
        const body = (await r.json().catch(() => ({}))) as { subgraph?: string; subgraphs?: unknown };
        const isItself = name === 'gateway' ? body.subgraphs !== undefined : body.subgraph === name;
        if (!isItself) throw new PortTakenError(`${url} is answered by another process`);
        return;
      }
    } catch (e) {
      if (e instanceof PortTakenError) throw e;
      // not listening yet
    }
    // A health check is one cheap local request; polling often saves most of an interval per start.
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms`);
}

class PortTakenError extends Error {}

export interface StackOptions {
  /** Extra environment for every process (database URL, prefixes, log level). */
  env?: NodeJS.ProcessEnv;
  /** Configured ports (PERKMALL_<NAME>_PORT, else the defaults) or free random ones (tests run side by side). */
  randomPorts?: boolean;
  /** Where child output goes: inherited (npm start) or dropped unless it is an error. */
  stdio?: 'inherit' | 'quiet';
  /**
   * Restart a component that exits on its own, with backoff (`npm start`). Components stopped
   * through `stopComponent` or `stop` stay stopped.
   */
  supervise?: boolean;
  /** With `quiet`: each component's stdout (its info and debug log lines) as it comes, e.g. for a test reading the logs. */
  stdout?: (component: Component, text: string) => void;
}

/**
 * V8 flags for every component. The young generation: request garbage (entity snapshots, query
 * builders, resolver results, JSON) dies young, and with V8's default 16 MiB semi-space a busy
 * process scavenges every few requests; a larger one scavenges less often for the same survivors
 * (bench/profile.ts: GC was 6–15 % of the CPU of a purchase or a read). PERKMALL_SEMI_SPACE_MB
 * (default 32; 0 leaves V8's default) sets it. docker/compose.yaml does not (yet): see README "Configuration".
 * PERKMALL_PROFILE_DIR=<dir> writes each process's CPU profile there when it exits (`--cpu-prof`).
 */
export function nodeFlags(env: NodeJS.ProcessEnv): string[] {
  const mb = Number(env.PERKMALL_SEMI_SPACE_MB ?? 32);
  const prof = env.PERKMALL_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${env.PERKMALL_PROFILE_DIR}`] : [];
  return [...prof, ...(Number.isInteger(mb) && mb > 0 ? [`--max-semi-space-size=${mb}`] : [])];
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startStackOnce(opts);
    } catch (e) {
      // Random ports raced with another process: pick new ones and start again.
      if (!(e instanceof PortTakenError) || !opts.randomPorts || attempt >= 3) throw e;
    }
  }
}

async function startStackOnce(opts: StackOptions): Promise<Stack> {
  ensureServicesBuilt();
  const components: Component[] = [...SUBGRAPH_NAMES, 'gateway'];
  const ports = {} as Record<Component, number>;
  for (const c of components) ports[c] = opts.randomPorts ? await freePort() : portOf(c);
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  for (const c of components) env[`PERKMALL_${c.toUpperCase()}_PORT`] = String(ports[c]);
  for (const s of SUBGRAPH_NAMES) env[`PERKMALL_${s.toUpperCase()}_URL`] = `http://127.0.0.1:${ports[s]}/graphql`;
  const urls = Object.fromEntries(components.map((c) => [c, `http://127.0.0.1:${ports[c]}`])) as Record<
    Component,
    string
  >;

  const children = new Map<Component, ChildProcess>();
  // Restarts begin once the whole stack is up: a component failing its first start fails the stack.
  let supervisor: Supervisor | undefined;
  const start = async (name: Component): Promise<void> => {
    const child = spawn(process.execPath, [...nodeFlags(env), ...componentArgs(name, env)], {
      cwd: ROOT_DIR,
      env,
      stdio: opts.stdio === 'inherit' ? 'inherit' : ['ignore', opts.stdout ? 'pipe' : 'ignore', 'pipe'],
    });
    const onStdout = opts.stdout;
    if (onStdout) child.stdout?.on('data', (d: Buffer) => onStdout(name, d.toString()));
    if (opts.stdio !== 'inherit') {
      // Keep the last lines of stderr, to explain a failed start.
      let tail = '';
      child.stderr?.on('data', (d: Buffer) => {
        tail = (tail + d.toString()).slice(-4000);
        // Errors a component logs are worth seeing next to the test that provoked them.
        if (process.env.PERKMALL_TEST_FORWARD_ERRORS !== '0') {
          for (const line of d.toString().split('\n'))
            if (line.includes('"level":"error"')) process.stderr.write(`[${name}] ${line.slice(0, 2000)}\n`);
        }
      });
      child.once('exit', (code) => {
        if (code && code !== 0 && children.get(name) === child)
          process.stderr.write(`[${name}] exited ${code}\n${tail}\n`);
      });
    }
    children.set(name, child);
    supervisor?.started(name);
    child.once('exit', (code, signal) => {
      if (!supervisor || children.get(name) !== child) return; // stopped on purpose
      children.delete(name);
      supervisor.crashed(name, code, signal, () => start(name));
    });
    await waitForHealth(name, `${urls[name]}/health`, child, 120_000);
  };
  const stopOne = async (name: Component) => {
    const child = children.get(name);
    if (!child || child.exitCode !== null) return;
    children.delete(name);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  };

  try {
    // The gateway too, side by side with its subgraphs: it reads the committed supergraph, so it
    // boots without them, and its health check answers 503 (polled on) until every subgraph is up.
    await Promise.all(components.map((c) => start(c)));
    if (opts.supervise) {
      supervisor = new Supervisor();
      for (const c of components) supervisor.started(c);
    }
  } catch (e) {
    await Promise.all(components.map((c) => stopOne(c)));
    throw e;
  }
  return {
    gatewayUrl: `${urls.gateway}/graphql`,
    urls,
    env,
    stopComponent: stopOne,
    startComponent: start,
    stop: async () => {
      supervisor?.stop();
      await Promise.all(components.map((c) => stopOne(c)));
    },
  };
}
