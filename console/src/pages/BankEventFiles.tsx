/**
 * 积分事件文件: a bank uploads its core systems' daily CSV of points events in 8 MiB chunks (with a
 * progress bar; a broken chunk is resumed from the committed offset the server reports), sees its
 * files with their status and counts, and each file's refused rows (row, column, reason) with a
 * download of them as CSV.
 */
import { useRef, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Modal from 'antd/es/modal';
import Progress from 'antd/es/progress';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../api';
import { currentSession, refresh } from '../auth';
import { graphql } from '../gql';
import type { BankEventFileStatus, ConsoleBankEventFilesQuery } from '../gql/graphql';

const FilesDocument = graphql(`
  query ConsoleBankEventFiles($first: Int, $after: String) {
    bankEventFiles(first: $first, after: $after) {
      edges {
        node {
          id
          fileName
          status
          failure
          sizeBytes
          receivedBytes
          rowsTotal
          rowsProcessed
          rowsAccepted
          rowsDuplicate
          rowsRejected
          pointsAwarded
          createdAt
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const ErrorsDocument = graphql(`
  query ConsoleBankEventFileErrors($id: ID!, $first: Int, $after: String) {
    bankEventFile(id: $id) {
      id
      errors(first: $first, after: $after) {
        edges {
          node {
            rowNumber
            column
            message
          }
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  }
`);

const CreateDocument = graphql(`
  mutation ConsoleCreateBankEventFile($input: CreateBankEventFileInput!) {
    createBankEventFile(input: $input) {
      id
    }
  }
`);

export type BankEventFileRow = ConsoleBankEventFilesQuery['bankEventFiles']['edges'][number]['node'];
const PAGE_SIZE = 20;
const CHUNK_BYTES = 8 * 1024 * 1024;

/** Sends one request to the file's byte endpoint with the session's token (refreshed once on 401). */
async function filesEndpoint(path: string, init: RequestInit): Promise<Response> {
  const send = () =>
    fetch(path, {
      ...init,
      headers: { ...(init.headers ?? {}), authorization: `Bearer ${currentSession()?.accessToken ?? ''}` },
    });
  let r = await send();
  if (r.status === 401 && (await refresh())) r = await send();
  return r;
}

const STATUS_COLOR: Record<BankEventFileStatus, string> = {
  UPLOADING: 'default',
  QUEUED: 'blue',
  PROCESSING: 'blue',
  // Ant Design's green tag fails colour contrast (axe); geekblue passes, as on the partner apps page.
  DONE: 'geekblue',
  FAILED: 'red',
};

export default function BankEventFiles() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [upload, setUpload] = useState<{ name: string; percent: number } | null>(null);
  const [showing, setShowing] = useState<BankEventFileRow | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const after = cursors[cursors.length - 1];
  const { data, error, loading, reload } = useQuery(FilesDocument, { first: PAGE_SIZE, after });
  const page = data?.bankEventFiles;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const num = new Intl.NumberFormat(i18n.language);

  const send = async (file: File) => {
    setUpload({ name: file.name, percent: 0 });
    try {
      const { createBankEventFile } = await request(CreateDocument, {
        input: { fileName: file.name.slice(0, 200), sizeBytes: file.size },
      });
      const id = createBankEventFile.id;
      let offset = 0;
      let retries = 0;
      while (offset < file.size) {
        const r = await filesEndpoint(`/bank-event-files/${id}?offset=${offset}`, {
          method: 'PUT',
          body: file.slice(offset, offset + CHUNK_BYTES),
        }).catch(() => null);
        const body = r ? ((await r.json().catch(() => ({}))) as { offset?: number; message?: string }) : {};
        if (r?.ok && typeof body.offset === 'number') {
          offset = body.offset;
          retries = 0;
        } else if ((!r || r.status === 409 || r.status >= 500) && retries < 5) {
          // Ask where the upload stands and go on from there.
          retries += 1;
          await new Promise((res) => setTimeout(res, 500 * retries));
          const head = await filesEndpoint(`/bank-event-files/${id}`, { method: 'HEAD' }).catch(() => null);
          const committed = Number(head?.headers.get('upload-offset'));
          if (head?.ok && Number.isFinite(committed)) {
            offset = committed;
            void message.info(t('bankEventFiles.resumed', { offset: num.format(offset) }));
          }
        } else throw new ApiError(body.message ?? `HTTP ${r?.status ?? 0}`);
        setUpload({ name: file.name, percent: Math.floor((offset / file.size) * 100) });
      }
      void message.success(t('bankEventFiles.uploaded', { name: file.name }));
      setCursors([null]);
      reload();
    } catch (e) {
      void message.error(t('bankEventFiles.uploadFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setUpload(null);
    }
  };

  const downloadErrors = async (file: BankEventFileRow) => {
    const r = await filesEndpoint(`/bank-event-files/${file.id}/errors.csv`, { method: 'GET' });
    if (!r.ok) {
      void message.error(t('common.error', { message: `HTTP ${r.status}` }));
      return;
    }
    const url = URL.createObjectURL(await r.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `${file.fileName.replace(/\.csv$/i, '')}-errors.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-bank-event-files">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('bankEventFiles.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('bankEventFiles.intro')}</Typography.Paragraph>
      </div>
      <Space wrap>
        <input
          ref={input}
          type="file"
          accept=".csv,text/csv"
          style={{ display: 'none' }}
          aria-label={t('bankEventFiles.choose')}
          data-testid="file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void send(f);
          }}
        />
        <Button type="primary" disabled={!!upload} onClick={() => input.current?.click()} data-testid="upload-file">
          {t('bankEventFiles.choose')}
        </Button>
        <Button onClick={reload} data-testid="refresh-files">
          {t('bankEventFiles.refresh')}
        </Button>
      </Space>
      {upload && (
        <div data-testid="upload-progress">
          <Typography.Text>{t('bankEventFiles.uploading', { name: upload.name })}</Typography.Text>
          <Progress percent={upload.percent} aria-label={t('bankEventFiles.uploading', { name: upload.name })} />
        </div>
      )}
      {error && <Alert type="error" title={t('common.error', { message: error.message })} role="alert" />}
      <Table<BankEventFileRow>
        rowKey="id"
        size="middle"
        loading={loading}
        pagination={false}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('bankEventFiles.empty') }}
        data-testid="files-table"
        columns={[
          { title: t('bankEventFiles.fileName'), dataIndex: 'fileName' },
          {
            title: t('bankEventFiles.status'),
            key: 'status',
            render: (_, f) => (
              <Space orientation="vertical" size={0}>
                <Tag color={STATUS_COLOR[f.status]} data-testid={`status-${f.id}`}>
                  {t(`bankEventFiles.statuses.${f.status}`)}
                </Tag>
                {f.failure && (
                  <Typography.Text type="danger">{t('bankEventFiles.failure', { reason: f.failure })}</Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('bankEventFiles.progress'),
            key: 'progress',
            render: (_, f) =>
              f.status === 'UPLOADING' ? (
                <Progress size="small" percent={Math.floor((f.receivedBytes / f.sizeBytes) * 100)} />
              ) : f.rowsTotal ? (
                <Progress
                  size="small"
                  percent={Math.floor((f.rowsProcessed / f.rowsTotal) * 100)}
                  aria-label={t('bankEventFiles.progress')}
                />
              ) : (
                ''
              ),
          },
          {
            title: t('bankEventFiles.rows'),
            key: 'rows',
            render: (_, f) => (f.rowsTotal == null ? '' : num.format(f.rowsTotal)),
          },
          { title: t('bankEventFiles.accepted'), dataIndex: 'rowsAccepted', render: (v: number) => num.format(v) },
          { title: t('bankEventFiles.duplicate'), dataIndex: 'rowsDuplicate', render: (v: number) => num.format(v) },
          {
            title: t('bankEventFiles.rejected'),
            key: 'rejected',
            render: (_, f) => <span data-testid={`rejected-${f.id}`}>{num.format(f.rowsRejected)}</span>,
          },
          { title: t('bankEventFiles.points'), dataIndex: 'pointsAwarded', render: (v: number) => num.format(v) },
          {
            title: t('bankEventFiles.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => time.format(new Date(v)),
          },
          {
            title: t('bankEventFiles.actions'),
            key: 'actions',
            render: (_, f) =>
              f.rowsRejected > 0 ? (
                <Space wrap>
                  <Button size="small" onClick={() => setShowing(f)} data-testid={`errors-${f.id}`}>
                    {t('bankEventFiles.showErrors')}
                  </Button>
                  <Button size="small" onClick={() => void downloadErrors(f)} data-testid={`download-${f.id}`}>
                    {t('bankEventFiles.downloadErrors')}
                  </Button>
                </Space>
              ) : (
                ''
              ),
          },
        ]}
      />
      <Space>
        <Button disabled={cursors.length <= 1 || loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('bankEventFiles.previous')}
        </Button>
        <Button
          disabled={!page?.pageInfo.hasNextPage || loading}
          onClick={() => page?.pageInfo.endCursor && setCursors((c) => [...c, page.pageInfo.endCursor!])}
        >
          {t('bankEventFiles.next')}
        </Button>
      </Space>
      {showing && <ErrorsModal file={showing} onClose={() => setShowing(null)} />}
    </Space>
  );
}

/** A file's refused rows, a page at a time (mounted only while open, so it asks only then). */
function ErrorsModal({ file, onClose }: { file: BankEventFileRow; onClose: () => void }) {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const errors = useQuery(ErrorsDocument, { id: file.id, first: PAGE_SIZE, after: cursors[cursors.length - 1] });
  const page = errors.data?.bankEventFile.errors;
  return (
    <Modal
      open
      title={t('bankEventFiles.errorsTitle', { name: file.fileName })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('bankEventFiles.close')}</Button>}
      width={760}
    >
      {errors.error && <Alert type="error" title={t('common.error', { message: errors.error.message })} role="alert" />}
      <Table
        rowKey="rowNumber"
        size="small"
        loading={errors.loading}
        pagination={false}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: t('bankEventFiles.noErrors') }}
        data-testid="errors-table"
        columns={[
          { title: t('bankEventFiles.rowNumber'), dataIndex: 'rowNumber' },
          { title: t('bankEventFiles.column'), dataIndex: 'column', render: (v: string) => <code>{v}</code> },
          { title: t('bankEventFiles.message'), dataIndex: 'message' },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length <= 1 || errors.loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('bankEventFiles.previous')}
        </Button>
        <Button
          disabled={!page?.pageInfo.hasNextPage || errors.loading}
          onClick={() => page?.pageInfo.endCursor && setCursors((c) => [...c, page.pageInfo.endCursor!])}
        >
          {t('bankEventFiles.next')}
        </Button>
      </Space>
    </Modal>
  );
}
