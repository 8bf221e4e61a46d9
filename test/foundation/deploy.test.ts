/**
 * deploy/k8s: every overlay renders with `kubectl kustomize` (the kubectl CI installs from Debian's
 * kubernetes-client, or any newer one), each rendered object validates against the Kubernetes JSON
 * schemas (kubernetes-models' compiled validators: no network), and the rules the manifests promise
 * hold: probes, non-root read-only containers, secrets only by reference, only the gateway reachable
 * from outside. A deliberately broken copy must fail each check.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { DEFAULT_PORTS, ROOT_DIR, SUBGRAPH_NAMES } from '../../core/config';

const K8S_DIR = path.join(ROOT_DIR, 'deploy', 'k8s');
const OVERLAYS = ['dev', 'prod'];
const KUBECTL = process.env.KUBECTL ?? 'kubectl';
const PROCESSES = ['gateway', ...SUBGRAPH_NAMES] as const;

type Obj = Record<string, any>;

/** Secrets each process must receive from perkmall-secrets (README "Configuration", docker/compose.yaml). */
const SUBGRAPH_SECRETS = ['PERKMALL_DATABASE_URL', 'PERKMALL_GATEWAY_PUBLIC_KEY', 'PERKMALL_SERVICE_PRIVATE_KEY'];
const SECRETS: Record<(typeof PROCESSES)[number], string[]> = {
  gateway: ['PERKMALL_AUTH_PRIVATE_KEY', 'PERKMALL_GATEWAY_PRIVATE_KEY'],
  catalog: [...SUBGRAPH_SECRETS, 'PERKMALL_CODE_ENCRYPTION_KEY'],
  tenants: [...SUBGRAPH_SECRETS, 'PERKMALL_WEBHOOK_SECRET_KEY'],
  loyalty: SUBGRAPH_SECRETS,
  orders: SUBGRAPH_SECRETS,
  logistics: [...SUBGRAPH_SECRETS, 'PERKMALL_CARRIER_SECRET_KEY', 'PERKMALL_PARTNER_SECRET_KEY'],
  staff: [...SUBGRAPH_SECRETS, 'PERKMALL_AUTH_PRIVATE_KEY', 'PERKMALL_STAFF_SECRET_KEY'],
};
const SECRET_NAME = /KEY|SECRET|PASSWORD|TOKEN|DATABASE_URL|REPLICA_URL/;

