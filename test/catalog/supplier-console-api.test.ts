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
    const good = ok(await startImport(s1, { clientKey: `ref-${run}-b`, goodRowsOf: job.id })).startSkuImport;
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
    assert.equal(errorCode(await startImport(s2, { clientKey: `x-${run}-s2`, goodRowsOf: winner })), 'NOT_FOUND');
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
});
