import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { Sku, SkuKind } from '../../subgraphs/catalog/entities/sku';
import { ReservationState, Stock, StockReservation } from '../../subgraphs/catalog/entities/stock';
import {
  CodeAllocation,
  CodeState,
  VirtualCardCode,
  VirtualCardKind,
} from '../../subgraphs/catalog/entities/virtual-card';
import { Product } from '../../subgraphs/catalog/entities/product';
import { asPrincipal, asService, ok, platformAdmin, supplierAdmin } from './helpers';
import { recountPools } from '../../subgraphs/catalog/services/code-pool.service';
import type { SqlEntityManager } from '@mikro-orm/knex';

const RESERVE = `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { orderId changed lines { skuId quantity state } } }`;
const COMMIT = `mutation($orderId: ID!) { commitReservation(input: { orderId: $orderId }) { orderId changed lines { skuId quantity state } } }`;
const RELEASE = `mutation($orderId: ID!) { releaseReservation(input: { orderId: $orderId }) { orderId changed lines { skuId quantity state } } }`;
const ALLOCATE = `mutation($input: AllocateCodesInput!) { allocateCodes(input: $input) { orderId changed codes { skuId codeId code expiresAt } } }`;
const RELEASE_CODES = `mutation($orderId: ID!, $back: Boolean) { releaseCodes(input: { orderId: $orderId, returnToPool: $back }) { orderId released returnedToPool } }`;
/** What orders asks for: ids and expiry, no plaintext. */
const ALLOCATE_IDS = `mutation($input: AllocateCodesInput!) { allocateCodes(input: $input) { orderId changed codes { skuId codeId expiresAt } } }`;
const REVEAL = `mutation($c: ID!) { revealCardCode(codeId: $c) { codeId code } }`;

