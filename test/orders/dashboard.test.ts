import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import type { Principal } from '../../core/identity';
import { Order } from '../../subgraphs/orders/entities/order';
import { OrderLine } from '../../subgraphs/orders/entities/order-line';
import { SupplierOrder } from '../../subgraphs/orders/entities/supplier-order';
import { Customer } from '../../subgraphs/tenants/entities/customer';
import { Tier } from '../../subgraphs/tenants/entities/tier';
import { addDays, localDay } from '../../subgraphs/orders/services/local-time';
import {
  bucketsOf,
  DashboardService,
  ReportGranularity,
  TopListingsOrder,
} from '../../subgraphs/orders/services/dashboard.service';
import { csvField, yuan } from '../../subgraphs/orders/services/dashboard-csv';
import { ReportWriter } from '../../subgraphs/orders/services/reports.writer';
import { setBalance } from '../loyalty/helpers';
import { customerRef } from '../../scripts/seed/demo-plan';
import { bankOperator, customer as customerOf, supplierAdmin } from '../principals';
import {
  ADDRESS,
  CHECKOUT,
  bankAdmin,
  createListing,
  customer,
  markShipped,
  partnerApp,
  platform,
  setStock,
  setUpMall,
} from './helpers';

const DASHBOARD = `query($i: SalesDashboardInput!) { salesDashboard(input: $i) {
  bankId mallId fromDay toDay granularity timeZone rangeStart rangeEnd version
  totals { orders gmvCashFen gmvPointsValueFen gmvFen pointsRedeemed refunds refundedCashFen refundedPointsValueFen pointsShareBp activeCustomers }
  series { periodStart label orders gmvCashFen gmvPointsValueFen pointsRedeemed refunds }
  topListings { listing { id } titleAsSold quantity cashFen pointsValueFen points }
  byTier { tierId orders gmvCashFen gmvPointsValueFen pointsRedeemed refunds refundedCashFen }
  byCampaign { campaignId orders quantity cashFen pointsValueFen points }
  points { earned redeemed expired redemptionRateBp series { periodStart label earned redeemed expired } } } }`;
const VERSION = `query($i: SalesDashboardRangeInput!) { salesDashboardVersion(input: $i) }`;
const CSV = `query($i: SalesDashboardInput!, $t: SalesDashboardTable!, $l: CsvLanguage!) {
  salesDashboardCsv(input: $i, table: $t, language: $l) { fileName contentType rows csv } }`;

