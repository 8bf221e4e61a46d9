import fs from 'node:fs';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type ExcelJS from 'exceljs';
import { registerEnumType } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { badInput, notFound } from '../../../core/errors';
import { lazyModule } from '../../../core/lazy-module';
import { ServiceClient } from '../../../core/service-client';
import { SettlementSupplierNameDocument } from '../../../codegen/generated/service/orders/catalog';
import { SettlementBankNameDocument } from '../../../codegen/generated/service/orders/tenants';
import { isBankStaff, isSupplier, type Principal } from '../../../core/identity';
import { asDate, selectRows } from '../../../core/sql';
import type { SettlementInvoice } from '../entities/invoice';
import { type ReconciliationEntry, StatementReconciliation } from '../entities/reconciliation';
import { SettlementLineKind, SettlementPayment, SettlementStatement } from '../entities/settlement';
import { csvField, yuan } from './dashboard-csv';
import {
  checkInvoices,
  invoiceFlags,
  invoiceStatus,
  InvoiceService,
  readableStatement,
  requireSettlementReader,
} from './invoice.service';
import { FIGURE_LABELS, statementFigures, statementNumber, type StatementFigures } from './statement-figures';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (core/lazy-module.ts)
const excel = lazyModule(() => require('exceljs') as typeof import('exceljs'));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (core/lazy-module.ts)
const pdfkit = lazyModule(() => require('pdfkit') as typeof import('pdfkit'));

export enum SettlementExportKind {
  STATEMENT = 'STATEMENT',
  STATEMENT_LINES = 'STATEMENT_LINES',
  INVOICES = 'INVOICES',
  RECONCILIATION = 'RECONCILIATION',
}
registerEnumType(SettlementExportKind, {
  name: 'SettlementExportKind',
  description:
    "STATEMENT: statements with their figures (XLSX adds the lines; PDF: the one statement a finance department files); STATEMENT_LINES: every line; INVOICES: the statements' 发票 and their check; RECONCILIATION: a supplier bill's reconciliation result.",
});

export enum SettlementExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
  PDF = 'PDF',
}
registerEnumType(SettlementExportFormat, {
  name: 'SettlementExportFormat',
  description: 'CSV (UTF-8 with BOM, CRLF), XLSX (Excel), PDF (STATEMENT and STATEMENT_LINES of one statement).',
});

/** Most data rows in one export (lines, invoices…): beyond it, narrow to one statement or one month. */
export const MAX_EXPORT_ROWS = 50_000;
/** Most lines a PDF prints (about 110 pages): a larger statement is filed as XLSX. */
export const MAX_PDF_LINES = 5_000;
/** The largest file (before base64): the answer stays below the subgraph's 8 MiB response limit. */
export const MAX_EXPORT_BYTES = 5 * 1024 * 1024;
/** Lines read per keyset batch. */
const BATCH = 2_000;

export interface ExportFile {
  filename: string;
  contentType: string;
  base64: string;
  /** Data rows written (header rows aside): lines, invoices, statements or reconciliation rows. */
  rowCount: number;
}

const CONTENT_TYPE: Record<SettlementExportFormat, string> = {
  CSV: 'text/csv; charset=utf-8',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  PDF: 'application/pdf',
};

/** What an export covers: statements the caller may read, with their figures and payments. */
export interface ExportScope {
  statements: SettlementStatement[];
  figures: Map<number, StatementFigures>;
  /** Names where known (else "#id"). */
  bankName?: (bankId: number) => string;
  supplierName?: (supplierId: number) => string;
  /** For the PDF: the payments of the one statement. */
  payments?: SettlementPayment[];
  /** For INVOICES: the statements' invoices. */
  invoices?: Map<number, SettlementInvoice[]>;
  /** A name for the file: the statement's number or the month. */
  label: string;
  /** Lines after this id only (an export in parts: the last line id of the previous part). */
  afterLineId?: number;
}

export interface ExportLine {
  id: number;
  statementId: number;
  kind: SettlementLineKind;
  orderId: number;
  orderLineId: number;
  title: string | null;
  quantity: number;
  unitSupplierPriceFen: number;
  amountFen: number;
  occurredAt: Date;
  adjustsLineId: number | null;
  note: string | null;
}

const KIND_ZH: Record<SettlementLineKind, string> = {
  DELIVERY: '交付',
  REFUND: '退款',
  DISCOUNT: '优惠分摊',
  DISCOUNT_RETURN: '优惠退回',
  CO_FUNDING: '活动共担',
  CO_FUNDING_RETURN: '共担退回',
  ADJUSTMENT: '调整',
  COMMISSION: '佣金',
  COMMISSION_RETURN: '佣金退回',
};
const STATUS_ZH: Record<string, string> = {
  DRAFT: '草稿',
  ISSUED: '已出具',
  DISPUTED: '有异议',
  CONFIRMED: '已确认',
  CLOSED: '已结清',
};

/** How many lines the statements have (one COUNT), to refuse an export over the cap before reading them. */
export async function countLines(
  em: SqlEntityManager,
  statementIds: readonly number[],
  afterLineId = 0,
): Promise<number> {
  if (statementIds.length === 0) return 0;
  const [row] = await selectRows<{ n: number | string }>(
    em,
    `SELECT COUNT(*) AS n FROM settlement_line WHERE statement_id IN (${statementIds.map(() => '?').join(', ')}) AND id > ?`,
    [...statementIds, afterLineId],
  );
  return Number(row?.n ?? 0);
}

