import { badInput, type FieldProblem } from '../../../core/errors';
import { csvRows, decodeBase64Upload, decodeText, isXlsx, xlsxRows } from '../../../core/table-file';

/**
 * A supplier's own bill (CSV or XLSX) read into rows: order reference (or supplier order number),
 * units and amount in fen, each with its row number. Everything a client sends is bounded: the file's
 * size, its rows, an XLSX's unpacked size, and the problems reported.
 */

/**
 * Decoded bytes. The gateway takes a bulk mutation body of 4 MiB (PERKMALL_MAX_BULK_BODY_BYTES):
 * base64 of 3,000,000 bytes is 4,000,000 characters, which leaves room for the query.
 */
export const MAX_BILL_BYTES = 3_000_000;
/** Data rows (the header and blank rows not counted). */
export const MAX_BILL_ROWS = 50_000;
/** What an XLSX may unpack to, all its parts together: checked by inflating before parsing. */
export const MAX_XLSX_UNPACKED_BYTES = 60 * 1024 * 1024;
/** Row problems reported (the count says how many there were). */
export const MAX_ROW_PROBLEMS = 100;
/** One row's amount, either sign: 100,000,000.00 yuan; 50,000 rows of it sum well inside a safe integer. */
const MAX_ROW_FEN = 10_000_000_000;
const MAX_ROW_UNITS = 1_000_000;

export type BillColumn = 'orderReference' | 'supplierOrderReference' | 'sku' | 'quantity' | 'amount' | 'date';

export interface BillRow {
  /** 1-based row number in the file (as a spreadsheet shows it). */
  row: number;
  /** The order number (Order.id), when the bill gave it. */
  orderId: string | null;
  /** The supplier order number (SupplierOrder.id), when the bill gave that instead. */
  supplierOrderId: string | null;
  sku: string | null;
  quantity: number;
  amountFen: number;
}

/** Header names, normalised (lower case, no spaces, punctuation or bracketed units such as "(元)"). */
const HEADERS: Record<BillColumn, string[]> = {
  orderReference: [
    '订单号',
    '订单编号',
    '订单id',
    '平台订单号',
    '商城订单号',
    '银行订单号',
    'orderno',
    'ordernumber',
    'orderid',
    'orderreference',
    'orderref',
    'order',
  ],
  supplierOrderReference: [
    '子订单号',
    '子订单编号',
    '供应商订单号',
    '供应商订单编号',
    '履约单号',
    'supplierorderno',
    'supplierorderid',
    'supplierorder',
    'supplierordernumber',
  ],
  sku: ['sku', 'skucode', 'sku编码', 'sku编号', '商品编码', '商品编号', '货号', 'skuid'],
  quantity: ['数量', '件数', '商品数量', '结算数量', 'qty', 'quantity', 'units'],
  amount: [
    '金额',
    '结算金额',
    '应收金额',
    '应结金额',
    '含税金额',
    '总金额',
    '合计金额',
    '对账金额',
    'amount',
    'amountcny',
    'amountyuan',
    'total',
    'totalamount',
    'settlementamount',
  ],
  date: ['日期', '发货日期', '签收日期', '交付日期', '订单日期', '完成日期', 'date', 'deliverydate', 'delivereddate'],
};

