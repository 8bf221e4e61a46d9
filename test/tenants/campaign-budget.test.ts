/**
 * Campaign budgets (issue 15's "campaign launches above a budget"): the bank's approval threshold
 * compares a campaign's budget; orders at the campaign price take (base − campaign price) × units
 * from it at checkout, cancellations and refunds give it back, and an exhausted budget ends the
 * campaign price for new checkouts, concurrent ones included, without ever spending past it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import type { Principal } from '../../core/identity';
import { ADDRESS, bankAdmin, createListing, customer, markShipped, setStock, setUpMall } from '../orders/helpers';
import { bankOperator, supplierAdmin } from '../principals';
import { campaignSubsidyFen } from '../../subgraphs/tenants/services/pricing';
import { PriceMode } from '../../subgraphs/tenants/entities/listing';

const maker: Principal = { role: 'BANK_OPERATOR', sub: 'budget-maker', bankId: '1' };
const checker: Principal = { role: 'BANK_OPERATOR', sub: 'budget-checker', bankId: '1' };

const SET_POLICY = `mutation($input: SetApprovalPolicyInput!) { setApprovalPolicy(input: $input) {
  bankId campaignLaunch campaignBudgetAboveFen } }`;
const CREATE = `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id status budgetFen } } }`;
const SCHEDULE = `mutation($id: ID!) { scheduleCampaign(input: { campaignId: $id }) { campaign { id status } } }`;
const SET_BUDGET = `mutation($i: SetCampaignBudgetInput!) { setCampaignBudget(input: $i) { campaign { id budgetFen spentFen remainingFen } } }`;
const FIGURES = `query($id: ID!) { campaign(id: $id) { status budgetFen spentFen remainingFen unitsSold } }`;
const REQUEST = `mutation($input: RequestApprovalInput!) { requestApproval(input: $input) { id summary } }`;
const APPROVE = `mutation($id: ID!) { approveRequest(input: { approvalRequestId: $id }) { id status } }`;
const ONE = `query($id: ID!) { approvalRequest(id: $id) { id status outcome } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { order { id status cashFen
  lines { id unitFen } supplierOrders { id } } } }`;
const PAY = 'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }';
const CANCEL = 'mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { status } }';

/** Base price of every test listing and its campaign price: 20 CNY of subsidy per unit. */
const BASE_FEN = 10_000;
const CAMPAIGN_FEN = 8_000;
const SUBSIDY = BASE_FEN - CAMPAIGN_FEN;
const THRESHOLD = 100_000;

interface Figures {
  status: string;
  budgetFen: number | null;
  spentFen: number;
  remainingFen: number | null;
  unitsSold: number;
}

