/**
 * What the whole-stack benchmarks share (not a benchmark itself: `npm run bench` lists only the
 * files directly under bench/): the design contract's queries, demo data for them, clients that
 * keep a number of requests in flight, and CPU time per process read from /proc (Linux).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { SUBGRAPH_NAMES, ROOT_DIR, type SubgraphName } from '../../core/config';
import type { TestSystem } from '../../test/harness';
import { createListing, setStock, setUpMall } from '../../test/orders/helpers';
import { MALL, SHIP, fulfilmentOpened, placeOrder, supplierStaff } from '../../test/logistics/helpers';
import { Sku, SkuKind, SkuStatus } from '../../subgraphs/catalog/entities/sku';

/** One operation of a client's published operations (codegen/operations/<file>.graphql), with its fragments. */
export function contractOperation(file: string, name: string): string {
  const text = fs.readFileSync(path.join(ROOT_DIR, 'codegen', 'operations', `${file}.graphql`), 'utf8');
  const start = text.search(new RegExp(`\\b(query|mutation) ${name}\\b`));
  assert.ok(start >= 0, `no operation ${name} in codegen/operations/${file}.graphql`);
  // The operation runs to the next top-level definition (or the end of the file).
  const next = text.slice(start + 1).search(/\n(query|mutation|fragment) /);
  return next < 0 ? text.slice(start) : text.slice(start, start + 1 + next);
}

export const MALL_LISTINGS = contractOperation('mall', 'MallListings');
export const MY_SHIPMENTS = contractOperation('logistics', 'MyShipments');
/** A supplier's paid orders, as the design contract states it (suppliers' own operations are not published yet). */
export const SUPPLIER_PAID_ORDERS = `query SupplierPaidOrders($id: ID!, $n: Int) { supplier(id: $id) { name
  supplierOrders(status: PAID, first: $n) { edges { node { id
  order { shippingAddress { city } } lines { quantity sku { title } } } } } } }`;

/** A request as a client sends it: its bearer token and JSON body. */
export interface Call {
  token: string;
  body: string;
}

export interface ContractCall extends Call {
  /** Short name for tables. */
  name: string;
}

/** The customer whose orders the contract queries read. */
export const CUSTOMER_ID = 4;

/**
 * Demo data the contract queries page through at `pageSize`: a mall of bank 1 with `pageSize`
 * listings of stocked physical SKUs, and `pageSize` paid orders of one customer, each of two
 * listings; every other order shipped with a tracking event, so the customer's query reads
 * shipments and the supplier's query still finds paid orders. The calls, in this order: mall
 * listings, the customer's orders with shipments, the supplier's paid orders.
 */
export async function contractData(sys: TestSystem, pageSize: number): Promise<ContractCall[]> {
  const m = await setUpMall(sys);
  MALL.id = m.mallId;
  const catalog = (await sys.orm('catalog')).em.fork();
  // One supplier's SKUs, so the supplier's paid orders hold every order.
  const skus = await catalog.find(
    Sku,
    { kind: SkuKind.PHYSICAL, status: SkuStatus.ACTIVE, supplierId: m.physical.supplierId },
    { orderBy: { id: 'ASC' }, limit: pageSize },
  );
  const listings: string[] = [];
  for (const sku of skus) {
    await setStock(sys, sku.id, 100_000);
    listings.push(
      await createListing(sys, { mallId: m.mallId, skuId: String(sku.id), priceMode: 'POINTS', pricePoints: 1 }),
    );
  }
  // Listings of other suppliers' SKUs fill the mall page.
  const others = await catalog.find(
    Sku,
    { kind: SkuKind.PHYSICAL, status: SkuStatus.ACTIVE, supplierId: { $ne: m.physical.supplierId } },
    { orderBy: { id: 'ASC' }, limit: Math.max(0, pageSize - skus.length) },
  );
  for (const sku of others) {
    await setStock(sys, sku.id, 100_000);
    await createListing(sys, { mallId: m.mallId, skuId: String(sku.id), priceMode: 'POINTS', pricePoints: 1 });
  }
  for (let i = 0; i < pageSize; i++) {
    const order = await placeOrder(
      sys,
      CUSTOMER_ID,
      [
        { listingId: listings[i % listings.length]!, quantity: 1 },
        { listingId: listings[(i + 1) % listings.length]!, quantity: 2 },
      ],
      `bench-contract-${i}`,
    );
    if (i % 2 === 0) {
      await fulfilmentOpened(sys, order.supplierOrderId);
      const shipped = await sys.gql(supplierStaff(m.physical.supplierId), SHIP, {
        input: { supplierOrderId: order.supplierOrderId, carrierCode: 'SF', trackingNumber: `SFBENCH${1000 + i}` },
      });
      assert.equal(shipped.errors, undefined, JSON.stringify(shipped.errors));
    }
  }
  const supplierId = String(m.physical.supplierId);
  return [
    {
      name: `mall listings (${pageSize})`,
      token: await sys.token({ role: 'BANK_ADMIN', sub: 'bench', bankId: '1' }, 3600),
      body: JSON.stringify({ query: MALL_LISTINGS, variables: { mallId: m.mallId, first: pageSize } }),
    },
    {
      name: `customer orders with shipments (${pageSize})`,
      token: await sys.token(
        { role: 'CUSTOMER', sub: `c${CUSTOMER_ID}`, bankId: '1', customerId: String(CUSTOMER_ID) },
        3600,
      ),
      body: JSON.stringify({ query: MY_SHIPMENTS, variables: { first: pageSize } }),
    },
    {
      name: `supplier paid orders (${pageSize})`,
      token: await sys.token({ role: 'SUPPLIER_ADMIN', sub: 'bench', supplierId }, 3600),
      body: JSON.stringify({ query: SUPPLIER_PAID_ORDERS, variables: { id: supplierId, n: pageSize } }),
    },
  ];
}

