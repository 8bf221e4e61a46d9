import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { Order } from '../../subgraphs/orders/entities/order';
import type { OrderLine } from '../../subgraphs/orders/entities/order-line';
import { SupplierOrder } from '../../subgraphs/orders/entities/supplier-order';
import { localDay, localMonth, startOfLocalDay } from '../../subgraphs/orders/services/local-time';
import { ReportWriter } from '../../subgraphs/orders/services/reports.writer';
import { Mall } from '../../subgraphs/tenants/entities/mall';
import { setBalance } from '../loyalty/helpers';
import { ADDRESS, CHECKOUT, bankAdmin, createListing, customer, markShipped, setStock, setUpMall } from './helpers';
import { bankOperator } from '../principals';

const SET_ZONE = 'mutation($i: SetBankTimeZoneInput!) { setBankTimeZone(input: $i) { bank { id timeZone } } }';
const SALES_DAYS =
  'query($b: ID!, $f: DateTime!, $t: DateTime!) { salesReport(bankId: $b, from: $f, to: $t, granularity: DAY) { periodStart orders gmvCashFen } }';
const TOP =
  'query($b: ID!, $f: DateTime!, $t: DateTime!) { topListings(bankId: $b, from: $f, to: $t) { listing { id } quantity } }';
const STATEMENTS =
  'query($p: String!) { settlementStatements(bankId: 1, period: $p) { edges { node { period lines(first: 100) { edges { node { orderId } } } } } } }';

describe('local time (pure)', () => {
  it('cuts days and months at local midnight, also across daylight saving', () => {
    assert.equal(localDay(new Date('2026-03-10T15:30:00Z'), 'Asia/Shanghai'), '2026-03-10');
    assert.equal(localDay(new Date('2026-03-10T16:30:00Z'), 'Asia/Shanghai'), '2026-03-11');
    assert.equal(localMonth(new Date('2026-10-31T16:00:00Z'), 'Asia/Shanghai'), '2026-11');
    assert.equal(localMonth(new Date('2026-10-31T15:59:59Z'), 'Asia/Shanghai'), '2026-10');
    assert.equal(
      startOfLocalDay(new Date('2026-03-10T16:30:00Z'), 'Asia/Shanghai').toISOString(),
      '2026-03-10T16:00:00.000Z',
    );
    assert.equal(
      startOfLocalDay(new Date('2026-03-10T15:30:00Z'), 'Asia/Shanghai').toISOString(),
      '2026-03-09T16:00:00.000Z',
    );
    // New York: the day daylight saving starts (8 March 2026) begins at 05:00Z, the next at 04:00Z.
    assert.equal(
      startOfLocalDay(new Date('2026-03-08T20:00:00Z'), 'America/New_York').toISOString(),
      '2026-03-08T05:00:00.000Z',
    );
    assert.equal(
      startOfLocalDay(new Date('2026-03-09T20:00:00Z'), 'America/New_York').toISOString(),
      '2026-03-09T04:00:00.000Z',
    );
    assert.equal(startOfLocalDay(new Date('2026-03-10T23:59:00Z'), 'UTC').toISOString(), '2026-03-10T00:00:00.000Z');
  });
});

