import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, ok, startTestSystem, type TestSystem } from '../harness';
import { startSupplierSimulator, type SupplierSimulator } from '../support/supplier-simulator';
import { Product } from '../../subgraphs/catalog/entities/product';
import { Stock } from '../../subgraphs/catalog/entities/stock';
import { PerkDelivery } from '../../subgraphs/logistics/entities/perk-delivery';
import { PerkDeliveryJob } from '../../subgraphs/logistics/services/perk-delivery.service';
import { Logger } from '../../core/logger';
import { OutboxMessage } from '../../core/outbox';
import { Order } from '../../subgraphs/orders/entities/order';
import { SettlementLine } from '../../subgraphs/orders/entities/settlement';
import { Sku } from '../../subgraphs/catalog/entities/sku';
import {
  ADDRESS,
  bankAdmin,
  createListing,
  customer,
  PAY,
  platform,
  pointsOf,
  setStock,
  setUpMall,
} from '../orders/helpers';
import { partnerApp, supplierAdmin } from '../principals';
import { fulfilmentOpened, pushEvents, SHIP, supplierStaff, waitFor } from './helpers';

const SUPPLIER = 2;

const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { order { id status cashFen totalPoints
  lines { id quantity deliveryMode recipientAccount } supplierOrders { id status } } } }`;
const PREVIEW = `query($input: CheckoutPreviewInput!) { checkoutPreview(input: $input) { cashFen } }`;
const ORDER = `query($id: ID!) { order(id: $id) { id status supplierOrders { id status }
  lines { id quantity refundedQuantity recipientAccount }
  refunds { id cause pointsRefunded cashRefundFen state lines { orderLineId quantity } }
  perkDeliveries { id idempotencyKey orderLineId unitIndex state mode failureReason voucher { code link expiresAt } } } }`;
const ACK = `mutation($i: AcknowledgeFinancialPerkInput!) { acknowledgeFinancialPerk(input: $i) { perkDelivery { id state partnerRef } } }`;

interface PerkUnitView {
  id: string;
  idempotencyKey: string;
  orderLineId: string;
  unitIndex: number;
  state: string;
  mode: string;
  failureReason: string | null;
  voucher: { code: string | null; link: string | null } | null;
}

describe('perk delivery through the supplier API (issue 18)', () => {
  let sys: TestSystem;
  let sim: SupplierSimulator;
  let mallId: string;
  let topupSku: number;
  let issuedSku: number;
  let bankSku: number;
  let topupListing: string;
  let topupCashListing: string;
  let issuedListing: string;
  let bankListing: string;
  let codePoolListing: string;
  let goodsListing: string;
  let goodsPriceFen: number;

  const createSku = async (row: Record<string, unknown>): Promise<number> => {
    const catalog = (await sys.orm('catalog')).em.fork();
    const product = await catalog.findOneOrFail(Product, { supplier: SUPPLIER }, { orderBy: { id: 'ASC' } });
    const r = await sys.gql(
      supplierAdmin(SUPPLIER),
      'mutation($i: CreateSkuInput!) { createSku(input: $i) { sku { id kind deliveryMode accountRule partnerProductCode } } }',
      {
        i: {
          code: `PERK-${randomUUID().slice(0, 8)}`,
          productId: String(product.id),
          supplierPriceFen: 1000,
          listPriceFen: 3000,
          initialStock: 1000,
          ...row,
        },
      },
    );
    const sku = ok(r, 'createSku').sku;
    assert.equal(sku.kind, 'VIRTUAL');
    return Number(sku.id);
  };

  const checkout = (customerId: number, lines: Record<string, unknown>[], key = `perk-${randomUUID()}`) =>
    sys.gql(customer(1, customerId), CHECKOUT, { input: { mallId, lines, idempotencyKey: key } });

  /** A checkout retried with the same key while a busy machine times a service out (its documented answer). */
  const checkoutSurely = async (customerId: number, lines: Record<string, unknown>[]) => {
    const key = `perk-${randomUUID()}`;
    for (let attempt = 1; ; attempt++) {
      const r = await checkout(customerId, lines, key);
      if (errorCode(r) !== 'INTERNAL' || attempt === 5) return r;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  };

  const orderView = async (orderId: string, as = customer(1, 1)) =>
    ok(await sys.gql(as, ORDER, { id: orderId }), 'order');

  const settled = (orderId: string, as = customer(1, 1)) =>
    waitFor(
      `perk units of order ${orderId} settled in orders`,
      async () => {
        const o = await orderView(orderId, as);
        const units = o.perkDeliveries as PerkUnitView[];
        return units.length > 0 && units.every((u) => u.state !== 'PROCESSING') && o.status !== 'PAID' ? o : null;
      },
      60_000,
    );

  before(async () => {
    sim = await startSupplierSimulator();
    sys = await startTestSystem({
      env: {
        PERKMALL_PERK_DELIVERY_INTERVAL_MS: '200',
        PERKMALL_PERK_DELIVERY_RETRY_BASE_MS: '300',
        PERKMALL_PERK_DELIVERY_RETRY_MAX_MS: '1000',
        PERKMALL_PERK_DELIVERY_PENDING_QUERY_MS: '1500',
      },
    });
    // Supplier 2 points its partner endpoint at the simulator and gives it the new secret.
    ok(
      await sys.gql(
        platform,
        'mutation($i: ConfigurePartnerEndpointInput!) { configurePartnerEndpoint(input: $i) { secret } }',
        { i: { supplierId: String(SUPPLIER), baseUrl: sim.url, timeoutMs: 1000, enabled: true } },
      ),
      'configurePartnerEndpoint',
    );
    const { secret } = ok(
      await sys.gql(
        platform,
        'mutation($i: RotatePartnerEndpointSecretInput!) { rotatePartnerEndpointSecret(input: $i) { secret } }',
        { i: { supplierId: String(SUPPLIER), overlapHours: 0 } },
      ),
      'rotatePartnerEndpointSecret',
    );
    await sim.setSecret(secret);
    const m = await setUpMall(sys);
    mallId = m.mallId;
    topupSku = await createSku({
      deliveryMode: 'DIRECT_TOPUP',
      accountRule: 'MOBILE_CN',
      partnerProductCode: 'VIDEO-VIP-1M',
    });
    issuedSku = await createSku({ deliveryMode: 'PARTNER_ISSUED', partnerProductCode: 'COFFEE-VOUCHER' });
    bankSku = await createSku({ deliveryMode: 'BANK_SYSTEM' });
    const listing = (skuId: number, extra: Record<string, unknown> = {}) =>
      createListing(sys, { mallId, skuId: String(skuId), priceMode: 'POINTS', pricePoints: 10, ...extra });
    topupListing = await listing(topupSku);
    const topupCashSku = await createSku({
      deliveryMode: 'DIRECT_TOPUP',
      accountRule: 'MOBILE_CN',
      partnerProductCode: 'VIDEO-VIP-1M',
    });
    topupCashListing = await listing(topupCashSku, { priceMode: 'POINTS_PLUS_CASH', pricePoints: 300, priceFen: 1500 });
    issuedListing = await listing(issuedSku);
    bankListing = await listing(bankSku);
    codePoolListing = await listing(m.virtual.id);
    // Goods of the same supplier, for orders that mix a parcel with perk units.
    const catalogEm = (await sys.orm('catalog')).em.fork();
    await catalogEm.nativeUpdate(Sku, { id: m.physical.id }, { supplierId: SUPPLIER });
    goodsPriceFen = (await catalogEm.findOneOrFail(Sku, m.physical.id)).supplierPriceFen;
    await setStock(sys, m.physical.id, 10);
    goodsListing = await listing(m.physical.id);
  });
  after(async () => {
    await sys?.stop();
    await sim?.dispose();
  });

  it('a supplier sets the delivery mode, account rule and partner product code; a DIRECT_TOPUP SKU without an account rule is refused', async () => {
    const catalog = (await sys.orm('catalog')).em.fork();
    const product = await catalog.findOneOrFail(Product, { supplier: SUPPLIER }, { orderBy: { id: 'ASC' } });
    const r = await sys.gql(
      supplierAdmin(SUPPLIER),
      'mutation($i: CreateSkuInput!) { createSku(input: $i) { sku { id } } }',
      {
        i: {
          code: `BAD-${randomUUID().slice(0, 8)}`,
          productId: String(product.id),
          supplierPriceFen: 1000,
          listPriceFen: 3000,
          deliveryMode: 'DIRECT_TOPUP',
          partnerProductCode: 'X',
        },
      },
    );
    assert.equal(errorCode(r), 'BAD_USER_INPUT');
    assert.ok((r.errors![0]!.extensions as any).problems.some((p: any) => p.field === 'accountRule'));
    const sku = ok(
      await sys.gql(
        supplierAdmin(SUPPLIER),
        '{ sku(id: "' + topupSku + '") { deliveryMode accountRule partnerProductCode } }',
      ),
      'sku',
    );
    assert.deepEqual(sku, {
      deliveryMode: 'DIRECT_TOPUP',
      accountRule: 'MOBILE_CN',
      partnerProductCode: 'VIDEO-VIP-1M',
    });
  });

  it('an invalid or missing account is BAD_USER_INPUT naming the line and field, and nothing is reserved (checkout and preview)', async () => {
    const catalog = (await sys.orm('catalog')).em.fork();
    const before = await catalog.findOneOrFail(Stock, { skuId: topupSku });
    const orders = (await sys.orm('orders')).em.fork();
    const ordersBefore = await orders.count(Order, {});
    const bad = await checkout(1, [
      { listingId: codePoolListing, quantity: 1 },
      { listingId: topupListing, quantity: 1, recipientAccount: '12345' },
    ]);
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    assert.deepEqual(
      (bad.errors![0]!.extensions as any).problems.map((p: any) => [p.index, p.field]),
      [[1, 'recipientAccount']],
    );
    assert.match(bad.errors![0]!.message, /line 1 recipientAccount must be a mainland China mobile number/);
    const missing = await checkout(1, [{ listingId: topupListing, quantity: 1 }]);
    assert.equal(errorCode(missing), 'BAD_USER_INPUT');
    const onOther = await checkout(1, [{ listingId: codePoolListing, quantity: 1, recipientAccount: '13800138000' }]);
    assert.equal(errorCode(onOther), 'BAD_USER_INPUT');
    assert.equal((onOther.errors![0]!.extensions as any).problems[0].field, 'recipientAccount');
    const preview = await sys.gql(customer(1, 1), PREVIEW, {
      input: { mallId, lines: [{ listingId: topupListing, quantity: 1, recipientAccount: 'not-a-phone' }] },
    });
    assert.equal(errorCode(preview), 'BAD_USER_INPUT');
    const after = await catalog.fork().findOneOrFail(Stock, { skuId: topupSku });
    assert.deepEqual([after.available, after.reserved], [before.available, before.reserved]);
    assert.equal(await orders.fork().count(Order, {}), ordersBefore);
  });

  it('top-up succeeds: one request per unit with its own key, DELIVERED per unit, the supplier order DELIVERED and the order COMPLETED', async () => {
    const r = await checkout(1, [{ listingId: topupListing, quantity: 2, recipientAccount: ' 13800138001 ' }]);
    const order = ok(r, 'checkout').order;
    assert.equal(order.lines[0].deliveryMode, 'DIRECT_TOPUP');
    assert.equal(order.lines[0].recipientAccount, '13800138001');
    // Paid at once in points, but not delivered yet: the supplier order waits for its units.
    assert.equal(order.supplierOrders[0].status, 'PAID');
    const done = await settled(order.id);
    const units = done.perkDeliveries as PerkUnitView[];
    assert.deepEqual(
      units.map((u) => [u.idempotencyKey, u.state]),
      [0, 1].map((i) => [`pm-${order.lines[0].id}-${i}`, 'DELIVERED']),
    );
    assert.equal(done.supplierOrders[0].status, 'DELIVERED');
    assert.equal(done.status, 'COMPLETED');
    const requests = (await sim.requests()).filter((q) => q.account === '13800138001');
    assert.deepEqual(requests.map((q) => q.idempotencyKey).sort(), units.map((u) => u.idempotencyKey).sort());
    assert.ok(requests.every((q) => q.mode === 'DIRECT_TOPUP' && q.productCode === 'VIDEO-VIP-1M'));
    // Bank staff without SEE_CUSTOMER_DATA see the account masked.
    const masked = ok(
      await sys.gql({ ...bankAdmin(1), permissions: ['SEE_REPORTS'] } as never, ORDER, { id: order.id }),
      'order',
    );
    assert.equal(masked.lines[0].recipientAccount, '138****8001');
  });

  it('a failed unit is refunded exactly (points and cash, cause DELIVERY_FAILED); settlement lists only the delivered units', async () => {
    await sim.script({ match: { account: '13900139002' }, behaviour: 'fail', reason: 'account frozen', times: 1 });
    const points0 = (await pointsOf(sys, 2)).redeemable;
    const placed = ok(
      await checkout(2, [{ listingId: topupCashListing, quantity: 3, recipientAccount: '13900139002' }]),
      'checkout',
    ).order;
    assert.equal(placed.status, 'PENDING_PAYMENT');
    ok(
      await sys.gql(bankAdmin(1), PAY, {
        i: { orderId: placed.id, paymentRef: `P-${randomUUID()}`, amountFen: placed.cashFen },
      }),
      'confirmPayment',
    );
    const done = await settled(placed.id, customer(1, 2));
    const units = done.perkDeliveries as PerkUnitView[];
    assert.deepEqual(units.map((u) => u.state).sort(), ['DELIVERED', 'DELIVERED', 'FAILED']);
    assert.match(units.find((u) => u.state === 'FAILED')!.failureReason!, /account frozen/);
    const refunds = await waitFor('the automatic refund', async () => {
      const o = await orderView(placed.id, customer(1, 2));
      return o.refunds.length === 1 ? o.refunds : null;
    });
    assert.deepEqual(refunds[0], {
      id: refunds[0].id,
      cause: 'DELIVERY_FAILED',
      pointsRefunded: 300,
      cashRefundFen: 1500,
      state: 'APPROVED',
      lines: [{ orderLineId: placed.lines[0].id, quantity: 1 }],
    });
    assert.equal(done.lines[0].refundedQuantity, 1);
    assert.equal(done.status, 'COMPLETED');
    await waitFor('points back', async () => (await pointsOf(sys, 2)).redeemable === points0 - 600);
    const lines = await (
      await sys.orm('orders')
    ).em
      .fork()
      .find(SettlementLine, { orderId: Number(placed.id) }, { orderBy: { id: 'ASC' } });
    assert.deepEqual(
      lines.map((l) => [l.kind, l.quantity, l.amountFen]),
      [
        ['DELIVERY', 1, 1000],
        ['DELIVERY', 1, 1000],
      ],
    );
  });

  it('times out, then the query finds it delivered: issued once, never re-sent', async () => {
    await sim.script({ match: { account: '13700137003' }, behaviour: 'timeout', delayMs: 2500, times: 1 });
    const placed = ok(
      await checkout(3, [{ listingId: topupListing, quantity: 1, recipientAccount: '13700137003' }]),
      'checkout',
    ).order;
    const done = await settled(placed.id, customer(1, 3));
    assert.equal(done.perkDeliveries[0].state, 'DELIVERED');
    const key = done.perkDeliveries[0].idempotencyKey;
    const requests = (await sim.requests()).filter((q) => q.idempotencyKey === key);
    assert.equal(requests.length, 1, 'queried, not re-sent');
    const issued = (await sim.issued()).find((i) => i.idempotencyKey === key)!;
    assert.equal(issued.issuedCount, 1);
    const row = await (await sys.orm('logistics')).em.fork().findOneOrFail(PerkDelivery, { idempotencyKey: key });
    assert.ok(row.attempts >= 1, 'the unknown outcome was retried by querying');
  });

  it('a result called back twice settles the unit once (one settlement line, one event to orders)', async () => {
    await sim.script({ match: { account: '13600136004' }, behaviour: 'twice', delayMs: 300, times: 1 });
    const placed = ok(
      await checkout(4, [{ listingId: topupListing, quantity: 1, recipientAccount: '13600136004' }]),
      'checkout',
    ).order;
    const done = await settled(placed.id, customer(1, 4));
    const key = done.perkDeliveries[0].idempotencyKey;
    await waitFor('both callbacks sent', async () => {
      const issued = (await sim.issued()).find((i) => i.idempotencyKey === key);
      return issued && issued.callbacksSent === 2;
    });
    assert.equal((await sim.issued()).find((i) => i.idempotencyKey === key)!.issuedCount, 1);
    const events = await (
      await sys.orm('logistics')
    ).em
      .fork()
      .find(OutboxMessage, { topic: 'logistics.perk-unit-settled', dedupeKey: `perk-settled:${key}` });
    assert.equal(events.length, 1);
    const lines = await (await sys.orm('orders')).em.fork().find(SettlementLine, { orderId: Number(placed.id) });
    assert.deepEqual(
      lines.map((l) => [l.kind, l.quantity]),
      [['DELIVERY', 1]],
    );
  });

  it('the partner is down for a while: the unit stays PROCESSING, is retried with backoff and delivered once it is back', async () => {
    await sim.stop();
    let placed: any;
    try {
      placed = ok(
        await checkout(5, [{ listingId: topupListing, quantity: 1, recipientAccount: '13500135005' }]),
        'checkout',
      ).order;
      const logistics = (await sys.orm('logistics')).em;
      const row = await waitFor('retries while down', async () => {
        const d = await logistics.fork().findOne(PerkDelivery, { orderId: Number(placed.id) });
        return d && d.attempts >= 2 ? d : null;
      });
      assert.equal(row.state, 'PROCESSING');
      assert.equal((await orderView(placed.id, customer(1, 5))).perkDeliveries[0].state, 'PROCESSING');
    } finally {
      await sim.restart();
    }
    const done = await settled(placed.id, customer(1, 5));
    assert.equal(done.perkDeliveries[0].state, 'DELIVERED');
    const key = done.perkDeliveries[0].idempotencyKey;
    assert.equal((await sim.issued()).find((i) => i.idempotencyKey === key)!.issuedCount, 1);
  });

  it('past the deadline a request the partner never received is FAILED on query, never guessed, and the unit refunded', async () => {
    const points0 = (await pointsOf(sys, 6)).redeemable;
    await sim.stop();
    let placed: any;
    const logistics = (await sys.orm('logistics')).em;
    try {
      placed = ok(
        await checkout(6, [{ listingId: topupListing, quantity: 1, recipientAccount: '13500135006' }]),
        'checkout',
      ).order;
      // Sent while the partner was down: the outcome is unknown, so the unit waits (and only queries from now on).
      await waitFor('an unanswered attempt', async () => {
        const d = await logistics.fork().findOne(PerkDelivery, { orderId: Number(placed.id) });
        return d && d.sentAt && d.attempts >= 1 ? d : null;
      });
      // Its deadline passes while the partner is still away.
      await logistics
        .fork()
        .getConnection()
        .execute('UPDATE perk_delivery SET deadline_at = ? WHERE order_id = ?', [
          new Date(Date.now() - 1000),
          Number(placed.id),
        ]);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // Still PROCESSING: an unknown outcome past the deadline is not turned into a failure without asking.
      assert.equal((await orderView(placed.id, customer(1, 6))).perkDeliveries[0].state, 'PROCESSING');
    } finally {
      await sim.restart();
    }
    const done = await settled(placed.id, customer(1, 6));
    const unit = done.perkDeliveries[0] as PerkUnitView;
    assert.equal(unit.state, 'FAILED');
    assert.match(unit.failureReason!, /never received/);
    // The partner was asked, and never issued it.
    assert.equal(
      (await sim.issued()).find((i) => i.idempotencyKey === unit.idempotencyKey),
      undefined,
    );
    const refunds = await waitFor('the automatic refund', async () => {
      const o = await orderView(placed.id, customer(1, 6));
      return o.refunds.length === 1 ? o.refunds : null;
    });
    assert.equal(refunds[0].cause, 'DELIVERY_FAILED');
    assert.equal(refunds[0].pointsRefunded, 10);
    await waitFor('points back', async () => (await pointsOf(sys, 6)).redeemable === points0);
  });

  it("50 concurrent orders of one top-up SKU while two more delivery jobs race the process's on the same units: exactly 50 requests with 50 distinct keys", async () => {
    const accounts = (i: number) => `1880000${String(i).padStart(4, '0')}`;
    // Two more jobs (as two more logistics replicas would run) poll every 20 ms beside the process's.
    const orm = await sys.orm('logistics');
    const racers = [1, 2].map(() => new PerkDeliveryJob(orm, new Logger('racer', 'silent')));
    let racing = true;
    let racedUnits = 0;
    const race = Promise.all(
      racers.map(async (job) => {
        while (racing) {
          racedUnits += await job.runOnce();
          await new Promise((r) => setTimeout(r, 20));
        }
      }),
    );
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          checkoutSurely(1 + (i % 20), [{ listingId: topupListing, quantity: 1, recipientAccount: accounts(i) }]),
        ),
      );
      const orders = results.map((r) => ok(r, 'checkout').order);
      const logistics = (await sys.orm('logistics')).em;
      await waitFor(
        '50 units delivered',
        async () =>
          (await logistics.fork().count(PerkDelivery, {
            orderId: { $in: orders.map((o) => Number(o.id)) },
            state: 'DELIVERED' as never,
          })) === 50,
        60_000,
      );
      const requests = (await sim.requests()).filter((q) => q.account?.startsWith('1880000'));
      assert.equal(requests.length, 50);
      assert.equal(new Set(requests.map((q) => q.idempotencyKey)).size, 50);
      // And orders booked each unit: every one of the 50 orders is COMPLETED.
      const ordersDb = (await sys.orm('orders')).em;
      await waitFor(
        '50 orders completed',
        async () =>
          (await ordersDb
            .fork()
            .count(Order, { id: { $in: orders.map((o) => Number(o.id)) }, status: 'COMPLETED' as never })) === 50,
        120_000,
      );
      assert.ok(racedUnits > 0, 'the extra jobs took part');
    } finally {
      racing = false;
      await race;
    }
  });

  it('PARTNER_ISSUED: the customer sees the voucher; bank staff, another customer and the supplier do not', async () => {
    const placed = ok(await checkout(6, [{ listingId: issuedListing, quantity: 1 }]), 'checkout').order;
    const done = await settled(placed.id, customer(1, 6));
    const unit = done.perkDeliveries[0] as PerkUnitView;
    assert.equal(unit.state, 'DELIVERED');
    assert.ok(unit.voucher?.code, 'the customer sees the code');
    const asBank = ok(await sys.gql(bankAdmin(1), ORDER, { id: placed.id }), 'order');
    assert.equal(asBank.perkDeliveries[0].voucher, null);
    assert.equal(errorCode(await sys.gql(customer(1, 7), ORDER, { id: placed.id })), 'NOT_FOUND');
    const otherBank = await sys.gql(bankAdmin(2), ORDER, { id: placed.id });
    assert.equal(errorCode(otherBank), 'NOT_FOUND');
    // The row holds no plaintext voucher.
    const row = await (await sys.orm('logistics')).em.fork().findOneOrFail(PerkDelivery, Number(unit.id));
    assert.ok(row.voucherSealed && !row.voucherSealed.includes(unit.voucher!.code!));
  });

  it('financial perk: a FINANCIAL_PERK_REQUESTED notification per unit; another bank cannot acknowledge it; its bank does, once', async () => {
    const placed = ok(await checkout(8, [{ listingId: bankListing, quantity: 2 }]), 'checkout').order;
    const logistics = (await sys.orm('logistics')).em;
    const units = await waitFor('units opened', async () => {
      const rows = await logistics
        .fork()
        .find(PerkDelivery, { orderId: Number(placed.id) }, { orderBy: { unitIndex: 'ASC' } });
      return rows.length === 2 ? rows : null;
    });
    const notes = await logistics.fork().find(OutboxMessage, { topic: 'bank.notification' });
    const requested = notes.filter(
      (n) => n.payload.type === 'FINANCIAL_PERK_REQUESTED' && (n.payload.data as any).orderId === placed.id,
    );
    assert.equal(requested.length, 2);
    const input = (id: number, outcome: string) => ({
      i: { perkDeliveryId: String(id), outcome, reference: 'CORE-1' },
    });
    assert.equal(errorCode(await sys.gql(bankAdmin(2), ACK, input(units[0]!.id, 'DELIVERED'))), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(partnerApp(2), ACK, input(units[0]!.id, 'DELIVERED'))), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(customer(1, 8), ACK, input(units[0]!.id, 'DELIVERED'))), 'FORBIDDEN');
    const ack = ok(await sys.gql(bankAdmin(1), ACK, input(units[0]!.id, 'DELIVERED')), 'acknowledgeFinancialPerk');
    assert.equal(ack.perkDelivery.state, 'DELIVERED');
    // The same answer again is a quiet retry; the other answer is CONFLICT.
    ok(await sys.gql(bankAdmin(1), ACK, input(units[0]!.id, 'DELIVERED')), 'acknowledgeFinancialPerk');
    assert.equal(errorCode(await sys.gql(bankAdmin(1), ACK, input(units[0]!.id, 'FAILED'))), 'CONFLICT');
    ok(await sys.gql(partnerApp(1), ACK, input(units[1]!.id, 'FAILED')), 'acknowledgeFinancialPerk');
    const done = await settled(placed.id, customer(1, 8));
    assert.deepEqual(
      (done.perkDeliveries as PerkUnitView[]).map((u) => u.state),
      ['DELIVERED', 'FAILED'],
    );
    await waitFor('refund of the failed unit', async () => {
      const o = await orderView(placed.id, customer(1, 8));
      return o.refunds.length === 1 && o.refunds[0].pointsRefunded === 10;
    });
    const issued = (await logistics.fork().find(OutboxMessage, { topic: 'bank.notification' })).filter(
      (n) => n.payload.type === 'PERK_ISSUED' && (n.payload.data as any).orderId === placed.id,
    );
    assert.equal(issued.length, 1);
  });

  it("one supplier's goods and top-up units in one order: each unit settles alone, a failed unit is refunded alone, the supplier order follows the parcel", async () => {
    await sim.script({ match: { account: '13300133007' }, behaviour: 'fail', reason: 'account closed', times: 1 });
    const placed = ok(
      await sys.gql(customer(1, 7), CHECKOUT, {
        input: {
          mallId,
          idempotencyKey: `mixed-${randomUUID()}`,
          shippingAddress: ADDRESS,
          lines: [
            { listingId: goodsListing, quantity: 1 },
            { listingId: topupListing, quantity: 2, recipientAccount: '13300133007' },
          ],
        },
      }),
      'checkout',
    ).order;
    assert.equal(placed.supplierOrders.length, 1, 'one supplier, one supplier order');
    const [goodsLine, perkLine] = placed.lines as { id: string }[];
    const units = await waitFor(
      'both perk units decided',
      async () => {
        const o = await orderView(placed.id, customer(1, 7));
        const u = o.perkDeliveries as PerkUnitView[];
        return u.length === 2 && u.every((x) => x.state !== 'PROCESSING') ? o : null;
      },
      60_000,
    );
    assert.deepEqual((units.perkDeliveries as PerkUnitView[]).map((u) => u.state).sort(), ['DELIVERED', 'FAILED']);
    const refund = await waitFor('the failed unit refunded', async () => {
      const o = await orderView(placed.id, customer(1, 7));
      return o.refunds.length === 1 ? o.refunds[0] : null;
    });
    assert.deepEqual(
      [refund.cause, refund.state, refund.pointsRefunded, refund.cashRefundFen, refund.lines],
      ['DELIVERY_FAILED', 'APPROVED', 10, 0, [{ orderLineId: perkLine!.id, quantity: 1 }]],
    );
    // The parcel has not left: the supplier order and the order wait for it.
    let view = await orderView(placed.id, customer(1, 7));
    assert.equal(view.supplierOrders[0].status, 'PAID');
    assert.equal(view.status, 'PAID');
    const settlement = async () =>
      (
        await (
          await sys.orm('orders')
        ).em
          .fork()
          .find(SettlementLine, { orderId: Number(placed.id) }, { orderBy: { id: 'ASC' } })
      ).map((l) => [l.kind, l.orderLineId, l.quantity, l.amountFen]);
    // Orders books each unit's outcome from its own event: the delivered one as it arrives.
    const perkSettled = await waitFor('the delivered unit settled', async () => {
      const l = await settlement();
      return l.length > 0 ? l : null;
    });
    assert.deepEqual(perkSettled, [['DELIVERY', Number(perkLine!.id), 1, 1000]]);

    // The supplier ships the goods and the carrier delivers them: only now is the supplier order DELIVERED.
    await fulfilmentOpened(sys, placed.supplierOrders[0].id);
    const tracking = `SF7${Date.now().toString().slice(-9)}`;
    ok(
      await sys.gql(supplierStaff(SUPPLIER) as never, SHIP, {
        input: {
          supplierOrderId: placed.supplierOrders[0].id,
          carrierCode: 'SF',
          trackingNumber: tracking,
          lines: [{ orderLineId: goodsLine!.id, quantity: 1 }],
        },
      }),
      'shipSupplierOrder',
    );
    const pushed = await pushEvents(sys, 'SF', [
      { eventId: `${tracking}-d`, trackingNumber: tracking, status: 'DELIVERED', occurredAt: new Date().toISOString() },
    ]);
    assert.equal(pushed.status, 200, JSON.stringify(pushed.body));
    view = await waitFor('the order completed', async () => {
      const o = await orderView(placed.id, customer(1, 7));
      return o.status === 'COMPLETED' ? o : null;
    });
    assert.equal(view.supplierOrders[0].status, 'DELIVERED');
    const lines = await waitFor('the goods settled', async () => {
      const l = await settlement();
      return l.length === 2 ? l : null;
    });
    assert.deepEqual(
      lines.sort((a, b) => Number(a[1]) - Number(b[1])),
      [
        ['DELIVERY', Number(goodsLine!.id), 1, goodsPriceFen],
        ['DELIVERY', Number(perkLine!.id), 1, 1000],
      ].sort((a, b) => Number(a[1]) - Number(b[1])),
    );
  });
});
