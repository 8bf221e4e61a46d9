import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { platform } from '../principals';
import { Order, OrderStatus } from '../../subgraphs/orders/entities/order';
import { OrderLine, LineKind } from '../../subgraphs/orders/entities/order-line';
import { SupplierOrder, SupplierOrderStatus } from '../../subgraphs/orders/entities/supplier-order';
import { setBalance } from '../loyalty/helpers';
import {
  ADDRESS,
  CHECKOUT,
  assertLedgerClean,
  bankAdmin,
  createListing,
  customer,
  partnerApp,
  pointsOf,
  recover,
  setStock,
  setUpMall,
  stockOf,
} from './helpers';
import { selectRows, affectedRows } from '../../core/sql';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { IssuedCode } from '../../subgraphs/orders/entities/issued-code';
import { OutboxMessage } from '../../core/outbox';
import { Logger } from '../../core/logger';
import { RemoteSagaPorts, type SagaPorts } from '../../subgraphs/orders/services/ports';
import { OrderConfirmation } from '../../subgraphs/orders/services/confirmation.service';
import { CheckoutService } from '../../subgraphs/orders/services/checkout.service';
import { recountPools } from '../../subgraphs/catalog/services/code-pool.service';

/** Calls a saga step as orders would, straight to the subgraph with a service credential. */
async function asService(
  sys: TestSystem,
  name: 'catalog' | 'loyalty',
  query: string,
  variables: Record<string, unknown>,
) {
  const r = await sys.asService(name, query, variables);
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data!;
}

