import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { Product } from '../../subgraphs/catalog/entities/product';
import { Sku } from '../../subgraphs/catalog/entities/sku';
import { CodeState, VirtualCardCode } from '../../subgraphs/catalog/entities/virtual-card';
import { bankOperator, ok, platformAdmin, supplierAdmin } from './helpers';
import { MALL, placeOpenedOrder } from '../logistics/helpers';
import { createListing, setStock, setUpMall } from '../orders/helpers';
import type { Principal } from '../../core/identity';
import { randomUUID } from 'node:crypto';
import { Category } from '../../subgraphs/catalog/entities/category';
import { PoolHealthSnapshot } from '../../subgraphs/catalog/entities/pool-health';
import { refreshPoolHealth } from '../../subgraphs/catalog/services/pool-health.service';
import type { SqlEntityManager } from '@mikro-orm/knex';

const BULK = `mutation($i: BulkUpsertSkusInput!) { bulkUpsertSkus(input: $i) { wouldCreate wouldUpdate created { id } updated { id } } }`;
const KIND = `mutation($i: CreateVirtualCardKindInput!) { createVirtualCardKind(input: $i) { virtualCardKind { id } } }`;
const UPLOAD = 'mutation($i: UploadCodesInput!) { uploadCodes(input: $i) { inserted } }';
const FORECAST = `query($id: ID!, $days: Int!) { virtualCardKind(id: $id) { pool { available }
  forecast(days: $days) { windowDays issued dailyIssueRate daysLeft } } }`;
const SLIP = 'query($id: ID!) { supplierOrderPackingSlip(supplierOrderId: $id) { fileName contentBase64 } }';

/**
 * Issue 20's APIs for the supplier console: `bulkUpsertSkus(dryRun)` checks a batch as a real upload
 * would and writes nothing; a card pool's depletion forecast; a supplier order's packing slip PDF.
 * Each with bad input and another supplier's attempt.
 */
