import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { badInput, type FieldProblem } from '../../../core/errors';

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

/** The decoded file, or BAD_USER_INPUT: not base64, empty, or above the size limit. */
export function decodeBase64File(base64: string): Buffer {
  const text = base64.replace(/^data:[^;,]*;base64,/, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
    throw badInput('file.base64 is not valid base64 (A–Z, a–z, 0–9, +, / and = padding, no line breaks).');
  const decodedLength = (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  if (decodedLength === 0) throw badInput('The file is empty.');
  if (decodedLength > MAX_BILL_BYTES)
    throw badInput(
      `The file is ${decodedLength.toLocaleString('en')} bytes; a bill may be at most ${MAX_BILL_BYTES.toLocaleString('en')} bytes — split it, or save it as XLSX (smaller).`,
    );
  return Buffer.from(text, 'base64');
}

/** UTF-8 (with or without BOM), else GB18030 (what Chinese Excel saves as "CSV"). */
export function decodeText(bytes: Buffer): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF); the delimiter is a comma, or a tab / semicolon when the first line has those and no comma. */
export function* csvRows(text: string): Generator<string[]> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes(',')
    ? ','
    : firstLine.includes('\t')
      ? '\t'
      : firstLine.includes(';')
        ? ';'
        : ',';
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      field = '';
      yield row;
      row = [];
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    yield row;
  }
}

/**
 * An XLSX is a zip: before exceljs sees it, every part is inflated with a cap on the bytes it may
 * produce (node's zlib stops at maxOutputLength), so a zip bomb costs at most that much, whatever its
 * headers claim. Only stored and deflated parts are accepted; ZIP64 is not needed for 3 MB.
 */
export function checkZipBounds(bytes: Buffer, maxUnpacked = MAX_XLSX_UNPACKED_BYTES): void {
  const notXlsx = () =>
    badInput('The file is not a readable XLSX workbook (save it again from Excel as .xlsx, or as CSV).');
  const tooBig = () =>
    badInput(
      `The XLSX unpacks to more than ${Math.round(maxUnpacked / 1024 / 1024)} MB: split the bill, or save it as CSV.`,
    );
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= searchFrom; i--)
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw notXlsx();
  const entries = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  if (entries > 1000) throw notXlsx();
  let budget = maxUnpacked;
  for (let e = 0; e < entries; e++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw notXlsx();
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    at += 46 + nameLength + extraLength + commentLength;
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw notXlsx();
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + compressed > bytes.length) throw notXlsx();
    let size: number;
    if (method === 0) size = compressed;
    else if (method === 8) {
      try {
        size = inflateRawSync(bytes.subarray(start, start + compressed), { maxOutputLength: budget + 1 }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig();
        throw notXlsx();
      }
    } else throw notXlsx();
    budget -= size;
    if (budget < 0) throw tooBig();
  }
}

type CellText = string;

/** A cell as text: numbers as JavaScript prints them (the shortest exact form: 12.3 stays "12.3"). */
function cellText(value: unknown): CellText {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if (v.error) return v.error;
  }
  return String(value as string);
}

/** The first worksheet's rows as text, streamed; stops reading past the row limit. */
async function xlsxRows(bytes: Buffer, maxRows: number): Promise<string[][]> {
  checkZipBounds(bytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const rows: string[][] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]) ?? [];
        const out: string[] = [];
        // row.values is 1-based (index 0 empty); keep the sheet's row number with blank rows filled.
        for (let c = 1; c < Math.min(values.length, 64); c++) out.push(cellText(values[c]));
        while (rows.length < row.number - 1) rows.push([]);
        rows.push(out);
        if (rows.length > maxRows + 20) return rows;
      }
      break; // the first worksheet only
    }
  } catch (err) {
    if ((err as { extensions?: unknown }).extensions) throw err;
    throw badInput('The file is not a readable XLSX workbook (save it again from Excel as .xlsx, or as CSV).');
  }
  return rows;
}

export function isXlsx(filename: string, bytes: Buffer): boolean {
  return /\.xlsx$/i.test(filename) || (bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50);
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
  if (xlsx) table = await xlsxRows(bytes, MAX_BILL_ROWS);
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