describe('catalog saga operations (service credential, idempotent on the order id)', () => {
  let sys: TestSystem;
  let physical: number[];
  let virtualSku: Sku;

  const stockOf = async (skuId: number) => (await sys.orm('catalog')).em.fork().findOneOrFail(Stock, { skuId });
  const setStock = async (skuId: number, available: number) => {
    await (await sys.orm('catalog')).em.fork().nativeUpdate(Stock, { skuId }, { available, reserved: 0 });
  };

  before(async () => {
    sys = await startTestSystem();
    const em = (await sys.orm('catalog')).em.fork();
    physical = (await em.find(Sku, { kind: SkuKind.PHYSICAL }, { orderBy: { id: 'ASC' }, limit: 6 })).map((s) => s.id);
    virtualSku = await em.findOneOrFail(Sku, { kind: SkuKind.VIRTUAL }, { orderBy: { id: 'ASC' } });
  });
  after(async () => {
    await sys?.stop();
  });

  it('50 concurrent reservations for the last 10 units: exactly 10 succeed, stock ends 0 available / 10 reserved', async () => {
    const skuId = physical[0]!;
    await setStock(skuId, 10);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        asService(sys, RESERVE, { input: { orderId: `race-${i}`, lines: [{ skuId: String(skuId), quantity: 1 }] } }),
      ),
    );
    const succeeded = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    assert.equal(succeeded.length, 10);
    assert.equal(refused.length, 40);
    for (const r of refused) {
      assert.equal(errorCode(r), 'CONFLICT');
      assert.match(r.errors![0]!.message, new RegExp(`Insufficient stock for SKU ${skuId}`));
    }
    const stock = await stockOf(skuId);
    assert.equal(stock.available, 0);
    assert.equal(stock.reserved, 10);
    const em = (await sys.orm('catalog')).em.fork();
    assert.equal(await em.count(StockReservation, { skuId, state: ReservationState.RESERVED }), 10);

    // Repeating a successful reservation changes nothing and reports it as it stands.
    const winner = succeeded[0]!.data!.reserveStock.orderId as string;
    const again = ok(
      await asService(sys, RESERVE, { input: { orderId: winner, lines: [{ skuId: String(skuId), quantity: 1 }] } }),
    );
    assert.equal(again.reserveStock.changed, false);
    assert.deepEqual(again.reserveStock.lines, [{ skuId: String(skuId), quantity: 1, state: 'RESERVED' }]);
    const after = await stockOf(skuId);
    assert.deepEqual([after.available, after.reserved], [0, 10]);
  });

  it('the same order id reserved 10 times concurrently holds stock once', async () => {
    const skuId = physical[1]!;
    await setStock(skuId, 5);
    const input = { orderId: 'dup-order', lines: [{ skuId: String(skuId), quantity: 2 }] };
    const results = await Promise.all(Array.from({ length: 10 }, () => asService(sys, RESERVE, { input })));
    for (const r of results) assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.equal(results.filter((r) => r.data!.reserveStock.changed).length, 1);
    const stock = await stockOf(skuId);
    assert.deepEqual([stock.available, stock.reserved], [3, 2]);
  });

  it('the same order id with different lines is CONFLICT and changes nothing; the same lines stay a quiet retry', async () => {
    const [a, b] = [physical[2]!, physical[3]!];
    await setStock(a, 20);
    await setStock(b, 20);
    const line = (skuId: number, quantity: number) => ({ skuId: String(skuId), quantity });
    ok(await asService(sys, RESERVE, { input: { orderId: 'o-differs', lines: [line(a, 2)] } }));
    const variants = [
      [line(a, 3)], // another quantity
      [line(b, 2)], // another SKU
      [line(a, 2), line(b, 1)], // a line more
    ];
    for (const lines of variants) {
      const res = await asService(sys, RESERVE, { input: { orderId: 'o-differs', lines } });
      assert.equal(errorCode(res), 'CONFLICT', JSON.stringify(lines));
      assert.match(res.errors![0]!.message, /already holds a different reservation/);
    }
    // Two lines first, then one of them alone: a line less is different too.
    ok(await asService(sys, RESERVE, { input: { orderId: 'o-differs-2', lines: [line(a, 1), line(b, 1)] } }));
    assert.equal(
      errorCode(await asService(sys, RESERVE, { input: { orderId: 'o-differs-2', lines: [line(b, 1)] } })),
      'CONFLICT',
    );
    // Nothing more was held, and no extra rows were written.
    assert.deepEqual([(await stockOf(a)).available, (await stockOf(a)).reserved], [17, 3]);
    assert.deepEqual([(await stockOf(b)).available, (await stockOf(b)).reserved], [19, 1]);
    const em = (await sys.orm('catalog')).em.fork();
    assert.equal(await em.count(StockReservation, { orderId: 'o-differs' }), 1);
    assert.equal(await em.count(StockReservation, { orderId: 'o-differs-2' }), 2);
    // The same lines, in another order, are the same reservation: a retry, not a conflict.
    const retry = ok(
      await asService(sys, RESERVE, { input: { orderId: 'o-differs-2', lines: [line(b, 1), line(a, 1)] } }),
    );
    assert.equal(retry.reserveStock.changed, false);
    assert.equal(retry.reserveStock.lines.length, 2);
    ok(await asService(sys, RELEASE, { orderId: 'o-differs' }));
    ok(await asService(sys, RELEASE, { orderId: 'o-differs-2' }));
  });

  it('reserves all lines or none: one short line leaves every other line untouched', async () => {
    const [a, b] = [physical[2]!, physical[3]!];
    await setStock(a, 50);
    await setStock(b, 1);
    const res = await asService(sys, RESERVE, {
      input: {
        orderId: 'multi-short',
        lines: [
          { skuId: String(a), quantity: 5 },
          { skuId: String(b), quantity: 2 },
        ],
      },
    });
    assert.equal(errorCode(res), 'CONFLICT');
    assert.match(res.errors![0]!.message, new RegExp(`SKU ${b}`));
    assert.deepEqual([(await stockOf(a)).available, (await stockOf(a)).reserved], [50, 0]);
    assert.deepEqual([(await stockOf(b)).available, (await stockOf(b)).reserved], [1, 0]);
    const em = (await sys.orm('catalog')).em.fork();
    assert.equal(await em.count(StockReservation, { orderId: 'multi-short' }), 0);
    // Nothing was held, so the same order id can succeed once stock allows.
    await setStock(b, 2);
    const retry = ok(
      await asService(sys, RESERVE, {
        input: {
          orderId: 'multi-short',
          lines: [
            { skuId: String(a), quantity: 5 },
            { skuId: String(b), quantity: 2 },
          ],
        },
      }),
    );
    assert.equal(retry.reserveStock.changed, true);
    assert.deepEqual([(await stockOf(a)).available, (await stockOf(b)).available], [45, 0]);
  });

  it('commit removes reserved units once; release returns them once; crossing the two is refused', async () => {
    const skuId = physical[4]!;
    await setStock(skuId, 10);
    ok(
      await asService(sys, RESERVE, { input: { orderId: 'o-commit', lines: [{ skuId: String(skuId), quantity: 3 }] } }),
    );
    ok(
      await asService(sys, RESERVE, {
        input: { orderId: 'o-release', lines: [{ skuId: String(skuId), quantity: 4 }] },
      }),
    );
    assert.deepEqual([(await stockOf(skuId)).available, (await stockOf(skuId)).reserved], [3, 7]);

    const commits = await Promise.all([1, 2, 3].map(() => asService(sys, COMMIT, { orderId: 'o-commit' })));
    assert.equal(commits.filter((r) => ok(r).commitReservation.changed).length, 1);
    assert.deepEqual(ok(commits[0]!).commitReservation.lines, [
      { skuId: String(skuId), quantity: 3, state: 'COMMITTED' },
    ]);
    assert.deepEqual([(await stockOf(skuId)).available, (await stockOf(skuId)).reserved], [3, 4]);

    const releases = await Promise.all([1, 2, 3].map(() => asService(sys, RELEASE, { orderId: 'o-release' })));
    assert.equal(releases.filter((r) => ok(r).releaseReservation.changed).length, 1);
    assert.deepEqual([(await stockOf(skuId)).available, (await stockOf(skuId)).reserved], [7, 0]);

    assert.equal(errorCode(await asService(sys, RELEASE, { orderId: 'o-commit' })), 'CONFLICT');
    assert.equal(errorCode(await asService(sys, COMMIT, { orderId: 'o-release' })), 'CONFLICT');
    assert.equal(errorCode(await asService(sys, COMMIT, { orderId: 'never-reserved' })), 'NOT_FOUND');
    // Compensating an order that never reserved is harmless.
    assert.deepEqual(ok(await asService(sys, RELEASE, { orderId: 'never-reserved' })).releaseReservation.lines, []);
    assert.deepEqual([(await stockOf(skuId)).available, (await stockOf(skuId)).reserved], [7, 0]);
  });

  it('refuses an INACTIVE SKU and bad lines without holding anything', async () => {
    const skuId = physical[5]!;
    await setStock(skuId, 10);
    const em = (await sys.orm('catalog')).em.fork();
    await em.nativeUpdate(Sku, { id: skuId }, { status: 'INACTIVE' as never });
    const inactive = await asService(sys, RESERVE, {
      input: { orderId: 'o-inactive', lines: [{ skuId: String(skuId), quantity: 1 }] },
    });
    assert.equal(errorCode(inactive), 'CONFLICT');
    await em.nativeUpdate(Sku, { id: skuId }, { status: 'ACTIVE' as never });
    const bad = await asService(sys, RESERVE, {
      input: {
        orderId: 'o-bad',
        lines: [
          { skuId: String(skuId), quantity: 0 },
          { skuId: String(skuId), quantity: 1 },
        ],
      },
    });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    assert.deepEqual(
      (bad.errors![0]!.extensions!.problems as { index: number; field: string }[]).map((p) => [p.index, p.field]),
      [
        [0, 'quantity'],
        [1, 'skuId'],
      ],
    );
    assert.equal(
      errorCode(
        await asService(sys, RESERVE, { input: { orderId: 'o-404', lines: [{ skuId: '999999', quantity: 1 }] } }),
      ),
      'NOT_FOUND',
    );
    assert.equal((await stockOf(skuId)).available, 10);
  });

  it('20 concurrent allocations from a 15-code pool: 15 distinct codes issued, 5 refused, no code twice', async () => {
    const em = (await sys.orm('catalog')).em.fork();
    const kindId = virtualSku.virtualCardKindId!;
    // Leave exactly 15 codes available in this SKU's pool.
    const available = await em.find(
      VirtualCardCode,
      { kindId, state: CodeState.AVAILABLE },
      { orderBy: { id: 'ASC' } },
    );
    await em.nativeUpdate(
      VirtualCardCode,
      { id: { $in: available.slice(15).map((c) => c.id) } },
      { state: CodeState.VOID },
    );
    await recountPools(em as SqlEntityManager, [kindId]); // code rows written directly: bring the pool counter along
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        asService(sys, ALLOCATE, {
          input: { orderId: `alloc-${i}`, lines: [{ skuId: String(virtualSku.id), quantity: 1 }] },
        }),
      ),
    );
    const issued = results.filter((r) => !r.errors).map((r) => r.data!.allocateCodes.codes[0]);
    const refused = results.filter((r) => r.errors);
    assert.equal(issued.length, 15);
    assert.equal(refused.length, 5);
    for (const r of refused) assert.equal(errorCode(r), 'CONFLICT');
    assert.equal(new Set(issued.map((c: any) => c.code)).size, 15);
    assert.equal(new Set(issued.map((c: any) => c.codeId)).size, 15);
    for (const c of issued) assert.match(c.code, /^PM\d{3}-\d{3}-[A-Z0-9]{12}$/);
    const rows = await em.fork().find(VirtualCardCode, { kindId });
    assert.equal(rows.filter((c) => c.state === CodeState.ISSUED).length, 15);
    assert.equal(rows.filter((c) => c.state === CodeState.AVAILABLE).length, 0);
    assert.equal(new Set(rows.filter((c) => c.orderId).map((c) => c.orderId)).size, 15);
    // Refused orders hold no allocation.
    assert.equal(await em.fork().count(CodeAllocation, { skuId: virtualSku.id }), 15);
  });

  it('repeating an allocation returns the same codes; releasing voids them once; codes are ciphertext at rest', async () => {
    const em = (await sys.orm('catalog')).em.fork();
    const other = await em.findOneOrFail(
      Sku,
      { kind: SkuKind.VIRTUAL, virtualCardKindId: { $ne: virtualSku.virtualCardKindId } },
      { orderBy: { id: 'ASC' } },
    );
    const input = { orderId: 'alloc-repeat', lines: [{ skuId: String(other.id), quantity: 3 }] };
    const first = ok(await asService(sys, ALLOCATE, { input })).allocateCodes;
    const second = ok(await asService(sys, ALLOCATE, { input })).allocateCodes;
    assert.equal(first.codes.length, 3);
    assert.equal(first.changed, true);
    assert.equal(second.changed, false);
    assert.deepEqual(second.codes, first.codes);
    const stored = await em.find(VirtualCardCode, { orderId: 'alloc-repeat' });
    assert.equal(stored.length, 3);
    for (const row of stored) {
      assert.ok(
        !first.codes.some((c: any) => row.ciphertext.includes(c.code) || row.codeHash.includes(c.code)),
        'plaintext at rest',
      );
    }
    // A different allocation under the same order id is a conflict, not a silent second issue.
    assert.equal(
      errorCode(
        await asService(sys, ALLOCATE, { input: { ...input, lines: [{ skuId: String(other.id), quantity: 5 }] } }),
      ),
      'CONFLICT',
    );

    const released = await Promise.all(
      [1, 2].map(() => asService(sys, RELEASE_CODES, { orderId: 'alloc-repeat', back: false })),
    );
    assert.deepEqual(released.map((r) => ok(r).releaseCodes.released).sort(), [0, 3]);
    const after = await em.fork().find(VirtualCardCode, { orderId: 'alloc-repeat' });
    assert.ok(after.every((c) => c.state === CodeState.VOID));
    assert.equal(errorCode(await asService(sys, ALLOCATE, { input })), 'CONFLICT');
  });

  describe('code pools of two fresh kinds', () => {
    let skuA: string; // draws on pool A (5 codes)
    let skuB: string; // draws on pool B (2 codes); created after A, so its line is claimed second
    let kindA: number;
    let kindB: number;
    const codesOfKind = async (kindId: number) =>
      (await sys.orm('catalog')).em.fork().find(VirtualCardCode, { kindId }, { orderBy: { id: 'ASC' } });

    before(async () => {
      const s2 = supplierAdmin('2');
      const product = await (
        await sys.orm('catalog')
      ).em
        .fork()
        .findOneOrFail(Product, { supplier: 2 }, { orderBy: { id: 'ASC' } });
      const made: { kind: number; sku: string }[] = [];
      for (const [name, count] of [
        ['测试 池A', 5],
        ['测试 池B', 2],
      ] as const) {
        const kind = ok(
          await sys.gql(
            s2,
            `mutation { createVirtualCardKind(input: { name: "${name}", faceValueFen: 1000, validityDays: 30 }) { virtualCardKind { id } } }`,
          ),
        ).createVirtualCardKind.virtualCardKind.id;
        const codes = Array.from({ length: count }, (_, i) => `${name === '测试 池A' ? 'POOLA' : 'POOLB'}-${i}-CODE`);
        assert.equal(
          ok(
            await sys.gql(s2, 'mutation($i: UploadCodesInput!) { uploadCodes(input: $i) { inserted } }', {
              i: { virtualCardKindId: kind, codes },
            }),
          ).uploadCodes.inserted,
          count,
        );
        const sku = ok(
          await sys.gql(s2, 'mutation($i: CreateSkuInput!) { createSku(input: $i) { sku { id } } }', {
            i: {
              code: `POOL-SKU-${kind}`,
              productId: String(product.id),
              virtualCardKindId: kind,
              supplierPriceFen: 900,
              listPriceFen: 1000,
            },
          }),
        ).createSku.sku.id;
        made.push({ kind: Number(kind), sku });
      }
      [kindA, kindB, skuA, skuB] = [made[0]!.kind, made[1]!.kind, made[0]!.sku, made[1]!.sku];
      assert.ok(Number(skuA) < Number(skuB));
    });

    it('allocates all lines or none: a short second pool leaves the first pool untouched and writes no allocation', async () => {
      const res = await asService(sys, ALLOCATE, {
        input: {
          orderId: 'alloc-all-or-none',
          lines: [
            { skuId: skuA, quantity: 2 },
            { skuId: skuB, quantity: 3 },
          ],
        },
      });
      assert.equal(errorCode(res), 'CONFLICT');
      assert.match(res.errors![0]!.message, new RegExp(`pool of SKU ${skuB}`));
      assert.deepEqual(
        (await codesOfKind(kindA)).map((c) => [c.state, c.orderId ?? null, c.issuedAt ?? null]),
        Array(5).fill([CodeState.AVAILABLE, null, null]),
      );
      assert.deepEqual(
        (await codesOfKind(kindB)).map((c) => c.state),
        [CodeState.AVAILABLE, CodeState.AVAILABLE],
      );
      const em = (await sys.orm('catalog')).em.fork();
      assert.equal(await em.count(CodeAllocation, { orderId: 'alloc-all-or-none' }), 0);
      assert.equal(await em.count(VirtualCardCode, { orderId: 'alloc-all-or-none' }), 0);
      // Nothing is held, so the order can be allocated once it fits.
      const fits = ok(
        await asService(sys, ALLOCATE_IDS, {
          input: {
            orderId: 'alloc-all-or-none',
            lines: [
              { skuId: skuA, quantity: 2 },
              { skuId: skuB, quantity: 2 },
            ],
          },
        }),
      );
      assert.equal(fits.allocateCodes.codes.length, 4);
      assert.deepEqual(
        ok(await asService(sys, RELEASE_CODES, { orderId: 'alloc-all-or-none', back: true })).releaseCodes,
        { orderId: 'alloc-all-or-none', released: 4, returnedToPool: 4 },
      );
      assert.ok((await codesOfKind(kindB)).every((c) => c.state === CodeState.AVAILABLE && c.orderId == null));
    });

    it('returnToPool gives back only codes whose plaintext never left the catalog; disclosed ones are voided', async () => {
      // Never disclosed (orders asks for ids only): both go back, as if never issued.
      ok(
        await asService(sys, ALLOCATE_IDS, { input: { orderId: 'back-quiet', lines: [{ skuId: skuA, quantity: 2 }] } }),
      );
      const quiet = ok(await asService(sys, RELEASE_CODES, { orderId: 'back-quiet', back: true })).releaseCodes;
      assert.deepEqual([quiet.released, quiet.returnedToPool], [2, 2]);
      let pool = await codesOfKind(kindA);
      assert.equal(pool.filter((c) => c.state === CodeState.AVAILABLE).length, 5);
      assert.ok(pool.every((c) => c.orderId == null && c.skuId == null && c.issuedAt == null && c.disclosedAt == null));

      // Plaintext returned by allocateCodes: disclosed, so voided even when returnToPool is asked.
      const shown = ok(
        await asService(sys, ALLOCATE, { input: { orderId: 'back-shown', lines: [{ skuId: skuA, quantity: 2 }] } }),
      ).allocateCodes.codes;
      assert.ok(shown.every((c: any) => /^POOLA-\d-CODE$/.test(c.code)));
      const shownRelease = ok(await asService(sys, RELEASE_CODES, { orderId: 'back-shown', back: true })).releaseCodes;
      assert.deepEqual([shownRelease.released, shownRelease.returnedToPool], [2, 0]);
      pool = await codesOfKind(kindA);
      assert.deepEqual(
        pool.filter((c) => shown.some((s: any) => Number(s.codeId) === c.id)).map((c) => c.state),
        [CodeState.VOID, CodeState.VOID],
      );

      // One of two revealed to the customer through logistics: that one is voided, the other returns.
      const ids = ok(
        await asService(sys, ALLOCATE_IDS, {
          input: { orderId: 'back-revealed', lines: [{ skuId: skuA, quantity: 2 }] },
        }),
      ).allocateCodes.codes.map((c: any) => c.codeId);
      assert.equal(ids.length, 2);
      ok(await asService(sys, REVEAL, { c: ids[0] }));
      const mixed = ok(await asService(sys, RELEASE_CODES, { orderId: 'back-revealed', back: true })).releaseCodes;
      assert.deepEqual([mixed.released, mixed.returnedToPool], [2, 1]);
      pool = await codesOfKind(kindA);
      const byId = new Map(pool.map((c) => [String(c.id), c]));
      assert.equal(byId.get(ids[0])!.state, CodeState.VOID);
      assert.deepEqual([byId.get(ids[1])!.state, byId.get(ids[1])!.orderId ?? null], [CodeState.AVAILABLE, null]);
      // A released code can't be revealed any more; a second release finds nothing; the order can't be re-allocated.
      assert.equal(errorCode(await asService(sys, REVEAL, { c: ids[0] })), 'NOT_FOUND');
      assert.deepEqual(
        ok(await asService(sys, RELEASE_CODES, { orderId: 'back-revealed', back: true })).releaseCodes.released,
        0,
      );
      assert.equal(
        errorCode(
          await asService(sys, ALLOCATE_IDS, {
            input: { orderId: 'back-revealed', lines: [{ skuId: skuA, quantity: 2 }] },
          }),
        ),
        'CONFLICT',
      );
      // 5 codes: 2 voided (shown), 1 voided (revealed), 2 available again.
      assert.deepEqual(pool.map((c) => c.state).sort(), [
        CodeState.AVAILABLE,
        CodeState.AVAILABLE,
        CodeState.VOID,
        CodeState.VOID,
        CodeState.VOID,
      ]);
    });

    it('a code revealed while its order is released with returnToPool is never put back on sale', async () => {
      const codes = Array.from({ length: 10 }, (_, i) => `RACE-${i}-CODE`);
      ok(
        await sys.gql(supplierAdmin('2'), 'mutation($i: UploadCodesInput!) { uploadCodes(input: $i) { inserted } }', {
          i: { virtualCardKindId: String(kindA), codes },
        }),
      );
      const ids: string[] = ok(
        await asService(sys, ALLOCATE_IDS, {
          input: { orderId: 'race-reveal', lines: [{ skuId: skuA, quantity: 10 }] },
        }),
      ).allocateCodes.codes.map((c: any) => c.codeId);
      // Reveals of all ten race one release, on parallel connections.
      const [release, ...reveals] = await Promise.all([
        asService(sys, RELEASE_CODES, { orderId: 'race-reveal', back: true }),
        ...ids.map((c) => asService(sys, REVEAL, { c })),
      ]);
      const revealed = new Set(reveals.filter((r) => !r.errors).map((r) => r.data!.revealCardCode.codeId as string));
      for (const r of reveals.filter((x) => x.errors)) assert.equal(errorCode(r), 'NOT_FOUND');
      const rows = await (await sys.orm('catalog')).em.fork().find(VirtualCardCode, { id: { $in: ids.map(Number) } });
      for (const row of rows) {
        if (revealed.has(String(row.id)))
          assert.equal(row.state, CodeState.VOID, `code ${row.id} was revealed, then returned to the pool`);
        else assert.ok([CodeState.AVAILABLE, CodeState.VOID].includes(row.state));
      }
      const { released, returnedToPool } = ok(release).releaseCodes;
      assert.equal(released, 10);
      assert.equal(returnedToPool, rows.filter((r) => r.state === CodeState.AVAILABLE).length);
      assert.ok(returnedToPool <= 10 - revealed.size);
    });

    it('a release that comes before the allocation (the order was given up) makes the late allocation fail, even when they race', async () => {
      const s2 = supplierAdmin('2');
      const product = await (
        await sys.orm('catalog')
      ).em
        .fork()
        .findOneOrFail(Product, { supplier: 2 }, { orderBy: { id: 'ASC' } });
      const kind = ok(
        await sys.gql(
          s2,
          'mutation { createVirtualCardKind(input: { name: "测试 池C", faceValueFen: 1000, validityDays: 30 }) { virtualCardKind { id } } }',
        ),
      ).createVirtualCardKind.virtualCardKind.id;
      ok(
        await sys.gql(s2, 'mutation($i: UploadCodesInput!) { uploadCodes(input: $i) { inserted } }', {
          i: { virtualCardKindId: kind, codes: ['POOLC-0', 'POOLC-1', 'POOLC-2'] },
        }),
      );
      const sku = ok(
        await sys.gql(s2, 'mutation($i: CreateSkuInput!) { createSku(input: $i) { sku { id } } }', {
          i: {
            code: `POOL-SKU-${kind}`,
            productId: String(product.id),
            virtualCardKindId: kind,
            supplierPriceFen: 900,
            listPriceFen: 1000,
          },
        }),
      ).createSku.sku.id;
      const lines = [{ skuId: sku, quantity: 1 }];

      assert.equal(
        ok(await asService(sys, RELEASE_CODES, { orderId: 'release-first', back: true })).releaseCodes.released,
        0,
      );
      const late = await asService(sys, ALLOCATE_IDS, { input: { orderId: 'release-first', lines } });
      assert.equal(errorCode(late), 'CONFLICT');
      assert.match(late.errors![0]!.message, /were released/);

      for (let i = 0; i < 8; i++) {
        await Promise.all([
          asService(sys, RELEASE_CODES, { orderId: `release-race-${i}`, back: true }),
          asService(sys, ALLOCATE_IDS, { input: { orderId: `release-race-${i}`, lines } }),
        ]);
        // Whichever came first, the order ends with no code: refused, or issued and then taken back.
        await asService(sys, RELEASE_CODES, { orderId: `release-race-${i}`, back: true });
      }
      const codes = await codesOfKind(Number(kind));
      assert.deepEqual(
        codes.map((c) => c.state),
        [CodeState.AVAILABLE, CodeState.AVAILABLE, CodeState.AVAILABLE],
      );
      // The pool counter followed every code back, whichever side of each race won.
      const counter = await (await sys.orm('catalog')).em.fork().findOneOrFail(VirtualCardKind, { id: Number(kind) });
      assert.equal(counter.availableCodes, 3);
    });
  });

  it('only the service credential may run saga steps, and they are not in the public API', async () => {
    const input = { orderId: 'not-allowed', lines: [{ skuId: String(physical[0]), quantity: 1 }] };
    assert.equal(errorCode(await asPrincipal(sys, platformAdmin, RESERVE, { input })), 'FORBIDDEN');
    assert.equal(errorCode(await asPrincipal(sys, platformAdmin, ALLOCATE, { input })), 'FORBIDDEN');
    const viaGateway = await sys.gql(platformAdmin, RESERVE, { input });
    assert.ok(viaGateway.errors?.length);
    assert.notEqual(errorCode(viaGateway), undefined);
    assert.equal(viaGateway.data ?? null, null);
  });
});
