import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { Product } from '../../subgraphs/catalog/entities/product';
import { Stock } from '../../subgraphs/catalog/entities/stock';
import { CodeState, VirtualCardCode } from '../../subgraphs/catalog/entities/virtual-card';
import { setBalance } from '../loyalty/helpers';
import { ADDRESS, CHECKOUT, createListing, customer, partnerApp, setUpMall } from '../orders/helpers';
import { asService, ok, supplierAdmin } from './helpers';
import { selectRows } from '../../core/sql';
import type { SqlEntityManager } from '@mikro-orm/knex';

/**
 * Issue 12 item 3: a pooled card SKU's stock IS its pool's unissued codes — no second number to keep
 * in step. Uploading makes it available at once, checkouts hold codes (never more than the pool), the
 * held codes show as `reserved`, and nobody sets a card SKU's stock by hand.
 */
const RESERVE = `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { orderId changed } }`;
const RELEASE = `mutation($orderId: ID!) { releaseReservation(input: { orderId: $orderId }) { changed } }`;
const COMMIT = `mutation($orderId: ID!) { commitReservation(input: { orderId: $orderId }) { changed } }`;
const ALLOCATE = `mutation($input: AllocateCodesInput!) { allocateCodes(input: $input) { codes { skuId codeId } } }`;
const UPLOAD = 'mutation($i: UploadCodesInput!) { uploadCodes(input: $i) { inserted } }';
const SKU = `query($id: ID!) { sku(id: $id) { stock { available reserved lowStock } virtualCardKind { pool { available reserved issued } } } }`;
const PAY = 'mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { status } }';
const CANCEL = 'mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { status } }';
const RELEASE_CODES = `mutation($orderId: ID!, $back: Boolean) { releaseCodes(input: { orderId: $orderId, returnToPool: $back }) { released returnedToPool } }`;