describe('dashboard buckets and CSV (pure)', () => {
  it("days of Asia/Shanghai start at 16:00 UTC; an hourly range of two days has 48 buckets labelled in the bank's time", () => {
    const days = bucketsOf('2026-03-10', '2026-03-11', ReportGranularity.DAY, 'Asia/Shanghai');
    assert.deepEqual(
      days.buckets.map((b) => [b.label, b.periodStart.toISOString()]),
      [
        ['2026-03-10', '2026-03-09T16:00:00.000Z'],
        ['2026-03-11', '2026-03-10T16:00:00.000Z'],
      ],
    );
    assert.equal(days.keyOf(new Date('2026-03-10T15:00:00Z')), '2026-03-10'); // 23:00 local
    assert.equal(days.keyOf(new Date('2026-03-10T16:00:00Z')), '2026-03-11'); // 00:00 local
    const hours = bucketsOf('2026-03-10', '2026-03-11', ReportGranularity.HOUR, 'Asia/Shanghai');
    assert.equal(hours.buckets.length, 48);
    assert.equal(hours.buckets[0]!.label, '2026-03-10 00:00');
    assert.equal(hours.buckets[47]!.label, '2026-03-11 23:00');
    assert.equal(hours.end.toISOString(), '2026-03-11T16:00:00.000Z');
  });

  it('DST-safe: the New York day clocks go back has 25 hourly buckets (two labelled 01:00), the day they go forward 23', () => {
    const back = bucketsOf('2026-11-01', '2026-11-01', ReportGranularity.HOUR, 'America/New_York');
    assert.equal(back.buckets.length, 25);
    assert.equal(back.buckets.filter((b) => b.label === '2026-11-01 01:00').length, 2);
    assert.equal(back.start.toISOString(), '2026-11-01T04:00:00.000Z');
    assert.equal(back.end.toISOString(), '2026-11-02T05:00:00.000Z');
    const forward = bucketsOf('2026-03-08', '2026-03-08', ReportGranularity.HOUR, 'America/New_York');
    assert.equal(forward.buckets.length, 23);
    assert.ok(!forward.buckets.some((b) => b.label === '2026-03-08 02:00'));
    // Days across both changes start at local midnight whatever the offset that day.
    const days = bucketsOf('2026-10-31', '2026-11-02', ReportGranularity.DAY, 'America/New_York');
    assert.deepEqual(
      days.buckets.map((b) => b.periodStart.toISOString()),
      ['2026-10-31T04:00:00.000Z', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'],
    );
  });

  it('months: a range from mid-January to early March has three buckets, the first starting where the range does', () => {
    const m = bucketsOf('2026-01-15', '2026-03-02', ReportGranularity.MONTH, 'Asia/Shanghai');
    assert.deepEqual(
      m.buckets.map((b) => [b.label, b.periodStart.toISOString()]),
      [
        ['2026-01', '2026-01-14T16:00:00.000Z'],
        ['2026-02', '2026-01-31T16:00:00.000Z'],
        ['2026-03', '2026-02-28T16:00:00.000Z'],
      ],
    );
    assert.equal(m.keyOf(new Date('2026-01-31T16:00:00Z')), '2026-02');
  });

  it('a zone on a half-hour offset (Asia/Kolkata): hourly buckets are the UTC hours that start in the range, labelled :30', () => {
    const h = bucketsOf('2026-03-10', '2026-03-10', ReportGranularity.HOUR, 'Asia/Kolkata');
    assert.equal(h.buckets.length, 24);
    assert.equal(h.buckets[0]!.label, '2026-03-10 00:30');
    assert.equal(h.buckets[0]!.periodStart.toISOString(), '2026-03-09T19:00:00.000Z');
  });

  it('CSV fields: quotes, commas and line breaks are quoted; formula-like text gets an apostrophe; yuan by integer arithmetic', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('他说"好"'), '"他说""好"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('=HYPERLINK("x")', true), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('+86 phone', true), "'+86 phone");
    assert.equal(csvField(-1234), '-1234', 'a number is never guarded');
    assert.equal(csvField(null), '');
    assert.deepEqual(
      [yuan(0), yuan(5), yuan(1234), yuan(-1234), yuan(100_000_001)],
      ['0.00', '0.05', '12.34', '-12.34', '1000000.01'],
    );
  });

  it('range limits: 31 days hourly, 731 days daily, 1096 monthly; top listings 1 to 50; dates must exist', () => {
    const q = {
      bankId: 1,
      mallId: null,
      fromDay: '2026-01-01',
      toDay: '2026-01-31',
      granularity: ReportGranularity.HOUR,
      topListings: 10,
      topListingsBy: TopListingsOrder.UNITS,
    };
    DashboardService.validate(q);
    assert.throws(() => DashboardService.validate({ ...q, toDay: '2026-02-01' }), /at most 31 days/);
    DashboardService.validate({ ...q, granularity: ReportGranularity.DAY, toDay: addDays('2026-01-01', 730) });
    assert.throws(
      () => DashboardService.validate({ ...q, granularity: ReportGranularity.DAY, toDay: addDays('2026-01-01', 731) }),
      /at most 731 days/,
    );
    assert.throws(() => DashboardService.validate({ ...q, fromDay: '2026-02-30' }), /not valid/);
    assert.throws(() => DashboardService.validate({ ...q, toDay: '2025-12-31' }), /on or before/);
    assert.throws(() => DashboardService.validate({ ...q, topListings: 51 }), /1 to 50/);
    assert.throws(() => DashboardService.validate({ ...q, topListings: 0 }), /1 to 50/);
  });
});

interface Figures {
  orders: number;
  gmvCashFen: number;
  gmvPointsValueFen: number;
  pointsRedeemed: number;
}

