import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestSystem, type TestSystem } from '../harness';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../core/config';
import { setBalance } from '../loyalty/helpers';
import { ADDRESS, bankAdmin, createListing, customer, setStock, setUpMall } from './helpers';

/**
 * What one purchase (checkout, then confirmPayment) costs in SQL statements, summed over every
 * subgraph it reaches: the budget bench/checkout.ts measured after issue 14's rework. A change that
 * adds statements to the saga fails here; lower the budget when you cut more.
 */
const STATEMENT_BUDGET = 25;
/**
 * What a campaign price adds (tenants' reserveCampaignBudget: the order's hold, one conditional
 * UPDATE of the campaign, its spend rows); purchases without one add nothing.
 */
const CAMPAIGN_RESERVATION = 3;

/**
 * What benefit rules add: tenants reads the live rules with the quota counters (1 statement for any
 * number of rules and lines) and, for quota units, reserves them in the campaign budget's call (the
 * hold, one upsert and one guarded UPDATE per counter, the spend rows); orders writes the lines'
 * discount rows (1 INSERT). Nothing per line or per rule.
 */
const BENEFITS_TENANTS = 5;
const BENEFITS_ORDERS = 1;

/**
 * What a voucher adds: tenants reads it with the customer's uses (1) and reserves it in the
 * campaign budget's call (the hold, the redemption, one guarded UPDATE of the voucher, one upsert
 * and one guarded UPDATE of the customer's uses); orders writes the lines' discount rows (1 INSERT).
 */
const VOUCHER_TENANTS = 6;
const VOUCHER_ORDERS = 1;

