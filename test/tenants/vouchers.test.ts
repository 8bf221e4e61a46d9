/**
 * Vouchers (issue 17): a bank issues a voucher to a tier, a segment or one customer with a minimum
 * spend, a window, a per-customer limit and a budget; customers list the ones they may use; the
 * orders saga's reservation takes uses and budget with conditional UPDATEs, so concurrent orders
 * hit the budget and the limit exactly, and releases and refunds give back what they should.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import { bankAdmin, bankOperator, customer } from '../principals';
import { Customer } from '../../subgraphs/tenants/entities/customer';
import { CustomerSegment } from '../../subgraphs/tenants/entities/segment';
import { Tier } from '../../subgraphs/tenants/entities/tier';
import { VoucherKind } from '../../subgraphs/tenants/entities/voucher';
import { voucherDiscountFen } from '../../subgraphs/tenants/services/voucher.service';

const ISSUE = `mutation($i: IssueVoucherInput!) { issueVoucher(input: $i) { voucher { id name minSpendFen budgetFen
  spentFen remainingFen usedCount perCustomerLimit amountOffFen percentOffBp capFen tier { id } segment { id } customerId } } }`;
const STOP = 'mutation($id: ID!) { stopVoucher(input: { voucherId: $id }) { voucher { id } } }';
const ONE = 'query($id: ID!) { voucher(id: $id) { id spentFen remainingFen usedCount } }';
const MINE = 'query { customer { vouchers { usesLeft voucher { id name } } } }';
const RESERVE = `mutation($o: ID!, $c: ID!, $v: ID!, $f: FenAmount!) {
  reserveVoucher(orderId: $o, customerId: $c, voucherId: $v, discountFen: $f) }`;
const RELEASE = 'mutation($o: ID!) { releaseVoucher(orderId: $o) }';
const RETURN =
  'mutation($o: ID!, $k: String!, $f: FenAmount!) { returnVoucherDiscount(orderId: $o, returnKey: $k, fen: $f) }';

const HOUR = 3_600_000;

describe('vouchers', () => {
  let sys: TestSystem;
  let nextOrder = 900_000;
  const byTier = new Map<string, number[]>(); // tier name → customer ids of bank 1
  let carOwners: number[] = [];
  let carOwnersSegment = 0;
  let outsiders: number[] = []; // bank 1 customers outside the 车主 segment
  const tierId = new Map<string, number>();

  const ok = <T = any>(r: GraphQLResult, field: string): T => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data![field] as T;
  };
  const issue = async (extra: Record<string, unknown>, who = bankOperator(1)) =>
    sys.gql(who, ISSUE, {
      i: {
        name: '满200减30',
        kind: 'AMOUNT_OFF',
        amountOffFen: 3000,
        minSpendFen: 20000,
        startsAt: new Date(Date.now() - HOUR).toISOString(),
        endsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
        perCustomerLimit: 1,
        budgetFen: 1_000_000,
        fundedBy: 'BANK',
        ...extra,
      },
    });
  const mine = async (customerId: number): Promise<{ usesLeft: number; voucher: { id: string } }[]> =>
    ok<any>(await sys.gql(customer(1, customerId), MINE), 'customer').vouchers;
  const reserve = (orderId: number, customerId: number, voucherId: string, fen: number) =>
    sys.asService('tenants', RESERVE, { o: String(orderId), c: String(customerId), v: voucherId, f: fen });
  const figures = async (id: string) => ok<any>(await sys.gql(bankOperator(1), ONE, { id }), 'voucher');

  before(async () => {
    sys = await startTestSystem();
    const em = (await sys.orm('tenants')).em.fork();
    for (const t of await em.find(Tier, { bankId: 1 })) {
      tierId.set(t.name, t.id);
      byTier.set(
        t.name,
        (await em.find(Customer, { bankId: 1, tierId: t.id }, { orderBy: { id: 'ASC' } })).map((c) => c.id),
      );
    }
    const seg = await em
      .getConnection()
      .execute<{ id: number }[]>("SELECT id FROM segment WHERE bank_id = 1 AND name = '车主'");
    carOwnersSegment = Number(seg[0]!.id);
    carOwners = (await em.find(CustomerSegment, { segmentId: carOwnersSegment })).map((m) => m.customerId);
    outsiders = (await em.find(Customer, { bankId: 1 }, { orderBy: { id: 'ASC' } }))
      .map((c) => c.id)
      .filter((id) => !carOwners.includes(id));
    assert.ok(carOwners.length >= 2 && outsiders.length >= 2 && byTier.get('金卡')!.length >= 2);
  });
  after(async () => {
    await sys?.stop();
  });

  it('takes off what the voucher says: nothing below the minimum spend, a capped share, never more than the cash', () => {
    const amount = { kind: VoucherKind.AMOUNT_OFF, value: 3000, capFen: null, minSpendFen: 20000 };
    assert.equal(voucherDiscountFen(amount, 19_999), 0);
    assert.equal(voucherDiscountFen(amount, 20_000), 3000);
    const percent = { kind: VoucherKind.PERCENT_OFF, value: 1500, capFen: 5000, minSpendFen: 0 };
    assert.equal(voucherDiscountFen(percent, 10_001), 1500); // ⌊10001 × 15%⌋
    assert.equal(voucherDiscountFen(percent, 100_000), 5000); // capped
    assert.equal(voucherDiscountFen({ ...amount, minSpendFen: 0 }, 1200), 1200);
    assert.equal(voucherDiscountFen({ ...amount, minSpendFen: 0 }, 0), 0);
  });

  it('lists a tier voucher for that tier only, a segment voucher for its members only, and a personal one for that customer only', async () => {
    const gold = byTier.get('金卡')!;
    const silver = byTier.get('银卡')!;
    const forGold = ok<any>(
      await issue({ tierId: String(tierId.get('金卡')), name: '金卡专享' }),
      'issueVoucher',
    ).voucher;
    assert.equal(forGold.tier.id, String(tierId.get('金卡')));
    const forCars = ok<any>(
      await issue({ segmentId: String(carOwnersSegment), name: '车主加油券' }),
      'issueVoucher',
    ).voucher;
    const personal = ok<any>(
      await issue({ customerId: String(silver[0]), name: '生日券', perCustomerLimit: 2 }),
      'issueVoucher',
    ).voucher;
    const ids = async (c: number) => (await mine(c)).map((v) => v.voucher.id);
    assert.ok((await ids(gold[0]!)).includes(forGold.id));
    assert.ok(!(await ids(silver[1]!)).includes(forGold.id));
    assert.ok((await ids(carOwners[0]!)).includes(forCars.id));
    assert.ok(!(await ids(outsiders[0]!)).includes(forCars.id));
    const birthday = (await mine(silver[0]!)).find((v) => v.voucher.id === personal.id);
    assert.equal(birthday?.usesLeft, 2);
    assert.ok(!(await ids(silver[1]!)).includes(personal.id));

    // Not yet started, and stopped: neither is listed.
    const later = ok<any>(
      await issue({
        tierId: String(tierId.get('金卡')),
        name: '下周券',
        startsAt: new Date(Date.now() + 48 * HOUR).toISOString(),
        endsAt: new Date(Date.now() + 96 * HOUR).toISOString(),
      }),
      'issueVoucher',
    ).voucher;
    assert.ok(!(await ids(gold[0]!)).includes(later.id));
    ok(await sys.gql(bankOperator(1), STOP, { id: forGold.id }), 'stopVoucher');
    assert.ok(!(await ids(gold[0]!)).includes(forGold.id));
  });

  it('twenty concurrent orders of gold customers take a budget of three discounts exactly three times', async () => {
    const v = ok<any>(
      await issue({ tierId: String(tierId.get('金卡')), name: '限量券', budgetFen: 9000, amountOffFen: 3000 }),
      'issueVoucher',
    ).voucher;
    const customers = Array.from({ length: 20 }, (_, i) => byTier.get('金卡')![i % byTier.get('金卡')!.length]!);
    // More orders than gold customers: the per-customer limit (1) refuses some repeats, the budget the rest.
    const results = await Promise.all(customers.map((c) => reserve(nextOrder++, c, v.id, 3000)));
    const reserved = results.filter((r) => r.data?.reserveVoucher === 'RESERVED');
    assert.equal(reserved.length, 3, JSON.stringify(results.map((r) => r.data ?? errorCode(r))));
    assert.ok(results.filter((r) => r.errors).every((r) => errorCode(r) === 'CONFLICT'));
    const f = await figures(v.id);
    assert.deepEqual([f.spentFen, f.remainingFen, f.usedCount], [9000, 0, 3]);
    // An exhausted voucher is no longer listed.
    assert.ok(!(await mine(byTier.get('金卡')![0]!)).some((m) => m.voucher.id === v.id));
  });

  it('five concurrent orders of one customer use a two-use voucher exactly twice, and a release gives one use back', async () => {
    const c = byTier.get('银卡')![1]!;
    const v = ok<any>(
      await issue({
        customerId: String(c),
        name: '两次券',
        perCustomerLimit: 2,
        amountOffFen: 1000,
        minSpendFen: 5000,
      }),
      'issueVoucher',
    ).voucher;
    const orders = Array.from({ length: 5 }, () => nextOrder++);
    const results = await Promise.all(orders.map((o) => reserve(o, c, v.id, 1000)));
    const won = orders.filter((_, i) => results[i]!.data?.reserveVoucher === 'RESERVED');
    assert.equal(won.length, 2, JSON.stringify(results.map((r) => r.data ?? errorCode(r))));
    assert.deepEqual([(await figures(v.id)).spentFen, (await figures(v.id)).usedCount], [2000, 2]);
    assert.equal(
      (await mine(c)).some((m) => m.voucher.id === v.id),
      false,
    );

    // A retry of a winner answers RESERVED and takes nothing more.
    assert.equal(ok(await reserve(won[0]!, c, v.id, 1000), 'reserveVoucher'), 'RESERVED');
    assert.equal((await figures(v.id)).spentFen, 2000);
    // Cancelling one order gives its use and discount back, once.
    assert.equal(ok(await sys.asService('tenants', RELEASE, { o: String(won[0]) }), 'releaseVoucher'), 'RELEASED');
    assert.equal(ok(await sys.asService('tenants', RELEASE, { o: String(won[0]) }), 'releaseVoucher'), 'RELEASED');
    const f = await figures(v.id);
    assert.deepEqual([f.spentFen, f.usedCount], [1000, 1]);
    assert.equal((await mine(c)).find((m) => m.voucher.id === v.id)?.usesLeft, 1);
  });

  it('a release before the reservation leaves a tombstone: the late reservation takes nothing', async () => {
    const c = byTier.get('白金')![0]!;
    const v = ok<any>(await issue({ customerId: String(c), name: '迟到券', minSpendFen: 0 }), 'issueVoucher').voucher;
    const order = nextOrder++;
    ok(await sys.asService('tenants', RELEASE, { o: String(order) }), 'releaseVoucher');
    assert.equal(ok(await reserve(order, c, v.id, 3000), 'reserveVoucher'), 'RELEASED');
    const f = await figures(v.id);
    assert.deepEqual([f.spentFen, f.usedCount], [0, 0]);
  });

  it('a refund gives its share of the discount back to the budget once per refund, never more than the order took; the use stays used', async () => {
    const c = byTier.get('白金')![1]!;
    const v = ok<any>(await issue({ customerId: String(c), name: '退款券', minSpendFen: 0 }), 'issueVoucher').voucher;
    const order = nextOrder++;
    ok(await reserve(order, c, v.id, 3000), 'reserveVoucher');
    const refund = (key: string, fen: number) => sys.asService('tenants', RETURN, { o: String(order), k: key, f: fen });
    ok(await refund('refund-1', 1200), 'returnVoucherDiscount');
    ok(await refund('refund-1', 1200), 'returnVoucherDiscount'); // the sweep's retry
    assert.deepEqual([(await figures(v.id)).spentFen, (await figures(v.id)).usedCount], [1800, 1]);
    ok(await refund('refund-2', 5000), 'returnVoucherDiscount'); // more than is left: capped
    assert.equal((await figures(v.id)).spentFen, 0);
    ok(await sys.asService('tenants', RELEASE, { o: String(order) }), 'releaseVoucher');
    assert.deepEqual([(await figures(v.id)).spentFen, (await figures(v.id)).usedCount], [0, 0]);
  });

  it('refuses vouchers that are not valid, naming the field, and issues nothing', async () => {
    const before = ok<any>(
      await sys.gql(bankOperator(1), 'query { vouchers(first: 100) { edges { node { id } } } }'),
      'vouchers',
    ).edges.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ tierId: String(tierId.get('金卡')), segmentId: String(carOwnersSegment) }, 'tierId'],
      [{}, 'tierId'],
      [{ tierId: String(tierId.get('金卡')), amountOffFen: null }, 'amountOffFen'],
      [
        { tierId: String(tierId.get('金卡')), kind: 'PERCENT_OFF', amountOffFen: null, percentOffBp: 12000 },
        'percentOffBp',
      ],
      [{ tierId: String(tierId.get('金卡')), amountOffFen: 30000 }, 'amountOffFen'],
      [{ tierId: String(tierId.get('金卡')), endsAt: new Date(Date.now() - 2 * HOUR).toISOString() }, 'endsAt'],
      [{ tierId: String(tierId.get('金卡')), perCustomerLimit: 0 }, 'perCustomerLimit'],
      [{ tierId: String(tierId.get('金卡')), fundedBy: 'SHARED' }, 'bankShareBp'],
      [{ tierId: String(tierId.get('金卡')), name: 'x'.repeat(101) }, 'name'],
    ];
    for (const [extra, field] of cases) {
      const r = await issue(extra);
      assert.equal(errorCode(r), 'BAD_USER_INPUT', `${JSON.stringify(extra)}: ${JSON.stringify(r.errors)}`);
      assert.match(JSON.stringify(r.errors), new RegExp(field));
    }
    const afterCount = ok<any>(
      await sys.gql(bankOperator(1), 'query { vouchers(first: 100) { edges { node { id } } } }'),
      'vouchers',
    ).edges.length;
    assert.equal(afterCount, before);
  });

  it("keeps banks apart: bank 2 cannot issue to bank 1's tier, segment or customer, nor see or stop bank 1's vouchers; customers and apps cannot issue", async () => {
    const v = ok<any>(await issue({ tierId: String(tierId.get('金卡')), name: '本行券' }), 'issueVoucher').voucher;
    for (const extra of [
      { tierId: String(tierId.get('金卡')) },
      { segmentId: String(carOwnersSegment) },
      { customerId: String(outsiders[0]) },
    ]) {
      assert.equal(errorCode(await issue(extra, bankOperator(2))), 'NOT_FOUND', JSON.stringify(extra));
    }
    assert.equal(errorCode(await sys.gql(bankOperator(2), ONE, { id: v.id })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankAdmin(2), STOP, { id: v.id })), 'NOT_FOUND');
    assert.equal(
      errorCode(await issue({ tierId: String(tierId.get('金卡')) }, customer(1, outsiders[0]!))),
      'FORBIDDEN',
    );
    // Still active for bank 1's gold customers.
    assert.ok((await mine(byTier.get('金卡')![0]!)).some((m) => m.voucher.id === v.id));
    // The saga's entry points are the service's only.
    assert.ok(errorCode(await sys.gql(bankAdmin(1), RELEASE, { o: '1' })));
  });

  it("costs the same tenants statements for 5 and 20 customers' vouchers", async () => {
    const query =
      'query($n: Int) { bank { customers(first: $n) { edges { node { id vouchers { usesLeft voucher { id tier { id } } } } } } } }';
    const counts: number[] = [];
    for (const n of [5, 20]) {
      const requestId = randomUUID();
      const r = await sys.gql(bankOperator(1), query, { n }, { requestId });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      counts.push(await sys.statements('tenants', requestId));
    }
    assert.equal(counts[0], counts[1], JSON.stringify(counts));
  });
});
