/**
 * 批量导入 SKU (supplier MANAGE_CATALOG): a CSV (UTF-8 or GBK) or XLSX of SKU rows, up to 20,000.
 * The whole file goes to the server in one call (`startSkuImport`), which runs it as a job: every row
 * is checked, then either nothing is written (each bad row listed with its row number, column and
 * reason) or every row is written in one transaction. The page polls the job for its progress.
 * Importing only the good rows is a separate, explicit step: a new job over the refused job's good rows.
 */
import { useEffect, useRef, useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Progress from 'antd/es/progress';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { request } from '../../api';
import { csvText, download } from '../../csv';
import { graphql } from '../../gql';

const StartSkuImportDocument = graphql(`
  mutation ConsoleStartSkuImport($input: StartSkuImportInput!) {
    startSkuImport(input: $input) {
      skuImport {
        id
        status
      }
    }
  }
`);

const SkuImportDocument = graphql(`
  query ConsoleSkuImport($id: ID!) {
    skuImport(id: $id) {
      id
      status
      fileName
      rowsTotal
      rowsChecked
      rowsWritten
      rowsRefused
      created
      updated
      problemCount
      problems {
        row
        column
        reason
      }
      message
    }
  }
`);

/** The server's limit on the decoded file (startSkuImport). */
const MAX_FILE_BYTES = 3_000_000;
const POLL_MS = 500;

/** The template's columns (the server also accepts the Chinese headers). */
const TEMPLATE_HEADER = [
  'sku_code',
  'product_code',
  'specs',
  'supplier_price',
  'list_price',
  'stock',
  'weight_grams',
  'barcode',
  'status',
];

export interface RowProblem {
  /** The row in the file (the header is row 1). */
  row: number;
  column: string;
  reason: string;
}

type Job = {
  id: string;
  status: string;
  rowsTotal: number;
  rowsChecked: number;
  rowsWritten: number;
  rowsRefused: number;
  created: number;
  updated: number;
  problemCount: number;
  problems: RowProblem[];
  message?: string | null;
};

type Phase = { kind: 'idle' } | { kind: 'uploading' } | { kind: 'job'; job: Job } | { kind: 'failed'; message: string };

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export default function ProductImport() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [fileName, setFileName] = useState<string | null>(null);
  const jobId = phase.kind === 'job' ? phase.job.id : null;
  const running = phase.kind === 'job' && ['QUEUED', 'VALIDATING', 'IMPORTING'].includes(phase.job.status);

  // Polls the job until it ends.
  useEffect(() => {
    if (!jobId || !running) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      request(SkuImportDocument, { id: jobId })
        .then((r) => !cancelled && setPhase({ kind: 'job', job: r.skuImport as Job }))
        .catch(
          (e: unknown) =>
            !cancelled && setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
        );
    }, POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [jobId, running, phase]);

  async function start(variables: { fileName?: string; base64?: string; goodRowsOfSkuImportId?: string }) {
    setPhase({ kind: 'uploading' });
    try {
      const r = await request(StartSkuImportDocument, { input: { clientKey: crypto.randomUUID(), ...variables } });
      const first = await request(SkuImportDocument, { id: r.startSkuImport.skuImport.id });
      setPhase({ kind: 'job', job: first.skuImport as Job });
    } catch (e) {
      setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }

  async function onFile(file: File) {
    setFileName(file.name);
    if (file.size === 0) return setPhase({ kind: 'failed', message: t('productImport.fileErrors.empty') });
    if (file.size > MAX_FILE_BYTES)
      return setPhase({ kind: 'failed', message: t('productImport.fileErrors.too-large') });
    const bytes = new Uint8Array(await file.arrayBuffer());
    await start({ fileName: file.name, base64: toBase64(bytes) });
  }

  const job = phase.kind === 'job' ? phase.job : null;
  const busy = phase.kind === 'uploading' || running;
  const progress =
    job?.status === 'VALIDATING'
      ? { key: 'checking', done: job.rowsChecked, total: job.rowsTotal }
      : job?.status === 'IMPORTING'
        ? { key: 'saving', done: job.rowsTotal, total: job.rowsTotal }
        : { key: 'queued', done: 0, total: job?.rowsTotal ?? 0 };
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
              csvText(TEMPLATE_HEADER, [
                ['SKU-001', 'P-001', '颜色=黑色;尺寸=L', '59.00', '99.00', '100', '500', '', 'ACTIVE'],
              ]),
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
      {phase.kind === 'uploading' && (
        <Typography.Text data-testid="import-uploading">{t('productImport.uploading')}</Typography.Text>
      )}
      {running && (
        <div data-testid={`import-${progress.key}`}>
          <Typography.Text>
            {t(`productImport.${progress.key}`, { done: progress.done, total: progress.total })}
          </Typography.Text>
          <Progress
            percent={progress.total ? Math.floor((progress.done / progress.total) * 100) : 0}
            status="active"
            aria-label={t(`productImport.${progress.key}`, { done: progress.done, total: progress.total })}
          />
        </div>
      )}
      {job?.status === 'DONE' && (
        <Alert
          type="success"
          showIcon
          data-testid="import-saved"
          title={t('productImport.saved', { created: job.created, updated: job.updated })}
        />
      )}
      {(phase.kind === 'failed' || job?.status === 'FAILED') && (
        <Alert
          type="error"
          showIcon
          data-testid="import-failed"
          title={t('productImport.failed', { message: phase.kind === 'failed' ? phase.message : job?.message })}
        />
      )}
      {job?.status === 'REFUSED' && (
        <>
          <Alert
            type="error"
            showIcon
            data-testid="import-refused"
            title={t('productImport.refused', { bad: job.rowsRefused, total: job.rowsTotal })}
          />
          {job.problemCount > job.problems.length && (
            <Typography.Text type="secondary" data-testid="import-more-problems">
              {t('productImport.moreProblems', { shown: job.problems.length, count: job.problemCount })}
            </Typography.Text>
          )}
          <Table<RowProblem>
            data-testid="import-problems"
            rowKey={(p) => `${p.row}-${p.column}-${p.reason}`}
            dataSource={job.problems}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            size="small"
            onRow={(p) => ({ 'data-testid': `problem-row-${p.row}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('productImport.row'), dataIndex: 'row', width: 90 },
              { title: t('productImport.column'), dataIndex: 'column', width: 160 },
              { title: t('productImport.reason'), dataIndex: 'reason' },
            ]}
          />
          {job.rowsTotal > job.rowsRefused && (
            <Button data-testid="import-good-rows" onClick={() => void start({ goodRowsOfSkuImportId: job.id })}>
              {t('productImport.importGood', { count: job.rowsTotal - job.rowsRefused })}
            </Button>
          )}
        </>
      )}
    </Space>
  );
}
