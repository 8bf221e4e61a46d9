/**
 * Issue 15, fine permissions: every subgraph honours the `permissions` claim of a staff token.
 * The README's Permissions table is the mapping (operation → the permission each kind of staff
 * needs); this file holds every operation of the supergraph to it, calls each row with a token
 * lacking exactly that permission, and walks the main cases end to end: a shipping clerk, a
 * reports-only bank operator, masked personal data, and malformed claims.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  parse,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { errorCode, startTestSystem, type GraphQLResult, type TestSystem } from '../harness';
import { PERMISSIONS_BY_KIND, type Permission, type Principal, type StaffKind } from '../../core/identity';
import { bankAdmin, bankOperator, platform, supplierAdmin, supplierStaff } from '../principals';
import { createListing, pointsOf, setStock, setUpMall } from '../orders/helpers';
import { fulfilmentOpened, MALL, placeOrder, SHIP, type PlacedOrder } from '../logistics/helpers';

const ROOT = path.join(__dirname, '../..');
const KINDS: StaffKind[] = ['bank', 'supplier', 'platform'];

interface Row {
  /** The root field. */
  field: string;
  /** The call as written in the table (`carriers(includeInactive: true)`), when it needs arguments. */
  call: string | null;
  needs: Partial<Record<StaffKind, string>>;
  /** Cells marked † are enforced by work not on this branch yet. */
  pending: StaffKind[];
}

