import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, bankOperator, customer, partnerApp, platform, supplierAdmin } from '../principals';
import type { Principal } from '../../core/identity';
import { ADDRESS, CHECKOUT, createListing, markShipped, setStock, setUpMall } from '../orders/helpers';
import { setBalance } from '../loyalty/helpers';
import { Order } from '../../subgraphs/orders/entities/order';
import { fulfilmentOpened, waitFor } from '../logistics/helpers';
import { Sku } from '../../subgraphs/catalog/entities/sku';
import { OutboxMessage } from '../../core/outbox';

const TRAIL = `query($filter: AuditTrailFilterInput, $first: Int, $after: String) {
  auditTrail(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id occurredAt subgraph requestId operation actorRole actorId partnerAppId bankId supplierId
      action targetType targetId statement changes { field before after } } }
    pageInfo { hasNextPage endCursor } } }`;

interface Entry {
  id: string;
  occurredAt: string;
  subgraph: string;
  requestId: string;
  operation: string;
  actorRole: string;
  actorId: string;
  partnerAppId: string | null;
  bankId: string | null;
  supplierId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  statement: string | null;
  changes: { field: string; before: string | null; after: string | null }[];
}

/**
 * Issue 15, audit trail: every staff and partner-app write is recorded in the transaction of the
 * change (core/audit.ts), delivered to staff by each subgraph's outbox relay, and read back with
 * filters by the bank, the supplier or the platform.
 */