function render(dir: string): Obj[] {
  let out: string;
  try {
    out = execFileSync(KUBECTL, ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT')
      throw new Error(`${KUBECTL} not found: install Debian's kubernetes-client (.ci/run does) or set KUBECTL`, {
        cause: e,
      });
    throw new Error(`kubectl kustomize ${dir} failed: ${err.stderr ?? err.message}`, { cause: e });
  }
  return YAML.parseAllDocuments(out)
    .map((d) => d.toJS() as Obj | null)
    .filter((o): o is Obj => o !== null);
}

/** The kubernetes-models class for an object's apiVersion and kind (its schema's compiled validator). */
function modelFor(apiVersion: string, kind: string): (new (data: Obj) => { validate(): void }) | undefined {
  const modulePath = `kubernetes-models/${apiVersion}`;
  let mod: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(modulePath) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  return mod[kind] as (new (data: Obj) => { validate(): void }) | undefined;
}

/** Schema problems, one line per object that fails (empty: all valid). */
function schemaProblems(objects: Obj[]): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata?.name}`;
    const Model = modelFor(String(o.apiVersion), String(o.kind));
    if (!Model) {
      problems.push(`${id}: no schema for ${o.apiVersion} ${o.kind}`);
      continue;
    }
    try {
      new Model(o).validate();
    } catch (e) {
      problems.push(`${id}: ${(e as Error).message}`);
    }
  }
  return problems;
}

const byKind = (objects: Obj[], kind: string) => objects.filter((o) => o.kind === kind);
const labelsMatch = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);

/** The rules deploy/k8s/README.md promises, checked on rendered objects; empty when all hold. */
function policyProblems(objects: Obj[]): string[] {
  const problems: string[] = [];
  const check = (ok: unknown, message: string) => {
    if (!ok) problems.push(message);
  };
  check(byKind(objects, 'Secret').length === 0, 'no Secret objects: secret values are never committed');
  for (const cm of byKind(objects, 'ConfigMap'))
    for (const key of Object.keys(cm.data ?? {}))
      check(!SECRET_NAME.test(key), `ConfigMap ${cm.metadata.name} holds ${key}, which belongs in a Secret`);

  const deployments = new Map(byKind(objects, 'Deployment').map((d) => [d.metadata.name as string, d]));
  const services = new Map(byKind(objects, 'Service').map((s) => [s.metadata.name as string, s]));
  for (const d of deployments.values()) {
    const name = d.metadata.name as string;
    const pod = d.spec.template.spec;
    const podLabels = d.spec.template.metadata.labels as Record<string, string>;
    check(labelsMatch(d.spec.selector.matchLabels, podLabels), `${name}: selector matches its pods`);
    check(pod.securityContext?.runAsNonRoot === true, `${name}: runAsNonRoot`);
    check(Number(pod.securityContext?.runAsUser) > 0, `${name}: numeric non-root runAsUser`);
    check(pod.automountServiceAccountToken === false, `${name}: no service-account token mounted`);
    for (const c of pod.containers as Obj[]) {
      check(c.securityContext?.readOnlyRootFilesystem === true, `${name}/${c.name}: read-only root filesystem`);
      check(c.securityContext?.allowPrivilegeEscalation === false, `${name}/${c.name}: no privilege escalation`);
      check(c.resources?.requests?.cpu && c.resources?.requests?.memory, `${name}/${c.name}: CPU and memory requests`);
      check(c.resources?.limits?.memory, `${name}/${c.name}: memory limit`);
      for (const e of (c.env ?? []) as Obj[])
        if (SECRET_NAME.test(e.name))
          check(e.valueFrom?.secretKeyRef?.name, `${name}/${c.name}: ${e.name} comes from a Secret (secretKeyRef)`);
    }
    check(services.has(name), `${name}: has a Service`);
  }

  for (const proc of PROCESSES) {
    const d = deployments.get(proc);
    if (!d) {
      problems.push(`Deployment ${proc} missing`);
      continue;
    }
    const pod = d.spec.template.spec;
    const c = (pod.containers as Obj[]).find((x) => x.name === proc);
    if (!c) {
      problems.push(`${proc}: container named ${proc} missing`);
      continue;
    }
    const main = proc === 'gateway' ? 'gateway/main' : `subgraphs/${proc}/main`;
    check(
      JSON.stringify(c.command) === JSON.stringify(['node', `dist/${main}.js`]),
      `${proc}: runs node dist/${main}.js`,
    );
    check(fs.existsSync(path.join(ROOT_DIR, `${main}.ts`)), `${proc}: ${main}.ts exists`);
    const port = (c.ports as Obj[] | undefined)?.find((p) => p.name === 'http');
    check(port?.containerPort === DEFAULT_PORTS[proc], `${proc}: port http is ${DEFAULT_PORTS[proc]}`);
    const probe = (p: Obj | undefined, pathName: string) =>
      p?.httpGet?.path === pathName && (p.httpGet.port === 'http' || p.httpGet.port === DEFAULT_PORTS[proc]);
    check(probe(c.startupProbe, '/livez'), `${proc}: startupProbe on /livez`);
    check(probe(c.livenessProbe, '/livez'), `${proc}: livenessProbe on /livez`);
    check(probe(c.readinessProbe, '/readyz'), `${proc}: readinessProbe on /readyz`);
    const preStop = Number(c.lifecycle?.preStop?.exec?.command?.[1] ?? 0);
    // The drain after SIGTERM (issue 21's safe replicas) needs its 20 s after the preStop pause.
    check(Number(pod.terminationGracePeriodSeconds) >= preStop + 20, `${proc}: grace period covers preStop + drain`);
    const envNames = new Set(((c.env ?? []) as Obj[]).map((e) => e.name as string));
    for (const secret of SECRETS[proc]) check(envNames.has(secret), `${proc}: receives ${secret}`);
    check(
      ((c.envFrom ?? []) as Obj[]).some((e) => e.configMapRef?.name?.startsWith('perkmall-config')),
      `${proc}: reads perkmall-config`,
    );
    check(d.spec.template.metadata.annotations?.['prometheus.io/path'] === '/metrics', `${proc}: scraped at /metrics`);

    const hpa = byKind(objects, 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === proc);
    check(hpa?.spec.scaleTargetRef.kind === 'Deployment', `${proc}: has an HPA`);
    const metrics = (hpa?.spec.metrics ?? []) as Obj[];
    check(
      metrics.some((m) => m.type === 'Resource' && m.resource.name === 'cpu'),
      `${proc}: HPA on CPU`,
    );
    check(
      metrics.some((m) => m.type === 'Pods' && m.pods.metric.name === 'http_requests_per_second'),
      `${proc}: HPA on request rate`,
    );
    check(d.spec.replicas === undefined, `${proc}: replicas left to the HPA`);
    const podLabels = d.spec.template.metadata.labels as Record<string, string>;
    check(
      byKind(objects, 'PodDisruptionBudget').some((p) => labelsMatch(p.spec.selector.matchLabels, podLabels)),
      `${proc}: has a PodDisruptionBudget`,
    );
  }

  // Where processes reach each other (perkmall-config) is a Service on the right port.
  for (const cm of byKind(objects, 'ConfigMap'))
    for (const [key, value] of Object.entries((cm.data ?? {}) as Record<string, string>)) {
      const m = /^PERKMALL_([A-Z]+)_URL$/.exec(key);
      const sub = m?.[1]?.toLowerCase() as (typeof SUBGRAPH_NAMES)[number] | undefined;
      if (!sub || !SUBGRAPH_NAMES.includes(sub)) continue;
      const url = new URL(value);
      const svc = services.get(url.hostname);
      check(
        svc?.spec.ports.some((p: Obj) => p.port === Number(url.port)),
        `${key}=${value} names a Service and port that exist`,
      );
      check(url.hostname === sub, `${key} points at the ${sub} Service`);
    }

  for (const s of services.values())
    check(
      (s.spec.type ?? 'ClusterIP') === 'ClusterIP',
      `Service ${s.metadata.name} is ClusterIP (only the Ingress is exposed)`,
    );
  for (const ing of byKind(objects, 'Ingress'))
    for (const rule of ing.spec.rules ?? [])
      for (const p of rule.http.paths)
        check(p.backend.service.name === 'gateway', `Ingress ${ing.metadata.name} routes only to the gateway`);

  // NetworkPolicy: who may reach each Deployment's pods.
  const policies = byKind(objects, 'NetworkPolicy');
  const selected = (labels: Record<string, string>) =>
    policies.filter((p) => labelsMatch(p.spec.podSelector?.matchLabels, labels));
  check(
    policies.some((p) => Object.keys(p.spec.podSelector ?? {}).length === 0 && !p.spec.ingress),
    'a default-deny ingress policy selects every pod',
  );
  for (const d of deployments.values()) {
    const name = d.metadata.name as string;
    const rules = selected(d.spec.template.metadata.labels).flatMap((p) => (p.spec.ingress ?? []) as Obj[]);
    const openToAll = rules.some((r) => !r.from || r.from.length === 0);
    check(openToAll === (name === 'gateway'), `${name}: reachable from anywhere only if it is the gateway`);
    if (name === 'gateway') continue;
    for (const r of rules)
      for (const peer of (r.from ?? []) as Obj[]) {
        const fromOwnPods = peer.podSelector?.matchLabels?.['app.kubernetes.io/part-of'] === 'perkmall';
        const fromMonitoring = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring';
        check(
          (fromOwnPods && !peer.namespaceSelector) || (fromMonitoring && !peer.podSelector),
          `${name}: admits only Perkmall pods and the metrics scraper, not ${JSON.stringify(peer)}`,
        );
      }
  }
  // The gateway reaches every subgraph, subgraphs reach each other, Redis serves only the gateway.
  const allowedFrom = (target: string, source: string) => {
    const src = deployments.get(source)!.spec.template.metadata.labels;
    return selected(deployments.get(target)!.spec.template.metadata.labels)
      .flatMap((p) => (p.spec.ingress ?? []) as Obj[])
      .some((r) =>
        (r.from ?? []).some((peer: Obj) => !peer.namespaceSelector && labelsMatch(peer.podSelector?.matchLabels, src)),
      );
  };
  for (const sub of SUBGRAPH_NAMES) {
    check(allowedFrom(sub, 'gateway'), `${sub}: the gateway reaches it`);
    check(allowedFrom(sub, sub === 'orders' ? 'catalog' : 'orders'), `${sub}: another subgraph reaches it`);
  }
  if (deployments.has('redis')) {
    check(allowedFrom('redis', 'gateway'), 'redis: the gateway reaches it');
    check(!allowedFrom('redis', 'catalog'), 'redis: subgraphs do not');
  }
  return problems;
}

describe('deploy/k8s (kustomize base + overlays)', () => {
  for (const overlay of OVERLAYS) {
    it(`overlay ${overlay} renders, validates against the Kubernetes schemas and keeps the deployment rules`, () => {
      const objects = render(path.join(K8S_DIR, 'overlays', overlay));
      const kinds = new Set(objects.map((o) => o.kind));
      for (const kind of [
        'Namespace',
        'ConfigMap',
        'Deployment',
        'Service',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
        'NetworkPolicy',
      ])
        assert.ok(kinds.has(kind), `${overlay} has a ${kind}`);
      assert.deepEqual(schemaProblems(objects), []);
      assert.deepEqual(policyProblems(objects), []);
      const ns = byKind(objects, 'Namespace')[0]!.metadata.name;
      for (const o of objects.filter((x) => x.kind !== 'Namespace'))
        assert.equal(o.metadata.namespace, ns, `${o.kind}/${o.metadata.name} in ${ns}`);
    });
  }

  it('the prod overlay exposes only the gateway through its Ingress and routes catalog browsing to a replica', () => {
    const objects = render(path.join(K8S_DIR, 'overlays', 'prod'));
    assert.equal(byKind(objects, 'Ingress').length, 1);
    const catalog = byKind(objects, 'Deployment').find((d) => d.metadata.name === 'catalog')!;
    const env = catalog.spec.template.spec.containers[0].env as Obj[];
    assert.equal(
      env.find((e) => e.name === 'PERKMALL_CATALOG_READ_REPLICA_URL')?.valueFrom?.secretKeyRef?.name,
      'perkmall-secrets',
    );
    // The strategic merge added the replica without dropping the base's settings.
    for (const secret of SECRETS.catalog)
      assert.ok(
        env.some((e) => e.name === secret),
        secret,
      );
    const config = byKind(objects, 'ConfigMap')[0]!.data as Record<string, string>;
    assert.equal(config.PERKMALL_TRUST_PROXY, '1');
    assert.match(config.PERKMALL_NATS_URL ?? '', /^nats:\/\//);
    assert.match(config.OTEL_EXPORTER_OTLP_ENDPOINT ?? '', /^https?:\/\//);
  });

  it('a broken copy fails: a missing resource, an object off its schema, a process without its readiness probe', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-k8s-'));
    try {
      fs.cpSync(K8S_DIR, copy, { recursive: true });
      const base = path.join(copy, 'base');
      const prod = path.join(copy, 'overlays', 'prod');
      const original = (f: string) => fs.readFileSync(path.join(K8S_DIR, 'base', f), 'utf8');
      const baseline = render(prod);
      assert.deepEqual(schemaProblems(baseline), [], 'the unbroken copy is valid');

      // 1. kustomize itself refuses a kustomization that lists a file that is not there.
      const kustomization = fs.readFileSync(path.join(base, 'kustomization.yaml'), 'utf8');
      fs.writeFileSync(
        path.join(base, 'kustomization.yaml'),
        kustomization.replace('  - redis.yaml', '  - missing.yaml'),
      );
      assert.throws(() => render(prod), /kubectl kustomize .* failed/);
      fs.writeFileSync(path.join(base, 'kustomization.yaml'), kustomization);

      // 2. A port that is not a number, and an HPA target without its kind: the schemas refuse both.
      fs.writeFileSync(
        path.join(base, 'catalog.yaml'),
        original('catalog.yaml').replace('containerPort: 4001', 'containerPort: "4001"'),
      );
      fs.writeFileSync(
        path.join(base, 'autoscaling.yaml'),
        original('autoscaling.yaml').replace(/(name: orders\n {2}labels:[\s\S]*?) {4}kind: Deployment\n/, '$1'),
      );
      const broken = schemaProblems(render(prod));
      assert.ok(
        broken.some((p) => p.startsWith('Deployment/catalog:') && /containerPort must be integer/.test(p)),
        broken.join('\n'),
      );
      assert.ok(
        broken.some((p) => p.startsWith('HorizontalPodAutoscaler/orders:') && /kind/.test(p)),
        broken.join('\n'),
      );
      fs.writeFileSync(path.join(base, 'catalog.yaml'), original('catalog.yaml'));
      fs.writeFileSync(path.join(base, 'autoscaling.yaml'), original('autoscaling.yaml'));

      // 3. Schema-valid but against the rules: no readiness probe, a secret as a literal, logistics open to all.
      fs.writeFileSync(
        path.join(base, 'loyalty.yaml'),
        original('loyalty.yaml').replace(/ {10}readinessProbe:[\s\S]*?failureThreshold: 2\n/, ''),
      );
      fs.writeFileSync(
        path.join(base, 'orders.yaml'),
        original('orders.yaml').replace(
          /- name: PERKMALL_DATABASE_URL\n\s+valueFrom:\n\s+secretKeyRef:\n\s+name: perkmall-secrets\n\s+key: database-url/,
          '- name: PERKMALL_DATABASE_URL\n              value: mysql://perkmall:hunter2@db:3306',
        ),
      );
      fs.writeFileSync(
        path.join(base, 'network-policies.yaml'),
        original('network-policies.yaml').replace(
          'name: gateway-from-anywhere\n  labels:\n    app.kubernetes.io/part-of: perkmall\nspec:\n  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: gateway',
          'name: gateway-from-anywhere\n  labels:\n    app.kubernetes.io/part-of: perkmall\nspec:\n  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: logistics',
        ),
      );
      const objects = render(prod);
      assert.deepEqual(schemaProblems(objects), [], 'still schema-valid');
      const problems = policyProblems(objects);
      assert.ok(problems.includes('loyalty: readinessProbe on /readyz'), problems.join('\n'));
      assert.ok(
        problems.includes('orders/orders: PERKMALL_DATABASE_URL comes from a Secret (secretKeyRef)'),
        problems.join('\n'),
      );
      assert.ok(problems.includes('logistics: reachable from anywhere only if it is the gateway'), problems.join('\n'));
      assert.ok(problems.includes('gateway: reachable from anywhere only if it is the gateway'), problems.join('\n'));
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
