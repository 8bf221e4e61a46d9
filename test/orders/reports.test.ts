import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { refundAmounts, type RefundAmounts } from '../../subgraphs/orders/services/money';
import { startOfLocalDay } from '../../subgraphs/orders/services/local-time';
import type { RefundLineQuantity } from '../../subgraphs/orders/entities/refund';
import { Mall } from '../../subgraphs/tenants/entities/mall';
import { SupplierOrder } from '../../subgraphs/orders/entities/supplier-order';
import { OrderLine } from '../../subgraphs/orders/entities/order-line';
import {
  ADDRESS,
  CHECKOUT,
  assertLedgerClean,
  bankAdmin,
  customer,
  partnerApp,
  markShipped,
  pointsOf,
  setStock,
  setUpMall,
} from './helpers';
import { setBalance } from '../loyalty/helpers';
import { supplierAdmin } from '../principals';

// ---------------------------------------------------------------------------------------------
// refundAmounts, pure: every sequence of partial refunds adds up to exactly what was paid.
// ---------------------------------------------------------------------------------------------

interface TestLine {
  id: number;
  quantity: number;
  unitPoints: number;
  unitFen: number;
  refundedQuantity: number;
}
interface TestOrder {
  totalPoints: number;
  cashFen: number;
  pointsAppliedToCash: number;
  pointsValueFen: number;
}

/** An order as checkout totals it (money.ts totalsOf): points applied buy whole fen at `pointsPerYuan`. */
function orderOf(lines: TestLine[], pointsPerYuan: number, pointsToUse: number): TestOrder {
  const fixed = lines.reduce((s, l) => s + l.unitPoints * l.quantity, 0);
  const listCash = lines.reduce((s, l) => s + l.unitFen * l.quantity, 0);
  const covered = (pointsToUse * 100) / pointsPerYuan;
  assert.ok(Number.isInteger(covered) && covered <= listCash);
  const totalPoints = fixed + pointsToUse;
  return {
    totalPoints,
    cashFen: listCash - covered,
    pointsAppliedToCash: pointsToUse,
    pointsValueFen: Math.floor((totalPoints * 100) / pointsPerYuan),
  };
}

/** Books refunds one after another as claimAndBook does; returns each refund's amounts. */
function book(order: TestOrder, lines: TestLine[], refunds: RefundLineQuantity[][]): RefundAmounts[] {
  const already = { points: 0, cashFen: 0, pointsValueFen: 0 };
  const out: RefundAmounts[] = [];
  for (const r of refunds) {
    const a = refundAmounts(
      order,
      lines.map((l) => ({ ...l })),
      r,
      { ...already },
    );
    out.push(a);
    already.points += a.points;
    already.cashFen += a.cashFen;
    already.pointsValueFen += a.pointsValueFen;
    for (const x of r) lines.find((l) => l.id === x.orderLineId)!.refundedQuantity += x.quantity;
  }
  return out;
}

function sum(xs: RefundAmounts[]): RefundAmounts {
  return xs.reduce(
    (a, x) => ({
      points: a.points + x.points,
      cashFen: a.cashFen + x.cashFen,
      pointsValueFen: a.pointsValueFen + x.pointsValueFen,
    }),
    { points: 0, cashFen: 0, pointsValueFen: 0 },
  );
}

