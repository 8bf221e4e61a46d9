import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import type { Principal } from '../../core/identity';
import { Order } from '../../subgraphs/orders/entities/order';
import { OrderLine } from '../../subgraphs/orders/entities/order-line';
import {
  SettlementLine,
  SettlementLineKind,
  SettlementPayment,
  SettlementStatement,
  StatementStatus,
} from '../../subgraphs/orders/entities/settlement';
import { SupplierOrder } from '../../subgraphs/orders/entities/supplier-order';
import { addDays, localMonth, startOfNamedDay } from '../../subgraphs/orders/services/local-time';
import { nextPeriod, SettlementWriter } from '../../subgraphs/orders/services/settlement.service';
import { setBalance } from '../loyalty/helpers';
import { waitFor } from '../logistics/helpers';
import { bankOperator, platform, supplierAdmin } from '../principals';
import { ADDRESS, CHECKOUT, bankAdmin, createListing, customer, markShipped, setStock, setUpMall } from './helpers';

const ZONE = 'Asia/Shanghai';
const STATEMENT = `fragment S on SettlementStatement {
  id period status totalFen commissionFen paidFen issuedAt dueOn confirmedAt settledAt
  figures { deliveredFen refundedFen supplierDiscountsFen coFundingFen adjustmentsFen totalOwedFen commissionFen supplierReceivesFen paidFen outstandingFen lineCount }
  payments { reference paidOn amountFen }
  disputes { id lineId reason resolvedAt resolutionLineId rejectReason }
}`;
const GET = `query($id: ID!) { settlementStatement(id: $id) { ...S lines(first: 100) { edges { node { id kind orderId orderLineId refundId adjustsLineId amountFen note order { id } } } } } } ${STATEMENT}`;
const ISSUE = `mutation($id: ID!) { issueStatement(statementId: $id) { ...S } } ${STATEMENT}`;
const ISSUE_ALL = `mutation($p: String!) { issueStatements(period: $p) { issued { id status } notYetEnded remaining } }`;
const CONFIRM = `mutation($id: ID!) { confirmStatement(statementId: $id) { ...S } } ${STATEMENT}`;
const DISPUTE = `mutation($id: ID!, $lines: [DisputedLineInput!]!) { disputeStatementLines(statementId: $id, lines: $lines) { ...S } } ${STATEMENT}`;
const ADJUST = `mutation($id: ID!, $i: AdjustStatementInput!) { adjustStatement(statementId: $id, input: $i) { ...S } } ${STATEMENT}`;
const REJECT = `mutation($i: RejectStatementDisputeInput!) { rejectStatementDispute(input: $i) { ...S } } ${STATEMENT}`;
const REISSUE = `mutation($id: ID!) { reissueStatement(statementId: $id) { ...S } } ${STATEMENT}`;
const PAY = `mutation($id: ID!, $i: StatementPaymentInput!) { recordStatementPayment(statementId: $id, input: $i) { ...S } } ${STATEMENT}`;
const TRAIL = `query($f: AuditTrailFilterInput) { auditTrail(filter: $f, first: 100) { edges { node { actorId targetType } } } }`;
const AGEING = `query($d: String) { settlementAgeing(asOf: $d) { asOf rows { bankId supplierId statements notDueFen days1To30Fen days31To60Fen days61To90Fen over90Fen outstandingFen } } }`;

function data<T = any>(r: GraphQLResult, field: string): T {
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data![field] as T;
}

