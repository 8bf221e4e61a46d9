import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { lazyModule } from './lazy-module';
import { badInput } from './errors';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (core/lazy-module.ts)
const excel = lazyModule(() => require('exceljs') as typeof import('exceljs'));

/**
 * Reading a table a person uploads (CSV or XLSX, base64 in a GraphQL mutation) into rows of cell
 * text, bounded everywhere: the decoded size, an XLSX's unpacked size (checked by inflating with a
 * cap before exceljs sees it), and the rows read. Used by the orders subgraph's supplier bills and
 * the catalog's SKU imports; each names its own limits.
 */

/** The decoded file, or BAD_USER_INPUT: not base64, empty, or above `maxBytes` (`what` names the file in the message). */
export function decodeBase64Upload(base64: string, maxBytes: number, what: string): Buffer {
  const text = base64.replace(/^data:[^;,]*;base64,/, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
    throw badInput('file.base64 is not valid base64 (A–Z, a–z, 0–9, +, / and = padding, no line breaks).');
  const decodedLength = (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  if (decodedLength === 0) throw badInput('The file is empty.');
  if (decodedLength > maxBytes)
    throw badInput(
      `The file is ${decodedLength.toLocaleString('en')} bytes; ${what} may be at most ${maxBytes.toLocaleString('en')} bytes — split it, or save it as XLSX (smaller).`,
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
export function checkZipBounds(bytes: Buffer, maxUnpacked: number): void {
  const notXlsx = () =>
    badInput('The file is not a readable XLSX workbook (save it again from Excel as .xlsx, or as CSV).');
  const tooBig = () =>
    badInput(
      `The XLSX unpacks to more than ${Math.round(maxUnpacked / 1024 / 1024)} MB: split the file, or save it as CSV.`,
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
export async function xlsxRows(bytes: Buffer, maxRows: number, maxUnpacked: number): Promise<string[][]> {
  checkZipBounds(bytes, maxUnpacked);
  const reader = new (excel().stream.xlsx.WorkbookReader)(Readable.from([bytes]), {
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
