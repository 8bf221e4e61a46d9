import type { SqlEntityManager } from '@mikro-orm/knex';
import { selectRows } from '../../../core/sql';
import { SettlementLineKind } from '../entities/settlement';

/**
 * A statement's figures, in fen, read from its lines with one `GROUP BY statement_id, kind` (exact:
 * BIGINT sums) plus the statement's own paid_fen. totalOwedFen equals the statement's total_fen and
 * supplierReceivesFen its total_fen + commission_fen, both by construction of SettlementWriter.
 */
export interface StatementFigures {
  /** DELIVERY lines: units delivered at the supplier price. */
  deliveredFen: number;
  /** REFUND lines (≤ 0). */
  refundsFen: number;
  /** DISCOUNT + DISCOUNT_RETURN: the supplier's share of discounts (≤ 0). */
  discountsFen: number;
  /** CO_FUNDING + CO_FUNDING_RETURN: the supplier's share of campaign subsidies (≤ 0). */
  coFundingFen: number;
  /** ADJUSTMENT lines (signed). */
  adjustmentsFen: number;
  /** What the bank owes: every line but the commission kinds (= the statement's totalFen). */
  totalOwedFen: number;
  /** COMMISSION + COMMISSION_RETURN (≤ 0). */
  commissionFen: number;
  /** totalOwedFen + commissionFen. */
  supplierReceivesFen: number;
  /** The statement's payments. */
  paidFen: number;
  /** totalOwedFen − paidFen. */
  outstandingFen: number;
}

/** Which figure each line kind adds to. */
const FIGURE_OF: Record<SettlementLineKind, keyof StatementFigures> = {
  [SettlementLineKind.DELIVERY]: 'deliveredFen',
  [SettlementLineKind.REFUND]: 'refundsFen',
  [SettlementLineKind.DISCOUNT]: 'discountsFen',
  [SettlementLineKind.DISCOUNT_RETURN]: 'discountsFen',
  [SettlementLineKind.CO_FUNDING]: 'coFundingFen',
  [SettlementLineKind.CO_FUNDING_RETURN]: 'coFundingFen',
  [SettlementLineKind.ADJUSTMENT]: 'adjustmentsFen',
  [SettlementLineKind.COMMISSION]: 'commissionFen',
  [SettlementLineKind.COMMISSION_RETURN]: 'commissionFen',
};

/** The figures in a fixed order, with their Chinese and English labels (exports, PDF). */
export const FIGURE_LABELS: readonly { key: keyof StatementFigures; zh: string; en: string }[] = [
  { key: 'deliveredFen', zh: '交付金额', en: 'Delivered' },
  { key: 'refundsFen', zh: '退款', en: 'Refunds' },
  { key: 'discountsFen', zh: '优惠分摊', en: 'Discounts' },
  { key: 'coFundingFen', zh: '活动共担', en: 'Co-funding' },
  { key: 'adjustmentsFen', zh: '调整', en: 'Adjustments' },
  { key: 'totalOwedFen', zh: '应付合计', en: 'Total owed' },
  { key: 'commissionFen', zh: '平台佣金', en: 'Commission' },
  { key: 'supplierReceivesFen', zh: '供应商实收', en: 'Supplier receives' },
  { key: 'paidFen', zh: '已付', en: 'Paid' },
  { key: 'outstandingFen', zh: '未付', en: 'Outstanding' },
];

export function emptyFigures(paidFen = 0): StatementFigures {
  return {
    deliveredFen: 0,
    refundsFen: 0,
    discountsFen: 0,
    coFundingFen: 0,
    adjustmentsFen: 0,
    totalOwedFen: 0,
    commissionFen: 0,
    supplierReceivesFen: 0,
    paidFen,
    outstandingFen: -paidFen,
  };
}

/** Adds one kind's sum to figures (and the derived totals). */
function addKind(f: StatementFigures, kind: SettlementLineKind, fen: number): void {
  const key = FIGURE_OF[kind];
  f[key] += fen;
  if (key !== 'commissionFen') {
    f.totalOwedFen += fen;
    f.outstandingFen += fen;
  }
  f.supplierReceivesFen += fen;
}

/**
 * The figures of each statement, by id: one SQL statement for all of them (GROUP BY statement, kind).
 * `statements` carry paid_fen (read with the statement); a statement without lines has zero figures.
 */
export async function statementFigures(
  em: SqlEntityManager,
  statements: readonly { id: number; paidFen: number }[],
): Promise<Map<number, StatementFigures>> {
  const out = new Map<number, StatementFigures>(statements.map((s) => [s.id, emptyFigures(Number(s.paidFen))]));
  if (statements.length === 0) return out;
  const rows = await selectRows<{ statement_id: number; kind: SettlementLineKind; fen: string | number }>(
    em,
    `SELECT statement_id, kind, SUM(amount_fen) AS fen FROM settlement_line WHERE statement_id IN (${statements
      .map(() => '?')
      .join(', ')}) GROUP BY statement_id, kind`,
    statements.map((s) => s.id),
  );
  for (const r of rows) addKind(out.get(Number(r.statement_id))!, r.kind, Number(r.fen));
  return out;
}

/** The statement's number as printed on its documents: PM-<period>-B<bank>-S<supplier>-<id>. */
export function statementNumber(s: { id: number; bankId: number; supplierId: number; period: string }): string {
  return `PM-${s.period.replace('-', '')}-B${s.bankId}-S${s.supplierId}-${s.id}`;
}