describe('supplier console APIs: import dry run, pool forecast, packing slip', () => {
  let sys: TestSystem;
  let productCode: string;
  let otherProductCode: string;
  const s1 = supplierAdmin('1');
  const s2 = supplierAdmin('2');
  const run = Date.now().toString(36).toUpperCase();

  before(async () => {
    sys = await startTestSystem();
    const em = (await sys.orm('catalog')).em.fork();
    productCode = (await em.findOneOrFail(Product, { supplier: 1 }, { orderBy: { id: 'ASC' } })).code;
    otherProductCode = (await em.findOneOrFail(Product, { supplier: 2 }, { orderBy: { id: 'ASC' } })).code;
  });
  after(async () => {
    await sys?.stop();
  });

  const count = async () =>
    (await sys.orm('catalog')).em.fork().count(Sku, { supplierId: 1, code: { $like: `DRY-${run}-%` } });
  const row = (i: number, extra: Record<string, unknown> = {}) => ({
    code: `DRY-${run}-${i}`,
    productCode,
    specs: [{ name: '颜色', value: `色${i}` }],
    supplierPriceFen: 1000,
    listPriceFen: 2000,
    ...extra,
  });

  it('dryRun: good rows give wouldCreate/wouldUpdate and write nothing; the real call then writes them', async () => {
    const rows = [row(1), row(2), row(3)];
    const dry = ok(await sys.gql(s1, BULK, { i: { rows, dryRun: true } })).bulkUpsertSkus;
    assert.deepEqual([dry.wouldCreate, dry.wouldUpdate, dry.created, dry.updated], [3, 0, [], []]);
    assert.equal(await count(), 0);
    const real = ok(await sys.gql(s1, BULK, { i: { rows } })).bulkUpsertSkus;
    assert.equal(real.created.length, 3);
    assert.equal(real.wouldCreate, null);
    const again = ok(await sys.gql(s1, BULK, { i: { rows: [row(1), row(4)], dryRun: true } })).bulkUpsertSkus;
    assert.deepEqual([again.wouldCreate, again.wouldUpdate], [1, 1]);
    assert.equal(await count(), 3);
  });

  it('dryRun: bad rows, and another supplier’s product, are refused by row and field like a real upload', async () => {
    const r = await sys.gql(s1, BULK, {
      i: {
        rows: [row(10), row(11, { productCode: otherProductCode }), row(12, { barcode: 'not a barcode!' })],
        dryRun: true,
      },
    });
    assert.equal(errorCode(r), 'BAD_USER_INPUT');
    const problems = (r.errors![0]!.extensions as { problems: { index: number; field: string }[] }).problems;
    assert.deepEqual(problems.map((p) => [p.index, p.field]).sort(), [
      [1, 'productCode'],
      [2, 'barcode'],
    ]);
    assert.equal(await count(), 3, 'nothing written');
    // Bank staff may not upload at all.
    assert.equal(errorCode(await sys.gql(bankOperator, BULK, { i: { rows: [row(13)], dryRun: true } })), 'FORBIDDEN');
  });

  it("forecast: codes issued over the window, the daily rate and days left; the low-pool threshold; another supplier's pool is NOT_FOUND", async () => {
    const kindId = ok(
      await sys.gql(s1, KIND, {
        i: { name: `预测卡 ${run}`, faceValueFen: 1000, validityDays: 30, lowPoolThreshold: 5 },
      }),
    ).createVirtualCardKind.virtualCardKind.id as string;
    ok(
      await sys.gql(s1, UPLOAD, {
        i: { virtualCardKindId: kindId, codes: Array.from({ length: 30 }, (_, i) => `FC-${run}-${i}`) },
      }),
    );
    let f = ok(await sys.gql(s1, FORECAST, { id: kindId, days: 7 })).virtualCardKind;
    assert.deepEqual(f.forecast, { windowDays: 7, issued: 0, dailyIssueRate: 0, daysLeft: null });
    // Seven codes issued a day ago, three ten days ago (outside a 7-day window).
    const em = (await sys.orm('catalog')).em.fork();
    const codes = await em.find(VirtualCardCode, { kindId: Number(kindId) }, { orderBy: { id: 'ASC' }, limit: 10 });
    codes.forEach((c, i) => {
      c.state = CodeState.ISSUED;
      c.issuedAt = new Date(Date.now() - (i < 7 ? 1 : 10) * 86_400_000);
    });
    await em.flush();
    f = ok(await sys.gql(s1, FORECAST, { id: kindId, days: 7 })).virtualCardKind;
    assert.deepEqual([f.forecast.issued, f.forecast.dailyIssueRate], [7, 1]);
    assert.equal(f.forecast.daysLeft, f.pool.available);
    const month = ok(await sys.gql(s1, FORECAST, { id: kindId, days: 30 })).virtualCardKind.forecast;
    assert.deepEqual([month.issued, month.dailyIssueRate], [10, 0.33]);
    assert.equal(errorCode(await sys.gql(s1, FORECAST, { id: kindId, days: 0 })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await sys.gql(s1, FORECAST, { id: kindId, days: 91 })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await sys.gql(s2, FORECAST, { id: kindId, days: 7 })), 'NOT_FOUND');
    ok(await sys.gql(platformAdmin, FORECAST, { id: kindId, days: 7 }));

    // The low-pool threshold: the kind's own supplier (MANAGE_STOCK) and the platform; bounded.
    const SET = `mutation($i: SetLowPoolThresholdInput!) { setLowPoolThreshold(input: $i) {
      virtualCardKind { lowPoolThreshold pool { available depleting } } } }`;
    const set = ok(await sys.gql(s1, SET, { i: { virtualCardKindId: kindId, lowPoolThreshold: 1000 } }));
    assert.deepEqual(
      [
        set.setLowPoolThreshold.virtualCardKind.lowPoolThreshold,
        set.setLowPoolThreshold.virtualCardKind.pool.depleting,
      ],
      [1000, true],
    );
    assert.equal(
      errorCode(await sys.gql(s1, SET, { i: { virtualCardKindId: kindId, lowPoolThreshold: -1 } })),
      'BAD_USER_INPUT',
    );
    assert.equal(
      errorCode(await sys.gql(s2, SET, { i: { virtualCardKindId: kindId, lowPoolThreshold: 1 } })),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(bankOperator, SET, { i: { virtualCardKindId: kindId, lowPoolThreshold: 1 } })),
      'FORBIDDEN',
    );
    const stockless: Principal = { ...s1, permissions: ['MANAGE_CATALOG'] } as Principal;
    assert.equal(
      errorCode(await sys.gql(stockless, SET, { i: { virtualCardKindId: kindId, lowPoolThreshold: 1 } })),
      'FORBIDDEN',
    );
    ok(await sys.gql(platformAdmin, SET, { i: { virtualCardKindId: kindId, lowPoolThreshold: 5 } }));
    const lowered = ok(await sys.gql(s1, FORECAST, { id: kindId, days: 7 })).virtualCardKind;
    assert.equal(lowered.pool.available > 5, true);
  });

  it("packing slip: the supplier's own order as a PDF; another supplier NOT_FOUND, bank staff FORBIDDEN", async () => {
    const m = await setUpMall(sys);
    MALL.id = m.mallId;
    const em = (await sys.orm('catalog')).em.fork();
    const sku = await em.findOneOrFail(Sku, { kind: 'PHYSICAL', status: 'ACTIVE', supplierId: 1 } as never, {
      orderBy: { id: 'ASC' },
    });
    await setStock(sys, sku.id, 10);
    const listing = await createListing(sys, {
      mallId: m.mallId,
      skuId: String(sku.id),
      priceMode: 'POINTS',
      pricePoints: 100,
    });
    const order = await placeOpenedOrder(sys, 1, [{ listingId: listing, quantity: 2 }], `slip-${run}`);
    const slip = ok(await sys.gql(s1, SLIP, { id: order.supplierOrderId })).supplierOrderPackingSlip;
    assert.equal(slip.fileName, `packing-slip-${order.supplierOrderId}.pdf`);
    const pdf = Buffer.from(slip.contentBase64, 'base64');
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 1000 && pdf.length < 2_000_000, `a bounded PDF (${pdf.length} bytes)`);
    ok(await sys.gql(platformAdmin, SLIP, { id: order.supplierOrderId }));
    assert.equal(errorCode(await sys.gql(s2, SLIP, { id: order.supplierOrderId })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(s1, SLIP, { id: '999999999' })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(s1, SLIP, { id: 'x' })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(bankOperator, SLIP, { id: order.supplierOrderId })), 'FORBIDDEN');
    const noShipping: Principal = { ...s1, permissions: ['MANAGE_CATALOG'] } as Principal;
    assert.equal(errorCode(await sys.gql(noShipping, SLIP, { id: order.supplierOrderId })), 'FORBIDDEN');
  });
  // ---------- bulk SKU import jobs: all or nothing per file ----------

  const START = `mutation($i: StartSkuImportInput!) { startSkuImport(input: $i) { skuImport { id status } } }`;
  const JOB = `query($id: ID!) { skuImport(id: $id) { id status rowsTotal rowsChecked rowsWritten rowsRefused created updated
    problemCount problems { row column reason } message goodRowsOf } }`;
  const jobCount = async (prefix: string) =>
    (await sys.orm('catalog')).em.fork().count(Sku, { supplierId: 1, code: { $like: `${prefix}-${run}-%` } });
  const csvOf = (prefix: string, n: number, bad: (i: number) => string | null = () => null) => {
    const lines = ['sku_code,product_code,specs,supplier_price,list_price'];
    for (let i = 0; i < n; i++) lines.push(bad(i) ?? `${prefix}-${run}-${i},${productCode},颜色=色${i},10.00,20.00`);
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`).toString('base64');
  };
  const startImport = (as: Principal, input: Record<string, unknown>) => sys.gql(as, START, { i: input });
  async function waitForEnd(id: string, as: Principal = s1, timeoutMs = 240_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const job = ok(await sys.gql(as, JOB, { id })).skuImport;
      if (['DONE', 'REFUSED', 'FAILED'].includes(job.status)) return job;
      assert.ok(Date.now() < until, `import ${id} still ${job.status} (${job.rowsChecked}/${job.rowsTotal})`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it('import job: a file with bad rows is REFUSED with exactly those rows (row, column, reason) and writes nothing; its good rows import as a new job', async () => {
    const base64 = csvOf('REF', 10, (i) =>
      i === 3 ? `REF-${run}-3,${productCode},,12;5,20.00` : i === 7 ? `REF-${run}-7,NO-SUCH-${run},,10.00,20.00` : null,
    );
    const started = ok(
      await startImport(s1, { clientKey: `ref-${run}-a`, fileName: 'ref.csv', base64 }),
    ).startSkuImport;
    const job = await waitForEnd(started.skuImport.id);
    assert.equal(job.status, 'REFUSED', JSON.stringify(job));
    assert.deepEqual(
      job.problems.map((p: { row: number; column: string }) => [p.row, p.column]),
      [
        [5, 'supplier_price'],
        [9, 'product_code'],
      ],
    );
    assert.deepEqual([job.rowsTotal, job.rowsRefused, job.rowsWritten, job.problemCount], [10, 2, 0, 2]);
    assert.equal(await jobCount('REF'), 0, 'nothing written while any row is bad');
    const good = ok(await startImport(s1, { clientKey: `ref-${run}-b`, goodRowsOfSkuImportId: job.id })).startSkuImport;
    const done = await waitForEnd(good.skuImport.id);
    assert.deepEqual(
      [done.status, done.rowsTotal, done.rowsWritten, done.created, done.goodRowsOf],
      ['DONE', 8, 8, 8, job.id],
    );
    assert.equal(await jobCount('REF'), 8);
  });

  it('import job: a failure after every row was written (fault hook in the write transaction) leaves zero rows written and the job FAILED', async () => {
    const clientKey = `fault-${run}-1`;
    const armed = await fetch(`${sys.stack.urls.catalog}/debug/faults`, {
      method: 'POST',
      body: JSON.stringify({ requestId: `sku-import-${clientKey}`, fault: 'before-step-commit' }),
    });
    assert.equal(armed.status, 200);
    const started = ok(
      await startImport(s1, { clientKey, fileName: 'fault.csv', base64: csvOf('FLT', 500) }),
    ).startSkuImport;
    const job = await waitForEnd(started.skuImport.id);
    assert.equal(job.status, 'FAILED', JSON.stringify(job));
    assert.match(job.message, /nothing was written/);
    assert.equal(job.rowsWritten, 0);
    assert.equal(await jobCount('FLT'), 0, 'the one write transaction rolled back whole');
  });

  it("import job: another supplier's import is NOT_FOUND (read, list, good rows of it); a start while one runs is CONFLICT; a retried start returns the same job", async () => {
    const base64 = csvOf('ONE', 3);
    const [a, b] = await Promise.all([
      startImport(s1, { clientKey: `race-${run}-a`, fileName: 'a.csv', base64 }),
      startImport(s1, { clientKey: `race-${run}-b`, fileName: 'b.csv', base64 }),
    ]);
    const codes = [errorCode(a) ?? 'OK', errorCode(b) ?? 'OK'].sort();
    assert.deepEqual(codes, ['CONFLICT', 'OK'], `${JSON.stringify(a.errors)} ${JSON.stringify(b.errors)}`);
    const winner = (errorCode(a) ? b : a).data!.startSkuImport.skuImport.id as string;
    const winnerKey = errorCode(a) ? `race-${run}-b` : `race-${run}-a`;
    const again = ok(await startImport(s1, { clientKey: winnerKey, fileName: 'a.csv', base64 })).startSkuImport;
    assert.equal(again.skuImport.id, winner, 'the same key returns the same job, not a second one');
    assert.equal(errorCode(await sys.gql(s2, JOB, { id: winner })), 'NOT_FOUND');
    assert.equal(
      errorCode(await startImport(s2, { clientKey: `x-${run}-s2`, goodRowsOfSkuImportId: winner })),
      'NOT_FOUND',
    );
    const list = ok(await sys.gql(s2, 'query { skuImports(first: 100) { edges { node { id } } } }')).skuImports;
    assert.ok(!list.edges.some((e: { node: { id: string } }) => e.node.id === winner));
    const done = await waitForEnd(winner);
    assert.equal(done.status, 'DONE');
    assert.equal(await jobCount('ONE'), 3);
    const mine = ok(
      await sys.gql(s1, 'query { skuImports(first: 2) { edges { node { id status } } pageInfo { hasNextPage } } }'),
    ).skuImports;
    assert.equal(mine.edges[0].node.id, winner, 'newest first');
  });

  it('import job: 20,000 rows in one job and one transaction, SQL statements growing only with the batches', async () => {
    const clientKey = `big-${run}-1`;
    const t0 = Date.now();
    const started = ok(
      await startImport(s1, { clientKey, fileName: 'big.csv', base64: csvOf('BIG', 20_000) }),
    ).startSkuImport;
    const job = await waitForEnd(started.skuImport.id);
    const seconds = (Date.now() - t0) / 1000;
    assert.deepEqual(
      [job.status, job.rowsTotal, job.rowsChecked, job.rowsWritten, job.created],
      ['DONE', 20_000, 20_000, 20_000, 20_000],
      JSON.stringify(job),
    );
    assert.equal(await jobCount('BIG'), 20_000);
    const statements = await sys.statements('catalog', `sku-import-${clientKey}`);
    console.log(`20,000-row import: ${seconds.toFixed(1)} s, ${statements} SQL statements`);
    assert.ok(statements < 400, `${statements} statements for 20,000 rows`);
    assert.ok(seconds < 180, `${seconds} s`);
  });

  const PRODUCTS = `query($s: ID, $f: ProductFilter, $n: Int, $a: String) {
    supplierProducts(supplierId: $s, filter: $f, first: $n, after: $a) {
      edges { node { id code title skuCount skusOnSale brand { id } category { id } } }
      pageInfo { hasNextPage endCursor } } }`;
  const NEW_PRODUCT = 'mutation($i: CreateProductInput!) { createProduct(input: $i) { product { id } } }';

  it('supplierProducts: words, brand, category, sale status; SKU and on-sale counts; keyset pages flat in statements; another supplier NOT_FOUND', async () => {
    const em = (await sys.orm('catalog')).em.fork();
    const base = await em.findOneOrFail(Product, { supplier: 1 }, { orderBy: { id: 'ASC' } });
    const category = await em.findOneOrFail(Category, { id: base.category.id });
    const otherCategory = (await em.find(Category, {})).find(
      // Neither below the product's category nor above it (an ancestor takes in its descendants).
      (c) => !c.path.startsWith(category.path) && !category.path.startsWith(c.path),
    )!;
    const make = async (i: number) =>
      ok(
        await sys.gql(s1, NEW_PRODUCT, {
          i: {
            code: `PL-${run}-${i}`,
            title: `列表商品${run} 款${i}`,
            brandId: String(base.brand.id),
            categoryId: String(category.id),
          },
        }),
      ).createProduct.product.id as string;
    const ids = [await make(1), await make(2), await make(3)];
    // Product 1: two SKUs, one on sale; product 2: one SKU off sale; product 3: none.
    const rows = [
      { code: `PL-${run}-1a`, productId: ids[0], status: 'ACTIVE' },
      { code: `PL-${run}-1b`, productId: ids[0], status: 'INACTIVE' },
      { code: `PL-${run}-2a`, productId: ids[1], status: 'INACTIVE' },
    ];
    ok(
      await sys.gql(s1, BULK, {
        i: {
          rows: rows.map((r) => ({
            code: r.code,
            productId: r.productId,
            supplierPriceFen: 100,
            listPriceFen: 200,
            status: r.status,
            specs: [{ name: '款', value: r.code }],
          })),
        },
      }),
    );
    const list = async (f: Record<string, unknown>, who: Principal = s1, n = 20) =>
      ok(await sys.gql(who, PRODUCTS, { f, n })).supplierProducts.edges.map(
        (e: { node: Record<string, unknown> }) => e.node,
      ) as Record<string, unknown>[];
    const byWords = await list({ text: `列表商品${run}` });
    assert.deepEqual(
      byWords.map((p) => [p.code, p.skuCount, p.skusOnSale]),
      [
        [`PL-${run}-3`, 0, 0],
        [`PL-${run}-2`, 1, 0],
        [`PL-${run}-1`, 2, 1],
      ],
      'newest first, with SKU and on-sale counts',
    );
    assert.deepEqual(
      (await list({ text: `PL-${run}-2` })).map((p) => p.code),
      [`PL-${run}-2`],
      'words match the product code too',
    );
    assert.deepEqual(
      (await list({ text: `列表商品${run}`, status: 'ON_SALE' })).map((p) => p.code),
      [`PL-${run}-1`],
    );
    assert.deepEqual(
      (await list({ text: `列表商品${run}`, status: 'OFF_SALE' })).map((p) => p.code),
      [`PL-${run}-3`, `PL-${run}-2`],
    );
    const top = category.path.split('/').filter(Boolean)[0]!;
    assert.equal(
      (await list({ text: `列表商品${run}`, categoryId: top })).length,
      3,
      'a category takes in its descendants',
    );
    assert.equal((await list({ text: `列表商品${run}`, categoryId: String(otherCategory.id) })).length, 0);
    assert.equal((await list({ text: `列表商品${run}`, brandId: String(base.brand.id) })).length, 3);
    assert.equal((await list({ text: `列表商品${run}`, brandId: '999999' })).length, 0);
    const mine = await list({});
    assert.ok(mine.length > 0);

    // Keyset pages: every product once, in order; statements do not grow with the page size.
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: { edges: { node: { code: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = ok(
        await sys.gql(s1, PRODUCTS, { f: { text: `列表商品${run}` }, n: 1, a: after }),
      ).supplierProducts;
      seen.push(...page.edges.map((e: { node: { code: string } }) => e.node.code));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    assert.deepEqual(seen, [`PL-${run}-3`, `PL-${run}-2`, `PL-${run}-1`]);
    const cost = async (n: number) => {
      const requestId = randomUUID();
      ok(await sys.gql(s1, PRODUCTS, { f: { status: 'OFF_SALE' }, n }, { requestId }));
      return sys.statements('catalog', requestId);
    };
    assert.equal(await cost(2), await cost(20));

    // Tenancy and permissions.
    assert.equal(errorCode(await sys.gql(s2, PRODUCTS, { s: '1', f: {} })), 'NOT_FOUND');
    assert.ok((await list({ text: `列表商品${run}` }, s2)).length === 0, "another supplier's list holds none of these");
    assert.equal(errorCode(await sys.gql(bankOperator, PRODUCTS, { s: '1' })), 'FORBIDDEN');
    const catalogless: Principal = { ...s1, permissions: ['MANAGE_STOCK'] } as Principal;
    assert.equal(errorCode(await sys.gql(catalogless, PRODUCTS, {})), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(platformAdmin, PRODUCTS, {})), 'FORBIDDEN', 'the platform names the supplier');
    assert.equal(
      ok(await sys.gql(platformAdmin, PRODUCTS, { s: '1', f: { text: `列表商品${run}` } })).supplierProducts.edges
        .length,
      3,
    );
    assert.equal(errorCode(await sys.gql(s1, PRODUCTS, { f: { text: 'x'.repeat(101) } })), 'BAD_USER_INPUT');
    // The product editor's images: http(s) URLs only, as for a new product; nothing saved on refusal.
    const EDIT = 'mutation($i: UpdateProductInput!) { updateProduct(input: $i) { product { title images } } }';
    const refused = await sys.gql(s1, EDIT, { i: { productId: ids[0], title: '不应保存', images: ['ftp://x'] } });
    assert.equal(errorCode(refused), 'BAD_USER_INPUT');
    assert.equal((await em.fork().findOneOrFail(Product, { id: Number(ids[0]) })).title, `列表商品${run} 款1`);
    assert.equal(errorCode(await sys.gql(s2, EDIT, { i: { productId: ids[0], title: '别人的' } })), 'NOT_FOUND');
  });

  it("updateVirtualCardKind: name, face value, validity, threshold; the SKUs it backs; bad input changes nothing; another supplier's kind NOT_FOUND", async () => {
    const UPDATE = `mutation($i: UpdateVirtualCardKindInput!) { updateVirtualCardKind(input: $i) {
      virtualCardKind { id name faceValueFen validityDays lowPoolThreshold } } }`;
    const kindId = ok(await sys.gql(s1, KIND, { i: { name: `改卡 ${run}`, faceValueFen: 3000, validityDays: 30 } }))
      .createVirtualCardKind.virtualCardKind.id as string;
    const changed = ok(
      await sys.gql(s1, UPDATE, {
        i: {
          virtualCardKindId: kindId,
          name: `改卡 ${run} 二`,
          faceValueFen: 5000,
          validityDays: 90,
          lowPoolThreshold: 3,
        },
      }),
    ).updateVirtualCardKind.virtualCardKind;
    assert.deepEqual(changed, {
      id: kindId,
      name: `改卡 ${run} 二`,
      faceValueFen: 5000,
      validityDays: 90,
      lowPoolThreshold: 3,
    });
    const partly = ok(await sys.gql(s1, UPDATE, { i: { virtualCardKindId: kindId, validityDays: 60 } }))
      .updateVirtualCardKind.virtualCardKind;
    assert.deepEqual([partly.name, partly.validityDays], [`改卡 ${run} 二`, 60], 'omitted fields stay');
    const bad = await sys.gql(s1, UPDATE, { i: { virtualCardKindId: kindId, name: 'OK name', validityDays: 0 } });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    assert.equal((bad.errors![0]!.extensions as { problems: { field: string }[] }).problems[0]!.field, 'validityDays');
    const now = ok(
      await sys.gql(s1, 'query($id: ID!) { virtualCardKind(id: $id) { name validityDays skus { id } } }', {
        id: kindId,
      }),
    ).virtualCardKind;
    assert.deepEqual(
      [now.name, now.validityDays, now.skus],
      [`改卡 ${run} 二`, 60, []],
      'nothing changed by the refused call',
    );
    assert.equal(
      errorCode(await sys.gql(s2, UPDATE, { i: { virtualCardKindId: kindId, name: '别人的卡' } })),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(bankOperator, UPDATE, { i: { virtualCardKindId: kindId, name: '银行' } })),
      'FORBIDDEN',
    );
    const stockOnly: Principal = { ...s1, permissions: ['MANAGE_STOCK'] } as Principal;
    assert.equal(
      errorCode(await sys.gql(stockOnly, UPDATE, { i: { virtualCardKindId: kindId, name: '无权' } })),
      'FORBIDDEN',
    );
    const other = ok(await sys.gql(s1, KIND, { i: { name: `改卡 ${run} 三`, faceValueFen: 1, validityDays: 1 } }))
      .createVirtualCardKind.virtualCardKind.id as string;
    assert.equal(
      errorCode(await sys.gql(s1, UPDATE, { i: { virtualCardKindId: other, name: `改卡 ${run} 二` } })),
      'CONFLICT',
    );
    // The card SKUs a kind backs.
    const em = (await sys.orm('catalog')).em.fork();
    const cardSku = await em.findOne(Sku, { supplierId: 1, virtualCardKindId: { $ne: null } });
    if (cardSku) {
      const backs = ok(
        await sys.gql(s1, 'query($id: ID!) { virtualCardKind(id: $id) { skus { id } } }', {
          id: String(cardSku.virtualCardKindId),
        }),
      ).virtualCardKind.skus as { id: string }[];
      assert.ok(backs.some((b) => b.id === String(cardSku.id)));
    }
  });

  it('poolHealth reads one snapshot row: the same statements at any pool size; one replica at a time recounts (lease)', async () => {
    const HEALTH = '{ poolHealth { skusOnSale outOfStock computedAt } }';
    const orm = await sys.orm('catalog');
    // A snapshot of now: earlier tests of this file added SKUs after the last background recount.
    await orm.em.fork().nativeUpdate(PoolHealthSnapshot, { id: 1 }, { computedAt: new Date(Date.now() - 3_600_000) });
    await refreshPoolHealth(orm.em.fork() as SqlEntityManager);
    const first = ok(await sys.gql(platformAdmin, HEALTH)).poolHealth;
    const cost = async () => {
      const requestId = randomUUID();
      const r = ok(await sys.gql(platformAdmin, HEALTH, {}, { requestId })).poolHealth;
      return { r, statements: await sys.statements('catalog', requestId) };
    };
    const small = await cost();
    // 300 more ACTIVE SKUs: the read does not count them (nor cost more); the next recount does.
    ok(
      await sys.gql(s1, BULK, {
        i: { rows: Array.from({ length: 300 }, (_, i) => row(1000 + i)) },
      }),
    );
    const big = await cost();
    assert.equal(small.statements, 1, 'one primary-key read');
    assert.equal(big.statements, small.statements);
    assert.deepEqual(big.r, first, 'the snapshot, as of its computedAt');

    // Two replicas' background passes on a stale snapshot: exactly one takes the lease and recounts.
    await orm.em.fork().nativeUpdate(PoolHealthSnapshot, { id: 1 }, { computedAt: new Date(Date.now() - 3_600_000) });
    const passes = await Promise.all([
      refreshPoolHealth(orm.em.fork() as SqlEntityManager),
      refreshPoolHealth(orm.em.fork() as SqlEntityManager),
    ]);
    assert.deepEqual(passes.sort(), [false, true]);
    assert.equal(await refreshPoolHealth(orm.em.fork() as SqlEntityManager), false, 'fresh: nobody recounts');
    const recounted = ok(await sys.gql(platformAdmin, HEALTH)).poolHealth;
    assert.equal(recounted.skusOnSale, first.skusOnSale + 300);
    // Stored to the second: the recount may fall in the same second as the first count.
    assert.ok(new Date(recounted.computedAt).getTime() >= new Date(first.computedAt).getTime());
    const snap = await orm.em.fork().findOneOrFail(PoolHealthSnapshot, { id: 1 });
    assert.equal(snap.leaseUntil, null, 'the lease ends with the count');
    assert.equal(errorCode(await sys.gql(s1, HEALTH)), 'FORBIDDEN');
  });
});