describe('campaign budgets', () => {
  let sys: TestSystem;
  let skuId: number;
  let supplierId: number;

  const ok = <T = any>(r: GraphQLResult, field: string): T => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data![field] as T;
  };

  /** A fresh mall with one CASH listing at BASE_FEN (each scenario gets its own, so campaigns don't mix). */
  async function listingInNewMall(): Promise<{ mallId: string; listingId: string }> {
    const m = await setUpMall(sys);
    const listingId = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(skuId),
      priceMode: 'CASH',
      pricePoints: 0,
      priceFen: BASE_FEN,
    });
    return { mallId: m.mallId, listingId };
  }

  async function createCampaign(
    who: Principal,
    mallId: string,
    listingId: string,
    budgetFen: number | null,
    live = true,
  ): Promise<string> {
    const now = Date.now();
    const r = await sys.gql(who, CREATE, {
      i: {
        mallId,
        template: 'CUSTOM',
        name: '预算测试',
        startsAt: new Date(live ? now - 60_000 : now + 86_400_000).toISOString(),
        endsAt: new Date(now + 2 * 86_400_000).toISOString(),
        listingIds: [listingId],
        prices: [{ listingId, pricePoints: 0, priceFen: CAMPAIGN_FEN }],
        ...(budgetFen === null ? {} : { budgetFen }),
      },
    });
    return ok<any>(r, 'createCampaign').campaign.id;
  }

  async function figures(campaignId: string): Promise<Figures> {
    return ok<Figures>(await sys.gql(bankAdmin(1), FIGURES, { id: campaignId }), 'campaign');
  }

  async function checkout(mallId: string, listingId: string, quantity: number): Promise<GraphQLResult> {
    return sys.gql(customer(1, 5), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId, quantity }],
        shippingAddress: ADDRESS,
        idempotencyKey: `budget-${randomUUID()}`,
      },
    });
  }

  async function pay(order: { id: string; cashFen: number }): Promise<void> {
    const r = await sys.gql(bankAdmin(1), PAY, {
      i: { orderId: order.id, paymentRef: `P-${randomUUID()}`, amountFen: order.cashFen },
    });
    assert.equal(ok<any>(r, 'confirmPayment').status, 'PAID');
  }

  /** Polls until the staff relay has applied (or failed) an approved request. */
  async function settled(id: string): Promise<{ status: string; outcome: string | null }> {
    for (let i = 0; i < 100; i++) {
      const r = ok<{ status: string; outcome: string | null }>(
        await sys.gql(bankAdmin(1), ONE, { id }),
        'approvalRequest',
      );
      if (r.status !== 'APPROVED') return r;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`approval ${id} was not applied within 10 s`);
  }

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    skuId = m.physical.id;
    supplierId = m.physical.supplierId;
    await setStock(sys, skuId, 500);
    ok(
      await sys.gql(bankAdmin(1), SET_POLICY, { input: { bankId: '1', campaignBudgetAboveFen: THRESHOLD } }),
      'setApprovalPolicy',
    );
  });
  after(async () => {
    await sys?.stop();
  });

  it('launches a campaign with a budget at the threshold at once; one above it, or without a budget, waits for a checker', async () => {
    const { mallId, listingId } = await listingInNewMall();
    const at = await createCampaign(maker, mallId, listingId, THRESHOLD, false);
    assert.equal(ok<any>(await sys.gql(maker, SCHEDULE, { id: at }), 'scheduleCampaign').campaign.status, 'SCHEDULED');

    const above = await createCampaign(maker, mallId, listingId, THRESHOLD + 1, false);
    const held = await sys.gql(maker, SCHEDULE, { id: above });
    assert.equal(errorCode(held), 'FORBIDDEN');
    assert.match(held.errors![0]!.message, /budget above 100,000 fen.*requestApproval/);
    assert.equal((await figures(above)).status, 'DRAFT');

    const uncapped = await createCampaign(maker, mallId, listingId, null, false);
    const heldToo = await sys.gql(maker, SCHEDULE, { id: uncapped });
    assert.equal(errorCode(heldToo), 'FORBIDDEN');
    assert.match(heldToo.errors![0]!.message, /without a budget/);
  });

  it('an approved launch above the threshold is applied by a second person only, with the budget the checker saw', async () => {
    const { mallId, listingId } = await listingInNewMall();
    const campaignId = await createCampaign(maker, mallId, listingId, 250_000, false);
    const req = ok<{ id: string; summary: string }>(
      await sys.gql(maker, REQUEST, {
        input: { note: 'Double twelve subsidy', campaignLaunch: { campaignId, budgetFen: 250_000 } },
      }),
      'requestApproval',
    );
    assert.match(req.summary, /budget of 2,500 CNY \(250000 fen\)/);
    // Four eyes: the maker cannot approve their own launch.
    assert.equal(errorCode(await sys.gql(maker, APPROVE, { id: req.id })), 'FORBIDDEN');
    assert.equal((await figures(campaignId)).status, 'DRAFT');
    ok(await sys.gql(checker, APPROVE, { id: req.id }), 'approveRequest');
    assert.equal((await settled(req.id)).status, 'APPLIED');
    assert.equal((await figures(campaignId)).status, 'SCHEDULED');

    // The maker raises the DRAFT's budget after asking: the approval of the old budget does not launch it.
    const other = await createCampaign(maker, mallId, listingId, 200_000, false);
    const req2 = ok<{ id: string }>(
      await sys.gql(maker, REQUEST, {
        input: { note: 'Spring festival subsidy', campaignLaunch: { campaignId: other, budgetFen: 200_000 } },
      }),
      'requestApproval',
    );
    ok(await sys.gql(maker, SET_BUDGET, { i: { campaignId: other, budgetFen: 900_000 } }), 'setCampaignBudget');
    ok(await sys.gql(checker, APPROVE, { id: req2.id }), 'approveRequest');
    const failed = await settled(req2.id);
    assert.equal(failed.status, 'FAILED');
    assert.match(failed.outcome ?? '', /900000 fen, not the 200000 fen approved/);
    assert.equal((await figures(other)).status, 'DRAFT');
  });

  it('a purchase at the campaign price takes (base − campaign price) × units; cancelling and refunding give it back', async () => {
    const { mallId, listingId } = await listingInNewMall();
    const campaignId = await createCampaign(bankAdmin(1), mallId, listingId, 10 * SUBSIDY);
    ok(await sys.gql(bankAdmin(1), SCHEDULE, { id: campaignId }), 'scheduleCampaign');
    const preview = await sys.gql(
      bankAdmin(1),
      'query($id: ID!) { campaign(id: $id) { items(first: 5) { edges { node { priceFen unitSubsidyFen } } } } }',
      { id: campaignId },
    );
    assert.deepEqual(ok<any>(preview, 'campaign').items.edges, [
      { node: { priceFen: CAMPAIGN_FEN, unitSubsidyFen: SUBSIDY } },
    ]);
    assert.deepEqual(await figures(campaignId), {
      status: 'LIVE',
      budgetFen: 10 * SUBSIDY,
      spentFen: 0,
      remainingFen: 10 * SUBSIDY,
      unitsSold: 0,
    });

    // Reserved at checkout (awaiting payment), given back when the customer cancels the unpaid order.
    const unpaid = ok<any>(await checkout(mallId, listingId, 2), 'checkout').order;
    assert.equal(unpaid.lines[0].unitFen, CAMPAIGN_FEN);
    assert.equal((await figures(campaignId)).spentFen, 2 * SUBSIDY);
    assert.equal((await figures(campaignId)).unitsSold, 2);
    ok(await sys.gql(customer(1, 5), CANCEL, { i: { orderId: unpaid.id } }), 'cancelOrder');
    assert.deepEqual(
      { spent: (await figures(campaignId)).spentFen, units: (await figures(campaignId)).unitsSold },
      { spent: 0, units: 0 },
    );

    // Paid, shipped, one of three units refunded: that unit's subsidy comes back.
    const order = ok<any>(await checkout(mallId, listingId, 3), 'checkout').order;
    await pay(order);
    assert.equal((await figures(campaignId)).spentFen, 3 * SUBSIDY);
    await markShipped(sys, Number(order.supplierOrders[0].id));
    const refund = ok<any>(
      await sys.gql(customer(1, 5), 'mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id } }', {
        i: {
          supplierOrderId: order.supplierOrders[0].id,
          lines: [{ orderLineId: order.lines[0].id, quantity: 1 }],
          reason: '少了一个',
        },
      }),
      'requestRefund',
    );
    ok(
      await sys.gql(
        supplierAdmin(supplierId),
        'mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state } }',
        {
          i: { refundId: refund.id, approve: true },
        },
      ),
      'decideRefund',
    );
    const after = await figures(campaignId);
    assert.deepEqual(
      { spent: after.spentFen, units: after.unitsSold, remaining: after.remainingFen },
      { spent: 2 * SUBSIDY, units: 2, remaining: 8 * SUBSIDY },
    );

    // A paid order cancelled before shipment gives back all of its units.
    const second = ok<any>(await checkout(mallId, listingId, 4), 'checkout').order;
    await pay(second);
    assert.equal((await figures(campaignId)).spentFen, 6 * SUBSIDY);
    assert.equal(
      ok<any>(await sys.gql(customer(1, 5), CANCEL, { i: { orderId: second.id } }), 'cancelOrder').status,
      'CANCELLED',
    );
    assert.equal((await figures(campaignId)).spentFen, 2 * SUBSIDY);
    assert.equal((await figures(campaignId)).unitsSold, 2);
  });

  it('when the budget cannot cover a line, the line is priced at the base price and spends nothing', async () => {
    const { mallId, listingId } = await listingInNewMall();
    const campaignId = await createCampaign(bankAdmin(1), mallId, listingId, 2 * SUBSIDY + SUBSIDY / 2);
    ok(await sys.gql(bankAdmin(1), SCHEDULE, { id: campaignId }), 'scheduleCampaign');
    const three = ok<any>(await checkout(mallId, listingId, 3), 'checkout').order;
    assert.equal(three.lines[0].unitFen, BASE_FEN, 'three units need more than the budget: base price');
    assert.equal((await figures(campaignId)).spentFen, 0);
    const two = ok<any>(await checkout(mallId, listingId, 2), 'checkout').order;
    assert.equal(two.lines[0].unitFen, CAMPAIGN_FEN);
    const one = ok<any>(await checkout(mallId, listingId, 1), 'checkout').order;
    assert.equal(one.lines[0].unitFen, BASE_FEN, 'half a unit of subsidy left: base price');
    assert.deepEqual(
      { spent: (await figures(campaignId)).spentFen, remaining: (await figures(campaignId)).remainingFen },
      { spent: 2 * SUBSIDY, remaining: SUBSIDY / 2 },
    );
  });

  it('concurrent checkouts for the last units never spend past the budget', async () => {
    const { mallId, listingId } = await listingInNewMall();
    const units = 5;
    const campaignId = await createCampaign(bankAdmin(1), mallId, listingId, units * SUBSIDY);
    ok(await sys.gql(bankAdmin(1), SCHEDULE, { id: campaignId }), 'scheduleCampaign');
    const results = await Promise.all(Array.from({ length: 12 }, () => checkout(mallId, listingId, 1)));
    let atCampaignPrice = 0;
    for (const r of results) {
      if (r.errors) {
        // The losers of the race for the budget: refused, nothing charged, told to check out again.
        assert.equal(errorCode(r), 'CONFLICT', JSON.stringify(r.errors));
        assert.match(r.errors[0]!.message, /run out of budget/);
        continue;
      }
      const order = r.data!.checkout.order;
      assert.equal(order.status, 'PENDING_PAYMENT');
      if (order.lines[0].unitFen === CAMPAIGN_FEN) atCampaignPrice++;
      else assert.equal(order.lines[0].unitFen, BASE_FEN);
    }
    const f = await figures(campaignId);
    assert.equal(atCampaignPrice, units, 'exactly the units the budget covers were sold at the campaign price');
    assert.deepEqual(
      { spent: f.spentFen, units: f.unitsSold, remaining: f.remainingFen },
      {
        spent: units * SUBSIDY,
        units,
        remaining: 0,
      },
    );
  });

  it('the reservation is a conditional update: of concurrent reservations for the last units only those the budget covers pass; each order reserves and releases once', async () => {
    const { mallId, listingId } = await listingInNewMall();
    const campaignId = await createCampaign(bankAdmin(1), mallId, listingId, 3 * SUBSIDY);
    ok(await sys.gql(bankAdmin(1), SCHEDULE, { id: campaignId }), 'scheduleCampaign');
    const RESERVE = `mutation($o: ID!, $l: [CampaignBudgetLineInput!]!) { reserveCampaignBudget(orderId: $o, lines: $l) }`;
    const RELEASE = `mutation($o: ID!) { releaseCampaignBudget(orderId: $o) }`;
    const reserve = (orderId: number) =>
      sys.asService('tenants', RESERVE, {
        o: String(orderId),
        l: [{ campaignId, listingId, quantity: 1, unitSubsidyFen: SUBSIDY }],
      });
    const base = 900_000 + Number(campaignId) * 100;
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => reserve(base + n)));
    const passed = results.filter((r) => !r.errors && r.data!.reserveCampaignBudget === 'RESERVED');
    assert.equal(passed.length, 3);
    assert.deepEqual(
      results.filter((r) => r.errors).map((r) => errorCode(r)),
      ['CONFLICT', 'CONFLICT', 'CONFLICT'],
    );
    assert.equal((await figures(campaignId)).spentFen, 3 * SUBSIDY);

    const winner = base + 1 + results.findIndex((r) => !r.errors);
    assert.equal(ok(await reserve(winner), 'reserveCampaignBudget'), 'RESERVED', 'a retry answers the same');
    assert.equal((await figures(campaignId)).spentFen, 3 * SUBSIDY, 'and takes nothing more');
    assert.equal(
      ok(await sys.asService('tenants', RELEASE, { o: String(winner) }), 'releaseCampaignBudget'),
      'RELEASED',
    );
    assert.equal(
      ok(await sys.asService('tenants', RELEASE, { o: String(winner) }), 'releaseCampaignBudget'),
      'RELEASED',
    );
    assert.deepEqual(
      { spent: (await figures(campaignId)).spentFen, units: (await figures(campaignId)).unitsSold },
      { spent: 2 * SUBSIDY, units: 2 },
      'released once',
    );
    // A release that overtakes its reservation leaves a tombstone: the late reservation takes nothing.
    ok(await sys.asService('tenants', RELEASE, { o: String(base + 50) }), 'releaseCampaignBudget');
    assert.equal(ok(await reserve(base + 50), 'reserveCampaignBudget'), 'RELEASED');
    assert.equal((await figures(campaignId)).spentFen, 2 * SUBSIDY);
  });

  it('setCampaignBudget: any budget for a DRAFT, only lower for a launched campaign and never below its spend', async () => {
    const { mallId, listingId } = await listingInNewMall();
    const campaignId = await createCampaign(bankAdmin(1), mallId, listingId, 5 * SUBSIDY);
    ok(await sys.gql(bankAdmin(1), SCHEDULE, { id: campaignId }), 'scheduleCampaign');
    ok(await checkout(mallId, listingId, 2), 'checkout');
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), SET_BUDGET, { i: { campaignId, budgetFen: 6 * SUBSIDY } })),
      'CONFLICT',
    );
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), SET_BUDGET, { i: { campaignId, budgetFen: null } })),
      'CONFLICT',
    );
    const below = await sys.gql(bankAdmin(1), SET_BUDGET, { i: { campaignId, budgetFen: SUBSIDY } });
    assert.equal(errorCode(below), 'CONFLICT');
    assert.match(below.errors![0]!.message, /already spent 4000 fen/);
    const lowered = ok<any>(
      await sys.gql(bankAdmin(1), SET_BUDGET, { i: { campaignId, budgetFen: 3 * SUBSIDY } }),
      'setCampaignBudget',
    ).campaign;
    assert.deepEqual(
      { budget: lowered.budgetFen, spent: lowered.spentFen, remaining: lowered.remainingFen },
      { budget: 3 * SUBSIDY, spent: 2 * SUBSIDY, remaining: SUBSIDY },
    );
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), SET_BUDGET, { i: { campaignId, budgetFen: 0 } })),
      'BAD_USER_INPUT',
    );
    assert.equal((await figures(campaignId)).budgetFen, 3 * SUBSIDY, 'refusals changed nothing');
  });

  it("another bank's campaign is NOT_FOUND for setCampaignBudget and its figures", async () => {
    const { mallId, listingId } = await listingInNewMall();
    const campaignId = await createCampaign(bankAdmin(1), mallId, listingId, 5 * SUBSIDY, false);
    assert.equal(errorCode(await sys.gql(bankAdmin(2), SET_BUDGET, { i: { campaignId, budgetFen: 1 } })), 'NOT_FOUND');
    assert.equal(
      errorCode(await sys.gql(bankOperator(2), SET_BUDGET, { i: { campaignId, budgetFen: 1 } })),
      'NOT_FOUND',
    );
    assert.equal(errorCode(await sys.gql(bankAdmin(2), FIGURES, { id: campaignId })), 'NOT_FOUND');
    assert.equal((await figures(campaignId)).budgetFen, 5 * SUBSIDY);
  });
});

