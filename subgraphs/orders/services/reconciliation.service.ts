import type { SqlEntityManager } from '@mikro-orm/knex';
import { AppError, notFound } from '../../../core/errors';
import {
  BANK_ROLES,
  PLATFORM_ROLES,
  SUPPLIER_ROLES,
  SUPPLIER_ROLES_OR_PLATFORM,
  hasPermission,
  isBankStaff,
  isSupplier,
  requireRole,
  requireRoleAndPermission,
  staffKindOf,
  type Permission,
  type Principal,
} from '../../../core/identity';
import { selectRows } from '../../../core/sql';
import { ReconciliationEntry, StatementReconciliation, type ReconciliationResult } from '../entities/reconciliation';
import { COMMISSION_KINDS, SettlementLineKind, SettlementStatement } from '../entities/settlement';
import { parseBill, type BillRow } from './supplier-bill';

/** Uploading a bill: the statement's supplier, or the platform running settlement for it. */
export const RECONCILING = { supplier: 'SEE_SETTLEMENT', platform: 'MANAGE_SETTLEMENT' } as const;
/** Reading the runs: the supplier; the bank's reports or supplier-paying staff; the platform's. */
const READING: Record<'bank' | 'supplier' | 'platform', Permission[]> = {
  bank: ['SEE_REPORTS', 'PAY_SUPPLIERS'],
  supplier: ['SEE_SETTLEMENT'],
  platform: ['SEE_REPORTS', 'MANAGE_SETTLEMENT'],
};
/** Runs listed per statement, newest first. */
export const MAX_RUNS_LISTED = 50;

interface OurOrder {
  orderId: number;
  supplierOrderId: number | null;
  quantity: number;
  amountFen: number;
}

/**
 * A supplier's bill against a statement. Our side is the statement's lines per order: units
 * delivered net of units refunded after delivery (DELIVERY − REFUND quantities), and the amount the
 * bank owes the supplier for that order — every line kind except commission (DELIVERY, REFUND,
 * DISCOUNT(_RETURN), CO_FUNDING(_RETURN), ADJUSTMENT), the same figure as the statement's totalFen,
 * so the two totals add up. Their side is the bill's rows per order. One aggregate SELECT and one
 * INSERT, whatever the bill's size; matching is in memory by a Map.
 */
export class ReconciliationService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  private async statement(statementId: number): Promise<SettlementStatement> {
    const s = await this.em.findOne(SettlementStatement, { id: statementId });
    if (!s) throw notFound('Statement', statementId);
    if (isSupplier(this.principal) && String(s.supplierId) !== this.principal.supplierId)
      throw notFound('Statement', statementId);
    if (this.principal.bankId && String(s.bankId) !== this.principal.bankId) throw notFound('Statement', statementId);
    return s;
  }

  async reconcile(statementId: number, filename: string, base64: string): Promise<StatementReconciliation> {
    requireRoleAndPermission(
      this.principal,
      SUPPLIER_ROLES_OR_PLATFORM,
      RECONCILING,
      'A supplier reconciles its own bill (SEE_SETTLEMENT); the platform may for it (MANAGE_SETTLEMENT).',
    );
    const statement = await this.statement(statementId);
    // Parsing is CPU work on the request: bounded by the file and row limits (supplier-bill.ts).
    const bill = await parseBill(filename, base64);
    const ours = await this.ourSide(statement);
    const result = match(ours, bill.rows);
    const sum = (list: ReconciliationEntry[], pick: (e: ReconciliationEntry) => number | null) =>
      list.reduce((s, e) => s + (pick(e) ?? 0), 0);
    const all = [
      ...result.matched,
      ...result.amountDifferences,
      ...result.missingOnSupplierBill,
      ...result.missingInPerkmall,
    ];
    const ourTotalFen = sum(all, (e) => e.ourAmountFen);
    const theirTotalFen = sum(all, (e) => e.theirAmountFen);
    const run = this.em.create(StatementReconciliation, {
      statementId: statement.id,
      bankId: statement.bankId,
      supplierId: statement.supplierId,
      uploadedBy: `${this.principal.role}:${this.principal.sub}`.slice(0, 140),
      filename: filename.slice(0, 255),
      billRowCount: bill.rowCount,
      theirQuantity: sum(all, (e) => e.theirQuantity),
      theirTotalFen,
      ourQuantity: sum(all, (e) => e.ourQuantity),
      ourTotalFen,
      differenceFen: theirTotalFen - ourTotalFen,
      matchedCount: result.matched.length,
      amountDifferenceCount: result.amountDifferences.length,
      missingOnSupplierBillCount: result.missingOnSupplierBill.length,
      missingInPerkmallCount: result.missingInPerkmall.length,
      result,
      createdAt: new Date(),
    });
    await this.em.flush();
    return run;
  }

  /** One statement: the statement's lines summed per order, with the supplier's order number. */
  private async ourSide(statement: SettlementStatement): Promise<OurOrder[]> {
    const commission = COMMISSION_KINDS.map(() => '?').join(', ');
    const rows = await selectRows<{
      order_id: number;
      supplier_order_id: number | null;
      quantity: unknown;
      amount_fen: unknown;
    }>(
      this.em,
      `SELECT l.order_id, so.id AS supplier_order_id,
              SUM(CASE WHEN l.kind = ? THEN l.quantity WHEN l.kind = ? THEN -l.quantity ELSE 0 END) AS quantity,
              SUM(CASE WHEN l.kind IN (${commission}) THEN 0 ELSE l.amount_fen END) AS amount_fen
         FROM settlement_line l
         LEFT JOIN supplier_order so ON so.order_id = l.order_id AND so.supplier_id = ?
        WHERE l.statement_id = ?
        GROUP BY l.order_id, so.id`,
      [SettlementLineKind.DELIVERY, SettlementLineKind.REFUND, ...COMMISSION_KINDS, statement.supplierId, statement.id],
    );
    return rows.map((r) => ({
      orderId: Number(r.order_id),
      supplierOrderId: r.supplier_order_id === null ? null : Number(r.supplier_order_id),
      quantity: Number(r.quantity),
      amountFen: Number(r.amount_fen),
    }));
  }

  /** One run with its lists: whoever may read its statement's runs; another tenant's is NOT_FOUND. */
  async run(id: number): Promise<StatementReconciliation> {
    this.requireReader();
    const run = await this.em.findOne(StatementReconciliation, { id });
    const hidden =
      !run ||
      (isSupplier(this.principal) && String(run.supplierId) !== this.principal.supplierId) ||
      (isBankStaff(this.principal) && String(run.bankId) !== this.principal.bankId);
    if (hidden) throw notFound('StatementReconciliation', id);
    return run;
  }

  /** Past runs of a statement, newest first: its supplier, its bank and the platform. */
  async runs(statementId: number): Promise<StatementReconciliation[]> {
    this.requireReader();
    if (isBankStaff(this.principal) && !this.principal.bankId) throw notFound('Statement', statementId);
    await this.statement(statementId);
    return this.em.find(StatementReconciliation, { statementId }, { orderBy: { id: 'DESC' }, limit: MAX_RUNS_LISTED });
  }

  private requireReader(): void {
    requireRole(this.principal, ...BANK_ROLES, ...SUPPLIER_ROLES, ...PLATFORM_ROLES);
    const kind = staffKindOf(this.principal.role)!;
    if (!READING[kind].some((p) => hasPermission(this.principal, p)))
      throw new AppError(
        'FORBIDDEN',
        `Reading reconciliations needs ${READING[kind].join(' or ')}; ask your administrator to grant it.`,
        { permission: READING[kind][0] },
      );
  }
}

