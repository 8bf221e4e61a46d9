import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { Product } from '../../subgraphs/catalog/entities/product';
import { Sku, SkuKind } from '../../subgraphs/catalog/entities/sku';
import { Stock, StockAdjustment } from '../../subgraphs/catalog/entities/stock';
import { VirtualCardCode, VirtualCardKind } from '../../subgraphs/catalog/entities/virtual-card';
import { Supplier } from '../../subgraphs/catalog/entities/supplier';
import { asPrincipal, bankOperator, customer, ok, platformAdmin, supplierAdmin, supplierStaff } from './helpers';

const BULK_SKUS = `mutation($input: BulkUpsertSkusInput!) { bulkUpsertSkus(input: $input) { created { id code title kind } updated { id code } } }`;
const BULK_PRODUCTS = `mutation($input: BulkUpsertProductsInput!) { bulkUpsertProducts(input: $input) { created { id code } updated { id code title } } }`;
const ADJUST = `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { stock { available reserved lowStock } adjustment { delta availableBefore availableAfter reason actor mode } } }`;
const UPLOAD = `mutation($input: UploadCodesInput!) { uploadCodes(input: $input) { inserted duplicates { index message } virtualCardKind { id pool { available issued depleting } } } }`;

describe('supplier portal: own catalogue, bulk uploads, stock and code pools', () => {
  let sys: TestSystem;
  let skuOf1: Sku; // supplier 1 (physical goods)
  let skuOf3: Sku; // supplier 3
  let productOf3: Product;
  let kindOf2: VirtualCardKind; // supplier 2 (virtual cards)

  before(async () => {
    sys = await startTestSystem();
    const em = (await sys.orm('catalog')).em.fork();
    skuOf1 = await em.findOneOrFail(Sku, { supplierId: 1 }, { orderBy: { id: 'ASC' } });
    skuOf3 = await em.findOneOrFail(Sku, { supplierId: 3 }, { orderBy: { id: 'ASC' } });
    productOf3 = await em.findOneOrFail(Product, { supplier: 3 }, { orderBy: { id: 'ASC' } });
    kindOf2 = await em.findOneOrFail(VirtualCardKind, { supplierId: 2 }, { orderBy: { id: 'ASC' } });
  });
  after(async () => {
    await sys?.stop();
  });

  it("supplier A can neither read nor change supplier B's products, SKUs, stock or codes", async () => {
    const a = supplierAdmin('1');
    const reads = [
      await sys.gql(a, `{ sku(id: ${skuOf3.id}) { id } }`),
      await sys.gql(a, `{ product(id: ${productOf3.id}) { id } }`),
      await sys.gql(a, `{ virtualCardKind(id: ${kindOf2.id}) { id pool { available } } }`),
      await sys.gql(a, `{ supplier(id: 3) { skus(first: 5) { edges { node { id } } } } }`),
      await sys.gql(a, `{ lowStockSkus(supplierId: 3) { edges { node { id } } } }`),
    ];
    for (const r of reads) assert.equal(errorCode(r), 'NOT_FOUND', JSON.stringify(r));
    const writes = [
      await sys.gql(a, ADJUST, { input: { skuId: String(skuOf3.id), mode: 'SET', quantity: 0, reason: 'sabotage' } }),
      await sys.gql(a, `mutation { updateSku(input: { skuId: ${skuOf3.id}, barcode: "X1" }) { sku { id } } }`),
      await sys.gql(
        a,
        `mutation { updateProduct(input: { productId: ${productOf3.id}, title: "mine now" }) { product { id } } }`,
      ),
      await sys.gql(a, `mutation { deactivateSkus(input: { skuIds: [${skuOf1.id}, ${skuOf3.id}] }) { skus { id } } }`),
      await sys.gql(a, UPLOAD, { input: { virtualCardKindId: String(kindOf2.id), codes: ['PLANTED-CODE-1'] } }),
      await sys.gql(a, BULK_SKUS, {
        input: {
          supplierId: '3',
          rows: [{ code: 'X', productId: String(productOf3.id), supplierPriceFen: 1, listPriceFen: 2 }],
        },
      }),
    ];
    for (const r of writes) assert.ok(['NOT_FOUND', 'FORBIDDEN'].includes(errorCode(r)!), JSON.stringify(r));
    const em = (await sys.orm('catalog')).em.fork();
    const after = await em.findOneOrFail(Sku, skuOf3.id);
    assert.equal(after.barcode, skuOf3.barcode);
    assert.equal(after.status, 'ACTIVE');
    assert.equal(
      (await em.findOneOrFail(Sku, skuOf1.id)).status,
      'ACTIVE',
      'the batch with a foreign SKU changed nothing',
    );
    assert.equal((await em.findOneOrFail(Product, productOf3.id)).title, productOf3.title);
    // Only the seed's upload (its initial stock, a SET from 0) is in the SKU's trail.
    assert.deepEqual(
      (await em.find(StockAdjustment, { skuId: skuOf3.id })).map((t) => t.reason),
      ['initial stock'],
    );
    assert.equal(await em.count(VirtualCardCode, { kindId: kindOf2.id }), 40);
    // Federated references follow the same rule: another supplier's SKU resolves to null.
    const token = await sys.identityToken(a, 'catalog');
    const ent = await sys.subgraphRaw(
      'catalog',
      {
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Sku { id } } }',
        variables: {
          r: [
            { __typename: 'Sku', id: String(skuOf1.id) },
            { __typename: 'Sku', id: String(skuOf3.id) },
          ],
        },
      },
      { 'x-perkmall-identity': token },
    );
    assert.deepEqual(ent.body.data!._entities, [{ id: String(skuOf1.id) }, null]);
  });

  it('bulk create with one bad row creates nothing and names the row and field', async () => {
    const em = (await sys.orm('catalog')).em.fork();
    const before = await em.count(Sku, {});
    const rows = Array.from({ length: 50 }, (_, i) => ({
      code: `BULK-BAD-${i}`,
      productCode: 'P00001',
      specs: [{ name: '批次', value: String(i) }],
      supplierPriceFen: 1000,
      listPriceFen: 1500,
    }));
    rows[37] = { ...rows[37]!, listPriceFen: -5 };
    const res = await sys.gql(supplierAdmin('1'), BULK_SKUS, { input: { rows } });
    assert.equal(errorCode(res), 'BAD_USER_INPUT');
    // Refused by the FenAmount scalar before the service runs (issue 11), still naming row and field.
    assert.match(res.errors![0]!.message, /input\.rows\[37\]\.listPriceFen/);
    assert.deepEqual(res.errors![0]!.extensions!.problems, [
      {
        index: 37,
        field: 'listPriceFen',
        message: 'FenAmount must be a whole number of fen from 0 to 1,000,000,000,000.',
      },
    ]);
    assert.equal(await em.count(Sku, {}), before);

    const unknownProduct = await sys.gql(supplierAdmin('1'), BULK_SKUS, {
      input: {
        rows: [
          { ...rows[0]!, code: 'BULK-OK' },
          { ...rows[1]!, productCode: 'NOPE' },
        ],
      },
    });
    assert.deepEqual(
      (unknownProduct.errors![0]!.extensions!.problems as any[]).map((p) => [p.index, p.field]),
      [[1, 'productCode']],
    );
    assert.equal(await em.count(Sku, {}), before);
  });

  it('bulk upserts 1,000 SKUs in a handful of statements, then updates them by code', async () => {
    const a = supplierAdmin('1');
    const products = Array.from({ length: 10 }, (_, i) => ({
      code: `NEW-P${i}`,
      title: `新品 保温壶 ${i}`,
      brandId: '12',
      categoryId: '8',
      attributes: [{ name: '材质', value: '不锈钢' }],
    }));
    const created = ok(await sys.gql(a, BULK_PRODUCTS, { input: { rows: products } }));
    assert.equal(created.bulkUpsertProducts.created.length, 10);
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      code: `NEW-S${i}`,
      productCode: `NEW-P${i % 10}`,
      specs: [{ name: '编号', value: String(i) }],
      supplierPriceFen: 1000 + i,
      listPriceFen: 2000 + i,
      initialStock: i % 7,
    }));
    const requestId = randomUUID();
    const res = ok(await sys.gql(a, BULK_SKUS, { input: { rows } }, { requestId }));
    assert.equal(res.bulkUpsertSkus.created.length, 1000);
    assert.equal(res.bulkUpsertSkus.created[999].title, '新品 保温壶 9 999');
    const statements = await sys.statements('catalog', requestId);
    assert.ok(
      statements <= 20,
      `bulk create of 1,000 SKUs (with their stock and its audit rows) ran ${statements} statements`,
    );
    const em = (await sys.orm('catalog')).em.fork();
    const ids = res.bulkUpsertSkus.created.map((s: any) => Number(s.id));
    assert.equal(await em.count(Stock, { skuId: { $in: ids } }), 1000);
    assert.equal((await em.findOneOrFail(Stock, { skuId: ids[13] })).available, 13 % 7);
    // Every SKU that starts with units has its SET from 0 in the audit trail, written in the same request.
    const initial = await em.find(StockAdjustment, { skuId: { $in: ids } }, { orderBy: { skuId: 'ASC' } });
    assert.equal(initial.length, rows.filter((r) => r.initialStock > 0).length);
    assert.equal(initial.length, 857);
    assert.ok(
      initial.every(
        (t) =>
          t.mode === 'SET' &&
          t.reason === 'initial stock' &&
          t.availableBefore === 0 &&
          t.actor === 'SUPPLIER_ADMIN:sa1',
      ),
    );
    const i13 = initial.find((t) => t.skuId === ids[13])!;
    assert.deepEqual([i13.delta, i13.availableAfter], [13 % 7, 13 % 7]);
    assert.equal(
      initial.some((t) => t.skuId === ids[14]),
      false,
      'a SKU created with 0 units changed nothing, so it has no row',
    );

    const updateId = randomUUID();
    const update = ok(
      await sys.gql(
        a,
        BULK_SKUS,
        { input: { rows: rows.map((r) => ({ code: r.code, listPriceFen: r.listPriceFen + 1 })) } },
        { requestId: updateId },
      ),
    );
    assert.equal(update.bulkUpsertSkus.updated.length, 1000);
    assert.equal(update.bulkUpsertSkus.created.length, 0);
    assert.ok((await sys.statements('catalog', updateId)) <= 20);
    assert.equal((await em.fork().findOneOrFail(Sku, ids[5])).listPriceFen, 2006);

    // Renaming the product re-titles its SKUs (pool search reads titles from the SKU table).
    const renamed = ok(
      await sys.gql(a, BULK_PRODUCTS, { input: { rows: [{ ...products[9]!, title: '焕新 保温壶' }] } }),
    );
    assert.equal(renamed.bulkUpsertProducts.updated[0].title, '焕新 保温壶');
    assert.equal((await em.fork().findOneOrFail(Sku, ids[999])).title, '焕新 保温壶 999');
  });

  it('staff maintain SKUs but cannot change prices; admins can', async () => {
    const staff = supplierStaff('1');
    const priced = await sys.gql(
      staff,
      `mutation { updateSku(input: { skuId: ${skuOf1.id}, supplierPriceFen: 1 }) { sku { id } } }`,
    );
    assert.equal(errorCode(priced), 'FORBIDDEN');
    const bulk = await sys.gql(staff, BULK_SKUS, {
      input: { rows: [{ code: skuOf1.code, listPriceFen: skuOf1.listPriceFen + 100 }] },
    });
    assert.equal(errorCode(bulk), 'FORBIDDEN');
    const em = (await sys.orm('catalog')).em.fork();
    assert.equal((await em.findOneOrFail(Sku, skuOf1.id)).listPriceFen, skuOf1.listPriceFen);
    const barcode = ok(
      await sys.gql(
        staff,
        `mutation { updateSku(input: { skuId: ${skuOf1.id}, barcode: "6900000000001" }) { sku { barcode supplierPriceFen } } }`,
      ),
    );
    assert.equal(barcode.updateSku.sku.barcode, '6900000000001');
    const admin = ok(
      await sys.gql(
        supplierAdmin('1'),
        `mutation { updateSku(input: { skuId: ${skuOf1.id}, supplierPriceFen: ${skuOf1.supplierPriceFen - 1} }) { sku { supplierPriceFen } } }`,
      ),
    );
    assert.equal(admin.updateSku.sku.supplierPriceFen, skuOf1.supplierPriceFen - 1);
  });

  it('staff create SKUs only at a price an admin already set for the product; admins price freely', async () => {
    const staff = supplierStaff('1');
    const em = (await sys.orm('catalog')).em.fork();
    const sibling = await em.findOneOrFail(Sku, { supplierId: 1 }, { orderBy: { id: 'DESC' } }); // untouched by the other tests
    const CREATE = `mutation($input: CreateSkuInput!) { createSku(input: $input) { sku { id supplierPriceFen listPriceFen } } }`;
    const row = (code: string, supplierPriceFen: number, listPriceFen: number) => ({
      code,
      productId: String(sibling.product.id),
      specs: [{ name: '批次', value: code }],
      supplierPriceFen,
      listPriceFen,
    });
    const before = await em.count(Sku, {});

    // Another price on a known product: FORBIDDEN, naming the prices an admin set.
    for (const [sp, lp] of [
      [sibling.supplierPriceFen - 1, sibling.listPriceFen],
      [sibling.supplierPriceFen, sibling.listPriceFen + 1],
    ]) {
      const res = await sys.gql(staff, CREATE, { input: row('STAFF-NEW-1', sp!, lp!) });
      assert.equal(errorCode(res), 'FORBIDDEN', JSON.stringify(res.errors));
      assert.match(
        JSON.stringify(res.errors![0]!.extensions!.problems),
        new RegExp(`${sibling.supplierPriceFen}/${sibling.listPriceFen}`),
      );
    }
    // A product with no SKU yet has no admin-set price: staff can't create its first SKU.
    const fresh = ok(
      await sys.gql(
        staff,
        `mutation { createProduct(input: { code: "STAFF-P", title: "员工新品", brandId: "12", categoryId: "8" }) { product { id } } }`,
      ),
    ).createProduct.product.id;
    assert.equal(
      errorCode(await sys.gql(staff, CREATE, { input: { ...row('STAFF-FIRST', 100, 200), productId: fresh } })),
      'FORBIDDEN',
    );
    // In a batch, one row at another price fails the whole batch, with the row named.
    const bulk = await sys.gql(staff, BULK_SKUS, {
      input: { rows: [row('STAFF-B0', sibling.supplierPriceFen, sibling.listPriceFen), row('STAFF-B1', 1, 2)] },
    });
    assert.equal(errorCode(bulk), 'FORBIDDEN');
    assert.deepEqual(
      (bulk.errors![0]!.extensions!.problems as any[]).map((p) => [p.index, p.field]),
      [[1, 'supplierPriceFen']],
    );
    assert.equal(await em.count(Sku, {}), before, 'nothing was created');
    // Bad input is still reported as such, not hidden behind FORBIDDEN.
    assert.equal(errorCode(await sys.gql(staff, CREATE, { input: row('STAFF-BAD', 300, 200) })), 'BAD_USER_INPUT');

    // At the sibling's prices staff may add the variant; the admin sets any price, also on the new product.
    const same = ok(
      await sys.gql(staff, CREATE, { input: row('STAFF-NEW-1', sibling.supplierPriceFen, sibling.listPriceFen) }),
    ).createSku.sku;
    assert.deepEqual([same.supplierPriceFen, same.listPriceFen], [sibling.supplierPriceFen, sibling.listPriceFen]);
    ok(await sys.gql(supplierAdmin('1'), CREATE, { input: { ...row('ADMIN-FIRST', 100, 200), productId: fresh } }));
    ok(await sys.gql(staff, CREATE, { input: { ...row('STAFF-SECOND', 100, 200), productId: fresh } }));
    assert.equal(await em.count(Sku, {}), before + 3);
  });

  it('adjusts stock by SET and DELTA with an audit row each, refuses going negative, and shows low stock', async () => {
    const a = supplierAdmin('1');
    const set = ok(
      await sys.gql(a, ADJUST, { input: { skuId: String(skuOf1.id), mode: 'SET', quantity: 8, reason: 'stocktake' } }),
    );
    assert.equal(set.adjustStock.stock.available, 8);
    assert.equal(set.adjustStock.stock.lowStock, false);
    const delta = ok(
      await sys.gql(a, ADJUST, {
        input: { skuId: String(skuOf1.id), mode: 'DELTA', quantity: -5, reason: 'damaged in warehouse' },
      }),
    );
    assert.deepEqual(delta.adjustStock.adjustment, {
      delta: -5,
      availableBefore: 8,
      availableAfter: 3,
      reason: 'damaged in warehouse',
      actor: 'SUPPLIER_ADMIN:sa1',
      mode: 'DELTA',
    });
    assert.equal(delta.adjustStock.stock.lowStock, true);
    const negative = await sys.gql(a, ADJUST, {
      input: { skuId: String(skuOf1.id), mode: 'DELTA', quantity: -4, reason: 'too many' },
    });
    assert.equal(errorCode(negative), 'CONFLICT');
    assert.equal(
      errorCode(
        await sys.gql(a, ADJUST, { input: { skuId: String(skuOf1.id), mode: 'SET', quantity: 1, reason: '' } }),
      ),
      'BAD_USER_INPUT',
    );

    // 20 concurrent deltas of +1 all land: the audit trail and the stock agree.
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        sys.gql(a, ADJUST, { input: { skuId: String(skuOf1.id), mode: 'DELTA', quantity: 1, reason: 'returned' } }),
      ),
    );
    for (const r of results) assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const em = (await sys.orm('catalog')).em.fork();
    assert.equal((await em.findOneOrFail(Stock, { skuId: skuOf1.id })).available, 23);
    const trail = await em.find(
      StockAdjustment,
      { skuId: skuOf1.id, reason: { $ne: 'initial stock' } }, // the seed's upload came first
      { orderBy: { id: 'ASC' } },
    );
    assert.equal(trail.length, 22);
    assert.equal(
      trail.reduce((n, t) => n + t.delta, 0),
      23 - skuOf1Stock,
    );

    const low = ok(
      await sys.gql(a, '{ lowStockSkus(first: 100) { edges { node { id stock { available lowStock } } } } }'),
    );
    for (const { node } of low.lowStockSkus.edges) assert.equal(node.stock.lowStock, true);
    const history = ok(
      await sys.gql(
        a,
        `{ sku(id: ${skuOf1.id}) { stock { adjustments(first: 2) { edges { node { delta reason } } pageInfo { hasNextPage } } } } }`,
      ),
    );
    assert.equal(history.sku.stock.adjustments.edges.length, 2);
    assert.equal(history.sku.stock.adjustments.pageInfo.hasNextPage, true);
  });
  let skuOf1Stock = 0;
  before(async () => {
    skuOf1Stock = (await (await sys.orm('catalog')).em.fork().findOneOrFail(Stock, { skuId: skuOf1.id })).available;
  });

  it('uploads codes encrypted at rest, reports duplicates by index, and shows pool depletion', async () => {
    const s2 = supplierAdmin('2');
    const kind = ok(
      await sys.gql(
        s2,
        `mutation { createVirtualCardKind(input: { name: "测试 会员 7天", faceValueFen: 500, validityDays: 7, lowPoolThreshold: 3 }) { virtualCardKind { id pool { available depleting } } } }`,
      ),
    );
    const kindId = kind.createVirtualCardKind.virtualCardKind.id;
    assert.deepEqual(kind.createVirtualCardKind.virtualCardKind.pool, { available: 0, depleting: true });
    const first = ok(
      await sys.gql(s2, UPLOAD, {
        input: { virtualCardKindId: kindId, codes: ['CODE-0001', 'CODE-0002', 'CODE-0001', 'CODE-0003'] },
      }),
    );
    assert.equal(first.uploadCodes.inserted, 3);
    assert.deepEqual(
      first.uploadCodes.duplicates.map((d: any) => d.index),
      [2],
    );
    assert.deepEqual(first.uploadCodes.virtualCardKind.pool, { available: 3, issued: 0, depleting: true });
    const second = ok(
      await sys.gql(s2, UPLOAD, {
        input: { virtualCardKindId: kindId, codes: ['CODE-0003', 'CODE-0004', ' CODE-0002 '] },
      }),
    );
    assert.equal(second.uploadCodes.inserted, 1);
    assert.deepEqual(
      second.uploadCodes.duplicates.map((d: any) => [d.index, d.message]),
      [
        [0, 'already in the pool'],
        [2, 'already in the pool'],
      ],
    );
    assert.equal(second.uploadCodes.virtualCardKind.pool.depleting, false);
    const em = (await sys.orm('catalog')).em.fork();
    const rows = await em.find(VirtualCardCode, { kindId: Number(kindId) });
    assert.equal(rows.length, 4);
    for (const r of rows) assert.doesNotMatch(`${r.ciphertext} ${r.codeHash}`, /CODE-000/);
    const depleting = ok(
      await sys.gql(
        s2,
        '{ virtualCardKinds(depletingOnly: true, first: 100) { edges { node { id pool { available depleting } } } } }',
      ),
    );
    assert.ok(depleting.virtualCardKinds.edges.every((e: any) => e.node.pool.depleting));
    assert.ok(!depleting.virtualCardKinds.edges.some((e: any) => e.node.id === kindId));
    assert.equal(
      errorCode(await sys.gql(s2, UPLOAD, { input: { virtualCardKindId: kindId, codes: ['bad code'] } })),
      'BAD_USER_INPUT',
    );
  });

  it('creates and updates one product and SKU; SKUs follow the product into another brand and category', async () => {
    const a = supplierAdmin('1');
    const product = ok(
      await sys.gql(
        a,
        `mutation { createProduct(input: { code: "ONE-P", title: "随行杯", brandId: "12", categoryId: "8", images: ["https://img.example/1.jpg"], attributes: [{ name: "材质", value: "玻璃" }] }) { product { id title attributes { name value } supplier { id } } } }`,
      ),
    ).createProduct.product;
    assert.deepEqual(product.attributes, [{ name: '材质', value: '玻璃' }]);
    assert.equal(product.supplier.id, '1');
    assert.equal(
      errorCode(
        await sys.gql(
          a,
          `mutation { createProduct(input: { code: "ONE-P", title: "again", brandId: "12", categoryId: "8" }) { product { id } } }`,
        ),
      ),
      'BAD_USER_INPUT',
    );
    const sku = ok(
      await sys.gql(
        a,
        `mutation { createSku(input: { code: "ONE-S", productId: "${product.id}", specs: [{ name: "颜色", value: "透明" }], supplierPriceFen: 900, listPriceFen: 1900, weightGrams: 300, initialStock: 4 }) { sku { id title kind specs { name value } stock { available lowStock } brand { id } category { id } } } }`,
      ),
    ).createSku.sku;
    assert.equal(sku.title, '随行杯 透明');
    assert.deepEqual(
      [sku.kind, sku.stock.available, sku.stock.lowStock, sku.brand.id, sku.category.id],
      ['PHYSICAL', 4, true, '12', '8'],
    );
    const trail = ok(
      await sys.gql(
        a,
        `{ sku(id: ${sku.id}) { stock { adjustments { edges { node { mode delta availableBefore availableAfter reason actor } } } } } }`,
      ),
    );
    assert.deepEqual(
      trail.sku.stock.adjustments.edges.map((e: any) => e.node),
      [
        {
          mode: 'SET',
          delta: 4,
          availableBefore: 0,
          availableAfter: 4,
          reason: 'initial stock',
          actor: 'SUPPLIER_ADMIN:sa1',
        },
      ],
    );
    ok(
      await sys.gql(
        a,
        `mutation { updateProduct(input: { productId: "${product.id}", title: "随行杯 Pro", brandId: "1", categoryId: "3" }) { product { id } } }`,
      ),
    );
    const moved = ok(
      await sys.gql(
        bankOperator,
        `{ poolSkus(filter: { brandIds: ["1"], categoryId: "1", text: "随行杯" }) { edges { node { id title category { id } } } } }`,
      ),
    );
    assert.deepEqual(
      moved.poolSkus.edges.map((e: any) => [e.node.id, e.node.title, e.node.category.id]),
      [[sku.id, '随行杯 Pro 透明', '3']],
    );
    // The platform acts for a supplier it names; without one the write is refused.
    assert.equal(
      errorCode(
        await sys.gql(
          { role: 'PLATFORM_ADMIN', sub: 'ops' },
          `mutation { createProduct(input: { code: "PLAT-P", title: "平台代建", brandId: "1", categoryId: "2" }) { product { id } } }`,
        ),
      ),
      'FORBIDDEN',
    );
    const forSupplier = ok(
      await sys.gql(
        { role: 'PLATFORM_ADMIN', sub: 'ops' },
        `mutation { createProduct(input: { supplierId: "3", code: "PLAT-P", title: "平台代建", brandId: "1", categoryId: "2" }) { product { supplier { id } } } }`,
      ),
    );
    assert.equal(forSupplier.createProduct.product.supplier.id, '3');
  });

  it('the platform registers suppliers, brands and categories; nobody else can', async () => {
    const ops = { role: 'PLATFORM_ADMIN' as const, sub: 'ops' };
    const supplier = ok(
      await sys.gql(
        ops,
        'mutation { createSupplier(input: { code: "NEW-SUP", name: "新供应商" }) { supplier { id code } } }',
      ),
    ).createSupplier.supplier;
    assert.equal(supplier.code, 'NEW-SUP');
    const brand = ok(await sys.gql(ops, 'mutation { createBrand(input: { name: "新品牌" }) { brand { id name } } }'))
      .createBrand.brand;
    assert.equal(
      errorCode(await sys.gql(ops, 'mutation { createBrand(input: { name: "新品牌" }) { brand { id } } }')),
      'CONFLICT',
    );
    const child = ok(
      await sys.gql(
        ops,
        'mutation { createCategory(input: { name: "会员卡", parentCategoryId: "10" }) { category { id path parent { id } } } }',
      ),
    ).createCategory.category;
    assert.equal(child.path, `/9/10/${child.id}/`);
    assert.equal(child.parent.id, '10');
    const children = ok(await sys.gql(ops, '{ categories(parentId: "10") { id } }')).categories.map((c: any) => c.id);
    assert.ok(children.includes(child.id));
    assert.equal(
      errorCode(
        await sys.gql(supplierAdmin('1'), 'mutation { createBrand(input: { name: "私牌" }) { brand { id } } }'),
      ),
      'FORBIDDEN',
    );
    assert.equal(
      errorCode(await sys.gql(bankOperator, 'mutation { createCategory(input: { name: "x" }) { category { id } } }')),
      'FORBIDDEN',
    );
    // A new supplier's admin works in its own, empty catalogue, under the brands it is authorised for (issue 15).
    ok(
      await sys.gql(
        ops,
        `mutation { authorizeSupplierBrands(input: { supplierId: "${supplier.id}", brandIds: ["${brand.id}"] }) { supplier { id } } }`,
      ),
    );
    const own = ok(
      await sys.gql(
        supplierAdmin(supplier.id),
        `mutation { createProduct(input: { code: "N1", title: "新品", brandId: "${brand.id}", categoryId: "${child.id}" }) { product { supplier { id } category { id } } } }`,
      ),
    );
    assert.deepEqual(
      [own.createProduct.product.supplier.id, own.createProduct.product.category.id],
      [supplier.id, child.id],
    );
  });

  it("pages a supplier's SKUs newest first with stable cursors, through same-second bulk creations", async () => {
    const em = (await sys.orm('catalog')).em.fork();
    const expected = (
      await em
        .getConnection()
        .execute<{ id: number }[]>(
          'SELECT id FROM sku WHERE supplier_id = 1 ORDER BY created_at DESC, id DESC LIMIT 450',
        )
    ).map((r: { id: number }) => String(r.id));
    assert.equal(expected.length, 450);
    const seen: string[] = [];
    let after: string | null = null;
    while (seen.length < 450) {
      const page: any = ok(
        await sys.gql(
          supplierAdmin('1'),
          'query($after: String) { supplier(id: 1) { skus(first: 90, after: $after) { edges { node { id } } pageInfo { endCursor hasNextPage } } } }',
          { after },
        ),
      );
      seen.push(...page.supplier.skus.edges.map((e: any) => e.node.id));
      after = page.supplier.skus.pageInfo.endCursor;
    }
    assert.deepEqual(seen, expected);
  });

  it('customers never see supplier price; banks do; customers cannot browse the pool', async () => {
    const q = `{ sku(id: ${skuOf1.id}) { supplierPriceFen listPriceFen } }`;
    assert.equal(ok(await sys.gql(customer, q)).sku.supplierPriceFen, null);
    assert.equal(typeof ok(await sys.gql(bankOperator, q)).sku.supplierPriceFen, 'number');
    assert.equal(errorCode(await sys.gql(customer, '{ poolSkus(first: 1) { edges { node { id } } } }')), 'FORBIDDEN');
    assert.equal(
      errorCode(
        await sys.gql(
          customer,
          `mutation { adjustStock(input: { skuId: ${skuOf1.id}, mode: SET, quantity: 1, reason: "hack" }) { stock { available } } }`,
        ),
      ),
      'FORBIDDEN',
    );
  });

  it('deactivates own SKUs, and creates a virtual SKU drawing on its own card kind only', async () => {
    const em = (await sys.orm('catalog')).em.fork();
    const ids = (await em.find(Sku, { supplierId: 3 }, { orderBy: { id: 'DESC' }, limit: 2 })).map((s) => String(s.id));
    const res = ok(
      await sys.gql(
        supplierAdmin('3'),
        `mutation($ids: [ID!]!) { deactivateSkus(input: { skuIds: $ids }) { skus { id status } } }`,
        { ids },
      ),
    );
    assert.deepEqual(
      res.deactivateSkus.skus.map((s: any) => s.status),
      ['INACTIVE', 'INACTIVE'],
    );
    const virtualProduct = await em.findOneOrFail(Product, { supplier: 2 }, { orderBy: { id: 'ASC' } });
    const created = ok(
      await sys.gql(
        supplierAdmin('2'),
        `mutation($input: CreateSkuInput!) { createSku(input: $input) { sku { kind title virtualCardKind { id } } } }`,
        {
          input: {
            code: 'VIRT-NEW',
            productId: String(virtualProduct.id),
            virtualCardKindId: String(kindOf2.id),
            supplierPriceFen: 100,
            listPriceFen: 200,
            specs: [{ name: '时长', value: '7天' }],
          },
        },
      ),
    );
    assert.equal(created.createSku.sku.kind, SkuKind.VIRTUAL);
    assert.equal(created.createSku.sku.virtualCardKind.id, String(kindOf2.id));
    const foreignKind = await sys.gql(
      supplierAdmin('1'),
      `mutation($input: CreateSkuInput!) { createSku(input: $input) { sku { id } } }`,
      {
        input: {
          code: 'VIRT-STEAL',
          productCode: 'P00001',
          virtualCardKindId: String(kindOf2.id),
          supplierPriceFen: 100,
          listPriceFen: 200,
        },
      },
    );
    assert.equal(errorCode(foreignKind), 'BAD_USER_INPUT');
    assert.deepEqual(
      (foreignKind.errors![0]!.extensions!.problems as any[]).map((p) => p.field),
      ['virtualCardKindId'],
    );
  });
  it('connection fields on a list of parents cost the same statements for 5 and 50 parents (Stock.adjustments, Supplier.products, Supplier.skus)', async () => {
    const em = (await sys.orm('catalog')).em.fork();
    // 60 low-stock SKUs of supplier 1, each with an audit trail of 3 rows.
    const skus = await em.find(Sku, { supplierId: 1 }, { orderBy: { id: 'ASC' }, limit: 60 });
    await em.nativeUpdate(Stock, { skuId: { $in: skus.map((s) => s.id) } }, { available: 1 });
    const now = Date.now();
    await em.insertMany(
      StockAdjustment,
      skus.flatMap((s) =>
        [1, 2, 3].map((n) => ({
          skuId: s.id,
          mode: 'DELTA' as never,
          delta: n,
          availableBefore: 0,
          availableAfter: n,
          reason: `fixture ${n}`,
          actor: 'test',
          createdAt: new Date(now + n),
        })),
      ),
    );
    const LOW = `query($n: Int!) { lowStockSkus(first: $n) { edges { node { id stock { adjustments(first: 2) { edges { node { id reason } } pageInfo { hasNextPage endCursor } } } } } } }`;
    const cost = async (n: number) => {
      const requestId = randomUUID();
      const res = ok(await sys.gql(supplierAdmin('1'), LOW, { n }, { requestId }));
      assert.equal(res.lowStockSkus.edges.length, n);
      return { res, statements: await sys.statements('catalog', requestId) };
    };
    const [five, fifty] = [await cost(5), await cost(50)];
    assert.equal(
      fifty.statements,
      five.statements,
      `5 SKUs: ${five.statements} statements, 50 SKUs: ${fifty.statements}`,
    );
    assert.ok(fifty.statements <= 4, `${fifty.statements} statements`);
    // Each SKU got its own two newest rows, not a neighbour's.
    const all = await em
      .fork()
      .find(
        StockAdjustment,
        { skuId: { $in: fifty.res.lowStockSkus.edges.map((e: any) => Number(e.node.id)) } },
        { orderBy: { id: 'DESC' } },
      );
    for (const { node } of fifty.res.lowStockSkus.edges) {
      const own = all.filter((a) => a.skuId === Number(node.id));
      assert.deepEqual(
        node.stock.adjustments.edges.map((e: any) => Number(e.node.id)),
        own.slice(0, 2).map((a) => a.id),
      );
      assert.equal(node.stock.adjustments.pageInfo.hasNextPage, own.length > 2);
    }
    // The keyset cursor continues one SKU's trail where its page ended.
    const first = fifty.res.lowStockSkus.edges.find((e: any) => skus.some((s) => String(s.id) === e.node.id)).node;
    const next = ok(
      await sys.gql(
        supplierAdmin('1'),
        `query($after: String) { sku(id: ${first.id}) { stock { adjustments(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } } } }`,
        { after: first.stock.adjustments.pageInfo.endCursor },
      ),
    );
    const own = all.filter((a) => a.skuId === Number(first.id));
    assert.deepEqual(
      next.sku.stock.adjustments.edges.map((e: any) => Number(e.node.id)),
      own.slice(2, 4).map((a) => a.id),
    );
    assert.equal(next.sku.stock.adjustments.pageInfo.hasPreviousPage, true);

    // Suppliers: 50 of them resolved as entities, each with a page of products and of SKUs.
    await em.insertMany(
      Supplier,
      Array.from({ length: 50 }, (_, i) => ({ code: `N1-SUP-${i}`, name: `批量供应商 ${i}`, createdAt: new Date() })),
    );
    const ids = [
      1,
      2,
      3,
      ...(await em.fork().find(Supplier, { code: { $like: 'N1-SUP-%' } }, { orderBy: { id: 'ASC' } })).map((x) => x.id),
    ];
    const SUPPLIERS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Supplier { id products(first: 2) { edges { node { id } } pageInfo { hasNextPage } } skus(first: 2) { edges { node { id } } pageInfo { hasNextPage } } } } }`;
    const supplierCost = async (n: number) => {
      const requestId = randomUUID();
      const res = ok(
        await asPrincipal(
          sys,
          platformAdmin,
          SUPPLIERS,
          { r: ids.slice(0, n).map((id) => ({ __typename: 'Supplier', id: String(id) })) },
          requestId,
        ),
      );
      assert.equal(res._entities.length, n);
      return { res, statements: await sys.statements('catalog', requestId) };
    };
    const [s5, s50] = [await supplierCost(5), await supplierCost(50)];
    assert.equal(
      s50.statements,
      s5.statements,
      `5 suppliers: ${s5.statements} statements, 50 suppliers: ${s50.statements}`,
    );
    assert.ok(s50.statements <= 3, `${s50.statements} statements`);
    const conn = em.getConnection() as any;
    for (const supplierId of [1, 2, 3]) {
      const got = s50.res._entities.find((e: any) => e.id === String(supplierId));
      const skuIds = (
        await conn.execute(
          `SELECT id FROM sku WHERE supplier_id = ${supplierId} ORDER BY created_at DESC, id DESC LIMIT 3`,
        )
      ).map((r: any) => Number(r.id));
      const productIds = (
        await conn.execute(`SELECT id FROM product WHERE supplier_id = ${supplierId} ORDER BY id DESC LIMIT 3`)
      ).map((r: any) => Number(r.id));
      assert.deepEqual(
        got.skus.edges.map((e: any) => Number(e.node.id)),
        skuIds.slice(0, 2),
      );
      assert.equal(got.skus.pageInfo.hasNextPage, skuIds.length > 2);
      assert.deepEqual(
        got.products.edges.map((e: any) => Number(e.node.id)),
        productIds.slice(0, 2),
      );
    }
    // `after` continues each supplier's own keyset (products by id descending here).
    const PRODUCTS = `query($after: String) { supplier(id: 1) { products(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor hasPreviousPage } } } }`;
    const p1 = ok(await sys.gql(platformAdmin, PRODUCTS, {})).supplier.products;
    const p2 = ok(await sys.gql(platformAdmin, PRODUCTS, { after: p1.pageInfo.endCursor })).supplier.products;
    const productIds = (
      await conn.execute('SELECT id FROM product WHERE supplier_id = 1 ORDER BY id DESC LIMIT 4')
    ).map((r: any) => String(r.id));
    assert.deepEqual(
      [...p1.edges, ...p2.edges].map((e: any) => e.node.id),
      productIds,
    );
    assert.equal(p2.pageInfo.hasPreviousPage, true);
    const empty = s50.res._entities.find((e: any) => e.id === String(ids[10]));
    assert.deepEqual([empty.skus.edges, empty.products.edges, empty.skus.pageInfo.hasNextPage], [[], [], false]);
  });
});
