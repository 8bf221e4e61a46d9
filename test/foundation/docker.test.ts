import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { DEFAULT_PORTS, ROOT_DIR } from '../../core/config';

const compose = YAML.parse(fs.readFileSync(path.join(ROOT_DIR, 'docker', 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      image?: string;
      restart?: string;
      ports?: string[];
      command?: string[];
      environment?: Record<string, string>;
      deploy?: { resources?: { limits?: { memory?: string } } };
    }
  >;
};
const megabytes = (size: string) => {
  const m = /^(\d+)([MG])$/.exec(size);
  assert.ok(m, `memory limit ${size} in M or G`);
  return Number(m[1]) * (m[2] === 'G' ? 1024 : 1);
};

describe('docker/compose.yaml', () => {
  it('runs the MariaDB version the tests run on, and nothing mentions MySQL 8', () => {
    assert.equal(compose.services.mariadb?.image, 'mariadb:10.11');
    for (const file of fs.readdirSync(path.join(ROOT_DIR, 'docker'))) {
      if (fs.statSync(path.join(ROOT_DIR, 'docker', file)).isDirectory()) continue; // observability/: dashboards and scrape config
      assert.doesNotMatch(fs.readFileSync(path.join(ROOT_DIR, 'docker', file), 'utf8'), /mysql:8|MySQL 8/i, file);
    }
  });

  it('restarts every service and bounds its memory; Node heaps stay below the container limit', () => {
    const node = Object.entries(compose.services).filter(([, s]) => s.command?.[0] === 'node');
    assert.equal(node.length, 7, 'six subgraphs and the gateway');
    for (const [name, service] of Object.entries(compose.services)) {
      assert.ok(['always', 'unless-stopped', 'on-failure'].includes(service.restart ?? ''), `${name} restarts`);
      assert.ok(service.deploy?.resources?.limits?.memory, `${name} has a memory limit`);
    }
    for (const [name, service] of node) {
      const heap = /--max-old-space-size=(\d+)/.exec(service.environment?.NODE_OPTIONS ?? '');
      assert.ok(heap, `${name} sets --max-old-space-size`);
      const limit = megabytes(service.deploy!.resources!.limits!.memory!);
      assert.ok(Number(heap[1]) <= limit * 0.8, `${name}: heap ${heap[1]} MB leaves room in ${limit} MB`);
    }
  });

  it('publishes only the gateway, which shares rate-limit counters through Redis', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (name !== 'gateway') assert.equal(service.ports, undefined, `${name} is private`);
    }
    assert.deepEqual(compose.services.gateway?.ports, ['4000:4000']);
    assert.match(compose.services.gateway?.environment?.PERKMALL_REDIS_URL ?? '', /^redis:\/\/redis:6379/);
    assert.ok(compose.services.redis);
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(ROOT_DIR, 'docker', 'Dockerfile'), 'utf8');
  it('builds the operator console and carries it where the gateway serves it from', () => {
    assert.match(dockerfile, /^COPY console \.\/console$/m);
    assert.match(dockerfile, /npm run console:build/);
    assert.match(dockerfile, /^COPY --from=build \/app\/console\/dist \.\/console\/dist$/m);
    // The gateway finds it (and supergraph.graphql) from the folder holding package.json.
    assert.match(dockerfile, /^COPY package\.json supergraph\.graphql \.\/$/m);
  });
  it('exposes every component’s port', () => {
    const exposed = /^EXPOSE (.+)$/m.exec(dockerfile)?.[1]?.split(' ').map(Number) ?? [];
    assert.deepEqual(exposed.sort(), Object.values(DEFAULT_PORTS).sort());
  });
});