/** The statements' lines, oldest first, read by keyset in batches of 2,000 (never one big load). */
export async function* streamLines(
  em: SqlEntityManager,
  statementIds: readonly number[],
  afterLineId = 0,
): AsyncGenerator<ExportLine[]> {
  if (statementIds.length === 0) return;
  let afterId = afterLineId;
  for (;;) {
    const rows = await selectRows<Record<string, unknown>>(
      em,
      `SELECT l.id, l.statement_id, l.kind, l.order_id, l.order_line_id, l.quantity, l.unit_supplier_price_fen,
              l.amount_fen, l.occurred_at, l.adjusts_line_id, l.note, ol.title
         FROM settlement_line l LEFT JOIN order_line ol ON ol.id = l.order_line_id
        WHERE l.statement_id IN (${statementIds.map(() => '?').join(', ')}) AND l.id > ?
        ORDER BY l.id LIMIT ${BATCH}`,
      [...statementIds, afterId],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      id: Number(r.id),
      statementId: Number(r.statement_id),
      kind: r.kind as SettlementLineKind,
      orderId: Number(r.order_id),
      orderLineId: Number(r.order_line_id),
      title: (r.title as string | null) ?? null,
      quantity: Number(r.quantity),
      unitSupplierPriceFen: Number(r.unit_supplier_price_fen),
      amountFen: Number(r.amount_fen),
      occurredAt: asDate(r.occurred_at as Date | string),
      adjustsLineId: r.adjusts_line_id == null ? null : Number(r.adjusts_line_id),
      note: (r.note as string | null) ?? null,
    }));
    afterId = Number(rows[rows.length - 1]!.id);
    if (rows.length < BATCH) return;
  }
}

// ---------------------------------------------------------------------------------------------
// Tables: one definition per kind, written as CSV or as an XLSX sheet.

type Cell = string | number | null;
interface Column<T> {
  zh: string;
  en: string;
  value: (row: T) => Cell;
  /** An amount in fen: XLSX writes fen / 100 formatted 0.00 (yuan), CSV the yuan text. */
  money?: boolean;
  /** Free text (titles, notes): guarded against spreadsheet formulas. */
  text?: boolean;
  width?: number;
}

const header = <T>(c: Column<T>) => `${c.zh} ${c.en}`;

function statementColumns(scope: ExportScope): Column<SettlementStatement>[] {
  const f = (s: SettlementStatement) => scope.figures.get(s.id)!;
  return [
    { zh: '对账单号', en: 'Statement no.', value: (s) => statementNumber(s), width: 26 },
    { zh: '银行', en: 'Bank', value: (s) => scope.bankName?.(s.bankId) ?? `#${s.bankId}`, text: true },
    {
      zh: '供应商',
      en: 'Supplier',
      value: (s) => scope.supplierName?.(s.supplierId) ?? `#${s.supplierId}`,
      text: true,
    },
    { zh: '期间', en: 'Period', value: (s) => s.period },
    { zh: '状态', en: 'Status', value: (s) => s.status },
    { zh: '出具时间', en: 'Issued at', value: (s) => (s.issuedAt ? asDate(s.issuedAt).toISOString() : null) },
    { zh: '付款到期日', en: 'Due on', value: (s) => s.dueOn ?? null },
    ...FIGURE_LABELS.map((l) => ({
      zh: `${l.zh}(元)`,
      en: `${l.en} (CNY)`,
      value: (s: SettlementStatement) => f(s)[l.key],
      money: true,
    })),
    ...FIGURE_LABELS.map((l) => ({
      zh: `${l.zh}(分)`,
      en: `${l.en} (fen)`,
      value: (s: SettlementStatement) => f(s)[l.key],
    })),
  ];
}

function lineColumns(scope: ExportScope): Column<ExportLine>[] {
  const numberOf = new Map(scope.statements.map((s) => [s.id, statementNumber(s)]));
  return [
    {
      zh: '对账单号',
      en: 'Statement no.',
      value: (l) => numberOf.get(l.statementId) ?? String(l.statementId),
      width: 26,
    },
    { zh: '明细ID', en: 'Line id', value: (l) => l.id },
    { zh: '类型', en: 'Kind', value: (l) => l.kind, width: 18 },
    { zh: '类型(中文)', en: 'Kind (zh)', value: (l) => KIND_ZH[l.kind] },
    { zh: '订单号', en: 'Order id', value: (l) => l.orderId },
    { zh: '订单行', en: 'Order line id', value: (l) => l.orderLineId },
    { zh: '商品', en: 'Item', value: (l) => l.title, text: true, width: 30 },
    { zh: '数量', en: 'Quantity', value: (l) => l.quantity },
    { zh: '结算单价(元)', en: 'Unit price (CNY)', value: (l) => l.unitSupplierPriceFen, money: true },
    { zh: '金额(元)', en: 'Amount (CNY)', value: (l) => l.amountFen, money: true },
    { zh: '金额(分)', en: 'Amount (fen)', value: (l) => l.amountFen },
    { zh: '发生时间', en: 'Occurred at (UTC)', value: (l) => l.occurredAt.toISOString(), width: 24 },
    { zh: '调整对象', en: 'Adjusts line', value: (l) => l.adjustsLineId },
    { zh: '备注', en: 'Note', value: (l) => l.note, text: true, width: 30 },
  ];
}