describe('the saga survives a subgraph dying at every step', () => {
  let sys: TestSystem;
  let mallId: string;
  let sku: number;
  let pointsListing: string;
  let mixedListing: string;
  let virtualSku: number;
  let physical2: number;
  const m2 = () => physical2;
  let virtualKind: number;
  let virtualListing: string;

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    sku = m.physical.id;
    pointsListing = await createListing(sys, { mallId, skuId: String(sku), priceMode: 'POINTS', pricePoints: 700 });
    mixedListing = await createListing(sys, {
      mallId,
      skuId: String(m.physical2.id),
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: 300,
      priceFen: 1500,
    });
    await setStock(sys, sku, 50);
    await setStock(sys, m.physical2.id, 50);
    virtualSku = m.virtual.id;
    physical2 = m.physical2.id;
    virtualKind = m.virtual.virtualCardKindId!;
    virtualListing = await createListing(sys, {
      mallId,
      skuId: String(virtualSku),
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: 200,
      priceFen: 1000,
    });
    await setStock(sys, virtualSku, 50);
    for (let c = 8; c <= 16; c++) if (c !== 12) await setBalance(sys, 1, c, 20_000, `recovery-balance-${c}`);
  });
  after(async () => {
    await sys?.stop();
  });

  const orderRow = async (id: number) => (await sys.orm('orders')).em.fork().findOneOrFail(Order, id);
  const latestOrder = async (customerId: number) =>
    (await sys.orm('orders')).em.fork().findOneOrFail(Order, { customerId }, { orderBy: { id: 'DESC' } });

  it('catalog down before anything is reserved: the checkout is refused and nothing is recorded', async () => {
    const count = await (await sys.orm('orders')).em.fork().count(Order, {});
    await sys.stack.stopComponent('catalog');
    try {
      const r = await sys.gql(customer(1, 1), CHECKOUT, {
        input: {
          mallId,
          lines: [{ listingId: pointsListing, quantity: 1 }],
          shippingAddress: ADDRESS,
          idempotencyKey: 'down-catalog-1',
        },
      });
      assert.ok(r.errors?.length);
    } finally {
      await sys.stack.startComponent('catalog');
    }
    assert.equal(await (await sys.orm('orders')).em.fork().count(Order, {}), count);
  });

  it('loyalty down at the hold: the order stays PENDING, and recovery gives the stock back', async () => {
    const stock = await stockOf(sys, sku);
    const points = await pointsOf(sys, 2);
    await sys.stack.stopComponent('loyalty');
    let r;
    try {
      r = await sys.gql(customer(1, 2), CHECKOUT, {
        input: {
          mallId,
          lines: [{ listingId: pointsListing, quantity: 2 }],
          shippingAddress: ADDRESS,
          idempotencyKey: 'down-loyalty-1',
        },
      });
      assert.equal(errorCode(r), 'INTERNAL');
      assert.match(r.errors![0]!.message, /Retry with the same idempotencyKey/);
      const order = await latestOrder(2);
      assert.equal(order.status, OrderStatus.PENDING);
      assert.deepEqual(await stockOf(sys, sku), { available: stock.available - 2, reserved: 2 });
    } finally {
      await sys.stack.startComponent('loyalty');
    }
    const report = await recover(sys);
    assert.ok(report.abandoned >= 1);
    const order = await latestOrder(2);
    assert.equal(order.status, OrderStatus.FAILED);
    assert.equal(order.compensated, true);
    assert.deepEqual(await stockOf(sys, sku), stock);
    assert.deepEqual(await pointsOf(sys, 2), points);
    await assertLedgerClean(sys);
  });

  it('a retry with the same key after the subgraph is back finishes the same order', async () => {
    const points = await pointsOf(sys, 3);
    const input = {
      mallId,
      lines: [{ listingId: pointsListing, quantity: 1 }],
      shippingAddress: ADDRESS,
      idempotencyKey: 'down-loyalty-retry',
    };
    await sys.stack.stopComponent('loyalty');
    try {
      assert.equal(errorCode(await sys.gql(customer(1, 3), CHECKOUT, { input })), 'INTERNAL');
    } finally {
      await sys.stack.startComponent('loyalty');
    }
    const first = await latestOrder(3);
    const retry = await sys.gql(customer(1, 3), CHECKOUT, { input });
    assert.equal(retry.errors, undefined, JSON.stringify(retry.errors));
    assert.equal(retry.data!.checkout.order.id, String(first.id));
    assert.equal(retry.data!.checkout.order.status, 'PAID');
    assert.equal((await pointsOf(sys, 3)).redeemable, points.redeemable - 700);
    await assertLedgerClean(sys);
  });

  it('catalog down when the payment arrives: the order is PAID and recovery confirms it once the catalog is back', async () => {
    const r = await sys.gql(customer(1, 4), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: mixedListing, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'down-catalog-pay',
      },
    });
    const id = Number(r.data!.checkout.order.id);
    await sys.stack.stopComponent('catalog');
    try {
      const paid = await sys.gql(
        partnerApp(1),
        'mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { status } }',
        { input: { orderId: String(id), paymentRef: 'P-down-1', amountFen: 1500 } },
      );
      assert.equal(paid.data!.confirmPayment.status, 'PAID');
      assert.equal((await orderRow(id)).confirmed, false);
    } finally {
      await sys.stack.startComponent('catalog');
    }
    const report = await recover(sys);
    assert.ok(report.confirmed >= 1);
    assert.equal((await orderRow(id)).confirmed, true);
    assert.equal((await pointsOf(sys, 4)).held, 0);
    await assertLedgerClean(sys);
  });

  it('the sweep leaves a freshly paid order to its request: due at once when the request gave up, else after the stale time', async () => {
    await setBalance(sys, 1, 4, 5_000, 'recovery-fresh-paid-4');
    const sweep = async (staleAfterSeconds: number) => {
      const r = await sys.gql(
        platform,
        'mutation($s: Int!) { runOrderRecovery(staleAfterSeconds: $s) { confirmed } }',
        { s: staleAfterSeconds },
      );
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    };
    const nextRecoveryAt = async (id: number) =>
      (
        await selectRows<{ at: unknown }>(
          (await sys.orm('orders')).em.fork() as SqlEntityManager,
          'SELECT next_recovery_at AS at FROM customer_order WHERE id = ?',
          [id],
        )
      )[0]!.at;
    /** An order paid while the catalog is down: PAID, its confirmation incomplete. */
    const paidWithCatalogDown = async (key: string) => {
      const r = await sys.gql(customer(1, 4), CHECKOUT, {
        input: {
          mallId,
          lines: [{ listingId: mixedListing, quantity: 1 }],
          shippingAddress: ADDRESS,
          idempotencyKey: key,
        },
      });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      const id = Number(r.data!.checkout.order.id);
      await sys.stack.stopComponent('catalog');
      try {
        const paid = await sys.gql(partnerApp(1), PAY, {
          input: { orderId: String(id), paymentRef: `P-${key}`, amountFen: 1500 },
        });
        assert.equal(paid.data!.confirmPayment.status, 'PAID');
      } finally {
        await sys.stack.startComponent('catalog');
      }
      assert.equal((await orderRow(id)).confirmed, false);
      return id;
    };

    // The request gave up (catalog down) and handed the order over: the next sweep confirms it, stale time or not.
    const handedOver = await paidWithCatalogDown('fresh-paid-handed-over');
    assert.notEqual(await nextRecoveryAt(handedOver), null, 'the request handed the order to the sweep');
    await sweep(120);
    assert.equal((await orderRow(handedOver)).confirmed, true);

    // A request that died before handing over (as a crash would): a sweep leaves the order to it until
    // it is older than the stale time.
    const died = await paidWithCatalogDown('fresh-paid-died');
    await affectedRows(
      (await sys.orm('orders')).em.fork() as SqlEntityManager,
      'UPDATE customer_order SET next_recovery_at = NULL WHERE id = ?',
      [died],
    );
    await sweep(120);
    assert.equal((await orderRow(died)).confirmed, false, "paid seconds ago: still its request's");
    await sweep(0);
    assert.equal((await orderRow(died)).confirmed, true, 'older than the stale time: the sweep confirms it');
    assert.equal((await pointsOf(sys, 4)).held, 0);
    await assertLedgerClean(sys);
  });

  it('loyalty down while an unpaid order is cancelled: stock returns at once, points when loyalty is back', async () => {
    const points = await pointsOf(sys, 5);
    const r = await sys.gql(customer(1, 5), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: mixedListing, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'down-loyalty-cancel',
      },
    });
    const id = Number(r.data!.checkout.order.id);
    assert.equal((await pointsOf(sys, 5)).held, 300);
    await (
      await sys.orm('orders')
    ).em
      .fork()
      .nativeUpdate(Order, { id }, { paymentDueAt: new Date(Date.now() - 1000) });
    await sys.stack.stopComponent('loyalty');
    try {
      await recover(sys);
      const row = await orderRow(id);
      assert.equal(row.status, OrderStatus.CANCELLED);
      assert.equal(row.compensated, false);
    } finally {
      await sys.stack.startComponent('loyalty');
    }
    const report = await recover(sys);
    assert.ok(report.compensated >= 1);
    assert.equal((await orderRow(id)).compensated, true);
    assert.deepEqual(await pointsOf(sys, 5), points);
    await assertLedgerClean(sys);
  });

  it('orders crashed after reserving and holding, before recording it: recovery gives both back', async () => {
    const stock = await stockOf(sys, sku);
    const points = await pointsOf(sys, 6);
    // The state a crash leaves: the order row PENDING, its stock reserved and points held remotely.
    const em = (await sys.orm('orders')).em.fork();
    const old = new Date(Date.now() - 10 * 60_000);
    const order = em.create(Order, {
      bankId: 1,
      mallId: Number(mallId),
      customerId: 6,
      idempotencyKey: 'crashed-order-1',
      status: OrderStatus.PENDING,
      totalPoints: 1400,
      cashFen: 0,
      pointsAppliedToCash: 0,
      pointsValueFen: 1400,
      shippingAddress: ADDRESS,
      stockReserved: false,
      pointsHeld: false,
      confirmed: false,
      compensated: false,
      createdAt: old,
      updatedAt: old,
    });
    await em.persistAndFlush(order);
    const so = em.create(SupplierOrder, {
      orderId: order.id,
      supplierId: 1,
      bankId: 1,
      customerId: 6,
      status: SupplierOrderStatus.PENDING_PAYMENT,
      createdAt: old,
    });
    await em.persistAndFlush(so);
    em.persist(
      em.create(OrderLine, {
        orderId: order.id,
        supplierOrderId: so.id,
        listingId: Number(pointsListing),
        skuId: sku,
        supplierId: 1,
        kind: LineKind.PHYSICAL,
        title: 't',
        quantity: 2,
        unitPoints: 700,
        unitFen: 0,
        supplierPriceFen: 100,
        refundedQuantity: 0,
      }),
    );
    await em.flush();
    await asService(sys, 'catalog', 'mutation($i: ReserveStockInput!) { reserveStock(input: $i) { changed } }', {
      i: { orderId: String(order.id), lines: [{ skuId: String(sku), quantity: 2 }] },
    });
    await asService(
      sys,
      'loyalty',
      'mutation($o: ID!) { holdPoints(orderId: $o, bankId: 1, customerId: 6, amount: 1400) { state } }',
      { o: String(order.id) },
    );
    assert.equal((await pointsOf(sys, 6)).held, 1400);

    const report = await recover(sys);
    assert.ok(report.abandoned >= 1);
    assert.equal((await orderRow(order.id)).status, OrderStatus.FAILED);
    assert.deepEqual(await stockOf(sys, sku), stock);
    assert.deepEqual(await pointsOf(sys, 6), points);
    await assertLedgerClean(sys);
  });

  const catalogEm = async () => (await sys.orm('catalog')).em.fork() as SqlEntityManager;
  const ordersEm = async () => (await sys.orm('orders')).em.fork() as SqlEntityManager;

  /** Empties the virtual SKU's code pool for the duration of `work`, then puts the codes back. */
  /**
   * Runs `work` with no code of the kind left to issue: the pool's AVAILABLE codes and the codes
   * checkouts hold (RESERVED) are withdrawn (as a supplier voiding a bad batch would), then put back
   * on sale afterwards.
   */
  async function withEmptyPool<T>(work: () => Promise<T>): Promise<T> {
    const em = await catalogEm();
    const ids = (
      await selectRows<{ id: number }>(
        em,
        "SELECT id FROM virtual_card_code WHERE kind_id = ? AND state IN ('AVAILABLE', 'RESERVED')",
        [virtualKind],
      )
    ).map((r) => r.id);
    assert.ok(ids.length > 0);
    await affectedRows(
      em,
      `UPDATE virtual_card_code SET state = 'VOID' WHERE id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );
    await recountPools(em, [virtualKind]); // code rows written directly: bring the pool counter along
    try {
      return await work();
    } finally {
      await affectedRows(
        em,
        `UPDATE virtual_card_code SET state = 'AVAILABLE', order_id = NULL, sku_id = NULL WHERE id IN (${ids.map(() => '?').join(',')})`,
        ids,
      );
      await recountPools(em, [virtualKind]);
    }
  }

  /** What must hold for an order that was paid and then refunded in full without being confirmed. */
  async function assertRefundedInFull(
    id: number,
    customerId: number,
    before: { stock: { available: number; reserved: number }; points: { redeemable: number; held: number } },
  ) {
    const row = await orderRow(id);
    assert.equal(row.status, OrderStatus.FAILED);
    assert.equal(row.confirmed, false);
    assert.equal(row.compensated, true);
    assert.deepEqual(await stockOf(sys, virtualSku), before.stock);
    assert.deepEqual(await pointsOf(sys, customerId), before.points);
    const issuedInCatalog = await selectRows(
      await catalogEm(),
      "SELECT id FROM virtual_card_code WHERE order_id = ? AND state <> 'AVAILABLE'",
      [String(id)],
    );
    assert.deepEqual(issuedInCatalog, []);
    const e = await ordersEm();
    assert.equal(await e.count(IssuedCode, { orderId: id }), 0);
    assert.equal(await e.count(OutboxMessage, { dedupeKey: { $in: [`order-paid:${id}`, `codes-issued:${id}`] } }), 0);
    assert.ok((await e.find(SupplierOrder, { orderId: id })).every((so) => so.status === SupplierOrderStatus.FAILED));
    // the bank sees why, and what it owes the customer
    const seen = await sys.gql(bankAdmin(1), 'query($id: ID!) { order(id: $id) { status failureReason } }', {
      id: String(id),
    });
    assert.equal(seen.errors, undefined, JSON.stringify(seen.errors));
    assert.equal(seen.data!.order.status, 'FAILED');
    assert.match(
      seen.data!.order.failureReason,
      /refunded in full: 200 points returned, 1000 fen for the bank to pay back/,
    );
    // and finds it in its refunds book: every unit, exactly what was paid, the cash still owed
    const book = await sys.gql(
      bankAdmin(1),
      'query { refunds(filter: { cashPayout: OWED }, first: 100) { edges { node { orderId state pointsRefunded cashRefundFen } } } }',
    );
    assert.equal(book.errors, undefined, JSON.stringify(book.errors));
    const mine = book.data!.refunds.edges.map((x: any) => x.node).filter((r: any) => r.orderId === String(id));
    assert.deepEqual(
      mine.map((r: any) => r.state),
      ['APPROVED'],
    );
    assert.equal(
      mine.reduce((t: number, r: any) => t + r.pointsRefunded, 0),
      200,
    );
    assert.equal(
      mine.reduce((t: number, r: any) => t + r.cashRefundFen, 0),
      1000,
    );
    await assertLedgerClean(sys);
  }

  it('a paid order whose codes can never be issued (empty pool) is refunded in full and FAILED, once', async () => {
    const before = { stock: await stockOf(sys, virtualSku), points: await pointsOf(sys, 8) };
    // The checkout holds a code; the pool (held code included) is emptied before payment.
    const r = await sys.gql(customer(1, 8), CHECKOUT, {
      input: { mallId, lines: [{ listingId: virtualListing, quantity: 1 }], idempotencyKey: 'empty-pool-1' },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const id = Number(r.data!.checkout.order.id);
    await withEmptyPool(async () => {
      const paid = await sys.gql(
        partnerApp(1),
        'mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { status } }',
        { input: { orderId: String(id), paymentRef: 'P-empty-1', amountFen: 1000 } },
      );
      assert.equal(paid.data!.confirmPayment.status, 'PAID');
      // stock committed and points captured before the pool said no
      assert.equal((await orderRow(id)).confirmed, false);
      assert.equal((await pointsOf(sys, 8)).redeemable, before.points.redeemable - 200);
      const report = await recover(sys);
      assert.ok(report.refunded >= 1, JSON.stringify(report));
    });
    await assertRefundedInFull(id, 8, before);
    assert.match((await orderRow(id)).failureReason!, /Not enough codes/);
    // a later sweep, with codes back in the pool, changes nothing
    await recover(sys);
    await assertRefundedInFull(id, 8, before);
  });

  it('a paid order that keeps failing is retried with backoff, then refunded in full after the last attempt', async () => {
    const before = { stock: await stockOf(sys, virtualSku), points: await pointsOf(sys, 9) };
    const r = await sys.gql(customer(1, 9), CHECKOUT, {
      input: { mallId, lines: [{ listingId: virtualListing, quantity: 1 }], idempotencyKey: 'keeps-failing-1' },
    });
    const id = Number(r.data!.checkout.order.id);
    await sys.stack.stopComponent('catalog');
    try {
      const paid = await sys.gql(
        partnerApp(1),
        'mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { status } }',
        { input: { orderId: String(id), paymentRef: 'P-fail-1', amountFen: 1000 } },
      );
      assert.equal(paid.data!.confirmPayment.status, 'PAID');
      // a failed attempt schedules the next one; until then the sweep leaves the order alone
      await recover(sys, { respectBackoff: true });
      const first = await orderRow(id);
      assert.equal(first.recoveryAttempts, 1);
      assert.ok(first.nextRecoveryAt && first.nextRecoveryAt.getTime() > Date.now(), 'backoff scheduled');
      await recover(sys, { respectBackoff: true });
      assert.equal((await orderRow(id)).recoveryAttempts, 1, 'not due yet: not retried');
      // retried at once until the attempts run out (8 by default)
      for (let i = 0; i < 10 && (await orderRow(id)).status === OrderStatus.PAID; i++) await recover(sys);
      const row = await orderRow(id);
      assert.equal(row.status, OrderStatus.FAILED);
      assert.match(row.failureReason!, /could not be confirmed after \d+ attempts/);
      assert.doesNotMatch(
        row.failureReason!,
        /ECONNREFUSED|127\.0\.0\.1|unavailable:|select |insert /i,
        'no driver or network detail reaches people',
      );
      assert.equal(row.compensated, false, 'the catalog is still down: the give-backs wait');
    } finally {
      await sys.stack.startComponent('catalog');
    }
    const report = await recover(sys);
    assert.ok(report.compensated >= 1, JSON.stringify(report));
    await assertRefundedInFull(id, 9, before);
  });

  // ---- a failure at every step: each ends whole or fully compensated once the subgraph is back ----

  const PAY = 'mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { status } }';
  const codesInCatalog = async (id: number) =>
    (
      await selectRows<{ id: number }>(
        await catalogEm(),
        "SELECT id FROM virtual_card_code WHERE order_id = ? AND state = 'ISSUED' ORDER BY id",
        [String(id)],
      )
    ).map((r) => Number(r.id));
  const outboxOf = async (id: number) => {
    const rows = await (
      await ordersEm()
    ).find(
      OutboxMessage,
      { dedupeKey: { $in: [`order-paid:${id}`, `codes-issued:${id}`] } },
      { orderBy: { dedupeKey: 'ASC' } },
    );
    return rows.map((r) => r.dedupeKey);
  };

  /** A whole order: stock committed once, points captured once, every virtual unit has exactly one code (the same in orders and catalog), one event each. */
  async function assertWhole(id: number, expect: { physical: boolean; virtualUnits: number }) {
    const row = await orderRow(id);
    assert.equal(row.confirmed, true);
    assert.ok([OrderStatus.PAID, OrderStatus.COMPLETED].includes(row.status), row.status);
    const issued = (await (await ordersEm()).find(IssuedCode, { orderId: id }, { orderBy: { codeId: 'ASC' } })).map(
      (c) => c.codeId,
    );
    assert.equal(issued.length, expect.virtualUnits);
    assert.deepEqual(issued, await codesInCatalog(id));
    assert.deepEqual(await outboxOf(id), [
      ...(expect.virtualUnits ? [`codes-issued:${id}`] : []),
      ...(expect.physical ? [`order-paid:${id}`] : []),
    ]);
  }

  /** Fully compensated: nothing reserved, held, issued or announced. */
  async function assertCompensated(id: number, status: OrderStatus) {
    const row = await orderRow(id);
    assert.equal(row.status, status);
    assert.equal(row.compensated, true);
    assert.deepEqual(await codesInCatalog(id), []);
    assert.equal(await (await ordersEm()).count(IssuedCode, { orderId: id }), 0);
    assert.deepEqual(await outboxOf(id), []);
  }

  for (const down of ['tenants', 'catalog'] as const) {
    it(`${down} down at pricing: refused with INTERNAL, nothing recorded, reserved or held; the retry succeeds`, async () => {
      const count = await (await ordersEm()).count(Order, {});
      const stock = await stockOf(sys, sku);
      const points = await pointsOf(sys, 10);
      const input = {
        mallId,
        lines: [{ listingId: pointsListing, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: `down-pricing-${down}`,
      };
      await sys.stack.stopComponent(down);
      try {
        const r = await sys.gql(customer(1, 10), CHECKOUT, { input });
        assert.equal(errorCode(r), 'INTERNAL');
        assert.match(r.errors![0]!.message, /nothing was recorded or charged/);
      } finally {
        await sys.stack.startComponent(down);
      }
      assert.equal(await (await ordersEm()).count(Order, {}), count);
      assert.deepEqual(await stockOf(sys, sku), stock);
      assert.deepEqual(await pointsOf(sys, 10), points);
      const retry = await sys.gql(customer(1, 10), CHECKOUT, { input });
      assert.equal(retry.errors, undefined, JSON.stringify(retry.errors));
      await assertWhole(Number(retry.data!.checkout.order.id), { physical: true, virtualUnits: 0 });
      assert.deepEqual(await stockOf(sys, sku), { available: stock.available - 1, reserved: 0 });
      assert.equal((await pointsOf(sys, 10)).redeemable, points.redeemable - 700);
      await assertLedgerClean(sys);
    });
  }

  it('catalog down at reserveStock after the order row exists: the order stays PENDING, recovery fails it and a late hold is refused', async () => {
    const stock = await stockOf(sys, sku);
    const points = await pointsOf(sys, 11);
    // The order row as checkout's local transaction leaves it, before reserveStock: a retry with its key resumes it.
    const em = await ordersEm();
    const order = em.create(Order, {
      bankId: 1,
      mallId: Number(mallId),
      customerId: 11,
      idempotencyKey: 'down-reserve-1',
      status: OrderStatus.PENDING,
      totalPoints: 700,
      cashFen: 0,
      pointsAppliedToCash: 0,
      pointsValueFen: 700,
      shippingAddress: ADDRESS,
      stockReserved: false,
      pointsHeld: false,
      confirmed: false,
      compensated: false,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await em.persistAndFlush(order);
    const so = em.create(SupplierOrder, {
      orderId: order.id,
      supplierId: 1,
      bankId: 1,
      customerId: 11,
      status: SupplierOrderStatus.PENDING_PAYMENT,
      createdAt: new Date(),
    });
    await em.persistAndFlush(so);
    em.persist(
      em.create(OrderLine, {
        orderId: order.id,
        supplierOrderId: so.id,
        listingId: Number(pointsListing),
        skuId: sku,
        supplierId: 1,
        kind: LineKind.PHYSICAL,
        title: 't',
        quantity: 1,
        unitPoints: 700,
        unitFen: 0,
        supplierPriceFen: 100,
        refundedQuantity: 0,
      }),
    );
    await em.flush();
    await sys.stack.stopComponent('catalog');
    try {
      const r = await sys.gql(customer(1, 11), CHECKOUT, {
        input: {
          mallId,
          lines: [{ listingId: pointsListing, quantity: 1 }],
          shippingAddress: ADDRESS,
          idempotencyKey: 'down-reserve-1',
        },
      });
      assert.equal(errorCode(r), 'INTERNAL');
      assert.equal((await orderRow(order.id)).status, OrderStatus.PENDING);
      assert.equal((await orderRow(order.id)).stockReserved, false);
    } finally {
      await sys.stack.startComponent('catalog');
    }
    const report = await recover(sys);
    assert.ok(report.abandoned >= 1);
    await assertCompensated(order.id, OrderStatus.FAILED);
    // a reservation or hold arriving late for the abandoned order is refused or released again
    const late = await sys.asService(
      'loyalty',
      'mutation($o: ID!) { holdPoints(orderId: $o, bankId: 1, customerId: 11, amount: 700) { state } }',
      { o: String(order.id) },
    );
    assert.equal(errorCode(late), 'CONFLICT');
    assert.deepEqual(await stockOf(sys, sku), stock);
    assert.deepEqual(await pointsOf(sys, 11), points);
    await assertLedgerClean(sys);
  });

  it('a definite "not enough points" at the hold fails the order at once and releases its stock', async () => {
    const stock = await stockOf(sys, sku);
    await setBalance(sys, 1, 12, 500, 'too-few-points-12');
    const r = await sys.gql(customer(1, 12), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: pointsListing, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'too-few-points-1',
      },
    });
    assert.equal(errorCode(r), 'CONFLICT');
    assert.match(r.errors![0]!.message, /Not enough redeemable points/);
    const order = await latestOrder(12);
    await assertCompensated(order.id, OrderStatus.FAILED);
    assert.deepEqual(await stockOf(sys, sku), stock);
    assert.deepEqual(await pointsOf(sys, 12), { redeemable: 500, held: 0 });
    await assertLedgerClean(sys);
  });

  it('loyalty down at capture: the paid order is confirmed by recovery, stock committed and points captured once', async () => {
    const stock = await stockOf(sys, m2());
    const points = await pointsOf(sys, 13);
    const r = await sys.gql(customer(1, 13), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: mixedListing, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'down-capture-1',
      },
    });
    const id = Number(r.data!.checkout.order.id);
    await sys.stack.stopComponent('loyalty');
    try {
      const paid = await sys.gql(partnerApp(1), PAY, {
        input: { orderId: String(id), paymentRef: 'P-capture-1', amountFen: 1500 },
      });
      assert.equal(paid.data!.confirmPayment.status, 'PAID');
      const row = await orderRow(id);
      assert.equal(row.confirmed, false);
      // the stock was committed before loyalty failed
      assert.deepEqual(await stockOf(sys, m2()), { available: stock.available - 1, reserved: 0 });
    } finally {
      await sys.stack.startComponent('loyalty');
    }
    assert.equal((await pointsOf(sys, 13)).held, 300);
    await recover(sys);
    await assertWhole(id, { physical: true, virtualUnits: 0 });
    assert.deepEqual(await stockOf(sys, m2()), { available: stock.available - 1, reserved: 0 });
    assert.deepEqual(await pointsOf(sys, 13), { redeemable: points.redeemable - 300, held: 0 });
    await recover(sys);
    await assertWhole(id, { physical: true, virtualUnits: 0 });
    await assertLedgerClean(sys);
  });

  it('catalog down at allocateCodes: recovery issues each code once, the same in orders and catalog', async () => {
    const vStock = await stockOf(sys, virtualSku);
    const points = await pointsOf(sys, 14);
    const r = await sys.gql(customer(1, 14), CHECKOUT, {
      input: {
        mallId,
        lines: [
          { listingId: virtualListing, quantity: 2 },
          { listingId: pointsListing, quantity: 1 },
        ],
        shippingAddress: ADDRESS,
        idempotencyKey: 'down-allocate-1',
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const id = Number(r.data!.checkout.order.id);
    // what confirmation had done when the catalog died: stock committed, points captured
    await asService(
      sys,
      'catalog',
      'mutation($i: OrderReservationInput!) { commitReservation(input: $i) { changed } }',
      { i: { orderId: String(id) } },
    );
    await asService(sys, 'loyalty', 'mutation($o: ID!) { capturePoints(orderId: $o) { state } }', { o: String(id) });
    await sys.stack.stopComponent('catalog');
    try {
      const paid = await sys.gql(partnerApp(1), PAY, {
        input: { orderId: String(id), paymentRef: 'P-allocate-1', amountFen: 2000 },
      });
      assert.equal(paid.data!.confirmPayment.status, 'PAID');
      assert.equal((await orderRow(id)).confirmed, false);
    } finally {
      await sys.stack.startComponent('catalog');
    }
    assert.deepEqual(await codesInCatalog(id), []);
    await recover(sys);
    await assertWhole(id, { physical: true, virtualUnits: 2 });
    assert.deepEqual(await stockOf(sys, virtualSku), { available: vStock.available - 2, reserved: 0 });
    assert.deepEqual(await pointsOf(sys, 14), { redeemable: points.redeemable - 400 - 700, held: 0 });
    await recover(sys);
    await assertWhole(id, { physical: true, virtualUnits: 2 });
    await assertLedgerClean(sys);
  });

  it('catalog down during releaseReservation: the cancelled order keeps trying and gives stock and points back once the catalog is back', async () => {
    const stock = await stockOf(sys, m2());
    const points = await pointsOf(sys, 15);
    const r = await sys.gql(customer(1, 15), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: mixedListing, quantity: 2 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'down-release-1',
      },
    });
    const id = Number(r.data!.checkout.order.id);
    await (await ordersEm()).nativeUpdate(Order, { id }, { paymentDueAt: new Date(Date.now() - 1000) });
    await sys.stack.stopComponent('catalog');
    try {
      await recover(sys);
      const row = await orderRow(id);
      assert.equal(row.status, OrderStatus.CANCELLED);
      assert.equal(row.compensated, false);
      await recover(sys); // still down: tried again, still not given back
      assert.equal((await orderRow(id)).compensated, false);
    } finally {
      await sys.stack.startComponent('catalog');
    }
    assert.equal((await pointsOf(sys, 15)).held, 600, 'the stock release failed first; the points wait with it');
    const report = await recover(sys);
    assert.ok(report.compensated >= 1);
    await assertCompensated(id, OrderStatus.CANCELLED);
    assert.deepEqual(await stockOf(sys, m2()), stock);
    assert.deepEqual(await pointsOf(sys, 15), points);
    await assertLedgerClean(sys);
  });

  it('orders crashed after the remote confirm steps, before its local transaction: recovery records the same codes, once', async () => {
    const vStock = await stockOf(sys, virtualSku);
    const points = await pointsOf(sys, 16);
    const r = await sys.gql(customer(1, 16), CHECKOUT, {
      input: {
        mallId,
        lines: [
          { listingId: virtualListing, quantity: 1 },
          { listingId: pointsListing, quantity: 1 },
        ],
        shippingAddress: ADDRESS,
        idempotencyKey: 'crash-confirm-1',
      },
    });
    const id = Number(r.data!.checkout.order.id);
    // The payment was recorded and every remote step ran; then orders died before its local transaction.
    await (
      await ordersEm()
    ).nativeUpdate(Order, { id }, { status: OrderStatus.PAID, paidAt: new Date(), paymentRef: 'P-crash-1' });
    await asService(
      sys,
      'catalog',
      'mutation($i: OrderReservationInput!) { commitReservation(input: $i) { changed } }',
      { i: { orderId: String(id) } },
    );
    await asService(sys, 'loyalty', 'mutation($o: ID!) { capturePoints(orderId: $o) { state } }', { o: String(id) });
    const allocated = await asService(
      sys,
      'catalog',
      'mutation($i: AllocateCodesInput!) { allocateCodes(input: $i) { codes { codeId } } }',
      { i: { orderId: String(id), lines: [{ skuId: String(virtualSku), quantity: 1 }] } },
    );
    const codeIds = allocated.allocateCodes.codes.map((c: { codeId: string }) => Number(c.codeId));
    await recover(sys);
    await assertWhole(id, { physical: true, virtualUnits: 1 });
    assert.deepEqual(await codesInCatalog(id), codeIds, 'the codes allocated before the crash, not new ones');
    assert.deepEqual(await stockOf(sys, virtualSku), { available: vStock.available - 1, reserved: 0 });
    assert.deepEqual(await pointsOf(sys, 16), { redeemable: points.redeemable - 200 - 700, held: 0 });
    await recover(sys);
    await assertWhole(id, { physical: true, virtualUnits: 1 });
    await assertLedgerClean(sys);
  });
  it('a live confirmation that loses the race to the sweep giving the order up leaves no code issued', async () => {
    const vStock = await stockOf(sys, virtualSku);
    const r = await sys.gql(customer(1, 17), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: virtualListing, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'race-sweep-live-1',
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const id = Number(r.data!.checkout.order.id);
    // Paid; its confirmation is about to run in this process, against the real subgraphs.
    await (
      await ordersEm()
    ).nativeUpdate(Order, { id }, { status: OrderStatus.PAID, paidAt: new Date(), paymentRef: 'P-race-1' });
    for (const name of ['catalog', 'tenants', 'loyalty', 'orders', 'logistics'] as const)
      process.env[`PERKMALL_${name.toUpperCase()}_URL`] = `${sys.stack.urls[name]}/graphql`;
    const real = new RemoteSagaPorts();
    // The sweep gives the order up (FAILED, everything released) just before the live confirmation allocates codes.
    const racing: SagaPorts = Object.assign(Object.create(real) as SagaPorts, {
      allocateCodes: async (orderId: string, lines: { skuId: string; quantity: number }[]) => {
        await (
          await ordersEm()
        ).nativeUpdate(Order, { id }, { status: OrderStatus.FAILED, failureReason: 'given up by the sweep' });
        await real.releaseCodes(orderId, true);
        return real.allocateCodes(orderId, lines);
      },
    });
    const outcome = await new OrderConfirmation(
      (await sys.orm('orders')).em.fork() as SqlEntityManager,
      racing,
      new Logger('orders-test'),
    ).attempt(id);
    // The catalog refuses the late allocation (the release left a tombstone); had it issued codes,
    // the confirmation would have returned them. Either way nothing is confirmed and no code stays issued.
    assert.ok(['refused', 'nothing-to-do'].includes(outcome.kind), outcome.kind);
    assert.deepEqual(await codesInCatalog(id), [], 'no code stays issued to the failed order');
    assert.equal(await (await ordersEm()).count(IssuedCode, { orderId: id }), 0);
    // The sweep finishes giving the rest back.
    await new CheckoutService(
      (await sys.orm('orders')).em.fork() as SqlEntityManager,
      real,
      new Logger('orders-test'),
    ).releasePaid(id);
    assert.deepEqual(await stockOf(sys, virtualSku), vStock);
    await assertLedgerClean(sys);
  });
});
