/**
 * Reading a spreadsheet the supplier picked, in the browser: CSV (RFC 4180 quoting; UTF-8 with or
 * without a BOM, else GBK as Excel saves it on Chinese Windows) or XLSX (exceljs, loaded only when an
 * XLSX is chosen). Sizes are bounded before anything is parsed.
 */

/** Larger files are refused before they are read. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Rows of one import (a file of more is refused whole, so nothing is half-imported). */
export const MAX_ROWS = 20_000;

/** The first row is the header; every cell a trimmed string. */
export interface Sheet {
  header: string[];
  rows: string[][];
}

/** UTF-8 (BOM or valid), else GBK. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((v) => v.trim() !== ''));
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return String(v.text);
    if (v.result !== undefined) return String(v.result);
    return '';
  }
  return String(value);
}

async function parseXlsx(buffer: ArrayBuffer): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (r) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(r.getCell(c).value));
    rows.push(cells);
  });
  return rows.filter((r) => r.some((v) => v.trim() !== ''));
}

export class SheetError extends Error {}

export async function readSheet(file: File): Promise<Sheet> {
  if (file.size > MAX_FILE_BYTES) throw new SheetError('too-large');
  const buffer = await file.arrayBuffer();
  const isXlsx = /\.xlsx$/i.test(file.name);
  const all = isXlsx ? await parseXlsx(buffer) : parseCsv(decodeText(new Uint8Array(buffer)));
  if (all.length < 1) throw new SheetError('empty');
  if (all.length - 1 > MAX_ROWS) throw new SheetError('too-many-rows');
  const [header, ...rows] = all.map((r) => r.map((v) => v.trim()));
  return { header: header!, rows };
}