describe('statements: issue, dispute, adjust, confirm, pay, close; ageing', () => {
  let sys: TestSystem;
  let supplierId: number;
  let otherSupplier: number;
  let listing: string;
  let skuId: number;
  /** The month that ended last (bank time) and the one running now. */
  const now = new Date();
  const current = localMonth(now, ZONE);
  const [cy, cm] = current.split('-').map(Number) as [number, number];
  const previous = cm === 1 ? `${cy - 1}-12` : `${cy}-${String(cm - 1).padStart(2, '0')}`;
  const inPrevious = (day: number) =>
    new Date(startOfNamedDay(`${previous}-${String(day).padStart(2, '0')}`, ZONE).getTime() + 3_600_000);
  const orderIds: number[] = [];
  let statementId: string;
  let termDays: number;

  const em = async () => (await sys.orm('orders')).em.fork();
  const gql = (as: Principal, q: string, v: Record<string, unknown> = {}) => sys.gql(as, q, v);

  async function deliverAt(supplierOrderId: number, at: Date) {
    const r = await sys.asService(
      'orders',
      'mutation($id: ID!, $at: DateTime!) { recordSupplierOrderProgress(supplierOrderId: $id, status: DELIVERED, at: $at) { status } }',
      { id: String(supplierOrderId), at: at.toISOString() },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  }

  async function placeOrder(customerId: number, quantity: number, key: string): Promise<number> {
    await setBalance(sys, 1, customerId, 100_000, `stmt-${key}`);
    const r = await gql(customer(1, customerId), CHECKOUT, {
      input: {
        mallId: mall,
        lines: [{ listingId: listing, quantity }],
        shippingAddress: ADDRESS,
        idempotencyKey: `stmt-${key}-0000`,
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return Number(r.data!.checkout.order.id);
  }

  async function refundOne(orderId: number, reason: string): Promise<string> {
    const e = await em();
    const so = await e.findOneOrFail(SupplierOrder, { orderId });
    const line = await e.findOneOrFail(OrderLine, { orderId });
    const req = await gql(
      customer(1, (await e.findOneOrFail(Order, orderId)).customerId),
      'mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id } }',
      {
        i: { supplierOrderId: String(so.id), lines: [{ orderLineId: String(line.id), quantity: 1 }], reason },
      },
    );
    const refundId = data(req, 'requestRefund').id as string;
    data(
      await gql(supplierAdmin(supplierId), 'mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state } }', {
        i: { refundId, approve: true },
      }),
      'decideRefund',
    );
    return refundId;
  }

  /** A statement written as a fixture (this is about payments and ageing, not how lines arrive). */
  async function fixture(fields: Partial<SettlementStatement> & { supplierId: number; period: string }) {
    const e = await em();
    const s = e.create(SettlementStatement, {
      bankId: 1,
      status: StatementStatus.ISSUED,
      totalFen: 0,
      commissionFen: 0,
      paidFen: 0,
      issuedAt: new Date(),
      ...fields,
    });
    await e.flush();
    return s;
  }

  let mall: string;

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mall = m.mallId;
    supplierId = m.physical.supplierId;
    otherSupplier = m.virtual.supplierId === supplierId ? supplierId + 1 : m.virtual.supplierId;
    skuId = m.physical.id;
    await setStock(sys, skuId, 100);
    listing = await createListing(sys, { mallId: mall, skuId: String(skuId), priceMode: 'POINTS', pricePoints: 700 });
    // A month of orders: three customers, 1 + 2 + 3 units, delivered on the 5th, 12th and 20th of last month.
    for (const [i, q] of [1, 2, 3].entries()) orderIds.push(await placeOrder(i + 1, q, `m${i}`));
    const e = await em();
    for (const [i, id] of orderIds.entries()) {
      const so = await e.findOneOrFail(SupplierOrder, { orderId: id });
      await markShipped(sys, so.id);
      await deliverAt(so.id, inPrevious([5, 12, 20][i]!));
    }
    termDays = data(await gql(bankAdmin(1), '{ bank { settlementTermDays } }'), 'bank').settlementTermDays;
  });
  after(async () => {
    await sys?.stop();
  });

  it('the month has a statement per bank × supplier; a partial refund in the month is one of its lines', async () => {
    const e = await em();
    const s = await e.findOneOrFail(SettlementStatement, { bankId: 1, supplierId, period: previous });
    statementId = String(s.id);
    // A partial refund inside last month, written as the refund booking writes it (at a chosen time,
    // as bank-time.test.ts writes reports): one unit of the 3-unit order.
    const line = await e.findOneOrFail(OrderLine, { orderId: orderIds[2]! });
    await e.transactional(async (tx) => {
      await new SettlementWriter(tx as never).add({
        bankId: 1,
        supplierId,
        kind: SettlementLineKind.REFUND,
        sourceKey: `refund:777001:${line.id}`,
        orderId: line.orderId,
        orderLineId: line.id,
        quantity: 1,
        unitSupplierPriceFen: line.supplierPriceFen,
        occurredAt: inPrevious(25),
        timeZone: ZONE,
      });
    });
    const got = data(await gql(supplierAdmin(supplierId), GET, { id: statementId }), 'settlementStatement');
    assert.equal(got.status, 'DRAFT');
    const lines = got.lines.edges.map((x: any) => x.node);
    assert.equal(lines.length, 4);
    const refund = lines.find((l: any) => l.kind === 'REFUND');
    assert.equal(refund.refundId, '777001');
    assert.equal(refund.amountFen, -line.supplierPriceFen);
    assert.deepEqual(
      lines
        .filter((l: any) => l.kind === 'DELIVERY')
        .map((l: any) => Number(l.order.id))
        .sort(),
      [...orderIds].sort(),
      'every delivery line traces to its order',
    );
    const sum = (k: string) => lines.filter((l: any) => l.kind === k).reduce((a: number, l: any) => a + l.amountFen, 0);
    assert.equal(got.figures.deliveredFen, 6 * line.supplierPriceFen);
    assert.equal(got.figures.deliveredFen, sum('DELIVERY'));
    assert.equal(got.figures.refundedFen, sum('REFUND'));
    assert.equal(got.figures.totalOwedFen, got.totalFen);
    assert.equal(got.totalFen, 5 * line.supplierPriceFen);
    assert.equal(got.figures.outstandingFen, got.totalFen);
  });

  it('issue is refused before the month ends in the bank time zone, and allowed after; a refund after issue goes to the next month', async () => {
    // This month's statement (a refund now lands in it): not yet ended.
    const refundNow = await refundOne(orderIds[1]!, '少了一个零件');
    const e = await em();
    const running = await e.findOneOrFail(SettlementStatement, { bankId: 1, supplierId, period: current });
    const early = await gql(platform, ISSUE, { id: String(running.id) });
    assert.equal(errorCode(early), 'BAD_USER_INPUT', JSON.stringify(early));
    const opens = startOfNamedDay(`${nextPeriod(current)}-01`, ZONE).toISOString();
    assert.match(
      early.errors![0]!.message,
      new RegExp(`may be issued from ${nextPeriod(current)}-01 00:00 .*${opens.slice(0, 19)}`),
    );
    // The bank and the supplier do not issue.
    assert.equal(errorCode(await gql(bankAdmin(1), ISSUE, { id: statementId })), 'FORBIDDEN');
    assert.equal(errorCode(await gql(supplierAdmin(supplierId), ISSUE, { id: statementId })), 'FORBIDDEN');
    const before = data(await gql(platform, GET, { id: statementId }), 'settlementStatement');
    const issued = data(await gql(platform, ISSUE, { id: statementId }), 'issueStatement');
    assert.equal(issued.status, 'ISSUED');
    assert.ok(issued.issuedAt);
    assert.equal(issued.dueOn, addDays(`${current}-01`, termDays), 'the day after the last day + the bank terms');
    assert.equal(errorCode(await gql(platform, ISSUE, { id: statementId })), 'CONFLICT', 'issued once');
    // After issue: a refund of a unit delivered last month and a late delivery report dated last month
    // both land in this (the next DRAFT) month; last month's statement keeps its lines.
    await refundOne(orderIds[2]!, '又坏了一个');
    const late = await placeOrder(4, 1, 'late');
    const so = await e.findOneOrFail(SupplierOrder, { orderId: late });
    await markShipped(sys, so.id);
    await deliverAt(so.id, inPrevious(28));
    const after = data(await gql(platform, GET, { id: statementId }), 'settlementStatement');
    assert.equal(after.totalFen, before.totalFen);
    assert.equal(after.lines.edges.length, before.lines.edges.length);
    const next = await (await em()).find(SettlementLine, { statementId: running.id });
    assert.deepEqual(next.map((l) => l.kind).sort(), ['DELIVERY', 'REFUND', 'REFUND']);
    assert.ok(next.some((l) => l.orderId === late));
    const refundLines = data(await gql(platform, GET, { id: String(running.id) }), 'settlementStatement')
      .lines.edges.map((x: any) => x.node)
      .filter((l: any) => l.kind === 'REFUND');
    assert.ok(refundLines.some((l: any) => l.refundId === refundNow));
  });

  it('cross-tenant: another bank or supplier cannot read, confirm, dispute or pay it; the bank cannot adjust', async () => {
    const other = supplierAdmin(otherSupplier);
    assert.equal(errorCode(await gql(bankAdmin(2), GET, { id: statementId })), 'NOT_FOUND');
    assert.equal(errorCode(await gql(other, GET, { id: statementId })), 'NOT_FOUND');
    assert.equal(errorCode(await gql(other, CONFIRM, { id: statementId })), 'NOT_FOUND');
    const lineId = (
      await (
        await em()
      ).findOneOrFail(SettlementLine, { statementId: Number(statementId), kind: SettlementLineKind.DELIVERY })
    ).id;
    assert.equal(
      errorCode(
        await gql(other, DISPUTE, { id: statementId, lines: [{ settlementLineId: String(lineId), reason: 'x' }] }),
      ),
      'NOT_FOUND',
    );
    const pay = { reference: 'X-1', paidOn: '2026-01-05', amountFen: 1 };
    assert.equal(errorCode(await gql(bankAdmin(2), PAY, { id: statementId, i: pay })), 'NOT_FOUND');
    assert.equal(errorCode(await gql(supplierAdmin(supplierId), PAY, { id: statementId, i: pay })), 'FORBIDDEN');
    assert.equal(
      errorCode(await gql({ ...bankOperator(1), permissions: ['SEE_REPORTS'] }, PAY, { id: statementId, i: pay })),
      'FORBIDDEN',
      'recording payments needs PAY_SUPPLIERS',
    );
    assert.equal(
      errorCode(await gql(bankAdmin(1), ADJUST, { id: statementId, i: { amountFen: 1, note: 'x' } })),
      'FORBIDDEN',
    );
    assert.equal(errorCode(await gql(bankAdmin(1), CONFIRM, { id: statementId })), 'FORBIDDEN');
    // Lists: bank 2 and the other supplier see none of it.
    const list = `query { settlementStatements(first: 100) { edges { node { id } } } }`;
    for (const who of [bankAdmin(2), other])
      assert.ok(!data(await gql(who, list), 'settlementStatements').edges.some((x: any) => x.node.id === statementId));
    const e = await em();
    assert.equal(await e.count(SettlementPayment, {}), 0, 'nothing written');
  });

  it('bad input is BAD_USER_INPUT and changes nothing', async () => {
    const lineId = String(
      (
        await (
          await em()
        ).findOneOrFail(SettlementLine, { statementId: Number(statementId), kind: SettlementLineKind.DELIVERY })
      ).id,
    );
    const sup = supplierAdmin(supplierId);
    const huge = await gql(sup, DISPUTE, {
      id: statementId,
      lines: [{ settlementLineId: lineId, reason: 'x'.repeat(1_000_000) }],
    });
    assert.equal(errorCode(huge), 'BAD_USER_INPUT', JSON.stringify(huge).slice(0, 300));
    assert.equal(
      errorCode(
        await gql(sup, DISPUTE, { id: statementId, lines: [{ settlementLineId: lineId, reason: 'y'.repeat(501) }] }),
      ),
      'BAD_USER_INPUT',
    );
    const many = Array.from({ length: 500 }, () => ({ settlementLineId: lineId, reason: '不对' }));
    assert.equal(errorCode(await gql(sup, DISPUTE, { id: statementId, lines: many })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await gql(sup, DISPUTE, { id: statementId, lines: [] })), 'BAD_USER_INPUT');
    assert.equal(
      errorCode(await gql(sup, DISPUTE, { id: statementId, lines: [{ settlementLineId: '999999', reason: '不对' }] })),
      'BAD_USER_INPUT',
    );
    assert.equal(
      errorCode(await gql(sup, DISPUTE, { id: statementId, lines: [{ settlementLineId: lineId, reason: '  ' }] })),
      'BAD_USER_INPUT',
    );
    for (const i of [
      { reference: 'P-1', paidOn: '2026-01-05', amountFen: -5 },
      { reference: 'P-1', paidOn: '2026-01-05', amountFen: 0 },
      { reference: 'P-1', paidOn: '2026-02-30', amountFen: 5 },
      { reference: 'P-1', paidOn: 'tomorrow', amountFen: 5 },
      { reference: 'P-1', paidOn: '2999-01-01', amountFen: 5 },
      { reference: '', paidOn: '2026-01-05', amountFen: 5 },
      { reference: 'x'.repeat(65), paidOn: '2026-01-05', amountFen: 5 },
    ])
      assert.equal(
        errorCode(await gql(bankAdmin(1), PAY, { id: statementId, i })),
        'BAD_USER_INPUT',
        JSON.stringify(i),
      );
    for (const i of [
      { amountFen: 0, note: '更正' },
      { amountFen: 5, note: '' },
      { amountFen: 5, note: 'z'.repeat(501) },
      { amountFen: 5, note: '更正', adjustsSettlementLineId: '999999' },
    ])
      assert.equal(errorCode(await gql(platform, ADJUST, { id: statementId, i })), 'BAD_USER_INPUT', JSON.stringify(i));
    assert.equal(errorCode(await gql(platform, ISSUE_ALL, { p: '2026-13' })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await gql(platform, AGEING, { d: '2026-02-30' })), 'BAD_USER_INPUT');
    const s = data(await gql(platform, GET, { id: statementId }), 'settlementStatement');
    assert.equal(s.status, 'ISSUED');
    assert.deepEqual(s.disputes, []);
    assert.equal(s.figures.adjustmentsFen, 0);
    assert.equal(await (await em()).count(SettlementPayment, {}), 0);
  });

  it('must show: dispute one line → adjustment → issued again → confirm → pay twice partially → CLOSED', async () => {
    const sup = supplierAdmin(supplierId);
    const start = data(await gql(sup, GET, { id: statementId }), 'settlementStatement');
    const delivery = start.lines.edges
      .map((x: any) => x.node)
      .find((l: any) => l.kind === 'DELIVERY' && l.amountFen > 0);
    const disputed = data(
      await gql(sup, DISPUTE, {
        id: statementId,
        lines: [{ settlementLineId: delivery.id, reason: '单价应为协议价，少算了 1 元' }],
      }),
      'disputeStatementLines',
    );
    assert.equal(disputed.status, 'DISPUTED');
    assert.equal(disputed.disputes.length, 1);
    assert.equal(disputed.disputes[0].lineId, delivery.id);
    assert.equal(disputed.disputes[0].resolvedAt, null);
    // Not confirmable, not re-issuable while a dispute is open; disputing again is refused.
    assert.equal(errorCode(await gql(sup, CONFIRM, { id: statementId })), 'CONFLICT');
    assert.equal(errorCode(await gql(platform, REISSUE, { id: statementId })), 'CONFLICT');
    assert.equal(
      errorCode(
        await gql(sup, DISPUTE, { id: statementId, lines: [{ settlementLineId: delivery.id, reason: '再来' }] }),
      ),
      'CONFLICT',
    );
    // The platform answers with an adjustment line into THIS statement.
    const adjusted = data(
      await gql(platform, ADJUST, {
        id: statementId,
        i: { amountFen: 100, note: '按协议价补 1 元', adjustsSettlementLineId: delivery.id },
      }),
      'adjustStatement',
    );
    assert.equal(adjusted.status, 'DISPUTED');
    assert.equal(adjusted.totalFen, start.totalFen + 100);
    assert.equal(adjusted.figures.adjustmentsFen, 100);
    assert.ok(adjusted.disputes[0].resolvedAt);
    const detail = data(await gql(sup, GET, { id: statementId }), 'settlementStatement');
    const adjLine = detail.lines.edges.map((x: any) => x.node).find((l: any) => l.kind === 'ADJUSTMENT');
    assert.equal(adjusted.disputes[0].resolutionLineId, adjLine.id);
    assert.equal(adjLine.adjustsLineId, delivery.id);
    assert.equal(adjLine.orderId, delivery.orderId, 'the adjustment traces to the disputed line’s order');
    assert.equal(adjLine.note, '按协议价补 1 元');
    const unchanged = detail.lines.edges.map((x: any) => x.node).find((l: any) => l.id === delivery.id);
    assert.equal(unchanged.amountFen, delivery.amountFen, 'the disputed line itself is never edited');
    const reissued = data(await gql(platform, REISSUE, { id: statementId }), 'reissueStatement');
    assert.equal(reissued.status, 'ISSUED');
    assert.equal(reissued.dueOn, start.dueOn, 'issuing again keeps the due date');
    // Confirm.
    const confirmed = data(await gql(sup, CONFIRM, { id: statementId }), 'confirmStatement');
    assert.equal(confirmed.status, 'CONFIRMED');
    assert.ok(confirmed.confirmedAt);
    // Pay twice partially.
    const total = confirmed.totalFen;
    const first = Math.floor(total * 0.4);
    const payRequest = randomUUID();
    const p1 = data(
      await sys.gql(
        bankAdmin(1),
        PAY,
        { id: statementId, i: { reference: 'CMB-0001', paidOn: '2026-11-02', amountFen: first } },
        { requestId: payRequest },
      ),
      'recordStatementPayment',
    );
    assert.equal(p1.status, 'CONFIRMED');
    // Staff writes are in the audit trail: the payment and the statement's paid sum, by the bank's admin.
    const audited = await waitFor(`audit entries of request ${payRequest}`, async () => {
      const r = await gql(platform, TRAIL, { f: { requestId: payRequest } });
      const nodes = data(r, 'auditTrail').edges.map((x: any) => x.node);
      return nodes.length >= 2 ? nodes : null;
    });
    assert.deepEqual([...new Set(audited.map((x: any) => x.targetType))].sort(), [
      'SettlementPayment',
      'SettlementStatement',
    ]);
    assert.ok(audited.every((x: any) => x.actorId === 'admin-1'));
    assert.equal(p1.paidFen, first);
    assert.equal(p1.figures.outstandingFen, total - first);
    // A retry with the same reference is the same payment; a different amount under it is CONFLICT.
    const retry = data(
      await gql(bankAdmin(1), PAY, {
        id: statementId,
        i: { reference: 'CMB-0001', paidOn: '2026-11-02', amountFen: first },
      }),
      'recordStatementPayment',
    );
    assert.equal(retry.paidFen, first);
    assert.equal(retry.payments.length, 1);
    assert.equal(
      errorCode(
        await gql(bankAdmin(1), PAY, {
          id: statementId,
          i: { reference: 'CMB-0001', paidOn: '2026-11-02', amountFen: first + 1 },
        }),
      ),
      'CONFLICT',
    );
    assert.equal(
      errorCode(
        await gql(bankAdmin(1), PAY, {
          id: statementId,
          i: { reference: 'CMB-0001', paidOn: '2026-11-03', amountFen: first },
        }),
      ),
      'CONFLICT',
    );
    // Overpaying is refused and writes nothing.
    const over = await gql(bankAdmin(1), PAY, {
      id: statementId,
      i: { reference: 'CMB-0002', paidOn: '2026-11-05', amountFen: total - first + 1 },
    });
    assert.equal(errorCode(over), 'CONFLICT');
    assert.match(over.errors![0]!.message, new RegExp(`${total - first} fen outstanding`));
    assert.equal(await (await em()).count(SettlementPayment, { statementId: Number(statementId) }), 1);
    const p2 = data(
      await gql(bankAdmin(1), PAY, {
        id: statementId,
        i: { reference: 'CMB-0002', paidOn: '2026-11-05', amountFen: total - first },
      }),
      'recordStatementPayment',
    );
    assert.equal(p2.status, 'CLOSED');
    assert.ok(p2.settledAt);
    assert.equal(p2.paidFen, total);
    assert.equal(p2.figures.outstandingFen, 0);
    assert.deepEqual(
      p2.payments.map((p: any) => [p.reference, p.paidOn, p.amountFen]),
      [
        ['CMB-0001', '2026-11-02', first],
        ['CMB-0002', '2026-11-05', total - first],
      ],
    );
    // Figures equal the sums of the traced lines, exactly.
    const lines = (await (await em()).find(SettlementLine, { statementId: Number(statementId) })).map((l) => ({
      kind: l.kind,
      fen: Number(l.amountFen),
    }));
    const sum = (...k: string[]) => lines.filter((l) => k.includes(l.kind)).reduce((a, l) => a + l.fen, 0);
    assert.deepEqual(p2.figures, {
      deliveredFen: sum('DELIVERY'),
      refundedFen: sum('REFUND'),
      supplierDiscountsFen: sum('DISCOUNT', 'DISCOUNT_RETURN'),
      coFundingFen: sum('CO_FUNDING', 'CO_FUNDING_RETURN'),
      adjustmentsFen: sum('ADJUSTMENT'),
      totalOwedFen: total,
      commissionFen: sum('COMMISSION', 'COMMISSION_RETURN'),
      supplierReceivesFen: total + sum('COMMISSION', 'COMMISSION_RETURN'),
      paidFen: total,
      outstandingFen: 0,
      lineCount: lines.length,
    });
    assert.equal(
      total,
      sum('DELIVERY', 'REFUND', 'DISCOUNT', 'DISCOUNT_RETURN', 'CO_FUNDING', 'CO_FUNDING_RETURN', 'ADJUSTMENT'),
    );
    // Closed: no more payments, adjustments or disputes.
    assert.equal(
      errorCode(
        await gql(bankAdmin(1), PAY, {
          id: statementId,
          i: { reference: 'CMB-0003', paidOn: '2026-11-05', amountFen: 1 },
        }),
      ),
      'CONFLICT',
    );
    assert.equal(
      errorCode(await gql(platform, ADJUST, { id: statementId, i: { amountFen: 1, note: '晚了' } })),
      'CONFLICT',
    );
  });

  it('a refusal answers a dispute too; payment before confirmation closes the statement when it is confirmed', async () => {
    const s = await fixture({ supplierId, period: '2025-03', dueOn: '2025-05-01' });
    await (
      await em()
    ).transactional(async (tx) => {
      await new SettlementWriter(tx as never).add({
        bankId: 1,
        supplierId,
        kind: SettlementLineKind.DELIVERY,
        sourceKey: `fixture-delivery:${s.id}`,
        orderId: orderIds[0]!,
        orderLineId: 0,
        quantity: 2,
        unitSupplierPriceFen: 250_000_000_000,
        occurredAt: new Date('2025-03-10T00:00:00Z'),
        timeZone: ZONE,
      });
    });
    // The writer put the line in the next DRAFT month (2025-03 is ISSUED): move it here as the fixture's line.
    const e = await em();
    const l = await e.findOneOrFail(SettlementLine, { sourceKey: `fixture-delivery:${s.id}` });
    const drafted = l.statementId;
    await e.getConnection().execute('UPDATE settlement_line SET statement_id = ? WHERE id = ?', [s.id, l.id]);
    await e
      .getConnection()
      .execute('UPDATE settlement_statement SET total_fen = total_fen + ? WHERE id = ?', [500_000_000_000, s.id]);
    await e
      .getConnection()
      .execute('UPDATE settlement_statement SET total_fen = total_fen - ? WHERE id = ?', [500_000_000_000, drafted]);
    const id = String(s.id);
    const d = data(
      await gql(supplierAdmin(supplierId), DISPUTE, {
        id,
        lines: [{ settlementLineId: String(l.id), reason: '数量不对' }],
      }),
      'disputeStatementLines',
    );
    assert.equal(
      errorCode(await gql(platform, REJECT, { i: { settlementDisputeId: d.disputes[0].id, reason: '' } })),
      'BAD_USER_INPUT',
    );
    const rejected = data(
      await gql(platform, REJECT, { i: { settlementDisputeId: d.disputes[0].id, reason: '签收单显示 2 件' } }),
      'rejectStatementDispute',
    );
    assert.equal(rejected.disputes[0].rejectReason, '签收单显示 2 件');
    assert.equal(
      errorCode(await gql(platform, REJECT, { i: { settlementDisputeId: d.disputes[0].id, reason: '再次' } })),
      'CONFLICT',
    );
    data(await gql(platform, REISSUE, { id }), 'reissueStatement');
    // Paid in full (by the platform for the bank) before the supplier confirms: 5 × 10^11 fen, beyond 2^31.
    const paid = data(
      await gql(platform, PAY, { id, i: { reference: 'ADV-1', paidOn: '2025-04-30', amountFen: 500_000_000_000 } }),
      'recordStatementPayment',
    );
    assert.equal(paid.status, 'ISSUED');
    assert.equal(paid.figures.outstandingFen, 0);
    const confirmed = data(await gql(supplierAdmin(supplierId), CONFIRM, { id }), 'confirmStatement');
    assert.equal(confirmed.status, 'CLOSED');
    assert.ok(confirmed.settledAt);
  });

  it('two concurrent payments cannot overpay; the same reference twice at once is one payment', async () => {
    const s = await fixture({ supplierId: 902, period: '2025-01', totalFen: 1000, dueOn: '2025-03-01' });
    const pay = (reference: string, amountFen: number) =>
      gql(bankAdmin(1), PAY, { id: String(s.id), i: { reference, paidOn: '2025-02-01', amountFen } });
    const results = await Promise.all([pay('RACE-A', 600), pay('RACE-B', 600)]);
    const codes = results.map((r) => errorCode(r) ?? 'OK').sort();
    assert.deepEqual(codes, ['CONFLICT', 'OK'], JSON.stringify(results.map((r) => r.errors)));
    const e = await em();
    assert.equal((await e.findOneOrFail(SettlementStatement, s.id, { refresh: true })).paidFen, 600);
    assert.equal(await e.count(SettlementPayment, { statementId: s.id }), 1);
    const same = await Promise.all([pay('RACE-C', 300), pay('RACE-C', 300), pay('RACE-C', 300)]);
    for (const r of same) assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.equal((await e.findOneOrFail(SettlementStatement, s.id, { refresh: true })).paidFen, 900);
    assert.equal(await e.count(SettlementPayment, { statementId: s.id }), 2);
    // A DRAFT statement takes no payment.
    const draft = await fixture({ supplierId: 902, period: '2025-02', status: StatementStatus.DRAFT, totalFen: 1000 });
    assert.equal(
      errorCode(
        await gql(bankAdmin(1), PAY, {
          id: String(draft.id),
          i: { reference: 'D-1', paidOn: '2025-02-01', amountFen: 1 },
        }),
      ),
      'CONFLICT',
    );
  });

  it('ageing buckets what is outstanding by days past due, on the boundary days, exactly', async () => {
    const asOf = '2026-06-30';
    const S = 901;
    // Outstanding amounts beyond 2^31 that tell the buckets apart; days past due on the boundaries.
    const cases: [number, number][] = [
      [0, 1 * 2 ** 32], // due today: not yet due
      [-5, 2 * 2 ** 32], // due in 5 days
      [1, 4 * 2 ** 32],
      [30, 8 * 2 ** 32],
      [31, 16 * 2 ** 32],
      [60, 32 * 2 ** 32],
      [61, 64 * 2 ** 32],
      [90, 128 * 2 ** 32],
      [91, 256 * 2 ** 32],
    ];
    for (const [i, [late, fen]] of cases.entries())
      await fixture({
        supplierId: S,
        period: `2024-${String(i + 1).padStart(2, '0')}`,
        totalFen: fen + 7,
        paidFen: 7,
        dueOn: addDays(asOf, -late),
        status: i % 2 ? StatementStatus.CONFIRMED : StatementStatus.ISSUED,
      });
    // Closed and draft statements owe nothing here.
    await fixture({
      supplierId: S,
      period: '2024-10',
      totalFen: 5,
      paidFen: 5,
      dueOn: '2024-01-01',
      status: StatementStatus.CLOSED,
    });
    await fixture({ supplierId: S, period: '2024-11', totalFen: 5, status: StatementStatus.DRAFT });
    const row = (r: GraphQLResult) =>
      data(r, 'settlementAgeing').rows.find((x: any) => x.supplierId === String(S) && x.bankId === '1');
    const got = row(await gql(platform, AGEING, { d: asOf }));
    const g = 2 ** 32;
    assert.deepEqual(got, {
      bankId: '1',
      supplierId: String(S),
      statements: 9,
      notDueFen: 3 * g,
      days1To30Fen: 12 * g,
      days31To60Fen: 48 * g,
      days61To90Fen: 192 * g,
      over90Fen: 256 * g,
      outstandingFen: 511 * g,
    });
    assert.deepEqual(row(await gql(bankAdmin(1), AGEING, { d: asOf })), got, 'the bank sees it per supplier');
    assert.deepEqual(row(await gql(supplierAdmin(S), AGEING, { d: asOf })), got, 'the supplier sees it per bank');
    const supplierRows = data(await gql(supplierAdmin(S), AGEING, { d: asOf }), 'settlementAgeing').rows;
    assert.ok(supplierRows.every((r: any) => r.supplierId === String(S)));
    assert.equal(row(await gql(bankAdmin(2), AGEING, { d: asOf })), undefined, 'another bank sees nothing of it');
    assert.equal(row(await gql(supplierAdmin(supplierId), AGEING, { d: asOf })), undefined);
    // A day later every boundary moves one bucket on.
    const later = row(await gql(platform, AGEING, { d: addDays(asOf, 1) }));
    assert.equal(later.notDueFen, 2 * g);
    assert.equal(later.days1To30Fen, 5 * g);
    assert.equal(later.days31To60Fen, 24 * g);
    assert.equal(later.days61To90Fen, 96 * g);
    assert.equal(later.over90Fen, 384 * g);
  });

  it('issueStatements issues every DRAFT statement of an ended month, and leaves a running month alone', async () => {
    const a = await fixture({ supplierId: 903, period: '2025-06', status: StatementStatus.DRAFT });
    const b = await fixture({ supplierId: 904, period: '2025-06', status: StatementStatus.DRAFT });
    assert.equal(errorCode(await gql(bankAdmin(1), ISSUE_ALL, { p: '2025-06' })), 'FORBIDDEN');
    const r = data(await gql(platform, ISSUE_ALL, { p: '2025-06' }), 'issueStatements');
    assert.deepEqual(
      r.issued.map((s: any) => [s.id, s.status]),
      [
        [String(a.id), 'ISSUED'],
        [String(b.id), 'ISSUED'],
      ],
    );
    assert.equal(r.remaining, 0);
    const running = data(await gql(platform, ISSUE_ALL, { p: current }), 'issueStatements');
    assert.deepEqual(running.issued, []);
    assert.ok(running.notYetEnded >= 1);
    const due = await (await em()).findOneOrFail(SettlementStatement, a.id, { refresh: true });
    assert.equal(due.dueOn, addDays('2025-07-01', termDays));
  });

  it('a page of statements with figures, payments, disputes and lines costs the same statements for 2 and 20', async () => {
    const counts: Record<number, number> = {};
    for (const first of [2, 20]) {
      const requestId = randomUUID();
      const r = await sys.gql(
        platform,
        `query($n: Int) { settlementStatements(first: $n) { edges { node { id figures { totalOwedFen outstandingFen } payments { amountFen } disputes { reason } lines(first: 3) { edges { node { id refundId order { id } } } } } } } }`,
        { n: first },
        { requestId },
      );
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      assert.ok(
        r.data!.settlementStatements.edges.length >= Math.min(first, 15),
        String(r.data!.settlementStatements.edges.length),
      );
      counts[first] = await sys.statements('orders', requestId);
    }
    assert.equal(counts[2], counts[20], JSON.stringify(counts));
    // Filters and keyset pages.
    const page1 = data(
      await gql(
        platform,
        `query { settlementStatements(first: 3, supplierId: "901") { edges { node { period } } pageInfo { hasNextPage endCursor } } }`,
      ),
      'settlementStatements',
    );
    assert.equal(page1.edges.length, 3);
    assert.ok(page1.pageInfo.hasNextPage);
    const page2 = data(
      await gql(
        platform,
        `query($a: String) { settlementStatements(first: 3, supplierId: "901", after: $a) { edges { node { period } } } }`,
        { a: page1.pageInfo.endCursor },
      ),
      'settlementStatements',
    );
    assert.ok(page2.edges[0].node.period < page1.edges[2].node.period);
    const closed = data(
      await gql(
        bankAdmin(1),
        `query { settlementStatements(status: CLOSED, period: "${previous}") { edges { node { id status } } } }`,
      ),
      'settlementStatements',
    );
    assert.deepEqual(
      closed.edges.map((x: any) => x.node.id),
      [statementId],
    );
  });
});