interface InvoiceRow {
  statement: SettlementStatement;
  invoice: SettlementInvoice;
}

function invoiceColumns(): Column<InvoiceRow>[] {
  return [
    { zh: '对账单号', en: 'Statement no.', value: (r) => statementNumber(r.statement), width: 26 },
    { zh: '发票代码', en: 'Invoice code', value: (r) => r.invoice.code || null, width: 14 },
    { zh: '发票号码', en: 'Invoice number', value: (r) => r.invoice.number, width: 22 },
    { zh: '开票日期', en: 'Issued on', value: (r) => r.invoice.issuedOn },
    { zh: '金额(元)', en: 'Amount (CNY)', value: (r) => Number(r.invoice.amountFen), money: true },
    { zh: '税率', en: 'Tax rate (%)', value: (r) => r.invoice.taxRateBp / 100 },
    { zh: '税额(元)', en: 'Tax (CNY)', value: (r) => Number(r.invoice.taxFen), money: true },
    {
      zh: '价税合计(元)',
      en: 'Total (CNY)',
      value: (r) => Number(r.invoice.amountFen) + Number(r.invoice.taxFen),
      money: true,
    },
    { zh: '价税合计(分)', en: 'Total (fen)', value: (r) => Number(r.invoice.amountFen) + Number(r.invoice.taxFen) },
    { zh: '状态', en: 'Status', value: (r) => invoiceStatus(r.invoice) },
    { zh: '标记', en: 'Flags', value: (r) => invoiceFlags(r.invoice).join(' ') || null },
    { zh: '作废原因', en: 'Void reason', value: (r) => r.invoice.voidReason ?? null, text: true, width: 24 },
  ];
}

/** A bounded text builder: BAD_USER_INPUT once the file would pass MAX_EXPORT_BYTES. */
class Sized {
  private parts: string[] = [];
  private bytes = 0;
  push(s: string): void {
    this.bytes += Buffer.byteLength(s);
    if (this.bytes > MAX_EXPORT_BYTES) throw tooLarge(`more than ${MAX_EXPORT_BYTES / 1024 / 1024} MiB`);
    this.parts.push(s);
  }
  text(): string {
    return this.parts.join('');
  }
}

function tooLarge(what: string): Error {
  return badInput(
    `This export would be ${what}: export one statement (settlementStatementId) or one month (period) at a time, or choose XLSX.`,
  );
}

function csvRow<T>(columns: Column<T>[], row: T): string {
  return `${columns
    .map((c) => {
      const v = c.value(row);
      return csvField(c.money && typeof v === 'number' ? yuan(v) : v, c.text);
    })
    .join(',')}\r\n`;
}

function csvHeader<T>(columns: Column<T>[]): string {
  // A BOM, so Excel (in China too) opens the UTF-8 file as UTF-8.
  return `\uFEFF${columns.map((c) => csvField(header(c))).join(',')}\r\n`;
}

