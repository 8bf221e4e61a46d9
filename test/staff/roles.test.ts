/**
 * Real roles for suppliers and the platform (issue 15: "the same for suppliers (admin, staff,
 * shipping clerk) and the platform"): people invited into the built-in groups sign in with real
 * tokens from the staff subgraph, and every subgraph holds them to their groups' permissions — a
 * shipping clerk ships but cannot touch the catalogue, stock or prices; supplier staff keep the
 * catalogue but not prices; platform staff (PLATFORM_STAFF) act across tenants only within their
 * groups, and see personal data masked unless they hold SEE_CUSTOMER_DATA.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import { bankAdmin, platform, supplierAdmin } from '../principals';
import type { Principal } from '../../core/identity';
import { createListing, setStock, setUpMall } from '../orders/helpers';
import { fulfilmentOpened, MALL, placeOrder, SHIP, type PlacedOrder } from '../logistics/helpers';

const PASSWORD = 'Sturdy-Ledger-2026!';
const GROUPS = `query($supplierId: ID) { permissionGroups(first: 100, supplierId: $supplierId) {
  edges { node { id code permissions } } } }`;
const INVITE = 'mutation($i: InviteStaffInput!) { inviteStaff(input: $i) { invitationUrl } }';
const SKU = 'query($id: ID!) { sku(id: $id) { title barcode listPriceFen supplierPriceFen stock { available } } }';
const UPDATE_SKU = 'mutation($i: UpdateSkuInput!) { updateSku(input: $i) { sku { id barcode listPriceFen } } }';
const ADJUST_STOCK = 'mutation($i: AdjustStockInput!) { adjustStock(input: $i) { stock { available } } }';
const ORDER = 'query($id: ID!) { order(id: $id) { shippingAddress { recipient phone detail } } }';

function claimsOf(accessToken: string): Record<string, any> {
  return JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, any>;
}

function assertForbiddenFor(r: GraphQLResult, permission: string, what: string): void {
  assert.equal(errorCode(r), 'FORBIDDEN', `${what}: ${JSON.stringify(r.errors)}`);
  assert.equal(r.errors![0]!.extensions?.permission, permission, `${what}: ${JSON.stringify(r.errors)}`);
}

describe('supplier and platform roles: built-in groups, enforced in every subgraph from the signed token', () => {
  let sys: TestSystem;
  let mall: Awaited<ReturnType<typeof setUpMall>>;
  let order: PlacedOrder;
  let n = 0;

  /** Invites someone into built-in groups (by code) and accepts through the gateway; answers their access token. */
  const join = async (as: Principal, role: string, codes: string[], tenant: { supplierId?: string } = {}) => {
    const groups = await sys.gql(as, GROUPS, { supplierId: tenant.supplierId ?? null });
    assert.equal(groups.errors, undefined, JSON.stringify(groups.errors));
    const byCode = new Map<string, any>(groups.data!.permissionGroups.edges.map((e: any) => [e.node.code, e.node]));
    const inv = await sys.gql(as, INVITE, {
      i: {
        displayName: `Member ${++n}`,
        role,
        permissionGroupIds: codes.map((c) => byCode.get(c)!.id),
        ...(tenant.supplierId ? { supplierId: tenant.supplierId } : {}),
      },
    });
    assert.equal(inv.errors, undefined, JSON.stringify(inv.errors));
    const token = new URL(inv.data!.inviteStaff.invitationUrl).hash.replace(/^#token=/, '');
    const r = await fetch(sys.stack.gatewayUrl.replace(/\/graphql$/, '/auth/staff/accept-invitation'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, loginName: `role${n}.member`, password: PASSWORD }),
    });
    const body = (await r.json()) as Record<string, any>;
    assert.equal(r.status, 200, JSON.stringify(body));
    return { accessToken: body.accessToken as string, groups: byCode };
  };

  before(async () => {
    sys = await startTestSystem();
    mall = await setUpMall(sys);
    MALL.id = mall.mallId;
    await setStock(sys, mall.physical.id, 100);
    const listing = await createListing(sys, {
      mallId: mall.mallId,
      skuId: String(mall.physical.id),
      priceMode: 'POINTS',
      pricePoints: 1,
    });
    order = await placeOrder(sys, 1, [{ listingId: listing, quantity: 1 }], 'roles-order-0001');
    await fulfilmentOpened(sys, order.supplierOrderId);
  });
  after(async () => {
    await sys?.stop();
  });

  it('a supplier’s shipping clerk ships, but cannot edit a SKU, its price or its stock', async () => {
    const supplierId = String(mall.physical.supplierId);
    const clerk = await join(supplierAdmin(Number(supplierId)), 'SUPPLIER_STAFF', ['SHIPPING_CLERK']);
    assert.deepEqual(clerk.groups.get('SHIPPING_CLERK').permissions, ['SHIP_ORDERS']);
    const claims = claimsOf(clerk.accessToken);
    assert.equal(claims.role, 'SUPPLIER_STAFF');
    assert.equal(claims.supplierId, supplierId);
    assert.deepEqual(claims.permissions, ['SHIP_ORDERS']);

    const skuId = String(mall.physical.id);
    const before = (await sys.gql(platform, SKU, { id: skuId })).data!.sku;
    assertForbiddenFor(
      await sys.gql(clerk.accessToken, UPDATE_SKU, { i: { skuId, listPriceFen: before.listPriceFen + 100 } }),
      'MANAGE_CATALOG',
      'a price',
    );
    assertForbiddenFor(
      await sys.gql(clerk.accessToken, UPDATE_SKU, { i: { skuId, barcode: '6900000000001' } }),
      'MANAGE_CATALOG',
      'a barcode',
    );
    assertForbiddenFor(
      await sys.gql(clerk.accessToken, ADJUST_STOCK, { i: { skuId, mode: 'SET', quantity: 0, reason: 'stocktake' } }),
      'MANAGE_STOCK',
      'stock',
    );
    assert.deepEqual((await sys.gql(platform, SKU, { id: skuId })).data!.sku, before, 'nothing changed');

    // The clerk sees the address they ship to, and ships.
    const address = await sys.gql(clerk.accessToken, ORDER, { id: order.orderId });
    assert.equal(address.data?.order.shippingAddress.phone, '13800000000', JSON.stringify(address));
    const shipped = await sys.gql(clerk.accessToken, SHIP, {
      input: { supplierOrderId: order.supplierOrderId, carrierCode: 'SF', trackingNumber: 'SFROLES00001' },
    });
    assert.equal(shipped.errors, undefined, JSON.stringify(shipped.errors));
    assert.equal(shipped.data!.shipSupplierOrder.fulfilment.status, 'SHIPPED');
  });

  it('supplier staff (STAFF group) keep the catalogue and stock but not prices; staff of another supplier see none of it', async () => {
    const supplierId = mall.physical.supplierId;
    const staff = await join(supplierAdmin(supplierId), 'SUPPLIER_STAFF', ['STAFF']);
    assert.deepEqual(claimsOf(staff.accessToken).permissions, [
      'MANAGE_CATALOG',
      'MANAGE_STOCK',
      'SHIP_ORDERS',
      'HANDLE_AFTERSALES',
    ]);
    const skuId = String(mall.physical.id);
    const before = (await sys.gql(platform, SKU, { id: skuId })).data!.sku;
    const barcode = await sys.gql(staff.accessToken, UPDATE_SKU, { i: { skuId, barcode: '6900000000002' } });
    assert.equal(barcode.errors, undefined, JSON.stringify(barcode.errors));
    assert.equal(barcode.data!.updateSku.sku.barcode, '6900000000002');
    const stock = await sys.gql(staff.accessToken, ADJUST_STOCK, {
      i: { skuId, mode: 'SET', quantity: 90, reason: 'stocktake' },
    });
    assert.equal(stock.errors, undefined, JSON.stringify(stock.errors));
    const price = await sys.gql(staff.accessToken, UPDATE_SKU, {
      i: { skuId, listPriceFen: before.listPriceFen + 100 },
    });
    assert.ok(price.errors?.length, 'supplier staff may not change prices');
    assert.match(JSON.stringify(price.errors), /may not change prices/);
    assert.equal((await sys.gql(platform, SKU, { id: skuId })).data!.sku.listPriceFen, before.listPriceFen);

    // Staff of another supplier: the SKU is not theirs to see.
    const other = await join(supplierAdmin(supplierId + 1), 'SUPPLIER_STAFF', ['STAFF']);
    assert.equal(
      errorCode(await sys.gql(other.accessToken, UPDATE_SKU, { i: { skuId, barcode: '6900000000003' } })),
      'NOT_FOUND',
    );
  });

  it('platform staff hold only their groups: finance reads reports but cannot run tenants, carriers, staff or the audit trail', async () => {
    const finance = await join(platform, 'PLATFORM_STAFF', ['FINANCE']);
    assert.deepEqual(
      [...finance.groups.keys()].sort(),
      ['AUDIT', 'FINANCE', 'OPERATIONS', 'SUPPORT'],
      'the platform’s built-in groups',
    );
    const claims = claimsOf(finance.accessToken);
    assert.equal(claims.role, 'PLATFORM_STAFF');
    assert.equal(claims.bankId, undefined);
    assert.deepEqual(claims.permissions, ['SEE_REPORTS', 'MANAGE_SETTLEMENT']);

    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const report = await sys.gql(
      finance.accessToken,
      'query($f: DateTime!, $t: DateTime!) { salesReport(bankId: 1, from: $f, to: $t) { orders } }',
      { f: from, t: to },
    );
    assert.equal(report.errors, undefined, JSON.stringify(report.errors));
    assert.ok(report.data!.salesReport.reduce((s: number, b: any) => s + b.orders, 0) >= 1, 'the order is counted');

    assertForbiddenFor(
      await sys.gql(finance.accessToken, '{ banks { edges { node { id } } } }'),
      'MANAGE_TENANTS',
      'banks',
    );
    assertForbiddenFor(
      await sys.gql(finance.accessToken, '{ carriers(includeInactive: true) { active } }'),
      'MANAGE_CARRIERS',
      'carriers',
    );
    assert.equal(
      errorCode(await sys.gql(finance.accessToken, '{ auditTrail { edges { node { id } } } }')),
      'FORBIDDEN',
    );
    assertForbiddenFor(
      await sys.gql(finance.accessToken, INVITE, {
        i: { displayName: 'x', role: 'PLATFORM_STAFF', permissionGroupIds: [] },
      }),
      'MANAGE_STAFF',
      'inviteStaff',
    );
    // Personal data masked without SEE_CUSTOMER_DATA.
    const masked = await sys.gql(finance.accessToken, ORDER, { id: order.orderId });
    assert.equal(masked.errors, undefined, JSON.stringify(masked.errors));
    assert.deepEqual(masked.data!.order.shippingAddress, { recipient: '张*', phone: '138****0000', detail: '****' });
  });

  it('platform operations and support staff run tenants and carriers and see personal data; neither manages staff', async () => {
    const ops = await join(platform, 'PLATFORM_STAFF', ['OPERATIONS', 'SUPPORT']);
    assert.deepEqual(claimsOf(ops.accessToken).permissions, [
      'MANAGE_TENANTS',
      'MANAGE_SUPPLIERS',
      'MANAGE_CARRIERS',
      'SEE_CUSTOMER_DATA',
    ]);
    const banks = await sys.gql(ops.accessToken, '{ banks { edges { node { id } } } }');
    assert.equal(banks.errors, undefined, JSON.stringify(banks.errors));
    assert.ok(banks.data!.banks.edges.length >= 2);
    const carriers = await sys.gql(ops.accessToken, '{ carriers(includeInactive: true) { active } }');
    assert.equal(carriers.errors, undefined, JSON.stringify(carriers.errors));
    const whole = await sys.gql(ops.accessToken, ORDER, { id: order.orderId });
    assert.deepEqual(whole.data!.order.shippingAddress, {
      recipient: '张三',
      phone: '13800000000',
      detail: '文三路 1 号',
    });
    assertForbiddenFor(
      await sys.gql(ops.accessToken, INVITE, {
        i: { displayName: 'x', role: 'PLATFORM_STAFF', permissionGroupIds: [] },
      }),
      'MANAGE_STAFF',
      'inviteStaff',
    );
    // Platform roles belong to the platform: a bank admin cannot invite one.
    const wrongKind = await sys.gql(bankAdmin(1), INVITE, {
      i: { displayName: 'x', role: 'PLATFORM_STAFF', permissionGroupIds: [] },
    });
    assert.equal(errorCode(wrongKind), 'BAD_USER_INPUT');
  });
});
