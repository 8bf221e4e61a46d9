import type { SqlEntityManager } from '@mikro-orm/knex';
import { selectRows } from '../../../core/sql';
import { COMMISSION_KINDS, SettlementLineKind, type SettlementStatement } from '../entities/settlement';

/**
 * A statement's figures, in fen, each the sum of its lines of some kinds (exact: BIGINT sums read in
 * one `GROUP BY statement_id, kind`), plus its paid_fen. The API's `figures` and the exports both
 * read them here. totalOwedFen equals the statement's total_fen and supplierReceivesFen its total_fen
 * + commission_fen, by construction of SettlementWriter.
 */
export interface StatementFigures {
  deliveredFen: number;
  refundedFen: number;
  supplierDiscountsFen: number;
  coFundingFen: number;
  adjustmentsFen: number;
  totalOwedFen: number;
  commissionFen: number;
  supplierReceivesFen: number;
  paidFen: number;
  outstandingFen: number;
  lineCount: number;
}

const sumOf = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Per statement, the sum and count of its lines per kind. */
export type LineSums = Map<SettlementLineKind, { fen: number; lines: number }>;

/**
 * The sums of a set of statements' lines per kind, in ONE statement (GROUP BY statement, kind), so a
 * page of statements costs one query for all its figures (a DataLoader batches the ids).
 */
export async function lineSumsOf(em: SqlEntityManager, ids: readonly number[]): Promise<Map<number, LineSums>> {
  const out = new Map<number, LineSums>();
  if (ids.length === 0) return out;
  const rows = await selectRows<{ statement_id: number; kind: SettlementLineKind; fen: unknown; n: unknown }>(
    em,
    `SELECT statement_id, kind, SUM(amount_fen) AS fen, COUNT(*) AS n FROM settlement_line
     WHERE statement_id IN (${ids.map(() => '?').join(', ')}) GROUP BY statement_id, kind`,
    [...ids],
  );
  for (const r of rows) {
    const id = Number(r.statement_id);
    if (!out.has(id)) out.set(id, new Map());
    out.get(id)!.set(r.kind, { fen: sumOf(r.fen), lines: sumOf(r.n) });
  }
  return out;
}

/** A statement's figures from its lines' sums (every figure traces to lines) and its payments. */
export function figuresOf(s: Pick<SettlementStatement, 'paidFen'>, sums: LineSums | undefined): StatementFigures {
  const all = [...(sums ?? new Map<SettlementLineKind, { fen: number; lines: number }>()).entries()];
  const of = (...kinds: SettlementLineKind[]) =>
    all.filter(([k]) => kinds.includes(k)).reduce((a, [, v]) => a + v.fen, 0);
  const owed = all.filter(([k]) => !COMMISSION_KINDS.includes(k)).reduce((a, [, v]) => a + v.fen, 0);
  const commission = of(...COMMISSION_KINDS);
  const paid = Number(s.paidFen);
  return {
    deliveredFen: of(SettlementLineKind.DELIVERY),
    refundedFen: of(SettlementLineKind.REFUND),
    supplierDiscountsFen: of(SettlementLineKind.DISCOUNT, SettlementLineKind.DISCOUNT_RETURN),
    coFundingFen: of(SettlementLineKind.CO_FUNDING, SettlementLineKind.CO_FUNDING_RETURN),
    adjustmentsFen: of(SettlementLineKind.ADJUSTMENT),
    // From the lines, so every figure traces to them; equal to the statement's running total_fen.
    totalOwedFen: owed,
    commissionFen: commission,
    supplierReceivesFen: owed + commission,
    paidFen: paid,
    outstandingFen: owed - paid,
    lineCount: all.reduce((a, [, v]) => a + v.lines, 0),
  };
}

/** The figures in a fixed order, with their Chinese and English labels (exports, PDF). */
export const FIGURE_LABELS: readonly { key: Exclude<keyof StatementFigures, 'lineCount'>; zh: string; en: string }[] = [
  { key: 'deliveredFen', zh: '交付金额', en: 'Delivered' },
  { key: 'refundedFen', zh: '退款', en: 'Refunds' },
  { key: 'supplierDiscountsFen', zh: '优惠分摊', en: 'Discounts' },
  { key: 'coFundingFen', zh: '活动共担', en: 'Co-funding' },
  { key: 'adjustmentsFen', zh: '调整', en: 'Adjustments' },
  { key: 'totalOwedFen', zh: '应付合计', en: 'Total owed' },
  { key: 'commissionFen', zh: '平台佣金', en: 'Commission' },
  { key: 'supplierReceivesFen', zh: '供应商实收', en: 'Supplier receives' },
  { key: 'paidFen', zh: '已付', en: 'Paid' },
  { key: 'outstandingFen', zh: '未付', en: 'Outstanding' },
];

/**
 * The figures of each statement, by id: one SQL statement for all of them. `statements` carry
 * paid_fen (read with the statement); a statement without lines has zero figures.
 */
export async function statementFigures(
  em: SqlEntityManager,
  statements: readonly Pick<SettlementStatement, 'id' | 'paidFen'>[],
): Promise<Map<number, StatementFigures>> {
  const sums = await lineSumsOf(
    em,
    statements.map((s) => s.id),
  );
  return new Map(statements.map((s) => [s.id, figuresOf(s, sums.get(s.id))]));
}

/** The statement's number as printed on its documents: PM-<period>-B<bank>-S<supplier>-<id>. */
export function statementNumber(s: { id: number; bankId: number; supplierId: number; period: string }): string {
  return `PM-${s.period.replace('-', '')}-B${s.bankId}-S${s.supplierId}-${s.id}`;
}
