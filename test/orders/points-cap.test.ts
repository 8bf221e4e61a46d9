import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { AppError } from '../../core/errors';
import { Bank } from '../../subgraphs/tenants/entities/bank';
import { Mall } from '../../subgraphs/tenants/entities/mall';
import { maxCoverableFen, totalsOf } from '../../subgraphs/orders/services/money';
import type { CheckoutQuote } from '../../subgraphs/orders/services/ports';
import { ADDRESS, CHECKOUT, createListing, customer, setStock, setUpMall } from './helpers';

type Mode = 'POINTS' | 'CASH' | 'POINTS_PLUS_CASH';
const line = (priceMode: Mode, unitPoints: number, unitFen: number, quantity = 1): CheckoutQuote['lines'][number] => ({
  listingId: '1',
  skuId: '1',
  quantity,
  priceMode,
  unitPoints,
  unitFen,
  purchaseLimitPerCustomer: null,
  campaignId: null,
  campaignSubsidyFen: 0,
  campaignSupplierFundedFen: 0,
  discountFen: 0,
  discountPoints: 0,
  discounts: [],
  quotaRuleId: null,
  quotaUnits: 0,
  quotaPeriodKey: null,
});
const quote = (maxPointsShareBp: number, lines: CheckoutQuote['lines'], pointsPerYuan = 100) => ({
  pointsPerYuan,
  maxPointsShareBp,
  lines,
});

/** Whether the points share of the cash-priced lines' value, after applying `pointsToUse`, is within the cap (exact integer compare). */
function shareWithin(q: ReturnType<typeof quote>, pointsToUse: number): boolean {
  const cashLines = q.lines.filter((l) => l.priceMode !== 'POINTS');
  const points = cashLines.reduce((s, l) => s + l.unitPoints * l.quantity, 0) + pointsToUse;
  const value = cashLines.reduce(
    (s, l) => s + l.unitPoints * l.quantity * 100 + l.unitFen * l.quantity * q.pointsPerYuan,
    0,
  );
  return 10000 * points * 100 <= q.maxPointsShareBp * value;
}

function refused(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (e) {
    assert.ok(e instanceof AppError && e.extensions.code === 'BAD_USER_INPUT', String(e));
    return true;
  }
}

describe('the bank cap on the points share (money.ts)', () => {
  // [cap, lines, pointsPerYuan, largest pointsToUse allowed]
  const cases: [string, number, CheckoutQuote['lines'], number, number][] = [
    ['70%: CASH 10.00 CNY', 7000, [line('CASH', 0, 1000)], 100, 700],
    [
      '70%: POINTS_PLUS_CASH already at the cap (700 + 3.00 CNY) takes no more points',
      7000,
      [line('POINTS_PLUS_CASH', 700, 300)],
      100,
      0,
    ],
    [
      '70%: POINTS_PLUS_CASH below the cap (500 + 5.00 CNY) takes 200 more',
      7000,
      [line('POINTS_PLUS_CASH', 500, 500)],
      100,
      200,
    ],
    [
      '70%: a POINTS line adds nothing to the room of a CASH line',
      7000,
      [line('POINTS', 1000, 0), line('CASH', 0, 1000)],
      100,
      700,
    ],
    ['70%: POINTS alone has no cash to cover', 7000, [line('POINTS', 1000, 0)], 100, 0],
    [
      '70%: CASH × 3 and POINTS_PLUS_CASH share one cap',
      7000,
      [line('CASH', 0, 333, 3), line('POINTS_PLUS_CASH', 100, 900)],
      100,
      1299,
    ],
    ['33%: CASH 10.00 CNY', 3300, [line('CASH', 0, 1000)], 100, 330],
    ['33%: CASH 1.01 CNY, the cap (33.33 fen) falls between whole fen', 3300, [line('CASH', 0, 101)], 100, 33],
    ['33%: POINTS_PLUS_CASH at the cap (33 + 0.67 CNY)', 3300, [line('POINTS_PLUS_CASH', 33, 67)], 100, 0],
    [
      '33%: POINTS_PLUS_CASH listed at 70% before the cap was lowered allows none',
      3300,
      [line('POINTS_PLUS_CASH', 700, 300)],
      100,
      0,
    ],
    [
      '33%: 150 points = 1 CNY, whole points buy only even fen (33 fen → 32 fen = 48 points)',
      3300,
      [line('CASH', 0, 100)],
      150,
      48,
    ],
    [
      '33%: 1000 points = 1 CNY, POINTS_PLUS_CASH at the cap (330 points = 0.33 CNY + 0.67 CNY)',
      3300,
      [line('POINTS_PLUS_CASH', 330, 67)],
      1000,
      0,
    ],
    ['33%: 1000 points = 1 CNY, CASH 0.99 CNY (32.67 fen)', 3300, [line('CASH', 0, 99)], 1000, 320],
    ['100%: points may cover all the cash', 10000, [line('POINTS_PLUS_CASH', 500, 2000)], 100, 2000],
  ];
  for (const [name, cap, lines, ppy, max] of cases) {
    it(`${name}: at most ${max} points`, () => {
      const q = quote(cap, lines, ppy);
      assert.equal(maxCoverableFen(q).points, max);
      const t = totalsOf(q, max);
      // Within the cap, unless the prices themselves already exceed it (then nothing is added).
      assert.ok(
        shareWithin(q, max) || (max === 0 && !shareWithin(q, 0)),
        'the largest allowed amount is within the cap',
      );
      const cash = lines.reduce((s, l) => s + l.unitFen * l.quantity, 0);
      assert.equal(t.cashFen, cash - (max * 100) / ppy);
      // One more whole-fen step of points is refused, and (where it would fit the cash) it would exceed the cap.
      const step = ppy / gcd(ppy, 100);
      assert.ok(refused(() => totalsOf(q, max + step)));
      if (((max + step) * 100) / ppy <= cash)
        assert.ok(!shareWithin(q, max + step), 'the next step really is over the cap');
    });
  }

  it('refuses points that do not buy whole fen, whatever the cap', () => {
    assert.ok(refused(() => totalsOf(quote(3300, [line('CASH', 0, 100)], 150), 1)));
    assert.ok(refused(() => totalsOf(quote(10000, [line('CASH', 0, 100)], 1000), 5)));
  });
});

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

