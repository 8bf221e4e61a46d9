/**
 * Runs the whole system as separate processes (six subgraphs and the gateway), as `npm start`
 * does and as the integration tests do. Each process is a real HTTP server; the stack waits for
 * every health endpoint before it resolves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { ROOT_DIR, SUBGRAPH_NAMES, portOf, type SubgraphName } from '../core/config';
import { bundleOf, componentArgs, ensureServicesBuilt, spareArgs } from './services-build';
import { Supervisor } from './supervisor';
import { startReplicaProxy, type ReplicaProxy } from './replica-proxy';

export type Component = SubgraphName | 'gateway';

export interface Stack {
  gatewayUrl: string;
  /** Where each component is reached (the replica proxy when it runs several copies). */
  urls: Record<Component, string>;
  env: NodeJS.ProcessEnv;
  /** Each component's processes: `orders#1`, `orders#2` when it runs replicas, else just `orders`. */
  instances: Record<Component, string[]>;
  /** An instance's own address (its /readyz, /debug endpoints), bypassing the proxy. */
  instanceUrl(instance: string): string;
  /** The round-robin proxy in front of a replicated component. */
  proxies: Partial<Record<Component, ReplicaProxy>>;
  /** The process id of a running instance (leases name their owner by host and pid). */
  pid(instance: string): number | undefined;
  /** Sends a signal to one running instance (SIGKILL: a crash; SIGTERM: a graceful stop) and resolves once it exited. */
  signal(instance: string, signal: NodeJS.Signals): Promise<void>;
  /** Stops one component, every instance of it, or one instance (e.g. to test a subgraph dying) and can start it again. */
  stopComponent(name: Component | string): Promise<void>;
  startComponent(name: Component | string): Promise<void>;
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
  /**
   * Copies of a component on the same databases (issue 21, safe replicas): each listens on its own
   * port behind a round-robin TCP proxy (scripts/replica-proxy.ts) on the component's address.
   */
  replicas?: Partial<Record<Component, number>>;
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
  // Instances: one per component, or `<name>#<i>` on ports of their own behind a proxy on the component's port.
  const instances = {} as Record<Component, string[]>;
  const instancePort = new Map<string, number>();
  const componentOf = new Map<string, Component>();
  const proxies: Partial<Record<Component, ReplicaProxy>> = {};
  for (const c of components) {
    const n = Math.max(1, opts.replicas?.[c] ?? 1);
    instances[c] = n === 1 ? [c] : Array.from({ length: n }, (_, i) => `${c}#${i + 1}`);
    for (const i of instances[c]) {
      instancePort.set(i, n === 1 ? ports[c] : await freePort());
      componentOf.set(i, c);
    }
  }
  const instanceUrl = (instance: string) => `http://127.0.0.1:${instancePort.get(instance)}`;

  const children = new Map<string, ChildProcess>();
  // Restarts begin once the whole stack is up: a component failing its first start fails the stack.
  let supervisor: Supervisor | undefined;
  let stopping = false;
  const stdio: ('inherit' | 'ignore' | 'pipe')[] =
    opts.stdio === 'inherit' ? ['inherit', 'inherit', 'inherit'] : ['ignore', opts.stdout ? 'pipe' : 'ignore', 'pipe'];
  // A supervised stack keeps one warm spare (scripts/warm-spare.cjs): a restart after a crash takes it
  // and skips loading the packages, about half of a component's startup (PERKMALL_WARM_SPARE=0: none).
  let spare: { child: ChildProcess; ready: boolean } | undefined;
  let spareFailures = 0;
  const spawnSpare = () => {
    const args = spareArgs(env);
    if (!supervisor || stopping || spare || !args || env.PERKMALL_WARM_SPARE === '0') return;
    const child = spawn(process.execPath, [...nodeFlags(env), ...args], {
      cwd: ROOT_DIR,
      env,
      stdio: [...stdio, 'ipc'], // the same as a component's, and the channel it is told what to become on
    });
    const entry = { child, ready: false };
    child.once('message', () => {
      entry.ready = true;
      spareFailures = 0;
    });
    child.on('error', () => child.kill('SIGKILL')); // could not start, or its channel failed: restarts go cold
    child.once('exit', () => {
      if (spare !== entry) return; // taken by a restart: it is that component now
      spare = undefined;
      // A spare that died waiting is replaced; one that keeps dying before it is ready is given up on.
      if (!entry.ready) spareFailures += 1;
      if (spareFailures < 3) setTimeout(spawnSpare, 5000).unref();
    });
    spare = entry;
  };
  const takeSpare = (): ChildProcess | undefined => {
    if (!spare?.ready || !spare.child.connected) return undefined;
    const { child } = spare;
    spare = undefined;
    return child;
  };
  const start = async (instance: string): Promise<void> => {
    const name = componentOf.get(instance)!;
    const childEnv = { ...env, [`PERKMALL_${name.toUpperCase()}_PORT`]: String(instancePort.get(instance)) };
    const warm = supervisor ? takeSpare() : undefined;
    warm?.send({ become: bundleOf(name), env: childEnv });
    const child =
      warm ??
      spawn(process.execPath, [...nodeFlags(env), ...componentArgs(name, env)], {
        cwd: ROOT_DIR,
        env: childEnv,
        stdio,
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
            if (line.includes('"level":"error"')) process.stderr.write(`[${instance}] ${line.slice(0, 2000)}\n`);
        }
      });
      child.once('exit', (code) => {
        if (code && code !== 0 && children.get(instance) === child)
          process.stderr.write(`[${instance}] exited ${code}\n${tail}\n`);
      });
    }
    children.set(instance, child);
    supervisor?.started(instance);
    child.once('exit', (code, signal) => {
      if (!supervisor || children.get(instance) !== child) return; // stopped on purpose
      children.delete(instance);
      supervisor.crashed(instance, code, signal, () => start(instance));
    });
    await waitForHealth(name, `${instanceUrl(instance)}/health`, child, 120_000);
    // The next spare once this restart is done, so it does not compete with it for the CPU.
    if (supervisor) setTimeout(spawnSpare, 1000).unref();
  };
  const exited = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
    });
  const stopOne = async (instance: string) => {
    const child = children.get(instance);
    if (!child || child.exitCode !== null) return;
    children.delete(instance);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.kill('SIGTERM');
    await exited(child);
    clearTimeout(timer);
  };
  const named = (name: string): string[] => instances[name as Component] ?? (componentOf.has(name) ? [name] : []);

  try {
    for (const c of components)
      if (instances[c].length > 1)
        proxies[c] = await startReplicaProxy(
          instances[c].map((i) => instancePort.get(i)!),
          ports[c],
        );
    // The gateway too, side by side with its subgraphs: it reads the committed supergraph, so it
    // boots without them, and its health check answers 503 (polled on) until every subgraph is up.
    await Promise.all(components.flatMap((c) => instances[c].map((i) => start(i))));
    if (opts.supervise) {
      supervisor = new Supervisor();
      for (const c of components) for (const i of instances[c]) supervisor.started(i);
      spawnSpare();
    }
  } catch (e) {
    await Promise.all([...componentOf.keys()].map((i) => stopOne(i)));
    for (const p of Object.values(proxies)) await p.close();
    if (e instanceof Error && /EADDRINUSE/.test(e.message)) throw new PortTakenError(e.message);
    throw e;
  }
  return {
    gatewayUrl: `${urls.gateway}/graphql`,
    urls,
    env,
    instances,
    instanceUrl,
    proxies,
    pid: (instance) => children.get(instance)?.pid,
    async signal(instance, sig) {
      const child = children.get(instance);
      if (!child) throw new Error(`${instance} is not running`);
      // Out of the stack's hands from now on: not restarted, not stopped again.
      children.delete(instance);
      child.kill(sig);
      await exited(child);
    },
    stopComponent: async (name) => void (await Promise.all(named(name).map((i) => stopOne(i)))),
    startComponent: async (name) => void (await Promise.all(named(name).map((i) => start(i)))),
    stop: async () => {
      stopping = true;
      supervisor?.stop();
      const spareChild = spare?.child;
      spare = undefined;
      spareChild?.kill('SIGTERM');
      await Promise.all([
        ...[...componentOf.keys()].map((i) => stopOne(i)),
        ...(spareChild ? [exited(spareChild)] : []),
      ]);
      for (const p of Object.values(proxies)) await p.close();
    },
  };
}
