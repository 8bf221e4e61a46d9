import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { StatementReconciliation } from '../../subgraphs/orders/entities/reconciliation';
import { BANK, OTHER_BANK, SUPPLIER, reconciliationStatement } from './reconciliation-fixture';
import { bankAdmin, bankOperator, platform, supplierAdmin } from '../principals';

const OTHER_SUPPLIER = 2;

const RECONCILE = `mutation($id: ID!, $file: SupplierBillFileInput!) {
  reconcileSupplierBill(statementId: $id, file: $file) {
    id statementId filename billRowCount ourQuantity theirQuantity ourTotalFen theirTotalFen differenceFen
    matchedCount amountDifferenceCount missingOnSupplierBillCount missingInPerkmallCount
    matched { orderReference }
    amountDifferences { orderReference supplierOrderId ourQuantity ourAmountFen theirQuantity theirAmountFen amountDifferenceFen quantityDifference billRows }
    missingOnSupplierBill { orderReference ourQuantity ourAmountFen theirAmountFen amountDifferenceFen }
    missingInPerkmall { orderReference theirQuantity theirAmountFen ourAmountFen amountDifferenceFen billRows }
  } }`;
const RUNS = `query($id: ID!) { statementReconciliations(statementId: $id) { id filename uploadedBy differenceFen
  amountDifferences { orderReference amountDifferenceFen } missingOnSupplierBill { orderReference } } }`;

/** GBK bytes, the way Chinese Excel saves "CSV": encoded by inverting the platform's GB18030 decoder. */
function gbk(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...table.get(ch)!);
  }
  return Buffer.from(out);
}