describe('checkout applies the bank cap (70% and 33%) end to end', () => {
  let sys: TestSystem;
  let physicalSku: number;
  let n = 0;

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    physicalSku = m.physical.id;
    await setStock(sys, physicalSku, 1000);
  });
  after(async () => {
    await sys?.stop();
  });

  const setBank = async (maxPointsShareBp: number) =>
    (await sys.orm('tenants')).em.fork().nativeUpdate(Bank, { id: 1 }, { maxPointsShareBp, pointsPerYuan: 100 });
  /** A fresh mall of bank 1 with one listing of the physical SKU. */
  async function listed(price: Record<string, unknown>): Promise<{ mallId: string; listingId: string }> {
    const em = (await sys.orm('tenants')).em.fork();
    const mall = em.create(Mall, { bank: 1, name: `cap-${n}`, createdAt: new Date() } as never) as Mall;
    await em.flush();
    return {
      mallId: String(mall.id),
      listingId: await createListing(sys, { mallId: String(mall.id), skuId: String(physicalSku), ...price }),
    };
  }
  const buy = (customerId: number, l: { mallId: string; listingId: string }, pointsToUse: number) =>
    sys.gql(customer(1, customerId), CHECKOUT, {
      input: {
        mallId: l.mallId,
        lines: [{ listingId: l.listingId, quantity: 1 }],
        pointsToUse,
        shippingAddress: ADDRESS,
        idempotencyKey: `cap-e2e-${++n}-xxxxxxxx`,
      },
    });

  it('at 70%: a POINTS_PLUS_CASH price at the cap takes no pointsToUse (it was paid 91% in points before); CASH takes 70%', async () => {
    await setBank(7000);
    const atCap = await listed({ priceMode: 'POINTS_PLUS_CASH', pricePoints: 700, priceFen: 300 });
    const over = await buy(1, atCap, 210);
    assert.equal(errorCode(over), 'BAD_USER_INPUT');
    assert.match(over.errors![0]!.message, /at most 0 points/);
    const exact = await buy(1, atCap, 0);
    assert.equal(exact.errors, undefined, JSON.stringify(exact.errors));
    assert.deepEqual([exact.data!.checkout.order.totalPoints, exact.data!.checkout.order.cashFen], [700, 300]);

    const cash = await listed({ priceMode: 'CASH', priceFen: 1000 });
    assert.equal(errorCode(await buy(2, cash, 701)), 'BAD_USER_INPUT');
    const seventy = await buy(2, cash, 700);
    assert.equal(seventy.errors, undefined, JSON.stringify(seventy.errors));
    assert.deepEqual([seventy.data!.checkout.order.totalPoints, seventy.data!.checkout.order.cashFen], [700, 300]);

    const points = await listed({ priceMode: 'POINTS', pricePoints: 400 });
    assert.equal(errorCode(await buy(3, points, 100)), 'BAD_USER_INPUT');
    assert.equal((await buy(3, points, 0)).data!.checkout.order.totalPoints, 400);
  });

  it('at 33%: the cap rounds in the bank’s favour, and a price listed under a higher cap takes no more points', async () => {
    await setBank(7000);
    const listedAt70 = await listed({ priceMode: 'POINTS_PLUS_CASH', pricePoints: 500, priceFen: 500 });
    await setBank(3300);
    assert.equal(errorCode(await buy(4, listedAt70, 1)), 'BAD_USER_INPUT');
    const asListed = await buy(4, listedAt70, 0);
    assert.equal(asListed.errors, undefined, JSON.stringify(asListed.errors));

    const cash = await listed({ priceMode: 'CASH', priceFen: 101 });
    assert.equal(errorCode(await buy(5, cash, 34)), 'BAD_USER_INPUT');
    const max = await buy(5, cash, 33);
    assert.equal(max.errors, undefined, JSON.stringify(max.errors));
    assert.deepEqual([max.data!.checkout.order.totalPoints, max.data!.checkout.order.cashFen], [33, 68]);

    const mixed = await listed({ priceMode: 'POINTS_PLUS_CASH', pricePoints: 20, priceFen: 80 });
    // value 100 fen, 20 in points: 13 more fen reach 33%.
    assert.equal(errorCode(await buy(6, mixed, 14)), 'BAD_USER_INPUT');
    const ok = await buy(6, mixed, 13);
    assert.equal(ok.errors, undefined, JSON.stringify(ok.errors));
    assert.deepEqual([ok.data!.checkout.order.totalPoints, ok.data!.checkout.order.cashFen], [33, 67]);
    await setBank(10000);
  });
});