export function normaliseHeader(text: string): string {
  return text
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .toLowerCase()
    .replace(/[\s_\-.:：#/\\]/g, '');
}

const HEADER_OF = new Map<string, BillColumn>();
for (const [column, names] of Object.entries(HEADERS) as [BillColumn, string[]][])
  for (const n of names) HEADER_OF.set(normaliseHeader(n), column);

const COLUMN_NAMES: Record<BillColumn, string> = {
  orderReference: '订单号 / order no',
  supplierOrderReference: '子订单号 / supplier order no',
  sku: 'SKU',
  quantity: '数量 / quantity',
  amount: '金额 / amount',
  date: '日期 / date',
};

/** The decoded file, or BAD_USER_INPUT: not base64, empty, or above the bill size limit. */
export function decodeBase64File(base64: string): Buffer {
  return decodeBase64Upload(base64, MAX_BILL_BYTES, 'a bill');
}

/** Yuan with at most two decimals ("1,234.5", "¥12", "-3.20") → fen, exactly (no floating point). */
export function yuanToFen(text: string): number | string {
  const t = text.replace(/[\s,，¥￥]/g, '').replace(/^\((.*)\)$/, '-$1');
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(t);
  if (!m) return 'is not an amount in yuan (e.g. 128.50)';
  const decimals = m[3] ?? '';
  if (decimals.length > 2) return `has ${decimals.length} decimals; amounts are yuan with at most 2 (fen)`;
  if (m[2]!.length > 11) return 'is too large';
  const fen = Number(m[2]) * 100 + Number((decimals + '00').slice(0, 2));
  if (fen > MAX_ROW_FEN) return `is above ${MAX_ROW_FEN / 100} yuan`;
  return m[1] === '-' ? -fen : fen;
}

export interface ParsedBill {
  rows: BillRow[];
  /** Data rows read (blank rows not counted). */
  rowCount: number;
  columns: BillColumn[];
}

/**
 * Reads a bill. Any bad row makes the whole bill BAD_USER_INPUT with `problems` (the row number as
 * `index`, the column as `field`, the first 100), so nothing is reconciled from half a bill: a
 * finance clerk fixes the file and uploads it again, and the differences never include rows we
 * could not read.
 */
export async function parseBill(filename: string, base64: string): Promise<ParsedBill> {
  const bytes = decodeBase64File(base64);
  const xlsx = isXlsx(filename, bytes);
  let table: Iterable<string[]>;
  if (xlsx) table = await xlsxRows(bytes, MAX_BILL_ROWS, MAX_XLSX_UNPACKED_BYTES);
  else {
    if (bytes.includes(0)) throw badInput('The file is neither CSV text nor an XLSX workbook.');
    table = csvRows(decodeText(bytes));
  }

  let header: Map<BillColumn, number> | null = null;
  let rowNumber = 0;
  let rowCount = 0;
  const rows: BillRow[] = [];
  const problems: FieldProblem[] = [];
  let problemCount = 0;
  const problem = (row: number, field: BillColumn, message: string) => {
    problemCount++;
    if (problems.length < MAX_ROW_PROBLEMS)
      problems.push({ index: row, field, message: `Row ${row}, ${COLUMN_NAMES[field]}: ${message}.` });
  };

  for (const cells of table) {
    rowNumber++;
    const trimmed = cells.map((c) => c.trim());
    if (trimmed.every((c) => c === '')) continue;
    if (!header) {
      const found = new Map<BillColumn, number>();
      trimmed.forEach((c, i) => {
        const column = HEADER_OF.get(normaliseHeader(c));
        if (column && !found.has(column)) found.set(column, i);
      });
      if (found.has('orderReference') || found.has('supplierOrderReference')) {
        header = found;
        continue;
      }
      if (rowNumber >= 10) break;
      continue; // a title line above the header ("XX公司 2026年11月对账单")
    }
    rowCount++;
    if (rowCount > MAX_BILL_ROWS)
      throw badInput(
        `The bill has more than ${MAX_BILL_ROWS.toLocaleString('en')} rows: split it by month or by bank.`,
      );
    const at = (column: BillColumn) => {
      const i = header!.get(column);
      return i === undefined ? '' : (trimmed[i] ?? '');
    };
    let bad = false;
    const orderRef = at('orderReference');
    const supplierOrderRef = at('supplierOrderReference');
    const refColumn: BillColumn = header.has('orderReference') ? 'orderReference' : 'supplierOrderReference';
    const ref = orderRef || supplierOrderRef;
    if (!ref) {
      problem(rowNumber, refColumn, 'the order number is missing');
      bad = true;
    } else if (!/^\d{1,10}$/.test(ref)) {
      problem(
        rowNumber,
        orderRef ? 'orderReference' : 'supplierOrderReference',
        `"${ref.slice(0, 40)}" is not an order number (digits only)`,
      );
      bad = true;
    }
    const quantityText = at('quantity').replace(/[\s,，]/g, '');
    let quantity = 0;
    if (!/^[+-]?\d{1,7}$/.test(quantityText) || Math.abs(Number(quantityText)) > MAX_ROW_UNITS) {
      problem(
        rowNumber,
        'quantity',
        quantityText ? `"${quantityText.slice(0, 40)}" is not a whole number of units` : 'the quantity is missing',
      );
      bad = true;
    } else quantity = Number(quantityText);
    const amountText = at('amount');
    let amountFen = 0;
    if (!amountText) {
      problem(rowNumber, 'amount', 'the amount is missing');
      bad = true;
    } else {
      const fen = yuanToFen(amountText);
      if (typeof fen === 'string') {
        problem(rowNumber, 'amount', `"${amountText.slice(0, 40)}" ${fen}`);
        bad = true;
      } else amountFen = fen;
    }
    if (bad) continue;
    rows.push({
      row: rowNumber,
      orderId: orderRef ? String(Number(orderRef)) : null,
      supplierOrderId: orderRef ? null : String(Number(supplierOrderRef)),
      sku: at('sku') || null,
      quantity,
      amountFen,
    });
  }
  if (!header)
    throw badInput(
      'No header row found in the first 10 rows: the bill needs an order number column (订单号 / order no, or 子订单号 / supplier order no), 数量 / quantity and 金额 / amount (yuan).',
    );
  const missing = (['quantity', 'amount'] as const).filter((c) => !header!.has(c));
  if (missing.length)
    throw badInput(
      `The bill's header has no ${missing.map((c) => COLUMN_NAMES[c]).join(' and ')} column.`,
      missing.map((c) => ({ field: c, message: `No ${COLUMN_NAMES[c]} column.` })),
    );
  if (problemCount > 0)
    throw badInput(
      `${problemCount} row${problemCount === 1 ? ' has a problem' : 's have problems'}${problemCount > problems.length ? ` (the first ${problems.length} listed)` : ''}; nothing was reconciled: correct the bill and upload it again. ${problems
        .slice(0, 3)
        .map((p) => p.message)
        .join(' ')}`,
      problems,
    );
  if (rowCount === 0) throw badInput('The bill has a header but no rows.');
  return { rows, rowCount, columns: [...header.keys()] };
}
