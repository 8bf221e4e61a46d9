/**
 * Export buttons for settlement (`exportSettlement`): CSV, XLSX and — for statements — a PDF to file.
 * The API answers the file in base64; it is saved through a Blob, as the dashboard's CSV is.
 * Reusable: give the kind and the statement (or a month).
 */
import { useState } from 'react';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { request } from '../../api';
import { graphql } from '../../gql';
import type { SettlementExportFormat, SettlementExportKind } from '../../gql/graphql';

const ExportDocument = graphql(`
  query ConsoleExportSettlement($input: SettlementExportInput!) {
    exportSettlement(input: $input) {
      filename
      contentType
      base64
      rowCount
    }
  }
`);

/** Saves base64 bytes as a file: a Blob behind a temporary link. */
export function saveBase64(base64: string, filename: string, contentType: string) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default function ExportButtons(props: {
  kind: SettlementExportKind;
  statementId?: string | null;
  period?: string | null;
  /** Shown in test ids: `export-<testId>-csv`. */
  testId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<SettlementExportFormat | null>(null);
  const formats: SettlementExportFormat[] =
    props.kind === 'STATEMENT' && props.statementId ? ['CSV', 'XLSX', 'PDF'] : ['CSV', 'XLSX'];
  const run = async (format: SettlementExportFormat) => {
    setBusy(format);
    try {
      const { exportSettlement: f } = await request(ExportDocument, {
        input: {
          kind: props.kind,
          format,
          settlementStatementId: props.statementId ?? null,
          period: props.period ?? null,
        },
      });
      saveBase64(f.base64, f.filename, f.contentType);
      void message.success(t('invoices.exported', { rows: f.rowCount, file: f.filename }));
    } catch (e) {
      void message.error(t('common.error', { message: (e as Error).message }));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap>
      {formats.map((format) => (
        <Button
          key={format}
          size="small"
          icon={<DownloadOutlined />}
          loading={busy === format}
          onClick={() => void run(format)}
          data-testid={`export-${props.testId}-${format.toLowerCase()}`}
          aria-label={t('invoices.exportAs', { kind: t(`invoices.kind.${props.kind}`), format })}
        >
          {format}
        </Button>
      ))}
    </Space>
  );
}