describe('the bank dashboard through the real system (bank 1: 100 points per yuan)', () => {
  let sys: TestSystem;
  let mallId: string;
  let listingA: string; // 300 points + 15.00 CNY
  let listingB: string; // 20.00 CNY, 10.00 in the campaign
  let campaignId: string;
  let goldTier: number;
  // The bank's days around now: yesterday and today in Asia/Shanghai (a sale now is in today).
  const today = localDay(new Date(), 'Asia/Shanghai');
  const range = { bankId: '1', fromDay: addDays(today, -1), toDay: today };
  const paid: { id: number; customerId: number; tier: number | null; cash: number; points: number; value: number }[] =
    [];

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    await setStock(sys, m.physical.id, 100);
    await setStock(sys, m.physical2.id, 100);
    listingA = await createListing(sys, {
      mallId,
      skuId: String(m.physical.id),
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: 300,
      priceFen: 1500,
    });
    listingB = await createListing(sys, { mallId, skuId: String(m.physical2.id), priceMode: 'CASH', priceFen: 2000 });
    // Customer 3 is gold, customer 4 has no tier (set as loyalty would have).
    const tenants = (await sys.orm('tenants')).em.fork();
    goldTier = (await tenants.findOneOrFail(Tier, { bankId: 1, name: '金卡' })).id;
    await tenants.nativeUpdate(Customer, { id: 3 }, { tierId: goldTier });
    await tenants.nativeUpdate(Customer, { id: 4 }, { tierId: null });
    await setBalance(sys, 1, 3, 100_000, 'dashboard-3');
    await setBalance(sys, 1, 4, 100_000, 'dashboard-4');
    // Half price on B, live in a few seconds.
    const start = Math.ceil(Date.now() / 1000) * 1000 + 6000;
    const created = await sys.gql(
      bankAdmin(1),
      'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id } } }',
      {
        i: {
          mallId,
          template: 'CUSTOM',
          name: '双十二',
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 3_600_000).toISOString(),
          discountBp: 5000,
          listingIds: [listingB],
        },
      },
    );
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    campaignId = created.data!.createCampaign.campaign.id;
    const sched = await sys.gql(
      bankAdmin(1),
      'mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { campaign { status } } }',
      { i: { campaignId } },
    );
    assert.equal(sched.errors, undefined, JSON.stringify(sched.errors));
    await new Promise((r) => setTimeout(r, Math.max(0, start - Date.now() + 500)));
  });
  after(async () => {
    await sys?.stop();
  });

  const ordersEm = async () => (await sys.orm('orders')).em.fork();

  async function buy(customerId: number, lines: { listingId: string; quantity: number }[]): Promise<void> {
    const c = await sys.gql(customer(1, customerId), CHECKOUT, {
      input: { mallId, lines, shippingAddress: ADDRESS, idempotencyKey: `dash-${randomUUID()}` },
    });
    assert.equal(c.errors, undefined, JSON.stringify(c.errors));
    const o = c.data!.checkout.order;
    if (o.status === 'PENDING_PAYMENT') {
      const p = await sys.gql(
        bankAdmin(1),
        'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }',
        {
          i: { orderId: o.id, paymentRef: `dash-pay-${o.id}`, amountFen: o.cashFen },
        },
      );
      assert.equal(p.errors, undefined, JSON.stringify(p.errors));
      assert.equal(p.data!.confirmPayment.status, 'PAID');
    }
    const order = await (await ordersEm()).findOneOrFail(Order, Number(o.id));
    paid.push({
      id: order.id,
      customerId,
      tier: order.tierId ?? null,
      cash: order.cashFen,
      points: order.totalPoints,
      value: order.pointsValueFen,
    });
  }

  async function dashboard(as: Principal, input: Record<string, unknown>, requestId?: string) {
    const r = await sys.gql(as, DASHBOARD, { i: input }, requestId ? { requestId } : {});
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.salesDashboard;
  }

  async function version(input: Record<string, unknown> = range): Promise<string> {
    const r = await sys.gql(bankAdmin(1), VERSION, { i: input });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!.salesDashboardVersion;
  }

  const sum = (os: typeof paid): Figures => ({
    orders: os.length,
    gmvCashFen: os.reduce((s, o) => s + o.cash, 0),
    gmvPointsValueFen: os.reduce((s, o) => s + o.value, 0),
    pointsRedeemed: os.reduce((s, o) => s + o.points, 0),
  });

  it('freshness: a purchase is in the next poll — the version moves and the figures include it, with no wait', async () => {
    const before = await dashboard(bankAdmin(1), { ...range, mallId });
    const v0 = await version({ ...range, mallId });
    assert.equal(before.version, v0);
    assert.equal(before.totals.orders, 0);
    await buy(3, [{ listingId: listingA, quantity: 2 }]);
    const v1 = await version({ ...range, mallId });
    assert.notEqual(v1, v0);
    const after = await dashboard(bankAdmin(1), { ...range, mallId });
    assert.equal(after.version, v1);
    assert.equal(after.totals.orders, 1);
    assert.equal(after.totals.gmvCashFen, 3000);
    // Unchanged when nothing happened.
    assert.equal(await version({ ...range, mallId }), v1);
  });

  it('after purchases across tiers and a campaign: totals, by tier, by campaign and top listings exact to the fen', async () => {
    await buy(4, [{ listingId: listingB, quantity: 1 }]); // no tier, campaign price 10.00
    await buy(3, [
      { listingId: listingA, quantity: 1 },
      { listingId: listingB, quantity: 1 },
    ]); // gold, one line in the campaign
    const d = await dashboard(bankAdmin(1), { ...range, mallId, granularity: 'HOUR', topListings: 5 });
    const all = sum(paid);
    assert.deepEqual(all, { orders: 3, gmvCashFen: 3000 + 1000 + 2500, gmvPointsValueFen: 900, pointsRedeemed: 900 });
    const gmv = all.gmvCashFen + all.gmvPointsValueFen;
    assert.deepEqual(d.totals, {
      ...all,
      gmvFen: gmv,
      refunds: 0,
      refundedCashFen: 0,
      refundedPointsValueFen: 0,
      pointsShareBp: Math.floor((all.gmvPointsValueFen * 10_000) / gmv),
      activeCustomers: 2,
    });
    assert.equal(d.timeZone, 'Asia/Shanghai');
    // 48 hourly buckets of the two bank days, adding up to the totals.
    assert.equal(d.series.length, 48);
    assert.equal(d.series[0].label, `${range.fromDay} 00:00`);
    const seriesSum = d.series.reduce(
      (a: Figures, b: Figures) => ({
        orders: a.orders + b.orders,
        gmvCashFen: a.gmvCashFen + b.gmvCashFen,
        gmvPointsValueFen: a.gmvPointsValueFen + b.gmvPointsValueFen,
        pointsRedeemed: a.pointsRedeemed + b.pointsRedeemed,
      }),
      { orders: 0, gmvCashFen: 0, gmvPointsValueFen: 0, pointsRedeemed: 0 },
    );
    assert.deepEqual(seriesSum, all);
    const gold = sum(paid.filter((o) => o.tier === goldTier));
    const none = sum(paid.filter((o) => o.tier === null));
    assert.equal(gold.orders, 2);
    assert.deepEqual(
      d.byTier,
      [
        { tierId: null, ...none, refunds: 0, refundedCashFen: 0 },
        { tierId: String(goldTier), ...gold, refunds: 0, refundedCashFen: 0 },
      ].sort((a, b) => (a.tierId === null ? -1 : b.tierId === null ? 1 : Number(a.tierId) - Number(b.tierId))),
    );
    // By campaign: B at 10.00 twice (orders 2 and 3); A at its own price (orders 1 and 3).
    assert.deepEqual(d.byCampaign, [
      { campaignId: null, orders: 2, quantity: 3, cashFen: 4500, pointsValueFen: 900, points: 900 },
      { campaignId, orders: 2, quantity: 2, cashFen: 2000, pointsValueFen: 0, points: 0 },
    ]);
    assert.deepEqual(
      d.topListings.map((l: any) => [l.listing.id, l.quantity, l.cashFen, l.pointsValueFen, l.points]),
      [
        [listingA, 3, 4500, 900, 900],
        [listingB, 2, 2000, 0, 0],
      ],
    );
    assert.ok(d.topListings[0].titleAsSold.length > 0);
    // Ranked by GMV instead: the same order here (A 54.00, B 20.00); top 1 is A alone.
    const byGmv = await dashboard(bankAdmin(1), { ...range, mallId, topListings: 1, topListingsBy: 'GMV' });
    assert.deepEqual(
      byGmv.topListings.map((l: any) => l.listing.id),
      [listingA],
    );
    // Tier and campaign names come through tenants (federated references).
    const named = await sys.gql(
      bankAdmin(1),
      'query($i: SalesDashboardInput!) { salesDashboard(input: $i) { byTier { tierId tier { id name } } byCampaign { campaignId campaign { id name } } } }',
      { i: { ...range, mallId } },
    );
    assert.equal(named.errors, undefined, JSON.stringify(named.errors));
    assert.deepEqual(named.data!.salesDashboard.byTier, [
      { tierId: null, tier: null },
      { tierId: String(goldTier), tier: { id: String(goldTier), name: '金卡' } },
    ]);
    assert.deepEqual(named.data!.salesDashboard.byCampaign, [
      { campaignId: null, campaign: null },
      { campaignId, campaign: { id: campaignId, name: '双十二' } },
    ]);
    // Daily: two buckets, today's holding everything.
    const days = await dashboard(bankAdmin(1), { ...range, mallId, granularity: 'DAY' });
    assert.deepEqual(
      days.series.map((b: any) => [b.label, b.orders, b.gmvCashFen]),
      [
        [range.fromDay, 0, 0],
        [range.toDay, 3, all.gmvCashFen],
      ],
    );
  });

  it('a refund shows as a refund and reduces net GMV, points and the refunded listing in the period it is booked; orders stay', async () => {
    const em = await ordersEm();
    const first = paid[0]!;
    const so = await em.findOneOrFail(SupplierOrder, { orderId: first.id });
    const line = await em.findOneOrFail(OrderLine, { orderId: first.id });
    await markShipped(sys, so.id);
    const req = await sys.gql(
      customerOf(1, 3),
      'mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id } }',
      {
        i: {
          supplierOrderId: String(so.id),
          lines: [{ orderLineId: String(line.id), quantity: 1 }],
          reason: '尺码不合适',
        },
      },
    );
    assert.equal(req.errors, undefined, JSON.stringify(req.errors));
    const dec = await sys.gql(
      supplierAdmin(so.supplierId),
      'mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state pointsRefunded cashRefundFen pointsValueFen } }',
      { i: { refundId: req.data!.requestRefund.id, approve: true } },
    );
    assert.equal(dec.errors, undefined, JSON.stringify(dec.errors));
    const refund = dec.data!.decideRefund;
    assert.deepEqual(refund, { state: 'APPROVED', pointsRefunded: 300, cashRefundFen: 1500, pointsValueFen: 300 });
    const all = sum(paid);
    const d = await dashboard(bankAdmin(1), { ...range, mallId });
    assert.deepEqual(
      [d.totals.orders, d.totals.gmvCashFen, d.totals.gmvPointsValueFen, d.totals.pointsRedeemed],
      [3, all.gmvCashFen - 1500, all.gmvPointsValueFen - 300, all.pointsRedeemed - 300],
    );
    assert.deepEqual([d.totals.refunds, d.totals.refundedCashFen, d.totals.refundedPointsValueFen], [1, 1500, 300]);
    const gold = d.byTier.find((t: any) => t.tierId === String(goldTier));
    assert.deepEqual([gold.refunds, gold.refundedCashFen], [1, 1500]);
    assert.deepEqual(
      d.topListings.map((l: any) => [l.listing.id, l.quantity, l.cashFen]),
      [
        [listingA, 2, 3000],
        [listingB, 2, 2000],
      ],
    );
    assert.deepEqual(d.byCampaign[0], {
      campaignId: null,
      orders: 2,
      quantity: 2,
      cashFen: 3000,
      pointsValueFen: 600,
      points: 600,
    });
  });

  it("sales at 23:30 and 00:30 in the bank's time zone fall in two bank days and in the hours labelled so", async () => {
    const em = await ordersEm();
    const order = {
      bankId: 1,
      mallId: Number(mallId),
      cashFen: 700,
      pointsValueFen: 0,
      totalPoints: 0,
      pointsAppliedToCash: 0,
      shippingFen: 0,
      timeZone: 'Asia/Shanghai',
      tierId: goldTier,
    } as Order;
    const lines = (id: number) => [
      {
        id,
        listingId: Number(listingB),
        campaignId: null,
        title: '测试',
        quantity: 1,
        unitPoints: 0,
        unitFen: 700,
        supplierId: 1,
        supplierPriceFen: 80,
        refundedQuantity: 0,
      } as OrderLine,
    ];
    await em.transactional(async (tx) => {
      await new ReportWriter(tx as never).orderPaid(order, lines(900101), new Date('2026-03-10T15:30:00Z'));
      await new ReportWriter(tx as never).orderPaid(order, lines(900102), new Date('2026-03-10T16:30:00Z'));
    });
    const input = { bankId: '1', mallId, fromDay: '2026-03-10', toDay: '2026-03-11' };
    const days = await dashboard(bankAdmin(1), { ...input, granularity: 'DAY' });
    assert.deepEqual(
      days.series.map((b: any) => [b.label, b.periodStart, b.orders, b.gmvCashFen]),
      [
        ['2026-03-10', '2026-03-09T16:00:00.000Z', 1, 700],
        ['2026-03-11', '2026-03-10T16:00:00.000Z', 1, 700],
      ],
    );
    const hours = await dashboard(bankAdmin(1), { ...input, granularity: 'HOUR' });
    assert.deepEqual(
      hours.series.filter((b: any) => b.orders > 0).map((b: any) => [b.label, b.periodStart]),
      [
        ['2026-03-10 23:00', '2026-03-10T15:00:00.000Z'],
        ['2026-03-11 00:00', '2026-03-10T16:00:00.000Z'],
      ],
    );
    const oneDay = await dashboard(bankAdmin(1), { ...input, toDay: '2026-03-10', granularity: 'DAY' });
    assert.equal(oneDay.totals.orders, 1);
    assert.deepEqual(
      oneDay.topListings.map((l: any) => l.quantity),
      [1],
    );
    const months = await dashboard(bankAdmin(1), {
      ...input,
      fromDay: '2026-02-01',
      toDay: '2026-04-30',
      granularity: 'MONTH',
    });
    assert.deepEqual(
      months.series.map((b: any) => [b.label, b.orders]),
      [
        ['2026-02', 0],
        ['2026-03', 2],
        ['2026-04', 0],
      ],
    );
  });

  it('statements per request do not grow with the range or N: 6 in orders and 1 in loyalty for a dashboard (one day of hours, two years of days, three years of months; top 1 or 50), 2 for a version poll', async () => {
    const counts: number[] = [];
    for (const input of [
      { bankId: '1', fromDay: today, toDay: today, granularity: 'HOUR', topListings: 1 },
      { bankId: '1', fromDay: addDays(today, -730), toDay: today, granularity: 'DAY', topListings: 50 },
      { bankId: '1', mallId, fromDay: addDays(today, -1095), toDay: today, granularity: 'MONTH', topListings: 50 },
    ]) {
      const id = randomUUID();
      await dashboard(bankAdmin(1), input, id);
      counts.push(await sys.statements('orders', id), await sys.statements('loyalty', id));
    }
    // orders 6, loyalty 1 (its `points`), for each of the three.
    assert.deepEqual(counts, [6, 1, 6, 1, 6, 1]);
    const id = randomUUID();
    const r = await sys.gql(bankAdmin(1), VERSION, { i: range }, { requestId: id });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.equal(await sys.statements('orders', id), 2);
  });

  it('CSV export: the same rows as the dashboard, integers plus yuan, zh-CN or English headers, quoted where needed', async () => {
    const input = { ...range, mallId };
    const d = await dashboard(bankAdmin(1), input);
    const r = await sys.gql(bankAdmin(1), CSV, { i: input, t: 'TOP_LISTINGS', l: 'EN' });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const csv = r.data!.salesDashboardCsv;
    assert.equal(csv.contentType, 'text/csv; charset=utf-8');
    assert.equal(csv.rows, d.topListings.length);
    assert.match(csv.fileName, /^sales-1-mall\d+-top-listings-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.ok(csv.csv.startsWith('\uFEFF'));
    const rows = csv.csv.slice(1).trimEnd().split('\r\n');
    assert.equal(
      rows[0],
      'rank,listing_id,title,units,gmv_cash_fen,gmv_cash_yuan,gmv_points_value_fen,gmv_points_value_yuan,gmv_total_yuan,points',
    );
    assert.equal(rows.length, 1 + d.topListings.length);
    const a = d.topListings[0];
    assert.ok(rows[1]!.startsWith(`1,${a.listing.id},`));
    assert.ok(
      rows[1]!.endsWith(
        `,${a.quantity},${a.cashFen},${yuan(a.cashFen)},${a.pointsValueFen},${yuan(a.pointsValueFen)},${yuan(a.cashFen + a.pointsValueFen)},${a.points}`,
      ),
      rows[1],
    );
    const zh = await sys.gql(bankAdmin(1), CSV, { i: { ...input, granularity: 'DAY' }, t: 'SERIES', l: 'ZH_CN' });
    assert.equal(zh.errors, undefined, JSON.stringify(zh.errors));
    const zhRows = zh.data!.salesDashboardCsv.csv.slice(1).trimEnd().split('\r\n');
    assert.ok(zhRows[0].startsWith('时段,时段开始(UTC),订单数,现金GMV(分),现金GMV(元)'), zhRows[0]);
    assert.equal(zhRows.length, 3);
    assert.ok(zhRows[2].startsWith(`${range.toDay},`));
    const totals = await sys.gql(bankAdmin(1), CSV, { i: input, t: 'TOTALS', l: 'EN' });
    const [, line] = totals.data!.salesDashboardCsv.csv.slice(1).trimEnd().split('\r\n');
    assert.ok(
      line.startsWith(
        `${range.fromDay},${range.toDay},Asia/Shanghai,${d.totals.orders},${d.totals.gmvCashFen},${yuan(d.totals.gmvCashFen)},`,
      ),
      line,
    );
  });

  it('range limits and bad input are BAD_USER_INPUT naming the field', async () => {
    const refused = async (input: Record<string, unknown>, field: string) => {
      const r = await sys.gql(bankAdmin(1), DASHBOARD, { i: input });
      assert.equal(errorCode(r), 'BAD_USER_INPUT', JSON.stringify(r.errors));
      assert.ok(
        (r.errors![0]!.extensions!.problems as { field: string }[]).some((p) => p.field === field),
        JSON.stringify(r.errors),
      );
    };
    await refused({ bankId: '1', fromDay: '2026-01-01', toDay: '2026-02-01', granularity: 'HOUR' }, 'input.toDay');
    await refused({ bankId: '1', fromDay: '2024-01-01', toDay: '2026-01-02', granularity: 'DAY' }, 'input.toDay');
    await refused({ bankId: '1', fromDay: '2020-01-01', toDay: '2026-01-02', granularity: 'MONTH' }, 'input.toDay');
    await refused({ bankId: '1', fromDay: '2026-01-02', toDay: '2026-01-01' }, 'input.toDay');
    await refused({ bankId: '1', fromDay: '2026-02-30', toDay: '2026-03-01' }, 'input.fromDay');
    await refused({ bankId: '1', fromDay: '1 March', toDay: '2026-03-01' }, 'input.fromDay');
    await refused({ bankId: '1', fromDay: '2026-03-01', toDay: '2026-03-01', topListings: 51 }, 'input.topListings');
    const v = await sys.gql(bankAdmin(1), VERSION, { i: { bankId: '1', fromDay: '2020-01-01', toDay: '2026-01-02' } });
    assert.equal(errorCode(v), 'BAD_USER_INPUT');
  });

  it('permissions: staff with SEE_REPORTS of their own bank; another bank is NOT_FOUND; without SEE_REPORTS, customers and suppliers FORBIDDEN; the platform any bank', async () => {
    const own = await dashboard(bankAdmin(1), range);
    const analyst = await dashboard({ ...bankOperator(1), permissions: ['SEE_REPORTS'] }, range);
    assert.deepEqual(analyst.totals, own.totals);
    const viaPlatform = await dashboard(platform, range);
    assert.deepEqual(viaPlatform.totals, own.totals);
    assert.ok(own.totals.orders >= 3);
    for (const q of [DASHBOARD, VERSION]) {
      const vars = { i: range };
      assert.equal(errorCode(await sys.gql(bankAdmin(2), q, vars)), 'NOT_FOUND', 'another bank');
      assert.equal(
        errorCode(await sys.gql({ ...bankOperator(1), permissions: ['SERVE_CUSTOMERS'] }, q, vars)),
        'FORBIDDEN',
        'no SEE_REPORTS',
      );
      assert.equal(errorCode(await sys.gql(customer(1, 3), q, vars)), 'FORBIDDEN');
      assert.equal(errorCode(await sys.gql(supplierAdmin(1), q, vars)), 'FORBIDDEN');
    }
    assert.equal(
      errorCode(await sys.gql(bankAdmin(2), CSV, { i: range, t: 'TOTALS', l: 'EN' })),
      'NOT_FOUND',
      'CSV of another bank',
    );
    // Bank 2 asking for its own dashboard with bank 1's mall sees nothing of it.
    const other = await dashboard(bankAdmin(2), { ...range, bankId: '2', mallId });
    assert.equal(other.totals.orders, 0);
  });

  it('points earned, redeemed and the redemption rate come from loyalty in the same query, over the same periods', async () => {
    const before = await dashboard(bankAdmin(1), { ...range, granularity: 'HOUR' });
    const ev = await sys.gql(
      partnerApp(1),
      'mutation($input: RecordBankEventInput!) { recordBankEvent(input: $input) { pointsAwarded } }',
      {
        input: {
          customerRef: customerRef(1, 3),
          product: 'CREDIT_CARD',
          amountFen: 250_000,
          occurredAt: new Date().toISOString(),
          idempotencyKey: `dash-earn-${randomUUID()}`,
        },
      },
    );
    assert.equal(ev.errors, undefined, JSON.stringify(ev.errors));
    const awarded: number = ev.data!.recordBankEvent.pointsAwarded;
    assert.ok(awarded > 0);
    await buy(3, [{ listingId: listingA, quantity: 1 }]); // 300 points
    const after = await dashboard(bankAdmin(1), { ...range, granularity: 'HOUR' });
    assert.equal(after.points.earned - before.points.earned, awarded);
    assert.equal(after.points.redeemed - before.points.redeemed, 300);
    assert.equal(
      after.points.redemptionRateBp,
      Math.floor((Math.max(0, after.points.redeemed) * 10_000) / after.points.earned),
    );
    // The loyalty series has the sales series' periods and adds up to its totals.
    assert.deepEqual(
      after.points.series.map((b: any) => [b.periodStart, b.label]),
      after.series.map((b: any) => [b.periodStart, b.label]),
    );
    const add = (k: 'earned' | 'redeemed' | 'expired') =>
      after.points.series.reduce((s: number, b: any) => s + b[k], 0);
    assert.deepEqual(
      [add('earned'), add('redeemed'), add('expired')],
      [after.points.earned, after.points.redeemed, after.points.expired],
    );
    // Another bank's staff reach neither half; the platform reads both.
    assert.equal(errorCode(await sys.gql(bankAdmin(2), DASHBOARD, { i: range })), 'NOT_FOUND');
    const viaPlatform = await dashboard(platform, { ...range, granularity: 'HOUR' });
    assert.deepEqual(viaPlatform.points, after.points);
  });
});
