/**
 * Safe replicas (issue 21): two orders and two logistics processes on one database, behind
 * round-robin proxies (scripts/replica-proxy.ts, standing in for a Kubernetes Service), the other
 * subgraphs and the gateway once. Both replicas serve requests and run every background task; the
 * outbox relays claim rows, the recovery sweep runs under a job lease.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import { asDate, selectRows } from '../../core/sql';
import { setBalance } from '../loyalty/helpers';
import {
  ADDRESS,
  CHECKOUT,
  PAY,
  assertLedgerClean,
  bankAdmin,
  createListing,
  customer,
  setStock,
  setUpMall,
} from '../orders/helpers';

const CUSTOMERS = [8, 9, 10, 11, 13, 14, 15, 16];
const ORDERS_PER_CUSTOMER = 2;
const BALANCE = 20_000;
const STOCK = 60;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

describe('two replicas of orders and of logistics on one database', () => {
  let sys: TestSystem;
  let mallId: string;
  let physicalSku: number;
  let virtualSku: number;
  let physicalListing: string;
  let virtualListing: string;
  const em = async (name: 'orders' | 'logistics' | 'catalog' | 'loyalty' | 'tenants') =>
    (await sys.orm(name)).em.fork() as SqlEntityManager;
  const rows = async <T>(name: Parameters<typeof em>[0], sql: string, params: unknown[] = []) =>
    selectRows<T>(await em(name), sql, params);
  const alive = async (instance: string) => {
    try {
      return (await fetch(`${sys.stack.instanceUrl(instance)}/livez`, { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
      return false;
    }
  };

  const issuedCodes = async () => {
    const [kind] = await rows<{ k: number }>('catalog', 'SELECT virtual_card_kind_id AS k FROM sku WHERE id = ?', [
      virtualSku,
    ]);
    const [codes] = await rows<{ n: number }>(
      'catalog',
      `SELECT COUNT(*) AS n FROM virtual_card_code WHERE kind_id = ? AND state = 'ISSUED'`,
      [kind!.k],
    );
    return Number(codes!.n);
  };

  before(async () => {
    sys = await startTestSystem({
      replicas: { orders: 2, logistics: 2 },
      env: {
        // Sweeps every second; a checkout interrupted by the crash is given up after 8 s, a failed confirmation retried soon.
        PERKMALL_RECOVERY_INTERVAL_MS: '1000',
        PERKMALL_STALE_PENDING_MS: '8000',
        PERKMALL_RECOVERY_BACKOFF_MS: '500',
        PERKMALL_RECOVERY_MAX_BACKOFF_MS: '2000',
        PERKMALL_LEASE_TTL_MS: '6000',
        // Long enough to watch readiness during a drain.
        PERKMALL_SHUTDOWN_DELAY_MS: '1500',
      },
    });
    const m = await setUpMall(sys);
    mallId = m.mallId;
    physicalSku = m.physical.id;
    virtualSku = m.virtual.id;
    physicalListing = await createListing(sys, {
      mallId,
      skuId: String(physicalSku),
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: 300,
      priceFen: 1500,
    });
    virtualListing = await createListing(sys, {
      mallId,
      skuId: String(virtualSku),
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: 200,
      priceFen: 1000,
    });
    await setStock(sys, physicalSku, STOCK);
    await setStock(sys, virtualSku, STOCK);
    for (const c of CUSTOMERS) await setBalance(sys, 1, c, BALANCE, `replicas-balance-${c}`);
  });
  after(async () => {
    await sys?.stop();
  });

  it('a burst of purchases with an orders replica crashing mid-saga: every order and event is processed exactly once', async (t) => {
    // The crash: a payment's request kills whichever orders replica serves it, after the payment is
    // recorded (its first step commit) and the remote confirmation steps ran, before the confirmation commits.
    const issuedBefore = await issuedCodes();
    /** Arms the crash on both replicas for a fresh request id; the next payment sent carries it. */
    let armed: string | null = null;
    const arm = async () => {
      const requestId = randomUUID();
      for (const instance of sys.stack.instances.orders) {
        const r = await fetch(`${sys.stack.instanceUrl(instance)}/debug/faults`, {
          method: 'POST',
          body: JSON.stringify({ requestId, fault: 'crash-before-step-commit', skip: 1 }),
        });
        assert.equal(r.status, 200);
      }
      armed = requestId;
    };
    await arm();
    /** What armed payments answered although they should have crashed their replica (printed, and re-armed). */
    const survived: unknown[] = [];
    /** A client that retries what failed with the same idempotency key or payment reference. */
    const retrying = async (call: (attempt: number) => Promise<GraphQLResult>): Promise<GraphQLResult> => {
      let last: GraphQLResult = {};
      for (let attempt = 0; attempt < 8; attempt++) {
        last = await call(attempt).catch((e) => ({ errors: [{ message: String(e) }] }));
        if (!last.errors) return last;
        await sleep(500 + attempt * 500);
      }
      return last;
    };
    const purchase = async (customerId: number, n: number) => {
      const key = `replicas-${customerId}-${n}`;
      const checkout = await retrying(() =>
        sys.gql(customer(1, customerId), CHECKOUT, {
          input: {
            mallId,
            lines: [
              { listingId: physicalListing, quantity: 1 },
              { listingId: virtualListing, quantity: 1 },
            ],
            shippingAddress: ADDRESS,
            idempotencyKey: key,
          },
        }),
      );
      const order = checkout.data?.checkout?.order as { id: string; cashFen: number; status: string } | undefined;
      if (!order || order.status !== 'PENDING_PAYMENT') return;
      const paymentRef = `P-${key}`;
      await retrying(async (attempt) => {
        // The first try of a payment takes the armed crash, one payment at a time.
        const crashId = attempt === 0 ? armed : null;
        if (crashId) armed = null;
        const answer = await sys.gql(
          bankAdmin(1),
          PAY,
          { i: { orderId: order.id, paymentRef, amountFen: order.cashFen } },
          crashId ? { requestId: crashId } : {},
        );
        // Both replicas still up: this payment never reached its confirmation's commit inline (the answer
        // says why, printed); the next payment carries the crash instead.
        if (crashId && (await Promise.all(sys.stack.instances.orders.map(alive))).every(Boolean)) {
          survived.push(answer);
          t.diagnostic(`an armed payment answered instead of crashing its replica: ${JSON.stringify(answer)}`);
          await arm();
        }
        return answer;
      });
    };
    await Promise.all(CUSTOMERS.flatMap((c) => Array.from({ length: ORDERS_PER_CUSTOMER }, (_, n) => purchase(c, n))));

    // Exactly one replica died, by the injected crash; the other kept serving.
    const up = await Promise.all(sys.stack.instances.orders.map((i) => alive(i)));
    assert.deepEqual(
      up.filter((u) => !u).length,
      1,
      `one orders replica crashed (${JSON.stringify(up)}); armed payments that answered: ${JSON.stringify(survived)}`,
    );
    assert.ok(
      sys.stack.proxies.orders!.connections.every((n) => n > 0),
      `both orders replicas served (${sys.stack.proxies.orders!.connections})`,
    );
    assert.ok(
      sys.stack.proxies.logistics!.connections.every((n) => n > 0),
      'both logistics replicas served',
    );

    // The survivors' sweeps and relays settle everything: no order in between, no event undelivered.
    await until('every order settled and every event delivered', async () => {
      const open = await rows<{ n: number }>(
        'orders',
        `SELECT COUNT(*) AS n FROM customer_order WHERE mall_id = ? AND (status IN ('PENDING', 'PENDING_PAYMENT') OR (status = 'PAID' AND confirmed = 0) OR (status IN ('FAILED', 'CANCELLED') AND compensated = 0 AND confirmed = 0))`,
        [Number(mallId)],
      );
      if (Number(open[0]!.n) > 0) return false;
      for (const s of ['orders', 'logistics', 'catalog', 'loyalty'] as const) {
        const [u] = await rows<{ n: number }>(s, 'SELECT COUNT(*) AS n FROM outbox_message WHERE delivered_at IS NULL');
        if (Number(u!.n) > 0) return false;
      }
      return true;
    });

    const orders = await rows<{
      id: number;
      customer_id: number;
      status: string;
      confirmed: number;
      total_points: number;
    }>(
      'orders',
      'SELECT id, customer_id, status, confirmed, total_points FROM customer_order WHERE mall_id = ? ORDER BY id',
      [Number(mallId)],
    );
    const paid = orders.filter((o) => o.status === 'PAID');
    assert.ok(orders.length >= CUSTOMERS.length, `orders recorded: ${orders.length}`);
    assert.ok(paid.length >= CUSTOMERS.length, `most purchases went through: ${paid.length} of ${orders.length}`);
    for (const o of orders) assert.ok(['PAID', 'FAILED', 'CANCELLED'].includes(o.status), `order ${o.id}: ${o.status}`);
    assert.ok(paid.every((o) => Number(o.confirmed) === 1));
    const paidIds = paid.map((o) => o.id);
    const inPaid = `(${paidIds.map(() => '?').join(', ')})`;

    // Stock committed exactly once per paid unit, nothing left reserved.
    const [stock] = await rows<{ available: number; reserved: number }>(
      'catalog',
      'SELECT available, reserved FROM stock WHERE sku_id = ?',
      [physicalSku],
    );
    assert.equal(Number(stock!.available), STOCK - paid.length);
    assert.equal(Number(stock!.reserved), 0);
    // One card code per paid order, issued once in catalog, recorded once in orders and delivered once by logistics.
    const issued = await rows<{ order_id: number; n: number }>(
      'orders',
      `SELECT order_id, COUNT(*) AS n FROM issued_code WHERE order_id IN ${inPaid} GROUP BY order_id`,
      paidIds,
    );
    assert.equal(issued.length, paid.length);
    assert.ok(issued.every((r) => Number(r.n) === 1));
    assert.equal((await issuedCodes()) - issuedBefore, paid.length, 'catalog issued one code per paid order');
    const deliveries = await rows<{ order_id: number; n: number }>(
      'logistics',
      `SELECT order_id, COUNT(*) AS n FROM virtual_delivery WHERE order_id IN ${inPaid} GROUP BY order_id`,
      paidIds,
    );
    assert.equal(deliveries.length, paid.length);
    assert.ok(deliveries.every((r) => Number(r.n) === 1));
    // One fulfilment per paid order's physical supplier order (the ORDER_PAID event, delivered once).
    const fulfilments = await rows<{ order_id: number; n: number }>(
      'logistics',
      `SELECT order_id, COUNT(*) AS n FROM fulfilment WHERE order_id IN ${inPaid} GROUP BY order_id`,
      paidIds,
    );
    assert.equal(fulfilments.length, paid.length);
    assert.ok(fulfilments.every((r) => Number(r.n) === 1));
    // Points: captured once per paid order, nothing held; every customer's balance adds up.
    // Points: captured once per paid order (one CAPTURE entry of its whole amount), nothing left held.
    const captures = await rows<{ source: string; n: number; held: number }>(
      'loyalty',
      `SELECT source, COUNT(*) AS n, SUM(held_delta) AS held FROM points_ledger_entry WHERE type = 'CAPTURE' AND source IN (${paidIds.map(() => '?').join(', ')}) GROUP BY source`,
      paidIds.map((id) => `order:${id}`),
    );
    const captureOf = new Map(captures.map((c) => [c.source, c]));
    for (const o of paid) {
      const c = captureOf.get(`order:${o.id}`);
      assert.equal(Number(c?.n), 1, `order ${o.id}: one capture`);
      assert.equal(Number(c?.held), -Number(o.total_points), `order ${o.id}: its points captured once`);
    }
    for (const c of CUSTOMERS) {
      const [account] = await rows<{ held: number }>(
        'loyalty',
        'SELECT held FROM points_account WHERE customer_id = ?',
        [c],
      );
      assert.equal(Number(account!.held), 0, `customer ${c} holds nothing`);
    }
    await assertLedgerClean(sys);
    // Sales counted once per paid order (LISTING_SALES, delivered by both relays' claims).
    const [sales] = await rows<{ n: number }>(
      'tenants',
      `SELECT COUNT(*) AS n FROM listing_sales_order WHERE order_id IN ${inPaid}`,
      paidIds,
    );
    assert.equal(Number(sales!.n), paid.length);
    const listings = await rows<{ id: number; sales_count: number }>(
      'tenants',
      'SELECT id, sales_count FROM listing WHERE id IN (?, ?)',
      [Number(physicalListing), Number(virtualListing)],
    );
    for (const l of listings) assert.equal(Number(l.sales_count), paid.length, `listing ${l.id} sales`);
  });

  it('the recovery lease: an expired holder is taken over; a gracefully stopped holder releases it (ready 503, live 200 while draining)', async () => {
    // Bring the crashed replica back: two orders processes again.
    for (const i of sys.stack.instances.orders) if (!(await alive(i))) await sys.stack.startComponent(i);
    const lease = async () =>
      (
        await rows<{ owner: string | null; acquired_at: Date | string | number; expires_at: Date | string | number }>(
          'orders',
          `SELECT owner, acquired_at, expires_at FROM job_lease WHERE name = 'orders.recovery'`,
        )
      )[0];
    const ownerPid = (owner: string | null | undefined) => Number(owner?.split(':')[1]);
    const pids = sys.stack.instances.orders.map((i) => sys.stack.pid(i)!);

    // A holder that crashed: its lease stands until it expires, then a live replica takes it.
    const ghostUntil = new Date(Math.ceil((Date.now() + 2500) / 1000) * 1000);
    await (
      await em('orders')
    ).execute(
      `UPDATE job_lease SET owner = 'crashed-host:1:ghost', acquired_at = ?, expires_at = ? WHERE name = 'orders.recovery'`,
      [new Date(), ghostUntil],
    );
    await sleep(1200);
    assert.equal((await lease())!.owner, 'crashed-host:1:ghost', 'nobody takes an unexpired lease');
    const taken = await until('the expired lease taken over', async () => {
      const l = await lease();
      return l && pids.includes(ownerPid(l.owner)) ? l : null;
    });
    assert.ok(Date.now() >= ghostUntil.getTime());

    // Graceful stop of the holder: not ready (503) but alive (200) while it drains, then its lease is released.
    const holder = sys.stack.instances.orders[pids.indexOf(ownerPid(taken.owner))]!;
    const other = sys.stack.instances.orders.find((i) => i !== holder)!;
    const url = sys.stack.instanceUrl(holder);
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
    const stopped = sys.stack.signal(holder, 'SIGTERM');
    const probes = await until(
      'readiness off while draining',
      async () => {
        // A kept-alive socket the draining server closes under a request fails that fetch: ask again.
        const [ready, live] = await Promise.all([fetch(`${url}/readyz`), fetch(`${url}/livez`)]).catch(() => [
          null,
          null,
        ]);
        return ready?.status === 503 ? { ready: ready.status, live: live?.status } : null;
      },
      5000,
    );
    assert.deepEqual(probes, { ready: 503, live: 200 });
    const before = await lease();
    assert.equal(ownerPid(before?.owner), ownerPid(taken.owner), 'a draining replica still holds its lease');
    assert.equal((await fetch(`${url}/health`)).status, 200, '/health still answers while draining');
    await stopped;
    const after = await lease();
    assert.notEqual(ownerPid(after?.owner), ownerPid(taken.owner), 'the stopped replica no longer holds the lease');
    // The other replica takes it before the stopped one's lease would have run out: it was released, not left to expire.
    const next = await until('the released lease taken by the other replica', async () => {
      const l = await lease();
      return l && ownerPid(l.owner) === sys.stack.pid(other) ? l : null;
    });
    assert.ok(
      asDate(next.acquired_at).getTime() <= asDate(before!.expires_at).getTime(),
      `taken at ${String(next.acquired_at)}, before the old lease's expiry ${String(before!.expires_at)}`,
    );
  });
});
