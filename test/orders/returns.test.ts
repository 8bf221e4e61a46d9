import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import {
  ADDRESS,
  CHECKOUT,
  bankAdmin,
  createListing,
  customer,
  partnerApp,
  platform,
  pointsOf,
  setStock,
  setUpMall,
  stockOf,
} from './helpers';
import { bankOperator, supplierAdmin, supplierStaff } from '../principals';
import { pushEvents, waitFor } from '../logistics/helpers';
import { asPrincipal } from '../catalog/helpers';
import { Sku } from '../../subgraphs/catalog/entities/sku';
import { Category } from '../../subgraphs/catalog/entities/category';

const RETURN_FIELDS = `id status kind reason units lines { orderLineId quantity } refusalReason returnCarrierCode
  returnTrackingNumber receivedAt inspectedAt rejectionReason photoUrls replacementTrackingNumber completedAt
  refund { id state cause pointsRefunded cashRefundFen restock }`;
const REQUEST = `mutation($i: RequestReturnInput!) { requestReturn(input: $i) { ${RETURN_FIELDS} } }`;
const DECIDE = `mutation($i: DecideReturnInput!) { decideReturn(input: $i) { ${RETURN_FIELDS} } }`;
const SUBMIT = `mutation($i: SubmitReturnParcelInput!) { submitReturnParcel(input: $i) { ${RETURN_FIELDS} } }`;
const INSPECT = `mutation($i: InspectReturnInput!) { inspectReturn(input: $i) { ${RETURN_FIELDS} } }`;
const REPLACE = `mutation($i: ShipReplacementInput!) { shipReplacement(input: $i) { ${RETURN_FIELDS} } }`;
const WITHDRAW = `mutation($i: WithdrawReturnInput!) { withdrawReturn(input: $i) { ${RETURN_FIELDS} withdrawnBy } }`;
const TRAIL = `query($f: AuditTrailFilterInput) { auditTrail(filter: $f, first: 100) { edges { node {
  actorId onBehalfOfCustomerId targetType } } } }`;
const GET = `query($id: ID!) { returnRequest(id: $id) { ${RETURN_FIELDS} parcels { trackingNumber status deliveredAt } } }`;
const LIST = `query($f: ReturnFilterInput) { returnRequests(filter: $f, first: 50) { edges { node { id status } } } }`;

type Who = Parameters<TestSystem['gql']>[0];