const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { order { id status cashFen } } }`;
const PAY = 'mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id status } }';

describe('what a purchase costs', () => {
  let sys: TestSystem;
  let mallId: string;
  let listings: string[];

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    listings = [];
    for (const sku of [m.physical, m.physical2]) {
      await setStock(sys, sku.id, 100);
      listings.push(
        await createListing(sys, {
          mallId,
          skuId: String(sku.id),
          priceMode: 'POINTS_PLUS_CASH',
          pricePoints: 300,
          priceFen: 1500,
        }),
      );
    }
    await setBalance(sys, 1, 5, 1_000_000, 'purchase-cost-balance');
  });
  after(async () => {
    await sys?.stop();
  });

  /** Places and pays one order; returns the statements of both requests per subgraph. */
  async function purchase(lines: { listingId: string; quantity: number }[], voucherId?: string) {
    const checkoutId = randomUUID();
    const payId = randomUUID();
    const c = await sys.gql(
      customer(1, 5),
      CHECKOUT,
      {
        input: {
          mallId,
          lines,
          shippingAddress: ADDRESS,
          idempotencyKey: `cost-${checkoutId}`,
          ...(voucherId ? { voucherId } : {}),
        },
      },
      { requestId: checkoutId },
    );
    assert.equal(c.errors, undefined, JSON.stringify(c.errors));
    const order = c.data!.checkout.order;
    assert.equal(order.status, 'PENDING_PAYMENT');
    const p = await sys.gql(
      bankAdmin(1),
      PAY,
      { input: { orderId: order.id, paymentRef: `P-${payId}`, amountFen: order.cashFen } },
      { requestId: payId },
    );
    assert.equal(p.errors, undefined, JSON.stringify(p.errors));
    assert.equal(p.data!.confirmPayment.status, 'PAID');
    const bySubgraph = {} as Record<SubgraphName, string>;
    let total = 0;
    for (const name of SUBGRAPH_NAMES) {
      const a = await sys.statements(name, checkoutId);
      const b = await sys.statements(name, payId);
      bySubgraph[name] = `${a}+${b}`;
      total += a + b;
    }
    return { total, bySubgraph };
  }

  it(`one purchase (checkout + confirmPayment) costs at most ${STATEMENT_BUDGET} SQL statements over all subgraphs`, async () => {
    await purchase([{ listingId: listings[0]!, quantity: 1 }]); // the first of a kind creates report rows
    const { total, bySubgraph } = await purchase([{ listingId: listings[0]!, quantity: 1 }]);
    assert.ok(total > 0, 'the counters see the purchase');
    assert.ok(
      total <= STATEMENT_BUDGET,
      `${total} statements (checkout+confirmPayment): ${JSON.stringify(bySubgraph)}`,
    );
  });

  it('an order of two SKUs costs the statements of one: every step carries all its lines', async () => {
    const one = await purchase([{ listingId: listings[0]!, quantity: 1 }]);
    await purchase([{ listingId: listings[1]!, quantity: 1 }]); // the second listing's report row exists from here on
    const two = await purchase([
      { listingId: listings[0]!, quantity: 2 },
      { listingId: listings[1]!, quantity: 3 },
    ]);
    assert.deepEqual(two.bySubgraph, one.bySubgraph);
  });

  it(`a purchase at a campaign price costs at most ${CAMPAIGN_RESERVATION} statements more, all in tenants (the budget's reservation)`, async () => {
    const plain = await purchase([{ listingId: listings[0]!, quantity: 1 }]);
    const now = Date.now();
    const created = await sys.gql(
      bankAdmin(1),
      'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id } } }',
      {
        i: {
          mallId,
          template: 'CUSTOM',
          name: '成本测试',
          startsAt: new Date(now - 60_000).toISOString(),
          endsAt: new Date(now + 86_400_000).toISOString(),
          discountBp: 1000,
          listingIds: [listings[0]!],
          budgetFen: 10_000_000,
        },
      },
    );
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    const campaignId = created.data!.createCampaign.campaign.id;
    const scheduled = await sys.gql(
      bankAdmin(1),
      'mutation($id: ID!) { scheduleCampaign(input: { campaignId: $id }) { campaign { status } } }',
      { id: campaignId },
    );
    assert.equal(scheduled.data?.scheduleCampaign.campaign.status, 'LIVE', JSON.stringify(scheduled.errors));
    await purchase([{ listingId: listings[0]!, quantity: 1 }]); // the campaign price's first report rows
    const campaign = await purchase([{ listingId: listings[0]!, quantity: 1 }]);
    const spent = await sys.gql(bankAdmin(1), 'query($id: ID!) { campaign(id: $id) { spentFen } }', {
      id: campaignId,
    });
    assert.ok(spent.data!.campaign.spentFen > 0, 'the purchases took from the budget');
    assert.ok(
      campaign.total <= plain.total + CAMPAIGN_RESERVATION,
      `${campaign.total} statements at a campaign price vs ${plain.total} without: ${JSON.stringify(campaign.bySubgraph)} vs ${JSON.stringify(plain.bySubgraph)}`,
    );
    for (const name of SUBGRAPH_NAMES)
      if (name !== 'tenants') assert.equal(campaign.bySubgraph[name], plain.bySubgraph[name], name);
  });

  it(`with benefit rules on (quota, threshold, percent off), a purchase costs at most ${BENEFITS_TENANTS} statements more in tenants and ${BENEFITS_ORDERS} in orders, for one line or two`, async () => {
    const plainOne = await purchase([{ listingId: listings[0]!, quantity: 1 }]);
    const plainTwo = await purchase([
      { listingId: listings[0]!, quantity: 1 },
      { listingId: listings[1]!, quantity: 1 },
    ]);
    const created: string[] = [];
    for (const rule of [
      { kind: 'QUOTA', quotaUnits: 1000, quotaPeriod: 'MONTH', quotaDiscountBp: 5000, listingIds: listings },
      { kind: 'THRESHOLD', thresholdBasis: 'CASH', thresholdAmount: 1000, discountAmount: 100, repeatable: true },
      { kind: 'THRESHOLD', thresholdBasis: 'POINTS', thresholdAmount: 100, discountAmount: 10 },
      { kind: 'PERCENT_OFF', percentBp: 1000, capFen: 50 },
      { kind: 'FREE_SHIPPING' },
    ]) {
      const r = await sys.gql(
        bankAdmin(1),
        'mutation($i: CreateBenefitRuleInput!) { createBenefitRule(input: $i) { benefitRule { id } } }',
        { i: { name: '成本', startsAt: new Date(Date.now() - 60_000).toISOString(), fundedBy: 'BANK', ...rule } },
      );
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      created.push(r.data!.createBenefitRule.benefitRule.id);
    }
    const one = await purchase([{ listingId: listings[0]!, quantity: 1 }]);
    const two = await purchase([
      { listingId: listings[0]!, quantity: 2 },
      { listingId: listings[1]!, quantity: 3 },
    ]);
    const sum = (s: string) => s.split('+').reduce((a, b) => a + Number(b), 0);
    for (const [withRules, plain] of [
      [one, plainOne],
      [two, plainTwo],
    ] as const) {
      const detail = `${JSON.stringify(withRules.bySubgraph)} vs ${JSON.stringify(plain.bySubgraph)}`;
      assert.ok(sum(withRules.bySubgraph.tenants) <= sum(plain.bySubgraph.tenants) + BENEFITS_TENANTS, detail);
      assert.ok(sum(withRules.bySubgraph.orders) <= sum(plain.bySubgraph.orders) + BENEFITS_ORDERS, detail);
      for (const name of SUBGRAPH_NAMES)
        if (name !== 'tenants' && name !== 'orders')
          assert.equal(withRules.bySubgraph[name], plain.bySubgraph[name], name);
    }
    assert.deepEqual(two.bySubgraph, one.bySubgraph, 'two lines cost what one does');
    for (const id of created)
      await sys.gql(
        bankAdmin(1),
        'mutation($i: UpdateBenefitRuleInput!) { updateBenefitRule(input: $i) { benefitRule { id } } }',
        { i: { benefitRuleId: id, enabled: false } },
      );
  });

  it(`with a voucher, a purchase costs at most ${VOUCHER_TENANTS} statements more in tenants and ${VOUCHER_ORDERS} in orders, for one line or two`, async () => {
    const plainOne = await purchase([{ listingId: listings[0]!, quantity: 1 }]);
    const plainTwo = await purchase([
      { listingId: listings[0]!, quantity: 1 },
      { listingId: listings[1]!, quantity: 1 },
    ]);
    const r = await sys.gql(
      bankAdmin(1),
      'mutation($i: IssueVoucherInput!) { issueVoucher(input: $i) { voucher { id } } }',
      {
        i: {
          name: '成本券',
          kind: 'AMOUNT_OFF',
          amountOffFen: 100,
          minSpendFen: 0,
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          perCustomerLimit: 10,
          budgetFen: 100_000,
          fundedBy: 'BANK',
          customerId: '5',
        },
      },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const voucherId = r.data!.issueVoucher.voucher.id;
    const one = await purchase([{ listingId: listings[0]!, quantity: 1 }], voucherId);
    const two = await purchase(
      [
        { listingId: listings[0]!, quantity: 2 },
        { listingId: listings[1]!, quantity: 3 },
      ],
      voucherId,
    );
    const sum = (s: string) => s.split('+').reduce((a, b) => a + Number(b), 0);
    for (const [withVoucher, plain] of [
      [one, plainOne],
      [two, plainTwo],
    ] as const) {
      const detail = `${JSON.stringify(withVoucher.bySubgraph)} vs ${JSON.stringify(plain.bySubgraph)}`;
      assert.ok(sum(withVoucher.bySubgraph.tenants) <= sum(plain.bySubgraph.tenants) + VOUCHER_TENANTS, detail);
      assert.ok(sum(withVoucher.bySubgraph.orders) <= sum(plain.bySubgraph.orders) + VOUCHER_ORDERS, detail);
      for (const name of SUBGRAPH_NAMES)
        if (name !== 'tenants' && name !== 'orders')
          assert.equal(withVoucher.bySubgraph[name], plain.bySubgraph[name], name);
    }
    assert.deepEqual(two.bySubgraph, one.bySubgraph, 'two lines cost what one does');
  });
});