describe("a card SKU's stock is its code pool", () => {
  let sys: TestSystem;
  const s2 = supplierAdmin('2');
  let productId: string;
  let n = 0;

  /** A fresh kind with `codes` codes and `skus` card SKUs drawing on it. */
  const freshPool = async (codes: number, skus = 1): Promise<{ kind: string; skuIds: string[] }> => {
    n += 1;
    const kind = ok(
      await sys.gql(
        s2,
        `mutation { createVirtualCardKind(input: { name: "卡池 ${n}", faceValueFen: 1000, validityDays: 30 }) { virtualCardKind { id } } }`,
      ),
    ).createVirtualCardKind.virtualCardKind.id as string;
    if (codes)
      ok(
        await sys.gql(s2, UPLOAD, {
          i: { virtualCardKindId: kind, codes: Array.from({ length: codes }, (_, i) => `CARD-${n}-${i}`) },
        }),
      );
    const skuIds: string[] = [];
    for (let k = 0; k < skus; k++) {
      skuIds.push(
        ok(
          await sys.gql(s2, 'mutation($i: CreateSkuInput!) { createSku(input: $i) { sku { id } } }', {
            i: {
              code: `CARD-SKU-${n}-${k}`,
              productId,
              virtualCardKindId: kind,
              supplierPriceFen: 900,
              listPriceFen: 1000,
            },
          }),
        ).createSku.sku.id,
      );
    }
    return { kind, skuIds };
  };
  const stockOf = async (skuId: string) =>
    ok(await sys.gql(s2, SKU, { id: skuId })).sku as {
      stock: { available: number; reserved: number; lowStock: boolean };
      virtualCardKind: { pool: { available: number; reserved: number; issued: number } };
    };
  const inPool = async (skuId: string) => {
    const r = ok(
      await sys.gql(
        { role: 'BANK_ADMIN', sub: 'b1', bankId: '1' },
        'query { poolSkus(filter: { supplierIds: ["2"], kind: VIRTUAL, inStockOnly: true }, first: 100) { edges { node { id } } } }',
      ),
    );
    return (r.poolSkus.edges as { node: { id: string } }[]).some((e) => e.node.id === skuId);
  };

  const catalogEm = async () => (await sys.orm('catalog')).em.fork() as SqlEntityManager;
  /**
   * Every pool's counter (`virtual_card_kind.available_codes`, what stock reads) equals the true count
   * of its AVAILABLE code rows — for every kind in the database, seeded ones included.
   */
  const assertCountersExact = async (label: string) => {
    const rows = await selectRows<{ id: number; counter: number; truth: number }>(
      await catalogEm(),
      "SELECT k.id, k.available_codes AS counter, (SELECT COUNT(*) FROM virtual_card_code c WHERE c.kind_id = k.id AND c.state = 'AVAILABLE') AS truth FROM virtual_card_kind k ORDER BY k.id",
    );
    assert.ok(rows.length > 0);
    const off = rows
      .filter((r) => Number(r.counter) !== Number(r.truth))
      .map((r) => `kind ${r.id}: counter ${r.counter}, AVAILABLE codes ${r.truth}`);
    assert.deepEqual(off, [], `${label}: pool counters drifted`);
  };
  const counterOf = async (kind: string) =>
    Number(
      (
        await selectRows<{ n: number }>(
          await catalogEm(),
          'SELECT available_codes AS n FROM virtual_card_kind WHERE id = ?',
          [Number(kind)],
        )
      )[0]!.n,
    );

  before(async () => {
    process.env.PERKMALL_RECOVERY_INTERVAL_MS = String(3_600_000);
    sys = await startTestSystem();
    productId = String(
      (await (await sys.orm('catalog')).em.fork().findOneOrFail(Product, { supplier: 2 }, { orderBy: { id: 'ASC' } }))
        .id,
    );
  });
  after(async () => {
    await sys?.stop();
  });

  it('uploading codes puts them on sale at once: available equals the unissued codes, for every SKU of the kind', async () => {
    const {
      kind,
      skuIds: [a, b],
    } = await freshPool(0, 2);
    assert.deepEqual((await stockOf(a!)).stock, { available: 0, reserved: 0, lowStock: true });
    assert.equal(await inPool(a!), false);
    await assertCountersExact('new kind');
    ok(
      await sys.gql(s2, UPLOAD, {
        i: {
          virtualCardKindId: kind,
          codes: ['UP-0001', 'UP-0002', 'UP-0003', 'UP-0004', 'UP-0005', 'UP-0006', 'UP-0007'],
        },
      }),
    );
    assert.equal(await counterOf(kind), 7);
    // Re-uploading known codes (and one new) adds only the new one to the counter.
    const again = ok(
      await sys.gql(s2, UPLOAD, { i: { virtualCardKindId: kind, codes: ['UP-0001', 'UP-0007', 'UP-0008'] } }),
    );
    assert.equal(again.uploadCodes.inserted, 1);
    assert.equal(await counterOf(kind), 8);
    await assertCountersExact('after uploads');
    for (const sku of [a!, b!]) {
      const s = await stockOf(sku);
      assert.equal(s.stock.available, 8);
      assert.equal(s.stock.available, s.virtualCardKind.pool.available);
      assert.equal(s.stock.lowStock, false); // threshold 5
      assert.equal(await inPool(sku), true);
    }
    // The stock row never held these units: nothing to drift.
    const row = await (await sys.orm('catalog')).em.fork().findOneOrFail(Stock, { skuId: Number(a) });
    assert.equal(row.available, 0);
  });

  it('a card SKU is buyable in a mall as soon as codes are uploaded; a pending order holds a code (reserved) until paid, then it is issued', async () => {
    const {
      skuIds: [sku],
    } = await freshPool(3);
    const { mallId } = await setUpMall(sys);
    const listing = await createListing(sys, { mallId, skuId: sku, priceMode: 'CASH', priceFen: 1000 });
    await setBalance(sys, 1, 4, 10_000, 'card-stock-4');
    const r = await sys.gql(customer(1, 4), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: listing, quantity: 2 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'card-stock-pending',
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.equal(r.data!.checkout.order.status, 'PENDING_PAYMENT');
    await assertCountersExact('after a checkout pending payment');
    let s = await stockOf(sku!);
    assert.deepEqual(s.stock, { available: 1, reserved: 2, lowStock: true });
    assert.deepEqual(s.virtualCardKind.pool, { available: 1, reserved: 2, issued: 0 });

    const paid = await sys.gql(partnerApp(1), PAY, {
      input: { orderId: r.data!.checkout.order.id, paymentRef: 'card-stock-pay', amountFen: 2000 },
    });
    assert.equal(paid.errors, undefined, JSON.stringify(paid.errors));
    await assertCountersExact('after payment issued the held codes');
    s = await stockOf(sku!);
    assert.deepEqual(s.virtualCardKind.pool, { available: 1, reserved: 0, issued: 2 });
    assert.deepEqual([s.stock.available, s.stock.reserved], [1, 0]);
    // The codes issued are the very ones the checkout held.
    const issued = await (
      await sys.orm('catalog')
    ).em
      .fork()
      .find(VirtualCardCode, { orderId: r.data!.checkout.order.id });
    assert.deepEqual(
      issued.map((c) => c.state),
      [CodeState.ISSUED, CodeState.ISSUED],
    );

    // One code left: a checkout of two is refused and holds nothing.
    const short = await sys.gql(customer(1, 4), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: listing, quantity: 2 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'card-stock-short',
      },
    });
    assert.equal(errorCode(short), 'CONFLICT');
    assert.deepEqual((await stockOf(sku!)).virtualCardKind.pool, { available: 1, reserved: 0, issued: 2 });
    await assertCountersExact('after a refused checkout (rolled back)');
  });

  it('8 customers checking out a 3-code card SKU at once through the gateway: 3 orders, the rest refused, the pool never oversold', async () => {
    const {
      kind,
      skuIds: [sku],
    } = await freshPool(3);
    const { mallId } = await setUpMall(sys);
    const listing = await createListing(sys, { mallId, skuId: sku, priceMode: 'CASH', priceFen: 1000 });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        sys.gql(customer(1, 11 + i), CHECKOUT, {
          input: {
            mallId,
            lines: [{ listingId: listing, quantity: 1 }],
            shippingAddress: ADDRESS,
            idempotencyKey: `card-rush-${i}`,
          },
        }),
      ),
    );
    const placed = results.filter((r) => !r.errors);
    assert.equal(placed.length, 3);
    for (const r of results.filter((x) => x.errors)) assert.equal(errorCode(r), 'CONFLICT');
    const codes = await (await sys.orm('catalog')).em.fork().find(VirtualCardCode, { kindId: Number(kind) });
    assert.deepEqual(
      codes.map((c) => c.state),
      Array(3).fill(CodeState.RESERVED),
    );
    assert.deepEqual(new Set(codes.map((c) => c.orderId)), new Set(placed.map((r) => r.data!.checkout.order.id)));
    assert.deepEqual((await stockOf(sku!)).virtualCardKind.pool, { available: 0, reserved: 3, issued: 0 });
    assert.equal(await counterOf(kind), 0);
    await assertCountersExact('after 8 concurrent checkouts');
  });

  it('concurrent checkouts on two SKUs sharing one pool never hold more codes than it has', async () => {
    const {
      kind,
      skuIds: [a, b],
    } = await freshPool(5, 2);
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        asService(sys, RESERVE, {
          input: { orderId: `card-race-${i}`, lines: [{ skuId: i % 2 ? a : b, quantity: 1 }] },
        }),
      ),
    );
    const won = results.filter((r) => !r.errors);
    assert.equal(won.length, 5);
    for (const r of results.filter((x) => x.errors)) assert.equal(errorCode(r), 'CONFLICT');
    const codes = await (await sys.orm('catalog')).em.fork().find(VirtualCardCode, { kindId: Number(kind) });
    assert.deepEqual(
      codes.map((c) => c.state),
      Array(5).fill(CodeState.RESERVED),
    );
    assert.equal(new Set(codes.map((c) => c.orderId)).size, 5);
    const [sa, sb] = [await stockOf(a!), await stockOf(b!)];
    assert.equal(sa.stock.available + sb.stock.available, 0);
    assert.equal(sa.stock.reserved + sb.stock.reserved, 5);
    assert.equal(sa.virtualCardKind.pool.reserved, 5);
    await assertCountersExact('after 16 concurrent reservations');

    // A released reservation puts its code back on sale; a committed one keeps holding it until allocated.
    const [first, second] = won.map((r) => r.data!.reserveStock.orderId as string);
    ok(await asService(sys, RELEASE, { orderId: first }));
    assert.deepEqual([(await stockOf(a!)).stock.available, (await stockOf(a!)).virtualCardKind.pool.reserved], [1, 4]);
    ok(await asService(sys, COMMIT, { orderId: second }));
    assert.equal((await stockOf(a!)).virtualCardKind.pool.reserved, 4);
    const skuOfSecond = codes.find((c) => c.orderId === second)!.skuId!;
    const allocated = ok(
      await asService(sys, ALLOCATE, {
        input: { orderId: second, lines: [{ skuId: String(skuOfSecond), quantity: 1 }] },
      }),
    ).allocateCodes.codes;
    assert.equal(
      allocated[0].codeId,
      String(codes.find((c) => c.orderId === second)!.id),
      'the held code is the one issued',
    );
    const pool = (await stockOf(a!)).virtualCardKind.pool;
    assert.deepEqual(pool, { available: 1, reserved: 3, issued: 1 });
    await assertCountersExact('after release, commit and allocation');
  });

  it("a card SKU's stock cannot be set by hand, nor given initial stock", async () => {
    const {
      skuIds: [sku],
    } = await freshPool(2);
    for (const [mode, quantity] of [
      ['SET', 50],
      ['DELTA', 5],
      ['DELTA', -1],
    ] as const) {
      const r = await sys.gql(
        s2,
        'mutation($i: AdjustStockInput!) { adjustStock(input: $i) { stock { available } } }',
        { i: { skuId: sku, mode, quantity, reason: '手工调整' } },
      );
      assert.equal(errorCode(r), 'BAD_USER_INPUT');
      assert.match(r.errors![0]!.message, /card SKU.*upload codes/i);
    }
    assert.equal((await stockOf(sku!)).stock.available, 2);
    const kind = (
      await (
        await sys.orm('catalog')
      ).em
        .fork()
        .find(VirtualCardCode, { state: CodeState.AVAILABLE }, { limit: 1, orderBy: { id: 'DESC' } })
    )[0]!.kindId;
    const made = await sys.gql(s2, 'mutation($i: CreateSkuInput!) { createSku(input: $i) { sku { id } } }', {
      i: {
        code: 'CARD-WITH-STOCK',
        productId,
        virtualCardKindId: String(kind),
        supplierPriceFen: 900,
        listPriceFen: 1000,
        initialStock: 10,
      },
    });
    assert.equal(errorCode(made), 'BAD_USER_INPUT');
    assert.deepEqual(
      (made.errors![0]!.extensions!.problems as { field: string }[]).map((p) => p.field),
      ['initialStock'],
    );
  });

  it('cancelling a pending card order, releasing codes after a refund (to the pool or voided) and topping up an older order keep the counter exact', async () => {
    const {
      kind,
      skuIds: [sku],
    } = await freshPool(6);
    const { mallId } = await setUpMall(sys);
    const listing = await createListing(sys, { mallId, skuId: sku, priceMode: 'CASH', priceFen: 1000 });
    await setBalance(sys, 1, 5, 10_000, 'card-stock-5');
    // A checkout holds 2, the customer cancels before paying: both back on sale.
    const pending = await sys.gql(customer(1, 5), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: listing, quantity: 2 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'card-counter-cancel',
      },
    });
    assert.equal(pending.errors, undefined, JSON.stringify(pending.errors));
    assert.equal(await counterOf(kind), 4);
    const cancelled = await sys.gql(customer(1, 5), CANCEL, {
      i: { orderId: pending.data!.checkout.order.id, reason: '不要了' },
    });
    assert.equal(cancelled.errors, undefined, JSON.stringify(cancelled.errors));
    assert.equal(await counterOf(kind), 6);
    assert.equal((await stockOf(sku!)).stock.available, 6);
    await assertCountersExact('after cancelling a pending order');

    // An order reserved before checkouts held codes: allocation takes fresh codes from the pool.
    ok(await asService(sys, ALLOCATE, { input: { orderId: 'counter-older', lines: [{ skuId: sku, quantity: 3 }] } }));
    assert.equal(await counterOf(kind), 3);
    // A short top-up is refused and takes nothing (the counter's decrement rolls back with it).
    const short = await asService(sys, ALLOCATE, {
      input: { orderId: 'counter-short', lines: [{ skuId: sku, quantity: 4 }] },
    });
    assert.equal(errorCode(short), 'CONFLICT');
    assert.equal(await counterOf(kind), 3);
    await assertCountersExact('after allocation top-ups');

    // Refund: the never-disclosed codes go back to the pool…
    assert.deepEqual(ok(await asService(sys, RELEASE_CODES, { orderId: 'counter-older', back: true })).releaseCodes, {
      released: 3,
      returnedToPool: 3,
    });
    assert.equal(await counterOf(kind), 6);
    // …a retry returns nothing and counts nothing twice.
    assert.deepEqual(ok(await asService(sys, RELEASE_CODES, { orderId: 'counter-older', back: true })).releaseCodes, {
      released: 0,
      returnedToPool: 0,
    });
    assert.equal(await counterOf(kind), 6);
    // Released without returnToPool: voided, the pool stays down.
    ok(await asService(sys, ALLOCATE, { input: { orderId: 'counter-voided', lines: [{ skuId: sku, quantity: 2 }] } }));
    assert.deepEqual(ok(await asService(sys, RELEASE_CODES, { orderId: 'counter-voided', back: false })).releaseCodes, {
      released: 2,
      returnedToPool: 0,
    });
    assert.equal(await counterOf(kind), 4);
    // Codes a reservation still holds (never issued) go back to AVAILABLE through releaseCodes too,
    // and a later releaseReservation finds none left to return.
    ok(await asService(sys, RESERVE, { input: { orderId: 'counter-held', lines: [{ skuId: sku, quantity: 2 }] } }));
    assert.equal(await counterOf(kind), 2);
    assert.deepEqual(ok(await asService(sys, RELEASE_CODES, { orderId: 'counter-held', back: false })).releaseCodes, {
      released: 2,
      returnedToPool: 2,
    });
    ok(await asService(sys, RELEASE, { orderId: 'counter-held' }));
    assert.equal(await counterOf(kind), 4);
    assert.deepEqual((await stockOf(sku!)).virtualCardKind.pool, { available: 4, reserved: 0, issued: 0 });
    await assertCountersExact('after releases');
  });

  it("reading card SKUs' stock never touches the code rows: a 20,000-code pool costs what a 3-code pool does", async () => {
    const small = await freshPool(3);
    const big = await freshPool(0);
    for (let i = 0; i < 20_000; i += 5000) {
      ok(
        await sys.gql(s2, UPLOAD, {
          i: { virtualCardKindId: big.kind, codes: Array.from({ length: 5000 }, (_, k) => `BIG-${i + k}`) },
        }),
      );
    }
    assert.equal(await counterOf(big.kind), 20_000);
    await assertCountersExact('after a 20,000-code upload');
    const READ = `query($id: ID!) { sku(id: $id) { stock { available reserved lowStock } } }`;
    const cost = async (skuId: string) => {
      const requestId = `card-stock-read-${skuId}-${Date.now()}`;
      const r = await sys.gql(s2, READ, { id: skuId }, { requestId });
      return { stock: ok(r).sku.stock, statements: await sys.statements('catalog', requestId) };
    };
    const [a, b] = [await cost(small.skuIds[0]!), await cost(big.skuIds[0]!)];
    assert.deepEqual([a.stock.available, b.stock.available], [3, 20_000]);
    assert.equal(b.statements, a.statements);

    // With the code table out of the way, every stock read still answers: none of them reads it.
    const em = await catalogEm();
    await em.execute('RENAME TABLE virtual_card_code TO virtual_card_code_away');
    try {
      assert.equal((await cost(big.skuIds[0]!)).stock.available, 20_000);
      const low = ok(
        await sys.gql(s2, 'query { lowStockSkus(first: 100) { edges { node { id } } } }'),
      ).lowStockSkus.edges.map((e: { node: { id: string } }) => e.node.id);
      assert.ok(low.includes(small.skuIds[0]), 'a 3-code pool is low (threshold 5)');
      assert.ok(!low.includes(big.skuIds[0]), 'a 20,000-code pool is not');
      assert.equal(await inPool(big.skuIds[0]!), true);
      const depleting = ok(
        await sys.gql(s2, 'query { virtualCardKinds(depletingOnly: true, first: 100) { edges { node { id } } } }'),
      ).virtualCardKinds.edges.map((e: { node: { id: string } }) => e.node.id);
      assert.ok(depleting.includes(small.kind) && !depleting.includes(big.kind));
    } finally {
      await em.execute('RENAME TABLE virtual_card_code_away TO virtual_card_code');
    }
    assert.equal(await inPool(small.skuIds[0]!), true);
  });
});
