/**
 * A round-robin TCP proxy in front of a component's replicas, for the tests and benchmarks that run
 * several copies of one (scripts/stack.ts `replicas`). It stands in for what a deployment puts there
 * (a Kubernetes Service, a load balancer): each new connection goes to the next replica, and to the
 * one after it when that one refuses (crashed or stopped), so callers reach whichever replicas are up.
 * Balancing is per connection, like kube-proxy: a caller's kept-alive socket stays with its replica
 * until either side closes it (a draining replica answers `Connection: close`).
 */
import net from 'node:net';

export interface ReplicaProxy {
  port: number;
  /** Connections handed to each target so far (the tests check both replicas served). */
  connections: number[];
  /**
   * Sends new connections only to the targets at these indexes and drops every open one, so
   * callers reconnect among them (benchmarks compare one replica with two in the same run).
   */
  use(indexes: number[]): void;
  close(): Promise<void>;
}

export async function startReplicaProxy(targets: number[], port = 0): Promise<ReplicaProxy> {
  let next = 0;
  let active = targets.map((_, i) => i);
  const connections = targets.map(() => 0);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.pause();
    const attempt = (tried: number) => {
      if (tried >= active.length) return client.destroy();
      const index = active[next++ % active.length]!;
      const upstream = net.connect(targets[index]!, '127.0.0.1');
      const refused = () => attempt(tried + 1);
      upstream.once('error', refused);
      upstream.once('connect', () => {
        upstream.off('error', refused);
        connections[index]! += 1;
        sockets.add(upstream);
        upstream.once('close', () => sockets.delete(upstream));
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    connections,
    use(indexes) {
      active = [...indexes];
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