/** A small deterministic PRNG, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

describe('refundAmounts (pure)', () => {
  it('two partial refunds and the last one of a points + cash order: exact amounts, summing to what was paid', () => {
    // 3 × (300 points + 15.00 CNY), 1000 points applied to cash at 200 points per yuan.
    const lines: TestLine[] = [{ id: 1, quantity: 3, unitPoints: 300, unitFen: 1500, refundedQuantity: 0 }];
    const order = orderOf(lines, 200, 1000);
    assert.deepEqual(order, { totalPoints: 1900, cashFen: 4000, pointsAppliedToCash: 1000, pointsValueFen: 950 });
    const refunds = book(order, lines, [
      [{ orderLineId: 1, quantity: 1 }],
      [{ orderLineId: 1, quantity: 1 }],
      [{ orderLineId: 1, quantity: 1 }],
    ]);
    assert.deepEqual(refunds, [
      { points: 633, cashFen: 1333, pointsValueFen: 316 },
      { points: 633, cashFen: 1333, pointsValueFen: 317 },
      { points: 634, cashFen: 1334, pointsValueFen: 317 },
    ]);
    assert.deepEqual(sum(refunds), {
      points: order.totalPoints,
      cashFen: order.cashFen,
      pointsValueFen: order.pointsValueFen,
    });
  });

  it('the refund completing an order returns only the points value that is left', () => {
    const lines: TestLine[] = [
      { id: 1, quantity: 1, unitPoints: 900, unitFen: 0, refundedQuantity: 0 },
      { id: 2, quantity: 1, unitPoints: 500, unitFen: 0, refundedQuantity: 0 },
    ];
    const order = orderOf(lines, 200, 0);
    const [first, last] = book(order, lines, [[{ orderLineId: 1, quantity: 1 }], [{ orderLineId: 2, quantity: 1 }]]);
    assert.deepEqual(first, { points: 900, cashFen: 0, pointsValueFen: 450 });
    assert.deepEqual(last, { points: 500, cashFen: 0, pointsValueFen: 250 });
  });

  it('unit-by-unit refunds of a cash line followed by a points-only line never go negative', () => {
    // The old per-refund rounding gave the cash line's three refunds 1 fen too much, and the last refund −1 fen.
    const lines: TestLine[] = [
      { id: 1, quantity: 3, unitPoints: 0, unitFen: 1000, refundedQuantity: 0 },
      { id: 2, quantity: 1, unitPoints: 500, unitFen: 0, refundedQuantity: 0 },
    ];
    const order = orderOf(lines, 100, 1000);
    const refunds = book(
      order,
      lines,
      [1, 1, 1].map((q) => [{ orderLineId: 1, quantity: q }]).concat([[{ orderLineId: 2, quantity: 1 }]]),
    );
    assert.ok(
      refunds.every((r) => r.points >= 0 && r.cashFen >= 0 && r.pointsValueFen >= 0),
      JSON.stringify(refunds),
    );
    assert.deepEqual(sum(refunds), { points: 1500, cashFen: 2000, pointsValueFen: 1500 });
  });

  it('any sequence of partial refunds of any order sums to exactly what was paid, and never more on the way', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const r = rng(seed);
      const pointsPerYuan = [100, 200, 50, 1000, 300][r(5)]!;
      const lines: TestLine[] = Array.from({ length: 1 + r(4) }, (_, i) => ({
        id: i + 1,
        quantity: 1 + r(5),
        unitPoints: r(3) === 0 ? 0 : r(2000),
        unitFen: r(3) === 0 ? 0 : r(50_000),
        refundedQuantity: 0,
      }));
      const listCash = lines.reduce((s, l) => s + l.unitFen * l.quantity, 0);
      const step = pointsPerYuan / gcd(pointsPerYuan, 100); // points that buy whole fen
      const maxUse = Math.floor((listCash * pointsPerYuan) / 100 / step) * step;
      const pointsToUse = maxUse > 0 ? Math.floor(r(maxUse + 1) / step) * step : 0;
      const order = orderOf(lines, pointsPerYuan, pointsToUse);
      // random refunds until every unit is back
      const left = new Map(lines.map((l) => [l.id, l.quantity]));
      const refunds: RefundLineQuantity[][] = [];
      while ([...left.values()].some((q) => q > 0)) {
        const refund: RefundLineQuantity[] = [];
        for (const [id, q] of left) {
          if (q > 0 && r(2) === 0) {
            const n = 1 + r(q);
            refund.push({ orderLineId: id, quantity: n });
            left.set(id, q - n);
          }
        }
        if (refund.length) refunds.push(refund);
      }
      const amounts = book(order, lines, refunds);
      const ctx = `seed ${seed}: ${JSON.stringify({ order, refunds, amounts })}`;
      assert.ok(
        amounts.every((a) => a.points >= 0 && a.cashFen >= 0 && a.pointsValueFen >= 0),
        ctx,
      );
      let running = { points: 0, cashFen: 0, pointsValueFen: 0 };
      for (const a of amounts) {
        running = sum([running, a]);
        assert.ok(
          running.points <= order.totalPoints &&
            running.cashFen <= order.cashFen &&
            running.pointsValueFen <= order.pointsValueFen,
          ctx,
        );
      }
      assert.deepEqual(
        running,
        { points: order.totalPoints, cashFen: order.cashFen, pointsValueFen: order.pointsValueFen },
        ctx,
      );
    }
  });
});

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

// ---------------------------------------------------------------------------------------------
// Reports through the real system: exact values after sales and partial refunds.
// ---------------------------------------------------------------------------------------------

const SALES = `query($b: ID!, $m: ID, $f: DateTime!, $t: DateTime!, $g: ReportGranularity!) { salesReport(bankId: $b, mallId: $m, from: $f, to: $t, granularity: $g) {
  periodStart orders gmvCashFen gmvPointsValueFen pointsRedeemed } }`;
const TOP = `query($b: ID!, $f: DateTime!, $t: DateTime!) { topListings(bankId: $b, from: $f, to: $t, first: 10) { listing { id } quantity pointsValueFen } }`;
const SUPPLIER_SALES = `query($s: ID!, $f: DateTime!, $t: DateTime!) { supplierSales(supplierId: $s, from: $f, to: $t) { orders units salesFen awaitingShipment } }`;
const REQUEST = `mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id } }`;
const DECIDE = `mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state pointsRefunded cashRefundFen pointsValueFen } }`;

describe('reports after sales and refunds (bank 2: 200 points per yuan)', () => {
  let sys: TestSystem;
  let mallId: string;
  let pointsListing: string;
  let mixedListing: string;
  let p1: { supplierId: number; supplierPriceFen: number };
  let p2: { supplierId: number; supplierPriceFen: number };
  let order1: number;
  let order2: number;
  const started = new Date();
  // Bank 2's day (Asia/Shanghai, the default): report days start at local midnight.
  const dayStart = startOfLocalDay(started, 'Asia/Shanghai');
  const window = { f: dayStart.toISOString(), t: new Date(dayStart.getTime() + 2 * 86_400_000).toISOString() };

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys); // bank 1's mall, and the SKUs
    const tenants = (await sys.orm('tenants')).em.fork();
    const mall = tenants.create(Mall, { bank: 2, name: '青禾测试商城', createdAt: new Date() } as never);
    await tenants.flush();
    mallId = String((mall as Mall).id);
    p1 = m.physical;
    p2 = m.physical2;
    const listing = async (input: Record<string, unknown>) => {
      const r = await sys.gql(
        bankAdmin(2),
        'mutation($input: CreateListingInput!) { createListing(input: $input) { listing { id } } }',
        { input: { mallId, ...input } },
      );
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      return r.data!.createListing.listing.id as string;
    };
    pointsListing = await listing({ skuId: String(m.physical.id), priceMode: 'POINTS', pricePoints: 900 });
    mixedListing = await listing({
      skuId: String(m.physical2.id),
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: 300,
      priceFen: 1500,
    });
    await setStock(sys, m.physical.id, 100);
    await setStock(sys, m.physical2.id, 100);
    await setBalance(sys, 2, 21, 10_000, 'reports-balance-21');
    await setBalance(sys, 2, 22, 10_000, 'reports-balance-22');

    const o1 = await sys.gql(customer(2, 21), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: pointsListing, quantity: 2 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'reports-order-1',
      },
    });
    assert.equal(o1.errors, undefined, JSON.stringify(o1.errors));
    assert.deepEqual(
      [o1.data!.checkout.order.status, o1.data!.checkout.order.totalPoints, o1.data!.checkout.order.cashFen],
      ['PAID', 1800, 0],
    );
    order1 = Number(o1.data!.checkout.order.id);
    const o2 = await sys.gql(customer(2, 22), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: mixedListing, quantity: 3 }],
        pointsToUse: 1000,
        shippingAddress: ADDRESS,
        idempotencyKey: 'reports-order-2',
      },
    });
    assert.equal(o2.errors, undefined, JSON.stringify(o2.errors));
    assert.deepEqual(
      [o2.data!.checkout.order.status, o2.data!.checkout.order.totalPoints, o2.data!.checkout.order.cashFen],
      ['PENDING_PAYMENT', 1900, 4000],
    );
    order2 = Number(o2.data!.checkout.order.id);
    const paid = await sys.gql(
      partnerApp(2),
      'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }',
      { i: { orderId: String(order2), paymentRef: 'reports-pay-2', amountFen: 4000 } },
    );
    assert.equal(paid.errors, undefined, JSON.stringify(paid.errors));
    assert.equal(paid.data!.confirmPayment.status, 'PAID');
  });
  after(async () => {
    await sys?.stop();
  });

  const orders = async () => (await sys.orm('orders')).em.fork();

  async function refundOne(orderId: number, customerId: number): Promise<Record<string, unknown>> {
    const e = await orders();
    const so = await e.findOneOrFail(SupplierOrder, { orderId });
    const line = await e.findOneOrFail(OrderLine, { orderId });
    await markShipped(sys, so.id);
    const req = await sys.gql(customer(2, customerId), REQUEST, {
      i: { supplierOrderId: String(so.id), lines: [{ orderLineId: String(line.id), quantity: 1 }], reason: '不想要了' },
    });
    assert.equal(req.errors, undefined, JSON.stringify(req.errors));
    const d = await sys.gql(supplierAdmin(so.supplierId), DECIDE, {
      i: { refundId: req.data!.requestRefund.id, approve: true },
    });
    assert.equal(d.errors, undefined, JSON.stringify(d.errors));
    return d.data!.decideRefund;
  }

  async function sales(granularity: 'HOUR' | 'DAY') {
    const r = await sys.gql(bankAdmin(2), SALES, { b: '2', m: mallId, ...window, g: granularity });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.salesReport as {
      periodStart: string;
      orders: number;
      gmvCashFen: number;
      gmvPointsValueFen: number;
      pointsRedeemed: number;
    }[];
  }

  /** HOUR buckets: exactly one when the test ran within one hour; in any case whole hours that add up to the totals. */
  async function assertSales(expected: {
    orders: number;
    gmvCashFen: number;
    gmvPointsValueFen: number;
    pointsRedeemed: number;
  }) {
    const day = await sales('DAY');
    assert.deepEqual(day, [{ periodStart: dayStart.toISOString(), ...expected }]);
    const hours = await sales('HOUR');
    assert.ok(hours.every((h) => new Date(h.periodStart).getTime() % 3_600_000 === 0));
    const total = hours.reduce(
      (a, h) => ({
        orders: a.orders + h.orders,
        gmvCashFen: a.gmvCashFen + h.gmvCashFen,
        gmvPointsValueFen: a.gmvPointsValueFen + h.gmvPointsValueFen,
        pointsRedeemed: a.pointsRedeemed + h.pointsRedeemed,
      }),
      { orders: 0, gmvCashFen: 0, gmvPointsValueFen: 0, pointsRedeemed: 0 },
    );
    assert.deepEqual(total, expected);
    const hourOf = (d: Date) => Math.floor(d.getTime() / 3_600_000);
    if (hourOf(started) === hourOf(new Date())) {
      assert.deepEqual(hours, [{ periodStart: new Date(hourOf(started) * 3_600_000).toISOString(), ...expected }]);
    }
  }

  async function top() {
    const r = await sys.gql(bankAdmin(2), TOP, { b: '2', ...window });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.topListings.map((x: any) => ({
      listing: x.listing.id,
      quantity: x.quantity,
      pointsValueFen: x.pointsValueFen,
    }));
  }

  async function supplierSales(supplierId: number) {
    const r = await sys.gql(supplierAdmin(supplierId), SUPPLIER_SALES, { s: String(supplierId), ...window });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.supplierSales;
  }

  it('after a points order and a points + cash order: exact sales, top listings and supplier sales', async () => {
    // order 1: 2 × 900 points = 1800 points worth 900 fen; order 2: 3 × (300 points + 1500 fen), 1000 points
    // applied (500 fen) → 1900 points worth 950 fen and 4000 fen cash.
    await assertSales({ orders: 2, gmvCashFen: 4000, gmvPointsValueFen: 1850, pointsRedeemed: 3700 });
    assert.deepEqual(await top(), [
      { listing: mixedListing, quantity: 3, pointsValueFen: 950 },
      { listing: pointsListing, quantity: 2, pointsValueFen: 900 },
    ]);
  });

  it('two partial refunds: each returns its exact share and the reports net them out', async () => {
    const points = await pointsOf(sys, 22);
    assert.deepEqual(await refundOne(order2, 22), {
      state: 'APPROVED',
      pointsRefunded: 633,
      cashRefundFen: 1333,
      pointsValueFen: 316,
    });
    assert.deepEqual(await refundOne(order2, 22), {
      state: 'APPROVED',
      pointsRefunded: 633,
      cashRefundFen: 1333,
      pointsValueFen: 317,
    });
    assert.equal((await pointsOf(sys, 22)).redeemable, points.redeemable + 1266);
    await assertSales({
      orders: 2,
      gmvCashFen: 4000 - 2666,
      gmvPointsValueFen: 1850 - 633,
      pointsRedeemed: 3700 - 1266,
    });
    assert.deepEqual(await top(), [
      { listing: pointsListing, quantity: 2, pointsValueFen: 900 },
      { listing: mixedListing, quantity: 1, pointsValueFen: 950 - 633 },
    ]);
    // Supplier sales at supplier price, net of the two refunded units; order 2 shipped before its refunds,
    // and one delivery makes order 1 no longer awaiting shipment.
    const so1 = await (await orders()).findOneOrFail(SupplierOrder, { orderId: order1 });
    const token = await sys.identityToken({ role: 'SERVICE', sub: 'logistics' }, 'orders', { key: 'service' });
    const delivered = await sys.subgraphRaw(
      'orders',
      {
        query:
          'mutation($id: ID!, $at: DateTime!) { recordSupplierOrderProgress(supplierOrderId: $id, status: DELIVERED, at: $at) { status } }',
        variables: { id: String(so1.id), at: new Date().toISOString() },
      },
      { 'x-perkmall-identity': token },
    );
    assert.equal(delivered.body.errors, undefined, JSON.stringify(delivered.body.errors));
    const expected = new Map<number, { orders: number; units: number; salesFen: number; awaitingShipment: number }>();
    const add = (s: number, d: { orders: number; units: number; salesFen: number; awaitingShipment: number }) => {
      const x = expected.get(s) ?? { orders: 0, units: 0, salesFen: 0, awaitingShipment: 0 };
      expected.set(s, {
        orders: x.orders + d.orders,
        units: x.units + d.units,
        salesFen: x.salesFen + d.salesFen,
        awaitingShipment: x.awaitingShipment + d.awaitingShipment,
      });
    };
    add(p1.supplierId, { orders: 1, units: 2, salesFen: 2 * p1.supplierPriceFen, awaitingShipment: 0 });
    add(p2.supplierId, { orders: 1, units: 1, salesFen: p2.supplierPriceFen, awaitingShipment: 0 });
    for (const [s, want] of expected) assert.deepEqual(await supplierSales(s), want, `supplier ${s}`);
  });

  it('the refund completing an order takes off exactly what is left: the order nets to zero', async () => {
    assert.deepEqual(await refundOne(order2, 22), {
      state: 'APPROVED',
      pointsRefunded: 634,
      cashRefundFen: 1334,
      pointsValueFen: 317,
    });
    await assertSales({ orders: 2, gmvCashFen: 0, gmvPointsValueFen: 900, pointsRedeemed: 1800 });
    assert.deepEqual(await top(), [{ listing: pointsListing, quantity: 2, pointsValueFen: 900 }]);
    await assertLedgerClean(sys);
  });

  it('cross-tenant: bank 1 reads none of bank 2’s reports; a supplier reads none of another’s sales or statements', async () => {
    assert.equal(errorCode(await sys.gql(bankAdmin(1), SALES, { b: '2', m: null, ...window, g: 'DAY' })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankAdmin(1), TOP, { b: '2', ...window })), 'NOT_FOUND');
    // bank 1 asking for its own reports sees nothing of bank 2's mall
    const own = await sys.gql(bankAdmin(1), SALES, { b: '1', m: mallId, ...window, g: 'DAY' });
    assert.deepEqual(own.data!.salesReport, []);
    const other = p1.supplierId === 1 ? 2 : 1;
    assert.equal(
      errorCode(await sys.gql(supplierAdmin(other), SUPPLIER_SALES, { s: String(p1.supplierId), ...window })),
      'NOT_FOUND',
    );
    // statements: the owner sees order 1's delivery; another supplier and the other bank see nothing, even when asking for them
    const STATEMENTS = `query($b: ID, $s: ID) { settlementStatements(bankId: $b, supplierId: $s) { edges { node { id totalFen } } } }`;
    const nodes = (r: any) => r.data!.settlementStatements.edges.map((e: any) => e.node);
    const mine = await sys.gql(supplierAdmin(p1.supplierId), STATEMENTS, { b: '2', s: String(p1.supplierId) });
    assert.equal(mine.errors, undefined, JSON.stringify(mine.errors));
    assert.equal(nodes(mine).length, 1);
    assert.equal(nodes(mine)[0].totalFen, 2 * p1.supplierPriceFen);
    const mineId = nodes(mine)[0].id;
    assert.deepEqual(nodes(await sys.gql(supplierAdmin(other), STATEMENTS, { b: '2', s: String(p1.supplierId) })), []);
    assert.deepEqual(
      nodes(await sys.gql(supplierAdmin(other), STATEMENTS, { b: null, s: null })).filter((s: any) => s.id === mineId),
      [],
    );
    assert.deepEqual(nodes(await sys.gql(bankAdmin(1), STATEMENTS, { b: '2', s: null })), []);
    // Another supplier cannot confirm it, another bank cannot pay it (statement-lifecycle.test.ts has the rest).
    const confirm = await sys.gql(
      supplierAdmin(other),
      'mutation($id: ID!) { confirmStatement(statementId: $id) { status } }',
      { id: mineId },
    );
    assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(errorCode(confirm)!), JSON.stringify(confirm));
    assert.equal(
      errorCode(
        await sys.gql(
          bankAdmin(1),
          'mutation($id: ID!, $i: StatementPaymentInput!) { recordStatementPayment(statementId: $id, input: $i) { status } }',
          { id: mineId, i: { reference: 'T-1', paidOn: '2026-01-05', amountFen: 1 } },
        ),
      ),
      'NOT_FOUND',
    );
  });
});