/** A zip holding one deflated part that unpacks to `size` bytes: a few KB on the wire. */
function zipBomb(size: number): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const data = deflateRawSync(Buffer.alloc(size, 0x20), { level: 9 });
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(1000, 22); // it lies about its size
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(1000, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

const csvFile = (filename: string, text: string, bom = true) => ({
  filename,
  base64: Buffer.from((bom ? '\ufeff' : '') + text).toString('base64'),
});

describe('reconciliation of a supplier bill against a statement', () => {
  let sys: TestSystem;
  let statementId: string;
  let statementTotalFen: number;
  let otherBankStatementId: string;
  const supplierOrderOf = new Map<number, number>();

  before(async () => {
    sys = await startTestSystem();
    const f = await reconciliationStatement(sys);
    statementId = f.statementId;
    statementTotalFen = f.statementTotalFen;
    otherBankStatementId = f.otherBankStatementId;
    for (const [k, v] of f.supplierOrderOf) supplierOrderOf.set(k, v);
  });
  after(async () => {
    await sys?.stop();
  });

  const runCount = async () =>
    (await sys.orm('orders')).em.fork().count(StatementReconciliation, { statementId: Number(statementId) });

  // Perkmall's side, per order: 900001 24,690; 900002 3×9,999 − 600 − 9,999 + 200 = 19,598 (2 units);
  // 900003 50,000; 900004 5,005; 900005 88 (the −9 commission is not billed by the supplier).
  const OURS = 24_690 + 19_598 + 50_000 + 5_005 + 88;
  const BILL = [
    '订单号,SKU编码,数量,金额(元),签收日期',
    '900001,SKU-A,2,246.90,2026-10-15',
    '900002,SKU-B,3,299.97,2026-10-15',
    '900002,SKU-B,-1,"-103.99",2026-10-20',
    '900004,SKU-C,5,50.15,2026-10-15',
    '900005,SKU-D,1,0.88,2026-10-15',
  ];

  function assertTheTwoDifferences(r: any) {
    assert.deepEqual(
      r.matched.map((e: any) => e.orderReference),
      ['900001', '900002', '900005'],
    );
    assert.deepEqual(r.amountDifferences, [
      {
        orderReference: '900004',
        supplierOrderId: String(supplierOrderOf.get(900004)),
        ourQuantity: 5,
        ourAmountFen: 5_005,
        theirQuantity: 5,
        theirAmountFen: 5_015,
        amountDifferenceFen: 10,
        quantityDifference: 0,
        billRows: r.amountDifferences[0].billRows,
      },
    ]);
    assert.deepEqual(r.missingOnSupplierBill, [
      {
        orderReference: '900003',
        ourQuantity: 1,
        ourAmountFen: 50_000,
        theirAmountFen: null,
        amountDifferenceFen: -50_000,
      },
    ]);
  }

  it('a bill with one order missing and one amount wrong is reconciled with exactly those two differences, totals to the fen', async () => {
    assert.equal(statementTotalFen, OURS, 'the statement owes what its lines say');
    const r = await sys.gql(supplierAdmin(SUPPLIER), RECONCILE, {
      id: statementId,
      file: csvFile('bill-2026-10.csv', BILL.join('\r\n')),
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const run = r.data!.reconcileSupplierBill;
    assertTheTwoDifferences(run);
    assert.deepEqual(run.amountDifferences[0].billRows, [5]);
    assert.deepEqual(run.missingInPerkmall, []);
    assert.equal(run.ourTotalFen, statementTotalFen);
    assert.equal(run.theirTotalFen, 24_690 + 19_598 + 5_015 + 88);
    assert.equal(run.differenceFen, run.theirTotalFen - run.ourTotalFen);
    assert.equal(run.ourQuantity, 2 + 2 + 1 + 5 + 1);
    assert.equal(run.theirQuantity, 2 + 2 + 5 + 1);
    assert.equal(run.billRowCount, 5);
    assert.deepEqual(
      [run.matchedCount, run.amountDifferenceCount, run.missingOnSupplierBillCount, run.missingInPerkmallCount],
      [3, 1, 1, 0],
    );
  });
  it('the latest reconciliation exports as CSV with those two differences and both totals', async () => {
    const r = await sys.gql(
      supplierAdmin(SUPPLIER),
      `query($i: SettlementExportInput!) { exportSettlement(input: $i) { filename contentType base64 rowCount } }`,
      { i: { kind: 'RECONCILIATION', format: 'CSV', settlementStatementId: statementId } },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const csv = Buffer.from(r.data!.exportSettlement.base64, 'base64').toString('utf8');
    const rows = csv
      .split('\r\n')
      .filter((l) => /^(AMOUNT_DIFFERENCE|MISSING_ON_SUPPLIER_BILL|MISSING_IN_PERKMALL|MATCHED),/.test(l));
    assert.deepEqual(
      ['AMOUNT_DIFFERENCE', 'MISSING_ON_SUPPLIER_BILL', 'MISSING_IN_PERKMALL', 'MATCHED'].map(
        (k) => rows.filter((l) => l.startsWith(`${k},`)).length,
      ),
      [1, 1, 0, 3],
    );
  });

  it('the same bill as XLSX (plus an order Perkmall does not have) and as a GBK CSV from Chinese Excel give the same differences', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('对账单');
    ws.addRow(['Order No', 'SKU code', 'Qty', 'Amount (CNY)', 'Date']);
    ws.addRow([900001, 'SKU-A', 2, 246.9, new Date('2026-10-15')]);
    ws.addRow(['900002', 'SKU-B', 3, 299.97]);
    ws.addRow([900002, 'SKU-B', -1, -103.99]);
    ws.addRow([]);
    ws.addRow([900004, 'SKU-C', 5, '50.15']);
    ws.addRow([900005, 'SKU-D', 1, 0.88]);
    ws.addRow([900099, 'SKU-E', 1, 10]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await sys.gql(platform, RECONCILE, {
      id: statementId,
      file: { filename: 'bill.xlsx', base64: xlsx.toString('base64') },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const run = r.data!.reconcileSupplierBill;
    assertTheTwoDifferences(run);
    assert.deepEqual(run.amountDifferences[0].billRows, [6], 'the blank row keeps the sheet row numbers');
    assert.deepEqual(run.missingInPerkmall, [
      {
        orderReference: '900099',
        theirQuantity: 1,
        theirAmountFen: 1_000,
        ourAmountFen: null,
        amountDifferenceFen: 1_000,
        billRows: [8],
      },
    ]);
    assert.equal(run.ourTotalFen, statementTotalFen);
    assert.equal(run.theirTotalFen, 24_690 + 19_598 + 5_015 + 88 + 1_000);

    // GBK, a title line above the header, the supplier's own order numbers (子订单号) instead of ours.
    const so = (orderId: number) => supplierOrderOf.get(orderId)!;
    const text = [
      '某某供应商 2026年10月 对账单',
      '子订单号,商品编码,数量,结算金额（元）',
      `${so(900001)},SKU-A,2,246.90`,
      `${so(900002)},SKU-B,2,195.98`,
      `${so(900004)},SKU-C,5,"50.15"`,
      `${so(900005)},SKU-D,1,0.88`,
    ].join('\r\n');
    const g = await sys.gql(supplierAdmin(SUPPLIER), RECONCILE, {
      id: statementId,
      file: { filename: '对账单.csv', base64: gbk(text).toString('base64') },
    });
    assert.equal(g.errors, undefined, JSON.stringify(g.errors));
    assertTheTwoDifferences(g.data!.reconcileSupplierBill);
    assert.deepEqual(g.data!.reconcileSupplierBill.missingInPerkmall, []);
  });

  it('bad rows are named by row number and column, and nothing is reconciled or stored', async () => {
    const before = await runCount();
    const r = await sys.gql(supplierAdmin(SUPPLIER), RECONCILE, {
      id: statementId,
      file: csvFile(
        'bad.csv',
        ['订单号,数量,金额', '900001,2,246.90', ',1,10.00', '900004,5,50.155', '900005,1,abc', '900003,x,500'].join(
          '\n',
        ),
        false,
      ),
    });
    assert.equal(errorCode(r), 'BAD_USER_INPUT');
    const problems = r.errors![0]!.extensions!.problems as { index: number; field: string; message: string }[];
    assert.deepEqual(
      problems.map((p) => [p.index, p.field]),
      [
        [3, 'orderReference'],
        [4, 'amount'],
        [5, 'amount'],
        [6, 'quantity'],
      ],
    );
    assert.match(problems[1]!.message, /3 decimals/);
    assert.match(r.errors![0]!.message, /nothing was reconciled/);
    // A header without an amount column, no header at all.
    const noAmount = await sys.gql(supplierAdmin(SUPPLIER), RECONCILE, {
      id: statementId,
      file: csvFile('x.csv', 'order no,qty\n900001,2\n'),
    });
    assert.equal(errorCode(noAmount), 'BAD_USER_INPUT');
    assert.match(noAmount.errors![0]!.message, /金额 \/ amount/);
    const noHeader = await sys.gql(supplierAdmin(SUPPLIER), RECONCILE, {
      id: statementId,
      file: csvFile('x.csv', 'a,b,c\n1,2,3\n'),
    });
    assert.equal(errorCode(noHeader), 'BAD_USER_INPUT');
    assert.equal(await runCount(), before);
  });

  it('an oversized file, too many rows, bad base64 and an XLSX zip bomb are BAD_USER_INPUT, and nothing is stored', async () => {
    const before = await runCount();
    const cases: [RegExp, { filename: string; base64: string }][] = [
      [/not valid base64/, { filename: 'a.csv', base64: '@@not base64@@' }],
      [/empty/, { filename: 'a.csv', base64: '' }],
      [/at most 3,000,000 bytes/, { filename: 'a.csv', base64: Buffer.alloc(3_000_001, 0x31).toString('base64') }],
      [/more than 50,000 rows/, csvFile('a.csv', 'order no,qty,amount\n' + '900001,1,0.01\n'.repeat(50_001))],
      [/unpacks to more than 60 MB/, { filename: 'bomb.xlsx', base64: zipBomb(100 * 1024 * 1024).toString('base64') }],
      [
        /not a readable XLSX/,
        { filename: 'a.xlsx', base64: Buffer.from('PK\u0003\u0004 nothing else').toString('base64') },
      ],
    ];
    // An XLSX of 50,001 rows: the streaming reader stops past the limit.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('bill');
    ws.addRow(['订单号', '数量', '金额']);
    for (let i = 0; i < 50_001; i++) ws.addRow([900001, 1, 0.01]);
    const many = Buffer.from(await wb.xlsx.writeBuffer());
    cases.push([/more than 50,000 rows/, { filename: 'many.xlsx', base64: many.toString('base64') }]);
    for (const [message, file] of cases) {
      const r = await sys.gql(supplierAdmin(SUPPLIER), RECONCILE, { id: statementId, file });
      assert.equal(errorCode(r), 'BAD_USER_INPUT', `${String(message)}: ${JSON.stringify(r.errors)}`);
      assert.match(r.errors![0]!.message, message);
    }
    assert.equal(await runCount(), before);
  });

  it('another supplier and another bank cannot reconcile or read it; its bank and the platform read the runs', async () => {
    const file = csvFile('bill.csv', BILL.join('\n'));
    const other = await sys.gql(supplierAdmin(OTHER_SUPPLIER), RECONCILE, { id: statementId, file });
    assert.equal(errorCode(other), 'NOT_FOUND');
    const bank = await sys.gql(bankAdmin(BANK), RECONCILE, { id: statementId, file });
    assert.equal(errorCode(bank), 'FORBIDDEN');
    const noPermission = await sys.gql({ ...supplierAdmin(SUPPLIER), permissions: ['SHIP_ORDERS'] }, RECONCILE, {
      id: statementId,
      file,
    });
    assert.equal(errorCode(noPermission), 'FORBIDDEN');
    // The other bank's statement is not this supplier's bank's: its run stays the other bank's.
    const otherBankRun = await sys.gql(supplierAdmin(SUPPLIER), RECONCILE, {
      id: otherBankStatementId,
      file: csvFile('b.csv', 'order no,qty,amount\n900101,1,10.00\n'),
    });
    assert.equal(otherBankRun.errors, undefined, JSON.stringify(otherBankRun.errors));
    assert.equal(otherBankRun.data!.reconcileSupplierBill.matchedCount, 1);

    for (const reader of [
      supplierAdmin(SUPPLIER),
      bankAdmin(BANK),
      { ...bankOperator(BANK), permissions: ['PAY_SUPPLIERS' as const] },
      platform,
    ]) {
      const r = await sys.gql(reader, RUNS, { id: statementId });
      assert.equal(r.errors, undefined, `${reader.role}: ${JSON.stringify(r.errors)}`);
      const runs = r.data!.statementReconciliations;
      assert.ok(runs.length >= 3);
      assert.deepEqual(runs.at(-1).amountDifferences, [{ orderReference: '900004', amountDifferenceFen: 10 }]);
      assert.deepEqual(runs.at(-1).missingOnSupplierBill, [{ orderReference: '900003' }]);
    }
    for (const stranger of [bankAdmin(OTHER_BANK), supplierAdmin(OTHER_SUPPLIER)]) {
      const r = await sys.gql(stranger, RUNS, { id: statementId });
      assert.equal(errorCode(r), 'NOT_FOUND', JSON.stringify(r));
    }
    // One run with its lists: the same readers; another bank or supplier gets NOT_FOUND.
    const ONE = `query($id: ID!) { statementReconciliation(statementReconciliationId: $id) { id amountDifferences { orderReference } } }`;
    const runId = (await sys.gql(platform, RUNS, { id: statementId })).data!.statementReconciliations.at(-1).id;
    const one = await sys.gql(bankAdmin(BANK), ONE, { id: runId });
    assert.equal(one.errors, undefined, JSON.stringify(one.errors));
    assert.deepEqual(one.data!.statementReconciliation.amountDifferences, [{ orderReference: '900004' }]);
    for (const stranger of [bankAdmin(OTHER_BANK), supplierAdmin(OTHER_SUPPLIER)])
      assert.equal(errorCode(await sys.gql(stranger, ONE, { id: runId })), 'NOT_FOUND');
    const noReports = await sys.gql({ ...bankOperator(BANK), permissions: ['SERVE_CUSTOMERS'] }, RUNS, {
      id: statementId,
    });
    assert.equal(errorCode(noReports), 'FORBIDDEN');
    const otherBanksRuns = await sys.gql(bankAdmin(BANK), RUNS, { id: otherBankStatementId });
    assert.equal(errorCode(otherBanksRuns), 'NOT_FOUND');
  });

  it('a reconciliation costs the same SQL statements for a bill of 10 rows and one of 2,000', async () => {
    const counts: number[] = [];
    for (const rows of [10, 2_000]) {
      const lines = ['order no,qty,amount'];
      for (let i = 0; i < rows; i++) lines.push(`${900001 + (i % 7)},1,1.00`);
      const requestId = randomUUID();
      const r = await sys.gql(
        supplierAdmin(SUPPLIER),
        RECONCILE,
        { id: statementId, file: csvFile(`bill-${rows}.csv`, lines.join('\n')) },
        { requestId },
      );
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      assert.equal(r.data!.reconcileSupplierBill.billRowCount, rows);
      counts.push(await sys.statements('orders', requestId));
    }
    assert.equal(counts[0], counts[1], JSON.stringify(counts));
    assert.ok(counts[0]! <= 6, JSON.stringify(counts));
  });
});
