/**
 * The slot other settlement parts fill in the statement drawer (invoices, exports, reconciliation):
 * each adds a tab for the statement shown. The coordinator wires them here; StatementDetail shows
 * them after its own tabs (figures, lines, disputes, payments).
 */
import type { TabsProps } from 'antd/es/tabs';
import type { StatementView } from './StatementDetail';

export type StatementTab = NonNullable<TabsProps['items']>[number];

/** Tab builders, in the order their tabs appear. */
const EXTRA_TABS: ((statement: StatementView) => StatementTab | null)[] = [];

export function statementExtraTabs(statement: StatementView): StatementTab[] {
  return EXTRA_TABS.map((tab) => tab(statement)).filter((tab): tab is StatementTab => tab !== null);
}
