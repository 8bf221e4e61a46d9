/**
 * The slot other settlement parts fill in the statement drawer (invoices, exports, reconciliation):
 * each adds a tab for the statement shown. The coordinator wires them here; StatementDetail shows
 * them after its own tabs (figures, lines, disputes, payments).
 */
import type { TabsProps } from 'antd/es/tabs';
import Space from 'antd/es/space';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../me';
import ExportButtons from './ExportButtons';
import { StatementInvoicesTab } from './Invoices';
import { StatementRuns } from './Reconciliation';
import type { StatementView } from './StatementDetail';

export type StatementTab = NonNullable<TabsProps['items']>[number];

/** Tab builders, in the order their tabs appear. */
const EXTRA_TABS: ((statement: StatementView) => StatementTab | null)[] = [
  (s) =>
    s.status === 'DRAFT'
      ? null
      : { key: 'invoices', label: <Label k="tabInvoices" />, children: <StatementInvoicesTab statementId={s.id} /> },
  (s) =>
    s.status === 'DRAFT'
      ? null
      : {
          key: 'reconciliation',
          label: <Label k="tabReconciliation" />,
          children: <Reconciliation statementId={s.id} />,
        },
  (s) => ({
    key: 'exports',
    label: <Label k="tabExports" />,
    children: (
      <Space orientation="vertical">
        <ExportButtons kind="STATEMENT" statementId={s.id} testId="statement" />
        <ExportButtons kind="STATEMENT_LINES" statementId={s.id} testId="statement-lines" />
        {s.status !== 'DRAFT' && <ExportButtons kind="INVOICES" statementId={s.id} testId="statement-invoices" />}
      </Space>
    ),
  }),
];

function Label({ k }: { k: string }) {
  const { t } = useTranslation();
  return <>{t(`statements.${k}`)}</>;
}

/** The statement's bills: its supplier (or the platform) uploads one; everyone who reads it sees the runs. */
function Reconciliation({ statementId }: { statementId: string }) {
  const me = useMe();
  const mayUpload =
    (me.kind === 'SUPPLIER' && me.permissions.includes('SEE_SETTLEMENT')) ||
    (me.kind === 'PLATFORM' && me.permissions.includes('MANAGE_SETTLEMENT'));
  return <StatementRuns statementId={statementId} mayUpload={mayUpload} />;
}

export function statementExtraTabs(statement: StatementView): StatementTab[] {
  return EXTRA_TABS.map((tab) => tab(statement)).filter((tab): tab is StatementTab => tab !== null);
}