function sheet<T>(wb: ExcelJS.Workbook, name: string, columns: Column<T>[]): (row: T) => void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({
    header: header(c),
    key: String(i),
    width: c.width ?? Math.max(12, header(c).length + 2),
    style: c.money ? { numFmt: '0.00' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  return (row) => {
    ws.addRow(
      columns.map((c) => {
        const v = c.value(row);
        // Exact: fen / 100 is the nearest double to the decimal yuan, shown with two decimals.
        if (c.money && typeof v === 'number') return v / 100;
        if (c.text && typeof v === 'string' && /^[=+\-@]/.test(v)) return `'${v}`;
        return v;
      }),
    );
  };
}

/** The one statement's summary, top to bottom: who, when, then each figure in yuan and fen. */
function summarySheet(wb: ExcelJS.Workbook, scope: ExportScope, s: SettlementStatement): void {
  const ws = wb.addWorksheet('Summary 汇总');
  ws.columns = [
    { header: '项目', key: 'zh', width: 18 },
    { header: 'Item', key: 'en', width: 22 },
    { header: '金额(元) Amount (CNY)', key: 'yuan', width: 22, style: { numFmt: '0.00' } },
    { header: '金额(分) Amount (fen)', key: 'fen', width: 22 },
  ];
  ws.getRow(1).font = { bold: true };
  const info: [string, string, string][] = [
    ['对账单号', 'Statement no.', statementNumber(s)],
    ['银行', 'Bank', scope.bankName?.(s.bankId) ?? `#${s.bankId}`],
    ['供应商', 'Supplier', scope.supplierName?.(s.supplierId) ?? `#${s.supplierId}`],
    ['期间', 'Period', s.period],
    ['状态', 'Status', s.status],
    ['出具时间', 'Issued at', s.issuedAt ? asDate(s.issuedAt).toISOString() : ''],
    ['付款到期日', 'Due on', s.dueOn ?? ''],
  ];
  for (const [zh, en, v] of info) ws.addRow({ zh, en, yuan: v });
  const f = scope.figures.get(s.id)!;
  for (const l of FIGURE_LABELS) ws.addRow({ zh: l.zh, en: l.en, yuan: f[l.key] / 100, fen: f[l.key] });
}

// ---------------------------------------------------------------------------------------------

function fileName(kind: SettlementExportKind, label: string, format: SettlementExportFormat): string {
  return `settlement-${kind.toLowerCase().replace(/_/g, '-')}-${label}.${format.toLowerCase()}`;
}

function file(
  kind: SettlementExportKind,
  scope: ExportScope,
  format: SettlementExportFormat,
  data: Buffer,
  rows: number,
): ExportFile {
  if (data.length > MAX_EXPORT_BYTES) throw tooLarge(`${Math.ceil(data.length / 1024 / 1024)} MiB`);
  return {
    filename: fileName(kind, scope.label, format),
    contentType: CONTENT_TYPE[format],
    base64: data.toString('base64'),
    rowCount: rows,
  };
}

/**
 * Statements, their lines or their invoices as CSV or XLSX, or one statement as PDF. The caller has
 * checked who may read the scope's statements; this refuses an export over MAX_EXPORT_ROWS (one
 * COUNT first) or MAX_EXPORT_BYTES, and reads lines by keyset in batches.
 */
export async function exportSettlement(
  em: SqlEntityManager,
  kind: SettlementExportKind,
  format: SettlementExportFormat,
  scope: ExportScope,
): Promise<ExportFile> {
  const ids = scope.statements.map((s) => s.id);
  if (kind === SettlementExportKind.RECONCILIATION)
    throw badInput('A reconciliation is exported with its result: use exportReconciliation.');
  if (format === SettlementExportFormat.PDF) {
    if (kind === SettlementExportKind.INVOICES || scope.statements.length !== 1)
      throw badInput('A PDF is one statement: ask for kind STATEMENT with its settlementStatementId.');
    const lines = await countLines(em, ids);
    if (lines > MAX_PDF_LINES)
      throw badInput(
        `This statement has ${lines} lines; a PDF prints at most ${MAX_PDF_LINES}. Export it as XLSX (kind STATEMENT) instead.`,
      );
    const pdf = await statementPdf(em, scope, scope.statements[0]!);
    return file(kind, scope, format, pdf.data, pdf.rows);
  }
  if (kind === SettlementExportKind.INVOICES) {
    const rows: InvoiceRow[] = scope.statements.flatMap((statement) =>
      (scope.invoices?.get(statement.id) ?? []).map((invoice) => ({ statement, invoice })),
    );
    if (rows.length > MAX_EXPORT_ROWS) throw tooLarge(`${rows.length} invoices (at most ${MAX_EXPORT_ROWS})`);
    const columns = invoiceColumns();
    if (format === SettlementExportFormat.CSV) {
      const out = new Sized();
      out.push(csvHeader(columns));
      for (const r of rows) out.push(csvRow(columns, r));
      return file(kind, scope, format, Buffer.from(out.text(), 'utf8'), rows.length);
    }
    const wb = workbook();
    const checks = wb.addWorksheet('Check 核对');
    checks.columns = [
      { header: '对账单号 Statement no.', key: 'no', width: 26 },
      { header: '应付合计(元) Total owed (CNY)', key: 'total', width: 22, style: { numFmt: '0.00' } },
      { header: '已开票(元) Invoiced (CNY)', key: 'invoiced', width: 22, style: { numFmt: '0.00' } },
      { header: '差额(元) Difference (CNY)', key: 'diff', width: 22, style: { numFmt: '0.00' } },
      { header: '标记 Flags', key: 'flags', width: 30 },
      { header: '可报销 Reimbursable', key: 'ok', width: 16 },
    ];
    checks.getRow(1).font = { bold: true };
    for (const s of scope.statements) {
      const c = checkInvoices(s, scope.invoices?.get(s.id) ?? []);
      checks.addRow({
        no: statementNumber(s),
        total: c.totalFen / 100,
        invoiced: c.invoicedFen / 100,
        diff: c.differenceFen / 100,
        flags: c.flags.join(' '),
        ok: c.reimbursable ? 'YES' : 'NO',
      });
    }
    const add = sheet(wb, 'Invoices 发票', columns);
    rows.forEach(add);
    return file(kind, scope, format, Buffer.from(await wb.xlsx.writeBuffer()), rows.length);
  }

  // STATEMENT and STATEMENT_LINES
  const from = scope.afterLineId ?? 0;
  const lineCount = await countLines(em, ids, from);
  const withLines = kind === SettlementExportKind.STATEMENT_LINES || format === SettlementExportFormat.XLSX;
  if (withLines && lineCount > MAX_EXPORT_ROWS)
    throw tooLarge(
      `${lineCount} lines (at most ${MAX_EXPORT_ROWS} per export); export it in parts with afterSettlementLineId (the last line id of the previous part)`,
    );
  if (format === SettlementExportFormat.CSV) {
    const out = new Sized();
    if (kind === SettlementExportKind.STATEMENT) {
      const columns = statementColumns(scope);
      out.push(csvHeader(columns));
      for (const s of scope.statements) out.push(csvRow(columns, s));
      return file(kind, scope, format, Buffer.from(out.text(), 'utf8'), scope.statements.length);
    }
    const columns = lineColumns(scope);
    out.push(csvHeader(columns));
    let rows = 0;
    for await (const batch of streamLines(em, ids, from))
      for (const l of batch) {
        out.push(csvRow(columns, l));
        rows++;
      }
    return file(kind, scope, format, Buffer.from(out.text(), 'utf8'), rows);
  }
  const wb = workbook();
  if (scope.statements.length === 1) summarySheet(wb, scope, scope.statements[0]!);
  const addStatement = sheet(
    wb,
    scope.statements.length === 1 ? 'Statement 对账单' : 'Statements 对账单',
    statementColumns(scope),
  );
  scope.statements.forEach(addStatement);
  const addLine = sheet(wb, 'Lines 明细', lineColumns(scope));
  let rows = 0;
  for await (const batch of streamLines(em, ids, from))
    for (const l of batch) {
      addLine(l);
      rows++;
    }
  return file(
    kind,
    scope,
    format,
    Buffer.from(await wb.xlsx.writeBuffer()),
    kind === SettlementExportKind.STATEMENT ? scope.statements.length : rows,
  );
}

function workbook(): ExcelJS.Workbook {
  const wb = new (excel().Workbook)();
  wb.creator = 'Perkmall';
  wb.created = new Date();
  return wb;
}

// ---------------------------------------------------------------------------------------------
// Reconciliation (the supplier bill import builds the result; this writes it).

/** One row of a reconciliation: a Perkmall line, a supplier bill row, or both. */
export interface ReconciliationRow {
  /** The order reference both sides know. */
  orderReference: string;
  orderLineId?: number | null;
  quantity?: number | null;
  /** Perkmall's amount, in fen (null: not in Perkmall). */
  perkmallAmountFen?: number | null;
  /** The supplier bill's amount, in fen (null: not on the bill). */
  supplierAmountFen?: number | null;
  note?: string | null;
}

export interface ReconciliationResult {
  matched: ReconciliationRow[];
  missingOnSupplierBill: ReconciliationRow[];
  missingInPerkmall: ReconciliationRow[];
  amountDifferences: ReconciliationRow[];
}

const RECON_GROUPS: { key: keyof ReconciliationResult; zh: string; en: string }[] = [
  { key: 'amountDifferences', zh: '金额不符', en: 'AMOUNT_DIFFERENCE' },
  { key: 'missingOnSupplierBill', zh: '供应商账单缺失', en: 'MISSING_ON_SUPPLIER_BILL' },
  { key: 'missingInPerkmall', zh: '平台缺失', en: 'MISSING_IN_PERKMALL' },
  { key: 'matched', zh: '已匹配', en: 'MATCHED' },
];

interface ReconLine extends ReconciliationRow {
  result: (typeof RECON_GROUPS)[number];
}

function reconColumns(): Column<ReconLine>[] {
  const diff = (r: ReconLine) =>
    r.perkmallAmountFen == null || r.supplierAmountFen == null ? null : r.supplierAmountFen - r.perkmallAmountFen;
  return [
    { zh: '结果', en: 'Result', value: (r) => r.result.en, width: 26 },
    { zh: '结果(中文)', en: 'Result (zh)', value: (r) => r.result.zh },
    { zh: '订单参考号', en: 'Order reference', value: (r) => r.orderReference, text: true, width: 22 },
    { zh: '订单行', en: 'Order line id', value: (r) => r.orderLineId ?? null },
    { zh: '数量', en: 'Quantity', value: (r) => r.quantity ?? null },
    { zh: '平台金额(元)', en: 'Perkmall amount (CNY)', value: (r) => r.perkmallAmountFen ?? null, money: true },
    { zh: '供应商金额(元)', en: 'Supplier amount (CNY)', value: (r) => r.supplierAmountFen ?? null, money: true },
    { zh: '差额(元)', en: 'Difference (CNY)', value: diff, money: true },
    { zh: '平台金额(分)', en: 'Perkmall amount (fen)', value: (r) => r.perkmallAmountFen ?? null },
    { zh: '供应商金额(分)', en: 'Supplier amount (fen)', value: (r) => r.supplierAmountFen ?? null },
    { zh: '备注', en: 'Note', value: (r) => r.note ?? null, text: true, width: 30 },
  ];
}

/**
 * A reconciliation result as CSV or XLSX (a Summary sheet with each group's count and amounts, and
 * the rows, differences first). The caller checked that its caller may read `statement`.
 */
export async function exportReconciliation(
  statement: SettlementStatement,
  result: ReconciliationResult,
  format: SettlementExportFormat,
): Promise<ExportFile> {
  const scope: ExportScope = { statements: [statement], figures: new Map(), label: statementNumber(statement) };
  const kind = SettlementExportKind.RECONCILIATION;
  const rows: ReconLine[] = RECON_GROUPS.flatMap((g) => result[g.key].map((r) => ({ ...r, result: g })));
  if (rows.length > MAX_EXPORT_ROWS) throw tooLarge(`${rows.length} rows (at most ${MAX_EXPORT_ROWS})`);
  const columns = reconColumns();
  if (format === SettlementExportFormat.CSV) {
    const out = new Sized();
    out.push(csvHeader(columns));
    for (const r of rows) out.push(csvRow(columns, r));
    return file(kind, scope, format, Buffer.from(out.text(), 'utf8'), rows.length);
  }
  if (format !== SettlementExportFormat.XLSX) throw badInput('A reconciliation is exported as CSV or XLSX.');
  const wb = workbook();
  const summary = wb.addWorksheet('Summary 汇总');
  summary.columns = [
    { header: '结果 Result', key: 'g', width: 34 },
    { header: '行数 Rows', key: 'n', width: 10 },
    { header: '平台金额(元) Perkmall (CNY)', key: 'p', width: 24, style: { numFmt: '0.00' } },
    { header: '供应商金额(元) Supplier (CNY)', key: 's', width: 24, style: { numFmt: '0.00' } },
  ];
  summary.getRow(1).font = { bold: true };
  for (const g of RECON_GROUPS) {
    const list = result[g.key];
    summary.addRow({
      g: `${g.zh} ${g.en}`,
      n: list.length,
      p: list.reduce((s, r) => s + (r.perkmallAmountFen ?? 0), 0) / 100,
      s: list.reduce((s, r) => s + (r.supplierAmountFen ?? 0), 0) / 100,
    });
  }
  const add = sheet(wb, 'Rows 明细', columns);
  rows.forEach(add);
  return file(kind, scope, format, Buffer.from(await wb.xlsx.writeBuffer()), rows.length);
}

// ---------------------------------------------------------------------------------------------
// The statement PDF.

const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/** Labels in Chinese with English when the CJK font is there; English (with pinyin-free ASCII) otherwise. */
function labeller(cjk: boolean) {
  return (zh: string, en: string) => (cjk ? `${zh} ${en}` : en);
}

/**
 * One statement as a PDF a finance department files: header (bank, supplier, period, status,
 * number, issue and due dates), the figures, the lines over as many pages as they need (header row
 * repeated on each), totals, payments, and boxes for signatures and stamps. Page "n / m" in the footer.
 */
async function statementPdf(
  em: SqlEntityManager,
  scope: ExportScope,
  s: SettlementStatement,
): Promise<{ data: Buffer; rows: number }> {
  const cjk = fs.existsSync(CJK_FONT);
  const L = labeller(cjk);
  const no = statementNumber(s);
  const doc = new (pdfkit())({
    size: 'A4',
    margin: 40,
    bufferPages: true,
    info: { Title: `Settlement statement ${no}`, Subject: no, Author: 'Perkmall', Keywords: `settlement ${no}` },
  });
  if (cjk) {
    doc.registerFont('body', CJK_FONT, 'WenQuanYiMicroHei');
    doc.font('body');
  } else doc.font('Helvetica');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 20;

  doc.fontSize(16).text(L('结算对账单', 'Settlement statement'), { align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(9);
  const f = scope.figures.get(s.id)!;
  const head: [string, string][] = [
    [L('对账单号', 'Statement no.'), no],
    [L('银行', 'Bank'), scope.bankName?.(s.bankId) ?? `#${s.bankId}`],
    [L('供应商', 'Supplier'), scope.supplierName?.(s.supplierId) ?? `#${s.supplierId}`],
    [L('期间', 'Period'), s.period],
    [L('状态', 'Status'), cjk ? `${STATUS_ZH[s.status] ?? ''} ${s.status}` : s.status],
    [L('出具日期', 'Issued'), s.issuedAt ? asDate(s.issuedAt).toISOString().slice(0, 10) : '—'],
    [L('付款到期日', 'Due on'), s.dueOn ?? '—'],
  ];
  for (const [k, v] of head) {
    const y = doc.y;
    doc.text(k, left, y, { width: 150 });
    doc.text(v, left + 160, y, { width: width - 160 });
  }
  doc.moveDown(0.8);
  doc.fontSize(11).text(L('金额汇总(元)', 'Figures (CNY)'), left);
  doc.fontSize(9).moveDown(0.3);
  for (const l of FIGURE_LABELS) {
    const y = doc.y;
    doc.text(L(l.zh, l.en), left, y, { width: 200 });
    doc.text(yuan(f[l.key]), left + 200, y, { width: 120, align: 'right' });
  }
  doc.moveDown(0.8);

  // Lines, paginated, with the header row on every page.
  const cols: { title: string; w: number; align?: 'right' }[] = [
    { title: L('类型', 'Kind'), w: 95 },
    { title: L('订单', 'Order'), w: 55 },
    { title: L('商品', 'Item'), w: 150 },
    { title: L('数量', 'Qty'), w: 35, align: 'right' },
    { title: L('单价', 'Unit'), w: 70, align: 'right' },
    { title: L('金额', 'Amount'), w: 80, align: 'right' },
  ];
  const rowHeight = 13;
  const tableHeader = () => {
    let x = left;
    const y = doc.y;
    doc.fontSize(8);
    for (const c of cols) {
      doc.text(c.title, x, y, { width: c.w - 4, align: c.align ?? 'left', lineBreak: false });
      x += c.w;
    }
    doc
      .moveTo(left, y + rowHeight - 2)
      .lineTo(left + width, y + rowHeight - 2)
      .stroke();
    doc.y = y + rowHeight;
  };
  doc.fontSize(11).text(L('明细', 'Lines'), left);
  doc.moveDown(0.3);
  tableHeader();
  let rows = 0;
  let sum = 0;
  for await (const batch of streamLines(em, [s.id]))
    for (const l of batch) {
      if (doc.y + rowHeight > bottom()) {
        doc.addPage();
        tableHeader();
      }
      const cells = [
        cjk ? `${KIND_ZH[l.kind]} ${l.kind}` : l.kind,
        String(l.orderId),
        (l.title ?? l.note ?? '').slice(0, 30),
        String(l.quantity),
        yuan(l.unitSupplierPriceFen),
        yuan(l.amountFen),
      ];
      let x = left;
      const y = doc.y;
      cells.forEach((text, i) => {
        const c = cols[i]!;
        doc.text(cjk ? text : text.replace(/[^\x20-\x7e]/g, '?'), x, y, {
          width: c.w - 4,
          align: c.align ?? 'left',
          lineBreak: false,
          height: rowHeight,
          ellipsis: true,
        });
        x += c.w;
      });
      doc.y = y + rowHeight;
      rows++;
      if (l.kind !== SettlementLineKind.COMMISSION && l.kind !== SettlementLineKind.COMMISSION_RETURN)
        sum += l.amountFen;
    }
  if (doc.y + 60 > bottom()) doc.addPage();
  doc.moveDown(0.5).fontSize(9);
  doc.text(`${L('明细行数', 'Lines')}: ${rows}    ${L('应付合计', 'Total owed')}: ${yuan(sum)}`, left);

  // Payments.
  doc.moveDown(0.8).fontSize(11).text(L('付款记录', 'Payments'), left);
  doc.fontSize(9).moveDown(0.3);
  const payments = scope.payments ?? [];
  if (payments.length === 0) doc.text(L('暂无', 'None'), left);
  for (const p of payments) {
    if (doc.y + rowHeight > bottom()) doc.addPage();
    doc.text(`${p.paidOn}    ${p.reference}    ${yuan(Number(p.amountFen))}`, left);
  }
  doc.text(`${L('已付', 'Paid')}: ${yuan(f.paidFen)}    ${L('未付', 'Outstanding')}: ${yuan(f.outstandingFen)}`, left);

  // Signature and stamp boxes.
  if (doc.y + 120 > bottom()) doc.addPage();
  doc.moveDown(1.5);
  const boxY = doc.y;
  const boxW = (width - 20) / 2;
  for (const [i, label] of [
    L('银行财务 签字/盖章', 'Bank finance: signature / stamp'),
    L('供应商 签字/盖章', 'Supplier: signature / stamp'),
  ].entries()) {
    const x = left + i * (boxW + 20);
    doc.rect(x, boxY, boxW, 90).stroke();
    doc.text(label, x + 6, boxY + 6, { width: boxW - 12 });
    doc.text(L('日期', 'Date') + ':', x + 6, boxY + 70, { width: boxW - 12 });
  }

  // Footer: number and page n / m on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin: lifted for the footer, so writing there starts no new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(7).text(`${no}    ${i + 1} / ${range.count}`, left, doc.page.height - margin + 10, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  await done;
  return { data: Buffer.concat(chunks), rows };
}

// ---------------------------------------------------------------------------------------------
// What an export covers, for the caller.

export interface SettlementExportRequest {
  kind: SettlementExportKind;
  format: SettlementExportFormat;
  statementId?: number | null;
  period?: string | null;
  bankId?: number | null;
  supplierId?: number | null;
  afterLineId?: number | null;
}

/** Most statements one export covers (a month of one bank: one per supplier). */
export const MAX_EXPORT_STATEMENTS = 500;

/**
 * The latest reconciliation of a statement (the last bill its supplier uploaded) as export rows; null
 * while there is none. A units difference is spelled out in the row's note (one units column).
 */
async function reconciliationOf(
  em: SqlEntityManager,
  statement: SettlementStatement,
): Promise<ReconciliationResult | null> {
  const [run] = await em.find(
    StatementReconciliation,
    { statementId: statement.id },
    { orderBy: { id: 'DESC' }, limit: 1 },
  );
  if (!run) return null;
  const rows = (entries: ReconciliationEntry[]): ReconciliationRow[] =>
    entries.map((e) => ({
      orderReference: e.orderReference,
      quantity: e.ourQuantity ?? e.theirQuantity,
      perkmallAmountFen: e.ourAmountFen,
      supplierAmountFen: e.theirAmountFen,
      note:
        e.ourQuantity != null && e.theirQuantity != null && e.ourQuantity !== e.theirQuantity
          ? `数量 units: Perkmall ${e.ourQuantity} / 供应商 supplier ${e.theirQuantity}`
          : null,
    }));
  return {
    matched: rows(run.result.matched),
    missingOnSupplierBill: rows(run.result.missingOnSupplierBill),
    missingInPerkmall: rows(run.result.missingInPerkmall),
    amountDifferences: rows(run.result.amountDifferences),
  };
}

/** Names looked up for a file's header rows: at most this many banks and suppliers (else their ids). */
const MAX_NAME_LOOKUPS = 20;

/** Bank and supplier names, from tenants and catalog; "#id" for any that cannot be had. */
export interface PartyNames {
  bank(id: number): Promise<string | null>;
  supplier(id: number): Promise<string | null>;
}

export class RemotePartyNames implements PartyNames {
  constructor(private readonly client = new ServiceClient('service', 'orders')) {}
  async bank(id: number): Promise<string | null> {
    return (await this.client.request('tenants', SettlementBankNameDocument, { id: String(id) })).bank.name;
  }
  async supplier(id: number): Promise<string | null> {
    return (await this.client.request('catalog', SettlementSupplierNameDocument, { id: String(id) })).supplier.name;
  }
}

let remote: RemotePartyNames | undefined;
function remoteNames(): RemotePartyNames {
  remote ??= new RemotePartyNames();
  return remote;
}

/** Each distinct id's name, looked up in parallel; a failed look-up leaves the id (a file is still made). */
async function namesOf(ids: number[], lookUp: (id: number) => Promise<string | null>): Promise<Map<number, string>> {
  const distinct = [...new Set(ids)].slice(0, MAX_NAME_LOOKUPS);
  const found = await Promise.all(distinct.map((id) => lookUp(id).catch(() => null)));
  return new Map(distinct.flatMap((id, i) => (found[i] ? [[id, found[i]]] : [])));
}

export class SettlementExportService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
    private readonly names: PartyNames = remoteNames(),
  ) {}

  async export(req: SettlementExportRequest): Promise<ExportFile> {
    requireSettlementReader(this.principal);
    const statements = await this.statements(req);
    if (req.kind === SettlementExportKind.RECONCILIATION) {
      if (statements.length !== 1)
        throw badInput('A reconciliation is of one statement: give its settlementStatementId.');
      const result = await reconciliationOf(this.em, statements[0]!);
      if (!result)
        throw badInput(
          `Statement ${statements[0]!.id} has no reconciliation yet: the supplier uploads its bill (reconcileSupplierBill) first.`,
        );
      return exportReconciliation(statements[0]!, result, req.format);
    }
    const [figures, banks, suppliers] = await Promise.all([
      statementFigures(this.em, statements),
      namesOf(
        statements.map((s) => s.bankId),
        (id) => this.names.bank(id),
      ),
      namesOf(
        statements.map((s) => s.supplierId),
        (id) => this.names.supplier(id),
      ),
    ]);
    const scope: ExportScope = {
      statements,
      figures,
      bankName: (id) => banks.get(id) ?? `#${id}`,
      supplierName: (id) => suppliers.get(id) ?? `#${id}`,
      label: req.statementId ? statementNumber(statements[0]!) : `${req.period}`,
      afterLineId: req.afterLineId ?? 0,
    };
    if (req.format === SettlementExportFormat.PDF && statements.length === 1)
      scope.payments = await this.em.find(
        SettlementPayment,
        { statementId: statements[0]!.id },
        { orderBy: { paidOn: 'ASC', id: 'ASC' } },
      );
    if (req.kind === SettlementExportKind.INVOICES)
      scope.invoices = await new InvoiceService(this.em, this.principal).invoicesOf(statements.map((s) => s.id));
    return exportSettlement(this.em, req.kind, req.format, scope);
  }

  /** One statement the caller may read, or a month's statements it may read (a bank's, a supplier's, or any for the platform). */
  private async statements(req: SettlementExportRequest): Promise<SettlementStatement[]> {
    if (req.statementId != null) return [await readableStatement(this.em, this.principal, req.statementId)];
    if (!req.period || !/^\d{4}-(0[1-9]|1[0-2])$/.test(req.period))
      throw badInput('Say what to export: a settlementStatementId, or a period (YYYY-MM).', [
        { field: 'input.period', message: 'YYYY-MM, or give settlementStatementId.' },
      ]);
    const where: FilterQuery<SettlementStatement> = { period: req.period };
    const bank = isBankStaff(this.principal) ? this.principal.bankId : undefined;
    const supplier = isSupplier(this.principal) ? this.principal.supplierId : undefined;
    if (bank !== undefined && req.bankId && String(req.bankId) !== bank) throw notFound('Bank', req.bankId);
    if (supplier !== undefined && req.supplierId && String(req.supplierId) !== supplier)
      throw notFound('Supplier', req.supplierId);
    const bankId = bank !== undefined ? Number(bank) : req.bankId;
    const supplierId = supplier !== undefined ? Number(supplier) : req.supplierId;
    if (bankId) where.bankId = bankId;
    if (supplierId) where.supplierId = supplierId;
    const found = await this.em.find(SettlementStatement, where, {
      orderBy: { bankId: 'ASC', supplierId: 'ASC' },
      limit: MAX_EXPORT_STATEMENTS + 1,
    });
    if (found.length > MAX_EXPORT_STATEMENTS)
      throw badInput(
        `More than ${MAX_EXPORT_STATEMENTS} statements in ${req.period}: narrow the export to one bank (bankId) or one supplier (supplierId).`,
      );
    return found;
  }
}