describe("reports and settlement follow the bank's time zone", () => {
  let sys: TestSystem;
  let mallId: string;
  let listingA: string;
  let listingB: string;
  let physicalSku: number;

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    physicalSku = m.physical.id;
    await setStock(sys, physicalSku, 100);
    listingA = await createListing(sys, {
      mallId,
      skuId: String(m.physical.id),
      priceMode: 'POINTS',
      pricePoints: 100,
    });
    listingB = await createListing(sys, {
      mallId,
      skuId: String(m.physical2.id),
      priceMode: 'POINTS',
      pricePoints: 100,
    });
  });
  after(async () => {
    await sys?.stop();
  });

  const ordersEm = async () => (await sys.orm('orders')).em.fork();

  it('a bank defaults to Asia/Shanghai; its admin sets an IANA zone; anything else is refused', async () => {
    const own = await sys.gql(bankAdmin(1), '{ bank { id timeZone } }');
    assert.equal(own.errors, undefined, JSON.stringify(own.errors));
    assert.equal(own.data!.bank.timeZone, 'Asia/Shanghai');
    for (const bad of ['Mars/Olympus', '+08:00', 'CST', '', 'Asia/Shanghai; drop table bank']) {
      const r = await sys.gql(bankAdmin(1), SET_ZONE, { i: { timeZone: bad } });
      assert.equal(errorCode(r), 'BAD_USER_INPUT', bad);
      assert.equal((r.errors![0]!.extensions!.problems as { field: string }[])[0]!.field, 'timeZone');
    }
    assert.equal(errorCode(await sys.gql(bankOperator(1), SET_ZONE, { i: { timeZone: 'Asia/Tokyo' } })), 'FORBIDDEN');
    assert.equal(
      errorCode(await sys.gql(bankAdmin(2), SET_ZONE, { i: { bankId: '1', timeZone: 'Asia/Tokyo' } })),
      'NOT_FOUND',
    );
    assert.equal(errorCode(await sys.gql(customer(1, 1), SET_ZONE, { i: { timeZone: 'Asia/Tokyo' } })), 'FORBIDDEN');
    const set = await sys.gql(bankAdmin(2), SET_ZONE, { i: { timeZone: 'Asia/Tokyo' } });
    assert.equal(set.errors, undefined, JSON.stringify(set.errors));
    assert.deepEqual(set.data!.setBankTimeZone.bank, { id: '2', timeZone: 'Asia/Tokyo' });
    assert.equal(
      (await sys.gql(bankAdmin(1), '{ bank { timeZone } }')).data!.bank.timeZone,
      'Asia/Shanghai',
      'bank 1 unchanged',
    );
  });

  it("an order keeps its bank's zone from checkout, and the bank's report days start at its local midnight", async () => {
    // Bank 2 is on Tokyo time (previous test): its day starts at 15:00 UTC.
    const tenants = (await sys.orm('tenants')).em.fork();
    const mall2 = tenants.create(Mall, { bank: 2, name: '东京时间商城', createdAt: new Date() } as never) as Mall;
    await tenants.flush();
    const r = await sys.gql(
      bankAdmin(2),
      'mutation($input: CreateListingInput!) { createListing(input: $input) { listing { id } } }',
      { input: { mallId: String(mall2.id), skuId: String(physicalSku), priceMode: 'POINTS', pricePoints: 100 } },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    await setBalance(sys, 2, 21, 1000, 'bank-time-21');
    const o = await sys.gql(customer(2, 21), CHECKOUT, {
      input: {
        mallId: String(mall2.id),
        lines: [{ listingId: r.data!.createListing.listing.id, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: 'bank-time-tokyo-1',
      },
    });
    assert.equal(o.errors, undefined, JSON.stringify(o.errors));
    assert.equal(
      (await (await ordersEm()).findOneOrFail(Order, Number(o.data!.checkout.order.id))).timeZone,
      'Asia/Tokyo',
    );
    const now = new Date();
    const tokyoDay = startOfLocalDay(now, 'Asia/Tokyo');
    const days = await sys.gql(bankAdmin(2), SALES_DAYS, {
      b: '2',
      f: new Date(tokyoDay.getTime() - 86_400_000).toISOString(),
      t: new Date(tokyoDay.getTime() + 86_400_000).toISOString(),
    });
    assert.equal(days.errors, undefined, JSON.stringify(days.errors));
    assert.deepEqual(
      days.data!.salesReport.map((d: { periodStart: string; orders: number }) => [d.periodStart, d.orders]),
      [[tokyoDay.toISOString(), 1]],
    );
    assert.equal(new Date(tokyoDay).getUTCHours(), 15);
  });

  it('a sale at 23:30 and one at 00:30 Shanghai time (15:30 and 16:30 UTC, the same UTC day) land in two bank days', async () => {
    const em = await ordersEm();
    // Sales recorded as the confirmation records them, at chosen times.
    const sale = (listingId: string, lineId: number) => ({
      order: {
        bankId: 1,
        mallId: Number(mallId),
        cashFen: 500,
        pointsValueFen: 100,
        totalPoints: 100,
        pointsAppliedToCash: 0,
        shippingFen: 0,
        timeZone: 'Asia/Shanghai',
      } as Order,
      lines: [
        {
          id: lineId,
          listingId: Number(listingId),
          title: '测试商品',
          quantity: 1,
          unitPoints: 100,
          unitFen: 500,
          supplierId: 1,
          supplierPriceFen: 80,
          refundedQuantity: 0,
        } as OrderLine,
      ],
    });
    const late = sale(listingA, 900001);
    const early = sale(listingB, 900002);
    await em.transactional(async (tx) => {
      await new ReportWriter(tx as never).orderPaid(late.order, late.lines, new Date('2026-03-10T15:30:00Z'));
      await new ReportWriter(tx as never).orderPaid(early.order, early.lines, new Date('2026-03-10T16:30:00Z'));
    });
    const days = await sys.gql(bankAdmin(1), SALES_DAYS, {
      b: '1',
      f: '2026-03-09T16:00:00Z',
      t: '2026-03-11T16:00:00Z',
    });
    assert.equal(days.errors, undefined, JSON.stringify(days.errors));
    assert.deepEqual(
      days.data!.salesReport.map((d: { periodStart: string; orders: number; gmvCashFen: number }) => [
        d.periodStart,
        d.orders,
        d.gmvCashFen,
      ]),
      [
        ['2026-03-09T16:00:00.000Z', 1, 500], // 10 March in Shanghai
        ['2026-03-10T16:00:00.000Z', 1, 500], // 11 March in Shanghai
      ],
    );
    // Top listings of 11 March (Shanghai): only the 00:30 sale.
    const top11 = await sys.gql(bankAdmin(1), TOP, { b: '1', f: '2026-03-10T16:00:00Z', t: '2026-03-11T16:00:00Z' });
    assert.equal(top11.errors, undefined, JSON.stringify(top11.errors));
    assert.deepEqual(top11.data!.topListings, [{ listing: { id: listingB }, quantity: 1 }]);
    const top10 = await sys.gql(bankAdmin(1), TOP, { b: '1', f: '2026-03-09T16:00:00Z', t: '2026-03-10T16:00:00Z' });
    assert.deepEqual(top10.data!.topListings, [{ listing: { id: listingA }, quantity: 1 }]);
  });

  it('a delivery at 00:30 on 1 November Shanghai time (16:30 UTC on 31 October) is settled in November; one at 23:30 in October', async () => {
    const delivered = async (key: string, at: string): Promise<number> => {
      const o = await sys.gql(customer(1, 7), CHECKOUT, {
        input: { mallId, lines: [{ listingId: listingA, quantity: 1 }], shippingAddress: ADDRESS, idempotencyKey: key },
      });
      assert.equal(o.errors, undefined, JSON.stringify(o.errors));
      const orderId = Number(o.data!.checkout.order.id);
      const so = await (await ordersEm()).findOneOrFail(SupplierOrder, { orderId });
      await markShipped(sys, so.id);
      const d = await sys.asService(
        'orders',
        'mutation($id: ID!, $at: DateTime!) { recordSupplierOrderProgress(supplierOrderId: $id, status: DELIVERED, at: $at) { status } }',
        { id: String(so.id), at },
      );
      assert.equal(d.errors, undefined, JSON.stringify(d.errors));
      return orderId;
    };
    const october = await delivered('bank-time-oct-1', '2026-10-31T15:30:00Z');
    const november = await delivered('bank-time-nov-1', '2026-10-31T16:30:00Z');
    const linesOf = async (period: string) => {
      const r = await sys.gql(bankAdmin(1), STATEMENTS, { p: period });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      return r.data!.settlementStatements.edges.flatMap(({ node: s }: any) =>
        s.lines.edges.map((e: any) => Number(e.node.orderId)),
      );
    };
    assert.deepEqual(await linesOf('2026-10'), [october]);
    assert.deepEqual(await linesOf('2026-11'), [november]);
  });
});