/** The README's Permissions table. */
function permissionTable(): Row[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Permissions$/m)[1]?.split(/^## /m)[0];
  assert.ok(section, 'README has a "## Permissions" section');
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((line) => {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      const op = cells[0]!.replace(/`/g, '');
      const row: Row = { field: op.split('(')[0]!, call: op.includes('(') ? op : null, needs: {}, pending: [] };
      KINDS.forEach((kind, i) => {
        const cell = cells[3 + i]!;
        if (cell === '—') return;
        row.needs[kind] = cell.replace('†', '');
        if (cell.endsWith('†')) row.pending.push(kind);
      });
      return row;
    });
}

/** Root fields of the composed supergraph (internal ones included). */
function supergraphFields(type: 'Mutation' | 'Query'): string[] {
  const doc = parse(fs.readFileSync(path.join(ROOT, 'supergraph.graphql'), 'utf8'));
  return doc.definitions.flatMap((d) =>
    (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === type
      ? (d.fields ?? []).map((f) => f.name.value)
      : [],
  );
}

/** A literal of the type that passes GraphQL validation and the input scalars. */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType as GraphQLInputType);
  if (isListType(type)) return `[${literal(type.ofType as GraphQLInputType)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter(
      (f) => isNonNullType(f.type) && f.defaultValue === undefined,
    );
    return `{ ${required.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    if (type.name === 'String') return '"perm-test"';
    if (type.name === 'ID') return '"1"';
    if (type.name === 'Boolean') return 'false';
    if (type.name === 'DateTime') return '"2030-01-01T00:00:00Z"';
    return '1'; // Int and the amount scalars
  }
  throw new Error(`no literal for ${String(type)}`);
}

/** The smallest valid operation calling `row` (its required arguments made up). */
function operationFor(schema: GraphQLSchema, row: Row): string {
  const mutation = schema.getMutationType()!.getFields()[row.field];
  const field = mutation ?? schema.getQueryType()!.getFields()[row.field];
  assert.ok(field, `${row.field} is in the public schema`);
  const args = field.args
    .filter((a) => isNonNullType(a.type) && a.defaultValue === undefined)
    .map((a) => `${a.name}: ${literal(a.type)}`);
  const call = row.call ?? (args.length ? `${row.field}(${args.join(', ')})` : row.field);
  const named = getNamedType(field.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  return `${mutation ? 'mutation' : 'query'} { ${call}${selection} }`;
}

/** A token of that kind of staff holding every permission of its kind but `without`. */
function staffWithout(kind: StaffKind, without: string): Principal {
  const permissions = PERMISSIONS_BY_KIND[kind].filter((p) => p !== without) as Permission[];
  const base = kind === 'bank' ? bankAdmin(1) : kind === 'supplier' ? supplierAdmin(1) : platform;
  return { ...base, permissions };
}

function assertForbiddenFor(r: GraphQLResult, permission: string, what: string): void {
  assert.equal(errorCode(r), 'FORBIDDEN', `${what}: ${JSON.stringify(r.errors)}`);
  assert.equal(r.errors![0]!.extensions?.permission, permission, `${what}: ${JSON.stringify(r.errors)}`);
  assert.match(r.errors![0]!.message, new RegExp(permission), what);
}

describe('fine permissions: the mapping', () => {
  const rows = permissionTable();

  it('names every mutation of the supergraph once, and only operations that exist', () => {
    const mutations = supergraphFields('Mutation');
    const fields = new Set([...mutations, ...supergraphFields('Query')]);
    const named = rows.map((r) => r.field);
    assert.deepEqual(
      mutations.filter((m) => !named.includes(m)),
      [],
      'mutations missing from the README Permissions table (add a row with the permission each staff kind needs)',
    );
    assert.deepEqual(
      named.filter((n) => !fields.has(n)),
      [],
      'rows naming no operation of the supergraph',
    );
    assert.deepEqual(
      named.filter((n, i) => named.indexOf(n) !== i),
      [],
      'operations listed twice',
    );
  });

  it("names only permissions of the cell's kind of staff", () => {
    for (const row of rows)
      for (const [kind, permission] of Object.entries(row.needs) as [StaffKind, string][])
        assert.ok(
          (PERMISSIONS_BY_KIND[kind] as readonly string[]).includes(permission),
          `${row.field}: ${permission} is not a ${kind} permission`,
        );
  });
});

describe('fine permissions in every subgraph', () => {
  let sys: TestSystem;
  let mall: Awaited<ReturnType<typeof setUpMall>>;
  let order: PlacedOrder;
  const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'));

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
    order = await placeOrder(sys, 1, [{ listingId: listing, quantity: 2 }], 'perm-order-0001');
    await fulfilmentOpened(sys, order.supplierOrderId);
  });
  after(async () => {
    await sys?.stop();
  });

  it('refuses every row of the table to staff lacking exactly its permission, naming it', async () => {
    const checked: string[] = [];
    for (const row of permissionTable()) {
      for (const [kind, permission] of Object.entries(row.needs) as [StaffKind, string][]) {
        if (row.pending.includes(kind)) continue;
        const query = operationFor(schema, row);
        const r = await sys.gql(staffWithout(kind, permission), query);
        assertForbiddenFor(r, permission, `${kind} staff without ${permission}: ${query}`);
        checked.push(`${row.field}/${kind}`);
      }
    }
    assert.ok(checked.length >= 60, `checked ${checked.length} operation/staff pairs`);
  });

  it('a shipping clerk (SUPPLIER_STAFF with only SHIP_ORDERS) ships, but cannot change a product or stock', async () => {
    const supplierId = mall.physical.supplierId;
    const clerk: Principal = { ...supplierStaff(supplierId), permissions: ['SHIP_ORDERS'] };
    const shipped = await sys.gql(clerk, SHIP, {
      input: { supplierOrderId: order.supplierOrderId, carrierCode: 'SF', trackingNumber: 'SFPERM000001' },
    });
    assert.equal(shipped.errors, undefined, JSON.stringify(shipped.errors));
    assert.equal(shipped.data!.shipSupplierOrder.fulfilment.status, 'SHIPPED');

    const SKU = 'query($id: ID!) { sku(id: $id) { title stock { available } } }';
    const skuBefore = (await sys.gql(platform, SKU, { id: String(mall.physical.id) })).data!.sku;
    const product = await sys.gql(
      clerk,
      'mutation($i: UpdateProductInput!) { updateProduct(input: $i) { product { id title } } }',
      { i: { productId: String(mall.physical.product.id), title: 'renamed by the clerk' } },
    );
    assertForbiddenFor(product, 'MANAGE_CATALOG', 'updateProduct');
    const stock = await sys.gql(
      clerk,
      'mutation($i: AdjustStockInput!) { adjustStock(input: $i) { stock { available } } }',
      { i: { skuId: String(mall.physical.id), mode: 'SET', quantity: 0, reason: 'stocktake' } },
    );
    assertForbiddenFor(stock, 'MANAGE_STOCK', 'adjustStock');
    const skuAfter = (await sys.gql(platform, SKU, { id: String(mall.physical.id) })).data!.sku;
    assert.deepEqual(skuAfter, skuBefore, 'neither title nor stock changed');
  });

  it('a bank operator with only SEE_REPORTS reads reports but cannot curate or adjust points', async () => {
    const analyst: Principal = { ...bankOperator(1), permissions: ['SEE_REPORTS'] };
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const report = await sys.gql(
      analyst,
      'query($f: DateTime!, $t: DateTime!) { salesReport(bankId: 1, from: $f, to: $t) { orders } }',
      { f: from, t: to },
    );
    assert.equal(report.errors, undefined, JSON.stringify(report.errors));
    assert.ok(report.data!.salesReport.length >= 0);

    const curate = await sys.gql(
      analyst,
      'mutation($i: CreateListingInput!) { createListing(input: $i) { listing { id } } }',
      { i: { mallId: mall.mallId, skuId: String(mall.physical2.id), priceMode: 'POINTS', pricePoints: 5 } },
    );
    assertForbiddenFor(curate, 'CURATE_LISTINGS', 'createListing');

    const before = await pointsOf(sys, 2);
    const adjust = await sys.gql(analyst, 'mutation($i: AdjustPointsInput!) { adjustPoints(input: $i) { id } }', {
      i: { customerId: '2', track: 'REDEEMABLE', amount: 500, reason: 'goodwill', idempotencyKey: 'perm-adj-1' },
    });
    assertForbiddenFor(adjust, 'ADJUST_POINTS', 'adjustPoints');
    assert.deepEqual(await pointsOf(sys, 2), before, 'no points moved');

    // A token without the claim keeps the role's defaults (dev tokens, existing integrations).
    const operator = await sys.gql(
      bankOperator(1),
      'mutation($i: AdjustPointsInput!) { adjustPoints(input: $i) { id } }',
      { i: { customerId: '2', track: 'REDEEMABLE', amount: 1, reason: 'goodwill', idempotencyKey: 'perm-adj-2' } },
    );
    assert.equal(operator.errors, undefined, JSON.stringify(operator.errors));
  });

  it('personal data is masked for staff without SEE_CUSTOMER_DATA and whole for those with it', async () => {
    const ORDER =
      'query($id: ID!) { order(id: $id) { shippingAddress { recipient phone province city district detail } } }';
    const CUSTOMER = 'query { customer(id: 1) { externalRef city birthYear gender assetBand } }';
    const allBut = PERMISSIONS_BY_KIND.bank.filter((p) => p !== 'SEE_CUSTOMER_DATA' && p !== 'MANAGE_STAFF');
    const masked: Principal = { ...bankOperator(1), permissions: allBut };
    const full: Principal = { ...bankOperator(1), permissions: ['SEE_CUSTOMER_DATA'] };

    const m = await sys.gql(masked, ORDER, { id: order.orderId });
    assert.equal(m.errors, undefined, JSON.stringify(m.errors));
    assert.deepEqual(m.data!.order.shippingAddress, {
      recipient: '张*',
      phone: '138****0000',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '****',
    });
    const f = await sys.gql(full, ORDER, { id: order.orderId });
    assert.deepEqual(f.data!.order.shippingAddress, {
      recipient: '张三',
      phone: '13800000000',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路 1 号',
    });

    const whole = (await sys.gql(full, CUSTOMER)).data!.customer;
    assert.ok(whole.city && whole.birthYear, `the demo customer has a city and birth year: ${JSON.stringify(whole)}`);
    const hidden = await sys.gql(masked, CUSTOMER);
    assert.equal(hidden.errors, undefined, JSON.stringify(hidden.errors));
    assert.deepEqual(hidden.data!.customer, {
      externalRef: whole.externalRef,
      city: `${[...whole.city][0]}${'*'.repeat([...whole.city].length - 1)}`,
      birthYear: null,
      gender: null,
      assetBand: null,
    });

    // Suppliers: the address is for shipping; staff without SHIP_ORDERS see it masked.
    const cataloguer: Principal = { ...supplierStaff(mall.physical.supplierId), permissions: ['MANAGE_CATALOG'] };
    const s = await sys.gql(cataloguer, ORDER, { id: order.orderId });
    assert.equal(s.errors, undefined, JSON.stringify(s.errors));
    assert.equal(s.data!.order.shippingAddress.phone, '138****0000');
    const shipper: Principal = { ...supplierStaff(mall.physical.supplierId), permissions: ['SHIP_ORDERS'] };
    assert.equal(
      (await sys.gql(shipper, ORDER, { id: order.orderId })).data!.order.shippingAddress.phone,
      '13800000000',
    );
  });

  it('a token carrying a permission of another kind, or an unknown one, is malformed (UNAUTHENTICATED)', async () => {
    const query = 'query { brands(first: 1) { edges { node { id } } } }';
    const wrongKind = { ...supplierStaff(1), permissions: ['CURATE_LISTINGS'] } as unknown as Principal;
    const r = await sys.gql(wrongKind, query);
    assert.equal(errorCode(r), 'UNAUTHENTICATED', JSON.stringify(r.errors));
    const unknown = { ...bankOperator(1), permissions: ['SEE_EVERYTHING'] } as unknown as Principal;
    assert.equal(errorCode(await sys.gql(unknown, query)), 'UNAUTHENTICATED');
    const notAList = { ...bankOperator(1), permissions: 'SEE_REPORTS' } as unknown as Principal;
    assert.equal(errorCode(await sys.gql(notAList, query)), 'UNAUTHENTICATED');

    // Each subgraph checks the claim itself, whatever reached it.
    const direct = await sys.subgraphRaw(
      'catalog',
      { query },
      { 'x-perkmall-identity': await sys.identityToken(wrongKind, 'catalog') },
    );
    assert.equal(errorCode(direct.body), 'UNAUTHENTICATED', JSON.stringify(direct.body));
  });
});