describe('returns of physical goods: authorisation, a tracked return parcel, inspection, refund or exchange', () => {
  let sys: TestSystem;
  let mallId: string;
  let sku: Sku;
  let supplierId: number;
  let otherSupplier: number;
  let listing: string;
  let virtualListing: string;
  const UNIT_POINTS = 333;
  const UNIT_FEN = 3_335;

  before(async () => {
    sys = await startTestSystem();
    const m = await setUpMall(sys);
    mallId = m.mallId;
    sku = m.physical;
    supplierId = sku.supplierId;
    otherSupplier = supplierId === 1 ? 2 : 1;
    await setStock(sys, sku.id, 50);
    await setStock(sys, m.virtual.id, 5);
    listing = await createListing(sys, {
      mallId,
      skuId: String(sku.id),
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: UNIT_POINTS,
      priceFen: UNIT_FEN,
    });
    virtualListing = await createListing(sys, {
      mallId,
      skuId: String(m.virtual.id),
      priceMode: 'POINTS',
      pricePoints: 500,
    });
  });
  after(async () => {
    await sys?.stop();
  });

  const ok = async (who: Who, query: string, vars: Record<string, unknown>) => {
    const r = await sys.gql(who, query, vars);
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!;
  };

  /**
   * A paid order of `quantity` units, delivered `deliveredDaysAgo` days ago (as logistics reports it;
   * `reported: ['SHIPPED']`: shipped then, its delivery never reported).
   */
  async function deliveredOrder(
    customerId: number,
    quantity: number,
    deliveredDaysAgo = 0,
    reported: string[] = ['SHIPPED', 'DELIVERED'],
  ) {
    const r = await ok(customer(1, customerId), CHECKOUT, {
      input: {
        mallId,
        lines: [{ listingId: listing, quantity }],
        shippingAddress: ADDRESS,
        idempotencyKey: `ret-${randomUUID()}`,
      },
    });
    const order = r.checkout.order;
    const paid = await ok(
      partnerApp(1),
      'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }',
      {
        i: { orderId: order.id, paymentRef: `RET-${randomUUID().slice(0, 8)}`, amountFen: UNIT_FEN * quantity },
      },
    );
    assert.equal(paid.confirmPayment.status, 'PAID');
    const at = new Date(Date.now() - deliveredDaysAgo * 86_400_000).toISOString();
    for (const status of reported) {
      const d = await sys.asService(
        'orders',
        `mutation($id: ID!, $at: DateTime!) { recordSupplierOrderProgress(supplierOrderId: $id, status: ${status}, at: $at) { status } }`,
        { id: order.supplierOrders[0].id, at },
      );
      assert.equal(d.errors, undefined, JSON.stringify(d.errors));
    }
    return {
      orderId: order.id as string,
      supplierOrderId: order.supplierOrders[0].id as string,
      lineId: order.lines[0].id as string,
    };
  }

  /** Request → authorise → parcel → carrier says DELIVERED → RECEIVED, as the real flow does it. */
  async function receivedReturn(
    customerId: number,
    o: { supplierOrderId: string; lineId: string },
    quantity: number,
    kind: 'REFUND' | 'EXCHANGE',
    authoriser: Who = supplierStaff(supplierId),
  ) {
    const req = await ok(customer(1, customerId), REQUEST, {
      i: {
        supplierOrderId: o.supplierOrderId,
        lines: [{ orderLineId: o.lineId, quantity }],
        kind,
        reason: '尺码不合适',
      },
    });
    const id = req.requestReturn.id as string;
    assert.equal(req.requestReturn.status, 'REQUESTED');
    const auth = await ok(authoriser, DECIDE, { i: { returnRequestId: id, authorise: true } });
    assert.equal(auth.decideReturn.status, 'AUTHORISED');
    const tracking = `RT${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const sent = await ok(customer(1, customerId), SUBMIT, {
      i: { returnRequestId: id, carrierCode: 'sf', trackingNumber: tracking },
    });
    assert.equal(sent.submitReturnParcel.status, 'IN_TRANSIT');
    assert.equal(sent.submitReturnParcel.returnCarrierCode, 'SF');
    const cb = await pushEvents(sys, 'SF', [
      {
        eventId: `${tracking}-1`,
        trackingNumber: tracking,
        status: 'IN_TRANSIT',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      },
      { eventId: `${tracking}-2`, trackingNumber: tracking, status: 'DELIVERED', occurredAt: new Date().toISOString() },
    ]);
    assert.equal(cb.status, 200, JSON.stringify(cb.body));
    assert.deepEqual(
      cb.body.results.map((x: any) => x.outcome),
      ['RECORDED', 'RECORDED'],
    );
    await waitFor('the return to be received', async () => {
      const g = await ok(customer(1, customerId), GET, { id });
      return g.returnRequest.status === 'RECEIVED' ? g : null;
    });
    return { id, tracking };
  }

  it('a return is requested, authorised, its parcel tracked by the carrier, received, inspected and refunded exactly; the statement shows it', async () => {
    const o = await deliveredOrder(3, 3);
    const pointsBefore = await pointsOf(sys, 3);
    const stockBefore = await stockOf(sys, sku.id);

    // Another customer, one of another bank, another supplier and another bank cannot touch it.
    const foreign = {
      i: { supplierOrderId: o.supplierOrderId, lines: [{ orderLineId: o.lineId, quantity: 1 }], kind: 'REFUND' },
    };
    assert.equal(errorCode(await sys.gql(customer(1, 4), REQUEST, foreign)), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(customer(2, 21), REQUEST, foreign)), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankOperator(1), REQUEST, foreign)), 'FORBIDDEN');
    // More units than were bought is bad input.
    const tooMany = await sys.gql(customer(1, 3), REQUEST, {
      i: { supplierOrderId: o.supplierOrderId, lines: [{ orderLineId: o.lineId, quantity: 4 }] },
    });
    assert.equal(errorCode(tooMany), 'BAD_USER_INPUT', JSON.stringify(tooMany));

    const req = await ok(customer(1, 3), REQUEST, {
      i: { supplierOrderId: o.supplierOrderId, lines: [{ orderLineId: o.lineId, quantity: 2 }], reason: '不喜欢' },
    });
    const id = req.requestReturn.id as string;
    assert.equal(req.requestReturn.units, 2);
    // The same units cannot be asked for twice while the first return is open: one unit is left.
    const twice = await sys.gql(customer(1, 3), REQUEST, {
      i: { supplierOrderId: o.supplierOrderId, lines: [{ orderLineId: o.lineId, quantity: 2 }] },
    });
    assert.equal(errorCode(twice), 'BAD_USER_INPUT');
    assert.match(twice.errors![0]!.message, /1 to 1/);

    for (const who of [supplierAdmin(otherSupplier), bankOperator(2), customer(1, 4)]) {
      const denied = await sys.gql(who, DECIDE, { i: { returnRequestId: id, authorise: true } });
      assert.ok(['NOT_FOUND', 'FORBIDDEN'].includes(errorCode(denied)!), JSON.stringify(denied));
    }
    assert.equal(errorCode(await sys.gql(supplierAdmin(otherSupplier), GET, { id })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(customer(1, 4), GET, { id })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankAdmin(2), GET, { id })), 'NOT_FOUND');
    // A parcel before authorisation is refused: the supplier has not agreed yet.
    const early = await sys.gql(customer(1, 3), SUBMIT, {
      i: { returnRequestId: id, carrierCode: 'SF', trackingNumber: 'EARLY0001' },
    });
    assert.equal(errorCode(early), 'CONFLICT');
    // A supplier's staff member without HANDLE_AFTERSALES cannot authorise.
    const noPerm = await sys.gql({ ...supplierStaff(supplierId), permissions: ['SHIP_ORDERS'] }, DECIDE, {
      i: { returnRequestId: id, authorise: true },
    });
    assert.equal(errorCode(noPerm), 'FORBIDDEN');

    await ok(supplierStaff(supplierId), DECIDE, { i: { returnRequestId: id, authorise: true } });
    const tracking = `RT${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    for (const who of [customer(1, 4), customer(2, 21)])
      assert.equal(
        errorCode(
          await sys.gql(who, SUBMIT, { i: { returnRequestId: id, carrierCode: 'SF', trackingNumber: tracking } }),
        ),
        'NOT_FOUND',
      );
    const unknownCarrier = await sys.gql(customer(1, 3), SUBMIT, {
      i: { returnRequestId: id, carrierCode: 'NOPE', trackingNumber: tracking },
    });
    assert.equal(errorCode(unknownCarrier), 'BAD_USER_INPUT');
    await ok(customer(1, 3), SUBMIT, { i: { returnRequestId: id, carrierCode: 'SF', trackingNumber: tracking } });
    // Inspection before the goods arrived is refused.
    const tooEarly = await sys.gql(supplierStaff(supplierId), INSPECT, { i: { returnRequestId: id, accept: true } });
    assert.equal(errorCode(tooEarly), 'CONFLICT');

    // The carrier's callback: the same signed ingress as outbound parcels.
    const cb = await pushEvents(sys, 'SF', [
      {
        eventId: `${tracking}-a`,
        trackingNumber: tracking,
        status: 'PICKED_UP',
        occurredAt: new Date(Date.now() - 120_000).toISOString(),
      },
      { eventId: `${tracking}-b`, trackingNumber: tracking, status: 'DELIVERED', occurredAt: new Date().toISOString() },
    ]);
    assert.equal(cb.status, 200, JSON.stringify(cb.body));
    const received = await waitFor('the return to be received', async () => {
      const g = await ok(customer(1, 3), GET, { id });
      return g.returnRequest.status === 'RECEIVED' ? g.returnRequest : null;
    });
    assert.deepEqual(
      received.parcels.map((p: any) => [p.trackingNumber, p.status]),
      [[tracking, 'DELIVERED']],
    );
    assert.ok(received.receivedAt);
    // A replayed callback changes nothing.
    const replay = await pushEvents(sys, 'SF', [
      { eventId: `${tracking}-b`, trackingNumber: tracking, status: 'DELIVERED', occurredAt: new Date().toISOString() },
    ]);
    assert.equal(replay.body.results[0].outcome, 'DUPLICATE');

    // Inspection is the supplier's: not another supplier's, not the bank's.
    assert.equal(
      errorCode(await sys.gql(supplierAdmin(otherSupplier), INSPECT, { i: { returnRequestId: id, accept: true } })),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(bankOperator(1), INSPECT, { i: { returnRequestId: id, accept: true } })),
      'FORBIDDEN',
    );

    const done = await ok(supplierStaff(supplierId), INSPECT, {
      i: { returnRequestId: id, accept: true, restock: true },
    });
    const r = done.inspectReturn;
    assert.equal(r.status, 'REFUNDED');
    assert.equal(r.refund.state, 'APPROVED');
    assert.equal(r.refund.cause, 'RETURN');
    // Exactly those 2 of 3 units: 2 × 333 points and 2 × 33.35 CNY.
    assert.equal(r.refund.pointsRefunded, 2 * UNIT_POINTS);
    assert.equal(r.refund.cashRefundFen, 2 * UNIT_FEN);
    // The customer sees the refund on the return; another supplier does not see the return at all.
    const seen = (await ok(customer(1, 3), GET, { id })).returnRequest;
    assert.deepEqual([seen.status, seen.refund?.id], ['REFUNDED', r.refund.id]);
    const pointsAfter = await pointsOf(sys, 3);
    assert.equal(pointsAfter.redeemable - pointsBefore.redeemable, 2 * UNIT_POINTS);
    assert.equal((await stockOf(sys, sku.id)).available - stockBefore.available, 2);
    // Inspecting again (a retry) answers the same refund; nothing is refunded twice.
    const again = await ok(supplierStaff(supplierId), INSPECT, { i: { returnRequestId: id, accept: true } });
    assert.equal(again.inspectReturn.refund.id, r.refund.id);
    assert.equal((await pointsOf(sys, 3)).redeemable, pointsAfter.redeemable);
    // Rejecting it now is a conflict.
    const lateReject = await sys.gql(supplierStaff(supplierId), INSPECT, {
      i: { returnRequestId: id, accept: false, reason: '已经退款了吗', photoUrls: ['https://img.example.com/x.jpg'] },
    });
    assert.equal(errorCode(lateReject), 'CONFLICT');
    // The bank owes the cash back (the refunds book), and the statement shows the returned units.
    const owed = await ok(
      bankAdmin(1),
      'query { refunds(filter: { cashPayout: OWED }, first: 50) { edges { node { id cashRefundFen } } } }',
      {},
    );
    assert.ok(owed.refunds.edges.some((e: any) => e.node.id === r.refund.id && e.node.cashRefundFen === 2 * UNIT_FEN));
    const st = await ok(
      supplierAdmin(supplierId),
      `query($s: ID) { settlementStatements(supplierId: $s) { edges { node { totalFen lines(first: 100) { edges { node { kind orderLineId quantity amountFen } } } } } } }`,
      { s: String(supplierId) },
    );
    const mine = st.settlementStatements.edges
      .flatMap(({ node: s }: any) => s.lines.edges.map((e: any) => e.node))
      .filter((l: any) => l.orderLineId === o.lineId);
    const byKind = (k: string) => mine.filter((l: any) => l.kind === k);
    assert.deepEqual(
      byKind('DELIVERY').map((l: any) => [l.quantity, l.amountFen]),
      [[3, 3 * sku.supplierPriceFen]],
    );
    assert.deepEqual(
      byKind('REFUND').map((l: any) => [l.quantity, l.amountFen]),
      [[2, -2 * sku.supplierPriceFen]],
    );

    // Listed for its supplier and its bank, not for another supplier or bank.
    const ids = async (who: Who) => (await ok(who, LIST, {})).returnRequests.edges.map((e: any) => e.node.id);
    assert.ok((await ids(supplierAdmin(supplierId))).includes(id));
    assert.ok((await ids(bankAdmin(1))).includes(id));
    assert.ok((await ids(customer(1, 3))).includes(id));
    assert.ok(!(await ids(supplierAdmin(otherSupplier))).includes(id));
    assert.ok(!(await ids(bankAdmin(2))).includes(id));
    assert.ok(!(await ids(customer(1, 4))).includes(id));
  });

  it('a rejected inspection needs photos and a reason, and refunds nothing', async () => {
    const o = await deliveredOrder(5, 1);
    // The bank's customer service authorises this one (SERVE_CUSTOMERS).
    const { id } = await receivedReturn(5, o, 1, 'REFUND', bankOperator(1));
    const points = await pointsOf(sys, 5);
    const noPhoto = await sys.gql(supplierStaff(supplierId), INSPECT, {
      i: { returnRequestId: id, accept: false, reason: '外包装已拆且有划痕' },
    });
    assert.equal(errorCode(noPhoto), 'BAD_USER_INPUT');
    for (const bad of [
      ['http://img.example.com/a.jpg'],
      ['javascript:alert(1)'],
      ['https://u:p@img.example.com/a.jpg'],
    ]) {
      const r = await sys.gql(supplierStaff(supplierId), INSPECT, {
        i: { returnRequestId: id, accept: false, reason: '外包装已拆且有划痕', photoUrls: bad },
      });
      assert.equal(errorCode(r), 'BAD_USER_INPUT', bad[0]);
    }
    const six = Array.from({ length: 6 }, (_, i) => `https://img.example.com/${i}.jpg`);
    assert.equal(
      errorCode(
        await sys.gql(supplierStaff(supplierId), INSPECT, {
          i: { returnRequestId: id, accept: false, reason: '划痕明显', photoUrls: six },
        }),
      ),
      'BAD_USER_INPUT',
    );
    const noReason = await sys.gql(supplierStaff(supplierId), INSPECT, {
      i: { returnRequestId: id, accept: false, photoUrls: ['https://img.example.com/1.jpg'] },
    });
    assert.equal(errorCode(noReason), 'BAD_USER_INPUT');
    const photos = ['https://img.example.com/ret/1.jpg', 'https://img.example.com/ret/2.jpg'];
    const r = await ok(supplierStaff(supplierId), INSPECT, {
      i: { returnRequestId: id, accept: false, reason: '外包装已拆且有划痕', photoUrls: photos },
    });
    assert.equal(r.inspectReturn.status, 'REJECTED');
    assert.deepEqual(r.inspectReturn.photoUrls, photos);
    assert.equal(r.inspectReturn.rejectionReason, '外包装已拆且有划痕');
    assert.equal(r.inspectReturn.refund, null);
    const order = await ok(
      customer(1, 5),
      'query($id: ID!) { order(id: $id) { refunds { id } lines { refundedQuantity } } }',
      {
        id: o.orderId,
      },
    );
    assert.deepEqual(order.order.refunds, []);
    assert.equal(order.order.lines[0].refundedQuantity, 0);
    assert.equal((await pointsOf(sys, 5)).redeemable, points.redeemable);
  });

  it('an exchange ships a replacement tracked like any parcel and refunds nothing', async () => {
    const o = await deliveredOrder(6, 1);
    const points = await pointsOf(sys, 6);
    const { id } = await receivedReturn(6, o, 1, 'EXCHANGE');
    const accepted = await ok(supplierStaff(supplierId), INSPECT, { i: { returnRequestId: id, accept: true } });
    assert.equal(accepted.inspectReturn.status, 'ACCEPTED');
    assert.equal(accepted.inspectReturn.refund, null);
    const tracking = `RP${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const input = { i: { returnRequestId: id, carrierCode: 'SF', trackingNumber: tracking } };
    assert.equal(errorCode(await sys.gql(supplierAdmin(otherSupplier), REPLACE, input)), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankAdmin(1), REPLACE, input)), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(customer(1, 6), REPLACE, input)), 'FORBIDDEN');
    const shipped = await ok(supplierStaff(supplierId), REPLACE, input);
    assert.equal(shipped.shipReplacement.status, 'REPLACEMENT_SHIPPED');
    assert.equal(shipped.shipReplacement.replacementTrackingNumber, tracking);
    // A retry with the same parcel is the same answer.
    assert.equal((await ok(supplierStaff(supplierId), REPLACE, input)).shipReplacement.status, 'REPLACEMENT_SHIPPED');
    await pushEvents(sys, 'SF', [
      { eventId: `${tracking}-d`, trackingNumber: tracking, status: 'DELIVERED', occurredAt: new Date().toISOString() },
    ]);
    const done = await waitFor('the exchange to complete', async () => {
      const g = await ok(customer(1, 6), GET, { id });
      return g.returnRequest.status === 'EXCHANGED' ? g.returnRequest : null;
    });
    assert.deepEqual(
      done.parcels.map((p: any) => p.status),
      ['DELIVERED', 'DELIVERED'],
    );
    const order = await ok(
      customer(1, 6),
      'query($id: ID!) { order(id: $id) { refunds { id } returns { id status kind } } }',
      {
        id: o.orderId,
      },
    );
    assert.deepEqual(order.order.refunds, []);
    assert.deepEqual(order.order.returns, [{ id, status: 'EXCHANGED', kind: 'EXCHANGE' }]);
    assert.equal((await pointsOf(sys, 6)).redeemable, points.redeemable);
    // A refund return cannot ship a replacement.
    const o2 = await deliveredOrder(6, 1);
    const req = await ok(customer(1, 6), REQUEST, {
      i: { supplierOrderId: o2.supplierOrderId, lines: [{ orderLineId: o2.lineId, quantity: 1 }] },
    });
    assert.equal(
      errorCode(
        await sys.gql(supplierStaff(supplierId), REPLACE, {
          i: { returnRequestId: req.requestReturn.id, carrierCode: 'SF', trackingNumber: 'RPX00001' },
        }),
      ),
      'CONFLICT',
    );
  });

  it('exchanges move catalog stock: a resellable return goes back on sale, a replacement takes its units once (the last ones announced to the malls), short stock is CONFLICT', async () => {
    const o = await deliveredOrder(11, 2);
    const { id } = await receivedReturn(11, o, 2, 'EXCHANGE');
    await setStock(sys, sku.id, 5);
    const accepted = await ok(supplierStaff(supplierId), INSPECT, {
      i: { returnRequestId: id, accept: true, resellable: true },
    });
    assert.equal(accepted.inspectReturn.status, 'ACCEPTED');
    assert.deepEqual(await stockOf(sys, sku.id), { available: 7, reserved: 0 }, 'the 2 returned units are back');

    // One unit in stock, two needed: CONFLICT, nothing taken, the exchange still waits.
    await setStock(sys, sku.id, 1);
    const tracking = `RX${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const input = { i: { returnRequestId: id, carrierCode: 'SF', trackingNumber: tracking } };
    const short = await sys.gql(supplierStaff(supplierId), REPLACE, input);
    assert.equal(errorCode(short), 'CONFLICT');
    assert.match(short.errors![0]!.message, /1 unit\(s\) in stock.*refund the customer instead/);
    assert.deepEqual(await stockOf(sys, sku.id), { available: 1, reserved: 0 });
    assert.equal((await ok(customer(1, 11), GET, { id })).returnRequest.status, 'ACCEPTED');

    // Exactly the two units needed: the replacement takes the last ones, and the catalog tells the
    // malls the SKU is out of stock (as a checkout taking the last units does).
    await setStock(sys, sku.id, 2);
    const catalogDb = (await sys.orm('catalog')).em.fork().getConnection();
    const announcements = async () =>
      (
        (await catalogDb.execute('SELECT payload FROM outbox_message WHERE topic = ?', [
          'catalog.sku-availability-changed',
        ])) as { payload: unknown }[]
      ).filter((r) => {
        const p = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as { skuIds: string[] };
        return p.skuIds.includes(String(sku.id));
      }).length;
    const before = await announcements();
    const shipped = await ok(supplierStaff(supplierId), REPLACE, input);
    assert.equal(shipped.shipReplacement.status, 'REPLACEMENT_SHIPPED');
    assert.deepEqual(await stockOf(sys, sku.id), { available: 0, reserved: 0 }, 'the replacement took 2 units');
    assert.equal(await announcements(), before + 1, 'the last units taken are announced once');
    await ok(supplierStaff(supplierId), REPLACE, input);
    assert.deepEqual(await stockOf(sys, sku.id), { available: 0, reserved: 0 }, 'a retry takes nothing more');
    assert.equal(await announcements(), before + 1);

    // Not said to be resellable (the default): the returned unit stays out of stock.
    await setStock(sys, sku.id, 50);
    const o2 = await deliveredOrder(11, 1);
    const second = await receivedReturn(11, o2, 1, 'EXCHANGE');
    await setStock(sys, sku.id, 10);
    await ok(supplierStaff(supplierId), INSPECT, { i: { returnRequestId: second.id, accept: true } });
    assert.deepEqual(await stockOf(sys, sku.id), { available: 10, reserved: 0 });

    // The catalog operation is orders' alone: a supplier or a bank calling the subgraph is refused;
    // bad input moves nothing.
    const MOVE = 'mutation($i: MoveExchangeStockInput!) { moveExchangeStock(input: $i) { changed } }';
    const move = {
      i: { returnRequestId: second.id, replacement: true, lines: [{ skuId: String(sku.id), quantity: 1 }] },
    };
    assert.equal(errorCode(await asPrincipal(sys, supplierAdmin(supplierId), MOVE, move)), 'FORBIDDEN');
    assert.equal(errorCode(await asPrincipal(sys, bankAdmin(1), MOVE, move)), 'FORBIDDEN');
    const bad = await sys.asService('catalog', MOVE, {
      i: { ...move.i, lines: [{ skuId: String(sku.id), quantity: 0 }] },
    });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    assert.deepEqual(await stockOf(sys, sku.id), { available: 10, reserved: 0 });
    await setStock(sys, sku.id, 50);
  });

  it('an accepted exchange the supplier cannot replace is refunded instead: exactly its units, points and cash back, no replacement after; only its supplier, only for exchanges', async () => {
    const REFUND_INSTEAD = `mutation($i: RefundExchangeInsteadInput!) { refundExchangeInstead(input: $i) { ${RETURN_FIELDS} } }`;
    const before = await pointsOf(sys, 14);
    const o = await deliveredOrder(14, 2);
    const { id } = await receivedReturn(14, o, 2, 'EXCHANGE');
    await ok(supplierStaff(supplierId), INSPECT, { i: { returnRequestId: id, accept: true } });
    await setStock(sys, sku.id, 0);
    const replace = { i: { returnRequestId: id, carrierCode: 'SF', trackingNumber: 'RFI00001' } };
    assert.equal(errorCode(await sys.gql(supplierStaff(supplierId), REPLACE, replace)), 'CONFLICT');

    // Nobody but its supplier (or the platform): another supplier, the customer, the bank.
    const input = { i: { returnRequestId: id, reason: '该款已停产' } };
    assert.equal(errorCode(await sys.gql(supplierStaff(otherSupplier), REFUND_INSTEAD, input)), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(customer(1, 14), REFUND_INSTEAD, input)), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(bankAdmin(1), REFUND_INSTEAD, input)), 'FORBIDDEN');
    assert.equal(
      errorCode(
        await sys.gql(supplierStaff(supplierId), REFUND_INSTEAD, {
          i: { returnRequestId: id, reason: 'x'.repeat(501) },
        }),
      ),
      'BAD_USER_INPUT',
    );
    assert.equal((await ok(customer(1, 14), GET, { id })).returnRequest.status, 'ACCEPTED', 'refusals change nothing');

    const refunded = (await ok(supplierStaff(supplierId), REFUND_INSTEAD, input)).refundExchangeInstead;
    assert.equal(refunded.status, 'REFUNDED');
    assert.equal(refunded.refund.state, 'APPROVED');
    assert.equal(refunded.refund.cause, 'RETURN');
    assert.equal(refunded.refund.pointsRefunded, UNIT_POINTS * 2);
    assert.equal(refunded.refund.cashRefundFen, UNIT_FEN * 2);
    assert.equal(refunded.refund.restock, false, 'nothing goes back to stock here');
    assert.deepEqual(await pointsOf(sys, 14), before, 'the points spent are back');
    assert.deepEqual(await stockOf(sys, sku.id), { available: 0, reserved: 0 });
    // Once: again is the same refund; no replacement ships after it.
    const again = (await ok(supplierStaff(supplierId), REFUND_INSTEAD, input)).refundExchangeInstead;
    assert.equal(again.refund.id, refunded.refund.id);
    await setStock(sys, sku.id, 50);
    assert.equal(errorCode(await sys.gql(supplierStaff(supplierId), REPLACE, replace)), 'CONFLICT');

    // A refund return is refunded by inspection, not "instead".
    const o2 = await deliveredOrder(14, 1);
    const refundKind = await receivedReturn(14, o2, 1, 'REFUND');
    assert.equal(
      errorCode(await sys.gql(supplierStaff(supplierId), REFUND_INSTEAD, { i: { returnRequestId: refundKind.id } })),
      'CONFLICT',
    );
  });

  it('the customer withdraws a return before it is received, customer service withdraws one for the customer (audited as such); received or refunded returns cannot be withdrawn', async () => {
    const o = await deliveredOrder(8, 3);
    const ask = async (quantity: number) =>
      (
        await ok(customer(1, 8), REQUEST, {
          i: { supplierOrderId: o.supplierOrderId, lines: [{ orderLineId: o.lineId, quantity }], kind: 'REFUND' },
        })
      ).requestReturn.id as string;

    // REQUESTED, withdrawn by the customer: its units can be asked for again.
    const first = await ask(3);
    const mine = await ok(customer(1, 8), WITHDRAW, { i: { returnRequestId: first } });
    assert.equal(mine.withdrawReturn.status, 'WITHDRAWN');
    assert.equal(mine.withdrawReturn.withdrawnBy, 'CUSTOMER');
    assert.ok(mine.withdrawReturn.completedAt);
    const again = await ok(customer(1, 8), WITHDRAW, { i: { returnRequestId: first } });
    assert.equal(again.withdrawReturn.status, 'WITHDRAWN', 'withdrawing again is a no-op');

    // IN_TRANSIT, withdrawn by the bank's customer service for the customer.
    const second = await ask(3);
    await ok(supplierStaff(supplierId), DECIDE, { i: { returnRequestId: second, authorise: true } });
    const tracking = `WD${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await ok(customer(1, 8), SUBMIT, { i: { returnRequestId: second, carrierCode: 'SF', trackingNumber: tracking } });
    // Nobody else: another customer, another bank's customer or operator, the supplier, an operator without SERVE_CUSTOMERS.
    const foreign = { i: { returnRequestId: second } };
    assert.equal(errorCode(await sys.gql(customer(1, 9), WITHDRAW, foreign)), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(customer(2, 21), WITHDRAW, foreign)), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankOperator(2), WITHDRAW, foreign)), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(supplierStaff(supplierId), WITHDRAW, foreign)), 'FORBIDDEN');
    assert.equal(
      errorCode(await sys.gql({ ...bankOperator(1), permissions: ['SEE_REPORTS'] }, WITHDRAW, foreign)),
      'FORBIDDEN',
    );
    const requestId = randomUUID();
    const agent = await sys.gql(bankOperator(1), WITHDRAW, { i: { returnRequestId: second } }, { requestId });
    assert.equal(agent.errors, undefined, JSON.stringify(agent.errors));
    assert.equal(agent.data!.withdrawReturn.status, 'WITHDRAWN');
    assert.equal(agent.data!.withdrawReturn.withdrawnBy, 'CUSTOMER_SERVICE');
    const seen = await ok(customer(1, 8), `query($id: ID!) { returnRequest(id: $id) { status withdrawnBy } }`, {
      id: second,
    });
    assert.deepEqual(seen.returnRequest, { status: 'WITHDRAWN', withdrawnBy: 'CUSTOMER_SERVICE' });
    const entries = await waitFor(`audit entries of request ${requestId}`, async () => {
      const r = await ok(platform, TRAIL, { f: { requestId } });
      const nodes = r.auditTrail.edges.map((e: any) => e.node);
      return nodes.length ? nodes : null;
    });
    assert.ok(
      entries.some((e: any) => e.targetType === 'ReturnRequest'),
      JSON.stringify(entries),
    );
    for (const e of entries) assert.deepEqual([e.actorId, e.onBehalfOfCustomerId], ['operator-1', '8']);
    // The parcel already under way still arrives; the withdrawn return stays withdrawn.
    await pushEvents(sys, 'SF', [
      { eventId: `${tracking}-d`, trackingNumber: tracking, status: 'DELIVERED', occurredAt: new Date().toISOString() },
    ]);
    const after = await waitFor('the parcel to be delivered', async () => {
      const g = await ok(customer(1, 8), GET, { id: second });
      return g.returnRequest.parcels[0]?.status === 'DELIVERED' ? g : null;
    });
    assert.equal(after.returnRequest.status, 'WITHDRAWN');

    // Received, then refunded: too late to withdraw.
    const third = await receivedReturn(8, o, 1, 'REFUND');
    const received = await sys.gql(customer(1, 8), WITHDRAW, { i: { returnRequestId: third.id } });
    assert.equal(errorCode(received), 'CONFLICT');
    assert.match(received.errors![0]!.message, /RECEIVED: the supplier already has the goods/);
    await ok(supplierStaff(supplierId), INSPECT, { i: { returnRequestId: third.id, accept: true } });
    assert.equal(errorCode(await sys.gql(bankOperator(1), WITHDRAW, { i: { returnRequestId: third.id } })), 'CONFLICT');
  });

  it('two requests racing for the last unit: exactly one is taken', async () => {
    const o = await deliveredOrder(10, 1);
    const ask = () =>
      sys.gql(customer(1, 10), REQUEST, {
        i: { supplierOrderId: o.supplierOrderId, lines: [{ orderLineId: o.lineId, quantity: 1 }] },
      });
    const answers = await Promise.all([ask(), ask(), ask()]);
    assert.equal(answers.filter((a) => a.errors === undefined).length, 1, JSON.stringify(answers));
    assert.ok(answers.filter((a) => a.errors).every((a) => errorCode(a) === 'BAD_USER_INPUT'));
  });

  it('a refusal needs a reason; requests after the return period, for card codes or for a no-return category are refused', async () => {
    const o = await deliveredOrder(7, 1);
    const req = await ok(customer(1, 7), REQUEST, {
      i: { supplierOrderId: o.supplierOrderId, lines: [{ orderLineId: o.lineId, quantity: 1 }] },
    });
    const id = req.requestReturn.id;
    assert.equal(
      errorCode(await sys.gql(bankOperator(1), DECIDE, { i: { returnRequestId: id, authorise: false } })),
      'BAD_USER_INPUT',
    );
    const refused = await ok(bankOperator(1), DECIDE, {
      i: { returnRequestId: id, authorise: false, reason: '商品已超出保修范围' },
    });
    assert.equal(refused.decideReturn.status, 'REFUSED');
    assert.equal(refused.decideReturn.refusalReason, '商品已超出保修范围');
    assert.equal(
      errorCode(await sys.gql(supplierStaff(supplierId), DECIDE, { i: { returnRequestId: id, authorise: true } })),
      'CONFLICT',
    );

    // Delivered 8 days ago: past the default 7-day period.
    const late = await deliveredOrder(7, 1, 8);
    const tooLate = await sys.gql(customer(1, 7), REQUEST, {
      i: { supplierOrderId: late.supplierOrderId, lines: [{ orderLineId: late.lineId, quantity: 1 }] },
    });
    assert.equal(errorCode(tooLate), 'CONFLICT');
    assert.match(tooLate.errors![0]!.message, /return period .*7 days after delivery.* ended/);
    // 6 days ago: still within it.
    const inTime = await deliveredOrder(7, 1, 6);
    await ok(customer(1, 7), REQUEST, {
      i: { supplierOrderId: inTime.supplierOrderId, lines: [{ orderLineId: inTime.lineId, quantity: 1 }] },
    });

    // Card codes are not returnable.
    const v = await ok(customer(1, 8), CHECKOUT, {
      input: { mallId, lines: [{ listingId: virtualListing, quantity: 1 }], idempotencyKey: `ret-v-${randomUUID()}` },
    });
    const card = await sys.gql(customer(1, 8), REQUEST, {
      i: {
        supplierOrderId: v.checkout.order.supplierOrders[0].id,
        lines: [{ orderLineId: v.checkout.order.lines[0].id, quantity: 1 }],
      },
    });
    assert.equal(errorCode(card), 'CONFLICT');
    assert.match(card.errors![0]!.message, /not returnable/);

    // The platform sets the SKU's category to take no returns: orders placed from then on carry it.
    const SET =
      'mutation($i: SetCategoryReturnPolicyInput!) { setCategoryReturnPolicy(input: $i) { category { id returnDays } } }';
    const cat = { i: { categoryId: String(sku.categoryId), returnDays: 0 } };
    assert.equal(errorCode(await sys.gql(bankAdmin(1), SET, cat)), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(supplierAdmin(supplierId), SET, cat)), 'FORBIDDEN');
    assert.equal(
      errorCode(await sys.gql(platform, SET, { i: { categoryId: String(sku.categoryId), returnDays: 366 } })),
      'BAD_USER_INPUT',
    );
    const placedBefore = await deliveredOrder(9, 1);
    assert.equal((await ok(platform, SET, cat)).setCategoryReturnPolicy.category.returnDays, 0);
    try {
      const none = await deliveredOrder(9, 1);
      const refusedCat = await sys.gql(customer(1, 9), REQUEST, {
        i: { supplierOrderId: none.supplierOrderId, lines: [{ orderLineId: none.lineId, quantity: 1 }] },
      });
      assert.equal(errorCode(refusedCat), 'CONFLICT');
      assert.match(refusedCat.errors![0]!.message, /category takes no returns/);
      // An order placed before the change keeps the period it was sold with.
      await ok(customer(1, 9), REQUEST, {
        i: {
          supplierOrderId: placedBefore.supplierOrderId,
          lines: [{ orderLineId: placedBefore.lineId, quantity: 1 }],
        },
      });
    } finally {
      await ok(platform, SET, { i: { categoryId: String(sku.categoryId), returnDays: null } });
    }
  });

  it('shipped but never reported delivered: the window runs from receipt auto-confirmed 10 days after shipment', async () => {
    // 7 days (the default) after receipt taken as confirmed 10 days after shipment: 17 days after shipment.
    const recent = await deliveredOrder(13, 1, 16, ['SHIPPED']);
    const inTime = await ok(customer(1, 13), REQUEST, {
      i: { supplierOrderId: recent.supplierOrderId, lines: [{ orderLineId: recent.lineId, quantity: 1 }] },
    });
    assert.equal(inTime.requestReturn.status, 'REQUESTED');
    const old = await deliveredOrder(13, 1, 18, ['SHIPPED']);
    const late = await sys.gql(customer(1, 13), REQUEST, {
      i: { supplierOrderId: old.supplierOrderId, lines: [{ orderLineId: old.lineId, quantity: 1 }] },
    });
    assert.equal(errorCode(late), 'CONFLICT');
    assert.match(late.errors![0]!.message, /7 days after receipt, taken as confirmed 10 days after shipment/);
  });

  it("a category without its own return policy takes its parent's; without any on the way, the platform default", async () => {
    const SET =
      'mutation($i: SetCategoryReturnPolicyInput!) { setCategoryReturnPolicy(input: $i) { category { id returnDays } } }';
    const em = (await sys.orm('catalog')).em.fork();
    const own = await em.findOneOrFail(Category, sku.categoryId);
    const ancestors = own.path.split('/').filter(Boolean).slice(0, -1);
    assert.ok(ancestors.length >= 1, `the demo SKU's category ${own.path} has a parent`);
    const parent = ancestors[ancestors.length - 1]!;
    const lineDays = async () => {
      const r = await ok(customer(1, 12), CHECKOUT, {
        input: {
          mallId,
          lines: [{ listingId: listing, quantity: 1 }],
          shippingAddress: ADDRESS,
          idempotencyKey: `ret-${randomUUID()}`,
        },
      });
      const line = await ok(customer(1, 12), 'query($id: ID!) { order(id: $id) { lines { returnDays } } }', {
        id: r.checkout.order.id,
      });
      return line.order.lines[0].returnDays as number;
    };
    try {
      assert.equal(await lineDays(), 7, 'no category on the way sets one: the platform default');
      await ok(platform, SET, { i: { categoryId: parent, returnDays: 15 } });
      assert.equal(await lineDays(), 15, "the parent's");
      await ok(platform, SET, { i: { categoryId: String(sku.categoryId), returnDays: 3 } });
      assert.equal(await lineDays(), 3, "the category's own policy wins over its parent's");
    } finally {
      for (const id of [parent, String(sku.categoryId)])
        await ok(platform, SET, { i: { categoryId: id, returnDays: null } });
    }
  });
});
