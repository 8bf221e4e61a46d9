/**
 * Commission (issue 19): the platform's rates per supplier × category with validity dates, applied
 * per delivered line; discounts funded by the bank, the supplier and both, and a campaign co-funded
 * by the supplier, as their own statement lines; partial refunds after delivery give back exactly
 * their share. The statement's figures equal the sum of their lines and an independent computation.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, ok, startTestSystem, type TestSystem } from '../harness';
import { Sku } from '../../subgraphs/catalog/entities/sku';
import { OrderLine } from '../../subgraphs/orders/entities/order-line';
import { SettlementLine, SettlementStatement } from '../../subgraphs/orders/entities/settlement';
import { ADDRESS, PAY, REQUEST_REFUND, bankAdmin, createListing, customer, setStock, setUpMall } from './helpers';
import { bankOperator, platform, supplierAdmin } from '../principals';

const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { order { id cashFen
  lines { id quantity discounts { fen points fundedBy bankShareBp } } supplierOrders { id } } } }`;
const SET_RATE = `mutation($i: SetCommissionRateInput!) { setCommissionRate(input: $i) { id rateBp validFrom validTo categoryId supplierId } }`;
const END_RATE = `mutation($id: ID!, $to: String!) { endCommissionRate(id: $id, validTo: $to) { id validTo } }`;
const RATES = `query($s: ID!) { commissionRates(supplierId: $s) { id categoryId rateBp validFrom validTo } }`;
const DECIDE = 'mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state } }';
const STATEMENTS = `query($s: ID, $p: String) { settlementStatements(supplierId: $s, period: $p, first: 5) { edges { node { id period totalFen commissionFen
  lines(first: 500) { edges { node { kind amountFen rateBp orderLineId quantity } } } } } } }`;
/** The statements of a STATEMENTS answer (a connection). */
const nodesOf = (c: { edges: { node: any }[] }): any[] => c.edges.map((e) => e.node);

/** Category paths the test gives its two SKUs: A sits under 9001 (rate set on the parent), B in 9003. */
const PATH_A = '/9001/9002/';
const PATH_B = '/9003/';
const RATE_PARENT_A = 500;
const RATE_B = 1200;
const RATE_DEFAULT = 300;

const floorDiv = (a: bigint, b: bigint) => Number(a / b);
const commission = (units: number, price: number, bp: number) =>
  floorDiv(BigInt(units) * BigInt(price) * BigInt(bp), 10000n);
const shareOf = (total: number, units: number, quantity: number) =>
  units >= quantity ? total : floorDiv(BigInt(total) * BigInt(units), BigInt(quantity));