function entry(reference: string): ReconciliationEntry {
  return Object.assign(new ReconciliationEntry(), {
    orderReference: reference,
    supplierOrderId: null,
    ourQuantity: null,
    ourAmountFen: null,
    theirQuantity: null,
    theirAmountFen: null,
    amountDifferenceFen: 0,
    quantityDifference: 0,
    billRows: [] as number[],
  });
}

/** Both sides per order reference, in memory: a Map keyed by the order number. */
export function match(ours: OurOrder[], bill: BillRow[]): ReconciliationResult {
  const byRef = new Map<string, ReconciliationEntry>();
  const orderOfSupplierOrder = new Map<string, string>();
  for (const o of ours) {
    const e = byRef.get(String(o.orderId)) ?? entry(String(o.orderId));
    e.supplierOrderId = o.supplierOrderId === null ? null : String(o.supplierOrderId);
    e.ourQuantity = (e.ourQuantity ?? 0) + o.quantity;
    e.ourAmountFen = (e.ourAmountFen ?? 0) + o.amountFen;
    byRef.set(e.orderReference, e);
    if (o.supplierOrderId !== null) orderOfSupplierOrder.set(String(o.supplierOrderId), String(o.orderId));
  }
  for (const r of bill) {
    // A supplier order number we know stands for its order; one we do not is listed as written.
    const ref = r.orderId ?? orderOfSupplierOrder.get(r.supplierOrderId!) ?? `S${r.supplierOrderId}`;
    const e = byRef.get(ref) ?? entry(ref);
    if (!r.orderId && !orderOfSupplierOrder.has(r.supplierOrderId!)) e.supplierOrderId = r.supplierOrderId;
    e.theirQuantity = (e.theirQuantity ?? 0) + r.quantity;
    e.theirAmountFen = (e.theirAmountFen ?? 0) + r.amountFen;
    if (e.billRows.length < 20) e.billRows.push(r.row);
    byRef.set(ref, e);
  }
  const result: ReconciliationResult = {
    matched: [],
    amountDifferences: [],
    missingOnSupplierBill: [],
    missingInPerkmall: [],
  };
  const numeric = (a: ReconciliationEntry, b: ReconciliationEntry) =>
    a.orderReference.length - b.orderReference.length || (a.orderReference < b.orderReference ? -1 : 1);
  for (const e of [...byRef.values()].sort(numeric)) {
    e.amountDifferenceFen = (e.theirAmountFen ?? 0) - (e.ourAmountFen ?? 0);
    e.quantityDifference = (e.theirQuantity ?? 0) - (e.ourQuantity ?? 0);
    // An order refunded in full after delivery nets to nothing: nothing to find on a bill.
    if (e.theirAmountFen === null && e.ourQuantity === 0 && e.ourAmountFen === 0) continue;
    if (e.ourAmountFen === null) result.missingInPerkmall.push(e);
    else if (e.theirAmountFen === null) result.missingOnSupplierBill.push(e);
    else if (e.amountDifferenceFen === 0 && e.quantityDifference === 0) result.matched.push(e);
    else result.amountDifferences.push(e);
  }
  return result;
}