describe('audit trail', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  async function trail(as: Principal, filter: Record<string, unknown>, first = 100) {
    const r = await sys.gql(as, TRAIL, { filter, first });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return (r.data!.auditTrail.edges as { node: Entry }[]).map((e) => e.node);
  }

  /** Runs a mutation with a known request id and waits until the platform sees its entries. */
  async function audited(as: Principal, query: string, variables: Record<string, unknown>) {
    const requestId = randomUUID();
    const r = await sys.gql(as, query, variables, { requestId });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const entries = await waitFor(`audit entries of ${query.slice(0, 60)}`, async () => {
      const found = await trail(platform, { requestId });
      return found.length > 0 ? found : null;
    }).catch(async (e: Error) => {
      throw new Error(`${e.message}; undelivered: ${await undelivered()}`);
    });
    for (const e of entries) {
      assert.equal(e.requestId, requestId);
      assert.equal(e.actorRole, as.role);
      assert.equal(e.actorId, as.sub);
    }
    return { data: r.data!, entries };
  }

  /** Audit messages the relays could not deliver yet, with their errors (for a failure's message). */
  async function undelivered(): Promise<string> {
    const out: string[] = [];
    for (const name of ['catalog', 'tenants', 'loyalty', 'orders', 'logistics'] as const) {
      const em = (await sys.orm(name)).em.fork();
      for (const m of await em.find(OutboxMessage, { topic: 'audit.recorded', lastError: { $ne: null } }))
        out.push(`${name}: ${m.lastError}`);
    }
    return out.join('; ');
  }

  const field = (e: Entry, name: string) => e.changes.find((c) => c.field === name);

  let supplierId: number;
  let skuId: number;

  it('records every write of a sample of twelve mutations over catalog, tenants, loyalty, logistics, orders and staff', async () => {
    const mall = await setUpMall(sys);
    skuId = mall.physical.id;
    const sku = await (await sys.orm('catalog')).em.fork().findOneOrFail(Sku, { id: skuId });
    supplierId = sku.supplierId;
    const supplier = supplierAdmin(supplierId);
    await setStock(sys, skuId, 10);

    // 1. catalog, through the unit of work: before and after of the changed field.
    const barcode = `69${Date.now()}`.slice(0, 13);
    const updated = await audited(supplier, `mutation($i: UpdateSkuInput!) { updateSku(input: $i) { sku { id } } }`, {
      i: { skuId: String(skuId), barcode },
    });
    const skuEntry = updated.entries.find((e) => e.targetType === 'Sku' && e.targetId === String(skuId));
    assert.ok(skuEntry, JSON.stringify(updated.entries));
    assert.equal(skuEntry.action, 'UPDATE');
    assert.equal(skuEntry.subgraph, 'catalog');
    assert.equal(skuEntry.operation, 'updateSku');
    assert.equal(skuEntry.supplierId, String(supplierId));
    assert.equal(field(skuEntry, 'barcode')?.after, JSON.stringify(barcode));
    assert.notEqual(field(skuEntry, 'barcode')?.before, JSON.stringify(barcode));

    // 2. catalog, a conditional UPDATE around the unit of work: recorded from the statement.
    const adjusted = await audited(
      supplier,
      `mutation($i: AdjustStockInput!) { adjustStock(input: $i) { stock { available } } }`,
      { i: { skuId: String(skuId), mode: 'DELTA', quantity: -2, reason: 'damaged' } },
    );
    const stockEntry = adjusted.entries.find((e) => e.targetType === 'Stock');
    assert.ok(stockEntry, JSON.stringify(adjusted.entries));
    assert.ok(stockEntry.statement, 'a raw write names its statement');
    assert.equal(stockEntry.supplierId, String(supplierId));

    // 3. tenants: a bank admin creates a listing.
    const listingQuery = 'mutation($input: CreateListingInput!) { createListing(input: $input) { listing { id } } }';
    const listing = await audited(bankAdmin(1), listingQuery, {
      input: { mallId: mall.mallId, skuId: String(skuId), priceMode: 'POINTS', pricePoints: 100 },
    });
    const listingId = listing.data.createListing.listing.id as string;
    const listingEntry = listing.entries.find((e) => e.targetType === 'Listing' && e.targetId === listingId);
    assert.ok(listingEntry, JSON.stringify(listing.entries));
    assert.equal(listingEntry.action, 'CREATE');
    assert.equal(listingEntry.bankId, '1');
    assert.equal(field(listingEntry, 'pricePoints')?.after, '100');

    // 4. tenants: a partner app's secret never enters the trail.
    const app = await audited(
      bankAdmin(1),
      'mutation($i: CreatePartnerAppInput!) { createPartnerApp(input: $i) { partnerAppId clientSecret } }',
      { i: { name: '审计测试应用' } },
    );
    const appEntry = app.entries.find((e) => e.targetType === 'PartnerApp');
    assert.ok(appEntry, JSON.stringify(app.entries));
    assert.equal(field(appEntry, 'secretHash')?.after, JSON.stringify('[redacted]'));
    const secret = app.data.createPartnerApp.clientSecret as string;
    assert.ok(!JSON.stringify(app.entries).includes(secret));

    // 5. tenants: a partner app upserts customers (the actor is the app).
    const upsert = await audited(
      partnerApp(1),
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { created } }',
      { i: { customers: [{ externalRef: 'AUDIT-0001', city: '杭州', assetBand: 3 }] } },
    );
    const customerEntry = upsert.entries.find((e) => e.targetType === 'Customer');
    assert.ok(customerEntry, JSON.stringify(upsert.entries));
    assert.equal(customerEntry.partnerAppId, '1');
    assert.equal(customerEntry.bankId, '1');

    // 6. loyalty: a points adjustment (ledger entry and balance).
    const adjust = await audited(
      bankAdmin(1),
      'mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { id } }',
      {
        input: {
          customerId: '3',
          track: 'REDEEMABLE',
          amount: 700,
          reason: 'goodwill',
          idempotencyKey: `audit-${randomUUID()}`,
        },
      },
    );
    assert.ok(adjust.entries.some((e) => e.subgraph === 'loyalty' && e.action === 'CREATE'));
    assert.ok(adjust.entries.every((e) => e.operation === 'adjustPoints'));

    // 7. loyalty: an earn rule.
    const rule = await audited(
      bankAdmin(1),
      'mutation($input: CreateEarnRuleInput!) { createEarnRule(input: $input) { id } }',
      {
        input: {
          bankId: '1',
          name: '审计规则',
          kind: 'CARD_SPEND',
          track: 'REDEEMABLE',
          product: 'AUDIT_CARD',
          pointsPerYuan: 2,
        },
      },
    );
    const ruleEntry = rule.entries.find((e) => e.targetType === 'EarnRule');
    assert.ok(ruleEntry && ruleEntry.targetId === rule.data.createEarnRule.id, JSON.stringify(rule.entries));

    // 8. logistics: the platform rotates a carrier's secret; the sealed secrets are redacted.
    const rotated = await audited(
      platform,
      'mutation($i: RotateCarrierSecretInput!) { rotateCarrierSecret(input: $i) { callbackSecret } }',
      { i: { code: 'SF', overlapHours: 1 } },
    );
    const carrierEntry = rotated.entries.find((e) => e.targetType === 'Carrier');
    assert.ok(carrierEntry, JSON.stringify(rotated.entries));
    assert.equal(field(carrierEntry, 'secretSealed')?.after, JSON.stringify('[redacted]'));
    assert.ok(!JSON.stringify(rotated.entries).includes(rotated.data.rotateCarrierSecret.callbackSecret));

    // A customer's purchase is not audited (its writes are the customer's own order and points).
    const bought = await sys.gql(customer(1, 6), CHECKOUT, {
      input: {
        mallId: mall.mallId,
        lines: [{ listingId, quantity: 1 }],
        shippingAddress: ADDRESS,
        idempotencyKey: `audit-${randomUUID()}`,
      },
    });
    assert.equal(bought.errors, undefined, JSON.stringify(bought.errors));
    const order = bought.data!.checkout.order;
    const supplierOrderId = order.supplierOrders[0].id as string;
    await fulfilmentOpened(sys, supplierOrderId);

    // 9. logistics: the supplier ships the parcel.
    const shipped = await audited(
      supplier,
      `mutation($input: ShipSupplierOrderInput!) { shipSupplierOrder(input: $input) { shipment { id } } }`,
      {
        input: {
          supplierOrderId,
          carrierCode: 'SF',
          trackingNumber: 'SF9000000001',
          lines: [{ orderLineId: order.lines[0].id, quantity: 1 }],
        },
      },
    );
    const shipmentId = shipped.data.shipSupplierOrder.shipment.id as string;
    assert.ok(
      shipped.entries.some((e) => e.targetType === 'Shipment' && e.targetId === shipmentId && e.action === 'CREATE'),
      JSON.stringify(shipped.entries),
    );
    assert.ok(shipped.entries.every((e) => e.subgraph === 'logistics' && e.supplierId === String(supplierId)));

    // 10. orders: the supplier decides a refund (a saga step that commits unit by unit).
    await markShipped(sys, Number(supplierOrderId));
    const requested = await sys.gql(
      customer(1, 6),
      'mutation($i: RequestRefundInput!) { requestRefund(input: $i) { id } }',
      { i: { supplierOrderId, lines: [{ orderLineId: order.lines[0].id, quantity: 1 }], reason: '不想要了' } },
    );
    assert.equal(requested.errors, undefined, JSON.stringify(requested.errors));
    const refundId = requested.data!.requestRefund.id as string;
    const decided = await audited(supplier, 'mutation($i: DecideRefundInput!) { decideRefund(input: $i) { state } }', {
      i: { refundId, approve: true },
    });
    // Each unit of the saga step commits its own entries (one outbox message each): wait for all.
    const refundEntries = await waitFor('the refund decision in the trail', async () => {
      const found = await trail(platform, { requestId: decided.entries[0]!.requestId, targetType: 'Refund' });
      return found.some((e) => e.targetId === refundId && e.changes.some((c) => c.field === 'state')) ? found : null;
    });
    assert.ok(refundEntries.every((e) => e.subgraph === 'orders' && e.operation === 'decideRefund'));

    // 11. staff: its own writes go straight into the trail, in their transaction.
    const group = await audited(
      bankAdmin(1),
      'mutation($i: CreatePermissionGroupInput!) { createPermissionGroup(input: $i) { permissionGroup { id } } }',
      { i: { name: '活动审核', permissions: ['RUN_CAMPAIGNS', 'SEE_REPORTS'] } },
    );
    const groupEntry = group.entries.find((e) => e.targetType === 'PermissionGroup');
    assert.ok(groupEntry, JSON.stringify(group.entries));
    assert.deepEqual(
      [groupEntry.subgraph, groupEntry.operation, groupEntry.bankId],
      ['staff', 'createPermissionGroup', '1'],
    );

    // 12. staff: a maker-checker decision is a staff write like any other.
    const policy = await audited(
      bankAdmin(1),
      'mutation($i: SetApprovalPolicyInput!) { setApprovalPolicy(input: $i) { bankId } }',
      { i: { bankId: '1', pointsAdjustmentAbove: 1_000_000 } },
    );
    const policyEntry = policy.entries.find((e) => e.targetType === 'ApprovalPolicy');
    assert.ok(policyEntry, JSON.stringify(policy.entries));
    assert.match(field(policyEntry, 'pointsAdjustmentAbove')?.after ?? '', /1000000/);

    // Nothing a customer did is in the trail.
    const all = await trail(platform, {}, 100);
    assert.ok(all.length >= 10);
    assert.ok(all.every((e) => e.actorRole !== 'CUSTOMER'));
  });

  it('a write that rolls back leaves no entry', async () => {
    const requestId = randomUUID();
    const armed = await fetch(`${sys.stack.urls.tenants}/debug/faults`, {
      method: 'POST',
      body: JSON.stringify({ requestId, fault: 'after-write' }),
    });
    assert.equal(armed.status, 200);
    const failed = await sys.gql(
      bankAdmin(1),
      'mutation($i: CreatePartnerAppInput!) { createPartnerApp(input: $i) { partnerAppId } }',
      { i: { name: '回滚的应用' } },
      { requestId },
    );
    assert.equal(errorCode(failed), 'INTERNAL', JSON.stringify(failed));
    // A later write of the same subgraph is delivered after it would have been (the relay goes in id order).
    await audited(
      bankAdmin(1),
      'mutation($i: CreatePartnerAppInput!) { createPartnerApp(input: $i) { partnerAppId } }',
      { i: { name: '之后的应用' } },
    );
    assert.deepEqual(await trail(platform, { requestId }), []);
    const em = (await sys.orm('tenants')).em.fork();
    const messages = await em.find(OutboxMessage, { topic: 'audit.recorded' });
    assert.ok(messages.every((m) => (m.payload as { requestId: string }).requestId !== requestId));
  });

  it('staff-run saga steps (confirmPayment, runOrderRecovery) commit their entries with each step; a step that rolls back records none', async () => {
    const mall = await setUpMall(sys);
    await setStock(sys, mall.physical.id, 20);
    const listingId = await createListing(sys, {
      mallId: mall.mallId,
      skuId: String(mall.physical.id),
      priceMode: 'POINTS_PLUS_CASH',
      pricePoints: 100,
      priceFen: 900,
    });
    await setBalance(sys, 1, 7, 100_000, `audit-saga-${randomUUID()}`);
    const place = async () => {
      const r = await sys.gql(customer(1, 7), CHECKOUT, {
        input: {
          mallId: mall.mallId,
          lines: [{ listingId, quantity: 1 }],
          shippingAddress: ADDRESS,
          idempotencyKey: `audit-saga-${randomUUID()}`,
        },
      });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      assert.equal(r.data!.checkout.order.status, 'PENDING_PAYMENT');
      return r.data!.checkout.order as { id: string; cashFen: number };
    };
    const PAY = 'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { id status } }';
    const orders = (await sys.orm('orders')).em;
    /** The audit messages a request left in the orders outbox (written in the transactions of its steps). */
    const outboxOf = async (requestId: string) =>
      (await orders.fork().find(OutboxMessage, { topic: 'audit.recorded' })).filter(
        (m) => (m.payload as { requestId: string }).requestId === requestId,
      );

    // A payment step that rolls back (a fault after its write, before its commit) leaves the order
    // unpaid and no entry: not in the outbox of orders, not in the trail.
    const first = await place();
    const failedId = randomUUID();
    const armed = await fetch(`${sys.stack.urls.orders}/debug/faults`, {
      method: 'POST',
      body: JSON.stringify({ requestId: failedId, fault: 'before-step-commit' }),
    });
    assert.equal(armed.status, 200);
    const failed = await sys.gql(
      bankAdmin(1),
      PAY,
      { i: { orderId: first.id, paymentRef: `AUDIT-${failedId}`, amountFen: first.cashFen } },
      { requestId: failedId },
    );
    assert.equal(errorCode(failed), 'INTERNAL', JSON.stringify(failed));
    const unpaid = await orders.fork().findOneOrFail(Order, Number(first.id));
    assert.equal(unpaid.status, 'PENDING_PAYMENT', 'the step rolled back');
    assert.deepEqual(await outboxOf(failedId), []);

    // The bank admin pays: each step's entries are outbox rows of that step's own transaction.
    const paid = await audited(bankAdmin(1), PAY, {
      i: { orderId: first.id, paymentRef: `AUDIT-${randomUUID()}`, amountFen: first.cashFen },
    });
    assert.equal(paid.data.confirmPayment.status, 'PAID');
    const requestId = paid.entries[0]!.requestId;
    const entries = await waitFor('both steps of the payment in the trail', async () => {
      const found = await trail(platform, { requestId });
      const orderEntries = found.filter((e) => e.targetType === 'Order' && e.targetId === first.id);
      return orderEntries.some((e) => field(e, 'status')?.after === '"PAID"') &&
        orderEntries.some((e) => field(e, 'confirmed')?.after === 'true')
        ? found
        : null;
    });
    assert.ok(entries.every((e) => e.subgraph === 'orders' && e.operation === 'confirmPayment' && e.bankId === '1'));
    // One message per step that wrote (the payment; the confirmation with its outbox events).
    assert.equal((await outboxOf(requestId)).length, 2);
    assert.deepEqual(await trail(platform, { requestId: failedId }), [], 'the rolled-back step left nothing behind');

    // The platform's recovery sweep cancels an order past its deadline: its steps are audited too.
    const late = await place();
    await orders.fork().nativeUpdate(Order, { id: Number(late.id) }, { paymentDueAt: new Date(Date.now() - 60_000) });
    const swept = await audited(
      platform,
      'mutation { runOrderRecovery(staleAfterSeconds: 0, ignoreBackoff: true) { __typename } }',
      {},
    );
    const sweptEntries = await waitFor('the sweep’s cancellation in the trail', async () => {
      const found = await trail(platform, { requestId: swept.entries[0]!.requestId, targetType: 'Order' });
      return found.some((e) => e.targetId === late.id && field(e, 'status')?.after === '"CANCELLED"') ? found : null;
    });
    assert.ok(sweptEntries.every((e) => e.operation === 'runOrderRecovery' && e.actorRole === 'PLATFORM_ADMIN'));
    assert.ok((await outboxOf(swept.entries[0]!.requestId)).length >= 1);
  });

  it("a write refused by a rule (another bank's customer) records nothing", async () => {
    const requestId = randomUUID();
    // Adjusting another bank's customer is NOT_FOUND: the request answers an error and rolls back.
    const refused = await sys.gql(
      bankAdmin(2),
      'mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { id } }',
      { input: { customerId: '3', track: 'REDEEMABLE', amount: 5, reason: 'x', idempotencyKey: `a-${randomUUID()}` } },
      { requestId },
    );
    assert.ok(refused.errors?.length, JSON.stringify(refused));
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(await trail(platform, { requestId }), []);
  });

  it('bank admins read their own bank only, suppliers their own, the platform all; filters and pages', async () => {
    const bank1 = await trail(bankAdmin(1), {});
    assert.ok(bank1.length > 0);
    assert.ok(bank1.every((e) => e.bankId === '1'));
    assert.deepEqual(
      (await trail(bankAdmin(2), {})).filter((e) => e.bankId !== '2'),
      [],
      "bank 2 sees none of bank 1's entries",
    );
    const other = await sys.gql(bankAdmin(2), TRAIL, { filter: { bankId: '1' } });
    assert.equal(errorCode(other), 'NOT_FOUND');
    const own = await trail(supplierAdmin(supplierId), {});
    assert.ok(own.length > 0 && own.every((e) => e.supplierId === String(supplierId)));
    const otherSupplier = await sys.gql(supplierAdmin(supplierId + 1), TRAIL, {
      filter: { supplierId: String(supplierId) },
    });
    assert.equal(errorCode(otherSupplier), 'NOT_FOUND');
    // Without MANAGE_STAFF (operators), and for partner apps and customers: FORBIDDEN.
    for (const who of [bankOperator(1), partnerApp(1), customer(1, 1)])
      assert.equal(errorCode(await sys.gql(who, TRAIL, {})), 'FORBIDDEN', who.role);
    // The platform filters by bank, target and operation.
    const ofBank1 = await trail(platform, { bankId: '1' });
    assert.deepEqual(
      ofBank1.map((e) => e.id),
      bank1.map((e) => e.id),
    );
    const skuChanges = await trail(platform, { targetType: 'Sku', targetId: String(skuId) });
    assert.ok(skuChanges.length >= 1 && skuChanges.every((e) => e.targetType === 'Sku'));
    const byOperation = await trail(bankAdmin(1), { operation: 'createPartnerApp' });
    assert.ok(byOperation.length >= 2 && byOperation.every((e) => e.operation === 'createPartnerApp'));
    const future = await trail(platform, { from: new Date(Date.now() + 3_600_000).toISOString() });
    assert.deepEqual(future, []);
    // Keyset pages, newest first, with no entry twice.
    const seen: string[] = [];
    let cursor: string | null = null;
    type Page = { edges: { node: Entry }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    for (;;) {
      const r: { errors?: unknown; data?: { auditTrail: Page } | null } = await sys.gql(platform, TRAIL, {
        first: 3,
        after: cursor,
      });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      const page = r.data!.auditTrail;
      seen.push(...page.edges.map((e: { node: Entry }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    }
    const everything = await trail(platform, {});
    assert.deepEqual(
      seen.slice(0, everything.length),
      everything.map((e) => e.id),
    );
    assert.equal(new Set(seen).size, seen.length);
    const times = everything.map((e) => Date.parse(e.occurredAt));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
  });

  it('recordAuditEntries is for services only, and a batch delivered twice is stored once', async () => {
    const mutation = 'mutation($input: RecordAuditEntriesInput!) { recordAuditEntries(input: $input) { recorded } }';
    const input = {
      batchId: randomUUID(),
      subgraph: 'catalog',
      requestId: `forged-${randomUUID()}`,
      operation: 'updateSku',
      actorRole: 'SUPPLIER_ADMIN',
      actorId: 's-1',
      occurredAt: new Date().toISOString(),
      entries: [{ seq: 1, action: 'UPDATE', targetType: 'Sku', targetId: '1', changes: '{}', supplierId: '1' }],
    };
    const token = await sys.identityToken(bankAdmin(1), 'staff');
    const forged = await sys.subgraphRaw(
      'staff',
      { query: mutation, variables: { input } },
      {
        'x-perkmall-identity': token,
      },
    );
    assert.equal(errorCode(forged.body), 'FORBIDDEN');
    const first = await sys.asService('staff', mutation, { input });
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    assert.equal(first.data!.recordAuditEntries.recorded, 1);
    const again = await sys.asService('staff', mutation, { input });
    assert.equal(again.data!.recordAuditEntries.recorded, 0);
    // Not part of the public API.
    assert.ok(errorCode(await sys.gql(platform, mutation, { input })));
  });
});