describe('commission, discount funding and co-funding on statements', () => {
  let sys: TestSystem;
  let supplierId: number;
  let otherSupplier: number;
  let skuA: Sku;
  let skuB: Sku;
  const listings: Record<string, string> = {};
  let n = 0;

  before(async () => {
    sys = await startTestSystem();
    const m1 = await setUpMall(sys);
    const m2 = await setUpMall(sys);
    const catalog = (await sys.orm('catalog')).em.fork();
    supplierId = m1.physical.supplierId;
    otherSupplier = m1.virtual.supplierId === supplierId ? supplierId + 1 : m1.virtual.supplierId;
    // Both goods of one supplier, in two categories the test names.
    await catalog.nativeUpdate(Sku, { id: m1.physical.id }, { categoryPath: PATH_A });
    await catalog.nativeUpdate(Sku, { id: m1.physical2.id }, { categoryPath: PATH_B, supplierId });
    skuA = await catalog.findOneOrFail(Sku, m1.physical.id, { refresh: true });
    skuB = await catalog.findOneOrFail(Sku, m1.physical2.id, { refresh: true });
    await setStock(sys, skuA.id, 500);
    await setStock(sys, skuB.id, 500);
    const cash = (mallId: string, skuId: number, priceFen: number) =>
      createListing(sys, { mallId, skuId: String(skuId), priceMode: 'CASH', pricePoints: 0, priceFen });
    listings.bankA = await cash(m1.mallId, skuA.id, 13_333);
    listings.supplierB = await cash(m1.mallId, skuB.id, 11_667);
    listings.sharedA = await cash(m2.mallId, skuA.id, 12_345);
    listings.campaignB = await cash(m2.mallId, skuB.id, 10_001);
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const rule = async (listingId: string, fundedBy: string, percentBp: number, bankShareBp?: number) =>
      ok(
        await sys.gql(
          bankOperator(1),
          'mutation($i: CreateBenefitRuleInput!) { createBenefitRule(input: $i) { benefitRule { id } } }',
          {
            i: {
              name: `权益-${fundedBy}`,
              // A per-listing discount: QUOTA (enough units for every order of the month).
              kind: 'QUOTA',
              quotaUnits: 50,
              quotaPeriod: 'MONTH',
              quotaDiscountBp: percentBp,
              startsAt: since,
              fundedBy,
              listingIds: [listingId],
              ...(bankShareBp != null ? { bankShareBp } : {}),
            },
          },
        ),
        'createBenefitRule',
      );
    await rule(listings.bankA!, 'BANK', 1000);
    await rule(listings.supplierB!, 'SUPPLIER', 700);
    await rule(listings.sharedA!, 'SHARED', 1500, 6000);
    const campaign = ok<any>(
      await sys.gql(
        bankAdmin(1),
        'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id supplierShareBp } } }',
        {
          i: {
            mallId: m2.mallId,
            template: 'CUSTOM',
            name: '联合补贴',
            startsAt: new Date(Date.now() - 60_000).toISOString(),
            endsAt: new Date(Date.now() + 86_400_000).toISOString(),
            discountBp: 1300,
            listingIds: [listings.campaignB],
            supplierShareBp: 3000,
          },
        },
      ),
      'createCampaign',
    ).campaign;
    assert.equal(campaign.supplierShareBp, 3000);
    const scheduled = await sys.gql(
      bankAdmin(1),
      'mutation($id: ID!) { scheduleCampaign(input: { campaignId: $id }) { campaign { status } } }',
      {
        id: campaign.id,
      },
    );
    assert.equal(scheduled.data?.scheduleCampaign.campaign.status, 'LIVE', JSON.stringify(scheduled.errors));
  });
  after(async () => {
    await sys?.stop();
  });

  const em = async () => (await sys.orm('orders')).em.fork();

  async function deliver(supplierOrderId: string, at = new Date()) {
    const r = await sys.asService(
      'orders',
      'mutation($id: ID!, $at: DateTime!) { recordSupplierOrderProgress(supplierOrderId: $id, status: DELIVERED, at: $at) { status } }',
      { id: supplierOrderId, at: at.toISOString() },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  }

  async function refund(o: any, lineId: string, quantity: number) {
    const so = o.supplierOrders[0].id;
    const req = ok<any>(
      await sys.gql(customer(1, o.customerId), REQUEST_REFUND, {
        i: { supplierOrderId: so, lines: [{ orderLineId: lineId, quantity }], reason: '部分退款' },
      }),
      'requestRefund',
    );
    assert.equal(
      ok<any>(
        await sys.gql(supplierAdmin(supplierId), DECIDE, { i: { refundId: req.id, approve: true } }),
        'decideRefund',
      ).state,
      'APPROVED',
    );
  }

  it('a month of orders: statement totalFen and commissionFen are exact and equal their lines and an independent computation', async () => {
    const set = async (i: Record<string, unknown>) =>
      ok<any>(
        await sys.gql(platform, SET_RATE, { i: { supplierId: String(supplierId), validFrom: '2026-01-01', ...i } }),
        'setCommissionRate',
      );
    await set({ rateBp: RATE_DEFAULT });
    await set({ categoryId: '9001', rateBp: RATE_PARENT_A });
    await set({ categoryId: '9003', rateBp: RATE_B });

    // Which listing is in which mall: checkout takes the mall of its listings.
    const mallOf = async (listingId: string) => {
      const t = (await sys.orm('tenants')).em.fork();
      const [row] = await t.getConnection().execute('SELECT mall_id FROM listing WHERE id = ?', [Number(listingId)]);
      return String(row.mall_id);
    };
    const place = async (listingId: string, quantity: number) => {
      const c = 1 + (n++ % 20);
      const o = ok<any>(
        await sys.gql(customer(1, c), CHECKOUT, {
          input: {
            mallId: await mallOf(listingId),
            lines: [{ listingId, quantity }],
            shippingAddress: ADDRESS,
            idempotencyKey: `commission-${randomUUID()}`,
          },
        }),
        'checkout',
      ).order;
      ok(
        await sys.gql(bankAdmin(1), PAY, {
          i: { orderId: o.id, paymentRef: `P-${randomUUID()}`, amountFen: o.cashFen },
        }),
        'confirmPayment',
      );
      return { ...o, customerId: c };
    };
    const orders = [
      await place(listings.bankA!, 3),
      await place(listings.supplierB!, 4),
      await place(listings.sharedA!, 5),
      await place(listings.campaignB!, 3),
      await place(listings.bankA!, 1),
    ];
    // Who funds what: BANK → nothing for the supplier; SUPPLIER → all; SHARED 60/40 → 40 %, rounded down.
    const [bankO, supplierO, sharedO, campaignO] = orders;
    assert.deepEqual(
      bankO.lines[0].discounts.map((d: any) => d.fundedBy),
      ['BANK'],
    );
    const e = await em();
    const lineOf = async (o: any) => e.findOneOrFail(OrderLine, Number(o.lines[0].id), { refresh: true });
    assert.equal((await lineOf(bankO)).supplierFundedFen, 0);
    const supplierDiscount = supplierO.lines[0].discounts[0];
    assert.equal(supplierDiscount.fundedBy, 'SUPPLIER');
    assert.equal((await lineOf(supplierO)).supplierFundedFen, supplierDiscount.fen);
    const shared = sharedO.lines[0].discounts[0];
    assert.deepEqual([shared.fundedBy, shared.bankShareBp], ['SHARED', 6000]);
    assert.equal((await lineOf(sharedO)).supplierFundedFen, Math.floor((shared.fen * 4000) / 10000));
    const campaignLine = await lineOf(campaignO);
    assert.ok(campaignLine.campaignSubsidyFen > 0, 'the campaign price applied');
    assert.equal(
      campaignLine.campaignSupplierFundedFen,
      Math.floor((campaignLine.campaignSubsidyFen * 3 * 3000) / 10000),
    );
    assert.equal((await lineOf(bankO)).categoryPath, PATH_A, 'the category path recorded at checkout');

    for (const o of orders) await deliver(o.supplierOrders[0].id);
    for (const o of orders) await deliver(o.supplierOrders[0].id); // replayed: nothing more
    // Partial refunds after delivery: 1 of 3, 2 of 4 (one at a time), 2 of 5, 1 of 3.
    await refund(bankO, bankO.lines[0].id, 1);
    await refund(supplierO, supplierO.lines[0].id, 1);
    await refund(supplierO, supplierO.lines[0].id, 1);
    await refund(sharedO, sharedO.lines[0].id, 2);
    await refund(campaignO, campaignO.lines[0].id, 1);

    // Independently: what each line leaves the supplier, and the platform's commission on it.
    let total = 0;
    let commissionTotal = 0;
    for (const o of orders) {
      const l = await lineOf(o);
      const p = l.supplierPriceFen;
      const kept = l.quantity - l.refundedQuantity;
      const bp = l.skuId === skuA.id ? RATE_PARENT_A : RATE_B;
      total +=
        kept * p -
        (l.supplierFundedFen - shareOf(l.supplierFundedFen, l.refundedQuantity, l.quantity)) -
        (l.campaignSupplierFundedFen - shareOf(l.campaignSupplierFundedFen, l.refundedQuantity, l.quantity));
      commissionTotal -= commission(kept, p, bp);
    }
    assert.ok(commissionTotal < 0);
    const r = nodesOf(
      ok<any>(await sys.gql(bankAdmin(1), STATEMENTS, { s: String(supplierId) }), 'settlementStatements'),
    );
    assert.equal(r.length, 1, 'one month');
    const [statement] = r;
    const lines = statement.lines.edges.map((x: any) => x.node);
    const sum = (pred: (l: any) => boolean) => lines.filter(pred).reduce((s: number, l: any) => s + l.amountFen, 0);
    const isCommission = (l: any) => ['COMMISSION', 'COMMISSION_RETURN'].includes(l.kind);
    assert.equal(
      statement.totalFen,
      sum((l) => !isCommission(l)),
    );
    assert.equal(statement.commissionFen, sum(isCommission));
    assert.equal(statement.totalFen, total);
    assert.equal(statement.commissionFen, commissionTotal);
    // Every kind has its own lines, and commission lines carry the rate they used: the two rates.
    const kinds = new Set(lines.map((l: any) => l.kind));
    for (const k of [
      'DELIVERY',
      'REFUND',
      'DISCOUNT',
      'DISCOUNT_RETURN',
      'CO_FUNDING',
      'CO_FUNDING_RETURN',
      'COMMISSION',
      'COMMISSION_RETURN',
    ])
      assert.ok(kinds.has(k), `${k} lines`);
    assert.deepEqual(
      [...new Set(lines.filter((l: any) => l.kind === 'COMMISSION').map((l: any) => l.rateBp))].sort(),
      [RATE_B, RATE_PARENT_A].sort(),
    );
    // The supplier reads the same figures.
    const own = nodesOf(
      ok<any>(await sys.gql(supplierAdmin(supplierId), STATEMENTS, { s: String(supplierId) }), 'settlementStatements'),
    );
    assert.deepEqual([own[0].totalFen, own[0].commissionFen], [total, commissionTotal]);
    const stored = await (await em()).findOneOrFail(SettlementStatement, Number(statement.id));
    assert.deepEqual([stored.totalFen, stored.commissionFen], [total, commissionTotal]);
  });

  it("a rate's validity boundary: delivered on validTo (bank time) uses it, the next day the next rate", async () => {
    const set = async (i: Record<string, unknown>) =>
      ok<any>(
        await sys.gql(platform, SET_RATE, { i: { supplierId: String(supplierId), categoryId: '9002', ...i } }),
        'setCommissionRate',
      );
    await set({ rateBp: 800, validFrom: '2026-01-01', validTo: '2026-10-15' });
    const next = await set({ rateBp: 900, validFrom: '2026-10-16' });
    assert.equal(next.validTo, null);
    const t = (await sys.orm('tenants')).em.fork();
    const [row] = await t.getConnection().execute('SELECT mall_id FROM listing WHERE id = ?', [Number(listings.bankA)]);
    const buy = async () => {
      const c = 1 + (n++ % 20);
      const o = ok<any>(
        await sys.gql(customer(1, c), CHECKOUT, {
          input: {
            mallId: String(row.mall_id),
            lines: [{ listingId: listings.bankA, quantity: 2 }],
            shippingAddress: ADDRESS,
            idempotencyKey: `boundary-${randomUUID()}`,
          },
        }),
        'checkout',
      ).order;
      ok(
        await sys.gql(bankAdmin(1), PAY, {
          i: { orderId: o.id, paymentRef: `P-${randomUUID()}`, amountFen: o.cashFen },
        }),
        'confirmPayment',
      );
      return o;
    };
    const onLastDay = await buy();
    const dayAfter = await buy();
    await deliver(onLastDay.supplierOrders[0].id, new Date('2026-10-15T23:30:00+08:00'));
    // 16:30 UTC on the 15th is already the 16th in Shanghai: the bank's day decides.
    await deliver(dayAfter.supplierOrders[0].id, new Date('2026-10-16T00:30:00+08:00'));
    const e = await em();
    const rateOf = async (o: any) =>
      (await e.findOneOrFail(SettlementLine, { orderLineId: Number(o.lines[0].id), kind: 'COMMISSION' as never }))
        .rateBp;
    assert.equal(await rateOf(onLastDay), 800);
    assert.equal(await rateOf(dayAfter), 900);
    const line = await e.findOneOrFail(OrderLine, Number(dayAfter.lines[0].id));
    const c = await e.findOneOrFail(SettlementLine, { orderLineId: line.id, kind: 'COMMISSION' as never });
    assert.equal(c.amountFen, -commission(2, line.supplierPriceFen, 900));
    assert.ok(c.occurredAt.getTime() < Date.parse('2026-10-16T00:00:00Z'));
  });

  it('overlapping validity for the same supplier × category is a CONFLICT; ending a rate makes room', async () => {
    const set = (i: Record<string, unknown>) =>
      sys.gql(platform, SET_RATE, { i: { supplierId: String(supplierId), categoryId: '9002', ...i } });
    assert.equal(errorCode(await set({ rateBp: 100, validFrom: '2026-10-01', validTo: '2026-10-20' })), 'CONFLICT');
    assert.equal(
      errorCode(await set({ rateBp: 100, validFrom: '2027-01-01' })),
      'CONFLICT',
      'the open-ended rate covers it',
    );
    // another category or the default of another supplier: no overlap
    ok(await set({ rateBp: 100, validFrom: '2026-10-01', categoryId: '9999' }), 'setCommissionRate');
    const rates = ok<any[]>(await sys.gql(platform, RATES, { s: String(supplierId) }), 'commissionRates');
    const open = rates.find((r) => r.categoryId === '9002' && r.validTo == null)!;
    assert.equal(
      errorCode(await sys.gql(platform, END_RATE, { id: open.id, to: '2026-10-01' })),
      'BAD_USER_INPUT',
      'before its first day',
    );
    ok(await sys.gql(platform, END_RATE, { id: open.id, to: '2026-12-31' }), 'endCommissionRate');
    assert.equal(
      errorCode(await sys.gql(platform, END_RATE, { id: open.id, to: '2027-03-01' })),
      'BAD_USER_INPUT',
      'never extends',
    );
    ok(await set({ rateBp: 950, validFrom: '2027-01-01' }), 'setCommissionRate');
    // bad input: actionable, nothing written
    const before = (await sys.gql(platform, RATES, { s: String(supplierId) })).data!.commissionRates.length;
    const bad = await set({ rateBp: 10_001, validFrom: '2026-13-01' });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    assert.match(JSON.stringify(bad.errors), /rateBp/);
    assert.equal((await sys.gql(platform, RATES, { s: String(supplierId) })).data!.commissionRates.length, before);
  });

  it('cross-tenant: a supplier cannot set rates or read another’s; a bank cannot read rates; the supplier reads its own', async () => {
    const i = { supplierId: String(supplierId), rateBp: 1, validFrom: '2030-01-01' };
    assert.equal(errorCode(await sys.gql(supplierAdmin(supplierId), SET_RATE, { i })), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(bankAdmin(1), SET_RATE, { i })), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(supplierAdmin(otherSupplier), RATES, { s: String(supplierId) })), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(bankAdmin(2), RATES, { s: String(supplierId) })), 'FORBIDDEN');
    const own = ok<any[]>(
      await sys.gql(supplierAdmin(supplierId), RATES, { s: String(supplierId) }),
      'commissionRates',
    );
    assert.ok(own.some((r) => r.rateBp === RATE_B && r.categoryId === '9003'));
    const rates = ok<any[]>(await sys.gql(platform, RATES, { s: String(supplierId) }), 'commissionRates');
    assert.equal(
      errorCode(await sys.gql(supplierAdmin(supplierId), END_RATE, { id: rates[0].id, to: '2030-01-01' })),
      'FORBIDDEN',
    );
    // another supplier's statements stay out of sight
    const theirs = await sys.gql(supplierAdmin(otherSupplier), STATEMENTS, { s: String(supplierId) });
    assert.deepEqual(theirs.data?.settlementStatements?.edges ?? [], []);
  });
});
