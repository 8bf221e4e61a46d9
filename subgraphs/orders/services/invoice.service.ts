import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, forbidden, notFound } from '../../../core/errors';
import {
  BANK_ROLES,
  hasPermission,
  isBankStaff,
  isSupplier,
  hasRole,
  PLATFORM_ROLES,
  requireRoleAndPermission,
  SUPPLIER_ROLES,
  type Principal,
  type Role,
  type StaffPermissions,
} from '../../../core/identity';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../../core/pagination';
import { affectedRows, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import { assertVisible } from '../../../core/tenancy';
import { InvoiceFlag, InvoiceStatus, SettlementInvoice } from '../entities/invoice';
import { SettlementStatement, StatementStatus } from '../entities/settlement';
import { MANAGING_SETTLEMENT, REPORTS, SUPPLIER_SETTLING } from './access';

/** A tax amount may differ from round(amount × rate) by this much (rounding per invoice line on the 发票 itself). */
export const TAX_TOLERANCE_FEN = 1;
/** Invoices one statement may carry (voided ones included): a month's 发票 are a handful. */
export const MAX_INVOICES_PER_STATEMENT = 50;
/** VAT rates a 发票 may carry (basis points): 0, 1 %, 1.5 %, 3 %, 5 %, 6 %, 9 %, 10 %, 11 %, 13 %, 16 %, 17 %. */
export const VAT_RATES_BP: readonly number[] = [0, 100, 150, 300, 500, 600, 900, 1000, 1100, 1300, 1600, 1700];

/** Who reads statements (and so their invoices and exports): the statement's bank, its supplier, the platform. */
const READERS: readonly Role[] = [...BANK_ROLES, ...SUPPLIER_ROLES, ...PLATFORM_ROLES];
/** The permission that also lets each kind read a statement: paying it (bank), running settlement (platform). */
const ALSO_READING: StaffPermissions = { bank: 'PAY_SUPPLIERS', platform: 'MANAGE_SETTLEMENT' };

/**
 * Reading settlement: bank SEE_REPORTS or PAY_SUPPLIERS, supplier SEE_SETTLEMENT, platform SEE_REPORTS
 * or MANAGE_SETTLEMENT (FORBIDDEN names the first).
 */
export function requireSettlementReader(principal: Principal): void {
  const also = isBankStaff(principal)
    ? ALSO_READING.bank
    : hasRole(principal, ...PLATFORM_ROLES)
      ? ALSO_READING.platform
      : undefined;
  if (also && hasPermission(principal, also)) return;
  requireRoleAndPermission(
    principal,
    READERS,
    REPORTS,
    'Settlement is read by the bank, the supplier and the platform',
  );
}

/** A statement the caller may read (NOT_FOUND for another tenant's). */
export async function readableStatement(
  em: SqlEntityManager,
  principal: Principal,
  id: number,
): Promise<SettlementStatement> {
  requireSettlementReader(principal);
  if (!Number.isSafeInteger(id) || id < 1) throw notFound('Settlement statement', id);
  return assertVisible(principal, await em.findOne(SettlementStatement, id), 'Settlement statement', id);
}

/** round(amountFen × taxRateBp / 10000), half up, exactly (BigInt). */
export function expectedTaxFen(amountFen: number, taxRateBp: number): number {
  const product = BigInt(amountFen) * BigInt(taxRateBp);
  const sign = product < 0n ? -1n : 1n;
  const abs = product < 0n ? -product : product;
  return Number(sign * ((abs * 2n + 10_000n) / 20_000n));
}

/** An invoice's own flags (its figures never change, so these are exact whenever read). */
export function invoiceFlags(i: Pick<SettlementInvoice, 'amountFen' | 'taxRateBp' | 'taxFen'>): InvoiceFlag[] {
  return Math.abs(Number(i.taxFen) - expectedTaxFen(Number(i.amountFen), i.taxRateBp)) > TAX_TOLERANCE_FEN
    ? [InvoiceFlag.TAX_MISMATCH]
    : [];
}

/** VOIDED, or FLAGGED / VALID by its figures now. */
export function invoiceStatus(i: SettlementInvoice): InvoiceStatus {
  if (i.status === InvoiceStatus.VOIDED) return InvoiceStatus.VOIDED;
  return invoiceFlags(i).length ? InvoiceStatus.FLAGGED : InvoiceStatus.VALID;
}

/** A statement's invoices checked against its figures as they are now. */
export interface StatementInvoicesView {
  statement: SettlementStatement;
  invoices: SettlementInvoice[];
  /** What the bank owes (the statement's totalFen, adjustments included). */
  totalFen: number;
  invoicedAmountFen: number;
  invoicedTaxFen: number;
  /** Amount + tax of the invoices that count (voided aside). */
  invoicedFen: number;
  /** invoicedFen − totalFen. */
  differenceFen: number;
  flags: InvoiceFlag[];
  /** CONFIRMED or CLOSED, invoiced in full, nothing flagged: the bank's finance may reimburse it. */
  reimbursable: boolean;
  checkedAt: Date | null;
}

/** The check, from the statement's current total and its invoices. */
export function checkInvoices(statement: SettlementStatement, invoices: SettlementInvoice[]): StatementInvoicesView {
  const counting = invoices.filter((i) => i.status !== InvoiceStatus.VOIDED);
  const amount = counting.reduce((s, i) => s + Number(i.amountFen), 0);
  const tax = counting.reduce((s, i) => s + Number(i.taxFen), 0);
  const total = Number(statement.totalFen);
  const flags: InvoiceFlag[] = [];
  if (counting.some((i) => invoiceFlags(i).length > 0)) flags.push(InvoiceFlag.TAX_MISMATCH);
  if (counting.length > 0 && amount + tax !== total) flags.push(InvoiceFlag.TOTAL_MISMATCH);
  const checked = invoices.map((i) => i.checkedAt).filter((d): d is Date => d instanceof Date);
  return {
    statement,
    invoices,
    totalFen: total,
    invoicedAmountFen: amount,
    invoicedTaxFen: tax,
    invoicedFen: amount + tax,
    differenceFen: amount + tax - total,
    flags,
    reimbursable:
      counting.length > 0 &&
      flags.length === 0 &&
      [StatementStatus.CONFIRMED, StatementStatus.CLOSED].includes(statement.status),
    checkedAt: checked.length ? new Date(Math.max(...checked.map((d) => d.getTime()))) : null,
  };
}

export interface InvoiceInput {
  number: string;
  code?: string | null;
  amountFen: number;
  taxRateBp: number;
  taxFen: number;
  issuedOn: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** BAD_USER_INPUT naming every field that is wrong (after the permission check, so FORBIDDEN comes first). */
export function validateInvoice(input: InvoiceInput, today = new Date()): Required<InvoiceInput> {
  const problems: { field: string; message: string }[] = [];
  const number = input.number.trim();
  const code = (input.code ?? '').trim();
  if (!/^(\d{8}|\d{20})$/.test(number))
    problems.push({ field: 'input.number', message: 'an invoice number is 8 digits (税控) or 20 digits (全电发票).' });
  else if (number.length === 8 && !/^(\d{10}|\d{12})$/.test(code))
    problems.push({
      field: 'input.code',
      message: 'an 8-digit invoice number needs its 10- or 12-digit invoice code.',
    });
  else if (number.length === 20 && code !== '')
    problems.push({
      field: 'input.code',
      message: 'a 全电发票 (20-digit number) has no invoice code: leave it empty.',
    });
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen < 1)
    problems.push({ field: 'input.amountFen', message: 'the amount excluding tax is a positive number of fen.' });
  if (!VAT_RATES_BP.includes(input.taxRateBp))
    problems.push({
      field: 'input.taxRateBp',
      message: `the tax rate is in basis points, one of ${VAT_RATES_BP.join(', ')} (600 = 6 %).`,
    });
  if (!Number.isSafeInteger(input.taxFen) || input.taxFen < 0)
    problems.push({ field: 'input.taxFen', message: 'the tax amount is 0 or more fen.' });
  const m = DAY.exec(input.issuedOn);
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !day || day.toISOString().slice(0, 10) !== input.issuedOn)
    problems.push({ field: 'input.issuedOn', message: 'the issue date is a day, YYYY-MM-DD.' });
  else if (day.getTime() > today.getTime() + 86_400_000 || day.getUTCFullYear() < 2000)
    problems.push({ field: 'input.issuedOn', message: 'the issue date cannot be in the future (or before 2000).' });
  if (problems.length)
    throw badInput(`The invoice is not valid: ${problems.map((p) => p.message).join(' ')}`, problems);
  return { ...input, number, code };
}