describe('the subsidy of one unit (campaignSubsidyFen)', () => {
  const bank = { pointsPerYuan: 100 };
  it('values points at the bank’s points per CNY, across price modes, rounding up and never below 0', () => {
    // 5,000 points (¥50) + ¥20 cash → 3,000 points + ¥20: ¥20 of subsidy.
    assert.equal(
      campaignSubsidyFen(
        { priceMode: PriceMode.POINTS_PLUS_CASH, points: 5000, fen: 2000 },
        { priceMode: PriceMode.POINTS_PLUS_CASH, points: 3000, fen: 2000 },
        bank,
      ),
      2000,
    );
    // A points price made a cash price: ¥100 in points → ¥79.99 in cash saves 2,001 fen.
    assert.equal(
      campaignSubsidyFen(
        { priceMode: PriceMode.POINTS, points: 10_000, fen: 0 },
        { priceMode: PriceMode.CASH, points: 0, fen: 7999 },
        bank,
      ),
      2001,
    );
    // 3 points at 200 points per CNY are worth 1.5 fen: counted as 2.
    assert.equal(
      campaignSubsidyFen(
        { priceMode: PriceMode.POINTS, points: 10, fen: 0 },
        { priceMode: PriceMode.POINTS, points: 7, fen: 0 },
        { pointsPerYuan: 200 },
      ),
      2,
    );
    assert.equal(
      campaignSubsidyFen(
        { priceMode: PriceMode.CASH, points: 0, fen: 100 },
        { priceMode: PriceMode.CASH, points: 0, fen: 150 },
        bank,
      ),
      0,
    );
  });
});