/** The same call with some of its variables changed (another page size, say). */
export function withVariables<C extends Call>(c: C, variables: Record<string, unknown>): C {
  const request = JSON.parse(c.body) as { variables?: Record<string, unknown> };
  return { ...c, body: JSON.stringify({ ...request, variables: { ...request.variables, ...variables } }) };
}

/** POSTs a client request; the answer's text, or an error if it carries GraphQL errors. */
export async function call(url: string, c: Call, headers: Record<string, string> = {}): Promise<string> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}`, ...headers },
    body: c.body,
  });
  const text = await r.text();
  if (!r.ok || text.includes('"errors"')) throw new Error(`${url} answered ${r.status}: ${text.slice(0, 300)}`);
  return text;
}

/**
 * Requests completed by `clients` concurrent clients in `seconds`, each repeating `request(i)`
 * (i counts that client's requests); with `latencies`, each request's milliseconds are added to it.
 */
export async function requestsIn(
  seconds: number,
  clients: number,
  request: (i: number) => Promise<unknown>,
  latencies?: number[],
): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = client; performance.now() < deadline; i += clients) {
        const t0 = performance.now();
        await request(i);
        latencies?.push(performance.now() - t0);
        done++;
      }
    }),
  );
  return done;
}

/** CPU seconds (user + system, all threads) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

/** What runs in a test system's processes: its subgraphs and its gateway. */
export type SystemPart = SubgraphName | 'gateway';
export const SYSTEM_PARTS: SystemPart[] = [...SUBGRAPH_NAMES, 'gateway'];

/**
 * The processes of one test system, by what they run: the children whose environment names its
 * schema prefix. `exclude`: processes started besides the system's own (extra gateways), which
 * would otherwise be taken for them.
 */
export function systemProcesses(prefix: string, exclude: number[] = []): Map<SystemPart, number> {
  const found = new Map<SystemPart, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || exclude.includes(Number(entry))) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      // From its bundle (.build/services/<name>.cjs, the default) or from source (PERKMALL_FROM_SOURCE=1).
      const bundle = /[\\/]services[\\/]([a-z]+)\.cjs\0/.exec(cmdline)?.[1];
      const name =
        SYSTEM_PARTS.find((p) => p === bundle) ??
        (cmdline.includes(`${path.sep}gateway${path.sep}main.ts`)
          ? 'gateway'
          : SUBGRAPH_NAMES.find((s) => cmdline.includes(`${path.sep}subgraphs${path.sep}${s}${path.sep}`)));
      if (!name) continue;
      if (fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`PERKMALL_DB_PREFIX=${prefix}`))
        found.set(name, Number(entry));
    } catch {
      // gone, or not ours
    }
  }
  return found;
}

/** The subgraph processes of one test system (see systemProcesses). */
export function subgraphProcesses(prefix: string, exclude: number[] = []): Map<SubgraphName, number> {
  const found = new Map<SubgraphName, number>();
  for (const [name, pid] of systemProcesses(prefix, exclude)) if (name !== 'gateway') found.set(name, pid);
  return found;
}

/** The database server's process (shared with whatever else uses it), if this user may read it. */
export function mariadbProcess(): number | null {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'mariadbd' || comm === 'mysqld') {
        cpuSeconds(Number(entry));
        return Number(entry);
      }
    } catch {
      // gone, or not readable
    }
  }
  return null;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The machine's 1-minute load average. */
export const loadAverage = () => os.loadavg()[0]!;

/**
 * The environment that starts every process of a test system under V8's CPU profiler
 * (bench/support/cpu-profile.mjs), writing profiles to `dir`. The processes run from source, not
 * from their bundles: a profile names the module of each function only when the modules are files
 * of their own (the code is the same: esbuild transforms it either way).
 */
export function profilingEnv(dir: string): Record<string, string> {
  return {
    NODE_OPTIONS: `--import ${path.join(__dirname, 'cpu-profile.mjs')}`,
    PERKMALL_BENCH_PROFILE_DIR: path.resolve(dir),
    PERKMALL_FROM_SOURCE: '1',
  };
}