interface SummaryRow {
  id: number;
}

/** Reimbursable or flagged statements, newest first: what the filter selects, by SQL over current figures. */
export enum InvoicedStatementFilter {
  REIMBURSABLE = 'REIMBURSABLE',
  FLAGGED = 'FLAGGED',
}

export class InvoiceService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /** The statement's supplier records a 发票; the platform's check runs at once (and on every read). */
  async record(
    statementId: number,
    input: InvoiceInput,
  ): Promise<{ invoice: SettlementInvoice; check: StatementInvoicesView }> {
    requireRoleAndPermission(
      this.principal,
      SUPPLIER_ROLES,
      SUPPLIER_SETTLING,
      'Invoices are recorded by the supplier',
    );
    const valid = validateInvoice(input);
    const statement = await readableStatement(this.em, this.principal, statementId);
    if (statement.status === StatementStatus.DRAFT)
      throw conflict(`Statement ${statementId} is still a DRAFT: invoice it once the platform has issued it.`);
    const [{ n } = { n: 0 }] = await selectRows<{ n: number }>(
      this.em,
      'SELECT COUNT(*) AS n FROM settlement_invoice WHERE statement_id = ?',
      [statement.id],
    );
    if (Number(n) >= MAX_INVOICES_PER_STATEMENT)
      throw conflict(
        `Statement ${statementId} has ${MAX_INVOICES_PER_STATEMENT} invoices already (voided ones count).`,
      );
    const expected = expectedTaxFen(valid.amountFen, valid.taxRateBp);
    const status = Math.abs(valid.taxFen - expected) > TAX_TOLERANCE_FEN ? InvoiceStatus.FLAGGED : InvoiceStatus.VALID;
    const now = new Date();
    const inserted = await insertIgnoringDuplicates(
      this.em,
      'settlement_invoice',
      [
        {
          statement_id: statement.id,
          bank_id: statement.bankId,
          supplier_id: statement.supplierId,
          number: valid.number,
          code: valid.code,
          amount_fen: valid.amountFen,
          tax_rate_bp: valid.taxRateBp,
          tax_fen: valid.taxFen,
          issued_on: valid.issuedOn,
          status,
          recorded_by: this.principal.sub.slice(0, 100),
          recorded_at: this.em.getPlatform().processDateProperty(now),
          checked_at: this.em.getPlatform().processDateProperty(now),
        },
      ],
      ['supplier_id', 'code', 'number'],
    );
    if (inserted !== 1) {
      const other = await this.em.findOne(SettlementInvoice, {
        supplierId: statement.supplierId,
        code: valid.code,
        number: valid.number,
      });
      throw conflict(
        `Invoice ${valid.code ? `${valid.code} ` : ''}${valid.number} is already recorded${
          other ? ` (on statement ${other.statementId}${other.status === InvoiceStatus.VOIDED ? ', voided' : ''})` : ''
        }: an invoice is recorded once.`,
      );
    }
    const invoices = await this.invoicesOf([statement.id]);
    const list = invoices.get(statement.id) ?? [];
    const invoice = list.find((i) => i.number === valid.number && i.code === valid.code)!;
    return { invoice, check: checkInvoices(statement, list) };
  }

  /** The supplier withdraws an invoice (with a reason): it no longer counts. Voiding twice is CONFLICT. */
  async void(invoiceId: number, reason: string): Promise<StatementInvoicesView> {
    requireRoleAndPermission(this.principal, SUPPLIER_ROLES, SUPPLIER_SETTLING, 'Invoices are voided by the supplier');
    const why = reason.trim();
    if (why.length < 2)
      throw badInput('Say why the invoice is voided.', [{ field: 'input.reason', message: 'at least 2 characters.' }]);
    const invoice = assertVisible(
      this.principal,
      Number.isSafeInteger(invoiceId) && invoiceId > 0 ? await this.em.findOne(SettlementInvoice, invoiceId) : null,
      'Invoice',
      invoiceId,
    );
    const changed = await affectedRows(
      this.em,
      `UPDATE settlement_invoice SET status = ?, void_reason = ?, voided_at = ? WHERE id = ? AND status <> ?`,
      [
        InvoiceStatus.VOIDED,
        why,
        this.em.getPlatform().processDateProperty(new Date()),
        invoice.id,
        InvoiceStatus.VOIDED,
      ],
    );
    if (changed !== 1) throw conflict(`Invoice ${invoiceId} is voided already.`);
    return this.statementInvoices(invoice.statementId, true);
  }

  /** The platform re-runs the check of a statement's invoices (stored on each: status and checkedAt). */
  async check(statementId: number): Promise<StatementInvoicesView> {
    requireRoleAndPermission(
      this.principal,
      PLATFORM_ROLES,
      MANAGING_SETTLEMENT,
      "Invoices are checked by the platform's settlement team",
    );
    const statement = await readableStatement(this.em, this.principal, statementId);
    const invoices = (await this.invoicesOf([statement.id])).get(statement.id) ?? [];
    const now = this.em.getPlatform().processDateProperty(new Date());
    for (const i of invoices) {
      if (i.status === InvoiceStatus.VOIDED) continue;
      const status = invoiceStatus(i);
      await affectedRows(
        this.em,
        'UPDATE settlement_invoice SET status = ?, checked_at = ? WHERE id = ? AND status <> ?',
        [status, now, i.id, InvoiceStatus.VOIDED],
      );
    }
    return this.statementInvoices(statement.id, true);
  }

  /** A statement's invoices and their check, from its current figures (never stale). */
  async statementInvoices(statementId: number, refresh = false): Promise<StatementInvoicesView> {
    const statement = await readableStatement(this.em, this.principal, statementId);
    if (refresh) await this.em.refresh(statement);
    const invoices = (await this.invoicesOf([statement.id])).get(statement.id) ?? [];
    return checkInvoices(statement, invoices);
  }

  /** Invoices of several statements, oldest first, in one statement (the DataLoader's batch). */
  async invoicesOf(statementIds: readonly number[]): Promise<Map<number, SettlementInvoice[]>> {
    const out = new Map<number, SettlementInvoice[]>();
    if (statementIds.length === 0) return out;
    const rows = await this.em.find(
      SettlementInvoice,
      { statementId: { $in: [...statementIds] } },
      { orderBy: { id: 'ASC' }, refresh: true },
    );
    for (const r of rows) {
      const list = out.get(r.statementId) ?? [];
      list.push(r);
      out.set(r.statementId, list);
    }
    return out;
  }

  /**
   * Statements with invoices, newest first, one page: REIMBURSABLE (CONFIRMED or CLOSED, invoiced
   * amount + tax equal to the total, none flagged) or FLAGGED (a tax mismatch, or totals that differ).
   * Selected in SQL from the statements' current totals, so an adjustment after invoicing shows at once.
   */
  async invoicedStatements(
    filter: InvoicedStatementFilter,
    scope: { bankId?: number | null; supplierId?: number | null },
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<StatementInvoicesView>> {
    requireSettlementReader(this.principal);
    if (filter === InvoicedStatementFilter.REIMBURSABLE && isSupplier(this.principal))
      throw forbidden("The reimbursement view is the bank's (and the platform's).");
    const limit = pageSize(first);
    const where: string[] = [];
    const params: unknown[] = [];
    const own = (column: string, mine: string | undefined, asked: number | null | undefined, what: string) => {
      if (mine !== undefined) {
        if (asked && String(asked) !== mine) throw notFound(what, asked);
        where.push(`s.${column} = ?`);
        params.push(Number(mine));
      } else if (asked) {
        where.push(`s.${column} = ?`);
        params.push(asked);
      }
    };
    own('bank_id', isBankStaff(this.principal) ? this.principal.bankId : undefined, scope.bankId, 'Bank');
    own(
      'supplier_id',
      isSupplier(this.principal) ? this.principal.supplierId : undefined,
      scope.supplierId,
      'Supplier',
    );
    if (filter === InvoicedStatementFilter.REIMBURSABLE) where.push(`s.status IN ('CONFIRMED', 'CLOSED')`);
    if (after) {
      const [id] = decodeCursor(after, 1);
      if (typeof id !== 'number') throw badInput('`after` is not a cursor from this list; start again without it.');
      where.push('s.id < ?');
      params.push(id);
    }
    const having =
      filter === InvoicedStatementFilter.REIMBURSABLE
        ? `SUM(i.amount_fen + i.tax_fen) = s.total_fen AND SUM(CASE WHEN i.status = 'FLAGGED' THEN 1 ELSE 0 END) = 0`
        : `SUM(i.amount_fen + i.tax_fen) <> s.total_fen OR SUM(CASE WHEN i.status = 'FLAGGED' THEN 1 ELSE 0 END) > 0`;
    const rows = await selectRows<SummaryRow>(
      this.em,
      `SELECT s.id FROM settlement_statement s JOIN settlement_invoice i ON i.statement_id = s.id AND i.status <> 'VOIDED'
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY s.id, s.total_fen HAVING ${having} ORDER BY s.id DESC LIMIT ${limit + 1}`,
      params,
    );
    const ids = rows.map((r) => Number(r.id));
    const statements = ids.length
      ? await this.em.find(SettlementStatement, { id: { $in: ids } }, { refresh: true })
      : [];
    const byId = new Map(statements.map((s) => [s.id, s]));
    const invoices = await this.invoicesOf(ids.slice(0, limit));
    const views = ids.map((id) => checkInvoices(byId.get(id)!, invoices.get(id) ?? []));
    const hasNextPage = views.length > limit;
    const page = views.slice(0, limit);
    const edges = page.map((node) => ({ node, cursor: encodeCursor([node.statement.id]) }));
    return {
      edges,
      pageInfo: {
        hasNextPage,
        hasPreviousPage: Boolean(after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }
}
