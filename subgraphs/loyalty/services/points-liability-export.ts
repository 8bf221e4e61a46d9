import { registerEnumType } from 'type-graphql';
import { lazyModule } from '../../../core/lazy-module';
import type { LiabilityMonth, LiabilityReport } from './points-liability.service';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (core/lazy-module.ts)
const excel = lazyModule(() => require('exceljs') as typeof import('exceljs'));

/** The file formats of the points liability export. */
export enum PointsLiabilityFileFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(PointsLiabilityFileFormat, {
  name: 'PointsLiabilityFileFormat',
  description: 'CSV (one file: the summary, a blank line, the monthly table) or XLSX (a sheet for each).',
});

/**
 * The language of an export's headers and labels (the figures are the same): the same enum as orders'
 * dashboard CSV (same name, values and description, so composition merges the two).
 */
export enum CsvLanguage {
  ZH_CN = 'ZH_CN',
  EN = 'EN',
}
registerEnumType(CsvLanguage, { name: 'CsvLanguage', description: "The language of a CSV export's header row." });

type Cell = string | number;

/** Fen as yuan with two decimals, by integer arithmetic: -1234 → "-12.34". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF. Every text here is ours (no formulas). */
function csvField(v: Cell): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

interface Labelled<T> {
  en: string;
  zh: string;
  value: (r: T) => Cell;
}

/** The summary, one labelled figure a row; keys in English whatever the language, so a machine can read it too. */
function summaryRows(r: LiabilityReport): { key: string; en: string; zh: string; value: Cell }[] {
  const rows: { key: string; en: string; zh: string; value: Cell }[] = [
    { key: 'bank_id', en: 'Bank', zh: '银行ID', value: r.bankId },
    { key: 'as_of', en: 'As of (UTC)', zh: '截至(UTC)', value: r.asOf.toISOString() },
    { key: 'time_zone', en: 'Time zone', zh: '时区', value: r.timeZone },
    { key: 'points_per_yuan', en: 'Points per CNY', zh: '每元积分', value: r.pointsPerYuan },
    { key: 'available_points', en: 'Available points', zh: '可用积分', value: r.availablePoints },
    { key: 'held_points', en: 'Held points (unpaid orders)', zh: '冻结积分(未支付订单)', value: r.heldPoints },
    { key: 'outstanding_points', en: 'Outstanding points', zh: '未兑付积分', value: r.outstandingPoints },
    { key: 'liability_fen', en: 'Liability (fen)', zh: '积分负债(分)', value: r.liabilityFen },
    { key: 'liability_yuan', en: 'Liability (CNY)', zh: '积分负债(元)', value: yuan(r.liabilityFen) },
  ];
  for (const e of r.expiring)
    rows.push({
      key: `expiring_within_${e.withinDays}_days`,
      en: `Expiring within ${e.withinDays} days`,
      zh: `${e.withinDays}天内到期积分`,
      value: e.points,
    });
  rows.push({
    key: 'overdue_points',
    en: 'Past expiry, not yet swept',
    zh: '已到期待清理积分',
    value: r.overduePoints,
  });
  return rows;
}

const MONTH_COLUMNS: Labelled<LiabilityMonth>[] = [
  { en: 'month', zh: '月份', value: (m) => m.month },
  { en: 'opening_points', zh: '期初积分', value: (m) => m.opening },
  { en: 'earned_points', zh: '发放积分', value: (m) => m.earned },
  { en: 'redeemed_points', zh: '兑换积分', value: (m) => m.redeemed },
  { en: 'refunded_points', zh: '退回积分', value: (m) => m.refunded },
  { en: 'expired_points', zh: '过期积分', value: (m) => m.expired },
  { en: 'adjusted_points', zh: '调整积分', value: (m) => m.adjusted },
  { en: 'closing_points', zh: '期末积分', value: (m) => m.closing },
  { en: 'closing_liability_fen', zh: '期末负债(分)', value: (m) => m.closingLiabilityFen },
];

function fileStem(r: LiabilityReport): string {
  const first = r.months[0]?.month ?? '';
  const last = r.months.at(-1)?.month ?? '';
  return `points-liability-bank${r.bankId}-${first}-${last}`;
}

/**
 * The CSV: a two-column summary (key, label, value) first, a blank line, then the monthly table; a
 * BOM and CRLF so a spreadsheet opens the Chinese labels, as the dashboard's CSV does.
 */
export function liabilityCsv(r: LiabilityReport, language: CsvLanguage): { fileName: string; bytes: Buffer } {
  const zh = language === CsvLanguage.ZH_CN;
  const lines: string[] = [];
  lines.push(['key', zh ? '项目' : 'item', zh ? '数值' : 'value'].map(csvField).join(','));
  for (const s of summaryRows(r)) lines.push([s.key, zh ? s.zh : s.en, s.value].map(csvField).join(','));
  lines.push('');
  lines.push(MONTH_COLUMNS.map((c) => csvField(zh ? c.zh : c.en)).join(','));
  for (const m of r.months) lines.push(MONTH_COLUMNS.map((c) => csvField(c.value(m))).join(','));
  return { fileName: `${fileStem(r)}.csv`, bytes: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8') };
}

/** The XLSX: a summary sheet and a monthly sheet; figures are numbers (fen and points as integers). */
export async function liabilityXlsx(
  r: LiabilityReport,
  language: CsvLanguage,
): Promise<{ fileName: string; bytes: Buffer }> {
  const zh = language === CsvLanguage.ZH_CN;
  const book = new (excel().Workbook)();
  book.creator = 'Perkmall';
  // Fixed, so the same report gives the same file.
  book.created = r.generatedAt;
  book.modified = r.generatedAt;
  const summary = book.addWorksheet(zh ? '汇总' : 'Summary');
  summary.columns = [
    { header: 'key', key: 'key', width: 28 },
    { header: zh ? '项目' : 'Item', key: 'label', width: 30 },
    { header: zh ? '数值' : 'Value', key: 'value', width: 24 },
  ];
  for (const s of summaryRows(r)) summary.addRow({ key: s.key, label: zh ? s.zh : s.en, value: s.value });
  const monthly = book.addWorksheet(zh ? '月度变动' : 'Monthly');
  monthly.columns = MONTH_COLUMNS.map((c) => ({ header: zh ? c.zh : c.en, key: c.en, width: 16 }));
  for (const m of r.months) monthly.addRow(Object.fromEntries(MONTH_COLUMNS.map((c) => [c.en, c.value(m)])));
  for (const sheet of [summary, monthly]) sheet.getRow(1).font = { bold: true };
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  return { fileName: `${fileStem(r)}.xlsx`, bytes };
}
