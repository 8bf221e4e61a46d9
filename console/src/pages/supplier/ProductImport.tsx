/**
 * 批量导入 SKU (supplier MANAGE_CATALOG): a CSV (UTF-8 or GBK) or XLSX of SKU rows, thousands at a
 * time. Every row is checked first — here (columns, numbers, duplicates in the file) and by the API
 * (`bulkUpsertSkus(dryRun: true)`, the same checks as a real upload, 1,000 rows a call) — and each
 * bad row is listed with its row number, column and reason. Nothing is written while any row is bad;
 * importing only the good rows is a separate, explicit step. Then the rows are saved 1,000 a call
 * (each call all or nothing), with progress.
 */
import { useRef, useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Progress from 'antd/es/progress';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import { csvText, download } from '../../csv';
import { graphql } from '../../gql';
import type { SkuRowInput, SkuStatus } from '../../gql/graphql';
import { readSheet, SheetError, type Sheet } from './table-file';

const BulkUpsertSkusDocument = graphql(`
  mutation ConsoleBulkUpsertSkus($input: BulkUpsertSkusInput!) {
    bulkUpsertSkus(input: $input) {
      wouldCreate
      wouldUpdate
      created {
        id
      }
      updated {
        id
      }
    }
  }
`);

/** Rows per API call (bulkUpsertSkus takes at most 1,000). */
const BATCH = 1000;

type Key =
  'code' | 'productCode' | 'specs' | 'supplierPrice' | 'listPrice' | 'stock' | 'weightGrams' | 'barcode' | 'status';
/** Accepted header names of each column (the template's first). */
const COLUMNS: { key: Key; headers: string[]; fields: string[] }[] = [
  { key: 'code', headers: ['sku_code', 'SKU编码', 'code'], fields: ['code'] },
  { key: 'productCode', headers: ['product_code', '商品编码'], fields: ['productCode', 'productId'] },
  { key: 'specs', headers: ['specs', '规格'], fields: ['specs'] },
  { key: 'supplierPrice', headers: ['supplier_price', '供货价'], fields: ['supplierPriceFen'] },
  { key: 'listPrice', headers: ['list_price', '建议零售价'], fields: ['listPriceFen'] },
  { key: 'stock', headers: ['stock', '库存'], fields: ['initialStock'] },
  { key: 'weightGrams', headers: ['weight_grams', '重量克'], fields: ['weightGrams'] },
  { key: 'barcode', headers: ['barcode', '条码'], fields: ['barcode'] },
  { key: 'status', headers: ['status', '状态'], fields: ['status'] },
];

export interface RowProblem {
  /** The row in the file (the header is row 1). */
  row: number;
  column: string;
  reason: string;
}

interface Parsed {
  /** Rows that passed the browser's checks, with their file row numbers. */
  good: { row: number; input: SkuRowInput }[];
  problems: RowProblem[];
  total: number;
}

/** Yuan with at most two decimals → fen. */
function yuanToFen(v: string): number | null {
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(v)) return null;
  const [whole, frac = ''] = v.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

type T = (key: string, opts?: Record<string, unknown>) => string;

function parseRows(sheet: Sheet, t: T): Parsed | { missing: string } {
  const at = new Map<Key, number>();
  const headerOf = new Map<Key, string>();
  for (const c of COLUMNS) {
    const i = sheet.header.findIndex((h) => c.headers.some((n) => n.toLowerCase() === h.toLowerCase()));
    if (i >= 0) {
      at.set(c.key, i);
      headerOf.set(c.key, sheet.header[i]!);
    }
  }
  if (!at.has('code')) return { missing: 'sku_code' };
  const col = (k: Key) => headerOf.get(k) ?? COLUMNS.find((c) => c.key === k)!.headers[0]!;
  const problems: RowProblem[] = [];
  const good: Parsed['good'] = [];
  const firstRowOf = new Map<string, number>();
  sheet.rows.forEach((cells, i) => {
    const row = i + 2;
    const get = (k: Key) => (at.has(k) ? (cells[at.get(k)!] ?? '').trim() : '');
    const bad = (k: Key, reason: string) => problems.push({ row, column: col(k), reason });
    const before = problems.length;
    const input: SkuRowInput = { code: get('code') };
    if (!input.code) bad('code', t('productImport.reasons.required'));
    else if (firstRowOf.has(input.code))
      bad('code', t('productImport.reasons.duplicate', { row: firstRowOf.get(input.code) }));
    else firstRowOf.set(input.code, row);
    if (get('productCode')) input.productCode = get('productCode');
    if (get('specs')) {
      const pairs = get('specs')
        .split(/[;；]/)
        .map((s) => s.trim())
        .filter(Boolean);
      const specs = pairs.map((p) => {
        const [name, ...rest] = p.split(/[=＝:：]/);
        return { name: (name ?? '').trim(), value: rest.join('=').trim() };
      });
      if (specs.some((s) => !s.name || !s.value)) bad('specs', t('productImport.reasons.specs'));
      else input.specs = specs;
    }
    for (const [k, field] of [
      ['supplierPrice', 'supplierPriceFen'],
      ['listPrice', 'listPriceFen'],
    ] as const) {
      if (!get(k)) continue;
      const fen = yuanToFen(get(k));
      if (fen === null) bad(k, t('productImport.reasons.price', { value: get(k) }));
      else input[field] = fen;
    }
    for (const [k, field] of [
      ['stock', 'initialStock'],
      ['weightGrams', 'weightGrams'],
    ] as const) {
      if (!get(k)) continue;
      if (!/^\d{1,9}$/.test(get(k))) bad(k, t('productImport.reasons.integer', { value: get(k) }));
      else input[field] = Number(get(k));
    }
    if (get('barcode')) input.barcode = get('barcode');
    if (get('status')) {
      const s = get('status').toUpperCase();
      const status: SkuStatus | null =
        s === 'ACTIVE' || s === '上架' ? 'ACTIVE' : s === 'INACTIVE' || s === '下架' ? 'INACTIVE' : null;
      if (!status) bad('status', t('productImport.reasons.status', { value: get('status') }));
      else input.status = status;
    }
    if (problems.length === before) good.push({ row, input });
  });
  return { good, problems, total: sheet.rows.length };
}

/** The column a problem of the API names (its `field`), as the file calls it. */
function columnOfField(field: string, header: string[]): string {
  const c = COLUMNS.find((x) => x.fields.includes(field));
  if (!c) return field;
  return header.find((h) => c.headers.some((n) => n.toLowerCase() === h.toLowerCase())) ?? c.headers[0]!;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'checking' | 'saving'; done: number; total: number }
  | { kind: 'refused'; problems: RowProblem[]; goodRows: Parsed['good']; total: number }
  | { kind: 'saved'; created: number; updated: number }
  | { kind: 'failed'; message: string; savedRows: number };

export default function ProductImport() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [header, setHeader] = useState<string[]>([]);
  const [fileName, setFileName] = useState<string | null>(null);

  /** Checks every row with the API (dry run) and saves only when none is refused. */
  async function checkAndSave(rows: Parsed['good'], browserProblems: RowProblem[], total: number, head: string[]) {
    const problems = [...browserProblems];
    setPhase({ kind: 'checking', done: 0, total: rows.length });
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      try {
        await request(BulkUpsertSkusDocument, { input: { rows: batch.map((r) => r.input), dryRun: true } });
      } catch (e) {
        if (!(e instanceof ApiError) || e.problems.length === 0) {
          setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e), savedRows: 0 });
          return;
        }
        for (const p of e.problems)
          problems.push({
            row: p.index !== undefined && batch[p.index] ? batch[p.index]!.row : 0,
            column: columnOfField(p.field, head),
            reason: p.message,
          });
      }
      setPhase({ kind: 'checking', done: Math.min(start + BATCH, rows.length), total: rows.length });
    }
    if (problems.length > 0) {
      problems.sort((a, b) => a.row - b.row);
      const badRows = new Set(problems.map((p) => p.row));
      setPhase({ kind: 'refused', problems, goodRows: rows.filter((r) => !badRows.has(r.row)), total });
      return;
    }
    let created = 0;
    let updated = 0;
    setPhase({ kind: 'saving', done: 0, total: rows.length });
    for (let start = 0; start < rows.length; start += BATCH) {
      try {
        const r = await request(BulkUpsertSkusDocument, {
          input: { rows: rows.slice(start, start + BATCH).map((x) => x.input) },
        });
        created += r.bulkUpsertSkus.created.length;
        updated += r.bulkUpsertSkus.updated.length;
      } catch (e) {
        // Only when something changed between the check and the save (e.g. another upload).
        setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e), savedRows: start });
        return;
      }
      setPhase({ kind: 'saving', done: Math.min(start + BATCH, rows.length), total: rows.length });
    }
    setPhase({ kind: 'saved', created, updated });
  }

  async function onFile(file: File) {
    setFileName(file.name);
    setPhase({ kind: 'checking', done: 0, total: 0 });
    let sheet: Sheet;
    try {
      sheet = await readSheet(file);
    } catch (e) {
      const reason = e instanceof SheetError ? t(`productImport.fileErrors.${e.message}`) : String(e);
      setPhase({ kind: 'failed', message: reason, savedRows: 0 });
      return;
    }
    const parsed = parseRows(sheet, t);
    if ('missing' in parsed) {
      setPhase({ kind: 'failed', message: t('productImport.missingColumn', { column: parsed.missing }), savedRows: 0 });
      return;
    }
    setHeader(sheet.header);
    await checkAndSave(parsed.good, parsed.problems, parsed.total, sheet.header);
  }

  const busy = phase.kind === 'checking' || phase.kind === 'saving';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="page-product-import">
      <Typography.Title level={1}>{t('productImport.title')}</Typography.Title>
      <Typography.Paragraph>{t('productImport.intro')}</Typography.Paragraph>
      <Space wrap>
        <input
          ref={input}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          style={{ display: 'none' }}
          aria-label={t('productImport.choose')}
          data-testid="import-file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void onFile(f);
          }}
        />
        <Button type="primary" disabled={busy} onClick={() => input.current?.click()} data-testid="import-choose">
          {t('productImport.choose')}
        </Button>
        <Button
          onClick={() =>
            download(
              csvText(
                COLUMNS.map((c) => c.headers[0]!),
                [['SKU-001', 'P-001', '颜色=黑色;尺寸=L', '59.00', '99.00', '100', '500', '', 'ACTIVE']],
              ),
              'sku-import-template.csv',
            )
          }
          data-testid="import-template"
        >
          {t('productImport.template')}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t('productImport.columns')}</Typography.Text>
      {fileName && <Typography.Text data-testid="import-file-name">{fileName}</Typography.Text>}
      {busy && (
        <div data-testid={`import-${phase.kind}`}>
          <Typography.Text>
            {t(`productImport.${phase.kind}`, { done: phase.done, total: phase.total })}
          </Typography.Text>
          <Progress
            percent={phase.total ? Math.floor((phase.done / phase.total) * 100) : 0}
            aria-label={t(`productImport.${phase.kind}`, { done: phase.done, total: phase.total })}
          />
        </div>
      )}
      {phase.kind === 'saved' && (
        <Alert
          type="success"
          showIcon
          data-testid="import-saved"
          title={t('productImport.saved', { created: phase.created, updated: phase.updated })}
        />
      )}
      {phase.kind === 'failed' && (
        <Alert
          type="error"
          showIcon
          data-testid="import-failed"
          title={
            phase.savedRows > 0
              ? t('productImport.failedAfter', { message: phase.message, rows: phase.savedRows })
              : t('productImport.failed', { message: phase.message })
          }
        />
      )}
      {phase.kind === 'refused' && (
        <>
          <Alert
            type="error"
            showIcon
            data-testid="import-refused"
            title={t('productImport.refused', {
              bad: new Set(phase.problems.map((p) => p.row)).size,
              total: phase.total,
            })}
          />
          <Table<RowProblem>
            data-testid="import-problems"
            rowKey={(p) => `${p.row}-${p.column}-${p.reason}`}
            dataSource={phase.problems}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            size="small"
            onRow={(p) => ({ 'data-testid': `problem-row-${p.row}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('productImport.row'), dataIndex: 'row', width: 90 },
              { title: t('productImport.column'), dataIndex: 'column', width: 160 },
              { title: t('productImport.reason'), dataIndex: 'reason' },
            ]}
          />
          {phase.goodRows.length > 0 && (
            <Button
              data-testid="import-good-rows"
              onClick={() => void checkAndSave(phase.goodRows, [], phase.goodRows.length, header)}
            >
              {t('productImport.importGood', { count: phase.goodRows.length })}
            </Button>
          )}
        </>
      )}
    </Space>
  );
}
